"""Issue 15, item 7: entries carry a number per office and year, given at first save,
unique even when two connections write at once; the number finds the entry again."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture
from koopbis_desktop.store import entries, entry_numbers
from koopbis_desktop.store.db import Store, open_store
from tests.conftest import PASSWORD, member_admission


def test_first_save_numbers_entries_in_order(
    store: Store, people: dict[str, Actor], cooperatives: Any
) -> None:
    first = capture.create_entry(store, people["ayse"], "member.admit", "06-900001", member_admission(1))
    second = capture.create_entry(store, people["ayse"], "member.admit", "06-900001", member_admission(2))
    year = first.created_at[:4]
    assert first.number == f"{year}/000001"
    assert second.number == f"{year}/000002"
    assert first.label == first.number
    assert entries.get_entry(store, f"{year}/2").uuid == second.uuid  # typed without the zeros
    assert [e.uuid for e in entries.find_by_reference(store, f"{year}/000001")] == [first.uuid]
    assert entry_numbers.uuid_for_number(store, f"{year}/1") == first.uuid
    assert entry_numbers.numbers_of(store, [first.uuid, second.uuid]) == {
        first.uuid: first.number,
        second.uuid: second.number,
    }
    assert first.to_json()["number"] == first.number


def test_concurrent_writers_never_share_a_number(
    store: Store, db_path: Path, people: dict[str, Actor], cooperatives: Any
) -> None:
    errors: list[BaseException] = []

    def write(seed: int) -> None:
        other = open_store(db_path)
        try:
            for i in range(15):
                capture.create_entry(
                    other, people["ayse"], "member.admit", "06-900001", member_admission(seed * 100 + i)
                )
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            other.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in (1, 2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = [e.number for e in entries.list_entries(store)]
    assert len(numbers) == 45
    assert len(set(numbers)) == 45
    serials = sorted(int(str(n).split("/")[1]) for n in numbers)
    assert serials == list(range(1, 46))


def test_cli_lists_and_shows_an_entry_by_its_number(
    store: Store, people: dict[str, Actor], cooperatives: Any, capsys: Any, monkeypatch: Any
) -> None:
    from koopbis_desktop.cli import main

    # Reading entries needs a signed-in account (main's hardening): the clerk who wrote it.
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)

    entry = capture.create_entry(store, people["ayse"], "member.admit", "06-900001", member_admission(3))
    db = ["--db", str(store.path), "--as", "ayse"]
    assert main([*db, "entry", "list"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith(str(entry.number)) and entry.uuid not in listed
    year, serial = str(entry.number).split("/")
    assert main([*db, "entry", "show", f"{year}/{int(serial)}"]) == 0
    shown = capsys.readouterr().out
    assert f"Kayıt no:     {entry.number}" in shown
    assert shown.count(entry.uuid) == 1  # only as the technical identity, last
    assert shown.rstrip().endswith(entry.uuid)


def test_migration_numbers_entries_saved_before_it(tmp_path: Path, monkeypatch: Any) -> None:
    import sqlite3

    from koopbis_desktop.store import migrations

    db = tmp_path / "eski.sqlite"
    real = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", real[:7])  # the schema before entry numbers (step 8)
    monkeypatch.setattr(migrations, "LATEST", 7)
    open_store(db, create=True, backups_dir=tmp_path / "backups").close()
    # Entries saved by the previous version (written as it wrote them, without a number).
    conn = sqlite3.connect(db)
    for uuid, created in (
        ("b", "2014-12-31T20:00:00.000+00:00"),
        ("a", "2015-01-05T08:00:00.000+00:00"),
        ("c", "2015-01-02T08:00:00.000+00:00"),
    ):
        conn.execute(
            "INSERT INTO entries(uuid, type, state, author, payload, created_at, updated_at) "
            "VALUES (?, 'member.admit', 'draft', 'ayse', '{}', ?, ?)",
            (uuid, created, created),
        )
    conn.commit()
    conn.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", real)
    monkeypatch.setattr(migrations, "LATEST", len(real))
    upgraded = open_store(db, backups_dir=tmp_path / "backups")
    try:
        assert entry_numbers.numbers_of(upgraded, ["a", "b", "c"]) == {
            "b": "2014/000001",  # per year, in the order they were first saved
            "c": "2015/000001",
            "a": "2015/000002",
        }
    finally:
        upgraded.close()


def test_manual_worklist_finds_an_entry_by_its_number(
    store: Store, people: dict[str, Actor], cooperatives: Any
) -> None:
    from koopbis_desktop.services import review
    from sync import manual

    entry = capture.create_entry(store, people["ayse"], "member.admit", "06-900001", member_admission(5))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    review.approve_entry(store, people["sef"], entry.uuid)
    year, serial = str(entry.number).split("/")
    found = manual.worklist(store).find(f"{year}/{int(serial)}")
    assert found is not None and found.uuid == entry.uuid
