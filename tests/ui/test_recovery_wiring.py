"""Signing in offers forms that were autosaved before a crash, without blocking the UI thread.

Through the shell a person meets: the login dialog, the password, the main window; the
question comes when the DB worker has looked (``app.offer_autosaved_forms``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import autosave
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.presence import HEARTBEAT_S, THIS_HOST
from koopbis_desktop.ui.app import Shell, offer_autosaved_forms
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor import open_editor
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import valid_tckn
from tests.ui.conftest import wait_idle
from tests.ui.test_e2e_flow import sign_in


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def _editors() -> list[EntryEditor]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, EntryEditor) and w.isVisible()]


def _keep(
    store: Store, actor: Actor, form_id: str, cooperative: str, name: str, host: str = THIS_HOST
) -> None:
    """A form autosaved and never saved (the program was killed, the power went)."""
    autosave.save(
        store,
        actor,
        form_id,
        type_id="member.admit",
        cooperative=cooperative,
        entry_uuid=None,
        payload={"member_id": valid_tckn(3), "full_name": name},
        host=host,
    )


def _sign_in(qtbot: Any, shell: Shell, username: str) -> MainWindow:
    """Sign in through the shell's login; the main window once it shows (the question may cover it)."""
    window = sign_in(qtbot, shell, username, activate=False)
    window.closed.disconnect()  # the program would quit with its window; the test closes it
    return window


def _shell(qapp: QApplication, worker: DbWorker, store: Store) -> Shell:
    shell = Shell(qapp, worker, store.path, demo=False)
    shell.show_login()
    return shell


def _answering(button: str) -> tuple[list[tuple[str, str, QWidget | None]], QTimer]:
    """Answer every question with ``button`` from inside its modal loop (the question is modal),
    recording its text, its informative text and the window it was asked over. Stop the timer."""
    asked: list[tuple[str, str, QWidget | None]] = []

    def answer() -> None:
        for box in _boxes():
            asked.append((box.text(), box.informativeText(), box.parentWidget()))
            next(b for b in box.buttons() if b.text() == button).click()

    clicker = QTimer()
    clicker.timeout.connect(answer)
    clicker.start(20)
    return asked, clicker


def test_recovery_is_offered_after_sign_in(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    worker: DbWorker,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
) -> None:
    _keep(store, people["ayse"], "form-1", str(cooperatives[0]["id"]), "Kaza Öncesi Yazılan")
    shell = _shell(qapp, worker, store)
    asked, clicker = _answering("Geri yükle")
    window = _sign_in(qtbot, shell, "ayse")
    qtbot.waitUntil(lambda: bool(_editors()), timeout=10_000)
    clicker.stop()
    # Asked once, over the signed-in window (the sign-in did not wait for the question).
    assert [(text, over) for text, _, over in asked] == [
        ("Kaydedilmemiş 1 form bulundu: geri yüklensin mi?", window)
    ]
    (editor,) = _editors()
    ctx = window.ctx
    wait_idle(qtbot, worker)
    qtbot.waitUntil(lambda: editor.raw_form().get("full_name") == "Kaza Öncesi Yazılan", timeout=5000)
    assert editor.raw_form()["member_id"] == valid_tckn(3)
    discard = QTimer()  # closing a restored, unsaved form asks; here the test throws it away
    discard.timeout.connect(
        lambda: [b.click() for box in _boxes() for b in box.buttons() if b.text().startswith("Vazgeç")]  # type: ignore[func-returns-value]
    )
    discard.start(20)
    editor.close()
    discard.stop()
    wait_idle(qtbot, worker)
    assert autosave.pending(store, ctx.require_actor()) == []
    window.close()


def test_no_question_without_autosaves(
    qtbot: Any, qapp: QApplication, store: Store, worker: DbWorker, people: dict[str, Actor]
) -> None:
    asked, clicker = _answering("Sonra")  # a question asked all the same is recorded and put off
    shell = _shell(qapp, worker, store)
    window = _sign_in(qtbot, shell, "mehmet")
    wait_idle(qtbot, worker)
    qtbot.wait(100)
    clicker.stop()
    assert asked == [] and _editors() == []
    window.close()


def test_a_window_closed_before_the_answer_is_asked_nothing_and_the_forms_stay(
    qtbot: Any, store: Store, make_ctx: Callable[[str], AppContext], cooperatives: list[dict[str, Any]]
) -> None:
    """Signed out before the DB worker answered: no question over a closed window; the next
    sign-in offers the form."""
    ctx = make_ctx("ayse")
    _keep(store, ctx.require_actor(), "form-1", str(cooperatives[0]["id"]), "Sonraya Kalan")
    closed = QWidget()  # never shown: what a window closed meanwhile is
    qtbot.addWidget(closed)
    asked, clicker = _answering("Sonra")  # a question asked all the same is recorded and put off
    offer_autosaved_forms(ctx, closed)
    wait_idle(qtbot, ctx.worker)
    qtbot.wait(100)
    clicker.stop()
    assert asked == [] and _editors() == []
    assert [a.form_id for a in autosave.pending(store, ctx.require_actor())] == ["form-1"]


def test_a_form_open_on_another_pc_is_named_not_offered(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    worker: DbWorker,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
) -> None:
    """Ayşe signs in here while one of her forms is still open on PC-A: with only PC-A's, nothing
    is asked and the status bar says it; the next time the question offers this PC's own
    leftover and names PC-A's."""
    ayse = people["ayse"]
    coop = str(cooperatives[0]["id"])
    _keep(store, ayse, "open-on-a", coop, "Öbür Bilgisayarda Açık", host="PC-A")
    shell = _shell(qapp, worker, store)
    window = _sign_in(qtbot, shell, "ayse")
    said = "Başka bir bilgisayarda hâlâ açık olduğu için geri yüklenmeyen 1 form var"
    qtbot.waitUntil(lambda: said in window.statusBar().currentMessage(), timeout=10_000)
    assert window.statusBar().currentMessage().endswith("(PC-A)") and _boxes() == [] and _editors() == []
    window.close()

    _keep(store, ayse, "left-here", coop, "Bu Bilgisayarda Kalan")
    asked, clicker = _answering("Sonra")
    again = _shell(qapp, worker, store)
    window = _sign_in(qtbot, again, "ayse")
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    clicker.stop()
    (question, listed, _), *_ = asked
    assert question == "Kaydedilmemiş 1 form bulundu: geri yüklensin mi?"
    assert "Ortaklığa giriş" in listed and "geri yüklenmeyen 1 form var" in listed and "(PC-A)" in listed
    wait_idle(qtbot, worker)
    assert len(autosave.pending(store, ayse)) == 2  # «Sonra» keeps both
    window.close()


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
