"""The DB worker: jobs in order, errors delivered, stale coalesced jobs dropped, stop closes the store."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts
from koopbis_desktop.store import users
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.worker import DbWorker
from tests.ui.conftest import wait_idle


def test_results_arrive_in_submission_order(qtbot: Any, worker: DbWorker) -> None:
    seen: list[int] = []
    for n in range(30):
        worker.submit(lambda store, n=n: store.conn.execute("SELECT ?", (n,)).fetchone()[0], seen.append)  # type: ignore[misc]
    wait_idle(qtbot, worker)
    assert seen == list(range(30))


def test_errors_reach_the_callback_or_the_failed_signal(qtbot: Any, worker: DbWorker) -> None:
    errors: list[BaseException] = []

    def broken(store: Store) -> None:
        store.conn.execute("SELECT * FROM no_such_table")

    worker.submit(broken, lambda _: pytest.fail("must not succeed"), errors.append)
    wait_idle(qtbot, worker)
    assert len(errors) == 1 and isinstance(errors[0], sqlite3.OperationalError)
    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.submit(broken)
    assert isinstance(blocker.args[0], sqlite3.OperationalError)


def test_idle_comes_once_after_the_last_job_and_a_job_its_result_queued(qtbot: Any, worker: DbWorker) -> None:
    gate = threading.Event()
    seen: list[str] = []
    idle_at: list[list[str]] = []
    worker.idle.connect(lambda: idle_at.append(list(seen)))

    def then(result: str) -> None:
        seen.append(result)
        if result == "ilk":  # a page that reloads on another's result queues its job in the handler
            worker.submit(lambda store: "sonra", seen.append)

    def broken(store: Store) -> None:
        raise sqlite3.OperationalError("olmadı")

    worker.submit(lambda store: gate.wait(5) and "ilk", then)
    worker.submit(broken, lambda _: pytest.fail("must not succeed"), lambda exc: seen.append("hata"))
    assert worker.pending() == 2 and idle_at == []
    with qtbot.waitSignal(worker.idle, timeout=5000):
        gate.set()
    qtbot.waitUntil(lambda: "sonra" in seen, timeout=5000)
    # Not after the first result (its handler queued another job), nor after the failed one
    # (the queued job was still pending): once, when every job had been delivered.
    assert idle_at == [["ilk", "hata", "sonra"]]
    assert worker.pending() == 0


@pytest.mark.sqlite_only
def test_wait_ready_waits_for_the_open_and_gives_up_at_its_timeout(store: Store, qapp: Any) -> None:
    gate = threading.Event()
    worker = DbWorker(store.path, store.path.parent / "backups", key=store.key)
    opening = worker._open

    def held(credentials: tuple[str, str] | None) -> Store | None:
        gate.wait(10)  # a slow disk
        return opening(credentials)

    worker._open = held  # type: ignore[method-assign]
    worker.start()
    try:
        with pytest.raises(TimeoutError):
            worker.wait_ready(0.05)
        assert not worker.is_open
        gate.set()
        assert worker.wait_ready(10) is False and worker.is_open
    finally:
        worker.stop()


def test_coalescing_runs_only_the_newest_search(qtbot: Any, worker: DbWorker) -> None:
    gate = threading.Event()
    ran: list[str] = []
    delivered: list[str] = []
    worker.submit(lambda store: gate.wait(5))  # keeps the worker busy while we type

    def search(text: str) -> Any:
        def op(store: Store) -> str:
            ran.append(text)
            return text

        return op

    for text in ("i", "is", "isi", "isik"):
        worker.submit(search(text), delivered.append, coalesce="search")
    gate.set()
    wait_idle(qtbot, worker)
    assert ran == ["isik"]
    assert delivered == ["isik"]


def test_stop_closes_the_database(qtbot: Any, worker: DbWorker) -> None:
    box: dict[str, Store] = {}
    worker.submit(lambda store: box.setdefault("store", store))
    wait_idle(qtbot, worker)
    worker.stop()
    with pytest.raises(sqlite3.ProgrammingError):
        box["store"].conn.execute("SELECT 1")


def test_call_returns_a_value_and_raises_errors(worker: DbWorker) -> None:
    assert worker.call(lambda store: store.setting("province_code")) == "06"
    with pytest.raises(sqlite3.OperationalError):
        worker.call(lambda store: store.conn.execute("SELECT nope FROM nowhere"))


# -- change announcements ----------------------------------------------------------------------


def test_a_write_through_the_worker_announces_what_it_changed(
    qtbot: Any, worker: DbWorker, people: dict[str, Actor]
) -> None:
    from koopbis_desktop.services import settings as app_settings

    with qtbot.waitSignal(worker.changed, timeout=5000) as blocker:
        worker.submit(lambda store: app_settings.update(store, people["admin"], {"backup_keep": "7"}))
    assert blocker.args[0] == OpChanges(settings=True, audit=True)


def test_reads_and_rolled_back_writes_announce_nothing(
    qtbot: Any, worker: DbWorker, people: dict[str, Actor]
) -> None:
    heard: list[OpChanges] = []
    worker.changed.connect(heard.append)
    errors: list[BaseException] = []

    def half_done(store: Store) -> None:
        with store.atomic():
            store.set_setting("backup_keep", "2")
            raise RuntimeError("fails before the commit")

    worker.submit(lambda store: accounts.list_users(store, people["admin"]))
    worker.submit(half_done, None, errors.append)
    wait_idle(qtbot, worker)
    with qtbot.waitSignal(worker.changed, timeout=5000) as blocker:  # the next real write is heard
        worker.submit(lambda store: store.set_setting("backup_keep", "3"))
    assert len(errors) == 1
    assert heard == [OpChanges(settings=True)]
    assert blocker.args[0] == OpChanges(settings=True)


def test_an_answer_for_a_page_deleted_while_its_job_ran_is_dropped(qtbot: Any, worker: DbWorker) -> None:
    """A queue page asked who is editing what, and the window signed out before the answer came:
    the answer reached the deleted page's timer and raised in the event loop (the unexpected-error
    dialog, at a sign-out). Answers and errors for a deleted Qt object are dropped."""
    import shiboken6
    from PySide6.QtCore import QObject, QTimer

    class Page(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.timer = QTimer(self)
            self.seen: list[object] = []

        def on_loaded(self, value: object) -> None:
            self.timer.stop()  # raises once the page (and its timer) is gone
            self.seen.append(value)

        def on_failed(self, exc: BaseException) -> None:
            self.timer.stop()
            self.seen.append(exc)

    gate = threading.Event()
    gone, kept = Page(), Page()
    worker.submit(lambda _store: gate.wait(10))
    worker.submit(lambda _store: 1, gone.on_loaded, gone.on_failed)
    worker.submit(lambda _store: 1 / 0, gone.on_loaded, gone.on_failed)
    worker.submit(lambda _store: 2, kept.on_loaded, kept.on_failed)
    shiboken6.delete(gone)
    gate.set()
    wait_idle(qtbot, worker)
    assert kept.seen == [2]


def test_a_job_apart_reads_beside_the_worker_which_answers_meanwhile(qtbot: Any, worker: DbWorker) -> None:
    # An export of 50,000 entries reads for most of a minute: the lists, saves and autosaves
    # queued on the worker meanwhile are answered, not held up behind it.
    disk = threading.Event()
    answers: list[object] = []

    def long_read(store: Store) -> int:
        disk.wait(20)
        return users.count_users(store)

    worker.submit_apart(long_read, answers.append)
    worker.submit(lambda store: "liste", answers.append)
    qtbot.waitUntil(lambda: answers == ["liste"], timeout=10_000)
    assert worker.pending() == 1
    disk.set()
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10_000)
    assert isinstance(answers[1], int) and answers[1] >= 0
    wait_idle(qtbot, worker)


def test_a_job_apart_cannot_write(qtbot: Any, worker: DbWorker) -> None:
    errors: list[BaseException] = []
    worker.submit_apart(
        lambda store: store.set_setting("ayrı", "yazdı"), lambda _: pytest.fail("wrote"), errors.append
    )
    wait_idle(qtbot, worker)
    assert len(errors) == 1
    assert worker.call(lambda store: store.setting("ayrı")) is None


@pytest.mark.sqlite_only
def test_a_job_apart_reads_an_encrypted_file_and_stops_with_the_worker(
    qtbot: Any, encrypted_store: Store
) -> None:
    worker = DbWorker(encrypted_store.path, encrypted_store.path.parent / "backups", key=encrypted_store.key)
    worker.start()
    answers: list[object] = []
    stop = threading.Event()
    began = threading.Event()

    def count_then_wait(store: Store) -> bool:
        answers.append(store.setting("province_code"))
        began.set()
        return stop.wait(30)

    try:
        worker.submit_apart(count_then_wait, answers.append, cancel=stop)
        assert began.wait(10)
    finally:
        worker.stop()  # asks the job apart to stop and waits for it
    assert stop.is_set() and answers[0] == "06"


@pytest.mark.sqlite_only
def test_a_job_apart_waiting_for_a_locked_file_does_not_hold_up_the_stop(
    qtbot: Any, encrypted_store: Store
) -> None:
    import time

    path = encrypted_store.path
    encrypted_store.close()
    worker = DbWorker(path, path.parent / "backups")  # no key, no password: waits for a sign-in
    worker.start()
    assert worker.wait_ready(10) is True and worker.is_locked
    errors: list[BaseException] = []
    worker.submit_apart(lambda store: pytest.fail("read a locked file"), None, errors.append)
    began = time.monotonic()
    worker.stop(timeout=10)
    assert time.monotonic() - began < 5
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)


class _DiesWhere:
    """Notes the thread its last reference went on (as a Qt object held by a callback would die)."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def __del__(self) -> None:
        self.log.append(threading.current_thread().name)


def test_a_jobs_callbacks_are_let_go_of_on_the_ui_thread(qtbot: Any, worker: DbWorker) -> None:
    """What a job's callback holds is let go of on the UI thread, when its answer is delivered.

    The worker held each job until the next one came, so the last reference to the callback went
    on the worker's thread: a closed window without a parent that only the callback kept alive
    was deleted there, and Qt objects must die on the UI thread (the suite once crashed after a
    copied entry's form, opened from a review window without a parent, was closed).
    """
    died_on: list[str] = []
    delivered: list[int] = []

    def answer(held: _DiesWhere) -> Callable[[int], None]:
        return lambda result: delivered.append(result) if held else None

    worker.submit(lambda store: 1, answer(_DiesWhere(died_on)))
    qtbot.waitUntil(lambda: delivered == [1], timeout=10_000)
    worker.submit(lambda store: 2, delivered.append)  # the worker goes on to its next job
    qtbot.waitUntil(lambda: delivered == [1, 2], timeout=10_000)
    assert died_on == [threading.main_thread().name]
