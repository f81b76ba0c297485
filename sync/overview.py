"""What the Eşitleme page shows, read from the store in one job on the DB worker.

Qt-free, so the page only lays out values: the replay plan with each entry's
status and reason, counts, the last run, the receipts KOOP-BİS gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from koopbis_desktop.domain.display import type_label
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State
from koopbis_desktop.domain.validators import format_date
from koopbis_desktop.services import settings as app_settings
from koopbis_desktop.store import entries, entry_numbers
from koopbis_desktop.store.db import Store
from sync.planner import STATUS_LABELS, ItemStatus, build_plan
from sync.scheduler import last_run


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


@dataclass(frozen=True)
class SyncOverview:
    plan: list[PlanRow]
    counts: dict[str, int]  # ready / waiting / blocked / held / in_flight
    last_run: dict[str, Any] | None
    receipts: list[ReceiptRow]
    go_live: date
    states: dict[str, int] = field(default_factory=dict)


def load_receipts(store: Store) -> list[ReceiptRow]:
    rows = entries.synced_receipts(store, newest_first=True)
    numbers = entry_numbers.numbers_of(store, [str(r[0]) for r in rows])
    return [
        ReceiptRow(r[0], r[1], type_label(r[2]), r[3] or "", r[4] or "", numbers.get(str(r[0]), ""))
        for r in rows
    ]


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
        rows, counts, last_run(store), load_receipts(store), app_settings.go_live(store), states
    )


__all__ = ["PlanRow", "ReceiptRow", "SyncOverview", "load_overview", "load_receipts"]
