"""Encrypting a database of the previous version in place, and re-encrypting under a new key.

Both go the same careful way: an encrypted backup first, then an encrypted copy
beside the database (``sqlcipher_export``), then the copy is checked against the
original — every table's rows (entries, revisions, attachments, users…) by
count and by a hash of their contents, and the audit chain — and only then is
the key file written and the copy renamed over the database. Until that rename
the original file is untouched, so a kill or a refused check loses nothing: the
program finds the old database as it was (and a stale side file it removes).

The plain backups of the backups folder (taken before the encryption, each a whole
copy of every member) are then encrypted the same way, one by one, under the new
key with its key file beside each; one that cannot be is left as it was and named.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.store import audit, keyfile, private
from koopbis_desktop.store.db import Store, connect_raw, db_errors, file_kind, open_store
from koopbis_desktop.store.errors import KeyFileDamaged, KeyFileMissing, KnownError, PlainDatabase

Progress = Callable[[str, float], None]


class MigrationRefused(KnownError):
    """The encrypted copy differs from the original: nothing was replaced."""


@dataclass(frozen=True)
class MigrationReport:
    recovery_key: str
    backup: Path | None
    rows: dict[str, int]
    audit_rows: int
    #: Active accounts without a slot under the new key yet (their next sign-in on the
    #: open database or a password reset by an admin gives them one).
    waiting: tuple[str, ...] = ()
    #: Plain backups of the backups folder now encrypted under the new key (each checked).
    encrypted_backups: tuple[Path, ...] = ()
    #: Plain backups that could not be encrypted (left as they were): to delete by hand.
    plain_backups: tuple[Path, ...] = ()

    def old_backup_notes(self) -> list[str]:
        """What became of the plain backups, for the administrator (the CLI and the desktop)."""
        notes: list[str] = []
        if self.encrypted_backups:
            notes.append(
                tx(
                    "Şifresiz {count} eski yedek de yeni anahtarla şifrelendi (her biri denetlendi; aynı parolalar açar)."
                ).format(count=len(self.encrypted_backups))
            )
        if self.plain_backups:
            notes.append(
                tx(
                    "Bu eski yedekler şifrelenemedi ve şifresiz duruyor (üyelerin kişisel verileri okunabilir): "
                    "{files}. Şifreli yedeğin açıldığını doğruladıktan sonra bunları silin."
                ).format(files=", ".join(str(p) for p in self.plain_backups))
            )
        return notes


def _quiet(_text: str, _fraction: float) -> None:
    pass


def fingerprint(conn: Any) -> dict[str, tuple[int, str]]:
    """Every ordinary table's row count and a hash of its rows, in rowid order."""
    tables = [
        name
        for (name, sql) in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        if not str(sql).upper().startswith("CREATE VIRTUAL")
    ]
    result: dict[str, tuple[int, str]] = {}
    for name in tables:
        digest = hashlib.sha256()
        count = 0
        for row in conn.execute(f'SELECT * FROM "{name}"'):
            digest.update(repr(row).encode("utf-8"))
            count += 1
        result[name] = (count, digest.hexdigest())
    return result


def copy_encrypted(source: Path, target: Path, key: bytes, source_key: bytes | None = None) -> None:
    """``source`` copied into a new file encrypted with ``key`` (SQLCipher's own export)."""
    target.unlink(missing_ok=True)
    conn = connect_raw(source, source_key) if source_key is not None else _cipher_plain(source)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        quoted = str(target).replace("'", "''")
        conn.execute(f"ATTACH DATABASE '{quoted}' AS encrypted KEY \"x'{key.hex()}'\"")
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute(f"PRAGMA encrypted.user_version = {version}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    _fsync(target)


def _cipher_plain(path: Path) -> Any:
    from sqlcipher3 import dbapi2

    return dbapi2.connect(str(path))


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _fold_wal(path: Path, key: bytes | None) -> None:
    conn = connect_raw(path, key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _check_copy(copy: Path, key: bytes, expected: dict[str, tuple[int, str]], audit_rows: int) -> None:
    conn = connect_raw(copy, key)
    try:
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise MigrationRefused(
                tx("Şifreli kopyanın bütünlük denetimi geçmedi; veritabanı değiştirilmedi.")
            )
        found = fingerprint(conn)
        chain = audit.verify(conn)
    finally:
        conn.close()
    differing = sorted(
        name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name)
    )
    if differing:
        raise MigrationRefused(
            tx(
                "Şifreli kopya özgün veritabanıyla aynı değil ({tables}); "
                "veritabanı değiştirilmedi, eski hâliyle açılır."
            ).format(tables=", ".join(differing[:5]))
        )
    if not chain.ok or chain.rows != audit_rows:
        raise MigrationRefused(
            tx("Şifreli kopyada denetim izi zinciri doğrulanamadı; veritabanı değiştirilmedi.")
        )


def _check_same(copy: Path, key: bytes, expected: dict[str, tuple[int, str]]) -> None:
    conn = connect_raw(copy, key)
    try:
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise MigrationRefused(tx("Şifreli kopyanın bütünlük denetimi geçmedi."))
        if fingerprint(conn) != expected:
            raise MigrationRefused(tx("Şifreli kopya özgün dosyayla aynı değil."))
    finally:
        conn.close()


def _encrypt_plain_backups(
    backups_dir: Path, key: bytes, keys: keyfile.KeyFile, progress: Progress
) -> tuple[list[Path], list[Path]]:
    """Every plain backup of ``backups_dir`` encrypted in place under ``key``, with ``keys`` beside it.

    They hold every member as the database did. Each goes the migration's careful way: an
    encrypted copy beside it, compared row by row, then the key file, then the rename; one
    that cannot be read or copied stays as it was and is named (nothing is deleted).
    """
    done: list[Path] = []
    left: list[Path] = []
    failures: tuple[type[Exception], ...] = (OSError, KnownError, *db_errors())
    plain = [p for p in sorted(backups_dir.glob("koopbis-*.sqlite")) if file_kind(p) == "plain"]
    for number, saved in enumerate(plain, start=1):
        progress(
            tx("Eski şifresiz yedekler şifreleniyor ({number}/{count})…").format(
                number=number, count=len(plain)
            ),
            0.92,
        )
        side = saved.with_name(saved.name + ".encrypting")
        try:
            _fold_wal(saved, None)
            conn = connect_raw(saved, None)
            try:
                expected = fingerprint(conn)
            finally:
                conn.close()
            copy_encrypted(saved, side, key)
            _check_same(side, key, expected)
            keys.save(keyfile.keyfile_path(saved))
            for suffix in ("-wal", "-shm"):
                Path(str(saved) + suffix).unlink(missing_ok=True)
            os.replace(side, saved)
        except failures:
            side.unlink(missing_ok=True)
            left.append(saved)
            continue
        done.append(saved)
    return done, left


def _swap(path: Path, copy: Path, keys: keyfile.KeyFile) -> None:
    # The key file first: a kill before the rename leaves the old file, which its own
    # header shows to be plain (or under the old key, whose key file the backup keeps).
    keys.save()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(copy, path)
    if os.name == "posix":
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _backup_name(backups_dir: Path, reason: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    return backups_dir / f"koopbis-{stamp}-{reason}.sqlite"


def _prepare(
    path: Path, key: bytes | None, backups_dir: Path | None
) -> tuple[dict[str, tuple[int, str]], int, list[str]]:
    """Bring the schema up to date, fold the log into the file and measure what must survive."""
    store = open_store(path, backups_dir=backups_dir, key=key)
    try:
        store.checkpoint()
        expected = fingerprint(store.conn)
        chain = audit.verify(store.conn)
        active = [
            str(r[0]) for r in store.query("SELECT username FROM users WHERE active = 1 ORDER BY username")
        ]
    finally:
        store.close()
    if not chain.ok:
        raise MigrationRefused(
            tx(
                "Denetim izi zinciri şifrelemeden önce de bozuk ({reason}); önce bilgi işleme başvurun. "
                "Veritabanı değiştirilmedi."
            ).format(reason=chain.reason)
        )
    _fold_wal(path, key)
    return expected, chain.rows, active


def _failures_of(path: Path) -> dict[str, dict[str, Any]]:
    """The wrong-password counts and lockouts in ``path``'s key file; none from a damaged one."""
    try:
        return {
            name: dict(record)
            for name, record in keyfile.KeyFile.load(keyfile.keyfile_path(path), path).failures.items()
        }
    except (KeyFileMissing, KeyFileDamaged):
        return {}


def _run(
    path: Path,
    old_key: bytes | None,
    accounts: dict[str, str],
    backups_dir: Path | None,
    progress: Progress,
    reason: str,
) -> MigrationReport:
    progress(tx("Veritabanı denetleniyor…"), 0.05)
    expected, audit_rows, active = _prepare(path, old_key, backups_dir)
    key = keyfile.new_key()
    keys = keyfile.KeyFile.create(keyfile.keyfile_path(path), key)
    if old_key is not None:
        # A new key is no unlock: the wrong-password counts and lockouts go on under it (an
        # account given its slot below starts again, as a new password does).
        keys.failures.update(_failures_of(path))
    recovery = keys.new_recovery(key)
    for username, password in accounts.items():
        keys.put(keyfile.user_slot(username), key, password)
    waiting = tuple(name for name in active if name not in accounts)
    for username in waiting:
        keys.await_slot(username)
    saved: Path | None = None
    if backups_dir is not None:
        progress(tx("Şifreli yedek alınıyor…"), 0.2)
        private.private_dir(backups_dir)
        saved = _backup_name(backups_dir, reason)
        copy_encrypted(path, saved, key, old_key)
        keys.save(keyfile.keyfile_path(saved))
    progress(tx("Veritabanı şifreleniyor…"), 0.45)
    copy = path.with_name(path.name + ".encrypting")
    try:
        copy_encrypted(path, copy, key, old_key)
        progress(tx("Şifreli kopya denetleniyor (kayıtlar, sayılar, denetim izi)…"), 0.75)
        _check_copy(copy, key, expected, audit_rows)
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    progress(tx("Şifreli dosya yerine konuyor…"), 0.9)
    _swap(path, copy, keys)
    encrypted: list[Path] = []
    left: list[Path] = []
    if backups_dir is not None:
        encrypted, left = _encrypt_plain_backups(backups_dir, key, keys, progress)
    progress(tx("Tamam."), 1.0)
    return MigrationReport(
        recovery_key=recovery,
        backup=saved,
        rows={name: count for name, (count, _) in expected.items()},
        audit_rows=audit_rows,
        waiting=waiting,
        encrypted_backups=tuple(encrypted),
        plain_backups=tuple(left),
    )


def encrypt_in_place(
    path: Path,
    username: str,
    password: str,
    *,
    backups_dir: Path | None,
    progress: Progress = _quiet,
) -> MigrationReport:
    """Encrypt the plain database at ``path`` (nobody may have it open); ``username`` gets the first slot.

    The other accounts get their slots when they next sign in on the open
    database, or when an admin resets their passwords.
    """
    path = Path(path)
    if file_kind(path) != "plain":
        raise KnownError(
            tx("{path} şifrelenecek eski bir veritabanı değil (zaten şifreli ya da yok).").format(path=path)
        )
    Path(str(path) + ".encrypting").unlink(missing_ok=True)  # left by a killed earlier attempt
    return _run(path, None, {username: password}, backups_dir, progress, "sifreleme-oncesi")


def rotate_key(
    store: Store, username: str, password: str, *, progress: Progress = _quiet
) -> tuple[MigrationReport, list[str]]:
    """Re-encrypt the database under a new key; closes ``store``. Returns the report and the accounts left without a slot.

    Only ``username`` (whose password is given) gets a slot under the new key at
    once; the others get theirs at their next sign-in on the open database or
    when an admin resets their passwords. A new recovery key replaces the old.
    """
    if store.key is None:
        raise PlainDatabase(store.path)
    path, old_key, backups_dir = store.path, store.key, store.backups_dir
    store.close()
    Path(str(path) + ".encrypting").unlink(missing_ok=True)
    report = _run(path, old_key, {username: password}, backups_dir, progress, "anahtar-yenileme")
    return report, list(report.waiting)


__all__ = [
    "MigrationRefused",
    "MigrationReport",
    "copy_encrypted",
    "encrypt_in_place",
    "fingerprint",
    "rotate_key",
]
