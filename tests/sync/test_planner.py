"""Replay planner: order per cooperative, registration first, admissions before leaves, blocked reasons."""

from __future__ import annotations

import random

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from sync.planner import ItemStatus, build_plan
from tests.server.conftest import payload_for
from tests.sync.conftest import admission, approved, assembly, day, leave, seed_snapshot


def test_each_cooperative_in_effective_date_order_and_only_its_head_ready(
    store: Store, people: dict[str, Actor]
) -> None:
    recs = seed_snapshot(store, 5)
    clerk, sef = people["ayse"], people["sef"]
    late = approved(store, clerk, sef, "assembly.record", recs[0]["id"], assembly(day(9)))
    early = approved(store, clerk, sef, "assembly.record", recs[0]["id"], assembly(day(2)))
    middle = approved(
        store, clerk, sef, "member.admit", recs[0]["id"], admission(random.Random(1), day(5), 1)
    )
    other = approved(store, clerk, sef, "assembly.record", recs[1]["id"], assembly(day(7)))
    plan = build_plan(store)
    group = plan.groups[recs[0]["id"]]
    assert [i.uuid for i in group] == [early.uuid, middle.uuid, late.uuid]
    assert [i.status for i in group] == [ItemStatus.READY, ItemStatus.BLOCKED, ItemStatus.BLOCKED]
    assert (
        group[1].reason is not None
        and "önceki kaydı" in group[1].reason
        and early.uuid[:8] in group[1].reason
    )
    assert {i.uuid for i in plan.ready} == {early.uuid, other.uuid}
    assert plan.counts() == {"ready": 2, "waiting": 0, "blocked": 2, "held": 0}


def test_same_day_entries_go_in_approval_order(store: Store, people: dict[str, Actor]) -> None:
    recs = seed_snapshot(store, 2)
    clerk, sef = people["ayse"], people["sef"]
    first = approved(store, clerk, sef, "member.admit", recs[0]["id"], admission(random.Random(1), day(3), 1))
    second = approved(
        store, clerk, sef, "member.admit", recs[0]["id"], admission(random.Random(2), day(3), 2)
    )
    assert [i.uuid for i in build_plan(store).groups[recs[0]["id"]]] == [first.uuid, second.uuid]


def test_member_admission_goes_before_that_members_leaving(store: Store, people: dict[str, Actor]) -> None:
    recs = seed_snapshot(store, 2)
    clerk, sef = people["ayse"], people["sef"]
    data = admission(random.Random(4), day(6), 1)
    # The clerk dated the leaving before the admission (a typo the server would refuse as a conflict).
    gone = approved(
        store,
        clerk,
        sef,
        "member.leave",
        recs[0]["id"],
        leave({"member_id": data["member_id"], "full_name": data["full_name"]}, day(6), 2),
    )
    store.conn.execute("UPDATE entries SET effective_date = ? WHERE uuid = ?", (day(1), gone.uuid))
    admit = approved(store, clerk, sef, "member.admit", recs[0]["id"], data)
    assert [i.uuid for i in build_plan(store).groups[recs[0]["id"]]] == [admit.uuid, gone.uuid]


def test_registration_first_and_dependents_wait_for_an_unapproved_registration(
    store: Store, people: dict[str, Actor]
) -> None:
    seed_snapshot(store, 2)
    clerk, sef = people["ayse"], people["sef"]
    register = capture.create_entry(
        store, clerk, "cooperative.register", None, payload_for("cooperative.register", None)
    )
    capture.submit_entry(store, clerk, register.uuid)
    dependent = approved(store, clerk, sef, "assembly.record", register.uuid, assembly(day(1)))
    item = next(iter(build_plan(store).items()))
    assert item.uuid == dependent.uuid and item.status == ItemStatus.BLOCKED
    assert item.reason is not None and "kuruluş kaydı" in item.reason and "Onay bekliyor" in item.reason
    from koopbis_desktop.services import review

    review.approve_entry(store, sef, register.uuid)
    group = build_plan(store).groups[register.uuid]
    assert [i.uuid for i in group] == [register.uuid, dependent.uuid]
    assert group[0].status == ItemStatus.READY and group[1].status == ItemStatus.BLOCKED


def test_conflict_holds_its_cooperative_only(store: Store, people: dict[str, Actor]) -> None:
    recs = seed_snapshot(store, 3)
    clerk, sef = people["ayse"], people["sef"]
    parked = approved(store, clerk, sef, "assembly.record", recs[0]["id"], assembly(day(1)))
    behind = approved(store, clerk, sef, "assembly.record", recs[0]["id"], assembly(day(2)))
    free = approved(store, clerk, sef, "assembly.record", recs[1]["id"], assembly(day(2)))
    store.conn.execute("UPDATE entries SET state = ? WHERE uuid = ?", (State.CONFLICT.value, parked.uuid))
    plan = build_plan(store)
    head, blocked = plan.groups[recs[0]["id"]]
    assert head.status == ItemStatus.HELD and blocked.uuid == behind.uuid
    assert blocked.reason is not None and "çakışmada" in blocked.reason
    assert [i.uuid for i in plan.ready] == [free.uuid]
    assert entries.get_entry(store, behind.uuid).state == State.APPROVED


def test_backed_off_head_waits_with_a_visible_reason(store: Store, people: dict[str, Actor]) -> None:
    recs = seed_snapshot(store, 2)
    entry = approved(store, people["ayse"], people["sef"], "assembly.record", recs[0]["id"], assembly(day(1)))
    store.conn.execute(
        "INSERT INTO sync_attempts(entry_uuid, attempts, next_attempt_at, last_error) VALUES (?, 3, ?, ?)",
        (entry.uuid, "2999-01-01T00:00:00.000+00:00", "KOOP-BİS zamanında yanıt vermedi"),
    )
    item = build_plan(store).groups[recs[0]["id"]][0]
    assert item.status == ItemStatus.WAITING
    assert item.reason is not None and "3. deneme" in item.reason and "zamanında" in item.reason
