"""``koopbis office``: setting up the office database that several PCs share (PostgreSQL).

Run by the office's IT as the database's owner (``--db postgresql://sahip@sunucu/koopbis``):
``init`` makes the schema, claims the province, opens the first admin account and grants
the program's role (``--app-role``) its rights (without ``--province``/``--admin``: only the
empty schema and the rights, for ``koopbis copy`` to move a single PC's database in); ``grants`` prints or re-applies those
rights; ``upgrade`` brings the schema to this program's version after an update.
``forget`` is for a PC, not the server: it drops the office database this PC remembers
(``baglanti.json`` and the role's password in the keyring), so the PC works alone again
when that server is gone or down.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from koopbis_desktop.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    ask,
    ask_password,
    open_db,
    print_json,
    say,
)
from koopbis_desktop.domain.i18n import tx

# The store and the set-up service are imported by the command that runs (a quick --help).
if TYPE_CHECKING:
    from koopbis_desktop.store.db import Store


def _office(args: argparse.Namespace, *, create: bool = False) -> Any:
    from koopbis_desktop import paths
    from koopbis_desktop.store.location import OfficeUrl

    if not isinstance(paths.database_location(args.db), OfficeUrl):
        raise CliError(
            tx(
                "'koopbis office' ofis veritabanı içindir: --db postgresql://sahip@sunucu:5432/koopbis biçiminde "
                "bir adres verin (tek bilgisayar için 'koopbis init' yeter)."
            ),
            EXIT_USAGE,
        )
    from koopbis_desktop.store.pg import PgStore

    store: Store = open_db(args, create=create)
    assert isinstance(store, PgStore)
    return store


def cmd_office_init(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.validators import FieldError
    from koopbis_desktop.services import setup
    from koopbis_desktop.store import office, users

    if bool(args.province) != bool(args.admin):
        raise CliError(
            tx(
                "Yeni bir ofis için --province ile --admin birlikte verilir; tek bilgisayarın veritabanını "
                "taşımak için ikisi de verilmez (boş şema, sonra koopbis copy)."
            ),
            EXIT_USAGE,
        )
    if args.province:
        setup.find_province(args.province)  # an unknown province creates nothing
    if args.app_role:
        office.grant_statements(args.app_role, "x")  # a malformed role name creates nothing
    store = _office(args, create=True)
    done: dict[str, Any] = {
        "url": store.url.display,
        "province": None,
        "admin": None,
        "app_role": args.app_role,
    }
    if args.province:
        try:
            province = setup.initialize(store, args.province, go_live=args.go_live)
        except FieldError as exc:
            raise CliError(f"--go-live: {exc.message}", EXIT_INVALID) from exc
        done["province"] = {"code": province.code, "name": province.name}
        say(
            args,
            tx("Ofis veritabanı hazır: {url} ({name}, plaka {code}).").format(
                url=store.url.display, name=province.name, code=province.code
            ),
        )
        if users.count_users(store) == 0:
            password = ask_password(
                "KOOPBIS_NEW_PASSWORD", tx("{name} için yeni parola: ").format(name=args.admin), twice=True
            )
            setup.add_first_admin(store, args.admin, password)
            done["admin"] = args.admin
            say(args, tx("İlk yönetici hesabı açıldı: {admin}.").format(admin=args.admin))
    else:
        say(
            args,
            tx(
                "Boş ofis veritabanı hazır: {url}. Tek bilgisayarın kayıtlarını taşımak için: koopbis copy --from "
                "DOSYA --to {url} --as YÖNETİCİ"
            ).format(url=store.url.display),
        )
    if args.app_role:
        office.grant(store, args.app_role)
        say(
            args,
            tx(
                "'{role}' rolüne programın hakları verildi; denetim izine yalnızca okuma ve ekleme. Her bilgisayar "
                "postgresql://{role}@{host}:{port}/{db} adresiyle bağlanır."
            ).format(role=args.app_role, host=store.url.host, port=store.url.port, db=store.url.dbname),
        )
    else:
        print(  # a warning: on stderr under --json too
            tx(
                "Uyarı: --app-role verilmedi; bilgisayarlar bu sahip rolüyle bağlanırsa denetim izini "
                "değiştirme hakları da olur. Ayrı bir rol açıp 'koopbis office grants --app-role ROL' çalıştırın."
            ),
            file=sys.stderr if args.json else sys.stdout,
        )
    if args.json:
        print_json(done)
    return EXIT_OK


def cmd_office_grants(args: argparse.Namespace) -> int:
    from koopbis_desktop.store import office

    if args.print:
        from koopbis_desktop import paths
        from koopbis_desktop.store.location import OfficeUrl

        location = paths.database_location(args.db)
        dbname = location.dbname if isinstance(location, OfficeUrl) else "koopbis"
        statements = list(office.grant_statements(args.app_role, dbname))
    else:
        statements = list(office.grant(_office(args), args.app_role))
    if args.json:
        print_json({"app_role": args.app_role, "applied": not args.print, "statements": statements})
        return EXIT_OK
    for statement in statements:
        print(f"{statement};")
    return EXIT_OK


def cmd_office_upgrade(args: argparse.Namespace) -> int:
    from koopbis_desktop.store import migrations

    store = _office(args)  # opening as the owner runs the numbered steps
    if args.app_role:
        from koopbis_desktop.store import office

        office.grant(store, args.app_role)  # new tables need the program role's rights too
    if args.json:
        print_json({"url": store.url.display, "schema_version": migrations.LATEST, "app_role": args.app_role})
    else:
        print(tx("Ofis veritabanı şeması güncel (sürüm {version}).").format(version=migrations.LATEST))
    return EXIT_OK


def cmd_office_forget(args: argparse.Namespace) -> int:
    from koopbis_desktop import paths
    from koopbis_desktop.services import office_connection

    url = paths.remembered_office()
    if url is None:
        if args.json:
            print_json({"url": None, "forgotten": False, "password_removed": False})
            return EXIT_OK
        print(
            tx(
                "Bu bilgisayarın hatırladığı bir ofis veritabanı yok; program zaten kendi veritabanı dosyasıyla çalışıyor."
            )
        )
        return EXIT_OK
    say(
        args,
        tx(
            "Bu bilgisayar {url} ofis veritabanına bağlanıyor. Unutulursa bağlantı bilgisi ({file}) ve "
            "veritabanı parolası bu bilgisayardan silinir; program bundan sonra bu bilgisayarın kendi "
            "veritabanı dosyasını ({own}) açar, dosya yoksa ilk kurulum yeniden sorar. Ofis veritabanındaki "
            "kayıtlara dokunulmaz."
        ).format(url=url.display, file=paths.connection_file(), own=paths.data_dir() / paths.DB_FILENAME),
    )
    kept = {"url": url.display, "forgotten": False, "password_removed": False}
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise CliError(
                tx("Onay gerekli: komutu bir terminalde çalıştırın ya da --yes ile onaylayın."), EXIT_USAGE
            )
        answer = ask(tx("Unutulsun mu? [e/H] "), on_stderr=args.json).strip().casefold()
        if answer not in ("e", "evet", "y", "yes"):
            say(args, tx("Vazgeçildi; hiçbir şey silinmedi."))
            if args.json:
                print_json(kept)
            return EXIT_OK
    forgotten = office_connection.forget()
    if forgotten is None:  # another process forgot it meanwhile
        if args.json:
            print_json(kept)
        return EXIT_OK
    if args.json:
        print_json(
            {"url": forgotten.url.display, "forgotten": True, "password_removed": forgotten.password_removed}
        )
        return EXIT_OK
    print(tx("Ofis veritabanı unutuldu: {url}.").format(url=forgotten.url.display))
    if forgotten.password_removed:
        print(tx("Parolası bu bilgisayarın parola kasasından silindi."))
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``office`` (init, grants, upgrade, forget) to ``koopbis``'s sub-commands."""
    p = sub.add_parser(
        "office", parents=[common], help=tx("ofis veritabanını kur (PostgreSQL, BT sorumlusu için)")
    )
    office_sub = p.add_subparsers(dest="office_command", required=True)
    i = office_sub.add_parser(
        "init", parents=[common], help=tx("şemayı kur, ili ve ilk yöneticiyi aç, hakları ver")
    )
    i.add_argument("--province", metavar=tx("KOD"), help=tx("yeni ofis: il plaka kodu (ör. 06) ya da il adı"))
    i.add_argument(
        "--admin", metavar=tx("AD"), help=tx("yeni ofis: ilk yönetici hesabı (parola KOOPBIS_NEW_PASSWORD)")
    )
    i.add_argument("--app-role", metavar=tx("ROL"), help=tx("bilgisayarların bağlanacağı veritabanı rolü"))
    i.add_argument(
        "--go-live", metavar=tx("TARİH"), help=tx("KOOP-BİS açılış tarihi (varsayılan 12.03.2015)")
    )
    i.set_defaults(func=cmd_office_init)
    g = office_sub.add_parser(
        "grants", parents=[common], help=tx("programın rolüne haklarını ver ya da yazdır")
    )
    g.add_argument("--app-role", required=True, metavar=tx("ROL"))
    g.add_argument(
        "--print", action="store_true", help=tx("yalnızca SQL komutlarını yazdır (BT sorumlusu için)")
    )
    g.set_defaults(func=cmd_office_grants)
    u = office_sub.add_parser("upgrade", parents=[common], help=tx("şemayı bu sürüme getir (sahip rolüyle)"))
    u.add_argument("--app-role", metavar=tx("ROL"), help=tx("yeni tablolar için hakları da yenile"))
    u.set_defaults(func=cmd_office_upgrade)
    f = office_sub.add_parser(
        "forget",
        parents=[common],
        help=tx("bu bilgisayarın hatırladığı ofis veritabanını unut (tek başına çalışmaya dön)"),
    )
    f.add_argument("--yes", action="store_true", help=tx("sormadan unut"))
    f.set_defaults(func=cmd_office_forget)


__all__ = ["register"]
