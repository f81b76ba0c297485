"""Signing in: the login dialog and the one job that checks the password and loads the session.

Password hashing is deliberately slow (argon2), so the check runs on the DB
worker; the dialog stays responsive and shows the store's own Turkish message
(wrong password with attempts left, lockout, disabled account) beside the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.worker import DbWorker

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from koopbis_desktop.store.db import Store

# The strings below name their context ("LoginDialog") instead of self.tr: LockDialog inherits
# them, and self.tr there would look them up under "LockDialog", where lupdate never put them
# (they stayed Turkish in English). Written out in full: lupdate does not follow an alias.

# The services below are imported inside the worker jobs, not here: the login dialog
# must appear before sqlite-utils, argon2 and the settings are loaded (the DB worker
# loads them on its own thread while the person types).


@dataclass(frozen=True)
class Session:
    """What a successful login hands the main window."""

    actor: Actor
    full_name: str
    province_code: str
    settings: dict[str, str] = field(default_factory=dict)
    encrypted: bool = True  # False: a plain database of the previous version (an admin is offered encryption)
    db_key: bytes | None = field(default=None, repr=False)  # for the sync thread's own connection


def load_settings(store: Store) -> dict[str, str]:
    from koopbis_desktop.services import settings

    return {spec.key: settings.get(store, spec.key) for spec in settings.SETTINGS}


def sign_in(store: Store, username: str, password: str) -> Session:
    """Runs on the worker: check the password (raises LoginFailed) and read what the window needs."""
    from koopbis_desktop.services import accounts, settings
    from koopbis_desktop.store import users

    actor = accounts.login(store, username.strip(), password)
    user = users.get_user(store, actor.username)
    return Session(
        actor=actor,
        full_name=user.full_name if user is not None else actor.username,
        province_code=settings.province_code(store) or "",
        settings=load_settings(store),
        encrypted=store.encrypted,
        db_key=store.key,
    )


class LoginDialog(QDialog):
    """Username and password; Enter signs in. ``session`` is set when it is accepted."""

    signed_in = Signal(object)  # Session
    checking = Signal(bool)  # True when the password's check begins, False when it refused the password
    first_painted = Signal()  # once, after the dialog was first drawn: what it does not need waits for it
    _painted = False
    _held = False  # a receiver of signed_in closes the dialog itself (hold_after_sign_in)

    def __init__(self, worker: DbWorker, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        self.worker = worker
        self.session: Session | None = None
        self.setWindowTitle(title or QCoreApplication.translate("LoginDialog", "KOOP-BİS Masaüstü — Giriş"))
        self.setObjectName("loginDialog")

        heading = QLabel(
            QCoreApplication.translate(
                "LoginDialog", "<h2>KOOP-BİS Masaüstü</h2>Kooperatif değişiklik kayıtları — çevrimdışı"
            )
        )
        # Rich text by QLabel's own guess (it starts with a tag): naming Qt.TextFormat would set up
        # PySide6's whole ``Qt`` namespace (≈ 15 ms) before the login could show.
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("username")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("loginError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a00000; font-weight: bold;")
        self.error_label.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.hide()

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("LoginDialog", "&Kullanıcı adı:"), self.username_edit)
        form.addRow(QCoreApplication.translate("LoginDialog", "&Parola:"), self.password_edit)
        form.addRow("", self.error_label)

        self.buttons = QDialogButtonBox()
        self.login_button: QPushButton = self.buttons.addButton(
            QCoreApplication.translate("LoginDialog", "&Giriş"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button: QPushButton = self.buttons.addButton(
            QCoreApplication.translate("LoginDialog", "Ç&ıkış"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.login_button.setDefault(True)
        self.login_button.setAutoDefault(True)
        self.buttons.accepted.connect(self.on_login_clicked)
        self.buttons.rejected.connect(self.reject)
        # Enter in either field signs in, whichever button Qt made the default.
        self.username_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self.on_login_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.username_edit.setFocus()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def set_preparing(self, text: str) -> None:
        """Start-up work still runs (e.g. the demo database): say so, keep the fields usable."""
        self.status_label.setText(text)
        self.status_label.show()
        self.login_button.setEnabled(False)

    def set_ready(self) -> None:
        self.status_label.hide()
        self.login_button.setEnabled(True)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.status_label.hide()

    def on_login_clicked(self) -> None:
        if not self.login_button.isEnabled():
            return
        username, password = self.username_edit.text().strip(), self.password_edit.text()
        if not username:
            self.show_error(QCoreApplication.translate("LoginDialog", "Kullanıcı adınızı yazın."))
            self.username_edit.setFocus()
            return
        if not password:
            self.show_error(QCoreApplication.translate("LoginDialog", "Parolanızı yazın."))
            self.password_edit.setFocus()
            return
        self.login_button.setEnabled(False)
        self.status_label.setText(QCoreApplication.translate("LoginDialog", "Parola denetleniyor…"))
        self.status_label.show()
        self.checking.emit(True)
        # An encrypted database still locked is opened with these before the check.
        self.worker.submit(
            lambda store: sign_in(store, username, password),
            self.on_signed_in,
            self.on_failed,
            credentials=(username, password),
        )

    def on_signed_in(self, session: Session) -> None:
        self.session = session
        self.password_edit.clear()
        self._held = False
        self.signed_in.emit(session)
        if self._held:
            return  # its receiver closes it (accept) when the window it opens is on screen
        self.status_label.hide()
        self.login_button.setEnabled(True)
        self.accept()

    def hold_after_sign_in(self) -> None:
        """Called by a receiver of ``signed_in``: stay up, the button off, until it calls ``accept``."""
        self._held = True

    def on_failed(self, exc: BaseException) -> None:
        self.checking.emit(False)
        self.login_button.setEnabled(True)
        self.show_error(user_message(exc))
        self.password_edit.clear()
        self.password_edit.setFocus()
