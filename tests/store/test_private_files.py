"""What the program makes with members' personal data is readable by its owner only (POSIX modes).

Before, the database, its -wal, its backups and their folders were made 0644/0755: any other
account of the PC could copy them, and the key file's slots could be tried offline.
"""

from __future__ import annotations

import stat
from pathlib import Path

from koopbis_desktop.store import encryption
from koopbis_desktop.store.backup import create_backup


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_its_key_file_and_its_backups_are_the_owners_alone(tmp_path: Path) -> None:
    folder = tmp_path / "veri" / "koopbis-desktop"
    store = encryption.create_encrypted(folder / "koopbis.sqlite", backups_dir=folder / "backups")
    try:
        made = create_backup(store, folder / "backups", reason="deneme")
    finally:
        store.close()
    files = [
        folder / "koopbis.sqlite",
        folder / "koopbis.sqlite.keys",
        made,
        Path(f"{made}.keys"),
    ]
    for path in files:
        assert _mode(path) == 0o600, (path, oct(_mode(path)))
    for path in (folder, folder / "backups"):
        assert _mode(path) == 0o700, (path, oct(_mode(path)))


def test_a_folder_the_person_chose_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "ortak"
    shared.mkdir()
    shared.chmod(0o755)
    store = encryption.create_encrypted(shared / "koopbis.sqlite")
    store.close()
    assert _mode(shared) == 0o755  # theirs to set
    assert _mode(shared / "koopbis.sqlite") == 0o600  # the file is still the owner's alone
