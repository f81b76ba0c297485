"""``koopbis``: the administration and automation command line.

Every command goes through the same services as the desktop, so roles, the
four-eyes rule, validation and the audit trail apply here too. Exit codes:
0 ok · 1 other error · 2 usage · 3 validation failed · 4 not permitted ·
5 not found. Expected errors print one Turkish sentence, never a traceback;
the log file keeps the technical detail.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from koopbis_desktop import __version__, paths
from koopbis_desktop.domain import reference
from koopbis_desktop.domain.changetypes import all_types, get_type
from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.lifecycle import (
    ROLE_LABELS,
    STATE_LABELS,
    Actor,
    Role,
    State,
)
from koopbis_desktop.domain.schema import Kind
from koopbis_desktop.domain.validators import FieldError, format_date, parse_date
from koopbis_desktop.services import accounts, capture, review, snapshot_import
from koopbis_desktop.services.errors import field_label
from koopbis_desktop.store import audit, backup, entries, snapshot, users
from koopbis_desktop.store.db import Store, open_store

log = logging.getLogger("koopbis.cli")

EXIT_OK = ExitCode.OK
EXIT_ERROR = ExitCode.ERROR
EXIT_USAGE = ExitCode.USAGE
EXIT_INVALID = ExitCode.INVALID
EXIT_NOT_PERMITTED = ExitCode.NOT_PERMITTED
EXIT_NOT_FOUND = ExitCode.NOT_FOUND


class CliError(KoopbisError):
    """A command-line mistake (missing option, unreadable file); ``code`` is the exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message, exit_code=code)

    @property
    def code(self) -> int:
        return self.exit_code


# ------------------------------------------------------------------ helpers


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _open(args: argparse.Namespace, *, create: bool = False) -> Store:
    db_path = paths.database_path(args.db)
    return open_store(db_path, create=create, backups_dir=paths.backups_dir(db_path))


def _password(env: str, prompt: str, *, twice: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(
            f"Parola gerekli: {env} ortam değişkenini verin ya da komutu bir terminalde çalıştırın."
        )
    first = getpass.getpass(prompt)
    if twice and getpass.getpass("Parolayı yeniden yazın: ") != first:
        raise CliError("Parolalar aynı değil; yeniden deneyin.")
    return first


def _actor(store: Store, args: argparse.Namespace, *, required: bool = True) -> Actor | None:
    username = getattr(args, "as_user", None)
    if not username:
        if required:
            raise CliError("Bu komut için kim olduğunuzu belirtin: --as KULLANICI", EXIT_USAGE)
        return None
    password = _password("KOOPBIS_PASSWORD", f"{username} parolası: ")
    return accounts.login(store, username, password)


def _signed_in(args: argparse.Namespace) -> tuple[Store, Actor]:
    """Open the store and log in the ``--as`` user (required)."""
    store = _open(args)
    actor = _actor(store, args)
    assert actor is not None
    return store, actor


def _print_moved(entry: entries.Entry, detail: str = "") -> None:
    print(f"{entry.uuid}: {STATE_LABELS[entry.state]}{detail}.")


def _load_data(text: str) -> dict[str, Any]:
    try:
        if text.startswith("@"):
            raw = Path(text[1:]).read_text(encoding="utf-8-sig")
        elif text == "-":
            raw = sys.stdin.read()
        else:
            raw = text
    except OSError as exc:
        raise CliError(f"Veri dosyası okunamadı: {exc.filename}: {exc.strerror}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CliError(
            f"--data geçerli JSON değil (satır {exc.lineno}, sütun {exc.colno}): {exc.msg}",
            EXIT_INVALID,
        ) from exc
    if not isinstance(data, dict):
        raise CliError('--data bir JSON nesnesi olmalıdır: {"alan": "değer", ...}', EXIT_INVALID)
    return data


def _state(value: str) -> State:
    try:
        return State(value)
    except ValueError:
        names = ", ".join(s.value for s in State)
        raise CliError(f"Bilinmeyen durum: {value}. Geçerli durumlar: {names}", EXIT_USAGE) from None


def _entry_line(entry: entries.Entry) -> str:
    ctype = get_type(entry.type)
    eff = format_date(entry.effective_date) if entry.effective_date else "—"
    return (
        f"{entry.uuid}  {STATE_LABELS[entry.state]:<20} {ctype.label:<30} "
        f"{entry.cooperative or '(yeni kuruluş)':<12} {eff:<10} {entry.author}"
    )


# ------------------------------------------------------------------ commands


def cmd_init(args: argparse.Namespace) -> int:
    province = reference.find_province(args.province)
    if province is None:
        raise CliError(f"'{args.province}' diye bir il yok; 01–81 arası plaka kodu girin.", EXIT_INVALID)
    db_path = paths.database_path(args.db)
    store = open_store(db_path, create=True, backups_dir=paths.backups_dir(db_path))
    existing = store.setting("province_code")
    if existing and existing != province.code:
        raise CliError(
            f"Bu veritabanı zaten {existing} plakalı il için oluşturulmuş; başka il için ayrı bir dosya kullanın.",
            EXIT_NOT_PERMITTED,
        )
    go_live = args.go_live
    if go_live:
        try:
            go_live = parse_date(go_live, allow_future=True)
        except FieldError as exc:
            raise CliError(f"--go-live: {exc.message}", EXIT_INVALID) from exc
    with store.write() as conn:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES ('province_code', ?) ON CONFLICT(key) DO NOTHING",
            (province.code,),
        )
        if go_live:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES ('go_live', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (go_live,),
            )
        if not existing:
            audit.append(conn, actor="system", action="init", details={"province": province.code})
    print(f"Veritabanı hazır: {db_path} ({province.name}, plaka {province.code}).")
    if users.count_users(store) == 0:
        print("Sıradaki adım: ilk yönetici hesabını açın: koopbis user add ADI --role admin")
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace) -> int:
    store = _open(args)
    first = users.count_users(store) == 0
    by = None if first else _actor(store, args)
    password = _password("KOOPBIS_NEW_PASSWORD", f"{args.name} için yeni parola: ", twice=True)
    user = accounts.add_user(store, by, args.name, args.role, password, args.full_name or "")
    print(f"Hesap açıldı: {user.username} ({ROLE_LABELS[user.role]}).")
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    store, actor = _signed_in(args)
    rows = accounts.list_users(store, actor)
    if args.json:
        _print_json(
            [
                {
                    "username": u.username,
                    "full_name": u.full_name,
                    "role": u.role.value,
                    "active": u.active,
                    "locked_until": u.locked_until,
                }
                for u in rows
            ]
        )
        return EXIT_OK
    for u in rows:
        state = "açık" if u.active else "kapalı"
        lock = f", kilitli ({u.locked_until} UTC'ye kadar)" if u.locked_until else ""
        print(f"{u.username:<20} {ROLE_LABELS[u.role]:<18} {u.full_name:<30} {state}{lock}")
    return EXIT_OK


def _user_admin(
    action: Callable[[Store, Actor, str], None], done: str
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        store, actor = _signed_in(args)
        action(store, actor, args.name)
        print(done.format(name=args.name))
        return EXIT_OK

    return run


def cmd_user_passwd(args: argparse.Namespace) -> int:
    if not args.as_user:
        args.as_user = args.name
    store, actor = _signed_in(args)
    password = _password("KOOPBIS_NEW_PASSWORD", f"{args.name} için yeni parola: ", twice=True)
    accounts.change_password(store, actor, args.name, password)
    print(f"{args.name} hesabının parolası değiştirildi.")
    return EXIT_OK


def cmd_snapshot_import(args: argparse.Namespace) -> int:
    store, actor = _signed_in(args)
    if actor.role not in (Role.ADMIN, Role.SUPERVISOR):
        raise CliError("Kooperatif listesini yönetici ya da şef yükleyebilir.", EXIT_NOT_PERMITTED)
    report = snapshot_import.import_file(
        store,
        Path(args.file),
        members=Path(args.members) if args.members else None,
        board=Path(args.board) if args.board else None,
        auditors=Path(args.auditors) if args.auditors else None,
        assemblies=Path(args.assemblies) if args.assemblies else None,
    )
    with store.write() as conn:
        audit.append(conn, actor=actor.username, action="snapshot_import", details={"file": str(args.file)})
    print(f"Kooperatif listesi yüklendi: {report}")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    store = _open(args)
    results = snapshot.search(store, args.text, limit=args.limit)
    if args.json:
        _print_json(results)
        return EXIT_OK
    if not results:
        print(f"'{args.text}' ile eşleşen kooperatif yok.")
        return EXIT_OK
    for r in results:
        district = reference.district_name(r.get("province_code") or "", r.get("district") or "")
        print(f"{r['id']:<12} {r['title']}  [{district}]  VKN {r.get('vkn') or '—'}")
    return EXIT_OK


def cmd_types(args: argparse.Namespace) -> int:
    if args.json:
        _print_json([t.to_json() for t in all_types()])
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
        _print_json(entry.to_json())
        return
    print(entry.uuid)
    print(f"Kayıt {verb}: {STATE_LABELS[entry.state]}.", file=sys.stderr)
    for w in entry.issues:
        if w["severity"] == "warning":
            article = f" ({w['article']})" if w.get("article") else ""
            print(
                f"  UYARI: {field_label(entry.type, w['field'])}: {w['message']}{article}",
                file=sys.stderr,
            )


def cmd_entry_add(args: argparse.Namespace) -> int:
    store, actor = _signed_in(args)
    data = _load_data(args.data)
    entry = capture.create_entry(store, actor, args.type, args.cooperative, data)
    _report_saved(entry, args, "taslak olarak kaydedildi")
    return EXIT_OK


def cmd_entry_edit(args: argparse.Namespace) -> int:
    store, actor = _signed_in(args)
    data = _load_data(args.data)
    entry = capture.edit_entry(store, actor, args.id, data)
    _report_saved(entry, args, f"güncellendi (sürüm {entry.revision})")
    return EXIT_OK


def _move(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        store, actor = _signed_in(args)
        if name == "submit":
            entry = capture.submit_entry(store, actor, args.id)
        elif name == "withdraw":
            entry = capture.withdraw_entry(store, actor, args.id, getattr(args, "comment", None))
        elif name == "approve":
            entry = review.approve_entry(store, actor, args.id, args.comment)
        else:
            entry = review.return_entry(store, actor, args.id, args.comment)
        _print_moved(entry)
        return EXIT_OK

    return run


def cmd_entry_list(args: argparse.Namespace) -> int:
    store = _open(args)
    states = [_state(s) for s in args.state] if args.state else None
    rows = entries.list_entries(
        store, states=states, author=args.author, type_id=args.type, cooperative=args.cooperative
    )
    if args.json:
        _print_json(
            [
                {k: v for k, v in e.to_json().items() if k not in ("payload", "base", "issues", "outcome")}
                for e in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print("Bu ölçütlere uyan kayıt yok.")
    for entry in rows:
        print(_entry_line(entry))
    return EXIT_OK


def _format_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return f"{len(value)} satır"
    return str(value)


def cmd_entry_show(args: argparse.Namespace) -> int:
    store = _open(args)
    entry = entries.get_entry(store, args.id)
    revs = entries.revisions(store, entry.uuid)
    if args.json:
        out = entry.to_json()
        out["revisions"] = [r.to_json() for r in revs]
        out["audit"] = entries.audit_rows(store, entry.uuid)
        _print_json(out)
        return EXIT_OK
    ctype = get_type(entry.type)
    print(f"Kayıt:        {entry.uuid}")
    print(f"Tür:          {ctype.label} ({ctype.id})")
    print(f"Kooperatif:   {entry.cooperative or '(yeni kuruluş)'}")
    print(f"Durum:        {STATE_LABELS[entry.state]}")
    print(f"Yazan:        {entry.author}" + (f" · Onaylayan: {entry.approver}" if entry.approver else ""))
    if entry.comment:
        print(f"Not:          {entry.comment}")
    print("Bilgiler:")
    for f in ctype.fields:
        if f.name in entry.payload:
            value = entry.payload[f.name]
            if f.kind == Kind.GROUP and isinstance(value, list):
                print(f"  {f.label}:")
                for i, row in enumerate(value, 1):
                    cells = ", ".join(f"{sub.label}: {_format_value(row.get(sub.name))}" for sub in f.fields)
                    print(f"    {i}. {cells}")
            else:
                print(f"  {f.label}: {_format_value(f.choice_label(value) if f.choices else value)}")
    if entry.base:
        print("Değiştirdiği mevcut bilgiler (kayıt yazılırken):")
        for key, value in entry.base.items():
            print(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    for issue in entry.issues:
        kind = "HATA" if issue["severity"] == "error" else "UYARI"
        print(f"  {kind}: {field_label(entry.type, issue['field'])}: {issue['message']}")
    print(f"Sürümler: {len(revs)}")
    for r in revs:
        print(f"  {r.revision}. {r.created_at} {r.author}" + (f" — {r.note}" if r.note else ""))
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    store = _open(args)
    result = audit.verify(store.conn)
    if args.json:
        _print_json(
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
    store = _open(args)
    rows = entries.audit_rows(store, args.entry)
    if args.json:
        _print_json(rows)
        return EXIT_OK
    for r in rows:
        move = f"{r['from_state'] or ''}→{r['to_state']}" if r["to_state"] else ""
        comment = f" «{r['comment']}»" if r["comment"] else ""
        print(
            f"{r['seq']:>6} {r['at']} {r['actor']:<14} {r['action']:<18} {r['entry'] or '':<36} {move}{comment}"
        )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    store = _open(args)
    dest = Path(args.dest) if args.dest else paths.backups_dir(store.path, store.setting("backup_dir"))
    target = backup.create_backup(store, dest, reason="elle")
    with store.write() as conn:
        audit.append(conn, actor="system", action="backup", details={"file": str(target)})
    print(f"Yedek alındı: {target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    db_path = paths.database_path(args.db)
    safety = backup.restore(db_path, Path(args.file), paths.backups_dir(db_path))
    store = open_store(db_path, backups_dir=paths.backups_dir(db_path))
    with store.write() as conn:
        audit.append(
            conn,
            actor="system",
            action="restore",
            details={"file": str(args.file), "previous": str(safety) if safety else None},
        )
    print(f"Geri yüklendi: {args.file}.")
    if safety:
        print(f"Önceki veritabanının yedeği: {safety}")
    return EXIT_OK


# ------------------------------------------------------------------ sync (sync/)


def _sync_options(args: argparse.Namespace, store: Store) -> Any:
    from koopbis_desktop.services import settings
    from sync import client as wire
    from sync.scheduler import SyncOptions

    username = args.username or settings.get(store, "server_username")
    return SyncOptions(
        server_url=args.server.rstrip("/") if args.server else None,
        username=username,
        password=wire.password_source(username, interactive=True),
        ca_bundle=args.ca_bundle,
    )


def _print_sync_report(report: Any, args: argparse.Namespace) -> None:
    if args.json:
        _print_json(report.to_json())
        return
    print(report.message)
    for key, value in report.remaining.items():
        if value:
            print(f"  {key}: {value}")


def cmd_sync(args: argparse.Namespace) -> int:
    from sync import scheduler

    store = _open(args)
    options = _sync_options(args, store)
    if args.preview:
        return _sync_preview(store, options, args)
    if args.once:
        report = scheduler.sync_store(store, options=options)
        _print_sync_report(report, args)
        if report.status in (scheduler.Status.OK, scheduler.Status.BEFORE_GO_LIVE):
            return EXIT_OK
        return EXIT_NOT_PERMITTED if report.status == scheduler.Status.AUTH_FAILED else EXIT_ERROR
    store.close()
    auto = scheduler.AutoSync(
        store.path, options=options, on_report=lambda report: _print_sync_report(report, args)
    )
    try:
        auto.run()
    except KeyboardInterrupt:
        auto.stop.set()
        print("Otomatik eşitleme durduruldu.", file=sys.stderr)
    return EXIT_OK


def cmd_sync_status(args: argparse.Namespace) -> int:
    from sync import scheduler

    store = _open(args)
    info = scheduler.status(store)
    if args.json:
        _print_json(info)
        return EXIT_OK
    print("Kayıtlar:")
    for state in State:
        if info["states"].get(state.value):
            print(f"  {STATE_LABELS[state]:<22} {info['states'][state.value]}")
    plan = info["plan"]
    print(
        f"Eşitleme planı: {plan['ready']} hazır, {plan['waiting']} yeniden denenecek, "
        f"{plan['blocked']} bekliyor, {plan['held']} karar bekliyor."
    )
    for item in info["blocked"]:
        print(f"  {item['entry'][:8]} {item['cooperative']:<12} {item['reason']}")
    last = info["last_run"]
    if last:
        label = scheduler.STATUS_LABELS.get(last["status"], last["status"])
        print(f"Son eşitleme: {last['started_at']} — {label}. {last['summary'].get('message', '')}")
    else:
        print("Henüz eşitleme yapılmadı.")
    return EXIT_OK


def cmd_snapshot_refresh(args: argparse.Namespace) -> int:
    from sync import refresh, scheduler

    store = _open(args)
    client = scheduler.make_client(store, _sync_options(args, store))
    try:
        report = refresh.refresh_snapshot(store, client, full=args.full)
    finally:
        client.close()
    if args.json:
        _print_json(report.__dict__)
    else:
        print(report.message)
    return EXIT_OK if report.ok else EXIT_ERROR


VERDICT_LABELS = {
    "ok": "uygulanacak",
    "conflict": "ÇAKIŞACAK",
    "duplicate": "MÜKERRER",
    "stale": "SONA ERMİŞ",
    "identical": "zaten aynı",
    "not_found": "BULUNAMADI",
    "unchecked": "denetlenemedi",
    "unreachable": "ulaşılamadı",
}


def _sync_preview(store: Store, options: Any, args: argparse.Namespace) -> int:
    from sync import preview, scheduler

    client = scheduler.make_client(store, options)
    try:
        items = preview.preview(store, client)
    finally:
        client.close()
    if args.json:
        _print_json([i.to_json() for i in items])
    else:
        if not items:
            print("Gönderilecek onaylı kayıt yok.")
        for item in items:
            label = get_type(item.type).label
            print(
                f"{item.entry[:8]}  {VERDICT_LABELS[item.verdict]:<14} {label:<28} {item.cooperative or '—':<12} {item.message}"
            )
    trouble = [i for i in items if i.verdict in ("conflict", "duplicate", "stale", "not_found")]
    unreachable = [i for i in items if i.verdict == "unreachable"]
    return EXIT_ERROR if unreachable else (EXIT_INVALID if trouble else EXIT_OK)


def _conflict_entries(store: Store) -> list[entries.Entry]:
    return entries.list_entries(store, states=[State.CONFLICT])


def cmd_conflicts_list(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.records import key_label
    from koopbis_desktop.services import conflicts as resolution

    store = _open(args)
    rows = _conflict_entries(store)
    if args.json:
        _print_json(
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
        print("Çakışmada kayıt yok.")
    for e in rows:
        kind = (e.outcome or {}).get("kind", "?")
        keys = ", ".join(key_label(k) for k in resolution.conflicting_keys(e))
        print(f"{e.uuid}  {kind:<10} {get_type(e.type).label:<28} {e.cooperative or '—':<12} {keys}")
    return EXIT_OK


def cmd_conflicts_show(args: argparse.Namespace) -> int:
    from koopbis_desktop.domain.records import key_label
    from sync.conflicts import describe

    store = _open(args)
    entry = entries.get_entry(store, args.id)
    if entry.state != State.CONFLICT:
        raise CliError(f"Bu kayıt çakışmada değil ({STATE_LABELS[entry.state]}).", EXIT_NOT_FOUND)
    comparison = describe(entry)
    outcome = entry.outcome or {}
    if args.json:
        _print_json(
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
                    for f in comparison.fields
                ],
                "payload": entry.payload,
            }
        )
        return EXIT_OK
    print(f"Kayıt:      {entry.uuid} — {get_type(entry.type).label}, kooperatif {entry.cooperative or '—'}")
    print(f"Çakışma:    {outcome.get('kind')} — {outcome.get('message', '')}")
    for f in comparison.fields:
        mark = "ÇAKIŞIYOR" if f.conflicting else ("aynı" if f.identical else "çakışmıyor")
        print(f"  {key_label(f.key)} [{mark}]")
        for side, value in (("Gördüğünüz", f.base), ("Girdiğiniz", f.local), ("KOOP-BİS'te şimdi", f.server)):
            print(f"      {side:<18} {json.dumps(value, ensure_ascii=False)}")
    return EXIT_OK


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import conflicts as resolution

    store, actor = _signed_in(args)
    if args.take == "local":
        entry = resolution.keep_local(store, actor, args.id, args.reason)
    elif args.take == "server":
        entry = resolution.take_server(store, actor, args.id, args.reason)
    else:
        if not args.fields:
            raise CliError('--take merge için --fields gerekli: {"alan": "local" | "server"}', EXIT_USAGE)
        choices = _load_data(args.fields)
        entry = resolution.merge(store, actor, args.id, choices, args.reason)
    _print_moved(entry)
    return EXIT_OK


def cmd_conflicts_return(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import conflicts as resolution

    store, actor = _signed_in(args)
    entry = resolution.return_to_clerk(store, actor, args.id, args.comment)
    _print_moved(entry)
    return EXIT_OK


def cmd_conflicts_link(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import conflicts as resolution

    store, actor = _signed_in(args)
    entry = resolution.link_registration(store, actor, args.id, args.cooperative, args.reason)
    _print_moved(entry, f"; bekleyen kayıtlar {args.cooperative} kooperatifine bağlandı")
    return EXIT_OK


# ------------------------------------------------------------------ printouts and manual re-entry


def _write_report(report: Any, args: argparse.Namespace) -> int:
    # Qt lives only under ui/; a window-less Qt application writes the PDF.
    from koopbis_desktop.ui.printing import write_pdf_headless

    target = Path(args.file)
    if target.suffix.lower() != ".pdf":
        raise CliError("Çıktı dosyasının adı .pdf ile bitmeli, ör. gunluk-liste.pdf", EXIT_USAGE)
    try:
        pages = write_pdf_headless(report, target)
    except OSError as exc:
        raise CliError(f"PDF yazılamadı: {target}: {exc.strerror or exc}") from exc
    if args.json:
        _print_json({"file": str(target), "pages": pages, "entries": report.entry_ids})
    else:
        print(f"{target}: {pages} sayfa, {len(report.entry_ids)} kayıt.")
    return EXIT_OK


def cmd_print_worklist(args: argparse.Namespace) -> int:
    from sync import manual

    store = _open(args)
    return _write_report(manual.worklist_report(store, store.setting("province_code")), args)


def cmd_print_entry(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import reports

    store = _open(args)
    return _write_report(reports.entry_slip(store, args.id, store.setting("province_code")), args)


def cmd_print_daily(args: argparse.Namespace) -> int:
    from datetime import date

    from koopbis_desktop.services import reports

    store = _open(args)
    day = date.today()
    if args.date:
        try:
            day = date.fromisoformat(parse_date(args.date, allow_future=True))
        except FieldError as exc:
            raise CliError(f"--date: {exc.message}", EXIT_USAGE) from exc
    return _write_report(reports.daily_list(store, day, store.setting("province_code")), args)


def cmd_print_receipts(args: argparse.Namespace) -> int:
    from koopbis_desktop.services import reports

    store = _open(args)
    return _write_report(reports.receipts_report(store, store.setting("province_code")), args)


def cmd_manual_next(args: argparse.Namespace) -> int:
    from sync import manual

    store = _open(args)
    work = manual.worklist(store)
    item = work.next_item()
    if item is None:
        waiting = len(work.items)
        if args.json:
            _print_json({"entry": None, "remaining": waiting})
        elif waiting:
            print(
                f"Şimdi girilebilecek kayıt yok; {waiting} kayıt bekliyor (koopbis print worklist ile nedenleri)."
            )
        else:
            print("KOOP-BİS'e girilecek kayıt kalmadı.")
        return EXIT_OK
    fields = manual.copy_fields(item.entry)
    files = manual.attachments_of(store, item.uuid)
    if args.json:
        _print_json(
            {
                "entry": item.uuid,
                "position": item.position,
                "type": item.entry.type,
                "type_label": get_type(item.entry.type).label,
                "cooperative": item.item.cooperative_id,
                "cooperative_text": item.cooperative,
                "registers": item.entry.type == "cooperative.register",
                "mark": item.mark,
                "note": item.note,
                "fields": [{"group": f.group, "label": f.label, "value": f.value} for f in fields],
                "attachments": [{"filename": a.filename, "sha256": a.sha256, "size": a.size} for a in files],
                "remaining": len(work.items),
            }
        )
        return EXIT_OK
    print(f"Sıradaki kayıt ({item.position}/{len(work.items)}): {item.uuid}")
    print(f"  {get_type(item.entry.type).label} — {item.cooperative}")
    if item.mark:
        print(
            f"  Daha önce {'sorun bildirildi' if item.mark == manual.PROBLEM else 'atlandı'}: {item.note or ''}"
        )
    for f in fields:
        print(f"  {f.line}")
    for a in files:
        print(f"  Ek (KOOP-BİS'e yükleyin): {a.filename}")
    extra = " --cooperative SİCİL_NO" if item.entry.type == "cooperative.register" else ""
    print(f"Girdikten sonra: koopbis manual done {item.uuid[:8]} --receipt ALINDI_NO{extra} --as ŞEF")
    return EXIT_OK


def cmd_manual_done(args: argparse.Namespace) -> int:
    from sync import manual

    store, actor = _signed_in(args)
    from sync.scheduler import SyncBusy

    try:
        entry = manual.record_entered(store, actor, args.id, args.receipt, cooperative_id=args.cooperative)
    except SyncBusy as exc:
        raise CliError(exc.message + " Elle aktarım, otomatik eşitleme bitince kaydedilir.") from exc
    if args.json:
        _print_json(entry.to_json())
    else:
        _print_moved(entry, f" (alındı no {entry.receipt})")
    return EXIT_OK


def cmd_manual_skip(args: argparse.Namespace) -> int:
    from sync import manual

    store, actor = _signed_in(args)
    item = manual.record_skip(store, actor, args.id, args.note)
    print(f"{item.uuid}: atlandı; onaylı kalır, diğerlerinden sonra yeniden sorulur.")
    return EXIT_OK


def cmd_manual_problem(args: argparse.Namespace) -> int:
    from sync import manual

    store, actor = _signed_in(args)
    item = manual.record_problem(store, actor, args.id, args.note)
    print(f"{item.uuid}: sorun kaydedildi; kayıt onaylı kalır.")
    return EXIT_OK


def _add_server_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--server", metavar="URL", help="KOOP-BİS adresi (varsayılan: ayarlardaki server_url)")
    p.add_argument("--username", metavar="AD", help="KOOP-BİS kullanıcı adı (varsayılan: ayarlardaki)")
    p.add_argument("--ca-bundle", metavar="DOSYA", help="KOOP-BİS sertifikası için CA dosyası")


# ------------------------------------------------------------------ parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: hata: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        help="veritabanı dosyası (varsayılan: KOOPBIS_DB ya da kullanıcı veri klasörü)",
    )
    common.add_argument(
        "--as",
        dest="as_user",
        metavar="KULLANICI",
        help="işlemi yapan kullanıcı; parola KOOPBIS_PASSWORD ya da sorulur",
    )
    common.add_argument("--json", action="store_true", help="çıktıyı JSON olarak ver")

    parser = _Parser(
        prog="koopbis",
        description="KOOP-BİS Desktop yönetim ve otomasyon komutları",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"koopbis {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("init", parents=[common], help="ilin yerel veritabanını oluştur")
    p.add_argument("--province", required=True, metavar="KOD", help="il plaka kodu (ör. 06) ya da il adı")
    p.add_argument("--go-live", metavar="TARİH", help="KOOP-BİS açılış tarihi (varsayılan 12.03.2015)")
    p.set_defaults(func=cmd_init)

    user = sub.add_parser("user", parents=[common], help="kullanıcı hesapları").add_subparsers(
        dest="user_command", required=True, parser_class=_Parser
    )
    p = user.add_parser("add", parents=[common], help="hesap aç (parola KOOPBIS_NEW_PASSWORD ya da sorulur)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--full-name", metavar="METİN")
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("list", parents=[common], help="hesapları listele")
    p.set_defaults(func=cmd_user_list)
    for name, action, done, text in (
        ("disable", accounts.disable_user, "{name} hesabı kapatıldı.", "hesabı kapat"),
        ("enable", accounts.enable_user, "{name} hesabı açıldı.", "kapalı hesabı aç"),
        ("unlock", accounts.unlock_user, "{name} hesabının kilidi açıldı.", "kilitli hesabı aç"),
    ):
        p = user.add_parser(name, parents=[common], help=text)
        p.add_argument("name")
        p.set_defaults(func=_user_admin(action, done))
    p = user.add_parser("passwd", parents=[common], help="parola değiştir")
    p.add_argument("name")
    p.set_defaults(func=cmd_user_passwd)

    snap = sub.add_parser("snapshot", parents=[common], help="kooperatif listesi").add_subparsers(
        dest="snapshot_command", required=True, parser_class=_Parser
    )
    p = snap.add_parser("import", parents=[common], help="CSV/XLSX kooperatif listesini yükle")
    p.add_argument("file")
    p.add_argument("--members", metavar="DOSYA")
    p.add_argument("--board", metavar="DOSYA")
    p.add_argument("--auditors", metavar="DOSYA")
    p.add_argument("--assemblies", metavar="DOSYA")
    p.set_defaults(func=cmd_snapshot_import)

    p = snap.add_parser("refresh", parents=[common], help="KOOP-BİS'ten değişen kooperatifleri al")
    _add_server_options(p)
    p.add_argument("--full", action="store_true", help="yalnız değişenleri değil, ilin tümünü al")
    p.set_defaults(func=cmd_snapshot_refresh)

    p = sub.add_parser(
        "sync",
        parents=[common],
        help="onaylı kayıtları KOOP-BİS'e aktar (parola KOOPBIS_SERVER_PASSWORD ya da anahtarlık)",
    )
    _add_server_options(p)
    p.add_argument(
        "--once", action="store_true", help="bir kez eşitle ve çık (yoksa otomatik eşitleme sürer)"
    )
    p.add_argument(
        "--preview",
        action="store_true",
        help="göndermeden, KOOP-BİS'teki güncel kayıtlara göre neyin çakışacağını göster",
    )
    p.set_defaults(func=cmd_sync)
    sync_sub = p.add_subparsers(dest="sync_command", parser_class=_Parser)
    p = sync_sub.add_parser("status", parents=[common], help="durum sayıları, bekleyenler ve son eşitleme")
    p.set_defaults(func=cmd_sync_status)

    conf = sub.add_parser("conflicts", parents=[common], help="çakışmalar").add_subparsers(
        dest="conflicts_command", required=True, parser_class=_Parser
    )
    p = conf.add_parser("list", parents=[common], help="çakışmadaki kayıtlar")
    p.set_defaults(func=cmd_conflicts_list)
    p = conf.add_parser("show", parents=[common], help="bir çakışmayı alan alan göster")
    p.add_argument("id")
    p.set_defaults(func=cmd_conflicts_show)
    p = conf.add_parser("resolve", parents=[common], help="çakışmayı çöz (şef)")
    p.add_argument("id")
    p.add_argument(
        "--take",
        required=True,
        choices=["local", "server", "merge"],
        help="local: yerel kaydı yeniden gönder · server: KOOP-BİS'tekini kabul et · merge: alan alan",
    )
    p.add_argument(
        "--fields",
        metavar="JSON",
        help='merge için: {"alan": "local" | "server" | {"value": ...}}',
    )
    p.add_argument("--reason", required=True, metavar="METİN", help="karar gerekçesi (denetim izine girer)")
    p.set_defaults(func=cmd_conflicts_resolve)
    p = conf.add_parser("return", parents=[common], help="çakışan ya da reddedilen kaydı memura iade et")
    p.add_argument("id")
    p.add_argument("--comment", required=True, metavar="METİN")
    p.set_defaults(func=cmd_conflicts_return)
    p = conf.add_parser(
        "link", parents=[common], help="kuruluş kaydını KOOP-BİS'teki mevcut kooperatife bağla"
    )
    p.add_argument("id")
    p.add_argument("cooperative", metavar="SİCİL_NO")
    p.add_argument("--reason", required=True, metavar="METİN")
    p.set_defaults(func=cmd_conflicts_link)

    prn = sub.add_parser("print", parents=[common], help="PDF çıktılar (A4)").add_subparsers(
        dest="print_command", required=True, parser_class=_Parser
    )
    p = prn.add_parser("worklist", parents=[common], help="KOOP-BİS'e elle girilecek kayıtların listesi")
    p.add_argument("file", metavar="DOSYA.pdf")
    p.set_defaults(func=cmd_print_worklist)
    p = prn.add_parser("entry", parents=[common], help="bir kaydın kayıt fişi")
    p.add_argument("id")
    p.add_argument("file", metavar="DOSYA.pdf")
    p.set_defaults(func=cmd_print_entry)
    p = prn.add_parser("daily", parents=[common], help="günlük liste (imza ve denetim izi özetiyle)")
    p.add_argument("--date", metavar="TARİH", help="gün (GG.AA.YYYY; varsayılan bugün)")
    p.add_argument("file", metavar="DOSYA.pdf")
    p.set_defaults(func=cmd_print_daily)
    p = prn.add_parser("receipts", parents=[common], help="KOOP-BİS alındı listesi")
    p.add_argument("file", metavar="DOSYA.pdf")
    p.set_defaults(func=cmd_print_receipts)

    man = sub.add_parser(
        "manual", parents=[common], help="KOOP-BİS'e elle aktarım (API yokken, web sayfasından)"
    ).add_subparsers(dest="manual_command", required=True, parser_class=_Parser)
    p = man.add_parser("next", parents=[common], help="sıradaki kaydı alan alan göster")
    p.set_defaults(func=cmd_manual_next)
    p = man.add_parser("done", parents=[common], help="kayıt KOOP-BİS'e girildi (şef)")
    p.add_argument("id")
    p.add_argument(
        "--receipt", required=True, metavar="ALINDI_NO", help="KOOP-BİS'in verdiği alındı numarası"
    )
    p.add_argument("--cooperative", metavar="SİCİL_NO", help="kuruluş kaydında KOOP-BİS'in verdiği sicil no")
    p.set_defaults(func=cmd_manual_done)
    p = man.add_parser("skip", parents=[common], help="şimdilik atla (kayıt onaylı kalır)")
    p.add_argument("id")
    p.add_argument("--note", metavar="METİN")
    p.set_defaults(func=cmd_manual_skip)
    p = man.add_parser("problem", parents=[common], help="sorun var: not denetim izine girer")
    p.add_argument("id")
    p.add_argument("--note", required=True, metavar="METİN")
    p.set_defaults(func=cmd_manual_problem)

    p = sub.add_parser("search", parents=[common], help="kooperatif ara (unvan, sicil no, VKN)")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("types", parents=[common], help="kayıt türleri ve alanları")
    p.set_defaults(func=cmd_types)

    entry = sub.add_parser("entry", parents=[common], help="kayıtlar").add_subparsers(
        dest="entry_command", required=True, parser_class=_Parser
    )
    p = entry.add_parser("add", parents=[common], help="yeni taslak kayıt")
    p.add_argument("--type", required=True, metavar="TÜR")
    p.add_argument("--cooperative", metavar="SİCİL_NO")
    p.add_argument("--data", required=True, metavar="JSON|@DOSYA")
    p.set_defaults(func=cmd_entry_add)
    p = entry.add_parser("edit", parents=[common], help="taslak ya da iade edilmiş kaydı düzelt")
    p.add_argument("id")
    p.add_argument("--data", required=True, metavar="JSON|@DOSYA")
    p.set_defaults(func=cmd_entry_edit)
    for name, text in (("submit", "onaya gönder"), ("withdraw", "geri çek")):
        p = entry.add_parser(name, parents=[common], help=text)
        p.add_argument("id")
        p.set_defaults(func=_move(name))
    p = entry.add_parser("approve", parents=[common], help="onayla (şef)")
    p.add_argument("id")
    p.add_argument("--comment", metavar="METİN")
    p.set_defaults(func=_move("approve"))
    p = entry.add_parser("return", parents=[common], help="memura iade et (şef)")
    p.add_argument("id")
    p.add_argument("--comment", required=True, metavar="METİN")
    p.set_defaults(func=_move("return"))
    p = entry.add_parser("list", parents=[common], help="kayıtları listele")
    p.add_argument("--state", action="append", metavar="DURUM")
    p.add_argument("--author")
    p.add_argument("--type", metavar="TÜR")
    p.add_argument("--cooperative", metavar="SİCİL_NO")
    p.set_defaults(func=cmd_entry_list)
    p = entry.add_parser("show", parents=[common], help="kaydı göster")
    p.add_argument("id")
    p.set_defaults(func=cmd_entry_show)

    aud = sub.add_parser("audit", parents=[common], help="denetim izi").add_subparsers(
        dest="audit_command", required=True, parser_class=_Parser
    )
    p = aud.add_parser("verify", parents=[common], help="zinciri doğrula (bozuksa çıkış kodu 1)")
    p.set_defaults(func=cmd_audit_verify)
    p = aud.add_parser("list", parents=[common], help="denetim izini listele")
    p.add_argument("--entry", metavar="KAYIT")
    p.set_defaults(func=cmd_audit_list)

    p = sub.add_parser("backup", parents=[common], help="yedek al")
    p.add_argument("dest", nargs="?", metavar="HEDEF")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", parents=[common], help="yedekten geri yükle")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)

    # import members, export entries/audit, support-bundle (their own module; imported here to
    # avoid a cycle: it uses this module's helpers)
    from koopbis_desktop.cli_data import add_data_commands

    add_data_commands(sub, common)
    return parser


def _merge_common(args: argparse.Namespace, argv: Sequence[str]) -> None:
    # Global options may stand before or after the sub-command; argparse's
    # sub-parser defaults would otherwise overwrite the ones given first.
    pre = _Parser(add_help=False)
    pre.add_argument("--db")
    pre.add_argument("--as", dest="as_user")
    pre.add_argument("--json", action="store_true")
    known, _ = pre.parse_known_args(list(argv))
    for name in ("db", "as_user"):
        if getattr(args, name, None) is None and getattr(known, name) is not None:
            setattr(args, name, getattr(known, name))
    if known.json:
        args.json = True


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    paths.setup_logging("koopbis-cli")
    parser = build_parser()
    args = parser.parse_args(arguments)
    _merge_common(args, arguments)
    try:
        return int(args.func(args))
    except KoopbisError as exc:
        if exc.exit_code == EXIT_ERROR:
            log.warning("command failed: %s", exc, exc_info=True)
        print(exc.message, file=sys.stderr)
        for line in exc.details()[:50]:
            print(f"  {line}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("\nİptal edildi; yarım kalan işlem kaydedilmedi.", file=sys.stderr)
        return EXIT_ERROR
    except Exception:
        log.exception("unexpected error in koopbis %s", arguments)
        print(
            "Beklenmeyen bir hata oluştu; ayrıntı günlük dosyasına yazıldı "
            f"({paths.log_dir()}). Lütfen bilgi işleme iletin.",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
