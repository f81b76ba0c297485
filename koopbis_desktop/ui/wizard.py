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
    QButtonGroup,
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
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop import paths
from koopbis_desktop.domain.reference import provinces
from koopbis_desktop.domain.text import fold
from koopbis_desktop.services import office_connection, snapshot_import
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.services.setup import SetupResult, set_up_database
from koopbis_desktop.ui.dialogs.users import PasswordPair
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.list_loader import show_refusal, show_warnings
from koopbis_desktop.ui.office_connect import OfficeConnectPage, ProbeOutcome
from koopbis_desktop.ui.worker import DbWorker


class FirstRunWizard(QDialog):
    """First the choice: this PC alone (province, first admin account, optional snapshot file, in a
    new encrypted file) or the office database (its address and a connection test).

    ``worker`` is this PC's database worker, started only when the person sets up this PC alone:
    choosing the office leaves no file behind. An office database set up by its IT (province and
    first admin there) only needs the sign-in: the wizard ends with ``office`` set and
    ``result_`` None. One still without a province gets the same set-up page, run on
    ``office_worker``.
    """

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.result_: SetupResult | None = None
        self.busy = False  # the set-up is running on the worker
        self.office: ProbeOutcome | None = None  # the office database this PC connected to
        self.office_worker: DbWorker | None = None  # its worker, when the wizard set it up
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
        self.intro_label = intro
        self.choice = self._choice()
        self.office_page = OfficeConnectPage()
        self.office_page.hide()
        self.office_page.connected.connect(self.on_office_connected)
        self.office_page.cancelled.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choice)
        layout.addWidget(self.setup_page)
        layout.addWidget(self.office_page)
        layout.addWidget(self.recovery_page)
        if worker.is_office:
            # Started on an office database with no province yet: the choice was made.
            self._setting_up_office()
        self.buttons.accepted.connect(self.on_create_clicked)
        self.buttons.rejected.connect(self.reject)
        self.province_filter.textChanged.connect(self._fill_provinces)
        self.setMinimumWidth(600)
        self.province_filter.setFocus()

    def _choice(self) -> QWidget:
        widget = QWidget()
        widget.setObjectName("setupChoice")
        self.alone_radio = QRadioButton(self.tr("Bu bilgisayar &tek başına"))
        self.alone_radio.setObjectName("aloneChoice")
        self.alone_radio.setToolTip(
            self.tr("Veritabanı bu bilgisayarda, şifreli bir dosyada durur; kurulacak bir şey yoktur.")
        )
        self.office_radio = QRadioButton(self.tr("Ofis veritabanına &bağlan"))
        self.office_radio.setObjectName("officeChoice")
        self.office_radio.setToolTip(
            self.tr("Ofisteki bütün bilgisayarlar BT sorumlusunun kurduğu tek bir veritabanını paylaşır.")
        )
        self.alone_radio.setChecked(True)
        group = QButtonGroup(widget)
        group.addButton(self.alone_radio)
        group.addButton(self.office_radio)
        self.office_radio.toggled.connect(self.on_office_toggled)
        heading = QLabel(self.tr("<b>Kayıtlar nerede tutulacak?</b>"))
        heading.setTextFormat(Qt.TextFormat.RichText)
        row = QHBoxLayout()
        row.addWidget(self.alone_radio)
        row.addWidget(self.office_radio)
        row.addStretch(1)
        box = QVBoxLayout(widget)
        box.setContentsMargins(0, 0, 0, 6)
        box.addWidget(heading)
        box.addLayout(row)
        return widget

    def on_office_toggled(self, office: bool) -> None:
        self.setup_page.setVisible(not office)
        self.office_page.setVisible(office)
        (self.office_page.host_edit if office else self.province_filter).setFocus()

    def on_office_connected(self, outcome: ProbeOutcome) -> None:
        self.office = outcome
        facts = outcome.facts
        if facts is not None and facts.ready:
            # Set up by the office's IT: no province or admin to create here, the sign-in follows.
            self._remember_office()
            self.accept()
            return
        self.office_worker = DbWorker(outcome.url, paths.backups_dir(outcome.url), password=outcome.password)
        self.office_worker.start()
        self.worker = self.office_worker
        if facts is not None and facts.province_code:
            self.province_filter.setText(facts.province_code)
        self._setting_up_office()

    def _setting_up_office(self) -> None:
        self.choice.hide()
        self.office_page.hide()
        self.intro_label.setText(
            self.tr(
                "Ofis veritabanında henüz il ve yönetici hesabı yok: bu ofisin ilini seçin ve ilk yönetici "
                "hesabını oluşturun. Öteki bilgisayarlar aynı veritabanına bağlanıp bu hesaplarla girer."
            )
        )
        self.setup_page.show()
        self.province_filter.setFocus()

    def _remember_office(self) -> None:
        """This PC's database is the office's from now on: the address in a file, the password in the keyring."""
        if self.office is None:
            return
        paths.remember_office(self.office.url)
        office_connection.keep_password(self.office.url, self.office.password)

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted and self.office_worker is not None:
            self.office_worker.stop()
            self.office_worker = None
        super().done(result)

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
        # Windows' "Yol olarak kopyala" puts the path in quotes.
        snapshot_text = self.snapshot_edit.text().strip().strip('"').strip()
        snapshot_file = Path(snapshot_text).expanduser() if snapshot_text else None
        if snapshot_file is not None and not snapshot_file.is_file():
            self._fail(self.tr("Döküm dosyası bulunamadı: {0}").format(snapshot_text), self.snapshot_edit)
            return
        full_name, password = self.full_name_edit.text().strip(), self.passwords.password()
        self._set_busy(True)
        self.error_label.setText(self.tr("Veritabanı hazırlanıyor…"))
        self.error_label.setStyleSheet("")
        self.error_label.show()
        if self.worker.open_error is not None:
            self.on_failed(self.worker.open_error)  # the file could not be made; a retry would not run
            return
        if not self.worker.started:
            # This PC's new file is made only now, once the person chose it; a failure to make it
            # (read-only or full disk) is said here, as the set-up's own error.
            self.worker.open_failed.connect(self.on_failed)
            self.worker.start()
        self.worker.submit(
            lambda store: set_up_database(store, str(province), username, full_name, password, snapshot_file),
            self.on_set_up,
            self.on_failed,
        )

    def _set_busy(self, busy: bool) -> None:
        """While the database is being made nothing closes the wizard: the set-up would go on
        without it, and its recovery key would be shown to nobody."""
        self.busy = busy
        self.create_button.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)

    def on_set_up(self, result: SetupResult) -> None:
        self._set_busy(False)
        self.result_ = result
        self._remember_office()
        # The list's rows taken with a warning (a phone left empty, a type kept as written) are
        # shown now: nothing else of this set-up shows them again.
        shown = show_warnings(self, result.report) if result.report is not None else None
        if not result.recovery_key:
            if shown is not None:
                shown.finished.connect(self.accept)
            else:
                self.accept()
            return
        self.recovery_label.setText(result.recovery_key)
        self.setup_page.hide()
        self.choice.hide()
        self.recovery_page.show()
        self.recovery_confirm.setFocus()

    def reject(self) -> None:
        # Once the database is set up, the recovery key is shown once: no closing past it unread.
        if self.recovery_page.isVisible() or self.busy:
            return
        super().reject()

    def on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error_label.setStyleSheet("color: #a00000;")
        if isinstance(exc, snapshot_import.SnapshotImportError):
            # The rows to fix, every one of them, in a box to read and copy; the cursor on the file.
            self._fail(user_message(exc), self.snapshot_edit)
            if exc.details():
                show_refusal(self, exc)
            return
        fields = {i.path for i in exc.issues} if isinstance(exc, ValidationFailed) else set()
        focus = (
            self.username_edit if "username" in fields else self.passwords if "password" in fields else None
        )
        self._fail(user_message(exc), focus)


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
