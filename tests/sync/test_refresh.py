"""Snapshot refresh: changed cooperatives come in, entries and their base stay as the clerk saw them."""

from __future__ import annotations

from pathlib import Path

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.db import Store
from sync.refresh import last_refresh, refresh_snapshot
from tests.sync.conftest import LiveServer, approved_update, client_for, records, running, seed_snapshot


def test_refresh_fetches_changes_since_last_time_without_touching_entries(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    entry = approved_update(
        store, people, recs[0]["id"], title="Yerelde Yazılan Unvan Konut Yapı Kooperatifi"
    )
    client = client_for(server)
    first = refresh_snapshot(store, client)
    assert first.ok and first.updated == 20 and first.since is None
    mark = last_refresh(store)
    assert mark is not None
    server.admin().patch(
        f"/api/v1/admin/cooperatives/{recs[0]['id']}",
        json={"title": "Merkezde Değişen Unvan Konut Yapı Kooperatifi"},
    )
    second = refresh_snapshot(store, client)
    assert second.ok and second.since == mark and second.updated == 1
    got = snapshot.get_record(store, recs[0]["id"])
    assert got is not None and got["title"] == "Merkezde Değişen Unvan Konut Yapı Kooperatifi"
    again = entries.get_entry(store, entry.uuid)
    assert again.base == entry.base == {"title": recs[0]["title"]}
    assert again.payload == entry.payload


def test_refresh_offline_keeps_the_mark(store: Store, server: LiveServer) -> None:
    seed_snapshot(store, 2)
    server.admin().post("/api/v1/admin/maintenance", json={"until": "2999-01-01T00:00:00Z"})
    report = refresh_snapshot(store, client_for(server))
    assert not report.ok and "bakım" in report.message
    assert last_refresh(store) is None


def test_one_poison_record_is_skipped_named_and_the_rest_goes_in(store: Store, tmp_path: Path) -> None:
    recs = records(5)
    recs[1]["members"][0]["shares"] = 10**400
    recs[3]["title"] = {"a": [1, 2]}
    with running(tmp_path, seed_records=recs) as live:
        report = refresh_snapshot(store, client_for(live))
    assert report.ok and report.updated == 3
    assert {ident for ident, _why in report.skipped} == {recs[1]["id"], recs[3]["id"]}
    assert recs[1]["id"] in report.message and recs[3]["id"] in report.message
    assert snapshot.count_cooperatives(store) == 3
    assert snapshot.get_record(store, recs[1]["id"]) is None
    assert last_refresh(store) is not None
