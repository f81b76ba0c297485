"""``koopbis``: the administration and automation command line.

Every command goes through the same services as the desktop, so roles, the
four-eyes rule, validation and the audit trail apply here too. Exit codes:
0 ok · 1 other error · 2 usage · 3 validation failed · 4 not permitted ·
5 not found. Expected errors print one sentence, never a traceback;
the log file keeps the technical detail. The language (``--lang``, else
``KOOPBIS_LANG``, else the database's ``language`` setting, else Turkish) is
chosen before the parser is built, so ``--help`` and usage errors follow it too.

One module per command group (``entries``, ``users``, ``snapshot``, ``sync``,
``conflicts``, ``printouts``, ``manual``, ``data``, ``audit``, ``setup``,
``copy``, ``guide``, ``office``), each
with a ``register(sub, common)``; they share ``common`` and import nothing of
each other. The command line imports no Qt: PDFs are rendered in a child process.
Building the parser imports no store, service or sync module: each command
imports what it uses when it runs, so ``koopbis --version`` or ``--help`` starts at
once (tests/cli/test_cli_startup.py holds that); the language setting is read with the
standard library alone (``store.startfacts``), and not at all for ``--version``. The parser
and the commands are in :mod:`koopbis_desktop.cli.program`; this package answers a bare
``koopbis --version`` without loading them, the log file or the parser.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """``koopbis``: a bare ``--version`` is answered here, everything else by :mod:`.program`.

    The version needs neither the log file, nor the parser, nor the command modules: loading
    them took two thirds of that start.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:
        import koopbis_desktop

        print(f"koopbis {koopbis_desktop.__version__}")
        return 0
    from koopbis_desktop.cli.program import main as run

    return run(arguments)


__all__ = ["main"]
