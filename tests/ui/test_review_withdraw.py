"""A clerk withdraws her own submitted entry from the review window it opens in ("Geri çek…").

Before, a submitted entry opened from a list (double-click, Enter) showed in the read-only
review window, which offered "Yeni kayda kopyala…" but not "Geri çek…": she had to go back to
the queue to withdraw it. Now the window offers it to the author only, asks the same question
as the form and the queues, withdraws on the DB worker, says so, and shows the entry as it is
now; an entry that moved meanwhile on another PC is refused with the reason and nothing is
lost. No two visible widgets of the window share an Alt letter ("&Geri çek" took "İşlem
&geçmişi"'s G, so the tab's letter moved).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture, review
from koopbis_desktop.services.queries import EntryRow
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.review import ReviewDialog, open_entry
from tests.conftest import member_admission
from tests.ui.conftest import MessageMock, active_queue, wait_idle
from tests.ui.editor_filler import type_text
from tests.ui.keyboard import mnemonic_clashes, mnemonics
from tests.ui.test_translations import english  # noqa: F401  (fixture)
from tests.ui.test_withdraw import _question, _withdrawals

COOP = "06-900001"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _submitted(store: Store, people: dict[str, Actor], seed: int) -> Entry:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(seed))
    return capture.submit_entry(store, people["ayse"], entry.uuid)


def _opened(qtbot: Any, ctx: AppContext, key: str) -> ReviewDialog:
    """The entry's window as a list opens it (``open_entry``), loaded and active (its shortcuts
    answer only in the active window)."""
    dialog = open_entry(ctx, None, key)
    assert isinstance(dialog, ReviewDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.details is not None and dialog.isActiveWindow(), timeout=10_000)
    return dialog


def _close(dialog: ReviewDialog) -> None:
    if shiboken6.isValid(dialog):
        dialog.close()


def test_the_author_withdraws_her_submission_from_the_review_window_by_keyboard(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    entry = _submitted(store, people, 81)
    ctx = make_ctx("ayse")
    said: list[str] = []
    ctx.hub.message.connect(said.append)
    dialog = _opened(qtbot, ctx, entry.uuid)
    assert dialog.withdraw_button.isVisible() and dialog.withdraw_button.isEnabled()
    assert dialog.withdraw_button.text() == "&Geri çek… (Ctrl+Shift+G)"
    qtbot.keyClick(dialog, Qt.Key.Key_G, CTRL_SHIFT)
    question = _question(qtbot, dialog)
    text = question.explanation.text()
    assert "KOOP-BİS'e gönderilmez" in text and "onay listesinden çıkar" in text, text
    assert "kaydedilmemiş" not in text  # nothing is typed in a review window
    assert entry.number is not None and entry.number in question.what.text()
    assert COOP in question.what.text()
    qtbot.waitUntil(question.reason.hasFocus)
    type_text(qtbot, question.reason, "Aynı ortak iki kez girildi")
    qtbot.mouseClick(question.withdraw_button, Qt.MouseButton.LeftButton)
    # The window shows the entry as it is now, says what happened, and has nothing to withdraw.
    qtbot.waitUntil(
        lambda: dialog.details is not None and dialog.details.entry.state == State.WITHDRAWN,
        timeout=10_000,
    )
    wait_idle(qtbot, ctx.worker)
    assert entries.get_entry(store, entry.uuid).state == State.WITHDRAWN
    (row,) = _withdrawals(store, entry.uuid)
    assert row["actor"] == "ayse" and row["comment"] == "Aynı ortak iki kez girildi"
    done = f"{entry.number} numaralı kayıt geri çekildi; KOOP-BİS'e gönderilmeyecek."
    assert dialog.status.text() == done and said == [done]
    assert "Geri çekildi" in dialog.view.header.text()
    assert dialog.view.audit_model.rowCount() == len(entries.audit_rows(store, entry.uuid))
    assert not dialog.withdraw_button.isVisible()
    assert dialog.isVisible()  # she reads what she did; Kapat closes
    # Asked again by keyboard: nothing (no question, no second audit row).
    qtbot.keyClick(dialog, Qt.Key.Key_G, CTRL_SHIFT)
    dialog.on_withdraw_button_clicked()
    wait_idle(qtbot, ctx.worker)
    assert QApplication.activeModalWidget() is None
    assert len(_withdrawals(store, entry.uuid)) == 1
    _close(dialog)


def test_vazgec_and_esc_on_the_question_withdraw_nothing(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    entry = _submitted(store, people, 82)
    ctx = make_ctx("ayse")
    dialog = _opened(qtbot, ctx, entry.uuid)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    question = _question(qtbot, dialog)
    type_text(qtbot, question.reason, "vazgeçtim")
    qtbot.mouseClick(question.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.keyClick(dialog, Qt.Key.Key_G, CTRL_SHIFT)
    question = _question(qtbot, dialog)
    qtbot.keyClick(question.reason, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    wait_idle(qtbot, ctx.worker)
    assert entries.get_entry(store, entry.uuid).state == State.SUBMITTED
    assert _withdrawals(store, entry.uuid) == []
    assert dialog.isVisible() and dialog.withdraw_button.isVisible() and dialog.withdraw_button.isEnabled()
    assert dialog.details is not None and dialog.details.entry.state == State.SUBMITTED
    _close(dialog)


def test_nobody_but_the_author_is_offered_geri_cek_in_the_review_window(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    entry = _submitted(store, people, 83)
    for who in ("sef", "mehmet"):
        ctx = make_ctx(who)
        dialog = _opened(qtbot, ctx, entry.uuid)
        assert not dialog.withdraw_button.isVisibleTo(dialog), who
        qtbot.keyClick(dialog, Qt.Key.Key_G, CTRL_SHIFT)
        dialog.on_withdraw_button_clicked()  # even called directly: no question
        wait_idle(qtbot, ctx.worker)
        assert QApplication.activeModalWidget() is None, who
        _close(dialog)
    assert entries.get_entry(store, entry.uuid).state == State.SUBMITTED
    assert _withdrawals(store, entry.uuid) == []
    # Her own approved entry: nothing to withdraw either.
    review.approve_entry(store, people["sef"], entry.uuid)
    dialog = _opened(qtbot, make_ctx("ayse"), entry.uuid)
    assert not dialog.withdraw_button.isVisibleTo(dialog)
    _close(dialog)


def test_an_entry_approved_meanwhile_is_refused_with_the_reason_and_the_window_reloads(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
    message_mock: MessageMock,
) -> None:
    entry = _submitted(store, people, 84)
    ctx = make_ctx("ayse")
    dialog = _opened(qtbot, ctx, entry.uuid)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    question = _question(qtbot, dialog)
    type_text(qtbot, question.reason, "yanlış kooperatif")
    review.approve_entry(store, people["sef"], entry.uuid)  # the supervisor, on another PC, meanwhile
    qtbot.mouseClick(question.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_mock.shown), timeout=10_000)
    told = message_mock.getmsg()
    assert told.title == "Kayıt geri çekilemedi"
    assert told.text.startswith(f"{entry.number} numaralı kayıt geri çekilemedi:"), told.text
    assert "'Onaylandı' durumunda; geri çekme yapılamaz" in told.text, told.text
    assert told.informative == "Hiçbir şey değişmedi. Pencere kaydın şimdiki durumunu gösteriyor."
    # The window reloads: the approved entry, no button, and the reason in its status line.
    qtbot.waitUntil(
        lambda: dialog.details is not None and dialog.details.entry.state == State.APPROVED,
        timeout=10_000,
    )
    wait_idle(qtbot, ctx.worker)
    assert "Onaylandı" in dialog.view.header.text()
    assert not dialog.withdraw_button.isVisible()
    assert dialog.status.text().startswith("Geri çekilemedi:") and "Onaylandı" in dialog.status.text()
    # Nothing lost: approved as the supervisor left it, no withdrawal recorded.
    now = entries.get_entry(store, entry.uuid)
    assert now.state == State.APPROVED and now.payload == entry.payload
    assert _withdrawals(store, entry.uuid) == []
    _close(dialog)


def test_enter_on_her_submission_in_a_queue_opens_the_window_that_withdraws_it(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    """The way she gets there: a submitted entry does not open in the form (``opening.py``)."""
    entry = _submitted(store, people, 85)
    ctx = make_ctx("ayse")
    page = active_queue(qtbot, ctx, "submitted", 1)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    row = page.selected_entry()
    assert isinstance(row, EntryRow) and row.uuid == entry.uuid
    page.on_table_activated(page.model.index(0, 0))
    qtbot.waitUntil(lambda: any(isinstance(w, ReviewDialog) for w in QApplication.topLevelWidgets()))
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewDialog)]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.details is not None and dialog.isActiveWindow(), timeout=10_000)
    assert dialog.withdraw_button.isVisible() and dialog.withdraw_button.isEnabled()
    # Ctrl+Shift+G is the window's own, not also the queue's behind it (that would be ambiguous).
    qtbot.keyClick(dialog, Qt.Key.Key_G, CTRL_SHIFT)
    question = _question(qtbot, dialog)
    qtbot.mouseClick(question.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)  # Onay bekleyenler follows
    qtbot.waitUntil(lambda: not dialog.withdraw_button.isVisible(), timeout=10_000)
    wait_idle(qtbot, ctx.worker)
    assert entries.get_entry(store, entry.uuid).state == State.WITHDRAWN
    _close(dialog)


def test_no_two_visible_widgets_of_the_review_window_share_an_alt_letter(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    """An ambiguous mnemonic only moves the focus between its widgets: "&Geri çek" and
    "İşlem &geçmişi" both took Alt+G, so neither worked from the keyboard."""
    entry = _submitted(store, people, 86)
    for who in ("ayse", "sef"):
        dialog = _opened(qtbot, make_ctx(who), entry.uuid)
        assert dialog.withdraw_button.isVisibleTo(dialog) == (who == "ayse")
        letters = mnemonics(dialog)
        assert sum(len(texts) for texts in letters.values()) >= 9, (who, letters)
        assert ("G" in letters) == (who == "ayse"), (who, letters)  # Alt+G is Geri çek's alone
        assert mnemonic_clashes(dialog) == {}, who
        _close(dialog)


def test_in_english_too(
    english: None,  # noqa: F811
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    """ "&Comment", "&Close" and "Entry &content" all took Alt+C, "&Return" and "&Revisions" Alt+R."""
    entry = _submitted(store, people, 87)
    for who in ("ayse", "sef"):
        dialog = _opened(qtbot, make_ctx(who), entry.uuid)
        assert dialog.close_button.text() == "&Close"
        assert mnemonic_clashes(dialog) == {}, who
        _close(dialog)
