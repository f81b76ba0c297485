"""A save over someone else's newer revision is refused, naming who saved and when."""

from __future__ import annotations

from typing import Any

import pytest

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture
from koopbis_desktop.services.entry_changes import diff_lines, typed_against_saved
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import RevisionChanged
from tests.conftest import member_admission, reopen


def test_a_save_on_an_older_revision_is_refused_and_stores_nothing(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    ayse = people["ayse"]
    coop = str(cooperatives[1]["id"])
    entry = capture.create_entry(store, ayse, "member.admit", coop, member_admission())
    loaded = entry.revision
    # The same entry saved meanwhile on another PC (ayse's second session there).
    other_pc = reopen(store)
    try:
        capture.edit_entry(
            other_pc, ayse, entry.uuid, member_admission(decision_no="2015/15"), loaded_revision=loaded
        )
    finally:
        other_pc.close()
    with pytest.raises(RevisionChanged) as refused:
        capture.edit_entry(
            store, ayse, entry.uuid, member_admission(decision_no="2015/99"), loaded_revision=loaded
        )
    exc = refused.value
    assert exc.exit_code == ExitCode.NOT_PERMITTED
    assert int(exc.exit_code) == 4
    assert "ayse" in exc.message and "yeniden kaydetti" in exc.message and "sürüm 2" in exc.message
    assert (exc.loaded_revision, exc.stored_revision, exc.saved_by) == (1, 2, "ayse")
    assert exc.newer_payload["decision_no"] == "2015/15"
    stored = entries.get_entry(store, entry.uuid)
    assert stored.revision == 2 and stored.payload["decision_no"] == "2015/15"
    assert len(entries.revisions(store, entry.uuid)) == 2

    # What the person sees: the saved value, then theirs.
    typed = capture.check(store, "member.admit", coop, member_admission(decision_no="2015/99"))[0].payload
    lines = diff_lines(typed_against_saved(get_type("member.admit"), exc.newer_payload, typed))
    assert lines == ["Karar No: 2015/15 → 2015/99"]

    # Re-applied on the newer revision, the save goes through.
    again = capture.edit_entry(
        store, ayse, entry.uuid, member_admission(decision_no="2015/99"), loaded_revision=exc.stored_revision
    )
    assert again.revision == 3 and again.payload["decision_no"] == "2015/99"


def test_a_save_without_a_loaded_revision_is_not_checked(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    ayse = people["ayse"]
    entry = capture.create_entry(store, ayse, "member.admit", str(cooperatives[1]["id"]), member_admission())
    capture.edit_entry(store, ayse, entry.uuid, member_admission(decision_no="2015/15"))
    assert capture.edit_entry(store, ayse, entry.uuid, member_admission(decision_no="2015/16")).revision == 3
