"""The append-only audit trail, chained by SHA-256.

Each row hashes the previous row's hash together with its own canonical content
(sequence number, time, actor, action, entry, from/to state, comment, details).
Editing a row breaks its hash, deleting or reordering rows breaks the chain, and
deleting the newest rows is caught by the head (sequence and hash) kept in
``settings`` in the same transaction. Triggers refuse UPDATE and DELETE, so only
someone bypassing the program can tamper — and :func:`verify` shows where.

The chain also vouches for the state it led to: a row about an entry carries the
entry's resulting row (state, revision, SHA-256 of the payload, approver), a row
about an account the account's (role, enabled), inside the hashed content.
:func:`verify` compares the newest such row of every entry and account with the
tables, so a forged approval, a changed payload or a promoted clerk written
straight into the file is caught and named, as is an empty chain beside entries.
What no check inside the file can catch — the newest rows cut off with the head
rewritten, or the whole chain recomputed — a head kept outside catches: the daily
list prints it, each sync sends it to KOOP-BİS, and ``verify(anchor=…)`` checks it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from koopbis_desktop.domain.i18n import Labels, tx
from koopbis_desktop.store.changes import counts_as
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.engine import Connection, Engine, serialise

# The chain can be read through a Store (the engine interface) or a bare connection.
Source = Engine | Connection

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


_INSERT = (
    "INSERT INTO audit(seq, at, actor, action, entry_uuid, from_state, to_state, comment, details, "
    "prev_hash, hash, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SET_HEAD = counts_as(
    "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value "
    "-- the audit chain's head",
    "audit",
)


# json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")), its encoder built once.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical(
    seq: int,
    at: str,
    actor: str,
    action: str,
    entry_uuid: str | None,
    from_state: str | None,
    to_state: str | None,
    comment: str | None,
    details: str,
    state: str | None = None,
) -> bytes:
    return _canonical(
        seq, at, actor, action, entry_uuid, from_state, to_state, comment, json.loads(details), state
    )


def _canonical(
    seq: int,
    at: str,
    actor: str,
    action: str,
    entry_uuid: str | None,
    from_state: str | None,
    to_state: str | None,
    comment: str | None,
    details: Any,
    state: str | None = None,
) -> bytes:
    """:func:`canonical` with the details already parsed from their stored JSON."""
    body: dict[str, Any] = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "entry": entry_uuid,
        "from": from_state,
        "to": to_state,
        "comment": comment,
        "details": details,
    }
    if state is not None:
        # Rows written before the chain carried states hash exactly as they did then.
        body["state"] = state
    return _CANONICAL_JSON.encode(body).encode()


# --------------------------------------------------------------------------- vouched state

_STATE_CHUNK = 500


@cache
def _sha256() -> Callable[[bytes], Any]:
    """hashlib's SHA-256, loaded with the first row hashed (OpenSSL's hashes, ≈ 3 ms), not with
    every start that opens the store; a verification's 100,000 rows then look it up cheaply."""
    from hashlib import sha256

    return sha256


def _payload_digest(payload: object) -> str:
    return str(_sha256()(str(payload).encode()).hexdigest())


def entry_states(source: Source, uuids: Iterable[str]) -> dict[str, str]:
    """The vouched state of each entry: state, revision, payload SHA-256, approver, as canonical JSON."""
    wanted = list(dict.fromkeys(uuids))
    out: dict[str, str] = {}
    for start in range(0, len(wanted), _STATE_CHUNK):
        chunk = wanted[start : start + _STATE_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = source.execute(
            f"SELECT uuid, state, revision, payload, approver FROM entries WHERE uuid IN ({marks})", chunk
        ).fetchall()
        for uuid, state, revision, payload, approver in rows:
            out[str(uuid)] = _entry_state(state, revision, payload, approver)
    return out


def _entry_state(state: object, revision: object, payload: object, approver: object) -> str:
    return _CANONICAL_JSON.encode(
        {
            "state": state,
            "revision": revision,
            "payload_sha256": _payload_digest(payload),
            "approver": approver,
        }
    )


def user_states(source: Source, usernames: Iterable[str]) -> dict[str, str]:
    """The vouched state of each account: role and whether it is enabled, as canonical JSON."""
    wanted = list(dict.fromkeys(usernames))
    out: dict[str, str] = {}
    for start in range(0, len(wanted), _STATE_CHUNK):
        chunk = wanted[start : start + _STATE_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = source.execute(
            f"SELECT username, role, active FROM users WHERE username IN ({marks})", chunk
        ).fetchall()
        for username, role, active in rows:
            out[str(username)] = _user_state(role, active)
    return out


def _user_state(role: object, active: object) -> str:
    return _CANONICAL_JSON.encode({"role": role, "active": bool(active)})


def _account_of(record: Record) -> str | None:
    """The account an audit row changes (user_add, user_disable, …), if it changes one."""
    if record.action.startswith("user_") and record.details:
        name = record.details.get("username")
        return str(name) if name is not None else None
    return None


def row_hash(prev_hash: str, content: bytes) -> str:
    return str(_sha256()(prev_hash.encode("ascii") + content).hexdigest())


def append(
    conn: Connection,
    *,
    actor: str,
    action: str,
    entry_uuid: str | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    comment: str | None = None,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> str:
    """Append one audit row inside the caller's transaction; returns its hash."""
    if not conn.in_transaction:
        raise RuntimeError("audit.append must run inside the transaction of the change it records")
    record = Record(actor, action, entry_uuid, from_state, to_state, comment, details, at)
    return append_many(conn, (record,))[0]


@dataclass(frozen=True, slots=True)
class Record:
    """One audit row to append with :func:`append_many`: the keyword arguments of :func:`append`."""

    actor: str
    action: str
    entry_uuid: str | None = None
    from_state: str | None = None
    to_state: str | None = None
    comment: str | None = None
    details: dict[str, Any] | None = None
    at: datetime | None = None


def append_many(conn: Connection, records: Iterable[Record]) -> list[str]:
    """Append many audit rows inside the caller's transaction; returns their hashes in order.

    The chain is exactly the one :func:`append` called once per record would write
    (same canonical content, same hashes for the same times): the previous hash is
    read once, each row's hash is computed in one loop, the rows go in with one
    ``executemany`` and the head is updated once. Records without ``at`` share one
    timestamp, the moment of the call.
    """
    if not conn.in_transaction:
        raise RuntimeError("audit.append_many must run inside the transaction of the change it records")
    records = list(records)
    # Writers on several PCs append one after another: the chain stays one line. The turn
    # comes first: the states the rows vouch for are read in it, after the caller's write in
    # this transaction and after every earlier writer's commit (read before it, a state
    # another PC changed meanwhile would be vouched for after that PC's row).
    serialise(conn, "koopbis.audit")
    entry_state = entry_states(conn, (r.entry_uuid for r in records if r.entry_uuid))
    user_state = user_states(conn, (name for r in records if (name := _account_of(r)) is not None))
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0], last[1]) if last else (0, GENESIS)
    now = stamp()
    # Rows of one import share one details dict: its stored JSON, and the parsed form
    # canonical() hashes, are computed once per dict object. The cache holds the object
    # itself, so its id cannot be reused by another dict while the loop runs.
    details_cache: dict[int, tuple[object, str, Any]] = {}
    rows: list[tuple[Any, ...]] = []
    digests: list[str] = []
    for record in records:
        seq += 1
        when = now if record.at is None else stamp(record.at)
        cached = details_cache.get(id(record.details))
        if cached is None:
            details_json = json.dumps(record.details or {}, sort_keys=True, ensure_ascii=False)
            cached = (record.details, details_json, json.loads(details_json))
            details_cache[id(record.details)] = cached
        _, details_json, details_value = cached
        account = _account_of(record)
        state = (
            entry_state.get(record.entry_uuid)
            if record.entry_uuid
            else user_state.get(account)
            if account is not None
            else None
        )
        content = _canonical(
            seq,
            when,
            record.actor,
            record.action,
            record.entry_uuid,
            record.from_state,
            record.to_state,
            record.comment,
            details_value,
            state,
        )
        digest = row_hash(prev, content)
        rows.append(
            (
                seq,
                when,
                record.actor,
                record.action,
                record.entry_uuid,
                record.from_state,
                record.to_state,
                record.comment,
                details_json,
                prev,
                digest,
                state,
            )
        )
        digests.append(digest)
        prev = digest
    if rows:
        conn.executemany(_INSERT, rows)
        conn.execute(_SET_HEAD, (HEAD_KEY, f"{seq}:{prev}"))
    return digests


@dataclass(frozen=True)
class VerifyResult:
    """The audit chain's check: whether it holds, how many rows, its head, and the first bad row."""

    ok: bool
    rows: int
    head_hash: str
    bad_seq: int | None = None
    reason: str = ""

    @property
    def message(self) -> str:
        if self.ok:
            return tx("Denetim izi sağlam: {rows} kayıt, son özet {head_hash}.").format(
                rows=self.rows, head_hash=self.head_hash
            )
        where = tx("{bad_seq}. kayıtta").format(bad_seq=self.bad_seq) if self.bad_seq is not None else "sonda"
        return tx("Denetim izi BOZULMUŞ: ilk sorun {where}: {reason}").format(where=where, reason=self.reason)


def verify(conn: Source, *, anchor: str | None = None) -> VerifyResult:
    """Walk the chain in sequence order and report the first row that does not fit.

    Then check that the chain vouches for the tables (every entry's and account's
    newest row carries their current state) and, with ``anchor``, that a head kept
    outside the file (printed, or held by KOOP-BİS) is still a row of this chain.
    """
    prev = GENESIS
    expected_seq = 1
    count = 0
    entry_last: dict[str, tuple[int, str | None]] = {}
    user_last: dict[str, tuple[int, str | None]] = {}
    anchored = anchor is None
    wanted = (anchor or "").strip().lower().rpartition(":")[2]
    cursor = conn.execute(
        "SELECT seq, at, actor, action, entry_uuid, from_state, to_state, comment, details, prev_hash, hash, "
        "state FROM audit ORDER BY seq"
    )
    for (
        seq,
        at,
        actor,
        action,
        entry_uuid,
        from_state,
        to_state,
        comment,
        details,
        prev_hash,
        digest,
        state,
    ) in cursor:
        if seq != expected_seq:
            return VerifyResult(
                False,
                count,
                prev,
                expected_seq,
                tx("{expected_seq}. kayıt eksik (silinmiş).").format(expected_seq=expected_seq),
            )
        if prev_hash != prev:
            return VerifyResult(
                False,
                count,
                prev,
                seq,
                tx("önceki kaydın özetiyle bağ kopuk (silme ya da sıra değişikliği)."),
            )
        try:
            content = canonical(
                seq, at, actor, action, entry_uuid, from_state, to_state, comment, details, state
            )
            parsed = json.loads(details)
        except (ValueError, TypeError):
            return VerifyResult(False, count, prev, seq, tx("kayıt içeriği okunamıyor (değiştirilmiş)."))
        if row_hash(prev, content) != digest:
            return VerifyResult(False, count, prev, seq, tx("kayıt içeriği değiştirilmiş (özet tutmuyor)."))
        if entry_uuid:
            entry_last[str(entry_uuid)] = (seq, state)
        elif (
            str(action).startswith("user_")
            and isinstance(parsed, dict)
            and parsed.get("username") is not None
        ):
            user_last[str(parsed["username"])] = (seq, state)
        if digest == wanted:
            anchored = True
        prev = digest
        expected_seq += 1
        count += 1
    head = conn.execute("SELECT value FROM settings WHERE key = ?", (HEAD_KEY,)).fetchone()
    expected_head = f"{count}:{prev}" if count else None
    if (head[0] if head else None) != expected_head:
        return VerifyResult(
            False,
            count,
            prev,
            count + 1 if count else 1,
            tx("son kayıtlar silinmiş (zincir başı tutmuyor)."),
        )
    problem = _state_problem(conn, entry_last, user_last)
    if problem is not None:
        return VerifyResult(False, count, prev, problem[0], problem[1])
    if not anchored:
        return VerifyResult(
            False,
            count,
            prev,
            None,
            tx(
                "dışarıda saklanan zincir başı ({anchor}) bu zincirde yok: son kayıtlar silinip baş "
                "yeniden yazılmış ya da zincir baştan hesaplanmış."
            ).format(anchor=anchor),
        )
    return VerifyResult(True, count, prev)


_ENTRY_PARTS = Labels(
    "audit.entry_part",
    {
        "state": "durumu",
        "revision": "sürüm numarası",
        "payload_sha256": "kayıt verisi",
        "approver": "onaylayanı",
    },
)
_USER_PARTS = Labels("audit.user_part", {"role": "rolü", "active": "açık/kapalı durumu"})


def _differences(recorded: str, current: str, labels: Labels[str]) -> str:
    before, now = json.loads(recorded), json.loads(current)
    changed = [
        tx("{label} (izde {recorded}, tabloda {current})").format(
            label=label, recorded=before.get(key), current=now.get(key)
        )
        if key != "payload_sha256"
        else label
        for key, label in labels.items()
        if before.get(key) != now.get(key)
    ]
    return ", ".join(changed) or tx("içeriği")


def _state_problem(
    conn: Source, entry_last: dict[str, tuple[int, str | None]], user_last: dict[str, tuple[int, str | None]]
) -> tuple[int | None, str] | None:
    """The first entry or account whose table row is not the state the chain vouches for."""
    for uuid, state, revision, payload, approver in conn.execute(
        "SELECT uuid, state, revision, payload, approver FROM entries ORDER BY rowid"
    ):
        last = entry_last.get(str(uuid))
        if last is None:
            return (
                None,
                tx(
                    "{uuid} kaydının denetim izinde hiç satırı yok (izin dışında eklenmiş ya da iz silinmiş)."
                ).format(uuid=uuid),
            )
        seq, recorded = last
        if recorded is None:
            return seq, tx("{uuid} kaydının son durumu denetim izine işlenmemiş.").format(uuid=uuid)
        current = _entry_state(state, revision, payload, approver)
        if current != recorded:
            what = _differences(recorded, current, _ENTRY_PARTS)
            return seq, tx("{uuid} kaydının {what} izin dışında değiştirilmiş.").format(uuid=uuid, what=what)
    for username, role, active in conn.execute("SELECT username, role, active FROM users ORDER BY username"):
        last = user_last.get(str(username))
        if last is None:
            return None, tx(
                "{username} hesabının denetim izinde hiç satırı yok (izin dışında eklenmiş)."
            ).format(username=username)
        seq, recorded = last
        if recorded is None:
            return seq, tx("{username} hesabının son durumu denetim izine işlenmemiş.").format(
                username=username
            )
        current = _user_state(role, active)
        if current != recorded:
            what = _differences(recorded, current, _USER_PARTS)
            return seq, tx("{username} hesabının {what} izin dışında değiştirilmiş.").format(
                username=username, what=what
            )
    return None


def head(conn: Source) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def entries_touched_between(source: Source, start: str, end: str) -> list[str]:
    """Uuids of the entries with an audit row between ``start`` and ``end``, by first touch."""
    rows = source.execute(
        "SELECT entry_uuid, MIN(seq) FROM audit WHERE entry_uuid IS NOT NULL AND at >= ? AND at <= ? "
        "GROUP BY entry_uuid ORDER BY MIN(seq)",
        (start, end),
    ).fetchall()
    return [str(r[0]) for r in rows]


def marks_on_state(source: Source, state: str, actions: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
    """entry uuid, action, comment of every audit row with one of ``actions`` on an entry now in ``state``."""
    marks = ", ".join("?" for _ in actions)
    rows = source.execute(
        "SELECT a.entry_uuid, a.action, a.comment FROM audit a JOIN entries e ON e.uuid = a.entry_uuid "
        f"WHERE e.state = ? AND a.action IN ({marks}) ORDER BY a.seq",
        (state, *actions),
    ).fetchall()
    return [(str(r[0]), str(r[1]), r[2]) for r in rows]


def last_details(source: Source, entry_uuid: str, action: str) -> str | None:
    """The details JSON of the entry's newest audit row with ``action``."""
    row = source.execute(
        "SELECT details FROM audit WHERE entry_uuid = ? AND action = ? ORDER BY seq DESC LIMIT 1",
        (entry_uuid, action),
    ).fetchone()
    return str(row[0]) if row else None


def details_newest_first(source: Source, entry_uuid: str, actions: tuple[str, ...]) -> list[str | None]:
    """The details JSON of the entry's audit rows with one of ``actions``, newest first."""
    marks = ", ".join("?" for _ in actions)
    rows = source.execute(
        f"SELECT details FROM audit WHERE entry_uuid = ? AND action IN ({marks}) ORDER BY seq DESC",
        (entry_uuid, *actions),
    ).fetchall()
    return [str(r[0]) if r[0] is not None else None for r in rows]


def returns_to(
    source: Source, author: str, after_seq: int, actions: tuple[str, ...]
) -> list[tuple[int, str, str | None, str, str | None, str | None]]:
    """seq, entry uuid, entry number, actor, the actor's full name (None: no such account, as
    KOOP-BİS), comment of every audit row with one of ``actions`` (the moves that give an
    entry back to its clerk) on ``author``'s entries after ``after_seq``."""
    marks = ", ".join("?" for _ in actions)
    rows = source.execute(
        "SELECT a.seq, a.entry_uuid, e.number, a.actor, u.full_name, a.comment FROM audit a "
        "JOIN entries e ON e.uuid = a.entry_uuid LEFT JOIN users u ON u.username = a.actor "
        f"WHERE a.seq > ? AND e.author = ? AND a.action IN ({marks}) ORDER BY a.seq",
        (after_seq, author, *actions),
    ).fetchall()
    return [(int(r[0]), str(r[1]), r[2], str(r[3]), r[4], r[5]) for r in rows]
