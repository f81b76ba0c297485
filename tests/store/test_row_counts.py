"""The counts a file keeps as it is written (migration 20): its cooperatives, its entries per state.

The status bar, the Kooperatifler list and a queue of whole states read them instead of counting
the rows. On either engine the answers must be the rows' own count after any write; on SQLite
they must come from the kept counts, whatever writes the rows (the app, a copy, an encryption).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture, queries, review
from koopbis_desktop.store import counts, encrypt_migration, migrations, snapshot, transfer
from koopbis_desktop.store.db import Store, open_store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.store.listing import EntryFilter, count_entries
from tests.conftest import PASSWORD, add_people, member_admission

QUEUES = (
    (),
    (State.DRAFT,),
    (State.SUBMITTED,),
    (State.DRAFT, State.RETURNED),
    (State.APPROVED, State.SENDING, State.SYNCED, State.REJECTED),
    (State.WITHDRAWN, State.DISCARDED),
)


def _rows_by_state(store: Store) -> dict[str, int]:
    return {str(s): int(n) for s, n in store.query("SELECT state, COUNT(*) FROM entries GROUP BY state")}


def _rows_of_cooperatives(store: Store) -> int:
    row = store.query_one("SELECT COUNT(*) FROM cooperatives")
    return int(row[0]) if row else 0


def assert_counts_are_the_rows(store: Store) -> None:
    by_rows = _rows_by_state(store)
    assert queries.queue_counts(store) == by_rows
    for states in QUEUES:
        wanted = {state.value for state in states}
        expected = sum(n for state, n in by_rows.items() if not wanted or state in wanted)
        assert count_entries(store, EntryFilter(states=states)) == expected, states
    assert snapshot.count_cooperatives(store) == _rows_of_cooperatives(store)
    if store.dialect.stored_counts:
        # What the file keeps is what was read, and it is exact (no stale state left above 0).
        assert counts.entries_by_state(store) == by_rows
        assert counts.cooperatives(store) == _rows_of_cooperatives(store)
    else:
        assert counts.entries_by_state(store) is None and counts.cooperatives(store) is None


def test_counts_follow_the_rows_through_every_kind_of_write(store: Store, people: dict[str, Actor]) -> None:
    assert_counts_are_the_rows(store)  # a new database: nothing counted, nothing kept
    records = list(demo_data.cooperatives("06", 30, seed=3))
    snapshot.upsert_records(store, records[:20])
    assert_counts_are_the_rows(store)
    # A refresh that writes known cooperatives again and adds new ones counts each once.
    changed = [dict(record, title=record["title"] + " (yeni unvan)") for record in records[10:]]
    snapshot.upsert_records(store, changed + changed[:3])
    assert _rows_of_cooperatives(store) == 30
    assert_counts_are_the_rows(store)

    clerk, other, sup = people["ayse"], people["mehmet"], people["sef"]
    rng = random.Random(20)
    made = []
    for n in range(24):
        coop = str(records[n % 30]["id"])
        made.append(
            capture.create_entry(store, rng.choice((clerk, other)), "member.admit", coop, member_admission(n))
        )
    assert_counts_are_the_rows(store)
    for step in range(120):
        entry = rng.choice(made)
        state = store.query_one("SELECT state, author FROM entries WHERE uuid = ?", (entry.uuid,))
        assert state is not None
        current, author = State(state[0]), people["ayse"] if state[1] == "ayse" else people["mehmet"]
        if current == State.DRAFT:
            capture.submit_entry(store, author, entry.uuid)
        elif current == State.SUBMITTED:
            if rng.random() < 0.5:
                review.return_entry(store, sup, entry.uuid, "Düzeltin.")
            else:
                review.approve_entry(store, sup, entry.uuid, "Uygun")
        elif current == State.RETURNED:
            capture.edit_entry(store, author, entry.uuid, member_admission(step, decision_no=f"2015/{step}"))
        else:
            continue
        assert_counts_are_the_rows(store)
    assert {State.APPROVED.value, State.DRAFT.value} <= set(_rows_by_state(store))


def test_a_write_rolled_back_leaves_the_counts_as_they_were(store: Store, people: dict[str, Actor]) -> None:
    snapshot.upsert_records(store, list(demo_data.cooperatives("06", 5, seed=4)))
    before = (queries.queue_counts(store), snapshot.count_cooperatives(store))
    with pytest.raises(RuntimeError), store.atomic() as conn:
        conn.execute(
            "INSERT INTO cooperatives(id, title, search, imported_at) VALUES ('06-999999', 'Geri', 'geri', '')"
        )
        raise RuntimeError("the write fails after the row went in")
    assert (queries.queue_counts(store), snapshot.count_cooperatives(store)) == before
    assert_counts_are_the_rows(store)


@pytest.mark.sqlite_only  # what the file keeps is read, not the rows counted
def test_the_status_bar_and_the_lists_read_the_kept_counts(store: Store, people: dict[str, Actor]) -> None:
    snapshot.upsert_records(store, list(demo_data.cooperatives("06", 4, seed=5)))
    capture.create_entry(store, people["ayse"], "member.admit", "06-000001", member_admission(1))
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        assert queries.queue_counts(store) == {"draft": 1}
        assert snapshot.count_cooperatives(store) == 4
        assert count_entries(store, EntryFilter(states=(State.DRAFT, State.SUBMITTED))) == 1
        assert count_entries(store, EntryFilter()) == 1
    finally:
        store.conn.set_trace_callback(None)
    read = " ".join(statements)
    assert "row_counts" in read
    assert "COUNT(" not in read.upper(), statements
    # A filter beyond the states still counts its rows.
    assert count_entries(store, EntryFilter(states=(State.DRAFT,), author="mehmet")) == 0


@pytest.mark.sqlite_only
def test_rows_written_or_removed_by_hand_are_counted_too(store: Store, people: dict[str, Actor]) -> None:
    """Whatever writes the rows (another tool, a repair), the triggers count them, deletes included."""
    snapshot.upsert_records(store, list(demo_data.cooperatives("06", 6, seed=6)))
    entry = capture.create_entry(store, people["ayse"], "member.admit", "06-000002", member_admission(2))
    with store.atomic() as conn:
        conn.execute(
            "DELETE FROM cooperatives WHERE id NOT IN (SELECT cooperative_id FROM entries WHERE cooperative_id IS NOT NULL) AND rowid % 2 = 0"
        )
        conn.execute("UPDATE entries SET state = 'approved' WHERE uuid = ?", (entry.uuid,))
        conn.execute("UPDATE entries SET state = 'approved' WHERE uuid = ?", (entry.uuid,))  # no change
    assert _rows_by_state(store) == {"approved": 1}
    assert_counts_are_the_rows(store)


def _fill(store: Store) -> tuple[dict[str, Actor], list[Entry]]:
    """15 cooperatives; six entries of one clerk: two drafts, three submitted, one approved."""
    store.set_setting("province_code", "06")
    people = add_people(store)
    snapshot.upsert_records(store, list(demo_data.cooperatives("06", 15, seed=9)))
    made = [
        capture.create_entry(store, people["mehmet"], "member.admit", "06-000004", member_admission(n))
        for n in range(6)
    ]
    for entry in made[:4]:
        capture.submit_entry(store, people["mehmet"], entry.uuid)
    review.approve_entry(store, people["sef"], made[0].uuid, "Uygun")
    return people, made


FILLED = {"approved": 1, "submitted": 3, "draft": 2}


@pytest.mark.sqlite_only
def test_a_version_19_file_counts_what_it_holds_when_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "surum19.sqlite"
    real = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", real[:19])
    monkeypatch.setattr(migrations, "LATEST", 19)
    old = open_store(db, create=True, backups_dir=tmp_path / "backups")
    people, made = _fill(old)
    assert not old.query("SELECT name FROM sqlite_master WHERE name = 'row_counts'")
    old.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", real)
    monkeypatch.setattr(migrations, "LATEST", len(real))
    store = open_store(db, backups_dir=tmp_path / "backups")
    try:
        assert store.schema_version() == migrations.LATEST
        assert counts.entries_by_state(store) == FILLED
        assert counts.cooperatives(store) == 15
        capture.submit_entry(store, people["mehmet"], made[4].uuid)  # and keeps counting after it
        assert counts.entries_by_state(store) == {"approved": 1, "submitted": 4, "draft": 1}
        # The step runs again over itself (a file whose version was set back): counted anew, not added.
        with store.atomic() as conn:
            migrations.MIGRATIONS[19](conn)
        assert counts.entries_by_state(store) == {"approved": 1, "submitted": 4, "draft": 1}
        assert_counts_are_the_rows(store)
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_a_file_encrypted_in_place_keeps_its_counts(tmp_path: Path) -> None:
    path = tmp_path / "il" / "koopbis.sqlite"
    plain = open_store(path, create=True, backups_dir=path.parent / "backups")
    _fill(plain)
    expected = (counts.entries_by_state(plain), counts.cooperatives(plain))
    plain.close()
    encrypt_migration.encrypt_in_place(path, "admin", PASSWORD, backups_dir=path.parent / "backups")
    from koopbis_desktop.store import encryption

    store = encryption.open_with_password(path, "admin", PASSWORD, backups_dir=path.parent / "backups")
    try:
        assert (counts.entries_by_state(store), counts.cooperatives(store)) == expected
        assert expected == (FILLED, 15)
        assert_counts_are_the_rows(store)
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_a_copy_into_a_new_file_counts_what_it_copied(tmp_path: Path, store: Store) -> None:
    _fill(store)
    target = open_store(tmp_path / "kopya" / "koopbis.sqlite", create=True, backups_dir=tmp_path / "b")
    try:
        transfer.copy_all(store, target)
        assert counts.entries_by_state(target) == counts.entries_by_state(store)
        assert counts.cooperatives(target) == counts.cooperatives(store) == 15
        assert_counts_are_the_rows(target)
    finally:
        target.close()
