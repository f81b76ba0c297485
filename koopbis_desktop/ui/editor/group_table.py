"""A repeating group (founders, board members, amended articles) as an editable table.

Columns come from the group's row fields; a choice column edits through a
combo and stores the choice's value while showing its label. Each cell keeps
what was typed; the form marks the cells the validator complains about.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.schema import Field, Kind, Severity
from koopbis_desktop.ui.editor.fields import UNDO_KEYS, FieldWidget
from koopbis_desktop.ui.empty_state import viewport_of

VALUE_ROLE = Qt.ItemDataRole.UserRole
SEVERITY_ROLE = int(Qt.ItemDataRole.UserRole) + 7
ERROR_BRUSH = QBrush(QColor("#f8d7da"))
WARNING_BRUSH = QBrush(QColor("#fff3cd"))

Index = QModelIndex | QPersistentModelIndex


# Typing in a cell starts editing it, as in a spreadsheet; F2 and a double click too.
EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.AnyKeyPressed
    | QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
)


class _CellDelegate(QStyledItemDelegate):
    """Line edits for typed cells, combos for choice cells (value kept in VALUE_ROLE)."""

    typed = Signal()  # a keystroke in a cell's line edit (not yet in its item)

    def __init__(self, group: Field, parent: QWidget) -> None:
        super().__init__(parent)
        self.group = group

    def _field(self, index: Index) -> Field:
        return self.group.fields[index.column()]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        field = self._field(index)
        if field.kind == Kind.CHOICE:
            combo = QComboBox(parent)
            combo.addItem("", "")
            for choice in field.choices:
                combo.addItem(choice.label, choice.value)
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        edit = QLineEdit(parent)
        if field.max_length:
            edit.setMaxLength(field.max_length)
        edit.installEventFilter(UNDO_KEYS)
        edit.textEdited.connect(self.typed)
        return edit

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            value = index.data(VALUE_ROLE) or ""
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData() or "", VALUE_ROLE)
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class GroupField(FieldWidget):
    """The table of a GROUP field with add/remove row buttons (Insert, Ctrl+Delete).

    Keyboard: arrows move, Enter edits the cell (and commits it), Tab leaves the table,
    Insert adds a row, Delete or Ctrl+Delete removes the current row, Ctrl+D duplicates it.
    The line under the table names the focused cell's issue, the next one what differs from
    the cooperative's current rows (``set_current``).
    """

    typing = Signal()  # a cell is being typed in: ``raw_as_typed`` has text ``raw`` has not yet

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.table = QTableWidget(0, len(field.fields), self)
        self.table.setObjectName(f"table_{field.name}")
        self.table.setHorizontalHeaderLabels(
            [f"{f.label} *" if f.required else f.label for f in field.fields]
        )
        header = self.table.horizontalHeader()
        for column, row_field in enumerate(field.fields):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if row_field.kind in (Kind.TEXT, Kind.LONGTEXT)
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        delegate = _CellDelegate(field, self.table)
        delegate.typed.connect(self.typing)
        self.table.setItemDelegate(delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(EDIT_TRIGGERS)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside
        self.table.setFixedHeight(230)
        self.table.installEventFilter(UNDO_KEYS)
        self.add_button = QPushButton(self.tr("Satır ekle (Insert)"), self)
        self.add_button.setObjectName(f"add_{field.name}")
        self.remove_button = QPushButton(self.tr("Satırı sil (Ctrl+Delete)"), self)
        self.remove_button.setObjectName(f"remove_{field.name}")
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.remove_button.clicked.connect(self.on_remove_button_clicked)
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Insert), self.on_add_button_clicked),
            (QKeySequence("Ctrl+Delete"), self.on_remove_button_clicked),
            (QKeySequence(Qt.Key.Key_Delete), self.on_remove_button_clicked),
            (QKeySequence("Ctrl+D"), self.duplicate_row),
        ):
            shortcut = QShortcut(keys, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.count_label_text = ""
        self.cell_issue = QLabel(self)
        self.cell_issue.setObjectName(f"cell_issue_{field.name}")
        self.cell_issue.setWordWrap(True)
        self.cell_issue.setTextFormat(Qt.TextFormat.PlainText)
        self.cell_issue.hide()
        self.diff_line = QLabel(self)
        self.diff_line.setObjectName(f"diff_{field.name}")
        self.diff_line.setWordWrap(True)
        self.diff_line.setTextFormat(Qt.TextFormat.PlainText)
        self.diff_line.setStyleSheet("color: #455a64;")
        self.diff_line.hide()
        self.current_rows: list[dict[str, Any]] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.cell_issue)
        layout.addLayout(buttons)
        layout.addWidget(self.diff_line)
        self.table.installEventFilter(self)
        self.table.currentCellChanged.connect(self.on_table_current_cell_changed)
        self.table.itemChanged.connect(self.on_table_item_changed)
        self.setFocusProxy(self.table)
        self._read_only = False

    # -- value -------------------------------------------------------------------------

    def raw(self) -> Any:
        rows: list[dict[str, Any]] = []
        for row in range(self.table.rowCount()):
            values: dict[str, Any] = {}
            for column, row_field in enumerate(self.field.fields):
                item = self.table.item(row, column)
                if item is None:
                    values[row_field.name] = ""
                elif row_field.kind == Kind.CHOICE:
                    values[row_field.name] = item.data(VALUE_ROLE) or ""
                else:
                    values[row_field.name] = item.text()
            rows.append(values)
        return rows

    def raw_as_typed(self) -> Any:
        """``raw`` with the text of the cell being typed in, which its item gets only when the
        cell is left (the autosave's copy must not wait for that)."""
        rows = self.raw()
        if self.table.state() != QAbstractItemView.State.EditingState:
            return rows
        index = self.table.currentIndex()
        editor = self.table.indexWidget(index)
        if isinstance(editor, QLineEdit) and 0 <= index.row() < len(rows):
            rows[index.row()][self.field.fields[index.column()].name] = editor.text()
        return rows

    def _show(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for row_values in rows:
                self._append_row(row_values if isinstance(row_values, dict) else {})
        finally:
            self.table.blockSignals(False)
        self._show_diff()

    def _append_row(self, values: dict[str, Any]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, row_field in enumerate(self.field.fields):
            raw = values.get(row_field.name)
            text = "" if raw is None else str(raw)
            item = QTableWidgetItem()
            if row_field.kind == Kind.CHOICE:
                item.setData(VALUE_ROLE, text)
                item.setText(row_field.choice_label(text) if text else "")
            else:
                item.setText(text)
            if row_field.kind == Kind.INT:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if self._read_only:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, column, item)
        return row

    # -- rows -------------------------------------------------------------------------

    def on_add_button_clicked(self) -> None:
        if self._read_only:
            return
        self.table.blockSignals(True)
        try:
            row = self._append_row({})
        finally:
            self.table.blockSignals(False)
        self.table.setFocus()
        self.table.setCurrentCell(row, 0)
        self._changed()

    def on_remove_button_clicked(self) -> None:
        if self._read_only:
            return
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row < 0:
            return
        self.table.removeRow(row)
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), 0)
        self._changed()

    def duplicate_row(self) -> None:
        """Ctrl+D: a copy of the current row below it (a second member with the same term)."""
        row = self.table.currentRow()
        if self._read_only or row < 0:
            return
        values = self.raw()[row]
        self.table.blockSignals(True)
        try:
            self.table.insertRow(row + 1)
            copy = self._append_row(values)
            for column in range(self.table.columnCount()):
                self.table.setItem(row + 1, column, self.table.takeItem(copy, column))
            self.table.removeRow(copy)
        finally:
            self.table.blockSignals(False)
        self.table.setCurrentCell(row + 1, 0)
        self._changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter on a cell that is not being edited starts editing it (F2 does too).
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.table.state() != QAbstractItemView.State.EditingState
            and not self._read_only
        ):
            item = self.table.currentItem()
            if item is not None:
                self.table.editItem(item)
                return True
        return False

    def commit_open_cell(self) -> None:
        """Keep what is being typed in a cell: Ctrl+S, Ctrl+Enter or closing reads the table's
        items, and an open cell editor has not written its text to its item yet."""
        if self.table.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is None:
            return
        self.table.commitData(editor)
        self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def on_table_item_changed(self, item: QTableWidgetItem) -> None:
        self._changed()

    def on_table_current_cell_changed(self, row: int, column: int, _row: int, _column: int) -> None:
        self._show_cell_issue()

    def _changed(self) -> None:
        self._show_diff()
        if not self._quiet:
            self.edited.emit()
            self.left.emit()

    # -- against the current rows ---------------------------------------------------------

    def set_current(self, rows: list[dict[str, Any]]) -> None:
        """The cooperative's rows now (from the offline list); the table's rows are compared to them."""
        self.current_rows = [dict(r) for r in rows]
        self._show_diff()

    def _show_diff(self) -> None:
        if self.current_rows is None or not self.field.key:
            self.diff_line.hide()
            return
        key = self.field.key
        names = [f.name for f in self.field.fields]
        current = {str(r.get(key, "")): r for r in self.current_rows}
        changed = added = 0
        seen: set[str] = set()
        marks: list[str] = []
        for row in self.raw():
            ident = str(row.get(key, "")).strip()
            before = current.get(ident)
            if before is None:
                added += 1 if any(str(v).strip() for v in row.values()) else 0
                marks.append("+")
            else:
                seen.add(ident)
                same = all(str(before.get(n, "") or "").strip() == str(row.get(n, "")).strip() for n in names)
                changed += 0 if same else 1
                marks.append("=" if same else "✎")
        removed = [r for ident, r in current.items() if ident not in seen]
        for index, mark in enumerate(marks):
            self.table.setVerticalHeaderItem(index, QTableWidgetItem(f"{index + 1} {mark}"))
        if not (changed or added or removed):
            text = self.tr(
                "Şu anki satırlarla aynı ({0} satır): değişeni düzenleyin, çıkanı silin, yeniyi ekleyin."
            ).format(len(self.current_rows))
        else:
            parts = []
            if changed:
                parts.append(self.tr("{0} satır değişti (✎)").format(changed))
            if added:
                parts.append(self.tr("{0} yeni (+)").format(added))
            if removed:
                who = ", ".join(str(r.get("full_name") or r.get(key) or "") for r in removed)
                parts.append(self.tr("{0} çıkarıldı: {1}").format(len(removed), who))
            text = self.tr("Şu ankine göre: {0}.").format("; ".join(parts))
        self.diff_line.setText(text)
        self.diff_line.show()

    # -- issues -------------------------------------------------------------------------

    def show_cell_issues(self, issues: dict[tuple[int, str], tuple[Severity, str]]) -> None:
        """Colour the cells with issues and put the message in their tooltip; clear the rest."""
        columns = {f.name: i for i, f in enumerate(self.field.fields)}
        self.table.blockSignals(True)
        try:
            for row in range(self.table.rowCount()):
                for name, column in columns.items():
                    item = self.table.item(row, column)
                    if item is None:
                        continue
                    found = issues.get((row, name))
                    if found is None:
                        item.setData(Qt.ItemDataRole.BackgroundRole, None)
                        item.setToolTip("")
                        item.setData(SEVERITY_ROLE, None)
                    else:
                        severity, text = found
                        item.setBackground(ERROR_BRUSH if severity == Severity.ERROR else WARNING_BRUSH)
                        item.setToolTip(text)
                        item.setData(SEVERITY_ROLE, severity.value)
        finally:
            self.table.blockSignals(False)
        viewport_of(self.table).update()
        self._show_cell_issue()

    def _show_cell_issue(self) -> None:
        """The focused cell's issue in a line under the table (a tooltip needs a mouse)."""
        item = self.table.currentItem()
        text = item.toolTip() if item is not None else ""
        if not text:
            self.cell_issue.hide()
            return
        column = self.table.currentColumn()
        label = self.field.fields[column].label if 0 <= column < len(self.field.fields) else ""
        error = item is not None and item.data(SEVERITY_ROLE) == Severity.ERROR.value
        self.cell_issue.setStyleSheet(f"color: {'#b00020' if error else '#8a5300'};")
        mark = "✗" if error else "⚠"
        self.cell_issue.setText(
            self.tr("{0} Satır {1}, {2}: {3}").format(mark, self.table.currentRow() + 1, label, text)
        )
        self.cell_issue.show()

    def focus_target(self) -> QWidget:
        return self.table

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)
        # Back to typing too (a submission that failed, an entry returned meanwhile), not only away.
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if read_only else EDIT_TRIGGERS
        )
