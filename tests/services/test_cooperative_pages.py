"""The whole cooperative list in Turkish title order, page by page, as the Kooperatifler page reads it."""

from __future__ import annotations

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.text import collation_key
from koopbis_desktop.services import queries
from koopbis_desktop.services.queries import PageKey
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store


def test_cooperative_pages_walk_the_snapshot_in_title_order(store: Store) -> None:
    records = list(demo_data.cooperatives("06", 40, seed=3))
    records[0]["title"] = "Çınar Konut"
    records[1]["title"] = "Cemre Konut"
    records[2]["title"] = "ılgaz Tarım"
    records[3]["title"] = "Işık Tarım"
    snapshot.upsert_records(store, records)
    expected = [r["id"] for r in sorted(records, key=lambda r: (collation_key(r["title"]), r["id"]))]
    walked: list[str] = []
    after: PageKey | None = None
    while page := queries.cooperative_page(store, limit=6, after=after):
        walked.extend(str(row["id"]) for row in page)
        after = queries.cooperative_key(page[-1])
    assert walked == expected
    first = queries.cooperative_page(store, limit=1)[0]
    by_id = {r["id"]: r for r in records}[first["id"]]
    # The keys a search hit has, so one table shows both.
    assert {k: first[k] for k in ("title", "cooperative_type", "vkn", "district", "status")} == {
        k: by_id[k] for k in ("title", "cooperative_type", "vkn", "district", "status")
    }
