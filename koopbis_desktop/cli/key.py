"""``koopbis key …``: the database's encryption — status, encrypting an old file, recovery key, new key.

Every sub-command is an administrator's: ``--as`` and the password (from
``KOOPBIS_PASSWORD`` or asked), the same sign-in as every other command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from koopbis_desktop import paths
from koopbis_desktop.cli.common import (
    EXIT_NOT_PERMITTED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    account_password,
    ask_password,
    print_json,
    remembered_account,
    signed_in,
)
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Role
from koopbis_desktop.store.location import OfficeUrl


def _recovery_text(recovery: str) -> str:
    return tx(
        "KURTARMA ANAHTARI (yalnızca şimdi gösterilir; yazdırıp kilitli bir yerde saklayın):\n"
        "    {recovery}\n"
        "Bütün parolalar unutulursa veritabanını bu anahtar açar; eski kurtarma anahtarı artık açmaz."
    ).format(recovery=recovery)


def _office_recovery_text(recovery: str) -> str:
    return tx(
        "OFİS YEDEKLERİNİN KURTARMA ANAHTARI (yalnızca şimdi gösterilir; yazdırıp kilitli bir yerde saklayın):\n"
        "    {recovery}\n"
        "Bundan sonra alınan her ofis yedeğini, yedeği alanın parolası unutulsa da bu anahtar açar "
        "(koopbis --db YEDEK key reset --as YÖNETİCİ). Önceki yedekleri önceki anahtar açar."
    ).format(recovery=recovery)


def _admin_only(role: Role) -> None:
    if role != Role.ADMIN:
        raise CliError(
            tx("Şifreleme anahtarlarını yalnızca yönetici (admin) yönetebilir."), EXIT_NOT_PERMITTED
        )


def _progress(args: argparse.Namespace) -> Callable[[str, float], None]:
    """How far a long re-encryption is: on standard output, or on stderr under ``--json`` (whose
    standard output is the one document at the end)."""
    out = sys.stderr if args.json else sys.stdout

    def show(text: str, fraction: float) -> None:
        print(f"[{round(fraction * 100):3d}%] {text}", file=out, flush=True)

    return show


def _report_old_backups(report: Any) -> None:
    for note in report.old_backup_notes():
        print(note)


def _migration_json(db_path: Path | OfficeUrl, report: Any, waiting: Sequence[str]) -> dict[str, Any]:
    return {
        "database": str(db_path),
        "encrypted": True,
        "changed": True,
        "rows": sum(report.rows.values()),
        "audit_rows": report.audit_rows,
        "backup": str(report.backup) if report.backup is not None else None,
        "encrypted_backups": [str(p) for p in report.encrypted_backups],
        "plain_backups": [str(p) for p in report.plain_backups],
        "waiting": list(waiting),
        "recovery_key": report.recovery_key,
    }


def cmd_status(args: argparse.Namespace) -> int:
    from koopbis_desktop.store import encryption, keyfile

    store, actor = signed_in(args, reading=True)
    try:
        _admin_only(actor.role)
        if isinstance(store.location, OfficeUrl):
            return _office_status(args, store.location)
        keys = keyfile.keyfile_path(store.path)
        info: dict[str, Any] = {
            "database": str(store.path),
            "encrypted": store.encrypted,
            "key_file": str(keys) if store.encrypted else None,
            "accounts_with_slot": encryption.slot_accounts(store),
        }
    finally:
        store.close()
    if args.json:
        print_json(info)
    elif info["encrypted"]:
        print(
            tx("Şifreli (SQLCipher 4): {database}\nAnahtar dosyası: {key_file}").format(
                database=info["database"], key_file=info["key_file"]
            )
        )
        print(
            tx("Anahtarı açabilen hesaplar: {accounts}").format(
                accounts=", ".join(info["accounts_with_slot"]) or tx("yok")
            )
        )
    else:
        print(
            tx("Şifrelenmemiş: {database}. Şifrelemek için: koopbis key encrypt --as YÖNETİCİ").format(
                database=info["database"]
            )
        )
    return EXIT_OK


def _office_status(args: argparse.Namespace, location: OfficeUrl) -> int:
    """The office database has no key file and no key slots: what guards its data instead."""
    if args.json:
        print_json({"database": location.display, "office": True, "key_file": None, "accounts_with_slot": []})
        return EXIT_OK
    print(
        tx(
            "Ofis veritabanı: {database}. Kayıtları PostgreSQL sunucusu tutar: bağlantı TLS ile şifrelidir, "
            "sunucunun diskini ofisin bilgi işlemi şifreler. Anahtar dosyası ve hesap anahtarları yalnızca "
            "bir bilgisayarın kendi veritabanı dosyası içindir. Bu veritabanından alınan yedekler kendi "
            "anahtarıyla şifrelenir; yedeklerin kurtarma anahtarı: koopbis key recovery --as YÖNETİCİ"
        ).format(database=location.display)
    )
    return EXIT_OK


def _not_for_the_office(store: Any) -> None:
    if isinstance(store.location, OfficeUrl):
        raise CliError(
            tx(
                "Bu komut bir bilgisayarın kendi veritabanı dosyasının anahtarı içindir; ofis veritabanının "
                "anahtarı yoktur (kayıtları sunucu tutar, bağlantı TLS ile şifrelidir)."
            ),
            EXIT_USAGE,
        )


def cmd_encrypt(args: argparse.Namespace) -> int:
    """Encrypt a database of the previous version in place (backup first, checked, rolled back on a difference)."""
    from koopbis_desktop.services import accounts
    from koopbis_desktop.store import encrypt_migration, encryption
    from koopbis_desktop.store.db import open_store

    db_path = paths.database_path(args.db)
    if encryption.is_encrypted(db_path):
        if args.json:
            print_json({"database": str(db_path), "encrypted": True, "changed": False})
        else:
            print(tx("{db_path} zaten şifreli.").format(db_path=db_path))
        return EXIT_OK
    if not args.as_user:
        raise CliError(tx("Şifrelemeyi bir yönetici yapar: --as YÖNETİCİ verin."), EXIT_USAGE)
    password = account_password(args)
    store = open_store(db_path, backups_dir=paths.backups_dir(db_path))
    try:
        actor = accounts.login(store, args.as_user, password)
        _admin_only(actor.role)
    finally:
        store.close()
    report = encrypt_migration.encrypt_in_place(
        db_path, args.as_user, password, backups_dir=paths.backups_dir(db_path), progress=_progress(args)
    )
    if args.json:
        print_json(_migration_json(db_path, report, report.waiting))
        return EXIT_OK
    print(
        tx("Şifrelendi: {db_path}. {rows} satır ve {audit_rows} denetim kaydı doğrulandı.").format(
            db_path=db_path, rows=sum(report.rows.values()), audit_rows=report.audit_rows
        )
    )
    if report.backup is not None:
        print(tx("Şifreli yedek: {backup}").format(backup=report.backup))
    _report_old_backups(report)
    if report.waiting:
        print(
            tx(
                "Bu hesapların anahtarı henüz yok; masaüstünde veritabanı açıkken ilk girişlerinde ya da "
                "yönetici parolalarını sıfırlayınca (koopbis user passwd) alırlar: {accounts}"
            ).format(accounts=", ".join(report.waiting))
        )
    print(_recovery_text(report.recovery_key))
    return EXIT_OK


def cmd_recovery(args: argparse.Namespace) -> int:
    """A new recovery key (the old paper stops working), printed once."""
    from koopbis_desktop.store import encryption

    store, actor = signed_in(args)
    try:
        _admin_only(actor.role)
        office = isinstance(store.location, OfficeUrl)
        if office:
            from koopbis_desktop.services import setup

            recovery = setup.new_office_recovery_key(store, actor)
        elif not store.encrypted:
            raise CliError(tx("Veritabanı şifreli değil; önce: koopbis key encrypt --as YÖNETİCİ"))
        else:
            recovery = encryption.new_recovery_key(store)
    finally:
        store.close()
    if args.json:
        print_json({"office": office, "recovery_key": recovery})
    else:
        print(_office_recovery_text(recovery) if office else _recovery_text(recovery))
    return EXIT_OK


def cmd_rotate(args: argparse.Namespace) -> int:
    """Re-encrypt under a new key (after a key file or a password may have leaked)."""
    from koopbis_desktop.store import encrypt_migration

    store, actor = signed_in(args)
    location = store.location
    try:
        _admin_only(actor.role)
        _not_for_the_office(store)
    except BaseException:
        store.close()
        raise
    report, others = encrypt_migration.rotate_key(
        store, actor.username, account_password(args), progress=_progress(args)
    )
    if args.json:
        print_json(_migration_json(location, report, others))
        return EXIT_OK
    print(
        tx("Yeni anahtarla yeniden şifrelendi: {rows} satır doğrulandı.").format(
            rows=sum(report.rows.values())
        )
    )
    _report_old_backups(report)
    if others:
        print(
            tx(
                "Bu hesapların anahtarı yenilenmeli (ilk girişlerinde program açıkken ya da parola "
                "sıfırlanınca): {accounts}"
            ).format(accounts=", ".join(others))
        )
    print(_recovery_text(report.recovery_key))
    return EXIT_OK


def cmd_unlock_recovery(args: argparse.Namespace) -> int:
    """Every password lost: open with the recovery key and give ``--as`` a new password and slot."""
    from koopbis_desktop.services import accounts
    from koopbis_desktop.store import encryption

    db_path = paths.database_path(args.db)
    if not args.as_user:
        raise CliError(tx("Yeni parolası verilecek yönetici hesabını --as ile belirtin."), EXIT_USAGE)
    recovery = ask_password("KOOPBIS_RECOVERY_KEY", tx("Kurtarma anahtarı: "))
    new_password = ask_password(
        "KOOPBIS_NEW_PASSWORD", tx("{name} için yeni parola: ").format(name=args.as_user), twice=True
    )
    store = encryption.open_with_recovery(db_path, recovery, backups_dir=paths.backups_dir(db_path))
    try:
        accounts.reset_with_recovery(store, args.as_user, new_password)
    finally:
        store.close()
    if args.json:
        print_json({"username": args.as_user, "password_set": True})
    else:
        print(
            tx("{username} hesabına yeni parola verildi; veritabanı bu parolayla açılır.").format(
                username=args.as_user
            )
        )
    return EXIT_OK


def cmd_remember(args: argparse.Namespace) -> int:
    """Keep the ``--as`` account's password in this PC's OS keyring for scheduled syncs (or forget it)."""
    from koopbis_desktop.services import secrets

    entry = remembered_account(args.as_user or "")
    if args.forget:
        if not args.as_user:
            raise CliError(tx("Hangi hesabın parolası unutulsun: --as KULLANICI"), EXIT_USAGE)
        # Said as it happened: nothing kept (or no keyring at all) is not "deleted".
        stored = secrets.get_password(entry) is not None
        if stored and (not secrets.delete_password(entry) or secrets.get_password(entry) is not None):
            raise CliError(
                tx(
                    "{username} hesabının parolası bu bilgisayarın anahtar zincirinden silinemedi; "
                    "işletim sisteminin parola yöneticisinden (Windows Kimlik Bilgileri Yöneticisi) "
                    "'koopbis-desktop' kaydını elle silin."
                ).format(username=args.as_user)
            )
        if args.json:
            print_json({"username": args.as_user, "forgotten": stored})
        elif stored:
            print(
                tx("{username} hesabının parolası bu bilgisayarın anahtar zincirinden silindi.").format(
                    username=args.as_user
                )
            )
        else:
            print(
                tx(
                    "{username} hesabının parolası bu bilgisayarın anahtar zincirinde saklı değildi; "
                    "silinecek bir şey yok."
                ).format(username=args.as_user)
            )
        return EXIT_OK
    store, actor = signed_in(args)  # a wrong password is refused (exit 4) and nothing is kept
    store.close()
    password = account_password(args)
    # A keyring that takes the password and keeps nothing (keyring's "null" backend) is no keyring.
    if not secrets.set_password(entry, password) or secrets.get_password(entry) != password:
        raise CliError(
            tx(
                "Bu bilgisayarda güvenli bir anahtar zinciri yok (Windows Kimlik Bilgileri Yöneticisi ya da "
                "masaüstü anahtar zinciri); parola hiçbir yere yazılmadı. Zamanlanmış eşitleme bu hesapla "
                "çalışamaz: eşitlemeyi masaüstü programından yapın."
            )
        )
    if args.json:
        print_json({"username": actor.username, "remembered": True})
        return EXIT_OK
    print(
        tx(
            "{username} hesabının parolası bu bilgisayarın anahtar zincirinde saklandı; zamanlanmış "
            "'koopbis sync --once --as {username}' onunla açar. Silmek için: koopbis key remember "
            "--forget --as {username}"
        ).format(username=actor.username)
    )
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``key`` and its sub-commands to ``koopbis``."""
    p = sub.add_parser("key", parents=[common], help=tx("veritabanı şifrelemesi ve anahtarları"))
    key_sub = p.add_subparsers(dest="key_command", required=True)
    q = key_sub.add_parser("status", parents=[common], help=tx("şifreli mi, hangi hesaplar açabilir"))
    q.set_defaults(func=cmd_status)
    q = key_sub.add_parser(
        "encrypt", parents=[common], help=tx("önceki sürümün şifresiz veritabanını şifrele")
    )
    q.set_defaults(func=cmd_encrypt)
    q = key_sub.add_parser(
        "recovery", parents=[common], help=tx("yeni kurtarma anahtarı üret ve bir kez yaz")
    )
    q.set_defaults(func=cmd_recovery)
    q = key_sub.add_parser(
        "rotate", parents=[common], help=tx("veritabanını yeni bir anahtarla yeniden şifrele")
    )
    q.set_defaults(func=cmd_rotate)
    q = key_sub.add_parser(
        "reset", parents=[common], help=tx("kurtarma anahtarıyla aç ve --as hesabına yeni parola ver")
    )
    q.set_defaults(func=cmd_unlock_recovery)
    q = key_sub.add_parser(
        "remember",
        parents=[common],
        help=tx(
            "--as hesabının parolasını zamanlanmış eşitleme için işletim sisteminin anahtar zincirinde sakla"
        ),
    )
    q.add_argument("--forget", action="store_true", help=tx("saklanan parolayı sil"))
    q.set_defaults(func=cmd_remember)
