"""Sync on an encrypted database: the sync thread opens its own connection with the signed-in account's key."""

from __future__ import annotations

import pytest

from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import KeyRequired
from sync.scheduler import Status, run_sync
from tests.conftest import add_people
from tests.sync.conftest import LiveServer, approved_admission, options_for, seed_snapshot


def test_run_sync_opens_the_encrypted_file_with_the_key_and_only_with_it(
    encrypted_store: Store, server: LiveServer
) -> None:
    people = add_people(encrypted_store)
    coop = str(seed_snapshot(encrypted_store, 20)[0]["id"])
    entry = approved_admission(encrypted_store, people, coop, 3)
    with pytest.raises(KeyRequired):
        run_sync(encrypted_store.path, options=options_for(server))
    report = run_sync(encrypted_store.path, options=options_for(server, db_key=encrypted_store.key))
    assert report.status == Status.OK, report.message
    assert entries.get_entry(encrypted_store, entry.uuid).state == State.SYNCED
