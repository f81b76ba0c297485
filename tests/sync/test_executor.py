"""Executor against the live reference server: receipts stored, states synced, audit rows, remapping."""

from __future__ import annotations

import json
import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor, IllegalTransition, State
from koopbis_desktop.services import capture, review
from koopbis_desktop.store import audit, entries, sync_state
from koopbis_desktop.store.db import Store
from sync.conflicts import describe
from sync.executor import Executor
from sync.scheduler import Status, SyncReport, run_sync, sync_store
from tests.conftest import db_arg, reopen
from tests.sync.conftest import (
    LiveServer,
    admission,
    applied_by_key,
    applied_keys,
    approved,
    approved_admission,
    approved_update,
    assembly,
    client_for,
    cooperative_entries,
    day,
    fast_executor,
    head_office,
    options_for,
    seed_snapshot,
)


def test_happy_path_stores_receipts_states_and_audit(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    rng = random.Random(1)
    made = [e for r in recs[:3] for e in cooperative_entries(store, people["ayse"], people["sef"], r, 4, rng)]
    report = sync_store(store, options=options_for(server))
    assert report.status == Status.OK, report.message
    assert report.result.applied == len(made)
    server_changes = applied_by_key(server)
    for entry in made:
        now = entries.get_entry(store, entry.uuid)
        assert now.state == State.SYNCED
        assert now.receipt == server_changes[entry.uuid]["receipt"]
        assert now.server_version == server_changes[entry.uuid]["version"]
        assert now.outcome is not None and now.outcome["status"] == "applied"
        actions = [row["action"] for row in entries.audit_rows(store, entry.uuid)]
        assert actions[-2:] == ["send", "apply"]
    assert audit.verify(store.conn).ok
    last = store.conn.execute("SELECT status FROM sync_runs ORDER BY id DESC").fetchone()
    assert last[0] == Status.OK


def test_a_run_against_a_koopbis_dropping_every_answer_ends_after_its_linger(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    """Each request handled and its connection dropped: the entry stays "sending" (KOOP-BİS may
    have applied it) and is tried again in the run until the linger is over, then in the next
    run. A backoff shorter than an attempt kept the entry always due, and the run went on for
    ever (seen as thousands of sends of one entry in ten minutes)."""
    recs = seed_snapshot(store, 20)
    entry = approved_admission(store, people, recs[0]["id"], 3)
    client = client_for(server, read_timeout=2.0)
    client.health()  # signed in and told about batches before the faults hit the changes themselves
    assert client.login() is None
    answer = server.admin().put(
        "/api/v1/admin/faults", json={"spec": "drop_after=1", "seed": 1, "delay": 0.0}
    )
    assert answer.status_code == 200, answer.text
    started = time.monotonic()
    try:
        result = Executor(
            store, client, config=fast_executor(linger=0.5, backoff_base=0.0, backoff_max=0.0)
        ).run()
    finally:
        client.close()
    assert time.monotonic() - started < 30
    assert result.retried >= 1 and result.applied == 0
    assert entries.get_entry(store, entry.uuid).state == State.SENDING
    answer = server.admin().put("/api/v1/admin/faults", json={"spec": "", "seed": 1, "delay": 0.0})
    assert answer.status_code == 200, answer.text
    client = client_for(server)
    try:
        Executor(store, client, config=fast_executor()).run()
    finally:
        client.close()
    assert entries.get_entry(store, entry.uuid).state == State.SYNCED
    assert applied_keys(server).count(entry.uuid) == 1


def test_resending_an_entry_left_in_sending_gets_the_original_receipt(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    entry = approved_admission(store, people, recs[0]["id"], 2)
    client = client_for(server)
    first = Executor(store, client, config=fast_executor()).run()
    assert first.applied == 1 and first.replayed == 0
    receipt = entries.get_entry(store, entry.uuid).receipt
    # As if the answer had been lost: the entry is back in "sending" (a crash after the POST).
    store.conn.execute("UPDATE entries SET state = 'sending' WHERE uuid = ?", (entry.uuid,))
    again = Executor(store, client, config=fast_executor()).run()
    assert again.applied == 1 and again.replayed == 1
    assert entries.get_entry(store, entry.uuid).receipt == receipt
    assert applied_keys(server) == [entry.uuid]


def test_conflict_duplicate_and_invalid_are_parked_with_the_servers_details(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    clerk, sef = people["ayse"], people["sef"]
    update = approved(
        store,
        clerk,
        sef,
        "cooperative.update",
        recs[0]["id"],
        {"effective_date": day(1), "title": "Yeni Işık Konut Yapı Kooperatifi"},
    )
    behind = approved(store, clerk, sef, "assembly.record", recs[0]["id"], assembly(day(2)))
    existing = recs[1]["members"][0]
    duplicate = approved(
        store,
        clerk,
        sef,
        "member.admit",
        recs[1]["id"],
        {
            **admission(random.Random(3), day(1), 1),
            "member_id": existing["member_id"],
            "full_name": existing["full_name"],
        },
    )
    # Head office renames the first cooperative meanwhile: the update's base no longer holds.
    server.admin().patch(
        f"/api/v1/admin/cooperatives/{recs[0]['id']}",
        json={"title": "Merkezin Verdiği Unvan Konut Yapı Kooperatifi"},
    )
    other = approved(store, clerk, sef, "assembly.record", recs[2]["id"], assembly(day(3)))
    report = sync_store(store, options=options_for(server))
    assert report.result.conflicts == 2
    got = entries.get_entry(store, update.uuid)
    assert got.state == State.CONFLICT
    assert got.outcome is not None and got.outcome["kind"] == "conflict"
    assert got.outcome["conflicts"][0]["key"] == "title"
    assert got.outcome["conflicts"][0]["server"] == "Merkezin Verdiği Unvan Konut Yapı Kooperatifi"
    dup = entries.get_entry(store, duplicate.uuid)
    assert dup.state == State.CONFLICT and dup.outcome is not None and dup.outcome["kind"] == "duplicate"
    # The entry behind the conflict waits; another cooperative went on.
    assert entries.get_entry(store, behind.uuid).state == State.APPROVED
    assert entries.get_entry(store, other.uuid).state == State.SYNCED


def test_invalid_answer_rejects_with_per_field_messages(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    entry = approved(store, people["ayse"], people["sef"], "assembly.record", recs[0]["id"], assembly(day(1)))
    # The server validates against its own "today": an effective date after it is refused.
    store.conn.execute(
        "UPDATE entries SET payload = ? WHERE uuid = ?",
        (json.dumps({**entry.payload, "effective_date": "2015-04-30"}), entry.uuid),
    )
    sync_store(store, options=options_for(server))
    got = entries.get_entry(store, entry.uuid)
    # Issue 12: a refusal goes back to the clerk by itself, KOOP-BİS's words as the comment.
    assert got.state == State.RETURNED
    assert got.outcome is not None and got.outcome["kind"] == "invalid"
    assert got.outcome["errors"] and all(e["message"] for e in got.outcome["errors"])
    assert got.comment is not None and got.outcome["errors"][0]["message"] in got.comment
    assert got.approver is None
    last = entries.audit_rows(store, entry.uuid)[-1]
    assert (last["actor"], last["from_state"], last["to_state"]) == ("KOOP-BİS", "sending", "returned")


def test_registration_and_dependents_are_remapped_to_the_server_id(
    store: Store, people: dict[str, Actor], server: LiveServer, db_path: Path
) -> None:
    from tests.server.conftest import payload_for

    seed_snapshot(store, 20)
    clerk, sef = people["ayse"], people["sef"]
    register = approved(
        store, clerk, sef, "cooperative.register", None, payload_for("cooperative.register", None)
    )
    dependents = [
        approved(store, clerk, sef, "member.admit", register.uuid, admission(random.Random(5), day(3), 1)),
        approved(store, clerk, sef, "assembly.record", register.uuid, assembly(day(4))),
    ]
    assert all(d.cooperative_ref == register.uuid for d in dependents)
    report = run_sync(db_arg(store), options=options_for(server))
    assert report.status == Status.OK, report.message
    reg = entries.get_entry(store, register.uuid)
    assert reg.state == State.SYNCED and reg.cooperative_id
    mapped = store.conn.execute(
        "SELECT cooperative_id FROM sync_registrations WHERE entry_uuid = ?", (register.uuid,)
    ).fetchone()
    assert mapped[0] == reg.cooperative_id
    changes = applied_by_key(server)
    for dep in dependents:
        got = entries.get_entry(store, dep.uuid)
        assert got.state == State.SYNCED
        assert got.cooperative_id == reg.cooperative_id and got.cooperative_ref is None
        assert changes[dep.uuid]["cooperative"] == reg.cooperative_id
    assert list(changes) == [register.uuid, dependents[0].uuid, dependents[1].uuid]
    assert audit.verify(store.conn).ok


def test_a_refused_entry_fixed_resubmitted_and_approved_goes_again(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    """Issue 12: refusal → back to the clerk → fix → resubmit → approve → applied, once."""
    from koopbis_desktop.services import capture, review

    recs = seed_snapshot(store, 20)
    entry = approved(store, people["ayse"], people["sef"], "assembly.record", recs[0]["id"], assembly(day(1)))
    store.conn.execute(
        "UPDATE entries SET payload = ? WHERE uuid = ?",
        (json.dumps({**entry.payload, "effective_date": "2015-04-30"}), entry.uuid),
    )
    sync_store(store, options=options_for(server))
    assert entries.get_entry(store, entry.uuid).state == State.RETURNED
    # While it is back with the clerk, nobody but its author may change it; she fixes the date.
    fixed = capture.edit_entry(store, people["ayse"], entry.uuid, assembly(day(2)))
    assert fixed.state == State.DRAFT
    capture.submit_entry(store, people["ayse"], entry.uuid)
    review.approve_entry(store, people["sef"], entry.uuid)
    report = sync_store(store, options=options_for(server))
    got = entries.get_entry(store, entry.uuid)
    assert got.state == State.SYNCED and got.receipt, report.message
    assert applied_keys(server).count(entry.uuid) == 1


def test_a_return_beside_the_window_being_marked_waits_for_it_instead_of_deadlocking(
    store: Store, people: dict[str, Actor], server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A supervisor returns an approved entry on another PC at the moment the sync marks its
    window "sending". The sync holds every entry of the window from the start, so the return
    waits for it and is then refused (the entry is being sent) — instead of the two waiting on
    each other (the sync holding the audit trail's turn and wanting the entry, the return
    holding the entry and wanting the turn) until the database ends one of them."""
    recs = seed_snapshot(store, 3)
    window = {
        approved_admission(store, people, recs[0]["id"], 1).uuid,
        approved_admission(store, people, recs[1]["id"], 2).uuid,
    }
    marked: list[str] = []
    returning = threading.Event()
    outcome: dict[str, Any] = {}
    count_attempt = sync_state.count_attempt

    def count_then_hold(store_: Store, entry_uuid: str, at: str) -> None:
        count_attempt(store_, entry_uuid, at)
        if not marked:
            marked.append(entry_uuid)  # the first of the window is "sending", uncommitted
            returning.wait(timeout=5)
            time.sleep(0.5)  # the return has taken the other entry's row, or waits for it

    def return_the_other_on_another_pc() -> None:
        while not marked:
            time.sleep(0.01)
        (other,) = window - set(marked)
        pc = reopen(store)
        returning.set()
        try:
            outcome["return"] = review.return_entry(pc, people["sef"], other, "Karar tarihi yanlış")
        except Exception as exc:
            outcome["return"] = exc
        finally:
            pc.close()

    def sync() -> None:
        try:
            outcome["sync"] = sync_store(store, options=options_for(server))
        except Exception as exc:
            outcome["sync"] = exc

    monkeypatch.setattr(sync_state, "count_attempt", count_then_hold)
    other_pc = threading.Thread(target=return_the_other_on_another_pc)
    other_pc.start()
    sync()  # on this thread: the store's connection belongs to it
    other_pc.join(timeout=60)
    report = outcome["sync"]
    assert isinstance(report, SyncReport) and report.status == Status.OK, report
    assert isinstance(outcome["return"], IllegalTransition), outcome["return"]
    assert "gönderiliyor" in outcome["return"].message or "Sizden önce" in outcome["return"].message
    assert {entries.get_entry(store, uuid).state for uuid in window} == {State.SYNCED}
    assert set(applied_keys(server)) == window
    assert audit.verify(store.conn).ok


def test_an_entry_approved_again_with_another_date_after_the_plan_goes_in_its_new_place(
    store: Store, people: dict[str, Actor], server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three admissions of one cooperative, dated days 1, 2 and 3, are planned in that order.
    Before the first is sent it is returned on another PC, dated day 5 and approved again:
    the run sends it after the other two (a new plan puts it there), each exactly once."""
    recs = seed_snapshot(store, 2)
    coop = recs[0]["id"]
    rng = random.Random(7)
    made = [
        approved(store, people["ayse"], people["sef"], "member.admit", coop, admission(rng, day(n), n))
        for n in (1, 2, 3)
    ]
    first = made[0]
    attachment_hashes = Executor._attachment_hashes
    redated: list[str] = []

    def redated_on_another_pc(executor: Executor, entry_uuid: str) -> list[str]:
        if not redated:  # the plan is made; the first window is about to be marked "sending"
            redated.append(entry_uuid)
            pc = reopen(store)
            try:
                review.return_entry(pc, people["sef"], first.uuid, "Karar tarihi yanlış")
                capture.edit_entry(
                    pc,
                    people["ayse"],
                    first.uuid,
                    {**first.payload, "effective_date": day(5)},
                    loaded_revision=1,
                )
                capture.submit_entry(pc, people["ayse"], first.uuid)
                review.approve_entry(pc, people["sef"], first.uuid)
            finally:
                pc.close()
        return attachment_hashes(executor, entry_uuid)

    monkeypatch.setattr(Executor, "_attachment_hashes", redated_on_another_pc)
    report = sync_store(store, options=options_for(server))
    assert redated == [first.uuid], report
    assert report.status == Status.OK, report
    assert applied_keys(server) == [made[1].uuid, made[2].uuid, first.uuid]
    assert {entries.get_entry(store, e.uuid).state for e in made} == {State.SYNCED}
    assert entries.get_entry(store, first.uuid).effective_date == day(5)
    assert audit.verify(store.conn).ok


def test_an_entry_approved_again_after_the_plan_is_sent_as_it_is_now(
    store: Store, people: dict[str, Actor], server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the sync's plan and its sending, a change of a cooperative's title is returned on
    another PC, the clerk adds the new address, and it is approved again. The sync sends the
    entry as it is now, its base with the address: KOOP-BİS, whose head office changed the
    address meanwhile, answers with a conflict instead of having it overwritten."""
    recs = seed_snapshot(store, 3)
    coop = recs[0]["id"]
    title = "Yeni Unvan Konut Yapı Kooperatifi"
    entry = approved_update(store, people, coop, title=title)
    head_office(server, coop, address="Merkezin Adresi Mah. 2. Sok. No:1")
    attachment_hashes = Executor._attachment_hashes
    redone: list[str] = []

    def approved_again_on_another_pc(executor: Executor, entry_uuid: str) -> list[str]:
        if not redone:  # the plan is made; the window is about to be marked "sending"
            redone.append(entry_uuid)
            pc = reopen(store)
            try:
                review.return_entry(pc, people["sef"], entry.uuid, "Adres de değişti; ekleyin")
                changed = {
                    "effective_date": day(1),
                    "title": title,
                    "address": "Yerel Adres Mah. 1. Sok. No:3",
                }
                capture.edit_entry(pc, people["ayse"], entry.uuid, changed, loaded_revision=1)
                capture.submit_entry(pc, people["ayse"], entry.uuid)
                review.approve_entry(pc, people["sef"], entry.uuid)
            finally:
                pc.close()
        return attachment_hashes(executor, entry_uuid)

    monkeypatch.setattr(Executor, "_attachment_hashes", approved_again_on_another_pc)
    report = sync_store(store, options=options_for(server))
    assert redone == [entry.uuid], report
    parked = entries.get_entry(store, entry.uuid)
    assert parked.state == State.CONFLICT, parked.outcome
    assert [field.key for field in describe(parked).conflicts] == ["address"]
    now = server.client().record(coop)
    assert now["address"] == "Merkezin Adresi Mah. 2. Sok. No:1" and now["title"] == recs[0]["title"]
