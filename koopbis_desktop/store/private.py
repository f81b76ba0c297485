"""Files and folders with members' personal data are their owner's alone.

On a PC where several people have accounts (Linux, or a shared Windows profile folder
mounted elsewhere) the default modes (0755 folders, 0644 files) let any of them copy the
database, its backups and its key file, and try the clerks' passwords against the key file
offline. What the program makes is created readable by its owner only. POSIX modes; on
Windows a user's profile folders are private already and ``chmod`` is left alone.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path


def owner_only(path: Path, mode: int) -> None:
    if os.name == "posix":
        with suppress(OSError):
            os.chmod(path, mode)


def private_dir(path: Path) -> Path:
    """``path`` as a folder; made now (with its missing parents) readable by its owner only.

    A folder that already exists keeps its mode: one the person chose (``--db`` elsewhere,
    a backup destination) is theirs to set.
    """
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        owner_only(path, 0o700)
    return path


def private_file(path: Path) -> None:
    """A file the program has just made: its owner's alone (SQLite's -wal/-shm follow the file's mode)."""
    owner_only(path, 0o600)
