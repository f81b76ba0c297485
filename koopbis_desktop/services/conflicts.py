"""Resolving conflicts: a supervisor decides what KOOP-BİS should end up holding.

Choices (DESIGN.md "Conflicts"): keep local (resend with KOOP-BİS's current values
as the new base), take server (the entry becomes ``discarded``, its payload kept),
merge per field (local, server or a typed value for each conflicting field; a new
revision), return to the clerk with a comment, or — for a registration whose VKN
already exists — link the entry and every entry waiting on it to the existing
cooperative. A reason is always required; the decision, the three versions and the
result go into the audit trail. The four-eyes rule applies: nobody resolves their
own entry. Nothing of either side is dropped: the local payload stays in the entry
and its revisions, the server's values in the audit row.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from koopbis_desktop.domain.changetypes import get_type, registers_cooperative
from koopbis_desktop.domain.display import format_stamp
from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import ACTION_LABELS, STATE_LABELS, Action, Actor, DomainError, State
from koopbis_desktop.domain.records import base_of, key_label
from koopbis_desktop.domain.schema import ChangeType, Issue, validate
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.store import audit, entries, snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.store.errors import NotFound

LOCAL = "local"
SERVER = "server"
#: The outcome's key for the base the entry was sent with when the office's earlier entries of
#: the cooperative moved it forward (``sync.rebase`` writes it under this name).
SENT_BASE = "sent_base"


@dataclass(frozen=True)
class Seen:
    """What a supervisor was shown: the entry's revision and the audit row of the conflict.

    Every decision carries it; one taken on a conflict the entry no longer has — re-sent
    meanwhile and refused again with other values, or decided on another PC and back — is
    refused with :class:`ConflictChanged` instead of applied to what nobody saw.
    ``token`` ("3-1234") is how ``koopbis conflicts show`` prints it and ``--seen`` takes it.
    """

    revision: int
    since: int

    @property
    def token(self) -> str:
        return f"{self.revision}-{self.since}"

    @classmethod
    def parse(cls, text: str) -> Seen:
        revision, dash, since = (text or "").strip().partition("-")
        if not dash or not revision.isdigit() or not since.isdigit():
            raise ValidationFailed(
                [],
                tx(
                    "Gösterilen çakışmanın numarası anlaşılamadı: '{text}'. 'koopbis conflicts show KAYIT' "
                    "çıktısındaki 'Gösterilen çakışma' değerini (örneğin 3-1234) --seen ile verin."
                ).format(text=text),
            )
        return cls(int(revision), int(since))


class ConflictChanged(DomainError):
    """A decision on a conflict the entry no longer has (or no longer in conflict at all)."""

    exit_code = ExitCode.NOT_PERMITTED

    def __init__(self, message: str, *, entry_uuid: str, seen: Seen | None) -> None:
        super().__init__(message)
        self.entry_uuid = entry_uuid
        self.seen = seen


def seen_now(store: Store, entry_uuid: str) -> Seen:
    """What a person is shown if the entry is read now (read it before the details)."""
    entry = entries.get_entry(store, entry_uuid)
    return Seen(entry.revision, entries.state_since(store, entry.uuid))


def _decision_label(decision: str) -> str | None:
    """A supervisor's decision as a person names it (a merge is no "keeping the local entry")."""
    labels = {
        "keep_local": tx("yerel kaydı koruma"),
        "take_server": tx("KOOP-BİS'tekini kabul etme"),
        "merge": tx("alan alan birleştirme"),
        "return": tx("memura iade"),
        "link": tx("mevcut kooperatife bağlama"),
    }
    return labels.get(decision)


def _event_text(row: Mapping[str, Any]) -> str:
    details = row.get("details") or {}
    label = _decision_label(str(details.get("decision") or ""))
    if label is None:
        try:
            label = ACTION_LABELS[Action(str(row["action"]))]
        except ValueError:
            label = str(row["action"])
    who = str(row["actor"])
    if who in ("sync", "system"):
        who = tx("eşitleme")
    return f"{format_stamp(str(row['at']))} {who}: {label}"


def _short_value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str | int | float):
        text = str(value)
        return text if len(text) <= 60 else text[:59] + "…"
    return tx("(liste)")


def _changed_message(store: Store, entry_uuid: str, seen: Seen | None, decision: str) -> str:
    """In plain Turkish: what happened to the entry since ``seen``, and what to do now."""
    entry = entries.get_entry(store, entry_uuid)
    what = _decision_label(decision) or decision
    if seen is None:
        return tx(
            "Kararın hangi çakışma için verildiği belli değil; işleminiz ({action}) uygulanmadı. Önce "
            "çakışmayı açın (koopbis conflicts show {entry}) ve gösterilen çakışmanın numarasını --seen ile "
            "verin."
        ).format(action=what, entry=entry.label)
    rows = [r for r in entries.audit_rows(store, entry.uuid) if int(r["seq"]) > seen.since]
    events = "; ".join(_event_text(r) for r in rows) or tx("kayıt yeniden kaydedildi")
    if entry.state != State.CONFLICT:
        return tx(
            "Siz incelerken bu kayıt için başkası davrandı ({events}); kayıt artık çakışmada değil, "
            "şimdi '{state}' durumunda. İşleminiz ({action}) uygulanmadı; yapacağınız bir şey kalmadı."
        ).format(events=events, state=STATE_LABELS[entry.state], action=what)
    # The server values of the conflict that was decided: the first decision after it records them.
    before = next(
        (
            r["details"]["server"]
            for r in rows
            if isinstance(r.get("details"), Mapping) and isinstance(r["details"].get("server"), Mapping)
        ),
        None,
    )
    now = server_values(entry)
    changed: list[str] = []
    if isinstance(before, Mapping):
        for key in sorted(set(before) | set(now)):
            if before.get(key) != now.get(key):
                changed.append(
                    tx("{field}: «{old}» yerine «{new}»").format(
                        field=key_label(key),
                        old=_short_value(before.get(key)),
                        new=_short_value(now.get(key)),
                    )
                )
    values = (
        tx(" KOOP-BİS'te değişen değerler: {changes}.").format(changes="; ".join(changed)) if changed else ""
    )
    return tx(
        "Gördüğünüz çakışma artık geçerli değil: siz incelerken {events}. Kayıt yeniden gönderildi ve "
        "KOOP-BİS yeni bir çakışma bildirdi.{values} İşleminiz ({action}) uygulanmadı: yeni çakışma "
        "gösteriliyor, farklara yeniden bakıp karar verin."
    ).format(events=events, values=values, action=what)


def _check_seen(store: Store, entry_uuid: str, seen: Seen | None, decision: str) -> None:
    """Refuse before anything is validated when the entry is not what the person was shown."""
    if seen is None or seen_now(store, entry_uuid) != seen:
        raise ConflictChanged(
            _changed_message(store, entry_uuid, seen, decision), entry_uuid=entry_uuid, seen=seen
        )


def _decided(store: Store, entry_uuid: str, seen: Seen, decision: str, decide: Callable[[], Entry]) -> Entry:
    """``decide()``, whose move re-checks ``seen`` under the row's lock: a conflict that changed
    between the check above and the move is refused with the same plain message."""
    try:
        return decide()
    except entries.ShownChanged as exc:
        raise ConflictChanged(
            _changed_message(store, entry_uuid, seen, decision), entry_uuid=entry_uuid, seen=seen
        ) from exc


@contextmanager
def _refused_as_changed(store: Store, entry_uuid: str, seen: Seen, decision: str) -> Iterator[None]:
    """:func:`_decided` for a block of moves (a link re-points the dependents too)."""
    try:
        yield
    except entries.ShownChanged as exc:
        raise ConflictChanged(
            _changed_message(store, entry_uuid, seen, decision), entry_uuid=entry_uuid, seen=seen
        ) from exc


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationFailed([], tx("Karar gerekçesi yazılmalıdır; denetim izine girer."))
    return text


def _in_conflict(store: Store, entry_uuid: str, seen: Seen | None, decision: str) -> Entry:
    """The entry, in conflict and as the person was shown it; else refused in plain Turkish."""
    entry = entries.get_entry(store, entry_uuid)
    _check_seen(store, entry.uuid, seen, decision)
    if entry.state != State.CONFLICT:
        raise DomainError(
            tx("Bu kayıt çakışmada değil (durumu: {value}); çözülecek bir şey yok.").format(
                value=STATE_LABELS[entry.state]
            )
        )
    return entry


def compared_base(entry: Entry) -> dict[str, Any]:
    """The base KOOP-BİS compared the entry with: the one sent, else the one the clerk saw.

    An entry written against the offline list goes out with the values the office's earlier
    entries of the cooperative gave KOOP-BİS (``sync.rebase``); a review against the list's
    older values would call the office's own earlier change a head-office clash.
    """
    sent = (entry.outcome or {}).get(SENT_BASE)
    return dict(sent) if isinstance(sent, Mapping) else entry.base


def server_values(entry: Entry) -> dict[str, Any]:
    """KOOP-BİS's values of the entry's base keys, as its 409 answer reported them."""
    outcome = entry.outcome or {}
    current = outcome.get("current")
    keys = compared_base(entry)
    if isinstance(current, Mapping):
        return {key: copy.deepcopy(current.get(key)) for key in keys}
    if outcome.get("kind") == "duplicate" and outcome.get("existing") is not None:
        return {key: copy.deepcopy(outcome.get("existing")) for key in keys if ":" in key}
    return {}


def conflicting_keys(entry: Entry) -> list[str]:
    outcome = entry.outcome or {}
    return [str(c.get("key")) for c in outcome.get("conflicts") or [] if isinstance(c, Mapping)]


def _versions(entry: Entry) -> dict[str, Any]:
    base = compared_base(entry)
    captured = {} if base == entry.base else {"captured_base": entry.base}
    return {
        "base": base,
        **captured,
        "local": entry.payload,
        "server": server_values(entry),
        # KOOP-BİS's version of the record when it reported ``server``: a clerk's later save
        # compares it with the offline list's (see :func:`base_for_correction`).
        "version": (entry.outcome or {}).get("version"),
        "kind": (entry.outcome or {}).get("kind"),
        "conflicting": conflicting_keys(entry),
    }


#: The decisions after which an entry goes on towards KOOP-BİS (resent, or corrected by its
#: clerk first); their audit rows record the values KOOP-BİS reported in the conflict.
_DECISIONS_GOING_ON = (Action.RESOLVE_KEEP.value, Action.RETURN_REJECTED.value)


def reported_values(store: Store, entry_uuid: str) -> tuple[dict[str, Any], int | None] | None:
    """KOOP-BİS's values of the entry's base keys in the newest conflict a person decided, and
    its record version then (None: KOOP-BİS gave none, or the decision was recorded before
    versions were); None: no such conflict.

    Read from the decision's audit row, not from ``outcome``: a later answer (a refusal) replaces
    the outcome, the audit row stays.
    """
    for text in audit.details_newest_first(store, entry_uuid, _DECISIONS_GOING_ON):
        details = json.loads(text) if text else None
        if not isinstance(details, Mapping) or details.get("kind") != "conflict":
            continue
        server = details.get("server")
        if isinstance(server, Mapping) and server:
            version = details.get("version")
            return copy.deepcopy(dict(server)), version if isinstance(version, int) else None
    return None


def base_for_correction(
    store: Store, entry_uuid: str, captured: dict[str, Any], list_version: int | None
) -> dict[str, Any]:
    """The base a save of an entry stores: ``captured`` from the offline list, except for the keys
    KOOP-BİS reported in the entry's decided conflict, which keep KOOP-BİS's values.

    Why here and not in the list: after a conflict the list still holds KOOP-BİS's *old* values
    (only IT refreshes it), so recapturing from it would send the corrected entry against the
    value that conflicted and meet the same conflict again. The values KOOP-BİS reported are
    newer and were put in front of the supervisor, who sent the entry on; they belong to this
    entry alone (writing them into the list would change other entries' bases that nobody
    reviewed). They are kept only while the list is not newer than them: a list IT loaded with a
    higher record version is the freshest known state, and a base taken from it is what the clerk
    saw, as for any save. Either way a base is a value KOOP-BİS really held, never a guess: a head
    office change after it is still met as a conflict, never overwritten.
    """
    reported = reported_values(store, entry_uuid)
    if reported is None:
        return captured
    values, version = reported
    if list_version is not None and version is not None and list_version > version:
        return captured
    return {key: values.get(key, value) for key, value in captured.items()}


def keep_local(store: Store, actor: Actor, entry_uuid: str, reason: str, *, seen: Seen | None) -> Entry:
    """Resend the entry as it is, over KOOP-BİS's current values (they become its base).

    ``seen``: the conflict the supervisor was shown (:func:`seen_now` when it was read).
    """
    text = _reason(reason)
    entry = _in_conflict(store, entry_uuid, seen, "keep_local")
    assert seen is not None
    if (entry.outcome or {}).get("kind") not in ("conflict",):
        raise DomainError(
            tx(
                "Bu çakışmada yerel kaydı yeniden göndermek bir işe yaramaz (KOOP-BİS aynı cevabı verir); KOOP-BİS'tekini kabul edin ya da memura iade edin."
            )
        )
    new_base = {**entry.base, **server_values(entry)}
    return _decided(
        store,
        entry.uuid,
        seen,
        "keep_local",
        lambda: entries.move(
            store,
            entry.uuid,
            Action.RESOLVE_KEEP,
            actor,
            comment=text,
            details={"decision": "keep_local", **_versions(entry)},
            fields={"outcome": None},
            revision=(
                entry.payload,
                new_base,
                "Çakışma çözümü: yerel kayıt korundu, KOOP-BİS değerleri yeni temel",
            ),
            seen=(seen.revision, seen.since),
        ),
    )


def take_server(store: Store, actor: Actor, entry_uuid: str, reason: str, *, seen: Seen | None) -> Entry:
    """Accept what KOOP-BİS holds; the entry is discarded but kept with its payload."""
    text = _reason(reason)
    entry = _in_conflict(store, entry_uuid, seen, "take_server")
    assert seen is not None
    return _decided(
        store,
        entry.uuid,
        seen,
        "take_server",
        lambda: entries.move(
            store,
            entry.uuid,
            Action.RESOLVE_DISCARD,
            actor,
            comment=text,
            details={"decision": "take_server", **_versions(entry)},
            seen=(seen.revision, seen.since),
        ),
    )


def mergeable_fields(ctype: ChangeType, entry: Entry) -> dict[str, str]:
    """Payload field → snapshot key, for the fields a merge can choose per side."""
    out: dict[str, str] = {}
    for f in ctype.fields:
        if f.snapshot and "{}" not in f.snapshot and f.snapshot in entry.base:
            out[f.name] = f.snapshot
    return out


def merge(
    store: Store,
    actor: Actor,
    entry_uuid: str,
    choices: Mapping[str, Any],
    reason: str,
    *,
    seen: Seen | None,
) -> Entry:
    """Resend with a per-field choice: ``"local"``, ``"server"`` or ``{"value": typed}``.

    The merged payload is validated like any entry and stored as a new revision; the
    server's current values become the base.
    """
    text = _reason(reason)
    entry = _in_conflict(store, entry_uuid, seen, "merge")
    assert seen is not None
    ctype = get_type(entry.type)
    fields = mergeable_fields(ctype, entry)
    current = server_values(entry)
    merged = copy.deepcopy(entry.payload)
    decided: dict[str, Any] = {}
    problems: list[Issue] = []
    for name, choice in choices.items():
        if name not in fields:
            choosable = ", ".join(f"{n} ({key_label(k)})" for n, k in fields.items()) or "—"
            problems.append(
                Issue(
                    name,
                    tx("'{name}' alanı bu çakışmada seçilemez. Seçilebilecek alanlar: {fields}.").format(
                        name=name, fields=choosable
                    ),
                )
            )
            continue
        if choice == LOCAL:
            decided[name] = LOCAL
        elif choice == SERVER:
            value = current.get(fields[name])
            if value is None:
                merged.pop(name, None)
            else:
                merged[name] = copy.deepcopy(value)
            decided[name] = SERVER
        elif isinstance(choice, Mapping) and "value" in choice:
            typed = choice["value"]
            if typed is None or (isinstance(typed, str) and not typed.strip()):
                # An empty value would take the field out of the entry: the clerk's change
                # dropped without anyone choosing KOOP-BİS's value.
                problems.append(
                    Issue(
                        name,
                        tx(
                            "{field} için elle yazılan değer boş. Bir değer yazın; KOOP-BİS'tekini almak "
                            "için 'server', girileni korumak için 'local' seçin."
                        ).format(field=key_label(fields[name])),
                    )
                )
                continue
            merged[name] = typed
            decided[name] = {"value": typed}
        else:
            problems.append(Issue(name, tx("Seçim 'local', 'server' ya da {\"value\": ...} olmalıdır.")))
    if problems:
        raise ValidationFailed(problems, tx("Birleştirme seçimleri geçersiz."))
    missing = [
        key_label(fields[n]) for n in fields if fields[n] in conflicting_keys(entry) and n not in decided
    ]
    if missing:
        raise ValidationFailed(
            [], tx("Çakışan her alan için seçim yapılmalıdır: {fields}.").format(fields=", ".join(missing))
        )
    result = validate(ctype, merged)
    if result.errors:
        raise ValidationFailed(result.issues, tx("Birleştirilen kayıt geçerli değil."), type_id=entry.type)
    new_base = {**entry.base, **current}
    return _decided(
        store,
        entry.uuid,
        seen,
        "merge",
        lambda: entries.move(
            store,
            entry.uuid,
            Action.RESOLVE_KEEP,
            actor,
            comment=text,
            details={"decision": "merge", "choices": decided, "result": result.payload, **_versions(entry)},
            fields={"outcome": None},
            revision=(result.payload, new_base, "Çakışma çözümü: alan alan birleştirildi"),
            seen=(seen.revision, seen.since),
        ),
    )


def return_to_clerk(store: Store, actor: Actor, entry_uuid: str, comment: str, *, seen: Seen | None) -> Entry:
    """Send a conflicting or rejected entry back to its author with what to fix.

    ``seen`` is required for a conflict (what the supervisor was shown); a rejected entry
    may go back without it. The clerk's correction of a conflict is saved over the values
    KOOP-BİS reported, not the offline list's older ones (:func:`base_for_correction`).
    """
    text = _reason(comment)
    entry = entries.get_entry(store, entry_uuid)
    if seen is not None or entry.state == State.CONFLICT:
        _check_seen(store, entry.uuid, seen, "return")
    shown = (seen.revision, seen.since) if seen is not None else None
    return _decided(
        store,
        entry.uuid,
        seen or Seen(entry.revision, 0),
        "return",
        lambda: entries.move(
            store,
            entry.uuid,
            Action.RETURN_REJECTED,
            actor,
            comment=text,
            details={"decision": "return", **_versions(entry)},
            fields={"comment": text, "approver": None},
            seen=shown,
        ),
    )


def link_registration(
    store: Store, actor: Actor, entry_uuid: str, cooperative_id: str, reason: str, *, seen: Seen | None
) -> Entry:
    """A registration KOOP-BİS already has (same VKN): link it and its dependents to that cooperative.

    The registration entry is discarded (the cooperative exists); every local entry
    waiting on it is re-pointed to ``cooperative_id`` with its base recaptured from
    the snapshot, each with its own audit row, all in one transaction.
    """
    text = _reason(reason)
    entry = _in_conflict(store, entry_uuid, seen, "link")
    assert seen is not None
    if not registers_cooperative(entry.type):
        raise DomainError(tx("Yalnızca kuruluş kaydı mevcut bir kooperatife bağlanabilir."))
    target = cooperative_id.strip()
    record = snapshot.get_record(store, target)
    if record is None:
        raise NotFound(
            tx(
                "Kooperatif yerel listede yok: {target}. Kooperatif listesi güncellendikten sonra yeniden deneyin: güncel listeyi bilgi işlem KOOP-BİS'ten alır (koopbis snapshot refresh) ya da liste dosyası Dosya → Kooperatif listesini yükle… ile yüklenir."
            ).format(target=target)
        )
    with _refused_as_changed(store, entry.uuid, seen, "link"), store.atomic() as conn:
        # The registration's row and its dependents' together, before any is moved (see
        # entries.lock_entries): a clerk saving a dependent on another PC meanwhile is waited
        # for, and each dependent is then re-based on the payload it left.
        waiting = [listed.uuid for listed in entries.list_entries(store, cooperative=entry.uuid)]
        entries.lock_entries(conn, [entry.uuid, *waiting])
        moved = entries.move(
            store,
            entry.uuid,
            Action.RESOLVE_DISCARD,
            actor,
            comment=text,
            details={"decision": "link", "cooperative": target, **_versions(entry)},
            seen=(seen.revision, seen.since),
        )
        for uuid in waiting:
            # As it is now: a base from the payload read before the save would miss its new
            # fields, and with them a conflict.
            dependent = entries.get_entry(store, uuid)
            ctype = get_type(dependent.type)
            new_base = base_of(record, ctype.touched(dependent.payload))
            number = dependent.revision + 1
            entries.remap_cooperative(
                store,
                dependent.uuid,
                target,
                base=new_base,
                revision=number,
                author=actor.username,
                note=f"Mevcut kooperatife bağlandı: {target}",
            )
            audit.append(
                conn,
                actor=actor.username,
                action="relink",
                entry_uuid=dependent.uuid,
                comment=text,
                details={"from_registration": entry.uuid, "cooperative": target, "revision": number},
            )
    return moved
