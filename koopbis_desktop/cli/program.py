"""The ``koopbis`` command line itself: the parser, the language, the errors (see the package).

:mod:`koopbis_desktop.cli` imports this module for every command but ``koopbis --version``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import koopbis_desktop
from koopbis_desktop import paths
from koopbis_desktop.cli import (
    audit,
    conflicts,
    copy,
    data,
    entries,
    guide,
    key,
    manual,
    office,
    printouts,
    registry,
    setup,
    snapshot,
    sync,
    users,
)
from koopbis_desktop.cli.common import EXIT_ERROR, CliError, Parser, close_opened, error_document, print_json
from koopbis_desktop.domain import argparse_words, i18n
from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.i18n import tx

log = logging.getLogger("koopbis.cli")


class _Version(argparse.Action):
    """``--version``: the package's version is looked up only when asked for (it costs a start)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        print(f"koopbis {koopbis_desktop.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar=tx("YOL"),
        help=tx("veritabanı dosyası (varsayılan: KOOPBIS_DB ya da kullanıcı veri klasörü)"),
    )
    common.add_argument(
        "--as",
        dest="as_user",
        metavar=tx("KULLANICI"),
        help=tx("işlemi yapan kullanıcı; parola KOOPBIS_PASSWORD ya da sorulur"),
    )
    common.add_argument("--json", action="store_true", help=tx("çıktıyı JSON olarak ver"))
    common.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        help=tx(
            "kayıt türlerinin, alanların, durumların ve iletilerin dili "
            "(varsayılan: KOOPBIS_LANG, yoksa 'language' ayarı, yoksa tr)"
        ),
    )

    parser = Parser(
        prog="koopbis",
        description=tx("KOOP-BİS Desktop yönetim ve otomasyon komutları"),
        parents=[common],
    )
    parser.add_argument("--version", action=_Version, nargs=0, help=tx("sürümü yaz ve çık"))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    # The order of ``koopbis --help``: setting up first, then the daily work, then data files.
    setup.register_init(sub, common)
    users.register(sub, common)
    snapshot.register(sub, common)
    registry.register(sub, common)
    sync.register(sub, common)
    conflicts.register(sub, common)
    printouts.register(sub, common)
    manual.register(sub, common)
    entries.register(sub, common)
    audit.register(sub, common)
    setup.register_backup(sub, common)
    copy.register(sub, common)
    key.register(sub, common)
    data.register(sub, common)
    guide.register(sub, common)
    office.register(sub, common)
    return parser


class _PreParseError(Exception):
    pass


class _PreParser(argparse.ArgumentParser):
    """Reads the global options ahead of the real parser; a mistake is left for the real one to report."""

    def error(self, message: str) -> NoReturn:
        raise _PreParseError(message)


def _common_options(argv: Sequence[str]) -> argparse.Namespace:
    """``--db``, ``--as``, ``--json``, ``--lang`` and ``--version`` wherever they stand in ``argv``.

    Nothing is checked here (an unknown ``--lang`` is ignored, a missing value reads as
    none): the real parser, built afterwards, refuses what is wrong.
    """
    pre = _PreParser(add_help=False)
    pre.add_argument("--db")
    pre.add_argument("--as", dest="as_user")
    pre.add_argument("--json", action="store_true")
    pre.add_argument("--lang")
    pre.add_argument("--version", action="store_true")
    try:
        known, _ = pre.parse_known_args(list(argv))
    except _PreParseError:
        known = argparse.Namespace(db=None, as_user=None, json=False, lang=None, version=False)
    return known


def _merge_common(args: argparse.Namespace, known: argparse.Namespace) -> None:
    # Global options may stand before or after the sub-command; argparse's
    # sub-parser defaults would otherwise overwrite the ones given first.
    for name in ("db", "as_user", "lang"):
        if getattr(args, name, None) is None and getattr(known, name) is not None:
            setattr(args, name, getattr(known, name))
    if known.json:
        args.json = True


def command_language(args: argparse.Namespace, *, read_setting: bool = True) -> str:
    """``--lang``, else ``KOOPBIS_LANG``, else the database's ``language`` setting, else Turkish.

    The setting is read only with ``read_setting`` (``--version`` prints no text to translate);
    a database that cannot be located or read counts as having none: the command that
    opens it reports why.
    """
    given = getattr(args, "lang", None)
    setting = None
    if read_setting and not given and not os.environ.get(i18n.ENV_VAR):
        from koopbis_desktop.store.startfacts import peek_start_facts

        try:
            location = paths.database_location(getattr(args, "db", None))
            facts = peek_start_facts(location) if isinstance(location, Path) else None
        except (KoopbisError, OSError):
            facts = None
        setting = facts.language if facts else None
    return i18n.choose_language(given, setting)


def loggable_command(parser: argparse.ArgumentParser, arguments: Sequence[str]) -> str:
    """The command line as the log file may keep it: the command's words and the options' names.

    Never the values: ``--data`` carries members' TCKNs, names and addresses, ``--db`` may carry
    the office database's password, a positional may be a name searched for. The log file is
    plain text on the PC (the support bundle scrubs it again, but the file itself stays).
    """
    words: list[str] = []
    current: argparse.ArgumentParser | None = parser
    for token in arguments:
        if token.startswith("--"):
            words.append(token.split("=", 1)[0])
        elif len(token) == 2 and token[0] == "-" and token[1].isalpha():
            words.append(token)
        elif current is not None:
            choices = next(
                (
                    action.choices
                    for action in current._actions
                    if isinstance(action, argparse._SubParsersAction)
                ),
                None,
            )
            if choices is not None and token in choices:
                words.append(token)
                current = choices[token]
    return " ".join(words)


def main(argv: Sequence[str] | None = None) -> int:
    """The whole command line (:func:`koopbis_desktop.cli.main` answers a bare ``--version`` itself)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    paths.setup_logging("koopbis-cli")
    known = _common_options(arguments)
    # The language is chosen before the parser is built, so that ``--help`` and a usage
    # error are in it too; the command then runs in the same language (it is set once).
    i18n.set_language(command_language(known, read_setting=not known.version))
    argparse_words.use_language(i18n.language())
    parser = build_parser()
    args = parser.parse_args(arguments)
    _merge_common(args, known)
    try:
        try:
            code = _run(parser, args, arguments)
            sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
            return code
        finally:
            close_opened()
    except BrokenPipeError:
        # ``koopbis … | head``: the reader has what it wanted and left. Nothing more can be
        # written there; the exit flush must not fail again (Python docs, "Note on SIGPIPE").
        _stdout_to_devnull()
        return EXIT_BROKEN_PIPE


#: What a shell reports for a program a closed pipe stopped (128 + SIGPIPE), as for ``cat`` or ``grep``.
EXIT_BROKEN_PIPE = 141


def _stdout_to_devnull() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError):  # no file descriptor behind sys.stdout (an embedding, a test's capture)
        pass


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace, arguments: Sequence[str]) -> int:
    """The command, with every way it can end turned into an exit code and words for the person."""
    try:
        return int(args.func(args))
    except KoopbisError as exc:
        if exc.exit_code == EXIT_ERROR:
            log.warning("command failed: %s", exc, exc_info=True)
        if getattr(args, "json", False):
            # A script asked for JSON: it gets a document even when the command is refused.
            print_json(error_document(exc))
            return int(exc.exit_code)
        print(exc.message, file=sys.stderr)
        for line in exc.details()[:50]:
            if not line.endswith(f": {exc.message}"):  # a field's error that only repeats the message
                print(f"  {line}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:  # Ctrl-C, or Ctrl-D at a question (see ``common.ask``)
        message = tx("\nİptal edildi; yarım kalan işlem kaydedilmedi.")
        if getattr(args, "json", False):
            print_json(error_document(KoopbisError(message.strip())))
        print(message, file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        raise
    except Exception:
        log.exception("unexpected error in koopbis %s", loggable_command(parser, arguments))
        message = tx(
            "Beklenmeyen bir hata oluştu; ayrıntı günlük dosyasına yazıldı ({v}). Lütfen bilgi işleme iletin."
        ).format(v=paths.log_dir())
        if getattr(args, "json", False):
            print_json(error_document(KoopbisError(message)))
        else:
            print(message, file=sys.stderr)
        return EXIT_ERROR


__all__ = ["CliError", "build_parser", "main"]
