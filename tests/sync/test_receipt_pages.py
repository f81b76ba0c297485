"""The receipts KOOP-BİS gave, read a keyset page at a time, newest first, on both engines."""

from __future__ import annotations

import uuid

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store.db import Store
from sync import overview


def add_receipts(store: Store, count: int) -> list[str]:
    """``count`` synced entries with receipts (stamps repeat: ties on the stamp); their uuids
    newest first, ties by uuid, as the receipts list must show them."""
    rows = []
    for n in range(count):
        synced_at = f"2015-03-{1 + n % 28:02d}T10:{n % 60:02d}:00+00:00"
        rows.append(
            (
                str(uuid.UUID(int=n + 1)),
                "ayse",
                "2015-03-01T09:00:00+00:00",
                f"R-{n:05d}",
                synced_at,
                f"2015/{n + 1:06d}",
            )
        )
    with store.atomic() as conn:
        conn.executemany(
            "INSERT INTO entries(uuid, type, state, author, payload, created_at, updated_at, search, "
            "receipt, synced_at, number) VALUES (?, 'member.admit', 'synced', ?, '{}', ?, ?, '', ?, ?, ?)",
            [(u, author, at, at, receipt, synced, number) for u, author, at, receipt, synced, number in rows],
        )
    ordered = sorted(rows, key=lambda row: (row[4], row[0]), reverse=True)
    return [row[0] for row in ordered]


def test_receipts_come_newest_first_page_by_page(store: Store, people: dict[str, Actor]) -> None:
    expected = add_receipts(store, 50)
    assert overview.count_receipts(store) == 50
    first = overview.receipt_page(store, limit=10)
    assert [row.uuid for row in first] == expected[:10]
    following = overview.receipt_page(store, limit=10, after=first[-1].page_key)
    assert [row.uuid for row in following] == expected[10:20]
    walked = [row.uuid for row in overview.walk_receipts(store, batch=7)]
    assert walked == expected
    assert [row.uuid for row in overview.load_receipts(store)] == expected
    newest = first[0]
    assert newest.type_label == "Ortaklığa giriş"
    assert newest.receipt.startswith("R-") and newest.number.startswith("2015/")


def test_no_receipts(store: Store) -> None:
    assert overview.count_receipts(store) == 0
    assert overview.receipt_page(store, limit=10) == []
    assert list(overview.walk_receipts(store, batch=3)) == []
