"""Typing Turkish text into widgets as a keyboard does.

``qtbot.keyClicks`` goes through ``QTest::keyClicks``, which maps every
character to an ASCII key code and aborts the process on any other (ç, ı, ş, ğ, ...). A Turkish
keyboard layout delivers those as key events carrying the letter as text, so
that is what :func:`type_text` sends for them; ASCII characters still go
through ``qtbot.keyClicks``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    for char in text:
        if ord(char) < 128:
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
