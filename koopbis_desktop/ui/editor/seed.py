"""What the entry editor loads from the database before it can show a form (on the DB worker)."""

from __future__ import annotations

import copy
import uuid as uuidlib
from dataclasses import dataclass, field
from typing import Any

from koopbis_desktop.domain.changetypes import get_type, registers_cooperative
from koopbis_desktop.domain.lifecycle import Action, Actor
from koopbis_desktop.domain.records import base_value, record_from_registration
from koopbis_desktop.domain.schema import ChangeType, Kind
from koopbis_desktop.services import attachments as attachment_service
from koopbis_desktop.services import autosave
from koopbis_desktop.services.capture import REGISTRATION_GONE
from koopbis_desktop.store import attachments as attachment_store
from koopbis_desktop.store import entries, snapshot, users
from koopbis_desktop.store.attachments import AttachmentInfo
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.store.errors import NotFound
from sync.settle import refusal_messages


@dataclass
class EditorSeed:
    """What the editor needs from the database before it can show the form."""

    type_id: str
    cooperative: str | None
    form_id: str
    entry: Entry | None = None
    record: dict[str, Any] | None = None
    values: dict[str, Any] | None = None
    attachments: list[AttachmentInfo] = field(default_factory=list)
    restored: bool = False
    # The revision the values were typed on: the entry's own, or what the autosave recorded
    # (None: a new form, or an old autosave that did not record it).
    loaded_revision: int | None = None
    revision_unknown: bool = False
    # The values KOOP-BİS refused (its per-field messages are about these), if it refused the entry.
    refused_payload: dict[str, Any] | None = None
    # Who returned the entry last and when (its audit row's time), as the note's banner names them.
    returned: tuple[str, str] | None = None
    # A new form opened as a copy of this entry ("Yeni kayda kopyala…"): its fields as typed.
    copied_from: Entry | None = None
    # The copied entry was for a local registration withdrawn since: the copy starts without a
    # cooperative (the save would refuse that one), and the form says why.
    copied_registration_gone: Entry | None = None


def person(store: Store, username: str) -> str:
    """An account as people are named: "Ayşe Yılmaz (ayse)", or the name alone without a full name."""
    user = users.get_user(store, username)
    if user is not None and user.full_name and user.full_name != username:
        return f"{user.full_name} ({username})"
    return username


def last_return(store: Store, entry_uuid: str) -> tuple[str, str] | None:
    """Who returned the entry last and when, or None if it never was: from the review, or from a
    conflict (a supervisor's "Memura iade et" there; KOOP-BİS's own refusals say so themselves)."""
    returns = (Action.RETURN.value, Action.RETURN_REJECTED.value)
    for row in reversed(entries.audit_rows(store, entry_uuid)):
        if str(row["action"]) in returns:
            return person(store, str(row["actor"])), str(row["at"])
    return None


def cooperative_record(store: Store, cooperative: str | None) -> dict[str, Any] | None:
    """The cooperative as known offline: the snapshot, or a registration still in the local queue."""
    if not cooperative:
        return None
    record = snapshot.get_record(store, cooperative)
    if record is not None:
        return record
    try:
        registration = entries.get_entry(store, cooperative)
    except NotFound:
        return None
    if not registers_cooperative(registration.type):
        return None
    local = record_from_registration(registration.payload)
    local["id"] = registration.uuid
    return local


def withdrawn_registration(store: Store, cooperative: str | None) -> Entry | None:
    """The local registration ``cooperative`` names, if it was withdrawn or discarded since: no
    entry may name it any more (``capture`` refuses the save)."""
    if not cooperative or snapshot.get_record(store, cooperative) is not None:
        return None
    try:
        registration = entries.get_entry(store, cooperative)
    except NotFound:
        return None
    if registers_cooperative(registration.type) and registration.state in REGISTRATION_GONE:
        return registration
    return None


def load_seed(
    store: Store,
    actor: Actor,
    *,
    type_id: str | None,
    cooperative: str | None,
    entry_uuid: str | None,
    form_id: str | None,
    copy_of: str | None = None,
) -> EditorSeed:
    """What the form opens on: a new form, a saved entry, an autosaved form, or (``copy_of``) a
    new form holding another entry's fields, for its cooperative unless ``cooperative`` is given."""
    restored = None
    if form_id:
        restored = next((a for a in autosave.pending(store, actor) if a.form_id == form_id), None)
        if restored is not None:
            type_id, cooperative, entry_uuid = restored.type, restored.cooperative, restored.entry_uuid
    entry = entries.get_entry(store, entry_uuid) if entry_uuid else None
    if entry is not None:
        type_id, cooperative = entry.type, entry.cooperative
    source = entries.get_entry(store, copy_of) if copy_of and restored is None and entry is None else None
    gone: Entry | None = None
    if source is not None:
        type_id = source.type
        if registers_cooperative(source.type):
            cooperative = None  # a registration founds its own cooperative
        elif cooperative is None:
            cooperative = source.cooperative
            gone = withdrawn_registration(store, cooperative)
            if gone is not None:
                cooperative = None
    if type_id is None:
        raise NotFound("Açılacak form bulunamadı: kayıt türü bilinmiyor.")
    get_type(type_id)  # an unknown type fails here with its Turkish message
    seed = EditorSeed(
        type_id=type_id,
        cooperative=cooperative,
        form_id=form_id or str(uuidlib.uuid4()),
        entry=entry,
        record=cooperative_record(store, cooperative),
    )
    if entry is not None:
        seed.refused_payload = refused_payload(store, entry)
        if entry.comment:
            seed.returned = last_return(store, entry.uuid)
    if restored is not None:
        seed.values = dict(restored.payload)
        seed.restored = True
        if entry is not None:
            seed.loaded_revision = restored.loaded_revision
            seed.revision_unknown = restored.loaded_revision is None
        for sha in restored.attachments:
            try:
                seed.attachments.append(attachment_store.info(store, sha))
            except NotFound:
                continue
    elif entry is not None:
        seed.values = dict(entry.payload)
        seed.loaded_revision = entry.revision
        seed.attachments = attachment_service.list_for_entry(store, entry.uuid)
    elif source is not None:
        seed.values = copied_values(get_type(type_id), source.payload)
        # Scans are stored once and linked to each entry that names them: the copy may share them.
        seed.attachments = attachment_service.list_for_entry(store, source.uuid)
        seed.copied_from = source
        seed.copied_registration_gone = gone
    elif seed.record is not None:
        seed.values = prefilled_values(get_type(type_id), seed.record)
    return seed


def refused_payload(store: Store, entry: Entry) -> dict[str, Any] | None:
    """The revision KOOP-BİS refused: the clerk's later saves of the correction are newer."""
    if not refusal_messages(entry):
        return None
    refused_at = max(
        (
            str(row["at"])
            for row in entries.audit_rows(store, entry.uuid)
            if row["action"] == Action.REFUSE.value
        ),
        default=None,
    )
    if refused_at is None:
        return None
    revisions = entries.revisions(store, entry.uuid)
    if all(r.created_at <= refused_at for r in revisions):
        return dict(entry.payload)  # not saved since: what it holds is what KOOP-BİS refused
    earlier = [r for r in revisions if r.created_at <= refused_at]
    return earlier[-1].payload if earlier else None


def copied_values(ctype: ChangeType, payload: dict[str, Any]) -> dict[str, Any]:
    """The fields of ``payload`` a copy starts with: every schema field as typed (tables row by row).

    Nothing that names the old entry is in its payload (its number, KOOP-BİS receipt, state,
    history and base are the entry's own columns), so only keys the schema no longer knows are
    left out."""
    names = {f.name for f in ctype.fields}
    return {name: copy.deepcopy(value) for name, value in payload.items() if name in names}


def prefilled_values(ctype: ChangeType, record: dict[str, Any]) -> dict[str, Any]:
    """A new form's starting rows: the current board or auditors from the cooperative's record."""
    values: dict[str, Any] = {}
    for f in ctype.fields:
        if f.kind == Kind.GROUP and f.prefill and f.snapshot and "{}" not in f.snapshot:
            rows = base_value(record, f.snapshot)
            if isinstance(rows, list) and rows:
                names = [sub.name for sub in f.fields]
                values[f.name] = [{name: row.get(name, "") for name in names} for row in rows]
    return values
