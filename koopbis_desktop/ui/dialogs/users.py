"""User management for admins: list, add, disable/enable, unlock, reset password.

Every change goes through ``services.accounts`` (which enforces the admin role and
audits it); refusals come back as the service's Turkish sentence beside the list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.lifecycle import ROLE_LABELS, Role
from koopbis_desktop.services import accounts
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.users import User
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message


class PasswordPair(QWidget):
    """A password typed twice; ``check()`` returns a Turkish error or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setObjectName("password1")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setObjectName("password2")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        self.first.setPlaceholderText(
            self.tr("parola (en az {0} karakter)").format(accounts.MIN_PASSWORD_LENGTH)
        )
        self.second.setPlaceholderText(self.tr("parola (yeniden)"))
        self.setFocusProxy(self.first)

    def password(self) -> str:
        return self.first.text()

    def check(self) -> str | None:
        if len(self.first.text()) < accounts.MIN_PASSWORD_LENGTH:
            return self.tr("Parola en az {0} karakter olmalıdır.").format(accounts.MIN_PASSWORD_LENGTH)
        if self.first.text() != self.second.text():
            return self.tr("İki parola aynı değil; yeniden yazın.")
        return None


class AddUserDialog(QDialog):
    """Username, full name, role and password twice."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Kullanıcı ekle"))
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("newUsername")
        self.full_name_edit = QLineEdit()
        self.full_name_edit.setObjectName("newFullName")
        self.role_combo = QComboBox()
        for role in (Role.CLERK, Role.SUPERVISOR, Role.ADMIN):
            self.role_combo.addItem(ROLE_LABELS[role], role.value)
        self.passwords = PasswordPair()
        self.error_label = QLabel()
        self.error_label.setObjectName("addUserError")
        self.error_label.setStyleSheet("color: #a00000;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("&Kullanıcı adı:"), self.username_edit)
        form.addRow(self.tr("&Ad soyad:"), self.full_name_edit)
        form.addRow(self.tr("&Rol:"), self.role_combo)
        form.addRow(self.tr("&Parola:"), self.passwords)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Ekle"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.on_add_clicked)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(480)

    def on_add_clicked(self) -> None:
        problem = self.passwords.check()
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            self.passwords.setFocus()
            return
        actor = self.ctx.require_actor()
        username, full_name = self.username_edit.text().strip(), self.full_name_edit.text().strip()
        role, password = str(self.role_combo.currentData()), self.passwords.password()

        def op(store: Store) -> User:
            return accounts.add_user(store, actor, username, role, password, full_name)

        self.buttons.setEnabled(False)
        self.ctx.worker.submit(op, self.on_added, self.on_failed)

    def on_added(self, user: User) -> None:
        self.buttons.setEnabled(True)
        self.accept()

    def on_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(user_message(exc))
        self.error_label.show()


class ResetPasswordDialog(QDialog):
    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Parola sıfırla: {0}").format(username))
        self.passwords = PasswordPair()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #a00000;")
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("{0} için yeni parola:").format(username)))
        layout.addWidget(self.passwords)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.on_ok_clicked)
        buttons.rejected.connect(self.reject)

    def on_ok_clicked(self) -> None:
        problem = self.passwords.check()
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        self.accept()


class UsersDialog(QDialog):
    """The accounts of this database and what an admin may do with each."""

    _HEADERS = (
        QCoreApplication.translate("UsersDialog", "Kullanıcı adı"),
        QCoreApplication.translate("UsersDialog", "Ad soyad"),
        QCoreApplication.translate("UsersDialog", "Rol"),
        QCoreApplication.translate("UsersDialog", "Durum"),
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[User] = []
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Kullanıcılar"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self._HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Ekle…"))
        self.toggle_button = QPushButton(self.tr("Hesabı &kapat"))
        self.unlock_button = QPushButton(self.tr("Kilidi &aç"))
        self.reset_button = QPushButton(self.tr("&Parola sıfırla…"))
        self.message_label = QLabel()
        self.message_label.setObjectName("usersMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        side = QVBoxLayout()
        for button in (self.add_button, self.toggle_button, self.unlock_button, self.reset_button):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Kapat (Esc)"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.message_label)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.on_add_clicked)
        self.toggle_button.clicked.connect(self.on_toggle_clicked)
        self.unlock_button.clicked.connect(self.on_unlock_clicked)
        self.reset_button.clicked.connect(self.on_reset_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        ctx.hub.users_changed.connect(self.reload)
        self.resize(760, 420)
        self.reload()

    def reload(self) -> None:
        actor = self.ctx.require_actor()
        self.ctx.worker.submit(
            lambda store: accounts.list_users(store, actor), self.on_users_loaded, self.on_failed
        )

    def on_users_loaded(self, users: list[User]) -> None:
        selected = self.selected_user()
        self.users = users
        now = datetime.now(UTC)
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            if not user.active:
                state = self.tr("Kapalı")
            elif user.locked_at(now):
                state = self.tr("Kilitli")
            else:
                state = self.tr("Etkin")
            for column, text in enumerate((user.username, user.full_name, ROLE_LABELS[user.role], state)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, user.username)
                self.table.setItem(row, column, item)
            if selected is not None and user.username == selected.username:
                self.table.selectRow(row)
        if self.table.currentRow() < 0 and users:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_user(self) -> User | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for button in (self.toggle_button, self.unlock_button, self.reset_button):
            button.setEnabled(user is not None)
        if user is not None:
            self.toggle_button.setText(
                self.tr("Hesabı &kapat") if user.active else self.tr("Hesabı &yeniden aç")
            )

    def _run(self, op: Callable[[Store], Any], done: str) -> None:
        def ok(_: Any) -> None:
            self._show(done, ok=True)

        self.ctx.worker.submit(op, ok, self.on_failed)

    def _show(self, text: str, *, ok: bool) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet("color: #0a6b1f;" if ok else "color: #a00000;")
        self.message_label.show()

    def on_failed(self, exc: BaseException) -> None:
        self._show(user_message(exc), ok=False)

    def on_add_clicked(self) -> None:
        dialog = AddUserDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._show(self.tr("Kullanıcı eklendi: {0}").format(dialog.username_edit.text().strip()), ok=True)

    def on_toggle_clicked(self) -> None:
        user, actor = self.selected_user(), self.ctx.require_actor()
        if user is None:
            return
        name = user.username
        if user.active:
            self._run(
                lambda s: accounts.disable_user(s, actor, name), self.tr("{0} hesabı kapatıldı.").format(name)
            )
        else:
            self._run(
                lambda s: accounts.enable_user(s, actor, name), self.tr("{0} hesabı açıldı.").format(name)
            )

    def on_unlock_clicked(self) -> None:
        user, actor = self.selected_user(), self.ctx.require_actor()
        if user is None:
            return
        name = user.username
        self._run(
            lambda s: accounts.unlock_user(s, actor, name),
            self.tr("{0} hesabının kilidi açıldı.").format(name),
        )

    def on_reset_clicked(self) -> None:
        user, actor = self.selected_user(), self.ctx.require_actor()
        if user is None:
            return
        dialog = ResetPasswordDialog(user.username, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, password = user.username, dialog.passwords.password()
        self._run(
            lambda s: accounts.change_password(s, actor, name, password),
            self.tr("{0} için yeni parola kaydedildi.").format(name),
        )
