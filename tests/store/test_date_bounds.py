"""Migration 19: a list narrowed by dates walks only between the range's least and greatest sort
value, and the audit page's dates have their index (``audit_at``) and bound its walk by seq."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koopbis_desktop.store import audit, listing, migrations
from koopbis_desktop.store.db import Store, open_store, statement_plans
from koopbis_desktop.store.listing import AuditFilter, EntryFilter, PageKey

START = date(2015, 1, 1)
LATE = str(uuid.UUID(int=1_000))  # dated inside the ranges below, changed after every other entry


def _add(store: Store, rows: list[tuple[Any, ...]]) -> None:
    with store.atomic() as conn:
        conn.executemany(
            "INSERT INTO entries(uuid, type, cooperative_id, cooperative_ref, effective_date, state, author, "
            "payload, created_at, updated_at, number, search) "
            "VALUES (?, ?, NULL, NULL, ?, ?, ?, '{}', ?, ?, ?, '')",
            rows,
        )


@pytest.fixture
def dated(store: Store) -> Iterator[Store]:
    """240 entries changed on the day of their effective date (three a day, as a directorate
    records them), one without a date, and one dated 2015-02-10 but changed after all of them."""
    with store.atomic() as conn:
        conn.executemany(
            "INSERT INTO users(username, role, password_hash, created_at, password_changed_at) "
            "VALUES (?, 'clerk', 'x', '', '')",
            [("ayse",), ("cem",)],
        )
    rows: list[tuple[Any, ...]] = []
    for n in range(240):
        day = START + timedelta(days=n // 3)
        changed = f"{day.isoformat()}T{9 + n % 3:02d}:00:00.000+00:00"
        rows.append(
            (
                str(uuid.UUID(int=n + 1)),
                ("member.admit", "merger")[n % 2],
                day.isoformat(),
                ("draft", "submitted", "approved")[n % 3],
                ("ayse", "cem")[n % 2],
                changed,
                changed,
                f"2015/{n + 1:06d}",
            )
        )
    rows.append((str(uuid.UUID(int=999)), "merger", None, "draft", "ayse", "2015", "2015-02-10T12", None))
    rows.append((LATE, "merger", "2015-02-10", "submitted", "cem", "2015", "2016-05-01T08:00", "2016/000001"))
    _add(store, rows)
    yield store


def _finds(flt: EntryFilter, row: tuple[Any, ...]) -> bool:
    day = row[7] or ""
    return (
        (not flt.type_id or row[1] == flt.type_id)
        and (not flt.date_from or day >= flt.date_from)
        and (not flt.date_to or (day != "" and day <= flt.date_to))
    )


RANGES = [
    {"date_from": "2015-02-01", "date_to": "2015-02-20"},
    {"date_to": "2015-01-20"},
    {"date_from": "2015-03-01"},
    {"date_from": "2019-01-01", "date_to": "2019-12-31"},  # no entry
    {"date_from": "2015-02-01", "date_to": "2015-02-20", "type_id": "merger"},
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sort=st.sampled_from(sorted(listing.BOUNDED_BY_DATES | {"cooperative_title"})),
    descending=st.booleans(),
    size=st.integers(min_value=1, max_value=40),
    states=st.sampled_from([(), ("draft",), ("submitted", "approved")]),
    narrowed=st.sampled_from(RANGES),
    read_up_to=st.sampled_from([listing.BOUND_READ_UP_TO, 0]),
)
def test_a_list_narrowed_by_dates_is_the_same_bounded_or_walked_whole(
    dated: Store,
    monkeypatch: pytest.MonkeyPatch,
    sort: str,
    descending: bool,
    size: int,
    states: tuple[str, ...],
    narrowed: dict[str, str],
    read_up_to: int,
) -> None:
    """Bounded by the range (or, past BOUND_READ_UP_TO, walked as it is): every entry the filter
    finds, the late-changed one too, in the list's order, page after page both ways."""
    from koopbis_desktop.domain.lifecycle import State

    monkeypatch.setattr(listing, "SORT_FOUND_UP_TO", -1)  # always the walk, which the bound serves
    monkeypatch.setattr(listing, "BOUND_READ_UP_TO", read_up_to)
    flt = EntryFilter(states=tuple(State(s) for s in states), **narrowed)
    every = listing.entry_rows(
        dated, EntryFilter(states=flt.states), limit=10_000, sort=sort, descending=descending
    )
    expected = [row[0] for row in every if _finds(flt, row)]
    whole = listing.entry_rows(dated, flt, limit=10_000, sort=sort, descending=descending)
    assert [row[0] for row in whole] == expected
    walked: list[str] = []
    after: PageKey | None = None
    while True:
        page = listing.entry_rows(dated, flt, limit=size, sort=sort, descending=descending, after=after)
        walked.extend(row[0] for row in page)
        if len(page) < size:
            break
        after = PageKey(page[-1][-1], page[-1][0])
    assert walked == expected
    last = listing.entry_rows(dated, flt, limit=size, sort=sort, descending=descending, from_end=True)
    assert [row[0] for row in last] == expected[-size:]
    if last:
        before = PageKey(last[0][-1], last[0][0])
        earlier = listing.entry_rows(dated, flt, limit=size, sort=sort, descending=descending, before=before)
        assert [row[0] for row in earlier] == expected[max(0, len(expected) - 2 * size) : -size]


def _page_plan(store: Store, flt: EntryFilter, sort: str, descending: bool) -> str:
    """The plan of the page's read of its range (the last statement with an ORDER BY)."""
    plans = statement_plans(
        store, lambda: listing.entry_rows(store, flt, limit=5, sort=sort, descending=descending), ordered=True
    )
    return plans[-1]


@pytest.mark.sqlite_only  # SQLite's query plans; the office database reads as its planner chooses
def test_a_walk_towards_the_ranges_end_starts_at_its_greatest_value(
    dated: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "SORT_FOUND_UP_TO", -1)
    ranged = EntryFilter(date_from="2015-02-01", date_to="2015-02-20")
    newest = listing.entry_rows(dated, ranged, limit=2, sort="updated_at", descending=True)
    assert newest[0][0] == LATE  # changed after the range's others, still its newest
    plan = _page_plan(dated, ranged, "updated_at", True)
    assert "entries_updated (updated_at>? AND updated_at<?)" in plan, plan
    plan = _page_plan(dated, ranged, "number", True)
    assert "entries_number_key (<expr>>? AND <expr><?)" in plan, plan
    # Dates and a change type: counted in the date index, with the bound of what it finds.
    typed = EntryFilter(type_id="merger", date_from="2015-02-01", date_to="2015-02-20")
    plans = statement_plans(
        dated, lambda: listing.entry_rows(dated, typed, limit=5, sort="updated_at", descending=True)
    )
    assert "COVERING INDEX entries_effective" in plans[1] and "entries_type" not in " ".join(plans), plans
    assert "entries_updated (updated_at>? AND updated_at<?)" in plans[-1], plans
    # The effective date's own order: the range itself, no bound to read.
    plan = _page_plan(dated, ranged, "effective_date", False)
    assert "entries_effective (<expr>>? AND <expr><?)" in plan, plan
    # Newest first, a range with no end holds the newest entries: walked as it is.
    plan = _page_plan(dated, EntryFilter(date_from="2015-02-01"), "updated_at", True)
    assert "updated_at>?" not in plan and "entries_updated" in plan, plan
    # Past BOUND_READ_UP_TO entries in the range: walked as it is too.
    monkeypatch.setattr(listing, "BOUND_READ_UP_TO", 10)
    plan = _page_plan(dated, ranged, "updated_at", True)
    assert "updated_at>?" not in plan and "entries_updated" in plan, plan


# --------------------------------------------------------------------------- the audit page


@pytest.fixture
def trail(store: Store) -> Iterator[Store]:
    """180 audit rows over 90 days, two a day, in seq order; the clocks of two PCs differ, so a
    day's second row is written an hour before its first."""
    records = []
    for n in range(180):
        day = datetime(2015, 1, 1, 12, tzinfo=UTC) + timedelta(days=n // 2)
        at = day - timedelta(hours=1) if n % 2 else day
        records.append(audit.Record(("ayse", "cem", "cem")[n % 3], "create", at=at))
    with store.atomic() as conn:
        audit.append_many(conn, records)
    yield store


AUDIT_FILTERS = [
    AuditFilter(date_from="2015-02-01", date_to="2015-02-20"),
    AuditFilter(date_to="2015-01-10"),
    AuditFilter(date_from="2015-03-15"),
    AuditFilter(date_from="2019-01-01", date_to="2019-01-31"),
    AuditFilter(actor="ayse", date_from="2015-02-01", date_to="2015-02-20"),
    AuditFilter(actor="cem"),
]


def _audit_finds(flt: AuditFilter, row: tuple[Any, ...]) -> bool:
    day = str(row[1])[:10]
    return (
        (not flt.actor or row[2] == flt.actor)
        and (not flt.date_from or day >= flt.date_from)
        and (not flt.date_to or day <= flt.date_to)
    )


@pytest.mark.parametrize("read_up_to", [listing.BOUND_READ_UP_TO, 0])
@pytest.mark.parametrize("flt", AUDIT_FILTERS)
def test_audit_pages_of_a_date_range_are_the_rows_it_holds(
    trail: Store, monkeypatch: pytest.MonkeyPatch, flt: AuditFilter, read_up_to: int
) -> None:
    monkeypatch.setattr(listing, "BOUND_READ_UP_TO", read_up_to)
    every = listing.audit_page(trail, AuditFilter(), limit=10_000)
    expected = [row[0] for row in every if _audit_finds(flt, row)]
    assert [row[0] for row in listing.audit_page(trail, flt, limit=10_000)] == expected
    assert listing.count_audit(trail, flt) == len(expected)
    exported = [row[0] for batch in listing.audit_batches(trail, flt, 4) for row in batch]
    assert exported == expected[::-1]  # oldest first, as an export writes them
    walked: list[int] = []
    page = listing.audit_page(trail, flt, limit=7)
    while page:
        walked.extend(row[0] for row in page)
        assert listing.count_audit(trail, flt, newer_than=page[0][0]) == expected.index(page[0][0])
        page = listing.audit_page(trail, flt, limit=7, after_seq=page[-1][0])
    assert walked == expected
    oldest = listing.audit_page(trail, flt, limit=7, from_end=True)
    assert [row[0] for row in oldest] == expected[-7:]
    if oldest:
        newer = listing.audit_page(trail, flt, limit=7, before_seq=oldest[0][0])
        assert [row[0] for row in newer] == expected[max(0, len(expected) - 14) : -7]


@pytest.fixture
def istanbul_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This process's local time is Türkiye's (UTC+3), as the directorates' PCs keep it."""
    monkeypatch.setenv("TZ", "Europe/Istanbul")
    time.tzset()
    assert time.localtime(1_764_800_000).tm_gmtoff == 3 * 3600, "this machine has no time zone data"
    yield
    monkeypatch.undo()
    time.tzset()


def test_audit_dates_are_days_of_the_pcs_calendar(store: Store, istanbul_clock: None) -> None:
    """The page shows each row's local time; its date boxes take the same days. A row written at
    00:30 on 2 February in Türkiye (1 February, 21:30 UTC) is that day's, one at 00:30 on the 3rd
    is not."""
    moments = [
        datetime(2026, 2, 1, 20, 30, tzinfo=UTC),  # 1 February, 23:30 local
        datetime(2026, 2, 1, 21, 30, tzinfo=UTC),  # 2 February, 00:30
        datetime(2026, 2, 2, 20, 30, tzinfo=UTC),  # 2 February, 23:30
        datetime(2026, 2, 2, 21, 30, tzinfo=UTC),  # 3 February, 00:30
    ]
    with store.atomic() as conn:
        audit.append_many(conn, [audit.Record("ayse", "create", at=at) for at in moments])
    whole = listing.audit_page(store, AuditFilter(), limit=10)
    day = AuditFilter(date_from="2026-02-02", date_to="2026-02-02")
    found = listing.audit_page(store, day, limit=10)
    assert [row[1] for row in found] == [whole[1][1], whole[2][1]]
    assert listing.count_audit(store, day) == 2
    assert [row[0] for batch in listing.audit_batches(store, day, 10) for row in batch] == [
        whole[2][0],
        whole[1][0],
    ]
    since = listing.audit_page(store, AuditFilter(date_from="2026-02-03"), limit=10)
    assert [row[0] for row in since] == [whole[0][0]]


@pytest.mark.sqlite_only  # SQLite's query plans; the office database reads as its planner chooses
def test_an_audit_date_range_is_found_by_its_index(trail: Store) -> None:
    ranged = AuditFilter(date_from="2015-02-01", date_to="2015-02-20")

    page = statement_plans(trail, lambda: listing.audit_page(trail, ranged, limit=5))
    assert "COVERING INDEX audit_at" in page[0], page  # the range's least and greatest seq
    assert "PRIMARY KEY (rowid>? AND rowid<?)" in page[-1], page  # the page: a walk between them
    count = statement_plans(trail, lambda: listing.count_audit(trail, ranged))
    assert count == [next(p for p in count if "COVERING INDEX audit_at" in p)], count
    mine = statement_plans(
        trail, lambda: listing.count_audit(trail, AuditFilter(actor="ayse", date_to="2015-01-31"))
    )
    assert "audit_actor (actor=? AND seq>? AND seq<?)" in mine[-1], mine
    # An entry's rows are few: its own index finds them, dates or not.
    entry = statement_plans(
        trail, lambda: listing.audit_page(trail, AuditFilter(entry_uuid=LATE, date_to="2015-01-31"), limit=5)
    )
    assert len(entry) == 1 and "audit_entry" in entry[0], entry


@pytest.mark.sqlite_only  # the bounds are SQLite's; the office database counts in audit_at alone
def test_the_audit_pages_job_reads_a_ranges_bounds_once(trail: Store) -> None:
    """Its count, its page and the page's position all walk between the range's bounds: read once,
    as are the accounts (to find the user as written); the same figures as the three read one by one."""
    from koopbis_desktop.services import queries

    flt = AuditFilter(actor="ayse", date_from="2015-02-01", date_to="2015-03-20")
    apart = listing.count_audit(
        trail, AuditFilter(actor="ayse", date_from="2015-02-01", date_to="2015-03-20")
    )
    statements: list[str] = []
    trail.conn.set_trace_callback(statements.append)
    try:
        total, start, rows = queries.audit_view(trail, flt, limit=4)
        after = queries.audit_view(trail, flt, limit=4, after_seq=rows[-1]["seq"])
    finally:
        trail.conn.set_trace_callback(None)
    assert total == apart and start == 0 and [row["actor"] for row in rows] == ["ayse"] * 4
    assert after[:2] == (apart, 4)
    # Once a job each (before: the bounds 3 + 2 times, the accounts 3 + 3).
    assert sum("MIN(seq)" in s for s in statements) == 2, statements
    assert sum(" FROM users" in s for s in statements) == 2, statements


# --------------------------------------------------------------------------- the step


@pytest.mark.sqlite_only  # the entries' date indexes change on SQLite; PostgreSQL's step adds audit_at
def test_a_version_18_file_gets_the_bounds_in_its_date_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "surum18.sqlite"
    real = list(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", real[:18])
    monkeypatch.setattr(migrations, "LATEST", 18)
    old = open_store(db, create=True, backups_dir=tmp_path / "backups")
    monkeypatch.setattr(migrations, "MIGRATIONS", real)
    monkeypatch.setattr(migrations, "LATEST", len(real))
    with old.atomic() as conn:
        conn.execute(
            "INSERT INTO users(username, role, password_hash, created_at, password_changed_at) "
            "VALUES ('ayse', 'clerk', 'x', '', '')"
        )
        audit.append_many(conn, [audit.Record("ayse", "create", at=datetime(2015, 1, 2, tzinfo=UTC))])
    _add(
        old,
        [
            (str(uuid.UUID(int=n)), "merger", f"2015-01-0{n}", "draft", "ayse", "2015", f"2015-0{n}", None)
            for n in range(1, 8)
        ],
    )
    ranged = EntryFilter(date_from="2015-01-02", date_to="2015-01-05")
    before = [row[0] for row in listing.entry_rows(old, ranged, limit=50, sort="updated_at", descending=True)]
    assert not [row for row in old.query("PRAGMA index_list(audit)") if row[1] == "audit_at"]
    old.close()
    store = open_store(db, backups_dir=tmp_path / "backups")
    try:
        assert store.schema_version() == migrations.LATEST
        for name in migrations.DATE_INDEXES:
            held = [str(row[2]) for row in store.query(f"PRAGMA index_xinfo({name})")]
            assert {"type", "author", "effective_date", "updated_at", "number"} <= set(held), (name, held)
        assert [str(row[2]) for row in store.query("PRAGMA index_info(audit_at)")] == ["at", "seq"]
        monkeypatch.setattr(listing, "SORT_FOUND_UP_TO", -1)
        after = listing.entry_rows(store, ranged, limit=50, sort="updated_at", descending=True)
        assert [row[0] for row in after] == before == [str(uuid.UUID(int=n)) for n in (5, 4, 3, 2)]
        assert listing.count_audit(store, AuditFilter(date_from="2015-01-02", date_to="2015-01-02")) == 1
    finally:
        store.close()
