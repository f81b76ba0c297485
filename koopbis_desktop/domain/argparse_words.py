"""argparse's own words — ``usage:``, ``options:``, ``-h``'s help, its usage errors — in the program's language.

argparse takes them from gettext's default domain, for which this program installs no
catalogue, so they were English beside the Turkish help texts. In Turkish these stand in
their place; a message this table does not know (a newer Python's) stays English. The
``koopbis`` CLI calls :func:`use_language` once the command's language is chosen, and
``koopbis-desktop`` (whose help is Turkish) with Turkish, each before its parser is built
(argparse reads the group titles and ``-h``'s help when a parser is made). English gives
gettext's own functions back, so one process may run commands in either language.
"""

from __future__ import annotations

import argparse
import gettext

TURKISH: dict[str, str] = {
    "usage: ": "kullanım: ",
    "positional arguments": "argümanlar",
    "options": "seçenekler",
    "subcommands": "alt komutlar",
    "show this help message and exit": "bu yardımı göster ve çık",
    "show program's version number and exit": "sürümü yaz ve çık",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "şu argümanlar gerekli: %s",
    "one of the arguments %s is required": "şu argümanlardan biri gerekli: %s",
    "unrecognized arguments: %s": "tanınmayan argümanlar: %s",
    "not allowed with argument %s": "%s ile birlikte kullanılamaz",
    "ignored explicit argument %r": "verilen değer kullanılmadı: %r",
    "expected one argument": "bir değer bekleniyordu",
    "expected at most one argument": "en çok bir değer bekleniyordu",
    "expected at least one argument": "en az bir değer bekleniyordu",
    "ambiguous option: %(option)s could match %(matches)s": (
        "belirsiz seçenek: %(option)s şunlardan biri olabilir: %(matches)s"
    ),
    "unexpected option string: %s": "beklenmeyen seçenek: %s",
    "invalid %(type)s value: %(value)r": "geçersiz %(type)s değeri: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "geçersiz seçim: %(value)r (şunlardan biri olmalı: %(choices)s)"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "bilinmeyen komut: %(parser_name)r (şunlardan biri olmalı: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "'%(filename)s' açılamadı: %(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: hata: %(message)s\n",
}

#: ngettext's (singular, plural) → one Turkish form (Turkish does not inflect a noun after a number).
TURKISH_COUNTED: dict[tuple[str, str], str] = {
    ("expected %s argument", "expected %s arguments"): "%s değer bekleniyordu",
}


def _turkish(message: str) -> str:
    return TURKISH.get(message, message)


def _turkish_counted(singular: str, plural: str, n: int) -> str:
    counted = TURKISH_COUNTED.get((singular, plural))
    if counted is not None:
        return counted
    return gettext.ngettext(singular, plural, n)


def use_language(language: str) -> None:
    """argparse's words in ``language`` ("tr" or "en") for the parsers made from now on."""
    turkish = language == "tr"
    setattr(argparse, "_", _turkish if turkish else gettext.gettext)  # noqa: B010
    setattr(argparse, "ngettext", _turkish_counted if turkish else gettext.ngettext)  # noqa: B010


__all__ = ["TURKISH", "TURKISH_COUNTED", "use_language"]
