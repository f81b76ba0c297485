"""``koopbis sync``: send approved entries to KOOP-BİS, preview what would conflict, show the state."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from koopbis_desktop.cli.common import (
    EXIT_ERROR,
    EXIT_INVALID,
    EXIT_NOT_PERMITTED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Parser,
    add_server_options,
    print_json,
    signed_in,
    sync_options,
)
from koopbis_desktop.domain.i18n import Labels, tx
from koopbis_desktop.domain.lifecycle import ROLE_LABELS, STATE_LABELS, Role, State

if TYPE_CHECKING:
    from koopbis_desktop.store.db import Store


def _print_sync_report(report: Any, args: argparse.Namespace) -> None:
    if args.json:
        print_json(report.to_json())
        return
    print(report.message)
    for key, value in report.remaining.items():
        if value:
            print(f"  {key}: {value}")


def cmd_sync(args: argparse.Namespace) -> int:
    from sync import scheduler

    config = _loop_config(args)
    # Sending changes the queue and names people: a signed-in account, one of the roles whose
    # sign-in starts the desktop's automatic sync. A preview signs in without writing a line.
    store, actor = signed_in(args, read_only=bool(args.preview))
    if actor.role not in (Role.SUPERVISOR, Role.ADMIN):
        store.close()
        raise CliError(
            tx(
                "{username} hesabı ({role}) KOOP-BİS'e eşitleme başlatamaz; "
                "şef ya da yönetici hesabıyla çalıştırın."
            ).format(username=actor.username, role=ROLE_LABELS[actor.role]),
            EXIT_NOT_PERMITTED,
        )
    options = sync_options(args, store)
    if args.preview:
        return _sync_preview(store, options, args)
    if args.once:
        report = scheduler.sync_store(store, options=options)
        _print_sync_report(report, args)
        if report.status in (scheduler.Status.OK, scheduler.Status.BEFORE_GO_LIVE):
            return EXIT_OK
        return EXIT_NOT_PERMITTED if report.status == scheduler.Status.AUTH_FAILED else EXIT_ERROR
    # Each run opens its own connection: an office database's role password goes along.
    options.db_password = getattr(store, "password", None)
    store.close()
    auto = scheduler.AutoSync(
        store.location,
        options=options,
        config=config,
        on_report=lambda report: _print_sync_report(report, args),
    )
    try:
        auto.run()
    except KeyboardInterrupt:
        auto.stop.set()
        print(tx("Otomatik eşitleme durduruldu."), file=sys.stderr)
    if auto.refused_login:
        print(
            tx(
                "KOOP-BİS parolayı kabul etmedi; aynı parolayla yeniden denemek hesabı kilitletebileceği için "
                "otomatik eşitleme durdu. Doğru parolayı KOOPBIS_SERVER_PASSWORD'e ya da işletim sisteminin "
                "parola deposuna yazıp yeniden başlatın."
            ),
            file=sys.stderr,
        )
        return EXIT_NOT_PERMITTED
    return EXIT_OK


def _loop_config(args: argparse.Namespace) -> Any:
    """The loop's waits: ``--interval`` between syncs, ``--retry-wait`` first wait while unreachable."""
    from sync.scheduler import AutoSyncConfig

    config = AutoSyncConfig()
    for value in (args.interval, args.retry_wait):
        if value is not None and value <= 0:
            raise CliError(tx("Bekleme süresi sıfırdan büyük bir saniye sayısı olmalı."), EXIT_USAGE)
    if args.interval is not None:
        config.interval = args.interval
    if args.retry_wait is not None:
        config.poll_min = args.retry_wait
        # The doubling stops at the ceiling; a longer first wait lifts the ceiling with it.
        config.poll_max = max(config.poll_max, args.retry_wait)
    return config


def cmd_sync_status(args: argparse.Namespace) -> int:
    from koopbis_desktop.store import entry_numbers
    from sync import scheduler

    store, _actor = signed_in(args, reading=True)
    info = scheduler.status(store)
    if args.json:
        print_json(info)
        return EXIT_OK
    print(tx("Kayıtlar:"))
    for state in State:
        if info["states"].get(state.value):
            print(f"  {STATE_LABELS[state]:<22} {info['states'][state.value]}")
    plan = info["plan"]
    print(
        tx("Eşitleme planı: {v} hazır, {v2} yeniden denenecek, {v3} bekliyor, {v4} karar bekliyor.").format(
            v=plan["ready"], v2=plan["waiting"], v3=plan["blocked"], v4=plan["held"]
        )
    )
    numbers = entry_numbers.numbers_of(store, [str(item["entry"]) for item in info["blocked"]])
    for item in info["blocked"]:
        number = numbers.get(str(item["entry"]), str(item["entry"])[:8])
        print(f"  {number:<12} {item['cooperative']:<12} {item['reason']}")
    last = info["last_run"]
    if last:
        label = scheduler.STATUS_LABELS.get(last["status"], last["status"])
        print(
            tx("Son eşitleme: {v} — {label}. {v2}").format(
                v=last["started_at"], label=label, v2=last["summary"].get("message", "")
            )
        )
    else:
        print(tx("Henüz eşitleme yapılmadı."))
    running = info["in_progress"]
    if running:
        print(
            tx("Şu an {host} bilgisayarında bir eşitleme sürüyor ({started} başladı).").format(
                host=running["host"], started=running["started_at"]
            )
        )
    return EXIT_OK


VERDICT_LABELS = Labels(
    "sync.verdict",
    {
        "ok": "uygulanacak",
        "conflict": "ÇAKIŞACAK",
        "duplicate": "MÜKERRER",
        "stale": "SONA ERMİŞ",
        "identical": "zaten aynı",
        "not_found": "BULUNAMADI",
        "unchecked": "denetlenemedi",
        "unreachable": "ulaşılamadı",
    },
)


def _sync_preview(store: Store, options: Any, args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.changetypes import get_type
    from koopbis_desktop.store import entry_numbers
    from sync import preview, scheduler

    client = scheduler.make_client(store, options)
    try:
        items = preview.preview(store, client)
    finally:
        client.close()
    if args.json:
        print_json([i.to_json() for i in items])
    else:
        if not items:
            print(tx("Gönderilecek onaylı kayıt yok."))
        numbers = entry_numbers.numbers_of(store, [item.entry for item in items])
        for item in items:
            label = get_type(item.type).label
            print(
                f"{numbers.get(item.entry, item.entry[:8]):<12} {VERDICT_LABELS[item.verdict]:<14} {label:<28} {item.cooperative or '—':<12} {item.message}"
            )
    trouble = [i for i in items if i.verdict in ("conflict", "duplicate", "stale", "not_found")]
    unreachable = [i for i in items if i.verdict == "unreachable"]
    return EXIT_ERROR if unreachable else (EXIT_INVALID if trouble else EXIT_OK)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``sync`` and ``sync status`` to ``koopbis``'s sub-commands."""
    p = sub.add_parser(
        "sync",
        parents=[common],
        help=tx("onaylı kayıtları KOOP-BİS'e aktar (parola KOOPBIS_SERVER_PASSWORD ya da anahtarlık)"),
    )
    add_server_options(p)
    p.add_argument(
        "--once", action="store_true", help=tx("bir kez eşitle ve çık (yoksa otomatik eşitleme sürer)")
    )
    p.add_argument(
        "--interval",
        type=float,
        metavar=tx("SANİYE"),
        help=tx("döngüde KOOP-BİS yanıt verdiğinde iki eşitleme arası (varsayılan 300)"),
    )
    p.add_argument(
        "--retry-wait",
        type=float,
        metavar=tx("SANİYE"),
        help=tx(
            "döngüde KOOP-BİS'e ulaşılamadığında ilk bekleme; her denemede iki katına çıkar, en çok 600 "
            "(varsayılan 15). KOOP-BİS Retry-After bildirirse o süre beklenir"
        ),
    )
    p.add_argument(
        "--preview",
        action="store_true",
        help=tx("göndermeden, KOOP-BİS'teki güncel kayıtlara göre neyin çakışacağını göster"),
    )
    p.set_defaults(func=cmd_sync)
    sync_sub = p.add_subparsers(dest="sync_command", parser_class=Parser)
    p = sync_sub.add_parser(
        "status", parents=[common], help=tx("durum sayıları, bekleyenler ve son eşitleme")
    )
    p.set_defaults(func=cmd_sync_status)
