"""The set-up wizard's office page: the office database's address, its password and a connection test.

The test connects on a thread of its own (a connection to a server that is not
there waits up to its timeout; the window must not freeze meanwhile) and comes
back as a queued signal with what the database holds or the store's Turkish
sentence for what went wrong: server unreachable, wrong password, no such
database, no TLS, not set up for KOOP-BİS, another program's tables, a newer
program's schema. The password typed here goes to the OS keyring once the test
succeeds, nowhere else; the address is remembered by the wizard without it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.services import office_connection
from koopbis_desktop.services.office_connection import OfficeFacts
from koopbis_desktop.store.location import OfficeUrl, parse_location
from koopbis_desktop.ui.errors import user_message

DEFAULT_PORT = 5432
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProbeOutcome:
    """One connection test: the address, the password that worked (or None), what was found or the error."""

    url: OfficeUrl
    password: str | None
    facts: OfficeFacts | None
    error: BaseException | None


class OfficeProbe(QObject):
    """Runs :func:`office_connection.probe` on a thread; ``done`` arrives on the UI thread."""

    done = Signal(object)  # ProbeOutcome

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, url: OfficeUrl, typed_password: str) -> None:
        self._thread = threading.Thread(
            target=self._run, args=(url, typed_password), name="koopbis-office-test", daemon=True
        )
        self._thread.start()

    def wait(self, timeout: float = 15.0) -> None:
        """Shutdown and tests only: let a running test end before its window goes away."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, url: OfficeUrl, typed_password: str) -> None:
        # The keyring is read here too: on some desktops it is a D-Bus call that can hang.
        password = typed_password or office_connection.known_password(url)
        try:
            facts = office_connection.probe(url, password)
        except Exception as exc:  # handed to the page, which shows its sentence
            outcome = ProbeOutcome(url, password, None, exc)
        else:
            outcome = ProbeOutcome(url, password, facts, None)
        try:
            self.done.emit(outcome)
        except RuntimeError:
            log.info("the office page closed before its connection test ended")


class OfficeConnectPage(QWidget):
    """Server, port, database, user and password, and "Bağlantıyı dene"; ``connected`` on success."""

    connected = Signal(object)  # ProbeOutcome without an error
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officePage")
        intro = QLabel(
            self.tr(
                "Ofisinizde birden çok bilgisayar aynı kayıtlarla çalışıyorsa hepsi ofisin sunucusundaki "
                "tek bir veritabanına bağlanır. Ofisin BT sorumlusundan aldığınız bilgileri yazın ve "
                "bağlantıyı deneyin. Veritabanı parolası bu bilgisayarın güvenli parola deposunda saklanır, "
                "hiçbir dosyaya yazılmaz."
            )
        )
        intro.setWordWrap(True)
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("officeHost")
        self.host_edit.setPlaceholderText(self.tr("ör. sunucu.il.gov.tr ya da 10.0.0.5"))
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("officePort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.port_spin.setMaximumWidth(120)
        self.dbname_edit = QLineEdit("koopbis")
        self.dbname_edit.setObjectName("officeDatabase")
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("officeUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("officePassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("boş: bu bilgisayarda saklı parola"))
        self.status_label = QLabel()
        self.status_label.setObjectName("officeStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Sunucu:"), self.host_edit)
        form.addRow(self.tr("&Kapı (port):"), self.port_spin)
        form.addRow(self.tr("V&eritabanı:"), self.dbname_edit)
        form.addRow(self.tr("K&ullanıcı:"), self.user_edit)
        form.addRow(self.tr("&Parola:"), self.password_edit)

        self.buttons = QDialogButtonBox()
        self.test_button: QPushButton = self.buttons.addButton(
            self.tr("Bağlantıyı &dene"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.test_button.setObjectName("officeTest")
        cancel = self.buttons.addButton(self.tr("&Vazgeç"), QDialogButtonBox.ButtonRole.RejectRole)
        self.test_button.setDefault(True)
        self.buttons.accepted.connect(self.on_test_clicked)
        cancel.clicked.connect(self.cancelled)
        self.password_edit.returnPressed.connect(self.on_test_clicked)

        self.probe = OfficeProbe(self)
        self.probe.done.connect(self.on_probe_done)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def office_url(self) -> OfficeUrl:
        """The address the fields spell (without the password); LocationError when incomplete."""
        host = self.host_edit.text().strip()
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address
        user = quote(self.user_edit.text().strip(), safe="")
        dbname = quote(self.dbname_edit.text().strip(), safe="")
        location = parse_location(f"postgresql://{user}@{host}:{self.port_spin.value()}/{dbname}")
        assert isinstance(location, OfficeUrl)
        return location

    def _problem(self) -> tuple[str, QWidget] | None:
        if not self.host_edit.text().strip():
            return self.tr("Sunucunun adını ya da IP adresini yazın."), self.host_edit
        if not self.dbname_edit.text().strip():
            return self.tr("Veritabanının adını yazın."), self.dbname_edit
        if not self.user_edit.text().strip():
            return self.tr("Veritabanı kullanıcısının adını yazın."), self.user_edit
        return None

    def show_status(self, text: str, *, error: bool) -> None:
        self.status_label.setStyleSheet("color: #a00000;" if error else "")
        self.status_label.setText(text)
        self.status_label.show()

    def on_test_clicked(self) -> None:
        if self.probe.running:
            return
        problem = self._problem()
        if problem is not None:
            self.show_status(problem[0], error=True)
            problem[1].setFocus()
            return
        try:
            url = self.office_url()
        except Exception as exc:  # an address the store refuses: its sentence says why
            self.show_status(user_message(exc), error=True)
            return
        self.test_button.setEnabled(False)
        self.show_status(
            self.tr("{0} adresine bağlanılıyor… (en çok birkaç saniye)").format(url.display), error=False
        )
        self.probe.start(url, self.password_edit.text())

    def on_probe_done(self, outcome: ProbeOutcome) -> None:
        self.test_button.setEnabled(True)
        if outcome.error is not None:
            self.show_status(user_message(outcome.error), error=True)
            # The field to correct, not the next button: the disabled test button handed its focus
            # on, and Enter on "Vazgeç" would end the set-up.
            self._field_for(outcome.error).setFocus()
            return
        facts = outcome.facts
        assert facts is not None
        if facts.ready:
            text = self.tr("Bağlantı kuruldu: {0} ilinin ofis veritabanı, {1} hesap.").format(
                facts.province_code, facts.accounts
            )
        else:
            text = self.tr("Bağlantı kuruldu. Ofis veritabanında henüz il ve yönetici hesabı yok.")
        self.show_status(text, error=False)
        self.password_edit.clear()
        self.connected.emit(outcome)

    def _field_for(self, error: BaseException) -> QWidget:
        from koopbis_desktop.store.pg import OfficeDatabaseMissing, OfficeLoginFailed, OfficeUnreachable

        if isinstance(error, OfficeLoginFailed):
            return self.password_edit
        if isinstance(error, OfficeDatabaseMissing):
            return self.dbname_edit
        if isinstance(error, OfficeUnreachable):
            return self.host_edit
        return self.test_button


def ask_office_password(parent: QWidget | None, url: OfficeUrl, problem: str = "") -> str | None:
    """The office role's password, asked at start when neither the URL, PGPASSFILE nor the keyring gave
    a working one; None when the person gives up."""
    text = QCoreApplication.translate(
        "OfficeConnect",
        "Ofis veritabanının ({0}) parolası. Program hesabınızın parolası değil: ofisin BT sorumlusu "
        "verir. Bu bilgisayarın güvenli parola deposunda saklanır.",
    ).format(url.display)
    if problem:
        text = f"{problem}\n\n{text}"
    password, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("OfficeConnect", "Ofis veritabanı parolası"),
        text,
        QLineEdit.EchoMode.Password,
    )
    return password if ok and password else None


__all__ = ["OfficeConnectPage", "OfficeProbe", "ProbeOutcome", "ask_office_password"]
