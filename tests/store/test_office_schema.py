"""The office database has the single-PC file's schema: same tables, same columns, same version.

A numbered step added for SQLite without its PostgreSQL half would leave the office
behind; this test names it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.store import migrations, pg_schema
from koopbis_desktop.store.db import open_store

# Tables only the single-PC file has: SQLite's FTS5 indexes (PostgreSQL indexes the column itself)
# and the counts its triggers keep (PostgreSQL counts with its indexes: migration 20's note).
_SQLITE_ONLY = ("cooperatives_fts", "cooperatives_trigram", "entries_trigram", "row_counts")


def test_every_step_after_the_baseline_has_its_postgresql_half() -> None:
    missing = [n + 1 for n in range(pg_schema.BASELINE, migrations.LATEST) if n not in pg_schema.STEPS]
    assert missing == [], f"migrations without a PostgreSQL step: {missing}"


@pytest.mark.sqlite_only
def test_both_engines_have_the_same_tables_and_columns(db_path: Path, office_url: Any) -> None:
    lite = open_store(db_path, create=True)
    office = open_store(office_url, create=True)
    try:
        assert lite.schema_version() == office.schema_version() == migrations.LATEST
        lite_tables = {
            str(name)
            for (name,) in lite.query("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not str(name).startswith(("sqlite_", *_SQLITE_ONLY))
        }
        office_tables = {
            str(name)
            for (name,) in office.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            )
        } - {"koopbis_schema"}
        assert lite_tables == office_tables
        for table in sorted(lite_tables):
            lite_columns = {str(row[1]) for row in lite.query(f"PRAGMA table_info({table})")}
            office_columns = {
                str(name)
                for (name,) in office.query(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND table_name = ?",
                    (table,),
                )
            } - {"rowid"}  # the office's stand-in for SQLite's implicit rowid
            assert lite_columns == office_columns, table
    finally:
        lite.close()
        office.close()
