"""The server's own SQLite database: cooperatives, applied changes with receipts, attachments.

One connection guarded by a lock; every write runs in ``BEGIN IMMEDIATE`` so that
a change, its receipt and the record it mutates commit together. The UNIQUE
constraint on ``changes.idempotency_key`` is the last guard against a key being
applied twice, even by another process on the same file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS cooperatives (
    id TEXT PRIMARY KEY,
    province_code TEXT NOT NULL,
    vkn TEXT,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cooperatives_province ON cooperatives (province_code, id);
CREATE INDEX IF NOT EXISTS cooperatives_vkn ON cooperatives (vkn);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    body_hash TEXT NOT NULL,
    type TEXT NOT NULL,
    cooperative TEXT NOT NULL,
    receipt TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL,
    response TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS logins (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_heads (
    province TEXT PRIMARY KEY,
    head TEXT NOT NULL,
    username TEXT NOT NULL,
    received_at TEXT NOT NULL
);
"""


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """One fixed-width UTC format, so ISO strings sort as the moments they name."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Store:
    """The training server's database. Thread-safe; open once per app."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        if self.path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA busy_timeout=10000")
        self._conn.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; commits on success, rolls back on any exception."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    # ------------------------------------------------------------ cooperatives

    def count_cooperatives(self) -> int:
        with self.reading() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM cooperatives").fetchone()[0])

    def seed(self, records: Iterable[dict[str, Any]]) -> int:
        """Insert (or replace) ``records``; returns how many."""
        now = iso(utc_now())
        with self.transaction() as conn:
            rows = [
                (r["id"], r["province_code"], r.get("vkn"), int(r["version"]), now, dumps(r)) for r in records
            ]
            conn.executemany("INSERT OR REPLACE INTO cooperatives VALUES (?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    def reset(self, records: Iterable[dict[str, Any]]) -> int:
        """Forget every change, attachment and record, then load ``records`` again."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM changes")
            conn.execute("DELETE FROM attachments")
            conn.execute("DELETE FROM cooperatives")
        return self.seed(records)

    def list_cooperatives(
        self, province: str | None, updated_since: str | None, after_id: str | None, limit: int
    ) -> tuple[list[dict[str, Any]], bool]:
        """A page of records ordered by id, and whether more follow."""
        where, params = [], []
        if province:
            where.append("province_code = ?")
            params.append(province)
        if updated_since:
            where.append("updated_at >= ?")
            params.append(updated_since)
        if after_id:
            where.append("id > ?")
            params.append(after_id)
        sql = "SELECT record FROM cooperatives"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id LIMIT ?"
        with self.reading() as conn:
            rows = conn.execute(sql, [*params, limit + 1]).fetchall()
        items = [json.loads(row["record"]) for row in rows[:limit]]
        return items, len(rows) > limit

    def get_cooperative(self, cooperative_id: str) -> dict[str, Any] | None:
        with self.reading() as conn:
            return self.load(conn, cooperative_id)

    @staticmethod
    def load(conn: sqlite3.Connection, cooperative_id: str) -> dict[str, Any] | None:
        row = conn.execute("SELECT record FROM cooperatives WHERE id = ?", (cooperative_id,)).fetchone()
        return json.loads(row["record"]) if row else None

    @staticmethod
    def save(conn: sqlite3.Connection, record: dict[str, Any], now: str) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO cooperatives VALUES (?, ?, ?, ?, ?, ?)",
            (
                record["id"],
                record["province_code"],
                record.get("vkn"),
                int(record["version"]),
                now,
                dumps(record),
            ),
        )

    @staticmethod
    def find_by_vkn(conn: sqlite3.Connection, vkn: str) -> dict[str, Any] | None:
        row = conn.execute("SELECT record FROM cooperatives WHERE vkn = ?", (vkn,)).fetchone()
        return json.loads(row["record"]) if row else None

    @staticmethod
    def next_cooperative_id(conn: sqlite3.Connection, province_code: str) -> str:
        row = conn.execute(
            "SELECT MAX(id) FROM cooperatives WHERE id LIKE ?", (f"{province_code}-%",)
        ).fetchone()
        last = row[0]
        number = int(last.split("-", 1)[1]) + 1 if last else 1
        return f"{province_code}-{number:06d}"

    # ------------------------------------------------------------ changes

    @staticmethod
    def find_change(conn: sqlite3.Connection, key: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = conn.execute(
            "SELECT * FROM changes WHERE idempotency_key = ?", (key,)
        ).fetchone()
        return row

    @staticmethod
    def next_receipt(conn: sqlite3.Connection, year: int) -> str:
        row = conn.execute("SELECT value FROM meta WHERE key = 'receipt_seq'").fetchone()
        number = int(row[0]) + 1 if row else 1
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('receipt_seq', ?)", (str(number),))
        return f"KB-{year}-{number:06d}"

    @staticmethod
    def record_change(
        conn: sqlite3.Connection,
        *,
        key: str,
        body_hash: str,
        body: dict[str, Any],
        type_id: str,
        response: dict[str, Any],
    ) -> None:
        conn.execute(
            "INSERT INTO changes (idempotency_key, body_hash, type, cooperative, receipt,"
            " version, applied_at, response, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                body_hash,
                type_id,
                response["cooperative"],
                response["receipt"],
                response["version"],
                response["applied_at"],
                dumps(response),
                dumps(body),
            ),
        )

    def applied_changes(self) -> list[dict[str, Any]]:
        with self.reading() as conn:
            rows = conn.execute(
                "SELECT idempotency_key, receipt, type, cooperative, version, applied_at"
                " FROM changes ORDER BY seq"
            ).fetchall()
        return [dict(row) for row in rows]

    # ------------------------------------------------------------ logins and anchors

    def record_login(self, username: str, address: str, outcome: str) -> None:
        """Audit one login attempt (never its password)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO logins(at, username, address, outcome) VALUES (?, ?, ?, ?)",
                (iso(utc_now()), username[:200], address[:100], outcome),
            )

    def logins(self) -> list[dict[str, Any]]:
        with self.reading() as conn:
            rows = conn.execute("SELECT at, username, address, outcome FROM logins ORDER BY seq").fetchall()
        return [dict(row) for row in rows]

    def keep_audit_head(self, province: str, username: str, head: str) -> None:
        """The newest audit chain head a directorate sent: its anchor outside its own database."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO audit_heads(province, head, username, received_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(province) DO UPDATE SET head = excluded.head, username = excluded.username, "
                "received_at = excluded.received_at",
                (province, head, username, iso(utc_now())),
            )

    def audit_head(self, province: str) -> str | None:
        with self.reading() as conn:
            row = conn.execute("SELECT head FROM audit_heads WHERE province = ?", (province,)).fetchone()
        return str(row[0]) if row else None

    # ------------------------------------------------------------ attachments

    def spool_dir(self) -> str | None:
        """Where an upload is streamed before it is stored: beside the database file."""
        return None if self.path == ":memory:" else str(Path(self.path).resolve().parent)

    def put_attachment_file(self, sha256: str, file: Path, size: int) -> bool:
        """Store the uploaded ``file`` in pieces (never whole in memory); False when already there."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO attachments VALUES (?, ?, zeroblob(?), ?)",
                (sha256, size, size, iso(utc_now())),
            )
            if cursor.rowcount != 1:
                return False
            rowid = conn.execute("SELECT rowid FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()[0]
            with conn.blobopen("attachments", "data", rowid) as blob, file.open("rb") as source:
                while chunk := source.read(1024 * 1024):
                    blob.write(chunk)
            return True

    def has_attachment(self, sha256: str) -> bool:
        with self.reading() as conn:
            return (
                conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (sha256,)).fetchone() is not None
            )

    def missing_attachments(self, conn: sqlite3.Connection, hashes: list[str]) -> list[str]:
        return [
            h
            for h in hashes
            if conn.execute("SELECT 1 FROM attachments WHERE sha256 = ?", (h,)).fetchone() is None
        ]

    def put_attachment(self, sha256: str, data: bytes) -> bool:
        """Store ``data``; False when it was already there."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO attachments VALUES (?, ?, ?, ?)",
                (sha256, len(data), data, iso(utc_now())),
            )
            return cursor.rowcount == 1
