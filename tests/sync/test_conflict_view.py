"""The labelled three-column comparison of real conflicts from the reference server (no Qt).

Each conflict is made as in the dialog tests: the head office edits the record
through the server's admin endpoint and the sync runs over loopback, so the lines
are what a supervisor sees for what KOOP-BİS actually answered.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from sync.conflict_view import (
    CHOOSE_LOCAL,
    CHOOSE_SERVER,
    CHOOSE_TYPED,
    COLUMNS,
    CONFLICT,
    LOCAL_ONLY,
    SECTION_TITLES,
    SERVER_ONLY,
    ComparisonLine,
    conflict_json,
    conflict_text,
    kind_label,
    load_conflict,
)
from tests.sync.conftest import (
    LiveServer,
    approved_update,
    chairman_change,
    duplicate_admission,
    head_office,
    seed_snapshot,
    sync_now,
)

LOCAL_TITLE = "Yerel Yeni Unvan Konut Yapı Kooperatifi"
SERVER_TITLE = "Genel Müdürlükçe Düzeltilmiş Unvan"
SERVER_ADDRESS = "Merkez Mah. 5. Sok. No:9 Çankaya/Ankara"
LOCAL_PHONE = "0312 555 44 33"


@pytest.fixture
def recs(store: Store, server: LiveServer) -> list[dict[str, Any]]:
    return seed_snapshot(store, 20)


def in_conflict(store: Store, server: LiveServer, uuid: str) -> None:
    sync_now(store, server)
    assert entries.get_entry(store, uuid).state == State.CONFLICT


def test_title_changed_on_both_sides(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[0]
    entry = approved_update(store, people, coop["id"], title=LOCAL_TITLE)
    head_office(server, coop["id"], title=SERVER_TITLE)
    in_conflict(store, server, entry.uuid)

    details = load_conflict(store, entry.uuid)
    assert details.kind == "conflict" and kind_label(details.entry.outcome) == "Çakışma"
    assert details.cooperative_title == coop["title"]
    assert details.lines == [
        ComparisonLine(
            "title",
            "Unvan",
            coop["title"],
            LOCAL_TITLE,
            SERVER_TITLE,
            "ÇAKIŞIYOR: iki tarafta farklı",
            True,
            CONFLICT,
        )
    ]
    (chooser,) = details.choosers
    assert (chooser.name, chooser.label, chooser.suggested) == ("title", "Unvan", None)
    assert chooser.choices == [CHOOSE_LOCAL, CHOOSE_SERVER, CHOOSE_TYPED]
    assert chooser.drops(CHOOSE_LOCAL) == f"KOOP-BİS'teki: {SERVER_TITLE}"
    assert chooser.drops(CHOOSE_SERVER) == f"Girdiğiniz: {LOCAL_TITLE}"
    assert details.keep_losses() == [f"• Unvan: «{SERVER_TITLE}» yerine «{LOCAL_TITLE}»"]
    assert details.take_losses() == [f"• Unvan: «{LOCAL_TITLE}»"]

    text = conflict_text(details)
    assert "  Unvan [ÇAKIŞIYOR: iki tarafta farklı]" in text
    assert f"      {COLUMNS[3]:<17}  {SERVER_TITLE}" in text
    shown = conflict_json(details)
    assert shown["columns"] == list(COLUMNS)
    assert shown["lines"][0]["local"] == LOCAL_TITLE
    assert shown["choosers"][0]["choices"]["server"] == {
        "label": "KOOP-BİS'teki",
        "drops": f"Girdiğiniz: {LOCAL_TITLE}",
    }


def test_values_changed_on_one_side_only_are_not_conflicts(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[1]
    # The clerk retypes the address as it was and adds a phone; the head office moves the address.
    entry = approved_update(
        store, people, coop["id"], title=LOCAL_TITLE, address=coop["address"], phone=LOCAL_PHONE
    )
    head_office(server, coop["id"], title=SERVER_TITLE, address=SERVER_ADDRESS)
    in_conflict(store, server, entry.uuid)

    details = load_conflict(store, entry.uuid)
    by_key = {line.key: line for line in details.lines}
    assert by_key["title"].section == CONFLICT
    address = by_key["address"]
    assert (address.section, address.conflicting) == (SERVER_ONLY, False)
    assert (address.base, address.local, address.server) == (coop["address"], coop["address"], SERVER_ADDRESS)
    assert address.difference == "yalnız KOOP-BİS'te değişti"
    phone = by_key["phone"]
    typed = details.entry.payload["phone"]  # as the clerk's form normalised it
    assert (phone.section, phone.local, phone.difference) == (LOCAL_ONLY, typed, "yalnız sizde değişti")
    # KOOP-BİS flags the moved address too; taking its value loses nothing, so that is preselected.
    assert [(c.name, c.suggested) for c in details.choosers] == [("title", None), ("address", CHOOSE_SERVER)]
    address_chooser = details.choosers[1]
    assert address_chooser.drops(CHOOSE_SERVER) == ""
    assert address_chooser.drops(CHOOSE_LOCAL) == f"KOOP-BİS'teki: {SERVER_ADDRESS}"
    assert "      server  KOOP-BİS'teki (önerilen: hiçbir şey kaybolmaz)" in conflict_text(details)
    # Sending the entry as it is overwrites the moved address too; taking KOOP-BİS's drops the phone.
    assert sorted(line.key for line in details.overwritten_by_keep) == ["address", "title"]
    assert sorted(line.key for line in details.given_up_by_take) == ["phone", "title"]
    text = conflict_text(details)
    for title in SECTION_TITLES.values():
        assert title in text


def test_board_conflict_row_by_row(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[5]
    entry, board, _local = chairman_change(store, people, coop)
    remote = [dict(r) for r in board]
    remote[0]["term_years"] = 3  # the same person's row, changed differently at the head office
    extra = {
        "id_no": demo_data.tckn(random.Random(77)),
        "full_name": "Merkez Ekledi",
        "role": "yedek_uye",
        "term_years": 2,
    }
    head_office(server, coop["id"], board=[*remote, extra])
    in_conflict(store, server, entry.uuid)

    details = load_conflict(store, entry.uuid)
    lines = {line.what: line for line in details.lines}
    first, second = board[0], board[1]
    clash = lines[f"Yönetim kurulu: {first['full_name']} ({first['id_no']})"]
    assert clash.conflicting and clash.difference == "ÇAKIŞIYOR: sizde değişti · KOOP-BİS'te değişti"
    assert "Üye" in clash.local and "3 yıl" in clash.server
    ours = lines[f"Yönetim kurulu: {second['full_name']} ({second['id_no']})"]
    assert not ours.conflicting and ours.difference == "sizde değişti"
    added = lines[f"Yönetim kurulu: Merkez Ekledi ({extra['id_no']})"]
    assert (added.base, added.local, added.difference) == ("—", "—", "KOOP-BİS'te eklendi")
    assert {line.section for line in details.lines} == {CONFLICT}  # a clashing group is decided as one
    (chooser,) = details.choosers
    assert chooser.is_group and chooser.choices == [CHOOSE_LOCAL, CHOOSE_SERVER]
    assert chooser.local_text == f"{len(board)} satır" and chooser.server_text == f"{len(board) + 1} satır"


def test_duplicate_admission(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[3]["id"]
    entry, member_id = duplicate_admission(store, server, people, coop)
    in_conflict(store, server, entry.uuid)

    details = load_conflict(store, entry.uuid)
    assert details.kind == "duplicate"
    assert kind_label(details.entry.outcome) == "Mükerrer (ortak zaten kayıtlı)"
    assert details.choosers == [] and details.link_target is None
    (line,) = details.lines
    assert line.what == f"Ortak {member_id}"
    assert line.base == "—"
    assert line.local.startswith("Zeynep Işık, 2 pay")
    assert line.server.startswith("Zeynep Işık, 3 pay")
    text = conflict_text(details)
    assert (
        "Çakışma:    Mükerrer (ortak zaten kayıtlı) — Bu kayıt KOOP-BİS'te zaten var; ikinci kez uygulanmadı."
        in text
    )
    assert not any(t.startswith("Girdiğiniz gönderilirse") for t in text)  # resending cannot help


def test_a_value_the_office_itself_sent_earlier_is_not_shown_as_a_conflict(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    """The office renamed the cooperative (applied), then changed its name and phone again.

    The second entry was written against the offline list (the old name) and went out with
    the first one's name as its base. The head office changed only the phone meanwhile, so
    KOOP-BİS's conflict is the phone alone: the name is the clerk's own change, not a clash
    with the head office, and the review must show it so — base = the name the office sent.
    """
    coop = recs[3]
    first = approved_update(store, people, coop["id"], title="Birinci Unvan Konut Yapı Kooperatifi")
    sync_now(store, server)
    assert entries.get_entry(store, first.uuid).state == State.SYNCED
    second = approved_update(store, people, coop["id"], title=LOCAL_TITLE, phone=LOCAL_PHONE)
    assert second.base["title"] == coop["title"]  # what the offline list said
    head_office(server, coop["id"], phone="0312 999 88 77")
    in_conflict(store, server, second.uuid)
    outcome = entries.get_entry(store, second.uuid).outcome or {}
    assert [c["key"] for c in outcome["conflicts"]] == ["phone"]

    details = load_conflict(store, second.uuid)
    by_key = {line.key: line for line in details.lines}
    title = by_key["title"]
    assert (title.base, title.local, title.server) == (
        "Birinci Unvan Konut Yapı Kooperatifi",
        LOCAL_TITLE,
        "Birinci Unvan Konut Yapı Kooperatifi",
    )
    assert (title.section, title.conflicting) == (LOCAL_ONLY, False)
    assert by_key["phone"].section == CONFLICT
    assert [c.name for c in details.choosers] == ["phone"]
    # Sending it again over KOOP-BİS's values changes the name as the clerk meant; nothing of the
    # head office's is given up but its phone.
    assert [line.key for line in details.overwritten_by_keep] == ["phone"]
    # The decision's audit row keeps the base KOOP-BİS compared with and the one the clerk saw.
    resolution.keep_local(
        store,
        people["sef"],
        second.uuid,
        "Telefonu kooperatif yeniden bildirdi.",
        seen=resolution.seen_now(store, second.uuid),
    )
    (row,) = [
        r for r in entries.audit_rows(store, second.uuid) if r["details"].get("decision") == "keep_local"
    ]
    assert row["details"]["base"]["title"] == "Birinci Unvan Konut Yapı Kooperatifi"
    assert row["details"]["captured_base"]["title"] == coop["title"]
    sync_now(store, server)
    assert entries.get_entry(store, second.uuid).state == State.SYNCED
    assert server.client().get(f"/api/v1/cooperatives/{coop['id']}").json()["title"] == LOCAL_TITLE
