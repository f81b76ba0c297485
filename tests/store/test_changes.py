"""OpChanges: the store says what a committed transaction wrote, and nothing for a rolled-back one."""

from __future__ import annotations

import pytest

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts, autosave
from koopbis_desktop.services import settings as app_settings
from koopbis_desktop.store import audit
from koopbis_desktop.store.changes import NOTHING, OpChanges, written_kind
from koopbis_desktop.store.db import Store


def test_nothing_changed_is_falsy_and_kinds_merge() -> None:
    assert not NOTHING
    assert not OpChanges()
    merged = OpChanges(entries=True) | OpChanges(users=True)
    assert merged and merged.kinds() == ["entries", "users"]
    assert (NOTHING | NOTHING) == NOTHING


def test_statements_map_to_the_kind_of_data_they_write() -> None:
    assert written_kind("SELECT * FROM entries") is None
    assert written_kind("  update entries SET state = ?") == "entries"
    assert written_kind("INSERT OR REPLACE INTO sync_lock(id) VALUES (1)") == "sync"
    assert written_kind("DELETE FROM autosave WHERE form_id = ?") == "drafts"
    assert written_kind("INSERT INTO members(id) VALUES (?)") == "snapshot"
    assert written_kind("CREATE TABLE x (a)") is None
    # The audit chain's head lives in settings but is an audit change.
    assert written_kind(audit._SET_HEAD) == "audit"


def test_a_committed_write_is_announced_once(store: Store, people: dict[str, Actor]) -> None:
    store.take_changes()
    app_settings.update(store, people["admin"], {"backup_keep": "9"})
    assert store.take_changes() == OpChanges(settings=True, audit=True)
    assert store.take_changes() == NOTHING  # taken: the next call starts empty


def test_reads_announce_nothing(store: Store, people: dict[str, Actor]) -> None:
    store.take_changes()
    accounts.list_users(store, people["admin"])
    autosave.pending(store, people["ayse"])
    assert store.take_changes() == NOTHING


def test_a_rolled_back_transaction_announces_nothing(store: Store, people: dict[str, Actor]) -> None:
    store.take_changes()
    with pytest.raises(RuntimeError), store.atomic():
        store.set_setting("backup_keep", "3")
        autosave.discard(store, "form-1")
        raise RuntimeError("the write fails half-way")
    assert store.setting("backup_keep") != "3"
    assert store.take_changes() == NOTHING


def test_nested_writes_are_announced_when_the_outer_transaction_commits(
    store: Store, people: dict[str, Actor]
) -> None:
    store.take_changes()
    with store.atomic():
        autosave.save(
            store,
            people["ayse"],
            "form-1",
            type_id="member.admit",
            cooperative=None,
            entry_uuid=None,
            payload={},
        )
        assert store.take_changes() == NOTHING  # not committed yet
        store.set_setting("backup_keep", "4")
    assert store.take_changes() == OpChanges(drafts=True, settings=True)
