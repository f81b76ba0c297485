"""Withdrawing an entry ("Geri çek…"): the question before it, shared by the form and the queues.

Who may withdraw what is ``lifecycle.check_move`` (the author, from draft, submitted or
returned), the same function the store calls inside the transaction, so a screen never
offers what the service would refuse. The question says what happens: the entry does not
go to KOOP-BİS, it stays in the history, and there is no way back (no move leaves
``withdrawn``). The reason typed is the comment of the audit row (``capture.withdraw_entry``).
The move itself runs on the DB worker (``withdraw_job``); the form, the queue page and the
review window report its outcome in the same words (``withdrawn_text``, ``tell_refused``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Action, Actor, DomainError, State, check_move
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.errors import user_message

WITHDRAW_KEYS = "Ctrl+Shift+G"  # "Geri çek", in the form, the review window and on the queues

_tr = QCoreApplication.translate


def withdraw_refusal(actor: Actor | None, state: State, author: str) -> str | None:
    """None when ``actor`` may withdraw an entry in ``state`` written by ``author``, else why not."""
    if actor is None:
        return tx("Bu işlem için oturum açın.")
    try:
        check_move(Action.WITHDRAW, state, actor, author)
    except DomainError as exc:
        return exc.message
    return None


def withdraw_job(
    actor: Actor, entry_uuid: str, reason: str, *, also: Callable[[Store], None] | None = None
) -> Callable[[Store], Entry]:
    """The move, for the DB worker: ``entry_uuid`` withdrawn with ``reason`` ("" for none) as the
    audit row's comment, in one transaction with ``also`` (the form's autosaved copy going)."""

    def op(store: Store) -> Entry:
        from koopbis_desktop.services import capture  # on first use: the queues load at start-up

        # One transaction: withdrawn and ``also`` done, or neither (a refusal changes nothing).
        with store.atomic():
            withdrawn = capture.withdraw_entry(store, actor, entry_uuid, reason or None)
            if also is not None:
                also(store)
        return withdrawn

    return op


def withdrawn_text(label: str) -> str:
    """What is said once entry ``label`` (its number) is withdrawn: in the status bar, and in the
    status line of the window it was withdrawn from."""
    return _tr("withdraw", "{0} numaralı kayıt geri çekildi; KOOP-BİS'e gönderilmeyecek.").format(label)


def tell_refused(parent: QWidget, label: str, exc: BaseException, *, then: str) -> str:
    """Say why entry ``label`` was not withdrawn (it moved meanwhile on another PC, or the
    database failed) and ``then`` what the person has now; returns the reason, for a status line."""
    reason = user_message(exc)
    messages.show_warning(
        parent,
        _tr("withdraw", "Kayıt geri çekilemedi"),
        _tr("withdraw", "{0} numaralı kayıt geri çekilemedi: {1}").format(label, reason),
        informative=then,
        object_name="withdrawRefused",
        wait=False,
    )
    return reason


class WithdrawDialog(QDialog):
    """Asks before an entry is withdrawn; ``confirmed`` carries the reason typed ("" for none).

    Opened with ``open()`` (window-modal, not blocking); Esc and Vazgeç withdraw nothing.
    """

    confirmed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None,
        what: str,
        *,
        state: State,
        unsaved: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("withdraw_dialog")
        self.setWindowTitle(self.tr("Kaydı geri çek"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)

        self.question = QLabel(self.tr("Bu kayıt geri çekilsin mi?"), self)
        font = self.question.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.question.setFont(font)
        self.what = QLabel(what, self)
        self.what.setObjectName("withdraw_what")
        self.what.setWordWrap(True)
        self.what.setTextFormat(Qt.TextFormat.PlainText)

        lines = [
            self.tr("• Kayıt KOOP-BİS'e gönderilmez."),
        ]
        if state == State.SUBMITTED:
            lines.append(self.tr("• Şefin onay listesinden çıkar; şef onu artık onaylayamaz."))
        elif state == State.RETURNED:  # the supervisor has read it: her note is not lost
            lines.append(self.tr("• Şefin iade notu kaydın geçmişinde kalır."))
        lines += [
            self.tr(
                "• Silinmez: kaydın geçmişinde ve «Tüm kayıtlar» listesinde «Geri çekildi» durumunda kalır."
            ),
            self.tr(
                "• Geri alınamaz: geri çekilen kayıt yeniden açılıp düzeltilemez ya da onaya gönderilemez. "
                "Sonradan gerekirse «Yeni kayda kopyala…» (Ctrl+Shift+K) ile alanlarını yeniden yazmadan "
                "yeni bir kayıt açarsınız."
            ),
        ]
        if unsaved:
            lines.append(
                self.tr(
                    "• Formda kaydedilmemiş değişiklikleriniz var; kayıt geri çekilince bunlar da atılır."
                )
            )
        self.explanation = QLabel("\n".join(lines), self)
        self.explanation.setObjectName("withdraw_explanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)

        self.reason_label = QLabel(self.tr("Ge&rekçe (isteğe bağlı; kaydın geçmişine yazılır):"), self)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("withdraw_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("Örneğin: Yanlış kooperatife girildi."))
        self.reason.setFixedHeight(self.reason.fontMetrics().height() * 4)
        self.reason_label.setBuddy(self.reason)

        self.withdraw_button = QPushButton(self.tr("&Geri çek"), self)
        self.withdraw_button.setObjectName("withdraw_confirm")
        self.cancel_button = QPushButton(self.tr("&Vazgeç"), self)
        self.cancel_button.setObjectName("withdraw_cancel")
        self.cancel_button.setDefault(True)  # Enter outside the reason withdraws nothing
        self.withdraw_button.setAutoDefault(False)
        self.withdraw_button.clicked.connect(self.on_withdraw_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.what)
        layout.addSpacing(6)
        layout.addWidget(self.explanation)
        layout.addSpacing(6)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.reason, self.withdraw_button)
        QWidget.setTabOrder(self.withdraw_button, self.cancel_button)
        self.reason.setFocus()

    def on_withdraw_button_clicked(self) -> None:
        reason = self.reason.toPlainText().strip()
        self.accept()
        self.confirmed.emit(reason)


__all__ = [
    "WITHDRAW_KEYS",
    "WithdrawDialog",
    "tell_refused",
    "withdraw_job",
    "withdraw_refusal",
    "withdrawn_text",
]
