"""``koopbis init``, ``backup`` and ``restore``: a province's database file itself.

The work is ``services.setup``'s, which the desktop's first-run wizard uses too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from koopbis_desktop import paths
from koopbis_desktop.cli.common import EXIT_INVALID, EXIT_OK, CliError, open_db
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.validators import FieldError
from koopbis_desktop.services import setup
from koopbis_desktop.store import users
from koopbis_desktop.store.db import open_store


def cmd_init(args: argparse.Namespace) -> int:
    setup.find_province(args.province)  # an unknown province creates no file
    db_path = paths.database_path(args.db)
    store = open_store(db_path, create=True, backups_dir=paths.backups_dir(db_path))
    try:
        province = setup.initialize(store, args.province, go_live=args.go_live)
    except FieldError as exc:
        raise CliError(f"--go-live: {exc.message}", EXIT_INVALID) from exc
    print(
        tx("Veritabanı hazır: {db_path} ({name}, plaka {code}).").format(
            db_path=db_path, name=province.name, code=province.code
        )
    )
    if users.count_users(store) == 0:
        print(tx("Sıradaki adım: ilk yönetici hesabını açın: koopbis user add ADI --role admin"))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    store = open_db(args)
    target = setup.backup_now(store, Path(args.dest) if args.dest else None)
    print(tx("Yedek alındı: {target}").format(target=target))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    safety = setup.restore_from(paths.database_path(args.db), Path(args.file))
    print(tx("Geri yüklendi: {file}.").format(file=args.file))
    if safety:
        print(tx("Önceki veritabanının yedeği: {safety}").format(safety=safety))
    return EXIT_OK


def register_init(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``init`` to ``koopbis``'s sub-commands (first in the help, as it comes first)."""
    p = sub.add_parser("init", parents=[common], help="ilin yerel veritabanını oluştur")
    p.add_argument("--province", required=True, metavar="KOD", help="il plaka kodu (ör. 06) ya da il adı")
    p.add_argument("--go-live", metavar="TARİH", help="KOOP-BİS açılış tarihi (varsayılan 12.03.2015)")
    p.set_defaults(func=cmd_init)


def register_backup(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``backup`` and ``restore`` to ``koopbis``'s sub-commands."""
    p = sub.add_parser("backup", parents=[common], help="yedek al")
    p.add_argument("dest", nargs="?", metavar="HEDEF")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", parents=[common], help="yedekten geri yükle")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)
