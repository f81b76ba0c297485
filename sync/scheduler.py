"""Running a sync: the one-at-a-time lock, go-live and health checks, run records, automatic sync.

The desktop (from a QThread) and a scheduled ``koopbis sync`` (no window) may both
try to sync the same database. Two runs at once would not double anything — the
idempotency keys see to that — but they would fight over entries and confuse the
supervisor, so a lock row in the database (owner, pid, host, heartbeat) lets only
one run at a time; a lock whose owner died (same host, pid gone) or stopped
beating is taken over. :func:`run_sync` is the plain-Python entry point; it opens
its own store, so it can run on any thread.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import time
import uuid as uuidlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.services import settings
from koopbis_desktop.store import entries, sync_state
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store, database_failure, open_store
from koopbis_desktop.store.entries import dumps
from koopbis_desktop.store.location import Location, OfficeUrl, parse_location
from koopbis_desktop.store.sync_state import last_run as last_run
from sync import client as wire
from sync.executor import RETRY_AFTER_JITTER, Executor, RunResult, SyncProgress
from sync.planner import build_plan
from sync.runs import LOCK_STALE_SECONDS as LOCK_STALE_SECONDS
from sync.runs import STATUS_LABELS as STATUS_LABELS  # re-exported: callers import them from here
from sync.runs import AutoSyncConfig as AutoSyncConfig
from sync.runs import Status as Status
from sync.runs import SyncOptions as SyncOptions
from sync.runs import SyncReport as SyncReport
from sync.runs import database_report
from sync.runs import run_in_progress as run_in_progress
from sync.status import Reach, ServerAnswer, maintenance_answer

log = logging.getLogger("koopbis.sync.scheduler")

HEARTBEAT_SECONDS = 5.0


class SyncBusy(KoopbisError):
    def __init__(self, owner: str, host: str | None = None) -> None:
        if host is not None and host != socket.gethostname():
            message = tx(
                "Eşitleme {host} bilgisayarında sürüyor; ofisin kayıtlarını o gönderiyor. O bilgisayar "
                "kapanırsa ya da ağdan düşerse eşitlemeyi bu bilgisayar kendiliğinden üstlenir."
            ).format(host=host)
        else:
            message = tx(
                "Bu veritabanında başka bir eşitleme sürüyor ({owner}); o bitince yeniden deneyin."
            ).format(owner=owner)
        super().__init__(message)
        self.owner = owner
        self.host = host


# ----------------------------------------------------------------- lock


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# The owners of the sync locks this process holds now (acquired, not yet released).
_HELD_HERE: set[str] = set()


class SyncLock:
    """The database-wide "one sync at a time" lock row (table ``sync_lock``)."""

    def __init__(self, store: Store, *, stale_after: float = LOCK_STALE_SECONDS) -> None:
        self.store = store
        self.stale_after = stale_after
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuidlib.uuid4().hex[:8]}"
        self._last_beat = 0.0

    def acquire(self) -> None:
        host, pid = socket.gethostname(), os.getpid()
        if not sync_state.try_office_lock(self.store):
            # The office database: another PC's session holds the lock; the row names it.
            row = sync_state.lock_holder(self.store)
            raise SyncBusy(row[0] if row else "?", row[2] if row else tx("başka bir"))
        if self.store.dialect.name == "postgresql":
            # Holding the session lock proves any older row's PC is gone: its session ended.
            # Unless the holder is a lock of this very process still held on the same
            # connection (the lock is re-entrant per session): then this is busy. A row of
            # this process whose run has ended without deleting it (its connection dropped
            # in the middle) is left over, however fresh its heartbeat.
            row = sync_state.lock_holder(self.store)
            if row is not None and row[0] != self.owner and row[0] in _HELD_HERE:
                sync_state.release_office_lock(self.store)
                raise SyncBusy(row[0], row[2])
            with self.store.atomic():
                sync_state.take_lock(self.store, self.owner, pid, host, stamp())
            self._last_beat = time.monotonic()
            _HELD_HERE.add(self.owner)
            return
        with self.store.atomic():
            row = sync_state.lock_holder(self.store)
            if row is not None and row[0] != self.owner:
                owner, holder_pid, holder_host, _acquired, heartbeat = row
                beat = datetime.fromisoformat(heartbeat)
                fresh = datetime.now(UTC) - beat < timedelta(seconds=self.stale_after)
                dead = holder_host == host and not _pid_alive(holder_pid)
                if fresh and not dead:
                    raise SyncBusy(owner)
                log.warning("taking over a stale sync lock of %s (last beat %s)", owner, heartbeat)
            sync_state.take_lock(self.store, self.owner, pid, host, stamp())
        self._last_beat = time.monotonic()
        _HELD_HERE.add(self.owner)

    def heartbeat(self) -> None:
        if time.monotonic() - self._last_beat < HEARTBEAT_SECONDS:
            return
        sync_state.beat_lock(self.store, self.owner, stamp())
        self._last_beat = time.monotonic()

    def release(self) -> None:
        _HELD_HERE.discard(self.owner)  # first: the database may be gone (a dropped connection)
        sync_state.release_lock(self.store, self.owner)
        sync_state.release_office_lock(self.store)


# ----------------------------------------------------------------- one run


def make_client(store: Store, options: SyncOptions) -> wire.KoopbisClient:
    url = options.server_url or settings.get(store, "server_url")
    username = options.username or settings.get(store, "server_username")
    password = options.password or wire.password_source(username, interactive=False)
    return wire.KoopbisClient(
        wire.ClientConfig(
            base_url=url,
            username=username,
            password=password,
            connect_timeout=options.connect_timeout,
            read_timeout=options.read_timeout,
            ca_bundle=options.ca_bundle,
        )
    )


def run_sync(
    store_path: Location | str,
    *,
    on_progress: Callable[[SyncProgress], None] | None = None,
    cancel: threading.Event | None = None,
    options: SyncOptions | None = None,
    client: wire.KoopbisClient | None = None,
) -> SyncReport:
    """One sync of the database at ``store_path``: lock, go-live, health, replay, record the run."""
    location = store_path if isinstance(store_path, (Path, OfficeUrl)) else parse_location(store_path)
    store = open_store(
        location,
        check_integrity=False,
        key=options.db_key if options else None,
        password=options.db_password if options else None,
    )
    store.take_changes()  # an opening migration is not the run's doing
    try:
        report = sync_store(store, on_progress=on_progress, cancel=cancel, options=options, client=client)
        report.changes = store.take_changes()
        return report
    finally:
        store.close()


def sync_store(
    store: Store,
    *,
    on_progress: Callable[[SyncProgress], None] | None = None,
    cancel: threading.Event | None = None,
    options: SyncOptions | None = None,
    client: wire.KoopbisClient | None = None,
) -> SyncReport:
    options = options or SyncOptions()
    started = stamp()
    go_live = settings.go_live(store)
    if not options.ignore_go_live and options.today() < go_live:
        days = (go_live - options.today()).days
        return _finish(
            store,
            SyncReport(
                Status.BEFORE_GO_LIVE,
                f"KOOP-BİS {go_live.strftime('%d.%m.%Y')} tarihinde açılacak ({days} gün kaldı); "
                "o güne kadar kayıtlar yerelde saklanır.",
                started,
            ),
            record=False,
        )
    lock = SyncLock(store)
    try:
        lock.acquire()
    except SyncBusy as exc:
        return _finish(store, SyncReport(Status.BUSY, exc.message, started), record=False)
    own_client = client is None
    http = client or make_client(store, options)
    run_id = _start_run(store, started)
    try:
        health = http.health()
        if not isinstance(health, wire.Health):
            report = _offline_report(health, started)
        elif health.status != "ok":
            report = SyncReport(
                Status.MAINTENANCE, "KOOP-BİS bakımda; bakım bitince eşitleme başlar.", started
            )
            report.server = maintenance_answer(report.message, None, health.maintenance_until)
        else:
            checked = _check_account_after_refusal(store, http, started)
            if checked is not None:
                report = checked
            else:
                config = options.executor
                config.heartbeat = lock.heartbeat
                executor = Executor(store, http, config=config, on_progress=on_progress, cancel=cancel)
                result = executor.run()
                report = _report_for(result, started)
            _note_login(store, report, http)
        plan = build_plan(store)
        report.remaining = plan.counts()
        if report.status == Status.OK and (report.remaining.get("ready") or report.remaining.get("waiting")):
            report.status = Status.PARTIAL
            report.message = _summary(report.result) + " Bazı kayıtlar yeniden denenecek."
        if report.status == Status.PARTIAL and report.retry_after is None:
            # Look again when the first backed-off entry is due, not at the next round.
            earliest = plan.earliest_retry()
            if earliest is not None:
                report.retry_after = max(0.0, (earliest - datetime.now(UTC)).total_seconds())
        return _finish(store, report, run_id=run_id)
    finally:
        try:
            lock.release()
        finally:
            if own_client:
                http.close()


#: ``sync_meta`` key: the last login's verdict ("refused" or "accepted"), whichever run made it.
LOGIN_MARK = "koopbis_login"


def _check_account_after_refusal(store: Store, http: wire.KoopbisClient, started: str) -> SyncReport | None:
    """After a refused login, log in before anything else; a report if that fails, else None.

    A run logs in only to send. Without this, a run with nothing due after a refusal (every
    entry waiting for its next try) reported KOOP-BİS open, and the banner's "girişi
    reddedildi" gave way to "KOOP-BİS açık" with the password still wrong — or, after the
    password was fixed, the run could not say so. One login, as a run with entries due makes.
    """
    if http.token is not None or sync_state.meta(store, LOGIN_MARK) != "refused":
        return None
    failed = http.login()
    if failed is None:
        return None
    if isinstance(failed, wire.AuthFailed):
        result = RunResult(stop="auth_failed", stop_message=failed.message, retry_after=failed.retry_after)
        return _report_for(result, started)
    return _offline_report(failed, started)


def _note_login(store: Store, report: SyncReport, http: wire.KoopbisClient) -> None:
    """Keep the run's login verdict for the next run (see :func:`_check_account_after_refusal`)."""
    if report.status == Status.AUTH_FAILED:
        sync_state.set_meta(store, LOGIN_MARK, "refused")
    elif http.token is not None:
        sync_state.set_meta(store, LOGIN_MARK, "accepted")


def _offline_report(outcome: wire.RetryLater | wire.Unreachable | wire.BadAnswer, started: str) -> SyncReport:
    if isinstance(outcome, wire.RetryLater) and outcome.maintenance:
        report = SyncReport(Status.MAINTENANCE, outcome.message, started)
        report.server = maintenance_answer(outcome.message, outcome.retry_after, outcome.maintenance_until)
    else:
        report = SyncReport(Status.OFFLINE, outcome.message, started)
        report.server = ServerAnswer(Reach.UNREACHABLE, datetime.now(UTC), outcome.message)
    report.retry_after = outcome.retry_after if isinstance(outcome, wire.RetryLater) else None
    return report


def _summary(result: RunResult) -> str:
    return (
        f"{result.applied} kayıt aktarıldı, {result.conflicts} çakışma, {result.rejected} ret, "
        f"{result.retried} başarısız deneme."
    )


def _report_for(result: RunResult, started: str) -> SyncReport:
    stop_status = {
        "cancelled": Status.CANCELLED,
        "maintenance": Status.MAINTENANCE,
        "offline": Status.OFFLINE,
        "auth_failed": Status.AUTH_FAILED,
    }
    now = datetime.now(UTC)
    if result.stop is not None:
        # The counts only when the run got as far as an answer for an entry: a row of zeros
        # after "KOOP-BİS girişi reddedildi" said nothing the stop did not.
        counts = _summary(result) if result.handled else ""
        message = f"{result.stop_message or ''} {counts}".strip() or _summary(result)
        report = SyncReport(stop_status.get(result.stop, Status.PARTIAL), message, started, result=result)
        if result.stop == "maintenance":
            report.server = maintenance_answer(
                result.stop_message or message, result.retry_after, result.maintenance_until, now
            )
            report.retry_after = result.retry_after
        elif result.stop == "auth_failed":
            report.server = ServerAnswer(Reach.LOGIN_REFUSED, now, result.stop_message or "")
            report.retry_after = result.retry_after  # a locked account: when it opens again
        elif result.stop == "offline":
            report.server = ServerAnswer(Reach.UNREACHABLE, now, result.stop_message or "")
        elif result.stop == "held":
            # KOOP-BİS answers but asked for a long wait (429/503 Retry-After): the loop's next
            # round comes after it; what was not sent stays approved.
            report.server = ServerAnswer(Reach.OPEN, now)
            report.retry_after = result.retry_after
        else:
            report.server = ServerAnswer(Reach.OPEN, now)
        return report
    return SyncReport(
        Status.OK, _summary(result), started, result=result, server=ServerAnswer(Reach.OPEN, now)
    )


def _start_run(store: Store, started: str) -> int:
    return sync_state.start_run(store, started)


def _finish(
    store: Store, report: SyncReport, *, run_id: int | None = None, record: bool = True
) -> SyncReport:
    report.finished_at = stamp()
    if not record:
        return report
    summary = report.to_json()
    summary.pop("receipts", None)  # receipts live on the entries; keep the run row small
    if run_id:
        sync_state.finish_run(store, run_id, report.finished_at, report.status, dumps(summary))
    return report


def status(store: Store) -> dict[str, Any]:
    """What ``koopbis sync status`` and the Eşitleme page show: counts, the plan, the last run."""
    plan = build_plan(store)
    counts = {state.value: n for state, n in entries.count_by_state(store).items()}
    return {
        "states": counts,
        "plan": plan.counts(),
        "blocked": [
            {
                "entry": item.uuid,
                "type": item.entry.type,
                "cooperative": item.group,
                "status": item.status.value,
                "reason": item.reason,
            }
            for item in plan.items()
            if item.reason
        ],
        "in_flight": [item.uuid for item in plan.in_flight],
        "go_live": settings.go_live(store).isoformat(),
        "last_run": last_run(store),
        "in_progress": run_in_progress(store),
        "lock": _lock_row(store),
    }


def _lock_row(store: Store) -> dict[str, Any] | None:
    row = sync_state.lock_holder(store)
    return {"owner": row[0], "acquired_at": row[3], "heartbeat_at": row[4]} if row else None


# ----------------------------------------------------------------- automatic sync


class AutoSync:
    """The automatic sync loop: nothing before go-live, health polling with back-off, then every few minutes.

    ``run`` blocks until ``stop`` is set; :meth:`poke` (an entry was approved) makes
    the next sync start at once. Each sync is a :func:`run_sync` call, so the lock
    and the run log apply.
    """

    def __init__(
        self,
        store_path: Location | str,
        *,
        options: SyncOptions | None = None,
        config: AutoSyncConfig | None = None,
        on_report: Callable[[SyncReport], None] | None = None,
        on_progress: Callable[[SyncProgress], None] | None = None,
    ) -> None:
        self.store_path = (
            store_path if isinstance(store_path, (Path, OfficeUrl)) else parse_location(store_path)
        )
        self.options = options or SyncOptions()
        self.config = config or AutoSyncConfig()
        self.on_report = on_report
        self.on_progress = on_progress
        self.stop = threading.Event()
        self._poked = threading.Event()
        self._rng = random.Random()
        self.refused_login = False  # the loop ended because KOOP-BİS refused the password

    def poke(self) -> None:
        self._poked.set()

    def _wait(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0 or self._poked.wait(min(left, 0.5)):
                break
        self._poked.clear()

    def run(self) -> None:
        backoff = self.config.poll_min
        while not self.stop.is_set():
            try:
                report = run_sync(
                    self.store_path, on_progress=self.on_progress, cancel=self.stop, options=self.options
                )
            except Exception as exc:
                failure = database_failure(exc)
                if failure is None:
                    raise
                # The database itself failed (the office server restarting, the LAN gone for a
                # minute): the loop goes on as while KOOP-BİS is unreachable. Entries stay where
                # the last commit left them; one left "sending" is sent again with its key.
                log.warning("sync run could not use the database: %s", failure.message)
                report = _database_report(failure)
            if self.on_report is not None:
                self.on_report(report)
            if report.status == Status.AUTH_FAILED and report.retry_after is None:
                # KOOP-BİS refused the password (not a lock): the same password again can only fail,
                # and every try counts towards KOOP-BİS locking the account — with two PCs on one
                # stale password within minutes. Stop until a person gives a new one.
                log.warning(
                    "KOOP-BİS refused the password: the automatic sync stops until a new one is given"
                )
                self.refused_login = True
                break
            self._wait(self.next_wait(report, backoff))
            if report.status in _LOOKING_AGAIN:
                if report.retry_after is None:
                    backoff = min(self.config.poll_max, backoff * 2)
            else:
                backoff = self.config.poll_min

    def next_wait(self, report: SyncReport, backoff: float) -> float:
        """Seconds until the next run: KOOP-BİS's Retry-After to the second (≤ 10 % jitter) when given."""
        if report.status == Status.BEFORE_GO_LIVE:
            return self.config.countdown_interval
        if report.retry_after is not None and report.status != Status.OK:
            spread = 1.0 + self._rng.random() * RETRY_AFTER_JITTER
            return min(report.retry_after * spread, self.config.poll_max)
        if report.status in _LOOKING_AGAIN:
            return min(backoff, self.config.poll_max)
        return self.config.interval


# Runs after which the loop looks again sooner than its interval, backing off while they repeat.
_LOOKING_AGAIN = (Status.OFFLINE, Status.MAINTENANCE, Status.BUSY, Status.DATABASE)


def _database_report(failure: KoopbisError) -> SyncReport:
    """What the loop says when a run could not use the database; KOOP-BİS was not asked."""
    return database_report(
        failure.message,
        tx(
            "Otomatik eşitleme durmadı: veritabanına yeniden ulaşılınca kendiliğinden yeniden denenecek; "
            "onaylı kayıtlar yerinde bekliyor."
        ),
    )
