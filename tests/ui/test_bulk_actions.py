"""Several selected entries at once from the queues: the author sends drafts, a supervisor approves.

A member list makes one draft per member; before, each had to be opened and sent on its
own, then opened and approved on its own (``approve_selected`` existed but no screen
offered it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture, review
from koopbis_desktop.store import entries
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.pages.presets import PRESET_BY_KEY
from koopbis_desktop.ui.pages.queue import QueuePage
from tests.conftest import member_admission, resubmit_from_another_pc
from tests.ui.conftest import MessageMock, wait_idle

COOP = "06-900001"


def _page(qtbot: Any, ctx: AppContext, preset: str, rows: int) -> QueuePage:
    page = QueuePage(ctx, PRESET_BY_KEY[preset])
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == rows)
    return page


def test_the_author_sends_her_selected_drafts_and_hears_which_could_not_go(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    message_mock: MessageMock,
) -> None:
    good = [
        capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(s))
        for s in (21, 22)
    ]
    # Returned by the supervisor: it goes again only once she has corrected it.
    broken = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(23))
    capture.submit_entry(store, people["ayse"], broken.uuid)
    review.return_entry(store, people["sef"], broken.uuid, "Karar numarasını düzeltin.")
    ctx = make_ctx("ayse")
    page = _page(qtbot, ctx, "drafts", 3)
    page.table.clearSelection()
    assert page.bulk_button.isVisible() and not page.bulk_button.isEnabled()  # nothing selected
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert page.bulk_button.isEnabled()
    message_mock.answers.append("&Onaya gönder")
    qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx.worker)
    question, result = message_mock.shown
    assert question.text == "Seçili 3 taslak onaya gönderilecek."
    assert result.text.startswith("2 kayıt onaya gönderildi.\n1 kayıt gönderilemedi:\n• "), result.text
    assert f"kayıt {broken.uuid[:8]}, yazan ayse" in result.text and "onaya gönderme yapılamaz" in result.text
    states = [entries.get_entry(store, e.uuid).state for e in (*good, broken)]
    assert states == [State.SUBMITTED, State.SUBMITTED, State.RETURNED]  # the returned one waits for her
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # Taslaklarım keeps only what is left to do


def test_a_supervisor_approves_the_selected_submissions_except_her_own(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    message_mock: MessageMock,
) -> None:
    keys = []
    for seed, author in ((31, "ayse"), (32, "mehmet"), (33, "sef")):
        entry = capture.create_entry(store, people[author], "member.admit", COOP, member_admission(seed))
        capture.submit_entry(store, people[author], entry.uuid)
        keys.append(entry.uuid)
    ctx = make_ctx("sef")
    page = _page(qtbot, ctx, "submitted", 3)
    page.table.selectAll()
    assert page.bulk_button.isEnabled() and page.bulk_button.text() == "Seçilenleri o&nayla…"
    assert sorted(page.selected_uuids()) == sorted(keys)
    message_mock.answers.append("&Onayla")
    qtbot.mouseClick(page.bulk_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    result = message_mock.shown[-1]
    assert result.text.startswith("2 kayıt onaylandı.\n1 kayıt onaylanamadı:"), result.text
    assert "Dört göz kuralı" in result.text
    states = {k: entries.get_entry(store, k) for k in keys}
    assert [states[k].state for k in keys] == [State.APPROVED, State.APPROVED, State.SUBMITTED]
    assert states[keys[0]].approver == "sef"


def test_an_entry_rewritten_on_another_pc_after_the_list_showed_it_is_not_approved_unread(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    message_mock: MessageMock,
) -> None:
    keys = []
    for seed in (35, 36):
        entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(seed))
        capture.submit_entry(store, people["ayse"], entry.uuid)
        keys.append(entry.uuid)
    ctx = make_ctx("sef")
    page = _page(qtbot, ctx, "submitted", 2)
    page.table.selectAll()
    assert sorted(page.selected_uuids()) == sorted(keys)
    # While the list is on the screen: returned on another PC, rewritten and sent again.
    resubmit_from_another_pc(
        store, people["sef2"], people["ayse"], keys[1], member_admission(36, full_name="Başka Kişi")
    )
    message_mock.answers.append("&Onayla")
    qtbot.mouseClick(page.bulk_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    result = message_mock.shown[-1]
    assert result.text.startswith("1 kayıt onaylandı.\n1 kayıt onaylanamadı:\n• "), result.text
    assert f"kayıt {keys[1][:8]}, yazan ayse): Liste gösterildikten sonra içeriği değişti" in result.text
    assert "kaydı açıp okuyun, sonra onaylayın" in result.text
    states = [entries.get_entry(store, k) for k in keys]
    assert [e.state for e in states] == [State.APPROVED, State.SUBMITTED]
    assert (states[1].revision, states[1].approver) == (2, None)
    # The list is read again: the rewritten entry shows its new revision, not selected (a second
    # press would otherwise approve what nobody has read).
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    row = page.model.entry_at(0)
    assert row is not None and (row.uuid, row.revision) == (keys[1], 2)
    assert page.selected_uuids() == [] and not page.bulk_button.isEnabled()


def test_a_selected_submission_rewritten_on_another_pc_is_unselected_when_the_list_shows_it_anew(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    message_mock: MessageMock,
) -> None:
    """On the office database the list reloads when another PC writes (``hub.changed``, as the live
    office emits it): a selected row that comes back with new content is no longer selected, so
    the bulk approval that follows approves only what was there when it was selected."""
    keys = []
    for seed in (37, 38):
        entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(seed))
        capture.submit_entry(store, people["ayse"], entry.uuid)
        keys.append(entry.uuid)
    ctx = make_ctx("sef")
    page = _page(qtbot, ctx, "submitted", 2)
    page.table.selectAll()
    resubmit_from_another_pc(
        store, people["sef2"], people["ayse"], keys[1], member_admission(38, full_name="Başka Kişi")
    )
    ctx.hub.changed.emit(OpChanges(entries=True))

    def revision_of(key: str) -> int | None:
        row = page.model.row_of(key)
        entry = page.model.entry_at(row) if row is not None else None
        return entry.revision if entry is not None else None

    qtbot.waitUntil(lambda: revision_of(keys[1]) == 2)
    assert page.selected_uuids() == [keys[0]]
    message_mock.answers.append("&Onayla")
    qtbot.mouseClick(page.bulk_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    assert message_mock.shown[-1].text == "1 kayıt onaylandı."
    assert [entries.get_entry(store, k).state for k in keys] == [State.APPROVED, State.SUBMITTED]


def test_cancelling_moves_nothing_and_only_the_right_people_see_the_button(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    message_mock: MessageMock,
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(41))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    sef = _page(qtbot, make_ctx("sef"), "submitted", 1)
    sef.table.selectAll()
    message_mock.answers.append("&Vazgeç")
    qtbot.mouseClick(sef.bulk_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, sef.ctx.worker)
    assert entries.get_entry(store, entry.uuid).state == State.SUBMITTED
    assert [m.text for m in message_mock.shown] == ["Seçili 1 kayıt onaylanacak."]
    # The question names every reason an entry is left out, the newest one too.
    asked = message_mock.shown[0].informative
    assert "kendi yazdığınız" in asked and "içeriği değişen kayıtlar onaylanmaz" in asked, asked
    # A clerk sees the submissions but approves none; an admin records nothing.
    for who, preset, rows in (("ayse", "submitted", 1), ("admin", "submitted", 1), ("sef", "approved", 0)):
        page = _page(qtbot, make_ctx(who), preset, rows)
        assert not page.bulk_button.isVisibleTo(page), (who, preset)
    assert sef.bulk_button.isVisibleTo(sef)
