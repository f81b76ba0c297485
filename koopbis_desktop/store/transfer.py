"""Copying a whole database, row for row, into an empty one: file → office, office → file, file → file.

Both engines hold the same tables at the same schema version, so a copy is the
rows themselves: read from the source inside one consistent snapshot, written
into the target inside **one** transaction, parents before children, in the
order the store reads them back (``rowid`` order where it sorts by ``rowid``;
the target numbers those rows anew in the same order). Entry numbers, the
revisions' and sync runs' ids, the password hashes and the audit chain (same
``seq``, same hashes, same head) are copied as they are.

Before that transaction commits, every table of the target is read back and
compared with the source — its row count and a hash of its rows — and the
audit chain is verified on the target; any difference raises
:class:`CopyRefused` and the transaction rolls back, so a target is either a
whole copy or as empty as it was. One transaction rather than chunks: an
office server and a new file both take a queue's worth of rows in one
transaction easily, and a cut-off copy then leaves nothing half-written that a
later run would have to recognise.

``sync_lock`` is not copied: its row names a process of the source's PC that
is sending right now, not data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.store import audit
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.engine import Connection, dialect_of
from koopbis_desktop.store.errors import KnownError

Progress = Callable[[str, float], None]

#: Rows fetched and written per round trip (attachments are whole files: keep it modest).
PAGE = 200


@dataclass(frozen=True)
class Table:
    name: str
    #: The paging key, which is also the order rows are copied in (and that of the store's reads).
    key: tuple[str, ...]


#: Every table with data, parents before children (foreign keys hold after each statement).
#: ``entries.cooperative_ref`` points at an older entry: entries are never deleted and the key
#: of a new row is always above every existing one, so rowid order has each referred entry first.
TABLES: tuple[Table, ...] = (
    Table("settings", ("key",)),
    Table("users", ("username",)),
    Table("cooperatives", ("rowid",)),
    Table("members", ("rowid",)),
    Table("board_members", ("rowid",)),
    Table("auditors", ("rowid",)),
    Table("assemblies", ("rowid",)),
    Table("attachments", ("sha256",)),
    Table("entries", ("rowid",)),
    Table("revisions", ("id",)),
    Table("entry_attachments", ("entry_uuid", "sha256")),
    Table("audit", ("seq",)),
    Table("autosave", ("form_id",)),
    Table("sync_attempts", ("entry_uuid",)),
    Table("sync_registrations", ("entry_uuid",)),
    Table("sync_runs", ("id",)),
    Table("sync_meta", ("key",)),
)

#: What makes a target "not empty" in the person's words (any row of any copied table refuses it).
_NAMED = {"entries": "kayıt", "users": "hesap", "audit": "denetim izi satırı"}

#: Identity columns whose values are copied: the office database's counter must continue after them.
_IDENTITIES = (("revisions", "id"), ("sync_runs", "id"))


class CopyRefused(KnownError):
    """The copy could not be made whole; the target was left as it was."""


class TargetNotEmpty(CopyRefused):
    """A person's choice of target, refused before anything is written (exit 4, not a fault)."""

    exit_code = ExitCode.NOT_PERMITTED

    def __init__(self, where: str, counts: dict[str, int]) -> None:
        found = [f"{counts[name]} {label}" for name, label in _NAMED.items() if counts.get(name)]
        others = sum(n for name, n in counts.items() if name not in _NAMED)
        if others:
            found.append(tx("{count} başka satır").format(count=others))
        super().__init__(
            tx(
                "Hedef veritabanı boş değil ({found}): {where}. Kopya yalnızca boş bir veritabanına yazılır, "
                "var olan kayıtların üzerine yazılmaz ya da onlarla karıştırılmaz; hedefe dokunulmadı."
            ).format(found=", ".join(found), where=where)
        )
        self.counts = counts


@dataclass(frozen=True)
class CopyReport:
    #: Rows copied per table (the same on both sides, checked).
    rows: dict[str, int]
    audit_rows: int
    head_hash: str

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _quiet(_text: str, _fraction: float) -> None:
    pass


def row_counts(store: Store) -> dict[str, int]:
    """How many rows each copied table holds."""
    counts: dict[str, int] = {}
    for table in TABLES:
        row = store.query_one(f"SELECT COUNT(*) FROM {table.name}")
        counts[table.name] = int(row[0]) if row else 0
    return counts


def refuse_unless_empty(target: Store) -> None:
    """Raise :class:`TargetNotEmpty` when the target holds any row a copy would write."""
    counts = row_counts(target)
    if any(counts.values()):
        raise TargetNotEmpty(str(target.location), {k: v for k, v in counts.items() if v})


def _columns(conn: Connection, table: str) -> list[str]:
    cursor = conn.execute(f"SELECT * FROM {table} WHERE 1 = 0")
    # The office database's ``rowid`` is a generated column: the target numbers its rows itself.
    return [str(d[0]) for d in cursor.description if str(d[0]) != "rowid"]


def _pages(conn: Connection, table: Table, columns: list[str]) -> Iterator[list[tuple[Any, ...]]]:
    """The table's rows in key order, a page at a time (keyset paging: the same SQL on both engines)."""
    keys = list(table.key)
    select = ", ".join([*keys, *columns])
    order = ", ".join(keys)
    after = f"({', '.join(keys)}) > ({', '.join('?' for _ in keys)})" if len(keys) > 1 else f"{keys[0]} > ?"
    last: tuple[Any, ...] | None = None
    while True:
        if last is None:
            rows = conn.execute(f"SELECT {select} FROM {table.name} ORDER BY {order} LIMIT {PAGE}").fetchall()
        else:
            rows = conn.execute(
                f"SELECT {select} FROM {table.name} WHERE {after} ORDER BY {order} LIMIT {PAGE}", last
            ).fetchall()
        if not rows:
            return
        last = tuple(rows[-1][: len(keys)])
        yield [tuple(r[len(keys) :]) for r in rows]
        if len(rows) < PAGE:
            return


def _value_text(value: Any) -> str:
    if value is None:
        return "\x00"
    if isinstance(value, bytes | bytearray | memoryview):
        return "b:" + bytes(value).hex()
    return str(value)


def _row_digest(row: tuple[Any, ...]) -> int:
    text = "\x1f".join(_value_text(v) for v in row)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")


class _Tally:
    """A table's row count and the sum of its rows' hashes: the same whatever order rows are read in."""

    def __init__(self) -> None:
        self.count = 0
        self.digest = 0

    def add(self, rows: list[tuple[Any, ...]]) -> None:
        self.count += len(rows)
        for row in rows:
            self.digest = (self.digest + _row_digest(row)) % (1 << 256)

    def same(self, other: _Tally) -> bool:
        return self.count == other.count and self.digest == other.digest


def _take_snapshot(conn: Connection) -> None:
    """Every table read as of one moment, while the other PCs of an office go on working.

    SQLite needs nothing: the source's transaction already holds the file still.
    """
    if dialect_of(conn).name == "postgresql":
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _advance_identities(conn: Connection) -> None:
    """The office database's own counters continue after the copied ids (SQLite's follow MAX by itself)."""
    if dialect_of(conn).name != "postgresql":
        return
    for table, column in _IDENTITIES:
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE(MAX({column}), 0) + 1, false) "
            f"FROM {table}"
        )


def copy_all(source: Store, target: Store, *, progress: Progress = _quiet) -> CopyReport:
    """Copy every table of ``source`` into the empty ``target``; all or nothing, checked before commit.

    Raises :class:`TargetNotEmpty` (nothing written) or :class:`CopyRefused` (rolled back).
    """
    if source.schema_version() != target.schema_version():
        raise CopyRefused(
            tx(
                "Kaynak ve hedef veritabanının şema sürümleri farklı ({source} ve {target}); kopyalanmadı. "
                "İkisini de programın bu sürümüyle bir kez açın."
            ).format(source=source.schema_version(), target=target.schema_version())
        )
    refuse_unless_empty(target)
    copied: dict[str, _Tally] = {}
    with source.atomic() as src, target.atomic() as dst:
        _take_snapshot(src)
        for index, table in enumerate(TABLES):
            progress(tx("Kopyalanıyor: {table}").format(table=table.name), index / (2 * len(TABLES)))
            columns = _columns(src, table.name)
            if columns != _columns(dst, table.name):
                raise CopyRefused(
                    tx("{table} tablosunun sütunları iki veritabanında farklı; kopyalanmadı.").format(
                        table=table.name
                    )
                )
            insert = (
                f"INSERT INTO {table.name}({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
            )
            tally = _Tally()
            for rows in _pages(src, table, columns):
                dst.executemany(insert, rows)
                tally.add(rows)
            copied[table.name] = tally
        _advance_identities(dst)
        progress(tx("Kopya denetleniyor (satır sayıları, içerik, denetim izi)…"), 0.5)
        chain = _check(dst, copied)
    progress(tx("Tamam."), 1.0)
    return CopyReport(
        rows={name: tally.count for name, tally in copied.items()},
        audit_rows=chain.rows,
        head_hash=chain.head_hash,
    )


def _check(dst: Connection, copied: dict[str, _Tally]) -> audit.VerifyResult:
    """Read the target back inside its transaction; any difference rolls the whole copy back."""
    differing: list[str] = []
    for table in TABLES:
        found = _Tally()
        for rows in _pages(dst, table, _columns(dst, table.name)):
            found.add(rows)
        if not found.same(copied[table.name]):
            differing.append(
                tx("{table} (kaynakta {source}, hedefte {target} satır)").format(
                    table=table.name, source=copied[table.name].count, target=found.count
                )
            )
    if differing:
        raise CopyRefused(
            tx("Kopya kaynakla aynı değil: {tables}. Hedefe hiçbir şey yazılmadı.").format(
                tables="; ".join(differing)
            )
        )
    chain = audit.verify(dst)
    if not chain.ok:
        raise CopyRefused(
            tx("Kopyada denetim izi doğrulanamadı ({reason}); hedefe hiçbir şey yazılmadı.").format(
                reason=chain.message
            )
        )
    return chain


__all__ = [
    "TABLES",
    "CopyRefused",
    "CopyReport",
    "TargetNotEmpty",
    "copy_all",
    "refuse_unless_empty",
    "row_counts",
]
