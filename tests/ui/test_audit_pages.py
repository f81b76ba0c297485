"""The audit page pages by sequence number: next, previous and a write in between keep the place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from koopbis_desktop.store import audit
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.pages.audit import PAGE_SIZE, AuditPage
from koopbis_desktop.ui.worker import DbWorker
from tests.ui.conftest import wait_idle


def test_next_and_previous_walk_the_trail_by_sequence(
    qtbot: Any, make_ctx: Callable[[str], AppContext], store: Store, worker: DbWorker
) -> None:
    with store.atomic() as conn:
        audit.append_many(
            conn, [audit.Record("sef", "note", details={"n": n}) for n in range(2 * PAGE_SIZE + 30)]
        )
    seqs = [int(r[0]) for r in store.query("SELECT seq FROM audit ORDER BY seq DESC")]
    ctx = make_ctx("sef")
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    wait_idle(qtbot, worker)
    shown = lambda: [page.model.rows[r]["seq"] for r in range(page.model.rowCount())]  # noqa: E731
    assert shown() == seqs[:PAGE_SIZE] and not page.previous_button.isEnabled()
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    assert shown() == seqs[PAGE_SIZE : 2 * PAGE_SIZE]
    assert page.page_label.text() == f"{PAGE_SIZE + 1}–{2 * PAGE_SIZE} / {len(seqs)} kayıt"
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    assert shown() == seqs[2 * PAGE_SIZE :] and not page.next_button.isEnabled()
    # A new row on top of the trail: the page keeps its rows, its position moves by one.
    with store.atomic() as conn:
        audit.append_many(conn, [audit.Record("sef", "note")])
    ctx.hub.changed.emit(OpChanges(audit=True))
    wait_idle(qtbot, worker)
    assert shown() == seqs[2 * PAGE_SIZE :]
    assert page.page_label.text() == f"{2 * PAGE_SIZE + 2}–{len(seqs) + 1} / {len(seqs) + 1} kayıt"
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    assert shown() == seqs[PAGE_SIZE : 2 * PAGE_SIZE]
