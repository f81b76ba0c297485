"""``koopbis key …``: the database's encryption — status, encrypting an old file, recovery key, new key.

Every sub-command is an administrator's: ``--as`` and the password (from
``KOOPBIS_PASSWORD`` or asked), the same sign-in as every other command.
"""

from __future__ import annotations

import argparse
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
    return (
        "KURTARMA ANAHTARI (yalnızca şimdi gösterilir; yazdırıp kilitli bir yerde saklayın):\n"
        f"    {recovery}\n"
        "Bütün parolalar unutulursa veritabanını bu anahtar açar; eski kurtarma anahtarı artık açmaz."
    )


def _office_recovery_text(recovery: str) -> str:
    return tx(
        "OFİS YEDEKLERİNİN KURTARMA ANAHTARI (yalnızca şimdi gösterilir; yazdırıp kilitli bir yerde saklayın):\n"
        "    {recovery}\n"
        "Bundan sonra alınan her ofis yedeğini, yedeği alanın parolası unutulsa da bu anahtar açar "
        "(koopbis --db YEDEK key reset --as YÖNETİCİ). Önceki yedekleri önceki anahtar açar."
    ).format(recovery=recovery)


def _admin_only(role: Role) -> None:
    if role != Role.ADMIN:
        raise CliError("Şifreleme anahtarlarını yalnızca yönetici (admin) yönetebilir.", EXIT_NOT_PERMITTED)


def _progress(text: str, fraction: float) -> None:
    print(f"[{round(fraction * 100):3d}%] {text}", flush=True)


def _report_old_backups(report: Any) -> None:
    for note in report.old_backup_notes():
        print(note)


def cmd_status(args: argparse.Namespace) -> int:
    from koopbis_desktop.store import encryption, keyfile

    store, actor = signed_in(args, reading=True)
    try:
        _admin_only(actor.role)
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
        print(f"Şifreli (SQLCipher 4): {info['database']}\nAnahtar dosyası: {info['key_file']}")
        print("Anahtarı açabilen hesaplar: " + (", ".join(info["accounts_with_slot"]) or "yok"))
    else:
        print(f"Şifrelenmemiş: {info['database']}. Şifrelemek için: koopbis key encrypt --as YÖNETİCİ")
    return EXIT_OK


def cmd_encrypt(args: argparse.Namespace) -> int:
    """Encrypt a database of the previous version in place (backup first, checked, rolled back on a difference)."""
    from koopbis_desktop.services import accounts
    from koopbis_desktop.store import encrypt_migration, encryption
    from koopbis_desktop.store.db import open_store

    db_path = paths.database_path(args.db)
    if encryption.is_encrypted(db_path):
        print(f"{db_path} zaten şifreli.")
        return EXIT_OK
    if not args.as_user:
        raise CliError("Şifrelemeyi bir yönetici yapar: --as YÖNETİCİ verin.", EXIT_USAGE)
    password = account_password(args)
    store = open_store(db_path, backups_dir=paths.backups_dir(db_path))
    try:
        actor = accounts.login(store, args.as_user, password)
        _admin_only(actor.role)
    finally:
        store.close()
    report = encrypt_migration.encrypt_in_place(
        db_path, args.as_user, password, backups_dir=paths.backups_dir(db_path), progress=_progress
    )
    print(
        f"Şifrelendi: {db_path}. {sum(report.rows.values())} satır ve {report.audit_rows} denetim kaydı doğrulandı."
    )
    if report.backup is not None:
        print(f"Şifreli yedek: {report.backup}")
    _report_old_backups(report)
    if report.waiting:
        print(
            "Bu hesapların anahtarı henüz yok; masaüstünde veritabanı açıkken ilk girişlerinde ya da "
            "yönetici parolalarını sıfırlayınca (koopbis user passwd) alırlar: " + ", ".join(report.waiting)
        )
    print(_recovery_text(report.recovery_key))
    return EXIT_OK


def cmd_recovery(args: argparse.Namespace) -> int:
    """A new recovery key (the old paper stops working), printed once."""
    from koopbis_desktop.store import encryption

    store, actor = signed_in(args)
    try:
        _admin_only(actor.role)
        if isinstance(store.location, OfficeUrl):
            from koopbis_desktop.services import setup

            print(_office_recovery_text(setup.new_office_recovery_key(store, actor)))
            return EXIT_OK
        if not store.encrypted:
            raise CliError("Veritabanı şifreli değil; önce: koopbis key encrypt --as YÖNETİCİ")
        recovery = encryption.new_recovery_key(store)
    finally:
        store.close()
    print(_recovery_text(recovery))
    return EXIT_OK


def cmd_rotate(args: argparse.Namespace) -> int:
    """Re-encrypt under a new key (after a key file or a password may have leaked)."""
    from koopbis_desktop.store import encrypt_migration

    store, actor = signed_in(args)
    try:
        _admin_only(actor.role)
    except BaseException:
        store.close()
        raise
    report, others = encrypt_migration.rotate_key(
        store, actor.username, account_password(args), progress=_progress
    )
    print(f"Yeni anahtarla yeniden şifrelendi: {sum(report.rows.values())} satır doğrulandı.")
    _report_old_backups(report)
    if others:
        print(
            "Bu hesapların anahtarı yenilenmeli (ilk girişlerinde program açıkken ya da parola sıfırlanınca): "
            + ", ".join(others)
        )
    print(_recovery_text(report.recovery_key))
    return EXIT_OK


def cmd_unlock_recovery(args: argparse.Namespace) -> int:
    """Every password lost: open with the recovery key and give ``--as`` a new password and slot."""
    from koopbis_desktop.services import accounts
    from koopbis_desktop.store import encryption

    db_path = paths.database_path(args.db)
    if not args.as_user:
        raise CliError("Yeni parolası verilecek yönetici hesabını --as ile belirtin.", EXIT_USAGE)
    recovery = ask_password("KOOPBIS_RECOVERY_KEY", "Kurtarma anahtarı: ")
    new_password = ask_password("KOOPBIS_NEW_PASSWORD", f"{args.as_user} için yeni parola: ", twice=True)
    store = encryption.open_with_recovery(db_path, recovery, backups_dir=paths.backups_dir(db_path))
    try:
        accounts.reset_with_recovery(store, args.as_user, new_password)
    finally:
        store.close()
    print(f"{args.as_user} hesabına yeni parola verildi; veritabanı bu parolayla açılır.")
    return EXIT_OK


def cmd_remember(args: argparse.Namespace) -> int:
    """Keep the ``--as`` account's password in this PC's OS keyring for scheduled syncs (or forget it)."""
    from koopbis_desktop.services import secrets

    entry = remembered_account(args.as_user or "")
    if args.forget:
        if not args.as_user:
            raise CliError("Hangi hesabın parolası unutulsun: --as KULLANICI", EXIT_USAGE)
        secrets.delete_password(entry)
        print(f"{args.as_user} hesabının parolası bu bilgisayarın anahtar zincirinden silindi.")
        return EXIT_OK
    store, actor = signed_in(args)  # a wrong password is refused (exit 4) and nothing is kept
    store.close()
    if not secrets.set_password(entry, account_password(args)):
        raise CliError(
            "Bu bilgisayarda güvenli bir anahtar zinciri yok (Windows Kimlik Bilgileri Yöneticisi ya da "
            "masaüstü anahtar zinciri); parola hiçbir yere yazılmadı. Zamanlanmış eşitleme bu hesapla "
            "çalışamaz: eşitlemeyi masaüstü programından yapın."
        )
    print(
        f"{actor.username} hesabının parolası bu bilgisayarın anahtar zincirinde saklandı; zamanlanmış "
        f"'koopbis sync --once --as {actor.username}' onunla açar. Silmek için: koopbis key remember "
        f"--forget --as {actor.username}"
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
