"""Issue 15, item 3: a board election opens with the current board; one member is changed by
keyboard alone; the diff against the current board is live; a cell's issue shows in a line
under the table for the focused cell."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.editor.group_table import GroupField
from tests.ui.editor_filler import cell_editor, open_form, type_text  # noqa: F401

OpenForm = Callable[..., EntryEditor]
CTRL = Qt.KeyboardModifier.ControlModifier


def test_board_opens_with_current_members_and_is_edited_by_keyboard(
    qtbot: Any,
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: OpenForm,  # noqa: F811
) -> None:
    coop = str(cooperatives[2]["id"])
    record = snapshot.get_record(store, coop)
    assert record is not None and len(record["board"]) >= 3
    editor = open_form("ayse", type_id="board.replace", cooperative=coop)
    board = editor.rows["board"].widget
    assert isinstance(board, GroupField)
    assert board.raw() == [{k: str(v) for k, v in row.items()} for row in record["board"]]
    assert not editor.is_dirty()  # prefilled rows are the register's, not typing
    assert "Şu anki satırlarla aynı" in board.diff_line.text()
    assert not editor.rows["board"].issue.isVisibleTo(editor)

    # Change one member's name: arrows to the cell, Enter edits, type, Enter commits.
    table = board.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    edit = cell_editor(table)
    edit.selectAll()  # type: ignore[attr-defined]
    type_text(qtbot, edit, "Yeni Üye Işık")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # the delegate commits on the next turn of the loop
    qtbot.waitUntil(lambda: board.raw()[0]["full_name"] == "Yeni Üye Işık")
    assert "1 satır değişti" in board.diff_line.text()
    assert table.verticalHeaderItem(0).text().endswith("✎")

    # Ctrl+D duplicates the row; its identity number is now twice in the board: the line under
    # the table names the focused cell's issue without a mouse.
    count = table.rowCount()
    qtbot.keyClick(table, Qt.Key.Key_D, CTRL)
    assert table.rowCount() == count + 1
    assert board.raw()[1]["full_name"] == "Yeni Üye Işık"
    table.setCurrentCell(1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # edit the TCKN of the copy
    edit = cell_editor(table)
    edit.selectAll()  # type: ignore[attr-defined]
    type_text(qtbot, edit, "123")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: board.raw()[1]["id_no"] == "123")
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive())
    table.setCurrentCell(1, 0)
    qtbot.waitUntil(lambda: board.cell_issue.isVisibleTo(editor))
    assert board.cell_issue.text().startswith("✗ Satır 2, T.C. Kimlik No:")
    assert "1 yeni" in board.diff_line.text()

    # Delete removes the current row again; the diff is back to one change.
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert table.rowCount() == count
    assert "1 yeni" not in board.diff_line.text()
    # Removing a current member names them as leaving.
    leaving = str(record["board"][-1]["full_name"])
    table.setCurrentCell(count - 1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert f"1 çıkarıldı: {leaving}" in board.diff_line.text()
