"""A second PC of the office, as a process: ``python -m tests.office.child JOB DB …``.

Each job opens its own connection to the database the test names (a file or an
office URL) and prints one line per thing it did, flushed, so the test knows what
was confirmed before it looked or killed the process.
"""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path


def record(db: str, clerk: str, password: str, coop: str, count: int, seed: int) -> None:
    """A clerk records and submits ``count`` member admissions."""
    from koopbis_desktop.services import accounts, capture
    from koopbis_desktop.store.db import open_store
    from koopbis_desktop.store.location import parse_location
    from tests.conftest import member_admission

    store = open_store(parse_location(db))
    actor = accounts.login(store, clerk, password)
    print("READY", flush=True)
    sys.stdin.readline()  # every PC starts at the same moment
    for i in range(count):
        entry = capture.create_entry(store, actor, "member.admit", coop, member_admission(seed * 1000 + i))
        capture.submit_entry(store, actor, entry.uuid)
        print(f"OK {entry.uuid} {entry.number}", flush=True)
    store.close()


def approve(db: str, supervisor: str, password: str, uuids_file: str) -> None:
    """A supervisor approves every entry of the list, as fast as the database lets them."""
    from koopbis_desktop.domain.lifecycle import IllegalTransition
    from koopbis_desktop.services import accounts, review
    from koopbis_desktop.store.db import open_store
    from koopbis_desktop.store.location import parse_location

    store = open_store(parse_location(db))
    actor = accounts.login(store, supervisor, password)
    uuids = Path(uuids_file).read_text().split()
    print("READY", flush=True)
    sys.stdin.readline()
    for uuid in uuids:
        try:
            review.approve_entry(store, actor, uuid)
        except IllegalTransition as exc:
            print(f"LOST {uuid} {exc.message}", flush=True)
        else:
            print(f"WON {uuid}", flush=True)
    store.close()


def hold_sync_lock(db: str, host: str) -> None:
    """A PC named ``host`` takes the office's sync lock and keeps it until it is killed."""
    socket.gethostname = lambda: host
    from koopbis_desktop.store.db import open_store
    from koopbis_desktop.store.location import parse_location
    from sync.scheduler import SyncLock

    store = open_store(parse_location(db))
    SyncLock(store).acquire()
    print("LOCKED", flush=True)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    job, *rest = sys.argv[1:]
    if job == "record":
        record(rest[0], rest[1], rest[2], rest[3], int(rest[4]), int(rest[5]))
    elif job == "approve":
        approve(rest[0], rest[1], rest[2], rest[3])
    elif job == "hold-sync-lock":
        hold_sync_lock(rest[0], rest[1])
    else:
        raise SystemExit(f"unknown job {job}")
