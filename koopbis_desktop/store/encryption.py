"""Opening an encrypted database with a password or the recovery key, and keeping its slots.

Whether a database is encrypted is the file's own fact: an SQLite header means
a plain file of the previous version, random bytes an encrypted one, whose key
file (``store/keyfile.py``) sits beside it. Accounts' slots follow the accounts:
adding a user or setting a password wraps the key for that password, disabling
removes the slot (``services/accounts.py`` calls these inside its use cases).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from koopbis_desktop.store import keyfile, private
from koopbis_desktop.store.errors import KeyFileDamaged, KeyFileMissing, KeyFileWithoutDatabase
from koopbis_desktop.store.startfacts import file_kind

# The store (sqlite-utils, the migrations) is imported by the functions that open one: the
# desktop asks is_encrypted/is_new/set_aside_unfinished before its first window.
if TYPE_CHECKING:
    from koopbis_desktop.store.db import Store


def is_encrypted(path: Path) -> bool:
    """True for an encrypted file, and for a new one whose key file was already written."""
    path = Path(path)
    kind = file_kind(path)
    if kind == "encrypted":
        return True
    return kind in ("missing", "empty") and keyfile.keyfile_path(path).exists()


def is_new(path: Path) -> bool:
    """No database yet (or an empty file): the place for a new, encrypted one."""
    return file_kind(path) in ("missing", "empty") and not keyfile.keyfile_path(path).exists()


def set_aside_unfinished(path: Path) -> Path | None:
    """A first run cut off before its first account left a key file nobody can open: move it aside.

    Nothing can have been entered into such a database (entering needs an
    account), so the next start simply begins the set-up again; the files are
    renamed, not deleted. Returns the new name of the database, or None.
    """
    kf = keyfile.keyfile_path(path)
    if not kf.exists():
        return None
    try:
        if keyfile.KeyFile.load(kf, path).accounts():
            return None
    except KeyFileDamaged:
        return None
    aside = path.with_name(path.name + ".yarim-kalmis")
    for suffix in ("-wal", "-shm", keyfile.SUFFIX, ""):
        source = Path(str(path) + suffix)
        if source.exists():
            source.replace(Path(str(aside) + suffix))
    return aside


def check_keyfile(path: Path) -> None:
    """Raise KeyFileMissing or KeyFileDamaged (with the way back) before anyone types a password."""
    keyfile.KeyFile.load(keyfile.keyfile_path(path), path)


def unlock_key(path: Path, username: str, password: str) -> bytes:
    """The database key from ``username``'s slot (WrongPassword, KeyFileMissing, KeyFileDamaged)."""
    path = Path(path)
    return keyfile.KeyFile.load(keyfile.keyfile_path(path), path).unlock(username, password)


def open_with_password(
    path: Path,
    username: str,
    password: str,
    *,
    backups_dir: Path | None = None,
    create: bool = False,
    check_integrity: bool | Literal["start"] = True,
) -> Store:
    """Open ``path`` as ``username``: unwrap the key when the file is encrypted, else open it plain."""
    from koopbis_desktop.store.db import open_store

    path = Path(path)
    key = unlock_key(path, username, password) if is_encrypted(path) else None
    store = open_store(path, create=create, backups_dir=backups_dir, key=key, check_integrity=check_integrity)
    if key is not None:
        store.unlocked_by = username  # the slot proved the password: the sign-in need not hash it again
    return store


def open_with_recovery(path: Path, recovery_key: str, *, backups_dir: Path | None = None) -> Store:
    """Open with the recovery key when every password is lost (the key file must be there)."""
    from koopbis_desktop.store.db import open_store

    key = keyfile.KeyFile.load(keyfile.keyfile_path(path), path).unlock_recovery(recovery_key)
    return open_store(path, backups_dir=backups_dir, key=key)


def check_no_orphan_keyfile(path: Path) -> None:
    """Raise KeyFileWithoutDatabase when ``path`` is missing but its key file is there (before asking anything)."""
    path = Path(path)
    keys = keyfile.keyfile_path(path)
    if file_kind(path) in ("missing", "empty") and keys.exists():
        raise KeyFileWithoutDatabase(path, keys)


def create_encrypted(path: Path, *, backups_dir: Path | None = None) -> Store:
    """A new database, encrypted from its first byte.

    The key file is written before the database so a crash cannot leave an
    encrypted file without one; it has no account slot until the first account,
    and the recovery key the set-up shows is made then (:func:`new_recovery_key`).
    A key file already there is never replaced (``KeyFileWithoutDatabase``).
    """
    from koopbis_desktop.store.db import open_store

    # Never replaced: it opens a database that was moved or deleted (its slots, its recovery
    # slot). A first run cut off before its first account is set aside first by its callers.
    if keyfile.keyfile_path(path).exists():
        raise KeyFileWithoutDatabase(path, keyfile.keyfile_path(path))
    key = keyfile.new_key()
    private.private_dir(path.parent)
    # No slot yet, not even a recovery one: a recovery key made here would be shown to
    # nobody (the set-up makes the one it shows), and sealing it costs an argon2 run.
    keyfile.KeyFile.create(keyfile.keyfile_path(path), key).save()
    return open_store(path, create=True, backups_dir=backups_dir, key=key)


def _keys(store: Store) -> keyfile.KeyFile:
    return keyfile.KeyFile.load(keyfile.keyfile_path(store.path), store.path)


def set_slot(store: Store, username: str, password: str) -> None:
    """Wrap the open database's key for ``username``'s (new) password; nothing for a plain file."""
    if store.key is None:
        return
    keys = _keys(store)
    keys.put(keyfile.user_slot(username), store.key, password)
    keys.save()


def drop_slot(store: Store, username: str) -> None:
    """The account can no longer open the database (it is disabled), nor its backups.

    Each backup in the backups folder carries a copy of the key file with the slots of its
    day: the closed account's slot is removed from those too (the administrators' and the
    recovery key's stay). A copy on a removable disk is out of reach.
    """
    if store.key is None:
        return
    keys = _keys(store)
    keys.drop(keyfile.user_slot(username))
    keys.save()
    folder = store.backups_dir
    if folder is None or not folder.is_dir():
        return
    for copy in sorted(folder.glob("koopbis-*.sqlite" + keyfile.SUFFIX)):
        try:
            kept = keyfile.KeyFile.load(copy)
        except (KeyFileDamaged, KeyFileMissing):
            continue  # a damaged copy is left as it is (never rewritten)
        if keyfile.user_slot(username) in kept.slots:
            kept.drop(keyfile.user_slot(username))
            kept.save()


def await_slots(store: Store, usernames: list[str] | tuple[str, ...]) -> None:
    """These open accounts get their slot at their next sign-in on the open file: until then a
    sign-in on the shut file tells them so (``keyfile.KeyFile.unlock``). Nothing for a plain file."""
    if store.key is None:
        return
    keys = _keys(store)
    for username in usernames:
        keys.await_slot(username)
    keys.save()


def clear_failures(store: Store, username: str) -> None:
    """Forget an account's wrong passwords in the key file (an admin unlocked it)."""
    if store.key is not None:
        _keys(store).clear_failures(username)


def has_slot(store: Store, username: str) -> bool:
    if store.key is None:
        return True
    return keyfile.user_slot(username) in _keys(store).slots


def slot_accounts(store: Store) -> list[str]:
    return _keys(store).accounts() if store.key is not None else []


def new_recovery_key(store: Store) -> str:
    """A fresh recovery key for the open database (the old paper stops working); shown once."""
    if store.key is None:
        raise ValueError("plain database has no recovery key")
    keys = _keys(store)
    recovery = keys.new_recovery(store.key)
    keys.save()
    return recovery


__all__ = [
    "await_slots",
    "check_keyfile",
    "check_no_orphan_keyfile",
    "clear_failures",
    "create_encrypted",
    "drop_slot",
    "has_slot",
    "is_encrypted",
    "is_new",
    "new_recovery_key",
    "open_with_password",
    "open_with_recovery",
    "set_aside_unfinished",
    "set_slot",
    "slot_accounts",
    "unlock_key",
]
