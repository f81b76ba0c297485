"""The idle lock's clock: the person's keyboard and mouse in any window they work in restart
it, and nothing else does.

Input goes the way a real key press and mouse move go — to the window first, through Qt's
window system interface (``QTest`` on the ``QWindow``) — not straight into a widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.idle import IdleWatcher
from koopbis_desktop.ui.mainwindow import MainWindow

MINUTE_MS = 60_000


def focused(qtbot: Any, widget: QWidget) -> QWindow:
    """Show ``widget``, wait until its window has the focus; that window."""
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(
        lambda: widget.windowHandle() is not None and QGuiApplication.focusWindow() == widget.windowHandle(),
        timeout=5000,
    )
    handle = widget.windowHandle()
    assert handle is not None
    return handle


@pytest.fixture
def window(qtbot: Any, make_ctx: Callable[[str], AppContext]) -> Iterator[MainWindow]:
    """A signed-in main window with the focus, its lock a minute away; closed afterwards."""
    shown = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(shown)
    focused(qtbot, shown)
    shown.idle.interval_ms = MINUTE_MS
    yield shown
    shown.idle.interval_ms = 0
    shown.close()


def aged(qtbot: Any, idle: IdleWatcher) -> int:
    """Let the pending lock come 50 ms closer; how far away it is then."""
    start = idle.remaining_ms
    assert start > 0
    qtbot.waitUntil(lambda: idle.remaining_ms < start - 50, timeout=5000)
    return idle.remaining_ms


def test_keyboard_and_mouse_in_the_main_window_restart_the_clock(qtbot: Any, window: MainWindow) -> None:
    handle = window.windowHandle()
    before = aged(qtbot, window.idle)
    QTest.keyClick(handle, Qt.Key.Key_Shift)
    assert window.idle.remaining_ms > before

    before = aged(qtbot, window.idle)
    QTest.mouseMove(handle, QPoint(window.width() // 2, window.height() // 2))
    assert window.idle.remaining_ms > before

    before = aged(qtbot, window.idle)
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert window.idle.remaining_ms > before


def test_typing_in_a_dialog_over_the_window_restarts_the_clock(qtbot: Any, window: MainWindow) -> None:
    form = QDialog(window)
    field = QLineEdit(form)
    QVBoxLayout(form).addWidget(field)
    handle = focused(qtbot, form)  # a window of its own, opened after the watcher started
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=5000)

    before = aged(qtbot, window.idle)
    QTest.keyClick(handle, Qt.Key.Key_A)
    assert field.text() == "a"  # the key went the real way: window, then the focused field
    assert window.idle.remaining_ms > before
    form.close()


def test_painting_resizing_and_timers_do_not_restart_the_clock(qtbot: Any, window: MainWindow) -> None:
    before = aged(qtbot, window.idle)
    window.resize(window.width() + 40, window.height() + 20)
    window.repaint()
    qtbot.wait(30)  # the resize, the paints and the window's own timers are delivered meanwhile
    assert 0 < window.idle.remaining_ms <= before


def test_a_stopped_watcher_no_longer_counts_input(window: MainWindow) -> None:
    handle = window.windowHandle()
    window.idle.stop()
    assert window.idle.remaining_ms == -1
    QTest.keyClick(handle, Qt.Key.Key_Shift)
    QTest.mouseMove(handle, QPoint(10, 10))
    assert window.idle.remaining_ms == -1


def test_a_settings_change_on_another_pc_does_not_restart_the_clock(qtbot: Any, window: MainWindow) -> None:
    """Another PC's settings change (and, where the office's notifications do not arrive, every
    write of every PC: a poll announces every kind) reloads the settings here. Before, that set
    the idle lock's minutes again and so restarted its clock: in a busy office an unattended
    PC never locked."""
    from koopbis_desktop.store.changes import EVERYTHING
    from tests.ui.conftest import wait_idle

    window.idle.set_minutes(10)  # what the setting says (the fixture's minute is no setting)
    before = aged(qtbot, window.idle)
    loaded: list[bool] = []
    window.ctx.hub.settings_changed.connect(lambda: loaded.append(True))
    window.ctx.hub.announce(EVERYTHING)
    qtbot.waitUntil(lambda: bool(loaded))
    wait_idle(qtbot, window.ctx.worker)
    assert 0 < window.idle.remaining_ms <= before
    # A change of the setting itself still applies.
    window.on_settings_loaded({"idle_lock_minutes": "5"})
    assert window.idle.interval_ms == 5 * MINUTE_MS
