"""The office database: the store's engine interface over PostgreSQL (psycopg 3).

Store modules write their SQL once, in SQLite's spelling with ``?`` placeholders;
:func:`pg_sql` turns a statement into PostgreSQL's (``%s`` placeholders, JSON
access, the ICU Turkish collation) and caches the result. Statements that differ
more than that branch on ``store.dialect`` where they are written.

The connection runs in autocommit mode; :meth:`PgStore.atomic` opens one explicit
transaction, so a read outside a transaction never holds a snapshot open. At
commit, a transaction that wrote announces what it wrote to the other PCs of the
office (``NOTIFY koopbis_changes``) and advances ``koopbis_change_seq``, which
the PCs that cannot listen poll (``store/office_live.py``).
"""

from __future__ import annotations

import logging
import os
import re
import socket
import uuid as uuidlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg
from psycopg import pq

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.store import migrations
from koopbis_desktop.store.changes import NOTHING, OpChanges, of_kinds, written_kind
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.engine import POSTGRESQL, Dialect, Params
from koopbis_desktop.store.errors import (
    BugError,
    KnownError,
    NeedsWriteToUpgrade,
    SchemaTooNew,
    StoreError,
)
from koopbis_desktop.store.location import OfficeUrl

log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "koopbis_changes"
#: Seconds a statement waits for a row another PC holds before giving up with a sentence.
LOCK_TIMEOUT_S = 15
#: Who this process is in the office's notifications (it ignores its own).
ORIGIN = f"{socket.gethostname()}:{os.getpid()}:{uuidlib.uuid4().hex[:8]}"

_JSON = re.compile(r"json_extract\(\s*([\w.]+)\s*,\s*'\$\.(\w+)'\s*\)")


@lru_cache(maxsize=4096)
def pg_sql(sql: str, with_params: bool) -> str:
    """SQLite-spelled SQL as PostgreSQL's: ``?`` → ``%s`` outside literals, ``%`` doubled."""
    if with_params:
        out: list[str] = []
        quoted = False
        for ch in sql:
            if ch == "'":
                quoted = not quoted
            if ch == "%":
                out.append("%%")
            elif ch == "?" and not quoted:
                out.append("%s")
            else:
                out.append(ch)
        sql = "".join(out)
    sql = _JSON.sub(r"(\1::jsonb ->> '\2')", sql)
    sql = sql.replace("COLLATE TURKISH", f"COLLATE {POSTGRESQL.turkish_collation}")
    return sql.replace("BEGIN IMMEDIATE", "BEGIN")


class OfficeUnreachable(KnownError):
    def __init__(self, url: OfficeUrl, detail: str) -> None:
        super().__init__(
            tx(
                "Ofis veritabanına ({server}) ulaşılamıyor: sunucu kapalı, adres yanlış ya da ağ bağlantısı yok. "
                "Kaydettikleriniz sunucuda durur; bağlantı gelince yeniden deneyin ya da ofisin BT sorumlusuna "
                "haber verin. ({detail})"
            ).format(server=f"{url.host}:{url.port}", detail=detail)
        )


class OfficeLoginFailed(KnownError):
    def __init__(self, url: OfficeUrl) -> None:
        super().__init__(
            tx(
                "Ofis veritabanı '{user}' kullanıcısının parolasını kabul etmedi. Veritabanı parolasını (program "
                "hesabınızın parolası değil) ofisin BT sorumlusundan öğrenip yeniden girin."
            ).format(user=url.user)
        )


class OfficeDatabaseMissing(KnownError):
    def __init__(self, url: OfficeUrl) -> None:
        super().__init__(
            tx(
                "Ofis sunucusunda '{name}' adlı veritabanı yok. Adresteki veritabanı adını denetleyin; henüz "
                'kurulmadıysa BT sorumlusu README\'deki "Ofis veritabanı" adımlarıyla kursun.'
            ).format(name=url.dbname)
        )


class OfficeNoTls(KnownError):
    def __init__(self, url: OfficeUrl) -> None:
        super().__init__(
            tx(
                "Ofis veritabanı sunucusu ({server}) şifreli bağlantı (TLS) sunmuyor; üyelerin kişisel verileri "
                "ağdan açık geçeceği için bağlanılmadı. BT sorumlusu sunucuda ssl = on ayarını açmalı."
            ).format(server=f"{url.host}:{url.port}")
        )


class OfficeNotInitialised(KnownError):
    def __init__(self, url: OfficeUrl) -> None:
        super().__init__(
            tx(
                "Ofis veritabanı ({url}) boş: KOOP-BİS Desktop için henüz kurulmamış. BT sorumlusu "
                "'koopbis --db ADRES office init' ile kurar (README, \"Ofis veritabanı\")."
            ).format(url=url.display)
        )


class OfficeForeign(KnownError):
    def __init__(self, url: OfficeUrl) -> None:
        super().__init__(
            tx(
                "Ofis veritabanında ({url}) başka bir programın tabloları var; KOOP-BİS Desktop ona dokunmadı. "
                "Adresi denetleyin ya da boş bir veritabanı kullanın."
            ).format(url=url.display)
        )


class OfficeNeedsUpgrade(KnownError):
    def __init__(self, url: OfficeUrl, found: int) -> None:
        super().__init__(
            tx(
                "Ofis veritabanının şeması (sürüm {found}) bu programınkinden ({latest}) eski ve bu bilgisayarın "
                "bağlandığı rolün şemayı değiştirme hakkı yok. BT sorumlusu sahip rolüyle 'koopbis --db ADRES "
                "office upgrade' çalıştırsın; sonra yeniden açın."
            ).format(found=found, latest=migrations.LATEST)
        )


class OfficeConnectionLost(StoreError):
    def __init__(self) -> None:
        super().__init__(
            tx(
                "Ofis veritabanıyla bağlantı koptu; son işlem kaydedilmedi. Ağ bağlantısını denetleyip yeniden "
                "deneyin: yazdıklarınız formda duruyor."
            )
        )


class RowBusy(StoreError):
    def __init__(self) -> None:
        super().__init__(
            tx(
                "Bu kayıt başka bir bilgisayarda şu an değiştiriliyor; {seconds} saniye beklendi. Biraz sonra "
                "yeniden deneyin."
            ).format(seconds=LOCK_TIMEOUT_S)
        )


def opening_error(exc: psycopg.Error, url: OfficeUrl) -> KnownError:
    """A failed connection, in the words of what the person can do about it."""
    text = str(exc)
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return OfficeLoginFailed(url)
    if "does not exist" in lowered and "database" in lowered:
        return OfficeDatabaseMissing(url)
    if "ssl" in lowered and ("not support" in lowered or "server does not support" in lowered):
        return OfficeNoTls(url)
    return OfficeUnreachable(url, text.strip().splitlines()[0] if text.strip() else type(exc).__name__)


def translate(exc: psycopg.Error) -> StoreError:
    if isinstance(exc, psycopg.errors.LockNotAvailable):
        return RowBusy()
    # Class 40, "transaction rollback": a deadlock or a serialisation failure. psycopg 3.3's
    # DeadlockDetected and SerializationFailure are not TransactionRollback's subclasses (they
    # are OperationalError's), so the SQLSTATE class decides, not the Python class.
    if isinstance(exc, psycopg.errors.TransactionRollback) or (exc.sqlstate or "").startswith("40"):
        return KnownError(
            tx(
                "Başka bir bilgisayar aynı kayıtlara aynı anda yazdı; işleminiz uygulanmadı, hiçbir şey "
                "kaybolmadı. Yeniden deneyin."
            )
        )
    if isinstance(exc, psycopg.OperationalError):
        return OfficeConnectionLost()
    bug = BugError(tx("Beklenmeyen veritabanı hatası: {exc}").format(exc=exc))
    bug.__cause__ = exc
    return bug


def needs_password(exc: psycopg.Error) -> bool:
    lowered = str(exc).lower()
    return "no password supplied" in lowered or "password authentication failed" in lowered


class PgConnection:
    """psycopg's connection as store functions use it: SQLite-spelled SQL, tracked writes."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw
        self._pending: set[str] = set()
        self._committed: set[str] = set()

    @property
    def dialect(self) -> Dialect:
        return POSTGRESQL

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    def _note(self, sql: str) -> None:
        kind = written_kind(sql)
        if kind is not None:
            self._pending.add(kind)

    def execute(self, sql: str, parameters: Any = (), /) -> psycopg.Cursor[Any]:
        # Raw psycopg errors, as sqlite3's connection raises its own: ``atomic`` translates them.
        with_params = bool(parameters)
        cursor = self.raw.execute(pg_sql(sql, with_params), parameters if with_params else None)
        self._note(sql)
        if not self.in_transaction:
            self._flush()
        return cursor

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[Any]:
        cursor = self.raw.cursor()
        rows = list(parameters)
        if rows:
            cursor.executemany(pg_sql(sql, True), rows)
            self._note(sql)
            if not self.in_transaction:
                self._flush()
        return cursor

    def _flush(self) -> None:
        if self._pending:
            self._announce(self._pending)
            self._committed |= self._pending
            self._pending = set()

    def _announce(self, kinds: set[str]) -> None:
        """Tell the other PCs what was written (delivered when the transaction commits)."""
        payload = f"{ORIGIN}|{','.join(sorted(kinds))}"
        self.raw.execute("SELECT pg_notify(%s, %s), nextval('koopbis_change_seq')", (NOTIFY_CHANNEL, payload))

    def begin(self) -> None:
        self.raw.execute("BEGIN")

    def commit(self) -> None:
        if self._pending:
            self._announce(self._pending)
        self.raw.execute("COMMIT")
        self._committed |= self._pending
        self._pending = set()

    def rollback(self) -> None:
        self._pending = set()
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def take_changes(self) -> OpChanges:
        if not self._committed:
            return NOTHING
        changes = of_kinds(self._committed)
        self._committed = set()
        return changes

    def close(self) -> None:
        self.raw.close()


def connect(url: OfficeUrl, *, password: str | None = None) -> psycopg.Connection[Any]:
    """A raw autocommit connection (libpq reads ``PGPASSFILE``/``.pgpass`` when no password is given)."""
    kwargs: dict[str, Any] = {"autocommit": True}
    if password:
        kwargs["password"] = password
    try:
        raw = psycopg.connect(url.conninfo(), **kwargs)
    except psycopg.Error as exc:
        raise opening_error(exc, url) from exc
    raw.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_S}s'")
    raw.execute("SET idle_in_transaction_session_timeout = '10min'")
    return raw


class PgStore(Store):
    """The office database behind the same interface as the single-PC file."""

    def __init__(
        self,
        conn: PgConnection,
        url: OfficeUrl,
        *,
        backups_dir: Path | None = None,
        read_only: bool = False,
        password: str | None = None,
    ) -> None:
        self._pg = conn
        self.url = url
        self.password = password
        self.backups_dir = backups_dir
        self.key = None
        self.read_only = read_only
        self.kept = {}

    # The single-PC file's attributes: an office database has no file and no sqlite-utils.
    @property
    def path(self) -> Path:
        raise AttributeError("an office database has no file path; use store.location")

    @path.setter
    def path(self, value: Path) -> None:  # pragma: no cover - nothing assigns it
        raise AttributeError("an office database has no file path")

    @property
    def db(self) -> Any:
        raise AttributeError("an office database has no sqlite-utils view; use the store's queries")

    @property
    def location(self) -> OfficeUrl:
        return self.url

    @property
    def conn(self) -> PgConnection:  # type: ignore[override]
        return self._pg

    @property
    def dialect(self) -> Dialect:
        return POSTGRESQL

    def execute(self, sql: str, params: Params = ()) -> Any:
        return self._pg.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> Any:
        return self._pg.executemany(sql, rows)

    def query(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self._pg.execute(sql, params).fetchall()
        return rows

    def query_one(self, sql: str, params: Params = ()) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._pg.execute(sql, params).fetchone()
        return row

    def take_changes(self) -> OpChanges:
        return self._pg.take_changes()

    @contextmanager
    def atomic(self) -> Iterator[PgConnection]:  # type: ignore[override]
        conn = self._pg
        if conn.in_transaction:
            yield conn
            return
        try:
            conn.begin()
        except psycopg.Error as exc:
            raise translate(exc) from exc
        try:
            yield conn
        except psycopg.Error as exc:
            self._rollback_quietly()
            raise translate(exc) from exc
        except BaseException:
            self._rollback_quietly()
            raise
        try:
            conn.commit()
        except psycopg.Error as exc:
            conn.rollback()
            raise translate(exc) from exc

    @contextmanager
    def reading(self) -> Iterator[None]:
        conn = self._pg
        if conn.in_transaction:
            yield
            return
        try:
            conn.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        except psycopg.Error as exc:
            raise translate(exc) from exc
        try:
            yield
        except psycopg.Error as exc:
            self._rollback_quietly()
            raise translate(exc) from exc
        finally:
            self._rollback_quietly()

    def _rollback_quietly(self) -> None:
        try:
            self._pg.rollback()
        except psycopg.Error:
            log.warning("rollback failed on a broken office connection", exc_info=True)

    def __repr__(self) -> str:
        return f"PgStore({self.url.display!r})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Pretty printers (hypothesis's) would list the file store's fields, which this one lacks.
        printer.text(repr(self))

    def schema_version(self) -> int:
        return schema_version(self._pg.raw)

    def checkpoint(self) -> None:
        return None

    def close(self) -> None:
        self._pg.close()


def schema_version(raw: psycopg.Connection[Any]) -> int:
    row = raw.execute("SELECT to_regclass('koopbis_schema') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    version = raw.execute("SELECT version FROM koopbis_schema").fetchone()
    return int(version[0]) if version else 0


def _user_tables(raw: psycopg.Connection[Any]) -> int:
    row = raw.execute(
        "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
    ).fetchone()
    return int(row[0]) if row else 0


def open_pg_store(
    url: OfficeUrl,
    *,
    create: bool = False,
    backups_dir: Path | None = None,
    read_only: bool = False,
    password: str | None = None,
) -> PgStore:
    """Connect to the office database and bring its schema up to date (``create`` makes it)."""
    raw = connect(url, password=password)
    try:
        version = schema_version(raw)
        if version == 0:
            if _user_tables(raw):
                raise OfficeForeign(url)
            if not create:
                raise OfficeNotInitialised(url)
        if version > migrations.LATEST:
            raise SchemaTooNew(Path(url.display), version, migrations.LATEST)
        if read_only and version < migrations.LATEST:
            raise NeedsWriteToUpgrade(Path(url.display))
    except BaseException:
        raw.close()
        raise
    store = PgStore(PgConnection(raw), url, backups_dir=backups_dir, read_only=read_only, password=password)
    if version < migrations.LATEST:
        from koopbis_desktop.store import pg_schema

        try:
            pg_schema.migrate(store)
        except psycopg.errors.InsufficientPrivilege as exc:
            store.close()
            raise OfficeNeedsUpgrade(url, version) from exc
        except psycopg.Error as exc:
            store.close()
            raise translate(exc) from exc
    return store


__all__ = [
    "NOTIFY_CHANNEL",
    "ORIGIN",
    "OfficeConnectionLost",
    "OfficeDatabaseMissing",
    "OfficeLoginFailed",
    "OfficeUnreachable",
    "PgConnection",
    "PgStore",
    "RowBusy",
    "connect",
    "needs_password",
    "open_pg_store",
    "pg_sql",
]
