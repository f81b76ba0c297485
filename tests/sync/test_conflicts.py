"""Three-way comparison: base / local / server per key, groups row by row by natural key."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from koopbis_desktop.domain.changetypes import get_type
from sync.conflicts import compare, three_way

UPDATE = get_type("cooperative.update")
BOARD = get_type("board.replace")


def board_row(id_no: str, name: str, role: str = "uye", term: int = 2) -> dict[str, Any]:
    return {"id_no": id_no, "full_name": name, "role": role, "term_years": term}


def test_same_field_changed_both_sides_conflicts() -> None:
    payload = {"effective_date": "2015-03-01", "title": "Yeni Işık Konut"}
    result = compare(UPDATE, payload, {"title": "Eski"}, {"title": "Genel Müdürlükçe Değişti"})
    assert result.has_conflict
    (field,) = result.conflicts
    assert (field.base, field.local, field.server) == ("Eski", "Yeni Işık Konut", "Genel Müdürlükçe Değişti")


def test_only_one_side_changed_is_no_conflict() -> None:
    payload = {"effective_date": "2015-03-01", "title": "Yeni"}
    assert not compare(UPDATE, payload, {"title": "Eski"}, {"title": "Eski"}).has_conflict
    untouched = compare(
        UPDATE,
        {"effective_date": "2015-03-01", "address": "Yeni adres"},
        {"address": "Eski adres"},
        {"address": "Eski adres", "title": "başka"},
    )
    assert not untouched.has_conflict


def test_identical_change_is_already_applied() -> None:
    payload = {"effective_date": "2015-03-01", "title": "Yeni"}
    result = compare(UPDATE, payload, {"title": "Eski"}, {"title": "Yeni"})
    assert not result.has_conflict
    assert result.already_applied


def test_board_rows_added_on_server_and_chair_changed_locally_do_not_conflict() -> None:
    base = [board_row("1", "Ali", "baskan"), board_row("2", "Ayşe"), board_row("3", "Can")]
    local = [board_row("1", "Ali"), board_row("2", "Ayşe", "baskan"), board_row("3", "Can")]
    server = [*base, board_row("4", "Deniz")]
    result = compare(
        BOARD, {"effective_date": "2015-03-01", "board": local}, {"board": base}, {"board": server}
    )
    (field,) = result.fields
    assert field.local_changed and field.server_changed
    assert not field.conflicting
    merged = field.merged()
    assert [r["id_no"] for r in merged] == ["1", "2", "3", "4"]
    assert merged[1]["role"] == "baskan" and merged[0]["role"] == "uye"


def test_board_same_row_changed_differently_conflicts_at_row_level() -> None:
    base = [board_row("1", "Ali", "baskan"), board_row("2", "Ayşe")]
    local = [board_row("1", "Ali", "uye"), board_row("2", "Ayşe", "baskan")]
    server = [board_row("1", "Ali", "baskan", term=4), board_row("2", "Ayşe")]
    field = compare(
        BOARD, {"effective_date": "2015-03-01", "board": local}, {"board": base}, {"board": server}
    ).fields[0]
    assert field.conflicting
    assert [r.key for r in field.conflicting_rows] == ["1"]


def test_member_admitted_on_both_sides() -> None:
    admit = get_type("member.admit")
    payload = {
        "member_id": "10000000146",
        "full_name": "Zeynep",
        "effective_date": "2015-03-02",
        "decision_no": "1",
        "shares": 2,
        "subscribed_amount": "100.00",
        "paid_amount": "50.00",
    }
    key = "member:10000000146"
    same = {"member_id": "10000000146", "full_name": "Zeynep", "shares": 2, "joined_on": "2015-03-02"}
    assert compare(admit, payload, {key: None}, {key: same}).already_applied
    other = dict(same, shares=5)
    assert compare(admit, payload, {key: None}, {key: other}).has_conflict


def test_leave_of_a_member_whose_shares_changed_on_server() -> None:
    leave = get_type("member.leave")
    row = {"member_id": "10000000146", "full_name": "Zeynep", "shares": 2, "joined_on": "2010-01-01"}
    payload = {
        "member_id": "10000000146",
        "full_name": "Zeynep",
        "reason": "istifa",
        "effective_date": "2015-03-02",
        "decision_no": "1",
    }
    key = "member:10000000146"
    assert not compare(leave, payload, {key: row}, {key: row}).has_conflict
    assert compare(leave, payload, {key: row}, {key: dict(row, shares=4)}).has_conflict
    assert compare(leave, payload, {key: row}, {key: None}).already_applied


def test_status_changes() -> None:
    start = get_type("liquidation.start")
    payload = {
        "effective_date": "2015-03-02",
        "reason": "genel_kurul",
        "liquidators": [{"id_no": "10000000146", "full_name": "Ali"}],
    }
    assert not compare(start, payload, {"status": "active"}, {"status": "active"}).has_conflict
    assert compare(start, payload, {"status": "active"}, {"status": "dissolved"}).has_conflict
    assert compare(start, payload, {"status": "active"}, {"status": "in_liquidation"}).already_applied


values = st.sampled_from(["a", "b", "c", None])


@given(values, values, values)
def test_scalar_three_way_properties(base: Any, local: Any, server: Any) -> None:
    field = three_way("title", base, local, server)
    mirrored = three_way("title", base, server, local)
    assert field.conflicting == mirrored.conflicting  # symmetric
    if local == base or server == base:
        assert not field.conflicting  # only one side changed
    if local == server:
        assert not field.conflicting  # identical changes never conflict
    if not field.conflicting:
        merged = field.merged()
        assert merged == (local if local != base else server)


rows = st.lists(
    st.builds(
        board_row,
        st.sampled_from(["1", "2", "3", "4"]),
        st.sampled_from(["Ali", "Veli"]),
        st.sampled_from(["baskan", "uye"]),
    ),
    max_size=4,
    unique_by=lambda r: r["id_no"],
)


@given(rows, rows, rows)
def test_group_three_way_properties(
    base: list[dict[str, Any]], local: list[dict[str, Any]], server: list[dict[str, Any]]
) -> None:
    field = three_way("board", base, local, server)
    assert field.conflicting == three_way("board", base, server, local).conflicting
    if local in (base, server) or server == base:
        assert not field.conflicting
    if not field.conflicting:
        merged = {r["id_no"]: r for r in field.merged()}
        for diff in field.rows:
            expected = diff.local if diff.local_changed else diff.server
            assert merged.get(diff.key) == expected
