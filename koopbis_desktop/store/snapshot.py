"""The offline reference snapshot: cooperatives, their members, boards and assemblies.

Between Sanayi.Net closing and KOOP-BİS opening, a clerk still has to find the
cooperative an entry is about and see what it looked like (the entry's ``base``).
This module keeps that snapshot in the local database and answers the three
questions the desktop asks of it:

* write a batch of records (from the sync refresh or a file import) quickly and
  atomically: :func:`upsert_records` replaces whole cooperatives in one transaction;
* read one cooperative back in exactly the ``domain.records`` shape: :func:`get_record`;
* search-as-you-type by title words, registry id or VKN: :func:`search`.

Search runs on an FTS5 index of the folded ``search`` column (migration 2). The
alternative, a ``LIKE`` scan of the folded column, was measured at 90,000
cooperatives and missed the 15 ms p95 target (see ``docs/benchmarks.md``); FTS5
with prefix indexes answers in a few milliseconds. FTS5's own tokenizer does not
know Turkish, so it is only ever fed text that :func:`~koopbis_desktop.domain.text.fold`
already folded, and queries are folded the same way.

:func:`import_file` reads the province's list from CSV or XLSX files that a
directorate exports from Sanayi.Net or keeps in Excel (columns documented in
``docs/snapshot-import.md``). Every row is validated first; any error raises
:class:`SnapshotImportError` listing file, line, column and a Turkish message,
and nothing is written.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from koopbis_desktop.domain import reference
from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.records import STATUSES
from koopbis_desktop.domain.text import fold, fold_tokens
from koopbis_desktop.domain.validators import (
    FieldError,
    parse_date,
    parse_int,
    parse_tckn,
    parse_tckn_or_vkn,
    parse_text,
    parse_vkn,
)
from koopbis_desktop.store.errors import StoreError

if TYPE_CHECKING:
    from koopbis_desktop.store.db import Store

# --------------------------------------------------------------------------- schema

_FTS_SQL = """
CREATE VIRTUAL TABLE cooperatives_fts USING fts5(
    search,
    content='cooperatives',
    content_rowid='rowid',
    tokenize='unicode61',
    prefix='2 3'
);
CREATE TRIGGER cooperatives_fts_insert AFTER INSERT ON cooperatives BEGIN
    INSERT INTO cooperatives_fts(rowid, search) VALUES (new.rowid, new.search);
END;
CREATE TRIGGER cooperatives_fts_delete AFTER DELETE ON cooperatives BEGIN
    INSERT INTO cooperatives_fts(cooperatives_fts, rowid, search)
        VALUES ('delete', old.rowid, old.search);
END;
CREATE TRIGGER cooperatives_fts_update AFTER UPDATE OF search ON cooperatives BEGIN
    INSERT INTO cooperatives_fts(cooperatives_fts, rowid, search)
        VALUES ('delete', old.rowid, old.search);
    INSERT INTO cooperatives_fts(rowid, search) VALUES (new.rowid, new.search);
END;
INSERT INTO cooperatives_fts(cooperatives_fts) VALUES ('rebuild');
"""


def migration_2_search_index(conn: sqlite3.Connection) -> None:
    """Schema step 2: an FTS5 index over ``cooperatives.search``, kept current by triggers.

    External content: the folded text is stored once, in ``cooperatives``. The
    index is keyed by the cooperatives' rowid; triggers keep it in step with
    every insert, delete and change of ``search``, whoever writes.
    """
    # Imported here: migrations imports this module for MIGRATIONS.
    from koopbis_desktop.store.migrations import run_script

    run_script(conn, _FTS_SQL)


def rebuild_search_index(store: Store) -> None:
    """Rebuild the FTS index from ``cooperatives`` (repair tool; never needed in normal use).

    The index follows the table's rowids, which SQLite keeps across VACUUM in
    practice but does not promise to; a rebuild puts them right again.
    """
    with store.write() as conn:
        conn.execute("INSERT INTO cooperatives_fts(cooperatives_fts) VALUES ('rebuild')")


# --------------------------------------------------------------------------- writing

_COOP_COLUMNS = (
    "id",
    "title",
    "cooperative_type",
    "province_code",
    "district",
    "address",
    "phone",
    "vkn",
    "mersis_no",
    "trade_registry_no",
    "status",
    "founded_on",
    "version",
    "articles",
    "unions",
    "search",
    "imported_at",
)
_UPSERT_COOPERATIVE = (
    f"INSERT INTO cooperatives ({', '.join(_COOP_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _COOP_COLUMNS)}) "
    "ON CONFLICT(id) DO UPDATE SET " + ", ".join(f"{name} = excluded.{name}" for name in _COOP_COLUMNS[1:])
)
_CHILD_TABLES = ("members", "board_members", "auditors", "assemblies")
_INSERT_MEMBER = (
    "INSERT INTO members (cooperative_id, member_id, full_name, shares, joined_on) VALUES (?, ?, ?, ?, ?)"
)
_INSERT_BOARD = (
    "INSERT INTO board_members (cooperative_id, position, id_no, full_name, role, term_years) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_AUDITOR = (
    "INSERT INTO auditors (cooperative_id, position, id_no, full_name, term_years) VALUES (?, ?, ?, ?, ?)"
)
_INSERT_ASSEMBLY = (
    "INSERT INTO assemblies (cooperative_id, date, kind, fiscal_year, place, result) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_CHUNK = 2_000


def search_text(record: dict[str, Any]) -> str:
    """The folded text a cooperative is found by: title, registry id, VKN, trade registry no."""
    parts = (
        record.get("title"),
        record.get("id"),
        record.get("vkn"),
        record.get("trade_registry_no"),
    )
    return fold(" ".join(str(part) for part in parts if part))


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _write_chunk(conn: sqlite3.Connection, chunk: dict[str, dict[str, Any]], imported_at: str) -> None:
    ids = [(coop_id,) for coop_id in chunk]
    for table in _CHILD_TABLES:
        conn.executemany(f"DELETE FROM {table} WHERE cooperative_id = ?", ids)
    coops: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    board: list[tuple[Any, ...]] = []
    auditors: list[tuple[Any, ...]] = []
    assemblies: list[tuple[Any, ...]] = []
    for coop_id, rec in chunk.items():
        get = rec.get
        coops.append(
            (
                coop_id,
                rec["title"],
                get("cooperative_type"),
                get("province_code"),
                get("district"),
                get("address"),
                get("phone"),
                get("vkn"),
                get("mersis_no"),
                get("trade_registry_no"),
                get("status") or "active",
                get("founded_on"),
                int(get("version") or 1),
                json.dumps(get("articles") or [], ensure_ascii=False),
                json.dumps(get("unions") or [], ensure_ascii=False),
                search_text(rec),
                imported_at,
            )
        )
        for m in get("members") or ():
            members.append((coop_id, m["member_id"], m["full_name"], m.get("shares"), m.get("joined_on")))
        for position, b in enumerate(get("board") or (), start=1):
            board.append((coop_id, position, b["id_no"], b["full_name"], b.get("role"), b.get("term_years")))
        for position, a in enumerate(get("audit_board") or (), start=1):
            auditors.append((coop_id, position, a["id_no"], a["full_name"], a.get("term_years")))
        for g in get("assemblies") or ():
            assemblies.append(
                (
                    coop_id,
                    g["date"],
                    g.get("kind"),
                    g.get("fiscal_year"),
                    g.get("place"),
                    g.get("result"),
                )
            )
    conn.executemany(_UPSERT_COOPERATIVE, coops)
    conn.executemany(_INSERT_MEMBER, members)
    conn.executemany(_INSERT_BOARD, board)
    conn.executemany(_INSERT_AUDITOR, auditors)
    conn.executemany(_INSERT_ASSEMBLY, assemblies)


def upsert_records(store: Store, records: Iterable[dict[str, Any]], *, imported_at: str | None = None) -> int:
    """Replace each record's cooperative and all its member/board/auditor/assembly rows.

    One transaction for the whole batch: a crash or an error leaves the previous
    snapshot untouched. Records are written in chunks with ``executemany`` so a
    national snapshot (90,000 cooperatives, a million members) takes seconds.
    A record that appears twice wins with its last occurrence. Returns the number
    of records written.
    """
    stamp = imported_at or _now()
    count = 0
    with store.write() as conn:
        chunk: dict[str, dict[str, Any]] = {}
        for record in records:
            coop_id = str(record["id"])
            chunk.pop(coop_id, None)  # keep the order of the last occurrence
            chunk[coop_id] = record
            count += 1
            if len(chunk) >= _CHUNK:
                _write_chunk(conn, chunk, stamp)
                chunk = {}
        if chunk:
            _write_chunk(conn, chunk, stamp)
    return count


# --------------------------------------------------------------------------- reading

_SUMMARY_COLUMNS = "id, title, cooperative_type, province_code, district, vkn, status"
_SUMMARY_KEYS = ("id", "title", "cooperative_type", "province_code", "district", "vkn", "status")


def _summary(row: Sequence[Any]) -> dict[str, Any]:
    return dict(zip(_SUMMARY_KEYS, row, strict=True))


def get_record(store: Store, cooperative_id: str) -> dict[str, Any] | None:
    """The cooperative as a ``domain.records`` dict, lists in their stored order; None if absent."""
    conn = store.conn
    row = conn.execute(
        f"SELECT {', '.join(_COOP_COLUMNS[:15])} FROM cooperatives WHERE id = ?",
        (cooperative_id,),
    ).fetchone()
    if row is None:
        return None
    record: dict[str, Any] = dict(zip(_COOP_COLUMNS[:13], row[:13], strict=True))
    articles, unions = row[13], row[14]
    # Children keep the order they were written in: rowid order within one cooperative.
    record["members"] = [
        {"member_id": r[0], "full_name": r[1], "shares": r[2], "joined_on": r[3]}
        for r in conn.execute(
            "SELECT member_id, full_name, shares, joined_on FROM members "
            "WHERE cooperative_id = ? ORDER BY rowid",
            (cooperative_id,),
        )
    ]
    record["board"] = [
        {"id_no": r[0], "full_name": r[1], "role": r[2], "term_years": r[3]}
        for r in conn.execute(
            "SELECT id_no, full_name, role, term_years FROM board_members "
            "WHERE cooperative_id = ? ORDER BY position",
            (cooperative_id,),
        )
    ]
    record["audit_board"] = [
        {"id_no": r[0], "full_name": r[1], "term_years": r[2]}
        for r in conn.execute(
            "SELECT id_no, full_name, term_years FROM auditors WHERE cooperative_id = ? ORDER BY position",
            (cooperative_id,),
        )
    ]
    record["assemblies"] = [
        {"date": r[0], "kind": r[1], "fiscal_year": r[2], "place": r[3], "result": r[4]}
        for r in conn.execute(
            "SELECT date, kind, fiscal_year, place, result FROM assemblies "
            "WHERE cooperative_id = ? ORDER BY rowid",
            (cooperative_id,),
        )
    ]
    record["articles"] = json.loads(articles)
    record["unions"] = json.loads(unions)
    return record


def get_summary(store: Store, cooperative_id: str) -> dict[str, Any] | None:
    """The list-row fields of one cooperative (what :func:`search` returns), without children."""
    row = store.conn.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM cooperatives WHERE id = ?", (cooperative_id,)
    ).fetchone()
    return _summary(row) if row else None


def count_cooperatives(store: Store, *, province: str | None = None) -> int:
    if province is None:
        row = store.conn.execute("SELECT count(*) FROM cooperatives").fetchone()
    else:
        row = store.conn.execute(
            "SELECT count(*) FROM cooperatives WHERE province_code = ?", (province,)
        ).fetchone()
    return int(row[0])


def count_rows(store: Store) -> dict[str, int]:
    """Row counts of every snapshot table (for reports and the status bar)."""
    return {
        table: int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("cooperatives", *_CHILD_TABLES)
    }


def find_member(store: Store, member_id: str) -> list[dict[str, Any]]:
    """Every membership of the person or entity with this TCKN/VKN, across cooperatives."""
    key = re.sub(r"\s", "", str(member_id))
    rows = store.conn.execute(
        "SELECT m.cooperative_id, c.title, c.province_code, c.status, "
        "m.member_id, m.full_name, m.shares, m.joined_on "
        "FROM members m JOIN cooperatives c ON c.id = m.cooperative_id "
        "WHERE m.member_id = ? ORDER BY c.title",
        (key,),
    ).fetchall()
    keys = (
        "cooperative_id",
        "title",
        "province_code",
        "status",
        "member_id",
        "full_name",
        "shares",
        "joined_on",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


# How many title hits are fetched before ordering by title. Fetching every hit of a
# one- or two-letter prefix (all 90,000 titles contain "kooperatifi") and sorting
# them would cost tens of milliseconds per keystroke; below this many hits the
# list is complete and alphabetical, above it the person is still typing.
SEARCH_CANDIDATES = 500
_IDENT = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-./]*")
_TOP = "\U0010ffff"


def search(store: Store, text: str, *, limit: int = 50, province: str | None = None) -> list[dict[str, Any]]:
    """Cooperatives matching ``text``: registry id, VKN, or words of the title.

    Every word of ``text`` must start a word of the title (or of the id, VKN or
    trade registry no), with or without Turkish letters and in any case:
    "isik", "IŞIK" and "ışık" all find "Işık". Exact id and VKN hits come first,
    then id/VKN prefix hits, then title hits ordered by title.
    """
    raw = text.strip()
    tokens = fold_tokens(raw)
    if not tokens or limit <= 0:
        return []
    conn = store.conn
    found: dict[str, dict[str, Any]] = {}
    where_province = " AND province_code = ?" if province else ""
    extra: tuple[Any, ...] = (province,) if province else ()

    def take(sql: str, params: tuple[Any, ...]) -> None:
        for row in conn.execute(sql, params + extra + (limit,)):
            found.setdefault(row[0], _summary(row))

    compact = re.sub(r"\s", "", raw)
    if _IDENT.fullmatch(compact) and any(ch.isdigit() for ch in compact):
        upper = compact.upper()
        take(
            f"SELECT {_SUMMARY_COLUMNS} FROM cooperatives WHERE id = ?{where_province} LIMIT ?",
            (upper,),
        )
        if compact.isdigit():
            take(
                f"SELECT {_SUMMARY_COLUMNS} FROM cooperatives WHERE vkn = ?{where_province} LIMIT ?",
                (compact,),
            )
        take(
            f"SELECT {_SUMMARY_COLUMNS} FROM cooperatives WHERE id >= ? AND id < ?"
            f"{where_province} ORDER BY id LIMIT ?",
            (upper, upper + _TOP),
        )
        if compact.isdigit() and len(compact) >= 3:
            take(
                f"SELECT {_SUMMARY_COLUMNS} FROM cooperatives WHERE vkn >= ? AND vkn < ?"
                f"{where_province} ORDER BY vkn LIMIT ?",
                (compact, compact + _TOP),
            )
    if len(found) < limit:
        # Tokens are [0-9a-z]+ (fold_tokens), so quoting them is all the escaping needed.
        match = " ".join(f'"{token}"*' for token in tokens)
        columns = ", ".join(f"c.{name}" for name in _SUMMARY_KEYS)
        where_fts_province = " AND c.province_code = ?" if province else ""
        rows = conn.execute(
            f"SELECT {columns}, c.search FROM cooperatives_fts f "
            "JOIN cooperatives c ON c.rowid = f.rowid "
            f"WHERE cooperatives_fts MATCH ?{where_fts_province} LIMIT ?",
            (match, *extra, SEARCH_CANDIDATES),
        ).fetchall()
        # ``search`` starts with the folded title: ordering by it is ordering by title,
        # without folding hundreds of titles again on every keystroke.
        rows.sort(key=lambda row: row[-1])
        for row in rows:
            if len(found) >= limit:
                break
            found.setdefault(row[0], _summary(row[:-1]))
    return list(found.values())[:limit]


# --------------------------------------------------------------------------- import


class SnapshotImportError(StoreError):
    """An import file was refused; nothing was imported.

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


MAX_LISTED_ERRORS = 50


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote: rows per table and the files read."""

    counts: dict[str, int]
    sources: tuple[str, ...] = ()

    def text(self) -> str:
        c = self.counts
        return (
            f"{c.get('cooperatives', 0)} kooperatif, {c.get('members', 0)} ortak, "
            f"{c.get('board_members', 0)} yönetim kurulu üyesi, {c.get('auditors', 0)} "
            f"denetim kurulu üyesi, {c.get('assemblies', 0)} genel kurul kaydı içe aktarıldı."
        )

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


def header_key(text: object) -> str:
    """A header cell reduced for matching: folded, punctuation and spaces removed."""
    return re.sub(r"[^0-9a-z]", "", fold(str(text if text is not None else "")))


def _choice_map(type_id: str, field_name: str, group: str | None = None) -> dict[str, str]:
    """Code or Turkish label (as a header key) → code, read from the change type schema."""
    f = get_type(type_id).field(group or field_name)
    if group:
        f = next(sub for sub in f.fields if sub.name == field_name)
    mapping: dict[str, str] = {}
    for choice in f.choices:
        mapping[header_key(choice.value)] = choice.value
        mapping[header_key(choice.label)] = choice.value
    return mapping


_STATUS_WORDS = {
    **{header_key(code): code for code in STATUSES},
    **{header_key(label): code for code, label in STATUSES.items()},
    "aktif": "active",
    "tasfiyede": "in_liquidation",
    "tasfiye": "in_liquidation",
    "terkin": "dissolved",
    "sonaerdi": "dissolved",
    "birlesti": "merged",
    "birlesme": "merged",
}


@dataclass
class Sheet:
    """Rows of one table as read from a file: (line number, cells), header first."""

    source: str
    rows: Iterator[tuple[int, list[Any]]]


@dataclass
class _Errors:
    items: list[tuple[str, int, str, str]] = field(default_factory=list)
    total: int = 0

    def add(self, source: str, line_no: int, column: str, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_LISTED_ERRORS:
            self.items.append((source, line_no, column, message))


def import_error(source: str, message: str) -> SnapshotImportError:
    return SnapshotImportError(f"{source}: {message}", [(source, 0, "", message)])


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def _cell_date(value: Any) -> Any:
    # Excel dates arrive as datetime; parse_date takes a date, not a datetime.
    return value.date() if isinstance(value, datetime) else value


def read_csv(path: Path, source: str) -> Sheet:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise import_error(source, f"Dosya okunamadı ({exc.strerror or exc}).") from exc
    if not data.strip():
        raise import_error(source, "Dosya boş; başlık satırı ve en az bir kayıt olmalı.")
    if b"\x00" in data or data.startswith(b"PK\x03\x04"):
        raise import_error(
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
        raise SnapshotImportError(f"{source}: {message}", [(source, line_no, "", message)]) from exc
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as exc:
            message = f"CSV satırı okunamadı ({exc}); tırnak işaretlerini kontrol edin."
            raise SnapshotImportError(
                f"{source}: {message}", [(source, reader.line_num, "", message)]
            ) from exc

    return Sheet(source, rows())


def check_xlsx_file(path: Path, source: str) -> None:
    """Refuse, in Turkish, a file that cannot be an .xlsx (unreadable, empty, no zip header)."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise import_error(source, f"Dosya okunamadı ({exc.strerror or exc}).") from exc
    if not magic:
        raise import_error(source, "Dosya boş.")
    if magic != b"PK\x03\x04":
        raise import_error(
            source,
            "Dosya geçerli bir Excel (.xlsx) dosyası değil. Eski .xls dosyalarını Excel'de "
            "açıp .xlsx ya da 'CSV UTF-8' olarak kaydedin.",
        )


class _Workbook:
    """An XLSX file opened read-only; closed by the import when done."""

    def __init__(self, path: Path, source: str) -> None:
        self.source = source
        check_xlsx_file(path, source)
        from openpyxl import load_workbook

        try:
            # openpyxl warns about styles and extensions it ignores; they do not
            # affect the cell values read here, and pytest turns warnings into errors.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.book = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
            raise import_error(source, "Excel dosyası açılamadı: bozuk ya da .xlsx biçiminde değil.") from exc
        except Exception as exc:  # openpyxl raises assorted parser errors on bad XML
            raise import_error(source, f"Excel dosyası okunamadı ({type(exc).__name__}).") from exc

    def sheet(self, table: Table, *, fallback_first: bool) -> Sheet | None:
        wanted = {header_key(name) for name in table.sheet_names}
        names: list[str] = list(self.book.sheetnames)
        chosen = next((name for name in names if header_key(name) in wanted), None)
        if chosen is None:
            if not fallback_first or not names:
                return None
            chosen = names[0]
        worksheet = self.book[chosen]
        source = f"{self.source} [{chosen}]"

        def rows() -> Iterator[tuple[int, list[Any]]]:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    for number, cells in enumerate(worksheet.iter_rows(values_only=True), 1):
                        yield number, list(cells)
            except SnapshotImportError:
                raise
            except Exception as exc:  # damaged sheet XML inside a valid zip
                raise import_error(source, f"Excel sayfası okunamadı ({type(exc).__name__}).") from exc

        return Sheet(source, rows())

    def close(self) -> None:
        self.book.close()


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


def _map_header(sheet: Sheet, table: Table, header: list[Any], errors: _Errors) -> dict[str, int]:
    """Canonical column name → cell index; records missing required columns as errors."""
    by_key: dict[str, str] = {}
    for column in table.columns:
        for alias in (column.name, *column.aliases):
            by_key.setdefault(header_key(alias), column.name)
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = by_key.get(header_key(cell))
        if name is not None and name not in positions:
            positions[name] = index  # the first of two columns meaning the same wins
    missing = [c for c in table.columns if c.required and c.name not in positions]
    if missing:
        found = ", ".join(f"'{_cell_text(c)}'" for c in header if _cell_text(c)) or "(boş)"
        for column in missing:
            accepted = ", ".join(f"'{a}'" for a in (column.name, *column.aliases))
            errors.add(
                sheet.source,
                1,
                column.name,
                f"Zorunlu '{column.name}' sütunu yok. Kabul edilen başlıklar: {accepted}.",
            )
        names = ", ".join(c.name for c in missing)
        raise SnapshotImportError(
            f"{sheet.source}: {table.label} dosyasında zorunlu sütunlar eksik: {names}. "
            f"Dosyadaki başlıklar: {found}.",
            errors.items,
        )
    return positions


def _table_rows(sheet: Sheet, table: Table, errors: _Errors) -> Iterator[tuple[int, dict[str, Any]]]:
    """Data rows of ``sheet`` as {canonical column: raw cell}, skipping empty rows."""
    positions: dict[str, int] | None = None
    for line_no, cells in sheet.rows:
        if not any(_cell_text(c) for c in cells):
            continue
        if positions is None:
            positions = _map_header(sheet, table, cells, errors)
            continue
        yield (
            line_no,
            {name: cells[index] if index < len(cells) else None for name, index in positions.items()},
        )
    if positions is None:
        raise import_error(sheet.source, "Dosya boş: başlık satırı ve kayıt yok.")


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
    return lambda value: parse(value) if _cell_text(value) else None


def _text(max_length: int) -> Callable[[Any], str]:
    return lambda value: parse_text(_cell_text(value), max_length=max_length)


def _number(minimum: int, maximum: int | None = None) -> Callable[[Any], int]:
    return lambda value: parse_int(_cell_text(value), minimum=minimum, maximum=maximum)


def _parse_status(value: Any) -> str:
    key = header_key(value)
    if not key:
        return "active"
    if key in _STATUS_WORDS:
        return _STATUS_WORDS[key]
    accepted = ", ".join(f"'{label}'" for label in STATUSES.values())
    raise FieldError(f"'{_cell_text(value)}' tanınan bir durum değil; şunlardan birini yazın: {accepted}.")


def _parse_choice(mapping: dict[str, str], what: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        key = header_key(value)
        if key in mapping:
            return mapping[key]
        raise FieldError(f"'{_cell_text(value)}' geçerli bir {what} değil.")

    return parse


def _parse_vkn_cell(value: Any) -> str:
    # Excel stores a VKN typed as a number without its leading zero.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return parse_vkn(_cell_text(value).zfill(10))
    return parse_vkn(value)


def _parse_past_date(value: Any) -> str:
    return parse_date(_cell_date(value))


def _parse_type(value: Any) -> str:
    return reference.parse_cooperative_type(_cell_text(value))


def _parse_province(value: Any) -> str:
    return reference.parse_province(_cell_text(value))


def _district_of(province_code: str) -> Callable[[Any], str]:
    return lambda value: reference.parse_district(_cell_text(value), province_code)


def _cooperative_rows(sheet: Sheet, errors: _Errors) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Valid cooperative records by id, and every id named in the file (valid or not)."""
    records: dict[str, dict[str, Any]] = {}
    named: set[str] = set()
    first_line: dict[str, int] = {}
    for line_no, raw in _table_rows(sheet, COOPERATIVES, errors):
        check = _RowCheck(errors, sheet.source, line_no)
        named.add(_cell_text(raw["registry_id"]))
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
        if coop_id is not None and coop_id in records:
            check.fail(
                "registry_id",
                f"'{coop_id}' sicil numarası dosyada iki kez var (ilki satır {first_line[coop_id]}).",
            )
        if not check.ok or coop_id is None:
            continue
        first_line[coop_id] = line_no
        records[coop_id] = {
            "id": coop_id,
            "title": title,
            "cooperative_type": ctype,
            "province_code": province,
            "district": district,
            "address": _cell_text(raw["address"]) or None,
            "phone": _cell_text(raw.get("phone")) or None,
            "vkn": vkn,
            "mersis_no": _cell_text(raw.get("mersis_no")) or None,
            "trade_registry_no": _cell_text(raw["trade_registry_no"]) or None,
            "status": status,
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


def _child_row(table: Table, raw: dict[str, Any], check: _RowCheck) -> tuple[str, Any, dict[str, Any]]:
    """(record list name, natural key, row) of one child row, parse errors recorded in ``check``."""
    if table is MEMBERS:
        key = check("member_id", lambda v: parse_tckn_or_vkn(_cell_text(v)), raw["member_id"])
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
        key = check("id_no", lambda v: parse_tckn(_cell_text(v)), raw["id_no"])
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
            "place": _cell_text(raw.get("place")) or None,
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
        coop_id = _cell_text(raw["registry_id"])
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
    """Import a province's cooperatives (CSV or XLSX) with members, board, auditors, assemblies.

    ``path`` holds the cooperatives; in an XLSX the other tables may be sheets of
    the same workbook ("Ortaklar", "Yönetim Kurulu", "Denetim Kurulu", "Genel
    Kurullar"), otherwise each comes in its own file. A file given explicitly
    wins over a sheet. Every cooperative in the file is replaced as a whole.
    All rows are validated before anything is written; any error raises
    :class:`SnapshotImportError` and the database is left as it was.
    """
    main = Path(path)
    explicit = {"members": members, "board": board, "auditors": auditors, "assemblies": assemblies}
    books: list[_Workbook] = []
    errors = _Errors()
    sources: list[str] = []

    def open_sheet(file: Path, table: Table, *, required: bool) -> Sheet | None:
        source = file.name
        if not file.is_file():
            raise import_error(source, f"Dosya bulunamadı: {file}")
        if file.suffix.lower() == ".xls":
            raise import_error(
                source,
                "Eski Excel biçimi (.xls) okunamaz; Excel'de .xlsx ya da 'CSV UTF-8' olarak kaydedin.",
            )
        if is_xlsx(file):
            book = _Workbook(file, source)
            books.append(book)
            sheet = book.sheet(table, fallback_first=required)
        else:
            sheet = read_csv(file, source)
        if sheet is not None:
            sources.append(sheet.source)
        return sheet

    try:
        main_sheet = open_sheet(main, COOPERATIVES, required=True)
        assert main_sheet is not None  # required=True always yields a sheet
        # Children of rows that failed validation are still checked, not reported as orphans.
        records, known_ids = _cooperative_rows(main_sheet, errors)
        counts = {"cooperatives": len(records)}
        for table in (MEMBERS, BOARD, AUDITORS, ASSEMBLIES):
            given = explicit[table.key]
            sheet: Sheet | None
            if given is not None:
                sheet = open_sheet(Path(given), table, required=True)
            elif books and books[0].source == main.name:
                sheet = books[0].sheet(table, fallback_first=False)
                if sheet is not None:
                    sources.append(sheet.source)
            else:
                sheet = None
            target = "board_members" if table is BOARD else table.key
            counts[target] = _child_rows(sheet, table, records, known_ids, errors) if sheet else 0
    finally:
        for book in books:
            book.close()
    if errors.total:
        shown = min(errors.total, MAX_LISTED_ERRORS)
        raise SnapshotImportError(
            f"İçe aktarma yapılmadı: {errors.total} hata bulundu"
            + (f" (ilk {shown} tanesi listelendi)" if errors.total > shown else "")
            + ". Dosyaları düzeltip yeniden deneyin; veritabanında hiçbir şey değişmedi.",
            errors.items,
        )
    if not records:
        raise import_error(main.name, "Dosyada içe aktarılacak kooperatif kaydı yok.")
    upsert_records(store, records.values())
    return ImportReport(counts=counts, sources=tuple(sources))
