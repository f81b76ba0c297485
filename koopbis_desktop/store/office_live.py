"""Hearing what the other PCs of the office wrote, so their changes reach this PC's lists.

Every writing transaction on the office database sends ``NOTIFY koopbis_changes,
'<origin>|<kinds>'`` and advances ``koopbis_change_seq`` (``store/pg.py``). An
:class:`OfficeListener` holds its own connection, separate from the store's, and
:meth:`OfficeListener.wait` blocks until another PC's change arrives (this process's
own writes are announced by the DB worker already) or the timeout passes, returning
what changed as :class:`OpChanges`.

Where LISTEN does not work the listener polls the sequence instead, at least once a
second; a poll cannot tell what or whose the change was, so it announces everything.
LISTEN may be refused (a standby server) or accepted and then never deliver (a
connection pooler in transaction mode): while listening, the sequence is read every
:data:`LISTEN_CHECK_S` seconds, and when it advanced twice in a row with not one
notification heard (this process's own included), the listener turns to polling. When the connection drops the listener
reconnects with a growing pause and, once back, announces everything: notifications
sent while it was away are lost.

Qt-free on purpose: the desktop runs it on a thread (``ui/live_office.py``) and
the tests drive it directly.
"""

from __future__ import annotations

import logging
import time
from dataclasses import fields
from typing import Any

import psycopg

from koopbis_desktop.store.changes import EVERYTHING, NOTHING, OpChanges, of_kinds
from koopbis_desktop.store.errors import KnownError
from koopbis_desktop.store.location import OfficeUrl
from koopbis_desktop.store.pg import NOTIFY_CHANNEL, ORIGIN, opening_error

log = logging.getLogger(__name__)

#: The longest pause between two polls of the change sequence (seconds).
POLL_INTERVAL_S = 1.0
#: Pauses before reconnecting grow from the first to the last (seconds).
FIRST_RETRY_S = 0.5
LAST_RETRY_S = 30.0
#: After the first notification, how long to gather the burst that follows it (seconds).
GATHER_S = 0.05
#: While listening, how often the sequence is read to check that notifications do arrive (seconds).
LISTEN_CHECK_S = 5.0

_KINDS = frozenset(f.name for f in fields(OpChanges))
# A dead peer without a closed socket (a cable pulled) is noticed by TCP keepalives.
_KEEPALIVES: dict[str, Any] = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}


def changes_of(payload: str, own_origin: str) -> OpChanges:
    """A notification's payload as changes; nothing for this process's own writes."""
    origin, _sep, kinds_text = payload.partition("|")
    if origin == own_origin:
        return NOTHING
    kinds = {kind for kind in kinds_text.split(",") if kind}
    changes = of_kinds(kinds & _KINDS)
    if kinds - _KINDS:
        # A newer program's kind this one does not know: refresh the lists rather than miss it.
        changes |= OpChanges(entries=True)
    return changes


class OfficeListener:
    """One connection that hears the office's changes; :meth:`wait` is called from one thread."""

    def __init__(
        self,
        url: OfficeUrl,
        *,
        password: str | None = None,
        listen: bool = True,
        poll_interval: float = POLL_INTERVAL_S,
        origin: str = ORIGIN,
        listen_check: float = LISTEN_CHECK_S,
    ) -> None:
        self.url = url
        self._password = password
        self._want_listen = listen
        self._poll_interval = min(poll_interval, POLL_INTERVAL_S)
        self.origin = origin
        self._conn: psycopg.Connection[Any] | None = None
        self.listening = False  # LISTEN is in effect (else the sequence is polled)
        self._connected_once = False
        self._last_seq: tuple[int, bool] | None = None
        self._retry_at = 0.0
        self._pause = 0.0
        self.reconnects = 0
        self._listen_check = listen_check
        self._check_at = 0.0
        self._heard = 0  # notifications since the last check, whoever sent them
        self._silent_advances = 0

    # -- connection --------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._conn is not None

    @property
    def backend_pid(self) -> int | None:
        """The server process of the listening connection (tests end it to simulate a drop)."""
        return self._conn.info.backend_pid if self._conn is not None else None

    def _connect(self) -> None:
        kwargs: dict[str, Any] = {"autocommit": True, **_KEEPALIVES}
        if self._password:
            kwargs["password"] = self._password
        try:
            conn = psycopg.connect(self.url.conninfo(), **kwargs)
        except psycopg.Error as exc:
            raise opening_error(exc, self.url) from exc
        try:
            conn.execute("SET application_name = 'koopbis-live'")
            self.listening = False
            if self._want_listen:
                try:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self.listening = True
                except psycopg.OperationalError:
                    raise
                except psycopg.Error as exc:
                    log.info("LISTEN refused by the office database (%s); polling the change sequence", exc)
            self._last_seq = self._read_seq(conn)
            self._check_at = time.monotonic() + self._listen_check
            self._heard = self._silent_advances = 0
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def _try_connect(self) -> OpChanges | None:
        """Connect if it is time to try: the changes to announce, or None while still away."""
        if time.monotonic() < self._retry_at:
            return None
        try:
            self._connect()
        except (KnownError, psycopg.Error) as exc:
            self._pause = FIRST_RETRY_S if self._pause == 0 else min(self._pause * 2, LAST_RETRY_S)
            self._retry_at = time.monotonic() + self._pause
            log.info(
                "office database not reachable for live updates (%s); next try in %.1f s", exc, self._pause
            )
            return None
        self._pause = 0.0
        if not self._connected_once:
            self._connected_once = True
            return NOTHING
        self.reconnects += 1
        log.info("live updates reconnected to %s; refreshing everything", self.url.display)
        return EVERYTHING

    def _drop(self, exc: BaseException) -> None:
        log.warning("live updates lost their office connection (%s); reconnecting", exc)
        conn, self._conn = self._conn, None
        self.listening = False
        self._retry_at = time.monotonic()  # the first try at once, then with growing pauses
        if conn is not None:
            try:
                conn.close()
            except psycopg.Error:
                log.debug("closing a broken live connection failed", exc_info=True)

    # -- waiting -----------------------------------------------------------------------

    def wait(self, timeout: float) -> OpChanges:
        """Block until other PCs' changes arrive (returned) or ``timeout`` seconds pass (nothing)."""
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            if self._conn is None:
                news = self._try_connect()
                if news:
                    return news
                if news is None:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return NOTHING
                    time.sleep(max(0.0, min(remaining, self._retry_at - time.monotonic())))
                    continue
            remaining = max(0.0, deadline - time.monotonic())
            try:
                news = self._listen(remaining) if self.listening else self._poll(remaining)
            except psycopg.Error as exc:
                self._drop(exc)
                continue
            if news or time.monotonic() >= deadline:
                return news

    def _listen(self, timeout: float) -> OpChanges:
        assert self._conn is not None
        changes = NOTHING
        heard = 0
        until_check = max(0.0, self._check_at - time.monotonic())
        for note in self._conn.notifies(timeout=min(timeout, until_check), stop_after=1):
            heard += 1
            changes |= changes_of(note.payload, self.origin)
        if heard:
            for note in self._conn.notifies(timeout=GATHER_S):
                heard += 1
                changes |= changes_of(note.payload, self.origin)
        elif self._conn.closed or self._conn.broken:
            raise psycopg.OperationalError("the office connection is closed")
        self._heard += heard
        if time.monotonic() >= self._check_at:
            changes |= self._check_delivery()
        return changes

    def _check_delivery(self) -> OpChanges:
        """Turn to polling if the office writes (the sequence moves) but no notification arrives."""
        assert self._conn is not None
        seq = self._read_seq(self._conn)
        advanced = seq != self._last_seq
        self._last_seq = seq
        self._check_at = time.monotonic() + self._listen_check
        self._silent_advances = self._silent_advances + 1 if advanced and not self._heard else 0
        self._heard = 0
        if self._silent_advances < 2:
            return NOTHING
        log.info(
            "no notifications arrive from %s although it is written to; polling instead", self.url.display
        )
        self.listening = False
        return EVERYTHING

    def _poll(self, timeout: float) -> OpChanges:
        assert self._conn is not None
        deadline = time.monotonic() + timeout
        while True:
            seq = self._read_seq(self._conn)
            if self._last_seq is not None and seq != self._last_seq:
                self._last_seq = seq
                return EVERYTHING
            self._last_seq = seq
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return NOTHING
            time.sleep(min(self._poll_interval, remaining))

    @staticmethod
    def _read_seq(conn: psycopg.Connection[Any]) -> tuple[int, bool]:
        row = conn.execute("SELECT last_value, is_called FROM koopbis_change_seq").fetchone()
        assert row is not None
        return int(row[0]), bool(row[1])

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()


__all__ = ["POLL_INTERVAL_S", "OfficeListener", "changes_of"]
