"""Read-side queries for the desktop's lists: filtered, sorted, paged — never all rows at once.

Text filters go through the project's folding function (``domain.text.fold``) on
the stored ``search`` column, so "isik" finds "IŞIK"; text columns sort with the
Turkish collation registered on every connection.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State
from koopbis_desktop.domain.text import fold
from koopbis_desktop.store.db import Store


@dataclass(frozen=True)
class EntryFilter:
    states: tuple[State, ...] = ()
    type_id: str | None = None
    author: str | None = None
    cooperative: str | None = None
    text: str = ""
    date_from: str | None = None  # ISO, on effective date
    date_to: str | None = None


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


SORTABLE = {
    "updated_at": "e.updated_at",
    "effective_date": "e.effective_date",
    "type": "e.type",
    "state": "e.state",
    "author": "e.author COLLATE TURKISH",
    "cooperative_title": "cooperative_title COLLATE TURKISH",
    "cooperative": "COALESCE(e.cooperative_id, e.cooperative_ref)",
}


def _where(flt: EntryFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.states:
        clauses.append(f"e.state IN ({', '.join('?' for _ in flt.states)})")
        params.extend(s.value for s in flt.states)
    if flt.type_id:
        clauses.append("e.type = ?")
        params.append(flt.type_id)
    if flt.author:
        clauses.append("e.author = ?")
        params.append(flt.author)
    if flt.cooperative:
        clauses.append("(e.cooperative_id = ? OR e.cooperative_ref = ?)")
        params.extend([flt.cooperative, flt.cooperative])
    if flt.date_from:
        clauses.append("e.effective_date >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("e.effective_date <= ?")
        params.append(flt.date_to)
    for word in fold(flt.text).split():
        clauses.append("(e.search LIKE ? ESCAPE '\\' OR c.search LIKE ? ESCAPE '\\')")
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params.extend([pattern, pattern])
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_FROM = (
    " FROM entries e LEFT JOIN cooperatives c ON c.id = e.cooperative_id"
    " LEFT JOIN entries r ON r.uuid = e.cooperative_ref"
)


def count_entries(store: Store, flt: EntryFilter) -> int:
    where, params = _where(flt)
    return int(store.conn.execute(f"SELECT COUNT(*){_FROM}{where}", params).fetchone()[0])


def page_entries(
    store: Store,
    flt: EntryFilter,
    *,
    offset: int,
    limit: int,
    sort: str = "updated_at",
    descending: bool = True,
) -> list[EntryRow]:
    where, params = _where(flt)
    order = SORTABLE.get(sort, SORTABLE["updated_at"])
    direction = "DESC" if descending else "ASC"
    sql = (
        "SELECT e.uuid, e.type, COALESCE(e.cooperative_id, e.cooperative_ref), "
        "COALESCE(c.title, json_extract(r.payload, '$.title'), json_extract(e.payload, '$.title'), '') "
        "AS cooperative_title, e.state, e.author, e.approver, e.effective_date, e.updated_at, e.receipt, "
        "e.comment, e.issues"
        f"{_FROM}{where} ORDER BY {order} {direction}, e.uuid {direction} LIMIT ? OFFSET ?"
    )
    rows = store.conn.execute(sql, [*params, limit, offset]).fetchall()
    out = []
    for uuid, type_id, coop, title, state, author, approver, eff, updated, receipt, comment, issues in rows:
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
            )
        )
    return out


def queue_counts(store: Store) -> dict[str, int]:
    """Counts per state for the status bar, by state value."""
    rows = store.conn.execute("SELECT state, COUNT(*) FROM entries GROUP BY state").fetchall()
    return {str(r[0]): int(r[1]) for r in rows}


@dataclass(frozen=True)
class AuditFilter:
    entry_uuid: str | None = None
    actor: str | None = None
    date_from: str | None = None  # ISO date
    date_to: str | None = None
    actions: Sequence[str] = field(default_factory=tuple)


def _audit_where(flt: AuditFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.entry_uuid:
        clauses.append("entry_uuid = ?")
        params.append(flt.entry_uuid)
    if flt.actor:
        clauses.append("actor = ?")
        params.append(flt.actor)
    if flt.date_from:
        clauses.append("at >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("at < date(?, '+1 day')")
        params.append(flt.date_to)
    if flt.actions:
        clauses.append(f"action IN ({', '.join('?' for _ in flt.actions)})")
        params.extend(flt.actions)
    return ((" WHERE " + " AND ".join(clauses)) if clauses else ""), params


def audit_page(store: Store, flt: AuditFilter, *, offset: int, limit: int) -> list[dict[str, Any]]:
    """Audit rows, newest first."""
    where, params = _audit_where(flt)
    rows = store.conn.execute(
        "SELECT seq, at, actor, action, entry_uuid, from_state, to_state, comment, details FROM audit"
        f"{where} ORDER BY seq DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    names = ("seq", "at", "actor", "action", "entry", "from_state", "to_state", "comment", "details")
    result = []
    for row in rows:
        item = dict(zip(names, row, strict=True))
        item["details"] = json.loads(item["details"])
        result.append(item)
    return result


def count_audit(store: Store, flt: AuditFilter) -> int:
    where, params = _audit_where(flt)
    return int(store.conn.execute(f"SELECT COUNT(*) FROM audit{where}", params).fetchone()[0])
