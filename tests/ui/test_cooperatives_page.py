"""Kooperatifler page: Turkish search-as-you-type, keyboard to the detail, new entry for a cooperative."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.pages.cooperatives import CooperativesPage
from koopbis_desktop.ui.text_table import TextTableModel
from tests.conftest import member_admission
from tests.ui.conftest import wait_idle
from tests.ui.keyboard import type_text

IŞIK = "IŞIK Çağdaş Güneşli Ören Konut Yapı Kooperatifi"


@pytest.fixture
def page(
    qtbot: Any, make_ctx: Callable[[str], AppContext], cooperatives: list[dict[str, Any]]
) -> CooperativesPage:
    widget = CooperativesPage(make_ctx("ayse"))
    qtbot.addWidget(widget)
    widget.resize(1100, 760)  # what the main window leaves beside its navigation
    widget.show()
    return widget


def titles(page: CooperativesPage) -> list[str]:
    return page.results_model.column_texts(1)


def type_query(qtbot: Any, page: CooperativesPage, text: str) -> None:
    page.search_box.clear()
    wait_idle(qtbot, page.ctx.worker)
    with qtbot.waitSignal(page.results_shown, timeout=5000, check_params_cb=lambda q: q == text):
        type_text(qtbot, page.search_box, text)


def test_empty_state_then_hint_when_nothing_matches(qtbot: Any, page: CooperativesPage) -> None:
    # Until the list's first page arrives (one job on the worker) the hint says what to type.
    assert page.results_hint.text() == "Aramak için unvan, sicil no ya da VKN yazın."
    qtbot.waitUntil(lambda: page.results_stack.currentWidget() is page.results_view)
    type_query(qtbot, page, "zzzqqq")
    assert page.results_model.rowCount() == 0
    assert page.results_hint.text().startswith("Eşleşen kooperatif yok")
    assert page.results_stack.currentWidget() is page.results_hint


@pytest.mark.parametrize("typed", ["isik", "IŞIK", "ışık", "Işık çağ"])
def test_search_as_you_type_folds_turkish_letters(qtbot: Any, page: CooperativesPage, typed: str) -> None:
    type_query(qtbot, page, typed)
    assert IŞIK in titles(page)
    assert page.results_stack.currentWidget() is page.results_view
    row = titles(page).index(IŞIK)
    assert page.results_model.column_texts(0)[row] == "06-900001"
    assert page.results_model.column_texts(5)[row] == "Faal"
    assert page.results_model.column_texts(2)[row] != ""  # Tür label, not a code


def test_results_show_labels_and_sort_turkish(
    qtbot: Any, page: CooperativesPage, cooperatives: list[dict[str, Any]]
) -> None:
    type_query(qtbot, page, "kooperatifi")
    shown = titles(page)
    assert len(shown) == len(cooperatives)
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale("tr_TR"))
    collator.setNumericMode(True)
    assert shown == sorted(shown, key=collator.sortKey)
    first = cooperatives[0]
    row = page.results_model.column_texts(0).index(first["id"])
    from koopbis_desktop.domain import reference

    assert page.results_model.column_texts(3)[row] == reference.district_name("06", first["district"])


def test_stale_queries_are_dropped(qtbot: Any, page: CooperativesPage) -> None:
    shown: list[str] = []
    page.results_shown.connect(shown.append)
    qtbot.keyClicks(page.search_box, "06-00")
    qtbot.keyClicks(page.search_box, "0")
    page.search_box.clear()
    type_text(qtbot, page.search_box, "ışık çağdaş")
    wait_idle(qtbot, page.ctx.worker)
    assert shown, "no result arrived"
    assert shown[-1] == "ışık çağdaş"
    assert page.shown_query == "ışık çağdaş"
    assert titles(page) == [IŞIK]
    # Coalescing: far fewer searches were answered than keys typed.
    assert len(shown) < len("06-000ışık çağdaş")


def test_keyboard_down_enter_opens_detail_with_tables(
    qtbot: Any, page: CooperativesPage, store: Store
) -> None:
    type_query(qtbot, page, "isik")
    record = snapshot.get_record(store, "06-900001")
    assert record is not None
    assert len(titles(page)) >= 2  # another "Işık" cooperative: pick ours with the arrows
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    qtbot.waitUntil(page.results_view.hasFocus)
    assert page.results_view.currentIndex().row() == 0
    for _ in range(titles(page).index(IŞIK)):
        qtbot.keyClick(page.results_view, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.detail_shown, timeout=5000, check_params_cb=lambda i: i == "06-900001"):
        qtbot.keyClick(page.results_view, Qt.Key.Key_Return)
    wait_idle(qtbot, page.ctx.worker)
    assert page.current_id == "06-900001"
    assert page.members_model.rowCount() == len(record["members"]) > 0
    assert page.board_model.rowCount() == len(record["board"]) > 0
    assert page.auditors_model.rowCount() == len(record["audit_board"])
    assert page.assemblies_model.rowCount() == len(record["assemblies"])
    assert page.members_model.column_texts(0) == [m["member_id"] for m in record["members"]]
    header = page.detail_header.text()
    assert IŞIK in header
    assert "Faal" in header
    assert "Ankara" in header
    d, m, y = record["founded_on"].split("-")[::-1]
    assert f"{d}.{m}.{y}" in header
    assert page.tabs.tabText(0) == f"&Ortaklar ({len(record['members'])})"
    # Board roles by label, not by code.
    assert set(page.board_model.column_texts(2)) <= {"Başkan", "Başkan Yardımcısı", "Üye", "Yedek Üye"}
    page.grab().save("/tmp/cooperatives_page.png")


def test_new_entry_requested_with_cooperative_id(qtbot: Any, page: CooperativesPage) -> None:
    assert not page.new_entry_button.isEnabled()
    type_query(qtbot, page, "IŞIK Çağdaş")
    with qtbot.waitSignal(page.detail_shown, timeout=5000):
        qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert page.new_entry_button.isEnabled()
    with qtbot.waitSignal(page.new_entry_requested, timeout=2000) as blocker:
        qtbot.mouseClick(page.new_entry_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["06-900001"]
    with qtbot.waitSignal(page.new_entry_requested, timeout=2000) as blocker:
        qtbot.keyClick(
            page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
    assert blocker.args == ["06-900001"]


def test_local_entries_of_the_cooperative_are_listed_and_refresh(
    qtbot: Any, page: CooperativesPage, store: Store, people: dict[str, Actor]
) -> None:
    type_query(qtbot, page, "isik cagdas")
    with qtbot.waitSignal(page.detail_shown, timeout=5000):
        qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    # Enter also moved the current row; on a busy worker both detail loads run (coalescing
    # only drops a job not yet started). Let the second land, or it is the detail_shown awaited
    # below, read before the entry existed.
    wait_idle(qtbot, page.ctx.worker)
    assert page.current_id == "06-900001"
    assert page.entries_model.rowCount() == 0
    capture.create_entry(
        store,
        people["ayse"],
        "member.admit",
        "06-900001",
        member_admission(5),
    )
    with qtbot.waitSignal(page.detail_shown, timeout=5000):
        page.ctx.hub.announce(OpChanges(entries=True))  # written on another connection
    assert page.entries_model.rowCount() == 1
    assert page.entries_model.column_texts(0) == ["Ortaklığa giriş"]
    assert page.entries_model.column_texts(1) == ["Taslak"]
    assert page.tabs.tabText(4) == "Ye&rel kayıtlar (1)"


def test_snapshot_change_refreshes_results(
    qtbot: Any, page: CooperativesPage, store: Store, cooperatives: list[dict[str, Any]]
) -> None:
    type_query(qtbot, page, "yepyeni")
    assert page.results_model.rowCount() == 0
    record = dict(cooperatives[3], id="06-900002", title="Yepyeni Örnek Konut Kooperatifi")
    snapshot.upsert_records(store, [record])
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        page.ctx.hub.announce(OpChanges(snapshot=True))
    assert titles(page) == ["Yepyeni Örnek Konut Kooperatifi"]


def test_models_pass_qtmodeltester(qtbot: Any, qtmodeltester: Any, page: CooperativesPage) -> None:
    type_query(qtbot, page, "kooperatifi")
    with qtbot.waitSignal(page.detail_shown, timeout=5000):
        qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    models: list[TextTableModel] = [
        page.results_model,
        page.members_model,
        page.board_model,
        page.auditors_model,
        page.assemblies_model,
        page.entries_model,
    ]
    for model in models:
        qtmodeltester.check(model)
        model.sort(1, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)


def test_the_title_column_takes_the_room_the_others_leave_after_a_search(
    qtbot: Any, page: CooperativesPage
) -> None:
    # Fitting the other columns to their texts keeps "Unvan" stretched over what is left
    # (Qt's resizeColumnsToContents fixed every section, the stretched one too).
    type_query(qtbot, page, "isik")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)  # the first hit's record opens below
    qtbot.waitUntil(lambda: page.current_id is not None and page.detail_stack.currentIndex() == 1)
    view = page.results_view
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() >= view.viewport().width() - 1)
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert widths[1] == max(widths)  # the title, not a short column, is the wide one


@pytest.mark.parametrize("query", ["kooperatif", ""])
def test_a_refresh_from_another_pc_keeps_the_chosen_cooperative_and_the_scroll(
    qtbot: Any, page: CooperativesPage, store: Store, query: str
) -> None:
    """Where the office's notifications do not arrive the program polls, and a poll announces
    every kind (store/office_live.py): each save on any PC refreshes this list. The cooperative the
    clerk chose stays chosen, and the list stays where it was scrolled."""
    from koopbis_desktop.store.changes import EVERYTHING

    if query:
        type_query(qtbot, page, query)
    else:
        qtbot.waitUntil(lambda: page.results_model.rowCount() > 3, timeout=5000)
    view = page.results_view
    row = min(page.results_model.rowCount() - 1, 12)
    assert row >= 3
    chosen = str(page.results_model.row_at(row)["id"])
    view.setCurrentIndex(page.results_model.index(row, 1))
    view.scrollTo(page.results_model.index(row, 1))
    wait_idle(qtbot, page.ctx.worker)
    scrolled = view.verticalScrollBar().value()
    with qtbot.waitSignal(page.results_shown, timeout=5000):
        page.ctx.hub.announce(EVERYTHING)
    wait_idle(qtbot, page.ctx.worker)
    current = view.currentIndex()
    assert current.isValid() and str(page.results_model.row_at(current.row())["id"]) == chosen
    assert [i.row() for i in view.selectionModel().selectedRows()] == [current.row()]
    assert view.verticalScrollBar().value() == scrolled
    assert page.current_id == chosen


def test_a_save_on_another_pc_keeps_the_member_row_read_and_the_scroll(
    qtbot: Any, page: CooperativesPage, store: Store, people: dict[str, Actor]
) -> None:
    """A clerk reads a cooperative's member list while a colleague saves an entry (of any
    cooperative) on another PC: the detail reloads for its local entries. Before, its tables were
    set anew, so the member list jumped back to its top and lost the row being read."""
    type_query(qtbot, page, "isik cagdas")
    with qtbot.waitSignal(page.detail_shown, timeout=5000):
        qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    wait_idle(qtbot, page.ctx.worker)
    page.resize(1100, 420)  # a short window: the member list scrolls
    page.tabs.setCurrentIndex(0)
    view = page.members_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0, timeout=5000)
    last = page.members_model.rowCount() - 1
    view.setCurrentIndex(page.members_model.index(last, 0))
    view.scrollTo(page.members_model.index(last, 0))
    scrolled = view.verticalScrollBar().value()
    member = page.members_model.row_at(last)
    assert scrolled > 0

    capture.create_entry(store, people["mehmet"], "member.admit", "06-900001", member_admission(6))
    with qtbot.waitSignal(page.detail_shown, timeout=5000):
        page.ctx.hub.announce(OpChanges(entries=True))  # written on another connection
    wait_idle(qtbot, page.ctx.worker)
    assert page.tabs.tabText(4) == "Ye&rel kayıtlar (1)"
    current = view.currentIndex()
    assert current.isValid() and page.members_model.row_at(current.row()) == member
    assert view.verticalScrollBar().value() == scrolled
