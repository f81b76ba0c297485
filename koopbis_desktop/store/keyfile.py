"""The key file beside an encrypted database: the database key, wrapped once per account.

The database (SQLCipher 4) is encrypted with a random 256-bit key nobody types.
``koopbis.sqlite.keys`` holds that key wrapped in *slots*, one per active account
(argon2id from the account's password, then AES-256-GCM), so signing in with
one's own password opens the database and nobody carries an extra password.

One more slot is sealed with the **recovery key** (40 random digits printed once
at set-up, or anew by ``koopbis key recovery``): whoever holds that paper opens
the database when every password is lost. Every backup carries a copy of the key
file, so a lost or damaged key file is put back from the newest backup. The key
file holds no personal data and opens nothing without a password.

The key file is replaced atomically (write, fsync, rename), so a crash while
rewrapping leaves either the old or the new file, both of which open the
database. ``KDF`` is a module constant so tests can lower argon2's cost, as they
do for the password hashes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from koopbis_desktop.store.errors import KeyFileDamaged, KeyFileMissing, WrongPassword

FORMAT = "koopbis-keys"
VERSION = 1
KEY_BYTES = 32
SUFFIX = ".keys"
# The recovery key: 8 groups of 5 digits, about 133 bits, typed from paper.
RECOVERY_GROUPS = 8
RECOVERY_GROUP_DIGITS = 5


@dataclass(frozen=True)
class KdfParams:
    """argon2id's cost. Production: 3 passes over 64 MiB (about half a second on a clerk's PC)."""

    time_cost: int = 3
    memory_cost: int = 64 * 1024  # KiB
    parallelism: int = 2

    def as_json(self) -> dict[str, int | str]:
        return {
            "name": "argon2id",
            "time_cost": self.time_cost,
            "memory_cost": self.memory_cost,
            "parallelism": self.parallelism,
        }


KDF = KdfParams()


def keyfile_path(db_path: Path) -> Path:
    return Path(str(db_path) + SUFFIX)


RECOVERY_SLOT = "recovery"


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_check(key: bytes) -> str:
    """A fingerprint of the key: tells "wrong key file for this database" from "wrong password"."""
    return hmac.new(key, b"koopbis-key-check", hashlib.sha256).hexdigest()[:32]


def user_slot(username: str) -> str:
    return f"user:{username}"


def new_recovery_key() -> str:
    digits = "".join(str(secrets.randbelow(10)) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_DIGITS))
    return "-".join(
        digits[i : i + RECOVERY_GROUP_DIGITS] for i in range(0, len(digits), RECOVERY_GROUP_DIGITS)
    )


def normalise_recovery_key(text: str) -> str:
    """Spaces, dashes and line breaks as the person typed them do not matter."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return "-".join(
        digits[i : i + RECOVERY_GROUP_DIGITS] for i in range(0, len(digits), RECOVERY_GROUP_DIGITS)
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# argon2 and AES-GCM are imported where a slot is sealed or opened: the desktop asks
# whether a file is encrypted (its key file's name) before its first window.


def _derive(secret: str, salt: bytes, kdf: dict[str, Any]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=int(kdf["time_cost"]),
        memory_cost=int(kdf["memory_cost"]),
        parallelism=int(kdf["parallelism"]),
        hash_len=32,
        type=Type.ID,
    )


def wrap(key: bytes, secret: str, slot: str) -> dict[str, Any]:
    """``key`` sealed under ``secret``; the slot's name is authenticated too (no slot swapping)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kdf = KDF.as_json()
    sealed = AESGCM(_derive(secret, salt, kdf)).encrypt(nonce, key, slot.encode("utf-8"))
    return {"kdf": kdf, "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(sealed)}


def unwrap(entry: dict[str, Any], secret: str, slot: str) -> bytes | None:
    """The key, or None when ``secret`` is not the one the slot was sealed with."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        wrapping = _derive(secret, _unb64(entry["salt"]), entry["kdf"])
        return AESGCM(wrapping).decrypt(
            _unb64(entry["nonce"]), _unb64(entry["wrapped"]), slot.encode("utf-8")
        )
    except InvalidTag:
        return None


@dataclass
class KeyFile:
    path: Path
    check: str
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)

    # -- reading and writing -------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, key: bytes) -> KeyFile:
        return cls(path=path, check=key_check(key))

    @classmethod
    def load(cls, path: Path, db_path: Path | None = None) -> KeyFile:
        if not path.exists():
            raise KeyFileMissing(path, db_path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or int(data.get("version", 0)) != VERSION:
                raise ValueError("format")
            slots = {str(k): dict(v) for k, v in data["slots"].items()}
            return cls(path=path, check=str(data["check"]), slots=slots)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyFileDamaged(path, db_path) from exc

    def save(self, path: Path | None = None) -> None:
        """Replace the file atomically: a crash leaves the old file or the new one, never half."""
        target = path or self.path
        tmp = target.with_name(target.name + ".tmp")
        body = json.dumps(
            {"format": FORMAT, "version": VERSION, "check": self.check, "slots": self.slots},
            indent=1,
            sort_keys=True,
        )
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        _fsync_dir(target.parent)

    # -- slots -------------------------------------------------------------------------------

    def put(self, slot: str, key: bytes, secret: str) -> None:
        if key_check(key) != self.check:
            raise ValueError("key does not belong to this key file")
        self.slots[slot] = wrap(key, secret, slot)

    def drop(self, slot: str) -> None:
        self.slots.pop(slot, None)

    def accounts(self) -> list[str]:
        return sorted(s.split(":", 1)[1] for s in self.slots if s.startswith("user:"))

    def open_slot(self, slot: str, secret: str) -> bytes | None:
        entry = self.slots.get(slot)
        if entry is None:
            return None
        key = unwrap(entry, secret, slot)
        if key is not None and key_check(key) != self.check:
            return None
        return key

    def unlock(self, username: str, password: str) -> bytes:
        """The database key from an account's password; WrongPassword otherwise (exit 4)."""
        key = self.open_slot(user_slot(username), password)
        if key is None:
            raise WrongPassword()
        return key

    def unlock_recovery(self, recovery_key: str) -> bytes:
        key = self.open_slot(RECOVERY_SLOT, normalise_recovery_key(recovery_key))
        if key is None:
            raise WrongPassword(RECOVERY_REFUSED)
        return key

    def new_recovery(self, key: bytes) -> str:
        """Seal ``key`` under a fresh recovery key (the old one stops working); returns it, shown once."""
        recovery = new_recovery_key()
        self.put(RECOVERY_SLOT, key, recovery)
        return recovery


RECOVERY_REFUSED = "Kurtarma anahtarı bu veritabanını açmıyor; anahtarı kâğıttan dikkatle yeniden yazın."


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def start(db_path: Path, key: bytes, accounts: dict[str, str] | None = None) -> tuple[KeyFile, str]:
    """A new key file for ``key`` beside ``db_path``: the recovery slot and one per ``{username: password}``.

    Returns the file and the recovery key, which is shown once and stored nowhere.
    """
    keys = KeyFile.create(keyfile_path(db_path), key)
    recovery = keys.new_recovery(key)
    for username, password in (accounts or {}).items():
        keys.put(user_slot(username), key, password)
    keys.save()
    return keys, recovery


__all__ = [
    "KDF",
    "RECOVERY_SLOT",
    "KdfParams",
    "KeyFile",
    "key_check",
    "keyfile_path",
    "new_key",
    "new_recovery_key",
    "normalise_recovery_key",
    "start",
    "user_slot",
]
