"""Fixtures for the sync engine: a live reference server on loopback and a local store sharing its cooperatives.

The server comes from ``tests/server/conftest.py`` (imported, not copied); the
local snapshot holds the very records the server was seeded with, and entries are
made through the capture and review services, so they carry real revisions,
bases and audit rows.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture, review
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from sync.client import ClientConfig, KoopbisClient
from sync.executor import ExecutorConfig
from sync.scheduler import SyncOptions, SyncReport, sync_store
from sync.server.app import DEFAULT_BATCH_MAX
from tests.server.conftest import ADMIN_TOKEN, Api, LiveServer, running

__all__ = ["ADMIN_TOKEN", "Api", "LiveServer", "running"]

#: How the reference server takes changes: "batch" (``POST /changes:batch`` offered by
#: ``/health``, the client sends windows as batches) or "single" (a server without it:
#: one post per entry). Every test here that talks to a server runs in both.
SYNC_MODES = ("batch", "single")
_MODE = {"current": "batch"}  # what live_server starts; tests elsewhere get the default

SERVER_USER = "egitim"
SERVER_PASSWORD = "egitim2015"
FIRST_DAY = date(2015, 3, 1)


def records(count: int) -> list[dict[str, Any]]:
    return list(demo_data.cooperatives("06", count))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that talks to the reference server once per sync mode."""
    talks = "server" in metafunc.fixturenames or any(
        hasattr(metafunc.module, name) for name in ("live_server", "client_for", "options_for", "sync_now")
    )
    # A module-wide server chooses its mode itself (it cannot follow a per-test one); a
    # module about the modes themselves (``MODES_CHOSEN = True``) starts its servers as it needs.
    if getattr(metafunc.module, "MODES_CHOSEN", False):
        return
    if talks and "sync_mode" in metafunc.fixturenames and "shared_server" not in metafunc.fixturenames:
        metafunc.parametrize("sync_mode", SYNC_MODES, indirect=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Both sync modes on the single-PC file, the batch mode (the default) on the office database.

    The engines and the modes are independent of each other (the executor's requests do not
    depend on where the queue lives), so their full product would run each test four times
    for what three runs show.
    """
    kept, dropped = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if params.get("engine") == "postgresql" and params.get("sync_mode") not in (None, "batch"):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def sync_mode(request: pytest.FixtureRequest) -> Iterator[str]:
    """The mode servers started by this test use (see SYNC_MODES)."""
    mode: str = getattr(request, "param", "batch")
    previous, _MODE["current"] = _MODE["current"], mode
    try:
        yield mode
    finally:
        _MODE["current"] = previous


def batch_max(mode: str) -> int:
    return DEFAULT_BATCH_MAX if mode == "batch" else 0


@contextmanager
def live_server(tmp_path: Path, count: int = 20, **overrides: Any) -> Iterator[LiveServer]:
    overrides.setdefault("fault_delay", 0.2)
    overrides.setdefault("batch_max", batch_max(_MODE["current"]))
    with running(tmp_path, seed_records=records(count), **overrides) as server:
        yield server


def client_for(server: LiveServer, **overrides: Any) -> KoopbisClient:
    values: dict[str, Any] = {
        "base_url": server.url,
        "username": SERVER_USER,
        "password": lambda: SERVER_PASSWORD,
        "connect_timeout": 2.0,
        "read_timeout": 5.0,
    }
    values.update(overrides)
    return KoopbisClient(ClientConfig(**values))


def fast_executor(**overrides: Any) -> ExecutorConfig:
    values: dict[str, Any] = {"backoff_base": 0.02, "backoff_max": 0.3, "jitter": 0.5, "linger": 30.0}
    values.update(overrides)
    return ExecutorConfig(**values)


def options_for(server: LiveServer, **overrides: Any) -> SyncOptions:
    values: dict[str, Any] = {
        "server_url": server.url,
        "username": SERVER_USER,
        "password": lambda: SERVER_PASSWORD,
        "connect_timeout": 2.0,
        "read_timeout": 5.0,
        "executor": fast_executor(),
        "today": lambda: date(2015, 3, 20),
    }
    values.update(overrides)
    return SyncOptions(**values)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(tmp_path) as live:
        yield live


def sync_now(store: Store, server: LiveServer) -> SyncReport:
    return sync_store(store, options=options_for(server))


def head_office(server: LiveServer, cooperative_id: str, **changes: Any) -> None:
    """The head office edits a cooperative on the server (its admin endpoint)."""
    answer = server.admin().patch(f"/api/v1/admin/cooperatives/{cooperative_id}", json=changes)
    assert answer.status_code == 200, answer.text


def applied_changes(server: LiveServer) -> list[dict[str, Any]]:
    """The changes the server has applied, in order (its admin endpoint)."""
    items: list[dict[str, Any]] = server.admin().get("/api/v1/admin/changes").json()["items"]
    return items


def applied_keys(server: LiveServer) -> list[str]:
    """The idempotency keys (entry uuids) the server has applied, in order."""
    return [c["idempotency_key"] for c in applied_changes(server)]


def applied_by_key(server: LiveServer) -> dict[str, dict[str, Any]]:
    return {c["idempotency_key"]: c for c in applied_changes(server)}


def seed_snapshot(store: Store, count: int) -> list[dict[str, Any]]:
    recs = records(count)
    snapshot.upsert_records(store, recs)
    return recs


def day(index: int) -> str:
    return (FIRST_DAY + timedelta(days=index)).isoformat()


def approved(
    store: Store, clerk: Actor, supervisor: Actor, type_id: str, cooperative: str | None, data: dict[str, Any]
) -> Entry:
    entry = capture.create_entry(store, clerk, type_id, cooperative, data)
    capture.submit_entry(store, clerk, entry.uuid)
    return review.approve_entry(store, supervisor, entry.uuid)


def admission(rng: random.Random, on: str, n: int) -> dict[str, Any]:
    return {
        "member_id": demo_data.tckn(rng),
        "full_name": demo_data.person_name(rng),
        "effective_date": on,
        "decision_no": f"2015/{n}",
        "shares": 2,
        "subscribed_amount": "2000",
        "paid_amount": "1000",
    }


def approved_admission(store: Store, people: dict[str, Actor], cooperative: str, seed: int) -> Entry:
    """Ayşe's member admission dated day 1, approved by Şükrü (``sef``)."""
    return approved(
        store,
        people["ayse"],
        people["sef"],
        "member.admit",
        cooperative,
        admission(random.Random(seed), day(1), 1),
    )


def approved_update(store: Store, people: dict[str, Actor], cooperative: str, **data: Any) -> Entry:
    """Ayşe's cooperative.update dated day 1 (``data`` the fields it changes), approved by Şükrü (``sef``)."""
    return approved(
        store,
        people["ayse"],
        people["sef"],
        "cooperative.update",
        cooperative,
        {"effective_date": day(1), **data},
    )


def assembly(on: str) -> dict[str, Any]:
    return {
        "kind": "olaganustu",
        "effective_date": on,
        "place": "Kooperatif Merkezi",
        "representative_name": "Mehmet Yılmaz",
        "result": "yapildi",
    }


def leave(member: dict[str, Any], on: str, n: int) -> dict[str, Any]:
    return {
        "member_id": member["member_id"],
        "full_name": member["full_name"],
        "reason": "istifa",
        "effective_date": on,
        "decision_no": f"2015/L{n}",
    }


def cooperative_entries(
    store: Store,
    clerk: Actor,
    supervisor: Actor,
    record: dict[str, Any],
    count: int,
    rng: random.Random,
) -> list[Entry]:
    """``count`` approved entries for one cooperative, one effective date each, touching distinct keys."""
    made: list[Entry] = []
    leavers = list(record["members"][7:])  # never board or audit board people
    for i in range(count):
        on = day(i % 19)
        kind = i % 5
        if kind == 1:
            data, type_id = assembly(on), "assembly.record"
        elif kind == 3 and leavers:
            data, type_id = leave(leavers.pop(), on, i), "member.leave"
        elif kind == 4 and i < 5:
            data, type_id = (
                {"effective_date": on, "address": f"Yeni Mah. {i}. Sok. No:1 Çankaya/Ankara"},
                "cooperative.update",
            )
        else:
            data, type_id = admission(rng, on, i), "member.admit"
        made.append(approved(store, clerk, supervisor, type_id, record["id"], data))
    return made


def duplicate_admission(
    store: Store, server: LiveServer, people: dict[str, Actor], coop: str
) -> tuple[Entry, str]:
    """Ayşe's approved admission of a member the head office has meanwhile registered itself (not synced yet).

    Returns the entry and the member's TCKN.
    """
    member_id = demo_data.tckn(random.Random(5))
    data = {
        "member_id": member_id,
        "full_name": "Zeynep Işık",
        "effective_date": day(2),
        "decision_no": "9",
        "shares": 2,
        "subscribed_amount": "2000",
        "paid_amount": "1000",
    }
    entry = approved(store, people["ayse"], people["sef"], "member.admit", coop, data)
    members = server.client().record(coop)["members"]
    joined = {"member_id": member_id, "full_name": "Zeynep Işık", "shares": 3, "joined_on": day(0)}
    head_office(server, coop, members=[*members, joined])
    return entry, member_id


def chairman_change(
    store: Store, people: dict[str, Actor], record: dict[str, Any]
) -> tuple[Entry, list[dict[str, Any]], list[dict[str, Any]]]:
    """Ayşe's approved board.replace (day 3) in which the first two board members swap roles: a new chairman.

    Returns the entry, the board as the snapshot had it and the board the entry sets.
    """
    board = [dict(r) for r in record["board"]]
    local = [dict(r) for r in board]
    local[0]["role"], local[1]["role"] = "uye", "baskan"
    entry = approved(
        store,
        people["ayse"],
        people["sef"],
        "board.replace",
        record["id"],
        {"effective_date": day(3), "board": local},
    )
    return entry, board, local


# States a person can change an entry from (edit, submit, withdraw, approve, return, resolve).
PERSON_CHANGEABLE = frozenset(
    {State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPROVED, State.CONFLICT, State.REJECTED}
)


def assert_nothing_applied_is_changeable(server: LiveServer, store: Store) -> None:
    """Issue 12: every entry KOOP-BİS applied is locally ``sending`` or ``synced``, never changeable."""
    keys = applied_keys(server)
    changeable = [
        (key[:8], state.value)
        for key in keys
        if (state := entries.get_entry(store, key).state) in PERSON_CHANGEABLE
    ]
    assert not changeable, f"applied in KOOP-BİS but changeable locally: {changeable[:5]}"
