"""Capture and review through the service layer: states, revisions, roles and the four-eyes rule."""

from __future__ import annotations

from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor, IllegalTransition, NotPermitted, State
from koopbis_desktop.services import capture, queries, review
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import NotFound
from koopbis_desktop.store.listing import EntryFilter
from tests.conftest import member_admission, resubmit_from_another_pc, valid_tckn


@pytest.fixture
def coop_id(cooperatives: list[dict[str, Any]]) -> str:
    return str(cooperatives[1]["id"])


def test_full_cycle_with_return_and_resubmit(store: Store, people: dict[str, Actor], coop_id: str) -> None:
    clerk, sup = people["ayse"], people["sef"]
    entry = capture.create_entry(store, clerk, "member.admit", coop_id, member_admission())
    assert entry.state == State.DRAFT
    assert entry.payload["subscribed_amount"] == "2000.00"
    assert entry.payload["effective_date"] == "2015-03-02"
    assert entry.effective_date == "2015-03-02"
    assert entry.base == {f"member:{member_admission()['member_id']}": None}
    submitted = capture.submit_entry(store, clerk, entry.uuid)
    assert submitted.state == State.SUBMITTED
    returned = review.return_entry(store, sup, entry.uuid, "Karar no yanlış, düzeltin.")
    assert returned.state == State.RETURNED
    assert returned.comment == "Karar no yanlış, düzeltin."
    with pytest.raises(IllegalTransition):
        capture.submit_entry(store, clerk, entry.uuid)  # must be edited first
    edited = capture.edit_entry(store, clerk, entry.uuid, member_admission(decision_no="2015/15"))
    assert edited.state == State.DRAFT
    assert edited.revision == 2
    capture.submit_entry(store, clerk, entry.uuid)
    approved = review.approve_entry(store, sup, entry.uuid, "Uygun")
    assert approved.state == State.APPROVED
    assert approved.approver == "sef"
    revs = entries.revisions(store, entry.uuid)
    assert [r.revision for r in revs] == [1, 2]
    assert revs[0].payload["decision_no"] == "2015/14"
    assert revs[1].payload["decision_no"] == "2015/15"
    moves = [
        (r["action"], r["from_state"], r["to_state"], r["actor"])
        for r in entries.audit_rows(store, entry.uuid)
    ]
    assert moves == [
        ("create", None, "draft", "ayse"),
        ("submit", "draft", "submitted", "ayse"),
        ("return", "submitted", "returned", "sef"),
        ("edit", "returned", "draft", "ayse"),
        ("submit", "draft", "submitted", "ayse"),
        ("approve", "submitted", "approved", "sef"),
    ]
    assert audit.verify(store.conn).ok


def test_four_eyes_in_service_layer(store: Store, people: dict[str, Actor], coop_id: str) -> None:
    sup = people["sef"]
    own = capture.create_entry(store, sup, "member.admit", coop_id, member_admission(2))
    capture.submit_entry(store, sup, own.uuid)
    with pytest.raises(NotPermitted, match="Dört göz"):
        review.approve_entry(store, sup, own.uuid)
    with pytest.raises(NotPermitted, match="Dört göz"):
        review.return_entry(store, sup, own.uuid, "kendime iade")
    assert entries.get_entry(store, own.uuid).state == State.SUBMITTED
    assert review.approve_entry(store, people["sef2"], own.uuid).state == State.APPROVED


def test_roles(store: Store, people: dict[str, Actor], coop_id: str) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop_id, member_admission(3))
    with pytest.raises(NotPermitted):
        capture.edit_entry(store, people["mehmet"], entry.uuid, member_admission(3))
    with pytest.raises(NotPermitted):
        capture.submit_entry(store, people["mehmet"], entry.uuid)
    with pytest.raises(NotPermitted):
        capture.withdraw_entry(store, people["sef"], entry.uuid)
    capture.submit_entry(store, people["ayse"], entry.uuid)
    with pytest.raises(NotPermitted, match="şef"):
        review.approve_entry(store, people["mehmet"], entry.uuid)
    with pytest.raises(NotPermitted, match="şef"):
        review.approve_entry(store, people["admin"], entry.uuid)
    with pytest.raises(NotPermitted):
        capture.create_entry(store, people["admin"], "member.admit", coop_id, member_admission(4))
    assert entries.get_entry(store, entry.uuid).state == State.SUBMITTED


def test_validation_refuses_and_keeps_nothing(store: Store, people: dict[str, Actor], coop_id: str) -> None:
    before = store.conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    bad = member_admission(member_id="12345678901", effective_date="31.02.2015")
    with pytest.raises(ValidationFailed) as info:
        capture.create_entry(store, people["ayse"], "member.admit", coop_id, bad)
    paths = (
        {i.path for i in info.value.errors}
        if hasattr(info.value, "errors")
        else {i.path for i in info.value.issues}
    )
    assert {"member_id", "effective_date"} <= paths
    assert store.conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == before


def test_incomplete_draft_is_kept_as_typed_but_cannot_be_submitted(
    store: Store, people: dict[str, Actor], coop_id: str
) -> None:
    bad = member_admission(member_id="1234")
    draft = capture.create_entry(store, people["ayse"], "member.admit", coop_id, bad, allow_errors=True)
    assert draft.payload["member_id"] == "1234"
    assert any(i["field"] == "member_id" and i["severity"] == "error" for i in draft.issues)
    with pytest.raises(ValidationFailed, match="onaya gönderilemez"):
        capture.submit_entry(store, people["ayse"], draft.uuid)
    assert entries.get_entry(store, draft.uuid).state == State.DRAFT


def test_warning_does_not_block(store: Store, people: dict[str, Actor], coop_id: str) -> None:
    entry = capture.create_entry(
        store, people["ayse"], "member.admit", coop_id, member_admission(5, paid_amount="100")
    )
    assert any(i["severity"] == "warning" and "md. 19" in (i["article"] or "") for i in entry.issues)
    assert capture.submit_entry(store, people["ayse"], entry.uuid).state == State.SUBMITTED


def test_a_list_row_flags_the_errors_and_warnings_its_entry_holds(
    store: Store, people: dict[str, Actor], coop_id: str
) -> None:
    """The queue's icon column: an error (a draft kept as typed), a warning (md. 19), neither."""
    error = capture.create_entry(
        store, people["ayse"], "member.admit", coop_id, member_admission(member_id="1234"), allow_errors=True
    )
    warning = capture.create_entry(
        store, people["ayse"], "member.admit", coop_id, member_admission(5, paid_amount="100")
    )
    clean = capture.create_entry(store, people["ayse"], "member.admit", coop_id, member_admission(6))
    assert not clean.issues
    rows = {row.uuid: row for row in queries.page_entries(store, EntryFilter(), limit=50)}
    assert (rows[error.uuid].has_errors, rows[error.uuid].has_warnings) == (True, False)
    assert (rows[warning.uuid].has_errors, rows[warning.uuid].has_warnings) == (False, True)
    assert (rows[clean.uuid].has_errors, rows[clean.uuid].has_warnings) == (False, False)
    assert rows[warning.uuid].label == warning.number and rows[clean.uuid].revision == clean.revision


def test_return_requires_comment(store: Store, people: dict[str, Actor], coop_id: str) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop_id, member_admission(6))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    with pytest.raises(ValidationFailed, match="İade nedeni"):
        review.return_entry(store, people["sef"], entry.uuid, "   ")
    assert entries.get_entry(store, entry.uuid).state == State.SUBMITTED


def test_withdraw_and_no_way_back(store: Store, people: dict[str, Actor], coop_id: str) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop_id, member_admission(7))
    capture.withdraw_entry(store, people["ayse"], entry.uuid)
    with pytest.raises(IllegalTransition):
        capture.submit_entry(store, people["ayse"], entry.uuid)
    with pytest.raises(IllegalTransition):
        capture.edit_entry(store, people["ayse"], entry.uuid, member_admission(7))


def test_unknown_cooperative_and_entry(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    with pytest.raises(NotFound, match="Kooperatif bulunamadı"):
        capture.create_entry(store, people["ayse"], "member.admit", "99-999999", member_admission())
    with pytest.raises(NotFound):
        review.approve_entry(store, people["sef"], "00000000-0000-0000-0000-000000000000")


def test_base_captures_snapshot_values(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    record = cooperatives[2]
    member = record["members"][0]
    leave = {
        "member_id": member["member_id"],
        "full_name": member["full_name"],
        "reason": "istifa",
        "effective_date": "01.03.2015",
        "decision_no": "7",
    }
    entry = capture.create_entry(store, people["ayse"], "member.leave", record["id"], leave)
    assert entry.base == {f"member:{member['member_id']}": member}
    update = capture.create_entry(
        store,
        people["ayse"],
        "cooperative.update",
        record["id"],
        {"effective_date": "01.03.2015", "title": "Yeni Unvan Konut Yapı Kooperatifi"},
    )
    assert update.base == {"title": record["title"]}


def test_entries_for_a_locally_registered_cooperative(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    founders = [{"id_no": valid_tckn(100 + i), "full_name": f"Kurucu {i}", "shares": 1} for i in range(7)]
    board = [
        {
            "id_no": founders[i]["id_no"],
            "full_name": founders[i]["full_name"],
            "role": role,
            "term_years": 2,
        }
        for i, role in enumerate(("baskan", "baskan_yardimcisi", "uye"))
    ]
    reg = capture.create_entry(
        store,
        people["ayse"],
        "cooperative.register",
        None,
        {
            "title": "Yeni Işık Konut Yapı Kooperatifi",
            "cooperative_type": "konut",
            "province_code": "06",
            "district": "Çankaya",
            "address": "Kızılay Mah. 1. Sok. No:1",
            "effective_date": "20.02.2015",
            "trade_registry_no": "12345",
            "share_value": "1.000",
            "founders": founders,
            "board": board,
        },
    )
    admit = capture.create_entry(store, people["ayse"], "member.admit", reg.uuid, member_admission(200))
    assert admit.cooperative_ref == reg.uuid
    assert admit.cooperative_id is None
    leave = capture.create_entry(
        store,
        people["ayse"],
        "member.leave",
        reg.uuid,
        {
            "member_id": founders[6]["id_no"],
            "full_name": "Kurucu 6",
            "reason": "istifa",
            "effective_date": "25.02.2015",
            "decision_no": "3",
        },
    )
    assert leave.base[f"member:{founders[6]['id_no']}"]["full_name"] == "Kurucu 6"
    assert [e.uuid for e in entries.list_entries(store, cooperative=reg.uuid)] == [
        admit.uuid,
        leave.uuid,
    ]


def test_bulk_approve_reports_each(store: Store, people: dict[str, Actor], coop_id: str) -> None:
    uuids = []
    for seed in range(10, 14):
        e = capture.create_entry(store, people["ayse"], "member.admit", coop_id, member_admission(seed))
        capture.submit_entry(store, people["ayse"], e.uuid)
        uuids.append(e.uuid)
    own = capture.create_entry(store, people["sef"], "member.admit", coop_id, member_admission(20))
    capture.submit_entry(store, people["sef"], own.uuid)
    shown = {key: entries.get_entry(store, key).revision for key in [*uuids, own.uuid]}
    result = review.approve_many(store, people["sef"], shown)
    assert result.approved == uuids
    assert list(result.refused) == [own.uuid]
    assert entries.count_by_state(store)[State.APPROVED] == 4


def test_bulk_approve_refuses_an_entry_rewritten_after_the_list_showed_it(
    store: Store, people: dict[str, Actor], coop_id: str
) -> None:
    """The approvals list shows two submissions; before the supervisor approves them, one is
    returned on another PC, rewritten by the clerk and sent again. Its new content is not approved
    unread: it is named with the reason and waits; the other is approved."""
    keys = []
    for seed in (15, 16):
        entry = capture.create_entry(store, people["ayse"], "member.admit", coop_id, member_admission(seed))
        capture.submit_entry(store, people["ayse"], entry.uuid)
        keys.append(entry.uuid)
    rows = queries.page_entries(store, EntryFilter(states=(State.SUBMITTED,)), limit=50)
    shown = {row.uuid: row.revision for row in rows}
    assert shown == {keys[0]: 1, keys[1]: 1}
    resubmit_from_another_pc(
        store, people["sef2"], people["ayse"], keys[1], member_admission(16, full_name="Başka Kişi")
    )

    result = review.approve_many(store, people["sef"], shown)

    assert result.approved == [keys[0]]
    assert list(result.refused) == [keys[1]]
    reason = result.refused[keys[1]]
    assert reason.startswith("Liste gösterildikten sonra içeriği değişti: ayse "), reason
    assert "başka bir bilgisayarda" in reason and "kaydı açıp okuyun, sonra onaylayın" in reason
    changed = entries.get_entry(store, keys[1])
    assert (changed.state, changed.revision, changed.approver) == (State.SUBMITTED, 2, None)
    assert changed.payload["full_name"] == "Başka Kişi"
    assert entries.get_entry(store, keys[0]).state == State.APPROVED
    # Listed again, it shows the new revision, and approving that one goes through.
    again = {
        row.uuid: row.revision
        for row in queries.page_entries(store, EntryFilter(states=(State.SUBMITTED,)), limit=50)
    }
    assert again == {keys[1]: 2}
    assert review.approve_many(store, people["sef"], again).approved == [keys[1]]
