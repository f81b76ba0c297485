"""Entry numbers people read and type: "2015/000123", per office (one database) and year.

The number is given by a trigger inside the insert's own transaction (migration
``_m7_entry_numbers``), so it is there from the first save and unique even with several
writers. The UUID stays the idempotency key towards KOOP-BİS and appears only in technical
details.
"""

from __future__ import annotations

from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import normalise_number


def number_of(store: Store, entry_uuid: str) -> str | None:
    """The entry's number, or None for an unknown uuid."""
    row = store.query_one("SELECT number FROM entries WHERE uuid = ?", (entry_uuid,))
    return None if row is None else (str(row[0]) if row[0] else None)


def numbers_of(store: Store, uuids: list[str]) -> dict[str, str]:
    """uuid → number for the given entries (those without a number are left out)."""
    out: dict[str, str] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for uuid, number in store.query(
            f"SELECT uuid, number FROM entries WHERE uuid IN ({marks}) AND number IS NOT NULL", tuple(chunk)
        ):
            out[str(uuid)] = str(number)
    return out


def uuid_for_number(store: Store, number: str) -> str | None:
    """The uuid of the entry numbered ``number`` ("2015/123" and "2015/000123" alike)."""
    row = store.query_one("SELECT uuid FROM entries WHERE number = ?", (normalise_number(number),))
    return None if row is None else str(row[0])
