"""What the Eşitleme page shows, read from the store in one job on the DB worker.

Qt-free, so the page only lays out values: the replay plan with each entry's
status and reason, counts, the last run; and the receipts KOOP-BİS gave, a keyset
page at a time (up to 100,000 synced entries: the page never reads them all).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from koopbis_desktop.domain.display import type_label
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State
from koopbis_desktop.domain.validators import format_date
from koopbis_desktop.services import settings as app_settings
from koopbis_desktop.store import entries, listing
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.listing import PageKey
from koopbis_desktop.store.sync_state import last_run
from sync.planner import STATUS_LABELS, ItemStatus, build_plan
from sync.runs import run_in_progress


@dataclass(frozen=True)
class PlanRow:
    uuid: str
    status: str  # ItemStatus value, or "in_flight"
    status_label: str
    type_label: str
    cooperative: str
    effective_date: str
    reason: str
    number: str = ""  # "2015/000123": the entry as people know it


@dataclass(frozen=True)
class ReceiptRow:
    uuid: str
    receipt: str
    type_label: str
    cooperative: str
    synced_at: str
    number: str = ""

    @property
    def page_key(self) -> PageKey:
        """The key of the receipts page that follows this row (newest first)."""
        return PageKey(self.synced_at, self.uuid)


@dataclass(frozen=True)
class SyncOverview:
    plan: list[PlanRow]
    counts: dict[str, int]  # ready / waiting / blocked / held / in_flight
    last_run: dict[str, Any] | None
    go_live: date
    states: dict[str, int] = field(default_factory=dict)
    # The sync running now (this PC's, another PC's or a scheduled one), by its lock row.
    in_progress: dict[str, Any] | None = None


def receipt_page(store: Store, *, limit: int, after: PageKey | None = None) -> list[ReceiptRow]:
    """Receipts newest first: the first ``limit``, or the ``limit`` after the row with key ``after``."""
    labels: dict[str, str] = {}
    out = []
    for uuid, receipt, type_id, cooperative, synced_at, number in listing.receipt_page(
        store, limit=limit, after=after
    ):
        label = labels.get(type_id)
        if label is None:
            label = labels[type_id] = type_label(type_id)
        out.append(
            ReceiptRow(str(uuid), str(receipt), label, cooperative or "", synced_at or "", number or "")
        )
    return out


def count_receipts(store: Store) -> int:
    return listing.count_receipts(store)


def walk_receipts(store: Store, batch: int = 1000) -> Iterator[ReceiptRow]:
    """Every receipt newest first, read ``batch`` at a time by key (for the CSV export)."""
    after: PageKey | None = None
    while page := receipt_page(store, limit=batch, after=after):
        yield from page
        if len(page) < batch:
            return
        after = page[-1].page_key


def load_receipts(store: Store) -> list[ReceiptRow]:
    """Every receipt newest first (small lists and tests; the page reads them by key)."""
    return list(walk_receipts(store))


def load_overview(store: Store) -> SyncOverview:
    """Everything the page shows, read in one job on the DB worker."""
    plan = build_plan(store)
    rows: list[PlanRow] = []
    counts = {s.value: 0 for s in ItemStatus}
    counts["in_flight"] = 0
    for item in plan.items():
        entry = item.entry
        in_flight = entry.state == State.SENDING
        key = "in_flight" if in_flight else item.status.value
        counts[key] += 1
        label = STATE_LABELS[State.SENDING] if in_flight else STATUS_LABELS[item.status]
        rows.append(
            PlanRow(
                uuid=entry.uuid,
                status=key,
                status_label=label,
                type_label=type_label(entry.type),
                cooperative=item.cooperative_id or item.group,
                effective_date=format_date(entry.effective_date) if entry.effective_date else "",
                reason=item.reason or "",
                number=entry.number or "",
            )
        )
    states = {state.value: count for state, count in entries.count_by_state(store).items()}
    return SyncOverview(
        rows, counts, last_run(store), app_settings.go_live(store), states, run_in_progress(store)
    )


__all__ = [
    "PlanRow",
    "ReceiptRow",
    "SyncOverview",
    "count_receipts",
    "load_overview",
    "load_receipts",
    "receipt_page",
    "walk_receipts",
]
