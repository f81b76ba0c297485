"""Encryption at rest: the file, its key file and slots, backups, errors, migration and rotation."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts, capture
from koopbis_desktop.store import audit, backup, encrypt_migration, encryption, entries, keyfile, snapshot
from koopbis_desktop.store.db import Store, connect_raw, file_kind, open_store
from koopbis_desktop.store.errors import (
    DatabaseDamaged,
    KeyFileDamaged,
    KeyFileMissing,
    KeyRequired,
    PlainDatabase,
    WrongKey,
    WrongPassword,
)
from tests.conftest import PASSWORD, add_people, member_admission


def _entry_count(store: Store) -> int:
    return sum(entries.count_by_state(store).values())


def _fill(store: Store) -> tuple[dict[str, Actor], str]:
    people = add_people(store)
    records = list(demo_data.cooperatives("06", 5, seed=3))
    snapshot.upsert_records(store, records)
    coop = str(records[0]["id"])
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission())
    capture.submit_entry(store, people["ayse"], entry.uuid)
    return people, coop


def test_new_database_is_encrypted_from_the_first_byte(encrypted_store: Store) -> None:
    path = encrypted_store.path
    encrypted_store.checkpoint()
    head = path.read_bytes()[:16]
    assert head != b"SQLite format 3\x00" and file_kind(path) == "encrypted"
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT * FROM settings").fetchall()
    conn.close()
    again = open_store(path, key=encrypted_store.key)
    assert again.setting("province_code") == "06"
    assert again.query("SELECT json_extract('{\"a\": 1}', '$.a')") == [(1,)]  # JSON1 inside
    again.close()


def test_each_account_opens_a_disabled_one_cannot_and_the_recovery_key_does(encrypted_store: Store) -> None:
    people = add_people(encrypted_store)
    recovery = encryption.new_recovery_key(encrypted_store)
    path = encrypted_store.path
    for name in people:
        opened = encryption.open_with_password(path, name, PASSWORD)
        assert opened.key == encrypted_store.key
        opened.close()
    accounts.disable_user(encrypted_store, people["admin"], "mehmet")
    with pytest.raises(WrongPassword) as refused:
        encryption.open_with_password(path, "mehmet", PASSWORD)
    assert refused.value.exit_code == ExitCode.NOT_PERMITTED
    assert int(refused.value.exit_code) == 4
    with pytest.raises(WrongPassword):
        encryption.open_with_password(path, "ayse", "yanlis-parola-1")
    by_paper = encryption.open_with_recovery(path, recovery.replace("-", " "))
    assert by_paper.setting("province_code") == "06"
    by_paper.close()
    with pytest.raises(WrongPassword, match="Kurtarma anahtarı"):
        encryption.open_with_recovery(path, "1" * 40)


def test_a_closed_account_opens_none_of_the_backups_either(encrypted_store: Store) -> None:
    """Closing an account removes its slot from the key files of the backups folder too: each
    backup is a whole copy of every member, and the closed account's old password opened them."""
    people = add_people(encrypted_store)
    folder = encrypted_store.backups_dir
    assert folder is not None
    saved = [backup.create_backup(encrypted_store, folder, reason="elle") for _ in range(2)]
    assert encryption.unlock_key(saved[0], "ayse", PASSWORD)
    accounts.disable_user(encrypted_store, people["admin"], "ayse")
    for file in saved:
        with pytest.raises(WrongPassword):
            encryption.unlock_key(file, "ayse", PASSWORD)
        assert encryption.unlock_key(file, "admin", PASSWORD) == encrypted_store.key
        assert encryption.unlock_key(file, "mehmet", PASSWORD) == encrypted_store.key


def test_password_change_and_reset_rewrap_the_slot(encrypted_store: Store) -> None:
    people = add_people(encrypted_store)
    accounts.change_password(encrypted_store, people["ayse"], "ayse", "yeni-parola-99")
    accounts.change_password(encrypted_store, people["admin"], "sef", "sefin-yenisi-7")
    path = encrypted_store.path
    with pytest.raises(WrongPassword):
        encryption.open_with_password(path, "ayse", PASSWORD)
    for name, password in (("ayse", "yeni-parola-99"), ("sef", "sefin-yenisi-7")):
        encryption.open_with_password(path, name, password).close()
    slots = json.loads(keyfile.keyfile_path(path).read_text())["slots"]
    assert "user:ayse" in slots and PASSWORD not in json.dumps(slots)


def test_each_refusal_has_its_own_sentence_never_corrupt(encrypted_store: Store, tmp_path: Path) -> None:
    add_people(encrypted_store)
    path, key = encrypted_store.path, encrypted_store.key
    encrypted_store.close()
    with pytest.raises(KeyRequired):
        open_store(path)
    keys = keyfile.keyfile_path(path)
    saved = keys.read_bytes()
    keys.write_text("{ bozuk")
    with pytest.raises(KeyFileDamaged) as damaged:
        encryption.open_with_password(path, "admin", PASSWORD)
    assert str(keys) in damaged.value.message and "yedeğin" in damaged.value.message
    keys.unlink()
    with pytest.raises(KeyFileMissing) as missing:
        open_store(path)
    assert "kurtarma anahtarı" in missing.value.message and "bozuk" not in missing.value.message
    keys.write_bytes(saved)
    with pytest.raises(WrongKey, match="başka bir anahtarla"):
        open_store(path, key=keyfile.new_key())
    plain = tmp_path / "eski.sqlite"
    open_store(plain, create=True).close()
    with pytest.raises(PlainDatabase, match="şifrelenmemiş"):
        open_store(plain, key=key)
    foreign = tmp_path / "not-a-database.sqlite"
    foreign.write_bytes(b"Merhaba, bu bir metin dosyasi.\n" * 128)  # 4096 bytes, but text
    with pytest.raises(DatabaseDamaged):
        open_store(foreign)
    for error in (KeyRequired, KeyFileDamaged, KeyFileMissing, WrongKey, PlainDatabase):
        assert not issubclass(error, DatabaseDamaged)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda slot: slot.__setitem__("salt", "!!!"), id="salt-not-base64"),
        pytest.param(lambda slot: slot.pop("kdf"), id="kdf-missing"),
        pytest.param(lambda slot: slot.__setitem__("nonce", "AAAA"), id="nonce-too-short"),
        pytest.param(lambda slot: slot["kdf"].__setitem__("memory_cost", "çok"), id="kdf-not-a-number"),
    ],
)
def test_a_damaged_slot_is_named_as_damage_with_the_way_back_and_the_others_still_open(
    encrypted_store: Store, damage: Any
) -> None:
    """A slot damaged inside a readable key file: the key file's own sentence (never an unexpected
    error, never a wrong password that counts towards the lockout); nothing rewritten."""
    add_people(encrypted_store)
    path = encrypted_store.path
    encrypted_store.close()
    keys = keyfile.keyfile_path(path)
    data = json.loads(keys.read_text(encoding="utf-8"))
    damage(data["slots"]["user:ayse"])
    keys.write_text(json.dumps(data), encoding="utf-8")
    before = keys.read_bytes()
    with pytest.raises(KeyFileDamaged) as damaged:
        encryption.unlock_key(path, "ayse", PASSWORD)
    assert str(keys) in damaged.value.message and "yedeğin" in damaged.value.message
    assert keys.read_bytes() == before
    assert encryption.unlock_key(path, "admin", PASSWORD)  # the other slots still open


def test_an_unreadable_lockout_record_does_not_stop_the_sign_in(encrypted_store: Store) -> None:
    add_people(encrypted_store)
    path = encrypted_store.path
    encrypted_store.close()
    keys = keyfile.keyfile_path(path)
    data = json.loads(keys.read_text(encoding="utf-8"))
    data["failures"] = {"ayse": {"count": 5, "until": "yarın"}}
    keys.write_text(json.dumps(data), encoding="utf-8")
    assert encryption.unlock_key(path, "ayse", PASSWORD)


def test_backup_is_encrypted_with_the_same_key_and_restores(encrypted_store: Store, tmp_path: Path) -> None:
    _fill(encrypted_store)
    folder = tmp_path / "yedek"
    saved = backup.create_backup(encrypted_store, folder)
    assert file_kind(saved) == "encrypted" and keyfile.keyfile_path(saved).exists()
    assert b"Zeynep" not in saved.read_bytes()
    path = encrypted_store.path

    def unlock(p: Path) -> bytes:
        return encryption.unlock_key(p, "ayse", PASSWORD)

    assert backup.check_backup_file(saved, unlock) >= 1
    with pytest.raises(KeyRequired):
        backup.check_backup_file(saved)
    encrypted_store.set_setting("marker", "sonra")
    encrypted_store.close()
    safety = backup.restore(path, saved, tmp_path / "guvenlik", unlock)
    assert safety is not None and file_kind(safety) == "encrypted"
    restored = encryption.open_with_password(path, "sef", PASSWORD)
    assert restored.setting("marker") is None and restored.setting("province_code") == "06"
    assert audit.verify(restored.conn).ok
    restored.close()


def test_a_plain_backup_restored_over_an_encrypted_database_stays_encrypted(tmp_path: Path) -> None:
    """A backup from before the encryption (plain) put back: the database stays encrypted, names unreadable."""
    path, count = _plain_database(tmp_path)
    folder = path.parent / "backups"
    store = open_store(path, backups_dir=folder)
    plain_backup = backup.create_backup(store, folder, reason="elle")
    store.close()
    assert file_kind(plain_backup) == "plain"
    encrypt_migration.encrypt_in_place(path, "admin", PASSWORD, backups_dir=folder)
    keys_before = keyfile.keyfile_path(path).read_bytes()
    store = encryption.open_with_password(path, "admin", PASSWORD)
    key = store.key
    store.set_setting("marker", "sonra")
    store.close()

    def unlock(p: Path) -> bytes:
        return encryption.unlock_key(p, "admin", PASSWORD)

    safety = backup.restore(path, plain_backup, folder, unlock)
    assert safety is not None and file_kind(safety) == "encrypted"
    assert file_kind(path) == "encrypted" and b"Zeynep" not in path.read_bytes()
    assert keyfile.keyfile_path(path).read_bytes() == keys_before  # the same key file, the same passwords
    restored = encryption.open_with_password(path, "admin", PASSWORD)
    assert restored.key == key
    assert restored.setting("marker") is None  # the backup's contents, not the file's before
    assert _entry_count(restored) == count
    assert audit.verify(restored.conn).ok
    restored.close()


def _plain_database(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "il" / "koopbis.sqlite"
    store = open_store(path, create=True, backups_dir=path.parent / "backups")
    store.set_setting("province_code", "06")
    _fill(store)
    count = _entry_count(store)
    store.close()
    return path, count


def test_migration_encrypts_in_place_with_a_backup_and_loses_nothing(tmp_path: Path) -> None:
    path, count = _plain_database(tmp_path)
    steps: list[float] = []
    report = encrypt_migration.encrypt_in_place(
        path, "admin", PASSWORD, backups_dir=path.parent / "backups", progress=lambda _t, f: steps.append(f)
    )
    assert steps == sorted(steps) and steps[-1] == 1.0
    assert file_kind(path) == "encrypted" and b"Zeynep" not in path.read_bytes()
    assert report.backup is not None and file_kind(report.backup) == "encrypted"
    assert report.rows["entries"] == count
    store = encryption.open_with_password(path, "admin", PASSWORD)
    assert _entry_count(store) == count
    assert audit.verify(store.conn).ok
    # The others had no slot yet: signing in on the open database gives them theirs.
    with pytest.raises(WrongPassword):
        encryption.unlock_key(path, "ayse", PASSWORD)
    accounts.login(store, "ayse", PASSWORD)
    assert encryption.unlock_key(path, "ayse", PASSWORD) == store.key
    store.close()
    by_paper = encryption.open_with_recovery(path, report.recovery_key)
    by_paper.close()
    old_backup = encryption.open_with_password(report.backup, "admin", PASSWORD)
    assert _entry_count(old_backup) == count
    old_backup.close()


def test_migration_encrypts_the_plain_backups_too_and_each_still_restores(tmp_path: Path) -> None:
    """The backups of the plain file hold every member too: after the migration none is left readable."""
    path = tmp_path / "il" / "koopbis.sqlite"
    folder = path.parent / "backups"
    store = open_store(path, create=True, backups_dir=folder)
    store.set_setting("province_code", "06")
    people, coop = _fill(store)
    count = _entry_count(store)
    first = backup.create_backup(store, folder, reason="elle")
    capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(seed=77))
    second = backup.create_backup(store, folder, reason="elle")
    store.close()
    assert file_kind(first) == file_kind(second) == "plain" and b"Zeynep" in first.read_bytes()
    damaged = folder / "koopbis-20150101-000000-000000-elle.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)  # unreadable: left as it is, and named
    before = damaged.read_bytes()

    report = encrypt_migration.encrypt_in_place(path, "admin", PASSWORD, backups_dir=folder)

    for file in folder.iterdir():
        assert b"Zeynep" not in file.read_bytes(), file.name
    assert sorted(report.encrypted_backups) == sorted([first, second])
    assert report.plain_backups == (damaged,) and damaged.read_bytes() == before
    for saved, entries_then in ((first, count), (second, count + 1)):
        assert file_kind(saved) == "encrypted" and keyfile.keyfile_path(saved).exists()
        opened = encryption.open_with_password(saved, "admin", PASSWORD)
        assert _entry_count(opened) == entries_then
        assert audit.verify(opened.conn).ok
        opened.close()
    backup.restore(path, first, folder, lambda p: encryption.unlock_key(p, "admin", PASSWORD))
    restored = encryption.open_with_password(path, "admin", PASSWORD)
    assert _entry_count(restored) == count
    restored.close()


def test_migration_refuses_and_rolls_back_when_the_copy_differs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, count = _plain_database(tmp_path)
    before = path.read_bytes()
    real_export = encrypt_migration.copy_encrypted

    def lossy_export(source: Path, target: Path, key: bytes, source_key: Any = None) -> None:
        real_export(source, target, key, source_key)
        if target.name.endswith(".encrypting"):  # the copy loses an entry's revision on the way
            conn = connect_raw(target, key)
            conn.execute("DELETE FROM revisions WHERE rowid = (SELECT max(rowid) FROM revisions)")
            conn.commit()
            conn.close()

    monkeypatch.setattr(encrypt_migration, "copy_encrypted", lossy_export)
    with pytest.raises(encrypt_migration.MigrationRefused, match="revisions"):
        encrypt_migration.encrypt_in_place(path, "admin", PASSWORD, backups_dir=path.parent / "backups")
    assert file_kind(path) == "plain" and path.read_bytes() == before
    assert not Path(str(path) + ".encrypting").exists()
    store = open_store(path)
    assert _entry_count(store) == count
    store.close()


def test_rotation_re_encrypts_under_a_new_key(encrypted_store: Store) -> None:
    people, _ = _fill(encrypted_store)
    path, old_key = encrypted_store.path, encrypted_store.key
    report, others = encrypt_migration.rotate_key(encrypted_store, "admin", PASSWORD)
    assert set(others) == set(people) - {"admin"}
    store = encryption.open_with_password(path, "admin", PASSWORD)
    assert store.key != old_key and audit.verify(store.conn).ok
    store.close()
    with pytest.raises(WrongKey):
        open_store(path, key=old_key)
    encryption.open_with_recovery(path, report.recovery_key).close()


def _waiting_refusal(path: Path, username: str) -> str:
    with pytest.raises(WrongPassword) as caught:
        encryption.unlock_key(path, username, PASSWORD)
    assert caught.value.exit_code == ExitCode.NOT_PERMITTED
    return str(caught.value)


def test_accounts_waiting_for_their_slot_are_told_so_and_never_locked_out(tmp_path: Path) -> None:
    """After the encryption only its admin has a slot: a clerk with the right password is not told
    "wrong password" five times and locked, but what happened and how to get their key."""
    path, _count = _plain_database(tmp_path)
    report = encrypt_migration.encrypt_in_place(path, "admin", PASSWORD, backups_dir=path.parent / "backups")
    assert "ayse" in report.waiting
    for _ in range(7):  # more than the five tries that lock an account
        text = _waiting_refusal(path, "ayse")
        assert "henüz anahtarı yok" in text and "hatalı" not in text and "kilit" not in text
        assert "Oturumu kapat" in text and "sıfırla" in text
    assert "ayse" not in json.loads(keyfile.keyfile_path(path).read_text(encoding="utf-8"))["failures"]
    # A name that is no account still reads as a wrong password, and counts.
    assert "hatalı" in _waiting_refusal(path, "kimse")
    # The way the sentence gives: the database open in the program (an admin signed in), the
    # clerk signs in there with the password they always had and gets the slot.
    store = encryption.open_with_password(path, "admin", PASSWORD)
    accounts.login(store, "ayse", PASSWORD)
    store.close()
    assert encryption.unlock_key(path, "ayse", PASSWORD)
    with pytest.raises(WrongPassword, match="hatalı"):
        encryption.unlock_key(path, "ayse", "yanlis-parola")


def test_after_a_rotation_and_a_reopened_account_the_others_are_told_to_get_their_key(
    encrypted_store: Store,
) -> None:
    people, _ = _fill(encrypted_store)
    admin = people["admin"]
    accounts.disable_user(encrypted_store, admin, "mehmet")
    path = encrypted_store.path
    _report, others = encrypt_migration.rotate_key(encrypted_store, "admin", PASSWORD)
    assert "mehmet" not in others
    assert "henüz anahtarı yok" in _waiting_refusal(path, "ayse")
    assert "hatalı" in _waiting_refusal(path, "mehmet")  # closed: no slot and none to come
    store = encryption.open_with_password(path, "admin", PASSWORD)
    admin = accounts.login(store, "admin", PASSWORD)
    accounts.enable_user(store, admin, "mehmet")  # opened again: no slot until a sign-in or a reset
    assert "henüz anahtarı yok" in _waiting_refusal(path, "mehmet")
    accounts.change_password(store, admin, "mehmet", "yeni-parola-99")
    store.close()
    assert encryption.unlock_key(path, "mehmet", "yeni-parola-99")


def test_production_key_slots_are_costly() -> None:
    real = keyfile.KdfParams()
    assert real.time_cost >= 3 and real.memory_cost >= 64 * 1024 and real.parallelism >= 1


def test_five_wrong_passwords_lock_the_account_even_though_the_file_stays_shut(
    encrypted_store: Store,
) -> None:
    """The encrypted file cannot count wrong passwords in ``users``: the key file does, with the same rule."""
    people = add_people(encrypted_store)
    path = encrypted_store.path
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPassword, match=f"{left} deneme hakkınız kaldı"):
            encryption.unlock_key(path, "ayse", "yanlis-parola")
    with pytest.raises(WrongPassword, match="kilitlendi"):
        encryption.unlock_key(path, "ayse", "yanlis-parola")
    with pytest.raises(WrongPassword, match="kilitlendi") as locked:
        encryption.unlock_key(path, "ayse", PASSWORD)  # the right one waits too
    assert locked.value.exit_code == ExitCode.NOT_PERMITTED
    assert encryption.unlock_key(path, "mehmet", PASSWORD) == encrypted_store.key  # others go on
    accounts.unlock_user(encrypted_store, people["admin"], "ayse")
    assert encryption.unlock_key(path, "ayse", PASSWORD) == encrypted_store.key
    assert "ayse" not in json.loads(keyfile.keyfile_path(path).read_text())["failures"]


def test_a_key_rotation_keeps_the_wrong_password_counts_and_lockouts(encrypted_store: Store) -> None:
    """A new key is no unlock: an account locked by wrong passwords stays locked, a count goes on;
    the admin who rotates (and so gives their password) starts again."""
    add_people(encrypted_store)
    path = encrypted_store.path
    for _ in range(5):
        with pytest.raises(WrongPassword):
            encryption.unlock_key(path, "ayse", "yanlis-parola")
    for _ in range(2):
        with pytest.raises(WrongPassword):
            encryption.unlock_key(path, "mehmet", "yanlis-parola")
    with pytest.raises(WrongPassword):
        encryption.unlock_key(path, "admin", "yanlis-parola")
    encrypt_migration.rotate_key(encrypted_store, "admin", PASSWORD)
    failures = json.loads(keyfile.keyfile_path(path).read_text(encoding="utf-8"))["failures"]
    assert set(failures) == {"ayse", "mehmet"}
    assert failures["mehmet"] == {"count": 2} and "until" in failures["ayse"]
    with pytest.raises(WrongPassword, match="kilitlendi"):
        encryption.unlock_key(path, "ayse", PASSWORD)  # still locked, though waiting for a slot
    assert encryption.unlock_key(path, "admin", PASSWORD)


def test_a_new_password_opens_at_once_after_a_lockout_set_by_an_admin_or_the_recovery_key(
    encrypted_store: Store,
) -> None:
    """Locked out by wrong passwords, then given a new one: the new password opens the shut file at once
    (the database's own lockout is lifted by the new password; the key file's was not)."""
    people = add_people(encrypted_store)
    recovery = encryption.new_recovery_key(encrypted_store)
    path = encrypted_store.path
    for name in ("ayse", "admin"):
        for _ in range(5):
            with pytest.raises(WrongPassword):
                encryption.unlock_key(path, name, "yanlis-parola")
    accounts.change_password(encrypted_store, people["admin"], "ayse", "yeni-parola-11")  # "Parola sıfırla"
    assert encryption.unlock_key(path, "ayse", "yeni-parola-11") == encrypted_store.key
    encrypted_store.close()
    by_paper = encryption.open_with_recovery(path, recovery)  # koopbis key reset
    accounts.reset_with_recovery(by_paper, "admin", "yeni-parola-22")
    by_paper.close()
    assert encryption.unlock_key(path, "admin", "yeni-parola-22")


def test_a_sign_in_after_the_slot_unlocked_the_file_hashes_the_password_once(
    encrypted_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from koopbis_desktop.services.errors import LoginFailed
    from koopbis_desktop.store import users

    add_people(encrypted_store)
    path = encrypted_store.path
    encrypted_store.close()
    checks: list[str] = []
    real = users._hasher

    class Counted:  # the real hasher, its checks counted
        def verify(self, hash_: str, password: str) -> bool:
            checks.append(password)
            return bool(real.verify(hash_, password))

        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

    monkeypatch.setattr(users, "_hasher", Counted())
    store = encryption.open_with_password(path, "ayse", PASSWORD)
    try:
        assert accounts.login(store, "ayse", PASSWORD).username == "ayse"
        assert checks == []  # the slot's argon2 run proved it; the account's is not run again
        # Only that first sign-in: the next one (another account, or the same again) is checked.
        with pytest.raises(LoginFailed):
            accounts.login(store, "ayse", "yanlış-parola-1")
        assert checks == ["yanlış-parola-1"]
        assert accounts.login(store, "sef", PASSWORD).username == "sef" and len(checks) == 2
    finally:
        store.close()
    # A different name than the slot's proves nothing for it: its password is checked.
    store = encryption.open_with_password(path, "ayse", PASSWORD)
    try:
        with pytest.raises(LoginFailed):
            accounts.login(store, "mehmet", "yanlış-parola-2")
        assert checks[-1] == "yanlış-parola-2"
    finally:
        store.close()
