"""Issue 15, item 10: a keyboard-only journey, counted.

Ayşe finds the cooperative, changes one member of its board (the form opens with the current
board), submits; Şükrü signs in and approves. No mouse event is sent; every key press is
counted and the count is printed (``pytest -s`` shows it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.app import Shell
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.editor.group_table import GroupField
from koopbis_desktop.ui.login import LoginDialog
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.pages.cooperatives import CooperativesPage
from koopbis_desktop.ui.pages.new_entry import TypeChooserDialog
from koopbis_desktop.ui.pages.queue import QueuePage
from koopbis_desktop.ui.review import ReviewDialog
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import PASSWORD, valid_tckn
from tests.ui.conftest import wait_idle
from tests.ui.editor_filler import cell_editor
from tests.ui.editor_filler import type_text as type_keys

COOP = "06-900001"
CTRL = Qt.KeyboardModifier.ControlModifier
NEW_MEMBER = valid_tckn(5151)


class Keyboard:
    """Every key press of the journey goes through here and is counted."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0

    def press(
        self, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(widget, key, modifier)
        self.count += 1

    def type(self, widget: QWidget, text: str) -> None:
        type_keys(self.qtbot, widget, text)
        self.count += len(text)


def focused(qtbot: Any) -> QWidget:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def sign_in(qtbot: Any, keys: Keyboard, shell: Shell, username: str) -> MainWindow:
    dialog = shell.login
    assert isinstance(dialog, LoginDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.username_edit.setFocus()
    keys.press(dialog.username_edit, Qt.Key.Key_A, CTRL)
    keys.type(dialog.username_edit, username)
    keys.press(dialog.username_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.password_edit.hasFocus)
    keys.type(dialog.password_edit, PASSWORD)
    keys.press(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=10_000)
    window = shell.window
    assert window is not None
    window.closed.disconnect()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_find_change_one_board_member_submit_and_approve_without_mouse(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    worker: DbWorker,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
) -> None:
    keys = Keyboard(qtbot)
    record = snapshot.get_record(store, COOP)
    assert record is not None
    board_before = record["board"]
    shell = Shell(qapp, worker, store.path, demo=False)
    shell.show_login()
    window = sign_in(qtbot, keys, shell, "ayse")

    # Find: Ctrl+8, type, Down into the results, Enter.
    keys.press(focused(qtbot), Qt.Key.Key_8, CTRL)
    coops = window.pages["cooperatives"]
    assert isinstance(coops, CooperativesPage)
    qtbot.waitUntil(coops.search_box.hasFocus)
    with qtbot.waitSignal(coops.results_shown, timeout=5000):
        keys.type(coops.search_box, "isik cagdas")
    assert str(coops.results_model.row_at(0)["id"]) == COOP
    keys.press(coops.search_box, Qt.Key.Key_Down)
    with qtbot.waitSignal(coops.detail_shown, timeout=5000):
        keys.press(coops.results_view, Qt.Key.Key_Return)
    wait_idle(qtbot, worker)

    # New entry for it: Ctrl+Shift+N, "yonetim", Enter: the board election, for this cooperative.
    seen: list[str] = []

    def choose_board() -> None:  # the chooser is modal: type into it from inside its own loop
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TypeChooserDialog):
            QTimer.singleShot(20, choose_board)
            return
        keys.type(dialog.chooser.filter_edit, "yonetim")
        seen.append(dialog.chooser.visible_type_ids()[0])
        keys.press(dialog.chooser.filter_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose_board)
    keys.press(focused(qtbot), Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(seen))  # the button's shortcut clicks it a moment later
    assert seen == ["board.replace"]
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(EntryEditor)), timeout=10_000)
    editor = next(w for w in window.findChildren(EntryEditor) if w.isVisible())
    qtbot.waitUntil(lambda: editor.is_loaded)
    assert editor.ctype is not None and editor.ctype.id == "board.replace" and editor.cooperative == COOP
    board = editor.rows["board"].widget
    assert isinstance(board, GroupField) and len(board.raw()) == len(board_before)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)

    # The cursor starts in the election date (the board is already there); Tab into the table.
    date_edit = editor.rows["effective_date"].widget.focus_target()
    qtbot.waitUntil(date_edit.hasFocus)
    keys.type(date_edit, "02.03.2015")
    keys.press(date_edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(board.table.hasFocus)
    # Down selects the first member; Enter edits the identity number, Enter commits.
    keys.press(board.table, Qt.Key.Key_Down)
    if board.table.currentRow() != 0:
        keys.press(board.table, Qt.Key.Key_Up)
    assert (board.table.currentRow(), board.table.currentColumn()) == (0, 0)
    keys.press(board.table, Qt.Key.Key_Return)
    edit = cell_editor(board.table)
    keys.press(edit, Qt.Key.Key_A, CTRL)
    keys.type(edit, NEW_MEMBER)
    keys.press(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: board.raw()[0]["id_no"] == NEW_MEMBER)
    keys.press(board.table, Qt.Key.Key_Right)
    keys.press(board.table, Qt.Key.Key_Return)
    edit = cell_editor(board.table)
    keys.press(edit, Qt.Key.Key_A, CTRL)
    keys.type(edit, "Yeni Başkan Işık")
    keys.press(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: board.raw()[0]["full_name"] == "Yeni Başkan Işık")
    assert "1 yeni (+)" in board.diff_line.text() and "1 çıkarıldı" in board.diff_line.text()
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive() and editor.submit_button.isEnabled())

    with qtbot.waitSignal(editor.submitted, timeout=10_000) as submitted:
        keys.press(board.table, Qt.Key.Key_Return, CTRL)
    uuid = submitted.args[0]
    wait_idle(qtbot, worker)
    entry = entries.get_entry(store, uuid)
    assert entry.state == State.SUBMITTED
    assert entry.payload["board"][0]["id_no"] == NEW_MEMBER
    assert [row["id_no"] for row in entry.payload["board"][1:]] == [r["id_no"] for r in board_before[1:]]

    # Şükrü: Ctrl+Shift+Q signs Ayşe out; he lands on Onay bekleyenler, Enter opens, Ctrl+Enter approves.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    keys.press(window, Qt.Key.Key_Q, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: shell.window is None and shell.login is not None and shell.login.isVisible())
    window = sign_in(qtbot, keys, shell, "sef")
    assert window.current_page_key() == "submitted"
    waiting = window.pages["submitted"]
    assert isinstance(waiting, QueuePage)
    qtbot.waitUntil(lambda: waiting.model.is_loaded and waiting.model.total == 1)
    qtbot.waitUntil(waiting.table.hasFocus)
    keys.press(waiting.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(ReviewDialog)), timeout=10_000)
    review = next(w for w in window.findChildren(ReviewDialog) if w.isVisible())
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow)
    qtbot.waitUntil(lambda: review.details is not None and review.approve_button.isEnabled())
    with qtbot.waitSignal(review.approved, timeout=10_000):
        keys.press(focused(qtbot), Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, worker)
    assert entries.get_entry(store, uuid).state == State.APPROVED
    print(f"\nKlavyeyle yolculuk: {keys.count} tuş (bul → kurulda bir üye değişikliği → gönder → onay)")
    assert keys.count < 150
    window.close()
