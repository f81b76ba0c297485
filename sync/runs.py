"""What a sync run is and what it reports: the types and labels every window shows.

Kept apart from the engine (:mod:`sync.scheduler`, :mod:`sync.executor`, the HTTP
client) so that a window can show the last run, the run states and the options of
the next run without loading the engine: it loads when a sync starts. The engine's
modules re-export these names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from koopbis_desktop.domain.i18n import Labels
from koopbis_desktop.store import sync_state
from koopbis_desktop.store.changes import NOTHING, OpChanges
from koopbis_desktop.store.db import Store
from sync.progress import RunResult
from sync.status import ServerAnswer


@dataclass
class ExecutorConfig:
    """How a run retries: backoff of an entry, its ceiling, jitter, how long a run keeps going."""

    backoff_base: float = 5.0  # seconds before the first retry of an entry
    backoff_max: float = 600.0  # ceiling of one entry's wait
    jitter: float = 0.5  # each wait is stretched by up to this share, at random
    # How long one run keeps going while only backed-off entries remain; the
    # scheduler's next run picks up whatever is left after that.
    linger: float = 0.0
    # Entries of different cooperatives marked ``sending`` together in one commit
    # before their requests go out, and whose answers are stored together in one
    # commit after the last of them: two durable commits per window instead of two
    # per entry. Exactly-once does not depend on it (the idempotency key does).
    window: int = 32
    # Use POST /changes:batch when /health offers it: then a window is one request
    # of up to ``min(batch_size, the server's max_changes)`` entries.
    batch: bool = True
    batch_size: int = 100
    # Longest wait a run holds on for KOOP-BİS's Retry-After (429/503) before it stops and
    # leaves the rest to the loop's next round, which comes after that wait.
    hold_max: float = 60.0
    heartbeat: Callable[[], None] | None = None


class Status:
    OK = "ok"  # everything that could go went (conflicts/rejections are answers too)
    PARTIAL = "partial"  # some entries wait for a retry
    BEFORE_GO_LIVE = "before_go_live"
    MAINTENANCE = "maintenance"
    OFFLINE = "offline"
    AUTH_FAILED = "auth_failed"
    BUSY = "busy"
    CANCELLED = "cancelled"
    # The automatic loop could not use the database itself (the office server restarting,
    # the LAN gone): nothing was asked of KOOP-BİS and the run is not recorded.
    DATABASE = "database"


STATUS_LABELS = Labels(
    "sync.run",
    {
        Status.OK: "Tamamlandı",
        Status.PARTIAL: "Bazı kayıtlar yeniden denenecek",
        Status.BEFORE_GO_LIVE: "KOOP-BİS henüz açılmadı",
        Status.MAINTENANCE: "KOOP-BİS bakımda",
        Status.OFFLINE: "KOOP-BİS'e ulaşılamadı",
        Status.AUTH_FAILED: "KOOP-BİS girişi reddedildi",
        Status.BUSY: "Başka bir eşitleme sürüyor",
        Status.CANCELLED: "Durduruldu",
        Status.DATABASE: "Veritabanı kullanılamadı",
    },
)


@dataclass
class SyncReport:
    """A sync run's outcome as recorded and shown: status, message, times, counts."""

    status: str
    message: str
    started_at: str
    finished_at: str = ""
    result: RunResult = field(default_factory=RunResult)
    remaining: dict[str, int] = field(default_factory=dict)  # plan counts after the run
    retry_after: float | None = None  # for the scheduler: when to look again
    changes: OpChanges = NOTHING  # what the run wrote to the database, for the desktop's views
    # What KOOP-BİS itself answered (None: it was not asked, e.g. before go-live or busy):
    # the one thing the banner, status bar, page and tray show about KOOP-BİS.
    server: ServerAnswer | None = None

    @property
    def ok(self) -> bool:
        return self.status == Status.OK

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "message": self.message,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            **self.result.to_json(),
            "remaining": self.remaining,
            # When KOOP-BİS said it opens (maintenance): windows that did not run this sync show it.
            "opens_at": self.server.opens_at.isoformat()
            if self.server is not None and self.server.opens_at is not None
            else None,
        }


@dataclass
class SyncOptions:
    """Where and as whom a run syncs: server, account, password source, certificates, timeouts."""

    server_url: str | None = None  # default: the server_url setting
    username: str | None = None  # default: the server_username setting
    password: Callable[[], str] | None = None  # default: env / keyring, no prompt
    ca_bundle: str | None = None
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    executor: ExecutorConfig = field(default_factory=ExecutorConfig)
    ignore_go_live: bool = False
    today: Callable[[], date] = date.today
    #: The key of an encrypted database (from the signed-in account's slot); None for a plain one.
    db_key: bytes | None = field(default=None, repr=False)
    #: The office database role's password when neither its URL nor PGPASSFILE holds it.
    db_password: str | None = field(default=None, repr=False)


@dataclass
class AutoSyncConfig:
    """When the automatic sync runs: its interval, its waits while KOOP-BİS is away."""

    interval: float = 300.0  # seconds between syncs once KOOP-BİS answers
    poll_min: float = 15.0  # first wait while unreachable / in maintenance
    poll_max: float = 600.0  # ceiling of that wait
    countdown_interval: float = 3600.0  # before go-live: how often to look at the calendar


#: A sync lock whose heartbeat is older than this belongs to a run that died (its PC went away).
LOCK_STALE_SECONDS = 60.0


def run_in_progress(store: Store, now: datetime | None = None) -> dict[str, Any] | None:
    """The sync running now, by its lock row: host, here (this PC), started at; None when none is.

    A row whose heartbeat stopped belongs to a run whose PC died; the next run takes it over,
    so it is not shown as running.
    """
    row = sync_state.lock_holder(store)
    if row is None:
        return None
    _owner, _pid, host, acquired_at, heartbeat_at = row
    try:
        beat = datetime.fromisoformat(heartbeat_at)
    except ValueError:
        return None
    if beat.tzinfo is None:
        beat = beat.replace(tzinfo=UTC)
    if (now or datetime.now(UTC)) - beat >= timedelta(seconds=LOCK_STALE_SECONDS):
        return None
    import socket  # not at import: the main window reads this module at every start

    return {"host": host, "here": host == socket.gethostname(), "started_at": acquired_at}


def database_report(failure_message: str, next_step: str) -> SyncReport:
    """A run that could not use the database (KOOP-BİS was not asked): the failure and what happens next."""
    from koopbis_desktop.store.clock import stamp

    now = stamp()
    return SyncReport(Status.DATABASE, f"{failure_message.rstrip()} {next_step}", now, now)
