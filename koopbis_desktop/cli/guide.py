"""``koopbis guide``: the user guide (Kullanıcı Kılavuzu) as a PDF to print or e-mail."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from koopbis_desktop.cli.common import EXIT_OK, EXIT_USAGE, CliError
from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.i18n import tx


def cmd_guide(args: argparse.Namespace) -> int:
    if not args.pdf:
        raise CliError(
            tx("Kılavuzun yazılacağı PDF dosyasını verin: koopbis guide --pdf kilavuz.pdf"), EXIT_USAGE
        )
    from koopbis_desktop.services import guide

    path = guide.write_guide_pdf(Path(args.pdf), i18n.language())
    print(tx("Kullanıcı kılavuzu yazıldı: {path}").format(path=path))
    return EXIT_OK


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``guide`` to ``koopbis``'s sub-commands."""
    p = sub.add_parser("guide", parents=[common], help=tx("kullanıcı kılavuzunu PDF olarak yaz"))
    p.add_argument(
        "--pdf", metavar=tx("DOSYA"), help=tx("yazılacak PDF dosyası (A4, içindekiler ve sayfa numaralı)")
    )
    # No --lang of its own: the guide is in the command's language (the common --lang, KOOPBIS_LANG,
    # the setting); a language without a guide gets the Turkish one.
    p.set_defaults(func=cmd_guide)
