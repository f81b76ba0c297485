"""Setting a province's database up, backing it up and restoring it.

``koopbis init``/``user add``/``snapshot import``, ``koopbis backup``/``restore``
and the desktop's first-run wizard all come through here, so a database is set
up with the same rows and the same audit rows whichever way it was made.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from koopbis_desktop import paths
from koopbis_desktop.domain import reference
from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, Role
from koopbis_desktop.domain.validators import parse_date
from koopbis_desktop.services import accounts, snapshot_import
from koopbis_desktop.store import audit, backup, encryption, keyfile
from koopbis_desktop.store import setup as settings_rows
from koopbis_desktop.store.db import Store, open_store


class SetupRefused(KoopbisError):
    """The database cannot be set up as asked (unknown province, another province's file)."""

    exit_code = ExitCode.INVALID


@dataclass(frozen=True)
class SetupResult:
    admin: str
    imported: str  # the import report's sentence, or ""
    recovery_key: str = ""  # an encrypted database's recovery key, shown once; "" for a plain one
    report: snapshot_import.ImportReport | None = None  # the list's import, with its warnings


def find_province(province: str) -> reference.Province:
    """The province of a plate code or name; refused in Turkish when there is none."""
    found = reference.find_province(province)
    if found is None:
        raise SetupRefused(
            tx("'{province}' diye bir il yok; 01–81 arası plaka kodu girin.").format(province=province)
        )
    return found


def initialize(store: Store, province: str, *, go_live: str | None = None) -> reference.Province:
    """Mark ``store`` as the database of ``province`` (plate code or name); the province.

    ``go_live`` (DD.MM.YYYY or ISO) replaces KOOP-BİS's go-live date; a malformed
    one raises ``FieldError``. The first call writes the ``init`` audit row; a
    repeated call for the same province only updates the go-live date.
    """
    found = find_province(province)
    existing = store.setting("province_code")
    if existing and existing != found.code:
        raise SetupRefused(
            tx(
                "Bu veritabanı zaten {existing} plakalı il için oluşturulmuş; başka il için ayrı bir dosya kullanın."
            ).format(existing=existing),
            exit_code=ExitCode.NOT_PERMITTED,
        )
    day = parse_date(go_live, allow_future=True) if go_live else None
    with store.atomic() as conn:
        settings_rows.claim_province(conn, found.code)
        if day:
            settings_rows.set_go_live(conn, day)
        if not existing:
            audit.append(conn, actor="system", action="init", details={"province": found.code})
    return found


def add_first_admin(store: Store, admin: str, password: str, full_name: str = "") -> None:
    """The first account of a new database (on an encrypted one, also its first key slot)."""
    accounts.add_user(store, None, admin, "admin", password, full_name)


def import_snapshot(
    store: Store,
    by: str,
    file: Path,
    *,
    members: Path | None = None,
    board: Path | None = None,
    auditors: Path | None = None,
    assemblies: Path | None = None,
) -> snapshot_import.ImportReport:
    """Load the cooperative list (validated before anything is written) and note it in the audit trail."""
    report = snapshot_import.import_file(
        store, file, members=members, board=board, auditors=auditors, assemblies=assemblies
    )
    with store.atomic() as conn:
        # The encodings of CSV/TXT files: a wrong guess would show here first.
        details: dict[str, object] = {"file": str(file), "encodings": report.encodings}
        if report.warning_count:  # rows taken with a field kept as written or left empty
            details["warnings"] = report.warning_count
        audit.append(conn, actor=by, action="snapshot_import", details=details)
    return report


def set_up_database(
    store: Store, province_code: str, admin: str, full_name: str, password: str, snapshot_file: Path | None
) -> SetupResult:
    """The first-run wizard's whole set-up: snapshot (validated before writing), first admin, then the province.

    The province goes last, so a refused snapshot or account leaves a database
    that asks again on the next start instead of half a province. The admin's name
    is checked before the list is read: a name that cannot be made is said at once.
    """
    accounts.check_username(admin)
    report = import_snapshot(store, admin, snapshot_file) if snapshot_file is not None else None
    accounts.add_user(store, None, admin, "admin", password, full_name)
    recovery = encryption.new_recovery_key(store) if store.encrypted else ""
    initialize(store, province_code)
    return SetupResult(
        admin=admin, imported=report.text() if report else "", recovery_key=recovery, report=report
    )


def backup_now(
    store: Store, dest: Path | None = None, *, by: str = "system", password: str | None = None
) -> Path:
    """Copy the database to ``dest`` (default: the backup folder of the settings) and note it in the
    audit trail, unless ``store`` is read-only; the copy's path.

    An office database's backup is the same encrypted SQLite file as a single PC's, under a
    key of its own wrapped for ``by``'s ``password`` (and sealed for the office's recovery key,
    :func:`new_office_recovery_key`); a single PC's opens with the database's key file.
    """
    target = copy_backup(store, dest, by=by, password=password)
    if not store.read_only:
        # A database nothing can be written to (a write-protected file, a full disk) is exactly
        # one to back up: the copy is taken, its audit row cannot be (a sign-in there has none
        # either); the caller says so.
        record_backup(store, by, target)
    return target


def copy_backup(
    store: Store, dest: Path | None = None, *, by: str = "system", password: str | None = None
) -> Path:
    """:func:`backup_now`'s copy alone: it only reads, so it runs on a read-only connection too."""
    folder = dest if dest is not None else paths.backups_dir(store.location, store.setting("backup_dir"))
    account = (by, password) if password is not None else None
    return backup.create_backup(store, folder, reason="elle", account=account)


def record_backup(store: Store, by: str, target: Path) -> None:
    """The audit row of a backup ``by`` took (the desktop's "Yedek al" after its copy)."""
    with store.atomic() as conn:
        audit.append(conn, actor=by, action="backup", details={"file": str(target)})


#: The reason in the name of the backup the desktop takes by itself once a day.
DAILY = "gunluk"


def daily_backup(store: Store, *, now: datetime | None = None) -> Path | None:
    """A single PC's backup of the day: taken unless the backup folder has one from today (local
    time) already; None then, and for the office database (its server is backed up by its IT,
    and its backups need the taker's password). Reads only: runs on a read-only connection.

    The newest ``backup_keep`` backups are kept (ten days of work by default); a clerk who never
    runs ``koopbis backup`` still has yesterday's records if the file is lost or damaged.
    """
    if store.dialect.name == "postgresql":
        return None
    folder = paths.backups_dir(store.location, store.setting("backup_dir"))
    local = (now or datetime.now(UTC)).astimezone()
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if folder.is_dir() and backup.taken_since(folder, midnight.astimezone(UTC)):
        return None
    return backup.create_backup(store, folder, reason=DAILY)


def new_office_recovery_key(store: Store, by: Actor) -> str:
    """A new recovery key for the office database's backups (shown once; returns its digits).

    The database keeps only its public half: every backup taken from now on is sealed for
    it, and only the paper opens them. Backups taken before open with the previous paper.
    """
    if by.role != Role.ADMIN:
        raise NotPermitted(tx("Kurtarma anahtarını yalnızca yönetici (admin) üretebilir."))
    recovery, published = keyfile.new_sealing_key()
    with store.atomic() as conn:
        store.set_setting(backup.OFFICE_RECOVERY, json.dumps(published, sort_keys=True))
        audit.append(conn, actor=by.username, action="office_recovery_key")
    return recovery


def restore_from(db_path: Path, file: Path, *, by: Actor, unlock: backup.Unlock | None = None) -> Path | None:
    """Replace the database at ``db_path`` by the backup ``file``; the safety copy of the old one, if any.

    Only an administrator restores, and the restore is audited under their name.
    ``unlock`` gives an encrypted file's key from its key file (the person's password).
    """
    if by.role != Role.ADMIN:
        raise NotPermitted("Yedekten geri yüklemeyi yalnızca yönetici (admin) yapabilir.")
    safety = backup.restore(db_path, file, paths.backups_dir(db_path), unlock)
    key = unlock(db_path) if unlock is not None and encryption.is_encrypted(db_path) else None
    store = open_store(db_path, backups_dir=paths.backups_dir(db_path), key=key)
    try:
        with store.atomic() as conn:
            audit.append(
                conn,
                actor=by.username,
                action="restore",
                details={"file": str(file), "previous": str(safety) if safety else None},
            )
    finally:
        store.close()
    return safety


__all__ = [
    "SetupRefused",
    "SetupResult",
    "add_first_admin",
    "backup_now",
    "find_province",
    "import_snapshot",
    "initialize",
    "new_office_recovery_key",
    "restore_from",
    "set_up_database",
]
