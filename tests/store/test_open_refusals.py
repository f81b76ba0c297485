"""A database file is never silently replaced, and each reason it cannot be opened has its own sentence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts
from koopbis_desktop.services.errors import LoginFailed
from koopbis_desktop.store import backup, users
from koopbis_desktop.store.db import Store, open_store
from koopbis_desktop.store.errors import (
    DatabaseDamaged,
    DatabaseEmpty,
    DatabaseForeign,
    DatabaseReadOnly,
    DiskFull,
    KnownError,
    opening_error,
)
from tests.conftest import PASSWORD


def _saved(store: Store) -> Path:
    assert store.backups_dir is not None
    return backup.create_backup(store, store.backups_dir)


@pytest.mark.sqlite_only
@pytest.mark.expect_log(r"Veritabanı dosyası boş", logger="koopbis.cli")
def test_a_zero_byte_file_is_refused_with_the_newest_backup_and_its_date(
    store: Store, people: dict[str, Actor], capsys: pytest.CaptureFixture[str]
) -> None:
    saved = _saved(store)
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{store.path}{suffix}").unlink(missing_ok=True)
    store.path.write_bytes(b"")
    with pytest.raises(DatabaseEmpty) as info:
        open_store(store.path, backups_dir=store.backups_dir)
    message = info.value.message
    assert (
        "boş" in message and str(saved) in message and "tarihli" in message and "koopbis restore" in message
    )
    assert store.path.stat().st_size == 0  # untouched: no new empty database in its place
    assert main(["--db", str(store.path), "audit", "verify"]) == 1
    err = capsys.readouterr()
    assert "sağlam" not in err.out and "boş" in err.err


def test_init_may_create_over_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite"
    path.write_bytes(b"")
    open_store(path, create=True).close()
    assert open_store(path).schema_version() > 0


def test_a_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "baska.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for create in (False, True):
        with pytest.raises(DatabaseForeign):
            open_store(path, create=create)
    assert path.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_truncated_file_is_refused(store: Store, people: dict[str, Actor]) -> None:
    store.checkpoint()
    store.close()
    data = store.path.read_bytes()
    store.path.write_bytes(data[: len(data) // 3])
    with pytest.raises(DatabaseDamaged):
        open_store(store.path, backups_dir=store.backups_dir)


def test_real_read_only_and_full_errors_are_not_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite"
    open_store(path, create=True).close()
    ro = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as refused:
        ro.execute("CREATE TABLE x (y)")
    ro.close()
    read_only = opening_error(refused.value, path, None)
    assert isinstance(read_only, DatabaseReadOnly) and "bozuk değil" in read_only.message
    full = sqlite3.connect(tmp_path / "dolu.sqlite")
    full.execute("CREATE TABLE x (y)")
    full.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as no_room:
        full.execute("INSERT INTO x VALUES (?)", ("a" * 100_000,))
    full.close()
    disk_full = opening_error(no_room.value, path, None)
    assert isinstance(disk_full, DiskFull) and "yer kalmadı" in disk_full.message


@pytest.mark.sqlite_only
def test_reading_works_on_a_database_opened_read_only(store: Store, people: dict[str, Actor]) -> None:
    store.checkpoint()
    store.close()
    reader = open_store(store.path, read_only=True)
    try:
        assert accounts.login(reader, "ayse", PASSWORD).username == "ayse"
        with pytest.raises(LoginFailed):
            accounts.login(reader, "ayse", "yanlis-parola")
        assert users.get_user(reader, "ayse") is not None
        with pytest.raises(KnownError):  # saving is refused in words, not a crash
            reader.set_setting("x", "y")
    finally:
        reader.close()


@pytest.mark.sqlite_only
def test_restore_onto_an_empty_file_signs_the_admin_in_against_the_backup(
    store: Store, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = _saved(store)
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{store.path}{suffix}").unlink(missing_ok=True)
    store.path.write_bytes(b"")
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    db = ["--db", str(store.path)]
    assert main([*db, "restore", str(saved), "--as", "ayse"]) == 4
    assert store.path.stat().st_size == 0
    assert main([*db, "restore", str(saved), "--as", "admin"]) == 0
    again = open_store(store.path)
    try:
        assert again.query("SELECT actor FROM audit WHERE action = 'restore'") == [("admin",)]
    finally:
        again.close()
    assert store.backups_dir is not None
    assert list(store.backups_dir.glob("*.kullanilamaz"))
