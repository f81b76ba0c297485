"""A supervisor's note is what the clerk reads: never turned into an approval by Ctrl+Enter, kept
when the review is closed unfinished, and signed with the name of whoever wrote it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture, review
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from tests.ui.conftest import wait_idle
from tests.ui.editor_filler import open_form  # noqa: F401
from tests.ui.test_editor import OpenForm
from tests.ui.test_review import open_review, submitted  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
NOTE = "Karar no yanlış; yönetim kurulu kararına göre düzeltin."


def test_ctrl_enter_while_a_note_is_typed_does_not_approve(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    submitted: str,  # noqa: F811
) -> None:
    dialog = open_review(qtbot, make_ctx("sef"), submitted)
    dialog.comment.setFocus()
    dialog.comment.insertPlainText(NOTE)
    qtbot.keyClick(dialog.comment, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter "sends" in the entry form
    wait_idle(qtbot, dialog.ctx.worker)
    assert entries.get_entry(store, submitted).state == State.SUBMITTED
    assert "Ctrl+Enter onaylamaz" in dialog.status.text() and dialog.isVisible()
    with qtbot.waitSignal(dialog.returned, timeout=5000):
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    returned = entries.get_entry(store, submitted)
    assert returned.state == State.RETURNED and returned.comment == NOTE


def test_a_note_left_unfinished_with_esc_is_there_when_the_review_opens_again(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    submitted: str,  # noqa: F811
) -> None:
    ctx = make_ctx("sef")
    dialog = open_review(qtbot, ctx, submitted)
    dialog.comment.setFocus()
    dialog.comment.insertPlainText(NOTE)
    qtbot.keyClick(dialog.comment, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    again = open_review(qtbot, ctx, submitted)
    qtbot.waitUntil(lambda: again.comment.toPlainText() == NOTE)
    assert "geri kondu" in again.status.text()
    # Another supervisor does not get it.
    other = open_review(qtbot, make_ctx("sef2"), submitted)
    assert other.comment.toPlainText() == ""


def test_the_clerks_form_names_who_returned_it_from_a_conflict(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    tmp_path: Path,
    open_form: OpenForm,  # noqa: F811
) -> None:
    from tests.sync.conftest import day, head_office, live_server, seed_snapshot, sync_now

    (tmp_path / "server").mkdir()
    coop = seed_snapshot(store, 5)[0]["id"]
    ayse, sef, sef2 = people["ayse"], people["sef"], people["sef2"]
    entry = capture.create_entry(
        store,
        ayse,
        "cooperative.update",
        coop,
        {"effective_date": day(1), "title": "Yerel Unvan Bir Kooperatifi"},
    )
    capture.submit_entry(store, ayse, entry.uuid)
    review.return_entry(store, sef, entry.uuid, "İlk not: tarihi denetleyin")
    capture.edit_entry(
        store, ayse, entry.uuid, {"effective_date": day(1), "title": "Yerel Unvan İki Kooperatifi"}
    )
    capture.submit_entry(store, ayse, entry.uuid)
    review.approve_entry(store, sef2, entry.uuid)
    with live_server(tmp_path / "server", 5) as server:
        head_office(server, coop, title="Genel Müdürlükçe Düzeltilmiş Unvan")
        sync_now(store, server)
    assert entries.get_entry(store, entry.uuid).state == State.CONFLICT
    resolution.return_to_clerk(
        store, sef2, entry.uuid, "İkinci not: unvan değişti", seen=resolution.seen_now(store, entry.uuid)
    )
    editor = open_form("ayse", entry_uuid=entry.uuid)
    banner = editor.comment_banner.text()
    assert "Gülşen Ünal (sef2)" in banner and "İkinci not" in banner, banner
    assert "Şükrü Öztürk" not in banner
