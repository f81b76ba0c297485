"""Long lists read by key as they scroll: the Eşitleme page's receipts, the whole cooperative list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QTableView

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.domain.text import collation_key
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.models.keyset import KeysetTableModel
from koopbis_desktop.ui.pages.cooperatives import CooperativesPage
from koopbis_desktop.ui.pages.sync import SyncPage
from koopbis_desktop.ui.worker import DbWorker
from tests.sync.test_receipt_pages import add_receipts
from tests.ui.conftest import wait_idle


def scroll_to_the_end(qtbot: Any, view: QTableView, model: KeysetTableModel, total: int) -> list[int]:
    """Scroll down as a person would until every row is there; the row counts seen on the way."""
    seen = [model.rowCount()]
    while model.rowCount() < total:
        before = model.rowCount()
        view.scrollToBottom()
        qtbot.waitUntil(lambda n=before: model.rowCount() > n and model.is_loaded, timeout=5000)
        seen.append(model.rowCount())
    assert not model.canFetchMore()
    return seen


def test_receipts_page_by_key_as_the_list_scrolls(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    worker: DbWorker,
    people: dict[str, Actor],
    tmp_path: Path,
    qtmodeltester: Any,
) -> None:
    expected = add_receipts(store, 500)
    page = SyncPage(make_ctx("ayse"), automatic=False, receipts_page_size=40)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    page.tabs.setCurrentIndex(1)
    model = page.receipt_model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    wait_idle(qtbot, worker)
    # The first page only, the count of all of them.
    assert model.rowCount() < 500
    assert page.tabs.tabText(1) == "&Alındılar (500)"
    assert not page.receipts_empty_label.isVisibleTo(page) and page.export_button.isEnabled()
    qtmodeltester.check(model)
    wait_idle(qtbot, worker)
    seen = scroll_to_the_end(qtbot, page.receipt_view, model, 500)
    assert len(seen) > 5  # page after page, not all at once
    assert [row.uuid for row in model.rows()] == expected  # newest first, each row once
    assert model.rowCount() == 500 and page.tabs.tabText(1) == "&Alındılar (500)"

    # The export holds every receipt, read by key, whatever the list has read.
    target = tmp_path / "alındılar.csv"
    page.export_to(target)
    wait_idle(qtbot, worker)
    lines = [line for line in target.read_bytes().decode("utf-8-sig").split("\r\n")[1:] if line]
    assert [line.split(";")[0] for line in lines] == expected
    assert "500 alındı" in page.notice_label.text()


def test_cooperative_list_without_search_pages_in_turkish_title_order(
    qtbot: Any, make_ctx: Callable[[str], AppContext], store: Store, worker: DbWorker
) -> None:
    records = list(demo_data.cooperatives("06", 300, seed=11))
    records[0]["title"] = "Çağlayan Konut Yapı Kooperatifi"
    records[1]["title"] = "Cemre Konut Yapı Kooperatifi"
    records[2]["title"] = "ılık Su Sulama Kooperatifi"
    records[3]["title"] = "Işık Tarımsal Kalkınma Kooperatifi"
    snapshot.upsert_records(store, records)
    expected = [r["id"] for r in sorted(records, key=lambda r: (collation_key(r["title"]), r["id"]))]
    page = CooperativesPage(make_ctx("ayse"), list_page_size=25)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    with qtbot.waitSignal(page.results_shown, timeout=5000, check_params_cb=lambda q: q == ""):
        pass
    model = page.results_model
    assert page.results_stack.currentWidget() is page.results_view
    assert model.paging and model.total == 300 and model.rowCount() < 300
    seen = scroll_to_the_end(qtbot, page.results_view, model, 300)
    assert len(seen) > 5
    assert model.column_texts(0) == expected
    titles = model.column_texts(1)
    assert titles.index("Cemre Konut Yapı Kooperatifi") < titles.index("Çağlayan Konut Yapı Kooperatifi")
    assert titles.index("ılık Su Sulama Kooperatifi") < titles.index("Işık Tarımsal Kalkınma Kooperatifi")
    assert all(model.column_texts(2)) and all(model.column_texts(4))  # Tür and VKN as in a search

    # Typing searches as before (ranked hits, set whole); clearing the box lists them all again.
    with qtbot.waitSignal(page.results_shown, timeout=5000, check_params_cb=lambda q: q == "cemre"):
        page.search_box.setText("cemre")
    assert not model.paging
    assert model.column_texts(1) == ["Cemre Konut Yapı Kooperatifi"]
    with qtbot.waitSignal(page.results_shown, timeout=5000, check_params_cb=lambda q: q == ""):
        page.search_box.clear()
    assert model.paging and model.column_texts(0) == expected[: model.rowCount()]
    wait_idle(qtbot, worker)


def test_the_first_list_comes_in_one_job_and_typing_meanwhile_shows_the_search(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    worker: DbWorker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    records = list(demo_data.cooperatives("06", 60, seed=5))
    records[0]["title"] = "Cemre Konut Yapı Kooperatifi"
    snapshot.upsert_records(store, records)
    submitted: list[object] = []
    submit = worker.submit

    def counting(op: Any, *args: Any, **kwargs: Any) -> int:
        submitted.append(op)
        return submit(op, *args, **kwargs)

    monkeypatch.setattr(worker, "submit", counting)
    page = CooperativesPage(make_ctx("ayse"), list_page_size=25)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.results_shown, timeout=5000, check_params_cb=lambda q: q == ""):
        pass
    # The count and the first page were one job: nothing else was asked for.
    assert len(submitted) == 1
    assert (
        page.results_model.paging and page.results_model.total == 60 and page.results_model.rowCount() == 25
    )

    # Typed before the first list arrived: the search shows, not the list.
    second = CooperativesPage(make_ctx("ayse"), list_page_size=25)
    qtbot.addWidget(second)
    second.show()
    with qtbot.waitSignal(second.results_shown, timeout=5000, check_params_cb=lambda q: q == "cemre"):
        second.search_box.setText("cemre")
    wait_idle(qtbot, worker)
    assert not second.results_model.paging
    assert second.results_model.column_texts(1) == ["Cemre Konut Yapı Kooperatifi"]
    assert second.shown_query == "cemre"
