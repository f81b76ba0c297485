"""Capturing entries: create, edit, submit, withdraw — validated as KOOP-BİS would.

The ``base`` of an entry (the snapshot values of the fields it touches, as the
clerk saw them) is captured here at every save, from the offline snapshot or,
for a cooperative registered only locally so far, from its registration entry.
After a conflict a person decided, the keys KOOP-BİS reported keep the values it
reported, as long as the snapshot is not newer than them
(``services.conflicts.base_for_correction``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from koopbis_desktop.domain.changetypes import get_type, known_type, registers_cooperative, search_text
from koopbis_desktop.domain.effects import StateConflict, apply_change
from koopbis_desktop.domain.fiscal import fiscal_start_month
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import (
    CAPTURE_ROLES,
    Action,
    Actor,
    DomainError,
    NotPermitted,
    State,
)
from koopbis_desktop.domain.records import base_of, base_value, record_from_registration
from koopbis_desktop.domain.schema import (
    ChangeType,
    Issue,
    ValidationContext,
    ValidationResult,
    validate,
)
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.services.review import BulkResult
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.store.errors import NotFound, StoreError

# A local registration in these states founds nothing: no entry may name it any more.
REGISTRATION_GONE = frozenset({State.WITHDRAWN, State.DISCARDED})


def resolve_cooperative(
    store: Store, ctype: ChangeType, cooperative: str | None
) -> tuple[str | None, str | None, dict[str, Any] | None]:
    """Return (registry id, local registration uuid, record as known offline)."""
    if ctype.registers:
        if cooperative:
            raise ValidationFailed(
                [],
                tx("Kuruluş kaydı mevcut bir kooperatife bağlanamaz; kooperatif seçmeden kaydedin."),
            )
        return None, None, None
    if not cooperative or not cooperative.strip():
        raise ValidationFailed([], tx("Bu kayıt türü için kooperatif seçin (sicil no)."))
    key = cooperative.strip()
    record = snapshot.get_record(store, key)
    if record is not None:
        return key, None, record
    try:
        registration = entries.get_entry(store, key)
    except NotFound:
        registration = None
    if registration is not None and registers_cooperative(registration.type):
        if registration.state in REGISTRATION_GONE:
            raise ValidationFailed([], tx("Bu kuruluş kaydı geri çekilmiş; ona bağlı kayıt girilemez."))
        if registration.receipt and registration.cooperative_id:
            return (
                registration.cooperative_id,
                None,
                snapshot.get_record(store, registration.cooperative_id),
            )
        return None, registration.uuid, record_from_registration(registration.payload)
    raise NotFound(
        tx(
            "Kooperatif bulunamadı: {key}. Sicil numarasını kontrol edin ya da kooperatif listesini güncelleyin (koopbis snapshot import)."
        ).format(key=key)
    )


def registration_title(store: Store, coop_ref: str | None) -> str | None:
    """The title of the local registration ``coop_ref`` (what its entries' rows show), or None."""
    if not coop_ref:
        return None
    title = entries.get_entry(store, coop_ref).payload.get("title")
    return str(title) if title else None


def check(
    store: Store, type_id: str, cooperative: str | None, data: Mapping[str, Any]
) -> tuple[ValidationResult, str | None, str | None, dict[str, Any]]:
    """Validate ``data`` for a cooperative and compute its base; changes nothing."""
    result, coop_id, coop_ref, base, _record = _check(store, type_id, cooperative, data)
    return result, coop_id, coop_ref, base


def _check(
    store: Store, type_id: str, cooperative: str | None, data: Mapping[str, Any]
) -> tuple[ValidationResult, str | None, str | None, dict[str, Any], dict[str, Any] | None]:
    """:func:`check`, and the cooperative's record the base was taken from (None: no record)."""
    ctype = get_type(type_id)
    coop_id, coop_ref, record = resolve_cooperative(store, ctype, cooperative)
    ctx = ValidationContext(
        founded_on=(record or {}).get("founded_on"),
        fiscal_start_month=fiscal_start_month((record or {}).get("articles")) or 1,
    )
    result = validate(ctype, data, ctx)
    result.issues.extend(_reference_issues(store, result, coop_id or coop_ref))
    base = base_of(record, ctype.touched(result.payload)) if record is not None else {}
    if ctype.id in ("member.leave", "member.transfer"):
        admitted_locally(store, coop_id or coop_ref, base)
    return result, coop_id, coop_ref, base, record


def _reference_issues(store: Store, result: ValidationResult, cooperative: str | None) -> list[Issue]:
    """The articles-amendment entry a change cites must be one of this cooperative's, still live."""
    reference = result.payload.get("articles_entry")
    if not isinstance(reference, str) or not reference.strip():
        return []
    for entry in entries.find_by_reference(store, reference):
        live = entry.state not in (State.WITHDRAWN, State.DISCARDED)
        if entry.type == "articles.amend" and entry.cooperative == cooperative and live:
            return []
    return [
        Issue(
            "articles_entry",
            tx(
                "'{v}' bu kooperatifin bir anasözleşme değişikliği kaydı değil. Kayıt numarasını (ilk 8 karakter ya da tamamı) ya da KOOP-BİS alındı numarasını yazın; geri çekilmiş kayıtlar gösterilemez."
            ).format(v=reference.strip()),
        )
    ]


# Entries that will still reach KOOP-BİS (or already did) and so shape what it holds.
_LIVE_STATES = tuple(s.value for s in State if s not in (State.WITHDRAWN, State.DISCARDED))


def admitted_locally(store: Store, cooperative: str | None, base: dict[str, Any]) -> None:
    """A member the snapshot lacks but an earlier local admission adds: take that admission's row.

    A clerk may record a member's admission and, later, the same member's leaving
    before either reached KOOP-BİS; by the time the leaving arrives, KOOP-BİS holds
    the admitted row, so that row is what the leaving changes.
    """
    if not cooperative:
        return
    missing = [key for key, value in base.items() if key.startswith("member:") and value is None]
    if not missing:
        return
    admit = get_type("member.admit")
    for text in entries.admission_payloads(store, cooperative, _LIVE_STATES):
        payload = json.loads(text)
        key = f"member:{payload.get('member_id')}"
        if key not in missing:
            continue
        record = record_from_registration({})
        try:
            apply_change(record, admit, payload)
        except (KeyError, TypeError, ValueError, StateConflict):
            continue  # an incomplete draft admits nobody
        base[key] = base_value(record, key)


def _require_capturer(actor: Actor) -> None:
    if actor.role not in CAPTURE_ROLES:
        raise NotPermitted(tx("Kayıt girişini memurlar ve şefler yapar; yönetici hesabıyla kayıt girilmez."))


def create_entry(
    store: Store,
    actor: Actor,
    type_id: str,
    cooperative: str | None,
    data: Mapping[str, Any],
    *,
    allow_errors: bool = False,
    entry_uuid: str | None = None,
) -> Entry:
    """Save a new draft. With ``allow_errors`` (autosave) an incomplete draft is kept as typed."""
    _require_capturer(actor)
    result, coop_id, coop_ref, base = check(store, type_id, cooperative, data)
    if result.errors and not allow_errors:
        raise ValidationFailed(result.issues, type_id=type_id)
    return entries.insert_entry(
        store,
        actor=actor,
        type_id=type_id,
        cooperative_id=coop_id,
        cooperative_ref=coop_ref,
        base=base,
        entry_uuid=entry_uuid,
        **_derived(get_type(type_id), result, coop_id or coop_ref, registration_title(store, coop_ref)),
    )


def edit_entry(
    store: Store,
    actor: Actor,
    entry_uuid: str,
    data: Mapping[str, Any],
    *,
    allow_errors: bool = False,
    note: str | None = None,
    loaded_revision: int | None = None,
) -> Entry:
    """Store a new revision of the author's own draft or returned entry.

    ``loaded_revision``: the revision the form was opened on; a newer one saved meanwhile
    refuses the save (``entries.RevisionChanged``) instead of silently replacing it.
    """
    entry = entries.get_entry(store, entry_uuid)
    result, coop_id, coop_ref, captured, record = _check(store, entry.type, entry.cooperative, data)
    if result.errors and not allow_errors:
        raise ValidationFailed(result.issues, type_id=entry.type)
    # After a conflict the list still holds KOOP-BİS's old values: the keys KOOP-BİS reported
    # keep its values unless IT loaded a newer list since (conflicts.base_for_correction).
    version = (record or {}).get("version")
    base = resolution.base_for_correction(
        store, entry.uuid, captured, version if isinstance(version, int) else None
    )
    ctype = get_type(entry.type)
    with store.atomic():
        saved = entries.update_payload(
            store,
            entry,
            actor=actor,
            base=base,
            note=note,
            expected_revision=loaded_revision,
            **_derived(ctype, result, coop_id or coop_ref, registration_title(store, coop_ref)),
        )
        if ctype.registers and saved.payload.get("title") != entry.payload.get("title"):
            _refresh_dependents_search(store, saved)
    return saved


def _refresh_dependents_search(store: Store, registration: Entry) -> None:
    """The entries on a local registration are found by its title: a new title, in the same
    transaction as the registration's edit, is in their search text at once."""
    title = registration.payload.get("title")
    entries.set_search(
        store,
        [
            (search_text(type_id, registration.uuid, payload, str(title) if title else None), uuid)
            for uuid, type_id, payload in entries.referring(store, registration.uuid)
            if known_type(type_id)
        ],
    )


def _derived(
    ctype: ChangeType, result: ValidationResult, cooperative: str | None, cooperative_title: str | None
) -> dict[str, Any]:
    """What a saved draft stores besides its base: payload, issues, effective date, search text."""
    effective = result.payload.get(ctype.effective_date_field)
    return {
        "effective_date": effective if isinstance(effective, str) and len(effective) == 10 else None,
        "payload": result.payload,
        "issues": [i.to_json() for i in result.issues],
        "search": search_text(ctype.id, cooperative, result.payload, cooperative_title),
    }


def submit_entry(store: Store, actor: Actor, entry_uuid: str) -> Entry:
    """Send a draft for approval; refused while it has any error."""
    entry = entries.get_entry(store, entry_uuid)
    result, *_ = check(store, entry.type, entry.cooperative, entry.payload)
    if result.errors:
        raise ValidationFailed(
            result.issues, tx("Kayıt onaya gönderilemez: {v} hata düzeltilmeli.").format(v=len(result.errors))
        )
    return entries.move(store, entry.uuid, Action.SUBMIT, actor, fields={"submitted_at": _now()})


def submit_many(store: Store, actor: Actor, entry_uuids: Iterable[str]) -> BulkResult:
    """Send each draft for approval on its own (a member list's drafts); one refusal does not stop the others."""
    submitted: list[str] = []
    refused: dict[str, str] = {}
    for key in entry_uuids:
        try:
            submitted.append(submit_entry(store, actor, key).uuid)
        except (DomainError, StoreError) as exc:
            refused[key] = exc.message
    return BulkResult(submitted, refused)


def withdraw_entry(store: Store, actor: Actor, entry_uuid: str, comment: str | None = None) -> Entry:
    entry = entries.get_entry(store, entry_uuid)
    return entries.move(store, entry.uuid, Action.WITHDRAW, actor, comment=comment)


def _now() -> str:
    from koopbis_desktop.store.clock import stamp

    return stamp()
