"""Conflict detection and every resolution path, end to end against the reference server.

Head-office edits are made with the server's admin endpoint; the sync runs for real
over loopback; the server's records, the entries' states and the audit trail are
asserted after each decision.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, State
from koopbis_desktop.services import capture
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from sync.conflicts import describe
from tests.conftest import PASSWORD, beside_a_held_change, db_arg
from tests.sync.conftest import (
    LiveServer,
    applied_keys,
    approved,
    approved_update,
    chairman_change,
    day,
    duplicate_admission,
    head_office,
    seed_snapshot,
    sync_now,
)


@pytest.fixture
def recs(store: Store, server: LiveServer) -> list[dict[str, Any]]:
    return seed_snapshot(store, 20)


def record(server: LiveServer, cooperative_id: str) -> dict[str, Any]:
    return server.client().record(cooperative_id)


def last_decision(store: Store, entry_uuid: str) -> dict[str, Any]:
    rows = [
        r
        for r in entries.audit_rows(store, entry_uuid)
        if r["action"].startswith("resolve") or r["action"] == "return_rejected"
    ]
    return rows[-1]


def test_same_field_conflict_then_keep_local(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[0]["id"]
    entry = approved_update(store, people, coop, title="Yerel Yeni Unvan Konut Yapı Kooperatifi")
    head_office(server, coop, title="Genel Müdürlükçe Düzeltilmiş Unvan")
    sync_now(store, server)
    parked = entries.get_entry(store, entry.uuid)
    assert parked.state == State.CONFLICT
    comparison = describe(parked)
    assert [f.key for f in comparison.conflicts] == ["title"]
    (field,) = comparison.conflicts
    assert field.base == recs[0]["title"]
    assert field.local == "Yerel Yeni Unvan Konut Yapı Kooperatifi"
    assert field.server == "Genel Müdürlükçe Düzeltilmiş Unvan"

    with pytest.raises(NotPermitted):
        resolution.keep_local(
            store, people["ayse"], entry.uuid, "kendi kaydım", seen=resolution.seen_now(store, entry.uuid)
        )  # the author
    with pytest.raises(ValidationFailed, match="gerekçe"):
        resolution.keep_local(
            store, people["sef"], entry.uuid, "  ", seen=resolution.seen_now(store, entry.uuid)
        )
    kept = resolution.keep_local(
        store,
        people["sef"],
        entry.uuid,
        "Genel kurul kararı yereldeki unvanı gösteriyor",
        seen=resolution.seen_now(store, entry.uuid),
    )
    assert kept.state == State.APPROVED
    assert kept.base == {"title": "Genel Müdürlükçe Düzeltilmiş Unvan"}
    decision = last_decision(store, entry.uuid)
    assert decision["details"]["decision"] == "keep_local"
    assert decision["details"]["server"] == {"title": "Genel Müdürlükçe Düzeltilmiş Unvan"}
    assert decision["details"]["base"] == {"title": recs[0]["title"]}
    assert decision["comment"] == "Genel kurul kararı yereldeki unvanı gösteriyor"

    sync_now(store, server)
    done = entries.get_entry(store, entry.uuid)
    assert done.state == State.SYNCED and done.receipt
    assert record(server, coop)["title"] == "Yerel Yeni Unvan Konut Yapı Kooperatifi"
    assert [r.revision for r in entries.revisions(store, entry.uuid)] == [1, 2]
    assert audit.verify(store.conn).ok


def test_other_field_changed_on_server_is_applied(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[1]["id"]
    entry = approved_update(store, people, coop, address="Yeni Mah. 3. Sok. No:5 Çankaya/Ankara")
    head_office(server, coop, phone="3124440000", title="Başka Bir Unvan")
    sync_now(store, server)
    assert entries.get_entry(store, entry.uuid).state == State.SYNCED
    now = record(server, coop)
    assert now["address"] == "Yeni Mah. 3. Sok. No:5 Çankaya/Ankara"
    assert now["title"] == "Başka Bir Unvan" and now["phone"] == "3124440000"


def test_merge_per_field(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[2]["id"]
    entry = approved_update(store, people, coop, title="Yerel Unvan", address="Yerel Adres Mah. 1. Sok.")
    head_office(server, coop, title="Merkezin Unvanı", address="Merkezin Adresi Mah. 2. Sok.")
    sync_now(store, server)
    parked = entries.get_entry(store, entry.uuid)
    assert sorted(f.key for f in describe(parked).conflicts) == ["address", "title"]
    with pytest.raises(ValidationFailed, match="Çakışan her alan"):
        resolution.merge(
            store,
            people["sef"],
            entry.uuid,
            {"title": "server"},
            "eksik seçim",
            seen=resolution.seen_now(store, entry.uuid),
        )
    merged = resolution.merge(
        store,
        people["sef"],
        entry.uuid,
        {"title": "server", "address": "local"},
        "Unvan merkezde doğru, adres bizde",
        seen=resolution.seen_now(store, entry.uuid),
    )
    assert merged.state == State.APPROVED
    assert merged.payload["title"] == "Merkezin Unvanı"
    assert merged.payload["address"] == "Yerel Adres Mah. 1. Sok."
    assert entries.revisions(store, entry.uuid)[-1].payload == merged.payload
    sync_now(store, server)
    now = record(server, coop)
    assert (now["title"], now["address"]) == ("Merkezin Unvanı", "Yerel Adres Mah. 1. Sok.")
    typed = approved_update(store, people, recs[3]["id"], title="İlk Hâli")
    head_office(server, recs[3]["id"], title="Merkez Hâli")
    sync_now(store, server)
    resolution.merge(
        store,
        people["sef2"],
        typed.uuid,
        {"title": {"value": "Elle Yazılan Doğru Unvan"}},
        "Tutanağa göre",
        seen=resolution.seen_now(store, typed.uuid),
    )
    sync_now(store, server)
    assert record(server, recs[3]["id"])["title"] == "Elle Yazılan Doğru Unvan"


def test_duplicate_member_then_take_server(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[4]["id"]
    entry, member_id = duplicate_admission(store, server, people, coop)
    sync_now(store, server)
    parked = entries.get_entry(store, entry.uuid)
    assert parked.state == State.CONFLICT
    assert parked.outcome and parked.outcome["kind"] == "duplicate"
    with pytest.raises(Exception, match="işe yaramaz"):
        resolution.keep_local(
            store, people["sef"], entry.uuid, "yeniden gönder", seen=resolution.seen_now(store, entry.uuid)
        )
    gone = resolution.take_server(
        store,
        people["sef"],
        entry.uuid,
        "Ortak merkezde zaten kayıtlı",
        seen=resolution.seen_now(store, entry.uuid),
    )
    assert gone.state == State.DISCARDED
    assert gone.payload["member_id"] == member_id  # the clerk's work is kept
    assert sum(1 for m in record(server, coop)["members"] if m["member_id"] == member_id) == 1


def test_board_changed_on_both_sides_row_level(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[5]["id"]
    entry, board, _ = chairman_change(store, people, recs[5])  # chairman changed locally
    assert len(board) >= 3
    extra = {
        "id_no": demo_data.tckn(random.Random(77)),
        "full_name": "Merkez Ekledi",
        "role": "yedek_uye",
        "term_years": 2,
    }
    head_office(server, coop, board=[*board, extra])  # head office added a substitute member
    sync_now(store, server)
    parked = entries.get_entry(store, entry.uuid)
    assert parked.state == State.CONFLICT
    (field,) = describe(parked).fields
    assert field.local_changed and field.server_changed
    assert not field.conflicting, "different rows changed: not a real conflict"
    merged_rows = field.merged()
    resolution.merge(
        store,
        people["sef"],
        entry.uuid,
        {"board": {"value": merged_rows}},
        "İki değişiklik birlikte geçerli",
        seen=resolution.seen_now(store, entry.uuid),
    )
    sync_now(store, server)
    now = record(server, coop)["board"]
    assert [r["id_no"] for r in now] == [r["id_no"] for r in [*board, extra]]
    assert now[1]["role"] == "baskan" and now[0]["role"] == "uye"

    again = [dict(r) for r in now]
    again[2]["term_years"] = 3
    second = approved(
        store,
        people["ayse"],
        people["sef"],
        "board.replace",
        coop,
        {"effective_date": day(4), "board": again},
    )
    clash = [dict(r) for r in now]
    clash[2]["term_years"] = 4
    head_office(server, coop, board=clash)
    sync_now(store, server)
    (field,) = describe(entries.get_entry(store, second.uuid)).fields
    assert field.conflicting
    assert [r.key for r in field.conflicting_rows] == [now[2]["id_no"]]


def test_stale_cooperative_and_return_to_clerk(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[6]["id"]
    entry = approved_update(store, people, coop, address="Yeni Adres Mah. 9. Sok.")
    head_office(server, coop, status="dissolved")
    sync_now(store, server)
    parked = entries.get_entry(store, entry.uuid)
    assert parked.state == State.CONFLICT and parked.outcome and parked.outcome["kind"] == "stale"
    back = resolution.return_to_clerk(
        store,
        people["sef"],
        entry.uuid,
        "Kooperatif terkin edilmiş; kaydı geri çekin",
        seen=resolution.seen_now(store, entry.uuid),
    )
    assert back.state == State.RETURNED
    assert back.comment == "Kooperatif terkin edilmiş; kaydı geri çekin"
    assert last_decision(store, entry.uuid)["details"]["kind"] == "stale"


def duplicate_registration(store: Store, people: dict[str, Actor], existing: dict[str, Any]) -> Any:
    """An approved registration of a cooperative KOOP-BİS already has (the same VKN)."""
    rng = random.Random(8)
    founders = [
        {"id_no": demo_data.tckn(rng), "full_name": demo_data.person_name(rng), "shares": 1} for _ in range(7)
    ]
    board = [
        {"id_no": f["id_no"], "full_name": f["full_name"], "role": role, "term_years": 2}
        for f, role in zip(founders, ("baskan", "baskan_yardimcisi", "uye"), strict=False)
    ]
    return approved(
        store,
        people["ayse"],
        people["sef"],
        "cooperative.register",
        None,
        {
            "title": existing["title"],
            "cooperative_type": existing["cooperative_type"],
            "province_code": "06",
            "district": existing["district"],
            "address": existing["address"],
            "effective_date": day(0),
            "trade_registry_no": "99999",
            "vkn": existing["vkn"],
            "share_value": "1000",
            "founders": founders,
            "board": board,
        },
    )


def test_linking_to_a_cooperative_the_local_list_lacks_says_how_to_get_it_without_a_flag(
    store: Store, server: LiveServer, people: dict[str, Actor]
) -> None:
    """Registered at head office after the offline list was made: the link needs the list updated,
    and the desktop shows the sentence too, so it says where to do that (no command-line flag)."""
    from koopbis_desktop.store import snapshot
    from koopbis_desktop.store.errors import NotFound
    from tests.sync.conftest import records

    recs = records(20)
    snapshot.upsert_records(store, recs[:7])
    reg = duplicate_registration(store, people, recs[12])
    sync_now(store, server)
    assert entries.get_entry(store, reg.uuid).state == State.CONFLICT
    with pytest.raises(NotFound) as refused:
        resolution.link_registration(
            store,
            people["sef"],
            reg.uuid,
            recs[12]["id"],
            "Zaten kayıtlı",
            seen=resolution.seen_now(store, reg.uuid),
        )
    said = refused.value.message
    assert recs[12]["id"] in said and "Dosya → Kooperatif listesini yükle" in said and "--" not in said, said
    assert entries.get_entry(store, reg.uuid).state == State.CONFLICT


def test_registration_with_existing_vkn_links_dependents(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    existing = recs[7]
    reg = duplicate_registration(store, people, existing)
    rng = random.Random(9)
    member_id = demo_data.tckn(rng)
    dependent = approved(
        store,
        people["ayse"],
        people["sef"],
        "member.admit",
        reg.uuid,
        {
            "member_id": member_id,
            "full_name": "Bağlı Kayıt",
            "effective_date": day(2),
            "decision_no": "1",
            "shares": 1,
            "subscribed_amount": "1000",
            "paid_amount": "500",
        },
    )
    sync_now(store, server)
    parked = entries.get_entry(store, reg.uuid)
    assert parked.state == State.CONFLICT
    assert parked.outcome and parked.outcome["kind"] == "duplicate" and parked.outcome["duplicate"] == "vkn"
    assert entries.get_entry(store, dependent.uuid).state == State.APPROVED  # waited, never sent
    resolution.link_registration(
        store,
        people["sef"],
        reg.uuid,
        existing["id"],
        "Kooperatif zaten kayıtlıymış",
        seen=resolution.seen_now(store, reg.uuid),
    )
    relinked = entries.get_entry(store, dependent.uuid)
    assert relinked.cooperative_id == existing["id"] and relinked.cooperative_ref is None
    assert relinked.base == {f"member:{member_id}": None}
    assert entries.get_entry(store, reg.uuid).state == State.DISCARDED
    sync_now(store, server)
    assert entries.get_entry(store, dependent.uuid).state == State.SYNCED
    assert any(m["member_id"] == member_id for m in record(server, existing["id"])["members"])
    assert [r["action"] for r in entries.audit_rows(store, dependent.uuid)][-3:] == [
        "relink",
        "send",
        "apply",
    ]


def test_linking_a_registration_while_a_clerk_saves_a_dependent_draft(
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A supervisor links a duplicate registration to the cooperative KOOP-BİS has while, on
    another PC, the clerk saves a draft waiting on it with another member. The link waits for
    the save and re-bases the draft as the clerk left it: a base taken from the payload before
    the save would not cover the new member, and a conflict on it could not be seen."""
    existing = recs[8]
    reg = duplicate_registration(store, people, existing)
    rng = random.Random(10)
    first, second = demo_data.tckn(rng), demo_data.tckn(rng)

    def admission(member_id: str) -> dict[str, Any]:
        return {
            "member_id": member_id,
            "full_name": "Taslak Üye",
            "effective_date": day(2),
            "decision_no": "1",
            "shares": 1,
            "subscribed_amount": "1000",
            "paid_amount": "500",
        }

    draft = capture.create_entry(store, people["ayse"], "member.admit", reg.uuid, admission(first))
    sync_now(store, server)
    assert entries.get_entry(store, reg.uuid).state == State.CONFLICT
    saved, linked = beside_a_held_change(
        store,
        monkeypatch,
        lambda pc: capture.edit_entry(pc, people["ayse"], draft.uuid, admission(second), loaded_revision=1),
        lambda pc: resolution.link_registration(
            pc,
            people["sef"],
            reg.uuid,
            existing["id"],
            "Kooperatif zaten kayıtlıymış",
            seen=resolution.seen_now(pc, reg.uuid),
        ),
    )
    assert not isinstance(saved, Exception), saved
    assert not isinstance(linked, Exception), linked
    relinked = entries.get_entry(store, draft.uuid)
    assert relinked.cooperative_id == existing["id"] and relinked.state == State.DRAFT
    assert relinked.revision == 3 and relinked.payload["member_id"] == second
    assert relinked.base == {f"member:{second}": None}
    assert [r.revision for r in entries.revisions(store, draft.uuid)] == [1, 2, 3]
    assert audit.verify(store.conn).ok


def test_cli_conflicts(
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    coop = recs[9]["id"]
    entry = approved_update(store, people, coop, title="CLI Yerel Unvan")
    head_office(server, coop, title="CLI Merkez Unvan")
    sync_now(store, server)
    db = ["--db", db_arg(store)]
    reader = [*db, "--as", "sef"]
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main([*reader, "conflicts", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(c["id"], c["kind"], c["conflicting"]) for c in listed] == [(entry.uuid, "conflict", ["title"])]
    assert main([*reader, "conflicts", "show", entry.uuid]) == 0
    shown = capsys.readouterr().out
    assert "Gördüğünüz" in shown and "CLI Merkez Unvan" in shown and "ÇAKIŞIYOR" in shown
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert (
        main([*db, "conflicts", "resolve", entry.uuid, "--as", "ayse", "--take", "server", "--reason", "x"])
        == 4
    )
    assert (
        main(
            [
                *db,
                "conflicts",
                "resolve",
                entry.uuid,
                "--as",
                "sef",
                "--take",
                "merge",
                "--fields",
                '{"title": "server"}',
                "--reason",
                "Merkez doğru",
                "--seen",
                resolution.seen_now(store, entry.uuid).token,
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert entries.get_entry(store, entry.uuid).payload["title"] == "CLI Merkez Unvan"


def test_preview_reports_without_changing_anything(
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    clash = approved_update(store, people, recs[10]["id"], title="Önizleme Yerel")
    fine = approved_update(store, people, recs[11]["id"], address="Önizleme Adres Mah.")
    head_office(server, recs[10]["id"], title="Önizleme Merkez")
    before = store.conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    monkeypatch.setenv("KOOPBIS_SERVER_PASSWORD", "egitim2015")
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    code = main(
        [
            "--db",
            db_arg(store),
            "--as",
            "sef",
            "sync",
            "--preview",
            "--server",
            server.url,
            "--username",
            "egitim",
            "--json",
        ]
    )
    verdicts = {i["entry"]: i["verdict"] for i in json.loads(capsys.readouterr().out)}
    assert code == 3
    assert verdicts == {clash.uuid: "conflict", fine.uuid: "ok"}
    assert store.conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == before
    assert {e.state for e in entries.list_entries(store)} == {State.APPROVED}
    applied = set(applied_keys(server))
    assert not applied & {clash.uuid, fine.uuid}


def test_identical_change_on_both_sides_is_synced_with_a_note(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[12]["id"]
    entry = approved_update(store, people, coop, title="Aynı Yeni Unvan Konut Yapı Kooperatifi")
    head_office(server, coop, title="Aynı Yeni Unvan Konut Yapı Kooperatifi")
    member_id = demo_data.tckn(random.Random(12))
    admit = approved(
        store,
        people["ayse"],
        people["sef"],
        "member.admit",
        recs[13]["id"],
        {
            "member_id": member_id,
            "full_name": "Aynı Ortak",
            "effective_date": day(2),
            "decision_no": "4",
            "shares": 2,
            "subscribed_amount": "2000",
            "paid_amount": "1000",
        },
    )
    members = record(server, recs[13]["id"])["members"]
    head_office(
        server,
        recs[13]["id"],
        members=[
            *members,
            {"member_id": member_id, "full_name": "Aynı Ortak", "shares": 2, "joined_on": day(2)},
        ],
    )
    version_before = record(server, coop)["version"]
    sync_now(store, server)
    for uuid in (entry.uuid, admit.uuid):
        done = entries.get_entry(store, uuid)
        assert done.state == State.SYNCED, done.outcome
        assert done.receipt is None
        assert done.outcome and done.outcome["status"] == "already_applied"
        last = entries.audit_rows(store, uuid)[-1]
        assert last["action"] == "apply" and "zaten" in last["comment"]
    assert record(server, coop)["version"] == version_before  # nothing applied a second time
    applied = set(applied_keys(server))
    assert not applied & {entry.uuid, admit.uuid}
