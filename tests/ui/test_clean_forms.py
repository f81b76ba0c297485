"""Issue 15, item 2: a blank form opens without red; a field's issues show once it is left,
and the first submit attempt shows them all and puts the cursor on the first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from koopbis_desktop.ui.editor.editor import ERROR_COLOUR, EntryEditor
from tests.ui.editor_filler import leave, open_form, type_line  # noqa: F401

OpenForm = Callable[..., EntryEditor]
CTRL = Qt.KeyboardModifier.ControlModifier


def settle(qtbot: Any, editor: EntryEditor) -> None:
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive())


def visible_issues(editor: EntryEditor) -> list[str]:
    return [name for name, row in editor.rows.items() if row.issue.isVisibleTo(editor)]


def test_blank_form_opens_clean_and_submit_reveals_everything(
    qtbot: Any,
    cooperatives: list[dict[str, Any]],
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="member.admit", cooperative="06-900001")
    settle(qtbot, editor)
    assert editor.validation is not None and editor.validation.errors  # the blank form is invalid …
    assert visible_issues(editor) == []  # … but nothing is red before anyone typed
    assert "hata" not in editor.summary.text()
    assert ERROR_COLOUR not in editor.summary.styleSheet()
    assert editor.submit_button.isEnabled()  # clicking it is how the clerk learns what is missing

    # Leaving a required field blank names that field only; the header counts it alone.
    first = editor.rows["member_id"].widget.focus_target()
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    settle(qtbot, editor)
    assert visible_issues(editor) == ["member_id"]
    assert editor.summary.text().startswith("1 hata")

    # The first submit attempt shows every issue and focuses the first field in error.
    full_name = editor.rows["full_name"].widget.focus_target()
    full_name.setFocus()
    qtbot.keyClick(full_name, Qt.Key.Key_Return, CTRL)
    settle(qtbot, editor)
    errors = {i.path for i in editor.validation.errors}
    assert set(visible_issues(editor)) >= {p for p in errors if p in editor.rows}
    assert editor.summary.text().startswith(f"{len(editor.validation.errors)} hata")
    assert editor.focusWidget() is editor.rows["member_id"].widget.focus_target()
    assert not editor.submit_button.isEnabled()
    assert editor.entry is None  # nothing was saved
