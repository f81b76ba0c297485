"""Many new drafts at once, as a member list import queues them; KOOP-BİS's receipts on many
synced entries at once; and the live entries per member.

:func:`entries.insert_entry` reads every entry back after writing it; for 10,000
rows that read-back alone costs more than the rest of an import, so a batch is
written with ``executemany`` — the same rows (entry, revision 1) ``insert_entry``
writes. The caller appends the audit rows in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.engine import Connection, serialise


class NewDraft(NamedTuple):
    """One draft's ``entries`` row, in column order (revision 1)."""

    uuid: str
    type: str
    cooperative_id: str | None
    cooperative_ref: str | None
    effective_date: str | None
    state: str
    author: str
    payload: str  # JSON
    base: str  # JSON
    issues: str  # JSON
    created_at: str
    updated_at: str
    search: str


def take_member_list_turn(conn: Connection, cooperative: str | None) -> None:
    """One member list of ``cooperative`` queued at a time until this transaction ends (office
    database): two clerks importing the same list on two PCs would otherwise both pass the
    queue check before either commits (SQLite's BEGIN IMMEDIATE already takes turns)."""
    serialise(conn, f"koopbis.member_list:{cooperative}")


def insert_drafts(conn: Connection, drafts: Sequence[NewDraft]) -> None:
    """Write the drafts and their first revisions inside the caller's transaction."""
    conn.executemany(
        "INSERT INTO entries(uuid, type, cooperative_id, cooperative_ref, effective_date, state, author, "
        "revision, payload, base, issues, created_at, updated_at, search) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
        drafts,
    )
    conn.executemany(
        "INSERT INTO revisions(entry_uuid, revision, payload, base, author, created_at) VALUES (?, 1, ?, ?, ?, ?)",
        ((d.uuid, d.payload, d.base, d.author, d.created_at) for d in drafts),
    )


class Receipt(NamedTuple):
    """What a sync run leaves on an entry KOOP-BİS took: its receipt, when, the outcome."""

    uuid: str
    receipt: str | None
    synced_at: str
    outcome: str | None  # JSON


def record_receipts(conn: Connection, receipts: Sequence[Receipt]) -> None:
    """Write the receipts of entries written in bulk as synced (the benchmarks' and the tests'
    histories) inside the caller's transaction; a sync run records its own through ``move``."""
    conn.executemany(
        "UPDATE entries SET receipt = ?, synced_at = ?, outcome = ? WHERE uuid = ?",
        ((r.receipt, r.synced_at, r.outcome, r.uuid) for r in receipts),
    )


class Review(NamedTuple):
    """Where an entry written in bulk stands in review: when it was submitted, who approved it, the comment."""

    uuid: str
    submitted_at: str | None
    approver: str | None
    comment: str | None


def record_reviews(conn: Connection, reviews: Sequence[Review]) -> None:
    """Write the review fields of entries written in bulk past draft (the benchmarks' histories)
    inside the caller's transaction; the desktop's own reviews go through ``move``."""
    conn.executemany(
        "UPDATE entries SET submitted_at = ?, approver = ?, comment = ? WHERE uuid = ?",
        ((r.submitted_at, r.approver, r.comment, r.uuid) for r in reviews),
    )


# Entries that will still reach KOOP-BİS (or already did).
_LIVE_STATES = tuple(s.value for s in State if s not in (State.WITHDRAWN, State.DISCARDED))


def live_entries_by_member(store: Store, cooperative: str | None, type_id: str) -> dict[str, str]:
    """member_id → uuid of a live local entry of ``type_id`` for this cooperative (id or local ref)."""
    if not cooperative:
        return {}
    marks = ", ".join("?" for _ in _LIVE_STATES)
    rows = store.conn.execute(
        f"SELECT uuid, json_extract(payload, '$.member_id') FROM entries WHERE type = ? "
        f"AND (cooperative_id = ? OR cooperative_ref = ?) AND state IN ({marks})",
        (type_id, cooperative, cooperative, *_LIVE_STATES),
    ).fetchall()
    return {str(member): uuid for uuid, member in rows if member}
