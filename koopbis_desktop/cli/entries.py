"""``koopbis entry …`` and ``koopbis types``: the queue of change entries from the command line.

Drafts are written, edited, sent for approval, approved and returned through the
same services as the desktop, so roles and the four-eyes rule hold here too.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from koopbis_desktop.cli.common import (
    EXIT_OK,
    CliError,
    Parser,
    load_data,
    parse_state,
    print_json,
    print_json_array,
    print_moved,
    signed_in,
)
from koopbis_desktop.domain.i18n import law_text, tx
from koopbis_desktop.domain.lifecycle import STATE_LABELS

# The change types, the services and the store are imported by the commands that use them.
if TYPE_CHECKING:
    from koopbis_desktop.domain.lifecycle import Actor
    from koopbis_desktop.store import entries
    from koopbis_desktop.store.db import Store


def _entry_line(entry: entries.Entry) -> str:
    from koopbis_desktop.domain.changetypes import get_type
    from koopbis_desktop.domain.validators import format_date

    ctype = get_type(entry.type)
    eff = format_date(entry.effective_date) if entry.effective_date else "—"
    return (
        f"{entry.label:<12} {STATE_LABELS[entry.state]:<20} {ctype.label:<30} "
        f"{entry.cooperative or tx('(yeni kuruluş)'):<12} {eff:<10} {entry.author}"
    )


def cmd_types(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.changetypes import all_types
    from koopbis_desktop.domain.schema import Kind

    if args.json:
        print_json([t.to_json() for t in all_types()])
        return EXIT_OK
    for ctype in all_types():
        print(f"{ctype.id:<22} {ctype.label}")
        for f in ctype.fields:
            mark = "*" if f.required else " "
            print(f"    {mark} {f.name:<22} {f.kind.value:<14} {f.label}")
            if f.kind == Kind.GROUP:
                for sub in f.fields:
                    smark = "*" if sub.required else " "
                    print(f"        {smark} {sub.name:<18} {sub.kind.value:<14} {sub.label}")
    print("\n* zorunlu alan")
    return EXIT_OK


def _report_saved(entry: entries.Entry, args: argparse.Namespace, verb: str) -> None:
    if args.json:
        print_json(entry.to_json())
        return
    from koopbis_desktop.services.errors import field_label

    print(entry.uuid)
    print(
        tx("Kayıt {label} {verb}: {v}.").format(label=entry.label, verb=verb, v=STATE_LABELS[entry.state]),
        file=sys.stderr,
    )
    for w in entry.issues:
        if w["severity"] == "warning":
            article = f" ({law_text(str(w['article']))})" if w.get("article") else ""
            print(
                tx("  UYARI: {field}: {message}{article}").format(
                    field=field_label(entry.type, w["field"]), message=w["message"], article=article
                ),
                file=sys.stderr,
            )


def cmd_entry_add(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import capture

    store, actor = signed_in(args)
    data = load_data(args.data)
    entry = capture.create_entry(store, actor, args.type, args.cooperative, data)
    _report_saved(entry, args, tx("taslak olarak kaydedildi"))
    return EXIT_OK


class _Overtaken(CliError):
    """The desktop's refusal of a save over a newer revision, with what the edit would replace."""

    def __init__(self, message: str, code: int, lines: list[str]) -> None:
        super().__init__(message, code)
        self.lines = lines

    def details(self) -> list[str]:
        return self.lines


def cmd_entry_edit(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.changetypes import get_type
    from koopbis_desktop.services import capture
    from koopbis_desktop.services.entry_changes import diff_lines, typed_against_saved
    from koopbis_desktop.store import entries
    from koopbis_desktop.store.entries import RevisionChanged

    store, actor = signed_in(args)
    data = load_data(args.data)
    try:
        entry = capture.edit_entry(store, actor, args.id, data, loaded_revision=args.revision)
    except RevisionChanged as exc:
        current = entries.get_entry(store, exc.entry_uuid)
        typed, *_ = capture.check(store, current.type, current.cooperative, data)
        lines = diff_lines(typed_against_saved(get_type(current.type), exc.newer_payload, typed.payload))
        heading = tx("Kaydedilen sürüm → sizin yazdığınız:") if lines else None
        raise _Overtaken(exc.message, exc.exit_code, [heading, *lines] if heading else []) from None
    _report_saved(entry, args, tx("güncellendi (sürüm {revision})").format(revision=entry.revision))
    return EXIT_OK


def _move(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from koopbis_desktop.services import capture

        store, actor = signed_in(args)
        if name == "submit":
            entry = capture.submit_entry(store, actor, args.id)
        elif name == "withdraw":
            entry = capture.withdraw_entry(store, actor, args.id, getattr(args, "comment", None))
        else:
            entry = _decide(store, actor, args, name)
        if args.json:
            print_json(entry.to_json())
        else:
            print_moved(entry)
        return EXIT_OK

    return run


def _decide(store: Store, actor: Actor, args: argparse.Namespace, name: str) -> entries.Entry:
    """A supervisor's approve or return, on the revision ``--revision`` names when given."""
    from koopbis_desktop.domain.display import format_stamp
    from koopbis_desktop.domain.lifecycle import ACTION_LABELS, Action
    from koopbis_desktop.services import review
    from koopbis_desktop.store.entries import ReviewedRevisionChanged

    try:
        if name == "approve":
            return review.approve_entry(store, actor, args.id, args.comment, reviewed_revision=args.revision)
        return review.return_entry(store, actor, args.id, args.comment, reviewed_revision=args.revision)
    except ReviewedRevisionChanged as exc:
        # The desktop's sentence says the new revision is on screen; here it is not.
        raise CliError(
            tx(
                "Bu kayıt siz okuduktan sonra değişti: {who} {when} tarihinde yeni bir sürüm kaydetti (sürüm "
                "{stored}; siz sürüm {reviewed} okumuştunuz). İşleminiz ({action}) yapılmadı: yeni sürümü "
                "okuyun (koopbis entry show {entry}), sonra --revision {stored} ile yeniden karar verin."
            ).format(
                who=exc.saved_by,
                when=format_stamp(exc.saved_at) if exc.saved_at else "?",
                stored=exc.stored_revision,
                reviewed=exc.reviewed_revision,
                action=ACTION_LABELS[Action.APPROVE if name == "approve" else Action.RETURN],
                entry=args.id,
            ),
            exc.exit_code,
        ) from None


def _reviewed_revision(parser: argparse.ArgumentParser) -> None:
    """``--revision N`` of approve and return: the revision the supervisor read (``entry show``), as
    the desktop's review window passes it; a newer one saved since is refused, not decided unread."""
    parser.add_argument(
        "--revision",
        type=int,
        metavar="N",
        help=tx("okuduğunuz sürüm: arada daha yeni bir sürüm kaydedildiyse karar reddedilir"),
    )


def cmd_entry_list(args: argparse.Namespace) -> int:
    from koopbis_desktop.store import entries

    store, _actor = signed_in(args, reading=True)
    states = [parse_state(s) for s in args.state] if args.state else None
    # Streamed: each line (each array item) leaves as its batch is read, whatever the count.
    found = entries.iter_entries(
        store, states=states, author=args.author, type_id=args.type, cooperative=args.cooperative
    )
    if args.json:
        hidden = ("payload", "base", "issues", "outcome")
        print_json_array({k: v for k, v in e.to_json().items() if k not in hidden} for e in found)
        return EXIT_OK
    listed = False
    for entry in found:
        print(_entry_line(entry))
        listed = True
    if not listed:
        print(tx("Bu ölçütlere uyan kayıt yok."))
    return EXIT_OK


def cmd_entry_show(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.changetypes import get_type
    from koopbis_desktop.domain.display import format_value
    from koopbis_desktop.domain.schema import Kind
    from koopbis_desktop.services.entry_changes import changes_text, load_entry_details
    from koopbis_desktop.services.errors import field_label
    from koopbis_desktop.store import entries
    from sync.settle import refusal_messages

    store, _actor = signed_in(args, reading=True)
    entry = entries.get_entry(store, args.id)
    revs = entries.revisions(store, entry.uuid)
    if args.json:
        out = entry.to_json()
        out["revisions"] = [r.to_json() for r in revs]
        out["audit"] = entries.audit_rows(store, entry.uuid)
        print_json(out)
        return EXIT_OK
    # The same loader and lines as the desktop's entry view.
    details = load_entry_details(store, entry.uuid)
    province = details.province_code
    ctype = get_type(entry.type)
    print(tx("Kayıt no:     {label}").format(label=entry.label))
    print(tx("Tür:          {label} ({id})").format(label=ctype.label, id=ctype.id))
    print(tx("Kooperatif:   {cooperative}").format(cooperative=entry.cooperative or tx("(yeni kuruluş)")))
    print(tx("Durum:        {state}").format(state=STATE_LABELS[entry.state]))
    if details.editing is not None:  # open in an editor on a PC of the office right now
        print(f"              {details.editing.sentence}")
    approver = tx(" · Onaylayan: {approver}").format(approver=entry.approver) if entry.approver else ""
    print(tx("Yazan:        {author}").format(author=entry.author) + approver)
    if entry.comment:
        print(tx("Not:          {comment}").format(comment=entry.comment))
    refusal = refusal_messages(entry)
    if refusal:
        print(tx("KOOP-BİS reddi (düzeltilecek alanlar):"))
        for _path, label, message in refusal:
            print(f"  ✗ {label}: {message}")
    print(tx("Bilgiler:"))
    for f in ctype.fields:
        if f.name in entry.payload:
            value = entry.payload[f.name]
            if f.kind == Kind.GROUP and isinstance(value, list):
                print(f"  {f.label}:")
                for i, row in enumerate(value, 1):
                    cells = ", ".join(
                        f"{sub.label}: {format_value(sub, row.get(sub.name), row)}" for sub in f.fields
                    )
                    print(f"    {i}. {cells}")
            else:
                print(f"  {f.label}: {format_value(f, value, entry.payload, province)}")
    changes = details.changes
    if changes:
        print(tx("Önce → sonra (KOOP-BİS kaydı → bu kayıtla):"))
        for line in changes_text(changes):
            print(f"  {line}")
    for issue in entry.issues:
        kind = tx("HATA") if issue["severity"] == "error" else tx("UYARI")
        print(f"  {kind}: {field_label(entry.type, issue['field'])}: {issue['message']}")
    print(tx("Sürümler: {n_revs}").format(n_revs=len(revs)))
    for r in revs:
        print(f"  {r.revision}. {r.created_at} {r.author}" + (f" — {r.note}" if r.note else ""))
    print(tx("Teknik kimlik (UUID): {uuid}").format(uuid=entry.uuid))
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``types`` and ``entry …`` to ``koopbis``'s sub-commands."""
    p = sub.add_parser("types", parents=[common], help=tx("kayıt türleri ve alanları"))
    p.set_defaults(func=cmd_types)

    entry = sub.add_parser("entry", parents=[common], help=tx("kayıtlar")).add_subparsers(
        dest="entry_command", required=True, parser_class=Parser
    )
    p = entry.add_parser("add", parents=[common], help=tx("yeni taslak kayıt"))
    p.add_argument("--type", required=True, metavar=tx("TÜR"))
    p.add_argument("--cooperative", metavar=tx("SİCİL_NO"))
    p.add_argument("--data", required=True, metavar=tx("JSON|@DOSYA"))
    p.set_defaults(func=cmd_entry_add)
    p = entry.add_parser("edit", parents=[common], help=tx("taslak ya da iade edilmiş kaydı düzelt"))
    p.add_argument("id")
    p.add_argument("--data", required=True, metavar=tx("JSON|@DOSYA"))
    p.add_argument(
        "--revision",
        type=int,
        metavar="N",
        help=tx("düzeltmenin dayandığı sürüm: arada daha yeni bir sürüm kaydedildiyse düzeltme reddedilir"),
    )
    p.set_defaults(func=cmd_entry_edit)
    for name, text in (("submit", tx("onaya gönder")), ("withdraw", tx("geri çek"))):
        p = entry.add_parser(name, parents=[common], help=text)
        p.add_argument("id")
        p.set_defaults(func=_move(name))
    p = entry.add_parser("approve", parents=[common], help=tx("onayla (şef)"))
    p.add_argument("id")
    p.add_argument("--comment", metavar=tx("METİN"))
    _reviewed_revision(p)
    p.set_defaults(func=_move("approve"))
    p = entry.add_parser("return", parents=[common], help=tx("memura iade et (şef)"))
    p.add_argument("id")
    p.add_argument("--comment", required=True, metavar=tx("METİN"))
    _reviewed_revision(p)
    p.set_defaults(func=_move("return"))
    p = entry.add_parser("list", parents=[common], help=tx("kayıtları listele"))
    p.add_argument("--state", action="append", metavar=tx("DURUM"))
    p.add_argument("--author")
    p.add_argument("--type", metavar=tx("TÜR"))
    p.add_argument("--cooperative", metavar=tx("SİCİL_NO"))
    p.set_defaults(func=cmd_entry_list)
    p = entry.add_parser("show", parents=[common], help=tx("kaydı göster"))
    p.add_argument("id", help=tx("kayıt no (ör. 2015/000123) ya da UUID"))
    p.set_defaults(func=cmd_entry_show)
