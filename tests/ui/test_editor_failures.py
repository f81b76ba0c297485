"""What the clerk typed survives the database saying no: a form that does not open, a submission
refused after its draft was stored, an autosave refused while another program writes, Ctrl+Z in a
table cell, and a cell still being typed in when the program dies.

Each failure is the database's own (a write lock held by another connection, a trigger that
refuses a state change, a change type this program does not know), not a stand-in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import autosave
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.editor import open_editor, submit
from koopbis_desktop.ui.editor.group_table import GroupField
from koopbis_desktop.ui.mainwindow import MainWindow
from tests.conftest import valid_tckn
from tests.ui.conftest import MessageMock, wait_idle
from tests.ui.editor_filler import cell_editor, fill_cell, leave, open_form, type_line, type_text  # noqa: F401
from tests.ui.test_editor import OpenForm, coop_id, fill_admission, line  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _copies(store: Store) -> list[dict[str, Any]]:
    return [json.loads(row[0]) for row in store.conn.execute("SELECT payload FROM autosave").fetchall()]


@pytest.fixture
def write_lock(store: Store) -> Iterator[sqlite3.Connection]:
    """Another program's connection to the same file, to hold its write lock with BEGIN IMMEDIATE."""
    other = sqlite3.connect(str(store.path), isolation_level=None)
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_a_restored_copy_whose_form_cannot_open_is_kept_when_the_form_is_closed(
    qtbot: Any, store: Store, people: dict[str, Actor], make_ctx: Any
) -> None:
    # Written on a PC with a newer version of the program (a change type this one lacks).
    autosave.save(
        store,
        people["ayse"],
        "form-newer",
        type_id="member.pledge",
        cooperative="06-900001",
        entry_uuid=None,
        payload={"full_name": "Gülşen Işık", "note": "uzun açıklama\nikinci satır"},
    )
    ctx = make_ctx("ayse")
    editor = open_editor(ctx, None, form_id="form-newer")
    qtbot.waitUntil(lambda: "açılamadı" in editor.heading.text(), timeout=10_000)
    said = editor.summary.text()
    assert "member.pledge" in said and "daha yeni bir sürüm" in said, said
    assert "silinmedi" in said and "koopbis" not in said, said  # no command line for a clerk
    editor.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible())
    wait_idle(qtbot, ctx.worker)
    kept = [copy for copy in autosave.pending(store, people["ayse"]) if copy.form_id == "form-newer"]
    assert len(kept) == 1 and kept[0].payload["full_name"] == "Gülşen Işık"


def test_a_new_form_whose_submission_the_database_refuses_knows_its_stored_draft(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    fill_admission(qtbot, editor, valid_tckn(11))
    # The database refuses the move to "submitted" (the draft's own INSERT goes through).
    store.conn.execute(
        "CREATE TRIGGER refuse_submit BEFORE UPDATE OF state ON entries WHEN NEW.state = 'submitted' "
        "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
    )
    editor.on_submit_button_clicked()
    qtbot.waitUntil(lambda: not editor.busy, timeout=10_000)
    wait_idle(qtbot, editor.ctx.worker)
    stored = entries.list_entries(store)
    assert [e.state for e in stored] == [State.DRAFT]
    assert editor.entry is not None and editor.entry.uuid == stored[0].uuid
    assert editor.status.text().startswith("Kaydedildi, ama onaya gönderilemedi"), editor.status.text()
    assert not editor.is_dirty()  # the draft holds what is on screen
    store.conn.execute("DROP TRIGGER refuse_submit")
    editor.on_submit_button_clicked()  # tried again: the same entry goes for approval
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=10_000)
    wait_idle(qtbot, editor.ctx.worker)
    assert [(e.uuid, e.state) for e in entries.list_entries(store)] == [(stored[0].uuid, State.SUBMITTED)]


def test_an_autosave_refused_while_another_program_writes_is_tried_again_and_says_so(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    open_form: OpenForm,  # noqa: F811
    write_lock: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(submit, "AUTOSAVE_INTERVAL_MS", 200)  # the retry's wait: 400 ms, then 800 ms
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    editor.ctx.worker.call(lambda s: s.conn.execute("PRAGMA busy_timeout = 100"))
    write_lock.execute("BEGIN IMMEDIATE")
    edit = line(editor, "full_name")
    type_line(qtbot, edit, "Gülşen Işık")
    leave(qtbot, edit)  # an autosave point: refused, the file is locked
    qtbot.waitUntil(lambda: "yedeklenemedi" in editor.status.text(), timeout=10_000)
    assert "Ctrl+S" in editor.status.text()
    write_lock.execute("ROLLBACK")  # the other program is done
    qtbot.waitUntil(lambda: any(c.get("full_name") == "Gülşen Işık" for c in _copies(store)), timeout=10_000)
    qtbot.waitUntil(lambda: "yeniden otomatik olarak yedeklendi" in editor.status.text(), timeout=10_000)
    assert editor._autosave_failures == 0


def test_ctrl_z_while_typing_in_a_table_cell_undoes_that_typing_and_ctrl_y_brings_it_back(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="board.replace", cooperative=coop_id)
    board = editor.rows["board"].widget
    assert isinstance(board, GroupField)
    second_before = board.raw()[1]["full_name"]
    fill_cell(qtbot, board, 0, 1, "Ayşe Öz")  # one undo step
    board.table.setFocus()
    board.table.setCurrentCell(1, 1)
    qtbot.keyClick(board.table, Qt.Key.Key_F2)
    cell = cell_editor(board.table)
    qtbot.keyClick(cell, Qt.Key.Key_A, CTRL)
    type_text(qtbot, cell, "İsmail Çağrı Güneş")  # still being typed
    qtbot.keyClick(cell, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: board.raw()[1]["full_name"] == second_before)
    assert board.raw()[0]["full_name"] == "Ayşe Öz"  # the earlier step is not what went
    qtbot.keyClick(board.table, Qt.Key.Key_Y, CTRL)
    qtbot.waitUntil(lambda: board.raw()[1]["full_name"] == "İsmail Çağrı Güneş")
    assert board.raw()[0]["full_name"] == "Ayşe Öz"


def test_a_table_cell_still_being_typed_in_is_in_the_autosaved_copy(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="board.replace", cooperative=coop_id)
    board = editor.rows["board"].widget
    assert isinstance(board, GroupField)
    board.table.setFocus()
    board.table.setCurrentCell(0, 1)
    qtbot.keyClick(board.table, Qt.Key.Key_F2)
    cell = cell_editor(board.table)
    qtbot.keyClick(cell, Qt.Key.Key_A, CTRL)
    type_text(qtbot, cell, "Gülşen Öztürk Çağlayan")
    # Nothing else is touched and the cell stays open: the copy still gets the text.
    qtbot.waitUntil(
        lambda: any(
            c.get("board", [{}])[0].get("full_name") == "Gülşen Öztürk Çağlayan" for c in _copies(store)
        ),
        timeout=15_000,
    )
    assert shiboken6.isValid(cell) and cell.isVisible()  # the clerk was not interrupted
    item = board.table.item(0, 1)
    assert item is not None and item.text() != "Gülşen Öztürk Çağlayan"  # the item gets it when left


def _window_with_a_typed_form(qtbot: Any, make_ctx: Any, form: OpenForm, cooperative: str) -> tuple[Any, Any]:
    """Ayşe's main window with an admission form open on it, a name typed and not saved."""
    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    window.show()
    editor = form("ayse", parent=window, type_id="member.admit", cooperative=cooperative)
    type_line(qtbot, line(editor, "full_name"), "Zeynep Işık")
    leave(qtbot, line(editor, "full_name"))
    return window, editor


@pytest.mark.parametrize("leaving", ["close", "sign_out"])
def test_kaydet_in_the_closing_question_saves_then_the_window_goes_on_closing(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    make_ctx: Any,
    open_form: OpenForm,  # noqa: F811
    message_mock: MessageMock,
    leaving: str,
) -> None:
    window, _editor = _window_with_a_typed_form(qtbot, make_ctx, open_form, coop_id)
    message_mock.answers = ["Kaydet"]
    with qtbot.waitSignal(window.signed_out if leaving == "sign_out" else window.closed, timeout=10_000):
        assert not getattr(window, leaving)()  # the form saves first
    assert not window.isVisible()
    assert [e.payload.get("full_name") for e in entries.list_entries(store)] == ["Zeynep Işık"]


def test_a_failed_save_from_the_closing_question_keeps_the_window_and_a_later_close_of_the_form_only_closes_it(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    make_ctx: Any,
    open_form: OpenForm,  # noqa: F811
    message_mock: MessageMock,
) -> None:
    window, editor = _window_with_a_typed_form(qtbot, make_ctx, open_form, coop_id)
    store.conn.execute(
        "CREATE TRIGGER refuse_draft BEFORE INSERT ON entries BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
    )
    message_mock.answers = ["Kaydet"]
    assert not window.close()
    qtbot.waitUntil(lambda: not editor.busy, timeout=10_000)
    assert editor.status.text().startswith("Kaydedilemedi"), editor.status.text()
    assert window.isVisible() and editor.isVisible()
    assert line(editor, "full_name").text() == "Zeynep Işık"
    store.conn.execute("DROP TRIGGER refuse_draft")
    message_mock.answers = ["Vazgeç (değişiklikleri at)"]
    assert editor.close()
    qtbot.wait(50)  # a queued close of the window would have run by now
    assert window.isVisible()
