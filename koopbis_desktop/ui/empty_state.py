"""What an empty list shows: why it is empty and the next thing to do, inside the list itself.

A blank table tells nobody anything; every list view gets an ``EmptyState`` that sits in
its viewport while the model has no rows, with a sentence and (when there is one) a button
for the next step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

#: The name Qt gives the viewport a scroll area makes for itself.
_VIEWPORT_NAME = "qt_scrollarea_viewport"


def viewport_of(view: QAbstractScrollArea) -> QWidget:
    """``view.viewport()``, without making PySide6 set up every QtWidgets class.

    The viewport is a plain ``QWidget`` that Qt made; the first time ``viewport()`` hands
    such a widget to Python, PySide6 looks for its most derived type by setting up every
    class of QtWidgets and their enums (≈ 70 enums, 10–25 ms, once per process, on the UI
    thread of every start). Found by its name among the view's children it comes as the
    ``QWidget`` asked for, and ``viewport()`` then returns that same object at no cost. A
    viewport someone set with ``setViewport`` has another name: then ``viewport()`` it is.
    """
    found = view.findChild(QWidget, _VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else view.viewport()


class EmptyState(QWidget):
    """Shown over ``view``'s viewport while its model is empty."""

    def __init__(
        self,
        view: QAbstractItemView,
        text: str | Callable[[], str],
        action_text: str = "",
        action: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(viewport_of(view))
        self.setObjectName("emptyState")
        self.view = view
        self._text = text
        self.label = QLabel(self)
        self.label.setObjectName("emptyStateText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("color: #455a64; font-size: 11pt;")
        self.button = QPushButton(action_text, self)
        self.button.setObjectName("emptyStateAction")
        self.button.setVisible(bool(action_text and action))
        if action is not None:
            self.button.clicked.connect(action)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        viewport_of(view).installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.refresh)
        self.refresh()

    def set_text(self, text: str | Callable[[], str]) -> None:
        self._text = text
        self.refresh()

    def refresh(self, *_args: object) -> None:
        empty = self.view.model().rowCount() == 0
        if empty:
            self.label.setText(self._text() if callable(self._text) else self._text)
            self.setGeometry(viewport_of(self.view).rect())
        self.setVisible(empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(viewport_of(self.view).rect())
        return False
