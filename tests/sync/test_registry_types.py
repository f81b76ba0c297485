"""The four new change types end to end: review before → after, export, printout, sync, conflict.

capital.change, status.dormant, status.resume and dissolution.record go through the
same capture → approve → sync path as every other type, against the live training
server; a head-office edit of the field a type touches makes a conflict.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import exports, reports
from koopbis_desktop.services.entry_changes import CHANGES, entry_changes
from koopbis_desktop.services.queries import EntryFilter
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.db import Store
from tests.sync.conftest import (
    LiveServer,
    applied_by_key,
    approved,
    day,
    head_office,
    seed_snapshot,
    sync_now,
)

DATA: dict[str, dict[str, Any]] = {
    "capital.change": {
        "effective_date": day(1),
        "decision_no": "2015/11",
        "share_value": "2.500,00",
        "subscription_effect": "yeniden_hesapla",
    },
    "status.dormant": {
        "effective_date": day(1),
        "reason": "faaliyet_durdu",
        "evidence": "Yerinde inceleme tutanağı 2015/3",
    },
    "status.resume": {"effective_date": day(1), "evidence": "Genel kurul tutanağı 02.03.2015"},
    "dissolution.record": {"effective_date": day(1), "cause": "genel_kurul", "decision_no": "2015/12"},
}
# What the server's record holds afterwards, and a head-office edit of the same field.
AFTER = {
    "capital.change": ("share_value", "2500.00"),
    "status.dormant": ("status", "dormant"),
    "status.resume": ("status", "active"),
    "dissolution.record": ("status", "dissolving"),
}
HEAD_OFFICE = {
    "capital.change": {"share_value": "1750.00"},
    "status.dormant": {"status": "in_liquidation"},
    "status.resume": {"status": "in_liquidation"},
    "dissolution.record": {"status": "in_liquidation"},
}


@pytest.fixture
def coop(store: Store, server: LiveServer) -> str:
    """An active cooperative, the same in the local snapshot and on the server."""
    recs = seed_snapshot(store, 20)
    return str(next(r for r in recs if r["status"] == "active" and r["members"])["id"])


def make_dormant(store: Store, server: LiveServer, coop: str) -> None:
    head_office(server, coop, status="dormant")
    record = snapshot.get_record(store, coop)
    assert record is not None
    record["status"] = "dormant"
    snapshot.upsert_records(store, [record])


@pytest.mark.parametrize("type_id", list(DATA))
def test_reviewed_exported_printed_and_applied_on_the_training_server(
    type_id: str,
    store: Store,
    server: LiveServer,
    people: dict[str, Actor],
    coop: str,
    tmp_path: Path,
) -> None:
    if type_id == "status.resume":
        make_dormant(store, server, coop)
    ctype = get_type(type_id)
    entry = approved(store, people["ayse"], people["sef"], type_id, coop, DATA[type_id])

    changes = entry_changes(entry, "06")
    assert any(c.kind == CHANGES for c in changes), changes
    key, value = AFTER[type_id]
    if key == "status":
        (status,) = [c for c in changes if c.what == "Durum"]
        assert (
            status.after
            == {"dormant": "Faaliyetsiz", "active": "Faal", "dissolving": "Dağılmış (tasfiyeye girecek)"}[
                value
            ]
        )

    target = tmp_path / "kayitlar.csv"
    exports.export_entries(store, EntryFilter(type_id=type_id), target)
    exported = target.read_text(encoding="utf-8-sig")
    assert entry.uuid in exported
    assert all(f.label in exported for f in ctype.fields if f.name in DATA[type_id])

    slip = reports.entry_slip(store, entry.uuid, "06").text()
    assert ctype.label in slip and "T.C. GÜMRÜK VE TİCARET BAKANLIĞI / Ankara" in slip
    assert all(f.label in slip for f in ctype.fields if f.name in DATA[type_id])

    sync_now(store, server)
    synced = entries.get_entry(store, entry.uuid)
    assert synced.state == State.SYNCED, synced.outcome
    assert entry.uuid in applied_by_key(server)
    record = server.client().record(coop)
    assert record[key] == value


@pytest.mark.parametrize("type_id", list(DATA))
def test_head_office_edit_of_the_touched_field_is_a_conflict(
    type_id: str, store: Store, server: LiveServer, people: dict[str, Actor], coop: str
) -> None:
    if type_id == "status.resume":
        make_dormant(store, server, coop)
    entry = approved(store, people["ayse"], people["sef"], type_id, coop, DATA[type_id])
    assert set(entry.base) == {AFTER[type_id][0]}
    head_office(server, coop, **HEAD_OFFICE[type_id])
    sync_now(store, server)
    assert entries.get_entry(store, entry.uuid).state == State.CONFLICT
    assert entry.uuid not in applied_by_key(server)


def test_a_change_to_another_field_is_no_conflict(
    store: Store, server: LiveServer, people: dict[str, Actor], coop: str
) -> None:
    entry = approved(store, people["ayse"], people["sef"], "capital.change", coop, DATA["capital.change"])
    head_office(server, coop, title="Merkezde Değişen Unvan Kooperatifi")
    sync_now(store, server)
    assert entries.get_entry(store, entry.uuid).state == State.SYNCED
