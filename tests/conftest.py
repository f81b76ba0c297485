"""Shared fixtures: a real SQLite store in a temporary folder, accounts, demo cooperatives."""

from __future__ import annotations

import os

# Tests never open a real window; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc
import logging
import random
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import psycopg
import pytest

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts
from koopbis_desktop.store import audit
from koopbis_desktop.store import engine as store_engine
from koopbis_desktop.store.db import Store, open_store

PASSWORD = "parola-1234"

#: What either engine raises when the database itself refuses a statement (a trigger, a constraint).
REFUSED_BY_DB: tuple[type[Exception], ...] = (sqlite3.IntegrityError, psycopg.Error)


# --- Logged warnings fail a test unless it expects them ------------------------------------------
# A warning in the program's own log is a bug report nobody reads; in a test it is a failure
# unless the test says it provokes it (fault injection, refused files), like qutebrowser's guard.

_OWN_LOGGERS = ("koopbis", "sync")


def _is_own(record: logging.LogRecord) -> bool:
    return any(
        record.name == name or record.name.startswith(name + ".") or record.name.startswith(name + "_")
        for name in _OWN_LOGGERS
    )


class _WarningCollector(logging.Handler):
    """Keeps the project's records at WARNING and above; ``allowed`` patterns mark some as expected."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.unexpected: list[logging.LogRecord] = []
        self.allowed: list[_Expectation] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not _is_own(record):
            return
        for expectation in reversed(self.allowed):
            if expectation.matches(record):
                expectation.seen.append(record)
                return
        self.unexpected.append(record)


class _Expectation:
    def __init__(self, pattern: str, logger: str | None) -> None:
        self.pattern = re.compile(pattern)
        self.logger = logger
        self.seen: list[logging.LogRecord] = []

    def matches(self, record: logging.LogRecord) -> bool:
        if self.logger is not None and not (
            record.name == self.logger or record.name.startswith(self.logger + ".")
        ):
            return False
        return bool(self.pattern.search(record.getMessage()))


_collector_key = pytest.StashKey[_WarningCollector]()


def _check_logged(item: pytest.Item, when: str) -> None:
    collector = item.stash.get(_collector_key, None)
    if collector is None or not collector.unexpected:
        return
    records, collector.unexpected = collector.unexpected, []
    lines = "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()}" for r in records)
    pytest.fail(
        f"unexpected log records during {when} (use the expect_log marker or fixture if the test "
        f"provokes them):\n{lines}",
        pytrace=False,
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    collector = _WarningCollector()
    for marker in item.iter_markers("expect_log"):
        for pattern in marker.args or (".*",):
            collector.allowed.append(_Expectation(pattern, marker.kwargs.get("logger")))
    item.stash[_collector_key] = collector
    logging.getLogger().addHandler(collector)
    result = yield
    _check_logged(item, "setup")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    result = yield
    _check_logged(item, "call")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    try:
        result = yield
    finally:
        collector = item.stash.get(_collector_key, None)
        if collector is not None:
            logging.getLogger().removeHandler(collector)
    _check_logged(item, "teardown")
    return result


@pytest.fixture
def expect_log(
    request: pytest.FixtureRequest,
) -> Callable[..., AbstractContextManager[list[logging.LogRecord]]]:
    """``with expect_log(r"pattern", logger="koopbis.sync"):`` — the block must log such a warning.

    Records matching the pattern inside the block are allowed and yielded for assertions; the
    block fails if none was logged, so the expectation cannot go stale silently.
    """
    collector = request.node.stash[_collector_key]

    @contextmanager
    def expecting(pattern: str, logger: str | None = None) -> Iterator[list[logging.LogRecord]]:
        expectation = _Expectation(pattern, logger)
        collector.allowed.append(expectation)
        try:
            yield expectation.seen
        finally:
            collector.allowed.remove(expectation)
        assert expectation.seen, f"expected a log warning matching {pattern!r}, none was logged"

    return expecting


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process tests hash with argon2id at a low cost; subprocess tests use the real one.

    tests/services/test_accounts.py checks the production parameters separately.
    """
    from koopbis_desktop.store import keyfile, users
    from koopbis_desktop.store.password_hash import CoreBoundHasher

    monkeypatch.setattr(users, "_hasher", CoreBoundHasher(time_cost=1, memory_cost=1024, parallelism=1))
    # The key file's slots too (argon2id before AES-GCM); tests/store/test_encryption.py checks the real cost.
    monkeypatch.setattr(keyfile, "KDF", keyfile.KdfParams(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="session", autouse=True)
def _no_collection_on_other_threads() -> Iterator[tuple[int, int, int]]:
    """Cycles are freed on the main thread, as the program frees them (ui/collector.py).

    With Python's automatic collector a cycle holding a Qt object could be freed on a DB
    worker's or a test server's thread: the suite once ended there with a segmentation fault.
    """
    threshold = gc.get_threshold()
    gc.disable()
    yield threshold
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test(_no_collection_on_other_threads: tuple[int, int, int]) -> Iterator[None]:
    yield
    from koopbis_desktop.ui.collector import collect_due

    collect_due(_no_collection_on_other_threads)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Logs and the default database never touch the developer's real folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KOOPBIS_LOG_DIR", str(home / "logs"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("KOOPBIS_DB", raising=False)
    monkeypatch.delenv("KOOPBIS_PASSWORD", raising=False)
    monkeypatch.delenv("KOOPBIS_LANG", raising=False)


@pytest.fixture(autouse=True)
def _turkish_after_each_test() -> Iterator[None]:
    """A test that switches the catalogue to English leaves Turkish (the default) behind it."""
    from koopbis_desktop.domain import i18n

    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "koopbis.sqlite"


# --- Both engines ----------------------------------------------------------------------------------
# The store, services and sync suites run every test that takes ``store`` twice: on the
# single-PC SQLite file and on the office database, a throw-away PostgreSQL cluster started
# once per session (tests/pgcluster.py). A test about the file itself (its bytes, its path,
# reopening it) says so with ``@pytest.mark.sqlite_only``.

_BOTH_ENGINES = ("tests/store/", "tests/services/", "tests/sync/", "tests/office/")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store" not in metafunc.fixturenames or ("engine" in metafunc.fixturenames and _explicit(metafunc)):
        return
    where = str(metafunc.definition.path).replace(os.sep, "/")
    if any(part in where for part in _BOTH_ENGINES) and not metafunc.definition.get_closest_marker(
        "sqlite_only"
    ):
        metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


def _explicit(metafunc: pytest.Metafunc) -> bool:
    return any(
        m.name == "parametrize" and "engine" in str(m.args[0]) for m in metafunc.definition.iter_markers()
    )


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """Which engine ``store`` runs on: "sqlite" unless the test is parametrised over both."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    from tests import pgcluster

    cluster = pgcluster.start()
    yield cluster
    cluster.stop()


_database_numbers = iter(range(1, 1_000_000))


@pytest.fixture
def office_url(request: pytest.FixtureRequest, pg_cluster: Any) -> Iterator[Any]:
    """A new, empty office database on the session's cluster, as ``koopbis --db`` takes it."""
    from koopbis_desktop.store.location import parse_location

    name = f"t{os.getpid()}_{next(_database_numbers)}"
    pg_cluster.create_database(name)
    yield parse_location(pg_cluster.url(name))
    pg_cluster.drop_database(name)


def db_arg(store: Store) -> str:
    """What ``--db`` takes for this store: its file, or its office URL (with the test password)."""
    from koopbis_desktop.store.location import OfficeUrl

    location = store.location
    return location.url if isinstance(location, OfficeUrl) else str(location)


def reopen(store: Store, **kwargs: Any) -> Store:
    """Another connection to the same database, as a second process or PC would open it."""
    kwargs.setdefault("backups_dir", store.backups_dir)
    if store.key is not None:
        kwargs.setdefault("key", store.key)
    return open_store(store.location, **kwargs)


def at_once(*calls: Callable[[], Any]) -> None:
    """Run ``calls`` each on a thread of its own (as on PCs of their own), all started before
    any is waited for; returns when all have ended (at most a minute each)."""
    threads = [threading.Thread(target=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


def meeting(
    function: Callable[..., Any], both: threading.Barrier, when: Callable[[], bool] = lambda: True
) -> Callable[..., Any]:
    """``function``, before which each caller waits (up to 2 s) for a second caller to get there too.

    Wrapped around the check of an action two PCs run at once: the two checks meet only if
    they run side by side; when the action takes turns the first waits in vain and ``both``
    ends broken, which the test asserts. ``when``: only these calls wait (a preview's do not).
    """

    def met(*args: Any, **kwargs: Any) -> Any:
        if when():
            with suppress(threading.BrokenBarrierError):
                both.wait(timeout=2)
        return function(*args, **kwargs)

    return met


def beside_a_held_change(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    holder: Callable[[Store], Any],
    other: Callable[[Store], Any],
) -> tuple[Any, Any]:
    """``holder`` and ``other`` at once, each on a connection and thread of its own (two PCs).

    ``holder`` stops in the audit trail's turn — its change written, not committed — until
    ``other`` has started, and half a second more, so ``other`` acts on the database while
    the change is in flight. Returns what each returned, or the exception it raised.
    """
    real = store_engine.serialise
    on_holder = threading.local()
    holds, other_started = threading.Event(), threading.Event()

    def held_turn(conn: Any, name: str) -> None:
        real(conn, name)
        if getattr(on_holder, "yes", False):
            holds.set()
            other_started.wait(timeout=5)
            time.sleep(0.5)

    monkeypatch.setattr(audit, "serialise", held_turn)
    outcomes: dict[str, Any] = {}

    def run(key: str, act: Callable[[Store], Any]) -> None:
        pc = reopen(store)
        try:
            if key == "holder":
                on_holder.yes = True
            else:
                assert holds.wait(timeout=30), "the holder never reached the audit trail"
                other_started.set()
            outcomes[key] = act(pc)
        except Exception as exc:
            outcomes[key] = exc
        finally:
            pc.close()

    at_once(lambda: run("holder", holder), lambda: run("other", other))
    return outcomes.get("holder"), outcomes.get("other")


def save_from_another_pc(
    store: Store, actor: Actor, entry_uuid: str, payload: dict[str, Any], *, loaded_revision: int
) -> None:
    """Someone saves ``entry_uuid`` on another PC (its own connection): the next revision."""
    from koopbis_desktop.services import capture

    other = reopen(store)
    try:
        capture.edit_entry(other, actor, entry_uuid, payload, loaded_revision=loaded_revision)
    finally:
        other.close()


def resubmit_from_another_pc(
    store: Store, returner: Actor, author: Actor, entry_uuid: str, payload: dict[str, Any]
) -> None:
    """On another PC (its own connection) a submitted entry is returned (``returner``, another
    supervisor), rewritten by its author and sent again: waiting for approval as before, with
    content nobody has approved (a new revision)."""
    from koopbis_desktop.services import capture, review

    other = reopen(store)
    try:
        review.return_entry(other, returner, entry_uuid, "Karar numarasını kontrol edin.")
        capture.edit_entry(other, author, entry_uuid, payload)
        capture.submit_entry(other, author, entry_uuid)
    finally:
        other.close()


@pytest.fixture
def store(engine: str, db_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    location: Any = request.getfixturevalue("office_url") if engine == "postgresql" else db_path
    s = open_store(location, create=True, backups_dir=db_path.parent / "backups")
    s.set_setting("province_code", "06")
    yield s
    s.close()


@pytest.fixture
def encrypted_store(tmp_path: Path) -> Iterator[Store]:
    """A store encrypted from its first byte, as the wizard and ``koopbis init --admin`` make it.

    ``open_store(path, key=store.key)`` opens it again; the key file beside it gets
    each account's slot as the ``people`` fixture (or a test) adds accounts.
    """
    from koopbis_desktop.store import encryption

    path = tmp_path / "sifreli" / "koopbis.sqlite"
    s = encryption.create_encrypted(path, backups_dir=path.parent / "backups")
    s.set_setting("province_code", "06")
    yield s
    s.close()


@pytest.fixture
def people(store: Store) -> dict[str, Actor]:
    """An admin, two clerks and two supervisors, logged in."""
    return add_people(store)


def add_people(store: Store) -> dict[str, Actor]:
    """The ``people`` fixture's accounts on any store (an encrypted one too)."""
    accounts.add_user(store, None, "admin", "admin", PASSWORD, "Yönetici Bey")
    admin = accounts.login(store, "admin", PASSWORD)
    for name, role, full in (
        ("ayse", "clerk", "Ayşe Işık"),
        ("mehmet", "clerk", "Mehmet Çelik"),
        ("sef", "supervisor", "Şükrü Öztürk"),
        ("sef2", "supervisor", "Gülşen Ünal"),
    ):
        accounts.add_user(store, admin, name, role, PASSWORD, full)
    return {
        name: accounts.login(store, name, PASSWORD) for name in ("admin", "ayse", "mehmet", "sef", "sef2")
    }


@pytest.fixture
def cooperatives(store: Store) -> list[dict[str, Any]]:
    """Twenty demo cooperatives of Ankara in the snapshot, plus one titled with every Turkish letter."""
    from koopbis_desktop.store import snapshot

    records = list(demo_data.cooperatives("06", 20, seed=7))
    special = dict(records[0])
    special.update(
        id="06-900001",
        title="IŞIK Çağdaş Güneşli Ören Konut Yapı Kooperatifi",
        vkn=demo_data.vkn(random.Random(99)),
    )
    records.append(special)
    snapshot.upsert_records(store, records)
    return records


def valid_tckn(seed: int) -> str:
    return demo_data.tckn(random.Random(seed))


def member_admission(seed: int = 1, **overrides: Any) -> dict[str, Any]:
    """A valid member admission (``member.admit``) as a clerk types it; ``overrides`` replace fields."""
    data: dict[str, Any] = {
        "member_id": valid_tckn(seed),
        "full_name": "Zeynep Işık",
        "effective_date": "02.03.2015",
        "decision_no": "2015/14",
        "shares": 2,
        "subscribed_amount": "2.000,00",
        "paid_amount": "500",
    }
    data.update(overrides)
    return data


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An OS keyring in memory: tests never touch the machine's (CI has none)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@contextmanager
def held_by_another_program(path: Path) -> Iterator[None]:
    """``path`` can be neither replaced nor overwritten while inside, as Windows does to a file
    Excel or a PDF viewer has open (PermissionError). Here: the immutable flag (root, ext4);
    skipped where the file system or the user cannot set it."""
    import subprocess

    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        pytest.skip("setting a file immutable takes root")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i not available here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
