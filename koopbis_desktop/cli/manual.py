"""``koopbis manual …``: entering approved entries into KOOP-BİS's web form by hand, one at a time."""

from __future__ import annotations

import argparse
from typing import Any

from koopbis_desktop.cli.common import EXIT_OK, CliError, Parser, print_json, print_moved, signed_in
from koopbis_desktop.domain.i18n import tx


def cmd_manual_next(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.changetypes import get_type, registers_cooperative
    from sync import manual

    store, _actor = signed_in(args, reading=True)
    work = manual.worklist(store)
    item = work.next_item()
    if item is None:
        waiting = len(work.items)
        if args.json:
            print_json({"entry": None, "remaining": waiting})
        elif waiting:
            print(
                tx(
                    "Şimdi girilebilecek kayıt yok; {waiting} kayıt bekliyor (koopbis print worklist ile nedenleri)."
                ).format(waiting=waiting)
            )
        else:
            print(tx("KOOP-BİS'e girilecek kayıt kalmadı."))
        return EXIT_OK
    fields = manual.copy_fields(item.entry)
    files = manual.attachments_of(store, item.uuid)
    if args.json:
        print_json(
            {
                "entry": item.uuid,
                "position": item.position,
                "type": item.entry.type,
                "type_label": get_type(item.entry.type).label,
                "cooperative": item.item.cooperative_id,
                "cooperative_text": item.cooperative,
                "registers": registers_cooperative(item.entry.type),
                "mark": item.mark,
                "note": item.note,
                "fields": [{"group": f.group, "label": f.label, "value": f.value} for f in fields],
                "attachments": [{"filename": a.filename, "sha256": a.sha256, "size": a.size} for a in files],
                "remaining": len(work.items),
            }
        )
        return EXIT_OK
    print(
        tx("Sıradaki kayıt ({position}/{v}): {uuid}").format(
            position=item.position, v=len(work.items), uuid=item.uuid
        )
    )
    print(f"  {get_type(item.entry.type).label} — {item.cooperative}")
    if item.mark:
        print(
            tx("  Daha önce {v}: {v2}").format(
                v=tx("sorun bildirildi") if item.mark == manual.PROBLEM else tx("atlandı"), v2=item.note or ""
            )
        )
    for f in fields:
        print(f"  {f.line}")
    for a in files:
        print(tx("  Ek (KOOP-BİS'e yükleyin): {filename}").format(filename=a.filename))
    extra = tx(" --cooperative SİCİL_NO") if registers_cooperative(item.entry.type) else ""
    print(
        tx("Girdikten sonra: koopbis manual done {v} --receipt ALINDI_NO{extra} --as ŞEF").format(
            v=item.entry.label, extra=extra
        )
    )
    return EXIT_OK


def cmd_manual_done(args: argparse.Namespace) -> int:
    from sync import manual

    store, actor = signed_in(args)
    from sync.scheduler import SyncBusy

    try:
        entry = manual.record_entered(store, actor, args.id, args.receipt, cooperative_id=args.cooperative)
    except SyncBusy as exc:
        raise CliError(exc.message + tx(" Elle aktarım, otomatik eşitleme bitince kaydedilir.")) from exc
    if args.json:
        print_json(entry.to_json())
    else:
        print_moved(entry, tx(" (alındı no {receipt})").format(receipt=entry.receipt))
    return EXIT_OK


def cmd_manual_skip(args: argparse.Namespace) -> int:
    from sync import manual

    store, actor = signed_in(args)
    item = manual.record_skip(store, actor, args.id, args.note)
    if args.json:
        print_json(_marked_json(item))
    else:
        print(
            tx("{uuid}: atlandı; onaylı kalır, diğerlerinden sonra yeniden sorulur.").format(
                uuid=item.entry.label
            )
        )
    return EXIT_OK


def cmd_manual_problem(args: argparse.Namespace) -> int:
    from sync import manual

    store, actor = signed_in(args)
    item = manual.record_problem(store, actor, args.id, args.note)
    if args.json:
        print_json(_marked_json(item))
    else:
        print(tx("{uuid}: sorun kaydedildi; kayıt onaylı kalır.").format(uuid=item.entry.label))
    return EXIT_OK


def _marked_json(item: Any) -> dict[str, Any]:
    return {**item.entry.to_json(), "mark": item.mark, "note": item.note}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``manual …`` to ``koopbis``'s sub-commands."""
    man = sub.add_parser(
        "manual", parents=[common], help=tx("KOOP-BİS'e elle aktarım (API yokken, web sayfasından)")
    ).add_subparsers(dest="manual_command", required=True, parser_class=Parser)
    p = man.add_parser("next", parents=[common], help=tx("sıradaki kaydı alan alan göster"))
    p.set_defaults(func=cmd_manual_next)
    p = man.add_parser("done", parents=[common], help=tx("kayıt KOOP-BİS'e girildi (şef)"))
    p.add_argument("id")
    p.add_argument(
        "--receipt", required=True, metavar=tx("ALINDI_NO"), help=tx("KOOP-BİS'in verdiği alındı numarası")
    )
    p.add_argument(
        "--cooperative", metavar=tx("SİCİL_NO"), help=tx("kuruluş kaydında KOOP-BİS'in verdiği sicil no")
    )
    p.set_defaults(func=cmd_manual_done)
    p = man.add_parser("skip", parents=[common], help=tx("şimdilik atla (kayıt onaylı kalır)"))
    p.add_argument("id")
    p.add_argument("--note", metavar=tx("METİN"))
    p.set_defaults(func=cmd_manual_skip)
    p = man.add_parser("problem", parents=[common], help=tx("sorun var: not denetim izine girer"))
    p.add_argument("id")
    p.add_argument("--note", required=True, metavar=tx("METİN"))
    p.set_defaults(func=cmd_manual_problem)
