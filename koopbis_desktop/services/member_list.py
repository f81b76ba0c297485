"""Reading a member list: which column is which schema field, and its cells as the schema wants them.

Nothing here lists a member field: the columns are the fields of the
``member.admit`` / ``member.leave`` change types, the headers a column may
carry are the fields' ``aliases`` (with their label and name), and how a cell is
converted before validation follows the field's :class:`~domain.schema.Kind`
(a TCKN Excel made a float of becomes its digits again, an Excel serial number
a date, "İstifa" the choice "istifa"). Files are read by the shared
:mod:`services.spreadsheet` reader; validating and queueing the rows is
:mod:`services.member_import`'s.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from koopbis_desktop.domain.changetypes import turkish_type
from koopbis_desktop.domain.i18n import Labels, tx
from koopbis_desktop.domain.schema import ChangeType, Field, Kind, Severity
from koopbis_desktop.services.spreadsheet import (
    Sheets,
    SpreadsheetError,
    display_text,
    excel_date,
    file_error,
    header_key,
    identity_text,
    is_blank,
    open_elsewhere_notice,
    open_sheets,
    refused_as,
    told,
)


class ImportKind(StrEnum):
    """What a member list records; the value is the change type each row becomes."""

    ADMIT = "member.admit"
    LEAVE = "member.leave"


KIND_LABELS = Labels(
    "member_list.kind",
    {ImportKind.ADMIT: "Ortaklığa giriş listesi", ImportKind.LEAVE: "Ortaklıktan ayrılma listesi"},
)
PROGRESS_EVERY = 250
_HEADER_SEARCH_ROWS = 20  # a title block above the header (merged cells) is skipped up to here
# The export names a type's sheet by its label ("Ortaklığa giriş"): an exported list reads back.
# Member lists are Turkish files whatever the interface language: their columns, sheet
# names and choice words come from the Turkish schema (``turkish_type``).
_SHEET_NAMES = (
    "ortaklar",
    "ortak",
    "ortak listesi",
    "members",
    *(turkish_type(k.value).label for k in ImportKind),
)


class MemberListError(SpreadsheetError):
    """The file cannot be read as a member list (not a spreadsheet, empty, wrong headers).

    A :class:`~services.spreadsheet.SpreadsheetError` like the snapshot's, so the
    CLI and the desktop report both alike.
    """


def _refusal(source: str, message: str) -> MemberListError:
    return MemberListError(f"{source}: {message}", [(source, 0, "", message)])


# ------------------------------------------------------------------ columns


@dataclass(frozen=True)
class Column:
    """One column of a member list: the schema field it fills and the headers that name it."""

    field: str
    header: str  # as written in the template
    aliases: tuple[str, ...] = ()
    kind: Kind = Kind.TEXT

    def keys(self, ctype: ChangeType) -> set[str]:
        label = ctype.field(self.field).label
        return {header_key(name) for name in (self.field, self.header, label, *self.aliases)}


def column_of(f: Field) -> Column:
    """A field as a list column: its first alias is the template's header (else its label)."""
    header, *others = f.aliases or (f.label,)
    return Column(f.name, header, tuple(others), f.kind)


def columns_for(ctype: ChangeType) -> tuple[Column, ...]:
    """The columns of a list of ``ctype``: every field a row can fill, in schema order."""
    return tuple(column_of(f) for f in ctype.fields if f.kind != Kind.GROUP)


COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    kind: columns_for(turkish_type(kind.value)) for kind in ImportKind
}


def _leave_markers() -> set[str]:
    """Headers only a leaving list has (its reason and date columns): they tell the kinds apart."""
    leave, admit = turkish_type(ImportKind.LEAVE.value), turkish_type(ImportKind.ADMIT.value)
    marking = (column_of(leave.field(name)) for name in ("reason", leave.effective_date_field))
    keys = set().union(*(column.keys(leave) for column in marking))
    return keys - set().union(*(column.keys(admit) for column in COLUMNS[ImportKind.ADMIT]))


_LEAVE_MARKERS = _leave_markers()


# ------------------------------------------------------------------ converters


def _choice_words(f: Field) -> dict[str, str]:
    """Header key of a value, its label or the label's first words → value.

    Lists say "İstifa" where the form's label reads "İstifa (çıkma)".
    """
    words: dict[str, str] = {}
    for choice in f.choices:
        turkish = choice.turkish or choice.label
        for text in (choice.value, choice.label, choice.label.split("(")[0], turkish, turkish.split("(")[0]):
            words.setdefault(header_key(text), choice.value)
    return words


def _stripped(value: Any) -> Any:
    # parse_money takes numbers exactly (repr of a float); parse_int takes 3.0 as 3, refuses 2.5
    return value.strip() if isinstance(value, str) else value


def _as_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else display_text(value)


#: the kinds whose cells :func:`~services.spreadsheet.identity_text` reads
IDENTITY_KINDS = (Kind.TCKN, Kind.VKN, Kind.TCKN_OR_VKN)


def converter_for(f: Field, *, date_1904: bool = False) -> Callable[[Any], Any]:
    """How a non-empty cell of ``f``'s column is fed to the schema, chosen by the field's kind.

    ``date_1904``: the workbook counts dates from 1904, so a date that arrives as a
    bare serial number is read in that system.
    """
    if f.kind == Kind.CHOICE:
        words = _choice_words(f)
        return lambda value: words.get(header_key(value), display_text(value))
    if f.kind in IDENTITY_KINDS:
        return identity_text
    if f.kind == Kind.DATE:
        return (lambda value: excel_date(value, date_1904=True)) if date_1904 else excel_date
    if f.kind in (Kind.MONEY, Kind.INT):
        return _stripped
    return _as_text


# ------------------------------------------------------------------ rows


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
        return {name: display_text(value) for name, value in self.values.items()}

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


# ------------------------------------------------------------------ header


@dataclass
class Layout:
    """What a list's header row means: its kind, and where each field's column is."""

    kind: ImportKind
    positions: dict[str, int]  # field → cell index
    columns: tuple[Column, ...]
    ignored: tuple[str, ...]
    #: how the file was read, in Turkish ("CSV, Windows-1254 (Türkçe), ayırıcı …" or the workbook format)
    reading: str = ""
    encoding: str = ""  # the text encoding of a CSV/TXT file; "" for a workbook
    #: the file is open in an office program: what is not saved there was not read ("" if not)
    notice: str = ""


def match_header(cells: Sequence[Any], ctype: ChangeType) -> tuple[dict[str, int], list[str]]:
    """Field → cell index of the header cells naming ``ctype``'s fields; the other headers."""
    by_key: dict[str, str] = {}
    for column in columns_for(ctype):
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
            ignored.append(display_text(cell))
    return positions, ignored


def _layout(cells: Sequence[Any], wanted: ImportKind | None) -> Layout | None:
    """The header's meaning, or None when this row is not a header (a title above it)."""
    keys = {header_key(c) for c in cells}
    kind = wanted or (ImportKind.LEAVE if keys & _LEAVE_MARKERS else ImportKind.ADMIT)
    positions, ignored = match_header(cells, turkish_type(kind.value))
    if "member_id" not in positions and len(positions) < 2:
        return None
    columns = tuple(c for c in COLUMNS[kind] if c.field in positions)
    return Layout(kind, positions, columns, tuple(ignored))


def _required_missing(layout: Layout, supplied: Collection[str] = ()) -> list[Column]:
    ctype = turkish_type(layout.kind.value)
    return [
        c
        for c in COLUMNS[layout.kind]
        if ctype.field(c.field).required and c.field not in layout.positions and c.field not in supplied
    ]


# ------------------------------------------------------------------ reading


def read_rows(
    path: Path | str,
    *,
    kind: ImportKind | None = None,
    progress: Callable[[int], None] | None = None,
    supplied: Collection[str] = (),
) -> tuple[Layout, list[ImportRow]]:
    """Read the file's header and data rows (converted, not yet validated).

    ``supplied`` names required fields the list need not have as columns: values
    given once for the whole list (the board's decision number, say).

    ``progress`` is called with the number of rows read so far, every
    :data:`PROGRESS_EVERY` rows and once at the end.

    A file open in Excel or LibreOffice meanwhile (what is not saved there is not read) is
    said in ``Layout.notice`` and after a refusal's message.
    """
    file = Path(path)
    notice = open_elsewhere_notice(file)
    try:
        layout, rows = _read_rows(file, kind=kind, progress=progress, supplied=supplied)
    except SpreadsheetError as exc:
        told(exc, notice)
        raise
    layout.notice = notice
    return layout, rows


def _other_list_hint(header: Sequence[Any] | None) -> str:
    """When the refused file is KOOP-BİS's cooperative list: where that list is loaded (" …" or "")."""
    from koopbis_desktop.services.snapshot_import import looks_like_cooperative_list

    if header is None or not looks_like_cooperative_list(header):
        return ""
    return " " + tx(
        "Bu dosya KOOP-BİS'in kooperatif listesi gibi görünüyor (sicil no ve unvan sütunları var): o listeyi "
        "şef ya da yönetici Dosya → Kooperatif listesini yükle… ile (komut satırında: koopbis snapshot import) "
        "yükler. Buraya bir kooperatifin ortak listesi gelir."
    )


def _read_rows(
    file: Path,
    *,
    kind: ImportKind | None,
    progress: Callable[[int], None] | None,
    supplied: Collection[str],
) -> tuple[Layout, list[ImportRow]]:
    source = file.name
    opened: list[Sheets] = []
    layout: Layout | None = None
    first_cells: list[Any] | None = None
    out: list[ImportRow] = []
    try:
        with refused_as(MemberListError):
            sheets = open_sheets(file)
            opened.append(sheets)
            sheet = sheets.sheet(_SHEET_NAMES)
            if sheet is None:
                raise file_error(source, tx("Dosya boş: başlık satırı ve ortak satırı yok."))
            source = sheet.source
            layout, first_cells = _read_sheet(sheet.rows, kind, out, progress, date_1904=sheet.date_1904)
            if layout is not None:
                layout.reading, layout.encoding = sheets.reading, sheets.encoding
    finally:
        for opened_file in opened:
            opened_file.close()
    if layout is None:
        if first_cells is None:
            raise _refusal(source, tx("Dosya boş: başlık satırı ve ortak satırı yok."))
        found = ", ".join(f"'{display_text(c)}'" for c in first_cells if display_text(c)) or tx("(boş)")
        raise _refusal(
            source,
            tx(
                "Ortak listesinin başlık satırı bulunamadı. Dosyadaki ilk satır: "
                "{found}. 'T.C. Kimlik No / VKN', 'Adı Soyadı / Unvanı', 'Giriş Tarihi' gibi başlıklar "
                "bekleniyor; uygulamadaki şablonu kullanın."
            ).format(found=found)
            + _other_list_hint(first_cells),
        )
    missing = _required_missing(layout, supplied)
    if missing:
        accepted = "; ".join(
            tx("{header} (ya da: {aliases})").format(header=c.header, aliases=", ".join(c.aliases[:4]))
            if c.aliases
            else c.header
            for c in missing
        )
        raise _refusal(
            source,
            tx("{kind} için zorunlu sütunlar eksik: {accepted}. Uygulamadaki şablonu kullanın.").format(
                kind=KIND_LABELS[layout.kind], accepted=accepted
            )
            + _other_list_hint(first_cells),
        )
    if not out:
        raise _refusal(source, tx("Dosyada başlık satırından sonra ortak satırı yok."))
    if progress is not None:
        progress(len(out))
    return layout, out


def _read_sheet(
    rows: Iterator[tuple[int, list[Any]]],
    kind: ImportKind | None,
    out: list[ImportRow],
    progress: Callable[[int], None] | None,
    *,
    date_1904: bool = False,
) -> tuple[Layout | None, list[Any] | None]:
    """Find the header (below a title block, if any), then convert each data row into ``out``."""
    layout: Layout | None = None
    first_cells: list[Any] | None = None
    seen_rows = 0
    plan: list[tuple[str, int, Callable[[Any], Any]]] = []  # field, cell index, converter
    for line_no, cells in rows:
        if layout is None:
            if not any(display_text(c) for c in cells):
                continue
            seen_rows += 1
            if first_cells is None:
                first_cells = cells
            layout = _layout(cells, kind)
            if layout is not None:
                ctype = turkish_type(layout.kind.value)
                plan = [
                    (name, index, converter_for(ctype.field(name), date_1904=date_1904))
                    for name, index in layout.positions.items()
                ]
            if layout is None and seen_rows >= _HEADER_SEARCH_ROWS:
                break
            continue
        if all(is_blank(c) for c in cells):
            continue  # empty rows between blocks of members
        raw: dict[str, Any] = {}
        values: dict[str, Any] = {}
        width = len(cells)
        for name, index, convert in plan:
            value = values[name] = cells[index] if index < width else None
            if is_blank(value):
                continue  # an empty cell: the field is absent, as the form leaves it
            raw[name] = convert(value)
        out.append(ImportRow(line=line_no, values=values, raw=raw))
        if progress is not None and len(out) % PROGRESS_EVERY == 0:
            progress(len(out))
    return layout, first_cells


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
# Excel must not turn a TCKN into 1,00000E+10 nor "2015/14" into a date: such columns are text.
_CELL_FORMATS = {
    **{kind: "@" for kind in (*IDENTITY_KINDS, Kind.TEXT)},
    Kind.DATE: "DD.MM.YYYY",
    Kind.MONEY: "#,##0.00",
}


def template_path(kind: ImportKind, suffix: str = ".xlsx") -> Path:
    """The shipped template (``resources/templates``), made by ``scripts/make_templates.py``."""
    from koopbis_desktop.domain.resources import resources_dir

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
        number_format = _CELL_FORMATS.get(column.kind)
        if number_format is not None:
            sheet.cell(row=2, column=index).number_format = number_format
    sheet.freeze_panes = "A2"
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target
