"""The entry form's "Geri çek…": its author withdraws the entry (draft, submitted or returned).

The button shows only when ``lifecycle.check_move`` lets the person withdraw the entry as the
form last read it. The question (``ui/withdraw.py``) names what is lost, the form's unsaved
typing included; the move runs on the DB worker, and the form closes once the entry is
withdrawn. Refused (the entry moved meanwhile on another PC: approved, sent, withdrawn), the
form stays open with what was typed, says why, and shows the entry as it is now.
"""

from __future__ import annotations

from koopbis_desktop.domain.lifecycle import DomainError
from koopbis_desktop.services import autosave
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.ui.editor.base import EditorBase
from koopbis_desktop.ui.editor.live import load_news
from koopbis_desktop.ui.withdraw import (
    WithdrawDialog,
    tell_refused,
    withdraw_job,
    withdraw_refusal,
    withdrawn_text,
)


class WithdrawAction(EditorBase):
    """Geri çek… (Ctrl+Shift+G) in the form of one's own entry."""

    def may_withdraw(self) -> bool:
        entry = self.entry
        return entry is not None and withdraw_refusal(self.actor, entry.state, entry.author) is None

    def _update_withdraw_button(self) -> None:
        self.withdraw_button.setVisible(self.is_loaded and self.may_withdraw())
        self.withdraw_button.setEnabled(not self.busy)

    def on_withdraw_button_clicked(self) -> None:
        if self.busy or not self.is_loaded or not self.may_withdraw():
            return
        assert self.entry is not None and self.ctype is not None
        if not self.read_only:
            self.commit_open_cells()
        # Typing not saved, or a restored copy that can no longer be saved: it goes with the entry.
        unsaved = self.is_dirty()
        number = self.entry.number or self.entry.uuid[:8]
        what = self.tr("{0} — kayıt {1}").format(self.ctype.label, number)
        if self.record is not None:
            what += f"\n{self.record.get('id') or ''} — {self.record.get('title') or ''}"
        dialog = WithdrawDialog(self, what, state=self.entry.state, unsaved=unsaved)
        dialog.confirmed.connect(self._guard(self.withdraw))
        dialog.open()

    def withdraw(self, reason: str) -> None:
        """Withdraw the entry on the DB worker (the question was answered)."""
        if self.busy or self.entry is None:
            return
        actor, key, form_id = self.actor, self.entry.uuid, self.form_id

        def discard_copy(store: Store) -> None:
            autosave.discard(store, form_id)  # the typing the question said would go

        # Withdrawn with its copy gone, or neither (a refusal keeps the copy).
        op = withdraw_job(actor, key, reason, also=discard_copy)
        self.busy = True
        self.validate_timer.stop()
        self.autosave_timer.stop()
        self._freeze_for_submit(True)  # what is typed now would close with the form, unsaved
        self._update_buttons()
        self.status.setText(self.tr("Geri çekiliyor…"))
        self.ctx.worker.submit(op, self._guard(self.on_withdrawn), self._guard(self.on_withdraw_failed))

    def on_withdrawn(self, entry: Entry) -> None:
        self.busy = False
        self.entry = entry
        self._autosave_pending = False
        self._restored = False
        self._attachments_dirty = False
        self.undo_stack.setClean()
        text = withdrawn_text(entry.label)
        self.status.setText(text)
        self.ctx.hub.message.emit(text)
        self._closing_confirmed = True
        self.accept()

    def on_withdraw_failed(self, exc: BaseException) -> None:
        """Refused (moved meanwhile, not the author) or failed: nothing changed, the typing stays."""
        self.busy = False
        self._freeze_for_submit(False)
        self._update_buttons()
        if isinstance(exc, DomainError):
            then = self.tr("Hiçbir şey değişmedi; yazdıklarınız formda duruyor.")
        else:
            then = self.tr("Hiçbir şey değişmedi; yazdıklarınız formda duruyor. Biraz sonra yeniden deneyin.")
        label = self.entry.label if self.entry is not None else ""
        message = tell_refused(self, label, exc, then=then)
        self.status.setText(self.tr("Geri çekilemedi: {0}").format(message))
        if self.is_dirty():
            self._autosave_pending = True
            self.autosave_now()
        # Show the entry as it is now (approved, sent, withdrawn on another PC): the bar says who
        # did what, and the form turns read-only if it may no longer be edited.
        if self.entry is None:
            return
        key = self.entry.uuid
        self.ctx.worker.submit(
            lambda store: load_news(store, key, None),
            self._guard(lambda news: self.on_entry_news(news, since_typing=True)),
            self._guard(self.on_worker_error),
        )
