"""Bulk approval of the entries a supervisor selected in the queue.

Each entry is approved on its own (``services.review.approve_many``): one that
may not be approved — the supervisor's own entry under the four-eyes rule, one
with errors, one another supervisor already handled — is named in the summary
with the reason, and does not stop the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import review
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import NotFound
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message


def _tr(text: str) -> str:
    return QCoreApplication.translate("BulkApprove", text)


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
    return f"{get_type(entry.type).label} — {title or entry.cooperative or ''} (kayıt {entry.uuid[:8]}, yazan {entry.author})"


def run_bulk_approval(store: Store, actor: Actor, entry_uuids: Sequence[str]) -> BulkOutcome:
    """The job that runs on the DB worker."""
    result = review.approve_many(store, actor, entry_uuids)
    refused = [(key, _describe(store, key), reason) for key, reason in result.refused.items()]
    return BulkOutcome(result.approved, refused)


def summary_text(outcome: BulkOutcome) -> str:
    lines = [_tr("{0} kayıt onaylandı.").format(len(outcome.approved))]
    if outcome.refused:
        lines.append(_tr("{0} kayıt onaylanamadı:").format(len(outcome.refused)))
        lines.extend(f"• {what}: {why}" for _key, what, why in outcome.refused)
    return "\n".join(lines)


# A result box without a parent has no Qt owner; Python keeps it alive until it is closed.
_open_results: set[QMessageBox] = set()


def _show_result(box: QMessageBox) -> None:
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_results.add(box)
    box.finished.connect(lambda _code: _open_results.discard(box))
    box.open()


def approve_selected(ctx: AppContext, parent: QWidget | None, entry_uuids: Sequence[str]) -> None:
    """Ask, approve the selected entries on the DB worker, then report each refusal in Turkish."""
    keys = list(dict.fromkeys(entry_uuids))
    if not keys:
        QMessageBox.information(parent, _tr("Toplu onay"), _tr("Onaylanacak kayıt seçilmedi."))
        return
    confirm = QMessageBox(parent)
    confirm.setObjectName("bulkApproveConfirm")
    confirm.setIcon(QMessageBox.Icon.Question)
    confirm.setWindowTitle(_tr("Toplu onay"))
    confirm.setText(_tr("Seçili {0} kayıt onaylanacak.").format(len(keys)))
    confirm.setInformativeText(
        _tr(
            "Her kayıt ayrı ayrı onaylanır; kendi yazdığınız ya da hatalı kayıtlar onaylanmaz "
            "ve sonuçta nedeniyle listelenir. Devam edilsin mi?"
        )
    )
    confirm.addButton(_tr("&Onayla"), QMessageBox.ButtonRole.AcceptRole)
    cancel = confirm.addButton(_tr("&Vazgeç"), QMessageBox.ButtonRole.RejectRole)
    confirm.setDefaultButton(cancel)
    confirm.setEscapeButton(cancel)
    confirm.exec()
    clicked = confirm.clickedButton()
    accepted = clicked is not None and confirm.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole
    confirm.deleteLater()
    if not accepted:
        return

    def on_done(outcome: BulkOutcome) -> None:
        if outcome.approved:
            ctx.hub.entries_changed.emit(list(outcome.approved))
        box = QMessageBox(parent)
        box.setObjectName("bulkApproveResult")
        box.setIcon(QMessageBox.Icon.Warning if outcome.refused else QMessageBox.Icon.Information)
        box.setWindowTitle(_tr("Toplu onay sonucu"))
        box.setText(summary_text(outcome))
        _show_result(box)

    def on_error(exc: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("Toplu onay"), user_message(exc), parent=parent)
        box.setObjectName("bulkApproveResult")
        _show_result(box)

    actor = ctx.require_actor()
    ctx.worker.submit(lambda store: run_bulk_approval(store, actor, keys), on_done, on_error)
