"""Signing in offers forms that were autosaved before a crash, without blocking the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from koopbis_desktop.services import autosave
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.presence import HEARTBEAT_S, THIS_HOST
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor import open_editor
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


def test_a_form_open_on_another_pc_is_named_not_offered(
    qtbot: Any, store: Store, make_ctx: Callable[[str], AppContext], cooperatives: list[dict[str, Any]]
) -> None:
    """Ayşe signs in here while one of her forms is still open on PC-A: the question offers this
    PC's own leftover and names PC-A's; with only PC-A's, nothing is asked, the status bar says it."""
    ctx = make_ctx("ayse")
    ayse = ctx.require_actor()
    coop = str(cooperatives[0]["id"])

    def keep(form_id: str, host: str, name: str) -> None:
        autosave.save(
            store,
            ayse,
            form_id,
            type_id="member.admit",
            cooperative=coop,
            entry_uuid=None,
            payload={"member_id": valid_tckn(3), "full_name": name},
            host=host,
        )

    keep("open-on-a", "PC-A", "Öbür Bilgisayarda Açık")
    said: list[str] = []
    ctx.hub.message.connect(said.append)
    schedule_recovery(ctx, None)
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert "Başka bir bilgisayarda hâlâ açık olduğu için geri yüklenmeyen 1 form var" in said[0]
    assert said[0].endswith("(PC-A)") and _boxes() == [] and _editors() == []

    keep("left-here", THIS_HOST, "Bu Bilgisayarda Kalan")
    asked: list[tuple[str, str]] = []

    def answer_later() -> None:
        for box in _boxes():
            asked.append((box.text(), box.informativeText()))
            next(b for b in box.buttons() if b.text() == "Sonra").click()

    clicker = QTimer()
    clicker.timeout.connect(answer_later)
    clicker.start(20)
    schedule_recovery(ctx, None)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    clicker.stop()
    (question, listed), *_ = asked
    assert question == "Kaydedilmemiş 1 form bulundu: geri yüklensin mi?"
    assert "Ortaklığa giriş" in listed and "geri yüklenmeyen 1 form var" in listed and "(PC-A)" in listed
    assert len(autosave.pending(store, ayse)) == 2  # «Sonra» keeps both


def test_an_open_form_holds_its_copy_and_lets_go_when_it_closes_keeping_it(
    qtbot: Any, store: Store, make_ctx: Callable[[str], AppContext], cooperatives: list[dict[str, Any]]
) -> None:
    ctx = make_ctx("ayse")
    ayse = ctx.require_actor()
    autosave.save(
        store,
        ayse,
        "form-1",
        type_id="member.admit",
        cooperative=str(cooperatives[0]["id"]),
        entry_uuid=None,
        payload={"member_id": valid_tckn(3), "full_name": "Açık Form"},
        host="PC-A",
    )
    autosave.let_go(store, "form-1", "PC-A")  # PC-A closed it; offered here, and opened
    editor = open_editor(ctx, None, form_id="form-1")
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.is_loaded, timeout=10_000)
    assert editor.hold_timer.isActive() and editor.hold_timer.interval() == HEARTBEAT_S * 1000
    editor.hold_autosave()  # what the timer does every HEARTBEAT_S seconds
    wait_idle(qtbot, ctx.worker)
    (held,) = autosave.pending(store, ayse)
    assert held.host == THIS_HOST and held.held_at is not None
    assert autosave.open_elsewhere(held, "PC-A")  # PC-A's sign-in would not offer it now
    editor._closing_confirmed = True  # closed keeping the copy (no question)
    editor.close()
    wait_idle(qtbot, ctx.worker)
    (kept,) = autosave.pending(store, ayse)
    assert kept.held_at is None and not autosave.open_elsewhere(kept, "PC-A")
