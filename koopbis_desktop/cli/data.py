"""``koopbis import members``, ``koopbis export entries|audit`` and ``koopbis support-bundle``.

The data-exchange commands: files in and out of the database. They use the same
helpers, exit codes and services as every other command group.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from koopbis_desktop.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    Parser,
    parse_state,
    print_json,
    signed_in,
)
from koopbis_desktop.domain.i18n import tx

# The services (spreadsheets, exports, the support bundle) are imported by the command that runs.


def cmd_import_members(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import member_import
    from koopbis_desktop.services.member_import import ImportKind

    store, actor = signed_in(args)
    kind = ImportKind(f"member.{args.kind}") if args.kind else None
    batch = member_import.BatchValues(
        decision_no=args.decision_no, decision_date=args.decision_date, share_value=args.share_value
    )
    preview = member_import.preview(store, Path(args.file), args.cooperative, kind=kind, batch=batch)
    result: member_import.ImportResult | None = None
    if not args.dry_run and (not preview.invalid_rows or args.skip_invalid):
        result = member_import.import_rows(store, actor, preview, skip_invalid=args.skip_invalid)
    if args.json:
        out: dict[str, Any] = preview.to_json()
        out["dry_run"] = bool(args.dry_run)
        out["created"] = result.created if result else []
        print_json(out)
    else:
        title = f" ({preview.cooperative_title})" if preview.cooperative_title else ""
        print(f"{member_import.KIND_LABELS[preview.kind]}, {preview.cooperative}{title}: {preview.summary()}")
        print(tx("Dosya: {source} ({reading})").format(source=preview.source, reading=preview.reading))
        if preview.notice:  # open in Excel or LibreOffice: what is not saved there was not read
            print(preview.notice, file=sys.stderr)
        for line in preview.error_lines(limit=200):
            print(tx("  HATA: {line}").format(line=line), file=sys.stderr)
        if len(preview.error_lines()) > 200:
            print(tx("  … (ilk 200 hata listelendi; tamamı için --json)"), file=sys.stderr)
        warned = preview.warning_lines()
        for line in warned[:200]:  # imported all the same: what a person should look at
            print(tx("  UYARI: {line}").format(line=line), file=sys.stderr)
        if len(warned) > 200:
            print(tx("  … (ilk 200 uyarı listelendi; tamamı için --json)"), file=sys.stderr)
        if result is not None:
            print(result.text())
        elif args.dry_run:
            print(tx("Deneme: hiçbir kayıt oluşturulmadı (--dry-run)."))
    if preview.invalid_rows and result is None:
        if not args.dry_run and not args.json:
            print(
                tx(
                    "İçe aktarma yapılmadı: hataları düzeltin ya da hatalı satırları atlamak için --skip-invalid verin."
                ),
                file=sys.stderr,
            )
        return EXIT_INVALID
    return EXIT_OK


class _ExportProgress:
    """An export of more than one page tells how far it is on stderr, every tenth: 50,000 entries
    take most of a minute as .xlsx, and a silent terminal looks hung. Nothing with ``--json``."""

    def __init__(self, args: argparse.Namespace, name: str, page: int) -> None:
        self.quiet = bool(args.json)
        self.name = name
        self.page = page
        self.total = 0
        self.shown = -1

    def counted(self, total: int) -> None:
        self.total = total

    def written(self, rows: int) -> None:
        if self.quiet or self.total <= self.page:
            return
        tenth = rows * 10 // self.total
        if tenth > self.shown:
            self.shown = tenth
            print(
                tx("[{percent:3d}%] {name}: {rows} / {total} kayıt yazıldı").format(
                    percent=tenth * 10,
                    name=self.name,
                    rows=f"{rows:,}".replace(",", "."),
                    total=f"{self.total:,}".replace(",", "."),
                ),
                file=sys.stderr,
                flush=True,
            )


def cmd_export_entries(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import exports
    from koopbis_desktop.services.queries import EntryFilter

    store, _actor = signed_in(args, reading=True)
    flt = EntryFilter(
        states=tuple(parse_state(s) for s in args.state or ()),
        type_id=args.type,
        cooperative=args.cooperative,
    )
    shown = _ExportProgress(args, Path(args.file).name, exports.PAGE)
    report = exports.export_entries(
        store, flt, Path(args.file), descending=False, counted=shown.counted, progress=shown.written
    )
    if args.json:
        print_json(
            {
                "file": str(report.path),
                "rows": report.rows,
                "sheets": list(report.sheets),
                "encoding": report.encoding or None,
                "warnings": [report.warning] if report.warning else [],
            }
        )
    else:
        print(report.text())
    return EXIT_OK


def cmd_export_audit(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import exports

    store, _actor = signed_in(args, reading=True)
    shown = _ExportProgress(args, Path(args.file).name, exports.PAGE)
    report = exports.export_audit(store, Path(args.file), counted=shown.counted, progress=shown.written)
    if args.json:
        print_json(
            {
                "file": str(report.path),
                "rows": report.rows,
                "encoding": report.encoding,
                "warnings": [report.warning] if report.warning else [],
            }
        )
    else:
        print(tx("Denetim izi: {report}").format(report=report.text()))
    return EXIT_OK


def cmd_support_bundle(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import support

    store, _actor = signed_in(args, reading=True)
    path = support.write_bundle(store, Path(args.file))
    if args.json:
        print_json({"file": str(path)})
    else:
        print(tx("Destek paketi yazıldı: {path} (kişisel veri içermez).").format(path=path))
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``import members``, ``export …`` and ``support-bundle`` to ``koopbis``'s sub-commands."""
    imp = sub.add_parser("import", parents=[common], help=tx("toplu kayıt yükle")).add_subparsers(
        dest="import_command", required=True, parser_class=Parser
    )
    p = imp.add_parser(
        "members",
        parents=[common],
        help=tx("ortaklığa giriş / ayrılma listesini (XLSX, XLS, ODS, CSV) taslak olarak yükle"),
    )
    p.add_argument(
        "file", metavar=tx("DOSYA"), help=tx("ortak listesi: .xlsx, .xlsm, .xlsb, .xls, .ods ya da .csv/.txt")
    )
    p.add_argument("--cooperative", required=True, metavar=tx("SİCİL_NO"), help=tx("listenin kooperatifi"))
    p.add_argument(
        "--kind",
        choices=("admit", "leave"),
        help=tx("giriş (admit) ya da ayrılma (leave); verilmezse başlıklardan anlaşılır"),
    )
    p.add_argument("--decision-no", metavar=tx("NO"), help=tx("bütün liste için yönetim kurulu karar no"))
    p.add_argument(
        "--decision-date",
        metavar=tx("TARİH"),
        help=tx("bütün liste için karar (giriş/çıkış) tarihi, GG.AA.YYYY"),
    )
    p.add_argument(
        "--share-value",
        metavar=tx("TUTAR"),
        help=tx("bir payın tutarı; taahhüt sütunu boşsa taahhüt = pay adedi × pay tutarı"),
    )
    p.add_argument("--dry-run", action="store_true", help=tx("yalnızca denetle, kayıt oluşturma"))
    p.add_argument(
        "--skip-invalid", action="store_true", help=tx("hatalı satırları atlayıp geçerlileri yükle")
    )
    p.set_defaults(func=cmd_import_members)

    exp = sub.add_parser("export", parents=[common], help=tx("dışa aktar")).add_subparsers(
        dest="export_command", required=True, parser_class=Parser
    )
    p = exp.add_parser("entries", parents=[common], help=tx("kayıtları XLSX ya da CSV dosyasına aktar"))
    p.add_argument("file", metavar=tx("DOSYA"), help=tx("kuyruk.xlsx ya da kuyruk.csv"))
    p.add_argument(
        "--state", action="append", metavar=tx("DURUM"), help=tx("yalnızca bu durumdakiler (tekrarlanabilir)")
    )
    p.add_argument("--type", metavar=tx("TÜR"), help=tx("yalnızca bu kayıt türü"))
    p.add_argument("--cooperative", metavar=tx("SİCİL_NO"), help=tx("yalnızca bu kooperatifin kayıtları"))
    p.set_defaults(func=cmd_export_entries)
    p = exp.add_parser("audit", parents=[common], help=tx("denetim izini CSV dosyasına aktar"))
    p.add_argument("file", metavar=tx("DOSYA"), help=tx("denetim.csv"))
    p.set_defaults(func=cmd_export_audit)

    p = sub.add_parser(
        "support-bundle", parents=[common], help=tx("teknik destek paketi (zip, kişisel veri içermez)")
    )
    p.add_argument("file", metavar=tx("DOSYA"), help=tx("destek.zip"))
    p.set_defaults(func=cmd_support_bundle)
