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

Keys, salts and nonces are ``os.urandom`` bytes (what ``secrets.token_bytes`` returns);
``hashlib``, ``hmac`` and ``secrets`` (≈ 5 ms to load, OpenSSL's hashes) load where a key
is checked or a recovery key made: every start reads this module to find the key file.
"""

from __future__ import annotations

import base64
import json
import os
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.store.errors import KeyFileDamaged, KeyFileMissing, SlotNotYetGiven, WrongPassword

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

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
    return os.urandom(KEY_BYTES)


def key_check(key: bytes) -> str:
    """A fingerprint of the key: tells "wrong key file for this database" from "wrong password"."""
    import hashlib
    import hmac

    return hmac.new(key, b"koopbis-key-check", hashlib.sha256).hexdigest()[:32]


def user_slot(username: str) -> str:
    return f"user:{username}"


def new_recovery_key() -> str:
    import secrets

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
    """The slot's key: argon2id (argon2-cffi's ``hash_secret_raw``, computed on the PC's cores)."""
    from koopbis_desktop.store.password_hash import derive_key

    return derive_key(
        secret.encode("utf-8"),
        salt,
        time_cost=int(kdf["time_cost"]),
        memory_cost=int(kdf["memory_cost"]),
        parallelism=int(kdf["parallelism"]),
        hash_len=32,
    )


def wrap(key: bytes, secret: str, slot: str) -> dict[str, Any]:
    """``key`` sealed under ``secret``; the slot's name is authenticated too (no slot swapping)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = os.urandom(16)
    nonce = os.urandom(12)
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


# -- slots sealed for a public key: office backups (services/setup.new_office_recovery_key) ------
# An office database has no key file, yet the backups taken from it travel. Its recovery key
# (40 digits on paper, like a single PC's) derives an X25519 key pair; the database keeps only
# the public half, so whoever takes a backup seals its key for recovery without being able to
# open any backup with it. ``KeyFile.open_slot`` opens both kinds of slot.

SEALED = "x25519"


def _recovery_pair(recovery: str, salt: bytes, kdf: dict[str, Any]) -> X25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return X25519PrivateKey.from_private_bytes(_derive(normalise_recovery_key(recovery), salt, kdf))


def new_sealing_key() -> tuple[str, dict[str, Any]]:
    """A new recovery key (shown once) and the public half a database may keep: ``(digits, published)``."""
    recovery = new_recovery_key()
    salt = os.urandom(16)
    kdf = KDF.as_json()
    public = _recovery_pair(recovery, salt, kdf).public_key().public_bytes_raw()
    return recovery, {"kind": SEALED, "kdf": kdf, "salt": _b64(salt), "public": _b64(public)}


def _sealing_key(shared: bytes, ephemeral: bytes, slot: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral, info=slot.encode("utf-8")).derive(
        shared
    )


def seal(key: bytes, published: dict[str, Any], slot: str) -> dict[str, Any]:
    """``key`` sealed for the holder of ``published``'s recovery key (ephemeral X25519, then AES-GCM)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(_unb64(published["public"])))
    nonce = os.urandom(12)
    sealed = AESGCM(_sealing_key(shared, ephemeral_public, slot)).encrypt(nonce, key, slot.encode("utf-8"))
    return {
        "kind": SEALED,
        "kdf": published["kdf"],
        "salt": published["salt"],
        "ephemeral": _b64(ephemeral_public),
        "nonce": _b64(nonce),
        "wrapped": _b64(sealed),
    }


def _open_sealed(entry: dict[str, Any], recovery: str, slot: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    private = _recovery_pair(recovery, _unb64(entry["salt"]), entry["kdf"])
    ephemeral = _unb64(entry["ephemeral"])
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    try:
        return AESGCM(_sealing_key(shared, ephemeral, slot)).decrypt(
            _unb64(entry["nonce"]), _unb64(entry["wrapped"]), slot.encode("utf-8")
        )
    except InvalidTag:
        return None


@dataclass
class KeyFile:
    path: Path
    check: str
    slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Wrong passwords per account: the encrypted file cannot be opened to count them in
    #: ``users``, so the account's lockout (five tries, then a pause) is kept here. Not a
    #: secret; whoever can edit this file can also try passwords offline against it, which
    #: argon2id makes slow.
    failures: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Open accounts with no slot under this key yet (after an encryption, a rotation, a copy
    #: into a new file, an account opened again): their sign-in while the file is shut is told
    #: how to get one instead of "wrong password", and is not counted. Names only, as the slots'.
    waiting: list[str] = field(default_factory=list)

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
            failures = {str(k): dict(v) for k, v in dict(data.get("failures", {})).items()}
            waiting = [str(name) for name in list(data.get("waiting", []))]
            return cls(path=path, check=str(data["check"]), slots=slots, failures=failures, waiting=waiting)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyFileDamaged(path, db_path) from exc

    def save(self, path: Path | None = None) -> None:
        """Replace the file atomically: a crash leaves the old file or the new one, never half."""
        target = path or self.path
        tmp = target.with_name(target.name + ".tmp")
        body = json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "check": self.check,
                "slots": self.slots,
                "failures": self.failures,
                "waiting": sorted(set(self.waiting)),
            },
            indent=1,
            sort_keys=True,
        )
        # Readable by its owner only (where the system has such modes): another account of the PC
        # could otherwise copy it and try the clerks' passwords against it offline.
        with suppress(FileNotFoundError):
            tmp.unlink()  # a crash's leftover would keep its old mode
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as out:
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
        self._given(slot)
        if slot.startswith("user:"):
            # A new password (set by its owner, an admin or with the recovery key) ends the lockout
            # the old one's wrong tries set, as users.set_password does in the database.
            self.failures.pop(slot.split(":", 1)[1], None)

    def put_sealed(self, slot: str, key: bytes, published: dict[str, Any]) -> None:
        """A slot only the recovery key behind ``published`` opens (:func:`seal`)."""
        if key_check(key) != self.check:
            raise ValueError("key does not belong to this key file")
        self.slots[slot] = seal(key, published, slot)

    def drop(self, slot: str) -> None:
        self.slots.pop(slot, None)
        self._given(slot)

    def _given(self, slot: str) -> None:
        """A user slot written or dropped: that account waits for none any more."""
        if slot.startswith("user:"):
            name = slot.split(":", 1)[1]
            self.waiting = [n for n in self.waiting if n != name]

    def await_slot(self, username: str) -> None:
        """``username`` is an open account that gets its slot at its next sign-in on the open file."""
        if user_slot(username) not in self.slots and username not in self.waiting:
            self.waiting.append(username)

    def accounts(self) -> list[str]:
        return sorted(s.split(":", 1)[1] for s in self.slots if s.startswith("user:"))

    def open_slot(self, slot: str, secret: str) -> bytes | None:
        """The key from ``slot`` with ``secret``; None for no such slot or another secret.

        A slot damaged inside a readable file (a salt that is no base64, a missing or odd cost,
        a nonce cut short) raises KeyFileDamaged, with the way back, for that slot only.
        """
        from argon2.exceptions import HashingError

        entry = self.slots.get(slot)
        if entry is None:
            return None
        try:
            key = (
                _open_sealed(entry, secret, slot)
                if entry.get("kind") == SEALED
                else unwrap(entry, secret, slot)
            )
        except (ValueError, KeyError, TypeError, AttributeError, HashingError) as exc:
            raise KeyFileDamaged(self.path, _database_of(self.path)) from exc
        if key is not None and key_check(key) != self.check:
            return None
        return key

    def unlock(self, username: str, password: str, *, now: datetime | None = None) -> bytes:
        """The database key from an account's password; WrongPassword otherwise (exit 4).

        Five wrong passwords in a row lock the account for a while, as the sign-in of a
        plain database does (``store/users.py``), with the same sentences.
        """
        from koopbis_desktop.store.users import LOCKOUT, MAX_FAILED_ATTEMPTS

        moment = now or datetime.now(UTC)
        record = self.failures.get(username, {})
        until = _moment(record.get("until"))
        if until is not None and until > moment:
            raise WrongPassword(_locked_sentence(until - moment))
        if user_slot(username) not in self.slots and username in self.waiting:
            raise SlotNotYetGiven(username)
        key = self.open_slot(user_slot(username), password)
        if key is not None:
            if username in self.failures:
                del self.failures[username]
                self.save()
            return key
        count = _count(record.get("count")) + 1 if until is None else 1
        if count >= MAX_FAILED_ATTEMPTS:
            self.failures[username] = {"count": count, "until": (moment + LOCKOUT).isoformat()}
            self.save()
            raise WrongPassword(_locked_sentence(LOCKOUT))
        # A name without a slot answers exactly as a known one (same count, same lockout).
        self.failures[username] = {"count": count}
        self.save()
        raise WrongPassword(
            tx(
                "Kullanıcı adı ya da parola hatalı (ya da bu hesabın veritabanı anahtarı yok: kapatılmış bir hesap "
                "veritabanını açamaz). Hesap kilitlenmeden önce {left} deneme hakkınız kaldı."
            ).format(left=MAX_FAILED_ATTEMPTS - count)
        )

    def clear_failures(self, username: str) -> None:
        """An admin unlocked the account: its count of wrong passwords starts again."""
        if self.failures.pop(username, None) is not None:
            self.save()

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


def _database_of(keys: Path) -> Path | None:
    name = str(keys)
    return Path(name[: -len(SUFFIX)]) if name.endswith(SUFFIX) else None


def _moment(value: Any) -> datetime | None:
    """A lockout's end as written; an unreadable one counts as none (it guards nothing secret)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _count(value: Any) -> int:
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _locked_sentence(left: timedelta) -> str:
    from koopbis_desktop.store.users import MAX_FAILED_ATTEMPTS

    minutes = max(1, round(left.total_seconds() / 60))
    return tx(
        "Hesap {MAX_FAILED_ATTEMPTS} hatalı denemeden sonra kilitlendi; {minutes} dakika sonra yeniden deneyin ya da yöneticiye kilidi açtırın."
    ).format(MAX_FAILED_ATTEMPTS=MAX_FAILED_ATTEMPTS, minutes=minutes)


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
    "new_sealing_key",
    "normalise_recovery_key",
    "seal",
    "start",
    "user_slot",
]
