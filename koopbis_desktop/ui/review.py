"""The supervisor's review of one entry: read it whole, then approve it or return it.

Whether Onayla / İade et may be used is decided by ``lifecycle.check_move`` (the
same function the store calls inside the transaction), so the dialog never
offers what the service would refuse; a disabled button carries the refusal as
its tooltip. Clerks and read-only viewers open the same dialog and see
everything, with the actions disabled. A clerk's own submitted entry opens here
too, and its author may withdraw it from here ("Geri çek…", ``ui/withdraw.py``).
All database work runs on the DB worker.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.display import format_stamp
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import (
    ACTION_LABELS,
    STATE_LABELS,
    Action,
    DomainError,
    check_move,
    may_capture,
)
from koopbis_desktop.services import review
from koopbis_desktop.store import entries, presence
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.store.presence import Presence
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.copy_entry import COPY_KEYS, open_copy
from koopbis_desktop.ui.entry_view import EntryDetails, EntryView, load_entry_details
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.withdraw import (
    WITHDRAW_KEYS,
    WithdrawDialog,
    tell_refused,
    withdraw_job,
    withdraw_refusal,
    withdrawn_text,
)

ERROR_STYLE = "color: #b00020;"

# A note typed and left without a decision (Esc, Kapat): (who, entry uuid) → (the revision it was
# written for, the text), given back to the same person when the same revision is opened again.
_LEFT_COMMENTS: dict[tuple[str, str], tuple[int, str]] = {}


def permission(ctx: AppContext, action: Action, entry: Entry) -> str | None:
    """None when the signed-in user may make ``action`` on ``entry``, else why not (Turkish)."""
    if ctx.actor is None:
        return tx("Bu işlem için oturum açın.")
    try:
        check_move(action, entry.state, ctx.actor, entry.author)
    except DomainError as exc:
        return exc.message
    return None


class ReviewDialog(QDialog):
    """One entry, read-only, with Onayla / İade et for a supervisor who may use them."""

    approved = Signal(str)
    returned = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, entry_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry_uuid = entry_uuid
        self.details: EntryDetails | None = None
        self._busy = False
        self._approve_reason: str | None = "…"
        self._return_reason: str | None = "…"
        self._withdraw_reason: str | None = "…"
        self._keep_status = False  # an error shown before a reload stays visible
        self.setWindowTitle(self.tr("Kayıt incelemesi"))
        self.resize(1000, 720)

        self.view = EntryView(self)
        self.status = QLabel(self.tr("Kayıt yükleniyor…"))
        self.status.setObjectName("reviewStatus")
        self.status.setWordWrap(True)

        self.comment_label = QLabel(
            self.tr("&Açıklama (iade ederken zorunlu: memur neyi düzelteceğini bilmeli):")
        )
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(
            self.tr("Örneğin: Karar numarası yanlış; yönetim kurulu kararına göre düzeltin.")
        )
        self.comment.setFixedHeight(self.comment.fontMetrics().height() * 4)
        self.comment_label.setBuddy(self.comment)
        self.comment.textChanged.connect(self.on_comment_text_changed)

        self.approve_button = QPushButton(self.tr("&Onayla"))
        self.approve_button.setObjectName("approveButton")
        self.return_button = QPushButton(self.tr("&İade et"))
        self.return_button.setObjectName("returnButton")
        self.close_button = QPushButton(self.tr("&Kapat"))
        self.close_button.setObjectName("closeButton")
        self.approve_button.setAutoDefault(False)
        self.return_button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        self.approve_button.clicked.connect(self.on_approve_button_clicked)
        self.return_button.clicked.connect(self.on_return_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.slip_button = QPushButton(self.tr("Kayıt &fişi…"))
        self.slip_button.setObjectName("slipButton")
        self.slip_button.setAutoDefault(False)
        self.slip_button.setToolTip(self.tr("Kaydın imzalanacak fişini gösterir (baskı önizleme)."))
        self.slip_button.clicked.connect(self.on_slip_button_clicked)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.on_approve_shortcut_activated)
        # Yeni kayda kopyala… (Ctrl+Shift+K): this entry's fields in a new form, for whoever records
        # entries; a withdrawn, sent or someone else's entry is not typed again.
        self.copy_button = QPushButton(self.tr("Yeni kayda ko&pyala… (Ctrl+Shift+K)"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setAutoDefault(False)
        self.copy_button.setToolTip(
            self.tr(
                "Bu kaydın alanlarını yeni bir formda açar; kooperatifi ve alanları değiştirip kaydedersiniz. "
                "Kaydetmeden kapatırsanız hiçbir şey saklanmaz."
            )
        )
        self.copy_button.setVisible(may_capture(ctx.actor))
        self.copy_button.clicked.connect(self.on_copy_button_clicked)
        if may_capture(ctx.actor):
            copy_shortcut = QShortcut(QKeySequence(COPY_KEYS), self)
            copy_shortcut.activated.connect(self.on_copy_button_clicked)
        # Geri çek… (Ctrl+Shift+G): the author withdraws her own entry (a submitted one opens here,
        # not in the form), as in the form and on the queues; shown only when she may.
        self.withdraw_button = QPushButton(self.tr("&Geri çek… (Ctrl+Shift+G)"))
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.setAutoDefault(False)
        self.withdraw_button.setToolTip(
            self.tr("Kaydı geri çeker: KOOP-BİS'e gönderilmez, geçmişte kalır. Önce sorulur.")
        )
        self.withdraw_button.setVisible(False)
        self.withdraw_button.clicked.connect(self.on_withdraw_button_clicked)
        self.withdraw_shortcut = QShortcut(QKeySequence(WITHDRAW_KEYS), self)
        self.withdraw_shortcut.setEnabled(False)
        self.withdraw_shortcut.activated.connect(self.on_withdraw_button_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.slip_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.comment)
        layout.addLayout(buttons)
        self.setTabOrder(self.view.tabs, self.comment)
        self.setTabOrder(self.comment, self.approve_button)
        self.setTabOrder(self.approve_button, self.return_button)
        self.setTabOrder(self.return_button, self.close_button)
        self.setTabOrder(self.close_button, self.slip_button)
        self.setTabOrder(self.slip_button, self.copy_button)
        self.setTabOrder(self.copy_button, self.withdraw_button)

        self._update_buttons()
        ctx.hub.changed.connect(self.on_hub_changed)
        self.reload()

    # -- loading -----------------------------------------------------------------------

    def on_hub_changed(self, changes: OpChanges) -> None:
        """The entry moved or changed (here or on another PC): show it as it is now; someone
        opened or closed it in an editor: say so."""
        if not shiboken6.isValid(self):
            return
        if changes.entries:
            self._reload_if_moved()
        if not changes.presence:
            return
        key = self.entry_uuid
        viewer = self.ctx.actor.username if self.ctx.actor is not None else ""

        def op(store: Store) -> Presence | None:
            editing = presence.of_entry(store, key)
            return None if editing is None or editing.is_of(viewer) else editing

        self.ctx.worker.submit(
            op, self._on_editing_loaded, lambda _exc: None, coalesce=f"review-editing-{key}"
        )

    def _on_editing_loaded(self, editing: Presence | None) -> None:
        if shiboken6.isValid(self):
            self.view.show_editing(editing)

    def _reload_if_moved(self) -> None:
        """Reload when the entry's state or revision is no longer the one shown (a cheap read first)."""
        if self.details is None or self._busy or not self.isVisible():
            return
        key = self.entry_uuid
        shown = (self.details.entry.state, self.details.entry.revision)
        viewer = self.ctx.actor.username if self.ctx.actor is not None else None

        def op(store: Store) -> EntryDetails | None:
            now = entries.get_entry(store, key)
            if (now.state, now.revision) == shown:
                return None
            return load_entry_details(store, key, viewer)

        self.ctx.worker.submit(op, self._on_moved_loaded, lambda _exc: None, coalesce=f"review-moved-{key}")

    def _on_moved_loaded(self, details: EntryDetails | None) -> None:
        if details is not None and shiboken6.isValid(self) and not self._busy:
            self.on_details_loaded(details)

    def reload(self) -> None:
        key = self.entry_uuid
        viewer = self.ctx.actor.username if self.ctx.actor is not None else None
        self.ctx.worker.submit(
            lambda store: load_entry_details(store, key, viewer),
            self.on_details_loaded,
            self.on_load_failed,
            coalesce=f"review-{key}",
        )

    def on_details_loaded(self, details: EntryDetails) -> None:
        before = self.details
        could_act = self._approve_reason is None or self._return_reason is None
        self.details = details
        self.entry_uuid = details.entry.uuid
        self.view.show_details(details)
        entry = details.entry
        self._approve_reason = permission(self.ctx, Action.APPROVE, entry)
        self._return_reason = permission(self.ctx, Action.RETURN, entry)
        self._withdraw_reason = withdraw_refusal(self.ctx.actor, entry.state, entry.author)
        self.setWindowTitle(
            self.tr("Kayıt incelemesi {0} — {1}").format(
                entry.label, details.cooperative_title or entry.cooperative or ""
            )
        )
        unmoved = before is not None and (before.entry.state, before.entry.revision) == (
            entry.state,
            entry.revision,
        )
        if self._keep_status:
            self._keep_status = False
        elif unmoved:
            pass  # read again as it was shown (a second reload after a move): what was said stays
        elif before is not None and (before.entry.state, before.entry.revision) != (
            entry.state,
            entry.revision,
        ):
            self._show_status(self._moved_text(details, could_act=could_act), error=True)
        elif self._approve_reason and self._return_reason:
            self._show_status(self._approve_reason, error=False)
        else:
            self._show_status(
                self.tr("Kaydı inceleyin; onaylayın ya da açıklama yazarak iade edin."), error=False
            )
        self._update_buttons()
        left = _LEFT_COMMENTS.pop(self._comment_key(entry.uuid), None) if before is None else None
        if left is not None and left[0] == entry.revision and not self.comment.toPlainText().strip():
            self.comment.setPlainText(left[1])
            self.comment.moveCursor(QTextCursor.MoveOperation.End)
            self._show_status(self.tr("Önceki açılışta yazdığınız açıklama geri kondu."), error=False)
        if self._return_reason is None:
            self.view.tabs.setFocus()
        else:
            self.close_button.setFocus()
        self.loaded.emit()

    def _comment_key(self, entry_uuid: str) -> tuple[str, str]:
        return (self.ctx.actor.username if self.ctx.actor else "", entry_uuid)

    def done(self, result: int) -> None:
        """Closed without approving or returning: a note typed waits for the next opening of the
        same revision (a supervisor who pressed Esc does not write it again)."""
        text = self.comment.toPlainText()
        if result != QDialog.DialogCode.Accepted and text.strip() and self.details is not None:
            entry = self.details.entry
            _LEFT_COMMENTS[self._comment_key(entry.uuid)] = (entry.revision, text)
        super().done(result)

    def _moved_text(self, details: EntryDetails, *, could_act: bool = True) -> str:
        """What happened to the entry while it was being reviewed, and what to do now (Turkish).

        ``could_act``: this person could approve or return it before the move (a supervisor);
        its clerk reading it could not, and is told what is theirs to do, if anything."""
        entry = details.entry
        last = details.audit[-1] if details.audit else None
        if last is not None:
            try:
                action = ACTION_LABELS[Action(str(last["action"]))]
            except ValueError:
                action = str(last["action"])
            done = self.tr("Bu kayıt siz incelerken değişti (son işlem: {0} — {1}, {2}).").format(
                action, details.person(str(last["actor"])), format_stamp(str(last["at"]))
            )
        else:
            done = self.tr("Bu kayıt siz incelerken değişti.")
        now = self.tr("Kayıt şimdi '{0}' durumunda, sürüm {1}.").format(
            STATE_LABELS[entry.state], entry.revision
        )
        if permission(self.ctx, Action.EDIT, entry) is None:  # given back to this person to correct
            then = self.tr(
                "Kayıt düzeltmeniz için size döndü: bu pencereyi kapatıp kaydı Taslaklarım'da açın ve düzeltin."
            )
            if entry.comment:
                then = self.tr("İade notu: «{0}».").format(entry.comment) + " " + then
        elif self._approve_reason and self._return_reason:
            if not could_act:
                return f"{done} {now}"  # nothing was this person's to do, nor is now
            then = self.tr("Artık onaylanamaz ya da iade edilemez; pencereyi kapatabilirsiniz.")
        else:
            then = self.tr("Gösterilen yeni hâlini okuyup yeniden karar verin.")
        return f"{done} {now} {then}"

    def on_load_failed(self, exc: BaseException) -> None:
        self._show_status(user_message(exc), error=True)
        self._update_buttons()

    # -- buttons -------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        loaded = self.details is not None and not self._busy
        self.copy_button.setEnabled(loaded)
        may_withdraw = self.details is not None and self._withdraw_reason is None
        self.withdraw_button.setVisible(may_withdraw)
        self.withdraw_button.setEnabled(loaded and may_withdraw)
        self.withdraw_shortcut.setEnabled(loaded and may_withdraw)
        self.approve_button.setEnabled(loaded and self._approve_reason is None)
        self.approve_button.setToolTip(
            self._approve_reason
            or self.tr("Kaydı onaylar; onaylanan kayıt KOOP-BİS açılınca aktarılır (Ctrl+Enter).")
        )
        self.return_button.setEnabled(loaded and self._return_reason is None)
        self.return_button.setToolTip(
            self._return_reason
            or self.tr("Kaydı yazan memura geri gönderir; açıklama kutusuna neyin düzeltileceğini yazın.")
        )
        may_comment = loaded and (self._return_reason is None or self._approve_reason is None)
        self.comment.setReadOnly(not may_comment)
        self.comment.setEnabled(may_comment)

    def _show_status(self, text: str, *, error: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def on_comment_text_changed(self) -> None:
        if self.status.styleSheet() == ERROR_STYLE and self.comment.toPlainText().strip():
            self._show_status("", error=False)

    def on_approve_shortcut_activated(self) -> None:
        if not self.approve_button.isEnabled():
            return
        if self.comment.toPlainText().strip():
            # A note typed: most likely a return's reason, and Ctrl+Enter "sends" in the entry
            # form. Approving then would send the entry on and the clerk would never read it.
            self._show_status(
                self.tr(
                    "Açıklama yazılıyken Ctrl+Enter onaylamaz. İade etmek için İade et'e, açıklamayla "
                    "onaylamak için Onayla'ya basın."
                ),
                error=True,
            )
            return
        self.on_approve_button_clicked()

    def on_approve_button_clicked(self) -> None:
        if self.details is None or self._approve_reason is not None or self._busy:
            return
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        comment = self.comment.toPlainText()
        read = self.details.entry.revision
        self._start(self.tr("Onaylanıyor…"))
        self.ctx.worker.submit(
            lambda store: review.approve_entry(store, actor, key, comment, reviewed_revision=read),
            self.on_approve_succeeded,
            self.on_action_failed,
        )

    def on_return_button_clicked(self) -> None:
        if self.details is None or self._return_reason is not None or self._busy:
            return
        comment = self.comment.toPlainText().strip()
        if not comment:
            self._show_status(
                self.tr(
                    "İade nedeni yazılmalıdır: memur neyi düzelteceğini bilmeli. Açıklama kutusuna yazın."
                ),
                error=True,
            )
            self.comment.setFocus()
            return
        actor = self.ctx.require_actor()
        key = self.entry_uuid
        read = self.details.entry.revision
        self._start(self.tr("İade ediliyor…"))
        self.ctx.worker.submit(
            lambda store: review.return_entry(store, actor, key, comment, reviewed_revision=read),
            self.on_return_succeeded,
            self.on_action_failed,
        )

    def on_copy_button_clicked(self) -> None:
        if self.details is None or self._busy or not may_capture(self.ctx.actor):
            return
        # Beside this window (its parent's), so the copy stays open when the review closes.
        open_copy(self.ctx, self.parentWidget(), self.details.entry.uuid)

    # -- withdrawing (the author's own entry) --------------------------------------------

    def on_withdraw_button_clicked(self) -> None:
        """Ask first (``WithdrawDialog``); the answer withdraws the entry on the DB worker."""
        if self.details is None or self._busy or self._withdraw_reason is not None:
            return
        details = self.details
        entry = details.entry
        what = self.tr("{0} — kayıt {1}").format(get_type(entry.type).label, entry.label)
        if entry.cooperative:
            what += f"\n{entry.cooperative} — {details.cooperative_title}".rstrip(" —")
        dialog = WithdrawDialog(self, what, state=entry.state)
        dialog.confirmed.connect(self.withdraw)
        dialog.open()

    def withdraw(self, reason: str) -> None:
        """Withdraw the entry shown (the question was answered), as the form and the queues do.

        Not checked again here: an entry that moved while the question was open (approved on
        another PC) is refused by the service, and the person is told why."""
        if self.details is None or self._busy:
            return
        actor = self.ctx.require_actor()
        self._start(self.tr("Geri çekiliyor…"))
        self.ctx.worker.submit(
            withdraw_job(actor, self.entry_uuid, reason), self.on_withdrawn, self.on_withdraw_failed
        )

    def on_withdrawn(self, entry: Entry) -> None:
        """Withdrawn: the status bar and this window say so, and the window shows it as it is now
        (Geri çekildi, its history with the reason; nothing left to withdraw)."""
        self._busy = False
        text = withdrawn_text(entry.label)
        self.ctx.hub.message.emit(text)
        self._show_status(text, error=False)
        self._withdraw_reason = withdraw_refusal(self.ctx.actor, entry.state, entry.author)
        self._update_buttons()
        self._keep_status = True
        self.reload()

    def on_withdraw_failed(self, exc: BaseException) -> None:
        """Refused (the entry moved meanwhile on another PC: approved, sent, withdrawn) or failed:
        nothing changed; say why, then show the entry as it is now."""
        self._busy = False
        label = self.details.entry.label if self.details is not None else self.entry_uuid[:8]
        reason = tell_refused(
            self,
            label,
            exc,
            then=self.tr("Hiçbir şey değişmedi. Pencere kaydın şimdiki durumunu gösteriyor."),
        )
        self._show_status(self.tr("Geri çekilemedi: {0}").format(reason), error=True)
        self._update_buttons()
        self._keep_status = True
        self.reload()

    def on_slip_button_clicked(self) -> None:
        from koopbis_desktop.services import reports

        key, province = self.entry_uuid, self.ctx.province_code
        self.ctx.worker.submit(
            lambda store: reports.entry_slip(store, key, province),
            self.on_slip_loaded,
            self.on_load_failed,
        )

    def on_slip_loaded(self, report: object) -> None:
        from koopbis_desktop.services.reports import Report
        from koopbis_desktop.ui.printing import show_preview

        assert isinstance(report, Report)
        show_preview(self, report)

    def _start(self, text: str) -> None:
        self._busy = True
        self._show_status(text, error=False)
        self._update_buttons()

    def on_approve_succeeded(self, entry: Entry) -> None:
        self._finish(entry)
        self.approved.emit(entry.uuid)
        self.accept()

    def on_return_succeeded(self, entry: Entry) -> None:
        self._finish(entry)
        self.returned.emit(entry.uuid)
        self.accept()

    def _finish(self, entry: Entry) -> None:
        self._busy = False
        self.ctx.hub.entries_changed.emit([entry.uuid])

    def on_action_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._show_status(user_message(exc), error=True)
        self._update_buttons()
        # The entry may have moved meanwhile (another supervisor): show it as it is now.
        self._keep_status = True
        self.reload()


def open_entry(ctx: AppContext, parent: QWidget | None, entry_uuid: str) -> QDialog:
    """Show an entry's review dialog without blocking the window behind it; returns the dialog."""
    dialog = ReviewDialog(ctx, entry_uuid, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(False)
    dialog.show()
    return dialog
