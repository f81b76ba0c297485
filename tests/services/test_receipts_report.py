"""The receipts report reads its rows in keyset batches and prints what the per-entry path printed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import pytest

from koopbis_desktop.domain.display import EMPTY, format_stamp, type_label
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import reports
from koopbis_desktop.services.reports import Table
from koopbis_desktop.store import entries, entry_batches, listing
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store, query_plan
from koopbis_desktop.store.entry_batches import NewDraft, Receipt

REGISTRATION = str(uuid.UUID(int=900))
REGISTERS = "cooperative.register"
SINCE = date(2015, 3, 2)


@pytest.fixture
def synced(store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]) -> list[str]:
    """Synced entries with receipts in every shape the report names a cooperative by, with
    ties on the transfer time, a hand-typed receipt, and entries the report leaves out."""
    ids = [str(c["id"]) for c in cooperatives]
    rows: list[tuple[Any, ...]] = [
        (REGISTRATION, REGISTERS, None, None, "synced", '{"title": "Çınar Yeni Konut"}', None),
    ]
    for n in range(23):
        kind = n % 6
        coop_id = {0: ids[n % len(ids)], 1: "06-999999", 2: ids[0]}.get(kind)
        ref = REGISTRATION if kind == 3 else None  # kind 4: no cooperative at all
        type_id = REGISTERS if kind == 5 else ("member.admit", "merger")[n % 2]
        payload = {"title": f"Yeni {n}"} if kind == 5 else {"member_id": str(n)}
        outcome = {"manual": True, "by": "sef"} if n % 4 == 0 else ({"status": "applied"} if n % 3 else None)
        rows.append(
            (str(uuid.UUID(int=n + 1)), type_id, coop_id, ref, "synced", json.dumps(payload), outcome)
        )
    rows.append((str(uuid.UUID(int=500)), "merger", ids[1], None, "approved", "{}", None))
    drafts = [
        NewDraft(uuid_, type_id, coop, ref, None, state, "ayse", payload, "{}", "[]", "2015", "2015", "")
        for uuid_, type_id, coop, ref, state, payload, _outcome in rows
    ]
    receipts = []
    for n, row in enumerate(rows):
        if row[4] != "synced":
            continue
        # Three entries a day, the first day's before SINCE: ties the uuid breaks.
        at = stamp(datetime(2015, 3, 1 + n // 7, 9 + n % 7 // 3))
        receipt = None if n == 7 else f"KB-{n:04d}"  # one synced without a receipt is left out
        receipts.append(Receipt(row[0], receipt, at, json.dumps(row[6]) if row[6] is not None else None))
    with store.atomic() as conn:
        entry_batches.insert_drafts(conn, drafts)
        entry_batches.record_receipts(conn, receipts)
    return [str(r[0]) for r in rows]


def per_entry_rows(store: Store, since: date | None = None) -> list[tuple[str, ...]]:
    """The rows as the report built them before: every synced entry read on its own, filtered
    in Python, in (synced at, uuid) order."""
    found = sorted(
        (e for e in entries.iter_entries(store) if e.state == State.SYNCED and e.receipt is not None),
        key=lambda e: (e.synced_at or "", e.uuid),
    )
    if since is not None:
        start = stamp(datetime.combine(since, datetime.min.time()))
        found = [e for e in found if (e.synced_at or "") >= start]
    out: list[tuple[str, ...]] = []
    for i, e in enumerate(found, 1):
        manual = isinstance(e.outcome, Mapping) and bool(e.outcome.get("manual"))
        out.append(
            (
                str(i),
                f"{e.label}\n{e.uuid}" if e.number else e.uuid,
                type_label(e.type),
                reports.cooperative_text(store, e),
                e.receipt or EMPTY,
                format_stamp(e.synced_at),
                "Elle" if manual else "Otomatik",
            )
        )
    return out


def _table(report: reports.Report) -> Table:
    table = report.sections[0]
    assert isinstance(table, Table)
    return table


def test_a_report_over_many_batches_lists_every_receipt_once_in_order(
    store: Store, synced: list[str]
) -> None:
    expected = per_entry_rows(store)
    assert len(expected) == 23  # the registration and 22 of the 23 others; not the approved one
    cooperatives = {row[3] for row in expected}
    assert any(c.startswith("06-999999") and "—" not in c for c in cooperatives)  # not in the snapshot
    assert any(c.startswith("Yerel kuruluş ") and "Çınar Yeni Konut" in c for c in cooperatives)
    assert EMPTY in cooperatives
    assert "Yeni kuruluş: Çınar Yeni Konut" in cooperatives
    assert {row[6] for row in expected} == {"Elle", "Otomatik"}
    for size in (3, 7, 23, 500):
        report = reports.receipts_report(store, "06", batch=size)
        assert list(_table(report).rows) == expected, size
        assert report.entry_ids == [row[1].rsplit("\n", 1)[-1] for row in expected]
        assert len(set(report.entry_ids)) == len(report.entry_ids)
        assert "Toplam 23 kayıt aktarıldı." in report.text()


def test_since_is_a_condition_of_the_query(store: Store, synced: list[str]) -> None:
    expected = per_entry_rows(store, SINCE)
    assert 0 < len(expected) < len(per_entry_rows(store))
    report = reports.receipts_report(store, "06", since=SINCE, batch=4)
    assert list(_table(report).rows) == expected
    # The store hands back only the rows from that day on, batch after batch.
    start = stamp(datetime.combine(SINCE, datetime.min.time()))
    read: list[str] = []
    for batch in listing.keyset_batches(
        lambda after: listing.receipt_report_rows(store, limit=4, after=after, since=start),
        lambda row: listing.PageKey(row[-1], row[0]),
        4,
    ):
        assert 0 < len(batch) <= 4
        assert all(row[6] >= start for row in batch)
        read.extend(row[0] for row in batch)
    assert read == report.entry_ids


def test_an_empty_report(store: Store) -> None:
    report = reports.receipts_report(store, "06", batch=2)
    assert list(_table(report).rows) == [] and report.entry_ids == []
    assert "Henüz KOOP-BİS'e aktarılan kayıt yok." in report.text()


@pytest.mark.sqlite_only  # SQLite's query plan; the office database has its own planner
def test_a_batch_is_a_range_of_the_receipts_index(store: Store, synced: list[str]) -> None:
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        reports.receipts_report(store, "06", since=SINCE, batch=5)
    finally:
        store.conn.set_trace_callback(None)
    batches = [s for s in statements if "LIMIT" in s and "receipt IS NOT NULL" in s]
    assert len(batches) == 4  # 16 rows from SINCE on: three full batches and a short one
    for select in batches:
        plan = query_plan(store, select)
        assert "entries_receipts" in plan and "TEMP B-TREE" not in plan, plan
