"""Supervisor review: approve or return submitted entries under the four-eyes rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.display import format_stamp
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Action, Actor, DomainError
from koopbis_desktop.domain.schema import validate
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.store import entries
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.store.errors import StoreError


def approve_entry(
    store: Store,
    actor: Actor,
    entry_uuid: str,
    comment: str | None = None,
    *,
    reviewed_revision: int | None = None,
) -> Entry:
    """Approve a submitted entry; the approver must be a supervisor other than the author.

    ``reviewed_revision``: the revision the supervisor read; a newer one is not approved unread.
    """
    entry = entries.get_entry(store, entry_uuid)
    result = validate(get_type(entry.type), entry.payload)
    if result.errors:
        raise ValidationFailed(
            result.issues, tx("Kayıtta hata var; onaylanamaz. Memura iade edin."), type_id=entry.type
        )
    return entries.move(
        store,
        entry.uuid,
        Action.APPROVE,
        actor,
        comment=(comment or "").strip() or None,
        fields={"approver": actor.username, "approved_at": stamp()},
        reviewed_revision=reviewed_revision,
    )


def return_entry(
    store: Store, actor: Actor, entry_uuid: str, comment: str, *, reviewed_revision: int | None = None
) -> Entry:
    """Send an entry back to its author; the comment (what to fix) is required.

    ``reviewed_revision``: the revision the comment was written about (see :func:`approve_entry`).
    """
    text = (comment or "").strip()
    if not text:
        raise ValidationFailed([], tx("İade nedeni yazılmalıdır: memur neyi düzelteceğini bilmeli."))
    entry = entries.get_entry(store, entry_uuid)
    return entries.move(
        store,
        entry.uuid,
        Action.RETURN,
        actor,
        comment=text,
        fields={"comment": text, "approver": None},
        reviewed_revision=reviewed_revision,
    )


@dataclass(frozen=True)
class BulkResult:
    """Several entries moved one by one: those that moved, and why each of the others did not."""

    done: list[str]
    refused: dict[str, str]  # uuid → reason

    @property
    def approved(self) -> list[str]:
        return self.done


def approve_many(
    store: Store, actor: Actor, shown: Mapping[str, int], comment: str | None = None
) -> BulkResult:
    """Approve each entry on its own; one refusal does not stop the others.

    ``shown``: each entry's uuid → the revision the list showed (``EntryRow.revision``). An entry
    holding a newer one now (returned, corrected and sent again, e.g. on another PC) is not
    approved unread: the single review's check (``reviewed_revision``) refuses it.
    """
    approved: list[str] = []
    refused: dict[str, str] = {}
    for key, revision in shown.items():
        try:
            approved.append(approve_entry(store, actor, key, comment, reviewed_revision=revision).uuid)
        except entries.ReviewedRevisionChanged as exc:
            refused[key] = tx(
                "Liste gösterildikten sonra içeriği değişti: {who} {when} tarihinde yeni bir sürüm "
                "kaydetti (başka bir bilgisayarda da olabilir). Okumadığınız içerik onaylanmadı; kaydı "
                "açıp okuyun, sonra onaylayın."
            ).format(who=exc.saved_by, when=format_stamp(exc.saved_at) if exc.saved_at else "?")
        except (DomainError, StoreError) as exc:
            refused[key] = exc.message
    return BulkResult(approved, refused)
