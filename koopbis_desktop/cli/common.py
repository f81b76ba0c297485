"""What every ``koopbis`` command group shares: exit codes, opening the store, signing in, JSON output.

Each group module (``entries``, ``users``, …) imports this one and nothing of its
siblings, so the package has no import cycle. The store, the services and the sync
client are imported by the functions that use them: ``koopbis --version`` or a
usage error loads none of them (a command starts in a fraction of a second).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from koopbis_desktop import paths
from koopbis_desktop.domain.errors import ExitCode, KoopbisError, read_refused_reason
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import ROLE_LABELS, STATE_LABELS, Actor, NotPermitted, Role, State
from koopbis_desktop.store.location import OfficeUrl

if TYPE_CHECKING:
    from koopbis_desktop.store import entries
    from koopbis_desktop.store.db import Store
    from koopbis_desktop.store.errors import KnownError

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
    """Usage errors end with exit code 2 and one line, as every other refusal does (``hata``/``error`` by the language)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        prefix = tx("hata")
        self.exit(EXIT_USAGE, f"{self.prog}: {prefix}: {message}\n")

    def add_subparsers(self, **kwargs: Any) -> Any:
        """A group's sub-commands parse with this class too. A missing sub-command is named by its
        choices in the usage error ("şu argümanlar gerekli: {status,encrypt,…}"), never by the
        internal name it is stored under (``key_command``): nothing reads that name."""
        kwargs.setdefault("parser_class", Parser)
        action = super().add_subparsers(**kwargs)
        if action.required and action.metavar is None:
            action.dest = argparse.SUPPRESS
        return action


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_json_array(items: Iterable[Any]) -> None:
    """One JSON array, written item by item as ``items`` yields them: the text
    :func:`print_json` prints for the whole list, without holding the list."""
    opened = False
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write(("[\n" if not opened else ",\n") + "  " + text.replace("\n", "\n  "))
        opened = True
    sys.stdout.write("\n]\n" if opened else "[]\n")


def error_document(exc: KoopbisError) -> dict[str, Any]:
    """A refused command as one JSON document: ``errors`` lists every message once.

    A file's refusal (:class:`SpreadsheetError`) lists file, line and column; its
    summary sentence is listed too unless it is the one error itself.
    """
    from koopbis_desktop.services.spreadsheet import SpreadsheetError

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


_opened: list[Store] = []


def close_opened() -> None:
    """Close every store this command opened (an office connection must not be left to the GC)."""
    while _opened:
        _opened.pop().close()


def open_db(
    args: argparse.Namespace, *, create: bool = False, reading: bool = False, read_only: bool = False
) -> Store:
    store = _open_db(args, create=create, reading=reading, read_only=read_only)
    _opened.append(store)
    return store


def _open_db(
    args: argparse.Namespace, *, create: bool = False, reading: bool = False, read_only: bool = False
) -> Store:
    """The store of ``--db``; an encrypted one with the key of the ``--as`` account's slot (its
    password). A command that only ``reading`` still runs where nothing can be written;
    ``read_only`` opens so that nothing is written at all (a preview)."""
    from koopbis_desktop.store import encryption
    from koopbis_desktop.store.db import open_store
    from koopbis_desktop.store.errors import DatabaseReadOnly, DiskFull

    location = paths.database_location(args.db)
    if isinstance(location, OfficeUrl):
        return open_office(location, create=create, read_only=read_only)
    db_path = location
    key = None
    if encryption.is_encrypted(db_path):
        username = getattr(args, "as_user", None)
        if not username:
            raise CliError(
                tx(
                    "{db_path} şifreli: açmak için --as KULLANICI verin (parola KOOPBIS_PASSWORD'den ya da sorulur)."
                ).format(db_path=db_path),
                EXIT_USAGE,
            )
        key = encryption.unlock_key(db_path, username, account_password(args))
    if read_only:
        return open_store(db_path, backups_dir=paths.backups_dir(db_path), read_only=True, key=key)
    try:
        return open_store(db_path, create=create, backups_dir=paths.backups_dir(db_path), key=key)
    except (DatabaseReadOnly, DiskFull):
        if not reading:
            raise
    return open_store(db_path, backups_dir=paths.backups_dir(db_path), read_only=True, key=key)


def open_office(url: OfficeUrl, *, create: bool = False, read_only: bool = False) -> Store:
    """The office database: its role's password from the URL, ``PGPASSFILE``, this PC's OS
    keyring or, asked once at a terminal, then kept in the keyring (never in a file)."""
    from koopbis_desktop.services import secrets
    from koopbis_desktop.store.db import open_store
    from koopbis_desktop.store.pg import OfficeLoginFailed

    backups = paths.backups_dir(url)
    remembered = None if url.password else secrets.get_password(url.account_key)
    try:
        return open_store(url, create=create, read_only=read_only, backups_dir=backups, password=remembered)
    except OfficeLoginFailed:
        if url.password or not (os.environ.get("KOOPBIS_DB_PASSWORD") or (sys.stdin and sys.stdin.isatty())):
            raise
    password = ask_password(
        "KOOPBIS_DB_PASSWORD",
        tx("Ofis veritabanı parolası ({user}@{host}): ").format(user=url.user, host=url.host),
    )
    store = open_store(url, create=create, read_only=read_only, backups_dir=backups, password=password)
    secrets.set_password(url.account_key, password)
    return store


def account_password(args: argparse.Namespace) -> str:
    """The ``--as`` account's password, asked once per command (opening and signing in share it)."""
    cached: str | None = getattr(args, "_password", None)
    if cached is None:
        remembered = None
        if not os.environ.get("KOOPBIS_PASSWORD") and not (sys.stdin and sys.stdin.isatty()):
            # A scheduled run has no one to ask: the account's password may have been put in
            # this PC's OS keyring with ``koopbis key remember`` (never in a file).
            from koopbis_desktop.services import secrets

            remembered = secrets.get_password(remembered_account(args.as_user))
        cached = remembered or ask_password(
            "KOOPBIS_PASSWORD", tx("{username} parolası: ").format(username=args.as_user)
        )
        args._password = cached
    return cached


def remembered_account(username: str) -> str:
    """The OS keyring entry that holds an account's password for unattended commands."""
    return f"hesap:{username}"


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
    first = ask(prompt, hidden=True)
    if twice and ask(tx("Parolayı yeniden yazın: "), hidden=True) != first:
        raise CliError(tx("Parolalar aynı değil; yeniden deneyin."))
    return first


def ask(prompt: str, *, hidden: bool = False, on_stderr: bool = False) -> str:
    """A line typed at the terminal (``hidden``: a password, not echoed; ``on_stderr``: the
    question leaves standard output to the command's one JSON document).

    Ctrl-D (end of input) is the person giving up, as Ctrl-C is: both end the command as
    cancelled (:func:`koopbis_desktop.cli.program.main` says so), never as an unexpected error.
    """
    try:
        if hidden:
            return getpass.getpass(prompt)
        if on_stderr:
            print(prompt, end="", file=sys.stderr, flush=True)
            return input("")
        return input(prompt)
    except EOFError:
        raise KeyboardInterrupt from None


def say(args: argparse.Namespace, text: str) -> None:
    """A sentence for the person: on standard output, or on stderr under ``--json`` (whose
    standard output is the command's one JSON document)."""
    print(text, file=sys.stderr if getattr(args, "json", False) else sys.stdout)


def sign_in(store: Store, args: argparse.Namespace, *, required: bool = True) -> Actor | None:
    """Log in the ``--as`` user (password from KOOPBIS_PASSWORD or asked); None if not given and not required."""
    username = getattr(args, "as_user", None)
    if not username:
        if required:
            raise CliError(tx("Bu komut için kim olduğunuzu belirtin: --as KULLANICI"), EXIT_USAGE)
        return None
    from koopbis_desktop.services import accounts

    return accounts.login(store, username, account_password(args))


def _write_refused(exc: KnownError) -> bool:
    from koopbis_desktop.store.db import db_errors

    cause = exc.__cause__
    name = getattr(cause, "sqlite_errorname", "") or ""
    # db_errors: an encrypted file's driver (SQLCipher) raises errors of its own root, not sqlite3's.
    return isinstance(cause, db_errors()) and name.startswith(("SQLITE_READONLY", "SQLITE_FULL"))


def signed_in(
    args: argparse.Namespace, *, role: Role | None = None, reading: bool = False, read_only: bool = False
) -> tuple[Store, Actor]:
    """Open the store and log in the ``--as`` user (required), who must hold ``role`` if given.

    Every command that shows personal data or changes anything starts here, so a
    wrong password is exit 4 for all of them alike. ``reading`` says the command
    only reads.
    """
    from koopbis_desktop.store.db import open_store
    from koopbis_desktop.store.errors import KnownError

    store = open_db(args, reading=reading, read_only=read_only)
    try:
        try:
            actor = sign_in(store, args)
        except KnownError as exc:
            # A write-protected file or a full disk opens, then refuses the sign-in's audit
            # row: a command that only reads signs in again on a read-only open.
            if not reading or store.read_only or not _write_refused(exc):
                raise
            store.close()
            store = open_store(store.location, backups_dir=store.backups_dir, read_only=True, key=store.key)
            _opened.append(store)
            actor = sign_in(store, args)
        assert actor is not None
        if role is not None and actor.role != role:
            raise NotPermitted(
                tx(
                    "Bu komutu yalnızca {role} hesabıyla çalıştırabilirsiniz ({username}: {actor_role})."
                ).format(
                    role=ROLE_LABELS[role].lower(),
                    username=actor.username,
                    actor_role=ROLE_LABELS[actor.role].lower(),
                )
            )
    except BaseException:
        store.close()
        raise
    return store, actor


def print_moved(entry: entries.Entry, detail: str = "") -> None:
    """Where an entry went, named as a person knows it: its number (2026/000123), not its uuid."""
    print(f"{entry.label}: {STATE_LABELS[entry.state]}{detail}.")


def _json_problem(said: str) -> str:
    """Python's json module says what is wrong in English: the usual mistakes in Turkish."""
    known = {
        "Expecting value": tx("burada bir değer bekleniyordu"),
        "Expecting property name enclosed in double quotes": tx('alan adı çift tırnak (") içinde olmalı'),
        "Expecting ',' delimiter": tx("virgül eksik"),
        "Expecting ':' delimiter": tx("alan adından sonra iki nokta (:) eksik"),
        "Unterminated string starting at": tx("tırnak işareti kapanmamış"),
        "Extra data": tx("JSON nesnesinden sonra fazladan metin var"),
        "Invalid control character at": tx("metnin içinde izin verilmeyen bir denetim karakteri var"),
        "Invalid \\escape": tx("geçersiz ters bölü (\\) dizisi"),
    }
    return known.get(said, tx("yazım hatası"))


def load_data(text: str, option: str = "--data") -> dict[str, Any]:
    """A JSON object given inline, as ``@FILE`` or as ``-`` (standard input); ``option`` names it in errors."""
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
                filename=exc.filename, strerror=read_refused_reason(exc)
            )
        ) from exc
    except UnicodeDecodeError as exc:
        # A file saved as Windows-1254/latin-1 by an old editor: say which encoding is wanted.
        raise CliError(
            tx(
                "Veri dosyası UTF-8 değil ({position}. baytta {byte} var); "
                "dosyayı UTF-8 olarak kaydedip yeniden deneyin."
            ).format(position=exc.start + 1, byte=f"{exc.object[exc.start]:#04x}"),
            EXIT_INVALID,
        ) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CliError(
            tx("{option} geçerli JSON değil (satır {lineno}, sütun {colno}): {msg}").format(
                option=option, lineno=exc.lineno, colno=exc.colno, msg=_json_problem(exc.msg)
            ),
            EXIT_INVALID,
        ) from exc
    except RecursionError:
        raise CliError(
            tx("{option} çok derin iç içe geçmiş; bir kayıt verisi en çok birkaç düzey iç içe olur.").format(
                option=option
            ),
            EXIT_INVALID,
        ) from None
    if not isinstance(data, dict):
        raise CliError(
            tx('{option} bir JSON nesnesi olmalıdır: {{"alan": "değer", ...}}').format(option=option),
            EXIT_INVALID,
        )
    if _depth(data) > MAX_DATA_DEPTH:
        raise CliError(
            tx("{option} çok derin iç içe geçmiş; bir kayıt verisi en çok birkaç düzey iç içe olur.").format(
                option=option
            ),
            EXIT_INVALID,
        )
    return data


# An entry's data is an object of fields, a group's rows and their fields: three levels.
# Anything far deeper is not an entry, and would only reach a recursion limit later.
MAX_DATA_DEPTH = 16


def _depth(value: Any) -> int:
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > MAX_DATA_DEPTH:
                break
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, level + 1) for child in children)
    return deepest


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
    p.add_argument("--server", metavar="URL", help=tx("KOOP-BİS adresi (varsayılan: ayarlardaki server_url)"))
    p.add_argument(
        "--username", metavar=tx("AD"), help=tx("KOOP-BİS kullanıcı adı (varsayılan: ayarlardaki)")
    )
    p.add_argument("--ca-bundle", metavar=tx("DOSYA"), help=tx("KOOP-BİS sertifikası için CA dosyası"))


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
        db_key=store.key,  # the automatic loop opens its own connections to an encrypted file
    )
