"""``koopbis init``, ``backup`` and ``restore``: a province's database file itself.

The work is ``services.setup``'s, which the desktop's first-run wizard uses too.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import Any

from koopbis_desktop import paths
from koopbis_desktop.cli.common import EXIT_INVALID, EXIT_OK, CliError, sign_in, signed_in
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, Role
from koopbis_desktop.domain.validators import FieldError
from koopbis_desktop.services import setup
from koopbis_desktop.store import backup, users
from koopbis_desktop.store.db import open_store
from koopbis_desktop.store.errors import DatabaseDamaged


def cmd_init(args: argparse.Namespace) -> int:
    setup.find_province(args.province)  # an unknown province creates no file
    db_path = paths.database_path(args.db)
    store = open_store(db_path, create=True, backups_dir=paths.backups_dir(db_path))
    try:
        province = setup.initialize(store, args.province, go_live=args.go_live)
    except FieldError as exc:
        raise CliError(f"--go-live: {exc.message}", EXIT_INVALID) from exc
    print(f"Veritabanı hazır: {db_path} ({province.name}, plaka {province.code}).")
    if users.count_users(store) == 0:
        print("Sıradaki adım: ilk yönetici hesabını açın: koopbis user add ADI --role admin")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    store, actor = signed_in(args)
    target = setup.backup_now(store, Path(args.dest) if args.dest else None, by=actor.username)
    print(f"Yedek alındı: {target}")
    return EXIT_OK


def _admin_of_backup(args: argparse.Namespace, file: Path) -> Actor:
    """Sign the ``--as`` admin in against the backup itself (on a copy, which the sign-in may write)."""
    backup.check_backup_file(file)
    with tempfile.TemporaryDirectory(prefix="koopbis-restore-") as folder:
        copy = Path(folder) / "yedek.sqlite"
        shutil.copyfile(file, copy)
        store = open_store(copy)
        try:
            actor = sign_in(store, args)
        finally:
            store.close()
    assert actor is not None
    if actor.role != Role.ADMIN:
        raise NotPermitted("Yedekten geri yüklemeyi yalnızca yönetici (admin) yapabilir.")
    return actor


def cmd_restore(args: argparse.Namespace) -> int:
    # The admin signs in against the database being replaced: a restore is theirs to answer for.
    # When that file is empty or damaged (what a restore is for), against the backup instead.
    try:
        store, actor = signed_in(args, role=Role.ADMIN)
    except DatabaseDamaged:
        actor = _admin_of_backup(args, Path(args.file))
    else:
        store.close()
    safety = setup.restore_from(paths.database_path(args.db), Path(args.file), by=actor)
    print(f"Geri yüklendi: {args.file}.")
    if safety:
        print(f"Önceki veritabanının yedeği: {safety}")
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
