"""Full listings read the entries in keyset batches by (created_at, number)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.store import entries, entry_batches
from koopbis_desktop.store.db import Store, query_plan
from koopbis_desktop.store.entry_batches import NewDraft

AUTHORS = ("ayse", "mehmet", "Şule")
TYPES = ("member.admit", "merger", "member.leave")
STATES = (State.DRAFT, State.SUBMITTED, State.APPROVED, State.SYNCED)
REGISTRATION = str(uuid.UUID(int=999))


@pytest.fixture
def queued(store: Store) -> list[NewDraft]:
    """60 entries written in six batches, most of a batch in one millisecond (as a member list
    import saves them), uuids in no particular order; returned in the order they were written."""
    with store.atomic() as conn:
        conn.executemany(
            "INSERT INTO users(username, role, password_hash, created_at, password_changed_at) "
            "VALUES (?, 'clerk', 'x', '', '')",
            [(name,) for name in AUTHORS],
        )
    written: list[NewDraft] = []
    registration = NewDraft(
        REGISTRATION, "cooperative.register", None, None, None, "approved", "ayse", "{}", "{}", "[]",
        "2015-01-01T08:00:00.000+00:00", "2015-01-01T08:00:00.000+00:00", "",
    )  # fmt: skip
    for batch in range(6):
        drafts = [registration] if batch == 0 else []
        for n in range(batch * 10, batch * 10 + (9 if batch == 0 else 10)):
            # Out of uuid order on purpose: the listing keeps the order of writing, not of uuids.
            key = str(uuid.UUID(int=(n * 7919) % 1000 + 1))
            # Batch 3 was written before batch 2's time (a PC with a late clock): time first.
            minute = {2: 30, 3: 10}.get(batch, batch * 5)
            at = f"2015-03-01T09:{minute:02d}:00.{0 if n % 10 < 8 else n % 10:03d}+00:00"
            drafts.append(
                NewDraft(
                    key,
                    TYPES[n % 3],
                    "06-000001" if n % 4 == 0 else None,
                    REGISTRATION if n % 4 == 1 else None,
                    None,
                    STATES[n % 4].value,
                    AUTHORS[n % 3],
                    "{}",
                    "{}",
                    "[]",
                    at,
                    at,
                    "",
                )
            )
        with store.atomic() as conn:
            entry_batches.insert_drafts(conn, drafts)
        written.extend(drafts)
    return written


def _expected(written: list[NewDraft], keep: Any = lambda d: True) -> list[str]:
    # A stable sort by time keeps the order of writing among equal times.
    return [d.uuid for d in sorted(written, key=lambda d: d.created_at) if keep(d)]


@pytest.mark.parametrize("size", [1, 4, 9, 59, 60, 500])
def test_every_entry_once_in_the_order_they_were_written(
    store: Store, queued: list[NewDraft], size: int
) -> None:
    listed = [e.uuid for e in entries.iter_entries(store, batch=size)]
    assert listed == _expected(queued)
    assert len(set(listed)) == len(queued) == 60
    assert listed != sorted(listed)  # not the uuids' order
    assert [e.uuid for e in entries.list_entries(store)] == listed


def test_filters_over_several_batches(store: Store, queued: list[NewDraft]) -> None:
    cases: list[tuple[dict[str, Any], Any]] = [
        ({"states": [State.SUBMITTED]}, lambda d: d.state == "submitted"),
        ({"states": [State.DRAFT, State.SYNCED]}, lambda d: d.state in ("draft", "synced")),
        ({"author": "Şule"}, lambda d: d.author == "Şule"),
        ({"type_id": "merger"}, lambda d: d.type == "merger"),
        ({"cooperative": REGISTRATION}, lambda d: d.cooperative_ref == REGISTRATION),
        ({"cooperative": "06-000001"}, lambda d: d.cooperative_id == "06-000001"),
        (
            {"states": [State.SUBMITTED, State.APPROVED], "type_id": "member.admit", "author": "ayse"},
            lambda d: (
                d.state in ("submitted", "approved") and d.type == "member.admit" and d.author == "ayse"
            ),
        ),
        ({"author": "nobody"}, lambda d: False),
    ]
    for filters, keep in cases:
        expected = _expected(queued, keep)
        for size in (1, 3, 500):
            got = [e.uuid for e in entries.iter_entries(store, batch=size, **filters)]
            assert got == expected, (filters, size)
        assert [e.uuid for e in entries.list_entries(store, **filters)] == expected


def test_a_batch_is_read_when_it_is_needed(store: Store, queued: list[NewDraft]) -> None:
    listing = entries.iter_entries(store, batch=10)
    first = [next(listing) for _ in range(10)]
    assert [e.uuid for e in first] == _expected(queued)[:10]
    # Entries written after the first batch was read are found, in their place, by the next.
    later = queued[-1]._replace(uuid=str(uuid.UUID(int=5000)), created_at="2015-03-02T00:00:00.000+00:00")
    with store.atomic() as conn:
        entry_batches.insert_drafts(conn, [later])
    rest = [e.uuid for e in listing]
    assert rest == _expected([*queued, later])[10:]


@pytest.mark.sqlite_only  # SQLite's query plans; the office database has its own planner
def test_each_batch_is_a_range_of_the_created_index(store: Store, queued: list[NewDraft]) -> None:
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        assert len(list(entries.iter_entries(store, batch=25))) == 60
    finally:
        store.conn.set_trace_callback(None)
    selects = [s for s in statements if s.startswith("SELECT") and "LIMIT" in s]
    assert len(selects) == 3
    for select in selects:
        plan = query_plan(store, select)
        assert "entries_created" in plan and "TEMP B-TREE" not in plan, plan
