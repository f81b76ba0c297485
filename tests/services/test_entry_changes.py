"""Before → after of real entries in a real store, as the entry view, the slip and the CLI show it.

The after side comes from applying the change to a copy of what the clerk saw
(``effects.apply_change``), so these tests pin the lines a supervisor reads.
"""

from __future__ import annotations

from typing import Any

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture, reports
from koopbis_desktop.services.entry_changes import (
    REFUSED,
    SAME,
    Change,
    changes_text,
    entry_changes,
    load_entry_details,
    values_after,
)
from koopbis_desktop.store.db import Store
from tests.conftest import member_admission, valid_tckn
from tests.server.conftest import payload_for


def _record(cooperatives: list[dict[str, Any]], index: int = 1) -> dict[str, Any]:
    return cooperatives[index]


def _by_what(changes: list[Change]) -> dict[str, Change]:
    return {c.what: c for c in changes}


def test_title_change(store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]) -> None:
    record = _record(cooperatives)
    entry = capture.create_entry(
        store,
        people["ayse"],
        "cooperative.update",
        record["id"],
        {"effective_date": "02.03.2015", "title": "Yeni Unvanlı Konut Yapı Kooperatifi"},
    )
    assert entry_changes(entry) == [
        Change("Yeni unvan", record["title"], "Yeni Unvanlı Konut Yapı Kooperatifi", "değişiyor")
    ]
    details = load_entry_details(store, entry.uuid)
    assert details.changes == entry_changes(entry, details.province_code)
    assert details.cooperative_title == record["title"]
    assert changes_text(details.changes) == [
        f"Yeni unvan: {record['title']} → Yeni Unvanlı Konut Yapı Kooperatifi (değişiyor)"
    ]


def test_member_admission(store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]) -> None:
    record = _record(cooperatives)
    entry = capture.create_entry(store, people["ayse"], "member.admit", record["id"], member_admission(5))
    (change,) = entry_changes(entry)
    assert change == Change(f"Ortak {valid_tckn(5)}", "—", "Zeynep Işık, 2 pay", "yeni ortak")
    assert change.changes


def test_admitting_an_existing_member_says_so(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    record = _record(cooperatives)
    member = record["members"][0]
    data = member_admission(full_name=member["full_name"], member_id=member["member_id"])
    entry = capture.create_entry(store, people["ayse"], "member.admit", record["id"], data)
    (change,) = entry_changes(entry)
    assert change.kind == "zaten ortak!"
    assert change.before.startswith(f"{member['full_name']}, {member['shares']} pay")


def test_liquidation_start(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    record = _record(cooperatives)
    assert record["status"] == "active"
    data = payload_for("liquidation.start", record)
    entry = capture.create_entry(store, people["ayse"], "liquidation.start", record["id"], data)
    assert entry.base == {"status": "active"}
    assert entry_changes(entry) == [Change("Durum", "Faal", "Tasfiye halinde", "değişiyor")]
    # Ending a liquidation that never started cannot apply: the line says so, the status stays.
    ctype = get_type("liquidation.end")
    assert values_after(ctype, payload_for("liquidation.end", record), {"status": "active"}) == {
        "status": "active"
    }
    ended = capture.create_entry(
        store, people["ayse"], "liquidation.end", record["id"], payload_for("liquidation.end", record)
    )
    assert entry_changes(ended) == [Change("Durum", "Faal", "Faal", REFUSED)]


def test_merger_ends_the_absorbed_cooperative_only(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    record = _record(cooperatives)
    absorbed = capture.create_entry(
        store, people["ayse"], "merger", record["id"], payload_for("merger", record)
    )
    assert entry_changes(absorbed) == [Change("Durum", "Faal", "Birleşme ile sona erdi", "değişiyor")]
    absorbing = capture.create_entry(
        store, people["ayse"], "merger", record["id"], {**payload_for("merger", record), "role": "devralan"}
    )
    assert entry_changes(absorbing) == [Change("Durum", "Faal", "Faal", SAME)]
    assert not entry_changes(absorbing)[0].changes


def test_board_replacement_rows(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    record = _record(cooperatives)
    old = record["board"]
    board = [dict(b) for b in old[:3]]
    board[0]["role"] = "baskan" if board[0]["role"] != "baskan" else "uye"
    entry = capture.create_entry(
        store, people["ayse"], "board.replace", record["id"], {"effective_date": "01.03.2015", "board": board}
    )
    kinds = {c.what: c.kind for c in entry_changes(entry)}
    assert kinds[f"Yönetim kurulu: {old[0]['full_name']} ({old[0]['id_no']})"] == "değişiyor"
    assert kinds[f"Yönetim kurulu: {old[1]['full_name']} ({old[1]['id_no']})"] == SAME
    for gone in old[3:]:
        assert kinds[f"Yönetim kurulu: {gone['full_name']} ({gone['id_no']})"] == "çıkıyor"


def test_entry_slip_prints_the_same_lines(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    record = _record(cooperatives)
    data = payload_for("liquidation.start", record)
    entry = capture.create_entry(store, people["ayse"], "liquidation.start", record["id"], data)
    slip = reports.entry_slip(store, entry.uuid, "06")
    (table,) = [
        s for s in slip.sections if isinstance(s, reports.Table) and s.title == "Önceki ve yeni değerler"
    ]
    assert [tuple(row) for row in table.rows] == [
        (c.what, c.before, c.after, c.kind) for c in _by_what(entry_changes(entry)).values()
    ]


def test_leaving_says_why_and_to_whom_the_shares_go(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    record = _record(cooperatives)
    member = record["members"][0]
    resign = capture.create_entry(
        store, people["ayse"], "member.leave", record["id"], payload_for("member.leave", record)
    )
    (change,) = entry_changes(resign)
    assert change.what == f"Ortak {member['member_id']}"
    assert change.after == "—"
    assert change.kind == "ortaklık sona eriyor (İstifa (çıkma))"
    transfer = {
        **payload_for("member.leave", record),
        "reason": "devir",
        "transferee_id": valid_tckn(7),
        "transferee_name": "Gülşen Ünal",
    }
    entry = capture.create_entry(
        store, people["mehmet"], "member.leave", record["id"], transfer, allow_errors=True
    )
    (change,) = entry_changes(entry)
    assert change.kind == "ortaklık sona eriyor (Payın devri); paylar Gülşen Ünal kişisine"
