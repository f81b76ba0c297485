"""First run on a new PC: choose the province, create the first admin, optionally import a snapshot.

The set-up itself is ``services.setup.set_up_database`` (what ``koopbis init``
and ``user add`` do too, with the same audit rows). Nothing is marked as set up
until every step has succeeded: the province code is written last, so a refused
snapshot file or a cancelled wizard leaves a database that asks again on the
next start instead of half a province.

The database is encrypted from its first byte (the DB worker creates it so); the
last page shows the recovery key once, which opens the database when every
password is lost, and the wizard ends only when the person confirms having
written it down.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.reference import provinces
from koopbis_desktop.domain.text import fold
from koopbis_desktop.services import snapshot_import
from koopbis_desktop.services.setup import SetupResult, set_up_database
from koopbis_desktop.ui.dialogs.users import PasswordPair
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.worker import DbWorker


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, snapshot_import.SnapshotImportError):
        return "\n".join([exc.message, *exc.details()[:10]])
    return user_message(exc)


class FirstRunWizard(QDialog):
    """One page: province, first admin account, optional snapshot file."""

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.result_: SetupResult | None = None
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(self.tr("KOOP-BİS Masaüstü — ilk kurulum"))

        intro = QLabel(
            self.tr(
                "Bu bilgisayarda henüz KOOP-BİS Masaüstü veritabanı yok. İlinizi seçin ve ilk yönetici "
                "hesabını oluşturun. Elinizde il müdürlüğünün kooperatif dökümü (Excel, LibreOffice ya da CSV) varsa "
                "şimdi içe aktarabilirsiniz; sonra da aktarılabilir."
            )
        )
        intro.setWordWrap(True)
        self.province_filter = QLineEdit()
        self.province_filter.setObjectName("provinceFilter")
        self.province_filter.setPlaceholderText(self.tr("il adı ya da plaka kodu yazın"))
        self.province_combo = QComboBox()
        self.province_combo.setObjectName("province")
        self._fill_provinces("")
        self.username_edit = QLineEdit("admin")
        self.username_edit.setObjectName("adminUsername")
        self.full_name_edit = QLineEdit()
        self.full_name_edit.setObjectName("adminFullName")
        self.passwords = PasswordPair()
        self.snapshot_edit = QLineEdit()
        self.snapshot_edit.setObjectName("snapshotFile")
        self.snapshot_edit.setPlaceholderText(self.tr("isteğe bağlı: kooperatifler.csv ya da .xlsx"))
        browse = QPushButton(self.tr("&Seç…"))
        browse.clicked.connect(self.on_browse_clicked)
        snapshot_row = QHBoxLayout()
        snapshot_row.addWidget(self.snapshot_edit, 1)
        snapshot_row.addWidget(browse)
        self.error_label = QLabel()
        self.error_label.setObjectName("wizardError")
        self.error_label.setStyleSheet("color: #a00000;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("İl &ara:"), self.province_filter)
        form.addRow(self.tr("İ&l:"), self.province_combo)
        form.addRow(self.tr("Yönetici &kullanıcı adı:"), self.username_edit)
        form.addRow(self.tr("&Ad soyad:"), self.full_name_edit)
        form.addRow(self.tr("&Parola (iki kez):"), self.passwords)
        # A label beside a layout has no buddy unless given one; without it "&" shows literally.
        snapshot_label = QLabel(self.tr("Kooperatif &dökümü:"))
        snapshot_label.setBuddy(self.snapshot_edit)
        form.addRow(snapshot_label, snapshot_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Veritabanını &oluştur"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Vazgeç"))
        self.setup_page = QWidget()
        page = QVBoxLayout(self.setup_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(intro)
        page.addLayout(form)
        page.addWidget(self.error_label)
        page.addWidget(self.buttons)
        self.recovery_page = self._recovery_page()
        self.recovery_page.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.setup_page)
        layout.addWidget(self.recovery_page)
        self.buttons.accepted.connect(self.on_create_clicked)
        self.buttons.rejected.connect(self.reject)
        self.province_filter.textChanged.connect(self._fill_provinces)
        self.setMinimumWidth(600)
        self.province_filter.setFocus()

    def _recovery_page(self) -> QWidget:
        widget = QWidget()
        widget.setObjectName("recoveryPage")
        heading = QLabel(self.tr("<h3>Kurtarma anahtarı</h3>"))
        heading.setTextFormat(Qt.TextFormat.RichText)
        explain = QLabel(
            self.tr(
                "Veritabanı şifrelendi; her hesap kendi parolasıyla açar. Bütün parolalar unutulursa "
                "veritabanını yalnızca aşağıdaki kurtarma anahtarı açar. Bu anahtar yalnızca şimdi "
                "gösterilir: yazın ya da yazdırın ve bilgisayardan ayrı, kilitli bir yerde saklayın."
            )
        )
        explain.setWordWrap(True)
        self.recovery_label = QLabel()
        self.recovery_label.setObjectName("recoveryKey")
        self.recovery_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 4)
        self.recovery_label.setFont(font)
        self.recovery_confirm = QCheckBox(
            self.tr("Kurtarma anahtarını &yazdım, güvenli bir yerde saklayacağım")
        )
        self.recovery_confirm.setObjectName("recoveryConfirm")
        self.finish_button = QPushButton(self.tr("&Bitir"))
        self.finish_button.setObjectName("recoveryFinish")
        self.finish_button.setEnabled(False)
        self.recovery_confirm.toggled.connect(self.finish_button.setEnabled)
        self.finish_button.clicked.connect(self.accept)
        box = QVBoxLayout(widget)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(heading)
        box.addWidget(explain)
        box.addWidget(self.recovery_label)
        box.addWidget(self.recovery_confirm)
        box.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignRight)
        return widget

    def _fill_provinces(self, text: str) -> None:
        words = fold(text).split()
        current = self.province_combo.currentData()
        self.province_combo.clear()
        if not words:
            # No province is preselected: a database for the wrong province must not be one Enter away.
            self.province_combo.addItem(self.tr("— ilinizi yazarak seçin —"), None)
        for province in provinces():
            haystack = fold(f"{province.code} {province.name}")
            if all(word in haystack for word in words):
                self.province_combo.addItem(f"{province.name} ({province.code})", province.code)
        if current is not None:
            index = self.province_combo.findData(current)
            if index >= 0:
                self.province_combo.setCurrentIndex(index)
        elif not words:
            self.province_combo.setCurrentIndex(0)

    def on_browse_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Kooperatif dökümü"),
            "",
            self.tr("Tablolar (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;Tüm dosyalar (*)"),
        )
        if name:
            self.snapshot_edit.setText(name)

    def _fail(self, message: str, focus: QWidget | None = None) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        if focus is not None:
            focus.setFocus()

    def on_create_clicked(self) -> None:
        username = self.username_edit.text().strip()
        if not username:
            self._fail(self.tr("Yönetici kullanıcı adını yazın."), self.username_edit)
            return
        problem = self.passwords.check()
        if problem:
            self._fail(problem, self.passwords)
            return
        province = self.province_combo.currentData()
        if not province:
            self._fail(self.tr("Listeden ilinizi seçin."), self.province_filter)
            return
        snapshot_text = self.snapshot_edit.text().strip()
        snapshot_file = Path(snapshot_text).expanduser() if snapshot_text else None
        if snapshot_file is not None and not snapshot_file.is_file():
            self._fail(self.tr("Döküm dosyası bulunamadı: {0}").format(snapshot_text), self.snapshot_edit)
            return
        full_name, password = self.full_name_edit.text().strip(), self.passwords.password()
        self.create_button.setEnabled(False)
        self.error_label.setText(self.tr("Veritabanı hazırlanıyor…"))
        self.error_label.setStyleSheet("")
        self.error_label.show()
        self.worker.submit(
            lambda store: set_up_database(store, str(province), username, full_name, password, snapshot_file),
            self.on_set_up,
            self.on_failed,
        )

    def on_set_up(self, result: SetupResult) -> None:
        self.result_ = result
        if not result.recovery_key:
            self.accept()
            return
        self.recovery_label.setText(result.recovery_key)
        self.setup_page.hide()
        self.recovery_page.show()
        self.recovery_confirm.setFocus()

    def reject(self) -> None:
        # Once the database is set up, the recovery key is shown once: no closing past it unread.
        if self.recovery_page.isVisible():
            return
        super().reject()

    def on_failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        self.error_label.setStyleSheet("color: #a00000;")
        self._fail(describe_error(exc))


class FirstRunNextSteps(QDialog):
    """The set-up's last page, shown to the new admin at the first sign-in: what comes next,
    with a button for each step (the buttons need the signed-in admin, hence after the login)."""

    def __init__(
        self,
        add_accounts: Callable[[], None],
        load_list: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunNextSteps")
        self.setWindowTitle(self.tr("İlk kurulum — sırada ne var"))
        text = QLabel(
            self.tr(
                "<h3>Veritabanı hazır.</h3>"
                "<p>Kayıt girmeye başlamadan önce iki adım kaldı:</p>"
                "<ol><li><b>Hesaplar:</b> kayıt girecek memurları ve onaylayacak şefleri ekleyin "
                "(yönetici hesabıyla kayıt girilmez).</li>"
                "<li><b>Kooperatif listesi:</b> KOOP-BİS'ten aldığınız kooperatif listesini yükleyin; "
                "formlar kooperatifi bu listeden bulur.</li></ol>"
                "<p>Bu adımlara sonra Yönetim menüsünden ve Kooperatifler sayfasından da ulaşabilirsiniz.</p>"
            )
        )
        text.setWordWrap(True)
        self.accounts_button = QPushButton(self.tr("Memur ve şef &hesaplarını ekle…"))
        self.accounts_button.setObjectName("addAccountsButton")
        self.accounts_button.clicked.connect(add_accounts)
        self.list_button = QPushButton(self.tr("Kooperatif &listesini yükle…"))
        self.list_button.setObjectName("loadListButton")
        self.list_button.clicked.connect(load_list)
        self.finish_button = QPushButton(self.tr("&Bitir"))
        self.finish_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accounts_button)
        buttons.addWidget(self.list_button)
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.accounts_button.setFocus()
