"""Signing in offers forms that were autosaved before a crash, without blocking the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from koopbis_desktop.services import autosave
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.editor.recovery import schedule_recovery
from tests.conftest import valid_tckn
from tests.ui.conftest import wait_idle


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def _editors() -> list[EntryEditor]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, EntryEditor) and w.isVisible()]


def test_recovery_is_offered_after_sign_in(
    qtbot: Any, store: Store, make_ctx: Callable[[str], AppContext], cooperatives: list[dict[str, Any]]
) -> None:
    ctx = make_ctx("ayse")
    autosave.save(
        store,
        ctx.require_actor(),
        "form-1",
        type_id="member.admit",
        cooperative=str(cooperatives[0]["id"]),
        entry_uuid=None,
        payload={"member_id": valid_tckn(3), "full_name": "Kaza Öncesi Yazılan"},
    )
    questions: list[str] = []

    def answer() -> None:  # the question is modal: answer it from inside its own event loop
        for box in _boxes():
            questions.append(box.text())
            next(b for b in box.buttons() if b.text() == "Geri yükle").click()

    clicker = QTimer()
    clicker.timeout.connect(answer)
    clicker.start(20)
    schedule_recovery(ctx, None)  # returns at once; the question comes when the worker answers
    assert questions == []  # nothing was asked synchronously
    qtbot.waitUntil(lambda: bool(_editors()), timeout=10_000)
    clicker.stop()
    assert questions == ["Kaydedilmemiş 1 form bulundu: geri yüklensin mi?"]
    (editor,) = _editors()
    wait_idle(qtbot, ctx.worker)
    qtbot.waitUntil(lambda: editor.raw_form().get("full_name") == "Kaza Öncesi Yazılan", timeout=5000)
    assert editor.raw_form()["member_id"] == valid_tckn(3)
    discard = QTimer()  # closing a restored, unsaved form asks; here the test throws it away
    discard.timeout.connect(
        lambda: [b.click() for box in _boxes() for b in box.buttons() if b.text().startswith("Vazgeç")]  # type: ignore[func-returns-value]
    )
    discard.start(20)
    editor.close()
    discard.stop()
    wait_idle(qtbot, ctx.worker)
    assert autosave.pending(store, ctx.require_actor()) == []


def test_no_question_without_autosaves(qtbot: Any, make_ctx: Callable[[str], AppContext]) -> None:
    ctx = make_ctx("mehmet")
    schedule_recovery(ctx, None)
    wait_idle(qtbot, ctx.worker)
    qtbot.wait(50)
    assert _boxes() == []
    assert _editors() == []
