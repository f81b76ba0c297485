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


def _mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` of ``text`` ("&&" is a literal ampersand), upper-cased as Qt does."""
    at = 0
    while (at := text.find("&", at)) != -1 and at + 1 < len(text):
        if text[at + 1] != "&":
            return text[at + 1].upper()
        at += 2
    return None


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Each Alt letter of ``window``'s shown controls → their texts.

    Counted: buttons, labels with a buddy, group boxes, tabs and menu-bar titles that are
    visible now (a hidden control's letter is off).
    """
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar

    found: dict[str, list[str]] = {}

    def add(text: str) -> None:
        letter = _mnemonic(text)
        if letter is not None:
            found.setdefault(letter, []).append(text)

    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and not isinstance(button.parentWidget(), QTabBar):
            add(button.text())
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.buddy() is not None:
            add(label.text())
    for box in window.findChildren(QGroupBox):
        if box.isVisibleTo(window):
            add(box.title())
    for bar in window.findChildren(QTabBar):
        if bar.isVisibleTo(window):
            for index in range(bar.count()):
                if bar.isTabVisible(index):
                    add(bar.tabText(index))
    for menu_bar in window.findChildren(QMenuBar):
        if menu_bar.isVisibleTo(window):
            for action in menu_bar.actions():
                if action.isVisible():
                    add(action.text())
    return found


def mnemonic_clashes(window: QWidget) -> dict[str, list[str]]:
    """Alt letters that more than one shown control of ``window`` answers to, with their texts.

    Pressing such a letter only moves the focus between them (Qt's ambiguous shortcut), so an
    Alt+K meant for "Kaydet" saves nothing.
    """
    return {letter: texts for letter, texts in mnemonics(window).items() if len(texts) > 1}
