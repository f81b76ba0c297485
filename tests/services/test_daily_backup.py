"""The backup a single PC takes by itself once a day: on a read-only connection, never half a file."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop import paths
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture, setup
from koopbis_desktop.store import backup, entries, private
from koopbis_desktop.store.db import Store, open_store
from koopbis_desktop.store.errors import KnownError
from tests.conftest import member_admission, reopen

# The backups' names carry the time they were taken: the days are counted from now.
NOW = datetime.now(UTC)


def folder_of(store: Store) -> Path:
    return paths.backups_dir(store.location, store.setting("backup_dir"))


@pytest.mark.sqlite_only
def test_the_first_start_of_a_day_backs_up_the_file_once(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    capture.create_entry(store, people["ayse"], "member.admit", "06-900001", member_admission(5))
    reader = reopen(store, read_only=True, check_integrity=False)
    try:
        first = setup.daily_backup(reader, now=NOW)
        again = setup.daily_backup(reader, now=NOW)
        tomorrow = setup.daily_backup(reader, now=NOW + timedelta(days=1))
    finally:
        reader.close()
    assert first is not None and first.name.endswith("-gunluk.sqlite") and first.parent == folder_of(store)
    assert again is None  # one a day
    assert tomorrow is not None and tomorrow != first
    assert sorted(p.name for p in folder_of(store).iterdir()) == sorted([first.name, tomorrow.name])
    assert backup.check_backup_file(first) > 0
    copy = open_store(first, read_only=True, check_integrity=False)
    try:
        assert entries.count_by_state(copy) == entries.count_by_state(store)
    finally:
        copy.close()


@pytest.mark.sqlite_only
def test_the_daily_backups_keep_the_newest_backup_keep(store: Store) -> None:
    store.set_setting("backup_keep", "3")
    taken = [setup.daily_backup(store, now=NOW + timedelta(days=day)) for day in range(5)]
    assert all(path is not None for path in taken)
    assert sorted(p.name for p in folder_of(store).glob("*.sqlite")) == sorted(
        p.name for p in taken[-3:] if p is not None
    )


@pytest.mark.sqlite_only
def test_a_backup_cut_off_half_way_leaves_nothing_that_passes_for_the_newest(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The disk fills up while the copy is written: no half file named as a backup stays in the
    # folder (the next damaged-file message would name it as "the newest backup").
    real = private.private_file

    def disk_full(path: Path) -> None:
        if path.parent == folder_of(store):
            raise OSError(28, "No space left on device")
        real(path)

    monkeypatch.setattr(private, "private_file", disk_full)
    with pytest.raises(KnownError) as refused:
        setup.daily_backup(store, now=NOW)
    assert "Yedek alınamadı" in refused.value.message and "Diskte yer" in refused.value.message
    assert list(folder_of(store).iterdir()) == []


@pytest.mark.sqlite_only
def test_what_a_cut_off_backup_left_goes_a_day_later_and_a_backup_being_written_stays(store: Store) -> None:
    # A backup killed half-way leaves its half file, a whole copy of the rows (in the clear for a
    # file that is not encrypted); one killed after its key file, that key file beside no backup.
    taken = setup.daily_backup(store, now=NOW)
    assert taken is not None
    folder = folder_of(store)
    half = folder / "koopbis-20261130-101010-000000-gunluk.sqlite.yarim"
    half.write_bytes(b"SQLite format 3\x00 half of the rows")
    stray_keys = folder / "koopbis-20261130-111111-000000-elle.sqlite.keys"
    stray_keys.write_text("{}")
    kept = folder / "koopbis-20261130-121212-000000-elle.sqlite"  # an older backup, whole
    kept.write_bytes(b"a whole backup")
    kept_keys = folder / (kept.name + ".keys")
    kept_keys.write_text("{}")
    writing = folder / "koopbis-20261201-090909-000000-elle.sqlite.yarim"  # `koopbis backup`, now
    writing.write_bytes(b"being written")
    writing_keys = folder / "koopbis-20261201-090909-000000-elle.sqlite.keys"
    writing_keys.write_text("{}")
    day_ago = time.time() - 2 * 24 * 3600  # two days ago: long cut off
    for path in (half, stray_keys, kept, kept_keys):
        os.utime(path, (day_ago, day_ago))
    later = setup.daily_backup(store, now=NOW + timedelta(days=1))
    assert later is not None
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [taken.name, later.name, kept.name, kept_keys.name, writing.name, writing_keys.name]
    )


def test_the_office_database_is_backed_up_by_its_it_not_by_each_pc(store: Store) -> None:
    if store.dialect.name == "sqlite":
        assert setup.daily_backup(store, now=NOW) is not None
    else:
        assert setup.daily_backup(store, now=NOW) is None


@pytest.mark.sqlite_only
def test_a_backup_folder_that_is_a_file_is_refused_in_turkish(store: Store, tmp_path: Path) -> None:
    # `koopbis backup D:\yedek` where D:\yedek is a file, or a 'Yedek klasörü' setting naming one.
    occupied = tmp_path / "yedek"
    occupied.write_text("bir dosya")
    with pytest.raises(KnownError) as refused:
        setup.backup_now(store, occupied)
    assert refused.value.message == (
        f"Yedek klasörü kullanılamıyor: {occupied} (bu adda bir dosya var, klasör değil). Ayarlardaki "
        "'Yedek klasörü'nü denetleyin ya da bilgi işlem sorumlusuna haber verin."
    )
    assert occupied.read_text() == "bir dosya"


def test_an_encrypted_files_daily_backup_is_encrypted_with_its_key_file_beside(
    encrypted_store: Store,
) -> None:
    from koopbis_desktop.store import encryption, keyfile

    reader = reopen(encrypted_store, read_only=True, check_integrity=False)
    try:
        taken = setup.daily_backup(reader, now=NOW)
    finally:
        reader.close()
    assert taken is not None and encryption.is_encrypted(taken)
    assert keyfile.keyfile_path(taken).is_file()
    assert backup.check_backup_file(taken, lambda path: encrypted_store.key) > 0
