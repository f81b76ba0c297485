"""``koopbis snapshot …`` and ``koopbis search``: the offline list of the province's cooperatives."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from koopbis_desktop.cli.common import (
    EXIT_ERROR,
    EXIT_NOT_PERMITTED,
    EXIT_OK,
    CliError,
    Parser,
    add_server_options,
    print_json,
    signed_in,
    sync_options,
)
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Role


def cmd_snapshot_import(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import setup

    store, actor = signed_in(args)
    if actor.role not in (Role.ADMIN, Role.SUPERVISOR):
        raise CliError(tx("Kooperatif listesini yönetici ya da şef yükleyebilir."), EXIT_NOT_PERMITTED)
    report = setup.import_snapshot(
        store,
        actor.username,
        Path(args.file),
        members=Path(args.members) if args.members else None,
        board=Path(args.board) if args.board else None,
        auditors=Path(args.auditors) if args.auditors else None,
        assemblies=Path(args.assemblies) if args.assemblies else None,
    )
    if args.json:
        print_json(
            {
                "counts": report.counts,
                "sources": list(report.sources),
                "encodings": report.encodings,
                # Rows taken with a field kept as written or left empty: a script must see them too.
                "warning_count": report.warning_count,
                "warnings": [
                    {"file": source, "line": line, "column": column, "message": message}
                    for source, line, column, message in report.warnings
                ],
                "skipped": [{"id": ident, "reason": why} for ident, why in report.skipped],
            }
        )
        return EXIT_OK
    print(tx("Kooperatif listesi yüklendi: {report}").format(report=report))
    for name, encoding in report.encodings.items():
        print(tx("  {name}: {encoding} kodlamasıyla okundu.").format(name=name, encoding=encoding))
    return EXIT_OK


def cmd_snapshot_refresh(args: argparse.Namespace) -> int:
    from sync import refresh, scheduler

    store, _actor = signed_in(args)  # it rewrites the province's snapshot
    client = scheduler.make_client(store, sync_options(args, store))
    try:
        report = refresh.refresh_snapshot(store, client, full=args.full)
    finally:
        client.close()
    if args.json:
        print_json(report.__dict__)
    else:
        print(report.message)
    return EXIT_OK if report.ok else EXIT_ERROR


def cmd_search(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain import reference
    from koopbis_desktop.store import snapshot

    store, _actor = signed_in(args, reading=True)
    results = snapshot.search(store, args.text, limit=args.limit)
    if args.json:
        print_json(results)
        return EXIT_OK
    if not results:
        print(tx("'{text}' ile eşleşen kooperatif yok.").format(text=args.text))
        return EXIT_OK
    for r in results:
        district = reference.district_name(r.get("province_code") or "", r.get("district") or "")
        print(f"{r['id']:<12} {r['title']}  [{district}]  VKN {r.get('vkn') or '—'}")
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``snapshot …`` and ``search`` to ``koopbis``'s sub-commands."""
    snap = sub.add_parser("snapshot", parents=[common], help=tx("kooperatif listesi")).add_subparsers(
        dest="snapshot_command", required=True, parser_class=Parser
    )
    p = snap.add_parser(
        "import", parents=[common], help=tx("kooperatif listesini yükle (XLSX, XLS, ODS, CSV)")
    )
    p.add_argument("file")
    p.add_argument("--members", metavar=tx("DOSYA"))
    p.add_argument("--board", metavar=tx("DOSYA"))
    p.add_argument("--auditors", metavar=tx("DOSYA"))
    p.add_argument("--assemblies", metavar=tx("DOSYA"))
    p.set_defaults(func=cmd_snapshot_import)

    p = snap.add_parser("refresh", parents=[common], help=tx("KOOP-BİS'ten değişen kooperatifleri al"))
    add_server_options(p)
    p.add_argument("--full", action="store_true", help=tx("yalnız değişenleri değil, ilin tümünü al"))
    p.set_defaults(func=cmd_snapshot_refresh)

    p = sub.add_parser("search", parents=[common], help=tx("kooperatif ara (unvan, sicil no, VKN)"))
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_search)
