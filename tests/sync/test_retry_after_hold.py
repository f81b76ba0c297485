"""KOOP-BİS's Retry-After on a 429 or 503 is about this client, not one entry: no request of the
run leaves before it has passed, and a wait longer than the run holds on ends the run, leaving
what was not sent ``approved`` for the loop's next round (which comes after the wait).

Before, each entry met its 429 and backed off on its own while the run went straight on to the
next cooperative's entries: on go-live morning, an overloaded KOOP-BİS answering "slow down" got
every queued entry of the office at once, and again at the next round.
"""

from __future__ import annotations

import itertools
import logging
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from sync.client import KoopbisClient
from sync.executor import Executor, Stop
from sync.scheduler import Status, _report_for
from tests.sync.conftest import (
    LiveServer,
    admission,
    approved,
    client_for,
    day,
    fast_executor,
    live_server,
    seed_snapshot,
)

# Two entries per batch request in the batch mode, so that one round is several requests there too.
BATCH = 2


def _approved_in_six_cooperatives(store: Store, people: dict[str, Actor]) -> list[str]:
    recs = seed_snapshot(store, 6)
    rng = random.Random(5)
    return [
        approved(
            store, people["ayse"], people["sef"], "member.admit", rec["id"], admission(rng, day(n), n)
        ).uuid
        for n, rec in enumerate(recs, start=1)
    ]


class _ServerLog(logging.Handler):
    """The reference server's request lines as they come: (when, status) of each change request;
    optionally the faults switched off after the first 429 (KOOP-BİS asks for a wait once)."""

    def __init__(self, server: LiveServer, *, once: bool = False) -> None:
        super().__init__(logging.INFO)
        self.server, self.once = server, once
        self.posts: list[tuple[float, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if not text.startswith("POST /api/v1/changes"):
            return
        status = text.split("->")[1].split()[0]
        self.posts.append((record.created, status))
        if self.once and status == "429":
            self.server.app.state.faults.configure({}, seed=None, delay=None)


@contextmanager
def _rate_limited(tmp_path: Path, *, once: bool = False) -> Iterator[tuple[LiveServer, _ServerLog]]:
    """A server whose every request (after the client's login and /health) gets 429 with
    Retry-After: 1 (its fault mode) — or only the first change request, with ``once``."""
    logger = logging.getLogger("koopbis.server")
    with live_server(tmp_path, 6) as server:
        handler = _ServerLog(server, once=once)
        level = logger.level
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
        try:
            yield server, handler
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)


def _client(server: LiveServer) -> KoopbisClient:
    client = client_for(server)
    assert client.login() is None
    client.health()  # batches offered or not, as the server of this mode says
    server.app.state.faults.configure({"429": 1.0}, seed=1, delay=None)
    return client


def test_no_request_leaves_before_koopbis_retry_after_has_passed(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    made = _approved_in_six_cooperatives(store, people)
    with _rate_limited(tmp_path) as (server, log):
        config = fast_executor(hold_max=30.0, linger=2.5, batch_size=BATCH)
        result = Executor(store, _client(server), config=config).run()
    assert len(log.posts) >= 3 and all(status == "429" for _, status in log.posts)
    gaps = [later - earlier for (earlier, _), (later, _) in itertools.pairwise(log.posts)]
    # Retry-After: 1 → at least a second between two requests (less a little for the clock's grain).
    assert all(gap >= 0.95 for gap in gaps), gaps
    # The run ended by itself although KOOP-BİS never stopped refusing (past its linger, what
    # KOOP-BİS told to wait goes in the next run) and left everything where it was.
    assert result.stop is None and result.applied == 0
    assert [entries.get_entry(store, key).state for key in made] == [State.APPROVED] * len(made)


def test_a_wait_longer_than_the_run_holds_on_ends_it_and_says_when(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    made = _approved_in_six_cooperatives(store, people)
    with _rate_limited(tmp_path) as (server, log):
        config = fast_executor(hold_max=0.5, linger=30.0, batch_size=BATCH)
        started = time.monotonic()
        result = Executor(store, _client(server), config=config).run()
        elapsed = time.monotonic() - started
    assert [status for _, status in log.posts] == ["429"]  # the first request, then no other
    assert elapsed < 1.0  # it did not wait
    # What is left of KOOP-BİS's second (spread by at most 10 %) when the run ended: the time the
    # run took to get there is gone from it, and nothing more (a busy machine takes longer).
    assert result.stop == Stop.HELD and result.retry_after is not None
    assert 1.0 - elapsed <= result.retry_after <= 1.1, (result.retry_after, elapsed)
    assert result.stop_message in {
        f"KOOP-BİS çok yoğun olduğunu bildirdi ve {n} saniye beklenmesini istedi; kalan kayıtlar o zaman "
        "gönderilecek."
        for n in (1, 2)
    }
    assert [entries.get_entry(store, key).state for key in made] == [State.APPROVED] * len(made)
    report = _report_for(result, "2015-03-20T09:00:00+00:00")
    assert report.status == Status.PARTIAL and report.retry_after == result.retry_after
    assert report.message.startswith("KOOP-BİS çok yoğun olduğunu bildirdi")


def test_a_short_wait_is_held_and_said_then_the_run_goes_on(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    """KOOP-BİS asks for a second once, then takes everything: all applied in the same run, the
    next request a second after the refusal, and the screens told why it paused."""
    made = _approved_in_six_cooperatives(store, people)
    seen: list[str] = []
    with _rate_limited(tmp_path, once=True) as (server, log):
        config = fast_executor(hold_max=30.0, linger=30.0, batch_size=BATCH)
        result = Executor(
            store, _client(server), config=config, on_progress=lambda p: seen.append(p.message)
        ).run()
    assert result.stop is None
    assert [entries.get_entry(store, key).state for key in made] == [State.SYNCED] * len(made)
    (refused, _), (after, _) = log.posts[0], log.posts[1]
    assert log.posts[0][1] == "429" and after - refused >= 0.95
    assert any(m.startswith("KOOP-BİS beklenmesini istedi; ") and "saniye sonra" in m for m in seen), seen
