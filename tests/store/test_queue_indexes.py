"""Migration 5: the queue's default sorts walk an index instead of sorting every row per page."""

from __future__ import annotations

import pytest

from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.services import queries
from koopbis_desktop.services.queries import EntryFilter
from koopbis_desktop.store import migrations
from koopbis_desktop.store.db import Store, query_plan


def plan_of_page(store: Store, flt: EntryFilter, sort: str) -> str:
    """The query plan of the SELECT that ``page_entries`` really runs (captured with its values)."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        queries.page_entries(store, flt, offset=400, limit=200, sort=sort, descending=True)
    finally:
        store.conn.set_trace_callback(None)
    select = next(s for s in statements if s.lstrip().upper().startswith("SELECT") and "LIMIT" in s)
    return query_plan(store, select)


@pytest.mark.sqlite_only
def test_schema_has_the_sort_indexes(store: Store) -> None:
    assert store.schema_version() == migrations.LATEST
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"entries_updated", "entries_effective", "entries_state_updated"} <= names


@pytest.mark.sqlite_only
def test_default_sorts_stream_from_an_index_without_a_sort_step(store: Store) -> None:
    for flt, sort, indexes in (
        (EntryFilter(), "updated_at", ("entries_updated",)),
        (EntryFilter(), "effective_date", ("entries_effective",)),
        (EntryFilter(states=(State.SUBMITTED,)), "updated_at", ("entries_state_updated",)),
        # A clerk's own list (Taslaklarım: two states, one author): migration 12's (author,
        # updated_at) index, or each state's (state, updated_at) one, which holds the author
        # since migration 18 — either read whole from the index, the author checked in it.
        (
            EntryFilter(states=(State.DRAFT, State.RETURNED), author="ayse"),
            "updated_at",
            ("COVERING INDEX entries_author_updated", "COVERING INDEX entries_state_updated"),
        ),
    ):
        plan = plan_of_page(store, flt, sort)
        assert any(index in plan for index in indexes), plan
        assert "TEMP B-TREE" not in plan, plan
