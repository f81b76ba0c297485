"""Reading the spreadsheets people hand in: workbooks and text files as rows of cells.

Both importers — the offline snapshot (:mod:`services.snapshot_import`) and the
member lists (:mod:`services.member_import`) — read their files here, so a file
is read alike whichever importer gets it, and a refusal reads alike too
(:class:`SpreadsheetError`: file, line, column and a Turkish sentence).

* :func:`open_sheets` opens a file and hands out its :class:`Sheet` s (one for a
  CSV, one per worksheet for a workbook): .xlsx, .xlsm, .xlsb, .xls and .ods
  (calamine; openpyxl for .xlsx on request), CSV/TXT in the encoding
  :mod:`services.text_decoding` decides. Which format a file is, and its date
  system, :mod:`services.spreadsheet_formats` says; accepting another format or
  encoding is a change there and in ``_open_book``/``_decode_text``, nowhere else;
* :func:`header_key` is how a header cell is matched (Turkish folding,
  punctuation and spaces dropped);
* :func:`cell_text`, :func:`display_text`, :func:`identity_text` and
  :func:`excel_date` undo what spreadsheets do to values: a TCKN Excel stored as
  the float 1.0000000146E10 becomes "10000000146" again, a date arrives as a
  date cell, an Excel serial number or "02.03.2015" text.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.text import fold, nfc
from koopbis_desktop.domain.validators import decimal_written_digits
from koopbis_desktop.services.spreadsheet_formats import (
    FileFormat,
    FormatRefused,
    compound_file_refusal,
    file_format_of,
    format_label,
    password_advice,
    save_advice,
    unreadable,
    uses_1904_dates,
)
from koopbis_desktop.services.text_decoding import DecodedText, EncodingUndecided, decode, sniff_delimiter
from koopbis_desktop.store.errors import StoreError

MAX_LISTED_ERRORS = 50


class SpreadsheetError(StoreError):
    """A file was refused; nothing was imported.

    ``errors`` lists ``(file, line_no, column, message)``; line 0 means the whole file.
    """

    exit_code = ExitCode.INVALID

    def __init__(self, message: str, errors: Sequence[tuple[str, int, str, str]] = ()) -> None:
        super().__init__(message)
        self.errors: list[tuple[str, int, str, str]] = list(errors)

    def details(self) -> list[str]:
        """One Turkish line per listed error: file, line, column, message.

        A refusal of the whole file is its message already; it is not listed again under it.
        """
        lines = []
        for source, line_no, column, text in self.errors[:MAX_LISTED_ERRORS]:
            where = f"{source}, satır {line_no}" if line_no else source
            if column:
                where += f", '{column}' sütunu"
            line = f"{where}: {text}"
            if line != self.message:
                lines.append(line)
        return lines

    def to_json(self) -> list[dict[str, Any]]:
        """The listed errors as JSON objects: file, line (0: the whole file), column, message."""
        return [
            {"file": source, "line": line_no, "column": column or None, "message": text}
            for source, line_no, column, text in self.errors
        ]

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {line}" for line in self.details())])


def file_error(source: str, message: str) -> SpreadsheetError:
    """A refusal of the whole file (line 0)."""
    return SpreadsheetError(f"{source}: {message}", [(source, 0, "", message)])


@contextmanager
def refused_as(kind: type[SpreadsheetError]) -> Iterator[None]:
    """Re-raise the reader's refusals as ``kind``, the importer's own error."""
    try:
        yield
    except kind:
        raise
    except SpreadsheetError as exc:
        raise kind(exc.message, exc.errors) from exc


# ------------------------------------------------------------------ cells


def header_key(text: object) -> str:
    """A header cell reduced for matching: folded, punctuation and spaces removed."""
    return re.sub(r"[^0-9a-z]", "", fold(str(text if text is not None else "")))


def cell_text(value: Any) -> str:
    """A cell as text for parsing: whole floats without ".0", datetimes as ISO dates; text
    composed (NFC), as a Mac's decomposed "Ş" must not reach the store."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return nfc(str(value).strip())


def display_text(value: Any) -> str:
    """A cell as a person reads it: whole floats without ".0", dates as GG.AA.YYYY."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, date):  # a datetime too
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_SCIENTIFIC = re.compile(r"^[+]?(\d+)(?:[.,](\d+))?[eE][+]?\d+$")
#: Significant digits a scientific number must spell to be a whole 10/11-digit TCKN/VKN (a
#: writer may drop one trailing zero). Excel's "Genel" format writes at most six ("1,23457E+10")
#: into a CSV: the rest are lost, and the zeros in their place pass the TCKN checksum one time
#: in fifty, the VKN's one in ten.
_EXACT_SCIENTIFIC_DIGITS = 10


def number_cell_digits(value: Any) -> str | None:
    """The digits of a whole number a cell holds as a number, else None.

    A number cell (int, or a float of a whole number: calamine gives every number so)
    and text a program wrote from one ("12345678901.0", the validators' own rule). Such a
    number has lost its leading zeros; what a field makes of that is the caller's.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else None
    compact = str(value).strip().lstrip("'").replace(" ", "").replace("\u00a0", "")
    return decimal_written_digits(compact)


def identity_text(value: Any) -> Any:
    """A TCKN/VKN cell: numbers Excel made of it turned back into its digit string.

    A number Excel shortened ("1,23457E+10") is returned as written: its last digits
    are gone, and the validator refuses it saying so.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    digits = number_cell_digits(value)
    if digits is None:
        text = str(value).strip().lstrip("'").strip()
        compact = text.replace(" ", "").replace("\u00a0", "")
        digits = _scientific_digits(compact)
        if digits is None:
            if not (len(compact) == 9 and compact.isascii() and compact.isdigit()):
                return text
            digits = compact  # a CSV Excel saved writes the number it made, as text
    # A VKN typed as a number loses its leading zero: 9 digits can only be that.
    return digits.zfill(10) if len(digits) == 9 else digits


def identity_zero_added(value: Any) -> str | None:
    """What :func:`identity_text` made of ``value`` when that was nine digits given a leading zero, else None.

    Nine digits are read as a VKN whose zero Excel dropped, the usual case; a VKN typed with
    one digit missing reads the same way and then passes its checksum one time in ten, so a
    preview says which numbers got their zero (a person compares them with the document).
    """
    digits = identity_text(value)
    if not (isinstance(digits, str) and len(digits) == 10 and digits.startswith("0") and digits.isdigit()):
        return None
    written = str(value).strip().lstrip("'").strip()
    return None if written.startswith("0") else digits


def _scientific_digits(compact: str) -> str | None:
    """The digits of a whole number written in scientific notation with all of them; else None."""
    scientific = _SCIENTIFIC.match(compact)
    if not scientific:
        return None
    whole, fraction = scientific.group(1), scientific.group(2) or ""
    if len((whole + fraction).lstrip("0")) < _EXACT_SCIENTIFIC_DIGITS:
        return None
    try:
        number = Decimal(compact.replace(",", "."))
    except InvalidOperation:
        return None
    if number != number.to_integral_value():
        return None
    return str(int(number))


_EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_EPOCH_1904 = datetime(1904, 1, 1)


def excel_date(value: Any, *, date_1904: bool = False) -> Any:
    """A date cell: a date/datetime, an Excel serial number (as a number or text), or text.

    ``date_1904``: the serial counts from 01.01.1904, as in a workbook made by Excel for Mac.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    serial: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        serial = float(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*\d{5}(?:[.,]0+)?\s*", value):
        serial = float(value.strip().replace(",", "."))
    if serial is not None and 1 <= serial < 2_958_466:
        if date_1904:
            return (_EXCEL_EPOCH_1904 + timedelta(days=int(serial))).date()
        # 1900 date system; Excel's fictitious 29.02.1900 only shifts serials below 61.
        return (_EXCEL_EPOCH + timedelta(days=int(serial))).date()
    return display_text(value) if not isinstance(value, str) else value.strip()


# ------------------------------------------------------------------ files


def _delimiter_name(delimiter: str) -> str:
    names = {";": tx("noktalı virgül (;)"), ",": tx("virgül (,)"), "\t": tx("sekme")}
    return names.get(delimiter, delimiter)


@dataclass
class Sheet:
    """Rows of one table as read from a file: (line number, cells), header first.

    ``date_1904``: the workbook counts its dates from 1904 (Excel for Mac), so a
    date that arrives as a bare number is read with :func:`excel_date` in that system.
    """

    source: str
    rows: Iterator[tuple[int, list[Any]]]
    date_1904: bool = False


class Engine(StrEnum):
    """How an .xlsx/.xlsm is read; every other workbook format is calamine's.

    Both give cell values only (cached formula results).
    """

    OPENPYXL = "openpyxl"  # ints as ints, dates as datetime
    CALAMINE = "calamine"  # about ten times faster; every number a float, empty cells ""


class Workbook(Protocol):
    source: str

    def sheet(self, names: Sequence[str], *, fallback_first: bool) -> Sheet | None:
        """The worksheet named like one of ``names`` (compared by :func:`header_key`)."""

    def close(self) -> None: ...


class Sheets:
    """An opened file: a CSV (one sheet, whatever its name) or a workbook.

    ``encoding`` names the text encoding a CSV was read in (empty for a
    workbook); :attr:`reading` says in one Turkish phrase how the file was read,
    for the dry run and the import's audit row.
    """

    def __init__(
        self,
        source: str,
        csv_sheet: Sheet | None,
        book: Workbook | None,
        *,
        file_format: FileFormat = FileFormat.TEXT,
        encoding: str = "",
        delimiter: str = "",
    ) -> None:
        self.source = source
        self._csv = csv_sheet
        self.book = book
        self.file_format = file_format
        self.encoding = encoding
        self.delimiter = delimiter

    @property
    def reading(self) -> str:
        if self.book is not None:
            return format_label(self.file_format)
        return tx("CSV, {encoding}, ayırıcı {delimiter}").format(
            encoding=self.encoding, delimiter=_delimiter_name(self.delimiter)
        )

    def sheet(self, names: Sequence[str] = (), *, fallback_first: bool = True) -> Sheet | None:
        if self.book is None:
            return self._csv
        return self.book.sheet(names, fallback_first=fallback_first)

    def close(self) -> None:
        if self.book is not None:
            self.book.close()


def open_sheets(path: Path, engine: Engine = Engine.CALAMINE) -> Sheets:
    """Open ``path`` for reading; refuses (:class:`SpreadsheetError`) what cannot be read.

    Accepted: .xlsx, .xlsm, .xlsb, .xls, .ods (read by calamine; an .xlsx/.xlsm
    by openpyxl when ``engine`` says so) and text files (.csv, .txt) in any
    encoding :mod:`services.text_decoding` can decide.
    """
    source = path.name
    if not path.is_file():
        raise file_error(source, f"Dosya bulunamadı: {path}")
    try:
        file_format = file_format_of(path)
    except FormatRefused as exc:
        raise file_error(source, exc.message) from exc
    if file_format is FileFormat.TEXT:
        decoded, delimiter = _decode_text(path, source)
        return Sheets(
            source,
            _csv_sheet(decoded.text, delimiter, source),
            None,
            encoding=decoded.label,
            delimiter=delimiter,
        )
    return Sheets(source, None, _open_book(path, source, file_format, engine), file_format=file_format)


#: The lock file an office program keeps beside a file it has open (``{name}``: the file's name).
_LOCK_FILES = (("~${name}", "Excel"), (".~lock.{name}#", "LibreOffice"))


def open_elsewhere(path: Path) -> str:
    """The office program that has ``path`` open now ("Excel", "LibreOffice"), or "".

    Told by the lock file it keeps beside the file while it is open: Excel's ``~$Liste.xlsx``
    (a CSV's too), LibreOffice's ``.~lock.Liste.xlsx#``. What was typed there and not saved
    is not in the file: a person who corrected the list without saving would read the same
    refusal again. A lock file left behind by a program that crashed reads the same; the
    notice then asks for a save that changes nothing.
    """
    for pattern, program in _LOCK_FILES:
        try:
            if path.with_name(pattern.format(name=path.name)).is_file():
                return program
        except OSError:  # a folder that cannot be listed: nothing to tell
            continue
    return ""


def open_elsewhere_notice(path: Path) -> str:
    """:func:`open_elsewhere` as a sentence to show beside what was read ("" when not open)."""
    program = open_elsewhere(path)
    if not program:
        return ""
    return tx(
        "«{name}» şu anda {program} programında açık: orada kaydetmediğiniz değişiklikler okunmadı. "
        "Önce {program} programında kaydedin (Ctrl+S), sonra dosyayı yeniden okutun."
    ).format(name=path.name, program=program)


def told(exc: SpreadsheetError, notice: str) -> SpreadsheetError:
    """``exc`` with ``notice`` (:func:`open_elsewhere_notice`) after its message, when there is one."""
    if notice and notice not in exc.message:
        exc.message = f"{exc.message} {notice}"
    return exc


def _open_book(path: Path, source: str, file_format: FileFormat, engine: Engine) -> Workbook:
    date_1904 = uses_1904_dates(path, file_format)
    if engine is Engine.OPENPYXL and file_format in (FileFormat.XLSX, FileFormat.XLSM):
        return _OpenpyxlBook(path, source, date_1904)
    return _CalamineBook(path, source, file_format, date_1904)


def _unopenable(file_format: FileFormat) -> str:
    # Both sentences spelled out whole, as the user guide's troubleshooting chapter quotes them.
    if file_format is FileFormat.ODS:
        sentence = tx(
            "OpenDocument dosyası açılamadı ({label}): dosya bozuk ya da başka bir biçimde kaydedilmiş. {SAVE_ADVICE}"
        )
    else:
        sentence = tx(
            "Excel dosyası açılamadı ({label}): dosya bozuk ya da başka bir biçimde kaydedilmiş. {SAVE_ADVICE}"
        )
    return sentence.format(label=format_label(file_format), SAVE_ADVICE=save_advice())


def _unopenable_at(path: Path, file_format: FileFormat) -> str:
    """Why the workbook at ``path`` could not be opened: a workbook saved with a password, or a
    Word or PowerPoint file or an e-mail that shares the .xls files' container, is said to be so."""
    if file_format is FileFormat.XLS:
        refusal = compound_file_refusal(path)
        if refusal is not None:
            return refusal
    return _unopenable(file_format)


# ------------------------------------------------------------------ text files


def _decode_text(path: Path, source: str) -> tuple[DecodedText, str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise file_error(source, unreadable(exc)) from exc
    if not data.strip():
        raise file_error(source, tx("Dosya boş; başlık satırı ve en az bir kayıt olmalı."))
    if _looks_binary(data):
        raise file_error(
            source,
            tx("Dosya bir CSV metin dosyası değil (ikili veri içeriyor). {SAVE_ADVICE}").format(
                SAVE_ADVICE=save_advice()
            ),
        )
    try:
        decoded = decode(data, source)
    except EncodingUndecided as exc:
        message = exc.message.removeprefix(f"{source}: ")
        raise file_error(source, message) from exc
    first_line = next((line for line in decoded.text.splitlines() if line.strip()), "")
    return decoded, sniff_delimiter(first_line)


def _looks_binary(data: bytes) -> bool:
    # Zero bytes belong to UTF-16 text (Excel's "Unicode metin"), one beside nearly every
    # ASCII letter; anywhere else they mark a file that is not text at all.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" not in data:
        return False
    head = data[:4096]
    return max(head[1::2].count(0), head[0::2].count(0)) < len(head) // 4


def read_csv(path: Path, source: str) -> Sheet:
    """A text file's rows: encoding and delimiter (``;``, ``,`` or tab) detected."""
    decoded, delimiter = _decode_text(path, source)
    return _csv_sheet(decoded.text, delimiter, source)


def _csv_sheet(text: str, delimiter: str, source: str) -> Sheet:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as exc:
            message = _csv_error_text(exc)
            raise SpreadsheetError(f"{source}: {message}", [(source, reader.line_num, "", message)]) from exc

    return Sheet(source, rows())


def _csv_error_text(exc: csv.Error) -> str:
    """Python's csv module says what went wrong in English: the same in Turkish, with what to do."""
    said = str(exc)
    if "field larger than field limit" in said:
        # Nearly always a quote never closed: the rest of the file ran into one cell.
        return tx(
            "Bir hücre çok uzun ({limit} karakterden fazla): çoğunlukla kapanmayan bir tırnak işareti "
            "dosyanın devamını tek hücreye katar. Bu satırda ve öncesinde tırnak işaretlerini kontrol "
            "edin ya da dosyayı Excel'de açıp .xlsx olarak kaydedin."
        ).format(limit=f"{csv.field_size_limit():,}".replace(",", "."))
    if "NUL" in said:
        return tx(
            "Satırda boş (NUL) karakter var: dosya düz metin değil ya da bozuk. Listeyi Excel'de açıp "
            "CSV ya da .xlsx olarak yeniden kaydedin."
        )
    return tx("CSV satırı okunamadı; tırnak işaretlerini kontrol edin.")


def _as_excel_shows(cells: list[Any]) -> list[Any]:
    """``cells`` with numbers cut to the 15 significant digits Excel keeps and shows.

    A workbook stores a formula's result with all 17 digits of the double: =F2*0,1 is
    115.00000000000001 and =1000,1+250,2 is 1250.3000000000002 in the file, 115,00 and
    1.250,30 on the clerk's screen. Read as stored, they were refused as amounts with
    more than two kuruş digits and counts that are not whole.
    """
    for index, value in enumerate(cells):
        if type(value) is float and not value.is_integer():
            cells[index] = float(f"{value:.15g}")
    return cells


def _chosen(names: Sequence[str], wanted: Sequence[str], fallback_first: bool) -> str | None:
    keys = {header_key(name) for name in wanted}
    chosen = next((name for name in names if header_key(name) in keys), None)
    if chosen is None and fallback_first and names:
        return names[0]
    return chosen


class _OpenpyxlBook:
    """An XLSX file opened read-only with openpyxl; closed by the importer when done."""

    def __init__(self, path: Path, source: str, date_1904: bool) -> None:
        self.source = source
        self.date_1904 = date_1904
        from openpyxl import load_workbook

        try:
            # openpyxl warns about styles and extensions it ignores; they do not
            # affect the cell values read here, and pytest turns warnings into errors.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.book = load_workbook(path, read_only=True, data_only=True)
        except PermissionError as exc:  # open in Excel, or not ours to read: not a damaged file
            raise file_error(source, unreadable(exc)) from exc
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
            raise file_error(source, _unopenable(FileFormat.XLSX)) from exc
        except Exception as exc:  # openpyxl raises assorted parser errors on bad XML
            raise file_error(
                source,
                tx("Excel dosyası okunamadı ({v}). {SAVE_ADVICE}").format(
                    v=type(exc).__name__, SAVE_ADVICE=save_advice()
                ),
            ) from exc

    def sheet(self, names: Sequence[str], *, fallback_first: bool) -> Sheet | None:
        chosen = _chosen(list(self.book.sheetnames), names, fallback_first)
        if chosen is None:
            return None
        worksheet = self.book[chosen]
        source = f"{self.source} [{chosen}]"

        def rows() -> Iterator[tuple[int, list[Any]]]:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    for number, cells in enumerate(worksheet.iter_rows(values_only=True), 1):
                        yield number, _as_excel_shows(list(cells))
            except SpreadsheetError:
                raise
            except Exception as exc:  # damaged sheet XML inside a valid zip
                raise file_error(
                    source,
                    tx("Excel sayfası okunamadı ({v}). {SAVE_ADVICE}").format(
                        v=type(exc).__name__, SAVE_ADVICE=save_advice()
                    ),
                ) from exc

        return Sheet(source, rows(), self.date_1904)

    def close(self) -> None:
        self.book.close()


class _CalamineBook:
    """A workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) read with python-calamine: cell
    values only, as openpyxl's ``data_only`` read gives them (cached formula
    results, dates as date/datetime in the workbook's own date system).

    Calamine hands every number as a float and an empty cell as "". Rows are
    numbered from the sheet's first row (A1), whatever the first used cell, so
    line numbers match Excel's.
    """

    def __init__(self, path: Path, source: str, file_format: FileFormat, date_1904: bool) -> None:
        self.source = source
        self.date_1904 = date_1904
        import python_calamine

        try:
            # Read from the bytes, not the name: calamine then tells the format by content,
            # so an .xls saved under another extension opens too.
            with path.open("rb") as handle:
                self.book = python_calamine.CalamineWorkbook.from_filelike(handle)
        except python_calamine.PasswordError as exc:
            raise file_error(source, password_advice()) from exc
        except PermissionError as exc:  # open in Excel, or not ours to read: not a damaged file
            raise file_error(source, unreadable(exc)) from exc
        except (python_calamine.CalamineError, OSError, ValueError) as exc:
            raise file_error(source, _unopenable_at(path, file_format)) from exc
        except Exception as exc:  # the Rust reader's other errors on damaged XML
            raise file_error(source, f"{_unopenable_at(path, file_format)} ({type(exc).__name__})") from exc

    def sheet(self, names: Sequence[str], *, fallback_first: bool) -> Sheet | None:
        import python_calamine

        sheet_names = [
            m.name for m in self.book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        chosen = _chosen(sheet_names, names, fallback_first)
        if chosen is None:
            return None
        source = f"{self.source} [{chosen}]"
        try:
            grid: list[list[Any]] = self.book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
        except Exception as exc:  # damaged sheet XML inside a valid zip
            raise file_error(
                source,
                tx("Excel sayfası okunamadı ({v}). {SAVE_ADVICE}").format(
                    v=type(exc).__name__, SAVE_ADVICE=save_advice()
                ),
            ) from exc
        return Sheet(
            source, ((number, _as_excel_shows(cells)) for number, cells in enumerate(grid, 1)), self.date_1904
        )

    def close(self) -> None:
        self.book.close()
