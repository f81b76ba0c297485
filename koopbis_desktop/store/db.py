"""Opening the local database: pragmas, integrity check, migrations, transactions.

One :class:`Store` wraps one sqlite-utils ``Database`` and belongs to the thread
that opened it (the UI opens it inside its DB worker). Every write goes through
:meth:`Store.write`, a ``BEGIN IMMEDIATE`` transaction, so the desktop and a
scheduled ``koopbis`` process can share the file without upgrade deadlocks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from koopbis_desktop.domain import text
from koopbis_desktop.store import migrations
from koopbis_desktop.store.errors import (
    DatabaseDamaged,
    KnownError,
    NotInitialised,
    SchemaTooNew,
    translate,
)

BUSY_TIMEOUT_MS = 10_000


@dataclass
class Store:
    db: sqlite_utils.Database
    path: Path
    backups_dir: Path | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One durable transaction: everything inside commits together or not at all."""
        conn = self.db.conn
        if conn.in_transaction:
            # Nested use joins the outer transaction (savepoint semantics not needed).
            yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate(exc) from exc
        try:
            yield conn
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise translate(exc) from exc
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise translate(exc) from exc

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self.db.close()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Turkish order for text columns in long lists sorted by SQLite (c < ç < d, ı < i).
    conn.create_collation("TURKISH", text.compare)
    return conn


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit that returned survives a power cut, not only a crash.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def newest_backup(backups_dir: Path | None) -> Path | None:
    if backups_dir is None or not backups_dir.is_dir():
        return None
    candidates = sorted(backups_dir.glob("*.sqlite"), key=lambda p: p.stat().st_mtime)
    return candidates[-1] if candidates else None


def open_store(
    path: Path,
    *,
    create: bool = False,
    backups_dir: Path | None = None,
    check_integrity: bool = True,
) -> Store:
    """Open (or with ``create`` make) the database at ``path`` and bring its schema up to date.

    A damaged file raises :class:`DatabaseDamaged` naming the newest backup; a file
    from a newer program raises :class:`SchemaTooNew` and is left untouched. Before
    migrating an existing database a backup is taken.
    """
    path = Path(path)
    if not path.exists() and not create:
        raise NotInitialised(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = _connect(path)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(path, str(exc), newest_backup(backups_dir)) from exc
    if version > migrations.LATEST:
        conn.close()
        raise SchemaTooNew(path, version, migrations.LATEST)
    try:
        _apply_pragmas(conn)
        if check_integrity and version > 0:
            result = conn.execute("PRAGMA quick_check").fetchall()
            if result != [("ok",)]:
                detail = "; ".join(str(r[0]) for r in result[:3])
                conn.close()
                raise DatabaseDamaged(path, detail, newest_backup(backups_dir))
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseDamaged(path, str(exc), newest_backup(backups_dir)) from exc
    store = Store(db=sqlite_utils.Database(conn), path=path, backups_dir=backups_dir)
    if version < migrations.LATEST:
        if version > 0 and backups_dir is not None:
            from koopbis_desktop.store import backup

            backup.create_backup(store, backups_dir, reason=f"migration-{version}-to-{migrations.LATEST}")
        try:
            migrations.migrate(store)
        except sqlite3.Error as exc:
            raise translate(exc) from exc
    return store


def is_initialised(store: Store) -> bool:
    return store.setting("province_code") is not None


__all__ = ["KnownError", "Store", "open_store"]
