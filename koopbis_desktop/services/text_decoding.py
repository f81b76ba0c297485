"""Reading the text files a 2015 office saves: which encoding, which delimiter.

Turkish Excel 2007/2010 saves "CSV (virgülle ayrılmış)" in Windows-1254 with
semicolons, "Unicode metin" as UTF-16 with tabs; LibreOffice asks and usually
writes UTF-8; Excel 2016 and later add "CSV UTF-8" with a BOM. The order of the
guesses follows that: a BOM decides, then strict UTF-8, then Windows-1254 (whose
Turkish letters ISO-8859-9 shares; the two differ only in bytes 0x80–0x9F, where
ISO-8859-9 has control characters no spreadsheet writes). A Windows-1254 reading
must look like Turkish: a file from another code page (Cyrillic, Greek, a
double-encoded UTF-8) decodes without error but into letters no Turkish list
holds, and is refused rather than imported as mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import tx

#: Letters a Turkish list holds beyond ASCII: the Turkish alphabet, the circumflexed
#: vowels of loan words (kâtip, hâkim) and the Western letters of foreign names.
TURKISH_LETTERS = frozenset("çğıöşüÇĞİÖŞÜâîûÂÎÛéÉ")
#: Punctuation Windows-1254 writes above ASCII that a list may hold: typographic
#: quotes and dashes Word/Excel substitute, the euro and degree signs, a no-break space.
EXPECTED_SYMBOLS = frozenset("\u00a0‘’“”–—…€°²³·´¨«»§½¼¾×")
#: Share of non-ASCII letters that must be Turkish ones for a Windows-1254 reading.
PLAUSIBLE_SHARE = 0.8

DELIMITERS = (";", ",", "\t")


def encoding_label(encoding: str) -> str:
    """How the encoding ``encoding`` (a codec name) is named to a person (dry run, audit row)."""
    labels = {
        "utf-8-sig": tx("UTF-8 (BOM'lu)"),
        "utf-8": "UTF-8",
        "utf-16": tx("UTF-16 (Unicode metin)"),
        "cp1254": tx("Windows-1254 (Türkçe)"),
    }
    return labels.get(encoding, encoding)


# The labels in Turkish whatever the interface language: what an audit row keeps.
_TURKISH_LABELS = {
    "utf-8-sig": "UTF-8 (BOM'lu)",
    "utf-8": "UTF-8",
    "utf-16": "UTF-16 (Unicode metin)",
    "cp1254": "Windows-1254 (Türkçe)",
}


def turkish_encoding_label(label: str) -> str:
    """The Turkish of an :func:`encoding_label` given in the interface's language (audit rows
    hold Turkish, as before the labels were translated); anything else as it is."""
    for encoding, turkish in _TURKISH_LABELS.items():
        if label in (turkish, encoding_label(encoding)):
            return turkish
    return label


def _save_advice() -> str:
    return tx(
        "Dosyayı Excel'de açıp Farklı Kaydet → 'Unicode metin (*.txt)' ya da 'Excel Çalışma Kitabı "
        "(*.xlsx)' seçerek, LibreOffice'te 'Karakter kümesi: Türkçe (Windows-1254)' ya da "
        "'Unicode (UTF-8)' seçerek yeniden kaydedin."
    )


class EncodingUndecided(KoopbisError):
    """The bytes of a text file cannot be read as Turkish text in any encoding we know."""

    exit_code = ExitCode.INVALID


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # a Python codec name: "utf-8-sig", "utf-8", "utf-16", "cp1254"

    @property
    def label(self) -> str:
        return encoding_label(self.encoding)


def decode(data: bytes, source: str = "dosya") -> DecodedText:
    """The text of ``data`` and the encoding it was written in; refuse what cannot be decided."""
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(_strict(data[len(codecs.BOM_UTF8) :], "utf-8", source), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # The "utf-16" codec reads the BOM and drops it.
        return DecodedText(_strict(data, "utf-16", source), "utf-16")
    if b"\x00" in data[:4096]:
        return DecodedText(_utf16_without_bom(data, source), "utf-16")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1254")
    except UnicodeDecodeError:
        # The five bytes Windows-1254 leaves undefined: not a Turkish Windows file.
        raise EncodingUndecided(
            tx(
                "{source}: kodlaması anlaşılamadı (UTF-8 de Türkçe Windows-1254 de değil). {SAVE_ADVICE}"
            ).format(source=source, SAVE_ADVICE=_save_advice())
        ) from None
    _check_plausible(text, source)
    return DecodedText(text, "cp1254")


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingUndecided(
            tx(
                "{source}: dosyanın başı {v} diyor ama {start}. baytta bu kodlamaya uymayan bir bayt var; dosya yarım ya da bozuk olabilir. {SAVE_ADVICE}"
            ).format(source=source, v=encoding_label(encoding), start=exc.start, SAVE_ADVICE=_save_advice())
        ) from None


def _utf16_without_bom(data: bytes, source: str) -> str:
    # Text in UTF-16 has a zero byte beside nearly every ASCII character: on the odd
    # positions for little-endian, on the even ones for big-endian.
    head = data[:4096]
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    if max(odd, even) < len(head) // 4:
        raise EncodingUndecided(
            tx(
                "{source}: dosyada metin dosyasında olmayacak sıfır baytlar var; bu bir metin (CSV) dosyası değil gibi görünüyor. {SAVE_ADVICE}"
            ).format(source=source, SAVE_ADVICE=_save_advice())
        )
    return _strict(data, encoding, source)


def _check_plausible(text: str, source: str) -> None:
    high = [ch for ch in text if ord(ch) > 0x7F]
    letters = [ch for ch in high if ch.isalpha()]
    foreign = [ch for ch in letters if ch not in TURKISH_LETTERS]
    controls = [ch for ch in high if not ch.isprintable() and ch != "\u00a0"]
    if controls or len(foreign) > len(letters) * (1 - PLAUSIBLE_SHARE):
        sample = "".join(dict.fromkeys(foreign or controls))[:12]
        raise EncodingUndecided(
            tx(
                "{source}: kodlaması güvenle anlaşılamadı; Türkçe olarak okunduğunda Türkçede olmayan harfler çıkıyor ({sample!r}). Dosya başka bir dilin kodlamasıyla kaydedilmiş olabilir. {SAVE_ADVICE}"
            ).format(source=source, sample=sample, SAVE_ADVICE=_save_advice())
        )


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a CSV header line: ``;``, ``,`` or tab, whichever separates most.

    Quoted parts are skipped ("Adı, Soyadı" is one header). A tie goes to ``;``,
    Turkish Excel's list separator, since the decimal comma makes ``,`` the least
    likely separator in a Turkish file.
    """
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in header_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"


__all__ = ["DecodedText", "EncodingUndecided", "decode", "sniff_delimiter"]
