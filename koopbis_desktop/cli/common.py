"""What every ``koopbis`` command group shares: exit codes, opening the store, signing in, JSON output.

Each group module (``entries``, ``users``, …) imports this one and nothing of its
siblings, so the package has no import cycle.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from koopbis_desktop import paths
from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import STATE_LABELS, Actor, State
from koopbis_desktop.services import accounts
from koopbis_desktop.services.spreadsheet import SpreadsheetError
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store, open_store

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


class Parser(argparse.ArgumentParser):
    """Usage errors end with exit code 2 and a Turkish line, as every other refusal does."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: hata: {message}\n")


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def error_document(exc: KoopbisError) -> dict[str, Any]:
    """A refused command as one JSON document: ``errors`` lists every message once.

    A file's refusal (:class:`SpreadsheetError`) lists file, line and column; its
    summary sentence is listed too unless it is the one error itself.
    """
    errors: list[dict[str, Any]]
    if isinstance(exc, SpreadsheetError):
        errors = exc.to_json()
        covered = any(f"{e['file']}: {e['message']}" == exc.message for e in errors)
    else:
        errors = [{"message": line} for line in exc.details()]
        covered = False
    if not covered:
        errors.insert(0, {"message": exc.message})
    return {"ok": False, "exit_code": int(exc.exit_code), "errors": errors}


def open_db(args: argparse.Namespace, *, create: bool = False) -> Store:
    db_path = paths.database_path(args.db)
    return open_store(db_path, create=create, backups_dir=paths.backups_dir(db_path))


def ask_password(env: str, prompt: str, *, twice: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(
            tx(
                "Parola gerekli: {env} ortam değişkenini verin ya da komutu bir terminalde çalıştırın."
            ).format(env=env)
        )
    first = getpass.getpass(prompt)
    if twice and getpass.getpass("Parolayı yeniden yazın: ") != first:
        raise CliError(tx("Parolalar aynı değil; yeniden deneyin."))
    return first


def sign_in(store: Store, args: argparse.Namespace, *, required: bool = True) -> Actor | None:
    """Log in the ``--as`` user (password from KOOPBIS_PASSWORD or asked); None if not given and not required."""
    username = getattr(args, "as_user", None)
    if not username:
        if required:
            raise CliError(tx("Bu komut için kim olduğunuzu belirtin: --as KULLANICI"), EXIT_USAGE)
        return None
    password = ask_password("KOOPBIS_PASSWORD", tx("{username} parolası: ").format(username=username))
    return accounts.login(store, username, password)


def signed_in(args: argparse.Namespace) -> tuple[Store, Actor]:
    """Open the store and log in the ``--as`` user (required)."""
    store = open_db(args)
    actor = sign_in(store, args)
    assert actor is not None
    return store, actor


def print_moved(entry: entries.Entry, detail: str = "") -> None:
    print(f"{entry.uuid}: {STATE_LABELS[entry.state]}{detail}.")


def load_data(text: str) -> dict[str, Any]:
    """A JSON object given inline, as ``@FILE`` or as ``-`` (standard input)."""
    try:
        if text.startswith("@"):
            raw = Path(text[1:]).read_text(encoding="utf-8-sig")
        elif text == "-":
            raw = sys.stdin.read()
        else:
            raw = text
    except OSError as exc:
        raise CliError(
            tx("Veri dosyası okunamadı: {filename}: {strerror}").format(
                filename=exc.filename, strerror=exc.strerror
            )
        ) from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CliError(
            tx("--data geçerli JSON değil (satır {lineno}, sütun {colno}): {msg}").format(
                lineno=exc.lineno, colno=exc.colno, msg=exc.msg
            ),
            EXIT_INVALID,
        ) from exc
    if not isinstance(data, dict):
        raise CliError(tx('--data bir JSON nesnesi olmalıdır: {"alan": "değer", ...}'), EXIT_INVALID)
    return data


def parse_state(value: str) -> State:
    try:
        return State(value)
    except ValueError:
        names = ", ".join(s.value for s in State)
        raise CliError(
            tx("Bilinmeyen durum: {value}. Geçerli durumlar: {names}").format(value=value, names=names),
            EXIT_USAGE,
        ) from None


def add_server_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--server", metavar="URL", help="KOOP-BİS adresi (varsayılan: ayarlardaki server_url)")
    p.add_argument("--username", metavar="AD", help="KOOP-BİS kullanıcı adı (varsayılan: ayarlardaki)")
    p.add_argument("--ca-bundle", metavar="DOSYA", help="KOOP-BİS sertifikası için CA dosyası")


def sync_options(args: argparse.Namespace, store: Store) -> Any:
    """The KOOP-BİS connection of ``--server``/``--username``/``--ca-bundle`` and the settings."""
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
