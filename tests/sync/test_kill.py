"""(b) The sync process SIGKILLed at 30+ random moments and restarted: still every entry exactly once, in order.

The sync runs as the real ``koopbis sync --once`` command in a child process; the
reference server runs in this process on loopback, slowed down a little so the
kills land while requests and transactions are in flight. The kills are the only
fault: injected errors would add back-off waits that end a ``--once`` run early.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, db_arg
from tests.sync.conftest import SERVER_PASSWORD, assert_nothing_applied_is_changeable, live_server
from tests.sync.test_reliability import assert_exactly_once_in_order, make_entries

KILLS = 30


def koopbis(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "koopbis_desktop.cli", "--db", db, *args]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_b_sigkill_at_random_moments_then_restart(
    store: Store, people: dict[str, Actor], db_path: Path, tmp_path: Path, sync_mode: str
) -> None:
    made = make_entries(store, people, 40, 10)
    env = {**os.environ, "KOOPBIS_SERVER_PASSWORD": SERVER_PASSWORD, "KOOPBIS_PASSWORD": PASSWORD}
    rng = random.Random(30)
    # Batches of two: a run still sends its 400 entries over enough requests for 30 kills
    # to land inside runs (batches of 100 finished the work before the kills; batches of four
    # did too on a quick host, after 28–29 kills).
    small_batches = {"batch_max": 2} if sync_mode == "batch" else {}
    with live_server(tmp_path, 40, fault_delay=0.12, **small_batches) as server:
        server.admin().put(
            "/api/v1/admin/faults",
            json={"spec": "slow=1", "seed": 3, "delay": 0.12},
        )
        command = koopbis(db_arg(store), "sync", "--once", "--server", server.url, "--json", "--as", "sef")
        kills = 0
        runs = 0
        while kills < KILLS and runs < 200:
            runs += 1
            child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.3, 0.8))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                kills += 1
            child.wait(30)
            assert_nothing_applied_is_changeable(server, store)
            synced = store.conn.execute("SELECT count(*) FROM entries WHERE state = 'synced'").fetchone()[0]
            assert synced < len(made) or kills >= KILLS, "ran out of work before 30 kills; add entries"
        assert kills >= KILLS
        final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        for _ in range(5):  # lost answers back off; a scheduled sync would simply run again
            if final.returncode == 0:
                break
            final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
            assert_nothing_applied_is_changeable(server, store)
        assert final.returncode == 0, final.stderr + final.stdout
        server.admin().put("/api/v1/admin/faults", json={"spec": ""})
        assert_exactly_once_in_order(server, store, made)
        status = subprocess.run(
            koopbis(db_arg(store), "sync", "status", "--json", "--as", "sef"),
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert status.returncode == 0, status.stderr
        info = json.loads(status.stdout)
        assert info["states"] == {"synced": len(made)}
        assert info["lock"] is None
        assert info["last_run"]["status"] == "ok"
