"""Capture: a member admitted by an earlier local entry leaves with that admission's row as base."""

from __future__ import annotations

from typing import Any

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture, review
from koopbis_desktop.store.db import Store
from tests.conftest import member_admission, valid_tckn


def leaving(seed: int) -> dict[str, Any]:
    return {
        "member_id": valid_tckn(seed),
        "full_name": "Zeynep Işık",
        "reason": "istifa",
        "effective_date": "05.03.2015",
        "decision_no": "2015/20",
    }


def test_leave_of_a_locally_admitted_member_takes_the_admission_row(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    coop = str(cooperatives[1]["id"])
    clerk = people["ayse"]
    admit = capture.create_entry(store, clerk, "member.admit", coop, member_admission(41))
    capture.submit_entry(store, clerk, admit.uuid)
    review.approve_entry(store, people["sef"], admit.uuid)
    result, *_, base = capture.check(store, "member.leave", coop, leaving(41))
    assert not result.errors
    key = f"member:{valid_tckn(41)}"
    assert base == {
        key: {"member_id": valid_tckn(41), "full_name": "Zeynep Işık", "shares": 2, "joined_on": "2015-03-02"}
    }
    entry = capture.create_entry(store, clerk, "member.leave", coop, leaving(41))
    assert entry.base == base
    capture.submit_entry(store, clerk, entry.uuid)  # validates fine


def test_a_withdrawn_admission_does_not_count(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    coop = str(cooperatives[1]["id"])
    clerk = people["ayse"]
    admit = capture.create_entry(store, clerk, "member.admit", coop, member_admission(42))
    capture.withdraw_entry(store, clerk, admit.uuid)
    entry = capture.create_entry(store, clerk, "member.leave", coop, leaving(42))
    assert entry.base == {f"member:{valid_tckn(42)}": None}


def test_an_admission_of_another_cooperative_does_not_count(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    clerk = people["ayse"]
    capture.create_entry(store, clerk, "member.admit", str(cooperatives[2]["id"]), member_admission(43))
    entry = capture.create_entry(store, clerk, "member.leave", str(cooperatives[1]["id"]), leaving(43))
    assert entry.base == {f"member:{valid_tckn(43)}": None}
    # and an admission's own base stays "not a member yet", even with another admission queued
    again = capture.create_entry(
        store, clerk, "member.admit", str(cooperatives[2]["id"]), member_admission(43)
    )
    assert again.base == {f"member:{valid_tckn(43)}": None}
