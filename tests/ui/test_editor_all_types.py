"""Every change type's form opens, is filled through its widgets with valid data, and saves.

No type has its own widget code: if one of them cannot be typed in or does not
save what was typed, the generic editor is wrong for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from koopbis_desktop.domain.changetypes import all_types
from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.editor.editor import EntryEditor
from tests.ui.conftest import wait_idle
from tests.ui.editor_filler import fill_form, open_form  # noqa: F401  (fixture)


@pytest.mark.parametrize("ctype", all_types(), ids=lambda t: t.id)
def test_every_type_fills_and_saves(
    ctype: Any,
    qtbot: Any,
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: Callable[..., EntryEditor],  # noqa: F811  (fixture imported above)
) -> None:
    cooperative = None if ctype.registers else str(cooperatives[2]["id"])
    editor = open_form("ayse", type_id=ctype.id, cooperative=cooperative)
    ctx = editor.ctx
    if cooperative:
        assert cooperative in editor.cooperative_label.text()

    expected = fill_form(qtbot, editor, ctype)
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive())
    assert editor.validation is not None
    assert editor.validation.errors == [], editor.validation.errors
    assert editor.submit_button.isEnabled()

    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        qtbot.keyClick(editor.focusWidget() or editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    uuid = saved.args[0]
    wait_idle(qtbot, ctx.worker)

    entry = entries.get_entry(store, uuid)
    assert entry.type == ctype.id
    assert entry.state == State.DRAFT
    assert entry.author == "ayse"
    assert entry.cooperative_id == cooperative
    assert entry.payload == expected
    assert [i for i in entry.issues if i["severity"] == "error"] == []
    assert editor.status.text().endswith("taslak olarak kaydedildi (1. sürüm).")
    assert not editor.is_dirty()
