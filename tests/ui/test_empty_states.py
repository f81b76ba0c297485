"""Issue 15, item 6: every list says why it is empty and offers the next step; each role
lands on a page it uses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.pages.cooperatives import CooperativesPage
from koopbis_desktop.ui.pages.queue import QueuePage
from koopbis_desktop.ui.worker import DbWorker
from tests.ui.conftest import wait_idle

FIXTURES = Path(__file__).parent.parent / "fixtures" / "spreadsheets"


@pytest.mark.parametrize(
    ("who", "page"), [("admin", "cooperatives"), ("sef", "submitted"), ("ayse", "drafts")]
)
def test_each_role_lands_on_a_page_it_uses(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, who: str, page: str
) -> None:
    window = MainWindow(make_ctx(who))
    qtbot.addWidget(window)
    assert window.current_page_key() == page
    wait_idle(qtbot, worker)
    window.close()


def test_empty_drafts_say_why_and_open_a_new_entry(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker
) -> None:
    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    with qtbot.waitActive(window, timeout=5000):
        window.show()
    drafts = window.pages["drafts"]
    assert isinstance(drafts, QueuePage)
    qtbot.waitUntil(lambda: drafts.model.is_loaded)
    state = drafts.empty_state
    qtbot.waitUntil(lambda: state.isVisible() and "Taslağınız" in state.label.text())
    qtbot.mouseClick(state.button, Qt.MouseButton.LeftButton)
    assert window.current_page_key() == "new"
    wait_idle(qtbot, worker)
    window.close()


def test_empty_cooperative_list_offers_to_load_it(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, store: Store, monkeypatch: Any
) -> None:
    page = CooperativesPage(make_ctx("sef"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.results_stack.currentWidget() is page.empty_state)
    assert "Kooperatif listesi boş" in page.empty_label.text()
    assert "Aramak için" not in page.empty_label.text()
    assert page.load_list_button.isVisible()
    # The file dialog is the operating system's; the loading behind it is real.
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (str(FIXTURES / "kooperatifler-excel2010.csv"), "")),
    )
    qtbot.mouseClick(page.load_list_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.results_stack.currentWidget() is not page.empty_state, timeout=10_000)
    assert snapshot.count_cooperatives(store) > 0
    wait_idle(qtbot, worker)


def test_clerk_is_told_who_loads_the_list(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker
) -> None:
    page = CooperativesPage(make_ctx("ayse"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.results_stack.currentWidget() is page.empty_state)
    assert "şefinizden" in page.empty_label.text()
    assert not page.load_list_button.isVisible()
