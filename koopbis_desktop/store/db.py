"""Opening the local database: pragmas, integrity check, migrations, transactions.

One :class:`Store` wraps one sqlite-utils ``Database`` and belongs to the thread
that opened it (the UI opens it inside its DB worker). Every write goes through
:meth:`Store.atomic`, a ``BEGIN IMMEDIATE`` transaction, so the desktop and a
scheduled ``koopbis`` process can share the file without upgrade deadlocks.

The connection notes which tables each committed transaction wrote;
:meth:`Store.take_changes` hands that over as an :class:`OpChanges`.

Given a ``key``, the file is a SQLCipher 4 database (``sqlcipher3``): every page,
the write-ahead log included, is AES-256 encrypted and the file starts with
random bytes. The key comes from the key file beside the database
(``store/keyfile.py``), unwrapped with an account's password.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from koopbis_desktop.domain import text
from koopbis_desktop.store import integrity, migrations, private
from koopbis_desktop.store.changes import NOTHING, OpChanges, of_kinds, written_kind
from koopbis_desktop.store.engine import SQLITE, Connection, Dialect, Params, serialise
from koopbis_desktop.store.errors import (
    DatabaseDamaged,
    DatabaseEmpty,
    DatabaseForeign,
    DatabaseReadOnly,
    KeyFileMissing,
    KeyRequired,
    KnownError,
    NeedsWriteToUpgrade,
    NotInitialised,
    PlainDatabase,
    SchemaTooNew,
    StoreError,
    WrongKey,
    opening_error,
    translate,
)
from koopbis_desktop.store.location import Location, OfficeUrl
from koopbis_desktop.store.startfacts import SQLITE_HEADER as SQLITE_HEADER
from koopbis_desktop.store.startfacts import file_kind as file_kind

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 10_000


def _cipher_module() -> Any:
    # Imported when an encrypted database is opened: the binary module loads only then.
    from sqlcipher3 import dbapi2

    return dbapi2


def db_errors() -> tuple[type[Exception], ...]:
    """sqlite3's and SQLCipher's error roots: the two bindings share no base class."""
    return (sqlite3.Error, _cipher_module().Error)


def database_failure(exc: BaseException) -> StoreError | None:
    """``exc`` as the store's own error when the database raised it, else None.

    Statements outside :meth:`Store.atomic` raise the driver's errors as they are (a
    dropped office connection in the middle of a read is psycopg's ``OperationalError``);
    code that must go on after them (the automatic sync loop) asks here what happened.
    """
    if isinstance(exc, StoreError):
        return exc
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    if isinstance(exc, sqlite3.Error) or (cipher is not None and isinstance(exc, cipher.Error)):
        return translate(exc)
    psycopg = sys.modules.get("psycopg")  # loaded only on an office database
    if psycopg is not None and isinstance(exc, psycopg.Error):
        from koopbis_desktop.store import pg

        return pg.translate(exc)
    return None


class _Tracking:
    """A connection that remembers which kinds of data committed statements wrote.

    Watching the statements themselves (rather than asking each store function to
    say what it wrote) means no write can forget its announcement, including
    sqlite-utils' own inserts. Mixed into sqlite3's and SQLCipher's connection classes.
    """

    in_transaction: bool

    def _init_tracking(self) -> None:
        self._pending: set[str] = set()  # written inside the open transaction
        self._committed: set[str] = set()

    def _note(self, sql: str) -> None:
        kind = written_kind(sql)
        if kind is not None:
            (self._pending if self.in_transaction else self._committed).add(kind)
            return
        word = sql.lstrip()[:8].upper()
        if word.startswith(("COMMIT", "END")):
            self._committed |= self._pending
            self._pending.clear()
        elif word.startswith("ROLLBACK") and not self.in_transaction:
            self._pending.clear()

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        cursor: sqlite3.Cursor = super().execute(sql, parameters)  # type: ignore[misc]
        self._note(sql)
        return cursor

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        cursor: sqlite3.Cursor = super().executemany(sql, parameters)  # type: ignore[misc]
        self._note(sql)
        return cursor

    def commit(self) -> None:
        super().commit()  # type: ignore[misc]
        self._committed |= self._pending
        self._pending.clear()

    def rollback(self) -> None:
        super().rollback()  # type: ignore[misc]
        self._pending.clear()

    def take_changes(self) -> OpChanges:
        if not self._committed:
            return NOTHING
        changes = of_kinds(self._committed)
        self._committed = set()
        return changes


class TrackingConnection(_Tracking, sqlite3.Connection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_tracking()


_cipher_class: type | None = None


def _cipher_tracking_class() -> type:
    """``TrackingConnection``'s twin over SQLCipher's connection, made once on first use."""
    global _cipher_class
    if _cipher_class is None:
        base = _cipher_module().Connection

        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            base.__init__(self, *args, **kwargs)
            self._init_tracking()

        _cipher_class = type("CipherTrackingConnection", (_Tracking, base), {"__init__": __init__})
    return _cipher_class


@dataclass
class Store:
    """An open database: its one connection, where its backups go, and its key when encrypted."""

    #: The store's one SQLite (or SQLCipher) connection; every statement goes through it.
    connection: sqlite3.Connection = field(repr=False)
    path: Path
    backups_dir: Path | None = None
    #: The SQLCipher key when the file is encrypted; kept in memory to rewrap account slots.
    key: bytes | None = field(default=None, repr=False)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    #: Opened for commands that only read (a read-only folder or file still serves them).
    read_only: bool = False

    _db: Any = field(default=None, init=False, repr=False, compare=False)
    #: The account whose key slot has just opened this encrypted file: its password is proven
    #: once, for the sign-in that follows (:meth:`take_unlocked_by`).
    unlocked_by: str | None = field(default=None, init=False, repr=False, compare=False)

    #: What the lists keep between their jobs on this store (``listing``: the text box's words as
    #: counted). Only the thread that uses the store reads and writes it.
    kept: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def take_unlocked_by(self) -> str | None:
        """The account that unlocked the file, once; None afterwards and for any other open."""
        name, self.unlocked_by = self.unlocked_by, None
        return name

    @property
    def conn(self) -> sqlite3.Connection:
        return self.connection

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils' ``Database`` over this store's connection, made on first use.

        Imported only here: sqlite-utils (with click, dateutil and pluggy) costs about a
        fifth of the desktop's start, and the store's own statements need none of it. No
        sqlite-utils plugin may hook the registry's connection (``execute_plugins=False``).
        """
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.connection, execute_plugins=False)
        return cast("sqlite_utils.Database", self._db)

    @property
    def location(self) -> Location:
        """Where the database lives: this file, or the office database's URL (``PgStore``)."""
        return self.path

    @property
    def dialect(self) -> Dialect:
        return SQLITE

    # -- the engine interface (store/engine.py) ------------------------------------------

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> sqlite3.Cursor:
        return self.connection.executemany(sql, rows)

    def query(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Params = ()) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self.connection.execute(sql, params).fetchone()
        return row

    def take_changes(self) -> OpChanges:
        conn = self.connection
        return conn.take_changes() if isinstance(conn, _Tracking) else NOTHING

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One durable transaction: everything inside commits together or not at all.

        Nested use joins the outer transaction, as sqlite-utils' ``db.atomic()``.
        """
        conn = self.connection
        if conn.in_transaction:
            yield conn
            return
        errors = db_errors() if self.encrypted else (sqlite3.Error,)
        try:
            conn.execute(SQLITE.begin)
        except errors as exc:
            raise translate(exc) from exc
        try:
            yield conn
        except errors as exc:
            conn.execute("ROLLBACK")
            raise translate(exc) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except errors as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise translate(exc) from exc

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Every read inside sees the database as it was at the first one; nothing is written.

        For a long read in pages (an export) on a connection of its own: what other
        connections commit meanwhile (this PC's worker, the other PCs) is not half in it,
        and a row that moves in the sort order is neither read twice nor missed. Nested use
        joins the outer transaction.
        """
        conn = self.connection
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")  # deferred: the snapshot is taken at the first read
        try:
            yield
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.atomic():
            self.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (before the file is copied or renamed)."""
        if self.dialect.pragmas:
            self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.connection.close()


def query_plan(store: Store, statement: str) -> str:
    """SQLite's plan for ``statement`` (a statement as it ran, its values written in, as a
    trace callback hands it over): the steps joined by " | " — how tests see which index a
    list's query uses."""
    return " | ".join(str(row[3]) for row in store.conn.execute("EXPLAIN QUERY PLAN " + statement))


def statement_plans(store: Store, call: Callable[..., object], *, ordered: bool = False) -> list[str]:
    """SQLite's plans of the SELECTs ``call`` runs, in order (``ordered``: only those with an
    ORDER BY, the reads of a list's ranges)."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        store.conn.set_trace_callback(None)
    return [
        query_plan(store, s)
        for s in statements
        if s.lstrip().upper().startswith("SELECT") and (" ORDER BY " in s or not ordered)
    ]


#: Each connection keeps up to this many KiB of the file's pages (SQLite's default: 2,000). A
#: queue's page walks an index of hundreds of pages, with the 2 MiB default read again from the
#: system (and decrypted, on an encrypted file) for every page asked for: at 100,000 entries a
#: narrowed queue's page took about twice as long (bench/scale.py). Taken only as pages are read.
PAGE_CACHE_KIB = 32 * 1024


def _connect(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    conn: sqlite3.Connection
    if key is None:
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=TrackingConnection
        )
    else:
        conn = cast(
            sqlite3.Connection,
            _cipher_module().connect(
                str(path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                factory=_cipher_tracking_class(),
            ),
        )
        apply_key(conn, key)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    # A plain file's statement journals in memory too, as an encrypted file's (``apply_key``): a
    # write inside a transaction that fires a trigger keeps the pages it changes there until the
    # statement ends, ≈ 112 KiB for a change of an entry's state (its list indexes), which
    # SQLite spilled to a temporary file made and removed for each such write (150 µs of a
    # state's change, a quarter of a sync's time per entry; docs/benchmarks.md).
    conn.execute("PRAGMA temp_store = MEMORY")
    # Turkish order for text columns in long lists sorted by SQLite (c < ç < d, ı < i).
    conn.create_collation("TURKISH", text.compare)
    return conn


def apply_key(conn: Any, key: bytes) -> None:
    """Key a fresh SQLCipher connection with the raw 256-bit key (no PBKDF2: the key is random)."""
    # A wrong key is our own Turkish sentence (WrongKey), not SQLCipher's lines on stderr.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    # Sorts and indexes built on the side stay in memory: no plain temp file on disk.
    conn.execute("PRAGMA temp_store = MEMORY")


def connect_raw(path: Path, key: bytes | None) -> Any:
    """A bare connection (no tracking, default isolation) for copies: backups, migration, checks."""
    if key is None:
        return sqlite3.connect(str(path))
    conn = _cipher_module().connect(str(path))
    apply_key(conn, key)
    return conn


def _check_encryption(path: Path, key: bytes | None) -> None:
    """Refuse, each with its own sentence, the opens encryption explains (never "corrupt")."""
    from koopbis_desktop.store import keyfile

    kind = file_kind(path)
    has_keys = keyfile.keyfile_path(path).exists()
    if key is None and kind == "encrypted":
        if has_keys:
            raise KeyRequired(path)
        # Whole 4 KiB pages of random-looking bytes: an encrypted file whose key file is gone.
        # Anything else (text, a PDF, zeros) is ``foreign``: the ordinary "not a database" refusal.
        raise KeyFileMissing(keyfile.keyfile_path(path), path)
    if key is not None and kind == "plain":
        raise PlainDatabase(path)


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit that returned survives a power cut, not only a crash.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _connect_read_only(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    module: Any = sqlite3 if key is None else _cipher_module()

    def connect(target: str) -> sqlite3.Connection:
        conn = cast(
            sqlite3.Connection,
            module.connect(target, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None),
        )
        if key is not None:
            apply_key(conn, key)
        conn.create_collation("TURKISH", text.compare)
        return conn

    conn = connect(uri)
    try:
        conn.execute("PRAGMA user_version").fetchone()
    except module.OperationalError:
        # A WAL database in a folder nobody may write to cannot get its shared-memory
        # file; nobody can be writing it either, so it may be read as immutable.
        conn.close()
        conn = connect(f"{uri}&immutable=1")
    # After the first read: on a file whose write-ahead log cannot be opened any statement
    # fails until the file is opened as immutable.
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    return conn


def _refuse_empty(path: Path, *, create: bool, backups_dir: Path | None) -> None:
    """A 0-byte file is what a failed copy or a full disk leaves: SQLite would take it as a new database."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DatabaseReadOnly(path) from exc
    if size == 0 and not create:
        raise DatabaseEmpty(path, newest_backup(backups_dir))


def _refuse_foreign(conn: sqlite3.Connection, path: Path, *, create: bool, backups_dir: Path | None) -> None:
    """Schema version 0: a new file (only with ``create``), else not ours or emptied."""
    tables = int(conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0])
    if tables:
        conn.close()
        raise DatabaseForeign(path, "KOOP-BİS Desktop tabloları yok", newest_backup(backups_dir))
    if not create:
        conn.close()
        raise DatabaseEmpty(path, newest_backup(backups_dir))


def newest_backup(backups_dir: Path | None) -> Path | None:
    if backups_dir is None or not backups_dir.is_dir():
        return None
    candidates = sorted(backups_dir.glob("*.sqlite"), key=lambda p: p.stat().st_mtime)
    return candidates[-1] if candidates else None


def open_store(
    path: Location,
    *,
    create: bool = False,
    backups_dir: Path | None = None,
    check_integrity: bool | Literal["start"] = True,
    key: bytes | None = None,
    read_only: bool = False,
    password: str | None = None,
) -> Store:
    """Open (or with ``create`` make) the database at ``path`` and bring its schema up to date.

    A damaged file raises :class:`DatabaseDamaged` naming the newest backup; a file
    from a newer program raises :class:`SchemaTooNew` and is left untouched. Before
    migrating an existing database a backup is taken.

    Only ``create`` (``koopbis init``, the first-run wizard) makes a database: an
    empty, truncated or foreign file is refused (:class:`DatabaseEmpty`,
    :class:`DatabaseForeign`) naming the newest backup, never replaced by a new
    empty one. ``read_only`` opens for commands that only read, so they work on a
    read-only folder or a write-protected file.

    With ``key`` the file is (or is created as) a SQLCipher database; a plain file
    then raises :class:`PlainDatabase` (to be migrated), a key that does not
    decrypt it :class:`WrongKey`. Without ``key`` an encrypted file raises
    :class:`KeyRequired` (or :class:`KeyFileMissing`).

    An :class:`OfficeUrl` opens the office database (``store/pg.py``) instead;
    ``password`` is its database role's password when the URL and ``PGPASSFILE``
    do not give one.
    ``check_integrity="start"`` checks only the tables a start reads
    (``store/integrity.py``); the caller checks the whole file afterwards. A file
    about to be migrated is always checked whole first.
    """
    if isinstance(path, OfficeUrl):
        from koopbis_desktop.store.pg import open_pg_store

        return open_pg_store(
            path, create=create, backups_dir=backups_dir, read_only=read_only, password=password
        )
    path = Path(path)
    if not path.exists() and not create:
        raise NotInitialised(path)
    _refuse_empty(path, create=create, backups_dir=backups_dir)
    made = create and not path.exists()
    if not read_only:
        private.private_dir(path.parent)
    _check_encryption(path, key)
    errors = db_errors() if key is not None else (sqlite3.Error,)
    existed = file_kind(path) == "encrypted"
    try:
        conn = _connect_read_only(path, key) if read_only else _connect(path, key)
        if made:
            # Members' personal data: the owner's alone (SQLite gives its -wal and -shm the same mode).
            private.private_file(path)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version == 0:
            _refuse_foreign(conn, path, create=create, backups_dir=backups_dir)
    except errors as exc:
        if key is not None and existed and "not a database" in str(exc):
            raise WrongKey(path) from exc
        raise opening_error(exc, path, newest_backup(backups_dir)) from exc
    if version > migrations.LATEST:
        conn.close()
        raise SchemaTooNew(path, version, migrations.LATEST)
    if read_only and version < migrations.LATEST:
        conn.close()
        raise NeedsWriteToUpgrade(path)
    try:
        if not read_only:
            _apply_pragmas(conn)
        if check_integrity and version > 0:
            only_start = check_integrity == "start" and version == migrations.LATEST
            found = integrity.problems(conn, integrity.START_TABLES if only_start else None)
            if found:
                detail = "; ".join(found[:3])
                conn.close()
                raise DatabaseDamaged(path, detail, newest_backup(backups_dir))
    except errors as exc:
        conn.close()
        raise opening_error(exc, path, newest_backup(backups_dir)) from exc
    store = Store(connection=conn, path=path, backups_dir=backups_dir, key=key, read_only=read_only)
    if version < migrations.LATEST:
        if version > 0 and backups_dir is not None:
            from koopbis_desktop.store import backup

            backup.create_backup(store, backups_dir, reason=f"migration-{version}-to-{migrations.LATEST}")
        try:
            migrations.migrate(store)
        except errors as exc:
            raise translate(exc) from exc
    return store


def is_initialised(store: Store) -> bool:
    return store.setting("province_code") is not None


def take_settings_turn(conn: Connection) -> None:
    """Settings are changed one change at a time until this transaction ends (office
    database): the old value a change's audit row names is the one the previous change left."""
    serialise(conn, "koopbis.settings")


__all__ = ["KnownError", "Store", "open_store", "take_settings_turn"]
