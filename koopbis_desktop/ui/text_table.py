"""A read-only table model over a list of rows, for the lookup and review screens.

Cells are computed when the view asks for them (a cooperative's member list can
hold thousands of rows: one model, no widget per row). Sorting happens in the
model with ``QCollator(QLocale("tr_TR"))`` sort keys, so "Çağdaş" sorts after
"Cengiz" and before "Demir"; a column may give its own sort value (ISO dates,
numbers) instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

Index = QModelIndex | QPersistentModelIndex

HIGHLIGHT = QColor("#fff1b8")  # changed values: a soft yellow readable in light themes


_HIGHLIGHT_ROLES = (
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
)


@dataclass(frozen=True)
class Column:
    """One column: its Turkish header, how a row shows in it, and (optionally) how it sorts."""

    header: str
    text: Callable[[Any], str]
    sort_value: Callable[[Any], Any] | None = None
    align_right: bool = False


def turkish_collator() -> QCollator:
    collator = QCollator(QLocale("tr_TR"))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return collator


class TextTableModel(QAbstractTableModel):
    """Rows of any kind shown through :class:`Column` specs; a row may be highlighted."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Any] = (),
        *,
        highlighted: Callable[[Any], bool] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = list(rows)
        self._highlighted = highlighted
        self._collator = turkish_collator()

    # -- content ---------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def is_highlighted(self, row: int) -> bool:
        return self._highlighted is not None and bool(self._highlighted(self._rows[row]))

    def column_texts(self, column: int) -> list[str]:
        """What column ``column`` shows, top to bottom (for tests and copying)."""
        spec = self._columns[column]
        return [spec.text(row) for row in self._rows]

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._columns):
            return None
        row = self._rows[index.row()]
        spec = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return spec.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if spec.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role not in _HIGHLIGHT_ROLES or self._highlighted is None:
            return None  # the view asks for many roles per cell: test the row only when it matters
        if self._highlighted(row):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(HIGHLIGHT)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#000000"))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
            return None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        spec = self._columns[column]
        if spec.sort_value is not None:
            value = spec.sort_value

            def key(row: Any) -> Any:
                v = value(row)
                return (v is None, v if v is not None else 0)
        else:
            collator = self._collator

            def key(row: Any) -> Any:
                return collator.sortKey(spec.text(row))

        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        positions = sorted(
            range(len(self._rows)),
            key=lambda i: key(self._rows[i]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        new_position = {old: new for new, old in enumerate(positions)}
        self._rows = [self._rows[i] for i in positions]
        self.changePersistentIndexList(
            old_persistent,
            [self.index(new_position[i.row()], i.column()) for i in old_persistent],
        )
        self.layoutChanged.emit()
