"""``koopbis conflicts …``: what KOOP-BİS refused or changed meanwhile, and the supervisor's decision."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from koopbis_desktop.cli.common import (
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Parser,
    load_data,
    print_json,
    print_moved,
    signed_in,
)
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State

if TYPE_CHECKING:
    from koopbis_desktop.store import entries
    from koopbis_desktop.store.db import Store


def _conflict_entries(store: Store) -> list[entries.Entry]:
    from koopbis_desktop.store import entries

    return entries.list_entries(store, states=[State.CONFLICT])


def cmd_conflicts_list(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.changetypes import get_type
    from koopbis_desktop.domain.records import key_label
    from koopbis_desktop.services import conflicts as resolution
    from sync.conflict_view import kind_label

    store, _actor = signed_in(args, reading=True)
    rows = _conflict_entries(store)
    if args.json:
        print_json(
            [
                {
                    "id": e.uuid,
                    "type": e.type,
                    "cooperative": e.cooperative,
                    "kind": (e.outcome or {}).get("kind"),
                    "message": (e.outcome or {}).get("message"),
                    "conflicting": resolution.conflicting_keys(e),
                    "since": e.updated_at,
                }
                for e in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print(tx("Çakışmada kayıt yok."))
    for e in rows:
        # As the entry list and the Çakışmalar page name them: the entry's number, the kind in words.
        kind = kind_label(e.outcome)
        keys = ", ".join(key_label(k) for k in resolution.conflicting_keys(e))
        print(f"{e.label:<12} {kind:<30} {get_type(e.type).label:<28} {e.cooperative or '—':<12} {keys}")
    return EXIT_OK


def _seen(args: argparse.Namespace) -> Any:
    """``--seen`` as the service takes it (None when not given: the service says what to do)."""
    from koopbis_desktop.services import conflicts as resolution

    return resolution.Seen.parse(args.seen) if args.seen is not None else None


def cmd_conflicts_show(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import conflicts as resolution
    from koopbis_desktop.store import entries
    from sync.conflict_view import conflict_json, conflict_text, load_conflict

    store, _actor = signed_in(args, reading=True)
    entry = entries.get_entry(store, args.id)
    if entry.state != State.CONFLICT:
        raise CliError(
            tx("Bu kayıt çakışmada değil ({v}).").format(v=STATE_LABELS[entry.state]), EXIT_NOT_FOUND
        )
    # Read before the details: a conflict that changes in between is refused at the decision.
    seen = resolution.seen_now(store, entry.uuid)
    details = load_conflict(store, entry.uuid)
    entry = details.entry
    outcome = entry.outcome or {}
    if args.json:
        from koopbis_desktop.domain.records import key_label

        print_json(
            {
                "id": entry.uuid,
                "type": entry.type,
                "cooperative": entry.cooperative,
                "kind": outcome.get("kind"),
                "message": outcome.get("message"),
                "fields": [
                    {
                        "key": f.key,
                        "label": key_label(f.key),
                        "base": f.base,
                        "local": f.local,
                        "server": f.server,
                        "conflicting": f.conflicting,
                        "local_changed": f.local_changed,
                        "server_changed": f.server_changed,
                        "rows": [
                            {
                                "key": r.key,
                                "base": r.base,
                                "local": r.local,
                                "server": r.server,
                                "conflicting": r.conflicting,
                            }
                            for r in f.rows
                        ],
                    }
                    for f in details.comparison.fields
                ],
                "payload": entry.payload,
                # What a decision on what was shown passes as --seen.
                "seen": seen.token,
                # What the desktop's conflict dialog shows, labelled and formatted.
                "shown": conflict_json(details),
            }
        )
        return EXIT_OK
    print("\n".join(conflict_text(details)))
    print(
        tx(
            "Gösterilen çakışma: {token} (karar verirken --seen {token} yazın; çakışma bu arada değişirse "
            "karar uygulanmaz)"
        ).format(token=seen.token)
    )
    return EXIT_OK


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import conflicts as resolution

    store, actor = signed_in(args)
    if args.take == "local":
        entry = resolution.keep_local(store, actor, args.id, args.reason, seen=_seen(args))
    elif args.take == "server":
        entry = resolution.take_server(store, actor, args.id, args.reason, seen=_seen(args))
    else:
        if not args.fields:
            raise CliError(tx('--take merge için --fields gerekli: {"alan": "local" | "server"}'), EXIT_USAGE)
        choices = load_data(args.fields, "--fields")
        entry = resolution.merge(store, actor, args.id, choices, args.reason, seen=_seen(args))
    _said(args, entry)
    return EXIT_OK


def cmd_conflicts_return(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import conflicts as resolution

    store, actor = signed_in(args)
    entry = resolution.return_to_clerk(store, actor, args.id, args.comment, seen=_seen(args))
    _said(args, entry)
    return EXIT_OK


def cmd_conflicts_link(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import conflicts as resolution

    store, actor = signed_in(args)
    entry = resolution.link_registration(
        store, actor, args.id, args.cooperative, args.reason, seen=_seen(args)
    )
    _said(
        args,
        entry,
        tx("; bekleyen kayıtlar {cooperative} kooperatifine bağlandı").format(cooperative=args.cooperative),
    )
    return EXIT_OK


def _said(args: argparse.Namespace, entry: Any, detail: str = "") -> None:
    """Where the resolved entry went: one JSON document under ``--json``, else a sentence."""
    if args.json:
        print_json(entry.to_json())
    else:
        print_moved(entry, detail)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``conflicts …`` to ``koopbis``'s sub-commands."""
    conf = sub.add_parser("conflicts", parents=[common], help=tx("çakışmalar")).add_subparsers(
        dest="conflicts_command", required=True, parser_class=Parser
    )
    p = conf.add_parser("list", parents=[common], help=tx("çakışmadaki kayıtlar"))
    p.set_defaults(func=cmd_conflicts_list)
    p = conf.add_parser("show", parents=[common], help=tx("bir çakışmayı alan alan göster"))
    p.add_argument("id")
    p.set_defaults(func=cmd_conflicts_show)
    p = conf.add_parser("resolve", parents=[common], help=tx("çakışmayı çöz (şef)"))
    p.add_argument("id")
    p.add_argument(
        "--take",
        required=True,
        choices=["local", "server", "merge"],
        help=tx("local: yerel kaydı yeniden gönder · server: KOOP-BİS'tekini kabul et · merge: alan alan"),
    )
    p.add_argument(
        "--fields",
        metavar="JSON",
        help=tx('merge için: {"alan": "local" | "server" | {"value": ...}}'),
    )
    p.add_argument(
        "--reason", required=True, metavar=tx("METİN"), help=tx("karar gerekçesi (denetim izine girer)")
    )
    p.add_argument(
        "--seen",
        metavar=tx("NUMARA"),
        help=tx("karar verilen çakışma: 'koopbis conflicts show' çıktısındaki 'Gösterilen çakışma' değeri"),
    )
    p.set_defaults(func=cmd_conflicts_resolve)
    p = conf.add_parser("return", parents=[common], help=tx("çakışan ya da reddedilen kaydı memura iade et"))
    p.add_argument("id")
    p.add_argument("--comment", required=True, metavar=tx("METİN"))
    p.add_argument(
        "--seen",
        metavar=tx("NUMARA"),
        help=tx("karar verilen çakışma: 'koopbis conflicts show' çıktısındaki 'Gösterilen çakışma' değeri"),
    )
    p.set_defaults(func=cmd_conflicts_return)
    p = conf.add_parser(
        "link", parents=[common], help=tx("kuruluş kaydını KOOP-BİS'teki mevcut kooperatife bağla")
    )
    p.add_argument("id")
    p.add_argument("cooperative", metavar=tx("SİCİL_NO"))
    p.add_argument("--reason", required=True, metavar=tx("METİN"))
    p.add_argument(
        "--seen",
        metavar=tx("NUMARA"),
        help=tx("karar verilen çakışma: 'koopbis conflicts show' çıktısındaki 'Gösterilen çakışma' değeri"),
    )
    p.set_defaults(func=cmd_conflicts_link)
