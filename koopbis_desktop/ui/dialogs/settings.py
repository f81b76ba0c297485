"""The settings dialog, generated from ``services.settings.SETTINGS`` (one place for each setting).

Each declared setting gets the widget its kind calls for and an error label
beside it; values are checked with the service's own parser before anything is
saved, then saved together (and audited) by ``settings.update`` on the worker.
The KOOP-BİS password is separate: it goes only to the OS keyring
(``services.secrets``), never into the database.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.validators import FieldError
from koopbis_desktop.services import secrets, settings
from koopbis_desktop.services.settings import Setting
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message

_LANGUAGE_LABELS = {"tr": "Türkçe", "en": "English"}


class SettingsDialog(QDialog):
    """Every declared setting with its widget; "Kaydet" validates, saves and announces the change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Ayarlar"))
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.initial: dict[str, str] = {}

        form = QFormLayout()
        for spec in map(settings.shown, settings.SETTINGS):
            editor = self._editor_for(spec, ctx.settings.get(spec.key, spec.default))
            editor.setObjectName(f"setting-{spec.key}")
            editor.setToolTip(spec.description)
            error = QLabel()
            error.setObjectName(f"error-{spec.key}")
            error.setStyleSheet("color: #a00000;")
            error.setWordWrap(True)
            error.hide()
            hint = QLabel(spec.description)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555;")
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(editor)
            column.addWidget(error)
            column.addWidget(hint)
            label = QLabel(spec.label + ":")
            label.setBuddy(editor)
            form.addRow(label, column)
            self.editors[spec.key] = editor
            self.errors[spec.key] = error
            self.initial[spec.key] = self._parsed_or_none(spec.key)

        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("koopbisPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_button = QPushButton(self.tr("&Parolayı kaydet"))
        self.password_status = QLabel()
        self.password_status.setObjectName("passwordStatus")
        self.password_status.setWordWrap(True)
        self.password_status.hide()
        secret_box = QGroupBox(self.tr("KOOP-BİS parolası"))
        secret_row = QHBoxLayout()
        secret_row.addWidget(self.password_edit, 1)
        secret_row.addWidget(self.password_button)
        secret_layout = QVBoxLayout(secret_box)
        note = QLabel(
            self.tr(
                "Parola yalnızca işletim sisteminin güvenli parola deposuna kaydedilir; veritabanına ya da "
                "ayar dosyasına yazılmaz."
            )
        )
        note.setWordWrap(True)
        secret_layout.addWidget(note)
        secret_layout.addLayout(secret_row)
        secret_layout.addWidget(self.password_status)

        self.status_label = QLabel()
        self.status_label.setObjectName("settingsStatus")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Kaydet"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Vazgeç"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(secret_box)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.password_button.clicked.connect(self.on_password_button_clicked)
        self.password_edit.returnPressed.connect(self.on_password_button_clicked)
        self.setMinimumWidth(620)
        first = self.editors[settings.SETTINGS[0].key]
        first.setFocus()

    # -- generated editors ----------------------------------------------------------------

    def _editor_for(self, spec: Setting, value: str) -> QWidget:
        if spec.kind == "date":
            edit = QDateEdit()
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setCalendarPopup(True)
            try:
                day = date.fromisoformat(value)
            except ValueError:
                day = date.fromisoformat(spec.default)
            edit.setDate(QDate(day.year, day.month, day.day))
            return edit
        if spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(spec.minimum if spec.minimum is not None else 0, spec.maximum or 1_000_000)
            try:
                spin.setValue(int(value))
            except ValueError:
                spin.setValue(int(spec.default))
            return spin
        if spec.kind == "choice":
            combo = QComboBox()
            labels = dict(zip(spec.choices, spec.choice_labels, strict=False))
            for choice in spec.choices:
                combo.addItem(labels.get(choice) or _LANGUAGE_LABELS.get(choice, choice), choice)
            index = combo.findData(value)
            combo.setCurrentIndex(max(0, index))
            return combo
        line = QLineEdit(value)
        return line

    def value_of(self, key: str) -> str:
        editor = self.editors[key]
        if isinstance(editor, QDateEdit):
            return editor.date().toString("dd.MM.yyyy")
        if isinstance(editor, QSpinBox):
            return str(editor.value())
        if isinstance(editor, QComboBox):
            return str(editor.currentData())
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def _parsed_or_none(self, key: str) -> str:
        try:
            return settings.parse(key, self.value_of(key))
        except FieldError:
            return ""

    # -- saving ------------------------------------------------------------------------------

    def on_save_clicked(self) -> None:
        values: dict[str, str] = {}
        first_bad: QWidget | None = None
        for spec in settings.SETTINGS:
            error = self.errors[spec.key]
            try:
                values[spec.key] = settings.parse(spec.key, self.value_of(spec.key))
            except FieldError as exc:
                error.setText(exc.message)
                error.show()
                first_bad = first_bad or self.editors[spec.key]
            else:
                error.hide()
        if first_bad is not None:
            self.status_label.setText(
                self.tr("Kırmızı ile gösterilen alanları düzeltin; hiçbir ayar kaydedilmedi.")
            )
            self.status_label.setStyleSheet("color: #a00000;")
            self.status_label.show()
            first_bad.setFocus()
            return
        # Only what the person changed is saved (and audited), not every default shown.
        values = {key: value for key, value in values.items() if value != self.initial.get(key)}
        if not values:
            self.accept()
            return
        actor = self.ctx.require_actor()
        self.save_button.setEnabled(False)

        def op(store: Store) -> dict[str, str]:
            return settings.update(store, actor, values)

        self.ctx.worker.submit(op, self.on_saved, self.on_save_failed)

    def on_saved(self, values: dict[str, str]) -> None:
        self.save_button.setEnabled(True)
        self.ctx.settings.update(values)
        self.ctx.hub.message.emit(self.tr("Ayarlar kaydedildi."))
        self.accept()

    def on_save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status_label.setText(user_message(exc))
        self.status_label.setStyleSheet("color: #a00000;")
        self.status_label.show()

    # -- the keyring password ----------------------------------------------------------------------

    def on_password_button_clicked(self) -> None:
        password = self.password_edit.text()
        username = self.value_of("server_username").strip()
        if not password:
            self._password_message(self.tr("Kaydedilecek parolayı yazın."), ok=False)
            self.password_edit.setFocus()
            return
        if not username:
            self._password_message(self.tr("Önce KOOP-BİS kullanıcı adını yazın."), ok=False)
            return
        stored = secrets.set_password(username, password)
        self.password_edit.clear()
        if stored:
            self.ctx.hub.koopbis_password_saved.emit(username)
            self._password_message(
                self.tr("Parola, {0} hesabı için işletim sisteminin güvenli deposuna kaydedildi.").format(
                    username
                ),
                ok=True,
            )
        else:
            self._password_message(
                self.tr(
                    "Bu bilgisayarda güvenli parola deposu yok; parola hiçbir yere kaydedilmedi. "
                    "Eşitleme sırasında KOOP-BİS parolası sorulacak."
                ),
                ok=False,
            )

    def _password_message(self, text: str, *, ok: bool) -> None:
        self.password_status.setText(text)
        self.password_status.setStyleSheet("color: #0a6b1f;" if ok else "color: #a00000;")
        self.password_status.show()
