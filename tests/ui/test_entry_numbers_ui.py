"""Issue 15, items 1 and 7 through the main window: the Kooperatifler choice carries into Yeni
kayıt, and the lists show entry numbers, not uuids."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.models.entries import COL_NUMBER
from koopbis_desktop.ui.pages.cooperatives import CooperativesPage
from koopbis_desktop.ui.pages.new_entry import NewEntryPage
from koopbis_desktop.ui.pages.queue import QueuePage
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import member_admission
from tests.ui.conftest import wait_idle


def test_lists_show_numbers_and_the_chosen_cooperative_carries_over(
    qtbot: Any,
    store: Store,
    worker: DbWorker,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    make_ctx: Callable[[str], AppContext],
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", "06-900001", member_admission(9))
    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    drafts = window.pages["drafts"]
    assert isinstance(drafts, QueuePage)
    qtbot.waitUntil(lambda: drafts.model.is_loaded and drafts.model.rowCount() == 1)
    shown = drafts.model.data(drafts.model.index(0, COL_NUMBER))
    assert shown == entry.number and entry.uuid[:8] not in str(shown)

    window.show_page("cooperatives")
    coops = window.pages["cooperatives"]
    assert isinstance(coops, CooperativesPage)
    with qtbot.waitSignal(coops.detail_shown, timeout=5000):
        coops.open_detail("06-900001")
    window.show_page("new")
    page = window.pages["new"]
    assert isinstance(page, NewEntryPage)
    assert page.cooperative == "06-900001"
    assert "IŞIK" in page.cooperative_label.text()
    assert "cooperative.register" not in page.chooser.visible_type_ids()
    wait_idle(qtbot, worker)
    window.close()
