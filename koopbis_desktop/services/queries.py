"""Read-side queries for the desktop's lists: filtered, sorted, paged — never all rows at once.

The SQL lives in ``store.listing``; this module turns its rows into what the lists
show (labels, error and warning flags, parsed audit details).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State
from koopbis_desktop.store import entries, listing
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.listing import SORTABLE, AuditFilter, EntryFilter


@dataclass(frozen=True)
class EntryRow:
    uuid: str
    type: str
    type_label: str
    cooperative: str | None
    cooperative_title: str
    state: State
    state_label: str
    author: str
    approver: str | None
    effective_date: str | None
    updated_at: str
    receipt: str | None
    comment: str | None
    has_errors: bool
    has_warnings: bool
    number: str | None = None  # "2015/000123", what people see instead of the uuid

    @property
    def label(self) -> str:
        return self.number or self.uuid[:8]


def count_entries(store: Store, flt: EntryFilter) -> int:
    return listing.count_entries(store, flt)


def page_entries(
    store: Store,
    flt: EntryFilter,
    *,
    offset: int,
    limit: int,
    sort: str = "updated_at",
    descending: bool = True,
) -> list[EntryRow]:
    rows = listing.entry_rows(store, flt, offset=offset, limit=limit, sort=sort, descending=descending)
    out = []
    for (
        uuid,
        type_id,
        coop,
        title,
        state,
        author,
        approver,
        eff,
        updated,
        receipt,
        comment,
        issues,
        number,
    ) in rows:
        parsed = json.loads(issues or "[]")
        out.append(
            EntryRow(
                uuid=uuid,
                type=type_id,
                type_label=get_type(type_id).label,
                cooperative=coop,
                cooperative_title=title or "",
                state=State(state),
                state_label=STATE_LABELS[State(state)],
                author=author,
                approver=approver,
                effective_date=eff,
                updated_at=updated,
                receipt=receipt,
                comment=comment,
                has_errors=any(i.get("severity") == "error" for i in parsed),
                has_warnings=any(i.get("severity") == "warning" for i in parsed),
                number=number,
            )
        )
    return out


def queue_counts(store: Store) -> dict[str, int]:
    """Counts per state for the status bar, by state value."""
    return {state.value: count for state, count in entries.count_by_state(store).items()}


_AUDIT_NAMES = ("seq", "at", "actor", "action", "entry", "from_state", "to_state", "comment", "details")


def audit_page(store: Store, flt: AuditFilter, *, offset: int, limit: int) -> list[dict[str, Any]]:
    """Audit rows, newest first."""
    result = []
    for row in listing.audit_page(store, flt, offset=offset, limit=limit):
        item = dict(zip(_AUDIT_NAMES, row, strict=True))
        item["details"] = json.loads(item["details"])
        result.append(item)
    return result


def count_audit(store: Store, flt: AuditFilter) -> int:
    return listing.count_audit(store, flt)


__all__ = [
    "SORTABLE",
    "AuditFilter",
    "EntryFilter",
    "EntryRow",
    "audit_page",
    "count_audit",
    "count_entries",
    "page_entries",
    "queue_counts",
]
