"""The two facts the desktop needs before its first window, read in about a millisecond.

Whether the database is set up (login or first-run wizard) and which language to
show decide the first widget. Opening the store properly — integrity check,
migrations, sqlite-utils — takes hundreds of milliseconds on a large file (seconds
with a cold disk cache), so the app reads these two settings read-only with the
standard library alone and lets the DB worker open and check the file meanwhile.
Whether the file is encrypted (:func:`file_kind`) is read here too, from its first bytes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


def file_kind(path: Path) -> str:
    """``missing``, ``empty``, ``plain`` (an SQLite header) or ``encrypted`` (random bytes).

    A plain file whose first bytes were overwritten still has SQLite's fixed payload
    fractions (64, 32, 32) at offset 21, which SQLCipher encrypts: that file is
    ``plain`` (and damaged), so it is reported as damaged, not as encrypted.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return "missing"
    if size == 0:
        return "empty"
    with open(path, "rb") as f:
        head = f.read(24)
    if head.startswith(SQLITE_HEADER) or head[21:24] == b"\x40\x20\x20":
        return "plain"
    return "encrypted"


@dataclass(frozen=True)
class StartFacts:
    """What a start needs to know before the database opens: set up yet, and in which language."""

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
