"""The counts a database file keeps as it is written: its cooperatives, its entries per state.

Migration 20's triggers keep them in ``row_counts`` on SQLite, in the same transaction as the
rows they count, so a count read here is the one ``COUNT(*)`` would give in the same read. The
status bar (after every save) and the Kooperatifler list (at every start) then read a table of a
few rows instead of an index of every row. PostgreSQL keeps none (see that migration's note):
these functions answer None there, and the callers count the rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from koopbis_desktop.store.engine import Engine
from koopbis_desktop.store.migrations import COOPERATIVES_COUNTED, ENTRIES_IN


def entries_by_state(store: Engine) -> dict[str, int] | None:
    """The entries in each state (states with none left out), or None where they are not kept."""
    if not store.dialect.stored_counts:
        return None
    found = {}
    for counted, n in store.query("SELECT counted, n FROM row_counts"):
        if str(counted).startswith(ENTRIES_IN) and n:
            found[str(counted)[len(ENTRIES_IN) :]] = int(n)
    return found


def entries_in(store: Engine, states: Iterable[str]) -> int | None:
    """The entries in any of ``states`` (every entry when ``states`` is empty), or None where not kept."""
    by_state = entries_by_state(store)
    if by_state is None:
        return None
    wanted = set(states)
    return sum(n for state, n in by_state.items() if not wanted or state in wanted)


def cooperatives(store: Engine) -> int | None:
    """The cooperatives of the file's snapshot, or None where the count is not kept."""
    if not store.dialect.stored_counts:
        return None
    row = store.query_one("SELECT n FROM row_counts WHERE counted = ?", (COOPERATIVES_COUNTED,))
    return int(row[0]) if row else 0


__all__ = ["cooperatives", "entries_by_state", "entries_in"]
