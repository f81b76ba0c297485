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
import stat
from dataclasses import dataclass
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
#: SQLCipher's page size: an encrypted database is always whole pages.
CIPHER_PAGE = 4096


def looks_random(head: bytes) -> bool:
    """A file's first 512 bytes as SQLCipher writes them (a salt, then ciphertext)."""
    # 512 random bytes hold about 222 distinct values; text and file headers far fewer.
    return len(head) == 512 and len(set(head)) > 150


def file_kind(path: Path) -> str:
    """``missing``, ``empty``, ``plain`` (an SQLite header), ``encrypted`` or ``foreign``.

    ``encrypted`` is whole 4 KiB pages of random-looking bytes, as SQLCipher writes; anything
    else without an SQLite header (a text, a key file's JSON, a spreadsheet, a cut-off file) is
    ``foreign``, which opens as "not a KOOP-BİS database", never as an encrypted database whose
    key file is missing. A plain file whose first bytes were overwritten still has SQLite's
    fixed payload fractions (64, 32, 32) at offset 21, which SQLCipher encrypts: that file is
    ``plain`` (and damaged), so it is reported as damaged, not as encrypted. A folder is
    refused (:class:`~koopbis_desktop.store.errors.DatabaseIsFolder`).
    """
    try:
        facts = path.stat()
    except FileNotFoundError:
        return "missing"
    if stat.S_ISDIR(facts.st_mode):
        from koopbis_desktop.store.errors import DatabaseIsFolder

        raise DatabaseIsFolder(path)
    if facts.st_size == 0:
        return "empty"
    with open(path, "rb") as f:
        head = f.read(512)
    if head.startswith(SQLITE_HEADER) or head[21:24] == b"\x40\x20\x20":
        return "plain"
    if facts.st_size % CIPHER_PAGE == 0 and looks_random(head):
        return "encrypted"
    return "foreign"


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
