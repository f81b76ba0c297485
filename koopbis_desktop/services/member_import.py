"""Bulk admission and leaving of members from a cooperative's Excel or CSV list.

Cooperatives hand their member lists to the directorate as spreadsheets. Typing
hundreds of admissions one form at a time is where mistakes creep in, so the
clerk loads the file instead — and gets exactly what the form would give: every
row is validated with the same change-type schema (``member.admit`` or
``member.leave``, with the cooperative's founding date as context), duplicates
inside the file and against the offline snapshot and the local queue are
reported with their row numbers, and nothing is queued until the clerk says so.

Two steps, both without Qt:

* :func:`preview` reads and checks the file and returns a :class:`ImportPreview`
  (every row with its values and its issues) — the preview table of the desktop
  and ``koopbis import members --dry-run`` show it;
* :func:`import_rows` creates one draft per member, all in one transaction with
  their audit rows: a failure (or any bad row, unless the clerk explicitly chose
  to skip bad rows) imports nothing.

Reading reuses the snapshot importer's CSV reader (UTF-8 with or without BOM, ``;``
or ``,`` sniffed, binary and old ``.xls`` files refused in Turkish); ``.xlsx`` lists
are read with python-calamine (values only, about ten times faster than openpyxl's
cell API, which the snapshot importer and the exports keep using); what spreadsheets
do to numbers is undone here: a TCKN Excel stored as the float 1.0000000146E10
becomes "10000000146" again, dates arrive as date cells, Excel serial numbers or
"02.03.2015" text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, Role, State
from koopbis_desktop.domain.schema import ChangeType, Kind, Severity, ValidationContext, validate
from koopbis_desktop.domain.text import fold
from koopbis_desktop.services import capture
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.snapshot import (  # the snapshot importer's readers, shared not copied
    Sheet,
    SnapshotImportError,
    Table,
    check_xlsx_file,
    header_key,
    import_error,
    is_xlsx,
    read_csv,
)


class ImportKind(StrEnum):
    """What a member list records; the value is the change type each row becomes."""

    ADMIT = "member.admit"
    LEAVE = "member.leave"


KIND_LABELS = {ImportKind.ADMIT: "Ortaklığa giriş listesi", ImportKind.LEAVE: "Ortaklıktan ayrılma listesi"}


class MemberListError(SnapshotImportError):
    """The file cannot be read as a member list (not a spreadsheet, empty, wrong headers).

    A subclass of the snapshot's error so the CLI and the desktop report both alike.
    """


@dataclass(frozen=True)
class Column:
    """One column of a member list: the schema field it fills and the headers that name it."""

    field: str
    header: str  # as written in the template
    aliases: tuple[str, ...] = ()

    def keys(self, ctype: ChangeType) -> set[str]:
        label = ctype.field(self.field).label
        return {header_key(name) for name in (self.field, self.header, label, *self.aliases)}


_ID = Column(
    "member_id",
    "T.C. Kimlik No / VKN",
    ("T.C. Kimlik No", "TC Kimlik No", "TCKN", "VKN", "TCKN/VKN", "Kimlik No", "Vergi No", "Vergi Kimlik No"),
)
_NAME = Column(
    "full_name", "Adı Soyadı / Unvanı", ("Adı Soyadı", "Ad Soyad", "Adı Soyadı Unvanı", "Unvanı", "İsim")
)
_DECISION_NO = Column("decision_no", "Karar No", ("Karar Numarası", "Yönetim Kurulu Karar No", "YK Karar No"))

COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.ADMIT: (
        _ID,
        _NAME,
        Column("address", "Adresi", ("Adres",)),
        Column(
            "effective_date",
            "Giriş Tarihi",
            ("Karar Tarihi", "Kabul Tarihi", "Ortaklık Tarihi", "Yönetim Kurulu Karar Tarihi"),
        ),
        _DECISION_NO,
        Column("shares", "Pay Adedi", ("Pay", "Pay Sayısı", "Pay Adet")),
        Column(
            "subscribed_amount",
            "Taahhüt Edilen Tutar",
            ("Taahhüt", "Taahhüt Tutarı", "Taahhüt Edilen", "Taahhüt Edilen Pay Tutarı"),
        ),
        Column("paid_amount", "Ödenen Tutar", ("Ödenen", "Ödenen Miktar", "Ödenen Pay Tutarı")),
    ),
    ImportKind.LEAVE: (
        _ID,
        _NAME,
        Column("reason", "Ayrılma Nedeni", ("Çıkış Nedeni", "Neden", "Ayrılış Nedeni")),
        Column("effective_date", "Çıkış Tarihi", ("Ayrılma Tarihi", "Ayrılış Tarihi", "Karar Tarihi")),
        _DECISION_NO,
        Column("notice_date", "Tebliğ Tarihi"),
        Column("notice_no", "Tebliğ No", ("Tebliğ Numarası",)),
        Column("objection_status", "İtiraz Durumu", ("İtiraz",)),
        Column(
            "transferee_id", "Devralanın T.C. Kimlik No / VKN", ("Devralan TCKN", "Devralan T.C. Kimlik No")
        ),
        Column("transferee_name", "Devralanın Adı Soyadı", ("Devralan", "Devralan Adı Soyadı")),
        Column("note", "Açıklama", ("Not", "Notlar")),
    ),
}
# Headers only a leaving list has: their presence tells the two kinds apart.
_LEAVE_MARKERS = {
    header_key(name) for name in ("Çıkış Tarihi", "Ayrılma Tarihi", "Ayrılma Nedeni", "Çıkış Nedeni")
}
_DATE_FIELDS = {"effective_date", "notice_date"}
_ID_FIELDS = {"member_id", "transferee_id"}
_HEADER_SEARCH_ROWS = 20  # a title block above the header (merged cells) is skipped up to here
PROGRESS_EVERY = 250
_SEARCH_FIELDS = ("full_name", "member_id", "decision_no")  # capture's name fields a member row has


# ------------------------------------------------------------------ preview objects


@dataclass(frozen=True)
class RowIssue:
    """One problem of one row: the column (schema field, "" for the row) and a Turkish sentence."""

    field: str
    label: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def text(self) -> str:
        return f"{self.label}: {self.message}" if self.label else self.message


@dataclass
class ImportRow:
    """A data row of the file: its line number, the cells as read and the validated payload."""

    line: int
    values: dict[str, Any]  # field → the cell as read (shown as text by ``cells``)
    raw: dict[str, Any]  # field → the cell converted from spreadsheet types, fed to the schema
    payload: dict[str, Any] = field(default_factory=dict)
    schema_issues: list[RowIssue] = field(default_factory=list)
    schema_json: list[dict[str, Any]] = field(default_factory=list)  # as the form stores them
    store_issues: list[RowIssue] = field(default_factory=list)
    base: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def cells(self) -> dict[str, str]:
        """Field → the cell as a person reads it, for the preview table; made when first shown."""
        return {name: _text(value) for name, value in self.values.items()}

    @property
    def issues(self) -> list[RowIssue]:
        return [*self.schema_issues, *self.store_issues]

    @property
    def errors(self) -> list[RowIssue]:
        return [i for i in self.issues if i.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[RowIssue]:
        return [i for i in self.issues if i.severity == Severity.WARNING]

    @property
    def ok(self) -> bool:
        if not self.schema_issues and not self.store_issues:
            return True  # most rows: no list to build
        return not self.errors

    @property
    def member_id(self) -> str:
        return str(self.payload.get("member_id") or self.cells.get("member_id") or "")


@dataclass
class ImportPreview:
    """What a member list would import: the rows with their issues, nothing written yet."""

    source: str
    kind: ImportKind
    cooperative: str  # as given: registry id or the uuid of a local registration
    cooperative_id: str | None
    cooperative_ref: str | None
    cooperative_title: str
    columns: tuple[Column, ...]  # the columns found in the file, in schema order
    ignored_headers: tuple[str, ...]  # headers the importer does not know (shown, not imported)
    rows: list[ImportRow]

    @property
    def type_id(self) -> str:
        return self.kind.value

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.ok]

    @property
    def invalid_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.ok]

    def summary(self) -> str:
        bad = len(self.invalid_rows)
        text = f"{len(self.rows)} satır okundu: {len(self.rows) - bad} geçerli, {bad} hatalı."
        warned = sum(1 for r in self.rows if r.ok and r.warnings)
        if warned:
            text += f" {warned} geçerli satırda uyarı var."
        return text

    def error_lines(self, limit: int | None = None) -> list[str]:
        """One Turkish line per error: "Satır 7, T.C. Kimlik No / VKN: …"."""
        lines: list[str] = []
        for row in self.rows:
            for issue in row.errors:
                lines.append(
                    f"Satır {row.line}, {issue.text}" if issue.label else f"Satır {row.line}: {issue.text}"
                )
                if limit is not None and len(lines) >= limit:
                    return lines
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "type": self.type_id,
            "cooperative": self.cooperative_id or self.cooperative_ref,
            "rows": len(self.rows),
            "valid": len(self.valid_rows),
            "invalid": len(self.invalid_rows),
            "ignored_columns": list(self.ignored_headers),
            "errors": [
                {"line": r.line, "field": i.field, "column": i.label, "message": i.message}
                for r in self.rows
                for i in r.errors
            ],
            "warnings": [
                {"line": r.line, "field": i.field, "column": i.label, "message": i.message}
                for r in self.rows
                for i in r.warnings
            ],
        }


@dataclass(frozen=True)
class ImportResult:
    """What :func:`import_rows` queued: the new drafts' ids and the rows left out."""

    created: list[str]
    skipped_lines: list[int]

    def text(self) -> str:
        text = f"{len(self.created)} taslak kayıt oluşturuldu."
        if self.skipped_lines:
            text += f" Hatalı {len(self.skipped_lines)} satır atlandı."
        return text


# ------------------------------------------------------------------ cell conversion

_EXCEL_EPOCH = datetime(1899, 12, 30)
_SCIENTIFIC = re.compile(r"^[+]?\d+(?:[.,]\d+)?[eE][+]?\d+$")


def _text(value: Any) -> str:
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
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def _identity(value: Any) -> Any:
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


def _date(value: Any) -> Any:
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
    return _text(value) if not isinstance(value, str) else value.strip()


def _choice_words(kind: ImportKind) -> dict[str, dict[str, str]]:
    """Per choice field: header key of a value, its label or the label's first words → value.

    Lists say "İstifa" where the form's label reads "İstifa (çıkma)".
    """
    out: dict[str, dict[str, str]] = {}
    for f in get_type(kind.value).fields:
        if f.kind != Kind.CHOICE:
            continue
        words: dict[str, str] = {}
        for choice in f.choices:
            for text in (choice.value, choice.label, choice.label.split("(")[0]):
                words.setdefault(header_key(text), choice.value)
        out[f.name] = words
    return out


def _converter(name: str, choices: dict[str, dict[str, str]]) -> Callable[[Any], Any]:
    """How a non-empty cell of column ``name`` is fed to the schema (chosen once per column)."""
    words = choices.get(name)
    if words is not None:
        return lambda value: words.get(header_key(value), _text(value))
    if name in _ID_FIELDS:
        return _identity
    if name in _DATE_FIELDS:
        return _date
    if name in ("subscribed_amount", "paid_amount", "shares"):
        # parse_money takes numbers exactly (repr of a float); parse_int takes 3.0 as 3, refuses 2.5
        return lambda value: value.strip() if isinstance(value, str) else value
    return lambda value: value.strip() if isinstance(value, str) else _text(value)


# ------------------------------------------------------------------ reading


_MEMBER_SHEETS = Table("member_list", "Ortak listesi", ("ortaklar", "ortak", "ortak listesi", "members"), ())


@dataclass
class _Layout:
    kind: ImportKind
    positions: dict[str, int]  # field → cell index
    columns: tuple[Column, ...]
    ignored: tuple[str, ...]


def _match_header(cells: Sequence[Any], kind: ImportKind) -> tuple[dict[str, int], list[str]]:
    ctype = get_type(kind.value)
    by_key: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for key in column.keys(ctype):
            by_key.setdefault(key, column.field)
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(cells):
        key = header_key(cell)
        if not key:
            continue  # the empty tail of a merged header cell
        name = by_key.get(key)
        if name is not None and name not in positions:
            positions[name] = index
        else:
            ignored.append(_text(cell))
    return positions, ignored


def _layout(cells: Sequence[Any], wanted: ImportKind | None) -> _Layout | None:
    """The header's meaning, or None when this row is not a header (a title above it)."""
    keys = {header_key(c) for c in cells}
    kind = wanted or (ImportKind.LEAVE if keys & _LEAVE_MARKERS else ImportKind.ADMIT)
    positions, ignored = _match_header(cells, kind)
    if "member_id" not in positions and len(positions) < 2:
        return None
    columns = tuple(c for c in COLUMNS[kind] if c.field in positions)
    return _Layout(kind, positions, columns, tuple(ignored))


def _required_missing(layout: _Layout) -> list[Column]:
    ctype = get_type(layout.kind.value)
    return [
        c for c in COLUMNS[layout.kind] if ctype.field(c.field).required and c.field not in layout.positions
    ]


class _MemberBook:
    """An ``.xlsx`` member list read with python-calamine: cell values only, as openpyxl's
    ``data_only`` read gives them (cached formula results, dates as date/datetime).

    Calamine hands every number as a float and an empty cell as "": the conversions
    below already treat 3.0 as 3 and "" as empty. Rows are numbered from the sheet's
    first row (A1), whatever the first used cell, so line numbers match Excel's.
    """

    def __init__(self, path: Path, source: str) -> None:
        self.source = source
        check_xlsx_file(path, source)
        import python_calamine

        try:
            self.book = python_calamine.CalamineWorkbook.from_path(str(path))
        except python_calamine.PasswordError as exc:
            raise import_error(
                source, "Excel dosyası parolalı; parolasını kaldırıp yeniden kaydedin."
            ) from exc
        except (python_calamine.CalamineError, OSError, ValueError) as exc:
            raise import_error(source, "Excel dosyası açılamadı: bozuk ya da .xlsx biçiminde değil.") from exc
        except Exception as exc:  # the Rust reader's other errors on damaged XML
            raise import_error(source, f"Excel dosyası okunamadı ({type(exc).__name__}).") from exc

    def sheet(self, table: Table) -> Sheet:
        """The worksheet named like a member list ("Ortaklar", ...), else the first worksheet."""
        import python_calamine

        names = [
            m.name for m in self.book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        if not names:
            raise import_error(self.source, "Dosya boş: başlık satırı ve ortak satırı yok.")
        wanted = {header_key(name) for name in table.sheet_names}
        chosen = next((name for name in names if header_key(name) in wanted), names[0])
        source = f"{self.source} [{chosen}]"
        try:
            grid: list[list[Any]] = self.book.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
        except Exception as exc:  # damaged sheet XML inside a valid zip
            raise import_error(source, f"Excel sayfası okunamadı ({type(exc).__name__}).") from exc
        return Sheet(source, iter(enumerate(grid, 1)))

    def close(self) -> None:
        self.book.close()


def _open_sheet(path: Path, books: list[_MemberBook]) -> Sheet:
    source = path.name
    if not path.is_file():
        raise _member_fail(source, f"Dosya bulunamadı: {path}")
    if path.suffix.lower() == ".xls":
        raise _member_fail(
            source, "Eski Excel biçimi (.xls) okunamaz; Excel'de .xlsx ya da 'CSV UTF-8' olarak kaydedin."
        )
    try:
        if is_xlsx(path):
            book = _MemberBook(path, source)
            books.append(book)
            return book.sheet(_MEMBER_SHEETS)
        return read_csv(path, source)
    except MemberListError:
        raise
    except SnapshotImportError as exc:
        raise MemberListError(exc.message, exc.errors) from exc


def _member_fail(source: str, message: str) -> MemberListError:
    base = import_error(source, message)
    return MemberListError(base.message, base.errors)


def read_rows(
    path: Path | str,
    *,
    kind: ImportKind | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[_Layout, list[ImportRow]]:
    """Read the file's header and data rows (converted, not yet validated).

    ``progress`` is called with the number of rows read so far, every
    :data:`PROGRESS_EVERY` rows and once at the end.
    """
    file = Path(path)
    books: list[_MemberBook] = []
    try:
        sheet = _open_sheet(file, books)
        rows_iter: Iterator[tuple[int, list[Any]]] = sheet.rows
        layout: _Layout | None = None
        first_cells: list[Any] | None = None
        seen_rows = 0
        plan: list[tuple[str, int, Callable[[Any], Any]]] = []  # field, cell index, converter
        out: list[ImportRow] = []
        try:
            for line_no, cells in rows_iter:
                if layout is None:
                    if not any(_text(c) for c in cells):
                        continue
                    seen_rows += 1
                    if first_cells is None:
                        first_cells = cells
                    layout = _layout(cells, kind)
                    if layout is not None:
                        choices = _choice_words(layout.kind)
                        plan = [
                            (name, index, _converter(name, choices))
                            for name, index in layout.positions.items()
                        ]
                    if layout is None and seen_rows >= _HEADER_SEARCH_ROWS:
                        break
                    continue
                if not any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells):
                    continue  # empty rows between blocks of members
                raw: dict[str, Any] = {}
                values: dict[str, Any] = {}
                width = len(cells)
                for name, index, convert in plan:
                    value = values[name] = cells[index] if index < width else None
                    if value is None or (isinstance(value, str) and not value.strip()):
                        continue  # an empty cell: the field is absent, as the form leaves it
                    raw[name] = convert(value)
                out.append(ImportRow(line=line_no, values=values, raw=raw))
                if progress is not None and len(out) % PROGRESS_EVERY == 0:
                    progress(len(out))
        except (csv.Error, UnicodeDecodeError) as exc:  # pragma: no cover - the reader wraps these
            raise _member_fail(sheet.source, f"Dosya okunamadı ({exc}).") from exc
        except MemberListError:
            raise
        except SnapshotImportError as exc:
            raise MemberListError(exc.message, exc.errors) from exc
    finally:
        for book in books:
            book.close()
    if layout is None:
        if first_cells is None:
            raise _member_fail(sheet.source, "Dosya boş: başlık satırı ve ortak satırı yok.")
        found = ", ".join(f"'{_text(c)}'" for c in first_cells if _text(c)) or "(boş)"
        raise _member_fail(
            sheet.source,
            "Ortak listesinin başlık satırı bulunamadı. Dosyadaki ilk satır: "
            f"{found}. 'T.C. Kimlik No / VKN', 'Adı Soyadı / Unvanı', 'Giriş Tarihi' gibi başlıklar "
            "bekleniyor; uygulamadaki şablonu kullanın.",
        )
    missing = _required_missing(layout)
    if missing:
        accepted = "; ".join(
            f"{c.header} (ya da: {', '.join(c.aliases[:4])})" if c.aliases else c.header for c in missing
        )
        raise _member_fail(
            sheet.source,
            f"{KIND_LABELS[layout.kind]} için zorunlu sütunlar eksik: {accepted}. "
            "Uygulamadaki şablonu kullanın.",
        )
    if not out:
        raise _member_fail(sheet.source, "Dosyada başlık satırından sonra ortak satırı yok.")
    if progress is not None:
        progress(len(out))
    return layout, out


# ------------------------------------------------------------------ validation


def _schema_issues(ctype: ChangeType, row: ImportRow, ctx: ValidationContext) -> None:
    result = validate(ctype, row.raw, ctx)
    row.payload = result.payload
    row.schema_json = [issue.to_json() for issue in result.issues]
    row.schema_issues = [
        RowIssue(issue.path, _label(ctype, issue.path), issue.text, issue.severity) for issue in result.issues
    ]


def _label(ctype: ChangeType, path: str) -> str:
    if not path:
        return ""
    try:
        return ctype.field(path).label
    except KeyError:
        return path


def _live_member_entries(store: Store, coop: str | None, type_id: str) -> dict[str, str]:
    """member_id → uuid of a live local entry of ``type_id`` for this cooperative."""
    if not coop:
        return {}
    live = tuple(s.value for s in State if s not in (State.WITHDRAWN, State.DISCARDED))
    marks = ", ".join("?" for _ in live)
    rows = store.conn.execute(
        f"SELECT uuid, json_extract(payload, '$.member_id') FROM entries WHERE type = ? "
        f"AND (cooperative_id = ? OR cooperative_ref = ?) AND state IN ({marks})",
        (type_id, coop, coop, *live),
    ).fetchall()
    return {str(member): uuid for uuid, member in rows if member}


def _check_against_store(store: Store, preview: ImportPreview, record: dict[str, Any] | None) -> None:
    """Duplicates inside the file, against the snapshot and against the local queue; base per row."""
    coop = preview.cooperative_id or preview.cooperative_ref
    members = {str(m["member_id"]): m for m in (record or {}).get("members") or []}
    admitted_here = _live_member_entries(store, coop, ImportKind.ADMIT.value)
    left_here = _live_member_entries(store, coop, ImportKind.LEAVE.value)
    id_label = get_type(preview.type_id).field("member_id").label
    first_line: dict[str, int] = {}
    for row in preview.rows:
        row.store_issues = []
        member_id = row.payload.get("member_id")
        if not isinstance(member_id, str) or any(i.field == "member_id" for i in row.schema_issues):
            continue
        key = f"member:{member_id}"
        snapshot_row = members.get(member_id)
        row.base = {key: dict(snapshot_row) if snapshot_row else None}
        if member_id in first_line:
            row.store_issues.append(
                RowIssue(
                    "member_id",
                    id_label,
                    f"{member_id} dosyada iki kez var; ilki satır {first_line[member_id]}.",
                )
            )
            continue
        first_line[member_id] = row.line
        if preview.kind is ImportKind.ADMIT:
            if snapshot_row is not None:
                row.store_issues.append(
                    RowIssue(
                        "member_id",
                        id_label,
                        f"{member_id} zaten bu kooperatifin ortağı (kooperatif listesine göre); "
                        "yeniden ortaklığa alınamaz.",
                    )
                )
            elif member_id in admitted_here:
                row.store_issues.append(
                    RowIssue(
                        "member_id",
                        id_label,
                        f"{member_id} için kuyrukta bekleyen bir ortaklığa giriş kaydı var "
                        f"({admitted_here[member_id][:8]}).",
                    )
                )
            continue
        if member_id in left_here:
            row.store_issues.append(
                RowIssue(
                    "member_id",
                    id_label,
                    f"{member_id} için kuyrukta bekleyen bir ayrılma kaydı var ({left_here[member_id][:8]}).",
                )
            )
            continue
        if snapshot_row is None:
            if member_id in admitted_here:
                # Admitted by an earlier local entry: that admission's row is the base (as capture does).
                capture.admitted_locally(store, coop, row.base)
            else:
                row.store_issues.append(
                    RowIssue(
                        "member_id",
                        id_label,
                        f"{member_id} bu kooperatifin ortakları arasında yok; ayrılma kaydedilemez.",
                    )
                )
                continue
        name = row.payload.get("full_name")
        known = (row.base.get(key) or {}).get("full_name")
        if isinstance(name, str) and known and fold(name) != fold(str(known)):
            row.store_issues.append(
                RowIssue(
                    "full_name",
                    _label(get_type(preview.type_id), "full_name"),
                    f"Ad kooperatif listesindekinden farklı: listede '{known}'.",
                    Severity.WARNING,
                )
            )


def preview(
    store: Store,
    path: Path | str,
    cooperative: str,
    *,
    kind: ImportKind | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportPreview:
    """Read and check a member list for ``cooperative``; writes nothing.

    ``kind`` is taken from the headers when not given (a "Çıkış Tarihi" or
    "Ayrılma Nedeni" column makes it a leaving list). Raises
    :class:`MemberListError` when the file is not a member list at all, and
    ``NotFound`` for an unknown cooperative.
    """
    layout, rows = read_rows(path, kind=kind, progress=progress)
    ctype = get_type(layout.kind.value)
    coop_id, coop_ref, record = capture.resolve_cooperative(store, ctype, cooperative)
    ctx = ValidationContext(founded_on=(record or {}).get("founded_on"))
    for row in rows:
        _schema_issues(ctype, row, ctx)
    result = ImportPreview(
        source=Path(path).name,
        kind=layout.kind,
        cooperative=cooperative,
        cooperative_id=coop_id,
        cooperative_ref=coop_ref,
        cooperative_title=str((record or {}).get("title") or ""),
        columns=layout.columns,
        ignored_headers=layout.ignored,
        rows=rows,
    )
    _check_against_store(store, result, record)
    return result


# ------------------------------------------------------------------ queueing


def import_rows(
    store: Store,
    actor: Actor,
    prepared: ImportPreview,
    *,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Queue one draft per valid row, all in one transaction with their audit rows.

    Refuses (imports nothing) while any row has an error, unless ``skip_invalid``
    — the clerk's explicit choice to leave the bad rows out. The checks against
    the store run again inside the transaction, so a member another clerk
    queued since the preview is not admitted twice.
    """
    if actor.role not in (Role.CLERK, Role.SUPERVISOR):
        raise NotPermitted("Kayıt girişini memurlar ve şefler yapar; yönetici hesabıyla kayıt girilmez.")
    ctype = get_type(prepared.type_id)
    coop = prepared.cooperative_id or prepared.cooperative_ref
    with store.write() as conn:
        _, _, record = capture.resolve_cooperative(store, ctype, prepared.cooperative)
        _check_against_store(store, prepared, record)
        bad = prepared.invalid_rows
        if bad and not skip_invalid:
            raise MemberListError(
                f"İçe aktarma yapılmadı: {len(bad)} satırda hata var. Hataları düzeltin ya da "
                "hatalı satırları atlamayı seçin; hiçbir kayıt oluşturulmadı.",
                [(prepared.source, r.line, i.label, i.message) for r in bad for i in r.errors][:50],
            )
        chosen = prepared.valid_rows
        if not chosen:
            raise MemberListError("İçe aktarılacak geçerli satır yok; hiçbir kayıt oluşturulmadı.")
        created = _insert_drafts(conn, actor, ctype, prepared, chosen, progress)
        audit.append(
            conn,
            actor=actor.username,
            action="member_import",
            details={
                "file": prepared.source,
                "type": prepared.type_id,
                "cooperative": coop,
                "created": len(created),
                "skipped_lines": [r.line for r in bad],
            },
        )
    return ImportResult(created=created, skipped_lines=[r.line for r in bad])


def _insert_drafts(
    conn: Any,
    actor: Actor,
    ctype: ChangeType,
    prepared: ImportPreview,
    rows: list[ImportRow],
    progress: Callable[[int], None] | None,
) -> list[str]:
    """The same rows ``entries.insert_entry`` writes (entry, revision 1, audit "create"), in bulk.

    ``insert_entry`` reads every entry back after writing it; for 10,000 rows that
    read-back alone costs more than the rest of the import, so the rows are written
    with ``executemany``, and the audit rows with :func:`audit.append_many` (the same
    hash chain ``audit.append`` row by row would write, the head updated once).
    """
    coop_id, coop_ref = prepared.cooperative_id, prepared.cooperative_ref
    when = stamp()
    # What capture's search text folds, with the part every row shares folded once.
    prefix = capture.search_text(ctype, None, coop_id or coop_ref, {})
    entry_rows: list[tuple[Any, ...]] = []
    revision_rows: list[tuple[Any, ...]] = []
    created: list[str] = []
    for row in rows:
        key = entries.new_uuid()
        created.append(key)
        payload_json = entries.dumps(row.payload)
        base_json = entries.dumps(row.base)
        effective = row.payload.get(ctype.effective_date_field)
        entry_rows.append(
            (
                key,
                ctype.id,
                coop_id,
                coop_ref,
                effective if isinstance(effective, str) and len(effective) == 10 else None,
                State.DRAFT.value,
                actor.username,
                payload_json,
                base_json,
                entries.dumps(row.schema_json) if row.schema_json else "[]",
                when,
                when,
                f"{prefix} {fold(' '.join(str(row.payload.get(n) or '') for n in _SEARCH_FIELDS))}".strip(),
            )
        )
        revision_rows.append((key, payload_json, base_json, actor.username, when))
    conn.executemany(
        "INSERT INTO entries(uuid, type, cooperative_id, cooperative_ref, effective_date, state, author, "
        "revision, payload, base, issues, created_at, updated_at, search) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
        entry_rows,
    )
    conn.executemany(
        "INSERT INTO revisions(entry_uuid, revision, payload, base, author, created_at) VALUES (?, 1, ?, ?, ?, ?)",
        revision_rows,
    )
    details = {"type": ctype.id, "cooperative": coop_id or coop_ref, "revision": 1}  # one dict, shared
    for start in range(0, len(created), PROGRESS_EVERY):
        audit.append_many(
            conn,
            (
                audit.Record(
                    actor=actor.username,
                    action="create",
                    entry_uuid=key,
                    to_state=State.DRAFT.value,
                    details=details,
                )
                for key in created[start : start + PROGRESS_EVERY]
            ),
        )
        if progress is not None:
            progress(min(start + PROGRESS_EVERY, len(created)))
    return created


# ------------------------------------------------------------------ templates

TEMPLATE_NAMES = {ImportKind.ADMIT: "ortak_giris", ImportKind.LEAVE: "ortak_cikis"}
# One example row per kind; 10000000146 is a TCKN whose check digits are right and that nobody holds.
_EXAMPLES: dict[ImportKind, dict[str, Any]] = {
    ImportKind.ADMIT: {
        "member_id": "10000000146",
        "full_name": "Örnek Ortak Adı",
        "address": "Atatürk Bulvarı No: 1 Çankaya/Ankara",
        "effective_date": date(2015, 3, 2),
        "decision_no": "2015/14",
        "shares": 1,
        "subscribed_amount": Decimal("1000.00"),
        "paid_amount": Decimal("250.00"),
    },
    ImportKind.LEAVE: {
        "member_id": "10000000146",
        "full_name": "Örnek Ortak Adı",
        "reason": "İstifa (çıkma)",
        "effective_date": date(2015, 3, 2),
        "decision_no": "2015/15",
    },
}


def template_path(kind: ImportKind, suffix: str = ".xlsx") -> Path:
    """The shipped template (``resources/templates``), made by ``scripts/make_templates.py``."""
    from koopbis_desktop.domain.reference import resources_dir

    return resources_dir() / "templates" / f"{TEMPLATE_NAMES[kind]}{suffix}"


def write_template(kind: ImportKind, path: Path | str) -> Path:
    """Write an empty member list with the Turkish headers and one example row (.xlsx or .csv)."""
    target = Path(path)
    columns = COLUMNS[kind]
    headers = [c.header for c in columns]
    example = [_EXAMPLES[kind].get(c.field) for c in columns]
    if target.suffix.lower() == ".csv":
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(headers)
            writer.writerow(
                [
                    v.strftime("%d.%m.%Y")
                    if isinstance(v, date)
                    else str(v).replace(".", ",")
                    if isinstance(v, Decimal)
                    else ("" if v is None else v)
                    for v in example
                ]
            )
        return target
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ortaklar"
    sheet.append(headers)
    sheet.append(example)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
        sheet.cell(row=1, column=index).font = Font(bold=True)
        cell = sheet.cell(row=2, column=index)
        if column.field in _ID_FIELDS or column.field == "decision_no":
            cell.number_format = "@"  # text: Excel must not turn a TCKN into 1,00000E+10
        elif column.field in _DATE_FIELDS:
            cell.number_format = "DD.MM.YYYY"
        elif column.field in ("subscribed_amount", "paid_amount"):
            cell.number_format = "#,##0.00"
    sheet.freeze_panes = "A2"
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target
