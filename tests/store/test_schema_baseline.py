"""A new database file is built from the schema baseline: the migration steps' result at once.

The baseline must stay exactly what a replay of every step makes (the same objects, the same
SQL, the same rows SQLite's own tables start with), on a plain and an encrypted file, all or
nothing; and it is not used when it is not the shipped steps' result.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.store import encryption, migrations, schema_baseline
from koopbis_desktop.store.db import open_store
from koopbis_desktop.store.errors import StoreError

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.sqlite_only


def _contents(path: Path) -> tuple[Any, ...]:
    """:func:`migrations.file_contents` of the file at ``path``."""
    conn = sqlite3.connect(path)
    try:
        return migrations.file_contents(conn)
    finally:
        conn.close()


def _new_file(path: Path) -> tuple[Any, ...]:
    """What a new file that ``open_store`` built at ``path`` holds."""
    open_store(path, create=True).close()
    return _contents(path)


def _replayed_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    """A new file built by replaying the steps (a copy of the shipped list is not the shipped one)."""
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", list(migrations.MIGRATIONS))
        assert migrations.baseline_statements() is None
        return _new_file(path)


def _mark_the_baseline(monkeypatch: pytest.MonkeyPatch) -> None:
    """One more statement in the baseline: a table that only a build from it has."""
    marked = (*schema_baseline.STATEMENTS, "CREATE TABLE baseline_mark (x)")
    monkeypatch.setattr(schema_baseline, "STATEMENTS", marked)


def test_the_baseline_is_what_replaying_the_steps_makes() -> None:
    assert schema_baseline.VERSION == migrations.LATEST
    assert list(schema_baseline.STATEMENTS) == migrations.replayed_schema(), (
        "the schema baseline is out of date: run python scripts/schema_baseline.py --update"
    )
    assert migrations.baseline_statements() == schema_baseline.STATEMENTS


def test_the_generator_checks_and_leaves_a_current_baseline_alone() -> None:
    before = (ROOT / "koopbis_desktop" / "store" / "schema_baseline.py").read_text(encoding="utf-8")
    for argv in ([], ["--update"]):
        done = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "schema_baseline.py"), *argv],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert "up to date" in done.stdout
    assert (ROOT / "koopbis_desktop" / "store" / "schema_baseline.py").read_text(encoding="utf-8") == before


def test_a_new_file_from_the_baseline_equals_a_replayed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replayed = _replayed_file(tmp_path / "adim-adim.sqlite", monkeypatch)
    assert _new_file(tmp_path / "yeni.sqlite") == replayed
    assert replayed[2] == migrations.LATEST
    assert any(
        name == "cooperatives_trigram_config" for _, name, _, _ in replayed[0]
    )  # shadow tables compared


def test_a_new_encrypted_file_from_the_baseline_equals_a_replayed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    replayed = _replayed_file(tmp_path / "adim-adim.sqlite", monkeypatch)
    store = encryption.create_encrypted(tmp_path / "sifreli" / "koopbis.sqlite")
    try:
        assert migrations.file_contents(store.conn) == replayed
    finally:
        store.close()


def test_a_new_file_is_built_from_the_baseline_not_by_the_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mark_the_baseline(monkeypatch)
    objects, _rows, version = _new_file(tmp_path / "yeni.sqlite")
    assert any(name == "baseline_mark" for _, name, _, _ in objects)
    assert version == migrations.LATEST


def test_a_baseline_of_another_version_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replayed = _replayed_file(tmp_path / "adim-adim.sqlite", monkeypatch)
    # A step added without regenerating the baseline: the steps are replayed instead.
    monkeypatch.setattr(schema_baseline, "VERSION", migrations.LATEST - 1)
    _mark_the_baseline(monkeypatch)
    assert migrations.baseline_statements() is None
    assert _new_file(tmp_path / "yeni.sqlite") == replayed


def test_a_baseline_that_fails_leaves_the_new_file_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "yeni.sqlite"
    with monkeypatch.context() as patch:
        broken = (*schema_baseline.STATEMENTS, "CREATE INDEX broken ON no_such_table (x)")
        patch.setattr(schema_baseline, "STATEMENTS", broken)
        with pytest.raises(StoreError):
            open_store(path, create=True)
    # Nothing of the statements before the broken one stayed: all or nothing.
    objects, _rows, version = _contents(path)
    assert version == 0
    assert objects == []
    # The file is still a new one: the next start builds it.
    store = open_store(path, create=True)
    try:
        assert store.schema_version() == migrations.LATEST
    finally:
        store.close()
