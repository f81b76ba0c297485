"""Opening the database: pragmas, migrations, refusal of newer schemas, damaged files, backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.store import backup, migrations
from koopbis_desktop.store.db import PAGE_CACHE_KIB, Store, open_store
from koopbis_desktop.store.errors import (
    DatabaseDamaged,
    KnownError,
    NotInitialised,
    SchemaTooNew,
    StoreError,
)


@pytest.mark.sqlite_only
def test_pragmas_and_schema(store: Store) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version() == migrations.LATEST
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "entries",
        "revisions",
        "audit",
        "users",
        "cooperatives",
        "members",
        "settings",
    } <= tables


@pytest.mark.sqlite_only
def test_every_connection_keeps_the_lists_pages_in_its_cache(store: Store, encrypted_store: Store) -> None:
    """A plain file, an encrypted one and a read-only open each keep PAGE_CACHE_KIB of pages,
    not SQLite's 2,000 KiB that a queue's walk of one index outgrows."""
    store.checkpoint()
    read_only = open_store(store.path, read_only=True)
    try:
        for opened in (store, encrypted_store, read_only):
            assert opened.conn.execute("PRAGMA cache_size").fetchone()[0] == -PAGE_CACHE_KIB
    finally:
        read_only.close()
    assert PAGE_CACHE_KIB >= 16 * 1024


@pytest.mark.sqlite_only
def test_statement_journals_stay_in_memory_on_plain_and_encrypted_files(
    store: Store, encrypted_store: Store
) -> None:
    """A write that fires a trigger (an entry's change of state) journals the pages it changes
    until it ends, ≈ 112 KiB: SQLite spilled that to a temporary file made for each such write on
    a plain file (≈ 150 µs). An encrypted file's connections kept theirs in memory already (no
    sort or index built on the side goes to a plain temporary file)."""
    for opened in (store, encrypted_store):
        assert opened.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


@pytest.mark.sqlite_only
def test_sqlite_utils_view_shares_the_store_connection_and_runs_no_plugins(store: Store) -> None:
    import sqlite_utils

    view = store.db
    assert isinstance(view, sqlite_utils.Database) and view.conn is store.conn
    assert store.db is view  # made once
    assert "entries" in view.table_names()
    store.set_setting("province_code", "35")
    assert view.execute("SELECT value FROM settings WHERE key = 'province_code'").fetchone() == ("35",)


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NotInitialised, match="koopbis init"):
        open_store(tmp_path / "yok.sqlite")


@pytest.mark.expect_log(r"programın daha yeni bir sürümüyle oluşturulmuş", logger="koopbis.cli")
def test_newer_schema_is_refused_and_untouched(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_store(db_path, create=True).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNew, match="daha yeni bir sürümüyle"):
        open_store(db_path)
    assert db_path.read_bytes() == before
    assert main(["--db", str(db_path), "entry", "list"]) == 1
    assert "Programı güncelleyin" in capsys.readouterr().err


def test_damaged_file_names_newest_backup(tmp_path: Path) -> None:
    db_path = tmp_path / "k.sqlite"
    backups = tmp_path / "backups"
    store = open_store(db_path, create=True, backups_dir=backups)
    saved = backup.create_backup(store, backups)
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    data = bytearray(db_path.read_bytes())
    data[0:16] = b"not a database!!"
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged) as info:
        open_store(db_path, backups_dir=backups)
    assert str(saved) in info.value.message
    assert "koopbis restore" in info.value.message


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    db_path = tmp_path / "k.sqlite"
    store = open_store(db_path, create=True)
    with store.atomic() as conn:
        conn.executemany(
            "INSERT INTO settings(key, value) VALUES (?, ?)",
            [(f"k{i}", "x" * 500) for i in range(400)],
        )
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page):
        data[offset : offset + 100] = b"\xff" * 100
    db_path.write_bytes(bytes(data))
    with pytest.raises((DatabaseDamaged, KnownError)):
        open_store(db_path)


@pytest.mark.sqlite_only
def test_backup_keeps_last_n_and_restore_round_trip(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "yedek"
    store.set_setting("marker", "bir")
    first = backup.create_backup(store, folder, keep=3)
    for _ in range(4):
        backup.create_backup(store, folder, keep=3)
    kept = sorted(folder.glob("koopbis-*.sqlite"))
    assert len(kept) == 3
    assert first not in kept
    keep_me = kept[-1]
    store.set_setting("marker", "iki")
    path = store.path
    store.close()
    safety = backup.restore(path, keep_me, folder)
    assert safety is not None and safety.exists()
    reopened = open_store(path)
    assert reopened.setting("marker") == "bir"
    reopened.close()
    again = open_store(safety)
    assert again.setting("marker") == "iki"
    again.close()


@pytest.mark.sqlite_only
def test_restore_refuses_garbage(store: Store, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"\x00\x01garbage" * 100)
    with pytest.raises(KnownError, match=r"yedeği değil|bozuk"):
        backup.restore(store.path, junk, tmp_path / "b")
    assert store.setting("province_code") == "06"


def test_migration_backs_up_older_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_path = tmp_path / "eski.sqlite"
    backups = tmp_path / "backups"
    store = open_store(db_path, create=True, backups_dir=backups)
    store.set_setting("province_code", "35")
    store.close()
    added: list[int] = []

    def step_two(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE extra (x)")
        added.append(1)

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, step_two])
    monkeypatch.setattr(migrations, "LATEST", len(migrations.MIGRATIONS))
    upgraded = open_store(db_path, backups_dir=backups)
    assert upgraded.schema_version() == migrations.LATEST
    assert added == [1]
    assert upgraded.setting("province_code") == "35"
    made = list(backups.glob("*migration*.sqlite"))
    assert len(made) == 1
    old = sqlite3.connect(made[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST - 1
    old.close()
    upgraded.close()


def test_failed_migration_leaves_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db_path = tmp_path / "k.sqlite"
    open_store(db_path, create=True).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    monkeypatch.setattr(migrations, "LATEST", len(migrations.MIGRATIONS))
    with pytest.raises(StoreError):
        open_store(db_path)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST - 1
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    conn.close()


def test_a_new_file_is_built_in_one_transaction_and_a_failure_leaves_it_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = tmp_path / "yeni.sqlite"
    open_store(built, create=True).close()
    conn = sqlite3.connect(built)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    conn.close()

    def broken(conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("boom")

    steps = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*steps[:5], broken, *steps[6:]])
    db_path = tmp_path / "k.sqlite"
    with pytest.raises(StoreError):
        open_store(db_path, create=True)
    conn = sqlite3.connect(db_path)
    # Nothing of the first five steps stayed: the build is all or nothing.
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()
