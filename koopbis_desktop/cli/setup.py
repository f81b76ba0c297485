"""``koopbis init``, ``backup`` and ``restore``: a province's database file itself.

The work is ``services.setup``'s, which the desktop's first-run wizard uses too.
On an office database ``backup`` writes the same encrypted SQLite file as on a
single PC, and ``restore`` fills only an empty office database (``services.copy``).
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
    EXIT_NOT_PERMITTED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    account_password,
    ask_password,
    open_db,
    open_office,
    print_json,
    sign_in,
    signed_in,
)
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, Role
from koopbis_desktop.store.location import OfficeUrl, parse_location

# The store and the set-up service are imported by the command that runs.
if TYPE_CHECKING:
    from koopbis_desktop.store import backup
    from koopbis_desktop.store.db import Store


def cmd_init(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.validators import FieldError
    from koopbis_desktop.services import accounts, setup
    from koopbis_desktop.store import encryption, users
    from koopbis_desktop.store.db import file_kind

    setup.find_province(args.province)  # an unknown province creates no file
    if args.admin:
        # Nor does a name no account can have: said before the password is asked for twice.
        accounts.check_username(args.admin)
    db_path = paths.database_location(args.db)
    store: Store
    recovery = ""
    if isinstance(db_path, Path):
        # An init (or a first run) cut off before its first account left a key file nobody can
        # open, beside an empty or encrypted file: set aside, as the desktop's start does, so
        # that running init again begins again.
        encryption.set_aside_unfinished(db_path)
        if file_kind(db_path) == "empty":
            # What a failed copy or a full disk leaves: never silently replaced (the desktop
            # refuses it too), and never made a plain database by SQLite's taking it for a new one.
            raise CliError(
                tx(
                    "Veritabanı dosyası boş (0 bayt): {path}. Yarım kalmış bir kopyalama ya da dolu bir disk "
                    "böyle bırakmış olabilir; üzerine yeni bir veritabanı kurulmadı, dosyaya dokunulmadı. "
                    "Kayıtlar yedekteyse yedekten geri yükleyin; burada gerçekten yeni bir veritabanı "
                    "kurulacaksa boş dosyayı silin ya da başka bir dosya adı verin."
                ).format(path=db_path),
                EXIT_NOT_PERMITTED,
            )
    if args.admin and isinstance(db_path, Path) and not db_path.exists():
        # Encrypted from the first byte; the first admin's password opens it. A key file with
        # accounts opens a database moved or deleted: create_encrypted refuses to replace it.
        encryption.check_no_orphan_keyfile(db_path)
        password = ask_password(
            "KOOPBIS_NEW_PASSWORD",
            tx("{username} için yeni parola: ").format(username=args.admin),
            twice=True,
        )
        accounts.check_password(password)  # a refused password leaves no file behind
        store = encryption.create_encrypted(db_path, backups_dir=paths.backups_dir(db_path))
        setup.add_first_admin(store, args.admin, password, args.full_name or "")
        recovery = encryption.new_recovery_key(store)
    else:
        if not args.admin and (not isinstance(db_path, Path) or not db_path.exists()):
            # A new database is encrypted from its first byte by its first admin's password;
            # one without an admin would be a plain file (or an office database nobody can open).
            raise CliError(
                tx(
                    "Yeni veritabanı ilk yöneticisiyle kurulur (tek bilgisayarda dosya onun parolasıyla şifrelenir): "
                    "koopbis init --province {province} --admin AD"
                ).format(province=args.province),
                EXIT_USAGE,
            )
        store = open_db(args, create=True)
        if args.admin and users.count_users(store) == 0:
            # An office database: no key file (the server guards it); the first admin all the same.
            password = ask_password(
                "KOOPBIS_NEW_PASSWORD",
                tx("{username} için yeni parola: ").format(username=args.admin),
                twice=True,
            )
            accounts.check_password(password)
            setup.add_first_admin(store, args.admin, password, args.full_name or "")
    try:
        province = setup.initialize(store, args.province, go_live=args.go_live)
    except FieldError as exc:
        raise CliError(f"--go-live: {exc.message}", EXIT_INVALID) from exc
    plain = not store.encrypted and isinstance(db_path, Path)
    no_account = users.count_users(store) == 0
    if args.json:
        document: dict[str, Any] = {
            "database": str(db_path),
            "province": province.code,
            "province_name": province.name,
            "encrypted": bool(store.encrypted),
            "admin": args.admin or None,
            "accounts": not no_account,
        }
        if recovery:
            document["recovery_key"] = recovery  # shown once, as on the terminal
        print_json(document)
        return EXIT_OK
    print(
        tx("Veritabanı hazır: {db_path} ({name}, plaka {code}).").format(
            db_path=db_path, name=province.name, code=province.code
        )
    )
    if recovery:
        print(_recovery_text(recovery))
    elif plain:
        print(tx("Veritabanı şifrelenmemiş: koopbis key encrypt --as YÖNETİCİ ile şifreleyin."))
    if no_account:
        print(tx("Sıradaki adım: ilk yönetici hesabını açın: koopbis user add ADI --role admin"))
    return EXIT_OK


def _recovery_text(recovery: str) -> str:
    return tx(
        "KURTARMA ANAHTARI (yalnızca şimdi gösterilir; yazdırıp kilitli bir yerde saklayın):\n"
        "    {recovery}\n"
        "Bütün parolalar unutulursa veritabanını bu anahtar açar."
    ).format(recovery=recovery)


def cmd_backup(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import setup
    from koopbis_desktop.store import backup

    dest = _file_path(args.dest, backup=True) if args.dest else None  # refused before the password
    # Reading: a database nothing can be written to (write-protected, a full disk) is exactly one
    # to back up; its copy is taken on a read-only open, without its audit row.
    store, actor = signed_in(args, reading=True)
    office = isinstance(store.location, OfficeUrl)
    # An office backup's own key is wrapped for the password of whoever takes it.
    password = account_password(args) if office else None
    target = setup.backup_now(store, dest, by=actor.username, password=password)
    sealed = office and bool(store.setting(backup.OFFICE_RECOVERY))
    if args.json:
        document: dict[str, Any] = {"file": str(target), "audited": not store.read_only}
        if office:
            document["office_recovery_key"] = sealed  # the office's backup recovery key opens it too
        print_json(document)
        return EXIT_OK
    print(tx("Yedek alındı: {target}").format(target=target))
    if store.read_only:
        print(
            tx(
                "Veritabanına yazılamıyor (salt okunur): yedek alındı, ama denetim izine yazılamadı. "
                "Veritabanı yeniden yazılabilir olunca bir yedek daha alın."
            )
        )
    if office:
        print(
            tx("Yedek şifreli: {username} parolasıyla ve ofisin yedek kurtarma anahtarıyla açılır.").format(
                username=actor.username
            )
            if sealed
            else tx(
                "Yedek şifreli ve yalnızca {username} parolasıyla açılır: ofisin yedek kurtarma anahtarı henüz "
                "yok. Bir yönetici 'koopbis key recovery --as YÖNETİCİ' ile bir kez üretip kâğıda yazsın; "
                "sonraki yedekleri o anahtar da açar."
            ).format(username=actor.username)
        )
    return EXIT_OK


def _file_path(text: str, *, backup: bool) -> Path:
    """A backup's place on this PC: an address (an office database's URL) is not a folder to create."""
    location = parse_location(text)  # an unknown scheme is refused ("… bir dosya yolu değil …")
    if isinstance(location, OfficeUrl):
        raise CliError(
            (
                tx(
                    "'{text}' bir dosya yolu değil, bir ofis veritabanının adresi. Yedek bu bilgisayarda bir "
                    "klasöre ya da yeni bir .sqlite dosyasına yazılır; bir klasör ya da dosya yolu verin."
                )
                if backup
                else tx(
                    "'{text}' bir dosya yolu değil, bir ofis veritabanının adresi. Geri yükleme bir yedek "
                    "dosyasından yapılır; yedek dosyasının yolunu verin."
                )
            ).format(text=location.display),
            EXIT_USAGE,
        )
    return location


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


def _restore_into_office(args: argparse.Namespace, url: OfficeUrl, file: Path) -> int:
    """A backup goes into an office database only when that database is empty.

    Replacing a shared database other PCs are working in would throw their work away
    unseen; an empty one (newly made by the office's IT) takes the backup's rows through
    the same copy as ``koopbis copy``, signed for by an admin of the backup.
    """
    from koopbis_desktop.services import copy
    from koopbis_desktop.store import backup, encryption, keyfile, transfer
    from koopbis_desktop.store.db import open_store

    target = open_office(url, create=True)
    try:
        transfer.refuse_unless_empty(target)
    except transfer.TargetNotEmpty as exc:
        target.close()
        raise CliError(
            tx(
                "Ofis veritabanı boş değil ({url}); yedek, başka bilgisayarların da çalıştığı bir veritabanının "
                "üzerine yüklenmez, hiçbir şey değişmedi. BT sorumlusu yeni, boş bir veritabanı açsın; yedeği "
                "oraya 'koopbis copy --from YEDEK --to postgresql://…/YENİ --as YÖNETİCİ' ile kopyalayın ve "
                "bilgisayarları yeni adrese bağlayın."
            ).format(url=url.display),
            exc.exit_code,
        ) from exc
    unlock = None
    if args.as_user:
        password = account_password(args)
        unlock = lambda path: encryption.unlock_key(path, args.as_user, password)  # noqa: E731
    try:
        backup.check_backup_file(file, unlock)
        with tempfile.TemporaryDirectory(prefix="koopbis-restore-") as folder:
            # The backup itself stays as it was: the sign-in and the copy's audit row go into a copy of it.
            copy_path = Path(folder) / "yedek.sqlite"
            shutil.copyfile(file, copy_path)
            if keyfile.keyfile_path(file).exists():
                shutil.copyfile(keyfile.keyfile_path(file), keyfile.keyfile_path(copy_path))
            key = unlock(copy_path) if unlock is not None and encryption.is_encrypted(copy_path) else None
            source = open_store(copy_path, key=key)
            try:
                actor = sign_in(source, args)
                assert actor is not None
                report = copy.copy_database(source, actor, target)
            finally:
                source.close()
    finally:
        target.close()
    if args.json:
        print_json(
            {"file": str(file), "to": url.display, "rows": report.total, "audit_rows": report.audit_rows}
        )
        return EXIT_OK
    print(
        tx("Geri yüklendi: {file} → {url} ({total} satır, {audit} denetim izi satırı doğrulandı).").format(
            file=file, url=url.display, total=report.total, audit=report.audit_rows
        )
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    location = paths.database_location(args.db)
    backup_file = _file_path(args.file, backup=False)
    if isinstance(location, OfficeUrl):
        return _restore_into_office(args, location, backup_file)
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
        actor = _admin_of_backup(args, backup_file, unlock)
    else:
        store.close()
    safety = setup.restore_from(db_path, backup_file, by=actor, unlock=unlock)
    if args.json:
        print_json({"file": str(backup_file), "previous": str(safety) if safety else None})
        return EXIT_OK
    print(tx("Geri yüklendi: {file}.").format(file=args.file))
    if safety:
        print(tx("Önceki veritabanının yedeği: {safety}").format(safety=safety))
    return EXIT_OK


def register_init(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``init`` to ``koopbis``'s sub-commands (first in the help, as it comes first)."""
    p = sub.add_parser("init", parents=[common], help=tx("ilin yerel veritabanını oluştur"))
    p.add_argument(
        "--province", required=True, metavar=tx("KOD"), help=tx("il plaka kodu (ör. 06) ya da il adı")
    )
    p.add_argument(
        "--go-live", metavar=tx("TARİH"), help=tx("KOOP-BİS açılış tarihi (varsayılan 12.03.2015)")
    )
    p.add_argument(
        "--admin",
        metavar=tx("AD"),
        help=tx(
            "ilk yönetici hesabı (yeni veritabanında gerekli); dosya onun parolasıyla şifreli oluşturulur "
            "(parola KOOPBIS_NEW_PASSWORD ya da sorulur)"
        ),
    )
    p.add_argument("--full-name", metavar=tx("AD SOYAD"), help=tx("ilk yöneticinin adı soyadı"))
    p.set_defaults(func=cmd_init)


def register_backup(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``backup`` and ``restore`` to ``koopbis``'s sub-commands."""
    p = sub.add_parser("backup", parents=[common], help=tx("yedek al"))
    p.add_argument("dest", nargs="?", metavar=tx("HEDEF"))
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", parents=[common], help=tx("yedekten geri yükle"))
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)
