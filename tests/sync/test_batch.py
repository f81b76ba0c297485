"""Windows as ``POST /changes:batch``: used when /health offers it, one post per entry otherwise.

The requests are read from the reference server's own request log (it runs in
this process): which paths were called, how often.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries, sync_state
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from sync.client import KoopbisClient
from sync.executor import Executor, SyncProgress
from sync.rebase import CooperativeChain, chained_base
from tests.sync.conftest import (
    LiveServer,
    applied_keys,
    approved_update,
    assert_nothing_applied_is_changeable,
    client_for,
    cooperative_entries,
    fast_executor,
    live_server,
    seed_snapshot,
)
from tests.sync.test_reliability import assert_exactly_once_in_order

MODES_CHOSEN = True  # each test starts the server it is about (tests/sync/conftest.py)
REQUEST_LINE = re.compile(r"^(\w+) (\S+) -> (\S+)")


@pytest.fixture
def requests_seen(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="koopbis.server")
    return caplog


def calls(caplog: pytest.LogCaptureFixture) -> Counter[tuple[str, str]]:
    """(path, status) of every change request the server answered.

    The server logs a request after its answer has gone out, on its own thread: the client
    may have the last answer before its line is written. Wait until no new line comes.
    """
    seen = _calls(caplog)
    quiet_since = time.monotonic()
    deadline = quiet_since + 5
    while time.monotonic() < deadline and time.monotonic() - quiet_since < 0.5:
        time.sleep(0.05)
        now = _calls(caplog)
        if now != seen:
            seen, quiet_since = now, time.monotonic()
    return seen


def _calls(caplog: pytest.LogCaptureFixture) -> Counter[tuple[str, str]]:
    seen: Counter[tuple[str, str]] = Counter()
    for record in caplog.records:
        if record.name == "koopbis.server" and (match := REQUEST_LINE.match(record.getMessage())):
            method, path, status = match.groups()
            if method == "POST" and path.startswith("/api/v1/changes"):
                seen[(path, status)] += 1
    return seen


def many(store: Store, people: dict[str, Actor], cooperatives: int, per: int) -> list[Entry]:
    recs = seed_snapshot(store, cooperatives)
    rng = random.Random(16)
    return [e for r in recs for e in cooperative_entries(store, people["ayse"], people["sef"], r, per, rng)]


def _window_moves(store: Store, made: list[Entry]) -> list[tuple[str, str]]:
    """(action, entry) of the run's state moves of these entries, in the audit trail's order."""
    ours = {entry.uuid for entry in made}
    return [
        (row["action"], row["entry"])
        for row in entries.audit_rows(store)
        if row["entry"] in ours and row["action"] in ("send", "apply", "retry")
    ]


def _runs(moves: list[tuple[str, str]]) -> list[tuple[str, set[str]]]:
    """The moves as runs of one action: (action, the entries it moved)."""
    runs: list[tuple[str, set[str]]] = []
    for action, uuid in moves:
        if runs and runs[-1][0] == action:
            runs[-1][1].add(uuid)
        else:
            runs.append((action, {uuid}))
    return runs


def signed_in_client(server: LiveServer, **options: Any) -> KoopbisClient:
    """A client of ``server``, signed in and told by /health whether batches are offered."""
    client = client_for(server, **options)
    assert client.login() is None and client.health() is not None
    return client


def test_windows_go_as_batches_one_entry_per_cooperative_each(
    store: Store, people: dict[str, Actor], tmp_path: Path, requests_seen: pytest.LogCaptureFixture
) -> None:
    made = many(store, people, 12, 2)
    with live_server(tmp_path, 12) as server:
        client = client_for(server)
        result = Executor(store, client, config=fast_executor(batch_size=5)).run()
        assert result.applied == len(made) and result.stop is None
        seen = calls(requests_seen)
        # 24 entries in full batches of 5: a cooperative's next entry joins a later batch
        # once the one before was applied, beside the other cooperatives' entries.
        assert seen == {("/api/v1/changes:batch", "200"): -(-len(made) // 5)}
        assert_exactly_once_in_order(server, store, made)
        client.close()
    # The windows overlap: the second moved to "sending" while the first was out, before the
    # first's answers were stored; the first's answers then stored while the second was out, and
    # so on. The last window, with fewer cooperatives free than a window holds, waited for the
    # one before (its cooperatives' second entries come back only with their answers).
    moves = _window_moves(store, made)
    runs = _runs(moves)
    assert [(action, len(moved)) for action, moved in runs] == [
        ("send", 10),
        ("apply", 5),
        ("send", 5),
        ("apply", 5),
        ("send", 5),
        ("apply", 10),
        ("send", 4),
        ("apply", 4),
    ]
    sent = [uuid for action, uuid in moves if action == "send"]
    assert runs[1][1] == set(sent[:5])  # the answers stored first are the first window's
    assert runs[3][1] == set(sent[5:10])


def test_a_server_without_batches_gets_one_post_per_entry(
    store: Store, people: dict[str, Actor], tmp_path: Path, requests_seen: pytest.LogCaptureFixture
) -> None:
    made = many(store, people, 3, 2)
    with live_server(tmp_path, 3, batch_max=0) as server:
        client = client_for(server)
        assert Executor(store, client, config=fast_executor()).run().applied == len(made)
        assert client.batch_max == 0
        assert calls(requests_seen) == {("/api/v1/changes", "201"): len(made)}
        assert_exactly_once_in_order(server, store, made)
        client.close()


def test_an_unknown_batch_path_falls_back_to_single_posts(
    store: Store, people: dict[str, Actor], tmp_path: Path, requests_seen: pytest.LogCaptureFixture
) -> None:
    made = many(store, people, 3, 2)
    with live_server(tmp_path, 3, batch_max=0) as server:
        client = client_for(server)
        client.batch_max = 100  # as if /health had offered batches: the path itself answers 404
        assert Executor(store, client, config=fast_executor()).run().applied == len(made)
        assert client.batch_max == 0  # not tried again
        assert calls(requests_seen) == {
            ("/api/v1/changes:batch", "404"): 1,
            ("/api/v1/changes", "201"): len(made),
        }
        assert_exactly_once_in_order(server, store, made)
        client.close()


def test_a_batch_over_the_advertised_size_goes_one_by_one(
    store: Store, people: dict[str, Actor], tmp_path: Path, requests_seen: pytest.LogCaptureFixture
) -> None:
    made = many(store, people, 3, 1)
    with live_server(tmp_path, 3) as server:
        client = client_for(server)
        assert not isinstance(client.health(), Exception) and client.batch_max == 100
        client.batch_bytes = 200  # smaller than any batch
        assert Executor(store, client, config=fast_executor()).run().applied == len(made)
        assert calls(requests_seen) == {("/api/v1/changes", "201"): len(made)}
        client.close()


def test_a_batch_failing_as_a_whole_is_each_entrys_failure(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    made = many(store, people, 4, 1)
    with live_server(tmp_path, 4) as server:
        client = signed_in_client(server)
        admin = server.admin()
        admin.put("/api/v1/admin/faults", json={"spec": "drop_after=1", "seed": 1})
        # A long back-off, so that however slow the machine the run sends the window once.
        lost = Executor(store, client, config=fast_executor(linger=0.0, backoff_base=30.0)).run()
        # Applied, the answer lost: every entry stays "sending" with a retry scheduled.
        assert lost.applied == 0 and lost.retried == len(made)
        assert {entries.get_entry(store, e.uuid).state for e in made} == {State.SENDING}
        assert sorted(applied_keys(server)) == sorted(e.uuid for e in made)
        for entry in made:  # due again now
            sync_state.schedule_retry(store, entry.uuid, stamp(), "yanıt alınamadı")
        admin.put("/api/v1/admin/faults", json={"spec": "503=1", "seed": 1})
        busy = Executor(store, client, config=fast_executor(linger=0.0)).run()
        # A 503 answers for no key: entries already "sending" stay so (issue 12).
        assert busy.applied == 0 and busy.retried >= len(made)
        assert {entries.get_entry(store, e.uuid).state for e in made} == {State.SENDING}
        admin.put("/api/v1/admin/faults", json={"spec": ""})
        done = Executor(store, client, config=fast_executor(backoff_base=0.0)).run()
        assert done.applied == len(made) and done.replayed == len(made)
        assert_exactly_once_in_order(server, store, made)
        client.close()


def test_the_chain_kept_during_a_run_equals_one_read_afresh(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    record = seed_snapshot(store, 2)[0]
    titles = ["Birinci Unvan Konut Yapı Kooperatifi", "İkinci Unvan Konut Yapı Kooperatifi"]
    made = [approved_update(store, people, record["id"], title=t) for t in titles]
    last = "Üçüncü Unvan Konut Yapı Kooperatifi"
    third = approved_update(store, people, record["id"], title=last)
    with live_server(tmp_path, 2) as server:
        client = client_for(server)
        executor = Executor(store, client, config=fast_executor())
        result = executor.run()
        assert result.applied == 3, result
        sent = [entries.get_entry(store, e.uuid).outcome or {} for e in [*made, third]]
        assert [o.get("sent_base", {}).get("title") for o in sent[1:]] == titles
        # What the run extended step by step is what a fresh read of the synced entries gives.
        fresh = CooperativeChain.load(store, record["id"])
        kept = executor.chains._chains[record["id"]]
        assert [s.base for s in kept.steps] == [s.base for s in fresh.steps]
        probe = entries.get_entry(store, made[0].uuid)
        assert (
            kept.base_for(store, probe)
            == fresh.base_for(store, probe)
            == chained_base(store, probe, record["id"])
        )
        # A base holding the snapshot's title is carried along all three updates.
        assert probe.base["title"] == record["title"] and kept.base_for(store, probe)["title"] == last
        client.close()


def test_a_cancel_while_a_batch_is_out_leaves_its_entries_sending(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    made = many(store, people, 4, 1)
    with live_server(tmp_path, 4) as server:
        client = signed_in_client(server, read_timeout=0.4)
        server.admin().put("/api/v1/admin/faults", json={"spec": "timeout_after=1", "seed": 1, "delay": 0.8})
        cancel = threading.Event()

        def cancel_soon(progress: SyncProgress) -> None:
            if progress.current is None:  # the window is about to go: cancel while it is out
                threading.Timer(0.15, cancel.set).start()

        result = Executor(
            store, client, config=fast_executor(linger=0.0), on_progress=cancel_soon, cancel=cancel
        ).run()
        assert result.stop == "cancelled"
        # Applied by KOOP-BİS, answer lost: none of them may go back to a person.
        assert sorted(applied_keys(server)) == sorted(e.uuid for e in made)
        assert {entries.get_entry(store, e.uuid).state for e in made} == {State.SENDING}
        assert_nothing_applied_is_changeable(server, store)
        client.close()


def test_a_refused_connection_sends_nothing_and_keeps_the_rest_approved(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    made = many(store, people, 8, 1)
    with live_server(tmp_path, 8) as server:
        client = signed_in_client(server)
    # The server is gone: the first window's request is refused while the second is marked.
    result = Executor(store, client, config=fast_executor(linger=0.0, batch_size=4)).run()
    assert result.stop == "offline"
    assert Counter(entries.get_entry(store, e.uuid).state for e in made) == {State.APPROVED: len(made)}
    attempts = {row[0]: row[1] for row in sync_state.attempt_rows(store)}
    # As with single posts: the first entry counts a failed attempt, the others were never sent.
    assert sorted(attempts.get(e.uuid, 0) for e in made) == [0] * 7 + [1]
    moves = _window_moves(store, made)
    second = [uuid for action, uuid in moves if action == "send"][4:]
    assert len(second) == 4
    for uuid in second:
        # Moved back without a request, said so in its history.
        assert [action for action, moved in moves if moved == uuid] == ["send", "retry"]
        assert entries.audit_rows(store, uuid)[-1]["details"] == {"unsent": True}
    client.close()


def test_a_failure_here_while_a_batch_is_out_waits_for_it_and_loses_nothing(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    made = many(store, people, 8, 1)
    beats: list[int] = []

    def heartbeat() -> None:
        beats.append(len(beats))
        if len(beats) == 2:  # marking the second window, the first window's request out
            raise OSError("disk gone")

    with live_server(tmp_path, 8) as server:
        client = client_for(server)
        with pytest.raises(OSError, match="disk gone"):
            Executor(store, client, config=fast_executor(batch_size=4, heartbeat=heartbeat)).run()
        assert not [t for t in threading.enumerate() if t.name.startswith("koopbis-sync-send")]
        states = Counter(entries.get_entry(store, e.uuid).state for e in made)
        # The first window reached KOOP-BİS (the run waited for its request); its answer is not
        # stored, so its entries stay "sending" and nobody may change them.
        assert states == {State.SENDING: 4, State.APPROVED: 4}
        sending = {e.uuid for e in made if entries.get_entry(store, e.uuid).state == State.SENDING}
        assert set(applied_keys(server)) == sending
        assert_nothing_applied_is_changeable(server, store)
        again = Executor(store, client, config=fast_executor(batch_size=4)).run()
        assert again.applied == len(made) and again.replayed == 4
        assert_exactly_once_in_order(server, store, made)
        client.close()
