"""Manual re-entry: the planner's order, the same states/receipts/audit rows as the executor, mixing with sync."""

from __future__ import annotations

import random
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, State
from koopbis_desktop.services import review
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from sync import manual
from sync.scheduler import Status, SyncBusy, SyncLock, sync_store
from tests.conftest import beside_a_held_change
from tests.sync.conftest import (
    LiveServer,
    admission,
    applied_keys,
    approved,
    approved_admission,
    assembly,
    day,
    options_for,
    seed_snapshot,
)


def applied_set(server: LiveServer) -> set[str]:
    return set(applied_keys(server))


def test_worklist_follows_the_plan_and_explains_what_waits(store: Store, people: dict[str, Actor]) -> None:
    recs = seed_snapshot(store, 5)
    clerk, sef = people["ayse"], people["sef"]
    rng = random.Random(3)
    first = approved(store, clerk, sef, "member.admit", recs[0]["id"], admission(rng, day(1), 1))
    second = approved(store, clerk, sef, "assembly.record", recs[0]["id"], assembly(day(2)))
    other = approved(store, clerk, sef, "member.admit", recs[1]["id"], admission(rng, day(0), 2))
    work = manual.worklist(store)
    assert [w.uuid for w in work.items] == [first.uuid, other.uuid, second.uuid]
    assert [w.uuid for w in work.enterable] == [first.uuid, other.uuid]
    blocked = work.find(second.uuid)
    assert blocked is not None and not blocked.enterable
    assert "önceki kaydı" in blocked.reason and first.uuid[:8] in blocked.reason
    with pytest.raises(manual.ManualRefused, match="şimdi girilemez"):
        manual.record_entered(store, sef, second.uuid, "KB-1")
    assert entries.get_entry(store, second.uuid).state == State.APPROVED
    # Entering the head lets the next entry of the cooperative go.
    manual.record_entered(store, sef, first.uuid, "KB-2015-000001")
    work = manual.worklist(store)
    assert [w.uuid for w in work.enterable] == [second.uuid, other.uuid] or [
        w.uuid for w in work.enterable
    ] == [other.uuid, second.uuid]


def test_entered_by_hand_is_recorded_like_an_applied_answer(store: Store, people: dict[str, Actor]) -> None:
    recs = seed_snapshot(store, 3)
    entry = approved_admission(store, people, recs[0]["id"], 1)
    with pytest.raises(manual.ManualRefused, match="alındı numarasını"):
        manual.record_entered(store, people["sef"], entry.uuid, "   ")
    with pytest.raises(manual.ManualRefused, match="boşluksuz"):
        manual.record_entered(store, people["sef"], entry.uuid, "12 34")
    with pytest.raises(NotPermitted):
        manual.record_entered(store, people["ayse"], entry.uuid, "KB-1")
    assert entries.get_entry(store, entry.uuid).state == State.APPROVED

    got = manual.record_entered(store, people["sef2"], entry.uuid, " KB-2015/000123 ")
    assert got.state == State.SYNCED and got.receipt == "KB-2015/000123" and got.synced_at
    assert got.outcome is not None
    assert got.outcome["manual"] is True and got.outcome["receipt"] == "KB-2015/000123"
    assert got.outcome["by"] == "sef2" and got.outcome["status"] == "applied"
    rows = entries.audit_rows(store, entry.uuid)
    assert [r["action"] for r in rows][-2:] == ["send", "apply"]
    send, apply = rows[-2:]
    assert (send["from_state"], send["to_state"], send["actor"]) == ("approved", "sending", "sef2")
    assert (apply["from_state"], apply["to_state"]) == ("sending", "synced")
    assert apply["details"] == {"manual": True, "receipt": "KB-2015/000123"}
    assert audit.verify(store.conn).ok
    with pytest.raises(manual.ManualRefused, match="zaten KOOP-BİS'e aktarıldı"):
        manual.record_entered(store, people["sef"], entry.uuid, "KB-2")


def test_skip_and_problem_keep_the_entry_approved_and_are_audited(
    store: Store, people: dict[str, Actor]
) -> None:
    recs = seed_snapshot(store, 3)
    rng = random.Random(4)
    a = approved(
        store, people["ayse"], people["sef"], "member.admit", recs[0]["id"], admission(rng, day(1), 1)
    )
    b = approved(
        store, people["ayse"], people["sef"], "member.admit", recs[1]["id"], admission(rng, day(1), 2)
    )
    assert manual.worklist(store).next_item() is not None
    assert manual.worklist(store).next_item().uuid == a.uuid  # type: ignore[union-attr]
    manual.record_skip(store, people["sef"], a.uuid)
    assert manual.worklist(store).next_item().uuid == b.uuid  # type: ignore[union-attr]
    with pytest.raises(manual.ManualRefused, match="Sorunu kısaca yazın"):
        manual.record_problem(store, people["sef"], b.uuid, "  ")
    item = manual.record_problem(store, people["sef"], b.uuid, "KOOP-BİS formu TCKN'yi kabul etmedi")
    assert item.mark == manual.PROBLEM and item.note == "KOOP-BİS formu TCKN'yi kabul etmedi"
    # Both marked: nothing is lost, the first in order comes back.
    assert manual.worklist(store).next_item().uuid == a.uuid  # type: ignore[union-attr]
    for uuid in (a.uuid, b.uuid):
        assert entries.get_entry(store, uuid).state == State.APPROVED
    actions = [(r["action"], r["entry"], r["comment"]) for r in entries.audit_rows(store)][-2:]
    assert actions == [
        ("manual_skip", a.uuid, None),
        ("manual_problem", b.uuid, "KOOP-BİS formu TCKN'yi kabul etmedi"),
    ]
    assert audit.verify(store.conn).ok


def test_a_skip_beside_a_return_on_another_pc_waits_and_is_refused(
    store: Store, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A supervisor returns an approved entry on one PC while another marks it "Şimdilik atla"
    on the manual assistant: the skip waits for the return and is refused with the state it
    left; the audit trail stays whole (before, the skip vouched for "approved" after the
    return's row, and the trail read as tampered with)."""
    recs = seed_snapshot(store, 1)
    entry = approved(
        store,
        people["ayse"],
        people["sef"],
        "member.admit",
        recs[0]["id"],
        admission(random.Random(8), day(1), 1),
    )
    returned, refused = beside_a_held_change(
        store,
        monkeypatch,
        lambda pc: review.return_entry(pc, people["sef2"], entry.uuid, "düzeltin"),
        lambda pc: manual.record_skip(pc, people["sef"], entry.uuid, "yarın"),
    )
    assert not isinstance(returned, Exception), returned
    assert isinstance(refused, manual.ManualRefused) and "İade edildi" in str(refused), refused
    assert entries.get_entry(store, entry.uuid).state == State.RETURNED
    assert "manual_skip" not in [r["action"] for r in entries.audit_rows(store)]
    assert audit.verify(store.conn).ok


def test_registration_needs_the_koopbis_id_and_remaps_its_dependents(
    store: Store, people: dict[str, Actor]
) -> None:
    from tests.server.conftest import payload_for

    seed_snapshot(store, 3)
    clerk, sef = people["ayse"], people["sef"]
    register = approved(
        store, clerk, sef, "cooperative.register", None, payload_for("cooperative.register", None)
    )
    dependent = approved(
        store, clerk, sef, "member.admit", register.uuid, admission(random.Random(5), day(3), 1)
    )
    blocked = manual.worklist(store).find(dependent.uuid)
    assert blocked is not None and not blocked.enterable and register.uuid[:8] in blocked.reason
    with pytest.raises(manual.ManualRefused, match="sicil numarasını"):
        manual.record_entered(store, sef, register.uuid, "KB-9")
    got = manual.record_entered(store, sef, register.uuid, "KB-9", cooperative_id="06-777001")
    assert got.state == State.SYNCED and got.cooperative_id == "06-777001"
    mapped = store.conn.execute(
        "SELECT cooperative_id, receipt FROM sync_registrations WHERE entry_uuid = ?", (register.uuid,)
    ).fetchone()
    assert tuple(mapped) == ("06-777001", "KB-9")
    dep = entries.get_entry(store, dependent.uuid)
    assert dep.cooperative_id == "06-777001" and dep.cooperative_ref is None
    assert [r["action"] for r in entries.audit_rows(store, dependent.uuid)][-1] == "sync_remap"
    assert manual.worklist(store).find(dependent.uuid).enterable  # type: ignore[union-attr]


def test_copy_fields_are_labelled_and_formatted_for_the_web_form(
    store: Store, people: dict[str, Actor]
) -> None:
    recs = seed_snapshot(store, 2)
    data: dict[str, Any] = admission(random.Random(6), day(2), 7)
    entry = approved(store, people["ayse"], people["sef"], "member.admit", recs[0]["id"], data)
    fields = {f.label: f.value for f in manual.copy_fields(entry)}
    assert fields["Kooperatif sicil no"] == recs[0]["id"]
    assert data["member_id"] in fields.values()
    assert "1.000,00 TL" in fields.values()  # paid 1000 → Turkish money
    assert fields["Yönetim kurulu karar tarihi"] == "03.03.2015"  # day(2) = 2015-03-03 → GG.AA.YYYY
    lines = manual.all_lines(manual.copy_fields(entry)).splitlines()
    assert all(line.count("\t") == 1 for line in lines)


def test_a_sync_after_manual_entry_sends_nothing_for_the_hand_entered(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    clerk, sef = people["ayse"], people["sef"]
    rng = random.Random(8)
    by_hand = [
        approved(store, clerk, sef, "member.admit", recs[0]["id"], admission(rng, day(1), 1)),
        approved(store, clerk, sef, "member.admit", recs[0]["id"], admission(rng, day(2), 2)),
        approved(store, clerk, sef, "member.admit", recs[1]["id"], admission(rng, day(1), 3)),
    ]
    automatic = [
        approved(store, clerk, sef, "member.admit", recs[1]["id"], admission(rng, day(3), 4)),
        approved(store, clerk, sef, "assembly.record", recs[2]["id"], assembly(day(2))),
    ]
    for n, entry in enumerate(by_hand, 1):
        manual.record_entered(store, sef, entry.uuid, f"ELLE-{n}")
    # While the assistant holds the lock, an automatic run waits (BUSY) and sends nothing.
    lock = SyncLock(store)
    lock.acquire()
    try:
        busy = sync_store(store, options=options_for(server))
        assert busy.status == Status.BUSY
        assert applied_set(server) == set()
        other = SyncLock(store)
        with pytest.raises(SyncBusy):
            other.acquire()
        # A record without the holder's lock is refused while someone else holds it.
        with pytest.raises(SyncBusy):
            manual.record_entered(store, sef, automatic[1].uuid, "X-1")
    finally:
        lock.release()
    report = sync_store(store, options=options_for(server))
    assert report.status == Status.OK, report.message
    keys = applied_set(server)
    assert keys == {e.uuid for e in automatic}
    for n, entry in enumerate(by_hand, 1):
        got = entries.get_entry(store, entry.uuid)
        assert got.state == State.SYNCED and got.receipt == f"ELLE-{n}"
        assert got.outcome is not None and got.outcome["manual"] is True
    for entry in automatic:
        got = entries.get_entry(store, entry.uuid)
        assert got.state == State.SYNCED and got.outcome is not None and not got.outcome.get("manual")
    assert manual.worklist(store).items == []
    assert audit.verify(store.conn).ok
