"""The local queue of entries: rows, payload revisions and state moves.

Every function that changes an entry does it in one transaction together with
its audit row, and every state move goes through ``lifecycle.check_move``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec

from koopbis_desktop.domain.display import format_stamp
from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import (
    ACTION_LABELS,
    Action,
    Actor,
    IllegalTransition,
    State,
    check_move,
)
from koopbis_desktop.store import audit, counts
from koopbis_desktop.store.acting import require_active
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.engine import Connection, for_update
from koopbis_desktop.store.errors import NotFound, StoreError
from koopbis_desktop.store.listing import PageKey, keyset, keyset_batches

P = ParamSpec("P")


@dataclass(frozen=True)
class Entry:
    """An entry (one recorded change) as stored: its state, cooperative and latest revision."""

    uuid: str
    type: str
    cooperative_id: str | None
    cooperative_ref: str | None
    effective_date: str | None
    state: State
    author: str
    approver: str | None
    revision: int
    payload: dict[str, Any]
    base: dict[str, Any]
    issues: list[dict[str, Any]]
    comment: str | None
    created_at: str
    updated_at: str
    submitted_at: str | None
    approved_at: str | None
    receipt: str | None
    server_version: int | None
    outcome: dict[str, Any] | None
    synced_at: str | None
    number: str | None = None  # "2015/000123": what people see; the uuid stays the sync key

    @property
    def label(self) -> str:
        """How the entry is named to a person: its number (the uuid's start before it has one)."""
        return self.number or self.uuid[:8]

    @property
    def cooperative(self) -> str | None:
        """The cooperative as the person knows it: registry id, or the local registration."""
        return self.cooperative_id or self.cooperative_ref

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.uuid,
            "number": self.number,
            "type": self.type,
            "cooperative": self.cooperative_id,
            "cooperative_ref": self.cooperative_ref,
            "effective_date": self.effective_date,
            "state": self.state.value,
            "author": self.author,
            "approver": self.approver,
            "revision": self.revision,
            "payload": self.payload,
            "base": self.base,
            "issues": self.issues,
            "comment": self.comment,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "submitted_at": self.submitted_at,
            "approved_at": self.approved_at,
            "receipt": self.receipt,
            "server_version": self.server_version,
            "outcome": self.outcome,
            "synced_at": self.synced_at,
        }


@dataclass(frozen=True)
class Revision:
    """One saved version of an entry's payload, with the KOOP-BİS base it was made against."""

    revision: int
    payload: dict[str, Any]
    base: dict[str, Any]
    author: str
    created_at: str
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "revision": self.revision,
            "payload": self.payload,
            "base": self.base,
            "author": self.author,
            "created_at": self.created_at,
            "note": self.note,
        }


COLUMNS = (
    "uuid, type, cooperative_id, cooperative_ref, effective_date, state, author, approver, revision, "
    "payload, base, issues, comment, created_at, updated_at, submitted_at, approved_at, receipt, "
    "server_version, outcome, synced_at, number"
)


# What json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) builds
# on every call, built once: the same text, without an encoder object per value.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(value: Any) -> str:
    return _ENCODER.encode(value)


def row_to_entry(row: Sequence[Any]) -> Entry:
    (
        uuid,
        type_,
        coop_id,
        coop_ref,
        eff,
        state,
        author,
        approver,
        revision,
        payload,
        base,
        issues,
        comment,
        created,
        updated,
        submitted,
        approved,
        receipt,
        server_version,
        outcome,
        synced,
        number,
    ) = row
    return Entry(
        uuid=uuid,
        type=type_,
        cooperative_id=coop_id,
        cooperative_ref=coop_ref,
        effective_date=eff,
        state=State(state),
        author=author,
        approver=approver,
        revision=int(revision),
        payload=json.loads(payload),
        base=json.loads(base),
        issues=json.loads(issues),
        comment=comment,
        created_at=created,
        updated_at=updated,
        submitted_at=submitted,
        approved_at=approved,
        receipt=receipt,
        server_version=server_version,
        outcome=json.loads(outcome) if outcome else None,
        synced_at=synced,
        number=number,
    )


def normalise_number(text: str) -> str:
    """ "2015/123" as typed → "2015/000123" as stored; anything else unchanged."""
    year, _, serial = text.strip().partition("/")
    if len(year) == 4 and year.isdigit() and serial.isdigit():
        return f"{year}/{int(serial):06d}"
    return text.strip()


def new_uuid() -> str:
    import uuid  # with the first new entry, not at every start (uuid loads platform)

    return str(uuid.uuid4())


def insert_entry(
    store: Store,
    *,
    actor: Actor,
    type_id: str,
    cooperative_id: str | None,
    cooperative_ref: str | None,
    effective_date: str | None,
    payload: dict[str, Any],
    base: dict[str, Any],
    issues: list[dict[str, Any]],
    search: str,
    entry_uuid: str | None = None,
) -> Entry:
    """Create a draft with revision 1 and its audit row, in one durable transaction."""
    key = entry_uuid or new_uuid()
    when = stamp()
    with store.atomic() as conn:
        require_active(conn, actor)
        conn.execute(
            "INSERT INTO entries(uuid, type, cooperative_id, cooperative_ref, effective_date, state, author, "
            "revision, payload, base, issues, created_at, updated_at, search) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
            (
                key,
                type_id,
                cooperative_id,
                cooperative_ref,
                effective_date,
                State.DRAFT.value,
                actor.username,
                dumps(payload),
                dumps(base),
                dumps(issues),
                when,
                when,
                search,
            ),
        )
        conn.execute(
            "INSERT INTO revisions(entry_uuid, revision, payload, base, author, created_at) VALUES (?, 1, ?, ?, ?, ?)",
            (key, dumps(payload), dumps(base), actor.username, when),
        )
        audit.append(
            conn,
            actor=actor.username,
            action="create",
            entry_uuid=key,
            to_state=State.DRAFT.value,
            details={
                "type": type_id,
                "cooperative": cooperative_id or cooperative_ref,
                "revision": 1,
            },
        )
    return get_entry(store, key)


def get_entry(store: Store, entry_uuid: str) -> Entry:
    """The entry by its uuid, the uuid's first characters (6 or more) or its number (2015/000123)."""
    row = store.execute(f"SELECT {COLUMNS} FROM entries WHERE uuid = ?", (entry_uuid,)).fetchone()
    if row is None and "/" in entry_uuid:
        row = store.execute(
            f"SELECT {COLUMNS} FROM entries WHERE number = ?", (normalise_number(entry_uuid),)
        ).fetchone()
    if row is None:
        matches = (
            store.execute(
                f"SELECT {COLUMNS} FROM entries WHERE uuid LIKE ? LIMIT 2", (f"{entry_uuid}%",)
            ).fetchall()
            if len(entry_uuid) >= 6
            else []
        )
        if len(matches) == 1:
            return row_to_entry(matches[0])
        raise NotFound(tx("Kayıt bulunamadı: {entry_uuid}").format(entry_uuid=entry_uuid))
    return row_to_entry(row)


def update_payload(
    store: Store,
    entry: Entry,
    *,
    actor: Actor,
    effective_date: str | None,
    payload: dict[str, Any],
    base: dict[str, Any],
    issues: list[dict[str, Any]],
    search: str,
    note: str | None = None,
    expected_revision: int | None = None,
) -> Entry:
    """Store a new revision of a draft/returned entry (which becomes a draft again).

    ``expected_revision`` is the revision the person's form was loaded from: if someone
    saved a newer one meanwhile (on this PC or another), nothing is stored and
    :class:`RevisionChanged` names who and when, with the newer payload.
    """
    when = stamp()
    with store.atomic() as conn:
        require_active(conn, actor)
        current = locked_state(conn, entry.uuid)
        stored = int(conn.execute("SELECT revision FROM entries WHERE uuid = ?", (entry.uuid,)).fetchone()[0])
        if expected_revision is not None and stored != expected_revision:
            raise _revision_changed(conn, entry.uuid, expected_revision, stored)
        target = _checked_move(conn, entry.uuid, Action.EDIT, current, actor, entry.author)
        revision = stored + 1
        conn.execute(
            "UPDATE entries SET payload = ?, base = ?, issues = ?, effective_date = ?, state = ?, revision = ?, "
            "updated_at = ?, search = ? WHERE uuid = ?",
            (
                dumps(payload),
                dumps(base),
                dumps(issues),
                effective_date,
                target.value,
                revision,
                when,
                search,
                entry.uuid,
            ),
        )
        conn.execute(
            "INSERT INTO revisions(entry_uuid, revision, payload, base, author, created_at, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (entry.uuid, revision, dumps(payload), dumps(base), actor.username, when, note),
        )
        audit.append(
            conn,
            actor=actor.username,
            action="edit",
            entry_uuid=entry.uuid,
            from_state=current.value,
            to_state=target.value,
            comment=note,
            details={"revision": revision},
        )
    return get_entry(store, entry.uuid)


class RevisionChanged(StoreError):
    """A save over a newer revision someone else stored after the form was loaded."""

    exit_code = ExitCode.NOT_PERMITTED

    def __init__(
        self,
        message: str,
        *,
        entry_uuid: str,
        loaded_revision: int,
        stored_revision: int,
        saved_by: str,
        saved_at: str,
        newer_payload: dict[str, Any],
    ) -> None:
        super().__init__(message)
        self.entry_uuid = entry_uuid
        self.loaded_revision = loaded_revision
        self.stored_revision = stored_revision
        self.saved_by = saved_by
        self.saved_at = saved_at
        self.newer_payload = newer_payload


def _revision_changed(conn: Connection, entry_uuid: str, loaded: int, stored: int) -> RevisionChanged:
    row = conn.execute(
        "SELECT author, created_at, payload FROM revisions WHERE entry_uuid = ? ORDER BY revision DESC LIMIT 1",
        (entry_uuid,),
    ).fetchone()
    who, at, payload = (str(row[0]), str(row[1]), json.loads(row[2])) if row else ("?", "", {})
    return RevisionChanged(
        tx(
            "Bu kaydı siz açtıktan sonra {who} {when} tarihinde yeniden kaydetti (sürüm {stored}; sizin formunuz "
            "sürüm {loaded} üzerineydi). Sizin değişiklikleriniz onun kaydının üzerine yazılmadı: farklara bakıp "
            "değişikliklerinizi yeni sürümün üzerine yeniden uygulayın."
        ).format(who=who, when=format_stamp(at) if at else "?", stored=stored, loaded=loaded),
        entry_uuid=entry_uuid,
        loaded_revision=loaded,
        stored_revision=stored,
        saved_by=who,
        saved_at=at,
        newer_payload=payload,
    )


class ReviewedRevisionChanged(StoreError):
    """A supervisor's decision on a revision older than the one the entry holds now."""

    exit_code = ExitCode.NOT_PERMITTED

    def __init__(
        self,
        message: str,
        *,
        entry_uuid: str,
        reviewed_revision: int,
        stored_revision: int,
        saved_by: str = "?",
        saved_at: str = "",
    ) -> None:
        super().__init__(message)
        self.entry_uuid = entry_uuid
        self.reviewed_revision = reviewed_revision
        self.stored_revision = stored_revision
        self.saved_by = saved_by  # who saved the newest revision, and when (a stamp; "" unknown)
        self.saved_at = saved_at


def _reviewed_revision_changed(
    conn: Connection, entry_uuid: str, action: Action, reviewed: int, stored: int
) -> ReviewedRevisionChanged:
    row = conn.execute(
        "SELECT author, created_at FROM revisions WHERE entry_uuid = ? ORDER BY revision DESC LIMIT 1",
        (entry_uuid,),
    ).fetchone()
    who, at = (str(row[0]), str(row[1])) if row else ("?", "")
    return ReviewedRevisionChanged(
        tx(
            "Bu kayıt siz incelerken değişti: {who} {when} tarihinde yeni bir sürüm kaydetti (sürüm {stored}; "
            "siz sürüm {reviewed} üzerine karar veriyordunuz). İşleminiz ({action}) yapılmadı: yeni sürüm "
            "gösteriliyor, okuyup yeniden karar verin."
        ).format(
            who=who,
            when=format_stamp(at) if at else "?",
            stored=stored,
            reviewed=reviewed,
            action=ACTION_LABELS[action],
        ),
        entry_uuid=entry_uuid,
        reviewed_revision=reviewed,
        stored_revision=stored,
        saved_by=who,
        saved_at=at,
    )


class ShownChanged(StoreError):
    """A decision on what the person was shown, refused: the entry met a new state since.

    ``since`` is the audit row that put the entry in the state it is in (a conflict KOOP-BİS
    reported); a decision taken on an older one — another supervisor's decision came
    back as a new conflict meanwhile — would be applied to something nobody saw.
    """

    exit_code = ExitCode.NOT_PERMITTED

    def __init__(
        self, message: str, *, entry_uuid: str, seen: tuple[int, int], stored: tuple[int, int]
    ) -> None:
        super().__init__(message)
        self.entry_uuid = entry_uuid
        self.seen = seen
        self.stored = stored


def state_since(store: Store | Connection, entry_uuid: str) -> int:
    """The audit row (its seq) that moved the entry into the state it is in now; 0 if none.

    Every arrival in a state writes a new row, so this names one occurrence: a conflict that
    came back after a decision has a seq of its own.
    """
    row = store.execute(
        "SELECT MAX(a.seq) FROM audit a JOIN entries e ON e.uuid = a.entry_uuid "
        "WHERE a.entry_uuid = ? AND a.to_state = e.state",
        (entry_uuid,),
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def locked_state(conn: Connection, entry_uuid: str) -> State:
    """The entry's state, its row locked until the transaction ends (office database).

    Two PCs moving the same entry at once take turns here: the second reads the
    state the first one left, and its move is checked against that.
    """
    return _locked_state_and_author(conn, entry_uuid)[0]


def _locked_state_and_author(conn: Connection, entry_uuid: str) -> tuple[State, str]:
    """:func:`locked_state` and the entry's author, in one read."""
    row = conn.execute(
        f"SELECT state, author FROM entries WHERE uuid = ?{for_update(conn)}", (entry_uuid,)
    ).fetchone()
    if row is None:
        raise NotFound(tx("Kayıt bulunamadı: {entry_uuid}").format(entry_uuid=entry_uuid))
    return State(row[0]), str(row[1])


def lock_entries(conn: Connection, entry_uuids: Iterable[str]) -> None:
    """Lock these entries' rows until the transaction ends, in uuid order (office database).

    A transaction that moves several entries takes them all first. Moving them one by one it
    would hold the audit trail's turn after the first while another PC's move held the next
    entry's row and waited for that turn: each waiting on the other until the database ends
    one. In uuid order, two such transactions never hold what the other waits for either.
    SQLite needs none: ``BEGIN IMMEDIATE`` already holds the whole file's write lock.
    """
    if not for_update(conn):
        return
    wanted = sorted(set(entry_uuids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        conn.execute(
            f"SELECT uuid FROM entries WHERE uuid IN ({marks}) ORDER BY uuid{for_update(conn)}", chunk
        ).fetchall()


class MovedMeanwhile(IllegalTransition):
    """The move lost a race: someone else moved the entry first (on this PC or another)."""


def _checked_move(
    conn: Connection, entry_uuid: str, action: Action, current: State, actor: Actor, author: str
) -> State:
    """``check_move``; a refused move says who moved the entry last, and when, if not the actor."""
    try:
        return check_move(action, current, actor, author)
    except IllegalTransition as exc:
        last = conn.execute(
            "SELECT actor, action, at FROM audit WHERE entry_uuid = ? ORDER BY seq DESC LIMIT 1",
            (entry_uuid,),
        ).fetchone()
        if last is None or last[0] == actor.username or last[0] == "system":
            raise
        try:
            label = ACTION_LABELS[Action(last[1])]
        except ValueError:
            label = str(last[1])
        raise MovedMeanwhile(
            tx(
                "{refused} Sizden önce davranan: {who}, {when} ({action}); sizin işleminiz uygulanmadı."
            ).format(refused=exc.message, who=last[0], when=format_stamp(str(last[2])), action=label)
        ) from exc


_MOVE_FIELDS = {
    "approver",
    "approved_at",
    "submitted_at",
    "comment",
    "receipt",
    "server_version",
    "outcome",
    "synced_at",
    "cooperative_id",
    "cooperative_ref",
}


def make_move(
    store: Store,
    entry_uuid: str,
    action: Action,
    actor: Actor,
    *,
    comment: str | None = None,
    details: dict[str, Any] | None = None,
    fields: dict[str, Any] | None = None,
    revision: tuple[dict[str, Any], dict[str, Any], str | None] | None = None,
    reviewed_revision: int | None = None,
    seen: tuple[int, int] | None = None,
) -> None:
    """Make one life-cycle move with its audit row; the state is re-read inside the transaction.

    For a caller that does not need the entry afterwards (the sync's recording of an answer,
    5,000 of them in a run): :func:`move` reads it back.

    ``revision`` = (payload, base, note) stores a new payload revision in the same
    transaction (a supervisor's merge when resolving a conflict).
    ``reviewed_revision``: the revision the person read before deciding (a supervisor's
    review); if the entry holds a newer one now, the move is refused with
    :class:`ReviewedRevisionChanged` (four eyes: one approves what one has read).
    ``seen`` = (revision, :func:`state_since`) as the person was shown the entry (a conflict
    decision): if either differs now, the move is refused with :class:`ShownChanged`.
    """
    updates = dict(fields or {})
    unknown = set(updates) - _MOVE_FIELDS
    if unknown:
        raise ValueError(f"not movable fields: {unknown}")
    with store.atomic() as conn:
        require_active(conn, actor)
        current, author = _locked_state_and_author(conn, entry_uuid)
        target = _checked_move(conn, entry_uuid, action, current, actor, author)
        if reviewed_revision is not None:
            stored = int(
                conn.execute("SELECT revision FROM entries WHERE uuid = ?", (entry_uuid,)).fetchone()[0]
            )
            if stored != reviewed_revision:
                raise _reviewed_revision_changed(conn, entry_uuid, action, reviewed_revision, stored)
        if seen is not None:
            stored = int(
                conn.execute("SELECT revision FROM entries WHERE uuid = ?", (entry_uuid,)).fetchone()[0]
            )
            now = (stored, state_since(conn, entry_uuid))
            if now != tuple(seen):
                raise ShownChanged(
                    tx(
                        "Bu kayıt siz incelerken değişti; işleminiz ({action}) uygulanmadı. Kaydı yeniden "
                        "açıp yeni hâline bakarak karar verin."
                    ).format(action=ACTION_LABELS[action]),
                    entry_uuid=entry_uuid,
                    seen=(int(seen[0]), int(seen[1])),
                    stored=now,
                )
        when = stamp()
        updates["state"] = target.value
        updates["updated_at"] = when
        if (
            "outcome" in updates
            and updates["outcome"] is not None
            and not isinstance(updates["outcome"], str)
        ):
            updates["outcome"] = dumps(updates["outcome"])
        if revision is not None:
            payload, base, note = revision
            number = (
                int(conn.execute("SELECT revision FROM entries WHERE uuid = ?", (entry_uuid,)).fetchone()[0])
                + 1
            )
            conn.execute(
                "INSERT INTO revisions(entry_uuid, revision, payload, base, author, created_at, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (entry_uuid, number, dumps(payload), dumps(base), actor.username, when, note),
            )
            updates.update(payload=dumps(payload), base=dumps(base), revision=number)
            details = {**(details or {}), "revision": number}
        assignments = ", ".join(f"{name} = ?" for name in updates)
        conn.execute(f"UPDATE entries SET {assignments} WHERE uuid = ?", (*updates.values(), entry_uuid))
        audit.append(
            conn,
            actor=actor.username,
            action=action.value,
            entry_uuid=entry_uuid,
            from_state=current.value,
            to_state=target.value,
            comment=comment,
            details=details,
        )


def _read_back(
    make: Callable[Concatenate[Store, str, P], None],
) -> Callable[Concatenate[Store, str, P], Entry]:
    """``make(store, entry_uuid, …)``, then the entry as it left it."""

    def made(store: Store, entry_uuid: str, /, *args: P.args, **kwargs: P.kwargs) -> Entry:
        make(store, entry_uuid, *args, **kwargs)
        return get_entry(store, entry_uuid)

    return made


#: :func:`make_move`, then the entry as the move left it.
move = _read_back(make_move)


def revisions(store: Store, entry_uuid: str) -> list[Revision]:
    rows = store.execute(
        "SELECT revision, payload, base, author, created_at, note FROM revisions WHERE entry_uuid = ? "
        "ORDER BY revision",
        (entry_uuid,),
    ).fetchall()
    return [Revision(int(r[0]), json.loads(r[1]), json.loads(r[2]), r[3], r[4], r[5]) for r in rows]


# How many entries a listing reads at once: each batch is one query starting where the last ended.
ENTRY_BATCH = 500

# The order entries are listed in: first save, then number. A member list import saves its
# rows in one millisecond, and the numbers, given in insertion order, keep the file's order
# among them (the uuid would shuffle it); COALESCE only guards a row the numbering missed.
_CREATED = ("created_at", "COALESCE(number, uuid)")


def iter_entries(
    store: Store,
    *,
    states: Sequence[State] | None = None,
    author: str | None = None,
    type_id: str | None = None,
    cooperative: str | None = None,
    batch: int = ENTRY_BATCH,
) -> Iterator[Entry]:
    """The entries the filters find, oldest first, read ``batch`` at a time by keyset."""
    where: list[str] = []
    params: list[Any] = []
    if states:
        where.append(f"state IN ({', '.join('?' for _ in states)})")
        params.extend(s.value for s in states)
    if author:
        where.append("author = ?")
        params.append(author)
    if type_id:
        where.append("type = ?")
        params.append(type_id)
    if cooperative:
        where.append("(cooperative_id = ? OR cooperative_ref = ?)")
        params.extend([cooperative, cooperative])

    def read(after: PageKey | None) -> list[Entry]:
        condition, key_params, order = keyset(_CREATED, after, False)
        clauses = " AND ".join([*where, condition] if condition else where)
        rows = store.query(
            f"SELECT {COLUMNS} FROM entries{' WHERE ' + clauses if clauses else ''}{order} LIMIT ?",
            [*params, *key_params, batch],
        )
        return [row_to_entry(r) for r in rows]

    for found in keyset_batches(
        read, lambda e: PageKey(e.created_at, e.uuid if e.number is None else e.number), batch
    ):
        yield from found


def list_entries(
    store: Store,
    *,
    states: Sequence[State] | None = None,
    author: str | None = None,
    type_id: str | None = None,
    cooperative: str | None = None,
) -> list[Entry]:
    """:func:`iter_entries` as a list, for the short lists (conflicts, a registration's dependents)."""
    return list(iter_entries(store, states=states, author=author, type_id=type_id, cooperative=cooperative))


def count_by_state(store: Store) -> dict[State, int]:
    """The entries in each state (a state with none is left out): the counts the file keeps, else counted."""
    kept = counts.entries_by_state(store)
    if kept is not None:
        return {State(state): n for state, n in kept.items()}
    rows = store.execute("SELECT state, COUNT(*) FROM entries GROUP BY state").fetchall()
    return {State(r[0]): int(r[1]) for r in rows}


def audit_rows(store: Store, entry_uuid: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT seq, at, actor, action, entry_uuid, from_state, to_state, comment, details FROM audit"
    params: tuple[Any, ...] = ()
    if entry_uuid:
        sql += " WHERE entry_uuid = ?"
        params = (entry_uuid,)
    sql += " ORDER BY seq"
    names = (
        "seq",
        "at",
        "actor",
        "action",
        "entry",
        "from_state",
        "to_state",
        "comment",
        "details",
    )
    out = []
    for row in store.execute(sql, params):
        item = dict(zip(names, row, strict=True))
        item["details"] = json.loads(item["details"])
        out.append(item)
    return out


# -- named reads and writes for services and sync ------------------------------------------


def payloads_of(store: Store, uuids: Sequence[str]) -> dict[str, str]:
    """uuid → payload JSON of each entry in ``uuids`` that exists."""
    if not uuids:
        return {}
    marks = ", ".join("?" for _ in uuids)
    rows = store.query(f"SELECT uuid, payload FROM entries WHERE uuid IN ({marks})", list(uuids))
    return {str(r[0]): str(r[1]) for r in rows}


def states_of(store: Store, uuids: Iterable[str]) -> dict[str, State]:
    """uuid → state of each entry in ``uuids`` that exists."""
    wanted = tuple(uuids)
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    rows = store.query(f"SELECT uuid, state FROM entries WHERE uuid IN ({marks})", wanted)
    return {str(r[0]): State(r[1]) for r in rows}


def state_and_author(store: Store, entry_uuid: str) -> tuple[State, str] | None:
    row = store.query_one("SELECT state, author FROM entries WHERE uuid = ?", (entry_uuid,))
    return (State(row[0]), str(row[1])) if row else None


def cooperative_of(store: Store, entry_uuid: str) -> str | None:
    """The KOOP-BİS id an entry is bound to (a registration's, once applied)."""
    row = store.query_one("SELECT cooperative_id FROM entries WHERE uuid = ?", (entry_uuid,))
    return str(row[0]) if row and row[0] else None


def admission_payloads(store: Store, cooperative: str, states: Sequence[str]) -> list[str]:
    """Payload JSON of the member admissions of ``cooperative`` in ``states``, oldest first."""
    marks = ", ".join("?" for _ in states)
    rows = store.query(
        "SELECT payload FROM entries WHERE type = 'member.admit' AND (cooperative_id = ? OR cooperative_ref = ?) "
        f"AND state IN ({marks}) ORDER BY created_at, rowid",
        (cooperative, cooperative, *states),
    )
    return [str(r[0]) for r in rows]


def remap_cooperative(
    store: Store,
    entry_uuid: str,
    cooperative_id: str,
    *,
    base: dict[str, Any],
    revision: int,
    author: str,
    note: str,
) -> None:
    """Bind an entry to an existing cooperative with a new base, recorded as a new revision.

    Inside the caller's transaction, which also writes the audit row.
    """
    store.execute(
        "UPDATE entries SET cooperative_id = ?, cooperative_ref = NULL, base = ?, revision = ? WHERE uuid = ?",
        (cooperative_id, dumps(base), revision, entry_uuid),
    )
    store.execute(
        "INSERT INTO revisions(entry_uuid, revision, payload, base, author, created_at, note) "
        "SELECT uuid, ?, payload, ?, ?, updated_at, ? FROM entries WHERE uuid = ?",
        (revision, dumps(base), author, note, entry_uuid),
    )


def point_at_cooperative(store: Store, entry_uuid: str, cooperative_id: str, now: str) -> None:
    """Send an entry that waited for a local registration to the id KOOP-BİS gave it."""
    store.execute(
        "UPDATE entries SET cooperative_id = ?, cooperative_ref = NULL, updated_at = ? WHERE uuid = ?",
        (cooperative_id, now, entry_uuid),
    )


def referring(store: Store, registration_uuid: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(uuid, type, payload) of every entry on the local registration ``registration_uuid``."""
    rows = store.execute(
        "SELECT uuid, type, payload FROM entries WHERE cooperative_ref = ? ORDER BY uuid",
        (registration_uuid,),
    ).fetchall()
    return [(str(uuid), str(type_id), json.loads(payload)) for uuid, type_id, payload in rows]


def set_search(store: Store, rows: Iterable[tuple[str, str]]) -> None:
    """Store each (search text, uuid): the folded text the queue's filter finds an entry by."""
    with store.atomic() as conn:
        conn.executemany("UPDATE entries SET search = ? WHERE uuid = ?", list(rows))


def waiting_on_registration(store: Store, registration_uuid: str, state: State) -> list[str]:
    """Uuids of the entries in ``state`` that refer to a local registration."""
    rows = store.query(
        "SELECT uuid FROM entries WHERE cooperative_ref = ? AND state = ?", (registration_uuid, state.value)
    )
    return [str(r[0]) for r in rows]


def synced_chain(store: Store, cooperative_id: str) -> list[tuple[Any, ...]]:
    """The synced entries of a cooperative in the order KOOP-BİS applied them:
    uuid, type, payload, base, outcome, synced at (JSON as stored), server version."""
    return store.query(
        "SELECT uuid, type, payload, base, outcome, synced_at, server_version FROM entries "
        "WHERE cooperative_id = ? AND state = 'synced' "
        "ORDER BY server_version, synced_at, rowid",
        (cooperative_id,),
    )


def last_revision_at(store: Store, entry_uuid: str) -> str | None:
    row = store.query_one(
        "SELECT created_at FROM revisions WHERE entry_uuid = ? ORDER BY revision DESC LIMIT 1", (entry_uuid,)
    )
    return str(row[0]) if row else None


def all_payloads(store: Store) -> Iterator[str]:
    """Every payload JSON of every entry and revision (the support bundle hides their words)."""
    for table in ("entries", "revisions"):
        for (payload,) in store.execute(f"SELECT payload FROM {table}"):
            yield str(payload)


def find_by_reference(store: Store, reference: str) -> list[Entry]:
    """Entries a person names by their number, UUID, its first characters (8 or more), or receipt."""
    text = reference.strip()
    if "/" in text:
        rows = store.execute(
            f"SELECT {COLUMNS} FROM entries WHERE number = ?", (normalise_number(text),)
        ).fetchall()
        if rows:
            return [row_to_entry(r) for r in rows]
    if len(text) < 8:
        return []
    rows = store.execute(
        f"SELECT {COLUMNS} FROM entries WHERE uuid = ? OR (uuid >= ? AND uuid < ?) OR receipt = ? "
        "ORDER BY created_at, rowid LIMIT 5",
        (text.lower(), text.lower(), text.lower() + "\U0010ffff", text.upper()),
    ).fetchall()
    return [row_to_entry(r) for r in rows]


def live_payloads(
    store: Store, type_ids: Sequence[str], cooperative: str | None = None
) -> list[tuple[str, str, dict[str, Any]]]:
    """``(cooperative, type, payload)`` of entries still going to KOOP-BİS (or gone), by effective date.

    Withdrawn and discarded entries are left out: they will never change the record.
    """
    if not type_ids:
        return []
    sql = (
        "SELECT COALESCE(cooperative_id, cooperative_ref), type, payload FROM entries "
        f"WHERE type IN ({', '.join('?' for _ in type_ids)}) AND state NOT IN (?, ?)"
    )
    params: list[Any] = [*type_ids, State.WITHDRAWN.value, State.DISCARDED.value]
    if cooperative:
        sql += " AND (cooperative_id = ? OR cooperative_ref = ?)"
        params.extend([cooperative, cooperative])
    sql += " ORDER BY effective_date, rowid"
    return [(str(r[0]), str(r[1]), json.loads(r[2])) for r in store.execute(sql, params)]
