"""The widgets of the conflict dialog: the three-column table and the per-field chooser.

They show what :mod:`sync.conflict_view` computed and hold no comparison logic.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QRadioButton,
    QTableView,
    QWidget,
)

from koopbis_desktop.ui.text_table import Column, TextTableModel
from sync.conflict_view import (
    CHOOSE_LOCAL,
    CHOOSE_MERGED,
    CHOOSE_SERVER,
    CHOOSE_TYPED,
    Chooser,
    ComparisonLine,
)

_tr = QCoreApplication.translate


def comparison_model(lines: list[ComparisonLine], parent: Any = None) -> TextTableModel:
    return TextTableModel(
        [
            Column(_tr("ConflictDialog", "Alan"), lambda line: line.what),
            Column(_tr("ConflictDialog", "Gördüğünüz"), lambda line: line.base),
            Column(_tr("ConflictDialog", "Girdiğiniz"), lambda line: line.local),
            Column(_tr("ConflictDialog", "KOOP-BİS'te şimdi"), lambda line: line.server),
            Column(_tr("ConflictDialog", "Fark"), lambda line: line.difference),
        ],
        lines,
        highlighted=lambda line: line.conflicting,
        parent=parent,
    )


class ComparisonTable(QTableView):
    """The three sides next to each other, long values wrapped, as tall as its rows (up to a limit).

    The value columns share the width; rows grow to show a long title or address in
    full, because a supervisor must read the whole value to decide, not guess it.
    """

    MAX_HEIGHT = 320

    def __init__(self, model: TextTableModel, name: str) -> None:
        super().__init__()
        self.setModel(model)
        self.setObjectName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, self.fontMetrics().horizontalAdvance("M") * 16)
        header.sectionResized.connect(self.on_header_section_resized)
        self._fit_height()

    def on_header_section_resized(self, index: int, old: int, new: int) -> None:
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The stretched columns settle after this event; measure the wrapped rows then.
        QTimer.singleShot(0, self, self._fit_height)  # not after the table is deleted

    def _fit_height(self) -> None:
        self.resizeRowsToContents()
        model = self.model()
        rows = sum(self.rowHeight(r) for r in range(model.rowCount())) if model is not None else 0
        height = self.horizontalHeader().sizeHint().height() + max(rows, 20) + 2 * self.frameWidth() + 2
        self.setFixedHeight(min(height, self.MAX_HEIGHT))


class FieldChooser(QGroupBox):
    """Radio buttons for one conflicting field: Girdiğiniz / KOOP-BİS'teki / Elle yaz (/ Birleştir)."""

    changed = Signal()

    def __init__(self, chooser: Chooser, parent: QWidget | None = None) -> None:
        super().__init__(chooser.label, parent)
        self.chooser = chooser
        self.setObjectName(f"chooser_{chooser.name}")
        self.group = QButtonGroup(self)
        layout = QGridLayout(self)
        self.local_radio = QRadioButton(self.tr("Girdiğiniz: {0}").format(_short(chooser.local_text)))
        self.local_radio.setToolTip(chooser.local_text)
        self.server_radio = QRadioButton(self.tr("KOOP-BİS'teki: {0}").format(_short(chooser.server_text)))
        self.server_radio.setToolTip(chooser.server_text)
        self.local_radio.setObjectName(f"choose_local_{chooser.name}")
        self.server_radio.setObjectName(f"choose_server_{chooser.name}")
        self.group.addButton(self.local_radio)
        self.group.addButton(self.server_radio)
        layout.addWidget(self.local_radio, 0, 0, 1, 2)
        layout.addWidget(self.server_radio, 1, 0, 1, 2)
        self.typed_radio: QRadioButton | None = None
        self.typed_edit: QLineEdit | None = None
        self.merged_radio: QRadioButton | None = None
        if chooser.is_group:
            if chooser.can_merge_rows:
                self.merged_radio = QRadioButton(
                    self.tr("Birleştir: iki taraftaki değişiklikler birlikte ({0} satır)").format(
                        len(chooser.merged or [])
                    )
                )
                self.merged_radio.setObjectName(f"choose_merged_{chooser.name}")
                self.group.addButton(self.merged_radio)
                layout.addWidget(self.merged_radio, 2, 0, 1, 2)
        else:
            self.typed_radio = QRadioButton(self.tr("Elle yaz:"))
            self.typed_radio.setObjectName(f"choose_typed_{chooser.name}")
            self.typed_edit = QLineEdit(chooser.typed_default)
            self.typed_edit.setObjectName(f"typed_{chooser.name}")
            self.typed_edit.textEdited.connect(self.on_typed_edit_text_edited)
            self.group.addButton(self.typed_radio)
            layout.addWidget(self.typed_radio, 2, 0)
            layout.addWidget(self.typed_edit, 2, 1)
        layout.setColumnStretch(1, 1)
        if chooser.suggested == CHOOSE_SERVER:
            self.server_radio.setChecked(True)
        elif chooser.suggested == CHOOSE_MERGED and self.merged_radio is not None:
            self.merged_radio.setChecked(True)
        if chooser.suggested is not None:
            self.setTitle(
                self.tr("{0} — çakışma değil; hiçbir şeyi kaybettirmeyen seçim işaretli").format(
                    chooser.label
                )
            )
        self.group.buttonToggled.connect(self.on_group_button_toggled)

    def on_typed_edit_text_edited(self, text: str) -> None:
        if self.typed_radio is not None:
            self.typed_radio.setChecked(True)

    def on_group_button_toggled(self, button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def choice(self) -> str | None:
        if self.local_radio.isChecked():
            return CHOOSE_LOCAL
        if self.server_radio.isChecked():
            return CHOOSE_SERVER
        if self.typed_radio is not None and self.typed_radio.isChecked():
            return CHOOSE_TYPED
        if self.merged_radio is not None and self.merged_radio.isChecked():
            return CHOOSE_MERGED
        return None

    def service_choice(self) -> Any:
        """The choice as ``services.conflicts.merge`` takes it (None: not chosen)."""
        choice = self.choice()
        if choice == CHOOSE_TYPED and self.typed_edit is not None:
            return {"value": self.typed_edit.text().strip()}
        if choice == CHOOSE_MERGED:
            return {"value": self.chooser.merged}
        return choice

    def result_text(self) -> str:
        choice = self.choice()
        if choice == CHOOSE_LOCAL:
            return self.chooser.local_text
        if choice == CHOOSE_TYPED and self.typed_edit is not None:
            return self.typed_edit.text().strip()
        if choice == CHOOSE_MERGED:
            return self.tr("iki taraf birleştirilmiş")
        return self.chooser.server_text


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
