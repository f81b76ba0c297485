"""The automatic sync on an office database: it keeps running by itself and tells one truth.

A supervisor's PC runs the loop all day; the office's PostgreSQL server may restart
(an update, a nightly backup) or drop off the LAN for a minute. The loop must say so
and try again when the database answers, as it does while KOOP-BİS cannot be
reached — not end for good and leave the office's approved entries unsent.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.location import OfficeUrl
from sync.executor import SyncProgress
from sync.scheduler import AutoSync, AutoSyncConfig, Status, SyncReport, run_sync, sync_store
from sync.scheduler import status as scheduler_status
from tests.conftest import db_arg
from tests.sync.conftest import fast_executor, live_server, options_for
from tests.sync.test_reliability import assert_exactly_once_in_order, make_entries


def _until(condition: Callable[[], bool], seconds: float, changed: threading.Condition) -> bool:
    deadline = time.monotonic() + seconds
    with changed:
        while not condition():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            changed.wait(left)
    return True


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
@pytest.mark.expect_log(r"could not use the database", logger="koopbis.sync.scheduler")
def test_the_automatic_sync_goes_on_after_the_office_database_was_unreachable_for_a_while(
    store: Store, people: dict[str, Actor], tmp_path: Path, pg_cluster: Any
) -> None:
    made = make_entries(store, people, 3, 2)
    location = store.location
    assert isinstance(location, OfficeUrl)

    def allow_connections(allowed: bool) -> None:
        with pg_cluster.admin() as admin:
            admin.execute(f'ALTER DATABASE "{location.dbname}" WITH ALLOW_CONNECTIONS {str(allowed).lower()}')

    with live_server(tmp_path, 3) as server:
        reports: list[SyncReport] = []
        changed = threading.Condition()

        def on_report(report: SyncReport) -> None:
            with changed:
                reports.append(report)
                changed.notify_all()

        auto = AutoSync(
            db_arg(store),
            options=options_for(server),
            config=AutoSyncConfig(interval=60.0, poll_min=0.05, poll_max=0.2),
            on_report=on_report,
        )
        allow_connections(False)  # the office server restarts just as the loop begins
        thread = threading.Thread(target=auto.run, name="auto-sync-under-test")
        thread.start()
        try:
            assert _until(lambda: len(reports) >= 2 or not thread.is_alive(), 20, changed)
            assert thread.is_alive(), "the automatic sync ended for good on a database it could not reach"
            first = reports[0]
            assert first.status == Status.DATABASE
            assert "Ofis veritabanına" in first.message and "yeniden denenecek" in first.message
            assert first.server is None  # KOOP-BİS was not asked: the banner keeps what it knew
            allow_connections(True)
            assert _until(lambda: any(r.status == Status.OK for r in reports), 30, changed), [
                r.status for r in reports
            ]
        finally:
            allow_connections(True)
            auto.stop.set()
            auto.poke()
            thread.join(30)
        assert not thread.is_alive()
        assert_exactly_once_in_order(server, store, made)


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
@pytest.mark.expect_log(r"could not use the database", logger="koopbis.sync.scheduler")
def test_a_connection_dropped_mid_run_leaves_entries_sending_and_the_loop_sends_them_once(
    store: Store, people: dict[str, Actor], tmp_path: Path, pg_cluster: Any
) -> None:
    made = make_entries(store, people, 3, 2)
    location = store.location
    assert isinstance(location, OfficeUrl)
    own_pid = store.query_one("SELECT pg_backend_pid()")
    assert own_pid is not None
    dropped = threading.Event()

    def drop_the_sync_connection(progress: SyncProgress) -> None:
        # After the window moved to "sending" and before its answers are stored: the LAN goes.
        if dropped.is_set() or "gönderiliyor" not in progress.message:
            return
        dropped.set()
        with pg_cluster.admin() as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                (location.dbname, own_pid[0]),
            )

    with live_server(tmp_path, 3) as server:
        reports: list[SyncReport] = []
        changed = threading.Condition()

        def on_report(report: SyncReport) -> None:
            with changed:
                reports.append(report)
                changed.notify_all()

        auto = AutoSync(
            db_arg(store),
            options=options_for(server),
            config=AutoSyncConfig(interval=60.0, poll_min=0.05, poll_max=0.2),
            on_report=on_report,
            on_progress=drop_the_sync_connection,
        )
        thread = threading.Thread(target=auto.run, name="auto-sync-under-test")
        thread.start()
        try:
            assert _until(
                lambda: any(r.status == Status.OK for r in reports) or not thread.is_alive(), 30, changed
            ), [(r.status, r.message) for r in reports[:3]]
        finally:
            auto.stop.set()
            auto.poke()
            thread.join(30)
        assert dropped.is_set()
        assert [r.status for r in reports][:1] == [Status.DATABASE]
        assert any(r.status == Status.OK for r in reports), [r.status for r in reports]
        assert_exactly_once_in_order(server, store, made)


def test_every_pc_reads_the_last_finished_run_and_the_one_running_now(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    """While one PC's run is going, the others' "last sync" is the last one that finished."""
    make_entries(store, people, 1, 1)
    with live_server(tmp_path, 3) as server:
        assert run_sync(db_arg(store), options=options_for(server)).status == Status.OK
        make_entries(store, people, 1, 1)
        sending, release = threading.Event(), threading.Event()

        def hold(_progress: SyncProgress) -> None:
            sending.set()
            release.wait(30)

        done: list[str] = []
        other = threading.Thread(
            target=lambda: done.append(
                run_sync(db_arg(store), on_progress=hold, options=options_for(server)).status
            )
        )
        other.start()
        try:
            assert sending.wait(30)
            info = scheduler_status(store)
            first = info["last_run"]
            assert first["status"] == Status.OK and first["finished_at"]
            assert info["in_progress"]["host"] == socket.gethostname() and info["in_progress"]["here"]
        finally:
            release.set()
            other.join(30)
        assert done == [Status.OK]
        info = scheduler_status(store)
        assert info["in_progress"] is None and info["last_run"]["id"] > first["id"]


def test_a_koopbis_account_locked_for_wrong_passwords_is_said_so_and_nothing_is_left_sending(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    """A stale password in the keyring, "Şimdi eşitle" pressed a few times: KOOP-BİS locks the account.

    The supervisor must read that the account is locked and for how long (not "an answer
    that could not be understood"), the loop must wait that long, and the entries — never
    sent, the login was refused — must stay approved, not "sending" where nobody may touch them.
    """
    made = make_entries(store, people, 3, 1)
    with live_server(tmp_path, 3) as server:
        for _ in range(4):
            wrong = sync_store(store, options=options_for(server, password=lambda: "yanlış-parola"))
            assert wrong.status == Status.AUTH_FAILED
        locked = sync_store(store, options=options_for(server, password=lambda: "yanlış-parola"))
        assert locked.status == Status.AUTH_FAILED, (locked.status, locked.message)
        assert "kilitlendi" in locked.message and "dakika" in locked.message
        assert locked.retry_after is not None and locked.retry_after > 60
        # The right password does not get in while the lock lasts; the run says the same.
        still = sync_store(store, options=options_for(server))
        assert still.status == Status.AUTH_FAILED and "kilitlendi" in still.message
        assert still.retry_after is not None and still.retry_after > 60
        for entry in made:
            assert entries.get_entry(store, entry.uuid).state == State.APPROVED
        outcomes = [row["outcome"] for row in server.app.state.store.logins()]
        assert outcomes == ["wrong"] * 4 + ["refused_423"] * 2, outcomes  # one login per run


@pytest.mark.expect_log(r"^KOOP-BİS refused the password", logger="koopbis.sync.scheduler")
def test_the_automatic_loop_stops_at_a_refused_password_instead_of_trying_it_again(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    """A stale password in the keyring on go-live morning: the loop tried it every few minutes on
    every supervisor's PC, and KOOP-BİS locks an account after five wrong tries in 15 minutes."""
    make_entries(store, people, 2, 1)
    with live_server(tmp_path, 2) as server:
        reports: list[SyncReport] = []
        auto = AutoSync(
            db_arg(store),
            options=options_for(server, password=lambda: "eski-parola"),
            config=AutoSyncConfig(interval=0.05, poll_min=0.05, poll_max=0.1),
            on_report=reports.append,
        )
        loop = threading.Thread(target=auto.run)
        loop.start()
        loop.join(30)
        stopped = not loop.is_alive()
        auto.stop.set()
        loop.join(30)
        assert stopped, "the loop went on trying the refused password"
        assert auto.refused_login and [r.status for r in reports] == [Status.AUTH_FAILED]
        outcomes = [row["outcome"] for row in server.app.state.store.logins()]
        assert outcomes == ["wrong"], outcomes  # one try, not one every interval


@pytest.mark.parametrize("fault", ["500", "timeout_after"])
def test_a_login_that_fails_in_the_middle_of_a_run_leaves_no_entry_sending(
    store: Store, people: dict[str, Actor], tmp_path: Path, fault: str
) -> None:
    """KOOP-BİS's login fails (an error page, no answer in time) just as the entries go out.

    No change was posted without a session: the entries were certainly not applied, so they
    go back to approved (a supervisor may still return one) to be sent at their next try.
    """
    made = make_entries(store, people, 3, 1)
    with live_server(tmp_path, 3) as server:

        def at_sending(progress: SyncProgress) -> None:
            if "gönderiliyor" in progress.message:
                answer = server.admin().put("/api/v1/admin/faults", json={"spec": f"{fault}=1.0", "seed": 1})
                assert answer.status_code == 200

        report = sync_store(
            store,
            on_progress=at_sending,
            options=options_for(server, read_timeout=0.1, executor=fast_executor(linger=0.0)),
        )
        assert report.status != Status.OK
        assert server.admin().get("/api/v1/admin/changes").json()["items"] == []
        for entry in made:
            assert entries.get_entry(store, entry.uuid).state == State.APPROVED
