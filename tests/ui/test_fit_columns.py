"""``fit_columns`` gives each column the width Qt's own ``resizeColumnsToContents`` gives it.

The program measures texts with the font metrics and asks the delegate only for each
column's widest cell (a start's first page of cooperatives asked Python's ``data()``
3,300 times the other way); these tests hold the two ways equal on real views: bold
highlighted rows, numbers formatted by the delegate, a column wider than the cap, a
header wider than its cells, a hidden column, rows scrolled below the first screen.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QTableView

from koopbis_desktop.ui.tables import FIT_ROWS, fit_columns, read_only_table
from koopbis_desktop.ui.text_table import Column, TextTableModel


class _Numbers(TextTableModel):
    """A model whose second column is an int, as a delegate formats it (1.234.567)."""

    def data(self, index: Any, role: int = 0) -> Any:
        value = super().data(index, role)
        if index.isValid() and index.column() == 1 and role == 0 and value is not None:
            return int(value)
        return value


def _rows(count: int) -> list[dict[str, Any]]:
    titles = ["Işık Konut", "ÇAĞDAŞ ÖĞRETMENLER KONUT YAPI KOOPERATİFİ", "Su", "Gül", "İnşaat"]
    return [
        {
            "no": f"2015/{n:05d}",
            "amount": str(10 ** (n % 8) + n),
            "title": titles[n % len(titles)] + (" (uzun ek)" * (n % 3)),
            "note": "—" if n % 2 else "açıklama " * (n % 5),
            "bold": n % 7 == 3,
        }
        for n in range(count)
    ]


def _view(qtbot: Any, count: int, *, header: str = "Tutar") -> QTableView:
    model = _Numbers(
        [
            Column("No", lambda r: r["no"]),
            Column(header, lambda r: r["amount"], align_right=True),
            Column("Unvan", lambda r: r["title"]),
            Column("Açıklama", lambda r: r["note"]),
        ],
        _rows(count),
        highlighted=lambda r: r["bold"],
    )
    view = read_only_table(model)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def _qt_widths(view: QTableView, max_width: int) -> list[int]:
    """What the program did before: Qt measures FIT_ROWS rows, then the same cap."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(FIT_ROWS)
    view.resizeColumnsToContents()
    for column in range(header.count() - 1):
        if header.sectionSize(column) > max_width:
            header.resizeSection(column, max_width)
    return [header.sectionSize(c) for c in range(header.count() - 1)]


def _fast_widths(view: QTableView, max_width: int) -> list[int]:
    fit_columns(view, max_width)
    header = view.horizontalHeader()
    return [header.sectionSize(c) for c in range(header.count() - 1)]


@pytest.mark.parametrize("max_width", [420, 150])
def test_widths_are_qts(qtbot: Any, max_width: int) -> None:
    view = _view(qtbot, 40)
    qt = _qt_widths(view, max_width)
    for column in range(3):
        view.horizontalHeader().resizeSection(column, 30)  # forget Qt's answer
    assert _fast_widths(view, max_width) == qt
    assert max(qt) <= max_width
    if max_width == 150:
        assert qt[2] == 150  # the title column was capped, so the cap was exercised


def test_a_wide_header_sets_the_width(qtbot: Any) -> None:
    view = _view(qtbot, 5, header="Sermaye taahhüt tutarı (TL, toplam)")
    qt = _qt_widths(view, 420)
    view.horizontalHeader().resizeSection(1, 20)
    assert _fast_widths(view, 420) == qt
    assert qt[1] == view.horizontalHeader().sectionSizeHint(1)


def test_bold_rows_are_measured_bold(qtbot: Any) -> None:
    # Only a bold row holds the widest text: its width must be the bold one.
    model = TextTableModel(
        [Column("Ad", lambda r: r[0]), Column("Son", lambda r: "x")],
        [("WWWWWWWWWWWWWWWWWWWWWWWWWW", True), ("WWWWWWWWWWWWWWWWWWWWWWWWWW", False)],
        highlighted=lambda r: r[1],
    )
    view = read_only_table(model)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qt = _qt_widths(view, 2000)
    view.horizontalHeader().resizeSection(0, 10)
    assert _fast_widths(view, 2000) == qt
    plain = TextTableModel(
        [Column("Ad", lambda r: r[0]), Column("Son", lambda r: "x")], [(model.rows()[1][0],)]
    )
    plain_view = read_only_table(plain)
    qtbot.addWidget(plain_view)
    plain_view.show()
    assert _fast_widths(plain_view, 2000)[0] < qt[0]


def test_rows_below_the_first_screen_and_hidden_columns(qtbot: Any) -> None:
    # The rows on screen count, not the list's first ones: the last rows are the widest.
    rows = [
        (f"{n}", "kısa" if n < 400 else "çok daha uzun bir kooperatif unvanı " * 2, "—") for n in range(500)
    ]
    model = TextTableModel(
        [Column("No", lambda r: r[0]), Column("Unvan", lambda r: r[1]), Column("Son", lambda r: r[2])], rows
    )
    view = read_only_table(model)
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: view.rowAt(0) > 400)
    view.setColumnHidden(0, True)
    qt = _qt_widths(view, 420)
    view.horizontalHeader().resizeSection(1, 30)
    assert _fast_widths(view, 420)[1:] == qt[1:]
    assert qt[1] > 200  # measured on the long rows at the bottom


def test_an_empty_list_takes_its_headers_widths(qtbot: Any) -> None:
    view = _view(qtbot, 0)
    qt = _qt_widths(view, 420)
    for column in range(3):
        view.horizontalHeader().resizeSection(column, 5)
    assert _fast_widths(view, 420) == qt
    assert all(width > 5 for width in qt)


def test_a_view_without_a_model_is_left_alone(qtbot: Any) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    fit_columns(view)  # nothing to measure: no error
    assert view.model() is None
