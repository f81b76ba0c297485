"""After a crash or power cut: offer the forms that were autosaved but never saved."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from koopbis_desktop.services import autosave
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor import open_editor
from koopbis_desktop.ui.editor.editor import EntryEditor


def _tr(text: str) -> str:
    return QCoreApplication.translate("offer_recovery", text)


def offer_recovery(ctx: AppContext, parent: QWidget | None) -> int:
    """Ask to restore this user's autosaved forms and open them; returns how many were opened.

    Called once right after sign-in (start-up), so it may wait for the worker. Declining
    keeps the scratch copies: they are offered again next time, never silently dropped.
    """
    actor = ctx.require_actor()
    pending = ctx.worker.call(lambda store: autosave.pending(store, actor))
    return ask_recovery(ctx, parent, pending)


def schedule_recovery(ctx: AppContext, parent: QWidget | None) -> None:
    """Look for autosaved forms on the DB worker and ask about them when the answer arrives.

    The shell calls this right after the main window shows, so sign-in never waits
    for the disk.
    """
    actor = ctx.require_actor()

    def on_pending(pending: list[autosave.Autosaved]) -> None:
        if pending:
            ask_recovery(ctx, parent, pending)

    ctx.worker.submit(lambda store: autosave.pending(store, actor), on_pending)


def ask_recovery(ctx: AppContext, parent: QWidget | None, pending: list[autosave.Autosaved]) -> int:
    """Ask to restore ``pending`` forms and open them; returns how many were opened."""
    if not pending:
        return 0
    answer = messages.ask(
        parent,
        _tr("Kaydedilmemiş formlar"),
        _tr("Kaydedilmemiş {0} form bulundu: geri yüklensin mi?").format(len(pending)),
        [(_tr("Geri yükle"), messages.Role.AcceptRole), (_tr("Sonra"), messages.Role.RejectRole)],
        informative=_tr(
            "Program beklenmedik biçimde kapanmış olabilir. «Sonra» derseniz formlar silinmez; bir sonraki açılışta yeniden sorulur."
        ),
        default=0,
        object_name="recovery_question",
    )
    if answer != 0:
        return 0
    opened: list[EntryEditor] = [open_editor(ctx, parent, form_id=item.form_id) for item in pending]
    return len(opened)
