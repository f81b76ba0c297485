"""SQLite's integrity check, in two steps: the tables a start reads, then the whole file.

``PRAGMA quick_check`` reads every page, so it grows with the file (about 200 ms
at 100,000 entries, seconds with a cold disk cache). The desktop checks at
open only the small tables its login and first window read (:data:`START_TABLES`),
which takes a fraction of a millisecond whatever the size, and checks the whole
file on a thread of its own beside the first window (:func:`check_whole_file`):
a damaged file is still named, with the newest backup, a moment later. The
command line and every other open keep the whole check before any work.

SQLite-only (PRAGMA): a PostgreSQL store checks nothing here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: What a start reads before its first page: the settings and the accounts (the sign-in).
START_TABLES = ("settings", "users")


def problems(conn: Any, tables: Sequence[str] | None = None) -> list[str]:
    """``quick_check``'s findings for ``tables`` (each with its indexes), or for the whole file; [] when sound."""
    found: list[str] = []
    for table in tables if tables is not None else (None,):
        pragma = "PRAGMA quick_check" if table is None else f'PRAGMA quick_check("{table}")'
        found += [str(row[0]) for row in conn.execute(pragma).fetchall() if row != ("ok",)]
    return found


def check_whole_file(path: Path, key: bytes | None, backups_dir: Path | None) -> None:
    """Check every page of the database at ``path`` on a connection of this thread's own.

    Raises :class:`DatabaseDamaged` naming the newest backup. Reading beside the
    DB worker's connection is safe: the file is in WAL mode, so the check sees one
    consistent state while the worker writes.
    """
    from koopbis_desktop.store.db import connect_raw, db_errors, newest_backup
    from koopbis_desktop.store.errors import DatabaseDamaged, opening_error

    errors = db_errors() if key is not None else (sqlite3.Error,)
    try:
        # An ordinary connection that only reads: it shares the WAL index with the worker's
        # (a read-only "immutable" open would skip the log and could see a half-done checkpoint).
        conn = connect_raw(path, key)
        try:
            found = problems(conn)
        finally:
            conn.close()
    except errors as exc:
        raise opening_error(exc, path, newest_backup(backups_dir)) from exc
    if found:
        raise DatabaseDamaged(path, "; ".join(found[:3]), newest_backup(backups_dir))
