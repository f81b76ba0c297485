"""``koopbis sync`` (the loop, no ``--once``) waits through KOOP-BİS's maintenance and sends soon after its opening.

The training server answers 503 with ``Retry-After`` until two seconds after the loop's
first call; the loop must honour that to the second (issue 12: after a 429/503 it used
to stay silent for a minute and more), so every approved entry is applied soon after
the opening, once. The loop runs with ten-minute waits of its own (``--interval``,
``--retry-wait``), so a send within a minute of the opening can only come from the
``Retry-After``, however slowly a loaded machine runs the test; and it is asked once
during maintenance, not hammered. A refusal (422) in the same run goes back to its
clerk, and ``koopbis entry show`` prints KOOP-BİS's message.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

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
# The loop's own waits: far longer than any delay a loaded machine adds to a run.
LOOP_WAIT_SECONDS = 600
# How long after the opening the entries may take to arrive (a tenth of the loop's own wait).
SENDS_WITHIN_SECONDS = 60.0
# Start-up of a CLI process (imports, sign-in) on a machine running other suites.
FIRST_CALL_WITHIN_SECONDS = 120.0


def koopbis(db_path: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "koopbis_desktop.cli", "--db", str(db_path), *args]


def test_the_sync_loop_waits_through_maintenance_and_sends_soon_after_the_opening(
    store: Store,
    people: dict[str, Actor],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
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
    # In maintenance from the start; the window closes two seconds after the loop's first
    # call, whenever a loaded machine lets the loop make it.
    far = datetime.now(UTC) + timedelta(hours=1)
    seen: dict[str, Any] = {"answers": 0, "opens": None}

    def settled() -> bool:
        if set(applied_keys(server)) != {e.uuid for e in made}:
            return False
        states = {entries.get_entry(store, e.uuid).state for e in made}
        return states == {State.SYNCED} and entries.get_entry(store, refused.uuid).state == State.RETURNED

    with live_server(tmp_path / "server", 20, maintenance_until=far) as server:
        answer_maintenance = server.app._maintenance

        async def maintenance_from_first_call(path: str, send: Any) -> None:
            if seen["opens"] is None:
                seen["opens"] = datetime.now(UTC) + timedelta(seconds=MAINTENANCE_SECONDS)
                server.app.state.maintenance_until = seen["opens"]
            seen["answers"] += 1
            await answer_maintenance(path, send)

        monkeypatch.setattr(server.app, "_maintenance", maintenance_from_first_call)
        loop = subprocess.Popen(
            koopbis(
                db_path,
                *("sync", "--server", server.url, "--as", "sef"),
                *("--interval", str(LOOP_WAIT_SECONDS), "--retry-wait", str(LOOP_WAIT_SECONDS)),
            ),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + FIRST_CALL_WITHIN_SECONDS
            while seen["opens"] is None and time.monotonic() < deadline:
                assert loop.poll() is None, loop.communicate()
                time.sleep(0.05)
            assert seen["opens"] is not None, "the loop never called KOOP-BİS"
            opens: datetime = seen["opens"]
            # Done when KOOP-BİS has applied them and the loop has written every answer back.
            while not settled() and (datetime.now(UTC) - opens).total_seconds() < SENDS_WITHIN_SECONDS:
                assert loop.poll() is None, loop.communicate()
                time.sleep(0.05)
        finally:
            loop.terminate()
            out, err = loop.communicate(timeout=30)
        keys = applied_keys(server)
    # Sent within a minute of the opening: not after the loop's own ten-minute wait.
    assert set(keys) == {e.uuid for e in made}, out + err
    assert all(n == 1 for n in Counter(keys).values())
    # Retry-After is whole seconds rounded up: a loop that honours it asks once, after the opening.
    assert seen["answers"] == 1, (seen, out)
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


def test_the_loop_refuses_a_wait_that_is_not_a_positive_number_of_seconds(db_path: Path) -> None:
    for option in ("--interval", "--retry-wait"):
        answer = subprocess.run(
            koopbis(db_path, "sync", "--as", "sef", option, "0"),
            env={**os.environ, "KOOPBIS_PASSWORD": PASSWORD},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert answer.returncode == 2, answer.stderr
        assert "sıfırdan büyük bir saniye sayısı" in answer.stderr
        assert "Traceback" not in answer.stderr


def test_the_sync_loop_ends_at_a_refused_password_saying_why(
    store: Store, db_path: Path, people: dict[str, Actor], tmp_path: Path
) -> None:
    """`koopbis sync` (the loop) with a stale password: one try, then it ends (exit 4) saying that
    trying again could get the KOOP-BİS account locked; before, it tried every interval for ever."""
    recs = seed_snapshot(store, 20)
    approved_admission(store, people, recs[0]["id"], 0)
    env = {**os.environ, wire.PASSWORD_ENV: "eski-parola", "KOOPBIS_PASSWORD": PASSWORD}
    (tmp_path / "server").mkdir()
    with live_server(tmp_path / "server", 20) as server:
        ended = subprocess.run(
            koopbis(
                db_path, "sync", "--server", server.url, "--as", "sef", "--interval", "1", "--retry-wait", "1"
            ),
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        logins = [row["outcome"] for row in server.app.state.store.logins()]
    assert ended.returncode == 4, ended.stdout + ended.stderr
    assert "hesabı kilitletebileceği için otomatik eşitleme durdu" in ended.stderr
    assert logins == ["wrong"], logins
