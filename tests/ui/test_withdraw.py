"""A clerk withdraws her own entry from the desktop ("Geri çek…"), from the form and from the queues.

Before, withdrawing existed only as ``koopbis entry withdraw`` although README's roles and a
supervisor's return note ("kaydı geri çekin") told clerks to do it. The question says what
happens (not sent to KOOP-BİS, kept in the history, no way back); the reason typed goes into
the audit row; an entry that moved meanwhile on another PC is refused in plain Turkish and
nothing is lost; Esc withdraws nothing; only the author is offered the action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import autosave, capture, review
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.pages.queue import QueuePage
from koopbis_desktop.ui.withdraw import WithdrawDialog
from tests.conftest import member_admission
from tests.ui.conftest import MessageMock, active_queue, wait_idle
from tests.ui.editor_filler import leave, open_form, type_line, type_text  # noqa: F401
from tests.ui.test_editor import OpenForm, line

COOP = "06-900001"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _returned(store: Store, people: dict[str, Actor], seed: int) -> Entry:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(seed))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    return review.return_entry(store, people["sef"], entry.uuid, "Kooperatif yanlış; kaydı geri çekin.")


def _question(qtbot: Any, parent: Any) -> WithdrawDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), WithdrawDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, WithdrawDialog) and dialog.parent() is parent
    return dialog


def _withdrawals(store: Store, key: str) -> list[dict[str, Any]]:
    return [row for row in entries.audit_rows(store, key) if row["action"] == "withdraw"]


def _page(qtbot: Any, ctx: AppContext, preset: str, rows: int) -> QueuePage:
    page: QueuePage = active_queue(qtbot, ctx, preset, rows)
    return page


# -- the form ------------------------------------------------------------------------------------


def test_the_author_withdraws_her_returned_entry_from_the_form_with_a_reason(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    open_form: OpenForm,  # noqa: F811
) -> None:
    entry = _returned(store, people, 51)
    editor = open_form("ayse", entry_uuid=entry.uuid)
    said: list[str] = []
    editor.ctx.hub.message.connect(said.append)
    assert editor.withdraw_button.isVisible() and editor.withdraw_button.isEnabled()
    qtbot.keyClick(line(editor, "full_name"), Qt.Key.Key_G, CTRL_SHIFT)
    dialog = _question(qtbot, editor)
    text = dialog.explanation.text()
    assert "KOOP-BİS'e gönderilmez" in text and "Geri alınamaz" in text and "geçmişinde" in text, text
    assert "kaydedilmemiş" not in text  # nothing typed in the form
    assert "Şefin iade notu kaydın geçmişinde kalır." in text, text  # returned: the note stays
    assert entry.number is not None and entry.number in dialog.what.text()
    qtbot.waitUntil(dialog.reason.hasFocus)  # the reason is typed first
    type_text(qtbot, dialog.reason, "Şef iade notunda istedi: yanlış kooperatif")
    with qtbot.waitSignal(editor.finished, timeout=10_000):
        qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, editor.ctx.worker)
    assert entries.get_entry(store, entry.uuid).state == State.WITHDRAWN
    (row,) = _withdrawals(store, entry.uuid)
    assert row["actor"] == "ayse" and row["comment"] == "Şef iade notunda istedi: yanlış kooperatif"
    assert said == [f"{entry.number} numaralı kayıt geri çekildi; KOOP-BİS'e gönderilmeyecek."]


def test_withdrawing_a_form_with_unsaved_typing_says_it_goes_and_esc_keeps_everything(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    open_form: OpenForm,  # noqa: F811
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(52))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    edit = line(editor, "decision_no")
    edit.selectAll()
    type_line(qtbot, edit, "2015/99")
    leave(qtbot, edit)
    qtbot.waitUntil(editor.is_dirty)
    # Esc on the question: nothing is withdrawn, the typing stays in the form.
    qtbot.mouseClick(editor.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = _question(qtbot, editor)
    assert "kaydedilmemiş değişiklikleriniz var" in dialog.explanation.text()
    assert "onay listesinden" not in dialog.explanation.text()  # a draft: no supervisor has it
    type_text(qtbot, dialog.reason, "vazgeçtim")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    wait_idle(qtbot, editor.ctx.worker)
    assert entries.get_entry(store, entry.uuid).state == State.DRAFT
    assert _withdrawals(store, entry.uuid) == []
    assert editor.isVisible() and editor.is_dirty() and line(editor, "decision_no").text() == "2015/99"
    # Asked again and answered: the entry is withdrawn as saved, the typing and its copy go.
    editor.autosave_now()
    wait_idle(qtbot, editor.ctx.worker)
    assert [c.form_id for c in autosave.pending(store, people["ayse"])] == [editor.form_id]
    qtbot.mouseClick(editor.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = _question(qtbot, editor)
    with qtbot.waitSignal(editor.finished, timeout=10_000):
        qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, editor.ctx.worker)
    withdrawn = entries.get_entry(store, entry.uuid)
    assert withdrawn.state == State.WITHDRAWN and withdrawn.payload["decision_no"] == "2015/14"
    assert [row["comment"] for row in _withdrawals(store, entry.uuid)] == [None]
    assert autosave.pending(store, people["ayse"]) == []


def test_an_entry_approved_meanwhile_on_another_pc_is_refused_and_the_typing_stays(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    open_form: OpenForm,  # noqa: F811
    message_mock: MessageMock,
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(53))
    editor = open_form("ayse", entry_uuid=entry.uuid)
    edit = line(editor, "decision_no")
    edit.selectAll()
    type_line(qtbot, edit, "2015/77")
    leave(qtbot, edit)
    qtbot.mouseClick(editor.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = _question(qtbot, editor)
    # While the question is open, another PC: she sends it again there and the supervisor approves.
    capture.submit_entry(store, people["ayse"], entry.uuid)
    review.approve_entry(store, people["sef"], entry.uuid)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_mock.shown), timeout=10_000)
    wait_idle(qtbot, editor.ctx.worker)
    told = message_mock.getmsg()
    assert told.title == "Kayıt geri çekilemedi"
    assert "'Onaylandı' durumunda; geri çekme yapılamaz" in told.text, told.text
    assert "Hiçbir şey değişmedi; yazdıklarınız formda duruyor." in told.informative
    assert entries.get_entry(store, entry.uuid).state == State.APPROVED
    assert _withdrawals(store, entry.uuid) == []
    # The form stays open with the typing, shows the entry as it is now, and offers no withdrawal.
    assert editor.isVisible() and line(editor, "decision_no").text() == "2015/77"
    assert editor.status.text().startswith("Geri çekilemedi:")
    qtbot.waitUntil(lambda: editor.read_only and editor.changed_banner.isVisible(), timeout=10_000)
    assert not editor.withdraw_button.isVisible()
    copies = autosave.pending(store, people["ayse"])
    assert [c.payload["decision_no"] for c in copies] == ["2015/77"]  # also in the autosave


def test_nobody_but_the_author_gets_geri_cek_in_the_form(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    open_form: OpenForm,  # noqa: F811
) -> None:
    draft = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(54))
    for who in ("mehmet", "sef"):
        editor = open_form(who, entry_uuid=draft.uuid)
        assert editor.read_only and not editor.withdraw_button.isVisible(), who
        qtbot.keyClick(editor, Qt.Key.Key_G, CTRL_SHIFT)
        wait_idle(qtbot, editor.ctx.worker)
        assert QApplication.activeModalWidget() is None
    # A new form has nothing to withdraw yet.
    new = open_form("ayse", type_id="member.admit", cooperative=COOP)
    assert not new.withdraw_button.isVisible()
    assert entries.get_entry(store, draft.uuid).state == State.DRAFT


def test_her_own_submitted_entry_opened_in_the_form_can_be_withdrawn(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    open_form: OpenForm,  # noqa: F811
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(55))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    editor: EntryEditor = open_form("ayse", entry_uuid=entry.uuid)
    assert editor.read_only and editor.withdraw_button.isVisible()  # not editable, but withdrawable
    qtbot.mouseClick(editor.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = _question(qtbot, editor)
    assert "onay listesinden çıkar" in dialog.explanation.text()
    with qtbot.waitSignal(editor.finished, timeout=10_000):
        qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, editor.ctx.worker)
    assert entries.get_entry(store, entry.uuid).state == State.WITHDRAWN


def test_a_restored_copy_of_her_submission_goes_with_the_withdrawn_entry_and_the_question_says_so(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    open_form: OpenForm,  # noqa: F811
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(56))
    autosave.save(
        store,
        people["ayse"],
        "form-typed-before-submitting",
        type_id="member.admit",
        cooperative=COOP,
        entry_uuid=entry.uuid,
        payload=member_admission(56, decision_no="2015/88"),
        loaded_revision=entry.revision,
    )
    capture.submit_entry(store, people["ayse"], entry.uuid)  # sent meanwhile, the copy left over
    editor = open_form("ayse", form_id="form-typed-before-submitting")
    assert editor.read_only and editor.withdraw_button.isVisible()
    qtbot.mouseClick(editor.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = _question(qtbot, editor)
    assert "kaydedilmemiş değişiklikleriniz var" in dialog.explanation.text()
    with qtbot.waitSignal(editor.finished, timeout=10_000):
        qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, editor.ctx.worker)
    assert entries.get_entry(store, entry.uuid).state == State.WITHDRAWN
    assert autosave.pending(store, people["ayse"]) == []  # not offered again at every sign-in


# -- the queues ----------------------------------------------------------------------------------


def test_the_author_withdraws_from_taslaklarim_by_keyboard_and_the_list_follows(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    message_mock: MessageMock,
) -> None:
    keep = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(61))
    gone = _returned(store, people, 62)
    ctx = make_ctx("ayse")
    said: list[str] = []
    ctx.hub.message.connect(said.append)
    page = _page(qtbot, ctx, "drafts", 2)
    assert page.withdraw_button.isVisible()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(page.model.row_of(gone.uuid) or 0, 0))
    assert page.withdraw_button.isEnabled() and page.withdraw_action.isEnabled()
    assert page.withdraw_action in page.table.actions()  # on the row's context menu too
    qtbot.keyClick(page.table, Qt.Key.Key_G, CTRL_SHIFT)
    dialog = _question(qtbot, page)
    assert gone.number is not None and gone.number in dialog.what.text()
    assert "kaydedilmemiş" not in dialog.explanation.text()
    type_text(qtbot, dialog.reason, "İade notuna göre")
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)  # Taslaklarım follows
    wait_idle(qtbot, ctx.worker)
    assert entries.get_entry(store, gone.uuid).state == State.WITHDRAWN
    assert [r["comment"] for r in _withdrawals(store, gone.uuid)] == ["İade notuna göre"]
    assert entries.get_entry(store, keep.uuid).state == State.DRAFT
    assert said == [f"{gone.number} numaralı kayıt geri çekildi; KOOP-BİS'e gönderilmeyecek."]
    assert message_mock.shown == []


def test_cancel_on_the_queue_withdraws_nothing(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(63))
    page = _page(qtbot, make_ctx("ayse"), "drafts", 1)
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = _question(qtbot, page)
    assert dialog.cancel_button.isDefault()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    wait_idle(qtbot, page.ctx.worker)
    assert entries.get_entry(store, entry.uuid).state == State.DRAFT
    assert _withdrawals(store, entry.uuid) == [] and page.model.rowCount() == 1


def test_a_submission_approved_meanwhile_is_refused_on_the_queue_and_the_row_shows_it(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    message_mock: MessageMock,
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(64))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    page = _page(qtbot, make_ctx("ayse"), "all", 1)
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    dialog = _question(qtbot, page)
    assert "onay listesinden çıkar" in dialog.explanation.text()
    review.approve_entry(store, people["sef"], entry.uuid)  # another PC, meanwhile
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_mock.shown), timeout=10_000)
    told = message_mock.getmsg()
    assert told.title == "Kayıt geri çekilemedi"
    assert "'Onaylandı' durumunda; geri çekme yapılamaz" in told.text, told.text
    assert told.informative.startswith("Hiçbir şey değişmedi.")
    qtbot.waitUntil(lambda: (row := page.selected_entry()) is not None and row.state == State.APPROVED)
    assert entries.get_entry(store, entry.uuid).state == State.APPROVED
    assert not page.withdraw_button.isEnabled() and not page.withdraw_action.isEnabled()


def test_the_question_says_a_returned_entry_s_note_stays_in_its_history_and_it_does(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    """Withdrawing an entry the supervisor returned: she is told the supervisor's return note is
    not lost with it (the supervisor read it; the history keeps what was said)."""
    note = "Şefin iade notu kaydın geçmişinde kalır."
    returned = _returned(store, people, 67)
    draft = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(68))
    submitted = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(69))
    capture.submit_entry(store, people["ayse"], submitted.uuid)
    page = _page(qtbot, make_ctx("ayse"), "all", 3)
    page.table.setFocus()
    said: dict[str, str] = {}
    for entry in (draft, submitted, returned):
        page.table.setCurrentIndex(page.model.index(page.model.row_of(entry.uuid) or 0, 0))
        qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
        dialog = _question(qtbot, page)
        assert entry.number is not None and entry.number in dialog.what.text()
        said[entry.uuid] = dialog.explanation.text()
        if entry is returned:
            break  # answered below
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert note in said[returned.uuid] and "onay listesinden" not in said[returned.uuid]
    assert note not in said[draft.uuid] and note not in said[submitted.uuid]
    assert "onay listesinden çıkar" in said[submitted.uuid]
    # Withdrawn: the return and its note are still in the entry's history, after the withdrawal.
    type_text(qtbot, dialog.reason, "İade notuna göre")
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: entries.get_entry(store, returned.uuid).state == State.WITHDRAWN, timeout=10_000)
    wait_idle(qtbot, page.ctx.worker)
    history = [(row["action"], row["comment"]) for row in entries.audit_rows(store, returned.uuid)]
    assert ("return", "Kooperatif yanlış; kaydı geri çekin.") in history
    assert history[-1] == ("withdraw", "İade notuna göre")
    assert entries.get_entry(store, draft.uuid).state == State.DRAFT
    assert entries.get_entry(store, submitted.uuid).state == State.SUBMITTED


def test_only_the_author_may_withdraw_on_the_queues(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(65))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    for who in ("sef", "mehmet"):
        page = _page(qtbot, make_ctx(who), "submitted", 1)
        page.table.setFocus()
        page.table.setCurrentIndex(page.model.index(0, 0))
        assert page.withdraw_button.isVisible(), who  # their own submissions they may withdraw
        assert not page.withdraw_button.isEnabled() and not page.withdraw_action.isEnabled(), who
        assert "yalnızca onu yazan memur" in page.withdraw_button.toolTip(), who
        qtbot.keyClick(page.table, Qt.Key.Key_G, CTRL_SHIFT)
        page.on_withdraw_action_triggered()  # even called directly: no question, nothing moves
        wait_idle(qtbot, page.ctx.worker)
        assert QApplication.activeModalWidget() is None
    assert entries.get_entry(store, entry.uuid).state == State.SUBMITTED
    # An administrator records no entries; the approved and conflict lists hold nothing to withdraw.
    for who, preset, rows in (("admin", "submitted", 1), ("ayse", "approved", 0), ("ayse", "sync", 0)):
        page = _page(qtbot, make_ctx(who), preset, rows)
        assert not page.withdraw_button.isVisibleTo(page), (who, preset)
        assert page.withdraw_action not in page.table.actions(), (who, preset)


def test_in_the_main_window_ctrl_shift_g_is_the_shown_queue_s_own_and_the_status_bar_tells(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    """Three queues offer the same shortcut; only the one shown answers it (an ambiguous
    shortcut does nothing in Qt), and what happened is said in the window's status bar."""
    from koopbis_desktop.ui.mainwindow import MainWindow

    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(66))
    ctx = make_ctx("ayse")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitActive(window, timeout=5000):
        window.show()
    for key in (Qt.Key.Key_7, Qt.Key.Key_3, Qt.Key.Key_2):  # Tüm kayıtlar, Onay bekleyenler, Taslaklarım
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "drafts"
    drafts = window.pages["drafts"]
    assert isinstance(drafts, QueuePage)
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 1, timeout=10_000)
    window.activateWindow()  # a shortcut (and the focus) belongs to the active window
    qtbot.waitUntil(window.isActiveWindow)
    drafts.focus_first()
    qtbot.waitUntil(drafts.table.hasFocus)
    qtbot.keyClick(drafts.table, Qt.Key.Key_G, CTRL_SHIFT)
    dialog = _question(qtbot, drafts)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "geri çekildi" in window.statusBar().currentMessage(), timeout=10_000)
    assert entry.number is not None and entry.number in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: drafts.model.rowCount() == 0, timeout=10_000)
    assert entries.get_entry(store, entry.uuid).state == State.WITHDRAWN
    window.close()
