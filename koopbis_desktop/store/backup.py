"""Backups through SQLite's online backup API: consistent even while the program runs.

Taken before every migration and on demand; the newest ``keep`` files are kept.
A restore first backs up the current database, so a restore can be undone too.

A backup of an encrypted database is encrypted with the same key (the backup API
between two keyed SQLCipher connections) and gets a copy of the key file beside
it (``….sqlite.keys``), so the accounts' passwords and the recovery key open it
too. Opening a backup therefore needs a key: callers pass ``unlock(path) -> key``.

A backup of the office database is the same kind of file — an encrypted
SQLite database with its key file beside it — so restoring, the support bundle
and printouts treat it alike. Its rows are copied by ``store/transfer.py``
under a fresh key per backup, wrapped for the account that took it and sealed
for the office's recovery key when an administrator has made one
(:data:`OFFICE_RECOVERY`).
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.store import keyfile, migrations, private
from koopbis_desktop.store.db import Store, connect_raw, db_errors, file_kind
from koopbis_desktop.store.errors import DatabaseDamaged, KeyRequired, KnownError

#: Gives the key of an encrypted database or backup file (from its key file), None for a plain one.
Unlock = Callable[[Path], bytes | None]

#: The setting holding the public half of the office's backup recovery key (``keyfile.new_sealing_key``).
OFFICE_RECOVERY = "office_backup_recovery"

DEFAULT_KEEP = 10

#: A backup is written beside its name (``….sqlite.yarim``) and renamed when whole. One still
#: there this long after it was last written was cut off (the program killed, a power cut): no
#: backup takes a day, so one being written now, by the desktop or ``koopbis backup``, is never
#: taken for it. Such a leftover is a whole copy of the database's rows, in the clear for a file
#: that is not encrypted: it is removed when the folder's old backups are.
CUT_OFF_AFTER_S = 24 * 3600


class BackupTargetTaken(KnownError):
    """A backup is a new file: never written over one already there, nor over the open database
    or its key file (exit 4, a person's choice of name, nothing written)."""

    exit_code = ExitCode.NOT_PERMITTED


def _refuse_taken(store: Store, target: Path) -> None:
    """Refuse ``target`` when a file (or folder) is there, or when it is the open database or its key file."""
    keys = keyfile.keyfile_path(target)
    if isinstance(store.location, Path):
        own = store.location.resolve()
        if target.resolve() in {own, keyfile.keyfile_path(own), Path(f"{own}-wal"), Path(f"{own}-shm")}:
            raise BackupTargetTaken(
                tx(
                    "{target} açık olan veritabanının kendi dosyası; yedek onun üzerine yazılmaz, hiçbir şey "
                    "değişmedi. Yedek için bir klasör ya da başka bir klasörde yeni bir dosya adı verin."
                ).format(target=target)
            )
    for taken in (target, keys):
        if taken.exists() or taken.is_symlink():
            raise BackupTargetTaken(
                tx(
                    "{taken} zaten var; yedek var olan bir dosyanın üzerine yazılmaz, hiçbir şey değişmedi. "
                    "Yeni bir dosya adı ya da bir klasör verin (klasöre her yedek kendi tarihli adıyla yazılır)."
                ).format(taken=taken)
            )


def _safe(reason: str) -> str:
    return re.sub(r"[^a-zA-Z0-9_-]+", "-", reason).strip("-") or "elle"


def create_backup(
    store: Store,
    dest: Path,
    *,
    reason: str = "elle",
    keep: int | None = None,
    account: tuple[str, str] | None = None,
) -> Path:
    """Copy the live database into ``dest`` (a folder, or a file path ending in .sqlite).

    The backup is always a new file: a file already at ``dest`` (another province's database,
    an earlier backup, the open database itself) is never written over (:class:`BackupTargetTaken`).

    ``account`` (username, password) is who takes an office database's backup: its key is
    wrapped for that password. A single PC's backup opens with the database's own key file.
    """
    dest = Path(dest)
    if dest.suffix == ".sqlite":
        target = dest
        folder = dest.parent
    else:
        folder = dest
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"koopbis-{stamp}-{_safe(reason)}.sqlite"
    _refuse_taken(store, target)
    try:
        private.private_dir(folder)
    except OSError as exc:
        raise KnownError(
            tx(
                "Yedek klasörü kullanılamıyor: {folder} ({reason}). Ayarlardaki 'Yedek klasörü'nü "
                "denetleyin ya da bilgi işlem sorumlusuna haber verin."
            ).format(folder=folder, reason=_folder_refused_reason(exc))
        ) from exc
    if store.dialect.name == "postgresql":
        try:
            _office_backup(store, target, account)
        except OSError as exc:
            raise KnownError(
                tx("Yedek alınamadı ({target}): {exc}. Diskte yer ve klasör izinlerini kontrol edin.").format(
                    target=target, exc=exc
                )
            ) from exc
    else:
        _file_backup(store, target)
    if dest.suffix != ".sqlite":
        prune(
            folder,
            keep
            if keep is not None
            else int(store.setting("backup_keep", str(DEFAULT_KEEP)) or DEFAULT_KEEP),
        )
    return target


def _folder_refused_reason(exc: OSError) -> str:
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return tx("bu adda bir dosya var, klasör değil")
    if isinstance(exc, PermissionError):
        return tx("bu klasöre yazma izniniz yok")
    if exc.errno == errno.ENOSPC:
        return tx("diskte yer kalmadı")
    return str(exc.strerror or exc)


def _file_backup(store: Store, target: Path) -> None:
    """The file's pages into a new file beside ``target``, renamed onto it when whole: a backup cut
    off half-way (a power cut, a full disk) never stands in the folder as the newest one."""
    failures: tuple[type[Exception], ...] = (*db_errors(), OSError)
    side = target.with_name(target.name + ".yarim")
    try:
        _discard(side)
        out = connect_raw(side, store.key)
        private.private_file(side)
        try:
            store.conn.backup(out)
        finally:
            out.close()
        _refuse_taken(store, target)  # nor did anything come there while the pages were copied
        if store.key is not None:
            # The key file first: a kill before the rename leaves it beside no file, never a file without it.
            keys = keyfile.KeyFile.load(keyfile.keyfile_path(store.path), store.path)
            keys.save(keyfile.keyfile_path(target))
        os.replace(side, target)
    except failures as exc:
        raise KnownError(
            tx("Yedek alınamadı ({target}): {exc}. Diskte yer ve klasör izinlerini kontrol edin.").format(
                target=target, exc=exc
            )
        ) from exc
    finally:
        _discard(side)


def _office_backup(store: Store, target: Path, account: tuple[str, str] | None) -> None:
    """The office database's rows into a new encrypted file, built beside ``target`` and renamed onto it."""
    from koopbis_desktop.store import transfer
    from koopbis_desktop.store.db import open_store

    if account is None:
        raise KnownError(
            tx(
                "Ofis veritabanının yedeği, yedeği alan hesabın parolasıyla şifrelenir; oturum açmış bir "
                "hesabın parolası olmadan yedek alınmadı."
            )
        )
    username, password = account
    side = target.with_name(target.name + ".yarim")
    _discard(side)
    key = keyfile.new_key()
    keys = keyfile.KeyFile.create(keyfile.keyfile_path(target), key)
    keys.put(keyfile.user_slot(username), key, password)
    published = store.setting(OFFICE_RECOVERY)
    if published:
        keys.put_sealed(keyfile.RECOVERY_SLOT, key, json.loads(published))
    try:
        out = open_store(side, create=True, key=key)
        try:
            transfer.copy_all(store, out)
            out.checkpoint()
        finally:
            out.close()
        # The key file first: a kill before the rename leaves it beside no file, never a file without it.
        keys.save()
        os.replace(side, target)
    finally:
        _discard(side)


def _discard(path: Path) -> None:
    for suffix in ("-wal", "-shm", ""):
        Path(str(path) + suffix).unlink(missing_ok=True)


_TAKEN = re.compile(r"koopbis-(\d{8}-\d{6})-")


def taken_since(folder: Path, moment: datetime) -> bool:
    """``folder`` holds a backup taken at ``moment`` or later (by the UTC time its name carries)."""
    for path in folder.glob("koopbis-*.sqlite"):
        found = _TAKEN.match(path.name)
        if found and datetime.strptime(found.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC) >= moment:
            return True
    return False


def prune(folder: Path, keep: int, *, now: float | None = None) -> list[Path]:
    """The oldest backups beyond ``keep`` go, with their key files; and what cut-off backups left.

    A cut-off backup leaves its half-written file (see :data:`CUT_OFF_AFTER_S`) and, when it
    was killed between writing its key file and renaming its file, a key file beside no
    backup. Returns what was removed.
    """
    backups = sorted(folder.glob("koopbis-*.sqlite"), key=lambda p: p.name)
    doomed = backups[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink(missing_ok=True)
        keyfile.keyfile_path(path).unlink(missing_ok=True)
    before = (time.time() if now is None else now) - CUT_OFF_AFTER_S
    for side in sorted(folder.glob("koopbis-*.sqlite.yarim")):
        if _written_before(side, before):
            _discard(side)
            doomed.append(side)
    for keys in sorted(folder.glob("koopbis-*.sqlite" + keyfile.SUFFIX)):
        backup = keys.with_name(keys.name.removesuffix(keyfile.SUFFIX))
        half = backup.with_name(backup.name + ".yarim")
        if not backup.exists() and not half.exists() and _written_before(keys, before):
            keys.unlink(missing_ok=True)
            doomed.append(keys)
    return doomed


def _written_before(path: Path, moment: float) -> bool:
    try:
        return path.stat().st_mtime < moment
    except FileNotFoundError:  # removed meanwhile (another prune)
        return False


def _key_of(path: Path, unlock: Unlock | None) -> bytes | None:
    if file_kind(path) != "encrypted":
        return None
    if not keyfile.keyfile_path(path).exists():
        raise KnownError(
            f"{path} bir KOOP-BİS Desktop yedeği değil ya da şifreli yedeğin anahtar dosyası "
            f"({keyfile.keyfile_path(path).name}) yanında değil."
        )
    key = unlock(path) if unlock is not None else None
    if key is None:
        raise KeyRequired(path)
    return key


def _connect_read_only(path: Path, key: bytes | None) -> Any:
    if key is None:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return connect_raw(path, key)


def _province_of(path: Path, key: bytes | None) -> str:
    """The plate code the database at ``path`` was set up for ("" when it has none yet)."""
    conn = _connect_read_only(path, key)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'province_code'").fetchone()
    finally:
        conn.close()
    return str(row[0]).strip() if row and row[0] else ""


class OtherProvince(KnownError):
    """A backup of another province's database: restoring it would put that province's records here."""

    exit_code = ExitCode.NOT_PERMITTED


def _refuse_another_province(backup_file: Path, backup_key: bytes | None, current: Store) -> None:
    from koopbis_desktop.domain.display import province_label

    ours = (current.setting("province_code") or "").strip()
    theirs = _province_of(backup_file, backup_key)
    if ours and theirs and ours != theirs:
        raise OtherProvince(
            tx(
                "Bu yedek başka bir ilin veritabanından: {backup} {theirs_name} ({theirs}) için, bu veritabanı "
                "{ours_name} ({ours}) için kurulmuş. Geri yüklenmedi; bu ilin yedeklerinden birini seçin."
            ).format(
                backup=backup_file.name,
                theirs=theirs,
                theirs_name=province_label(theirs),
                ours=ours,
                ours_name=province_label(ours),
            )
        )


def check_backup_file(path: Path, unlock: Unlock | None = None) -> int:
    """Refuse a file that is not a healthy KOOP-BİS Desktop database; returns its schema version."""
    if not path.is_file():
        raise KnownError(tx("Yedek dosyası bulunamadı: {path}").format(path=path))
    key = _key_of(path, unlock)
    try:
        conn = _connect_read_only(path, key)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            integrity = conn.execute("PRAGMA integrity_check").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except db_errors() as exc:
        raise KnownError(
            tx("{path} bir KOOP-BİS Desktop yedeği değil ya da bozuk: {exc}").format(path=path, exc=exc)
        ) from exc
    if integrity != [("ok",)]:
        raise KnownError(tx("Yedek dosyası bozuk: {path}. Başka bir yedek seçin.").format(path=path))
    if not {"entries", "audit", "users"} <= tables or version < 1:
        raise KnownError(tx("{path} bir KOOP-BİS Desktop yedeği değil.").format(path=path))
    if version > migrations.LATEST:
        raise KnownError(
            tx(
                "Yedek programın daha yeni bir sürümüyle alınmış (şema {version}); önce programı güncelleyin."
            ).format(version=version)
        )
    return version


def _keep_aside(db_path: Path, backups_dir: Path) -> Path:
    private.private_dir(backups_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"{db_path.name}-{stamp}.kullanilamaz"
    shutil.copyfile(db_path, target)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    return target


def _copy(source: Path, target: Path, key: bytes | None) -> None:
    src = _connect_read_only(source, key)
    dst = connect_raw(target, key)
    try:
        src.backup(dst)
    except db_errors() as exc:
        raise KnownError(tx("Geri yükleme yapılamadı: {exc}. Veritabanı değişmedi.").format(exc=exc)) from exc
    finally:
        src.close()
        dst.close()


def _copy_encrypting(source: Path, target: Path, key: bytes) -> None:
    """The plain ``source`` into a new ``target`` encrypted with ``key`` (SQLCipher's own export)."""
    from koopbis_desktop.store.encrypt_migration import copy_encrypted

    try:
        copy_encrypted(source, target, key)
    except db_errors() as exc:
        raise KnownError(tx("Geri yükleme yapılamadı: {exc}. Veritabanı değişmedi.").format(exc=exc)) from exc


def restore(db_path: Path, backup_file: Path, backups_dir: Path, unlock: Unlock | None = None) -> Path | None:
    """Replace the database at ``db_path`` with ``backup_file``; returns the safety backup of the old one.

    ``unlock`` gives the key of an encrypted file (the current database and the
    backup each through its own key file). A backup under the database's own key
    is copied into the file in place; one under another key (from before a
    rotation) is copied beside it and renamed over it, and its key file comes along. A
    plain backup (from before the encryption) over an encrypted database is encrypted
    under the database's key on the way: the database stays encrypted.
    """
    check_backup_file(backup_file, unlock)
    from koopbis_desktop.store.db import open_store

    safety: Path | None = None
    unusable = False
    if file_kind(db_path) == "empty":
        # What a failed copy or a full disk leaves: kept aside too, so nothing is ever thrown away.
        safety = _keep_aside(db_path, backups_dir)
        db_path.unlink()
        unusable = True
    elif db_path.exists() and file_kind(db_path) != "missing":
        try:
            current = open_store(
                db_path, backups_dir=backups_dir, check_integrity=False, key=_key_of(db_path, unlock)
            )
        except DatabaseDamaged:
            # An emptied or foreign file is what a restore is for; it is kept aside as it
            # was (not as a *.sqlite backup, which it is not), never thrown away.
            safety = _keep_aside(db_path, backups_dir)
            db_path.unlink()
            unusable = True
        else:
            try:
                # Checked before anything is copied: the database stays as it is.
                _refuse_another_province(backup_file, _key_of(backup_file, unlock), current)
                safety = create_backup(current, backups_dir, reason="geri-yukleme-oncesi")
            finally:
                current.close()
    key = _key_of(backup_file, unlock)
    current_key = _key_of(db_path, unlock) if not unusable and file_kind(db_path) == "encrypted" else None
    if key == current_key or (key is None and file_kind(db_path) in ("empty", "missing")):
        # Same key (or both plain): copied into the database file itself, as SQLite's backup
        # API does safely even while another program has the file open.
        _copy(backup_file, db_path, key)
        return safety
    # Another key (a backup from before a rotation, or an encrypted backup over a plain file):
    # built beside the database and renamed over it, with the backup's key file. A plain backup
    # (from before the encryption) over an encrypted database is encrypted on the way under the
    # database's own key, whose key file stays: the restore never leaves the members' data readable.
    side = db_path.with_name(db_path.name + ".restoring")
    side.unlink(missing_ok=True)
    try:
        if key is None and current_key is not None:
            _copy_encrypting(backup_file, side, current_key)
        else:
            _copy(backup_file, side, key)
    except KnownError:
        side.unlink(missing_ok=True)
        raise
    if key is not None:
        keyfile.KeyFile.load(keyfile.keyfile_path(backup_file), backup_file).save(
            keyfile.keyfile_path(db_path)
        )
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(side, db_path)
    return safety
