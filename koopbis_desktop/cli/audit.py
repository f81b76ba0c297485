"""``koopbis audit …``: verify the hash chain of the audit trail and list it."""

from __future__ import annotations

import argparse
from typing import Any

from koopbis_desktop.cli.common import EXIT_ERROR, EXIT_OK, Parser, open_db, print_json, signed_in
from koopbis_desktop.domain.i18n import tx


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from koopbis_desktop.store import audit

    store = open_db(args, reading=True)
    result = audit.verify(store, anchor=args.anchor)
    if args.json:
        print_json(
            {
                "ok": result.ok,
                "rows": result.rows,
                "head_hash": result.head_hash,
                "bad_seq": result.bad_seq,
                "reason": result.reason,
            }
        )
    else:
        print(result.message)
    return EXIT_OK if result.ok else EXIT_ERROR


def cmd_audit_list(args: argparse.Namespace) -> int:
    from koopbis_desktop.store import entries

    store, _actor = signed_in(args, reading=True)
    rows = entries.audit_rows(store, args.entry)
    if args.json:
        print_json(rows)
        return EXIT_OK
    for r in rows:
        move = f"{r['from_state'] or ''}→{r['to_state']}" if r["to_state"] else ""
        comment = f" «{r['comment']}»" if r["comment"] else ""
        print(
            f"{r['seq']:>6} {r['at']} {r['actor']:<14} {r['action']:<18} {r['entry'] or '':<36} {move}{comment}"
        )
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``audit …`` to ``koopbis``'s sub-commands."""
    aud = sub.add_parser("audit", parents=[common], help=tx("denetim izi")).add_subparsers(
        dest="audit_command", required=True, parser_class=Parser
    )
    p = aud.add_parser("verify", parents=[common], help=tx("zinciri doğrula (bozuksa çıkış kodu 1)"))
    p.add_argument(
        "--anchor",
        metavar=tx("ÖZET"),
        help=tx(
            "dışarıda saklanan zincir başı (günlük listede basılı ya da KOOP-BİS'te tutulan); zincirde olmalı"
        ),
    )
    p.set_defaults(func=cmd_audit_verify)
    p = aud.add_parser("list", parents=[common], help=tx("denetim izini listele"))
    p.add_argument("--entry", metavar=tx("KAYIT"))
    p.set_defaults(func=cmd_audit_list)
