"""The office listener: other PCs' writes reach this PC's lists within two seconds."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from koopbis_desktop.services import accounts
from koopbis_desktop.store.changes import EVERYTHING, NOTHING, OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.office_live import OfficeListener, changes_of
from koopbis_desktop.store.pg import NOTIFY_CHANNEL, ORIGIN, PgStore
from tests.conftest import reopen

#: The listener is the office database's: these tests run on PostgreSQL only.
ON_OFFICE = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def _url(store: Store) -> Any:
    assert isinstance(store, PgStore)
    return store.url


@pytest.fixture
def listeners() -> Iterator[list[OfficeListener]]:
    made: list[OfficeListener] = []
    yield made
    for listener in made:
        listener.close()


def _listener(store: Store, made: list[OfficeListener], **kwargs: Any) -> OfficeListener:
    listener = OfficeListener(_url(store), **kwargs)
    made.append(listener)
    assert listener.wait(0) == NOTHING  # connected (and listening) before anyone writes
    assert listener.connected
    return listener


def _wait_for(listener: OfficeListener, seconds: float) -> tuple[OpChanges, float]:
    started = time.monotonic()
    deadline = started + seconds
    changes = NOTHING
    while not changes and time.monotonic() < deadline:
        changes = listener.wait(deadline - time.monotonic())
    return changes, time.monotonic() - started


@ON_OFFICE
def test_a_write_on_another_connection_reaches_the_listener_with_its_kinds(
    store: Store, listeners: list[OfficeListener]
) -> None:
    # The listener stands for another PC: this process's writes are someone else's to it.
    listener = _listener(store, listeners, origin="PC-2:1:listener")
    assert listener.listening
    other = reopen(store)
    try:
        other.set_setting("go_live", "2015-03-12")
        changes, took = _wait_for(listener, 2.0)
        assert took < 2.0
        assert changes.settings and not changes.entries and not changes.users

        accounts.add_user(other, None, "admin", "admin", "parola-1234", "Yönetici")
        changes, took = _wait_for(listener, 2.0)
        assert took < 2.0
        assert changes.users and changes.audit
    finally:
        other.close()


@ON_OFFICE
def test_own_origin_is_ignored_and_others_are_heard(store: Store, listeners: list[OfficeListener]) -> None:
    listener = _listener(store, listeners)  # this process's origin, as the desktop runs it
    store.set_setting("go_live", "2015-03-12")  # written by this process: the DB worker announced it
    assert listener.wait(0.5) == NOTHING
    with psycopg.connect(_url(store).conninfo(), autocommit=True) as raw:
        raw.execute("SELECT pg_notify(%s, %s)", (NOTIFY_CHANNEL, "PC-3:4242:abcd1234|entries,presence"))
    changes, took = _wait_for(listener, 2.0)
    assert took < 2.0
    assert changes == OpChanges(entries=True, presence=True)


def test_payloads_of_other_programs() -> None:
    assert changes_of(f"{ORIGIN}|entries", ORIGIN) == NOTHING
    assert changes_of("PC-2:1:x|settings,users", ORIGIN) == OpChanges(settings=True, users=True)
    # A newer program's kind this one does not know still refreshes the lists.
    assert changes_of("PC-2:1:x|invoices", ORIGIN) == OpChanges(entries=True)


@ON_OFFICE
def test_polling_when_listen_is_not_used(store: Store, listeners: list[OfficeListener]) -> None:
    listener = _listener(store, listeners, listen=False)
    assert not listener.listening
    assert listener.wait(1.2) == NOTHING  # polls find the sequence unchanged
    other = reopen(store)
    try:
        other.set_setting("go_live", "2015-03-12")
        changes, took = _wait_for(listener, 2.0)
    finally:
        other.close()
    # A poll cannot tell what or whose the change was: everything is refreshed.
    assert changes == EVERYTHING
    assert took < 1.5


@ON_OFFICE
@pytest.mark.expect_log(
    "live updates lost their office connection", logger="koopbis_desktop.store.office_live"
)
def test_a_dropped_connection_reconnects_and_announces_everything(
    store: Store, listeners: list[OfficeListener]
) -> None:
    listener = _listener(store, listeners, origin="PC-2:1:listener")
    pid = listener.backend_pid
    assert pid is not None
    # The server ends the listener's session, as a restart or a network cut would.
    assert store.query_one("SELECT pg_terminate_backend(?)", (pid,)) == (True,)
    changes, took = _wait_for(listener, 5.0)
    assert changes == EVERYTHING  # notifications sent meanwhile were lost: refresh it all
    assert listener.reconnects == 1 and listener.backend_pid not in (None, pid)
    assert listener.listening
    # And it goes on hearing the office afterwards.
    store.set_setting("go_live", "2015-03-12")
    changes, took = _wait_for(listener, 2.0)
    assert changes.settings and took < 2.0


@ON_OFFICE
def test_listen_that_never_delivers_turns_to_polling(store: Store, listeners: list[OfficeListener]) -> None:
    # A pooler in transaction mode accepts LISTEN and never delivers: as if UNLISTENed behind its back.
    listener = _listener(store, listeners, origin="PC-2:1:listener", listen_check=0.3)
    assert listener._conn is not None
    listener._conn.execute("UNLISTEN *")
    other = reopen(store)
    try:
        changes = NOTHING
        deadline = time.monotonic() + 5.0
        for value in ("2015-03-12", "2015-03-13", "2015-03-14", "2015-03-15", "2015-03-16"):
            other.set_setting("go_live", value)
            changes = listener.wait(0.4)
            if changes or time.monotonic() > deadline:
                break
        assert changes == EVERYTHING and not listener.listening
        other.set_setting("go_live", "2015-03-17")
        changes, took = _wait_for(listener, 2.0)
        assert changes == EVERYTHING and took < 1.5  # polled from now on
    finally:
        other.close()


@ON_OFFICE
def test_a_quiet_office_keeps_listening(store: Store, listeners: list[OfficeListener]) -> None:
    listener = _listener(store, listeners, origin="PC-2:1:listener", listen_check=0.2)
    other = reopen(store)
    try:
        for value in ("2015-03-12", "2015-03-13", "2015-03-14"):
            other.set_setting("go_live", value)
            changes, _took = _wait_for(listener, 2.0)
            assert changes.settings
            assert listener.wait(0.5) == NOTHING  # several checks with the sequence still
        assert listener.listening
    finally:
        other.close()
