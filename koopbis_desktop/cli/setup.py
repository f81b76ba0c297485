"""``koopbis init``, ``backup`` and ``restore``: a province's database file itself.

The work is ``services.setup``'s, which the desktop's first-run wizard uses too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from koopbis_desktop import paths
from koopbis_desktop.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    CliError,
    account_password,
    ask_password,
    open_db,
)
from koopbis_desktop.domain.validators import FieldError
from koopbis_desktop.services import setup
from koopbis_desktop.store import encryption, users
from koopbis_desktop.store.db import Store


def cmd_init(args: argparse.Namespace) -> int:
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
    print(f"Veritabanı hazır: {db_path} ({province.name}, plaka {province.code}).")
    if recovery:
        print(_recovery_text(recovery))
    elif not store.encrypted:
        print("Veritabanı şifrelenmemiş: koopbis key encrypt --as YÖNETİCİ ile şifreleyin.")
    if users.count_users(store) == 0:
        print("Sıradaki adım: ilk yönetici hesabını açın: koopbis user add ADI --role admin")
    return EXIT_OK


def _recovery_text(recovery: str) -> str:
    return (
        "KURTARMA ANAHTARI (yalnızca şimdi gösterilir; yazdırıp kilitli bir yerde saklayın):\n"
        f"    {recovery}\n"
        "Bütün parolalar unutulursa veritabanını bu anahtar açar."
    )


def cmd_backup(args: argparse.Namespace) -> int:
    store = open_db(args)
    target = setup.backup_now(store, Path(args.dest) if args.dest else None)
    print(f"Yedek alındı: {target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    db_path = paths.database_path(args.db)
    unlock = None
    if args.as_user:
        # Each encrypted file (the database, the backup) opens through its own key file.
        password = account_password(args)
        unlock = lambda path: encryption.unlock_key(path, args.as_user, password)  # noqa: E731
    safety = setup.restore_from(db_path, Path(args.file), unlock)
    print(f"Geri yüklendi: {args.file}.")
    if safety:
        print(f"Önceki veritabanının yedeği: {safety}")
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
