"""A clerk opens a new entry as a copy of another ("Yeni kayda kopyala…") instead of typing it again.

Before, an entry withdrawn because it went to the wrong cooperative had to be typed again from
the start (the withdraw question even said so). The copy is an ordinary new form of the same
type holding the entry's fields and scans, for the same cooperative until the clerk picks
another; nothing is stored until she saves it (autosave as for any new form once she types);
the old entry is untouched; only people who record entries are offered it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import attachments as attachment_service
from koopbis_desktop.services import autosave, capture, review
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.pages.queue import QueuePage
from koopbis_desktop.ui.review import ReviewDialog
from koopbis_desktop.ui.withdraw import WithdrawDialog
from tests.conftest import member_admission
from tests.ui.conftest import MessageMock, active_queue, wait_idle
from tests.ui.editor_filler import leave, open_form, type_line  # noqa: F401
from tests.ui.test_editor import OpenForm, line

COOP = "06-900001"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
PDF = b"%PDF-1.4\n% karar taramasi\n"


def _withdrawn(store: Store, people: dict[str, Actor], seed: int) -> tuple[Entry, str]:
    """Ayşe's member admission with a scanned decision, returned by the supervisor and withdrawn."""
    ayse = people["ayse"]
    entry = capture.create_entry(store, ayse, "member.admit", COOP, member_admission(seed))
    scan = attachment_service.add_bytes(store, ayse, PDF, "karar.pdf")
    attachment_service.link(store, ayse, entry.uuid, scan.sha256)
    capture.submit_entry(store, ayse, entry.uuid)
    review.return_entry(store, people["sef"], entry.uuid, "Kooperatif yanlış; kaydı geri çekin.")
    return capture.withdraw_entry(store, ayse, entry.uuid, "Yanlış kooperatife girildi"), scan.sha256


def _copies() -> list[EntryEditor]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, EntryEditor) and shiboken6.isValid(w) and w.isVisible() and w.entry is None
    ]


def _typed(editor: EntryEditor) -> dict[str, Any]:
    """The form's fields as they would be stored (the stored payload's form, not the shown one)."""
    editor.revalidate()
    assert editor.validation is not None
    return dict(editor.validation.payload)


def _the_copy(qtbot: Any) -> EntryEditor:
    qtbot.waitUntil(lambda: len(_copies()) == 1, timeout=10_000)
    (editor,) = _copies()
    qtbot.waitUntil(lambda: editor.is_loaded, timeout=10_000)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def _close(editor: EntryEditor) -> None:
    if shiboken6.isValid(editor):
        editor._closing_confirmed = True
        editor.close()


def _review(qtbot: Any, ctx: AppContext, key: str) -> ReviewDialog:
    dialog = ReviewDialog(ctx, key)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.details is not None and dialog.isActiveWindow(), timeout=10_000)
    return dialog


def _page(qtbot: Any, ctx: AppContext, preset: str, rows: int) -> QueuePage:
    page: QueuePage = active_queue(qtbot, ctx, preset, rows)
    return page


def _all_entries(store: Store) -> list[str]:
    return sorted(e.uuid for e in entries.list_entries(store))


def test_a_withdrawn_entry_is_copied_to_the_right_cooperative_and_saved_as_a_new_draft(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
) -> None:
    old, scan = _withdrawn(store, people, 71)
    other = str(cooperatives[3]["id"])
    ctx = make_ctx("ayse")
    dialog = _review(qtbot, ctx, old.uuid)  # a withdrawn entry opens read-only
    assert dialog.copy_button.isVisible() and dialog.copy_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_K, CTRL_SHIFT)
    editor = _the_copy(qtbot)
    try:
        # A new form of the same type, the fields as typed, the scan, the same cooperative.
        assert editor.ctype is not None and editor.ctype.id == "member.admit"
        assert editor.cooperative == COOP and not editor.read_only
        assert _typed(editor) == old.payload
        assert editor.attachment_panel.shas() == [scan]
        assert old.number is not None and old.number in editor.status.text()
        assert "henüz saklanmadı" in editor.status.text()
        assert not editor.is_dirty()  # nothing typed yet: closing would ask nothing
        # The cursor is in the cooperative search: the other cooperative is typed at once.
        assert editor.picker.isVisible()
        qtbot.waitUntil(editor.picker_edit.hasFocus)
        type_line(qtbot, editor.picker_edit, other)
        qtbot.keyClick(editor.picker_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.cooperative == other and other in editor.cooperative_label.text())
        assert _typed(editor) == old.payload  # the fields stay as copied
        with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
            qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        wait_idle(qtbot, ctx.worker)
        new = entries.get_entry(store, saved.args[0])
        assert new.uuid != old.uuid and new.number is not None and new.number != old.number
        assert (new.state, new.author, new.type, new.revision) == (State.DRAFT, "ayse", "member.admit", 1)
        assert new.cooperative == other and new.payload == old.payload
        assert new.receipt is None and new.comment is None
        assert attachment_service.list_for_entry(store, new.uuid)[0].sha256 == scan
        # The old entry is as it was: withdrawn, its fields, its scan, its history.
        again = entries.get_entry(store, old.uuid)
        assert (again.state, again.revision, again.payload, again.cooperative) == (
            State.WITHDRAWN,
            old.revision,
            old.payload,
            COOP,
        )
        assert [a.sha256 for a in attachment_service.list_for_entry(store, old.uuid)] == [scan]
        assert autosave.pending(store, people["ayse"]) == []
    finally:
        _close(editor)


def test_copy_from_the_queue_by_keyboard_and_context_menu_and_esc_stores_nothing(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(72))
    before = _all_entries(store)
    page = _page(qtbot, make_ctx("ayse"), "drafts", 1)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.copy_button.isVisible() and page.copy_button.isEnabled()
    assert page.copy_action in page.table.actions()  # on the row's context menu, beside Geri çek…
    assert page.withdraw_action in page.table.actions()
    qtbot.keyClick(page.table, Qt.Key.Key_K, CTRL_SHIFT)
    editor = _the_copy(qtbot)
    try:
        assert _typed(editor) == entry.payload and editor.cooperative == COOP
        qtbot.waitUntil(editor.picker_edit.hasFocus)
        with qtbot.waitSignal(editor.finished, timeout=10_000):
            qtbot.keyClick(editor.picker_edit, Qt.Key.Key_Escape)  # no question: nothing typed
        wait_idle(qtbot, page.ctx.worker)
        assert _all_entries(store) == before
        assert autosave.pending(store, people["ayse"]) == []
        assert entries.get_entry(store, entry.uuid).revision == entry.revision
    finally:
        _close(editor)
    # Several rows selected: one at a time.
    capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(73))
    page.apply_filter()  # written here, not through the desktop's worker: read the list again
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    page.table.selectAll()
    assert not page.copy_button.isEnabled() and "tek tek" in page.copy_button.toolTip()


def test_a_copy_typed_in_is_autosaved_and_asked_about_like_any_new_form(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    open_form: OpenForm,  # noqa: F811
    message_mock: MessageMock,
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(74))
    before = _all_entries(store)
    source = open_form("ayse", entry_uuid=entry.uuid)  # her own draft, in its (editable) form
    assert source.copy_button.isVisible() and source.copy_button.isEnabled()
    qtbot.mouseClick(source.copy_button, Qt.MouseButton.LeftButton)
    editor = _the_copy(qtbot)
    try:
        edit = line(editor, "full_name")
        type_line(qtbot, edit, "Zeynep Işık Kaya")
        leave(qtbot, edit)
        # As a new form: a scratch copy for the crash, of no entry, until it is saved or discarded.
        qtbot.waitUntil(lambda: len(autosave.pending(store, people["ayse"])) == 1, timeout=10_000)
        (scratch,) = autosave.pending(store, people["ayse"])
        assert scratch.entry_uuid is None and scratch.type == "member.admit" and scratch.cooperative == COOP
        assert scratch.payload["full_name"] == "Zeynep Işık Kaya"
        message_mock.answers.append("Vazgeç (değişiklikleri at)")
        with qtbot.waitSignal(editor.finished, timeout=10_000):
            qtbot.keyClick(edit, Qt.Key.Key_Escape)
        assert [m.title for m in message_mock.shown] == ["Kaydedilmemiş değişiklikler"]
        wait_idle(qtbot, editor.ctx.worker)
        assert autosave.pending(store, people["ayse"]) == []
        assert _all_entries(store) == before
        assert entries.get_entry(store, entry.uuid).payload == entry.payload
    finally:
        _close(editor)


def test_only_people_who_record_entries_are_offered_the_copy(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    open_form: OpenForm,  # noqa: F811
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(75))
    capture.submit_entry(store, people["ayse"], entry.uuid)
    # Another clerk reading Ayşe's submission, and a supervisor, may start from it.
    for who in ("mehmet", "sef"):
        dialog = _review(qtbot, make_ctx(who), entry.uuid)
        assert dialog.copy_button.isVisible() and dialog.copy_button.isEnabled(), who
        dialog.close()
    # An administrator records no entries: no button, no shortcut, no context menu line.
    admin = make_ctx("admin")
    dialog = _review(qtbot, admin, entry.uuid)
    assert not dialog.copy_button.isVisibleTo(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_K, CTRL_SHIFT)
    dialog.on_copy_button_clicked()  # even called directly: no form
    page = _page(qtbot, admin, "submitted", 1)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert not page.copy_button.isVisibleTo(page) and page.copy_action not in page.table.actions()
    qtbot.keyClick(page.table, Qt.Key.Key_K, CTRL_SHIFT)
    page.on_copy_action_triggered()
    form = open_form("admin", entry_uuid=entry.uuid)
    assert form.read_only and not form.copy_button.isVisibleTo(form)
    form.on_copy_button_clicked()
    wait_idle(qtbot, admin.worker)
    assert _copies() == []


def test_the_withdraw_question_points_to_the_copy_and_the_mnemonic_is_its_own(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    open_form: OpenForm,  # noqa: F811
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(76))
    question = WithdrawDialog(None, "Ortaklığa giriş", state=State.DRAFT)
    qtbot.addWidget(question)
    text = question.explanation.text()
    assert "Yeni kayda kopyala" in text and "Ctrl+Shift+K" in text and "yeni baştan" not in text
    # Alt+P is the copy's alone in the form, the review window and the queue (an ambiguous
    # mnemonic only moves the focus).
    form = open_form("ayse", entry_uuid=entry.uuid)
    dialog = _review(qtbot, make_ctx("mehmet"), entry.uuid)
    page = _page(qtbot, make_ctx("ayse"), "drafts", 1)
    for window in (form, dialog, page):
        keys = [
            b.text().replace("&&", "")[b.text().replace("&&", "").index("&") + 1].upper()
            for b in window.findChildren(QAbstractButton)
            if b.isVisibleTo(window) and "&" in b.text().replace("&&", "")
        ]
        assert keys.count("P") == 1, (window, keys)


def test_a_registration_copies_as_a_new_registration_and_a_copied_board_keeps_its_rows(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    open_form: OpenForm,  # noqa: F811
) -> None:
    from tests.server.conftest import payload_for

    ayse = people["ayse"]
    registration = capture.create_entry(
        store,
        ayse,
        "cooperative.register",
        None,
        payload_for("cooperative.register", None),
        allow_errors=True,
    )
    source = open_form("ayse", entry_uuid=registration.uuid)
    qtbot.keyClick(source, Qt.Key.Key_K, CTRL_SHIFT)
    editor = _the_copy(qtbot)
    try:
        # A new registration founds its own cooperative: not the old one's (its own uuid).
        assert editor.ctype is not None and editor.ctype.registers and editor.cooperative is None
        assert not editor.picker.isVisibleTo(editor)
        assert _typed(editor) == registration.payload
    finally:
        _close(editor)
    # A board list typed for one cooperative, copied by another clerk and moved to another
    # cooperative: the typed rows stay (the picker replaces only rows it filled in itself).
    elected = capture.create_entry(
        store, ayse, "board.replace", COOP, payload_for("board.replace", None), allow_errors=True
    )
    dialog = _review(qtbot, make_ctx("mehmet"), elected.uuid)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    editor = _the_copy(qtbot)
    try:
        other = str(cooperatives[5]["id"])
        editor.choose_cooperative(other)
        qtbot.waitUntil(lambda: other in editor.cooperative_label.text(), timeout=10_000)
        assert editor.cooperative == other
        assert _typed(editor)["board"] == elected.payload["board"]
        with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
            editor.on_save_button_clicked()
        new = entries.get_entry(store, saved.args[0])
        assert (new.author, new.cooperative, new.payload) == ("mehmet", other, elected.payload)
        assert entries.get_entry(store, elected.uuid).cooperative == COOP
    finally:
        _close(editor)


def test_a_copy_of_an_entry_on_a_withdrawn_registration_starts_without_that_cooperative(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    open_form: OpenForm,  # noqa: F811
) -> None:
    """The registration an entry was typed on was withdrawn since: no entry may name it any more,
    so the copy does not start on it (its save would be refused); the form says why."""
    from tests.server.conftest import payload_for

    ayse = people["ayse"]
    registration = capture.create_entry(
        store,
        ayse,
        "cooperative.register",
        None,
        payload_for("cooperative.register", None),
        allow_errors=True,
    )
    admitted = capture.create_entry(store, ayse, "member.admit", registration.uuid, member_admission(72))
    assert admitted.cooperative == registration.uuid
    capture.withdraw_entry(store, ayse, registration.uuid, "Kuruluş vazgeçildi")
    source = open_form("ayse", entry_uuid=admitted.uuid)
    qtbot.keyClick(source, Qt.Key.Key_K, CTRL_SHIFT)
    editor = _the_copy(qtbot)
    try:
        assert editor.cooperative is None
        assert registration.number is not None and registration.number in editor.status.text()
        assert "geri çekildiği için" in editor.status.text()
        assert _typed(editor) == admitted.payload  # the fields are copied all the same
        qtbot.waitUntil(editor.picker_edit.hasFocus)
        type_line(qtbot, editor.picker_edit, COOP)
        qtbot.keyClick(editor.picker_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: editor.cooperative == COOP)
        with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
            qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        new = entries.get_entry(store, saved.args[0])
        assert (new.cooperative, new.payload) == (COOP, admitted.payload)
        # The entry copied keeps its registration, withdrawn or not.
        assert entries.get_entry(store, admitted.uuid).cooperative == registration.uuid
    finally:
        _close(editor)
