"""Start-up: the login shows before the database is opened and checked; an open that fails ends the app.

These drive the real entry point (``koopbis_desktop.ui.app.run``) on real files: a
file whose pages are damaged (the integrity check on the DB worker finds it after
the login is already on screen) and a file from a newer program. Each time the
person reads the store's Turkish sentence in a message box and the app exits with
code 2, leaving the file as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from koopbis_desktop import paths
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import backup, keyfile, migrations
from koopbis_desktop.store.db import Store, open_store
from koopbis_desktop.store.errors import DatabaseDamaged
from koopbis_desktop.store.startfacts import StartFacts, peek_start_facts
from koopbis_desktop.ui import app as desktop
from koopbis_desktop.ui.login import LoginDialog
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import PASSWORD, add_people
from tests.ui.conftest import one_draft, wait_idle


class StartWatcher:
    """Records, as the app starts, whether the login appeared and what the message box said."""

    def __init__(self) -> None:
        self.login_seen = False
        self.messages: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self.poll)
        self.timer.start(5)

    def poll(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, LoginDialog) and widget.isVisible():
                self.login_seen = True
            if isinstance(widget, QMessageBox) and widget.isVisible() and widget.text() not in self.messages:
                self.messages.append(widget.text())
                widget.button(QMessageBox.StandardButton.Ok).click()


def run_app(db_path: Path) -> tuple[int, StartWatcher]:
    watcher = StartWatcher()
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: QApplication.exit(99))  # never hang the suite
    guard.start(20_000)
    try:
        code = desktop.run(desktop.parse_args(["--db", str(db_path)]))
    finally:
        watcher.timer.stop()
        guard.stop()
        QApplication.instance().setQuitOnLastWindowClosed(True)  # type: ignore[union-attr]
        for widget in QApplication.topLevelWidgets():
            widget.close()
    return code, watcher


def _damage_filler_pages(store: Store, db_path: Path) -> None:
    """Damage pages of a table no start reads (the whole-file check finds them, the start check does not)."""
    with store.atomic() as conn:
        conn.execute("CREATE TABLE filler(x TEXT)")
        conn.executemany("INSERT INTO filler VALUES (?)", [("ş" * 400,) for _ in range(600)])
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(len(data) - 40 * page, len(data) - page, page):
        data[offset : offset + 64] = b"\xff" * 64
    db_path.write_bytes(bytes(data))


@pytest.mark.expect_log(r"^opening .* failed$", logger="koopbis_desktop.ui.worker")
def test_damaged_pages_found_after_the_login_showed_name_the_newest_backup_and_exit(
    qapp: Any, store: Store, db_path: Path
) -> None:
    saved = backup.create_backup(store, paths.backups_dir(db_path))
    _damage_filler_pages(store, db_path)
    # The start facts are still readable: the login is shown without waiting for the check.
    assert peek_start_facts(db_path) == StartFacts(initialised=True, language=None)

    code, watcher = run_app(db_path)

    assert code == 2
    assert watcher.login_seen
    assert len(watcher.messages) == 1
    assert watcher.messages[0].startswith("Veritabanı dosyası bozuk")
    assert str(saved) in watcher.messages[0] and "koopbis restore" in watcher.messages[0]


@pytest.mark.expect_log(r"^opening .* failed$", logger="koopbis_desktop.ui.worker")
def test_database_from_a_newer_program_is_refused_untouched_and_the_app_exits(
    qapp: Any, store: Store, db_path: Path
) -> None:
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = db_path.read_bytes()

    code, watcher = run_app(db_path)

    assert code == 2
    assert len(watcher.messages) == 1
    assert "daha yeni bir sürümüyle" in watcher.messages[0]
    assert "Programı güncelleyin" in watcher.messages[0]
    assert db_path.read_bytes() == before


@pytest.mark.expect_log(r"^opening .* failed$", logger="koopbis_desktop.ui.worker")
def test_an_empty_database_file_is_refused_not_rebuilt(qapp: Any, store: Store, db_path: Path) -> None:
    saved = backup.create_backup(store, paths.backups_dir(db_path))
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(b"")  # what a failed copy or a full disk leaves

    code, watcher = run_app(db_path)

    assert code == 2
    assert len(watcher.messages) == 1
    assert watcher.messages[0].startswith("Veritabanı dosyası boş")
    assert str(saved) in watcher.messages[0]
    assert db_path.stat().st_size == 0  # no new empty database in its place


def test_start_returns_at_once_and_a_login_pressed_before_the_open_waits_in_the_queue(
    qtbot: Any, store: Store, db_path: Path, people: dict[str, Actor]
) -> None:
    store.close()
    worker = DbWorker(db_path, paths.backups_dir(db_path))
    worker.start()
    try:
        dialog = LoginDialog(worker)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.username_edit, "ayse")
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed:
            dialog.login_button.click()
        assert worker.is_open
        assert signed.args[0].actor.username == "ayse"
        assert signed.args[0].province_code == "06"
    finally:
        worker.stop()


@pytest.mark.expect_log(r"^opening .* failed$", logger="koopbis_desktop.ui.worker")
def test_a_failed_open_fails_waiting_calls_instead_of_hanging(qapp: Any, tmp_path: Path) -> None:
    db_path = tmp_path / "yok.sqlite"
    worker = DbWorker(db_path)  # create=False: a missing file is an open error
    worker.start()
    try:
        try:
            worker.call(lambda store: 1, timeout=5)
        except Exception as exc:  # the store's own error, not a timeout
            assert "Veritabanı bulunamadı" in str(exc)
        else:
            raise AssertionError("call() ran a job on a database that never opened")
        assert not worker.is_open and worker.open_error is not None
    finally:
        worker.stop()


def test_open_store_on_a_healthy_file_agrees_with_the_start_facts(store: Store, db_path: Path) -> None:
    store.set_setting("language", "en")
    assert peek_start_facts(db_path) == StartFacts(initialised=True, language="en")
    assert peek_start_facts(db_path.parent / "none.sqlite") == StartFacts(initialised=False, language=None)
    open_store(db_path).close()


@pytest.mark.expect_log(r"^opening .* failed$", logger="koopbis_desktop.ui.worker")
def test_the_whole_file_check_runs_beside_the_open_and_names_a_damaged_file_with_the_newest_backup(
    qtbot: Any, store: Store, db_path: Path
) -> None:
    saved = backup.create_backup(store, paths.backups_dir(db_path))
    _damage_filler_pages(store, db_path)
    worker = DbWorker(db_path, paths.backups_dir(db_path), check_in_background=True)
    try:
        with qtbot.waitSignal(worker.damaged, timeout=10_000) as found:
            worker.start()
            worker.wait_open(10)  # the open itself succeeds: the start's tables are sound
        assert worker.is_open
        message = str(found.args[0])
        assert message.startswith("Veritabanı dosyası bozuk") and str(saved) in message
        with pytest.raises(DatabaseDamaged):
            worker.wait_checked(10)
    finally:
        worker.stop()


def test_a_sound_file_passes_the_whole_file_check_in_the_background(
    qtbot: Any, store: Store, db_path: Path
) -> None:
    store.close()
    worker = DbWorker(db_path, paths.backups_dir(db_path), check_in_background=True)
    damaged: list[object] = []
    worker.damaged.connect(damaged.append)
    worker.start()
    try:
        worker.wait_checked(10)
        assert worker.call(lambda s: s.setting("province_code")) == "06"
        qtbot.wait(20)
        assert damaged == []
    finally:
        worker.stop()


def started_with_held_check(store: Store, db_path: Path, hold_s: float) -> DbWorker:
    """A worker on ``store``'s file (closed here) whose whole-file check waits for release_check(), at most ``hold_s``."""
    store.close()
    worker = DbWorker(db_path, paths.backups_dir(db_path), check_in_background=True, check_hold_s=hold_s)
    worker.start()
    return worker


def test_a_held_whole_file_check_waits_for_the_first_window_then_runs(
    qtbot: Any, store: Store, db_path: Path
) -> None:
    # The check beside the password's argon2 and the first window slowed both: a start holds
    # it until its signed-in window is up (release_check), at most check_hold_s.
    worker = started_with_held_check(store, db_path, 60)
    try:
        worker.wait_open(10)
        assert worker.call(lambda s: s.setting("province_code")) == "06"  # jobs run meanwhile
        qtbot.wait(200)
        assert not worker.check_started
        worker.release_check()
        worker.wait_checked(10)
        assert worker.check_started
    finally:
        worker.stop()


@contextlib.contextmanager
def shell_on(
    qapp: QApplication, store: Store, db_path: Path, **options: Any
) -> Iterator[tuple[desktop.Shell, DbWorker]]:
    """A shell on ``store``'s file, its whole-file check held; afterwards its window closed, its worker stopped."""
    worker = started_with_held_check(store, db_path, 60)
    shell = desktop.Shell(qapp, worker, db_path, demo=False, **options)
    try:
        yield shell, worker
    finally:
        if shell.window is not None:
            shell.window.closed.disconnect()
            shell.window.close()
        worker.stop()


def ayses_login(shell: desktop.Shell, worker: DbWorker) -> LoginDialog:
    """The shell's login for ayşe, once the file is open."""
    login = shell.show_login("ayse")
    worker.wait_open(10)
    return login


def sign_in(login: LoginDialog, password: str = PASSWORD) -> None:
    login.password_edit.setText(password)
    login.on_login_clicked()


def window_shown(shell: desktop.Shell) -> bool:
    return shell.window is not None and shell.window.isVisible()


def test_the_signed_in_window_releases_the_held_check(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    db_path: Path,
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(desktop, "CHECK_AFTER_WINDOW_MS", 3000)  # room for a busy machine
    with shell_on(qapp, store, db_path) as (shell, worker):
        login = ayses_login(shell, worker)
        qtbot.wait(100)
        assert not worker.check_started  # the login and the password's check have the processor
        sign_in(login)
        qtbot.waitUntil(lambda: window_shown(shell), timeout=10_000)
        assert not worker.check_started  # the first window and its first page come first
        qtbot.waitUntil(lambda: worker.check_started, timeout=desktop.CHECK_AFTER_WINDOW_MS + 5_000)
        worker.wait_checked(10)


def test_work_due_during_a_sign_in_waits_for_its_first_page_and_a_refusal_ends_the_wait(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    db_path: Path,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The single-instance listener is due a second after the start: due in the middle of a
    # sign-in, it waits until the signed-in window's list has its first page (QtNetwork's import
    # then no longer delays that page); a refused password ends the wait at once.
    one_draft(store, people, cooperatives)
    monkeypatch.setattr(desktop, "QUIET_AFTER_FIRST_PAGE_MS", 50)
    watch = desktop.SignInWatch()
    ran: list[str] = []
    with shell_on(qapp, store, db_path, sign_ins=watch) as (shell, worker):

        def due(name: str) -> None:
            window = shell.window
            model = desktop._landing_entries(window) if window else None
            ran.append(
                f"{name}:{'window' if window is not None else 'login'}:{bool(model and model.is_loaded)}"
            )

        login = ayses_login(shell, worker)
        watch.when_quiet(lambda: due("idle"))  # nobody signing in: at once
        assert ran == ["idle:login:False"]

        sign_in(login, "yanlış parola")
        assert watch.under_way
        watch.when_quiet(lambda: due("refused"))
        assert ran == ["idle:login:False"]  # waits for the check
        qtbot.waitUntil(lambda: len(ran) == 2, timeout=10_000)
        assert ran[1] == "refused:login:False" and login.error_label.isVisible()
        assert not watch.under_way

        sign_in(login)
        watch.when_quiet(lambda: due("signed-in"))
        qtbot.waitUntil(lambda: len(ran) == 3, timeout=10_000)
        assert ran[2] == "signed-in:window:True"  # not before the window's list had its first page
        assert not watch.under_way


def test_the_signed_in_window_shows_with_its_first_page_and_the_login_stays_up_till_then(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    db_path: Path,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The window's first paint has its list's rows (not an empty table drawn, then drawn again),
    # and the screen is never empty between the login and the window.
    one_draft(store, people, cooperatives)
    monkeypatch.setattr(desktop, "SHOW_WITH_FIRST_PAGE_MS", 60_000)  # only the page may show it here
    at_show: list[tuple[bool, bool, int, bool, bool]] = []
    show = desktop.Shell._show_signed_in

    def recorded(self: Any, window: Any, session: Any, login: Any) -> None:
        model = desktop._landing_entries(window)
        assert model is not None
        at_show.append(
            (
                window.isVisible(),
                model.is_loaded,
                model.rowCount(),
                login.isVisible(),
                login.login_button.isEnabled(),
            )
        )
        show(self, window, session, login)

    monkeypatch.setattr(desktop.Shell, "_show_signed_in", recorded)
    with shell_on(qapp, store, db_path) as (shell, worker):
        login = ayses_login(shell, worker)
        sign_in(login)
        qtbot.waitUntil(lambda: window_shown(shell), timeout=10_000)
        # Not shown before the page came; the login up and its button off until the window showed.
        assert at_show == [(False, True, 1, True, False)]
        assert not login.isVisible() and login.result() == QDialog.DialogCode.Accepted
        window = shell.window
        assert window is not None and window.current_page_key() == "drafts"


def test_the_landing_lists_first_page_is_asked_for_before_the_rest_of_the_window_is_built(
    qtbot: Any,
    make_ctx: Any,
    worker: DbWorker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The DB worker reads the first page while the window around it (its menus, status bar…) is
    # built, instead of after: what the person waits for comes first.
    from koopbis_desktop.services.queries import EntryFilter
    from koopbis_desktop.ui.mainwindow import MainWindow
    from koopbis_desktop.ui.pages.queue import QueuePage

    at_menus: list[tuple[bool, EntryFilter | None]] = []
    build_menus = MainWindow._build_menus

    def recorded(self: MainWindow) -> None:
        page = dict.get(self.pages, "drafts")
        at_menus.append((page is not None, page.model.entry_filter if isinstance(page, QueuePage) else None))
        build_menus(self)

    monkeypatch.setattr(MainWindow, "_build_menus", recorded)
    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    page = window.pages["drafts"]
    assert isinstance(page, QueuePage)
    assert at_menus == [(True, page.current_filter())] and page.current_filter() != EntryFilter()
    assert window.current_page_key() == "drafts"
    qtbot.waitUntil(lambda: page.model.is_loaded, timeout=10_000)
    wait_idle(qtbot, worker)


def test_a_first_page_that_is_slow_to_come_does_not_hold_the_signed_in_window_back(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    db_path: Path,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A slow office network: the window shows after SHOW_WITH_FIRST_PAGE_MS with its list still
    # loading, and the rows come into it afterwards.
    one_draft(store, people, cooperatives)
    monkeypatch.setattr(desktop, "SHOW_WITH_FIRST_PAGE_MS", 100)
    gate = threading.Event()
    with shell_on(qapp, store, db_path) as (shell, worker):
        try:
            login = ayses_login(shell, worker)
            sign_in(login)
            # Queued behind the password's check: the window's first page waits for it.
            worker.submit(lambda _store: gate.wait(30))
            qtbot.waitUntil(lambda: window_shown(shell), timeout=10_000)
            window = shell.window
            assert window is not None
            model = desktop._landing_entries(window)
            assert model is not None and not model.is_loaded and model.rowCount() == 0
            assert not login.isVisible()
            gate.set()
            qtbot.waitUntil(lambda: model.is_loaded and model.rowCount() == 1, timeout=10_000)
        finally:
            gate.set()  # before the worker stops: it waits for its job


def test_a_late_end_of_an_earlier_sign_in_does_not_end_the_one_under_way() -> None:
    watch = desktop.SignInWatch()
    ran: list[int] = []
    first = watch.began()
    watch.ended(first)
    second = watch.began()
    watch.when_quiet(lambda: ran.append(1))
    watch.ended(first)  # the first sign-in's fallback timer, late
    assert watch.under_way and ran == []
    watch.ended(second)
    assert not watch.under_way and ran == [1]


def test_a_held_check_starts_by_itself_when_nobody_signs_in(qtbot: Any, store: Store, db_path: Path) -> None:
    worker = started_with_held_check(store, db_path, 0.3)
    try:
        worker.wait_checked(10)  # no release: the hold ran out
        assert worker.check_started
    finally:
        worker.stop()


def test_a_worker_stopped_while_its_check_is_held_never_checks(
    qtbot: Any, store: Store, db_path: Path
) -> None:
    worker = started_with_held_check(store, db_path, 60)
    worker.wait_open(10)
    worker.stop()
    worker.wait_checked(10)  # returns at once: the held check gave up
    assert not worker.check_started


@pytest.mark.expect_log(r"^opening .* failed$", logger="koopbis_desktop.ui.worker")
def test_the_smoke_check_with_whole_file_waits_for_that_check_and_fails_on_a_damaged_file(
    qapp: Any, store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup.create_backup(store, paths.backups_dir(db_path))
    _damage_filler_pages(store, db_path)
    try:
        code = desktop.run(desktop.parse_args(["--smoke", "--whole-file", "--db", str(db_path)]))
    finally:
        for widget in QApplication.topLevelWidgets():
            widget.close()
    assert code == 2
    assert "smoke FAILED: Veritabanı dosyası bozuk" in capsys.readouterr().err


def test_the_smoke_check_checks_what_a_start_checks_and_leaves_the_whole_file_to_the_background(
    qapp: Any, store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A sound file: the smoke check opens it, builds the window and ends after its first page
    # without the whole-file check (a start's first window does not wait for it either).
    store.close()
    try:
        code = desktop.run(desktop.parse_args(["--smoke", "--db", str(db_path)]))
    finally:
        for widget in QApplication.topLevelWidgets():
            widget.close()
    out = capsys.readouterr().out
    assert code == 0
    assert f"smoke ok: {db_path} schema up to date, start tables checked" in out
    try:
        code = desktop.run(desktop.parse_args(["--smoke", "--whole-file", "--db", str(db_path)]))
    finally:
        for widget in QApplication.topLevelWidgets():
            widget.close()
    assert code == 0 and "whole file checked" in capsys.readouterr().out


# What a first window needs, and what it must not load: the sync engine and its HTTP stack,
# the office database driver, sqlite-utils, the spreadsheet readers and python-stdnum load
# when something uses them, never at start (each was tens of milliseconds of every start).
NOT_AT_START = (
    "requests",
    "urllib3",
    "psycopg",
    "sqlite_utils",
    "click",
    "stdnum",
    "openpyxl",
    "python_calamine",
    "olefile",  # naming a compound file the workbook reader refused
    "importlib.metadata",
    "sync.scheduler",
    "sync.executor",
    "sync.client",
    # The status bar's KOOP-BİS state reads the last run from the store: the engine's run and
    # progress records load when a run begins.
    "sync.runs",
    "sync.progress",
    "subprocess",  # a PDF's renderer
    "uuid",  # a new entry's id
    "html",  # registry warnings' text
    # The registry checks and their fiscal calendar: with the first cooperative opened.
    "koopbis_desktop.domain.registry_checks",
    "koopbis_desktop.services.registry_warnings",
    "socket",  # this PC's name for the editors' claims is the kernel's, read without it
    "hashlib",  # the audit chain's next row, a key file's check (OpenSSL: ≈ 5 ms with hmac and secrets)
    "hmac",
    "secrets",
    "logging.handlers",  # the log file turns rotating a few seconds after the start
    "socket",
    "pickle",
    # The smoke check starts as an administrator, who lands on Kooperatifler: the queue and
    # entry pages, the entry view and the password hasher load when used (or, before a
    # sign-in, while the login waits).
    "koopbis_desktop.ui.pages.queue",
    "koopbis_desktop.ui.pages.new_entry",
    "koopbis_desktop.ui.entry_view",
    "argon2",
    "koopbis_desktop.ui.help_window",  # the guide's window, when F1 is first pressed
    # The change types' schemas: with the first list of entries, form or record shown.
    "koopbis_desktop.domain.changetypes",
    "koopbis_desktop.domain.schema",
)

START_PROBE = """
import sys
from koopbis_desktop.ui import app
code = app.main(["--smoke", "--db", sys.argv[1]])
print("LOADED", " ".join(sorted(m for m in {modules} if m in sys.modules)))
sys.exit(code)
"""


def run_probe(code: str, db_path: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a Python of its own, offscreen, on the database at ``db_path`` (then ``args``)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    return subprocess.run(
        [sys.executable, "-c", code, str(db_path), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_a_start_loads_neither_the_sync_engine_nor_the_office_driver_nor_sqlite_utils(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    store.close()
    done = run_probe(START_PROBE.format(modules=repr(NOT_AT_START)), db_path, tmp_path)
    assert done.returncode == 0, done.stderr
    loaded = [line for line in done.stdout.splitlines() if line.startswith("LOADED")]
    assert loaded == ["LOADED "], done.stdout


IMPORT_PROBE = """
import sys
import koopbis_desktop.ui.app
print("LOADED", " ".join(sorted(m for m in {modules} if m in sys.modules)))
"""


def loaded_after(probe: str, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has loaded after running ``probe`` (its imports)."""
    done = subprocess.run(
        [sys.executable, "-c", probe.format(modules=repr(modules))],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("LOADED")]
    return line.split()[1:]


def test_the_programs_start_module_loads_no_reference_data_before_the_login() -> None:
    """The icon's and translations' folder comes from its own module, not with the provinces'."""
    modules = ("koopbis_desktop.domain.reference", "koopbis_desktop.domain.validators", "decimal")
    assert loaded_after(IMPORT_PROBE, modules) == []


SIGN_IN_CODE_PROBE = """
import sys
import koopbis_desktop.ui.app
from koopbis_desktop.ui import login
import koopbis_desktop.services.accounts
import koopbis_desktop.store.users
print("LOADED", " ".join(sorted(m for m in {modules} if m in sys.modules)))
"""


def test_the_sign_ins_own_code_loads_no_change_type_schema_or_validator() -> None:
    """The login's first preloading step is the sign-in's code (accounts, argon2, the audit trail):
    the password's check waits for it. Its refusals are issues (``domain.issues``), not the
    schema; the change types (≈ 35 ms) load in the next steps, beside the check."""
    modules = (
        "koopbis_desktop.domain.changetypes",
        "koopbis_desktop.domain.schema",
        "koopbis_desktop.domain.validators",
        "koopbis_desktop.domain.reference",
    )
    assert loaded_after(SIGN_IN_CODE_PROBE, modules) == []


PRELOAD_PROBE = """
import sys, threading, time
import PySide6.QtCore as QtCore
import PySide6.QtWidgets as QtWidgets
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["koopbis-desktop"])
from koopbis_desktop.ui import app as desktop
from koopbis_desktop.ui.login import LoginDialog

importers = {}
at_login = {}

class Recorder:
    def find_spec(self, name, path=None, target=None):
        if name.startswith("koopbis_desktop.ui.") and name not in sys.modules:
            importers.setdefault(name, threading.current_thread().name)
        return None

sys.meta_path.insert(0, Recorder())
shown = LoginDialog.showEvent

def show_event(dialog, event):
    # What PySide6 had set up when the login first showed: its Qt namespace, a widget
    # class that no window of the program uses (set up only to name a viewport).
    at_login.setdefault("Qt", "Qt" in vars(QtCore))
    at_login.setdefault("QMdiArea", "QMdiArea" in vars(QtWidgets))
    shown(dialog, event)

LoginDialog.showEvent = show_event
painted = LoginDialog.paintEvent

def paint_event(dialog, event):
    # Whether the preloading had begun when the login was first drawn: its first module.
    at_login.setdefault("preloading", desktop.PRELOADED[0] in sys.modules)
    painted(dialog, event)

LoginDialog.paintEvent = paint_event
deadline = time.monotonic() + 30

def poll():
    login = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()]
    loaded = all(name in sys.modules for name in desktop.PRELOADED)
    if login and (loaded or time.monotonic() > deadline):
        timer.stop()
        login[0].reject()  # the person closes the login: the app ends

timer = QTimer()
timer.timeout.connect(poll)
timer.start(5)
code = desktop.main(["--db", sys.argv[1]])
print("IMPORTED", " ".join(f"{name}@{thread}" for name, thread in sorted(importers.items())))
print("AT_LOGIN", " ".join(f"{name}={value}" for name, value in sorted(at_login.items())))
print("LOADED", "QMdiArea" in vars(QtWidgets), "hashlib" in sys.modules, "cryptography" in sys.modules)
print("ACTIONS", "koopbis_desktop.services.capture" in sys.modules, "koopbis_desktop.services.review" in sys.modules)
print("SIGN_IN", "argon2" in sys.modules, "koopbis_desktop.services.accounts" in sys.modules)
sys.exit(code)
"""


def test_the_main_windows_modules_load_on_the_ui_thread_while_the_login_waits(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    # Importing PySide6 classes on a thread beside the UI thread's Qt crashed the interpreter
    # once (the sync engine): the preload runs on the UI thread, a module per turn.
    store.close()
    done = run_probe(PRELOAD_PROBE, db_path, tmp_path)
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line.strip()}
    imported = dict(item.split("@") for item in lines["IMPORTED"])
    assert "koopbis_desktop.ui.mainwindow" in imported and "koopbis_desktop.ui.pages.queue" in imported
    assert set(imported.values()) == {"MainThread"}, imported
    assert {name for name in desktop.PRELOADED if ".ui." in name} <= set(imported)
    # The login showed before PySide6 set up its Qt namespace (≈ 95 enum classes) and was
    # drawn before the preloading began; the namespace and the audit's hashes came while it
    # waited. Every widget class (≈ 45 more enum classes, which only naming a viewport Qt made
    # needed) is set up neither for the login nor by the preloading.
    assert lines["AT_LOGIN"] == ["QMdiArea=False", "Qt=False", "preloading=False"], done.stdout
    # A plain file: the key slot's AES-GCM is not loaded for a sign-in that opens none.
    assert lines["LOADED"] == ["False", "True", "False"], done.stdout
    # The queues' bulk actions load the submission and approval services when first used.
    assert lines["ACTIONS"] == ["False", "False"], done.stdout
    # The sign-in's own code (accounts, argon2) loaded while the login waited, not on the DB
    # worker after the password, before its check could begin.
    assert lines["SIGN_IN"] == ["True", "True"], done.stdout


SIGNED_IN_PROBE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["koopbis-desktop"])
from koopbis_desktop.ui import app as desktop
from koopbis_desktop.ui.login import LoginDialog

at_check = {}
signed_in = desktop.Shell.on_login_signed_in

def on_signed_in(shell, session):  # the password's check has just said yes
    at_check["modules"] = set(sys.modules)
    signed_in(shell, session)

desktop.Shell.on_login_signed_in = on_signed_in
typed = []

def poll():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, LoginDialog) and widget.isVisible() and not typed:
            if not all(name in sys.modules for name in desktop.PRELOADED):
                return  # a person types meanwhile: the login's preloading ends first
            typed.append(True)
            widget.username_edit.setText(sys.argv[2])
            widget.password_edit.setText(sys.argv[3])
            widget.on_login_clicked()
        if type(widget).__name__ == "MainWindow" and widget.isVisible():
            model = getattr(widget.pages[widget.current_page_key()], "model", None)
            if model is not None and model.is_loaded and model.rowCount() > 0:
                timer.stop()
                print("AFTER_CHECK", *sorted(set(sys.modules) - at_check["modules"]))
                print("SOCKET", "socket" in sys.modules)
                app.quit()

timer = QTimer()
timer.timeout.connect(poll)
timer.start(2)
sys.exit(desktop.main(["--db", sys.argv[1]]))
"""


@pytest.mark.parametrize("who", ["ayse", "sef"])
def test_a_sign_in_finds_every_module_of_its_first_page_loaded_while_the_login_waited(
    store: Store,
    db_path: Path,
    tmp_path: Path,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    who: str,
) -> None:
    """After the password's check, only the window is built and its first page read: no import.

    The menus' printouts and data actions and the offer of autosaved forms were imported after
    the check (≈ 5 ms of the signed-in start); the login's preloading brings them now.
    """
    from koopbis_desktop.services import capture
    from tests.conftest import member_admission

    entry = capture.create_entry(
        store, people["ayse"], "member.admit", cooperatives[0]["id"], member_admission(1)
    )
    if who == "sef":
        capture.submit_entry(store, people["ayse"], entry.uuid)  # on the supervisor's landing list
    store.close()
    done = run_probe(SIGNED_IN_PROBE, db_path, tmp_path, who, PASSWORD)
    assert done.returncode == 0, done.stderr
    after = [line.split()[1:] for line in done.stdout.splitlines() if line.startswith("AFTER_CHECK")]
    assert after == [[]], done.stdout
    # This PC's name (the editors' claims) is the kernel's: the socket module (≈ 5 ms) loads
    # with the sync's HTTP stack, not with the first page.
    assert "SOCKET False" in done.stdout.splitlines(), done.stdout


UNDRAWN_PROBE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["koopbis-desktop"])
from koopbis_desktop.ui import app as desktop
from koopbis_desktop.ui.login import LoginDialog

def undrawn(dialog, event):  # a login the window system never asks to draw (a minimised start)
    pass

LoginDialog.paintEvent = undrawn
desktop.PRELOAD_AFTER_MS = 300
shown = {}

def poll():
    login = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()]
    if login:
        shown.setdefault("at", time.monotonic())
        shown.setdefault("before", desktop.PRELOADED[0] in sys.modules)
        if "koopbis_desktop.ui.mainwindow" in sys.modules or time.monotonic() > shown["at"] + 10:
            timer.stop()
            print("PRELOADED", "koopbis_desktop.ui.mainwindow" in sys.modules, "BEFORE", shown["before"])
            login[0].reject()

timer = QTimer()
timer.timeout.connect(poll)
timer.start(5)
sys.exit(desktop.main(["--db", sys.argv[1]]))
"""


def test_a_login_that_is_never_drawn_still_gets_the_main_window_loaded_meanwhile(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    store.close()
    done = run_probe(UNDRAWN_PROBE, db_path, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "PRELOADED True BEFORE False" in done.stdout, done.stdout


UNLOCK_PROBE = """
import sys, threading, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["koopbis-desktop"])
from koopbis_desktop.ui import app as desktop
from koopbis_desktop.ui.login import LoginDialog

importers = {}

class Recorder:
    def find_spec(self, name, path=None, target=None):
        if name in desktop.UNLOCK_PRELOADED and name not in sys.modules:
            importers.setdefault(name, threading.current_thread().name)
        return None

sys.meta_path.insert(0, Recorder())
deadline = time.monotonic() + 30

def poll():
    login = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()]
    loaded = all(name in sys.modules for name in desktop.UNLOCK_PRELOADED)
    if login and (loaded or time.monotonic() > deadline):
        timer.stop()
        login[0].reject()

timer = QTimer()
timer.timeout.connect(poll)
timer.start(5)
code = desktop.main(["--db", sys.argv[1]])
print("LOADED", all(name in sys.modules for name in desktop.UNLOCK_PRELOADED))
print("IMPORTED", " ".join(f"{name}@{thread}" for name, thread in sorted(importers.items())))
sys.exit(code)
"""


def test_an_encrypted_files_login_loads_the_key_slots_modules_while_it_waits(
    encrypted_store: Store, tmp_path: Path
) -> None:
    # Opening the slot needs argon2's low-level function and AES-GCM: loaded while the
    # person types, not after the password (≈ 26 ms of imports on the DB worker).
    add_people(encrypted_store)  # accounts with key slots: a file nobody can open is a first run
    path = encrypted_store.path
    encrypted_store.close()
    done = run_probe(UNLOCK_PROBE, path, tmp_path)
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line.strip()}
    assert lines["LOADED"] == ["True"], done.stdout
    imported = dict(item.split("@") for item in lines["IMPORTED"])
    assert "cryptography.hazmat.primitives.ciphers.aead" in imported, done.stdout
    assert set(imported.values()) == {"MainThread"}, imported


VIEWPORT_PROBE = """
import PySide6.QtWidgets as W
from PySide6.QtGui import QStandardItemModel
app = W.QApplication([])
from koopbis_desktop.ui.empty_state import EmptyState, viewport_of
view = W.QTableView()
view.setModel(QStandardItemModel(0, 2))
notice = EmptyState(view, "Henüz kayıt yok.")
view.resize(400, 300)
view.show()
app.processEvents()
print("SETUP", "QMdiArea" in vars(W))
print("SAME", viewport_of(view) is view.viewport(), notice.parent() is view.viewport())
print("FITS", notice.isVisible(), notice.geometry() == view.viewport().rect())
own = W.QTableView()
mine = W.QWidget()
own.setViewport(mine)
print("OWN", viewport_of(own) is mine)
"""


def test_an_empty_lists_notice_names_its_viewport_without_setting_up_every_widget_class(
    tmp_path: Path,
) -> None:
    # Handed to Python by ``viewport()``, the plain QWidget Qt made makes PySide6 set up every
    # QtWidgets class and its enums (≈ 70, 10–25 ms on the UI thread of a start) to find its
    # type. Found by its name, the same widget comes at no cost.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", VIEWPORT_PROBE], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line.strip()}
    assert lines["SETUP"] == ["False"], done.stdout
    assert lines["SAME"] == ["True", "True"], done.stdout
    assert lines["FITS"] == ["True", "True"], done.stdout
    assert lines["OWN"] == ["True"], done.stdout  # a viewport set by hand is found too


ENTRY_PROBE = """
import atexit, gc, runpy, sys
automatic = []

def seen(phase, info):
    # From PySide6's import on; the collector's own timer collects with the automatic one off.
    if phase == "start" and gc.isenabled() and "PySide6" in sys.modules:
        automatic.append(info["generation"])

gc.callbacks.append(seen)
atexit.register(lambda: print("AUTOMATIC", len(automatic), "QT", "PySide6" in sys.modules, flush=True))
sys.argv = ["koopbis-desktop", "--smoke", "--db", sys.argv[1]]
runpy.run_module("{module}", run_name="__main__")
"""


def test_the_programs_entry_point_switches_the_automatic_collector_off_before_pyside6_loads(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    # Loading PySide6 set the automatic collector off ≈ 30 times (≈ 20 ms), walking what the
    # imports had just made; the UI thread's collector takes over once the application exists.
    store.close()
    done = run_probe(ENTRY_PROBE.format(module="koopbis_desktop.desktop"), db_path, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "smoke ok" in done.stdout
    assert [line for line in done.stdout.splitlines() if line.startswith("AUTOMATIC")] == [
        "AUTOMATIC 0 QT True"
    ], done.stdout
    # The console script and the installer's launcher start there too.
    import tomllib

    root = Path(__file__).resolve().parents[2]
    scripts = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["koopbis-desktop"] == "koopbis_desktop.desktop:entry"
    launcher = (root / "installer" / "launchers" / "koopbis_desktop_main.py").read_text(encoding="utf-8")
    assert "from koopbis_desktop.desktop import entry" in launcher


def test_pyside6s_source_scan_of_imports_is_off_and_no_module_selects_a_feature() -> None:
    import koopbis_desktop.ui as ui_package

    assert ui_package.FEATURE_SCAN_SKIPPED  # a PySide6 upgrade that renamed the hook shows here
    # The answer the source scan gave, read from the module's names: Qt's modules and ours that
    # use Qt "use PySide", the store or the standard library do not.
    import json

    import koopbis_desktop.store.db
    import koopbis_desktop.ui.login
    import koopbis_desktop.ui.mainwindow

    assert ui_package.uses_pyside(koopbis_desktop.ui.mainwindow)
    assert ui_package.uses_pyside(koopbis_desktop.ui.login)
    assert not ui_package.uses_pyside(koopbis_desktop.store.db)
    assert not ui_package.uses_pyside(json)
    # Every module of ours and of the tests loaded now: none is taken for a Qt module that PySide6's
    # own scan of the source would not take for one, and every module of the desktop is.
    # (A module that names PySide6 only inside a function or a string is left alone now; no
    # module selects a feature, so either answer selects none.)
    scan = ui_package.SOURCE_SCAN
    assert scan is not None
    modules = [
        m
        for name, m in list(sys.modules.items())
        if isinstance(m, types.ModuleType) and name.split(".")[0] in ("koopbis_desktop", "sync", "tests")
    ]
    assert len(modules) > 50
    assert [m.__name__ for m in modules if ui_package.uses_pyside(m) and not scan(m)] == []
    desktop = [m for m in modules if m.__name__.startswith("koopbis_desktop.ui.")]
    assert desktop and [m.__name__ for m in desktop if scan(m) and not ui_package.uses_pyside(m)] == []
    repo = Path(__file__).resolve().parents[2]
    for folder in ("koopbis_desktop", "sync", "tests"):
        for source in (repo / folder).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            assert not re.search(r"^\s*(from|import) __feature__", text, re.MULTILINE), source


ROTATION_PROBE = """
import logging, os, sys
from pathlib import Path
os.environ["KOOPBIS_LOG_DIR"] = str(Path(sys.argv[1]).parent / "logs")
from koopbis_desktop.ui import app
app.LOG_ROTATION_AFTER_MS = {after}
code = app.main(["--smoke", "--db", sys.argv[1]])
ours = [h for h in logging.getLogger().handlers if str(getattr(h, "baseFilename", "")).endswith("koopbis-desktop.log")]
print("HANDLERS", " ".join(type(h).__name__ for h in ours))
sys.exit(code)
"""


@pytest.mark.parametrize(("after", "handler"), [(0, "RotatingFileHandler"), (60_000, "FileHandler")])
def test_the_desktops_log_turns_rotating_after_the_start(
    store: Store, db_path: Path, tmp_path: Path, after: int, handler: str
) -> None:
    store.close()
    done = run_probe(ROTATION_PROBE.format(after=after), db_path, tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"HANDLERS {handler}\n" in done.stdout, done.stdout
    assert (db_path.parent / "logs" / "koopbis-desktop.log").is_file()


def test_a_key_file_whose_database_moved_away_is_named_not_replaced_by_a_new_set_up(
    qapp: Any, encrypted_store: Store, tmp_path: Path
) -> None:
    """No set-up wizard over the key file of a database moved away (it would be replaced, every
    slot gone): the start says what is missing and how to put it back, and changes nothing."""
    add_people(encrypted_store)
    db_path = encrypted_store.path
    encrypted_store.close()
    keys = keyfile.keyfile_path(db_path)
    before = keys.read_bytes()
    moved = tmp_path / "usb" / "koopbis.sqlite"
    moved.parent.mkdir()
    db_path.rename(moved)

    code, watcher = run_app(db_path)

    assert code == 2
    assert len(watcher.messages) == 1 and str(keys) in watcher.messages[0]
    assert "geri koyun" in watcher.messages[0]
    assert keys.read_bytes() == before and not db_path.exists()
