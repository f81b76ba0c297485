"""Encrypting a database of the previous version from the desktop, and showing a recovery key once.

An administrator who signs in to a plain database is offered the migration
(``store/encrypt_migration.py``: encrypted backup first, copy, check, swap). It
runs on the DB worker, which closes its store, lets the file be replaced and
opens the encrypted one with the administrator's key; the progress comes back
through a queued signal. Refusing only postpones: the offer returns at the next
sign-in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.worker import StoreHolder


class RecoveryKeyDialog(QDialog):
    """The recovery key, once; closes only after the person confirms having written it down."""

    def __init__(self, recovery_key: str, note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(QCoreApplication.translate("EncryptionOffer", "Kurtarma anahtarı"))
        explain = QLabel(
            QCoreApplication.translate(
                "EncryptionOffer",
                "Veritabanı şifrelendi. Bütün parolalar unutulursa veritabanını yalnızca bu kurtarma "
                "anahtarı açar. Yalnızca şimdi gösterilir: yazın ya da yazdırın ve bilgisayardan ayrı, "
                "kilitli bir yerde saklayın.",
            )
        )
        explain.setWordWrap(True)
        self.key_label = QLabel(recovery_key)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 4)
        self.key_label.setFont(font)
        self.confirm = QCheckBox(
            QCoreApplication.translate(
                "EncryptionOffer", "Kurtarma anahtarını &yazdım, güvenli bir yerde saklayacağım"
            )
        )
        self.close_button = QPushButton(QCoreApplication.translate("EncryptionOffer", "&Kapat"))
        self.close_button.setEnabled(False)
        self.confirm.toggled.connect(self.close_button.setEnabled)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.key_label)
        if note:
            extra = QLabel(note)
            extra.setWordWrap(True)
            layout.addWidget(extra)
        layout.addWidget(self.confirm)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)

    def reject(self) -> None:
        if self.confirm.isChecked():
            super().reject()


class _Progress(QObject):
    """Carries the migration's steps from the worker thread to the progress dialog."""

    step = Signal(str, float)


def offer_encryption(ctx: AppContext, parent: QWidget) -> None:
    """Ask the signed-in administrator to encrypt the plain database now (their password again)."""
    if ctx.actor is None:
        return
    answer = messages.ask(
        parent,
        QCoreApplication.translate("EncryptionOffer", "Veritabanı şifrelenmemiş"),
        QCoreApplication.translate(
            "EncryptionOffer",
            "Bu veritabanı önceki sürümden kalma ve şifrelenmemiş: kaybolan bir bilgisayar ya da yedek, "
            "ortakların T.C. kimlik numaralarını ve adlarını açığa çıkarır. Şimdi şifrelensin mi?",
        ),
        [
            (
                QCoreApplication.translate("EncryptionOffer", "Şimdi şifrele"),
                QMessageBox.ButtonRole.AcceptRole,
            ),
            (QCoreApplication.translate("EncryptionOffer", "Sonra"), QMessageBox.ButtonRole.RejectRole),
        ],
        informative=QCoreApplication.translate(
            "EncryptionOffer",
            "Önce şifreli bir yedek alınır; dosya yerinde şifrelenir, kayıtlar, sayılar ve denetim izi "
            "karşılaştırılır; bir fark olursa hiçbir şey değişmez. Birkaç saniye sürer.",
        ),
        default=0,
        escape=1,
        object_name="encryptionOffer",
    )
    if answer != 0:
        return
    password, accepted = QInputDialog.getText(
        parent,
        QCoreApplication.translate("EncryptionOffer", "Parolanız"),
        QCoreApplication.translate("EncryptionOffer", "Şifreleme için parolanızı yeniden yazın:"),
        QLineEdit.EchoMode.Password,
    )
    if accepted and password:
        start_encryption(ctx, parent, password)


def _show_step(dialog: QProgressDialog, text: str, fraction: float) -> None:
    dialog.setLabelText(text)
    dialog.setValue(round(fraction * 100))


def start_encryption(ctx: AppContext, parent: QWidget, password: str) -> QProgressDialog:
    """Run the migration on the worker with a progress dialog; the recovery key is shown at the end."""
    assert ctx.actor is not None
    username = ctx.actor.username
    dialog = QProgressDialog(
        QCoreApplication.translate("EncryptionOffer", "Veritabanı şifreleniyor…"), "", 0, 100, parent
    )
    dialog.setObjectName("encryptionProgress")
    dialog.setCancelButton(None)  # the swap must not be cut off half-way
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    progress = _Progress(dialog)
    progress.step.connect(lambda text, fraction: _show_step(dialog, text, fraction))

    def migrate(holder: StoreHolder) -> tuple[object, bytes | None]:
        from koopbis_desktop.services import accounts
        from koopbis_desktop.store import encrypt_migration, encryption

        store = holder.store
        accounts.login(store, username, password)  # the password is checked before anything moves
        path, backups = store.path, store.backups_dir
        store.close()
        try:
            report = encrypt_migration.encrypt_in_place(
                path, username, password, backups_dir=backups, progress=progress.step.emit
            )
        finally:
            # Encrypted after success, the untouched plain file after a refusal.
            holder.store = encryption.open_with_password(path, username, password, backups_dir=backups)
        return report, holder.store.key

    def done(outcome: tuple[object, bytes | None]) -> None:
        dialog.close()
        report, ctx.db_key = outcome  # the key: the sync thread opens the file too
        from koopbis_desktop.store.encrypt_migration import MigrationReport  # loaded by migrate

        waiting = getattr(report, "waiting", ())
        notes = list(report.old_backup_notes()) if isinstance(report, MigrationReport) else []
        if waiting:
            notes.insert(
                0,
                QCoreApplication.translate(
                    "EncryptionOffer",
                    "Bu hesaplar anahtarlarını ilk girişlerinde (program açıkken) ya da parolaları sıfırlanınca alır: {0}",
                ).format(", ".join(waiting)),
            )
        RecoveryKeyDialog(str(getattr(report, "recovery_key", "")), "\n\n".join(notes), parent).exec()

    def failed(exc: BaseException) -> None:
        dialog.close()
        messages.show_error(
            parent, QCoreApplication.translate("EncryptionOffer", "Şifrelenemedi"), user_message(exc)
        )

    dialog.show()
    ctx.worker.submit_replacing(migrate, done, failed)
    return dialog


__all__ = ["RecoveryKeyDialog", "offer_encryption", "start_encryption"]
