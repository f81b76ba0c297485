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
from collections.abc import Mapping
from typing import Any

from koopbis_desktop.domain.changetypes import get_type, registers_cooperative
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Action, Actor, DomainError, State
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


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationFailed([], tx("Karar gerekçesi yazılmalıdır; denetim izine girer."))
    return text


def _in_conflict(store: Store, entry_uuid: str) -> Entry:
    entry = entries.get_entry(store, entry_uuid)
    if entry.state != State.CONFLICT:
        raise DomainError(
            tx("Bu kayıt çakışmada değil (durumu: {value}); çözülecek bir şey yok.").format(
                value=entry.state.value
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
        "kind": (entry.outcome or {}).get("kind"),
        "conflicting": conflicting_keys(entry),
    }


def keep_local(store: Store, actor: Actor, entry_uuid: str, reason: str) -> Entry:
    """Resend the entry as it is, over KOOP-BİS's current values (they become its base)."""
    text = _reason(reason)
    entry = _in_conflict(store, entry_uuid)
    if (entry.outcome or {}).get("kind") not in ("conflict",):
        raise DomainError(
            tx(
                "Bu çakışmada yerel kaydı yeniden göndermek bir işe yaramaz (KOOP-BİS aynı cevabı verir); KOOP-BİS'tekini kabul edin ya da memura iade edin."
            )
        )
    new_base = {**entry.base, **server_values(entry)}
    return entries.move(
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
    )


def take_server(store: Store, actor: Actor, entry_uuid: str, reason: str) -> Entry:
    """Accept what KOOP-BİS holds; the entry is discarded but kept with its payload."""
    text = _reason(reason)
    entry = _in_conflict(store, entry_uuid)
    return entries.move(
        store,
        entry.uuid,
        Action.RESOLVE_DISCARD,
        actor,
        comment=text,
        details={"decision": "take_server", **_versions(entry)},
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
) -> Entry:
    """Resend with a per-field choice: ``"local"``, ``"server"`` or ``{"value": typed}``.

    The merged payload is validated like any entry and stored as a new revision; the
    server's current values become the base.
    """
    text = _reason(reason)
    entry = _in_conflict(store, entry_uuid)
    ctype = get_type(entry.type)
    fields = mergeable_fields(ctype, entry)
    current = server_values(entry)
    merged = copy.deepcopy(entry.payload)
    decided: dict[str, Any] = {}
    problems: list[Issue] = []
    for name, choice in choices.items():
        if name not in fields:
            problems.append(Issue(name, tx("'{name}' alanı bu çakışmada seçilemez.").format(name=name)))
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
            merged[name] = choice["value"]
            decided[name] = {"value": choice["value"]}
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
    return entries.move(
        store,
        entry.uuid,
        Action.RESOLVE_KEEP,
        actor,
        comment=text,
        details={"decision": "merge", "choices": decided, "result": result.payload, **_versions(entry)},
        fields={"outcome": None},
        revision=(result.payload, new_base, "Çakışma çözümü: alan alan birleştirildi"),
    )


def return_to_clerk(store: Store, actor: Actor, entry_uuid: str, comment: str) -> Entry:
    """Send a conflicting or rejected entry back to its author with what to fix."""
    text = _reason(comment)
    entry = entries.get_entry(store, entry_uuid)
    return entries.move(
        store,
        entry.uuid,
        Action.RETURN_REJECTED,
        actor,
        comment=text,
        details={"decision": "return", **_versions(entry)},
        fields={"comment": text, "approver": None},
    )


def link_registration(store: Store, actor: Actor, entry_uuid: str, cooperative_id: str, reason: str) -> Entry:
    """A registration KOOP-BİS already has (same VKN): link it and its dependents to that cooperative.

    The registration entry is discarded (the cooperative exists); every local entry
    waiting on it is re-pointed to ``cooperative_id`` with its base recaptured from
    the snapshot, each with its own audit row, all in one transaction.
    """
    text = _reason(reason)
    entry = _in_conflict(store, entry_uuid)
    if not registers_cooperative(entry.type):
        raise DomainError(tx("Yalnızca kuruluş kaydı mevcut bir kooperatife bağlanabilir."))
    target = cooperative_id.strip()
    record = snapshot.get_record(store, target)
    if record is None:
        raise NotFound(
            tx(
                "Kooperatif yerel listede yok: {target}. Önce kooperatif listesini güncelleyin (koopbis snapshot refresh), sonra yeniden deneyin."
            ).format(target=target)
        )
    with store.atomic() as conn:
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
