"""The small interface every database engine of the store implements.

Store modules speak to the database only through these methods, so a second
engine (PostgreSQL through psycopg 3) can stand behind the same named store
functions. :class:`Dialect` lists the facts in which such an engine differs and
which the store's SQL has to respect.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from koopbis_desktop.store.changes import OpChanges

Params = Sequence[Any] | dict[str, Any]


@dataclass(frozen=True)
class Dialect:
    """What differs between the two database engines (SQLite, PostgreSQL) in the SQL the store writes."""

    name: str
    placeholder: str  # "?" for SQLite, "%s" for psycopg
    # SQLite: PRAGMAs, WAL checkpoints, the TURKISH collation registered per connection;
    # PostgreSQL: an ICU collation ("tr-TR-x-icu") chosen at CREATE TABLE time instead.
    pragmas: bool
    turkish_collation: str
    # ``BEGIN IMMEDIATE`` takes the write lock up front on SQLite; PostgreSQL has row locks.
    begin: str
    json_extract: str  # json_extract(col, '$.key') vs col ->> 'key'
    # SQLite keeps the cooperatives' count and the entries' per state in ``row_counts``
    # (migration 20's triggers); PostgreSQL counts with its indexes (see that step's note).
    stored_counts: bool


SQLITE = Dialect(
    name="sqlite",
    placeholder="?",
    pragmas=True,
    turkish_collation="TURKISH",
    begin="BEGIN IMMEDIATE",
    json_extract="json_extract",
    stored_counts=True,
)

POSTGRESQL = Dialect(
    name="postgresql",
    placeholder="%s",
    pragmas=False,
    turkish_collation='"tr-TR-x-icu"',
    begin="BEGIN",
    json_extract="->>",
    stored_counts=False,
)


def dialect_of(conn: object) -> Dialect:
    """The dialect of a connection handed to a store function (sqlite3's carries none)."""
    found = getattr(conn, "dialect", SQLITE)
    return found if isinstance(found, Dialect) else SQLITE


def for_update(conn: object) -> str:
    """`` FOR UPDATE`` on the office database: the row stays locked until the transaction ends.

    SQLite needs none: ``BEGIN IMMEDIATE`` already holds the whole file's write lock.
    """
    return " FOR UPDATE" if dialect_of(conn).name == "postgresql" else ""


def for_share(conn: object) -> str:
    """`` FOR SHARE`` on the office database: the row cannot change until the transaction ends,
    while other readers may hold it too. SQLite: as :func:`for_update`."""
    return " FOR SHARE" if dialect_of(conn).name == "postgresql" else ""


def serialise(conn: object, name: str) -> None:
    """Take turns with every other writer of ``name`` until this transaction ends (office only)."""
    if dialect_of(conn).name == "postgresql":
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (name,))  # type: ignore[attr-defined]


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A connection as store functions use it inside ``Store.atomic()`` (sqlite3's or the office's)."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Any = (), /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...


class Engine(Protocol):
    """What a store module may ask of the database."""

    @property
    def dialect(self) -> Dialect: ...

    def execute(self, sql: str, params: Params = ()) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Params]) -> Cursor: ...

    def query(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]: ...

    def query_one(self, sql: str, params: Params = ()) -> tuple[Any, ...] | None: ...

    def atomic(self) -> AbstractContextManager[Any]:
        """One transaction; nested use joins the outer one (sqlite-utils' ``db.atomic()``)."""
        ...

    def take_changes(self) -> OpChanges:
        """What committed writes changed since the last call; a rolled-back write announces nothing."""
        ...


__all__ = [
    "POSTGRESQL",
    "SQLITE",
    "Connection",
    "Cursor",
    "Dialect",
    "Engine",
    "Params",
    "dialect_of",
    "for_update",
    "serialise",
]
