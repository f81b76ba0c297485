"""Read-side queries for the desktop's lists: filtered, sorted, paged — never all rows at once.

The SQL lives in ``store.listing``; this module turns its rows into what the lists
show (labels, error and warning flags, parsed audit details).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from koopbis_desktop.domain.lifecycle import STATE_LABELS, Action, State
from koopbis_desktop.domain.text import collation_key, fold
from koopbis_desktop.store import audit, entries, listing
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.listing import SORTABLE, AuditFilter, EntryFilter, PageKey


class EntryRow(NamedTuple):
    """One row of a queue page: what the list shows of an entry. A named tuple, made positionally
    from the page's rows: a frozen dataclass took 2.1 µs a row to make (its fields set one by one
    through ``object.__setattr__``), a named tuple 0.5 — of a 200-row page's 1.1 ms that was half."""

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
    # The revision the list read: what a supervisor approving the selected rows has seen of
    # each (``review.approve_many`` refuses an entry holding a newer one).
    revision: int
    number: str | None = None  # "2015/000123", what people see instead of the uuid
    sort_value: Any = None  # the row's value in the list's sort, for the next page's key

    @property
    def label(self) -> str:
        return self.number or self.uuid[:8]

    @property
    def page_key(self) -> PageKey:
        """The key of the page that starts after (or ends before) this row."""
        return PageKey(self.sort_value, self.uuid)


def count_entries(store: Store, flt: EntryFilter) -> int:
    return listing.count_entries(store, flt)


def quick_count(store: Store, flt: EntryFilter) -> int | None:
    """The count, or None when it would compare a text with many entries (``listing.quick_count``)."""
    return listing.quick_count(store, flt)


def first_page(
    store: Store, flt: EntryFilter, *, limit: int, sort: str = "updated_at", descending: bool = True
) -> tuple[int | None, list[EntryRow]]:
    """A list's first job: its first page and its count — read with the page when the text box's
    words find the entries (``listing.first_entry_rows``: counted as the page reads them, however
    many), else when that is quick (:func:`quick_count`); None otherwise, and the list counts after
    its rows show. The words are counted once for both."""
    with listing.reading_once():
        total, rows = listing.first_entry_rows(
            store, flt, limit=limit, sort=sort, descending=descending, order=label_order(sort)
        )
        return total, _entry_page(rows)


def label_order(sort: str) -> tuple[str, ...]:
    """For a list sorted by change type or state (``listing.BY_LABEL``): the codes in the Turkish
    alphabetical order of the labels the list shows, in the language shown; else nothing."""
    if sort == "type":
        from koopbis_desktop.domain.changetypes import all_types

        return tuple(t.id for t in sorted(all_types(), key=lambda t: collation_key(t.label)))
    if sort == "state":
        return tuple(s.value for s in sorted(State, key=lambda s: collation_key(STATE_LABELS[s])))
    return ()


def page_entries(
    store: Store,
    flt: EntryFilter,
    *,
    limit: int,
    offset: int = 0,
    sort: str = "updated_at",
    descending: bool = True,
    after: PageKey | None = None,
    before: PageKey | None = None,
    from_end: bool = False,
) -> list[EntryRow]:
    """A page of the list: after a row's key, before it, or the last one (``store.listing``)."""
    rows = listing.entry_rows(
        store,
        flt,
        offset=offset,
        limit=limit,
        sort=sort,
        descending=descending,
        after=after,
        before=before,
        from_end=from_end,
        order=label_order(sort),
    )
    return _entry_page(rows)


def _entry_page(rows: list[tuple[Any, ...]]) -> list[EntryRow]:
    """``listing.entry_rows``' rows as the list shows them."""
    # The change types' schemas load with the first page of entries, not with the module:
    # the status bar's counts (this module too) are read at every start, pages of entries
    # only where a list of them shows.
    from koopbis_desktop.domain.changetypes import get_type

    # A page holds a handful of types and states: their labels are looked up once per page,
    # and only rows with issues have JSON worth parsing (the page must cost what its SQL does).
    type_labels: dict[str, str] = {}
    states: dict[str, tuple[State, str]] = {}
    out = []
    for (
        uuid,
        type_id,
        coop,
        title,
        state_value,
        author,
        approver,
        eff,
        updated,
        receipt,
        comment,
        issues,
        number,
        revision,
        sort_value,
    ) in rows:
        type_label = type_labels.get(type_id)
        if type_label is None:
            type_label = type_labels[type_id] = get_type(type_id).label
        known = states.get(state_value)
        if known is None:
            state = State(state_value)
            known = states[state_value] = (state, STATE_LABELS[state])
        errors = warnings = False
        if issues and issues != "[]":
            severities = {issue.get("severity") for issue in json.loads(issues)}
            errors, warnings = "error" in severities, "warning" in severities
        out.append(
            EntryRow(
                uuid,
                type_id,
                type_label,
                coop,
                title or "",
                known[0],
                known[1],
                author,
                approver,
                eff,
                updated,
                receipt,
                comment,
                errors,
                warnings,
                int(revision),
                number,
                sort_value,
            )
        )
    return out


def queue_counts(store: Store) -> dict[str, int]:
    """Counts per state for the status bar, by state value."""
    return {state.value: count for state, count in entries.count_by_state(store).items()}


@dataclass(frozen=True)
class ReturnNotice:
    """One of the clerk's entries given back to them: by a supervisor, or refused by KOOP-BİS."""

    entry_uuid: str
    label: str  # the entry's number ("2015/000123"), what people see
    actor: str  # who returned it, as people are named ("Mehmet Şef (sef)"; "KOOP-BİS" for a refusal)
    comment: str


# The moves that give an entry back to its clerk with a note to act on.
_RETURNS = (Action.RETURN.value, Action.REFUSE.value, Action.RETURN_REJECTED.value)


def returns_since(store: Store, author: str, after_seq: int | None) -> tuple[int, list[ReturnNotice]]:
    """The audit's newest seq and ``author``'s entries returned after ``after_seq`` (None: just the
    seq, where a session starts counting)."""
    newest, _hash = audit.head(store)
    if after_seq is None or newest <= after_seq:
        return newest, []
    rows = audit.returns_to(store, author, after_seq, _RETURNS)
    notices = [
        ReturnNotice(
            uuid, number or uuid[:8], f"{full} ({actor})" if full and full != actor else actor, comment or ""
        )
        for _seq, uuid, number, actor, full, comment in rows
    ]
    return max([newest, *(r[0] for r in rows)]), notices


_AUDIT_NAMES = ("seq", "at", "actor", "action", "entry", "from_state", "to_state", "comment", "details")


def as_account(store: Store, flt: AuditFilter) -> AuditFilter:
    """The filter's user name as the account writes it: "Ayse", "AYŞE" or " ayse " find ayse's
    rows (names that fold alike are refused as new accounts, so one account answers at most).
    A name no account has (an unknown name's sign-in tries) is looked for as typed."""
    if not flt.actor:
        return flt
    # Here, not at the top: the accounts' module brings argon2, which a start does not load.
    from koopbis_desktop.store import users

    wanted = fold(flt.actor)
    for user in users.list_users(store):
        if fold(user.username) == wanted:
            return replace(flt, actor=user.username)
    return flt


def audit_page(
    store: Store,
    flt: AuditFilter,
    *,
    limit: int,
    offset: int = 0,
    after_seq: int | None = None,
    before_seq: int | None = None,
    from_end: bool = False,
) -> list[dict[str, Any]]:
    """Audit rows, newest first: older than ``after_seq``, newer than ``before_seq`` or the oldest."""
    return _audit_rows(
        listing.audit_page(
            store,
            as_account(store, flt),
            limit=limit,
            offset=offset,
            after_seq=after_seq,
            before_seq=before_seq,
            from_end=from_end,
        )
    )


def _audit_rows(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    result = []
    for row in rows:
        item = dict(zip(_AUDIT_NAMES, row, strict=True))
        item["details"] = json.loads(item["details"])
        result.append(item)
    return result


def count_audit(store: Store, flt: AuditFilter, *, newer_than: int | None = None) -> int:
    return listing.count_audit(store, as_account(store, flt), newer_than=newer_than)


def audit_view(
    store: Store,
    flt: AuditFilter,
    *,
    limit: int,
    after_seq: int | None = None,
    before_seq: int | None = None,
) -> tuple[int, int, list[dict[str, Any]]]:
    """The audit page's job: how many rows the filter finds, where its page starts among them
    (the rows newer than it), and the page — the newest, or the one older than ``after_seq`` /
    newer than ``before_seq``, the newest again if that row's page went. The user's name is
    resolved, and a date range's bounds read, once for all of them."""
    flt = as_account(store, flt)
    with listing.reading_once():
        total = listing.count_audit(store, flt)
        rows = _audit_rows(
            listing.audit_page(store, flt, limit=limit, after_seq=after_seq, before_seq=before_seq)
        )
        if not rows and (after_seq is not None or before_seq is not None):
            rows = _audit_rows(listing.audit_page(store, flt, limit=limit))  # the anchor went: start again
        start = listing.count_audit(store, flt, newer_than=rows[0]["seq"]) if rows else 0
    return total, start, rows


_COOPERATIVE_NAMES = (
    "id",
    "title",
    "province_code",
    "district",
    "status",
    "cooperative_type",
    "vkn",
    "title_key",
)


def cooperative_page(store: Store, *, limit: int, after: PageKey | None = None) -> list[dict[str, Any]]:
    """Snapshot cooperatives in Turkish title order, ``limit`` after the one with key ``after``:
    the keys a search hit has (``store.snapshot.search``) and ``title_key``."""
    return [
        dict(zip(_COOPERATIVE_NAMES, row, strict=True))
        for row in listing.cooperative_page(store, limit=limit, after=after)
    ]


def cooperative_key(row: dict[str, Any]) -> PageKey:
    """The key of the page of cooperatives that follows ``row`` (from :func:`cooperative_page`)."""
    return PageKey(row["title_key"], str(row["id"]))


__all__ = [
    "SORTABLE",
    "AuditFilter",
    "EntryFilter",
    "EntryRow",
    "PageKey",
    "audit_page",
    "audit_view",
    "cooperative_key",
    "cooperative_page",
    "count_audit",
    "count_entries",
    "first_page",
    "page_entries",
    "queue_counts",
    "quick_count",
]
