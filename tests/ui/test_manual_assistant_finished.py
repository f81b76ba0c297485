"""Issue 15, item 6: the finished manual-entry assistant offers only closing, and names the
entry it shows by its number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from tests.sync.conftest import approved, seed_snapshot
from tests.ui.test_manual_assistant import open_assistant


def test_finished_assistant_disables_copy_and_save(
    qtbot: Any, store: Store, people: dict[str, Actor], make_ctx: Callable[[str], AppContext]
) -> None:
    from tests.server.conftest import payload_for

    seed_snapshot(store, 2)
    register = approved(
        store,
        people["ayse"],
        people["sef"],
        "cooperative.register",
        None,
        payload_for("cooperative.register", None),
    )
    dialog = open_assistant(qtbot, make_ctx("sef2"))
    number = entries.get_entry(store, register.uuid).number
    assert number is not None and f"Kayıt no {number}" in dialog.entry_label.text()
    assert dialog.copy_all_button.isEnabled()
    dialog.receipt_edit.setFocus()
    qtbot.keyClicks(dialog.receipt_edit, "KB-8")
    qtbot.keyClick(dialog.receipt_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.cooperative_edit, "06-555002")
    qtbot.keyClick(dialog.cooperative_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "kalmadı" in dialog.progress_label.text(), timeout=10_000)
    assert not dialog.copy_all_button.isEnabled()
    assert not dialog.save_file_button.isEnabled()
    dialog.close()
