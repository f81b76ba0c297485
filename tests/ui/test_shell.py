"""The shell as a person uses it: login, role-aware window, wizard, settings and keyring, idle lock,
users, audit page, new-entry list, and the ``koopbis-desktop`` command itself."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts, capture
from koopbis_desktop.services.errors import LoginFailed
from koopbis_desktop.store import integrity, users
from koopbis_desktop.store.db import Store, open_store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.dialogs.settings import SettingsDialog
from koopbis_desktop.ui.dialogs.users import AddUserDialog, UsersDialog
from koopbis_desktop.ui.login import LoginDialog, Session
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.pages.audit import AuditPage
from koopbis_desktop.ui.pages.new_entry import NewEntryPage
from koopbis_desktop.ui.wizard import FirstRunWizard
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import PASSWORD, MemoryKeyring, member_admission
from tests.ui.conftest import wait_idle

# -- login ---------------------------------------------------------------------------------


def shown_login(qtbot: Any, worker: DbWorker) -> LoginDialog:
    dialog = LoginDialog(worker)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _try_login(qtbot: Any, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username_edit.clear()
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.username_edit, username)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled(), timeout=10_000)


def test_wrong_password_is_explained_beside_the_field(
    qtbot: Any, worker: DbWorker, store: Store, people: dict[str, Actor]
) -> None:
    dialog = shown_login(qtbot, worker)
    _try_login(qtbot, dialog, "ayse", "yanlis-parola")
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == (
        "Kullanıcı adı ya da parola hatalı. Hesap kilitlenmeden önce 4 deneme hakkınız kaldı."
    )
    assert dialog.password_edit.text() == ""
    assert dialog.session is None and dialog.result() != QDialog.DialogCode.Accepted
    user = users.get_user(store, "ayse")
    assert user is not None and user.failed_attempts == 1


def test_five_wrong_passwords_lock_the_account(
    qtbot: Any, worker: DbWorker, store: Store, people: dict[str, Actor]
) -> None:
    dialog = shown_login(qtbot, worker)
    for _ in range(5):
        _try_login(qtbot, dialog, "mehmet", "yanlis-parola")
    assert "kilitlendi" in dialog.error_label.text()
    _try_login(qtbot, dialog, "mehmet", PASSWORD)  # even the right password is refused now
    assert "kilitlendi" in dialog.error_label.text()
    assert dialog.session is None
    row = store.conn.execute("SELECT locked_until FROM users WHERE username = 'mehmet'").fetchone()
    assert row[0] is not None


def _signed_in_window(qtbot: Any, worker: DbWorker, store: Store, username: str) -> MainWindow:
    dialog = shown_login(qtbot, worker)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as blocker:
        _try_login(qtbot, dialog, username, PASSWORD)
    session: Session = blocker.args[0]
    assert dialog.result() == QDialog.DialogCode.Accepted
    from koopbis_desktop.ui.context import Hub
    from koopbis_desktop.ui.mainwindow import build_context_session

    ctx = build_context_session(
        AppContext(location=store.path, backups_dir=store.path.parent / "backups", worker=worker, hub=Hub()),
        session,
    )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_clerk_window_has_no_audit_settings_or_users(
    qtbot: Any, worker: DbWorker, store: Store, people: dict[str, Actor]
) -> None:
    window = _signed_in_window(qtbot, worker, store, "ayse")
    assert window.ctx.full_name == "Ayşe Işık"
    assert window.page_keys() == [
        "new",
        "drafts",
        "submitted",
        "approved",
        "sync",
        "conflicts",
        "all",
        "cooperatives",
    ]
    assert window.settings_action is None and window.users_action is None
    # KOOP-BİS's opening day (12 March 2015) is past and it has not answered yet.
    assert window.banner.text().startswith("KOOP-BİS'in açılış tarihi geçti; ondan henüz yanıt alınmadı.")
    assert "bu bilgisayarda güvenle saklanıyor" in window.banner.text()
    wait_idle(qtbot, worker)
    assert "Taslak: 0" in window.counts_label.text()
    assert window.user_label.text() == "Ayşe Işık (Memur)"
    window.close()


def test_before_koopbis_opens_the_banner_names_its_opening_day(
    qtbot: Any, worker: DbWorker, store: Store, people: dict[str, Actor]
) -> None:
    from datetime import date, timedelta

    opening = date.today() + timedelta(days=3)
    store.set_setting("go_live", opening.isoformat())
    window = _signed_in_window(qtbot, worker, store, "ayse")
    banner = window.banner.text()
    assert banner.startswith("KOOP-BİS bakımda.") and "KOOP-BİS açılınca sırayla aktarılacak" in banner, (
        banner
    )
    assert str(opening.year) in banner
    window.close()


def test_supervisor_sees_settings_and_audit_admin_also_users(
    qtbot: Any, worker: DbWorker, store: Store, people: dict[str, Actor]
) -> None:
    sup = _signed_in_window(qtbot, worker, store, "sef")
    assert "audit" in sup.page_keys()
    assert sup.settings_action is not None and sup.users_action is None
    admin = _signed_in_window(qtbot, worker, store, "admin")
    assert admin.settings_action is not None and admin.users_action is not None
    wait_idle(qtbot, worker)
    sup.close()
    admin.close()


def test_keyboard_shortcuts_switch_pages_and_status_counts_follow_writes(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, store: Store, cooperatives: Any
) -> None:
    ctx = make_ctx("ayse")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitActive(window, timeout=5000):
        window.show()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "submitted"
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "new"
    wait_idle(qtbot, worker)
    # A write by a job no page asked for: the worker's announcement alone refreshes the counts.
    worker.submit(
        lambda s: capture.create_entry(
            s, ctx.require_actor(), "member.admit", str(cooperatives[1]["id"]), member_admission(3)
        )
    )
    qtbot.waitUntil(lambda: "Taslak: 1" in window.counts_label.text(), timeout=10_000)
    # A hidden list is not reloaded behind the clerk's back; it is current when shown.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "drafts"
    drafts = window.pages["drafts"]
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 1, timeout=10_000)  # type: ignore[attr-defined]
    window.grab().save("/tmp/koopbis_main_window.png")
    window.close()


# -- first run -----------------------------------------------------------------------------


@pytest.fixture
def fresh_worker(tmp_path: Path, qapp: Any) -> Iterator[DbWorker]:
    w = DbWorker(tmp_path / "new" / "koopbis.sqlite", tmp_path / "new" / "backups", create=True)
    w.start()
    yield w
    w.stop()


def _fill_wizard(qtbot: Any, wizard: FirstRunWizard, snapshot_file: str = "") -> None:
    qtbot.keyClicks(wizard.province_filter, "izmir")
    assert wizard.province_combo.count() == 1
    assert wizard.province_combo.currentData() == "35"
    wizard.username_edit.clear()
    qtbot.keyClicks(wizard.username_edit, "yonetici")
    wizard.full_name_edit.insert("Gülşen Ünal")  # QTest types ASCII only
    qtbot.keyClicks(wizard.passwords.first, "ilk-parola-1")
    qtbot.keyClicks(wizard.passwords.second, "ilk-parola-1")
    if snapshot_file:
        qtbot.keyClicks(wizard.snapshot_edit, snapshot_file)


def test_wizard_creates_the_database_from_scratch(qtbot: Any, fresh_worker: DbWorker) -> None:
    wizard = FirstRunWizard(fresh_worker)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.passwords.first, "kisa")
    qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
    assert wizard.error_label.text() == "Parola en az 8 karakter olmalıdır."
    wizard.passwords.first.clear()
    _fill_wizard(qtbot, wizard)
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
    assert wizard.result_ is not None and wizard.result_.admin == "yonetici"
    fresh_worker.stop()
    store = open_store(fresh_worker.db_path)
    try:
        assert store.setting("province_code") == "35"
        user = users.get_user(store, "yonetici")
        assert user is not None and user.role == "admin" and user.full_name == "Gülşen Ünal"
        assert accounts.login(store, "yonetici", "ilk-parola-1").username == "yonetici"
    finally:
        store.close()


def test_wizard_refuses_a_bad_snapshot_in_turkish_and_sets_nothing_up(
    qtbot: Any, fresh_worker: DbWorker, tmp_path: Path
) -> None:
    bad = tmp_path / "kooperatifler.csv"
    bad.write_text("bu,bir,döküm,değil\n1,2,3,4\n", encoding="utf-8")
    wizard = FirstRunWizard(fresh_worker)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_wizard(qtbot, wizard, str(bad))
    qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.create_button.isEnabled(), timeout=10_000)
    assert wizard.result_ is None
    assert "kooperatifler.csv" in wizard.error_label.text()
    assert fresh_worker.call(lambda s: (s.setting("province_code"), users.count_users(s))) == (None, 0)


# -- settings and the keyring ---------------------------------------------------------------


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_settings_are_validated_beside_the_field_and_saved(
    qtbot: Any, make_ctx: Callable[[str], AppContext], store: Store, worker: DbWorker
) -> None:
    ctx = make_ctx("sef")
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    url = dialog.editors["server_url"]
    assert isinstance(url, QLineEdit)
    url.clear()
    qtbot.keyClicks(url, "ftp://koopbis")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["server_url"].isVisible()
    assert "http://" in dialog.errors["server_url"].text()
    assert "hiçbir ayar kaydedilmedi" in dialog.status_label.text()
    wait_idle(qtbot, worker)
    assert store.setting("server_url") is None
    url.clear()
    qtbot.keyClicks(url, "https://koopbis.example.gov.tr/")
    dialog.editors["idle_lock_minutes"].setValue(5)  # type: ignore[attr-defined]
    with qtbot.waitSignal(ctx.hub.settings_changed, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert store.setting("server_url") == "https://koopbis.example.gov.tr"
    assert store.setting("idle_lock_minutes") == "5"
    assert ctx.settings["idle_lock_minutes"] == "5"
    audited = store.conn.execute("SELECT COUNT(*) FROM audit WHERE action = 'setting' AND actor = 'sef'")
    assert audited.fetchone()[0] == 2


def test_koopbis_password_goes_to_the_keyring_only(
    qtbot: Any, make_ctx: Callable[[str], AppContext], restore_keyring: None
) -> None:
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    dialog = SettingsDialog(make_ctx("sef"))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password_edit, "gizli-koopbis-1")
    qtbot.mouseClick(dialog.password_button, Qt.MouseButton.LeftButton)
    assert memory.secrets == {("koopbis-desktop", "egitim"): "gizli-koopbis-1"}
    assert "güvenli deposuna kaydedildi" in dialog.password_status.text()
    assert dialog.password_edit.text() == ""


def test_without_a_keyring_the_password_is_written_nowhere(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    worker: DbWorker,
    restore_keyring: None,
) -> None:
    keyring.set_keyring(fail.Keyring())
    dialog = SettingsDialog(make_ctx("sef"))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password_edit, "gizli-koopbis-2")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert "güvenli parola deposu yok" in dialog.password_status.text()
    assert "Eşitleme sırasında" in dialog.password_status.text()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    rows = store.conn.execute("SELECT key, value FROM settings").fetchall()
    assert not any("gizli-koopbis-2" in str(value) for _key, value in rows)
    for file in store.path.parent.glob(store.path.name + "*"):
        assert b"gizli-koopbis-2" not in file.read_bytes(), file


# -- idle lock --------------------------------------------------------------------------------


def test_idle_lock_asks_the_same_user_and_keeps_open_forms(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker
) -> None:
    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    window.show()
    form = QDialog(window)
    field = QLineEdit(form)
    QVBoxLayout(form).addWidget(field)
    form.show()
    qtbot.keyClicks(field, "yarim kalan karar no 2015/")
    window.idle.interval_ms = 80
    qtbot.waitUntil(lambda: window.lock_dialog is not None and window.lock_dialog.isVisible(), timeout=5000)
    lock = window.lock_dialog
    assert lock is not None
    assert lock.username_edit.text() == "ayse" and lock.username_edit.isReadOnly()
    assert not window.centre.isVisible()
    lock.grab().save("/tmp/koopbis_lock.png")
    qtbot.keyClicks(lock.password_edit, "yanlis-parola")
    qtbot.keyClick(lock.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lock.error_label.isVisible(), timeout=10_000)
    assert "hatalı" in lock.error_label.text()
    assert window.lock_dialog is lock
    qtbot.keyClicks(lock.password_edit, PASSWORD)
    qtbot.keyClick(lock.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lock_dialog is None, timeout=10_000)
    assert window.centre.isVisible()
    assert form.isVisible() and field.text() == "yarim kalan karar no 2015/"
    window.idle.interval_ms = 0
    form.close()
    window.close()


@pytest.mark.parametrize("who", ["ayse", "sef"])
def test_the_landing_pages_list_is_the_workers_first_job_and_the_counts_follow_it(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    monkeypatch: pytest.MonkeyPatch,
    who: str,
) -> None:
    """What a person waits for after the password is their list (a few milliseconds); the status
    bar's counts (a scan of every entry's state, 10–30 ms on 50,000 entries) come after it."""
    submitted: list[str] = []
    submit = worker.submit

    def recorded(op: Callable[[Store], Any], *args: Any, **kwargs: Any) -> None:
        submitted.append(getattr(op, "__qualname__", repr(op)))
        submit(op, *args, **kwargs)

    monkeypatch.setattr(worker, "submit", recorded)
    window = MainWindow(make_ctx(who))
    qtbot.addWidget(window)
    window.show()
    assert submitted[0] == "EntryTableModel.reload.<locals>.op", submitted
    assert "load_counts_and_last_run" in submitted, submitted
    qtbot.waitUntil(lambda: "Taslak:" in window.counts_label.text(), timeout=10_000)
    wait_idle(qtbot, worker)


def test_sign_out_from_the_lock(qtbot: Any, make_ctx: Callable[[str], AppContext]) -> None:
    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    window.show()
    window.lock()
    assert window.lock_dialog is not None
    with qtbot.waitSignal(window.signed_out, timeout=5000):
        qtbot.mouseClick(window.lock_dialog.sign_out_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()


# -- users, audit, new entry ---------------------------------------------------------------------


def test_admin_adds_disables_and_unlocks_users(
    qtbot: Any, make_ctx: Callable[[str], AppContext], store: Store, worker: DbWorker
) -> None:
    ctx = make_ctx("admin")
    dialog = UsersDialog(ctx)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, worker)
    assert dialog.table.rowCount() == 5
    add = AddUserDialog(ctx, dialog)
    qtbot.addWidget(add)
    qtbot.keyClicks(add.username_edit, "zeynep")
    add.full_name_edit.insert("Zeynep Şahin")  # QTest types ASCII only
    add.role_combo.setCurrentIndex(add.role_combo.findData("supervisor"))
    qtbot.keyClicks(add.passwords.first, "yeni-parola-1")
    qtbot.keyClicks(add.passwords.second, "yeni-parola-2")
    qtbot.mouseClick(add.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert add.error_label.text() == "İki parola aynı değil; yeniden yazın."
    add.passwords.second.clear()
    qtbot.keyClicks(add.passwords.second, "yeni-parola-1")
    with qtbot.waitSignal(add.accepted, timeout=10_000):
        qtbot.mouseClick(add.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    user = users.get_user(store, "zeynep")
    assert user is not None and user.role == "supervisor" and user.full_name == "Zeynep Şahin"
    assert dialog.table.rowCount() == 6

    own = [u.username for u in dialog.users].index("admin")
    dialog.table.selectRow(own)
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    assert "Kendi hesabınızı kapatamazsınız" in dialog.message_label.text()

    row = [u.username for u in dialog.users].index("zeynep")
    dialog.table.selectRow(row)
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    assert dialog.message_label.text() == "zeynep hesabı kapatıldı."
    # Selected still: the button now opens the account again, and says so.
    assert dialog.toggle_button.text() == "Hesabı &yeniden aç"
    assert store.conn.execute("SELECT active FROM users WHERE username='zeynep'").fetchone()[0] == 0

    for _ in range(5):
        with pytest.raises(LoginFailed):
            accounts.login(store, "mehmet", "yanlis-parola")
    dialog.table.selectRow([u.username for u in dialog.users].index("mehmet"))
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    assert accounts.login(store, "mehmet", PASSWORD).username == "mehmet"


def test_audit_page_verifies_the_chain(
    qtbot: Any, make_ctx: Callable[[str], AppContext], store: Store, worker: DbWorker
) -> None:
    page = AuditPage(make_ctx("sef"))
    qtbot.addWidget(page)
    wait_idle(qtbot, worker)
    total = store.conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    assert page.model.rowCount() == total > 0
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    assert page.verify_label.text().startswith(f"Denetim izi sağlam: {total} kayıt, son özet ")
    assert "0a6b1f" in page.verify_label.styleSheet()
    qtbot.keyClicks(page.actor_edit, "admin")
    qtbot.keyClick(page.actor_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, worker)
    assert {page.model.rows[r]["actor"] for r in range(page.model.rowCount())} == {"admin"}

    store.conn.execute("DROP TRIGGER audit_no_update")
    store.conn.execute("UPDATE audit SET actor = 'sahte' WHERE seq = 2")
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    assert page.verify_label.text().startswith("Denetim izi BOZULMUŞ: ilk sorunlu kayıt 2:")
    assert "b00000" in page.verify_label.styleSheet()


def test_new_entry_list_filters_by_folded_text(qtbot: Any, make_ctx: Callable[[str], AppContext]) -> None:
    page = NewEntryPage(make_ctx("ayse"))
    qtbot.addWidget(page)
    page.chooser.filter_edit.insert("TASFİYE")  # QTest types ASCII only
    assert page.chooser.visible_type_ids() == ["liquidation.start", "liquidation.end", "liquidation.revoke"]
    page.chooser.filter_edit.clear()
    qtbot.keyClicks(page.chooser.filter_edit, "ortakliga")
    assert page.chooser.visible_type_ids() == ["member.admit"]
    with qtbot.waitSignal(page.chooser.chosen) as blocker:
        qtbot.keyClick(page.chooser.filter_edit, Qt.Key.Key_Return)
    assert blocker.args == ["member.admit"]
    # The choice opened an empty form (a window of its own): it must not outlive this test,
    # or a later test that waits for "its" form finds this one.
    from koopbis_desktop.ui.editor import EntryEditor

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, EntryEditor):
            widget.hide()
            widget.deleteLater()
    qtbot.waitUntil(lambda: not any(isinstance(w, EntryEditor) for w in QApplication.topLevelWidgets()))


# -- the command -----------------------------------------------------------------------------------


def _run(*args: str, tmp_path: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"), **extra_env)
    return subprocess.run(
        [sys.executable, "-m", "koopbis_desktop.ui.app", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_the_process_ends_with_the_programs_exit_code_once_the_log_and_the_database_are_closed(
    tmp_path: Path, store: Store
) -> None:
    # The process skips Python's teardown (app.leave): what must outlive it is done first.
    store.close()
    logs = tmp_path / "logs"
    # Buffered output, as a pipe has it: what is printed must be flushed before the end.
    quiet = {"KOOPBIS_LOG_DIR": str(logs), "PYTHONUNBUFFERED": ""}
    ok = _run("--smoke", "--db", str(store.path), tmp_path=tmp_path, **quiet)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("smoke ok")  # stdout flushed before the end
    assert "koopbis-desktop ends (exit code 0)" in (logs / "koopbis-desktop.log").read_text(encoding="utf-8")
    # The worker closed its connection: SQLite removed the write-ahead log it had made.
    assert not Path(f"{store.path}-wal").exists()
    integrity.check_whole_file(store.path, None, None)  # raises DatabaseDamaged on a damaged page

    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    refused = _run("--smoke", "--db", str(empty), tmp_path=tmp_path, **quiet)
    assert refused.returncode == 2
    assert "smoke FAILED" in refused.stderr  # stderr flushed too
    assert empty.read_bytes() == b""  # never replaced
    assert "koopbis-desktop ends (exit code 2)" in (logs / "koopbis-desktop.log").read_text(encoding="utf-8")


def test_help_and_a_wrong_argument_keep_their_exit_codes(tmp_path: Path) -> None:
    shown = _run("--help", tmp_path=tmp_path, PYTHONUNBUFFERED="")
    assert shown.returncode == 0 and "--smoke" in shown.stdout
    # Turkish throughout, argparse's own words too.
    assert shown.stdout.startswith("kullanım: koopbis-desktop") and "seçenekler:" in shown.stdout
    assert "bu yardımı göster ve çık" in shown.stdout and "usage:" not in shown.stdout
    wrong = _run("--no-such-option", tmp_path=tmp_path, PYTHONUNBUFFERED="")
    assert wrong.returncode == 2 and "--no-such-option" in wrong.stderr
    assert "koopbis-desktop: hata: tanınmayan argümanlar: --no-such-option" in wrong.stderr, wrong.stderr
    # --lang en: the help and the usage errors in English, the program's own texts too.
    english = _run("--lang", "en", "--help", tmp_path=tmp_path, PYTHONUNBUFFERED="")
    assert english.returncode == 0 and english.stdout.startswith("usage: koopbis-desktop [-h] [--db PATH]")
    assert "show this help message and exit" in english.stdout and "open the demo database" in english.stdout
    assert "veritabanı" not in english.stdout and "kullanım" not in english.stdout, english.stdout
    wrong_en = _run("--lang=en", "--no-such-option", tmp_path=tmp_path, PYTHONUNBUFFERED="")
    assert wrong_en.returncode == 2 and "error: unrecognized arguments: --no-such-option" in wrong_en.stderr
    # An unexpected error still reaches stderr with its traceback, and the code is 1.
    crash = subprocess.run(
        [sys.executable, "-c", "from koopbis_desktop.ui import app; app.main = lambda: 1 / 0; app.entry()"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", KOOPBIS_LOG_DIR=str(tmp_path), PYTHONUNBUFFERED=""),
        check=False,
    )
    assert crash.returncode == 1
    assert "Traceback" in crash.stderr and "ZeroDivisionError" in crash.stderr


def test_version_and_smoke_exit_zero(tmp_path: Path, store: Store) -> None:
    version = _run("--version", tmp_path=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("koopbis-desktop ")
    smoke = _run("--smoke", tmp_path=tmp_path)
    assert smoke.returncode == 0, smoke.stderr
    assert "smoke ok" in smoke.stdout
    on_db = _run("--smoke", "--db", str(store.path), tmp_path=tmp_path)
    assert on_db.returncode == 0, on_db.stderr
    assert str(store.path) in on_db.stdout


def test_english_translation_compiles_and_translates_the_shell(qapp: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    source = Path(__file__).resolve().parents[2] / "resources" / "translations" / "koopbis_en.ts"
    target = tmp_path / "koopbis_en.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(target)], check=True, timeout=60)
    translator = QTranslator()
    assert translator.load(str(target))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("QueuePage", "Taslaklarım") == "My drafts"
        assert QCoreApplication.translate("LoginDialog", "&Giriş") == "&Sign in"
    finally:
        QCoreApplication.removeTranslator(translator)
