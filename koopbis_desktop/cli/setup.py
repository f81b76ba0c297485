"""``koopbis init``, ``backup`` and ``restore``: a province's database file itself.

The work is ``services.setup``'s, which the desktop's first-run wizard uses too.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from koopbis_desktop import paths
from koopbis_desktop.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    account_password,
    ask_password,
    open_db,
    sign_in,
    signed_in,
)
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, Role

# The store and the set-up service are imported by the command that runs.
if TYPE_CHECKING:
    from koopbis_desktop.store import backup
    from koopbis_desktop.store.db import Store


def cmd_init(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.validators import FieldError
    from koopbis_desktop.services import setup
    from koopbis_desktop.store import encryption, users

    setup.find_province(args.province)  # an unknown province creates no file
    db_path = paths.database_path(args.db)
    store: Store
    recovery = ""
    if args.admin and not db_path.exists():
        # Encrypted from the first byte; the first admin's password opens it.
        password = ask_password("KOOPBIS_NEW_PASSWORD", f"{args.admin} için yeni parola: ", twice=True)
        store = encryption.create_encrypted(db_path, backups_dir=paths.backups_dir(db_path))
        setup.add_first_admin(store, args.admin, password)
        recovery = encryption.new_recovery_key(store)
    else:
        store = open_db(args, create=True)
    try:
        province = setup.initialize(store, args.province, go_live=args.go_live)
    except FieldError as exc:
        raise CliError(f"--go-live: {exc.message}", EXIT_INVALID) from exc
    print(
        tx("Veritabanı hazır: {db_path} ({name}, plaka {code}).").format(
            db_path=db_path, name=province.name, code=province.code
        )
    )
    if recovery:
        print(_recovery_text(recovery))
    elif not store.encrypted:
        print(tx("Veritabanı şifrelenmemiş: koopbis key encrypt --as YÖNETİCİ ile şifreleyin."))
    if users.count_users(store) == 0:
        print(tx("Sıradaki adım: ilk yönetici hesabını açın: koopbis user add ADI --role admin"))
    return EXIT_OK


def _recovery_text(recovery: str) -> str:
    return (
        "KURTARMA ANAHTARI (yalnızca şimdi gösterilir; yazdırıp kilitli bir yerde saklayın):\n"
        f"    {recovery}\n"
        "Bütün parolalar unutulursa veritabanını bu anahtar açar."
    )


def cmd_backup(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import setup

    store, actor = signed_in(args)
    target = setup.backup_now(store, Path(args.dest) if args.dest else None, by=actor.username)
    print(tx("Yedek alındı: {target}").format(target=target))
    return EXIT_OK


def _admin_of_backup(args: argparse.Namespace, file: Path, unlock: backup.Unlock | None) -> Actor:
    """Sign the ``--as`` admin in against the backup itself (on a copy, which the sign-in may write)."""
    from koopbis_desktop.store import backup, encryption, keyfile
    from koopbis_desktop.store.db import open_store

    backup.check_backup_file(file, unlock)
    with tempfile.TemporaryDirectory(prefix="koopbis-restore-") as folder:
        copy = Path(folder) / "yedek.sqlite"
        shutil.copyfile(file, copy)
        if keyfile.keyfile_path(file).exists():
            shutil.copyfile(keyfile.keyfile_path(file), keyfile.keyfile_path(copy))
        key = unlock(copy) if unlock is not None and encryption.is_encrypted(copy) else None
        store = open_store(copy, key=key)
        try:
            actor = sign_in(store, args)
        finally:
            store.close()
    assert actor is not None
    if actor.role != Role.ADMIN:
        raise NotPermitted("Yedekten geri yüklemeyi yalnızca yönetici (admin) yapabilir.")
    return actor


def cmd_restore(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import setup
    from koopbis_desktop.store import encryption
    from koopbis_desktop.store.errors import DatabaseDamaged

    db_path = paths.database_path(args.db)
    unlock = None
    if args.as_user:
        # Each encrypted file (the database, the backup) opens through its own key file.
        password = account_password(args)
        unlock = lambda path: encryption.unlock_key(path, args.as_user, password)  # noqa: E731
    # The admin signs in against the database being replaced: a restore is theirs to answer for.
    # When that file is empty or damaged (what a restore is for), against the backup instead.
    try:
        store, actor = signed_in(args, role=Role.ADMIN)
    except DatabaseDamaged:
        actor = _admin_of_backup(args, Path(args.file), unlock)
    else:
        store.close()
    safety = setup.restore_from(db_path, Path(args.file), by=actor, unlock=unlock)
    print(tx("Geri yüklendi: {file}.").format(file=args.file))
    if safety:
        print(tx("Önceki veritabanının yedeği: {safety}").format(safety=safety))
    return EXIT_OK


def register_init(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``init`` to ``koopbis``'s sub-commands (first in the help, as it comes first)."""
    p = sub.add_parser("init", parents=[common], help="ilin yerel veritabanını oluştur")
    p.add_argument("--province", required=True, metavar="KOD", help="il plaka kodu (ör. 06) ya da il adı")
    p.add_argument("--go-live", metavar="TARİH", help="KOOP-BİS açılış tarihi (varsayılan 12.03.2015)")
    p.add_argument(
        "--admin",
        metavar="AD",
        help="ilk yönetici hesabı; verilirse veritabanı şifreli oluşturulur (parola KOOPBIS_NEW_PASSWORD ya da sorulur)",
    )
    p.set_defaults(func=cmd_init)


def register_backup(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``backup`` and ``restore`` to ``koopbis``'s sub-commands."""
    p = sub.add_parser("backup", parents=[common], help="yedek al")
    p.add_argument("dest", nargs="?", metavar="HEDEF")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", parents=[common], help="yedekten geri yükle")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)
