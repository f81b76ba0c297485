"""``koopbis user …``: accounts, roles, passwords and locks.

The first account of a new database needs no ``--as`` (there is nobody to sign
in yet); every later one is opened by an administrator.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from koopbis_desktop.cli.common import EXIT_OK, Parser, ask_password, open_db, print_json, sign_in, signed_in
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import ROLE_LABELS, Actor, Role

if TYPE_CHECKING:
    from koopbis_desktop.store.db import Store
    from koopbis_desktop.store.users import User


def _user_json(u: User) -> dict[str, Any]:
    """An account as ``user list --json`` lists it (and the other ``user`` commands report it)."""
    return {
        "username": u.username,
        "full_name": u.full_name,
        "role": u.role.value,
        "active": u.active,
        "locked_until": u.locked_until,
    }


def _report_user(store: Store, args: argparse.Namespace, done: str) -> None:
    """``done`` for a person; under ``--json`` the account as it now is."""
    from koopbis_desktop.store import users

    if args.json:
        user = users.get_user(store, args.name)
        assert user is not None  # the service has just found it
        print_json(_user_json(user))
    else:
        print(done)


def cmd_user_add(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import accounts
    from koopbis_desktop.store import users

    store = open_db(args)
    first = users.count_users(store) == 0
    by = None if first else sign_in(store, args)
    password = ask_password(
        "KOOPBIS_NEW_PASSWORD", tx("{name} için yeni parola: ").format(name=args.name), twice=True
    )
    user = accounts.add_user(store, by, args.name, args.role, password, args.full_name or "")
    if args.json:
        print_json(_user_json(user))
    else:
        print(tx("Hesap açıldı: {username} ({v}).").format(username=user.username, v=ROLE_LABELS[user.role]))
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import accounts

    store, actor = signed_in(args, reading=True)
    rows = accounts.list_users(store, actor)
    if args.json:
        print_json([_user_json(u) for u in rows])
        return EXIT_OK
    from koopbis_desktop.store.clock import now

    moment = now()
    for u in rows:
        state = tx("açık") if u.active else tx("kapalı")
        # A lockout that has run out is not one any more (the next sign-in is let in).
        locked = u.locked_at(moment) and u.locked_until
        lock = tx(", kilitli ({until} UTC'ye kadar)").format(until=u.locked_until) if locked else ""
        print(f"{u.username:<20} {ROLE_LABELS[u.role]:<18} {u.full_name:<30} {state}{lock}")
    return EXIT_OK


def _user_admin(name: str, done: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from koopbis_desktop.services import accounts

        actions: dict[str, Callable[[Store, Actor, str], None]] = {
            "disable": accounts.disable_user,
            "enable": accounts.enable_user,
            "unlock": accounts.unlock_user,
        }
        store, actor = signed_in(args)
        actions[name](store, actor, args.name)
        _report_user(store, args, done.format(name=args.name))
        return EXIT_OK

    return run


def cmd_user_passwd(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import accounts

    if not args.as_user:
        args.as_user = args.name
    store, actor = signed_in(args)
    password = ask_password(
        "KOOPBIS_NEW_PASSWORD", tx("{name} için yeni parola: ").format(name=args.name), twice=True
    )
    accounts.change_password(store, actor, args.name, password)
    _report_user(store, args, tx("{name} hesabının parolası değiştirildi.").format(name=args.name))
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``user …`` to ``koopbis``'s sub-commands."""
    user = sub.add_parser("user", parents=[common], help=tx("kullanıcı hesapları")).add_subparsers(
        dest="user_command", required=True, parser_class=Parser
    )
    p = user.add_parser(
        "add", parents=[common], help=tx("hesap aç (parola KOOPBIS_NEW_PASSWORD ya da sorulur)")
    )
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--full-name", metavar=tx("METİN"))
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("list", parents=[common], help=tx("hesapları listele"))
    p.set_defaults(func=cmd_user_list)
    for name, done, text in (
        ("disable", tx("{name} hesabı kapatıldı."), tx("hesabı kapat")),
        ("enable", tx("{name} hesabı açıldı."), tx("kapalı hesabı aç")),
        ("unlock", tx("{name} hesabının kilidi açıldı."), tx("kilitli hesabı aç")),
    ):
        p = user.add_parser(name, parents=[common], help=text)
        p.add_argument("name")
        p.set_defaults(func=_user_admin(name, done))
    p = user.add_parser("passwd", parents=[common], help=tx("parola değiştir"))
    p.add_argument("name")
    p.set_defaults(func=cmd_user_passwd)
