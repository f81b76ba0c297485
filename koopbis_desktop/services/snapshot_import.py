"""Importing the offline snapshot from the files a directorate keeps: cooperatives and their lists.

:func:`import_file` reads the province's list from the spreadsheet files (Excel
.xlsx/.xls/.xlsb, LibreOffice .ods, CSV/TXT in any Turkish encoding) that a
directorate exports from Sanayi.Net or keeps in Excel (columns documented in
``docs/snapshot-import.md``), through the shared reader
(:mod:`services.spreadsheet`). Every row is validated first; any error raises
:class:`SnapshotImportError` listing file, line, column (as the file heads it) and a
Turkish message, and nothing is written. Writing is the store's
(:func:`store.snapshot.upsert_records`).

Phone and MERSİS numbers are checked by the entry form's own rules
(:func:`validators.parse_phone`, :func:`validators.parse_mersis`), after undoing what
Excel does to a number (leading zeros dropped, "….0"). A bad one does not refuse the
file: the cooperative is imported with that field empty — never with a wrong number —
and :attr:`ImportReport.warnings` names the row, the column, what was written and what
to do, as for an unknown type or status word (kept as written). Decided so because both
are optional contact details that KOOP-BİS's refresh fills in later, while refusing the
province's whole list over one phone would stop the office on go-live day.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from koopbis_desktop.domain import reference
from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.records import STATUSES
from koopbis_desktop.domain.validators import (
    FieldError,
    parse_date,
    parse_int,
    parse_mersis,
    parse_phone,
    parse_tckn,
    parse_tckn_or_vkn,
    parse_text,
    parse_vkn,
)
from koopbis_desktop.services.spreadsheet import (
    MAX_LISTED_ERRORS,
    Sheet,
    Sheets,
    SpreadsheetError,
    cell_text,
    display_text,
    excel_date,
    header_key,
    identity_text,
    number_cell_digits,
    open_elsewhere_notice,
    open_sheets,
    refused_as,
    told,
)
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store

__all__ = [
    "ASSEMBLIES",
    "AUDITORS",
    "BOARD",
    "COOPERATIVES",
    "MAX_LISTED_ERRORS",
    "MEMBERS",
    "TABLES",
    "ImportReport",
    "SnapshotImportError",
    "Table",
    "import_file",
]


class SnapshotImportError(SpreadsheetError):
    """A snapshot file was refused; nothing was imported.

    ``errors`` lists ``(file, line_no, column, message)``; line 0 means the whole file.
    """


def _refusal(source: str, message: str) -> SnapshotImportError:
    return SnapshotImportError(f"{source}: {message}", [(source, 0, "", message)])


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote: rows per table and the files read."""

    counts: dict[str, int]
    sources: tuple[str, ...] = ()
    #: file name → the text encoding it was read in (CSV/TXT files only), for the audit row
    encodings: dict[str, str] = field(default_factory=dict)
    # Rows imported with a value kept as written (an unknown type or status word):
    # (file, line, column, message), as the refusal's errors are.
    warnings: tuple[tuple[str, int, str, str], ...] = ()
    #: every warning, also those beyond the MAX_LISTED_ERRORS listed in ``warnings``
    warning_count: int = 0
    # Cooperatives the store could not take as they were: (id, why).
    skipped: tuple[tuple[str, str], ...] = ()
    #: files open in Excel or LibreOffice meanwhile: what was not saved there was not read
    notices: tuple[str, ...] = ()

    def summary(self) -> str:
        """The counts sentence, without the warnings."""
        c = self.counts
        return tx(
            "{cooperatives} kooperatif, {members} ortak, {board} yönetim kurulu üyesi, {auditors} "
            "denetim kurulu üyesi, {assemblies} genel kurul kaydı içe aktarıldı."
        ).format(
            cooperatives=c.get("cooperatives", 0),
            members=c.get("members", 0),
            board=c.get("board_members", 0),
            auditors=c.get("auditors", 0),
            assemblies=c.get("assemblies", 0),
        )

    def warning_lines(self) -> list[str]:
        """One Turkish line per listed warning: file, line, column (as the file heads it), message."""
        return [
            tx("{source} satır {line} ({column}): {message}").format(
                source=source, line=line, column=column, message=message
            )
            for source, line, column, message in self.warnings
        ]

    def text(self) -> str:
        text = self.summary()
        for notice in self.notices:
            text += " " + notice
        if self.warnings:
            lines = self.warning_lines()
            total = max(self.warning_count, len(self.warnings))
            if total > len(self.warnings):
                text += tx(" {n} uyarı (ilk {shown} tanesi listelendi):").format(
                    n=total, shown=len(self.warnings)
                )
            else:
                text += tx(" {n} uyarı:").format(n=total)
            text += "\n" + "\n".join(lines)
        if self.skipped:
            text += tx(" {n} kooperatif alınmadı: ").format(n=len(self.skipped)) + "; ".join(
                f"{ident} ({why})" for ident, why in self.skipped[:10]
            )
        return text

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class _Column:
    name: str
    aliases: tuple[str, ...]
    required: bool = True


@dataclass(frozen=True)
class Table:
    key: str  # also the keyword of import_file
    label: str
    sheet_names: tuple[str, ...]
    columns: tuple[_Column, ...]


_REGISTRY_ALIASES = (
    "Sicil No",
    "Sicil Numarası",
    "Kooperatif Sicil No",
    "Kooperatif No",
    "KOOP-BİS No",
    "cooperative_id",
    "id",
)
_PERSON_ID_ALIASES = ("T.C. Kimlik No", "TC Kimlik No", "TCKN", "Kimlik No", "TCKN/VKN", "id_no")
_NAME_ALIASES = ("Adı Soyadı", "Ad Soyad", "Adı Soyadı / Unvanı", "İsim")

COOPERATIVES = Table(
    "cooperatives",
    "Kooperatifler",
    ("kooperatifler", "kooperatif", "cooperatives"),
    (
        _Column("registry_id", _REGISTRY_ALIASES),
        _Column("title", ("Unvan", "Unvanı", "Ünvan", "Ünvanı", "Kooperatif Unvanı", "Adı")),
        _Column("type", ("Tür", "Türü", "Kooperatif Türü", "cooperative_type")),
        _Column("province_code", ("İl", "İl Kodu", "Plaka", "Plaka Kodu", "province")),
        _Column("district", ("İlçe", "İlçe Kodu", "İlçesi")),
        _Column("address", ("Adres", "Adresi")),
        _Column("vkn", ("Vergi No", "VKN", "Vergi Kimlik No", "Vergi Numarası")),
        _Column("trade_registry_no", ("Ticaret Sicil No", "Ticaret Sicil Numarası", "TSN")),
        _Column("status", ("Durum", "Durumu")),
        _Column("founded_on", ("Kuruluş Tarihi", "Kuruluş")),
        _Column("phone", ("Telefon", "Tel"), required=False),
        _Column("mersis_no", ("MERSİS No", "MERSİS", "Mersis Numarası"), required=False),
        _Column("version", ("Sürüm",), required=False),
    ),
)
MEMBERS = Table(
    "members",
    "Ortaklar",
    ("ortaklar", "ortak", "members"),
    (
        _Column("registry_id", _REGISTRY_ALIASES),
        _Column("member_id", (*_PERSON_ID_ALIASES, "VKN", "Ortak No", "Ortak Kimlik No")),
        _Column("full_name", (*_NAME_ALIASES, "Unvan", "Unvanı", "Ortak")),
        _Column("shares", ("Pay", "Pay Adedi", "Pay Sayısı"), required=False),
        _Column("joined_on", ("Giriş Tarihi", "Ortaklık Tarihi", "Katılış Tarihi"), required=False),
    ),
)
BOARD = Table(
    "board",
    "Yönetim kurulu",
    ("yonetim kurulu", "yonetim", "board"),
    (
        _Column("registry_id", _REGISTRY_ALIASES),
        _Column("id_no", _PERSON_ID_ALIASES),
        _Column("full_name", _NAME_ALIASES),
        _Column("role", ("Görev", "Görevi", "Unvanı")),
        _Column("term_years", ("Görev Süresi", "Süre", "Süre (Yıl)"), required=False),
    ),
)
AUDITORS = Table(
    "auditors",
    "Denetim kurulu",
    ("denetim kurulu", "denetim", "auditors", "audit board"),
    (
        _Column("registry_id", _REGISTRY_ALIASES),
        _Column("id_no", _PERSON_ID_ALIASES),
        _Column("full_name", _NAME_ALIASES),
        _Column("term_years", ("Görev Süresi", "Süre", "Süre (Yıl)"), required=False),
    ),
)
ASSEMBLIES = Table(
    "assemblies",
    "Genel kurullar",
    ("genel kurullar", "genel kurul", "assemblies"),
    (
        _Column("registry_id", _REGISTRY_ALIASES),
        _Column("date", ("Tarih", "Genel Kurul Tarihi", "Toplantı Tarihi")),
        _Column("kind", ("Tür", "Türü", "Toplantı Türü")),
        _Column("fiscal_year", ("Mali Yıl", "Hesap Yılı", "Görüşülen Hesap Yılı"), required=False),
        _Column("place", ("Yer", "Toplantı Yeri"), required=False),
        _Column("result", ("Sonuç", "Sonucu"), required=False),
    ),
)
TABLES = (COOPERATIVES, MEMBERS, BOARD, AUDITORS, ASSEMBLIES)


def _choice_map(type_id: str, field_name: str, group: str | None = None) -> dict[str, str]:
    """Code or Turkish label (as a header key) → code, read from the change type schema."""
    f = get_type(type_id).field(group or field_name)
    if group:
        f = next(sub for sub in f.fields if sub.name == field_name)
    mapping: dict[str, str] = {}
    for choice in f.choices:
        mapping[header_key(choice.value)] = choice.value
        mapping[header_key(choice.label)] = choice.value
        if choice.turkish:  # an English label's Turkish: the files stay Turkish
            mapping[header_key(choice.turkish)] = choice.value
    return mapping


_STATUS_WORDS = {
    **{reference.name_key(word): code for word, code in reference.status_aliases().items()},
    **{header_key(code): code for code in STATUSES},
    **{header_key(label): code for code, label in STATUSES.source.items()},
    "aktif": "active",
    "tasfiyede": "in_liquidation",
    "tasfiye": "in_liquidation",
    "terkin": "dissolved",
    "sonaerdi": "dissolved",
    "birlesti": "merged",
    "birlesme": "merged",
}


@dataclass
class _Errors:
    items: list[tuple[str, int, str, str]] = field(default_factory=list)
    total: int = 0
    #: source → {canonical column: its header as the file writes it}, so a row's error
    #: names the column the clerk sees ("Vergi No", "Tel"), not the program's key ("vkn")
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def column(self, source: str, name: str) -> str:
        return self.headers.get(source, {}).get(name, name)

    def add(self, source: str, line_no: int, column: str, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_LISTED_ERRORS:
            self.items.append((source, line_no, self.column(source, column), message))


def _cell_date(value: Any) -> Any:
    # Excel dates arrive as datetime; parse_date takes a date, not a datetime.
    return value.date() if isinstance(value, datetime) else value


def _column_keys(table: Table) -> dict[str, str]:
    """Header key of every name a column may carry → the column's canonical name."""
    by_key: dict[str, str] = {}
    for column in table.columns:
        for alias in (column.name, *column.aliases):
            by_key.setdefault(header_key(alias), column.name)
    return by_key


def _keys_of(aliases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(header_key(alias) for alias in aliases)


_REGISTRY_KEYS = _keys_of(_REGISTRY_ALIASES)
_TITLE_KEYS = _keys_of(next(c.aliases for c in COOPERATIVES.columns if c.name == "title"))
_PERSON_KEYS = _keys_of(_PERSON_ID_ALIASES)


def looks_like_cooperative_list(header: Sequence[Any]) -> bool:
    """A header with a registry number and a cooperative title: KOOP-BİS's cooperative list."""
    keys = {header_key(cell) for cell in header}
    return bool(keys & _REGISTRY_KEYS) and bool(keys & _TITLE_KEYS)


def looks_like_member_list(header: Sequence[Any]) -> bool:
    """A header with a person's identity number and no registry number: one cooperative's member list."""
    keys = {header_key(cell) for cell in header}
    return bool(keys & _PERSON_KEYS) and not keys & _REGISTRY_KEYS


def _map_header(
    sheet: Sheet, table: Table, header: list[Any], errors: _Errors, line_no: int = 1
) -> dict[str, int]:
    """Canonical column name → cell index; records missing required columns as errors."""
    by_key = _column_keys(table)
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = by_key.get(header_key(cell))
        if name is not None and name not in positions:
            positions[name] = index  # the first of two columns meaning the same wins
    missing = [c for c in table.columns if c.required and c.name not in positions]
    if missing:
        found = ", ".join(f"'{cell_text(c)}'" for c in header if cell_text(c)) or "(boş)"
        for column in missing:
            # Turkish headers first: the clerk's file speaks Turkish; the program's key is accepted too.
            accepted = ", ".join(f"'{a}'" for a in (*column.aliases, column.name))
            errors.add(
                sheet.source,
                line_no,
                column.aliases[0],  # the Turkish header, as the message above names it
                f"Zorunlu '{column.aliases[0]}' sütunu yok. Kabul edilen başlıklar: {accepted}.",
            )
        names = ", ".join(c.aliases[0] for c in missing)  # the Turkish header, as a member list says
        message = tx(
            "{source}: {label} dosyasında zorunlu sütunlar eksik: {names}. Dosyadaki başlıklar: {found}."
        ).format(source=sheet.source, label=table.label, names=names, found=found)
        if table is COOPERATIVES and looks_like_member_list(header):
            message += " " + tx(
                "Bu dosya bir ortak listesi gibi görünüyor (kimlik numarası sütunu var, sicil no yok): bir "
                "kooperatifin ortak listesi Dosya → Ortak listesi yükle… ile (komut satırında: koopbis import "
                "members) yüklenir. Buraya KOOP-BİS'in kooperatif listesi gelir."
            )
        raise SnapshotImportError(message, errors.items)
    return positions


_DATE_COLUMNS = frozenset({"founded_on", "joined_on", "date"})
_HEADER_SEARCH_ROWS = 20  # a title block above the header (merged cells) is skipped up to here


def _table_rows(sheet: Sheet, table: Table, errors: _Errors) -> Iterator[tuple[int, dict[str, Any]]]:
    """Data rows of ``sheet`` as {canonical column: raw cell}, skipping empty rows.

    The header is the first row naming at least two of the table's columns: a
    title block above it (the directorate's name in merged cells) is skipped, as
    a member list's is. A date typed into a cell formatted as a number arrives as
    Excel's serial number: it is turned into its date here, in the workbook's date system.
    """
    known = _column_keys(table)
    positions: dict[str, int] | None = None
    first: tuple[int, list[Any]] | None = None
    seen = 0
    for line_no, cells in sheet.rows:
        if not any(cell_text(c) for c in cells):
            continue
        if positions is None:
            first = first or (line_no, cells)
            seen += 1
            if len({header_key(c) for c in cells}.intersection(known)) < 2:
                if seen < _HEADER_SEARCH_ROWS:
                    continue
                line_no, cells = first  # no header near the top: the first row is named as found
            positions = _map_header(sheet, table, cells, errors, line_no)
            errors.headers[sheet.source] = {
                name: cell_text(cells[index]) or name for name, index in positions.items()
            }
            continue
        raw = {name: cells[index] if index < len(cells) else None for name, index in positions.items()}
        for name in _DATE_COLUMNS.intersection(raw):
            if isinstance(raw[name], int | float | str) and not isinstance(raw[name], bool):
                raw[name] = excel_date(raw[name], date_1904=sheet.date_1904)
        yield line_no, raw
    if positions is None and first is not None:
        _map_header(sheet, table, first[1], errors, first[0])  # refuses: not a header
    if positions is None:
        raise _refusal(sheet.source, "Dosya boş: başlık satırı ve kayıt yok.")


class _RowCheck:
    """Collects field errors of one row so every bad cell is reported, not only the first."""

    def __init__(self, errors: _Errors, source: str, line_no: int) -> None:
        self.errors = errors
        self.source = source
        self.line_no = line_no
        self.ok = True

    def __call__(self, column: str, parse: Callable[[Any], Any], value: Any) -> Any:
        try:
            return parse(value)
        except FieldError as exc:
            self.ok = False
            self.errors.add(self.source, self.line_no, column, exc.message)
            return None

    def fail(self, column: str, message: str) -> None:
        self.ok = False
        self.errors.add(self.source, self.line_no, column, message)


def _optional(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``parse`` for a cell that may be left empty (then None)."""
    return lambda value: parse(value) if cell_text(value) else None


def _text(max_length: int) -> Callable[[Any], str]:
    return lambda value: parse_text(cell_text(value), max_length=max_length)


def _number(minimum: int, maximum: int | None = None) -> Callable[[Any], int]:
    return lambda value: parse_int(cell_text(value), minimum=minimum, maximum=maximum)


def _parse_status(value: Any) -> str | None:
    """The status code of a status word; None for a word no table knows (kept as written)."""
    key = header_key(value)
    if not key:
        return "active"
    return _STATUS_WORDS.get(key) or _STATUS_WORDS.get(reference.name_key(value))


def _parse_phone_cell(value: Any) -> str:
    """A phone cell by the entry form's rule (:func:`parse_phone`).

    A number cell (the leading 0 Excel drops is not needed: ten digits are stored)
    reads as its digits; text goes to the rule as written, which also reads
    "3125551234.0" and refuses Excel's shortened "3,12555E+09".
    """
    return parse_phone(cell_text(value))


# A MERSİS number begins with a 0, often two: Excel, taking it for a number, drops them. Up to
# two are given back; a number shorter still is refused, not padded into one nobody wrote.
_MERSIS_LOST_ZEROS = 2


def _parse_mersis_cell(value: Any) -> str:
    """A MERSİS cell by the entry form's rule (:func:`parse_mersis`), read as Excel leaves it.

    A cell Excel stored as a number (or a program wrote as "123456789012345.0") lost its
    leading zeros, which are given back; one with all sixteen digits is refused: Excel keeps
    fifteen and turns the sixteenth into 0, so its last digit may be wrong. A shortened
    "1,23457E+15" is refused by the rule itself. Text of 14–15 digits not starting with 0 is
    such a number written out into a CSV file.
    """
    digits = number_cell_digits(value)
    if digits is None:
        text = cell_text(value).lstrip("'").strip()
        compact = re.sub(r"[\s.\-/]", "", text)
        if not (compact.isascii() and compact.isdigit() and not compact.startswith("0")):
            return parse_mersis(text)
        digits = compact
    elif len(digits) >= 16:
        raise FieldError(
            tx(
                "MERSİS No Excel'de sayı olarak saklanmış ({digits}): Excel 15 haneden uzun sayıların son "
                "hanesini 0 yapar, bu numaranın son hanesi yanlış olabilir. Excel'de bu sütunu 'Metin' "
                "biçimine çevirip numarayı yeniden yazın."
            ).format(digits=digits)
        )
    if 16 - _MERSIS_LOST_ZEROS <= len(digits) < 16:
        digits = digits.zfill(16)
    return parse_mersis(digits)


def _emptied(column_label: str, written: str, message: str) -> str:
    return tx(
        "'{written}' alınmadı: {message} {label} boş olarak alındı; dosyada düzeltip listeyi yeniden "
        "yükleyin."
    ).format(written=written, message=message, label=column_label)


def _parse_choice(mapping: dict[str, str], what: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        key = header_key(value)
        if key in mapping:
            return mapping[key]
        raise FieldError(tx("'{v}' geçerli bir {what} değil.").format(v=cell_text(value), what=what))

    return parse


def _parse_vkn_cell(value: Any) -> str:
    # Excel stores a VKN typed as a number without its leading zero, and a CSV it saves keeps
    # the nine digits ("123456789"): read as the member lists read it (``identity_text``).
    return parse_vkn(identity_text(value))


def _parse_past_date(value: Any) -> str:
    return parse_date(_cell_date(value))


def _parse_type(value: Any) -> str | None:
    """The type code of a Ministry type name, short or full; None for a name no table knows."""
    if not cell_text(value):
        raise FieldError(tx("Kooperatif türü boş bırakılamaz."))
    return reference.match_cooperative_type(cell_text(value))


def _parse_province(value: Any) -> str:
    return reference.parse_province(cell_text(value))


def _district_of(province_code: str) -> Callable[[Any], str]:
    return lambda value: reference.parse_district(cell_text(value), province_code)


def _cooperative_rows(
    sheet: Sheet, errors: _Errors, warnings: _Errors | None = None
) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Valid cooperative records by id, and every id named in the file (valid or not).

    A type or status word no table knows does not refuse the row: the cooperative is
    kept under "Diğer" with the word as written, and ``warnings`` names the row. A
    phone or MERSİS number the entry form's rule refuses does not either: the
    cooperative is kept with that field empty (never a wrong number), and the warning
    says what was written, why it is wrong and what to do.
    """
    warnings = warnings if warnings is not None else _Errors(headers=errors.headers)
    records: dict[str, dict[str, Any]] = {}
    named: set[str] = set()
    first_line: dict[str, int] = {}
    for line_no, raw in _table_rows(sheet, COOPERATIVES, errors):
        check = _RowCheck(errors, sheet.source, line_no)
        named.add(cell_text(raw["registry_id"]))
        coop_id = check("registry_id", _text(40), raw["registry_id"])
        title = check("title", _text(300), raw["title"])
        ctype = check("type", _parse_type, raw["type"])
        province = check("province_code", _parse_province, raw["province_code"])
        district = None
        if province is not None:
            district = check("district", _district_of(province), raw["district"])
        vkn = check("vkn", _optional(_parse_vkn_cell), raw["vkn"])
        founded = check("founded_on", _optional(_parse_past_date), raw["founded_on"])
        status = check("status", _parse_status, raw["status"])
        version = check("version", _optional(_number(1)), raw.get("version"))
        phone = mersis = None
        if check.ok:  # a refused row's phone is not worth a warning of its own
            phone = _optional_or_warned(
                _parse_phone_cell, raw.get("phone"), warnings, sheet.source, line_no, "phone", tx("Telefon")
            )
            mersis = _optional_or_warned(
                _parse_mersis_cell,
                raw.get("mersis_no"),
                warnings,
                sheet.source,
                line_no,
                "mersis_no",
                tx("MERSİS No"),
            )
        if coop_id is not None and coop_id in records:
            check.fail(
                "registry_id",
                f"'{coop_id}' sicil numarası dosyada iki kez var (ilki satır {first_line[coop_id]}).",
            )
        if not check.ok or coop_id is None:
            continue
        first_line[coop_id] = line_no
        written: dict[str, str] = {}
        if ctype is None:
            written["type_as_written"] = cell_text(raw["type"])
            warnings.add(
                sheet.source,
                line_no,
                "type",
                f"'{cell_text(raw['type'])}' tanınan bir kooperatif türü değil; kooperatif "
                "'Diğer Kooperatif' türüyle, tür yazıldığı gibi saklanarak alındı.",
            )
        if status is None:
            written["status_as_written"] = cell_text(raw["status"])
            warnings.add(
                sheet.source,
                line_no,
                "status",
                f"'{cell_text(raw['status'])}' tanınan bir durum değil; durum 'Diğer' olarak, "
                "yazıldığı gibi saklanarak alındı.",
            )
        records[coop_id] = {
            **written,
            "id": coop_id,
            "title": title,
            "cooperative_type": ctype or "diger",
            "province_code": province,
            "district": district,
            "address": cell_text(raw["address"]) or None,
            "phone": phone,
            "vkn": vkn,
            "mersis_no": mersis,
            "trade_registry_no": cell_text(raw["trade_registry_no"]) or None,
            "status": status or "other",
            "founded_on": founded,
            "version": version or 1,
            "members": [],
            "board": [],
            "audit_board": [],
            "assemblies": [],
            "articles": [],
            "unions": [],
        }
    return records, named


def _optional_or_warned(
    parse: Callable[[Any], str],
    value: Any,
    warnings: _Errors,
    source: str,
    line_no: int,
    column: str,
    label: str,
) -> str | None:
    """``parse(value)`` for an optional cell; None for an empty one, and for a bad one with a warning."""
    if not cell_text(value):
        return None
    try:
        return parse(value)
    except FieldError as exc:
        warnings.add(source, line_no, column, _emptied(label, display_text(value), exc.message))
        return None


def _child_row(table: Table, raw: dict[str, Any], check: _RowCheck) -> tuple[str, Any, dict[str, Any]]:
    """(record list name, natural key, row) of one child row, parse errors recorded in ``check``."""
    if table is MEMBERS:
        # identity_text as a member list reads it: a VKN Excel kept as a number gets its leading zero back.
        key = check("member_id", lambda v: parse_tckn_or_vkn(identity_text(v)), raw["member_id"])
        return (
            "members",
            key,
            {
                "member_id": key,
                "full_name": check("full_name", _text(200), raw["full_name"]),
                "shares": check("shares", _optional(_number(0)), raw.get("shares")),
                "joined_on": check("joined_on", _optional(_parse_past_date), raw.get("joined_on")),
            },
        )
    if table is BOARD or table is AUDITORS:
        key = check("id_no", lambda v: parse_tckn(identity_text(v)), raw["id_no"])
        row: dict[str, Any] = {
            "id_no": key,
            "full_name": check("full_name", _text(200), raw["full_name"]),
        }
        if table is BOARD:
            row["role"] = check("role", _BOARD_ROLES, raw["role"])
        row["term_years"] = check("term_years", _optional(_number(1, 10)), raw.get("term_years"))
        return ("board" if table is BOARD else "audit_board"), key, row
    key = check("date", _parse_past_date, raw["date"])
    return (
        "assemblies",
        key,
        {
            "date": key,
            "kind": check("kind", _ASSEMBLY_KINDS, raw["kind"]),
            "fiscal_year": check("fiscal_year", _optional(_number(1950, 2100)), raw.get("fiscal_year")),
            "place": cell_text(raw.get("place")) or None,
            "result": check("result", _optional(_ASSEMBLY_RESULTS), raw.get("result")),
        },
    )


_BOARD_ROLES = _parse_choice(_choice_map("board.replace", "role", "board"), "yönetim kurulu görevi")
_ASSEMBLY_KINDS = _parse_choice(
    _choice_map("assembly.record", "kind"), "genel kurul türü (Olağan/Olağanüstü)"
)
_ASSEMBLY_RESULTS = _parse_choice(_choice_map("assembly.record", "result"), "genel kurul sonucu")


def _child_rows(
    sheet: Sheet,
    table: Table,
    records: dict[str, dict[str, Any]],
    known_ids: set[str],
    errors: _Errors,
) -> int:
    """Validate the rows of a child table and append them to their cooperative's record."""
    seen: dict[tuple[str, Any], int] = {}
    count = 0
    for line_no, raw in _table_rows(sheet, table, errors):
        check = _RowCheck(errors, sheet.source, line_no)
        coop_id = cell_text(raw["registry_id"])
        if not coop_id:
            check.fail("registry_id", "Kooperatifin sicil numarası boş bırakılamaz.")
        elif coop_id not in known_ids:
            check.fail(
                "registry_id",
                f"'{coop_id}' sicil numaralı kooperatif, kooperatifler dosyasında yok.",
            )
        target, key, row = _child_row(table, raw, check)
        if key is not None:
            previous = seen.get((coop_id, key))
            if previous is not None:
                check.fail(
                    table.columns[1].name,
                    f"'{key}' bu kooperatif için iki kez yazılmış (ilki satır {previous}).",
                )
            else:
                seen[(coop_id, key)] = line_no
        if check.ok and coop_id in records:
            records[coop_id][target].append(row)
            count += 1
    return count


def import_file(
    store: Store,
    path: Path | str,
    *,
    members: Path | str | None = None,
    board: Path | str | None = None,
    auditors: Path | str | None = None,
    assemblies: Path | str | None = None,
) -> ImportReport:
    """Import a province's cooperatives with members, board, auditors, assemblies.

    Any file :func:`services.spreadsheet.open_sheets` reads: .xlsx, .xlsm, .xlsb,
    .xls, .ods, CSV/TXT. ``path`` holds the cooperatives; in a workbook the other tables may be sheets of
    the same workbook ("Ortaklar", "Yönetim Kurulu", "Denetim Kurulu", "Genel
    Kurullar"), otherwise each comes in its own file. A file given explicitly
    wins over a sheet. Every cooperative in the file is replaced as a whole.
    All rows are validated before anything is written; any error raises
    :class:`SnapshotImportError` and the database is left as it was. A phone or
    MERSİS number the entry form would refuse is left empty with a warning in the
    report (see the module's docstring).
    """
    main = Path(path)
    explicit = {"members": members, "board": board, "auditors": auditors, "assemblies": assemblies}
    # A file open in Excel or LibreOffice meanwhile: what is not saved there is not read. Said
    # after a refusal too (a person who corrected the rows there would read the same refusal).
    files = [main, *(Path(given) for given in explicit.values() if given is not None)]
    notices = tuple(notice for notice in map(open_elsewhere_notice, files) if notice)
    try:
        return _import_file(store, main, explicit, notices)
    except SpreadsheetError as exc:
        for notice in notices:
            told(exc, notice)
        raise


def _import_file(
    store: Store, main: Path, explicit: dict[str, Path | str | None], notices: tuple[str, ...]
) -> ImportReport:
    opened: list[Sheets] = []
    errors = _Errors()
    warnings = _Errors(headers=errors.headers)
    sources: list[str] = []
    encodings: dict[str, str] = {}

    def open_sheet(file: Path, table: Table) -> Sheet:
        sheets = open_sheets(file)
        opened.append(sheets)
        if sheets.encoding:
            encodings[sheets.source] = sheets.encoding
        sheet = sheets.sheet(table.sheet_names)
        assert sheet is not None  # the first worksheet when none is named like the table
        sources.append(sheet.source)
        return sheet

    try:
        with refused_as(SnapshotImportError):
            main_sheet = open_sheet(main, COOPERATIVES)
            main_file = opened[0]
            # Children of rows that failed validation are still checked, not reported as orphans.
            records, known_ids = _cooperative_rows(main_sheet, errors, warnings)
            counts = {"cooperatives": len(records)}
            for table in (MEMBERS, BOARD, AUDITORS, ASSEMBLIES):
                given = explicit[table.key]
                sheet: Sheet | None
                if given is not None:
                    sheet = open_sheet(Path(given), table)
                elif main_file.book is not None:
                    sheet = main_file.sheet(table.sheet_names, fallback_first=False)
                    if sheet is not None:
                        sources.append(sheet.source)
                else:
                    sheet = None
                target = "board_members" if table is BOARD else table.key
                counts[target] = _child_rows(sheet, table, records, known_ids, errors) if sheet else 0
    finally:
        for sheets in opened:
            sheets.close()
    if errors.total:
        shown = min(errors.total, MAX_LISTED_ERRORS)
        raise SnapshotImportError(
            f"İçe aktarma yapılmadı: {errors.total} hata bulundu"
            + (f" (ilk {shown} tanesi listelendi)" if errors.total > shown else "")
            + ". Dosyaları düzeltip yeniden deneyin; veritabanında hiçbir şey değişmedi.",
            errors.items,
        )
    if not records:
        raise _refusal(main.name, "Dosyada içe aktarılacak kooperatif kaydı yok.")
    skipped: list[tuple[str, str]] = []
    snapshot.upsert_records(store, records.values(), skipped=skipped)
    if skipped:
        counts["cooperatives"] -= len(skipped)
    return ImportReport(
        counts=counts,
        sources=tuple(sources),
        encodings=encodings,
        warnings=tuple(warnings.items),
        warning_count=warnings.total,
        skipped=tuple(skipped),
        notices=notices,
    )
