"""The one way the desktop puts a message box in front of a person.

Every box goes through here, so what a person is told has one code path: tests record the
boxes (``message_mock`` in tests/ui/conftest.py) and assert what was read, without modal
windows waiting for a click. Messages inside a form (the status line, an issue beside a
field) are not boxes and stay where they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtWidgets import QMessageBox, QWidget


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    QUESTION = "question"


_ICONS = {
    Level.INFO: QMessageBox.Icon.Information,
    Level.WARNING: QMessageBox.Icon.Warning,
    Level.ERROR: QMessageBox.Icon.Critical,
    Level.QUESTION: QMessageBox.Icon.Question,
}

Role = QMessageBox.ButtonRole


@dataclass(frozen=True)
class Shown:
    """What a person read in one box, and for a question the buttons they could press."""

    level: Level
    title: str
    text: str
    informative: str = ""
    choices: tuple[str, ...] = field(default=())


# Set by tests only: receives each box instead of showing it and, for a question, returns the
# index of the button pressed (None: the box was closed without one).
Recorder = Callable[[Shown], int | None]
_recorder: Recorder | None = None


def set_recorder(recorder: Recorder | None) -> Recorder | None:
    """Route boxes to ``recorder`` (None: show them again); returns the one it replaces."""
    global _recorder
    previous, _recorder = _recorder, recorder
    return previous


# A box shown without waiting has no Qt owner when it has no parent; Python keeps it alive
# until it is closed.
_open_boxes: set[QMessageBox] = set()


def show(
    parent: QWidget | None,
    level: Level,
    title: str,
    text: str,
    *,
    informative: str = "",
    object_name: str = "",
    wait: bool = True,
) -> None:
    """Tell the person something with an OK button; ``wait=False`` returns while it is open."""
    if _recorder is not None:
        _recorder(Shown(level, title, text, informative))
        return
    box = QMessageBox(_ICONS[level], title, text, QMessageBox.StandardButton.Ok, parent)
    if object_name:
        box.setObjectName(object_name)
    if informative:
        box.setInformativeText(informative)
    if wait:
        box.exec()
        box.deleteLater()
        return
    from PySide6.QtCore import Qt  # named when needed: see ui/help.py's ANCHOR_ROLE

    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_boxes.add(box)
    box.finished.connect(lambda _code: _open_boxes.discard(box))
    box.open()


def show_info(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    informative: str = "",
    object_name: str = "",
    wait: bool = True,
) -> None:
    show(parent, Level.INFO, title, text, informative=informative, object_name=object_name, wait=wait)


def show_warning(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    informative: str = "",
    object_name: str = "",
    wait: bool = True,
) -> None:
    show(parent, Level.WARNING, title, text, informative=informative, object_name=object_name, wait=wait)


def show_error(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    informative: str = "",
    object_name: str = "",
    wait: bool = True,
) -> None:
    show(parent, Level.ERROR, title, text, informative=informative, object_name=object_name, wait=wait)


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: Sequence[tuple[str, QMessageBox.ButtonRole]],
    *,
    informative: str = "",
    default: int | None = None,
    escape: int | None = None,
    object_name: str = "",
    icon: Level = Level.QUESTION,
) -> int | None:
    """Ask with the given buttons and wait; the index of the one pressed (None: closed otherwise).

    ``icon`` WARNING marks a question whose yes cannot be undone.
    """
    if _recorder is not None:
        return _recorder(Shown(Level.QUESTION, title, text, informative, tuple(c for c, _ in choices)))
    box = QMessageBox(parent)
    if object_name:
        box.setObjectName(object_name)
    box.setIcon(_ICONS[icon])
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    buttons = [box.addButton(label, role) for label, role in choices]
    if default is not None:
        box.setDefaultButton(buttons[default])
    if escape is not None:
        box.setEscapeButton(buttons[escape])
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return next((i for i, button in enumerate(buttons) if button is clicked), None)
