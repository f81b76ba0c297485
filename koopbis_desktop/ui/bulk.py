"""Bulk approval of the entries a supervisor selected in the queue.

Each entry is approved on its own (``services.review.approve_many``): one that
may not be approved — the supervisor's own entry under the four-eyes rule, one
with errors, one another supervisor already handled — is named in the summary
with the reason, and does not stop the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import review
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import NotFound
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message

# Every call names its context so that pyside6-lupdate (with `-tr-function-alias translate+=_tr`,
# see the Makefile) extracts the string; a one-argument wrapper hid them, leaving them Turkish in English.
_tr = QCoreApplication.translate


@dataclass(frozen=True)
class BulkOutcome:
    approved: list[str]
    refused: list[tuple[str, str, str]]  # uuid, what the entry is (Turkish), why it was refused


def _describe(store: Store, entry_uuid: str) -> str:
    try:
        entry = entries.get_entry(store, entry_uuid)
    except NotFound:
        return entry_uuid[:8]
    title = ""
    if entry.cooperative_id:
        summary = snapshot.get_summary(store, entry.cooperative_id)
        title = str(summary["title"]) if summary else entry.cooperative_id
    number = f"{entry.number} · " if entry.number else ""
    return tx("{type} — {cooperative} ({number}kayıt {entry}, yazan {author})").format(
        type=get_type(entry.type).label,
        cooperative=title or entry.cooperative or "",
        number=number,
        entry=entry.uuid[:8],
        author=entry.author,
    )


def run_bulk_approval(store: Store, actor: Actor, entry_uuids: Sequence[str]) -> BulkOutcome:
    """The job that runs on the DB worker."""
    result = review.approve_many(store, actor, entry_uuids)
    refused = [(key, _describe(store, key), reason) for key, reason in result.refused.items()]
    return BulkOutcome(result.approved, refused)


def summary_text(outcome: BulkOutcome) -> str:
    lines = [_tr("BulkApprove", "{0} kayıt onaylandı.").format(len(outcome.approved))]
    if outcome.refused:
        lines.append(_tr("BulkApprove", "{0} kayıt onaylanamadı:").format(len(outcome.refused)))
        lines.extend(f"• {what}: {why}" for _key, what, why in outcome.refused)
    return "\n".join(lines)


def approve_selected(ctx: AppContext, parent: QWidget | None, entry_uuids: Sequence[str]) -> None:
    """Ask, approve the selected entries on the DB worker, then report each refusal in Turkish."""
    keys = list(dict.fromkeys(entry_uuids))
    if not keys:
        messages.show_info(
            parent, _tr("BulkApprove", "Toplu onay"), _tr("BulkApprove", "Onaylanacak kayıt seçilmedi.")
        )
        return
    answer = messages.ask(
        parent,
        _tr("BulkApprove", "Toplu onay"),
        _tr("BulkApprove", "Seçili {0} kayıt onaylanacak.").format(len(keys)),
        [
            (_tr("BulkApprove", "&Onayla"), messages.Role.AcceptRole),
            (_tr("BulkApprove", "&Vazgeç"), messages.Role.RejectRole),
        ],
        informative=_tr(
            "BulkApprove",
            "Her kayıt ayrı ayrı onaylanır; kendi yazdığınız ya da hatalı kayıtlar onaylanmaz "
            "ve sonuçta nedeniyle listelenir. Devam edilsin mi?",
        ),
        default=1,
        escape=1,
        object_name="bulkApproveConfirm",
    )
    if answer != 0:
        return

    def on_done(outcome: BulkOutcome) -> None:
        if outcome.approved:
            ctx.hub.entries_changed.emit(list(outcome.approved))
        messages.show(
            parent,
            messages.Level.WARNING if outcome.refused else messages.Level.INFO,
            _tr("BulkApprove", "Toplu onay sonucu"),
            summary_text(outcome),
            object_name="bulkApproveResult",
            wait=False,
        )

    def on_error(exc: BaseException) -> None:
        messages.show_warning(
            parent,
            _tr("BulkApprove", "Toplu onay"),
            user_message(exc),
            object_name="bulkApproveResult",
            wait=False,
        )

    actor = ctx.require_actor()
    ctx.worker.submit(lambda store: run_bulk_approval(store, actor, keys), on_done, on_error)
