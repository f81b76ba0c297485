"""The two-step integrity check: the tables a start reads at open, the whole file afterwards."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.store import backup, integrity
from koopbis_desktop.store.db import Store, open_store
from koopbis_desktop.store.errors import DatabaseDamaged

# The file's own integrity check: the office database's server keeps its own pages.
pytestmark = pytest.mark.sqlite_only


def _damage_table(store: Store, db_path: Path, table: str, rows: int = 600) -> None:
    """Fill ``table`` (made here if new) past many pages, then overwrite the ends of its last pages."""
    with store.atomic() as conn:
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table}(x TEXT)")
        conn.executemany(f"INSERT INTO {table}(x) VALUES (?)", [("ş" * 400,) for _ in range(rows)])
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(len(data) - 40 * page, len(data) - page, page):
        data[offset : offset + 64] = b"\xff" * 64
    db_path.write_bytes(bytes(data))


def test_the_start_check_opens_a_file_damaged_elsewhere_and_the_whole_check_names_it(
    store: Store, db_path: Path
) -> None:
    backups = db_path.parent / "backups"
    saved = backup.create_backup(store, backups)
    _damage_table(store, db_path, "filler")

    opened = open_store(db_path, backups_dir=backups, check_integrity="start")
    assert opened.setting("province_code") == "06"  # the start reads what it needs
    opened.close()
    with pytest.raises(DatabaseDamaged) as whole:
        integrity.check_whole_file(db_path, None, backups)
    assert str(saved) in whole.value.message
    with pytest.raises(DatabaseDamaged):  # the default open still checks every page first
        open_store(db_path, backups_dir=backups)


def test_the_start_check_finds_damage_in_the_accounts(store: Store, db_path: Path) -> None:
    # The accounts' table is made large and written last: the damaged last pages are its own.
    with store.atomic() as conn:
        conn.executemany(
            "INSERT INTO users(username, role, password_hash, full_name, created_at, password_changed_at) "
            "VALUES (?, 'clerk', 'x', ?, '', '')",
            [(f"u{n}", "ş" * 400) for n in range(600)],
        )
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(len(data) - 40 * page, len(data) - page, page):
        data[offset : offset + 64] = b"\xff" * 64
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamaged):
        open_store(db_path, check_integrity="start")


def test_a_sound_file_has_no_problems(store: Store) -> None:
    assert integrity.problems(store.conn) == []
    assert integrity.problems(store.conn, integrity.START_TABLES) == []
    assert integrity.stale_text_indexes(store.conn) == []


def _lose_words(store: Store) -> None:
    """What a write past the triggers leaves: the rows, not their words in the text indexes."""
    with store.atomic() as conn:
        for index, table in (
            ("entries_trigram", "entries"),
            ("cooperatives_trigram", "cooperatives"),
            ("cooperatives_fts", "cooperatives"),
        ):
            conn.execute(
                f"INSERT INTO {index}({index}, rowid, search) SELECT 'delete', rowid, search FROM {table}"
            )


def test_a_text_index_that_no_longer_matches_its_table_is_made_again_by_the_whole_check(
    store: Store, db_path: Path, expect_log: Any
) -> None:
    """An entry and a cooperative the text indexes lost (written past their triggers) are not
    found by a word; the whole check finds those indexes stale, makes them again from their
    tables, and both are found again. Nothing else changes."""
    from koopbis_desktop.domain import demo_data
    from koopbis_desktop.store import listing, snapshot
    from koopbis_desktop.store.listing import EntryFilter

    record = next(iter(demo_data.cooperatives("06", 1, seed=3)))
    record["title"] = "Kızılırmak Konut Yapı Kooperatifi"
    snapshot.upsert_records(store, [record])
    with store.atomic() as conn:
        conn.execute(
            "INSERT INTO users(username, role, password_hash, full_name, created_at, password_changed_at) "
            "VALUES ('admin', 'admin', 'x', 'Yönetici', '', '')"
        )
        conn.execute(
            "INSERT INTO entries(uuid, type, cooperative_id, state, author, payload, created_at, updated_at, search) "
            "VALUES ('e1', 'merger', NULL, 'draft', 'admin', '{}', '2026', '2026', 'ortak yesilirmak 4711')"
        )
    flt = EntryFilter(text="yesilirmak")
    assert listing.count_entries(store, flt) == 1 and snapshot.search(store, "kizilirmak")
    _lose_words(store)
    assert listing.count_entries(store, flt) == 0 and not snapshot.search(store, "kizilirmak")
    assert integrity.stale_text_indexes(store.conn) == list(integrity.TEXT_INDEXES)
    entries_before = store.query("SELECT * FROM entries")

    with expect_log(
        r"the text index \w+ no longer matched", logger="koopbis_desktop.store.integrity"
    ) as seen:
        integrity.check_whole_file(db_path, None, None)
    assert sorted(record.getMessage().split()[3] for record in seen) == sorted(integrity.TEXT_INDEXES)
    assert integrity.stale_text_indexes(store.conn) == []
    assert listing.count_entries(store, flt) == 1
    assert [hit["title"] for hit in snapshot.search(store, "kizilirmak")] == [record["title"]]
    assert store.query("SELECT * FROM entries") == entries_before


def test_a_text_index_the_check_cannot_lock_is_left_for_the_next_start(store: Store, db_path: Path) -> None:
    """The text indexes' check takes the file's write lock: while another connection writes, it
    checks nothing and says nothing is stale (the next start checks again), and it raises nothing;
    nor on a file this PC may only read."""
    import sqlite3

    checker = sqlite3.connect(str(db_path), timeout=0.05)
    try:
        with store.atomic():
            assert integrity.stale_text_indexes(checker) == []
        assert integrity.stale_text_indexes(checker) == []
    finally:
        checker.close()
    reader = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)  # a file this PC may only read
    try:
        assert integrity.stale_text_indexes(reader) == []
    finally:
        reader.close()
    with pytest.raises(ValueError):
        integrity.rebuild_text_index(store.conn, "entries")  # only a text index is made again


def test_the_text_indexes_are_checked_at_the_first_whole_check_of_a_day(
    store: Store, db_path: Path, expect_log: Any
) -> None:
    """Their check holds the write lock (up to half a second each at 100,000 entries): it runs at
    the day's first start. An index gone stale later that day is made again the next day."""
    import sqlite3

    from koopbis_desktop.domain import demo_data
    from koopbis_desktop.store import snapshot

    record = next(iter(demo_data.cooperatives("06", 1, seed=3)))
    record["title"] = "Kızılırmak Konut Yapı Kooperatifi"
    snapshot.upsert_records(store, [record])
    monday, tuesday = date(2026, 12, 7), date(2026, 12, 8)
    checker = sqlite3.connect(str(db_path))
    statements: list[str] = []
    checker.set_trace_callback(statements.append)
    try:
        assert integrity.check_text_indexes(checker, monday) == []
        checked = [s for s in statements if "'integrity-check'" in s]
        assert len(checked) == len(integrity.TEXT_INDEXES), statements
        assert store.setting(integrity.TEXT_INDEXES_CHECKED) == "2026-12-07"
        statements.clear()
        _lose_words(store)
        assert integrity.check_text_indexes(checker, monday) == []  # checked today already
        assert not [s for s in statements if "'integrity-check'" in s], statements
    finally:
        checker.close()
    integrity.check_whole_file(db_path, None, None, today=monday)
    assert not snapshot.search(store, "kizilirmak")
    with expect_log(
        r"the text index cooperatives_\w+ no longer matched", logger="koopbis_desktop.store.integrity"
    ):
        integrity.check_whole_file(db_path, None, None, today=tuesday)
    assert [hit["title"] for hit in snapshot.search(store, "kizilirmak")] == [record["title"]]
    assert store.setting(integrity.TEXT_INDEXES_CHECKED) == "2026-12-08"


def test_a_text_check_left_undone_is_not_noted_as_done(store: Store, db_path: Path) -> None:
    """An index the check could not lock (another writer) leaves the day unnoted: the next start checks."""
    import sqlite3

    checker = sqlite3.connect(str(db_path), timeout=0.05)
    try:
        with store.atomic():
            assert integrity.check_text_indexes(checker, date(2026, 12, 7)) == []
        assert store.setting(integrity.TEXT_INDEXES_CHECKED) is None
        assert integrity.check_text_indexes(checker, date(2026, 12, 7)) == []
        assert store.setting(integrity.TEXT_INDEXES_CHECKED) == "2026-12-07"
    finally:
        checker.close()
    unchecked: list[str] = []
    reader = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)  # a file this PC may only read
    try:
        assert integrity.stale_text_indexes(reader, unchecked=unchecked) == []
    finally:
        reader.close()
    assert unchecked == list(integrity.TEXT_INDEXES)


def test_the_whole_file_check_reads_an_encrypted_file_with_its_key(encrypted_store: Store) -> None:
    assert encrypted_store.key is not None
    integrity.check_whole_file(encrypted_store.path, encrypted_store.key, None)  # sound: no error
    reopened = open_store(encrypted_store.path, key=encrypted_store.key, check_integrity="start")
    reopened.close()
