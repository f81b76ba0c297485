"""``koopbis print …``: the A4 printouts (worklist, entry slip, daily list, receipts, registry warnings) as PDF files.

What a printout says comes from ``services.reports`` (plain data); laying it out
takes Qt, which the command line never loads: ``services.printouts`` hands the
report to a child process that writes the PDF.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from koopbis_desktop.cli.common import EXIT_OK, EXIT_USAGE, CliError, Parser, print_json, signed_in
from koopbis_desktop.domain.i18n import tx

if TYPE_CHECKING:
    from koopbis_desktop.services.reports import Report


def _write_report(report: Report, args: argparse.Namespace) -> int:
    from koopbis_desktop.services import printouts

    target = Path(args.file)
    if target.suffix.lower() != ".pdf":
        raise CliError(tx("Çıktı dosyasının adı .pdf ile bitmeli, ör. gunluk-liste.pdf"), EXIT_USAGE)
    pages = printouts.write_pdf(report, target)
    if args.json:
        print_json({"file": str(target), "pages": pages, "entries": report.entry_ids})
    else:
        print(
            tx("{target}: {pages} sayfa, {v} kayıt.").format(
                target=target, pages=pages, v=len(report.entry_ids)
            )
        )
    return EXIT_OK


def cmd_print_worklist(args: argparse.Namespace) -> int:
    from sync import manual

    store, _actor = signed_in(args, reading=True)
    return _write_report(manual.worklist_report(store, store.setting("province_code")), args)


def cmd_print_entry(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import reports

    store, _actor = signed_in(args, reading=True)
    return _write_report(reports.entry_slip(store, args.id, store.setting("province_code")), args)


def cmd_print_daily(args: argparse.Namespace) -> int:
    from datetime import date

    from koopbis_desktop.domain.validators import FieldError, parse_date
    from koopbis_desktop.services import reports

    store, _actor = signed_in(args, reading=True)
    day = date.today()
    if args.date:
        try:
            day = date.fromisoformat(parse_date(args.date, allow_future=True))
        except FieldError as exc:
            raise CliError(f"--date: {exc.message}", EXIT_USAGE) from exc
    return _write_report(reports.daily_list(store, day, store.setting("province_code")), args)


def cmd_print_receipts(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import reports

    store, _actor = signed_in(args, reading=True)
    return _write_report(reports.receipts_report(store, store.setting("province_code")), args)


def cmd_print_registry(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import reports

    store, _actor = signed_in(args, reading=True)
    return _write_report(reports.registry_report(store, store.setting("province_code")), args)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``print …`` to ``koopbis``'s sub-commands."""
    prn = sub.add_parser("print", parents=[common], help=tx("PDF çıktılar (A4)")).add_subparsers(
        dest="print_command", required=True, parser_class=Parser
    )
    p = prn.add_parser("worklist", parents=[common], help=tx("KOOP-BİS'e elle girilecek kayıtların listesi"))
    p.add_argument("file", metavar=tx("DOSYA.pdf"))
    p.set_defaults(func=cmd_print_worklist)
    p = prn.add_parser("entry", parents=[common], help=tx("bir kaydın kayıt fişi"))
    p.add_argument("id")
    p.add_argument("file", metavar=tx("DOSYA.pdf"))
    p.set_defaults(func=cmd_print_entry)
    p = prn.add_parser("daily", parents=[common], help=tx("günlük liste (imza ve denetim izi özetiyle)"))
    p.add_argument("--date", metavar=tx("TARİH"), help=tx("gün (GG.AA.YYYY; varsayılan bugün)"))
    p.add_argument("file", metavar=tx("DOSYA.pdf"))
    p.set_defaults(func=cmd_print_daily)
    p = prn.add_parser("receipts", parents=[common], help=tx("KOOP-BİS alındı listesi"))
    p.add_argument("file", metavar=tx("DOSYA.pdf"))
    p.set_defaults(func=cmd_print_receipts)
    p = prn.add_parser(
        "registry", parents=[common], help=tx("sicil uyarıları (görev süreleri, genel kurullar)")
    )
    p.add_argument("file", metavar=tx("DOSYA.pdf"))
    p.set_defaults(func=cmd_print_registry)
