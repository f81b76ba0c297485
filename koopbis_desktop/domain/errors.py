"""The one root of every project error, as Anki's ``anki.errors`` is.

Each error carries a Turkish sentence a person can act on (``message``) and the
exit code the ``koopbis`` command line ends with (``exit_code``), so the CLI's
``main`` and the desktop's error display are one branch each. ``details()`` adds
the lines that belong under the sentence (per-field problems, rejected rows).
"""

from __future__ import annotations

import errno
from enum import IntEnum

from koopbis_desktop.domain.i18n import tx


class ExitCode(IntEnum):
    """What ``koopbis`` returns; documented in the README's CLI section."""

    OK = 0
    ERROR = 1
    USAGE = 2
    INVALID = 3
    NOT_PERMITTED = 4
    NOT_FOUND = 5


class KoopbisError(Exception):
    """A refused or failed operation with a Turkish sentence for the person.

    Subclasses set ``exit_code`` as a class attribute; a single raise may
    override it (``KoopbisError("…", exit_code=ExitCode.USAGE)``).
    """

    exit_code: int = ExitCode.ERROR
    #: Whether the failure is a condition worth a WARNING in the log (machine,
    #: disk, database) rather than a person's ordinary mistake.
    log_warning: bool = False

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code

    def details(self) -> list[str]:
        """Lines shown under the message (each already in Turkish); none by default."""
        return []


def write_refused_reason(exc: OSError) -> str:
    """Why a file could not be written, in words that say what to do next.

    The commonest case in an office: the previous export or printout of the same name is
    still open in Excel or a PDF viewer, which on Windows holds the file ("Permission
    denied" in English, and nothing about closing it).
    """
    if isinstance(exc, PermissionError):
        return tx(
            "dosya başka bir programda (Excel, PDF görüntüleyici) açık ya da bu klasöre yazma izniniz yok; "
            "dosyayı kapatıp yeniden deneyin ya da başka bir ad verin"
        )
    if exc.errno == errno.ENOSPC:
        return tx("diskte yer kalmadı; yer açıp yeniden deneyin")
    return str(exc.strerror or exc)


def read_refused_reason(exc: OSError) -> str:
    """Why a file could not be read, in Turkish (the system's own words are English)."""
    if isinstance(exc, IsADirectoryError):
        return tx("bu bir klasör, dosya değil; dosyanın kendisini verin")
    if isinstance(exc, FileNotFoundError):
        return tx("böyle bir dosya yok; yolunu denetleyin")
    if isinstance(exc, PermissionError):
        return tx("dosyayı okuma izniniz yok ya da dosya başka bir programda açık")
    return str(exc.strerror or exc)


__all__ = ["ExitCode", "KoopbisError", "read_refused_reason", "write_refused_reason"]
