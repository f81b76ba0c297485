"""What a person reads in message boxes, recorded through ui/messages.py instead of modal boxes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.bulk import approve_selected
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.messages import Level, Shown
from tests.conftest import member_admission
from tests.ui.conftest import MessageMock, wait_idle
from tests.ui.editor_filler import open_form, type_text  # noqa: F401  (open_form: fixture)


def test_a_hub_error_is_shown_as_a_warning_titled_hata(
    qtbot: Any, make_ctx: Callable[[str], AppContext], message_mock: MessageMock
) -> None:
    ctx = make_ctx("ayse")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    ctx.hub.error.emit("Kayıt bulunamadı.")
    assert message_mock.getmsg() == Shown(Level.WARNING, "Hata", "Kayıt bulunamadı.")


def test_bulk_approval_of_nothing_says_so_and_a_refused_question_changes_nothing(
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    message_mock: MessageMock,
    qtbot: Any,
) -> None:
    ctx = make_ctx("sef")
    approve_selected(ctx, None, {})
    assert message_mock.getmsg() == Shown(Level.INFO, "Toplu onay", "Onaylanacak kayıt seçilmedi.")

    entry = capture.create_entry(
        store, people["ayse"], "member.admit", cooperatives[0]["id"], member_admission()
    )
    capture.submit_entry(store, people["ayse"], entry.uuid)
    message_mock.answers.append("&Vazgeç")
    approve_selected(ctx, None, {entry.uuid: entry.revision})
    question = message_mock.getmsg(Level.QUESTION)
    assert question.text == "Seçili 1 kayıt onaylanacak."
    assert question.choices == ("&Onayla", "&Vazgeç")
    wait_idle(qtbot, ctx.worker)
    assert entries.get_entry(store, entry.uuid).state == State.SUBMITTED
    assert not message_mock.answers


def test_closing_a_changed_form_asks_and_save_keeps_a_draft(
    qtbot: Any,
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: Callable[..., EntryEditor],  # noqa: F811
    message_mock: MessageMock,
) -> None:
    editor = open_form("ayse", type_id="member.admit", cooperative=cooperatives[0]["id"])
    edit = editor.rows["full_name"].widget.focus_target()
    type_text(qtbot, edit, "Ali Işık")
    qtbot.waitUntil(lambda: editor.is_dirty())
    message_mock.answers.append("Kaydet")
    with qtbot.waitSignal(editor.finished, timeout=10_000):
        qtbot.keyClick(edit, Qt.Key.Key_Escape)
    question = message_mock.getmsg(Level.QUESTION)
    assert question.title == "Kaydedilmemiş değişiklikler"
    assert question.choices == ("Kaydet", "Vazgeç (değişiklikleri at)", "İptal")
    (saved,) = entries.list_entries(store)
    assert saved.state == State.DRAFT and saved.payload["full_name"] == "Ali Işık"


def test_closing_the_window_asks_each_changed_form_on_top_and_a_refusal_keeps_it_open(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: Callable[..., EntryEditor],  # noqa: F811
    message_mock: MessageMock,
) -> None:
    from PySide6.QtWidgets import QDialog

    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    window.show()
    editor = open_form("ayse", window, type_id="member.admit", cooperative=cooperatives[0]["id"])
    type_text(qtbot, editor.rows["full_name"].widget.focus_target(), "Ali Işık")
    qtbot.waitUntil(lambda: editor.is_dirty())
    note = QDialog(editor)  # a window opened from the form: closed with it
    note.show()
    stranger = QDialog()  # another window's dialog: not this window's to close
    stranger.show()

    message_mock.answers.append("İptal")
    assert not window.close()
    assert message_mock.getmsg(Level.QUESTION).title == "Kaydedilmemiş değişiklikler"
    assert window.isVisible() and editor.isVisible() and editor.is_dirty()

    message_mock.answers.append("Vazgeç (değişiklikleri at)")
    assert window.close()
    assert not window.isVisible() and not editor.isVisible() and not note.isVisible()
    assert stranger.isVisible()
    stranger.close()
    wait_idle(qtbot, window.ctx.worker)
    assert entries.list_entries(store) == []  # the discarded form saved nothing
