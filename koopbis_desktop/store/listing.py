"""The read side of the desktop's long lists: filtered, sorted, paged entry and audit rows.

Text filters go through the project's folding function (``domain.text.fold``) on
the stored ``search`` column, so "isik" finds "IŞIK"; text columns sort with the
Turkish collation registered on every connection. Services turn the raw rows
into what a screen or a file shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from koopbis_desktop.domain.lifecycle import State
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
class AuditFilter:
    entry_uuid: str | None = None
    actor: str | None = None
    date_from: str | None = None  # ISO date
    date_to: str | None = None
    actions: Sequence[str] = field(default_factory=tuple)


SORTABLE = {
    "updated_at": "e.updated_at",
    "effective_date": "e.effective_date",
    "type": "e.type",
    "state": "e.state",
    "author": "e.author COLLATE TURKISH",
    "cooperative_title": "cooperative_title COLLATE TURKISH",
    "cooperative": "COALESCE(e.cooperative_id, e.cooperative_ref)",
    "number": "e.number",
}

_FROM = (
    " FROM entries e LEFT JOIN cooperatives c ON c.id = e.cooperative_id"
    " LEFT JOIN entries r ON r.uuid = e.cooperative_ref"
)


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


def count_entries(store: Store, flt: EntryFilter) -> int:
    where, params = _where(flt)
    row = store.query_one(f"SELECT COUNT(*){_FROM}{where}", params)
    return int(row[0]) if row else 0


def entry_rows(
    store: Store, flt: EntryFilter, *, offset: int, limit: int, sort: str, descending: bool
) -> list[tuple[Any, ...]]:
    """One page of list rows: uuid, type, cooperative, its title, state, author, approver,
    effective date, updated at, receipt, comment, issues (JSON), number."""
    where, params = _where(flt)
    order = SORTABLE.get(sort, SORTABLE["updated_at"])
    direction = "DESC" if descending else "ASC"
    sql = (
        "SELECT e.uuid, e.type, COALESCE(e.cooperative_id, e.cooperative_ref), "
        "COALESCE(c.title, json_extract(r.payload, '$.title'), json_extract(e.payload, '$.title'), '') "
        "AS cooperative_title, e.state, e.author, e.approver, e.effective_date, e.updated_at, e.receipt, "
        "e.comment, e.issues, e.number"
        f"{_FROM}{where} ORDER BY {order} {direction}, e.uuid {direction} LIMIT ? OFFSET ?"
    )
    return store.query(sql, [*params, limit, offset])


def entry_types(store: Store, flt: EntryFilter) -> set[str]:
    """The change types of the entries the filter finds."""
    where, params = _where(flt)
    return {str(r[0]) for r in store.query(f"SELECT DISTINCT e.type{_FROM}{where}", params)}


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
        clauses.append("at < ?")
        params.append((date.fromisoformat(flt.date_to[:10]) + timedelta(days=1)).isoformat())
    if flt.actions:
        clauses.append(f"action IN ({', '.join('?' for _ in flt.actions)})")
        params.extend(flt.actions)
    return ((" WHERE " + " AND ".join(clauses)) if clauses else ""), params


def audit_page(store: Store, flt: AuditFilter, *, offset: int, limit: int) -> list[tuple[Any, ...]]:
    """Audit rows, newest first: seq, at, actor, action, entry, from, to, comment, details (JSON)."""
    where, params = _audit_where(flt)
    return store.query(
        "SELECT seq, at, actor, action, entry_uuid, from_state, to_state, comment, details FROM audit"
        f"{where} ORDER BY seq DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def count_audit(store: Store, flt: AuditFilter) -> int:
    where, params = _audit_where(flt)
    row = store.query_one(f"SELECT COUNT(*) FROM audit{where}", params)
    return int(row[0]) if row else 0


def audit_batches(store: Store, flt: AuditFilter, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """The filtered audit trail oldest first, with each row's hashes, ``batch`` rows at a time."""
    where, params = _audit_where(flt)
    cursor = store.execute(
        "SELECT seq, at, actor, action, entry_uuid, from_state, to_state, comment, details, prev_hash, hash "
        f"FROM audit{where} ORDER BY seq",
        params,
    )
    while rows := cursor.fetchmany(batch):
        yield rows


def cooperative_ids(store: Store, limit: int) -> list[str]:
    """The first ``limit`` cooperative ids of the snapshot, in id order."""
    return [str(r[0]) for r in store.query("SELECT id FROM cooperatives ORDER BY id LIMIT ?", (limit,))]


__all__ = [
    "SORTABLE",
    "AuditFilter",
    "EntryFilter",
    "audit_batches",
    "audit_page",
    "cooperative_ids",
    "count_audit",
    "count_entries",
    "entry_rows",
    "entry_types",
]
