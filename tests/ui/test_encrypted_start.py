"""The desktop on an encrypted database: the login unlocks it, the wizard shows the recovery key once."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts
from koopbis_desktop.store import encrypt_migration, encryption, keyfile, users
from koopbis_desktop.store.db import Store, file_kind
from koopbis_desktop.store.errors import KeyFileMissing
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.encryption_offer import RecoveryKeyDialog, offer_encryption, start_encryption
from koopbis_desktop.ui.login import LoginDialog
from koopbis_desktop.ui.wizard import FirstRunWizard
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import PASSWORD, add_people
from tests.ui.conftest import MessageMock, wait_idle


@pytest.fixture
def locked(encrypted_store: Store, qapp: Any) -> Iterator[tuple[DbWorker, dict[str, Actor]]]:
    """A worker started on an encrypted database nobody has signed in to yet."""
    people = add_people(encrypted_store)
    path = encrypted_store.path
    encrypted_store.close()
    worker = DbWorker(path, path.parent / "backups")
    worker.start()
    yield worker, people
    worker.stop()


def _try_login(qtbot: Any, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username_edit.clear()
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.username_edit, username)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled(), timeout=10_000)


def test_the_login_unlocks_the_database_and_a_wrong_password_keeps_it_locked(
    qtbot: Any, locked: tuple[DbWorker, dict[str, Actor]]
) -> None:
    worker, _people = locked
    assert worker.wait_ready(10) is True and worker.is_locked
    dialog = LoginDialog(worker)
    qtbot.addWidget(dialog)
    dialog.show()
    _try_login(qtbot, dialog, "ayse", "yanlis-parola")
    assert "parola hatalı" in dialog.error_label.text() and "bozuk" not in dialog.error_label.text()
    assert dialog.session is None and worker.is_locked
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        _try_login(qtbot, dialog, "ayse", PASSWORD)
    assert dialog.session is not None and dialog.session.actor.username == "ayse"
    assert worker.is_open and not worker.is_locked
    assert worker.call(lambda store: store.encrypted) is True


def test_a_disabled_account_cannot_open_the_database(qtbot: Any, encrypted_store: Store, qapp: Any) -> None:
    people = add_people(encrypted_store)
    accounts.disable_user(encrypted_store, people["admin"], "mehmet")
    path = encrypted_store.path
    encrypted_store.close()
    worker = DbWorker(path, path.parent / "backups")
    worker.start()
    try:
        dialog = LoginDialog(worker)
        qtbot.addWidget(dialog)
        dialog.show()
        _try_login(qtbot, dialog, "mehmet", PASSWORD)
        assert "kapatılmış bir hesap" in dialog.error_label.text()
        assert dialog.session is None and worker.is_locked
    finally:
        worker.stop()


def test_after_a_key_rotation_a_clerk_is_told_how_to_get_their_key_and_gets_it(
    qtbot: Any, encrypted_store: Store, qapp: Any
) -> None:
    """Only the admin who rotated the key has a slot: the clerk's right password is not called wrong;
    after the admin signs in and out in the same window, the clerk signs in there and gets the slot."""
    add_people(encrypted_store)
    path = encrypted_store.path
    encrypt_migration.rotate_key(encrypted_store, "admin", PASSWORD)
    worker = DbWorker(path, path.parent / "backups")
    worker.start()
    try:
        assert worker.wait_ready(10) is True and worker.is_locked
        dialog = LoginDialog(worker)
        qtbot.addWidget(dialog)
        dialog.show()
        _try_login(qtbot, dialog, "ayse", PASSWORD)
        said = dialog.error_label.text()
        assert "henüz anahtarı yok" in said and "Oturumu kapat" in said and "hatalı" not in said
        assert dialog.session is None and worker.is_locked
        with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
            _try_login(qtbot, dialog, "admin", PASSWORD)
        again = LoginDialog(worker)  # what "Oturumu kapat" shows, on the same open database
        qtbot.addWidget(again)
        again.show()
        with qtbot.waitSignal(again.signed_in, timeout=10_000):
            _try_login(qtbot, again, "ayse", PASSWORD)
        assert again.session is not None and again.session.actor.username == "ayse"
    finally:
        worker.stop()
    assert encryption.unlock_key(path, "ayse", PASSWORD)


def test_a_damaged_slot_is_said_at_the_login_and_the_others_still_sign_in(
    qtbot: Any, locked: tuple[DbWorker, dict[str, Actor]]
) -> None:
    worker, _people = locked
    assert worker.wait_ready(10) is True
    keys = keyfile.keyfile_path(worker.db_path)
    data = json.loads(keys.read_text(encoding="utf-8"))
    data["slots"]["user:ayse"]["salt"] = "!!!"  # damaged inside a readable file
    keys.write_text(json.dumps(data), encoding="utf-8")
    dialog = LoginDialog(worker)
    qtbot.addWidget(dialog)
    dialog.show()
    _try_login(qtbot, dialog, "ayse", PASSWORD)
    said = dialog.error_label.text()
    assert "anahtar dosyası okunamıyor" in said and str(keys) in said and "Beklenmeyen" not in said
    assert worker.open_error is None and worker.is_locked
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        _try_login(qtbot, dialog, "admin", PASSWORD)


@pytest.mark.expect_log(r"opening .* failed", logger="koopbis_desktop.ui.worker")
def test_a_missing_key_file_is_named_before_anyone_types(encrypted_store: Store, qapp: Any) -> None:
    add_people(encrypted_store)
    path = encrypted_store.path
    encrypted_store.close()
    keyfile.keyfile_path(path).unlink()
    worker = DbWorker(path, path.parent / "backups")
    worker.start()
    try:
        with pytest.raises(KeyFileMissing) as missing:
            worker.wait_ready(10)
        assert str(keyfile.keyfile_path(path)) in missing.value.message
    finally:
        worker.stop()


def test_first_run_is_encrypted_and_shows_the_recovery_key_once(
    qtbot: Any, tmp_path: Path, qapp: Any
) -> None:
    path = tmp_path / "yeni" / "koopbis.sqlite"
    worker = DbWorker(path, path.parent / "backups", create=True, encrypt_new=True)
    worker.start()
    try:
        worker.wait_open(10)
        wizard = FirstRunWizard(worker)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.keyClicks(wizard.province_filter, "izmir")
        qtbot.keyClicks(wizard.passwords.first, "ilk-parola-1")
        qtbot.keyClicks(wizard.passwords.second, "ilk-parola-1")
        qtbot.mouseClick(wizard.create_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.recovery_page.isVisible(), timeout=10_000)
        recovery = wizard.recovery_label.text()
        assert re.fullmatch(r"\d{5}(-\d{5}){7}", recovery)
        wizard.reject()  # Esc cannot skip the key
        assert wizard.isVisible() and not wizard.finish_button.isEnabled()
        wizard.recovery_confirm.setChecked(True)
        with qtbot.waitSignal(wizard.accepted, timeout=5_000):
            qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    finally:
        worker.stop()
    assert file_kind(path) == "encrypted"
    by_paper = encryption.open_with_recovery(path, recovery)
    assert by_paper.setting("province_code") == "35"
    by_paper.close()
    encryption.open_with_password(path, "admin", "ilk-parola-1").close()


def test_an_admin_encrypts_a_plain_database_from_the_desktop(
    qtbot: Any,
    store: Store,
    worker: DbWorker,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    message_mock: MessageMock,
) -> None:
    path = store.path
    count = users.count_users(store)
    store.close()  # the worker's connection is the program's own
    ctx = make_ctx("admin")
    parent = QWidget()
    qtbot.addWidget(parent)
    message_mock.answers = ["Sonra"]
    offer_encryption(ctx, parent)  # "later": nothing changes
    assert message_mock.getmsg(messages.Level.QUESTION).title == "Veritabanı şifrelenmemiş"
    assert file_kind(path) == "plain"
    shown: list[str] = []

    def confirm_key() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryKeyDialog):
            QTimer.singleShot(20, confirm_key)
            return
        shown.append(dialog.key_label.text())
        dialog.reject()  # Esc cannot skip the key
        assert dialog.isVisible()
        dialog.confirm.setChecked(True)
        dialog.close_button.click()

    QTimer.singleShot(0, confirm_key)
    start_encryption(ctx, parent, PASSWORD)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    wait_idle(qtbot, worker)
    assert file_kind(path) == "encrypted" and re.fullmatch(r"\d{5}(-\d{5}){7}", shown[0])
    # The worker goes on with the encrypted file, opened with the admin's key.
    assert worker.call(lambda s: (s.encrypted, users.count_users(s))) == (True, count)
    encryption.open_with_recovery(path, shown[0]).close()


@pytest.mark.sqlite_only
def test_encrypting_from_the_desktop_says_what_became_of_the_old_plain_backups(
    qtbot: Any,
    store: Store,
    worker: DbWorker,
    make_ctx: Callable[[str], AppContext],
) -> None:
    """The old backups hold every member as the database did. The migration encrypts them, and
    one it cannot read stays plain — the CLI said so, the desktop did not: the administrator
    left a readable copy of every member behind without knowing it."""
    from koopbis_desktop.store import backup

    folder = store.backups_dir
    assert folder is not None
    kept = worker.call(lambda s: backup.create_backup(s, folder, reason="elle"))
    damaged = folder / "koopbis-20150101-000000-000000-elle.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)  # cannot be read: left as it is
    store.close()
    ctx = make_ctx("admin")
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []

    def read_and_confirm() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryKeyDialog):
            QTimer.singleShot(20, read_and_confirm)
            return
        shown.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        dialog.confirm.setChecked(True)
        dialog.close_button.click()

    QTimer.singleShot(0, read_and_confirm)
    start_encryption(ctx, parent, PASSWORD)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    wait_idle(qtbot, worker)
    assert file_kind(kept) == "encrypted" and file_kind(damaged) == "plain"
    assert "Şifresiz 1 eski yedek de yeni anahtarla şifrelendi" in shown[0]
    assert (
        f"Bu eski yedekler şifrelenemedi ve şifresiz duruyor (üyelerin kişisel verileri okunabilir): {damaged}."
        in shown[0]
    )
    assert "bunları silin" in shown[0]
