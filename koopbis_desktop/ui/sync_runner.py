"""Running the sync off the UI thread, and off the DB worker too.

A sync spends most of its time waiting for KOOP-BİS; on the DB worker that wait
would hold up every query a clerk makes, and on the UI thread it would freeze the
window. So each run (or the automatic loop, :class:`sync.scheduler.AutoSync`) gets
a plain thread of its own that opens its own connection to the database (the file,
or the office database with the same URL and role password) — the lock in the
database keeps it from racing a scheduled ``koopbis sync`` or another PC.
Progress and results come back as Qt signals, which Qt queues onto the UI thread
because this object lives there. Pausing sets the run's cancel event: the executor
stops between requests, so every entry is left ``approved`` or ``sending``. A runner
torn down with its page (without a shutdown) stops its thread the same way at the
thread's next signal, which has nobody left to receive it. (Not through the
runner's ``destroyed`` signal: a Python slot on it crashed the interpreter.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from koopbis_desktop.services import secrets
from koopbis_desktop.store.location import Location, OfficeUrl, parse_location
from sync.progress import SyncProgress
from sync.runs import AutoSyncConfig, Status, SyncOptions, SyncReport, database_report

if TYPE_CHECKING:
    from sync.scheduler import AutoSync

log = logging.getLogger(__name__)


class SyncRunner(QObject):
    """One background sync at a time for one database: a single run or the automatic loop."""

    started = Signal()  # a run (or the automatic loop) began
    progressed = Signal(object)  # SyncProgress
    reported = Signal(object)  # SyncReport of each finished run
    stopped = Signal()  # the thread ended (run finished, loop stopped)
    password_needed = Signal(str)  # username: no password in memory, environment or keyring
    changed = Signal(object)  # OpChanges a run wrote (the sync has its own connection, not the DB worker)

    def __init__(
        self,
        location: Location | str,
        parent: QObject | None = None,
        *,
        key_source: Callable[[], bytes | None] | None = None,
        db_password_source: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.location: Location = location if isinstance(location, OfficeUrl) else parse_location(location)
        self._key_source = key_source  # an encrypted database's key for the sync thread's connection
        self._db_password_source = db_password_source  # the office role's password, same purpose
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._auto: AutoSync | None = None
        self._password: str | None = None  # asked this session; kept in memory only
        # The password KOOP-BİS last refused, and the one last handed to a run (memory only):
        # never handed again, however it is found (typed or the keyring's), so a wrong one is
        # not retried into a locked KOOP-BİS account; a new one asked or saved is tried.
        self._refused: str | None = None
        self._given: str | None = None
        self._active = False  # set on the UI thread when a thread starts, cleared when it said "stopped"
        self.stopped.connect(self._on_stopped)  # first connection: runs before any page's slot

    # -- state -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._active

    def _on_stopped(self) -> None:
        self._active = False

    @property
    def automatic(self) -> bool:
        return self._auto is not None and self.running

    def remember_password(self, password: str) -> None:
        self._password = password or None
        self._refused = None  # typed on purpose: tried, even if the same as the refused one

    def forget_password(self) -> None:
        self._password = None
        self._refused = None

    @property
    def login_refused(self) -> bool:
        """KOOP-BİS refused the password last tried, and no new one was given since."""
        return self._refused is not None

    def _note_report(self, report: SyncReport) -> None:
        if report.status == Status.AUTH_FAILED and self._given is not None:
            self._refused = self._given
            if self._password == self._given:
                self._password = None  # a mistyped password is asked again, not re-sent

    def password_for(self, username: str) -> Callable[[], str]:
        """The password source handed to the client (called on the sync thread)."""

        def provide() -> str:
            from sync import client as wire

            refused = self._refused
            for found in (self._password, wire.stored_password(username)):
                if found and found != refused:
                    self._given = found
                    return found
            raise wire.PasswordUnavailable(f"KOOP-BİS parolası girilmedi ({username}).")

        return provide

    # -- starting and stopping -------------------------------------------------------------

    def start_once(self, options: SyncOptions) -> bool:
        """Start one sync; False when one is already running (then nothing changes)."""
        if self.running:
            return False
        self._cancel = threading.Event()
        self._auto = None
        self._launch(self._run_once, options)
        return True

    def start_automatic(self, options: SyncOptions, config: AutoSyncConfig | None = None) -> bool:
        """Start the automatic loop (sync now, then every few minutes and when poked)."""
        if self.running:
            if self._auto is not None:
                self._auto.poke()
            return False
        from sync.scheduler import AutoSync  # the engine loads with the first run (see _launch)

        self._auto = AutoSync(
            self.location,
            options=options,
            config=config,
            on_report=self._report,
            on_progress=self._progress,
        )
        self._cancel = self._auto.stop
        self._launch(self._run_automatic, options)
        return True

    def poke(self) -> None:
        """An entry was approved: the automatic loop syncs at once (no-op without it)."""
        if self._auto is not None:
            self._auto.poke()

    def pause(self) -> None:
        """Stop the current run between two requests, and the automatic loop with it."""
        self._cancel.set()

    def wait(self, timeout: float = 30.0) -> bool:
        """Wait for the thread to end (shutdown and tests only; never from an event handler)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    # -- thread side ----------------------------------------------------------------------

    def _launch(self, target: Callable[[SyncOptions], None], options: SyncOptions) -> None:
        # The engine (scheduler, executor, HTTP client) is imported here, on the UI thread, once:
        # a window that never syncs never loads it, and PySide6's import hook must not run on
        # the sync thread beside the UI thread (that crashed the interpreter).
        import sync.scheduler  # noqa: F401

        username = options.username or ""
        if options.db_key is None and self._key_source is not None:
            options.db_key = self._key_source()
        if options.db_password is None and self._db_password_source is not None:
            options.db_password = self._db_password_source()
        if options.password is None:
            options.password = self.password_for(username)
        self._thread = threading.Thread(target=target, args=(options,), name="koopbis-sync", daemon=True)
        self._active = True
        self.started.emit()
        self._thread.start()

    def _needs_password(self, options: SyncOptions) -> bool:
        from sync.client import PasswordUnavailable

        assert options.password is not None
        try:
            options.password()
        except PasswordUnavailable:
            self._emit("password_needed", options.username or "")
            return True
        return False

    def _emit(self, name: str, *args: object) -> None:
        """Emit a signal from the sync thread; if the runner is gone (its page torn down without
        a shutdown), stop the run between two requests instead of failing in the thread."""
        try:
            getattr(self, name).emit(*args)
        except RuntimeError:  # "Signal source has been deleted": nobody is left to tell
            self._cancel.set()

    def _progress(self, progress: SyncProgress) -> None:
        self._emit("progressed", progress)

    def _run_once(self, options: SyncOptions) -> None:
        try:
            if self._needs_password(options):
                return
            from sync.scheduler import run_sync

            report = run_sync(self.location, on_progress=self._progress, cancel=self._cancel, options=options)
            self._report(report)
        except Exception as exc:  # the thread must end with a report, never silently
            log.exception("sync run failed")
            self._emit("reported", _failure_report(exc))
        finally:
            self._emit("stopped")

    def _report(self, report: SyncReport) -> None:
        self._note_report(report)
        self._emit("reported", report)
        if report.changes:
            self._emit("changed", report.changes)

    def _run_automatic(self, options: SyncOptions) -> None:
        auto = self._auto
        try:
            if auto is None or self._needs_password(options):
                return
            auto.run()
        except Exception as exc:
            log.exception("automatic sync failed")
            self._emit("reported", _failure_report(exc))
        finally:
            self._emit("stopped")


def _failure_report(exc: Exception) -> SyncReport:
    """A run that ended on an error: the database's own failure said as such, anything else plainly."""
    from koopbis_desktop.domain.i18n import tx
    from koopbis_desktop.store.clock import stamp
    from koopbis_desktop.store.db import database_failure

    failure = database_failure(exc)
    if failure is not None:
        # The office database (or the file) failed, not KOOP-BİS: say so, not "KOOP-BİS'e ulaşılamadı".
        return database_report(
            failure.message,
            tx("Eşitleme yapılmadı; onaylı kayıtlar yerinde bekliyor. Bağlantı gelince yeniden deneyin."),
        )
    now = stamp()
    message = getattr(exc, "message", None) or tx(
        "Eşitleme beklenmeyen bir hatayla durdu; kayıtlar yerinde duruyor. Ayrıntı günlük dosyasında."
    )
    return SyncReport(Status.OFFLINE, str(message), now, now)


def save_password(username: str, password: str) -> bool:
    """Keep the password in the OS keyring (False when there is none; nothing is written elsewhere)."""
    return secrets.set_password(username, password)


__all__ = ["SyncProgress", "SyncRunner", "save_password"]
