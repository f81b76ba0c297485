"""Which of a clerk's entries were given back since the window last looked (the return notice)."""

from __future__ import annotations

from typing import Any

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture, queries, review
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from tests.conftest import member_admission


def test_returns_since_names_only_the_authors_entries_returned_after_the_mark(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    coop = str(cooperatives[1]["id"])
    ayse, mehmet, sef = people["ayse"], people["mehmet"], people["sef"]
    before = capture.create_entry(store, ayse, "member.admit", coop, member_admission(1))
    capture.submit_entry(store, ayse, before.uuid)
    review.return_entry(store, sef, before.uuid, "Eski iade.")

    mark, nothing = queries.returns_since(store, "ayse", None)  # a session starts here
    assert nothing == [] and mark > 0

    mine = capture.create_entry(store, ayse, "member.admit", coop, member_admission(2))
    capture.submit_entry(store, ayse, mine.uuid)
    his = capture.create_entry(store, mehmet, "member.admit", coop, member_admission(3))
    capture.submit_entry(store, mehmet, his.uuid)
    review.return_entry(store, sef, his.uuid, "Onun kaydı.")
    review.return_entry(store, sef, mine.uuid, "Karar numarası yanlış.")

    newer, notices = queries.returns_since(store, "ayse", mark)
    assert [(n.entry_uuid, n.actor, n.comment) for n in notices] == [
        (mine.uuid, "Şükrü Öztürk (sef)", "Karar numarası yanlış.")
    ]
    assert notices[0].label == entries.get_entry(store, mine.uuid).label
    assert newer > mark
    assert queries.returns_since(store, "ayse", newer) == (newer, [])
