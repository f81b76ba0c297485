"""Entries written in bulk (member lists, the benchmarks' histories): drafts, then their review fields."""

from __future__ import annotations

from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.store import entries, entry_batches
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entry_batches import NewDraft, Review

AT = "2015-03-01T09:00:00.000+00:00"


def _draft(uuid: str, state: State) -> NewDraft:
    return NewDraft(uuid, "member.admit", "06-000001", None, "2015-03-01", state.value, "ayse",
                    "{}", "{}", "[]", AT, AT, "")  # fmt: skip


def test_review_fields_of_bulk_written_entries_land_on_those_entries_only(
    store: Store, people: dict[str, object]
) -> None:
    with store.atomic() as conn:
        entry_batches.insert_drafts(
            conn,
            [
                _draft("00000000-0000-4000-8000-000000000001", State.APPROVED),
                _draft("00000000-0000-4000-8000-000000000002", State.RETURNED),
                _draft("00000000-0000-4000-8000-000000000003", State.DRAFT),
            ],
        )
        entry_batches.record_reviews(
            conn,
            [
                Review("00000000-0000-4000-8000-000000000001", AT, "sef", None),
                Review("00000000-0000-4000-8000-000000000002", None, None, "Karar numarasını düzeltin."),
            ],
        )
    approved = entries.get_entry(store, "00000000-0000-4000-8000-000000000001")
    returned = entries.get_entry(store, "00000000-0000-4000-8000-000000000002")
    draft = entries.get_entry(store, "00000000-0000-4000-8000-000000000003")
    assert (approved.submitted_at, approved.approver, approved.comment) == (AT, "sef", None)
    assert (returned.submitted_at, returned.approver, returned.comment) == (
        None,
        None,
        "Karar numarasını düzeltin.",
    )
    assert (draft.submitted_at, draft.approver, draft.comment) == (None, None, None)
    assert approved.revision == 1 and approved.state == State.APPROVED
