"""Which spreadsheet format a file is, and which date system a workbook counts in.

The shared reader (:mod:`services.spreadsheet`) asks here before it opens a
file: the first bytes decide (a zip is an .xlsx, .xlsm, .xlsb or .ods by its
parts; the compound file of Excel 97-2003 an .xls; anything else text), the
name only says what a damaged file was meant to be. Refusals are
:class:`FormatRefused` with a Turkish sentence whose advice an office of 2015
can follow (:func:`save_advice`); the reader turns them into its own errors.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import tx


class FormatRefused(KoopbisError):
    """The file is not (or no longer) the spreadsheet its name or first bytes promise."""

    exit_code = ExitCode.INVALID


class FileFormat(StrEnum):
    """What a file is, decided from its first bytes (its name only when they cannot tell)."""

    XLSX = "xlsx"
    XLSM = "xlsm"
    XLSB = "xlsb"
    XLS = "xls"
    ODS = "ods"
    TEXT = "csv"


def format_label(file_format: FileFormat) -> str:
    """What a format is called to the person ("Excel 97-2003 çalışma kitabı (.xls)")."""
    labels = {
        FileFormat.XLSX: tx("Excel çalışma kitabı (.xlsx)"),
        FileFormat.XLSM: tx("Excel makrolu çalışma kitabı (.xlsm)"),
        FileFormat.XLSB: tx("Excel ikili çalışma kitabı (.xlsb)"),
        FileFormat.XLS: tx("Excel 97-2003 çalışma kitabı (.xls)"),
        FileFormat.ODS: tx("OpenDocument hesap tablosu (.ods)"),
        FileFormat.TEXT: tx("metin dosyası (CSV)"),
    }
    return labels[file_format]


_SUFFIX_FORMATS = {
    ".xlsx": FileFormat.XLSX,
    ".xlsm": FileFormat.XLSM,
    ".xlsb": FileFormat.XLSB,
    ".xls": FileFormat.XLS,
    ".ods": FileFormat.ODS,
    ".csv": FileFormat.TEXT,
    ".txt": FileFormat.TEXT,
    ".tsv": FileFormat.TEXT,
}
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the compound file of Excel 97-2003 (.xls)
_PDF_MAGIC = b"%PDF"  # a PDF: a printed list, not a spreadsheet


def save_advice() -> str:
    """What every refusal of an unreadable file advises: what Excel 2007/2010 and the
    LibreOffice of 2015 can save, not the "CSV UTF-8" Excel only has since 2016."""
    return tx(
        "Dosyayı Excel'de açıp Farklı Kaydet → 'Excel Çalışma Kitabı (*.xlsx)' ya da 'Excel 97-2003 "
        "Çalışma Kitabı (*.xls)' seçerek, LibreOffice'te 'Farklı Kaydet → ODF Hesap Tablosu (.ods)' "
        "ya da 'Excel 97-2003 (.xls)' seçerek yeniden kaydedin."
    )


def password_advice() -> str:
    """A workbook saved with Excel's "Parola ile Şifrele" or LibreOffice's "Parola ile kaydet"."""
    return tx(
        "Dosya parolayla korunuyor. Excel'de açıp Dosya → Bilgi → Çalışma Kitabını Koru → Parola ile "
        "Şifrele'deki parolayı silerek, LibreOffice'te Farklı Kaydet'te 'Parola ile kaydet' işaretini "
        "kaldırarak yeniden kaydedin."
    )


def word_refusal() -> str:
    return tx(
        "Dosya bir Word belgesi: içindeki tablo okunamaz. Tabloyu Excel'e kopyalayıp Excel Çalışma "
        "Kitabı (.xlsx) olarak kaydedin."
    )


def presentation_refusal() -> str:
    return tx(
        "Dosya bir PowerPoint sunusu: içindeki tablo okunamaz. Tabloyu Excel'e kopyalayıp Excel Çalışma "
        "Kitabı (.xlsx) olarak kaydedin."
    )


def mail_refusal() -> str:
    return tx(
        "Dosya bir Outlook e-postası (.msg), listenin kendisi değil. E-postayı Outlook'ta açıp ekindeki "
        "listeyi (Excel ya da CSV dosyası) bir klasöre kaydedin ve onu seçin."
    )


#: What a compound file that is not an Excel workbook holds, by a stream only that program writes.
_COMPOUND_KINDS: tuple[tuple[str, Callable[[], str]], ...] = (
    # An .xlsx (or .docx) encrypted with a password is this container around the encrypted zip.
    ("EncryptedPackage", password_advice),
    ("WordDocument", word_refusal),  # Word 97-2003 (.doc)
    ("PowerPoint Document", presentation_refusal),  # PowerPoint 97-2003 (.ppt)
    ("__properties_version1.0", mail_refusal),  # an Outlook message saved from the mailbox
)


def compound_file_refusal(path: Path) -> str | None:
    """What a compound file (the container of .xls) that Excel's reader could not open is, if not a workbook.

    Word 97-2003, PowerPoint 97-2003 and Outlook's saved messages share the .xls files' container
    (the same first bytes), and so does an .xlsx encrypted with a password; an .xls encrypted
    with a password is a workbook whose records are encrypted after its first. The workbook
    reader tells formats by content and takes each of them for no workbook at all. The sentence
    naming the one ``path`` is, or None for anything else (a damaged workbook, an unreadable
    container), which keeps the reader's own refusal.
    """
    import olefile  # only for a compound file the workbook reader refused

    try:
        with olefile.OleFileIO(str(path)) as container:
            streams = {"/".join(entry) for entry in container.listdir(streams=True, storages=False)}
            workbook = next((name for name in ("Workbook", "Book") if name in streams), None)
            head = container.openstream(workbook).read(_BIFF_HEAD) if workbook is not None else b""
    except Exception:  # a damaged container (olefile: OSError, ValueError, struct's errors…) names nothing
        return None
    if workbook is not None:  # an Excel 97-2003 workbook: encrypted, or damaged
        return password_advice() if _encrypted_biff(head) else None
    for stream, refusal in _COMPOUND_KINDS:
        if stream in streams:
            return refusal()
    return None


_BIFF_HEAD = 64 * 1024  # the workbook's first records: its FILEPASS follows its first BOF
_BIFF_FILEPASS = 0x002F
_BIFF_EOF = 0x000A


def _encrypted_biff(data: bytes) -> bool:
    """Whether an Excel 97-2003 workbook stream's globals carry a FILEPASS record (encrypted)."""
    position = 0
    while position + 4 <= len(data):
        kind, size = struct.unpack_from("<HH", data, position)
        if kind == _BIFF_FILEPASS:
            return True
        if kind == _BIFF_EOF:
            return False
        position += 4 + size
    return False


def unreadable(exc: OSError) -> str:
    """Why a file could not be read, in words a clerk can act on.

    Windows refuses to share a file Excel holds open (a CSV above all) as it refuses one
    without read permission: both arrive as PermissionError, whose own words are the
    system's ("Permission denied", in English).
    """
    if isinstance(exc, PermissionError):
        return tx(
            "Dosya okunamadı: başka bir programda (ör. Excel'de) açık ya da bu dosyayı okuma izniniz yok. "
            "Dosyayı Excel'de kapatıp yeniden deneyin."
        )
    return tx("Dosya okunamadı ({v}).").format(v=exc.strerror or exc)


def file_format_of(path: Path) -> FileFormat:
    """The format of ``path`` from its first bytes; its suffix names what a damaged file was meant to be."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise FormatRefused(unreadable(exc)) from exc
    named = _SUFFIX_FORMATS.get(path.suffix.lower())
    if magic == _PDF_MAGIC:
        raise FormatRefused(
            tx(
                "Dosya bir PDF belgesi: PDF'teki tablo okunamaz. Listeyi Excel (.xlsx) ya da CSV dosyası "
                "olarak isteyin."
            )
        )
    if magic == _OLE_MAGIC:
        return FileFormat.XLS
    if magic == _ZIP_MAGIC:
        return _zip_format(path, named)
    if named is None or named is FileFormat.TEXT:
        return FileFormat.TEXT
    if not magic:
        raise FormatRefused(tx("Dosya boş."))
    if named is FileFormat.XLS:
        raise FormatRefused(
            tx(
                "Dosya .xls uzantılı ama bir Excel 97-2003 çalışma kitabı değil (bir web sayfası ya da metin olabilir). {SAVE_ADVICE}"
            ).format(SAVE_ADVICE=save_advice()),
        )
    if named in (FileFormat.XLSX, FileFormat.XLSM):
        raise FormatRefused(
            tx("Dosya geçerli bir Excel (.xlsx) dosyası değil. {SAVE_ADVICE}").format(
                SAVE_ADVICE=save_advice()
            )
        )
    raise FormatRefused(
        tx("Dosya geçerli bir {what} dosyası değil. {SAVE_ADVICE}").format(
            what=format_label(named), SAVE_ADVICE=save_advice()
        )
    )


_ODF_MANIFEST = "META-INF/manifest.xml"


def _zip_format(path: Path, named: FileFormat | None) -> FileFormat:
    # .xlsx, .xlsm, .xlsb and .ods are all zip files; their parts tell them apart.
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
            # LibreOffice's "Parola ile kaydet": the parts are encrypted, the manifest says how.
            manifest = (
                archive.read(_ODF_MANIFEST) if b"opendocument" in mimetype and _ODF_MANIFEST in names else b""
            )
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return named if named is not None and named is not FileFormat.TEXT else FileFormat.XLSX
    if b"encryption-data" in manifest:
        raise FormatRefused(password_advice())
    if b"opendocument.spreadsheet" in mimetype:
        return FileFormat.ODS
    if "word/document.xml" in names or b"opendocument.text" in mimetype:
        raise FormatRefused(word_refusal())
    if "ppt/presentation.xml" in names or b"opendocument.presentation" in mimetype:
        raise FormatRefused(presentation_refusal())
    if "xl/workbook.bin" in names:
        return FileFormat.XLSB
    if named is FileFormat.XLSM:
        return FileFormat.XLSM
    return FileFormat.XLSX


# ------------------------------------------------------------------ 1904 date system

_XLS_DATEMODE_1904 = b"\x22\x00\x02\x00\x01\x00\x0e\x00\x02\x00"  # DATEMODE=1, then PRECISION


def uses_1904_dates(path: Path, file_format: FileFormat) -> bool:
    """Whether the workbook counts dates from 1904 (Excel for Mac's date system).

    Calamine converts cells formatted as dates itself; this is for a date typed
    into a cell formatted as a number, which arrives as a bare serial number.
    A damaged file gives False here; opening it refuses it.
    """
    try:
        if file_format in (FileFormat.XLSX, FileFormat.XLSM):
            with zipfile.ZipFile(path) as archive:
                workbook = archive.read("xl/workbook.xml")[:20_000]
            return re.search(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(?:1|true)\"", workbook) is not None
        if file_format is FileFormat.ODS:
            with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
                head = content.read(200_000)  # the calculation settings precede the tables
            return re.search(rb"table:null-date\b[^>]*table:date-value=\"1904-01-01\"", head) is not None
        if file_format is FileFormat.XLSB:
            with zipfile.ZipFile(path) as archive:
                return _xlsb_1904(archive.read("xl/workbook.bin")[:20_000])
        if file_format is FileFormat.XLS:
            # The DATEMODE record sits among the first records of the workbook stream,
            # always followed by PRECISION: the pair is specific enough to find by its bytes.
            with path.open("rb") as handle:
                return _XLS_DATEMODE_1904 in handle.read(64 * 1024)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError):
        return False  # a damaged file is refused when it is opened
    return False


_BRT_WB_PROP = 0x99  # the workbook properties record of an .xlsb; bit 0 of its flags: f1904


def _xlsb_1904(data: bytes) -> bool:
    # The records of xl/workbook.bin: a type (1-2 bytes) and a size (1-4 bytes), each
    # seven bits a byte, low first; the properties come among the first few records.
    pos = 0
    while pos < len(data):
        record, pos = _varint(data, pos, 2)
        size, pos = _varint(data, pos, 4)
        if record == _BRT_WB_PROP:
            return bool(data[pos] & 1)
        pos += size
    return False


def _varint(data: bytes, pos: int, limit: int) -> tuple[int, int]:
    value = shift = 0
    for _ in range(limit):
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            break
    return value, pos


__all__ = [
    "FileFormat",
    "FormatRefused",
    "file_format_of",
    "format_label",
    "save_advice",
    "uses_1904_dates",
]
