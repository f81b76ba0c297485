"""What the clerk is typing when pressing a keyboard shortcut is what gets saved.

Found in the editor audit: each test types into the real widgets and reads the entry
back from the database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt

from koopbis_desktop.domain import validators as v
from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.lifecycle import Action, Actor, State
from koopbis_desktop.services import autosave, capture, review
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.fields import ComboField
from koopbis_desktop.ui.editor.group_table import GroupField
from koopbis_desktop.ui.mainwindow import MainWindow
from sync import settle
from tests.conftest import PASSWORD, member_admission, valid_tckn
from tests.ui.conftest import MessageMock, wait_idle
from tests.ui.editor_filler import cell_editor, choose, leave, open_form, type_line, type_text  # noqa: F401
from tests.ui.test_editor import OpenForm, coop_id, fill_admission, line  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _type_in_cell(qtbot: Any, group: GroupField, row: int, column: int, text: str) -> None:
    """F2 on the cell, select what it holds and type over it, leaving the cell editor open."""
    group.table.setFocus()
    group.table.setCurrentCell(row, column)
    qtbot.keyClick(group.table, Qt.Key.Key_F2)
    editor = cell_editor(group.table)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    type_text(qtbot, editor, text)


def test_ctrl_s_while_typing_in_a_board_cell_saves_that_cell(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="board.replace", cooperative=coop_id)
    board = editor.rows["board"].widget
    assert isinstance(board, GroupField)
    _type_in_cell(qtbot, board, 0, 1, "Işıl İnce")
    qtbot.keyClick(cell_editor(board.table), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: editor.entry is not None)
    wait_idle(qtbot, editor.ctx.worker)
    assert editor.entry is not None
    saved = entries.get_entry(store, editor.entry.uuid)
    assert saved.payload["board"][0]["full_name"] == "Işıl İnce"
    assert board.table.item(0, 1).text() == "Işıl İnce"  # type: ignore[union-attr]
    assert not editor.is_dirty()


def test_ctrl_enter_while_typing_in_a_board_cell_submits_that_cell(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="board.replace", cooperative=coop_id)
    date_edit = line(editor, "effective_date")
    type_line(qtbot, date_edit, "02.03.2015")
    leave(qtbot, date_edit)
    board = editor.rows["board"].widget
    assert isinstance(board, GroupField)
    _type_in_cell(qtbot, board, 0, 1, "Işıl İnce")
    qtbot.keyClick(cell_editor(board.table), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: editor.entry is not None and editor.entry.state == State.SUBMITTED)
    wait_idle(qtbot, editor.ctx.worker)
    assert editor.entry is not None
    saved = entries.get_entry(store, editor.entry.uuid)
    assert saved.state == State.SUBMITTED
    assert saved.payload["board"][0]["full_name"] == "Işıl İnce"


def test_a_date_typed_as_eight_digits_then_ctrl_enter_is_submitted(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    open_form: OpenForm,  # noqa: F811
) -> None:
    """02032015 is shown as 02.03.2015 on leaving the field; Ctrl+Enter in the field must not
    refuse it as 'not GG.AA.YYYY'."""
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    for name, text in (
        ("member_id", valid_tckn(7)),
        ("full_name", "Zeynep Işık"),
        ("decision_no", "2015/14"),
        ("shares", "2"),
        ("subscribed_amount", "2.000,00"),
        ("paid_amount", "1.000,00"),
    ):
        type_line(qtbot, line(editor, name), text)
        leave(qtbot, line(editor, name))
    date_edit = line(editor, "effective_date")
    type_line(qtbot, date_edit, "02032015")
    qtbot.keyClick(date_edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: editor.entry is not None, timeout=5000)
    wait_idle(qtbot, editor.ctx.worker)
    assert editor.entry is not None
    saved = entries.get_entry(store, editor.entry.uuid)
    assert saved.state == State.SUBMITTED
    assert saved.payload["effective_date"] == "2015-03-02"


def test_a_date_typed_as_eight_digits_then_enter_saves_a_draft_without_error(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    open_form: OpenForm,  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="board.replace", cooperative=coop_id)
    date_edit = line(editor, "effective_date")
    type_line(qtbot, date_edit, "02032015")
    qtbot.keyClick(date_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.entry is not None)
    wait_idle(qtbot, editor.ctx.worker)
    assert editor.entry is not None
    saved = entries.get_entry(store, editor.entry.uuid)
    assert saved.payload["effective_date"] == "2015-03-02"
    assert "hata" not in editor.summary.text()
    assert date_edit.text() == "02.03.2015"
    assert not editor.is_dirty()


def test_sign_out_from_the_idle_lock_kept_by_an_open_form_locks_again(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    make_ctx: Callable[[str], AppContext],
    open_form: OpenForm,  # noqa: F811
    message_mock: MessageMock,
) -> None:
    """Locked for idleness with a form half typed: "Oturumu kapat" asks about the form; İptal
    keeps the form and the session — behind the lock again, never open without the password."""
    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    window.show()
    editor = open_form("ayse", parent=window, type_id="member.admit", cooperative=coop_id)
    type_line(qtbot, line(editor, "full_name"), "Zeynep Işık")
    leave(qtbot, line(editor, "full_name"))
    window.lock()
    lock = window.lock_dialog
    assert lock is not None and not window.centre.isVisible()
    message_mock.answers = ["İptal"]
    qtbot.mouseClick(lock.sign_out_button, Qt.MouseButton.LeftButton)
    assert message_mock.getmsg(messages.Level.QUESTION).text == "Kaydedilmemiş değişiklikler var."
    assert window.isVisible() and shiboken6.isValid(editor)
    assert line(editor, "full_name").text() == "Zeynep Işık"
    assert window.lock_dialog is not None and window.lock_dialog.isVisible()
    assert not window.centre.isVisible() and not editor.isVisible()
    editor._closing_confirmed = True
    window.lock_dialog.sign_out_requested.emit()  # the form closes without a question now
    assert not window.isVisible()


def test_koopbis_message_stays_away_from_a_correction_saved_as_a_draft(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    people: dict[str, Actor],
    open_form: OpenForm,  # noqa: F811
) -> None:
    """KOOP-BİS refused the paid amount: once the clerk corrects it and saves (Ctrl+S), the red
    'KOOP-BİS reddetti' beside the field must not come back — nor when the draft is reopened."""
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop_id, member_admission(5))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    review.approve_entry(store, people["sef"], entry.uuid)
    entries.move(store, entry.uuid, Action.SEND, settle.SYNC_ACTOR)
    refusal = {"field": "paid_amount", "message": "Ödenen tutar kabul edilmedi."}
    settle.refuse(
        store,
        entries.get_entry(store, entry.uuid),
        {"kind": "invalid", "message": "kayıt geçersiz.", "errors": [refusal]},
    )
    editor = open_form("ayse", entry_uuid=entry.uuid)
    # KOOP-BİS returned it, not the supervisor: the note says whose it is.
    assert editor.comment_banner.text().startswith("KOOP-BİS'in iade notu: «KOOP-BİS kaydı reddetti")
    row = editor.rows["paid_amount"]
    assert "KOOP-BİS reddetti: Ödenen tutar kabul edilmedi." in row.issue.text()
    edit = line(editor, "paid_amount")
    type_line(qtbot, edit, "1.000,00")
    leave(qtbot, edit)
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive())
    assert "KOOP-BİS" not in row.issue.text()
    qtbot.keyClick(edit, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: editor.entry is not None and editor.entry.state == State.DRAFT)
    wait_idle(qtbot, editor.ctx.worker)
    editor.revalidate()
    assert "KOOP-BİS" not in row.issue.text()
    assert editor.submit_button.isEnabled()
    editor.close()
    reopened = open_form("ayse", entry_uuid=entry.uuid)
    assert line(reopened, "paid_amount").text() == "1.000,00"
    assert "KOOP-BİS" not in reopened.rows["paid_amount"].issue.text()
    # Typing the refused amount again brings KOOP-BİS's message back beside it.
    type_line(qtbot, line(reopened, "paid_amount"), "500")
    leave(qtbot, line(reopened, "paid_amount"))
    qtbot.waitUntil(lambda: "KOOP-BİS reddetti" in reopened.rows["paid_amount"].issue.text())


def test_current_values_under_the_fields_read_in_turkish_notation(
    qtbot: Any,
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: OpenForm,  # noqa: F811
) -> None:
    """'Şu anki' under a field shows the register's value as the clerk types it: 16.03.2014,
    Olağan, Yapıldı and 250.000,00 TL — not 2014-03-16, olagan, yapildi and 250000.00."""
    record = dict(next(r for r in cooperatives if r["id"] == "06-900001"))
    record.update(share_value="50.00", capital="250000.00")
    snapshot.upsert_records(store, [record])
    held = record["assemblies"][-1]
    editor = open_form("ayse", type_id="assembly.record", cooperative="06-900001")
    date_edit = line(editor, "effective_date")
    type_line(qtbot, date_edit, v.format_date(held["date"]))
    leave(qtbot, date_edit)
    current = editor.rows["effective_date"].current
    qtbot.waitUntil(lambda: current.text().startswith("Şu anki: kayıtlı — "))
    assembly_type = get_type("assembly.record")
    shown = current.text()
    assert v.format_date(held["date"]) in shown and held["date"] not in shown
    assert assembly_type.field("kind").choice_label(held["kind"]) in shown
    assert assembly_type.field("result").choice_label(held["result"]) in shown
    capital = open_form("ayse", type_id="capital.change", cooperative="06-900001")
    assert capital.rows["share_value"].current.text() == "Şu anki: 50,00 TL"
    assert capital.rows["capital"].current.text() == "Şu anki: 250.000,00 TL"


def test_typing_on_while_a_slow_save_runs_stays_unsaved_and_autosaved(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    people: dict[str, Actor],
    open_form: OpenForm,  # noqa: F811
    message_mock: MessageMock,
) -> None:
    """Ctrl+S, and the clerk types on while the (office) database is slow to answer: the
    letters typed after Ctrl+S are not in the draft, so the form must not call itself saved —
    closing asks, and the autosave keeps them."""
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    name = line(editor, "full_name")
    type_line(qtbot, name, "Zeynep")
    database_busy = threading.Event()
    editor.ctx.worker.submit(lambda _store: database_busy.wait(10))  # another job holds the worker
    qtbot.keyClick(name, Qt.Key.Key_S, CTRL)
    assert editor.busy
    type_text(qtbot, name, " Işık")
    database_busy.set()
    qtbot.waitUntil(lambda: editor.entry is not None and not editor.busy)
    wait_idle(qtbot, editor.ctx.worker)
    assert editor.entry is not None
    assert entries.get_entry(store, editor.entry.uuid).payload["full_name"] == "Zeynep"
    assert name.text() == "Zeynep Işık"
    assert editor.is_dirty()
    qtbot.waitUntil(
        lambda: (
            [a.payload.get("full_name") for a in autosave.pending(store, people["ayse"])] == ["Zeynep Işık"]
        )
    )
    message_mock.answers = ["İptal"]
    editor.close()
    assert message_mock.getmsg(messages.Level.QUESTION).text == "Kaydedilmemiş değişiklikler var."
    assert editor.isVisible()


def test_typing_while_a_slow_submission_runs_is_not_taken_so_nothing_typed_vanishes(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    open_form: OpenForm,  # noqa: F811
) -> None:
    """Ctrl+Enter, and the clerk types on while the (office) database is slow to answer. The
    entry goes for approval as it was and the form closes: letters typed meanwhile used to show
    in the field and vanish with the form. Now the fields take no typing until it is done."""
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    fill_admission(qtbot, editor, valid_tckn(7))
    name = line(editor, "full_name")
    name.setFocus()
    database_busy = threading.Event()
    editor.ctx.worker.submit(lambda _store: database_busy.wait(10))  # another job holds the worker
    qtbot.keyClick(name, Qt.Key.Key_Return, CTRL)
    assert editor.busy
    assert editor.status.text() == "Onaya gönderiliyor… (gönderilirken form değiştirilemez)"
    type_text(qtbot, name, " Ece")
    assert name.text() == "Zeynep Işık"  # not taken: what is on screen is what goes
    with qtbot.waitSignal(editor.submitted, timeout=10_000) as submitted:
        database_busy.set()
    entry = entries.get_entry(store, submitted.args[0])
    assert entry.state == State.SUBMITTED
    assert entry.payload["full_name"] == "Zeynep Işık"


def test_a_slow_submission_that_fails_gives_the_fields_back_for_typing(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    people: dict[str, Actor],
    open_form: OpenForm,  # noqa: F811
    message_mock: MessageMock,
) -> None:
    """The same, but another PC saved the draft meanwhile: nothing is submitted, the difference
    is shown, and the form takes typing again where the clerk was."""
    editor = open_form("ayse", type_id="member.admit", cooperative=coop_id)
    fill_admission(qtbot, editor, valid_tckn(8))
    qtbot.keyClick(line(editor, "full_name"), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: editor.entry is not None and not editor.busy)
    assert editor.entry is not None
    key = editor.entry.uuid
    name = line(editor, "full_name")
    type_line(qtbot, name, "Zeynep Işıkçı")
    database_busy = threading.Event()

    def elsewhere(store: Store) -> None:  # the same clerk's draft saved on another PC meanwhile
        database_busy.wait(10)
        draft = entries.get_entry(store, key)
        capture.edit_entry(
            store, people["ayse"], key, {**draft.payload, "decision_no": "2015/15"}, allow_errors=True
        )

    editor.ctx.worker.submit(elsewhere)
    qtbot.keyClick(name, Qt.Key.Key_Return, CTRL)
    assert editor.busy and name.isReadOnly()
    database_busy.set()
    qtbot.waitUntil(lambda: not editor.busy)
    wait_idle(qtbot, editor.ctx.worker)
    assert message_mock.getmsg(messages.Level.WARNING).text  # the difference was shown
    assert entries.get_entry(store, key).state == State.DRAFT
    assert not name.isReadOnly()
    type_text(qtbot, name, " Ece")
    assert name.text() == "Zeynep Işıkçı Ece"


def test_a_board_table_takes_typing_again_after_a_submission_that_failed(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    people: dict[str, Actor],
    open_form: OpenForm,  # noqa: F811
    message_mock: MessageMock,
) -> None:
    """A board table set read-only (while a submission was on its way) never took typing again:
    after the failed submission the clerk could not correct a single name without closing the
    form."""
    editor = open_form("ayse", type_id="board.replace", cooperative=coop_id)
    date_edit = line(editor, "effective_date")
    type_line(qtbot, date_edit, "02.03.2015")
    leave(qtbot, date_edit)
    board = editor.rows["board"].widget
    assert isinstance(board, GroupField)
    _type_in_cell(qtbot, board, 0, 1, "Işıl İnce")
    qtbot.keyClick(cell_editor(board.table), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: editor.entry is not None and not editor.busy)
    assert editor.entry is not None
    key = editor.entry.uuid
    _type_in_cell(qtbot, board, 1, 1, "Ece Öztürk")
    database_busy = threading.Event()

    def elsewhere(store: Store) -> None:  # the same draft saved on another PC meanwhile
        database_busy.wait(10)
        draft = entries.get_entry(store, key)
        capture.edit_entry(store, people["ayse"], key, dict(draft.payload), allow_errors=True)

    editor.ctx.worker.submit(elsewhere)
    qtbot.keyClick(cell_editor(board.table), Qt.Key.Key_Return, CTRL)
    assert editor.busy
    database_busy.set()
    qtbot.waitUntil(lambda: not editor.busy)
    wait_idle(qtbot, editor.ctx.worker)
    assert entries.get_entry(store, key).state == State.DRAFT
    _type_in_cell(qtbot, board, 2, 1, "Çağla Işık")
    qtbot.keyClick(cell_editor(board.table), Qt.Key.Key_Tab)
    assert board.raw()[2]["full_name"] == "Çağla Işık"


def test_board_form_whose_cooperative_is_picked_in_the_form_starts_with_the_current_board(
    qtbot: Any,
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: OpenForm,  # noqa: F811
) -> None:
    """'Yeni kayıt' → Yönetim kurulu seçimi, cooperative chosen in the form's own search: the
    table starts with the current board, as when the form is opened from the cooperative, so
    only the changes are typed."""
    record = next(r for r in cooperatives if r["id"] == "06-900001")
    editor = open_form("ayse", type_id="board.replace")
    assert editor.focusWidget() is editor.picker_edit
    type_text(qtbot, editor.picker_edit, "çağdaş güneşli")
    qtbot.waitUntil(lambda: editor.picker_results.isVisible() and editor.picker_results.count() == 1)
    qtbot.keyClick(editor.picker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.record is not None)
    board = editor.rows["board"].widget
    assert isinstance(board, GroupField)
    assert [row["full_name"] for row in board.raw()] == [m["full_name"] for m in record["board"]]
    assert board.diff_line.text().startswith("Şu anki satırlarla aynı")
    _type_in_cell(qtbot, board, 0, 1, "Işıl İnce")
    qtbot.keyClick(cell_editor(board.table), Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: editor.entry is not None)
    wait_idle(qtbot, editor.ctx.worker)
    assert editor.entry is not None
    saved = entries.get_entry(store, editor.entry.uuid).payload["board"]
    assert [row["full_name"] for row in saved] == ["Işıl İnce"] + [
        m["full_name"] for m in record["board"][1:]
    ]


def test_enter_in_the_cooperative_search_chooses_what_is_typed_not_the_previous_results(
    qtbot: Any,
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: OpenForm,  # noqa: F811
) -> None:
    """The clerk types 06-00001, the list shows 06-000010 … first; she types the last 2 and
    presses Enter at once: the form is for 06-000012, never for 06-000010 of the old list."""
    editor = open_form("ayse", type_id="member.admit")
    type_text(qtbot, editor.picker_edit, "06-00001")
    qtbot.waitUntil(lambda: editor.picker_results.isVisible() and editor.picker_results.count() > 1)
    assert editor.picker_results.currentItem().text().startswith("06-000010")
    type_text(qtbot, editor.picker_edit, "2")
    qtbot.keyClick(editor.picker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.record is not None)
    assert editor.cooperative == "06-000012"
    assert editor.record is not None and editor.record["id"] == "06-000012"


def test_enter_before_an_ambiguous_search_answered_waits_for_the_clerk(
    qtbot: Any,
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: OpenForm,  # noqa: F811
) -> None:
    """Enter pressed before the results of several matches came chooses none: the list shows
    them, the first marked, and a second Enter takes it."""
    editor = open_form("ayse", type_id="member.admit")
    type_text(qtbot, editor.picker_edit, "ışık")
    qtbot.keyClick(editor.picker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.picker_results.isVisible() and editor.picker_results.count() > 1)
    wait_idle(qtbot, editor.ctx.worker)
    assert editor.cooperative is None
    first = editor.picker_results.currentItem()
    assert first is not None
    qtbot.keyClick(editor.picker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.record is not None)
    assert first.text().startswith(f"{editor.cooperative} — ")


def test_submit_refused_for_a_wrong_articles_entry_says_which_field(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    open_form: OpenForm,  # noqa: F811
) -> None:
    """The form cannot check a cited articles-amendment entry itself; the database can. When
    Submit is refused for it, the field says why — not 'Form geçerli' beside '1 hata düzeltilmeli'."""
    editor = open_form("ayse", type_id="capital.change", cooperative=coop_id)
    for name, text in (
        ("effective_date", "02.03.2015"),
        ("decision_no", "2015/3"),
        ("share_value", "100,00"),
        ("articles_entry", "abc12345"),
    ):
        type_line(qtbot, line(editor, name), text)
        leave(qtbot, line(editor, name))
    effect = editor.rows["subscription_effect"].widget
    assert isinstance(effect, ComboField)
    choose(qtbot, effect.combo, "Taahhüt")
    leave(qtbot, effect.combo)
    qtbot.keyClick(line(editor, "articles_entry"), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: editor.entry is not None and "onaya gönderilemedi" in editor.status.text())
    wait_idle(qtbot, editor.ctx.worker)
    issue = editor.rows["articles_entry"].issue
    assert "'abc12345' bu kooperatifin bir anasözleşme değişikliği kaydı değil" in issue.text()
    assert issue.isVisibleTo(editor)
    assert editor.summary.text().startswith("1 hata.")
    # Emptied (the reference is optional): the finding was about the old value and goes.
    type_line(qtbot, line(editor, "articles_entry"), "")
    leave(qtbot, line(editor, "articles_entry"))
    qtbot.waitUntil(lambda: "anasözleşme" not in issue.text())
    assert editor.summary.text().startswith("Form geçerli")


def test_an_open_form_is_out_of_sight_while_the_window_is_locked_and_back_as_it_was(
    qtbot: Any,
    store: Store,
    coop_id: str,  # noqa: F811
    make_ctx: Callable[[str], AppContext],
    open_form: OpenForm,  # noqa: F811
) -> None:
    """Locked for idleness, the window hides what it shows; a form (its own window) with a
    member's T.C. Kimlik No and name must not stay readable beside the lock. The password
    brings it back exactly as it was typed."""
    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    window.show()
    editor = open_form("ayse", parent=window, type_id="member.admit", cooperative=coop_id)
    editor._closing_confirmed = True  # the window closes after the test: no unsaved-changes question
    member_id = valid_tckn(72)
    type_line(qtbot, line(editor, "member_id"), member_id)
    leave(qtbot, line(editor, "member_id"))
    window.lock()
    lock = window.lock_dialog
    assert lock is not None and lock.isVisible()
    assert not editor.isVisible()
    qtbot.keyClicks(lock.password_edit, PASSWORD)
    qtbot.keyClick(lock.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lock_dialog is None, timeout=10_000)
    assert editor.isVisible() and window.centre.isVisible()
    assert line(editor, "member_id").text() == member_id
    assert editor.is_dirty()


def test_down_arrow_in_the_cooperative_search_moves_into_the_results(
    qtbot: Any,
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: OpenForm,  # noqa: F811
) -> None:
    """Keyboard only: type, ↓ to the second match, Enter — the form is for that one."""
    editor = open_form("ayse", type_id="member.admit")
    type_text(qtbot, editor.picker_edit, "ışık")
    qtbot.waitUntil(lambda: editor.picker_results.isVisible() and editor.picker_results.count() > 1)
    wait_idle(qtbot, editor.ctx.worker)
    second = editor.picker_results.item(1)
    qtbot.keyClick(editor.picker_edit, Qt.Key.Key_Down)
    assert editor.picker_results.hasFocus()
    assert editor.picker_results.currentItem() is second
    qtbot.keyClick(editor.picker_results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.record is not None)
    assert second.text().startswith(f"{editor.cooperative} — ")
