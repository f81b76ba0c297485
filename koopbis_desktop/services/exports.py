"""Exports for people outside the program: queue views to XLSX/CSV, the audit trail to CSV.

A supervisor hands the day's work to the director as an Excel file, and the
director's office opens it in a Turkish Excel. So headers are the schema's
Turkish labels (one place for each fact), dates are real date cells shown as
GG.AA.YYYY, amounts are numbers with ``#,##0.00`` — sums and filters work —, and
a mixed view gets one sheet per change type (each with that type's own fields)
after a summary sheet. CSV files have ``;`` between fields, as Turkish Excel
expects, in the encoding the ``csv_export_encoding`` setting chooses: UTF-8 with a
BOM (Excel 2016 and LibreOffice open it with a double click), or "Excel 2010
uyumlu" Windows-1254, which Turkish Excel 2007/2010 opens right. A character
Windows-1254 cannot hold (a Cyrillic or Arabic letter in a name) is written as
"?" and counted in the report's warning, never a failed export; text stored decomposed
("S" + U+0327) is written composed first, so a Turkish letter is never one of them.

Rows are read page by page (:data:`PAGE`) and written as they come, through
openpyxl's write-only workbook, so a 50,000-entry queue never sits in memory.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

# Exported workbooks are data files that read back (member lists, snapshots): Turkish
# headers and sheet names whatever the interface language.
from koopbis_desktop.domain.changetypes import turkish_type
from koopbis_desktop.domain.display import state_label
from koopbis_desktop.domain.errors import write_refused_reason
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State
from koopbis_desktop.domain.schema import ChangeType, Field, Kind
from koopbis_desktop.services import queries
from koopbis_desktop.services.queries import AuditFilter, EntryFilter, EntryRow
from koopbis_desktop.store import entries, listing
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import StoreError

PAGE = 500
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
MONEY_FORMAT = "#,##0.00"


class ExportError(StoreError):
    """The export could not be written; ``message`` says why in Turkish."""


class ExportCancelled(StoreError):
    """The person stopped the export: nothing was written, a file of that name is as it was."""


Progress = Callable[[int], None]


@dataclass(frozen=True)
class _Steps:
    """What an export tells as it goes (rows written so far) and whether it was asked to stop."""

    target: Path
    progress: Progress | None = None
    cancel: threading.Event | None = None

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise ExportCancelled(
                tx("Dışa aktarma durduruldu; {name} dosyasına bir şey yazılmadı.").format(
                    name=self.target.name
                )
            )

    def written(self, rows: int) -> None:
        if self.progress is not None:
            self.progress(rows)
        self.check()


@dataclass(frozen=True)
class ExportReport:
    path: Path
    rows: int
    sheets: tuple[str, ...] = ()
    #: characters the chosen CSV encoding cannot hold, written as "?"
    replaced: int = 0
    encoding: str = ""  # the CSV's encoding label; "" for an .xlsx

    @property
    def warning(self) -> str:
        if not self.replaced:
            return ""
        return tx(
            "Uyarı: {n} karakter Windows-1254 (Excel 2010 uyumlu) kodlamasında olmadığı için "
            "'?' olarak yazıldı. Bu karakterler gerekiyorsa dosyayı .xlsx olarak ya da ayarlardan "
            "'UTF-8 (BOM'lu)' seçerek yeniden dışa aktarın."
        ).format(n=self.replaced)

    def text(self) -> str:
        text = tx("{n} kayıt {name} dosyasına aktarıldı.").format(n=self.rows, name=self.path.name)
        return f"{text} {self.warning}" if self.warning else text


#: The CSV encodings an export offers (the ``csv_export_encoding`` setting's values), in Turkish;
#: :func:`encoding_label` gives the label in the current language.
CSV_ENCODINGS = {
    "utf-8-sig": "UTF-8 (BOM'lu)",
    "cp1254": "Excel 2010 uyumlu (Windows-1254)",
}


def encoding_label(encoding: str) -> str:
    """How the CSV encoding ``encoding`` (a key of :data:`CSV_ENCODINGS`) is named to a person."""
    labels = {"utf-8-sig": tx("UTF-8 (BOM'lu)"), "cp1254": tx("Excel 2010 uyumlu (Windows-1254)")}
    return labels.get(encoding, encoding)


class _CsvFile:
    """A CSV file open for writing in ``encoding``, counting what it had to write as "?".

    Text is written composed (NFC): a name stored decomposed, "S" + U+0327 for "Ş" (macOS,
    text copied from a PDF), would otherwise lose its Turkish letters to "?" in Windows-1254,
    which has them all, and read as two characters in the UTF-8 file.
    """

    def __init__(self, target: Path, encoding: str) -> None:
        if encoding not in CSV_ENCODINGS:
            raise ExportError(
                tx("Bilinmeyen CSV kodlaması: {encoding}. Geçerli olanlar: {v}").format(
                    encoding=encoding, v=", ".join(CSV_ENCODINGS)
                )
            )
        self.encoding = encoding
        self.replaced = 0
        self.handle = target.open("w", encoding=encoding, errors="replace", newline="")

    def write(self, text: str) -> int:
        text = unicodedata.normalize("NFC", text)
        if self.encoding != "utf-8-sig":
            try:
                text.encode(self.encoding)
            except UnicodeEncodeError:
                self.replaced += sum(1 for ch in text if not _encodable(ch, self.encoding))
        return self.handle.write(text)

    def close(self) -> None:
        self.handle.close()


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def csv_encoding(store: Store) -> str:
    """The CSV encoding the settings choose (``csv_export_encoding``)."""
    from koopbis_desktop.services import settings

    return settings.get(store, "csv_export_encoding")


# The columns every entry has, before its own fields.
_COMMON = (
    ("uuid", "Kayıt No"),
    ("type_label", "Kayıt türü"),
    ("cooperative", "Kooperatif sicil no"),
    ("cooperative_title", "Kooperatif unvanı"),
    ("state_label", "Durum"),
    ("effective_date", "Karar / işlem tarihi"),
    ("author", "Giren"),
    ("approver", "Onaylayan"),
    ("updated_at", "Son değişiklik"),
    ("receipt", "KOOP-BİS alındı no"),
    ("comment", "Açıklama (iade/onay notu)"),
)


def _local(stamp: str | None) -> datetime | None:
    """A stored UTC timestamp as local wall-clock time without zone (what Excel can hold)."""
    if not stamp:
        return None
    moment = datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


def _iso_date(value: Any) -> date | None:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _group_text(f: Field, rows: Any) -> str:
    """A repeating group in one cell: "3 satır: Ad Soyad; Ad Soyad; …"."""
    if not isinstance(rows, list):
        return "" if rows is None else str(rows)
    names = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        label = row.get("full_name") or row.get("title") or row.get("article_no") or row.get(f.key or "")
        if label:
            names.append(str(label))
    text = f"{len(rows)} satır"
    return f"{text}: {'; '.join(names)}" if names else text


def _typed(f: Field, value: Any) -> Any:
    """A payload value as the spreadsheet should hold it: dates, numbers, labels."""
    if value is None or value == "":
        return None
    if f.kind == Kind.DATE:
        return _iso_date(value) or str(value)
    if f.kind == Kind.MONEY:
        try:
            return Decimal(str(value))
        except ArithmeticError:
            return str(value)
    if f.kind == Kind.INT:
        return value if isinstance(value, int) else str(value)
    if f.kind == Kind.CHOICE:
        return f.choice_label(value)
    if f.kind == Kind.GROUP:
        return _group_text(f, value)
    return str(value)


def _payloads(store: Store, uuids: list[str]) -> dict[str, dict[str, Any]]:
    if not uuids:
        return {}
    return {uuid: json.loads(payload) for uuid, payload in entries.payloads_of(store, uuids).items()}


def _pages(
    store: Store, flt: EntryFilter, sort: str, descending: bool
) -> Iterator[tuple[list[EntryRow], dict[str, dict[str, Any]]]]:
    after = None
    while True:
        page = queries.page_entries(store, flt, after=after, limit=PAGE, sort=sort, descending=descending)
        if not page:
            return
        yield page, _payloads(store, [r.uuid for r in page])
        after = page[-1].page_key
        if len(page) < PAGE:
            return


def _common_values(row: EntryRow) -> list[Any]:
    return [
        row.uuid,
        row.type_label,
        row.cooperative or "",
        row.cooperative_title,
        row.state_label,
        _iso_date(row.effective_date),
        row.author,
        row.approver or "",
        _local(row.updated_at),
        row.receipt or "",
        row.comment or "",
    ]


def _types_in(store: Store, flt: EntryFilter) -> list[str]:
    if flt.type_id:
        return [flt.type_id]
    found = listing.entry_types(store, flt)
    from koopbis_desktop.domain.changetypes import all_types

    return [t.id for t in all_types() if t.id in found]


def _sheet_title(ctype: ChangeType, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ .
    base = "".join(ch for ch in ctype.label if ch not in "[]:*?/\\")[:31]
    title, n = base, 2
    while title in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title)
    return title


@contextmanager
def _in_place_of(target: Path) -> Iterator[Path]:
    """A file beside ``target`` to write the export in; it replaces ``target`` when complete.

    A file of that name still open in Excel (Windows holds it) is refused before any row is
    read, and a failure half-way (disk full) leaves the previous export as it was.
    """
    if target.is_file():
        target.open("r+b").close()
    part = target.with_name(target.name + ".part")
    try:
        yield part
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)


def _check_target(path: Path, suffixes: tuple[str, ...]) -> None:
    if path.suffix.lower() not in suffixes:
        raise ExportError(
            tx("Dosya adı {v} ile bitmeli: {name}").format(v=" ya da ".join(suffixes), name=path.name)
        )
    if not path.parent.is_dir():
        raise ExportError(tx("Klasör bulunamadı: {parent}").format(parent=path.parent))


def export_entries(
    store: Store,
    flt: EntryFilter,
    path: Path | str,
    *,
    sort: str = "updated_at",
    descending: bool = False,
    progress: Progress | None = None,
    counted: Progress | None = None,
    cancel: threading.Event | None = None,
    encoding: str | None = None,
) -> ExportReport:
    """Write the entries ``flt`` selects to ``path`` (.xlsx or .csv), in the view's order.

    Read as one snapshot (``store.reading``): entries changed meanwhile by this PC or
    another are written as they were when the export began, each once. ``counted`` is
    told how many rows will be written before the first; ``progress`` the rows written
    after each page. ``cancel`` set: :class:`ExportCancelled` at the next page, and
    nothing is written (a file of that name stays as it was).
    ``encoding`` of a CSV: a key of :data:`CSV_ENCODINGS`; by default the setting's.
    """
    target = Path(path)
    _check_target(target, (".xlsx", ".csv"))
    steps = _Steps(target, progress, cancel)
    try:
        with store.reading(), _in_place_of(target) as part:
            if counted is not None:
                counted(queries.count_entries(store, flt))
            steps.check()
            if target.suffix.lower() == ".csv":
                chosen = encoding or csv_encoding(store)
                report = _entries_csv(store, flt, part, sort, descending, steps, chosen)
            else:
                report = _entries_xlsx(store, flt, part, sort, descending, steps)
        return replace(report, path=target)
    except OSError as exc:
        raise ExportError(
            tx("Dosya yazılamadı: {target} ({v}).").format(target=target, v=write_refused_reason(exc))
        ) from exc


def _entries_xlsx(
    store: Store,
    flt: EntryFilter,
    target: Path,
    sort: str,
    descending: bool,
    steps: _Steps,
) -> ExportReport:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    try:
        return _fill_xlsx(book, store, flt, target, sort, descending, steps)
    except BaseException:
        _discard(book)
        raise


def _discard(book: Any) -> None:
    """A write-only workbook given up half-way (Vazgeç, a full disk): its sheets' temporary
    files — rows of members' personal data — are removed now, not when the program ends."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def _fill_xlsx(
    book: Any,
    store: Store,
    flt: EntryFilter,
    target: Path,
    sort: str,
    descending: bool,
    steps: _Steps,
) -> ExportReport:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    summary = book.create_sheet("Özet")
    bold = Font(bold=True)

    def cells(sheet: Any, values: list[Any], formats: list[str | None], header: bool = False) -> list[Any]:
        out = []
        for value, number_format in zip(values, formats, strict=True):
            if isinstance(value, str):
                value = unicodedata.normalize("NFC", value)  # as the CSV (:class:`_CsvFile`)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                # openpyxl writes such a text as a formula: "=> karar no eksik" would be one
                # Excel cannot read, so it "repairs" the file and the note is gone.
                cell.data_type = "s"
            if header:
                cell.font = bold
            elif number_format and value is not None:
                cell.number_format = number_format
            out.append(cell)
        return out

    common_formats: list[str | None] = [None] * len(_COMMON)
    common_formats[5] = DATE_FORMAT
    common_formats[8] = DATETIME_FORMAT
    used: set[str] = {"Özet"}
    counts: list[tuple[str, str, dict[State, int]]] = []
    total = 0
    for type_id in _types_in(store, flt):
        ctype = turkish_type(type_id)
        fields = list(ctype.fields)
        title = _sheet_title(ctype, used)
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "C2"
        for index, width in enumerate((38, 24, 14, 40, 16, 14, 12, 12, 17, 16, 24), start=0):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        headers = [label for _, label in _COMMON] + [f.label for f in fields]
        sheet.append(cells(sheet, headers, [None] * len(headers), header=True))
        formats = common_formats + [
            DATE_FORMAT if f.kind == Kind.DATE else MONEY_FORMAT if f.kind == Kind.MONEY else None
            for f in fields
        ]
        per_state: dict[State, int] = {}
        for page, payloads in _pages(store, replace(flt, type_id=type_id), sort, descending):
            for row in page:
                payload = payloads.get(row.uuid, {})
                values = _common_values(row) + [_typed(f, payload.get(f.name)) for f in fields]
                sheet.append(cells(sheet, values, formats))
                per_state[row.state] = per_state.get(row.state, 0) + 1
            total += len(page)
            steps.written(total)
        counts.append((title, ctype.label, per_state))
    states = [s for s in State if any(s in c for _, _, c in counts)]
    summary.append(
        cells(
            summary,
            ["Kayıt türü", "Sayfa", "Toplam"] + [STATE_LABELS[s] for s in states],
            [None] * (3 + len(states)),
            header=True,
        )
    )
    for title, label, per_state in counts:
        summary.append([label, title, sum(per_state.values()), *(per_state.get(s, 0) for s in states)])
    summary.append([])
    summary.append(cells(summary, ["Toplam", "", total], [None, None, None], header=True))
    summary.append(["Oluşturulma", _local(datetime.now(UTC).isoformat())])
    summary.column_dimensions["A"].width = 34
    summary.column_dimensions["B"].width = 30
    book.save(target)
    return ExportReport(target, total, ("Özet", *(c[0] for c in counts)))


def _csv_text(f: Field | None, value: Any) -> str:
    """A value as Turkish Excel reads it from a CSV: 1250,50 for amounts, GG.AA.YYYY for dates."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def _entries_csv(
    store: Store,
    flt: EntryFilter,
    target: Path,
    sort: str,
    descending: bool,
    steps: _Steps,
    encoding: str,
) -> ExportReport:
    # One table for all types: the common columns, then every field of the types present,
    # a field shared by several types (same name and label) in one column.
    columns: list[tuple[str, Field]] = []
    seen: set[tuple[str, str]] = set()
    for type_id in _types_in(store, flt):
        for f in turkish_type(type_id).fields:
            if (f.name, f.label) not in seen:
                seen.add((f.name, f.label))
                columns.append((f.name, f))
    total = 0
    handle = _CsvFile(target, encoding)
    try:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([label for _, label in _COMMON] + [f.label for _, f in columns])
        for page, payloads in _pages(store, flt, sort, descending):
            for row in page:
                payload = payloads.get(row.uuid, {})
                ctype_fields = {f.name: f for f in turkish_type(row.type).fields}
                values = [_csv_text(None, v) for v in _common_values(row)]
                for name, f in columns:
                    own = ctype_fields.get(name)
                    values.append(_csv_text(own, _typed(own, payload.get(name))) if own is f else "")
                writer.writerow(values)
            total += len(page)
            steps.written(total)
    finally:
        handle.close()
    return ExportReport(target, total, replaced=handle.replaced, encoding=encoding_label(encoding))


_AUDIT_HEADERS = (
    "Sıra",
    "Zaman",
    "Kullanıcı",
    "İşlem",
    "Kayıt No",
    "Önceki durum",
    "Yeni durum",
    "Açıklama",
    "Ayrıntı",
    "Önceki özet (hash)",
    "Özet (hash)",
)


def export_audit(
    store: Store,
    path: Path | str,
    flt: AuditFilter | None = None,
    *,
    progress: Progress | None = None,
    counted: Progress | None = None,
    cancel: threading.Event | None = None,
    encoding: str | None = None,
) -> ExportReport:
    """The audit trail (oldest first, with each row's hashes) to a CSV file.

    One snapshot, ``progress``, ``counted`` and ``cancel`` as :func:`export_entries`.
    ``encoding``: a key of :data:`CSV_ENCODINGS`; by default the setting's.
    """
    target = Path(path)
    _check_target(target, (".csv",))
    chosen = encoding or csv_encoding(store)
    total = 0
    steps = _Steps(target, progress, cancel)
    try:
        with store.reading(), _in_place_of(target) as part:
            # The same rows as the page shows: its user filter names the account however typed.
            flt = queries.as_account(store, flt or AuditFilter())
            if counted is not None:
                counted(queries.count_audit(store, flt))
            steps.check()
            handle = _CsvFile(part, chosen)
            try:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(_AUDIT_HEADERS)
                for rows in listing.audit_batches(store, flt, PAGE):
                    for (
                        seq,
                        at,
                        actor,
                        action,
                        entry,
                        from_state,
                        to_state,
                        comment,
                        details,
                        prev,
                        digest,
                    ) in rows:
                        moment = _local(at)
                        writer.writerow(
                            [
                                seq,
                                moment.strftime("%d.%m.%Y %H:%M:%S") if moment else "",
                                actor,
                                action,
                                entry or "",
                                state_label(from_state),
                                state_label(to_state),
                                comment or "",
                                details if details not in (None, "{}") else "",
                                prev,
                                digest,
                            ]
                        )
                    total += len(rows)
                    steps.written(total)
            finally:
                handle.close()
    except OSError as exc:
        raise ExportError(
            tx("Dosya yazılamadı: {target} ({v}).").format(target=target, v=write_refused_reason(exc))
        ) from exc
    return ExportReport(target, total, replaced=handle.replaced, encoding=encoding_label(chosen))
