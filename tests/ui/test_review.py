"""Review dialog and bulk approval: before → after, revisions, four-eyes, return with a comment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.bulk import approve_selected
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.review import ReviewDialog, open_entry
from tests.conftest import member_admission, valid_tckn
from tests.ui.conftest import wait_idle
from tests.ui.keyboard import type_text

COOP = "06-900001"


def admission(seed: int = 1, **overrides: Any) -> dict[str, Any]:
    # paid under a quarter: a Law 1163 art. 19 warning
    return member_admission(seed, **{"paid_amount": "400", **overrides})


@pytest.fixture
def submitted(store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]) -> str:
    """Ayşe's member admission, submitted for approval."""
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, admission())
    capture.submit_entry(store, people["ayse"], entry.uuid)
    return entry.uuid


def open_review(qtbot: Any, ctx: AppContext, entry_uuid: str) -> ReviewDialog:
    dialog = ReviewDialog(ctx, entry_uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.details is not None, timeout=5000)
    return dialog


def test_supervisor_returns_then_approves_after_resubmission(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    submitted: str,
    qtmodeltester: Any,
) -> None:
    ctx = make_ctx("sef")
    changed: list[list[str]] = []
    ctx.hub.entries_changed.connect(changed.append)
    dialog = open_review(qtbot, ctx, submitted)
    header = dialog.view.header.text()
    assert "Ortaklığa giriş" in header
    assert "IŞIK Çağdaş" in header
    assert "Ayşe Işık (ayse)" in header
    assert "Onay bekliyor" in header
    assert "1163 s.K. md. 19" in header  # the paid-quarter warning with its article
    # before → after: the admitted person is a new member.
    changes = dialog.view.changes_model
    assert changes.column_texts(0) == [f"Ortak {valid_tckn(1)}"]
    assert changes.column_texts(1) == ["—"]
    assert changes.column_texts(2) == ["Zeynep Işık, 2 pay"]
    assert changes.column_texts(3) == ["yeni ortak"]
    # Content with Turkish formats.
    content = dialog.view.content
    assert content.findChild(type(dialog.status), "value_subscribed_amount").text() == "2.000,00 TL"  # type: ignore[union-attr]
    assert content.findChild(type(dialog.status), "value_effective_date").text() == "02.03.2015"  # type: ignore[union-attr]
    assert dialog.approve_button.isEnabled()
    assert dialog.return_button.isEnabled()

    # Returning without a comment is refused in the dialog; nothing is written.
    qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    assert "İade nedeni yazılmalıdır" in dialog.status.text()
    qtbot.waitUntil(dialog.comment.hasFocus)
    assert entries.get_entry(store, submitted).state == State.SUBMITTED

    type_text(qtbot, dialog.comment, "Karar no yanlış; düzeltin.")
    with qtbot.waitSignal(dialog.returned, timeout=5000) as blocker:
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [submitted]
    assert changed == [[submitted]]
    assert not dialog.isVisible()
    returned = entries.get_entry(store, submitted)
    assert returned.state == State.RETURNED
    assert returned.comment == "Karar no yanlış; düzeltin."
    last = entries.audit_rows(store, submitted)[-1]
    assert (last["action"], last["actor"], last["comment"]) == ("return", "sef", "Karar no yanlış; düzeltin.")

    # The clerk fixes the decision number and submits again.
    capture.edit_entry(store, people["ayse"], submitted, admission(decision_no="2015/15"))
    capture.submit_entry(store, people["ayse"], submitted)

    dialog = open_review(qtbot, ctx, submitted)
    assert dialog.view.revisions_model.rowCount() == 2
    assert dialog.view.revisions_model.column_texts(1) == ["Ayşe Işık (ayse)"] * 2
    # The newest revision is selected: its difference to revision 1 is the decision number.
    diff = dialog.view.diff_model
    labels = diff.column_texts(0)
    row = labels.index("Karar No")
    assert diff.is_highlighted(row)
    assert (diff.column_texts(1)[row], diff.column_texts(2)[row]) == ("2015/14", "2015/15")
    assert [label for i, label in enumerate(labels) if diff.is_highlighted(i)] == ["Karar No"]
    assert "1 alan değişti" in dialog.view.diff_title.text()
    trail = dialog.view.audit_model.column_texts(4)
    assert "Karar no yanlış; düzeltin." in trail
    dialog.view.tabs.setCurrentIndex(2)
    dialog.resize(1100, 760)
    dialog.grab().save("/tmp/review_revisions.png")
    dialog.view.tabs.setCurrentIndex(0)
    dialog.grab().save("/tmp/review_before_after.png")
    for model in (
        dialog.view.changes_model,
        dialog.view.revisions_model,
        dialog.view.diff_model,
        dialog.view.audit_model,
        *dialog.view.group_models.values(),
    ):
        qtmodeltester.check(model)

    # Ctrl+Enter approves.
    with qtbot.waitSignal(dialog.approved, timeout=5000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    approved = entries.get_entry(store, submitted)
    assert approved.state == State.APPROVED
    assert approved.approver == "sef"
    assert entries.audit_rows(store, submitted)[-1]["action"] == "approve"


def test_four_eyes_disables_actions_on_own_entry(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    own = capture.create_entry(store, people["sef"], "member.admit", COOP, admission(3))
    capture.submit_entry(store, people["sef"], own.uuid)
    dialog = open_review(qtbot, make_ctx("sef"), own.uuid)
    assert not dialog.approve_button.isEnabled()
    assert not dialog.return_button.isEnabled()
    assert dialog.approve_button.toolTip().startswith("Dört göz kuralı")
    assert dialog.return_button.toolTip().startswith("Dört göz kuralı")
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, dialog.ctx.worker)
    assert entries.get_entry(store, own.uuid).state == State.SUBMITTED


def test_clerk_sees_everything_but_cannot_act(
    qtbot: Any, make_ctx: Callable[[str], AppContext], store: Store, submitted: str
) -> None:
    dialog = open_review(qtbot, make_ctx("mehmet"), submitted)
    assert dialog.view.changes_model.column_texts(3) == ["yeni ortak"]
    assert not dialog.approve_button.isEnabled()
    assert not dialog.return_button.isEnabled()
    assert "yalnızca onay yetkisi olan şef" in dialog.approve_button.toolTip()
    assert not dialog.comment.isEnabled()


def test_wrong_state_tooltip_and_escape_closes(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    draft = capture.create_entry(store, people["ayse"], "member.admit", COOP, admission(4))
    ctx = make_ctx("sef")
    dialog = open_entry(ctx, None, draft.uuid)
    qtbot.waitUntil(lambda: isinstance(dialog, ReviewDialog) and dialog.details is not None, timeout=5000)
    assert isinstance(dialog, ReviewDialog)
    assert not dialog.isModal()
    assert not dialog.approve_button.isEnabled()
    assert dialog.approve_button.toolTip() == "Bu kayıt 'Taslak' durumunda; onaylama yapılamaz."
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_board_replacement_shows_rows_added_removed_changed(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
) -> None:
    record = next(c for c in cooperatives if c["id"] == COOP)
    old = record["board"]
    new_board = [dict(b) for b in old[:3]]
    new_board[0]["role"] = "uye"
    new_board[1]["role"] = "baskan"
    new_board.append({"id_no": valid_tckn(77), "full_name": "Yeni Üye Çelik", "role": "uye", "term_years": 2})
    entry = capture.create_entry(
        store,
        people["ayse"],
        "board.replace",
        COOP,
        {"effective_date": "01.03.2015", "board": new_board},
    )
    capture.submit_entry(store, people["ayse"], entry.uuid)
    dialog = open_review(qtbot, make_ctx("sef"), entry.uuid)
    kinds = dict(
        zip(dialog.view.changes_model.column_texts(0), dialog.view.changes_model.column_texts(3), strict=True)
    )
    assert kinds[f"Yönetim kurulu: Yeni Üye Çelik ({valid_tckn(77)})"] == "ekleniyor"
    assert kinds[f"Yönetim kurulu: {old[0]['full_name']} ({old[0]['id_no']})"] == "değişiyor"
    for gone in old[3:]:
        assert kinds[f"Yönetim kurulu: {gone['full_name']} ({gone['id_no']})"] == "çıkıyor"
    dialog.resize(1100, 700)
    dialog.grab().save("/tmp/review_board.png")
    dialog.view.tabs.setCurrentIndex(1)
    dialog.grab().save("/tmp/review_board_content.png")
    assert "board" in dialog.view.group_models
    assert dialog.view.group_models["board"].rowCount() == 4


def test_bulk_approve_reports_refused_own_entry(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    people: dict[str, Actor],
    cooperatives: Any,
) -> None:
    keys = []
    for seed, author in ((11, "ayse"), (12, "mehmet"), (13, "sef")):
        entry = capture.create_entry(store, people[author], "member.admit", COOP, admission(seed))
        capture.submit_entry(store, people[author], entry.uuid)
        keys.append(entry.uuid)
    ctx = make_ctx("sef")
    changed: list[list[str]] = []
    ctx.hub.entries_changed.connect(changed.append)
    seen_text: list[str] = []

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen_text.append(box.text())
        next(b for b in box.buttons() if b.text() == "&Onayla").click()

    QTimer.singleShot(0, confirm)
    approve_selected(ctx, None, {k: entries.get_entry(store, k).revision for k in keys})
    assert seen_text == ["Seçili 3 kayıt onaylanacak."]
    wait_idle(qtbot, ctx.worker)
    results = [w for w in QApplication.topLevelWidgets() if w.objectName() == "bulkApproveResult"]
    assert len(results) == 1
    summary = results[0]
    assert isinstance(summary, QMessageBox)
    text = summary.text()
    assert text.startswith("2 kayıt onaylandı.\n1 kayıt onaylanamadı:")
    assert f"kayıt {keys[2][:8]}, yazan sef" in text
    assert "Dört göz kuralı" in text
    summary.close()
    states = {k: entries.get_entry(store, k) for k in keys}
    assert [states[k].state for k in keys] == [State.APPROVED, State.APPROVED, State.SUBMITTED]
    assert states[keys[0]].approver == "sef"
    assert changed == [keys[:2]]


def test_bulk_approve_cancel_changes_nothing(
    qtbot: Any, make_ctx: Callable[[str], AppContext], store: Store, submitted: str
) -> None:
    ctx = make_ctx("sef")

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    approve_selected(ctx, None, {submitted: entries.get_entry(store, submitted).revision})
    wait_idle(qtbot, ctx.worker)
    assert entries.get_entry(store, submitted).state == State.SUBMITTED
