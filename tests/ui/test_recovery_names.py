"""Issue 15, item 8: the recovery prompt names each form (type, cooperative, when) and offers
open or discard per form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from koopbis_desktop.services import autosave
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.editor.recovery import RecoveryChooser
from tests.conftest import valid_tckn
from tests.ui.conftest import ask_recovery_now, wait_idle


def test_prompt_names_each_form_and_offers_open_or_discard_per_form(
    qtbot: Any, store: Store, make_ctx: Callable[[str], AppContext], cooperatives: list[dict[str, Any]]
) -> None:
    ctx = make_ctx("ayse")
    actor = ctx.require_actor()
    autosave.save(
        store,
        actor,
        "form-board",
        type_id="board.replace",
        cooperative="06-900001",
        entry_uuid=None,
        payload={},
    )
    autosave.save(
        store,
        actor,
        "form-member",
        type_id="member.admit",
        cooperative="06-900001",
        entry_uuid=None,
        payload={"member_id": valid_tckn(4)},
    )
    seen: dict[str, str] = {}

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen["text"], seen["informative"] = widget.text(), widget.informativeText()
                next(b for b in widget.buttons() if b.text() == "Tek tek…").click()
            if isinstance(widget, RecoveryChooser) and widget.isVisible() and "done" not in seen:
                seen["done"] = "yes"
                widget.discard_buttons[0].click()  # the board form: thrown away
                widget.open_buttons[1].click()  # the member form: opened
                widget.accept()

    clicker = QTimer()
    clicker.timeout.connect(answer)
    clicker.start(20)
    assert ask_recovery_now(ctx) == 1
    clicker.stop()
    assert seen["text"] == "Kaydedilmemiş 2 form bulundu: geri yüklensin mi?"
    informative = seen["informative"]
    assert "Yönetim kurulu seçimi — 06-900001 IŞIK Çağdaş" in informative
    assert "Ortaklığa giriş — 06-900001 IŞIK Çağdaş" in informative
    assert informative.count(".20") >= 2  # when each was typed (GG.AA.YYYY SS:DD)
    wait_idle(qtbot, ctx.worker)
    left = [a.form_id for a in autosave.pending(store, actor)]
    assert left == ["form-member"]  # the discarded one is gone, the opened one is still its own
    editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, EntryEditor)]
    assert len(editors) == 1
    qtbot.waitUntil(lambda: editors[0].is_loaded)
    assert editors[0].ctype is not None and editors[0].ctype.id == "member.admit"
    editors[0]._closing_confirmed = True
    editors[0].close()
