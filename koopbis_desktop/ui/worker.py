"""The DB worker: one thread owns the Store; the UI thread never waits for the disk.

Jobs are plain functions ``op(store) -> result`` (as Anki's ``QueryOp``): they run
in order on the worker thread, never touch widgets, and their result or error is
delivered back on the UI thread through a queued signal. A job with a
``coalesce`` key replaces any older queued job with the same key, so typing fast in
a search box runs only the newest query.

Opening the database (integrity check, migrations) also happens on the worker and
can take seconds on a large file with a cold disk cache, so :meth:`DbWorker.start`
does not wait for it: jobs submitted meanwhile simply queue until the store is
open. If opening fails, ``open_failed`` carries the store's error (damaged file
naming the newest backup, schema too new) and no queued job runs.

With ``check_in_background`` (the desktop app) the open checks only the tables a
start reads, and the whole file is checked on a thread of its own while the
first window is drawn (``store/integrity.py``); a damaged file is then reported
through ``damaged``, with the same sentence naming the newest backup.

An encrypted database cannot be opened before someone signs in: its key comes
from an account's password (``store/encryption.py``). The worker then starts
*locked*: it checks that the key file is there and readable (a missing or
damaged one is an open error, reported at once) and waits; the login's job
carries the typed ``credentials``, the worker unwraps the key and opens the
database — integrity check and migrations included — before running it. A wrong
password fails that job only (the worker stays locked for the next try); any
other open error is ``open_failed`` as for a plain file. A new database is
created encrypted when ``encrypt_new`` is set (the desktop's first run and demo).

An office database (``OfficeUrl``) has no key file and no encryption of its own:
the worker connects with its role's ``password`` (None: the URL or ``PGPASSFILE``
gives it), kept in memory only, for the threads that open their own connection.

After every job whose transactions committed a write, ``changed`` carries the
store's :class:`OpChanges` (Anki's ``operation_did_execute``): pages refresh from
that one announcement, whichever window or job made the change.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from koopbis_desktop.domain.lifecycle import AccountClosed
from koopbis_desktop.store.changes import NOTHING, OpChanges
from koopbis_desktop.store.location import Location, OfficeUrl, parse_location

if TYPE_CHECKING:
    from koopbis_desktop.store.db import Store

log = logging.getLogger(__name__)

Op = Callable[["Store"], Any]
Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


@dataclass
class _Job:
    """One job in the DB worker's queue: the operation and what to call with its outcome."""

    job_id: int
    op: Op
    on_success: Success | None
    on_error: Failure | None
    coalesce: str | None
    credentials: tuple[str, str] | None = None
    replaces_store: bool = False  # op(holder): may close the store and put another in its place


@dataclass
class StoreHolder:
    """The worker's store, for the one kind of job that replaces it (encrypting the file in place)."""

    store: Store


_STOP = object()


class DbWorker(QObject):
    """Runs store operations on its own thread and reports back on the UI thread."""

    _finished = Signal(int, object, object, object)  # job id, result, error, OpChanges
    failed = Signal(object)  # an error no caller handled
    account_closed = Signal(object)  # AccountClosed of any job, handled or not: the account was closed
    changed = Signal(object)  # OpChanges of a job that wrote something, after its result
    idle = Signal()  # every job submitted so far has been delivered (its result, then its news)
    opened = Signal()  # the store is open and checked; queued jobs run now
    open_failed = Signal(object)  # the store could not be opened (KnownError); nothing will run
    damaged = Signal(object)  # the background check of the whole file found damage (DatabaseDamaged)
    _damaged_signal = Signal(object)  # from the checking thread
    _opened_signal = Signal(object)  # from the worker thread: None or the open error

    def __init__(
        self,
        location: Location | str,
        backups_dir: Path | None = None,
        *,
        create: bool = False,
        encrypt_new: bool = False,
        credentials: tuple[str, str] | None = None,
        key: bytes | None = None,
        password: str | None = None,
        check_in_background: bool = False,
        check_at_low_priority: bool = True,
        check_whole_file: bool = True,
        check_hold_s: float = 0.0,
    ) -> None:
        super().__init__()
        self._check_in_background = check_in_background
        # False: the start's tables only (``--smoke`` without ``--whole-file``, like any start's
        # first window); the whole file is then checked by the next start or any command.
        self._check_whole_file_too = check_whole_file
        self._check_at_low_priority = check_at_low_priority  # not when someone waits for the verdict
        self._checked = threading.Event()  # the whole-file check ended (or was never asked for)
        # The check reads the whole file and, beside argon2 and the first window, slows both even
        # at the lowest priority (memory, caches): it waits for release_check(), at most this long.
        self._check_hold_s = check_hold_s
        self._check_released = threading.Event()
        self._check_cancelled = threading.Event()
        self._check_began = threading.Event()
        self._check_error: BaseException | None = None
        self._key = key  # an encrypted file's key already known (tests, a restarted worker)
        self._store_key: bytes | None = key  # the open file's key, for the connections of jobs apart
        self._apart: dict[threading.Thread, threading.Event] = {}  # running jobs apart and their stop
        self.location: Location = location if isinstance(location, OfficeUrl) else parse_location(location)
        self.password = password  # an office database role's password; never written anywhere
        self.backups_dir = backups_dir
        self._create = create
        self._encrypt_new = encrypt_new
        self._credentials = credentials  # opens an encrypted file at start (scripts, tests)
        self._locked = threading.Event()  # set while an encrypted file waits for a password
        self._queue: queue.Queue[Any] = queue.Queue()
        self._pending: dict[int, _Job] = {}
        self._latest: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._opened = threading.Event()
        # Set with either of the two above: the open ended (opened or failed) or waits for a
        # password. One event for wait_ready() to sleep on instead of a clock to poll.
        self._settled = threading.Event()
        self._open_error: BaseException | None = None
        self._finished.connect(self._on_finished)
        self._opened_signal.connect(self._on_opened)
        self._damaged_signal.connect(self._on_damaged)

    @property
    def db_path(self) -> Path:
        """The database file; an office database has none (its URL is ``location``)."""
        if isinstance(self.location, OfficeUrl):
            raise TypeError(f"{self.location.display} is an office database, not a file")
        return self.location

    @property
    def is_office(self) -> bool:
        return isinstance(self.location, OfficeUrl)

    # -- life cycle --------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Start the thread, which opens the database; returns at once (see ``opened``/``open_failed``)."""
        self._check_cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name="koopbis-db", daemon=True)
        self._thread.start()

    def release_check(self) -> None:
        """The first window is up: a whole-file check held back (``check_hold_s``) starts now."""
        self._check_released.set()

    @property
    def check_started(self) -> bool:
        """The whole-file check has begun reading the file."""
        return self._check_began.is_set()

    def wait_open(self, timeout: float | None = None) -> None:
        """Block until the database is open; raise the open error. Start-up paths and tests only."""
        if not self._opened.wait(timeout):
            raise TimeoutError("veritabanı açılışı zaman aşımına uğradı")
        if self._open_error is not None:
            raise self._open_error

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until the database is open or waits for a password (True then); raise the open error."""
        if not self._settled.wait(timeout):
            raise TimeoutError("veritabanı açılışı zaman aşımına uğradı")
        if self._open_error is not None:
            raise self._open_error
        return not self._opened.is_set()

    def wait_checked(self, timeout: float | None = None) -> None:
        """Block until the whole-file check ended; raise what it found. The smoke check and tests only."""
        self.wait_open(timeout)
        if not self._checked.wait(timeout):
            raise TimeoutError("veritabanı denetimi zaman aşımına uğradı")
        if self._check_error is not None:
            raise self._check_error

    @property
    def is_locked(self) -> bool:
        """An encrypted database waits for a sign-in to be opened."""
        return self._locked.is_set() and not self._opened.is_set()

    @property
    def is_open(self) -> bool:
        return self._opened.is_set() and self._open_error is None

    @property
    def open_error(self) -> BaseException | None:
        return self._open_error

    def stop(self, timeout: float = 10.0) -> None:
        """Finish queued jobs, close the database and end the thread."""
        if self._thread is None:
            return
        self._check_cancelled.set()  # a check still held back never starts
        self._check_released.set()
        with self._lock:
            apart = list(self._apart.items())
        for _, stopping in apart:
            stopping.set()  # a job apart stops at its next step (an export removes its half-written file)
        for thread, _ in apart:
            thread.join(timeout)
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self._thread = None

    # -- jobs ------------------------------------------------------------------------

    def submit(
        self,
        op: Op,
        on_success: Success | None = None,
        on_error: Failure | None = None,
        *,
        coalesce: str | None = None,
        credentials: tuple[str, str] | None = None,
    ) -> int:
        """Queue ``op``; ``credentials`` (username, password) unlock an encrypted database first if needed."""
        job = _Job(next(self._ids), op, on_success, on_error, coalesce, credentials)
        if self._open_error is not None:
            return job.job_id  # the database never opened: open_failed already told the app
        with self._lock:
            self._pending[job.job_id] = job
            if coalesce is not None:
                self._latest[coalesce] = job.job_id
        self._queue.put(job)
        return job.job_id

    def submit_replacing(
        self,
        op: Callable[[StoreHolder], Any],
        on_success: Success | None = None,
        on_error: Failure | None = None,
    ) -> int:
        """Queue ``op(holder)``, which may close ``holder.store`` and set a new one (the file was replaced)."""
        job = _Job(next(self._ids), op, on_success, on_error, None, replaces_store=True)  # type: ignore[arg-type]
        with self._lock:
            self._pending[job.job_id] = job
        self._queue.put(job)
        return job.job_id

    def submit_apart(
        self,
        op: Op,
        on_success: Success | None = None,
        on_error: Failure | None = None,
        *,
        cancel: threading.Event | None = None,
    ) -> int:
        """Run ``op`` on a thread and a read-only connection of its own, beside the worker's jobs.

        For a long read — an export of 50,000 entries takes most of a minute — that on the
        worker would hold up every other job meanwhile: the lists, a save, the editor's
        autosave. ``op`` must only read (the connection refuses writes); ``cancel`` (set by
        :meth:`stop` too) is the op's to watch. Its answer comes back like any job's.
        """
        job = _Job(next(self._ids), op, on_success, on_error, None)
        stopping = cancel if cancel is not None else threading.Event()
        # The thread gets the op, not the job: the job's callbacks stay with the UI thread, which
        # lets go of them when it delivers the answer (see ``_run``).
        thread = threading.Thread(
            target=self._run_apart, args=(job.job_id, op, stopping), name="koopbis-apart", daemon=True
        )
        with self._lock:
            self._pending[job.job_id] = job
            self._apart[thread] = stopping
        thread.start()
        return job.job_id

    def call(self, op: Op, timeout: float = 30.0) -> Any:
        """Run ``op`` and wait for it. Only for start-up and shutdown, never in an event handler."""
        done = threading.Event()
        box: dict[str, Any] = {}

        def wrapped(store: Store | None) -> None:
            try:
                if store is None:
                    from koopbis_desktop.store.errors import KeyRequired

                    raise KeyRequired(self.db_path)
                box["result"] = op(store)
            except BaseException as exc:  # handed back to the caller below
                box["error"] = exc
            finally:
                done.set()

        self._queue.put(_Job(0, wrapped, None, None, None))
        deadline = time.monotonic() + timeout
        while not done.wait(0.02):
            if self._open_error is not None:  # the thread ended without running the job
                raise self._open_error
            if time.monotonic() >= deadline:
                raise TimeoutError("veritabanı işlemi zaman aşımına uğradı")
        if "error" in box:
            raise box["error"]
        return box.get("result")

    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    # -- thread side ---------------------------------------------------------------

    def _open(self, credentials: tuple[str, str] | None) -> Store | None:
        """The open store, or None while an encrypted file waits for a password."""
        # Imported here, on this thread: sqlite-utils and the migrations load while the
        # UI thread shows the login.
        from koopbis_desktop.store import encryption
        from koopbis_desktop.store.db import open_store

        if isinstance(self.location, OfficeUrl):
            return open_store(
                self.location, create=self._create, backups_dir=self.backups_dir, password=self.password
            )
        check: bool | Literal["start"] = "start" if self._check_in_background else True
        if encryption.is_encrypted(self.db_path):
            if self._key is not None:
                return open_store(
                    self.db_path, backups_dir=self.backups_dir, key=self._key, check_integrity=check
                )
            if credentials is None:
                encryption.check_keyfile(self.db_path)  # missing or damaged: say so before the login
                return None
            return encryption.open_with_password(
                self.db_path, *credentials, backups_dir=self.backups_dir, check_integrity=check
            )
        if self._encrypt_new and self._create and encryption.is_new(self.db_path):
            return encryption.create_encrypted(self.db_path, backups_dir=self.backups_dir)
        return open_store(
            self.db_path, create=self._create, backups_dir=self.backups_dir, check_integrity=check
        )

    def _fail_open(self, exc: BaseException) -> None:
        log.error("opening %s failed", self.location, exc_info=exc)
        self._open_error = exc
        with self._lock:
            self._pending.clear()  # nothing queued will run; the app reports and exits
            self._latest.clear()
        self._opened.set()
        self._settled.set()
        self._opened_signal.emit(exc)

    def _did_open(self, store: Store) -> None:
        store.take_changes()  # the migrations of the opening are nobody's news
        self._store_key = store.key
        # The whole-file check is SQLite's (PRAGMA quick_check); another engine checks its own files.
        if self._check_in_background and self._check_whole_file_too and store.dialect.pragmas:
            checker = threading.Thread(
                target=self._check_whole_file,
                args=(store.path, store.key, self._check_cancelled),
                name="koopbis-check",
                daemon=True,
            )
            checker.start()
        else:
            self._checked.set()
        self._opened.set()
        self._settled.set()
        self._opened_signal.emit(None)

    def _run_apart(self, job_id: int, op: Op, stopping: threading.Event) -> None:
        """A job apart's thread: its own read-only connection, opened once the worker's store is open."""
        from koopbis_desktop.store.db import open_store

        try:
            while not self._opened.wait(0.05):
                if stopping.is_set():  # stopped before the database opened: nothing to read
                    raise RuntimeError("the worker stopped before the database opened")
            if self._open_error is not None:
                raise self._open_error
            if isinstance(self.location, OfficeUrl):
                store = open_store(
                    self.location, read_only=True, password=self.password, backups_dir=self.backups_dir
                )
            else:
                store = open_store(
                    self.db_path,
                    read_only=True,
                    key=self._store_key,
                    check_integrity=False,
                    backups_dir=self.backups_dir,
                )
            try:
                result = op(store)
            finally:
                store.close()
        except BaseException as exc:  # delivered to the UI thread
            log.debug("job %s (apart) failed", job_id, exc_info=True)
            self._finished.emit(job_id, None, exc, NOTHING)
        else:
            self._finished.emit(job_id, result, None, NOTHING)
        finally:
            with self._lock:
                self._apart.pop(threading.current_thread(), None)

    def _check_whole_file(self, path: Path, key: bytes | None, cancelled: threading.Event) -> None:
        """The checking thread: every page, then (the day's first check) the text indexes, on a
        connection of its own (WAL: beside the worker's; it writes only to make a stale text index
        again and to note the day)."""
        if self._check_hold_s > 0:
            self._check_released.wait(self._check_hold_s)
        if cancelled.is_set():  # the worker stopped meanwhile: the next start checks the file
            self._checked.set()
            return
        self._check_began.set()
        from koopbis_desktop.store.integrity import check_whole_file

        if self._check_at_low_priority:
            _lower_this_threads_priority()
        try:
            check_whole_file(path, key, self.backups_dir)
        except BaseException as exc:  # reported on the UI thread
            log.error("opening %s (its whole-file check) failed", path, exc_info=exc)
            self._check_error = exc
            self._checked.set()
            self._damaged_signal.emit(exc)
            return
        self._checked.set()

    def _unlock(self, job: _Job) -> Store | None:
        """Open the encrypted database with the job's credentials; a wrong password fails the job only."""
        from koopbis_desktop.store.errors import KeyFileDamaged, KeyRequired, WrongPassword

        try:
            if job.credentials is None:
                raise KeyRequired(self.db_path)
            store = self._open(job.credentials)
        except (WrongPassword, KeyRequired, KeyFileDamaged) as exc:
            # KeyFileDamaged here: the account's own slot is damaged (the file itself was read
            # before the login); the login says so with the way back, and the others still open.
            if job.job_id == 0:
                job.op(None)  # type: ignore[arg-type]  # call()'s wrapper reports KeyRequired
            else:
                self._finished.emit(job.job_id, None, exc, NOTHING)
            return None
        except BaseException as exc:
            self._fail_open(exc)
            raise
        assert store is not None
        self._locked.clear()
        self._did_open(store)
        return store

    def _run(self) -> None:
        try:
            store = self._open(self._credentials)
        except BaseException as exc:
            self._fail_open(exc)
            return
        if store is None:
            self._locked.set()
            self._settled.set()
        else:
            self._did_open(store)
        try:
            while True:
                job = self._queue.get()
                if job is _STOP:
                    break
                if store is None:
                    try:
                        store = self._unlock(job)
                    except BaseException:
                        return  # open_failed told the app; nothing else will run
                    if store is None:
                        continue
                # The job (its op and callbacks) is let go of here before its answer is sent:
                # the UI thread then drops the last reference when it delivers the answer. Held
                # here until the next job came, a job's callbacks could be the last thing keeping
                # a closed window without a parent alive, and that window was then deleted on
                # this thread: Qt objects must die on the UI thread.
                job_id, op = job.job_id, job.op
                if job_id == 0:
                    job = None
                    op(store)
                    op = None
                    self._announce(store)
                    continue
                if job.replaces_store:
                    job = None
                    # The file is about to be replaced: not while the check still reads it
                    # (Windows refuses to replace a file another connection holds open).
                    self._checked.wait()
                    holder = StoreHolder(store)
                    try:
                        result = op(holder)
                    except BaseException as exc:  # delivered to the UI thread
                        op = None
                        store = holder.store
                        self._finished.emit(job_id, None, exc, store.take_changes())
                    else:
                        op = None
                        store = holder.store
                        self._finished.emit(job_id, result, None, store.take_changes())
                    result = None
                    self._store_key = store.key
                    continue
                with self._lock:
                    stale = job.coalesce is not None and self._latest.get(job.coalesce) != job_id
                job = None
                if stale:
                    op = None
                    self._finished.emit(job_id, None, _Skipped(), NOTHING)
                    continue
                try:
                    result = op(store)
                except BaseException as exc:  # delivered to the UI thread
                    op = None
                    log.debug("job %s failed", job_id, exc_info=True)
                    self._finished.emit(job_id, None, exc, store.take_changes())
                else:
                    op = None
                    self._finished.emit(job_id, result, None, store.take_changes())
                result = None
        finally:
            if store is not None:
                store.close()

    def _announce(self, store: Store) -> None:
        changes = store.take_changes()
        if changes:
            self.changed.emit(changes)  # queued to the UI thread

    # -- UI side ----------------------------------------------------------------------

    @Slot(object)
    def _on_opened(self, error: Any) -> None:
        if error is None:
            self.opened.emit()
        else:
            self.open_failed.emit(error)

    @Slot(object)
    def _on_damaged(self, error: Any) -> None:
        self.damaged.emit(error)

    @Slot(int, object, object, object)
    def _on_finished(self, job_id: int, result: Any, error: Any, changes: OpChanges) -> None:
        try:
            self._deliver(job_id, result, error)
        finally:
            # After the caller's own handler, in the same turn of the event loop: a view
            # that reloads on the news has queued its job before anyone sees the worker idle.
            if changes:
                self.changed.emit(changes)
            if self.pending() == 0:
                self.idle.emit()

    def _deliver(self, job_id: int, result: Any, error: Any) -> None:
        with self._lock:
            job = self._pending.pop(job_id, None)
            if job is not None and job.coalesce is not None and self._latest.get(job.coalesce) == job_id:
                del self._latest[job.coalesce]
        if job is None or isinstance(error, _Skipped):
            return
        if error is not None:
            if job.on_error is not None and not _receiver_alive(job.on_error):
                log.info("an error for a closed window was not shown: %r", error)
            elif job.on_error is not None:
                job.on_error(error)
            else:
                self.failed.emit(error)
            if isinstance(error, AccountClosed):
                self.account_closed.emit(error)
            return
        if job.on_success is not None and _receiver_alive(job.on_success):
            job.on_success(result)


def _receiver_alive(callback: Callable[..., Any]) -> bool:
    """False for a method of a Qt object deleted while its job ran (a page closed, the window
    signed out): its answer has nobody to reach, and calling it would raise in the event loop."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def _lower_this_threads_priority() -> None:
    """Let the first window and its lists have the processor first: the check waits for idle time.

    On Linux a thread has a nice value of its own (``setpriority`` with its thread id);
    elsewhere this does nothing and the check simply runs beside them.
    """
    if hasattr(os, "setpriority") and sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), CHECK_NICENESS)


CHECK_NICENESS = 19  # the lowest priority: the whole-file check uses only what is idle


class _Skipped(Exception):
    """A coalesced job that a newer one replaced."""
