"""``koopbis sync`` (the loop, no ``--once``) waits through KOOP-BİS's maintenance and sends within seconds of its opening.

The training server answers 503 with ``Retry-After`` for two seconds; the loop must
honour that to the second (issue 12: after a 429/503 it used to stay silent for a
minute and more), so every approved entry is applied soon after the opening, once.
A refusal (422) in the same run goes back to its clerk, and ``koopbis entry show``
prints KOOP-BİS's message.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from sync import client as wire
from tests.conftest import PASSWORD
from tests.sync.conftest import (
    SERVER_PASSWORD,
    applied_keys,
    approved,
    approved_admission,
    assembly,
    day,
    live_server,
    seed_snapshot,
)

MAINTENANCE_SECONDS = 2.0
# Retry-After is the whole seconds left (2), stretched by at most 10 %, plus a run's own time.
SENDS_WITHIN_SECONDS = 2.5


def koopbis(db_path: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "koopbis_desktop.cli", "--db", str(db_path), *args]


def test_the_sync_loop_waits_through_maintenance_and_sends_within_seconds_of_opening(
    store: Store, people: dict[str, Actor], db_path: Path, tmp_path: Path
) -> None:
    recs = seed_snapshot(store, 20)
    made = [approved_admission(store, people, recs[n]["id"], n) for n in range(3)]
    refused = approved(
        store, people["ayse"], people["sef"], "assembly.record", recs[5]["id"], assembly(day(1))
    )
    store.conn.execute(
        "UPDATE entries SET payload = json_set(payload, '$.effective_date', '2015-04-30') WHERE uuid = ?",
        (refused.uuid,),
    )
    env = {**os.environ, wire.PASSWORD_ENV: SERVER_PASSWORD, "KOOPBIS_PASSWORD": PASSWORD}
    (tmp_path / "server").mkdir()
    opens = datetime.now(UTC) + timedelta(seconds=MAINTENANCE_SECONDS)
    with live_server(tmp_path / "server", 20, maintenance_until=opens) as server:
        loop = subprocess.Popen(
            koopbis(db_path, "sync", "--server", server.url, "--as", "sef"),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 30
            while set(applied_keys(server)) != {e.uuid for e in made} and time.monotonic() < deadline:
                assert loop.poll() is None, loop.communicate()
                time.sleep(0.05)
            done = datetime.now(UTC)
        finally:
            loop.terminate()
            out, err = loop.communicate(timeout=30)
        keys = applied_keys(server)
    assert set(keys) == {e.uuid for e in made}, out + err
    assert all(n == 1 for n in Counter(keys).values())
    assert (done - opens).total_seconds() < SENDS_WITHIN_SECONDS, (done - opens, out)
    assert "bakımda" in out, out  # it told what it waited for
    for entry in made:
        assert entries.get_entry(store, entry.uuid).state == State.SYNCED
    back = entries.get_entry(store, refused.uuid)
    assert back.state == State.RETURNED and back.outcome is not None
    message = back.outcome["errors"][0]["message"]
    shown = subprocess.run(
        koopbis(db_path, "entry", "show", refused.uuid, "--as", "ayse"),
        env={**env, "KOOPBIS_PASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    assert "KOOP-BİS reddi" in shown.stdout and message in shown.stdout
    assert "İade edildi" in shown.stdout
