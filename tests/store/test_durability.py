"""Durability: a process saving entries is killed with SIGKILL at random moments.

Every entry whose save returned (the child printed its id after the commit)
must be in the database afterwards, and the file must pass integrity_check. On the
office database the killed child is a PC that went away mid-transaction.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import audit
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, db_arg, reopen

KILLS = 50

CHILD = textwrap.dedent(
    """
    import random, sys
    from koopbis_desktop.domain import demo_data
    from koopbis_desktop.services import accounts, capture
    from koopbis_desktop.store.db import open_store
    from koopbis_desktop.store.location import parse_location

    db_path, coop, password, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = open_store(parse_location(db_path))
    clerk = accounts.login(store, "ayse", password)
    rng = random.Random(seed)
    print("READY", flush=True)
    while True:
        data = {
            "member_id": demo_data.tckn(rng), "full_name": demo_data.person_name(rng),
            "effective_date": "02.03.2015", "decision_no": str(rng.randint(1, 999)),
            "shares": 1, "subscribed_amount": "1000", "paid_amount": "250",
        }
        entry = capture.create_entry(store, clerk, "member.admit", coop, data)
        print(entry.uuid, flush=True)
    """
)


@pytest.mark.slow
def test_sigkill_never_loses_a_returned_save(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    script = tmp_path / "saver.py"
    script.write_text(CHILD, encoding="utf-8")
    path = db_arg(store)
    coop = str(cooperatives[0]["id"])
    store.close()
    rng = random.Random(1163)
    confirmed: set[str] = set()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for run in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(script), str(path), coop, PASSWORD, str(run)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.strip() == b"READY", child.stderr.read() if child.stderr else first
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")
        lines = out.decode().split("\n")
        # the last piece may be a half-written line: only whole lines were confirmed
        confirmed.update(line for line in lines[:-1] if line)
        check = reopen(store)
        try:
            if check.dialect.name == "sqlite":
                assert check.query("PRAGMA integrity_check") == [("ok",)]
            present = {r[0] for r in check.query("SELECT uuid FROM entries")}
            missing = confirmed - present
            assert not missing, f"run {run}: {len(missing)} returned saves lost"
            revisions = {r[0] for r in check.query("SELECT entry_uuid FROM revisions")}
            assert present <= revisions, "an entry without its first revision"
            assert audit.verify(check).ok
        finally:
            check.close()
    assert len(confirmed) > KILLS, "the children saved too little for the test to mean anything"
