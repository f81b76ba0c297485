"""A hidden Eşitleme page does not rebuild its plan after every save; it catches up when shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.worker import DbWorker
from tests.ui.conftest import wait_idle
from tests.ui.test_sync_page import make_entries, page_for


def test_hidden_page_defers_its_reload(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
) -> None:
    page = page_for(qtbot, make_ctx, "sef")
    page.show()
    wait_idle(qtbot, worker)
    assert page.plan_model.rowCount() == 0
    page.hide()
    made = make_entries(store, people, cooperatives=2, each=2)
    page.ctx.hub.announce(OpChanges(entries=True))  # written on another connection
    wait_idle(qtbot, worker)
    assert page.plan_model.rowCount() == 0  # hidden: nothing rebuilt on the UI thread
    page.show()
    wait_idle(qtbot, worker)
    qtbot.waitUntil(lambda: page.plan_model.rowCount() == len(made), timeout=5000)
