"""Issue 13, item 6: a clerk's PC joins the office database through the first-run wizard.

Real widgets on a real PostgreSQL office database (the session's throw-away TLS cluster):
the wizard's office page tests the connection off the UI thread, explains each failure in
Turkish, remembers the address (never the password) for this PC and keeps the password in
the OS keyring (an in-memory one here). The next start of the real entry point opens the
remembered office database, the supervisor signs in and sees the office's queue.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from koopbis_desktop import paths
from koopbis_desktop.domain import demo_data
from koopbis_desktop.services import capture, setup
from koopbis_desktop.store import migrations, snapshot, users
from koopbis_desktop.store.db import open_store
from koopbis_desktop.store.location import OfficeUrl
from koopbis_desktop.ui import app as desktop
from koopbis_desktop.ui.dialogs.about import AboutDialog
from koopbis_desktop.ui.login import LoginDialog
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.wizard import FirstRunWizard
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import PASSWORD, MemoryKeyring, add_people, member_admission
from tests.pgcluster import SUPERUSER, SUPERUSER_PASSWORD


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def local_worker(tmp_path: Any, qapp: Any) -> Iterator[DbWorker]:
    """This PC's worker as the app makes it on a first run: not started until "tek başına" is chosen."""
    w = DbWorker(
        tmp_path / "pc" / "koopbis.sqlite", tmp_path / "pc" / "backups", create=True, encrypt_new=True
    )
    yield w
    w.stop()


def set_up_by_it(url: OfficeUrl) -> None:
    """What the office's IT leaves: the schema, the province, the first admin; here also the
    office's people and one entry waiting for approval."""
    store = open_store(url, create=True)
    try:
        setup.initialize(store, "06")
        people = add_people(store)
        records = list(demo_data.cooperatives("06", 3, seed=7))
        snapshot.upsert_records(store, records)
        entry = capture.create_entry(
            store, people["ayse"], "member.admit", records[0]["id"], member_admission(5)
        )
        capture.submit_entry(store, people["ayse"], entry.uuid)
    finally:
        store.close()


def open_wizard(qtbot: Any, worker: DbWorker) -> FirstRunWizard:
    wizard = FirstRunWizard(worker)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert wizard.alone_radio.isChecked() and wizard.setup_page.isVisible()
    qtbot.mouseClick(wizard.office_radio, Qt.MouseButton.LeftButton)
    assert wizard.office_page.isVisible() and not wizard.setup_page.isVisible()
    return wizard


def fill(qtbot: Any, wizard: FirstRunWizard, *, port: int, dbname: str, password: str) -> None:
    page = wizard.office_page
    qtbot.keyClicks(page.host_edit, "127.0.0.1")
    page.port_spin.lineEdit().selectAll()
    qtbot.keyClicks(page.port_spin, str(port))
    assert page.port_spin.value() == port
    page.dbname_edit.clear()
    qtbot.keyClicks(page.dbname_edit, dbname)
    qtbot.keyClicks(page.user_edit, SUPERUSER)
    qtbot.keyClicks(page.password_edit, password)


def run_app(drive: Callable[[], None]) -> int:
    """The real entry point with no --db and no KOOPBIS_DB, ``drive`` polled while it runs."""
    poll = QTimer()
    poll.timeout.connect(drive)
    poll.start(20)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.exit(99))  # never hang the suite
    guard.start(30_000)
    try:
        return desktop.run(desktop.parse_args([]))
    finally:
        poll.stop()
        guard.stop()
        QApplication.instance().setQuitOnLastWindowClosed(True)  # type: ignore[union-attr]
        for widget in QApplication.topLevelWidgets():
            widget.close()


def test_wizard_joins_the_office_and_the_next_start_signs_in_to_its_queue(
    qtbot: Any,
    qapp: Any,
    office_url: OfficeUrl,
    pg_cluster: Any,
    local_worker: DbWorker,
    memory_keyring: MemoryKeyring,
    message_mock: Any,
) -> None:
    set_up_by_it(office_url)
    wizard = open_wizard(qtbot, local_worker)
    fill(qtbot, wizard, port=pg_cluster.port, dbname=office_url.dbname, password=SUPERUSER_PASSWORD)
    with qtbot.waitSignal(wizard.accepted, timeout=15_000):
        qtbot.mouseClick(wizard.office_page.test_button, Qt.MouseButton.LeftButton)
        # The test runs off the UI thread: the window still answers while it connects.
        assert not wizard.office_page.test_button.isEnabled()
        assert "bağlanılıyor" in wizard.office_page.status_label.text()

    # Set up by IT: nothing created here, no province or admin asked, no file on this PC.
    assert wizard.result_ is None and wizard.office is not None and wizard.office_worker is None
    assert wizard.office.facts is not None and wizard.office.facts.ready
    assert not local_worker.started and not (local_worker.db_path.parent).exists()
    assert "06" in wizard.office_page.status_label.text()
    # The address is remembered for this PC without its password; the password is in the keyring only.
    remembered = paths.connection_file().read_text(encoding="utf-8")
    expected = f"postgresql://{SUPERUSER}@127.0.0.1:{pg_cluster.port}/{office_url.dbname}"
    assert json.loads(remembered) == {"office_url": expected}
    assert SUPERUSER_PASSWORD not in remembered
    assert memory_keyring.secrets == {("koopbis-desktop", office_url.account_key): SUPERUSER_PASSWORD}
    assert wizard.office_page.password_edit.text() == ""
    for file in paths.data_dir().rglob("*"):
        if file.is_file():
            assert SUPERUSER_PASSWORD.encode() not in file.read_bytes(), file
    assert paths.database_location() == OfficeUrl(expected)

    # The next start: no --db, no KOOPBIS_DB; the remembered office database and the keyring's password.
    seen: dict[str, Any] = {}

    def drive() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, LoginDialog) and widget.isVisible() and "login" not in seen:
                seen["login"] = True
                widget.username_edit.setText("sef")
                widget.password_edit.setText(PASSWORD)
                widget.login_button.click()
            if isinstance(widget, MainWindow) and widget.isVisible() and "window" not in seen:
                seen["window"] = widget
        window = seen.get("window")
        if isinstance(window, MainWindow) and "rows" not in seen:
            queue = window.pages["submitted"]
            if window.current_page_key() == "submitted" and queue.model.rowCount() == 1:  # type: ignore[attr-defined]
                seen["rows"] = queue.model.rowCount()  # type: ignore[attr-defined]
                seen["location"] = window.ctx.location
                seen["db_password"] = window.ctx.db_password
                seen["about"] = AboutDialog(window.ctx, window)
        about = seen.get("about")
        read = isinstance(about, AboutDialog) and not about.schema_label.text().startswith("okunuyor")
        if (
            isinstance(window, MainWindow)
            and isinstance(about, AboutDialog)
            and read
            and "schema" not in seen
        ):
            seen["database"] = about.database_label.text()
            seen["schema"] = about.schema_label.text()
            about.close()
            window.close()

    assert run_app(drive) == 0
    assert seen["rows"] == 1
    assert seen["location"] == OfficeUrl(expected)
    assert seen["db_password"] == SUPERUSER_PASSWORD  # for the sync thread's own connection
    # "Hakkında" names the office database without its password and reads its schema.
    assert seen["database"] == expected
    assert seen["schema"].startswith(f"{migrations.LATEST} (bu sürüm")
    # No encryption offer on an office database (nothing of it lives in a file here), no error box.
    assert message_mock.shown == []
    assert not (paths.data_dir() / paths.DB_FILENAME).exists()


@pytest.mark.expect_log(r"^opening .* failed$", logger="koopbis_desktop.ui.worker")
def test_a_start_without_a_known_password_asks_for_it_and_keeps_the_right_one_in_the_keyring(
    qapp: Any,
    office_url: OfficeUrl,
    tmp_path: Any,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    message_mock: Any,
) -> None:
    set_up_by_it(office_url)
    paths.remember_office(office_url.with_password(None))  # as the wizard left it on another day
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "yok.pgpass"))  # no password file either
    monkeypatch.delenv("PGPASSWORD", raising=False)
    answers = ["yanlis-parola", SUPERUSER_PASSWORD]
    prompts: list[str] = []
    seen: dict[str, Any] = {}

    def drive() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QInputDialog) and widget.isVisible():
                prompts.append(widget.labelText())
                assert widget.textEchoMode() == QLineEdit.EchoMode.Password
                widget.setTextValue(answers.pop(0))
                widget.accept()
            if isinstance(widget, LoginDialog) and widget.isVisible() and "login" not in seen:
                seen["login"] = True
                assert memory_keyring.secrets == {
                    ("koopbis-desktop", office_url.account_key): SUPERUSER_PASSWORD
                }
                widget.reject()  # Çıkış: the app ends

    assert run_app(drive) == 0
    assert seen == {"login": True} and answers == []
    assert len(prompts) == 2
    assert "Program hesabınızın parolası değil" in prompts[0] and "kabul etmedi" not in prompts[0]
    assert prompts[1].startswith(f"Ofis veritabanı '{SUPERUSER}' kullanıcısının parolasını kabul etmedi")
    assert message_mock.shown == []


def test_a_password_file_is_enough_and_nothing_goes_to_the_keyring(
    qtbot: Any,
    office_url: OfficeUrl,
    pg_cluster: Any,
    tmp_path: Any,
    monkeypatch: pytest.MonkeyPatch,
    local_worker: DbWorker,
    memory_keyring: MemoryKeyring,
) -> None:
    set_up_by_it(office_url)
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{pg_cluster.port}:{office_url.dbname}:{SUPERUSER}:{SUPERUSER_PASSWORD}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    wizard = open_wizard(qtbot, local_worker)
    fill(qtbot, wizard, port=pg_cluster.port, dbname=office_url.dbname, password="")
    with qtbot.waitSignal(wizard.accepted, timeout=15_000):
        qtbot.mouseClick(wizard.office_page.test_button, Qt.MouseButton.LeftButton)
    assert wizard.office is not None and wizard.office.password is None
    assert memory_keyring.secrets == {}
    assert paths.remembered_office() == office_url.with_password(None)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(kind: str, url: OfficeUrl, port: int) -> tuple[int, str, str]:
    """The office database in the state ``kind`` names: (port, database name, password) to type."""
    import psycopg

    if kind == "unreachable":
        return closed_port(), url.dbname, SUPERUSER_PASSWORD
    if kind == "wrong_password":
        set_up_by_it(url)
        return port, url.dbname, "yanlis-parola"
    if kind == "missing":
        return port, url.dbname + "_yok", SUPERUSER_PASSWORD
    if kind == "foreign":
        with psycopg.connect(url.conninfo()) as conn:
            conn.execute("CREATE TABLE faturalar (no integer)")
    if kind == "too_new":
        set_up_by_it(url)
        with psycopg.connect(url.conninfo()) as conn:
            conn.execute("UPDATE koopbis_schema SET version = %s", (migrations.LATEST + 1,))
    return port, url.dbname, SUPERUSER_PASSWORD  # "empty": nothing there


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("unreachable", "ulaşılamıyor: sunucu kapalı, adres yanlış ya da ağ bağlantısı yok"),
        ("wrong_password", f"'{SUPERUSER}' kullanıcısının parolasını kabul etmedi"),
        ("missing", "adlı veritabanı yok"),
        ("empty", "KOOP-BİS Desktop için henüz kurulmamış. BT sorumlusu 'koopbis --db ADRES office init'"),
        ("foreign", "başka bir programın tabloları var"),
        ("too_new", "daha yeni bir sürümüyle kurulmuş"),
    ],
)
def test_each_failure_is_explained_and_nothing_is_remembered(
    qtbot: Any,
    office_url: OfficeUrl,
    pg_cluster: Any,
    local_worker: DbWorker,
    memory_keyring: MemoryKeyring,
    kind: str,
    sentence: str,
) -> None:
    port, dbname, password = prepare(kind, office_url, pg_cluster.port)
    wizard = open_wizard(qtbot, local_worker)
    fill(qtbot, wizard, port=port, dbname=dbname, password=password)
    page = wizard.office_page
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.test_button.isEnabled, timeout=15_000)
    assert sentence in page.status_label.text()
    assert "Traceback" not in page.status_label.text()
    assert wizard.isVisible() and wizard.office is None
    assert not paths.connection_file().exists()
    assert memory_keyring.secrets == {}
    assert not local_worker.started
    # The person can correct a field and try again: the typed password is still there, and the
    # focus is on the field to correct (Enter never lands on "Vazgeç").
    assert page.password_edit.text() == password
    focus = {"unreachable": page.host_edit, "wrong_password": page.password_edit, "missing": page.dbname_edit}
    assert wizard.focusWidget() is focus.get(kind, page.test_button)


def test_an_office_database_without_a_province_is_set_up_from_the_wizard(
    qtbot: Any,
    office_url: OfficeUrl,
    pg_cluster: Any,
    local_worker: DbWorker,
    memory_keyring: MemoryKeyring,
) -> None:
    open_store(office_url, create=True).close()  # the schema only, as "office init" leaves it
    wizard = open_wizard(qtbot, local_worker)
    fill(qtbot, wizard, port=pg_cluster.port, dbname=office_url.dbname, password=SUPERUSER_PASSWORD)
    qtbot.mouseClick(wizard.office_page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.setup_page.isVisible, timeout=15_000)
    assert not wizard.choice.isVisible() and not wizard.office_page.isVisible()
    assert "henüz il ve yönetici hesabı yok" in wizard.intro_label.text()
    assert not paths.connection_file().exists()  # remembered once the office is set up
    qtbot.keyClicks(wizard.province_filter, "izmir")
    qtbot.keyClicks(wizard.passwords.first, "ilk-parola-1")
    qtbot.keyClicks(wizard.passwords.second, "ilk-parola-1")
    with qtbot.waitSignal(wizard.accepted, timeout=15_000):
        qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
    assert wizard.result_ is not None and wizard.result_.recovery_key == ""  # the server guards it
    assert wizard.office_worker is not None and wizard.office_worker.location == office_url.with_password(
        None
    )
    wizard.office_worker.stop()
    assert not local_worker.started
    assert paths.remembered_office() == office_url.with_password(None)
    assert memory_keyring.secrets == {("koopbis-desktop", office_url.account_key): SUPERUSER_PASSWORD}
    store = open_store(office_url)
    try:
        assert store.setting("province_code") == "35"
        admin = users.get_user(store, "admin")
        assert admin is not None and admin.role == "admin"
    finally:
        store.close()


def test_smoke_builds_every_page_on_an_office_database_given_by_db(
    office_url: OfficeUrl, tmp_path: Any
) -> None:
    set_up_by_it(office_url)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        KOOPBIS_LOG_DIR=str(tmp_path / "logs"),
    )
    smoke = subprocess.run(
        [sys.executable, "-m", "koopbis_desktop.ui.app", "--smoke", "--db", office_url.url],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert smoke.returncode == 0, smoke.stderr
    assert f"smoke ok: {office_url.display} schema up to date" in smoke.stdout
    assert SUPERUSER_PASSWORD not in smoke.stdout + smoke.stderr
    assert not (tmp_path / "data").exists()  # nothing of it lives in a file on this PC


def test_a_start_on_an_office_database_without_a_province_asks_only_for_the_province_and_admin(
    qtbot: Any, office_url: OfficeUrl, tmp_path: Any
) -> None:
    open_store(office_url, create=True).close()  # the schema only
    worker = DbWorker(office_url, tmp_path / "backups")
    worker.start()
    try:
        worker.wait_open(15)
        wizard = FirstRunWizard(worker)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        # The choice was made (--db, KOOPBIS_DB or this PC's remembered office): no radio buttons.
        assert not wizard.choice.isVisible() and not wizard.office_page.isVisible()
        assert (
            wizard.setup_page.isVisible() and "henüz il ve yönetici hesabı yok" in wizard.intro_label.text()
        )
        qtbot.keyClicks(wizard.province_filter, "ankara")
        qtbot.keyClicks(wizard.passwords.first, "ilk-parola-1")
        qtbot.keyClicks(wizard.passwords.second, "ilk-parola-1")
        with qtbot.waitSignal(wizard.accepted, timeout=15_000):
            qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
        assert wizard.result_ is not None and wizard.result_.admin == "admin"
        assert worker.call(lambda s: (s.setting("province_code"), users.count_users(s))) == ("06", 1)
        assert not paths.connection_file().exists()  # not chosen here: nothing to remember
    finally:
        worker.stop()


@pytest.mark.expect_log(r"^opening .* failed$", logger="koopbis_desktop.ui.worker")
@pytest.mark.expect_log(r"^unexpected error$", logger="koopbis_desktop.ui.errors")  # no store sentence for it
def test_this_pc_alone_says_why_its_file_could_not_be_made(qtbot: Any, tmp_path: Any) -> None:
    blocker = tmp_path / "dosya"
    blocker.write_text("bir klasör değil")  # the database's folder is a file: nothing can be made there
    worker = DbWorker(blocker / "koopbis.sqlite", blocker / "backups", create=True, encrypt_new=True)
    wizard = FirstRunWizard(worker)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.province_filter, "ankara")
    qtbot.keyClicks(wizard.passwords.first, "ilk-parola-1")
    qtbot.keyClicks(wizard.passwords.second, "ilk-parola-1")
    try:
        qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(wizard.create_button.isEnabled, timeout=10_000)
        first = wizard.error_label.text()
        assert first and "hazırlanıyor" not in first and "Traceback" not in first
        qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)  # again: the same sentence
        assert wizard.error_label.text() == first and wizard.create_button.isEnabled()
        assert wizard.result_ is None and wizard.isVisible()
    finally:
        worker.stop()
