"""Fills an entry editor through its real widgets, field by field, from the change type's schema.

The schema decides *what* to type (a valid TCKN for a TCKN field, a past date
for a date field …); everything is typed with QTest key clicks into the
widgets the clerk would use, or chosen through the combo's type-ahead.
``fill_form`` returns the canonical values the saved payload must hold.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from koopbis_desktop.domain import demo_data, reference
from koopbis_desktop.domain import validators as v
from koopbis_desktop.domain.schema import ChangeType, Field, Kind
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor import open_editor
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.editor.fields import ComboField, FieldWidget
from koopbis_desktop.ui.editor.group_table import GroupField
from tests.conftest import valid_tckn

EFFECTIVE = date.today() - timedelta(days=30)
LATER = date.today() - timedelta(days=10)


# Fields that cite another local entry (checked against the queue, tests/services/test_articles_reference.py).
REFERENCES = ("articles_entry",)


class Typist:
    """Generates valid data per field kind, keeping identity numbers distinct."""

    def __init__(self, seed: int = 1) -> None:
        self.seed = seed

    def next_seed(self) -> int:
        self.seed += 1
        return self.seed

    def value(self, f: Field, row: int = 0) -> tuple[str, Any]:
        """(text to type or label to choose, canonical stored value)."""
        match f.kind:
            case Kind.TEXT:
                text = (
                    "2025/14"
                    if f.name in ("decision_no", "approval_no", "notice_no")
                    else f"{f.label} Işıklı {row + 1}"
                )
                text = text[: f.max_length or 200]
                return text, text
            case Kind.LONGTEXT:
                text = f"Çankaya, Ankara — {f.label.lower()} {row + 1}"
                return text, text
            case Kind.DATE:
                day = EFFECTIVE if f.name == "effective_date" else LATER
                return day.strftime("%d.%m.%Y"), day.isoformat()
            case Kind.MONEY:
                text = {"subscribed_amount": "2.000,00", "paid_amount": "1.000"}.get(f.name, "1.250,50")
                return text, v.parse_money(text)
            case Kind.INT:
                number = {
                    "fiscal_year": EFFECTIVE.year - 1,
                    "term_years": 2,
                    "article_no": row + 3,
                    "shares": 3,
                }.get(f.name, 25)
                return str(number), number
            case Kind.CHOICE:
                choice = f.choices[0]
                if f.name == "role" and f.choices[0].value == "baskan":
                    choice = f.choices[0] if row == 0 else f.choices[2]
                return choice.label, choice.value
            case Kind.TCKN | Kind.TCKN_OR_VKN:
                text = valid_tckn(self.next_seed())
                return text, text
            case Kind.VKN:
                text = demo_data.vkn(random.Random(self.next_seed()))
                return text, text
            case Kind.MERSIS:
                return "0123 4567 8901 2345", "0123456789012345"
            case Kind.PHONE:
                return "0312 555 12 34", "3125551234"
            case Kind.PROVINCE:
                return "Ankara", "06"
            case Kind.DISTRICT:
                province = reference.find_province("06")
                assert province is not None
                district = province.district("Çankaya")
                assert district is not None
                return "Çankaya", district.code
            case Kind.COOPERATIVE_TYPE:
                first = reference.cooperative_types()[0]
                return first.name, first.code
            case Kind.REGISTRY_ID:
                return "06-123456", "06-123456"
        raise AssertionError(f"no generator for {f.kind}")


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """qtbot.keyClicks, but also for Turkish letters (QTest's ASCII key table asserts on them)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
            )


def leave(qtbot: Any, widget: QWidget) -> None:
    """Move on from a field as the clerk does: Tab."""
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def type_line(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    type_text(qtbot, edit, text)


def choose(qtbot: Any, combo: QComboBox, label: str) -> None:
    """Type-ahead in a closed combo, as a clerk picks a province by typing its name."""
    combo.setFocus()
    type_text(qtbot, combo, label)
    assert combo.currentText().startswith(label), (combo.currentText(), label)


def fill_field(qtbot: Any, widget: FieldWidget, text: str) -> None:
    target = widget.focus_target()
    if isinstance(widget, ComboField):
        choose(qtbot, widget.combo, text)
    elif isinstance(target, QLineEdit):
        type_line(qtbot, target, text)
    else:
        target.setFocus()
        type_text(qtbot, target, text)
    leave(qtbot, target)


def cell_editor(table: Any) -> QWidget:
    editors = [
        w
        for w in table.viewport().findChildren(QWidget)
        if isinstance(w, QLineEdit | QComboBox) and not w.isHidden()
    ]
    assert len(editors) == 1, (editors, table.viewport().findChildren(QWidget), table.state())
    return editors[0]


def fill_cell(qtbot: Any, group: GroupField, row: int, column: int, text: str) -> None:
    table = group.table
    table.setFocus()
    table.setCurrentCell(row, column)
    item = table.item(row, column)
    assert item is not None
    table.editItem(item)
    editor = cell_editor(table)
    if isinstance(editor, QComboBox):
        editor.setFocus()
        type_text(qtbot, editor, text)
        assert editor.currentText() == text
    else:
        assert isinstance(editor, QLineEdit)
        type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def group_rows(f: Field) -> int:
    wanted = 7 if f.name == "founders" else 3
    if f.max_rows is not None:
        wanted = min(wanted, f.max_rows)
    return max(wanted, f.min_rows)


def fill_group(qtbot: Any, group: GroupField, typist: Typist, rows: int) -> list[dict[str, Any]]:
    # A new board starts with the current one (issue 15): an all-new board removes those rows first.
    while group.table.rowCount():
        group.table.setFocus()
        group.table.setCurrentCell(0, 0)
        qtbot.keyClick(group.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    expected: list[dict[str, Any]] = []
    for index in range(rows):
        qtbot.mouseClick(group.add_button, Qt.MouseButton.LeftButton)
        assert group.table.rowCount() == index + 1
        values: dict[str, Any] = {}
        for column, row_field in enumerate(group.field.fields):
            text, canonical = typist.value(row_field, index)
            fill_cell(qtbot, group, index, column, text)
            values[row_field.name] = canonical
        expected.append(values)
    return expected


def fill_form(
    qtbot: Any, editor: EntryEditor, ctype: ChangeType, typist: Typist | None = None
) -> dict[str, Any]:
    """Fill every field of the form (required and optional); return the expected payload."""
    typist = typist or Typist()
    expected: dict[str, Any] = {}
    for f in ctype.fields:
        if f.name in REFERENCES:
            continue  # names another entry of the queue: a form of its own has none to cite
        widget = editor.rows[f.name].widget
        if isinstance(widget, GroupField):
            expected[f.name] = fill_group(qtbot, widget, typist, group_rows(f))
            continue
        text, canonical = typist.value(f)
        fill_field(qtbot, widget, text)
        expected[f.name] = canonical
    return expected


@pytest.fixture
def open_form(make_ctx: Callable[[str], AppContext], qtbot: Any) -> Iterator[Callable[..., EntryEditor]]:
    """``open_form("ayse", type_id=..., cooperative=...)`` → a loaded, active editor (``parent``: its window).

    At teardown the editors are closed without the unsaved-changes question, which
    would otherwise wait for an answer nobody gives.
    """
    opened: list[EntryEditor] = []

    def open_(username: str = "ayse", parent: QWidget | None = None, **kwargs: Any) -> EntryEditor:
        ctx = make_ctx(username)
        editor = open_editor(ctx, parent, **kwargs)
        opened.append(editor)
        qtbot.waitUntil(lambda: editor.is_loaded or "açılamadı" in editor.heading.text(), timeout=10_000)
        editor.activateWindow()
        qtbot.waitUntil(editor.isActiveWindow)
        # The editor moves the cursor to its first field on a later turn of the event loop; a
        # test that types before that has its cell editor closed under it on a busy machine.
        qtbot.waitUntil(lambda: editor._focus_in_form() or editor.read_only or not editor.rows)
        return editor

    yield open_
    for editor in opened:
        if shiboken6.isValid(editor):
            editor._closing_confirmed = True
            editor.close()
    for editor in opened:
        if shiboken6.isValid(editor):
            qtbot.waitUntil(lambda e=editor: e.ctx.worker.pending() == 0)
