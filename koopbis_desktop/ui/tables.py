"""Read-only tables: how they are made, sorted again and fitted to their texts; HTML escaping.

Light on purpose (PySide6 and the text table only): the Kooperatifler page, a start's
landing page for an administrator, uses these without the entry view's domain modules.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTableView

from koopbis_desktop.ui.text_table import TextTableModel


def escape_html(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


def read_only_table(model: TextTableModel, *, sortable: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    # Fitting columns measures rows through Python data(); a sample is enough for long lists.
    view.horizontalHeader().setResizeContentsPrecision(200)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if sortable:
        # No sort until the person clicks a header: lists keep the registry's order.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move between parts
    return view


def resort(view: QTableView) -> None:
    """Sort fresh rows the way the header says the view is sorted (if it is)."""
    header = view.horizontalHeader()
    model = view.model()
    if view.isSortingEnabled() and header.sortIndicatorSection() >= 0 and model is not None:
        model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())


#: Rows a column's width is measured on: a screenful and some. Measuring every row of a
#: 200-row page asked the model for each cell's text and font and was a tenth of a start.
FIT_ROWS = 60


def fit_columns(view: QTableView, max_width: int = 420) -> None:
    """Each column as wide as its widest text in the rows on screen (and some), at most ``max_width``.

    Qt's ``resizeColumnsToContents`` asks the delegate for every measured cell, and the
    delegate asks Python's ``data()`` for nine roles each (a first page of cooperatives:
    3,300 calls, a twentieth of a start). Here the texts are measured with the font
    metrics, and only each column's widest cell goes through the delegate, so the width
    is the one Qt would give (``tests/ui/test_fit_columns.py`` holds them equal).
    """
    header = view.horizontalHeader()
    model = view.model()
    if model is None:
        return
    first = max(view.rowAt(0), 0)
    rows = range(first, min(first + FIT_ROWS, model.rowCount()))
    delegate = view.itemDelegate()
    locale = view.locale()
    plain = view.fontMetrics()
    metrics: list[QFontMetrics] = []
    for row in rows:
        font = model.data(model.index(row, 0), Qt.ItemDataRole.FontRole)
        metrics.append(QFontMetrics(font) if isinstance(font, QFont) else plain)
    grid = 1 if view.showGrid() else 0
    last = header.count() - 1
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        widest, widest_row = -1, -1
        for row, fm in zip(rows, metrics, strict=True):
            value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            if value is None:
                continue
            if isinstance(value, str):
                text = value
            elif isinstance(delegate, QStyledItemDelegate):
                text = delegate.displayText(value, locale)  # numbers and dates as the view shows them
            else:
                text = str(value)
            width = fm.horizontalAdvance(text)
            if width > widest:
                widest, widest_row = width, row
        content = (
            view.sizeHintForIndex(model.index(widest_row, column)).width() + grid if widest_row >= 0 else 0
        )
        size = max(content, header.sectionSizeHint(column))
        header.resizeSection(column, size if column == last else min(size, max_width))
    if header.stretchLastSection():
        # A stretched last column fills what is left: let it take its stretch again.
        header.setStretchLastSection(False)
        header.setStretchLastSection(True)
