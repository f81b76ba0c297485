"""Moving a whole database between a single PC's file and the office database (``koopbis copy``).

An administrator of the source answers for the move: they sign in on it, the
source's audit trail records where it was copied to (before the copy, so both
sides end with the same chain), and the rows go across with
``store/transfer.py`` (one transaction, checked, all or nothing).

A new file is encrypted from its first byte, as ``koopbis init --admin`` makes
one: a fresh key, the copying administrator's slot and a new recovery key. The
other accounts' passwords cannot be wrapped (nobody knows them), so those
accounts open the file once it is open in the desktop (their first sign-in there
gives them their slot) or after an administrator resets their password.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from koopbis_desktop import paths
from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, Role
from koopbis_desktop.store import audit, encryption, keyfile, transfer, users
from koopbis_desktop.store.db import Store, file_kind
from koopbis_desktop.store.transfer import CopyRefused, CopyReport

Progress = Callable[[str, float], None]


def _quiet(_text: str, _fraction: float) -> None:
    pass


@dataclass(frozen=True)
class FileCopy:
    """A copy into a new, encrypted file."""

    report: CopyReport
    path: Path
    #: Shown once: opens the file when every password is lost.
    recovery_key: str
    #: Active accounts with no key slot yet (their first sign-in in the desktop, or a password reset, gives one).
    waiting: tuple[str, ...]


class TargetExists(CopyRefused):
    """A copy never writes over a file that is already there (exit 4: choose another name)."""

    exit_code = ExitCode.NOT_PERMITTED


def _require_admin(by: Actor) -> None:
    if by.role != Role.ADMIN:
        raise NotPermitted(tx("Bir veritabanını bütünüyle kopyalamayı yalnızca yönetici (admin) yapabilir."))


def copy_database(source: Store, by: Actor, target: Store, *, progress: Progress = _quiet) -> CopyReport:
    """Copy everything of ``source`` into the empty ``target`` (another engine or another file).

    Raises ``TargetNotEmpty`` before anything is written anywhere, ``CopyRefused``
    when the copy differs (the target is rolled back).
    """
    _require_admin(by)
    if source.location == target.location:
        raise CopyRefused(tx("Kaynak ve hedef aynı veritabanı; kopyalanmadı."))
    transfer.refuse_unless_empty(target)
    with source.atomic() as conn:
        audit.append(conn, actor=by.username, action="copy_to", details={"to": str(target.location)})
    return transfer.copy_all(source, target, progress=progress)


def _refuse_existing(path: Path) -> None:
    """A copy makes a new file; one left unfinished by a cut-off copy (no account slot yet) is set aside."""
    if file_kind(path) == "missing" and not keyfile.keyfile_path(path).exists():
        return
    if encryption.set_aside_unfinished(path) is not None and file_kind(path) == "missing":
        return
    raise TargetExists(
        tx(
            "Hedef dosya zaten var: {path}. Kopya yeni bir dosyaya yazılır, var olan bir veritabanının "
            "üzerine yazılmaz; başka bir dosya adı verin."
        ).format(path=path)
    )


def _remove_new_file(path: Path) -> None:
    for suffix in ("-wal", "-shm", keyfile.SUFFIX, ""):
        Path(str(path) + suffix).unlink(missing_ok=True)


def copy_to_new_file(
    source: Store, by: Actor, path: Path, password: str, *, progress: Progress = _quiet
) -> FileCopy:
    """Copy ``source`` into a new encrypted file at ``path``; ``password`` is ``by``'s (their slot)."""
    _require_admin(by)
    path = Path(path)
    _refuse_existing(path)
    target = encryption.create_encrypted(path, backups_dir=paths.backups_dir(path))
    try:
        report = copy_database(source, by, target, progress=progress)
        # The slot last: a copy cut off before it leaves a file nobody can open, which the
        # program (and a new copy) sets aside as unfinished instead of taking it for data.
        encryption.set_slot(target, by.username, password)
        recovery = encryption.new_recovery_key(target)
        waiting = tuple(
            user.username for user in users.list_users(target) if user.active and user.username != by.username
        )
        encryption.await_slots(target, waiting)
    except BaseException:
        target.close()
        _remove_new_file(path)
        raise
    target.close()
    return FileCopy(report=report, path=path, recovery_key=recovery, waiting=waiting)


__all__ = ["FileCopy", "TargetExists", "copy_database", "copy_to_new_file"]
