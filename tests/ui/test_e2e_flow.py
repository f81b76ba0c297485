"""The whole clerk → supervisor → clerk → supervisor flow through the real app and the real store.

Ayşe signs in through the login dialog, finds "IŞIK Çağdaş …" by typing "isik",
starts a member admission for it, types a wrong TCKN (the error appears beside
the field and "Onaya gönder" is disabled), corrects it and submits. Şükrü signs
in on the same PC and returns the entry with a comment; Ayşe sees the comment,
fixes the decision number and resubmits; Şükrü approves. The database, the
revisions and the audit chain are checked after every step. The person uses the
keyboard wherever a clerk would; only the review buttons are clicked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.app import Shell
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.login import LoginDialog
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.pages.cooperatives import CooperativesPage
from koopbis_desktop.ui.pages.new_entry import TypeChooserDialog
from koopbis_desktop.ui.pages.queue import QueuePage
from koopbis_desktop.ui.review import ReviewDialog
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import PASSWORD, valid_tckn
from tests.ui.conftest import wait_idle
from tests.ui.keyboard import type_text

COOP = "06-900001"
COOP_TITLE = "IŞIK Çağdaş Güneşli Ören Konut Yapı Kooperatifi"
GOOD_TCKN = valid_tckn(4242)
BAD_TCKN = GOOD_TCKN[:-1] + str((int(GOOD_TCKN[-1]) + 1) % 10)  # last check digit wrong
RETURN_COMMENT = "Karar numarası defterle uyuşmuyor; 2015/15 olmalı."
CTRL = Qt.KeyboardModifier.ControlModifier


def press(
    qtbot: Any, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(widget, key, modifier)


def retype(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Select what the field holds (Ctrl+A) and type over it, as a clerk corrects a value."""
    edit.setFocus()
    press(qtbot, edit, Qt.Key.Key_A, CTRL)
    type_text(qtbot, edit, text)


def sign_in(qtbot: Any, shell: Shell, username: str, *, activate: bool = True) -> MainWindow:
    """Type the user name and password into the login dialog, Enter after each.

    ``activate=False``: return once the main window shows, without making it the active window
    (a question the sign-in asks, modal, may be over it)."""
    dialog = shell.login
    assert isinstance(dialog, LoginDialog) and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    retype(qtbot, dialog.username_edit, username)
    press(qtbot, dialog.username_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.password_edit.hasFocus)
    type_text(qtbot, dialog.password_edit, PASSWORD)
    press(qtbot, dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=10_000)
    window = shell.window
    assert window is not None
    assert window.ctx.actor is not None and window.ctx.actor.username == username
    if not activate:
        return window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def sign_out(qtbot: Any, shell: Shell, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, Qt.Key.Key_Q, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: shell.window is None and shell.login is not None and shell.login.isVisible())


def go_to(qtbot: Any, window: MainWindow, key: str, digit: Qt.Key) -> QWidget:
    """Ctrl+<digit> opens a page; wait until its list (if any) has loaded."""
    press(qtbot, window.focusWidget() or window, digit, CTRL)
    assert window.current_page_key() == key
    page = window.pages[key]
    if isinstance(page, QueuePage):
        qtbot.waitUntil(lambda: page.model.is_loaded)
    return page


def opened(qtbot: Any, window: MainWindow, kind: type[Any]) -> Any:
    """The one visible window of ``kind`` that the main window opened."""
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(kind)), timeout=10_000)
    found = [w for w in window.findChildren(kind) if w.isVisible()]
    assert len(found) == 1, found
    found[0].activateWindow()
    qtbot.waitUntil(found[0].isActiveWindow)
    return found[0]


def supervisor_opens_the_waiting_entry(
    qtbot: Any, shell: Shell, window: MainWindow
) -> tuple[MainWindow, ReviewDialog]:
    """Şükrü signs in after the current user, goes to Onay bekleyenler and opens its one entry with Enter."""
    sign_out(qtbot, shell, window)
    window = sign_in(qtbot, shell, "sef")
    window.closed.disconnect()
    waiting = go_to(qtbot, window, "submitted", Qt.Key.Key_3)
    assert isinstance(waiting, QueuePage) and waiting.model.total == 1
    waiting.focus_first()
    press(qtbot, waiting.table, Qt.Key.Key_Return)
    review = opened(qtbot, window, ReviewDialog)
    return window, review


def actions(store: Store, uuid: str) -> list[tuple[str, str, str | None]]:
    return [(r["action"], r["actor"], r["comment"]) for r in entries.audit_rows(store, uuid)]


def test_clerk_submits_supervisor_returns_clerk_fixes_supervisor_approves(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    worker: DbWorker,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
) -> None:
    shell = Shell(qapp, worker, store.path, demo=False)
    shell.show_login()

    # -- Ayşe signs in and finds the cooperative by typing "isik" -----------------------
    window = sign_in(qtbot, shell, "ayse")
    window.closed.disconnect()  # the app would quit on close; the test closes it at the end
    coops = go_to(qtbot, window, "cooperatives", Qt.Key.Key_8)
    assert isinstance(coops, CooperativesPage)
    qtbot.waitUntil(coops.search_box.hasFocus)
    with qtbot.waitSignal(coops.results_shown, timeout=5000):
        type_text(qtbot, coops.search_box, "isik")
    titles = [str(coops.results_model.row_at(r)["title"]) for r in range(coops.results_model.rowCount())]
    assert COOP_TITLE in titles
    press(qtbot, coops.search_box, Qt.Key.Key_Down)  # into the results, first row
    for _ in range(titles.index(COOP_TITLE)):
        press(qtbot, coops.results_view, Qt.Key.Key_Down)
    with qtbot.waitSignal(coops.detail_shown, timeout=5000, check_params_cb=lambda c: c == COOP):
        press(qtbot, coops.results_view, Qt.Key.Key_Return)
    wait_idle(qtbot, worker)
    assert coops.current_id == COOP
    assert COOP_TITLE in coops.detail_header.text()

    # -- Ctrl+Shift+N: new entry for it; the type chooser is filtered by typing -----------
    chooser_seen: list[str] = []

    def choose_admission() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TypeChooserDialog):
            QTimer.singleShot(20, choose_admission)
            return
        chooser_seen.append(dialog.windowTitle())
        type_text(qtbot, dialog.chooser.filter_edit, "ortaklığa gir")
        assert dialog.chooser.visible_type_ids() == ["member.admit"]
        press(qtbot, dialog.chooser.filter_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose_admission)
    press(qtbot, coops.results_view, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(chooser_seen))  # the button's shortcut clicks it a moment later
    assert COOP in chooser_seen[0]

    editor = opened(qtbot, window, EntryEditor)
    qtbot.waitUntil(lambda: editor.is_loaded)
    assert editor.ctype is not None and editor.ctype.id == "member.admit"
    assert COOP_TITLE in editor.cooperative_label.text()

    # -- a wrong TCKN: error beside the field, "Onaya gönder" disabled ---------------------
    member_id = editor.rows["member_id"]
    # The cursor starts in the first field (TCKN), not in the attachment list, and stays there
    # after the window's activation has been handled.
    qtbot.waitUntil(lambda: member_id.widget.focus_target().hasFocus(), timeout=2000)
    qtbot.wait(50)
    assert editor.focusWidget() is member_id.widget.focus_target(), editor.focusWidget()
    type_text(qtbot, member_id.widget.focus_target(), BAD_TCKN)
    fields = [
        ("full_name", "Gülşen Öztürk"),
        ("address", "Kızılay Mah. Atatürk Blv. No: 12, Çankaya"),
        ("effective_date", "02.03.2015"),
        ("decision_no", "2015/14"),
        ("shares", "2"),
        ("subscribed_amount", "2.000,00"),
        ("paid_amount", "500"),
    ]
    for name, text in fields:
        press(qtbot, editor.focusWidget(), Qt.Key.Key_Tab)
        target = editor.rows[name].widget.focus_target()
        assert target.hasFocus(), (name, editor.focusWidget())
        type_text(qtbot, target, text)
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive())
    qtbot.waitUntil(lambda: member_id.issue.isVisible())
    assert member_id.issue.text().startswith("✗")
    assert "T.C. Kimlik" in member_id.issue.text() or "TCKN" in member_id.issue.text()
    assert member_id.issue.parentWidget() is member_id.box  # under the field, in its own row
    assert not editor.submit_button.isEnabled()
    assert "hata" in editor.submit_button.toolTip()
    assert editor.validation is not None
    assert [i.path for i in editor.validation.errors] == ["member_id"]
    assert not [r for r in entries.list_entries(store)]  # nothing saved yet

    # -- corrected: the check passes, Ctrl+Enter saves and submits ---------------------------
    retype(qtbot, member_id.widget.focus_target(), GOOD_TCKN)
    qtbot.waitUntil(lambda: editor.submit_button.isEnabled())
    assert member_id.issue.text() == "✓ Geçerli"
    with qtbot.waitSignal(editor.submitted, timeout=10_000) as submitted:
        press(qtbot, editor.focusWidget(), Qt.Key.Key_Return, CTRL)
    uuid = submitted.args[0]
    wait_idle(qtbot, worker)
    entry = entries.get_entry(store, uuid)
    assert (entry.state, entry.author, entry.cooperative_id, entry.revision) == (
        State.SUBMITTED,
        "ayse",
        COOP,
        1,
    )
    assert entry.payload == {
        "member_id": GOOD_TCKN,
        "full_name": "Gülşen Öztürk",
        "address": "Kızılay Mah. Atatürk Blv. No: 12, Çankaya",
        "effective_date": "2015-03-02",
        "decision_no": "2015/14",
        "shares": 2,
        "subscribed_amount": "2000.00",
        "paid_amount": "500.00",
    }
    assert entry.base == {f"member:{GOOD_TCKN}": None}  # not a member before: nothing overwritten
    assert [a[:2] for a in actions(store, uuid)] == [("create", "ayse"), ("submit", "ayse")]
    assert store.conn.execute("SELECT COUNT(*) FROM autosave").fetchone()[0] == 0

    # -- Şükrü signs in on the same PC and returns it with a comment --------------------------
    window, review = supervisor_opens_the_waiting_entry(qtbot, shell, window)
    qtbot.waitUntil(lambda: review.details is not None)
    assert review.return_button.isEnabled() and review.approve_button.isEnabled()
    review.comment.setFocus()
    type_text(qtbot, review.comment, RETURN_COMMENT)
    with qtbot.waitSignal(review.returned, timeout=10_000):
        qtbot.mouseClick(review.return_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    entry = entries.get_entry(store, uuid)
    assert (entry.state, entry.comment, entry.approver) == (State.RETURNED, RETURN_COMMENT, None)
    assert actions(store, uuid)[-1] == ("return", "sef", RETURN_COMMENT)

    # -- Ayşe sees the comment in Taslaklarım, fixes the decision number, resubmits ---------
    sign_out(qtbot, shell, window)
    window = sign_in(qtbot, shell, "ayse")
    window.closed.disconnect()
    drafts = window.pages["drafts"]
    assert isinstance(drafts, QueuePage) and window.current_page_key() == "drafts"
    qtbot.waitUntil(lambda: drafts.model.is_loaded and drafts.model.total == 1)
    drafts.focus_first()
    qtbot.waitUntil(lambda: drafts.comment_label.isVisible())
    assert RETURN_COMMENT in drafts.comment_label.text()
    press(qtbot, drafts.table, Qt.Key.Key_Return)
    editor = opened(qtbot, window, EntryEditor)
    qtbot.waitUntil(lambda: editor.is_loaded)
    assert editor.comment_banner.isVisible() and RETURN_COMMENT in editor.comment_banner.text()
    assert editor.rows["member_id"].widget.raw() == GOOD_TCKN
    retype(qtbot, editor.rows["decision_no"].widget.focus_target(), "2015/15")
    qtbot.waitUntil(lambda: editor.submit_button.isEnabled() and not editor.validate_timer.isActive())
    with qtbot.waitSignal(editor.submitted, timeout=10_000):
        press(qtbot, editor.focusWidget(), Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, worker)
    entry = entries.get_entry(store, uuid)
    assert (entry.state, entry.revision, entry.payload["decision_no"]) == (State.SUBMITTED, 2, "2015/15")
    revisions = entries.revisions(store, uuid)
    assert [(r.revision, r.payload["decision_no"]) for r in revisions] == [(1, "2015/14"), (2, "2015/15")]
    assert [a[:2] for a in actions(store, uuid)][-2:] == [("edit", "ayse"), ("submit", "ayse")]

    # -- Şükrü approves (Ctrl+Enter in the review) -----------------------------------------------
    window, review = supervisor_opens_the_waiting_entry(qtbot, shell, window)
    qtbot.waitUntil(lambda: review.details is not None and review.approve_button.isEnabled())
    with qtbot.waitSignal(review.approved, timeout=10_000):
        press(qtbot, review.focusWidget() or review, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, worker)
    entry = entries.get_entry(store, uuid)
    assert (entry.state, entry.approver, entry.revision) == (State.APPROVED, "sef", 2)
    assert [a[:2] for a in actions(store, uuid)] == [
        ("create", "ayse"),
        ("submit", "ayse"),
        ("return", "sef"),
        ("edit", "ayse"),
        ("submit", "ayse"),
        ("approve", "sef"),
    ]
    edit = entries.audit_rows(store, uuid)[3]
    assert edit["details"].get("revision") == 2, edit
    chain = audit.verify(store.conn)
    assert chain.ok, chain.message

    window.close()
    wait_idle(qtbot, worker)
