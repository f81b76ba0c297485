"""SQLite's integrity check, in two steps: the tables a start reads, then the whole file.

``PRAGMA quick_check`` reads every page, so it grows with the file (about 200 ms
at 100,000 entries, seconds with a cold disk cache). The desktop checks at
open only the small tables its login and first window read (:data:`START_TABLES`),
which takes a fraction of a millisecond whatever the size, and checks the whole
file on a thread of its own beside the first window (:func:`check_whole_file`):
a damaged file is still named, with the newest backup, a moment later. The
command line and every other open keep the whole check before any work.

The whole check, at the first start of a day, also asks each full-text index of the folded text
whether it still holds what its table holds (:func:`check_text_indexes`), and builds one that
does not again from its table: the queue's text box and the cooperatives' search trust those
indexes, as they are derived data nothing is lost in remaking.

SQLite-only (PRAGMA): a PostgreSQL store checks nothing here.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: What a start reads before its first page: the settings and the accounts (the sign-in).
START_TABLES = ("settings", "users")

#: The full-text indexes of the folded text: FTS5 tables over their tables' ``search`` column
#: (external content), kept by triggers (migrations 9 and 17). ``quick_check`` reads their pages
#: but cannot tell whether they still say what the tables hold. The queue's text box takes a word
#: they find as found, and one they do not as absent; the cooperatives' search lists what they find.
TEXT_INDEXES = ("entries_trigram", "cooperatives_trigram", "cooperatives_fts")


def problems(conn: Any, tables: Sequence[str] | None = None) -> list[str]:
    """``quick_check``'s findings for ``tables`` (each with its indexes), or for the whole file; [] when sound."""
    found: list[str] = []
    for table in tables if tables is not None else (None,):
        pragma = "PRAGMA quick_check" if table is None else f'PRAGMA quick_check("{table}")'
        found += [str(row[0]) for row in conn.execute(pragma).fetchall() if row != ("ok",)]
    return found


def stale_text_indexes(conn: Any, *, unchecked: list[str] | None = None) -> list[str]:
    """The :data:`TEXT_INDEXES` whose content differs from their tables' (FTS5's own check,
    against the table: about 0.2 s for 100,000 entries, 0.5 s for 90,000 cooperatives). The check
    holds the file's write lock while it runs; a lock it cannot take leaves that index unchecked
    (the next start checks it), and a file this PC may only read is not checked. ``unchecked``
    gets the names of those left unchecked."""
    present = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    stale: list[str] = []
    left = unchecked if unchecked is not None else []
    for n, name in enumerate(TEXT_INDEXES):
        if name not in present:
            continue
        try:
            conn.execute(f"INSERT INTO {name}({name}, rank) VALUES ('integrity-check', 1)")
        except Exception as exc:  # sqlite3's or SQLCipher's error: the two share no base class
            if _failed_for(exc, ("SQLITE_CORRUPT",), "malformed"):
                stale.append(name)
            elif _busy(exc):
                log.info("the text index %s was not checked: the file is busy", name)
                left.append(name)
            elif _read_only(exc):
                log.info("the text indexes were not checked: the file is read-only here")
                left.extend(other for other in TEXT_INDEXES[n:] if other in present)
                break
            else:
                raise
        finally:
            conn.rollback()  # the check writes nothing; its statement opened a transaction
    return stale


def _failed_for(exc: Exception, codes: tuple[str, ...], word: str) -> bool:
    """Whether ``exc`` is one of SQLite's ``codes`` (by its error name, or SQLCipher's message)."""
    error = getattr(exc, "sqlite_errorname", "") or ""
    return error.startswith(codes) or word in str(exc).lower()


def _busy(exc: Exception) -> bool:
    return _failed_for(exc, ("SQLITE_BUSY", "SQLITE_LOCKED"), "locked")


def _read_only(exc: Exception) -> bool:
    return _failed_for(exc, ("SQLITE_READONLY",), "readonly")


#: The settings key holding the day (the PC's own calendar, ISO) the text indexes were last found
#: matching their tables. Their check holds the file's write lock up to half a second each at
#: 100,000 entries, so it runs at the first start of a day, not at every start: a save made in that
#: moment waits for it.
TEXT_INDEXES_CHECKED = "text_indexes_checked"


def check_text_indexes(conn: Any, today: date | None = None) -> list[str]:
    """Once a day: the stale :data:`TEXT_INDEXES` (:func:`stale_text_indexes`), made again from
    their tables (:func:`rebuild_text_index`); the day is noted when every index was checked.
    Returns the names of those made again ([] when checked already today)."""
    day = (today or date.today()).isoformat()
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (TEXT_INDEXES_CHECKED,)).fetchone()
    if row is not None and row[0] == day:
        return []
    unchecked: list[str] = []
    stale = stale_text_indexes(conn, unchecked=unchecked)
    for name in stale:
        log.warning("the text index %s no longer matched its table: made again from it", name)
        rebuild_text_index(conn, name)
    if not unchecked:
        try:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (TEXT_INDEXES_CHECKED, day),
            )
            conn.commit()
        except Exception as exc:  # sqlite3's or SQLCipher's error
            conn.rollback()
            if not (_busy(exc) or _read_only(exc)):
                raise
            log.info("the text indexes' check was not noted: the file is busy (the next start checks again)")
    return stale


def rebuild_text_index(conn: Any, name: str) -> None:
    """Make the text index ``name`` (one of :data:`TEXT_INDEXES`) again from its table."""
    if name not in TEXT_INDEXES:
        raise ValueError(name)
    conn.execute(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
    conn.commit()


def check_whole_file(
    path: Path, key: bytes | None, backups_dir: Path | None, *, today: date | None = None
) -> None:
    """Check every page of the database at ``path`` on a connection of this thread's own, then,
    at the first check of ``today`` (the PC's day), its text indexes, making a stale one again
    (:func:`check_text_indexes`).

    Raises :class:`DatabaseDamaged` naming the newest backup. Reading beside the
    DB worker's connection is safe: the file is in WAL mode, so the check sees one
    consistent state while the worker writes; the worker waits for a text index's check
    (its busy timeout), as for any other writer.
    """
    from koopbis_desktop.store.db import connect_raw, db_errors, newest_backup
    from koopbis_desktop.store.errors import DatabaseDamaged, opening_error

    errors = db_errors() if key is not None else (sqlite3.Error,)
    try:
        # An ordinary connection, which writes only to make a stale text index again: it shares
        # the WAL index with the worker's (a read-only "immutable" open would skip the log and
        # could see a half-done checkpoint).
        conn = connect_raw(path, key)
        try:
            found = problems(conn)
            if not found:
                check_text_indexes(conn, today)
        finally:
            conn.close()
    except errors as exc:
        raise opening_error(exc, path, newest_backup(backups_dir)) from exc
    if found:
        raise DatabaseDamaged(path, "; ".join(found[:3]), newest_backup(backups_dir))
