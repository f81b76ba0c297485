"""``koopbis registry warnings``: cooperatives whose boards' terms ran out or that hold no assemblies.

The warnings are ``services.registry_warnings``'s (snapshot plus the queue); the
same list prints as a PDF with ``koopbis print registry``.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

from koopbis_desktop.cli.common import EXIT_OK, EXIT_USAGE, CliError, Parser, print_json, signed_in
from koopbis_desktop.domain.i18n import tx


def cmd_registry_warnings(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain import reference
    from koopbis_desktop.services.registry_warnings import province_warnings

    store, _actor = signed_in(args, reading=True)
    province = None
    if args.province:
        found = reference.find_province(args.province)
        if found is None:
            raise CliError(
                tx("'{province}' diye bir il yok; plaka kodu ya da il adı yazın.").format(
                    province=args.province
                ),
                EXIT_USAGE,
            )
        province = found.code
    listed = province_warnings(store, province=province)
    if args.csv:
        target = Path(args.csv)
        # utf-8-sig: Excel opens a CSV with a BOM as UTF-8 and shows Turkish letters right.
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(("Sicil no", "Unvan", tx("Uyarı"), "Dayanak"))
            for coop in listed:
                for warning in coop.warnings:
                    writer.writerow((coop.cooperative_id, coop.title, warning.message, warning.article))
    if args.json:
        print_json([coop.to_json() for coop in listed])
        return EXIT_OK
    if not listed:
        print(tx("Uyarı gerektiren kooperatif yok."))
        return EXIT_OK
    for coop in listed:
        print(f"{coop.cooperative_id:<12} {coop.title}")
        for warning in coop.warnings:
            print(f"    ! {warning.text}")
    total = sum(len(c.warnings) for c in listed)
    print(
        tx("{n_listed} kooperatif, {total} uyarı.").format(n_listed=len(listed), total=total)
        + (f" Liste: {args.csv}" if args.csv else "")
    )
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``registry …`` to ``koopbis``'s sub-commands."""
    reg = sub.add_parser("registry", parents=[common], help=tx("sicil uyarıları")).add_subparsers(
        dest="registry_command", required=True, parser_class=Parser
    )
    p = reg.add_parser(
        "warnings",
        parents=[common],
        help=tx("görev süresi dolan kurullar, üç yıldır olağan genel kurul yapmayan kooperatifler"),
    )
    p.add_argument("--province", metavar=tx("İL"), help=tx("yalnız bu ilin kooperatifleri (plaka ya da ad)"))
    p.add_argument("--csv", metavar=tx("DOSYA.csv"), help=tx("listeyi ayrıca CSV olarak yaz"))
    p.set_defaults(func=cmd_registry_warnings)
