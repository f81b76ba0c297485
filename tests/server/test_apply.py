"""What each change does to a record, in the corners the contract tests do not reach."""

from __future__ import annotations

from typing import Any

import pytest

from koopbis_desktop.domain.changetypes import get_type
from sync.server.apply import StateConflict, apply_change, check_base, is_valid_base_key
from sync.server.errors import ApiError


def record(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "06-000001",
        "status": "active",
        "version": 1,
        "members": [
            {"member_id": "A", "full_name": "Ali", "shares": 3, "joined_on": "2000-01-01"},
            {"member_id": "B", "full_name": "Banu", "shares": 1, "joined_on": "2000-01-01"},
        ],
        "articles": [{"article_no": 5, "text": "eski"}],
        "unions": [],
    }
    base.update(overrides)
    return base


def test_leave_by_devir_moves_shares_to_the_transferee() -> None:
    r = record()
    data = {
        "member_id": "A",
        "reason": "devir",
        "transferee_id": "C",
        "transferee_name": "Cem",
        "effective_date": "2015-03-01",
    }
    apply_change(r, get_type("member.leave"), data)
    assert r["members"] == [
        {"member_id": "B", "full_name": "Banu", "shares": 1, "joined_on": "2000-01-01"},
        {"member_id": "C", "full_name": "Cem", "shares": 3, "joined_on": "2015-03-01"},
    ]
    assert r["version"] == 2


def test_devir_to_existing_member_adds_shares() -> None:
    r = record()
    data = {
        "member_id": "A",
        "reason": "devir",
        "transferee_id": "B",
        "transferee_name": "Banu",
        "effective_date": "2015-03-01",
    }
    apply_change(r, get_type("member.leave"), data)
    assert r["members"] == [{"member_id": "B", "full_name": "Banu", "shares": 4, "joined_on": "2000-01-01"}]


def test_transfer_partial_keeps_giver_and_full_removes_giver() -> None:
    r = record()
    transfer = get_type("member.transfer")
    base = {"from_member_id": "A", "to_member_id": "C", "to_full_name": "Cem", "effective_date": "2015-03-01"}
    apply_change(r, transfer, {**base, "shares": 1})
    assert [(m["member_id"], m["shares"]) for m in r["members"]] == [("A", 2), ("B", 1), ("C", 1)]
    apply_change(r, transfer, {**base, "shares": 2})
    assert [(m["member_id"], m["shares"]) for m in r["members"]] == [("B", 1), ("C", 3)]
    with pytest.raises(StateConflict) as caught:
        apply_change(r, transfer, {**base, "from_member_id": "B", "shares": 5})
    assert caught.value.key == "member:B"
    assert r["version"] == 3


def test_articles_are_upserted_in_order() -> None:
    r = record()
    data = {"articles": [{"article_no": 7, "text": "yedi"}, {"article_no": 5, "text": "yeni"}]}
    apply_change(r, get_type("articles.amend"), data)
    assert r["articles"] == [{"article_no": 5, "text": "yeni"}, {"article_no": 7, "text": "yedi"}]


@pytest.mark.parametrize(
    "type_id,status,after",
    [
        ("liquidation.start", "active", "in_liquidation"),
        ("liquidation.end", "in_liquidation", "dissolved"),
        ("liquidation.revoke", "in_liquidation", "active"),
    ],
)
def test_liquidation_moves_status(type_id: str, status: str, after: str) -> None:
    r = record(status=status)
    apply_change(r, get_type(type_id), {})
    assert r["status"] == after
    with pytest.raises(StateConflict):
        apply_change(r, get_type(type_id), {})


def test_merger_as_acquirer_keeps_status() -> None:
    r = record()
    apply_change(r, get_type("merger"), {"role": "devralan"})
    assert r["status"] == "active" and r["version"] == 2


def test_union_leave_when_not_a_member_is_a_conflict() -> None:
    with pytest.raises(StateConflict):
        apply_change(record(), get_type("union.leave"), {"union_registry_id": "X"})


def test_base_check_treats_equal_numbers_as_equal_and_lists_conflicts() -> None:
    r = record()
    check_base(
        r, {"member:A": {"member_id": "A", "full_name": "Ali", "shares": 3.0, "joined_on": "2000-01-01"}}
    )
    with pytest.raises(ApiError) as caught:
        check_base(r, {"status": "in_liquidation", "member:B": None})
    assert caught.value.extra["conflicts"] == [
        {"key": "status", "base": "in_liquidation", "server": "active"},
        {"key": "member:B", "base": None, "server": r["members"][1]},
    ]


def test_base_keys() -> None:
    assert is_valid_base_key("title") and is_valid_base_key("member:123") and is_valid_base_key("board")
    assert not is_valid_base_key("member:") and not is_valid_base_key("x:1") and not is_valid_base_key("id")
