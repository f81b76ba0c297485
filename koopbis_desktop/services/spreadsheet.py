"""Reading the spreadsheets people hand in: CSV and Excel files as rows of cells.

Both importers — the offline snapshot (:mod:`services.snapshot_import`) and the
member lists (:mod:`services.member_import`) — read their files here, so a file
is read alike whichever importer gets it, and a refusal reads alike too
(:class:`SpreadsheetError`: file, line, column and a Turkish sentence).

* :func:`open_sheets` opens a file and hands out its :class:`Sheet` s (one for a
  CSV, one per worksheet for a workbook); which formats are accepted is decided
  in that one function (``_open_book``, :func:`read_csv`), so accepting another
  format or encoding is a change there and nowhere else;
* :func:`header_key` is how a header cell is matched (Turkish folding,
  punctuation and spaces dropped);
* :func:`cell_text`, :func:`display_text`, :func:`identity_text` and
  :func:`excel_date` undo what spreadsheets do to values: a TCKN Excel stored as
  the float 1.0000000146E10 becomes "10000000146" again, a date arrives as a
  date cell, an Excel serial number or "02.03.2015" text.
"""

from __future__ import annotations

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
from koopbis_desktop.domain.text import fold
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
        """One Turkish line per listed error: file, line, column, message."""
        lines = []
        for source, line_no, column, text in self.errors[:MAX_LISTED_ERRORS]:
            where = f"{source}, satır {line_no}" if line_no else source
            if column:
                where += f", '{column}' sütunu"
            lines.append(f"{where}: {text}")
        return lines

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
    """A cell as text for parsing: whole floats without ".0", datetimes as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


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


_SCIENTIFIC = re.compile(r"^[+]?\d+(?:[.,]\d+)?[eE][+]?\d+$")


def identity_text(value: Any) -> Any:
    """A TCKN/VKN cell: numbers Excel made of it turned back into its digit string."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return repr(value)
        digits = str(int(value))
    else:
        text = str(value).strip().lstrip("'").strip()
        compact = text.replace(" ", "").replace("\u00a0", "")
        if not _SCIENTIFIC.match(compact):
            return text
        try:
            number = Decimal(compact.replace(",", "."))
        except InvalidOperation:
            return text
        if number != number.to_integral_value():
            return text
        digits = str(int(number))
    # A VKN typed as a number loses its leading zero: 9 digits can only be that.
    return digits.zfill(10) if len(digits) == 9 else digits


_EXCEL_EPOCH = datetime(1899, 12, 30)


def excel_date(value: Any) -> Any:
    """A date cell: a date/datetime, an Excel serial number (as a number or text), or text."""
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
        # 1900 date system; Excel's fictitious 29.02.1900 only shifts serials below 61.
        return (_EXCEL_EPOCH + timedelta(days=int(serial))).date()
    return display_text(value) if not isinstance(value, str) else value.strip()


# ------------------------------------------------------------------ files


@dataclass
class Sheet:
    """Rows of one table as read from a file: (line number, cells), header first."""

    source: str
    rows: Iterator[tuple[int, list[Any]]]


class Engine(StrEnum):
    """How a workbook is read. Both give cell values only (cached formula results)."""

    OPENPYXL = "openpyxl"  # ints as ints, dates as datetime
    CALAMINE = "calamine"  # about ten times faster; every number a float, empty cells ""


class Workbook(Protocol):
    source: str

    def sheet(self, names: Sequence[str], *, fallback_first: bool) -> Sheet | None:
        """The worksheet named like one of ``names`` (compared by :func:`header_key`)."""

    def close(self) -> None: ...


class Sheets:
    """An opened file: a CSV (one sheet, whatever its name) or a workbook."""

    def __init__(self, source: str, csv_sheet: Sheet | None, book: Workbook | None) -> None:
        self.source = source
        self._csv = csv_sheet
        self.book = book

    def sheet(self, names: Sequence[str] = (), *, fallback_first: bool = True) -> Sheet | None:
        if self.book is None:
            return self._csv
        return self.book.sheet(names, fallback_first=fallback_first)

    def close(self) -> None:
        if self.book is not None:
            self.book.close()


def open_sheets(path: Path, engine: Engine = Engine.OPENPYXL) -> Sheets:
    """Open ``path`` for reading; refuses (:class:`SpreadsheetError`) what cannot be read."""
    source = path.name
    if not path.is_file():
        raise file_error(source, f"Dosya bulunamadı: {path}")
    if path.suffix.lower() == ".xls":
        raise file_error(
            source, "Eski Excel biçimi (.xls) okunamaz; Excel'de .xlsx ya da 'CSV UTF-8' olarak kaydedin."
        )
    if is_xlsx(path):
        return Sheets(source, None, _open_book(path, source, engine))
    return Sheets(source, read_csv(path, source), None)


def _open_book(path: Path, source: str, engine: Engine) -> Workbook:
    check_xlsx_file(path, source)
    if engine is Engine.CALAMINE:
        return _CalamineBook(path, source)
    return _OpenpyxlBook(path, source)


def is_xlsx(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return True
    if suffix in (".csv", ".txt", ".tsv"):
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def read_csv(path: Path, source: str) -> Sheet:
    """A UTF-8 CSV (with or without BOM), its delimiter (``;``, ``,`` or tab) taken from the first line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise file_error(source, f"Dosya okunamadı ({exc.strerror or exc}).") from exc
    if not data.strip():
        raise file_error(source, "Dosya boş; başlık satırı ve en az bir kayıt olmalı.")
    if b"\x00" in data or data.startswith(b"PK\x03\x04"):
        raise file_error(
            source,
            "Dosya bir CSV metin dosyası değil (ikili veri içeriyor). Excel dosyasıysa .xlsx "
            "uzantısıyla verin ya da Excel'de 'CSV UTF-8' olarak kaydedin.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_no = data[: exc.start].count(b"\n") + 1
        message = (
            f"Dosya UTF-8 kodlamasında değil (satır {line_no}). Excel'de 'Farklı Kaydet → "
            "CSV UTF-8 (virgülle ayrılmış)' seçerek yeniden kaydedin."
        )
        raise SpreadsheetError(f"{source}: {message}", [(source, line_no, "", message)]) from exc
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as exc:
            message = f"CSV satırı okunamadı ({exc}); tırnak işaretlerini kontrol edin."
            raise SpreadsheetError(f"{source}: {message}", [(source, reader.line_num, "", message)]) from exc

    return Sheet(source, rows())


def check_xlsx_file(path: Path, source: str) -> None:
    """Refuse, in Turkish, a file that cannot be an .xlsx (unreadable, empty, no zip header)."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise file_error(source, f"Dosya okunamadı ({exc.strerror or exc}).") from exc
    if not magic:
        raise file_error(source, "Dosya boş.")
    if magic != b"PK\x03\x04":
        raise file_error(
            source,
            "Dosya geçerli bir Excel (.xlsx) dosyası değil. Eski .xls dosyalarını Excel'de "
            "açıp .xlsx ya da 'CSV UTF-8' olarak kaydedin.",
        )


def _chosen(names: Sequence[str], wanted: Sequence[str], fallback_first: bool) -> str | None:
    keys = {header_key(name) for name in wanted}
    chosen = next((name for name in names if header_key(name) in keys), None)
    if chosen is None and fallback_first and names:
        return names[0]
    return chosen


class _OpenpyxlBook:
    """An XLSX file opened read-only with openpyxl; closed by the importer when done."""

    def __init__(self, path: Path, source: str) -> None:
        self.source = source
        from openpyxl import load_workbook

        try:
            # openpyxl warns about styles and extensions it ignores; they do not
            # affect the cell values read here, and pytest turns warnings into errors.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.book = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
            raise file_error(source, "Excel dosyası açılamadı: bozuk ya da .xlsx biçiminde değil.") from exc
        except Exception as exc:  # openpyxl raises assorted parser errors on bad XML
            raise file_error(source, f"Excel dosyası okunamadı ({type(exc).__name__}).") from exc

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
                        yield number, list(cells)
            except SpreadsheetError:
                raise
            except Exception as exc:  # damaged sheet XML inside a valid zip
                raise file_error(source, f"Excel sayfası okunamadı ({type(exc).__name__}).") from exc

        return Sheet(source, rows())

    def close(self) -> None:
        self.book.close()


class _CalamineBook:
    """An XLSX file read with python-calamine: cell values only, as openpyxl's
    ``data_only`` read gives them (cached formula results, dates as date/datetime).

    Calamine hands every number as a float and an empty cell as "". Rows are
    numbered from the sheet's first row (A1), whatever the first used cell, so
    line numbers match Excel's.
    """

    def __init__(self, path: Path, source: str) -> None:
        self.source = source
        import python_calamine

        try:
            self.book = python_calamine.CalamineWorkbook.from_path(str(path))
        except python_calamine.PasswordError as exc:
            raise file_error(source, "Excel dosyası parolalı; parolasını kaldırıp yeniden kaydedin.") from exc
        except (python_calamine.CalamineError, OSError, ValueError) as exc:
            raise file_error(source, "Excel dosyası açılamadı: bozuk ya da .xlsx biçiminde değil.") from exc
        except Exception as exc:  # the Rust reader's other errors on damaged XML
            raise file_error(source, f"Excel dosyası okunamadı ({type(exc).__name__}).") from exc

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
            raise file_error(source, f"Excel sayfası okunamadı ({type(exc).__name__}).") from exc
        return Sheet(source, iter(enumerate(grid, 1)))

    def close(self) -> None:
        self.book.close()
