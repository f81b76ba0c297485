"""The two facts the desktop needs before its first window, read in about a millisecond.

Whether the database is set up (login or first-run wizard) and which language to
show decide the first widget. Opening the store properly — integrity check,
migrations, sqlite-utils — takes hundreds of milliseconds on a large file (seconds
with a cold disk cache), so the app reads these two settings read-only with the
standard library alone and lets the DB worker open and check the file meanwhile.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StartFacts:
    initialised: bool
    language: str | None


def peek_start_facts(path: Path) -> StartFacts | None:
    """The facts, or ``None`` when they cannot be read (damaged, foreign, empty, locked file).

    ``None`` tells the caller to wait for the worker's open, whose error names the
    problem (damaged file with the newest backup, schema too new). A file from a
    newer program is refused by that open too; these two reads never write.
    """
    path = Path(path)
    if not path.exists():
        return StartFacts(initialised=False, language=None)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) == 0:
            return None
        rows = dict(
            conn.execute(
                "SELECT key, value FROM settings WHERE key IN ('province_code', 'language')"
            ).fetchall()
        )
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return StartFacts(initialised=rows.get("province_code") is not None, language=rows.get("language"))
