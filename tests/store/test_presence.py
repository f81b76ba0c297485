"""Who edits which entry where: claims, heartbeats, releases and stale claims, on both engines."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture
from koopbis_desktop.store import presence
from koopbis_desktop.store.changes import written_kind
from koopbis_desktop.store.clock import now
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, db_arg, member_admission, reopen

ENTRY = "0b6f2c1e-0000-4000-8000-000000000001"
REPO = Path(__file__).resolve().parents[2]
OTHER_ENTRY = "0b6f2c1e-0000-4000-8000-000000000002"


def test_a_claim_is_seen_from_another_connection_and_released(store: Store) -> None:
    other_pc = reopen(store)
    try:
        mine = presence.claim(other_pc, ENTRY, "ayse", "PC-3")
        assert (mine.username, mine.host) == ("ayse", "PC-3")
        seen = presence.live(store)
        assert list(seen) == [ENTRY]
        assert seen[ENTRY].sentence == "düzenleniyor: ayse (PC-3)"
        assert presence.of_entry(store, ENTRY) == seen[ENTRY]
        # Shown to everyone but ayse's own editor on PC-3.
        assert presence.others(seen, "mehmet", "PC-1") == seen
        assert presence.others(seen, "ayse", "PC-3") == {}
        assert presence.others(seen, "ayse", "PC-4") == seen  # the same person on another PC
        presence.release(other_pc, ENTRY, "ayse", "PC-3")
        assert presence.live(store) == {}
        assert presence.of_entry(store, ENTRY) is None
    finally:
        other_pc.close()


def test_a_live_claim_is_not_taken_over_and_the_holder_is_returned(store: Store) -> None:
    first = presence.claim(store, ENTRY, "ayse", "PC-3")
    second = presence.claim(store, ENTRY, "mehmet", "PC-1")
    assert second == first  # mehmet's editor learns ayse is editing it
    presence.release(store, ENTRY, "mehmet", "PC-1")  # not his claim: it stays
    assert presence.live(store)[ENTRY].username == "ayse"
    presence.claim(store, OTHER_ENTRY, "mehmet", "PC-1")
    assert set(presence.live(store)) == {ENTRY, OTHER_ENTRY}


def test_heartbeats_keep_a_claim_alive_and_a_silent_one_goes_stale(store: Store) -> None:
    start = now()
    claimed = presence.claim(store, ENTRY, "ayse", "PC-3", at=start)
    later = start + timedelta(seconds=presence.STALE_AFTER_S - 10)
    beat = presence.heartbeat(store, ENTRY, "ayse", "PC-3", at=later)
    assert beat.since == claimed.since and beat.heartbeat_at > claimed.heartbeat_at
    still = later + timedelta(seconds=presence.STALE_AFTER_S - 10)
    assert ENTRY in presence.live(store, at=still)
    # PC-3 crashed: no heartbeat for more than the grace period.
    gone = later + timedelta(seconds=presence.STALE_AFTER_S + 1)
    assert presence.live(store, at=gone) == {}
    assert presence.of_entry(store, ENTRY, at=gone) is None
    # A stale claim does not hold the entry: the next editor takes it.
    taken = presence.claim(store, ENTRY, "mehmet", "PC-1", at=gone)
    assert (taken.username, taken.host) == ("mehmet", "PC-1")
    assert taken.since > claimed.since
    # ayse's PC comes back: its heartbeat gets mehmet's live claim, not its own.
    assert presence.heartbeat(store, ENTRY, "ayse", "PC-3", at=gone).username == "mehmet"


def test_presence_writes_are_announced_as_presence_not_as_entries(store: Store) -> None:
    store.take_changes()
    presence.claim(store, ENTRY, "ayse", "PC-3")
    changes = store.take_changes()
    assert changes.presence and not changes.entries
    assert written_kind("DELETE FROM edit_presence WHERE entry_uuid = ?") == "presence"


def test_a_claim_from_another_program_is_seen(store: Store) -> None:
    # A second program on the same file (single PC) or another PC (office) claims the entry.
    script = (
        "import sys\n"
        "from koopbis_desktop.store.db import open_store\n"
        "from koopbis_desktop.store.location import parse_location\n"
        "from koopbis_desktop.store import presence\n"
        "store = open_store(parse_location(sys.argv[1]))\n"
        "presence.claim(store, sys.argv[2], 'ayse', 'PC-3')\n"
        "store.close()\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", script, db_arg(store), ENTRY],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert presence.live(store)[ENTRY].sentence == "düzenleniyor: ayse (PC-3)"


def test_entry_show_says_who_is_editing_it(
    store: Store, people: dict[str, Actor], cooperatives: Any, capsys: Any, monkeypatch: Any
) -> None:
    from koopbis_desktop.cli import main

    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    entry = capture.create_entry(store, people["ayse"], "member.admit", "06-900001", member_admission(3))
    db = ["--db", db_arg(store), "--as", "sef"]
    assert main([*db, "entry", "show", entry.uuid]) == 0
    assert "düzenleniyor" not in capsys.readouterr().out
    presence.claim(store, entry.uuid, "ayse", "PC-3")
    assert main([*db, "entry", "show", entry.uuid]) == 0
    assert "düzenleniyor: ayse (PC-3)" in capsys.readouterr().out


def test_this_pcs_name_is_the_one_the_socket_module_gives() -> None:
    """Claims written before this PC's name was read without the socket module still count as its own."""
    import socket

    name = socket.gethostname()
    assert (presence.this_host(), presence.THIS_HOST) == (name, name)
