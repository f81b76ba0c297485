"""Earlier local entries of the same cooperative move the base forward: no false conflicts, real ones kept."""

from __future__ import annotations

import json
import random
from typing import Any

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from sync.rebase import SENT_BASE
from sync.scheduler import Status, sync_store
from tests.server.conftest import board
from tests.sync.conftest import (
    LiveServer,
    admission,
    applied_keys,
    approved,
    day,
    leave,
    options_for,
    seed_snapshot,
)


def title_update(on: str, title: str) -> dict[str, Any]:
    return {"effective_date": on, "title": title}


def server_record(server: LiveServer, cooperative_id: str) -> dict[str, Any]:
    record: dict[str, Any] = server.client().get(f"/api/v1/cooperatives/{cooperative_id}").json()
    return record


def send_details(store: Store, uuid: str) -> dict[str, Any]:
    rows = [r for r in entries.audit_rows(store, uuid) if r["action"] == "send"]
    details: dict[str, Any] = rows[-1]["details"]
    return details


def test_two_title_updates_in_a_row_both_apply(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    coop = recs[0]
    clerk, sef = people["ayse"], people["sef"]
    first = approved(
        store, clerk, sef, "cooperative.update", coop["id"], title_update(day(1), "Birinci Unvan Kooperatifi")
    )
    second = approved(
        store, clerk, sef, "cooperative.update", coop["id"], title_update(day(2), "İkinci Unvan Kooperatifi")
    )
    third = approved(
        store, clerk, sef, "cooperative.update", coop["id"], title_update(day(3), "Üçüncü Unvan Kooperatifi")
    )
    # All three were written against the same snapshot title.
    assert first.base == second.base == third.base == {"title": coop["title"]}
    report = sync_store(store, options=options_for(server))
    assert report.status == Status.OK, report.message
    assert report.result.applied == 3 and report.result.conflicts == 0
    assert [entries.get_entry(store, e.uuid).state for e in (first, second, third)] == [State.SYNCED] * 3
    assert applied_keys(server) == [first.uuid, second.uuid, third.uuid]
    assert server_record(server, coop["id"])["title"] == "Üçüncü Unvan Kooperatifi"
    # The stored base is what the clerk saw; the base sent is in the audit and the outcome.
    got = entries.get_entry(store, third.uuid)
    assert got.base == {"title": coop["title"]}
    assert send_details(store, third.uuid)[SENT_BASE] == {"title": "İkinci Unvan Kooperatifi"}
    assert got.outcome is not None and got.outcome[SENT_BASE] == {"title": "İkinci Unvan Kooperatifi"}
    assert SENT_BASE not in send_details(store, first.uuid)


def test_admit_then_leave_of_the_same_member_both_apply(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    coop = recs[1]
    clerk, sef = people["ayse"], people["sef"]
    data = admission(random.Random(7), day(1), 1)
    admit = approved(store, clerk, sef, "member.admit", coop["id"], data)
    member = {"member_id": data["member_id"], "full_name": data["full_name"]}
    gone = approved(store, clerk, sef, "member.leave", coop["id"], leave(member, day(2), 2))
    report = sync_store(store, options=options_for(server))
    assert report.status == Status.OK, report.message
    assert [entries.get_entry(store, e.uuid).state for e in (admit, gone)] == [State.SYNCED] * 2
    assert applied_keys(server) == [admit.uuid, gone.uuid]
    members = {m["member_id"] for m in server_record(server, coop["id"])["members"]}
    assert data["member_id"] not in members


def test_leave_captured_against_the_snapshot_is_rebased_at_send_time(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    # An entry written before capture knew about local admissions: its base says "not a member".
    recs = seed_snapshot(store, 20)
    coop = recs[2]
    clerk, sef = people["ayse"], people["sef"]
    data = admission(random.Random(8), day(1), 1)
    member = {"member_id": data["member_id"], "full_name": data["full_name"]}
    admit = approved(store, clerk, sef, "member.admit", coop["id"], data)
    gone = approved(store, clerk, sef, "member.leave", coop["id"], leave(member, day(2), 2))
    key = f"member:{data['member_id']}"
    store.conn.execute("UPDATE entries SET base = ? WHERE uuid = ?", (json.dumps({key: None}), gone.uuid))
    report = sync_store(store, options=options_for(server))
    assert report.status == Status.OK, report.message
    assert entries.get_entry(store, admit.uuid).state == State.SYNCED
    got = entries.get_entry(store, gone.uuid)
    assert got.state == State.SYNCED
    assert got.base == {key: None}
    assert send_details(store, gone.uuid)[SENT_BASE][key]["member_id"] == data["member_id"]


def test_board_replaced_twice_both_apply(store: Store, people: dict[str, Actor], server: LiveServer) -> None:
    recs = seed_snapshot(store, 20)
    coop = recs[3]
    clerk, sef = people["ayse"], people["sef"]
    one = approved(
        store, clerk, sef, "board.replace", coop["id"], {"effective_date": day(1), "board": board(400)}
    )
    two = approved(
        store, clerk, sef, "board.replace", coop["id"], {"effective_date": day(2), "board": board(500)}
    )
    report = sync_store(store, options=options_for(server))
    assert report.status == Status.OK, report.message
    assert report.result.conflicts == 0
    assert [entries.get_entry(store, e.uuid).state for e in (one, two)] == [State.SYNCED] * 2
    ids = [row["id_no"] for row in server_record(server, coop["id"])["board"]]
    assert ids == [row["id_no"] for row in board(500)]


def test_a_head_office_change_in_between_is_still_a_conflict(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    coop = recs[4]
    clerk, sef = people["ayse"], people["sef"]
    first = approved(
        store, clerk, sef, "cooperative.update", coop["id"], title_update(day(1), "Birinci Unvan Kooperatifi")
    )
    assert sync_store(store, options=options_for(server)).status == Status.OK
    second = approved(
        store, clerk, sef, "cooperative.update", coop["id"], title_update(day(2), "İkinci Unvan Kooperatifi")
    )
    server.admin().patch(
        f"/api/v1/admin/cooperatives/{coop['id']}", json={"title": "Merkezin Unvanı Kooperatifi"}
    )
    report = sync_store(store, options=options_for(server))
    assert report.result.conflicts == 1
    got = entries.get_entry(store, second.uuid)
    assert got.state == State.CONFLICT
    assert got.outcome is not None
    assert got.outcome["conflicts"] == [
        {"key": "title", "base": "Birinci Unvan Kooperatifi", "server": "Merkezin Unvanı Kooperatifi"}
    ]
    assert entries.get_entry(store, first.uuid).state == State.SYNCED
    assert applied_keys(server) == [first.uuid]


def test_a_resend_reuses_the_base_sent_first(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    coop = recs[5]
    clerk, sef = people["ayse"], people["sef"]
    approved(
        store, clerk, sef, "cooperative.update", coop["id"], title_update(day(1), "Birinci Unvan Kooperatifi")
    )
    second = approved(
        store, clerk, sef, "cooperative.update", coop["id"], title_update(day(2), "İkinci Unvan Kooperatifi")
    )
    assert sync_store(store, options=options_for(server)).status == Status.OK
    receipt = entries.get_entry(store, second.uuid).receipt
    # The answer was lost: the entry is in "sending" again; same body, original receipt.
    store.conn.execute("UPDATE entries SET state = 'sending' WHERE uuid = ?", (second.uuid,))
    report = sync_store(store, options=options_for(server))
    assert report.result.replayed == 1 and report.result.conflicts == 0
    assert entries.get_entry(store, second.uuid).receipt == receipt
