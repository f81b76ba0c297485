"""Issue 13: several PCs on one queue — the database does the concurrency.

Real processes, each with its own connection, as the PCs of an office are: four
clerks recording and submitting at once, two supervisors racing to approve the
same 100 entries, a PC that holds the sync lock switched off. Run on both engines
(the single-PC file has the same guarantees, serialised by its write lock).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import KnownError
from koopbis_desktop.store.pg import OfficeConnectionLost
from sync.scheduler import SyncBusy, SyncLock
from tests.conftest import PASSWORD, at_once, db_arg, member_admission, reopen

ROOT = Path(__file__).resolve().parents[2]


def _children(commands: list[list[str]]) -> list[subprocess.Popen[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.office.child", *command],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for command in commands
    ]
    for child in children:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.strip() in ("READY", "LOCKED"), child.stderr.read() if child.stderr else first
    return children


def _go_and_collect(children: list[subprocess.Popen[str]]) -> list[list[str]]:
    for child in children:
        assert child.stdin is not None
        child.stdin.write("\n")
        child.stdin.flush()
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=240)
        assert child.returncode == 0, err
        outputs.append([line for line in out.splitlines() if line])
    return outputs


def test_four_pcs_record_and_submit_at_once(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    from koopbis_desktop.services import accounts

    for n in (3, 4):
        accounts.add_user(store, people["admin"], f"memur{n}", "clerk", PASSWORD, f"Memur {n}")
    clerks = ["ayse", "mehmet", "memur3", "memur4"]
    per_pc = 15
    coop = str(cooperatives[0]["id"])
    outputs = _go_and_collect(
        _children(
            [
                ["record", db_arg(store), clerk, PASSWORD, coop, str(per_pc), str(i)]
                for i, clerk in enumerate(clerks)
            ]
        )
    )
    confirmed = {line.split()[1] for out in outputs for line in out if line.startswith("OK ")}
    assert len(confirmed) == 4 * per_pc
    found = entries.list_entries(store)
    assert {e.uuid for e in found} == confirmed
    assert all(e.state == State.SUBMITTED for e in found)
    numbers = sorted(int(str(e.number).split("/")[1]) for e in found)
    assert numbers == list(range(1, 4 * per_pc + 1)), "every entry its own number, none skipped"
    result = audit.verify(store)
    assert result.ok, result.reason
    actions = Counter(
        (row[0], row[1])
        for row in store.query("SELECT entry_uuid, action FROM audit WHERE entry_uuid IS NOT NULL")
    )
    assert all(actions[(uuid, "create")] == 1 and actions[(uuid, "submit")] == 1 for uuid in confirmed)


def test_two_supervisors_racing_approve_each_entry_exactly_once(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    coop = str(cooperatives[0]["id"])
    uuids = []
    for i in range(100):
        entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(500 + i))
        capture.submit_entry(store, people["ayse"], entry.uuid)
        uuids.append(entry.uuid)
    listing = tmp_path / "uuids.txt"
    listing.write_text("\n".join(uuids))
    outputs = _go_and_collect(
        _children([["approve", db_arg(store), name, PASSWORD, str(listing)] for name in ("sef", "sef2")])
    )
    won = {
        name: {line.split()[1] for line in out if line.startswith("WON ")}
        for name, out in zip(("sef", "sef2"), outputs, strict=True)
    }
    lost = {
        name: [line for line in out if line.startswith("LOST ")]
        for name, out in zip(("sef", "sef2"), outputs, strict=True)
    }
    assert won["sef"] | won["sef2"] == set(uuids)
    assert not won["sef"] & won["sef2"], "an entry approved twice"
    assert len(lost["sef"]) + len(lost["sef2"]) == 100
    # The loser is told, in Turkish, who was faster.
    for loser, winner in (("sef", "sef2"), ("sef2", "sef")):
        for line in lost[loser]:
            assert f"Sizden önce davranan: {winner}" in line and "uygulanmadı" in line
    approvals = Counter(
        row[0] for row in store.query("SELECT entry_uuid FROM audit WHERE action = 'approve'")
    )
    assert set(approvals) == set(uuids) and set(approvals.values()) == {1}
    for entry in entries.list_entries(store):
        assert entry.state == State.APPROVED
        assert entry.uuid in won[str(entry.approver)]
    result = audit.verify(store)
    assert result.ok, result.reason


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_the_sync_moves_to_another_pc_when_the_sending_one_goes_away(
    store: Store, people: dict[str, Actor]
) -> None:
    (holder,) = _children([["hold-sync-lock", db_arg(store), "MEMUR-PC-3"]])
    other = reopen(store)
    try:
        with pytest.raises(SyncBusy, match="Eşitleme MEMUR-PC-3 bilgisayarında sürüyor"):
            SyncLock(other).acquire()
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=30)
        # The killed PC's session ends with it, and so does its lock.
        lock = SyncLock(other)
        for _ in range(50):
            try:
                lock.acquire()
                break
            except SyncBusy:
                import time

                time.sleep(0.1)
        else:
            pytest.fail("the lock of a killed PC was never released")
        row = other.query_one("SELECT owner FROM sync_lock WHERE id = 1")
        assert row == (lock.owner,)
        lock.release()
    finally:
        other.close()


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_two_pcs_locking_two_entries_in_opposite_order_hear_a_retry_not_a_lost_network(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    """PostgreSQL ends one of two transactions that wait for each other (a deadlock): that
    PC is told another PC wrote the same entries at once and to try again — not that the
    connection to the office database was lost."""
    first, second = (
        capture.create_entry(store, people["ayse"], "member.admit", "06-900001", member_admission(seed)).uuid
        for seed in (1, 2)
    )
    holding = {"a": threading.Event(), "b": threading.Event()}
    outcomes: dict[str, BaseException | None] = {}

    def pc(name: str, mine: str, theirs: str, other: str) -> None:
        own = reopen(store)
        try:
            with own.atomic() as conn:
                entries.locked_state(conn, mine)
                holding[name].set()
                assert holding[other].wait(timeout=30)
                entries.locked_state(conn, theirs)  # each now waits for the other: one is ended
            outcomes[name] = None
        except BaseException as exc:
            outcomes[name] = exc
        finally:
            own.close()

    at_once(lambda: pc("a", first, second, "b"), lambda: pc("b", second, first, "a"))
    ended = [exc for exc in outcomes.values() if exc is not None]
    assert len(outcomes) == 2 and len(ended) == 1, outcomes
    assert isinstance(ended[0], KnownError) and not isinstance(ended[0], OfficeConnectionLost), ended
    assert "aynı anda yazdı" in ended[0].message and "Yeniden deneyin" in ended[0].message
