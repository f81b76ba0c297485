"""The manual re-entry assistant driven like a supervisor would, then a real sync that skips what was typed in."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.manual_assistant import ManualAssistant
from sync.scheduler import Status, sync_store
from tests.sync.conftest import (
    LiveServer,
    admission,
    applied_keys,
    approved,
    assembly,
    day,
    live_server,
    options_for,
    seed_snapshot,
)
from tests.ui.conftest import wait_idle
from tests.ui.keyboard import type_text


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(tmp_path) as live:
        yield live


def applied_set(server: LiveServer) -> set[str]:
    return set(applied_keys(server))


def open_assistant(qtbot: Any, ctx: AppContext) -> ManualAssistant:
    """The assistant shown, holding the manual-entry lock, its worklist loaded."""
    dialog = ManualAssistant(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.lock is not None and dialog.view is not None, timeout=10_000)
    wait_idle(qtbot, ctx.worker)
    return dialog


def test_assistant_end_to_end_then_sync_sends_nothing_for_hand_entered(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    server: LiveServer,
) -> None:
    recs = seed_snapshot(store, 20)
    clerk, sef = people["ayse"], people["sef"]
    rng = random.Random(31)
    first = approved(store, clerk, sef, "member.admit", recs[0]["id"], admission(rng, day(1), 1))
    behind = approved(store, clerk, sef, "assembly.record", recs[0]["id"], assembly(day(2)))
    skipped = approved(store, clerk, sef, "member.admit", recs[1]["id"], admission(rng, day(1), 2))
    flagged = approved(store, clerk, sef, "member.admit", recs[2]["id"], admission(rng, day(1), 3))

    ctx = make_ctx("sef2")
    dialog = open_assistant(qtbot, ctx)
    assert first.uuid in dialog.entry_label.text()
    assert dialog.receipt_edit.hasFocus() or not dialog.isActiveWindow()
    assert dialog.list_model.rowCount() == 4
    reasons = dialog.list_model.column_texts(4)
    assert any(first.uuid[:8] in r for r in reasons)  # the entry behind it says why it waits

    # A copy button puts exactly that value on the clipboard.
    labels = [dialog.fields_grid.itemAtPosition(r, 0).widget().text() for r in range(len(dialog.value_edits))]  # type: ignore[union-attr]
    member_row = labels.index("T.C. Kimlik No / VKN")
    button = dialog.findChild(type(dialog.copy_all_button), f"copy{member_row}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == first.payload["member_id"]
    # Ctrl+C on a focused value copies the whole value.
    paid = (
        dialog.value_edits[labels.index("Ödenen tutar")]
        if "Ödenen tutar" in labels
        else dialog.value_edits[-1]
    )
    paid.setFocus()
    qtbot.keyClick(paid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == paid.text() == "1.000,00 TL"
    qtbot.mouseClick(dialog.copy_all_button, Qt.MouseButton.LeftButton)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == len(dialog.value_edits)
    assert f"T.C. Kimlik No / VKN\t{first.payload['member_id']}" in lines

    # Enter with no receipt: a Turkish error, nothing recorded.
    dialog.receipt_edit.setFocus()
    qtbot.keyClick(dialog.receipt_edit, Qt.Key.Key_Return)
    assert "alındı numarasını yazın" in dialog.status_label.text()
    assert entries.get_entry(store, first.uuid).state == State.APPROVED

    # Receipt typed, Enter: synced with the receipt, send/apply audit rows marked manual.
    qtbot.keyClicks(dialog.receipt_edit, "KB-2015-0042")
    qtbot.keyClick(dialog.receipt_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.uuid not in dialog.entry_label.text(), timeout=10_000)
    wait_idle(qtbot, ctx.worker)
    got = entries.get_entry(store, first.uuid)
    assert got.state == State.SYNCED and got.receipt == "KB-2015-0042"
    assert got.outcome is not None and got.outcome["manual"] is True and got.outcome["by"] == "sef2"
    rows = entries.audit_rows(store, first.uuid)
    assert [r["action"] for r in rows][-2:] == ["send", "apply"]
    assert rows[-1]["details"] == {"manual": True, "receipt": "KB-2015-0042"}
    assert "KB-2015-0042" in dialog.status_label.text()

    # The next one in order: the entry that waited behind it is now enterable.
    current = dialog.view.current if dialog.view else None
    assert current is not None and current.uuid in {behind.uuid, skipped.uuid, flagged.uuid}
    # Skip whatever is shown until the recs[1] entry comes, skipping it too.
    seen: list[str] = []
    while (
        dialog.view is not None
        and dialog.view.current is not None
        and dialog.view.current.uuid != flagged.uuid
    ):
        seen.append(dialog.view.current.uuid)
        qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog._busy, timeout=10_000)
        wait_idle(qtbot, ctx.worker)
        assert len(seen) < 5
    assert skipped.uuid in seen
    assert entries.get_entry(store, skipped.uuid).state == State.APPROVED

    # "Sorun var" needs a note; with one it is stored and audited, the entry stays approved.
    qtbot.mouseClick(dialog.problem_button, Qt.MouseButton.LeftButton)
    assert "Sorunu Not kutusuna" in dialog.status_label.text()
    type_text(qtbot, dialog.note_edit, "KOOP-BİS formu ilçe seçtirmedi")
    qtbot.mouseClick(dialog.problem_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sorun kaydedildi" in dialog.status_label.text(), timeout=10_000)
    wait_idle(qtbot, ctx.worker)
    problem_rows = [r for r in entries.audit_rows(store, flagged.uuid) if r["action"] == "manual_problem"]
    assert [(r["actor"], r["comment"]) for r in problem_rows] == [("sef2", "KOOP-BİS formu ilçe seçtirmedi")]
    assert entries.get_entry(store, flagged.uuid).state == State.APPROVED
    assert "KOOP-BİS formu ilçe seçtirmedi" in dialog.list_model.column_texts(4)

    # While the assistant is open the automatic sync waits: nothing goes out.
    busy = sync_store(store, options=options_for(server))
    assert busy.status == Status.BUSY and applied_set(server) == set()

    dialog.close()
    wait_idle(qtbot, ctx.worker)
    assert store.conn.execute("SELECT COUNT(*) FROM sync_lock").fetchone()[0] == 0
    report = sync_store(store, options=options_for(server))
    assert report.status == Status.OK, report.message
    assert applied_set(server) == {behind.uuid, skipped.uuid, flagged.uuid}
    assert first.uuid not in applied_set(server)
    final = entries.get_entry(store, first.uuid)
    assert final.receipt == "KB-2015-0042" and final.state == State.SYNCED
    assert audit.verify(store.conn).ok


def test_registration_asks_for_the_koopbis_id(
    qtbot: Any, store: Store, people: dict[str, Actor], make_ctx: Callable[[str], AppContext]
) -> None:
    from tests.server.conftest import payload_for

    seed_snapshot(store, 2)
    register = approved(
        store,
        people["ayse"],
        people["sef"],
        "cooperative.register",
        None,
        payload_for("cooperative.register", None),
    )
    ctx = make_ctx("sef2")
    dialog = open_assistant(qtbot, ctx)
    assert dialog.cooperative_edit.isVisible()
    dialog.receipt_edit.setFocus()
    qtbot.keyClicks(dialog.receipt_edit, "KB-7")
    qtbot.keyClick(dialog.receipt_edit, Qt.Key.Key_Return)
    assert "sicil numarasını" in dialog.status_label.text()
    assert dialog.cooperative_edit.hasFocus() or not dialog.isActiveWindow()
    qtbot.keyClicks(dialog.cooperative_edit, "06-555001")
    qtbot.keyClick(dialog.cooperative_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "KB-7" in dialog.status_label.text(), timeout=10_000)
    wait_idle(qtbot, ctx.worker)
    got = entries.get_entry(store, register.uuid)
    assert got.state == State.SYNCED and got.cooperative_id == "06-555001"
    assert "kalmadı" in dialog.progress_label.text()
    dialog.close()
    wait_idle(qtbot, ctx.worker)
