"""Conflict page and dialog, driven like a supervisor against real conflicts from the reference server.

Head-office edits are made with the server's admin endpoint and the sync runs for
real over loopback, so each dialog shows what KOOP-BİS actually answered; every
decision is asserted in the entry, its revisions and the audit trail.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QRadioButton

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.store import entries
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.conflict_dialog import ConflictDialog
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.pages.conflicts import ConflictsPage, age_text
from tests.sync.conftest import (
    LiveServer,
    approved,
    approved_update,
    chairman_change,
    day,
    duplicate_admission,
    head_office,
    live_server,
    seed_snapshot,
    sync_now,
)
from tests.ui.conftest import wait_idle
from tests.ui.keyboard import type_text
from tests.ui.test_translations import english  # noqa: F401 (a fixture)

LOCAL_TITLE = "Yerel Yeni Unvan Konut Yapı Kooperatifi"
SERVER_TITLE = "Genel Müdürlükçe Düzeltilmiş Unvan"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    folder = tmp_path / "server"
    folder.mkdir()
    with live_server(folder) as live:
        yield live


@pytest.fixture
def recs(store: Store, server: LiveServer) -> list[dict[str, Any]]:
    return seed_snapshot(store, 20)


def title_conflict(store: Store, server: LiveServer, people: dict[str, Actor], coop: str) -> str:
    entry = approved_update(store, people, coop, title=LOCAL_TITLE)
    head_office(server, coop, title=SERVER_TITLE)
    sync_now(store, server)
    assert entries.get_entry(store, entry.uuid).state == State.CONFLICT
    return entry.uuid


def open_dialog(qtbot: Any, ctx: AppContext, entry_uuid: str) -> ConflictDialog:
    dialog = ConflictDialog(ctx, entry_uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.details is not None, timeout=5000)
    return dialog


def answer_confirmation(qtbot: Any, button_text: str, seen: list[str]) -> None:
    """Press ``button_text`` on the confirmation box the next click opens (recording its text)."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert box.defaultButton().text() == "&Vazgeç"
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, answer)


def click_radio(qtbot: Any, radio: QRadioButton) -> None:
    """Click on the round button itself (the widget is as wide as its box; its middle may be empty)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def decisions(store: Store, entry_uuid: str) -> list[dict[str, Any]]:
    return [r for r in entries.audit_rows(store, entry_uuid) if str(r["action"]).startswith("resolve")]


def test_scalar_conflict_merged_taking_koopbis_title(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
    qtmodeltester: Any,
) -> None:
    uuid = title_conflict(store, server, people, recs[0]["id"])
    ctx = make_ctx("sef")
    changed: list[list[str]] = []
    ctx.hub.entries_changed.connect(changed.append)
    dialog = open_dialog(qtbot, ctx, uuid)

    header = dialog.header.text()
    assert "Unvan / adres / merkez nakli" in header and "Çakışma" in header
    assert recs[0]["title"] in header
    model = dialog.models["conflicts"]
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, 4)] == [
        "Gördüğünüz",
        "Girdiğiniz",
        "KOOP-BİS'te şimdi",
    ]
    assert model.column_texts(0) == ["Unvan"]
    assert model.column_texts(1) == [recs[0]["title"]]
    assert model.column_texts(2) == [LOCAL_TITLE]
    assert model.column_texts(3) == [SERVER_TITLE]
    assert model.is_highlighted(0)
    assert "serverOnly" not in dialog.models and "localOnly" not in dialog.models
    assert dialog.cancel_button.isDefault()
    assert not any(b.isDefault() or b.autoDefault() for b in dialog.action_buttons)
    # the reason is what the supervisor types first
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.reason)
    assert not dialog.link_button.isVisible()

    # Merge without a choice, then without a reason: told in Turkish, nothing stored.
    (chooser,) = dialog.choosers
    assert chooser.chooser.label == "Unvan"
    assert chooser.local_radio.text() == f"Girdiğiniz: {LOCAL_TITLE}"
    assert chooser.server_radio.text() == f"KOOP-BİS'teki: {SERVER_TITLE}"
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Çakışan her alan için seçim yapın: Unvan."
    chooser.server_radio.setFocus()
    qtbot.keyClick(chooser.server_radio, Qt.Key.Key_Space)
    assert chooser.choice() == "server"
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "gerekçesi yazılmalıdır" in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.reason)
    assert entries.get_entry(store, uuid).state == State.CONFLICT

    type_text(qtbot, dialog.reason, "Unvan Genel Müdürlükte doğru düzeltilmiş")
    assert dialog.status.text() == ""
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)  # takes KOOP-BİS's: no question
    wait_idle(qtbot, ctx.worker)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert changed == [[uuid]]

    entry = entries.get_entry(store, uuid)
    assert entry.state == State.APPROVED
    assert entry.payload["title"] == SERVER_TITLE
    assert entry.base == {"title": SERVER_TITLE}
    revs = entries.revisions(store, uuid)
    assert [r.revision for r in revs] == [1, 2]
    assert revs[0].payload["title"] == LOCAL_TITLE  # the clerk's version is kept
    assert revs[1].payload["title"] == SERVER_TITLE
    (decision,) = decisions(store, uuid)
    assert decision["actor"] == "sef"
    assert decision["comment"] == "Unvan Genel Müdürlükte doğru düzeltilmiş"
    assert decision["details"]["decision"] == "merge"
    assert decision["details"]["choices"] == {"title": "server"}
    assert decision["details"]["server"] == {"title": SERVER_TITLE}


def test_board_conflict_rows_then_keep_local(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
    qtmodeltester: Any,
) -> None:
    coop = recs[5]["id"]
    entry, board, local = chairman_change(store, people, recs[5])  # the chairman changes locally
    remote = [dict(r) for r in board]
    remote[0]["term_years"] = 3  # the same person's row, changed differently at the head office
    extra = {
        "id_no": demo_data.tckn(random.Random(77)),
        "full_name": "Merkez Ekledi",
        "role": "yedek_uye",
        "term_years": 2,
    }
    head_office(server, coop, board=[*remote, extra])
    sync_now(store, server)
    assert entries.get_entry(store, entry.uuid).state == State.CONFLICT

    ctx = make_ctx("sef2")
    dialog = open_dialog(qtbot, ctx, entry.uuid)
    model = dialog.models["conflicts"]
    qtmodeltester.check(model)
    first, second = board[0], board[1]
    assert model.column_texts(0) == [
        f"Yönetim kurulu: {first['full_name']} ({first['id_no']})",
        f"Yönetim kurulu: {second['full_name']} ({second['id_no']})",
        f"Yönetim kurulu: Merkez Ekledi ({extra['id_no']})",
    ]
    assert [model.is_highlighted(r) for r in range(3)] == [True, False, False]
    assert model.column_texts(1)[0] == f"{first['full_name']} ({first['id_no']}), Başkan, 2 yıl"
    assert model.column_texts(2)[0] == f"{first['full_name']} ({first['id_no']}), Üye, 2 yıl"
    assert model.column_texts(3)[0] == f"{first['full_name']} ({first['id_no']}), Başkan, 3 yıl"
    assert model.column_texts(4) == [
        "ÇAKIŞIYOR: sizde değişti · KOOP-BİS'te değişti",
        "sizde değişti",
        "KOOP-BİS'te eklendi",
    ]
    assert model.column_texts(1)[2] == "—"
    (chooser,) = dialog.choosers
    assert chooser.merged_radio is None  # the rows clash: "Birleştir" cannot keep both
    assert chooser.typed_radio is None  # a group is not typed into one line

    click_radio(qtbot, chooser.local_radio)
    assert chooser.choice() == "local"
    type_text(qtbot, dialog.reason, "Seçim tutanağı yereldeki görev dağılımını gösteriyor")
    seen: list[str] = []
    answer_confirmation(qtbot, "&Üzerine yaz ve gönder", seen)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    assert len(seen) == 1
    assert "üzerine girdiğiniz değerler yazılacak" in seen[0]
    assert f"{first['full_name']} ({first['id_no']}), Başkan, 3 yıl" in seen[0]  # what is given up

    done = entries.get_entry(store, entry.uuid)
    assert done.state == State.APPROVED
    assert done.payload["board"] == local
    assert done.base["board"] == [*remote, extra]
    (decision,) = decisions(store, entry.uuid)
    assert decision["details"]["decision"] == "keep_local"
    assert decision["actor"] == "sef2"
    sync_now(store, server)
    assert entries.get_entry(store, entry.uuid).state == State.SYNCED
    assert server.client().record(coop)["board"] == local


def test_take_server_discards_after_confirmation(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    uuid = title_conflict(store, server, people, recs[1]["id"])
    ctx = make_ctx("sef")
    dialog = open_dialog(qtbot, ctx, uuid)
    type_text(qtbot, dialog.reason, "Genel Müdürlüğün düzeltmesi geçerli")
    # First answer "Vazgeç" on the confirmation: nothing happens.
    seen: list[str] = []
    answer_confirmation(qtbot, "&Vazgeç", seen)
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    assert dialog.isVisible()
    assert entries.get_entry(store, uuid).state == State.CONFLICT

    answer_confirmation(qtbot, "&KOOP-BİS'tekini kabul et", seen)
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    assert len(seen) == 2
    assert f"Unvan: «{LOCAL_TITLE}»" in seen[1]  # names what is given up
    assert "'Vazgeçildi' olarak saklanır" in seen[1]
    gone = entries.get_entry(store, uuid)
    assert gone.state == State.DISCARDED
    assert gone.payload["title"] == LOCAL_TITLE  # kept, never dropped
    (decision,) = decisions(store, uuid)
    assert decision["details"]["decision"] == "take_server"
    assert decision["comment"] == "Genel Müdürlüğün düzeltmesi geçerli"


def test_cancel_and_read_only_views_change_nothing(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    uuid = title_conflict(store, server, people, recs[2]["id"])
    trail_before = entries.audit_rows(store, uuid)

    # A supervisor chooses, writes a reason, then presses Enter (Vazgeç is the default) …
    dialog = open_dialog(qtbot, make_ctx("sef"), uuid)
    (chooser,) = dialog.choosers
    click_radio(qtbot, chooser.server_radio)
    type_text(qtbot, dialog.reason, "deneme")
    qtbot.keyClick(chooser.server_radio, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    # … or Esc.
    again = open_dialog(qtbot, make_ctx("sef"), uuid)
    type_text(qtbot, again.reason, "deneme")
    qtbot.keyClick(again.reason, Qt.Key.Key_Escape)
    assert again.result() == QDialog.DialogCode.Rejected and not again.isVisible()

    # The clerk who wrote it sees everything, with every decision disabled and why.
    clerk = open_dialog(qtbot, make_ctx("ayse"), uuid)
    assert clerk.models["conflicts"].column_texts(3) == [SERVER_TITLE]
    for button in clerk.action_buttons:
        assert not button.isEnabled()
    assert "yalnızca onay yetkisi olan şef" in clerk.merge_button.toolTip()
    assert not clerk.choosers[0].isEnabled()
    assert clerk.reason.isReadOnly()
    qtbot.waitUntil(lambda: clerk.focusWidget() is clerk.cancel_button)

    # A supervisor who wrote the entry: the four-eyes rule, in Turkish.
    own = approved(
        store,
        people["sef"],
        people["sef2"],
        "cooperative.update",
        recs[3]["id"],
        {"effective_date": day(1), "title": "Şefin Yazdığı Unvan"},
    )
    head_office(server, recs[3]["id"], title="Merkezin Unvanı")
    sync_now(store, server)
    author = open_dialog(qtbot, make_ctx("sef"), own.uuid)
    assert not author.keep_button.isEnabled()
    assert "Dört göz kuralı" in author.keep_button.toolTip()
    assert "Dört göz kuralı" in author.status.text()

    entry = entries.get_entry(store, uuid)
    assert entry.state == State.CONFLICT and entry.revision == 1 and entry.payload["title"] == LOCAL_TITLE
    assert entries.audit_rows(store, uuid) == trail_before
    assert not decisions(store, uuid)


def test_page_lists_conflicts_with_kind_and_age(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
    qtmodeltester: Any,
) -> None:
    titled = title_conflict(store, server, people, recs[0]["id"])
    coop = recs[4]["id"]
    duplicate, member_id = duplicate_admission(store, server, people, coop)
    sync_now(store, server)
    assert entries.get_entry(store, duplicate.uuid).state == State.CONFLICT

    ctx = make_ctx("sef")
    page = ConflictsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    qtmodeltester.check(page.model)
    by_uuid = {row.uuid: i for i, row in enumerate(page.model.rows())}
    kinds = page.model.column_texts(2)
    assert kinds[by_uuid[titled]] == "Çakışma"
    assert kinds[by_uuid[duplicate.uuid]] == "Mükerrer (ortak zaten kayıtlı)"
    assert page.model.column_texts(0)[by_uuid[titled]] == f"{recs[0]['id']} — {recs[0]['title']}"
    assert page.model.column_texts(1)[by_uuid[titled]] == "Unvan / adres / merkez nakli"
    assert page.model.column_texts(3)[by_uuid[titled]] == "Unvan"
    assert page.model.column_texts(3)[by_uuid[duplicate.uuid]] == f"Ortak {member_id}"
    assert page.model.column_texts(4) == ["az önce", "az önce"]
    assert page.count_label.text() == "2 kayıt karar bekliyor."

    # Enter on the selected row opens the dialog for it.
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(by_uuid[duplicate.uuid], 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.last_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.details is not None, timeout=5000)
    assert "Mükerrer (ortak zaten kayıtlı)" in dialog.header.text()
    assert not dialog.keep_button.isEnabled()  # resending a duplicate is pointless, and says so
    assert "işe yaramaz" in dialog.keep_button.toolTip()
    assert dialog.take_button.isEnabled()
    dialog.reject()

    # A decision made elsewhere: the page follows the hub.
    resolution.take_server(
        store, people["sef"], titled, "Merkez doğru", seen=resolution.seen_now(store, titled)
    )
    ctx.hub.announce(OpChanges(entries=True))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.count_label.text() == "1 kayıt karar bekliyor."


def test_age_text_in_words() -> None:
    now = datetime(2015, 3, 20, 12, 0, tzinfo=UTC)
    stamp = (now - timedelta(hours=3, minutes=10)).isoformat()
    assert age_text(stamp, now) == "3 saat önce"
    assert age_text((now - timedelta(seconds=20)).isoformat(), now) == "az önce"
    assert age_text((now - timedelta(minutes=5)).isoformat(), now) == "5 dakika önce"
    assert age_text((now - timedelta(days=2, hours=1)).isoformat(), now) == "2 gün önce"


def test_an_open_conflict_decided_by_another_supervisor_turns_its_buttons_off_keeping_the_reason(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    """Two supervisors open the same conflict; the second decides it on another PC. The first one's
    dialog follows at the office's notification: no decision buttons left to fill a reason and a
    confirmation for, only to be refused; the status says it was decided and the reason typed stays."""
    from tests.conftest import reopen

    uuid = title_conflict(store, server, people, recs[1]["id"])
    ctx = make_ctx("sef")
    dialog = open_dialog(qtbot, ctx, uuid)
    assert dialog.take_button.isEnabled() and dialog.keep_button.isEnabled()
    type_text(qtbot, dialog.reason, "Yerel unvan doğru")

    other = reopen(store)
    try:
        resolution.take_server(
            other,
            people["sef2"],
            uuid,
            "Genel Müdürlüğün düzeltmesi geçerli",
            seen=resolution.seen_now(other, uuid),
        )
    finally:
        other.close()
    ctx.hub.announce(OpChanges(entries=True))  # what the office's notification does (ui/live_office.py)
    qtbot.waitUntil(lambda: not dialog.take_button.isEnabled(), timeout=5000)
    wait_idle(qtbot, ctx.worker)
    for button in (dialog.keep_button, dialog.merge_button, dialog.return_button):
        assert not button.isEnabled()
    assert "artık çakışmada değil" in dialog.status.text() and "sef2" in dialog.status.text()
    assert dialog.reason.toPlainText() == "Yerel unvan doğru"
    assert entries.get_entry(store, uuid).state == State.DISCARDED


def test_a_decision_on_a_conflict_that_came_back_with_other_values_shows_the_new_one_keeping_what_was_typed(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    """Şükrü's dialog is open on the first conflict; on another PC Sevgi keeps the local entry,
    and before it reaches KOOP-BİS the head office changes the title again: it comes back in
    conflict with other values, and Şükrü's PC was not told. His merge is refused in Turkish,
    naming who decided and what changed; the dialog shows the new conflict with his reason and
    his typed value still there, and the same click decides it once he has looked."""
    coop = recs[6]["id"]
    uuid = title_conflict(store, server, people, coop)
    ctx = make_ctx("sef")
    dialog = open_dialog(qtbot, ctx, uuid)
    (chooser,) = dialog.choosers
    assert chooser.typed_edit is not None
    chooser.typed_edit.clear()
    type_text(qtbot, chooser.typed_edit, "Tutanaktaki Doğru Unvan")
    assert chooser.choice() == "typed"
    type_text(qtbot, dialog.reason, "Genel kurul tutanağına göre elle düzeltildi")

    resolution.keep_local(store, people["sef2"], uuid, "Yerel doğru", seen=resolution.seen_now(store, uuid))
    head_office(server, coop, title="Merkezin İkinci Düzeltmesi")
    sync_now(store, server)
    assert entries.get_entry(store, uuid).state == State.CONFLICT

    seen: list[str] = []
    answer_confirmation(qtbot, "&Birleştir ve gönder", seen)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Merkezin İkinci Düzeltmesi" in dialog.models["conflicts"].column_texts(3))
    wait_idle(qtbot, ctx.worker)
    status = dialog.status.text()
    assert "Gördüğünüz çakışma artık geçerli değil" in status and "sef2" in status
    assert f"Unvan: «{SERVER_TITLE}» yerine «Merkezin İkinci Düzeltmesi»" in status
    assert dialog.isVisible()
    assert dialog.reason.toPlainText() == "Genel kurul tutanağına göre elle düzeltildi"
    (chooser,) = dialog.choosers
    assert chooser.choice() == "typed" and chooser.typed_edit is not None
    assert chooser.typed_edit.text() == "Tutanaktaki Doğru Unvan"
    assert "Merkezin İkinci Düzeltmesi" in chooser.server_radio.text()
    assert dialog.merge_button.isEnabled()
    assert [d["actor"] for d in decisions(store, uuid)] == ["sef2"]

    answer_confirmation(qtbot, "&Birleştir ve gönder", seen)
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    assert "«Merkezin İkinci Düzeltmesi» yerine «Tutanaktaki Doğru Unvan»" in seen[-1]
    done = entries.get_entry(store, uuid)
    assert done.state == State.APPROVED and done.payload["title"] == "Tutanaktaki Doğru Unvan"
    last = decisions(store, uuid)[-1]
    assert last["actor"] == "sef" and last["details"]["server"] == {"title": "Merkezin İkinci Düzeltmesi"}


def test_two_supervisors_deciding_in_their_dialogs_the_slower_is_told_who_was_faster(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    uuid = title_conflict(store, server, people, recs[7]["id"])
    first_ctx, second_ctx = make_ctx("sef2"), make_ctx("sef")  # two PCs, two hubs
    first, second = open_dialog(qtbot, first_ctx, uuid), open_dialog(qtbot, second_ctx, uuid)
    type_text(qtbot, first.reason, "Merkezin düzeltmesi doğru")
    type_text(qtbot, second.reason, "Bizim unvan doğru")

    seen: list[str] = []
    answer_confirmation(qtbot, "&KOOP-BİS'tekini kabul et", seen)
    with qtbot.waitSignal(first.resolved, timeout=5000):
        qtbot.mouseClick(first.take_button, Qt.MouseButton.LeftButton)
    answer_confirmation(qtbot, "&Üzerine yaz ve gönder", seen)
    qtbot.mouseClick(second.keep_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, second_ctx.worker)
    qtbot.waitUntil(lambda: "sef2" in second.status.text(), timeout=5000)
    wait_idle(qtbot, second_ctx.worker)
    status = second.status.text()
    assert "başkası davrandı" in status and "KOOP-BİS'tekini kabul etme" in status
    assert "'Vazgeçildi' durumunda" in status and "uygulanmadı" in status
    assert second.reason.toPlainText() == "Bizim unvan doğru"
    for button in second.action_buttons:
        assert not button.isEnabled()
    assert entries.get_entry(store, uuid).state == State.DISCARDED
    assert [d["actor"] for d in decisions(store, uuid)] == ["sef2"]


def double_click(widget: Any, pos: QPoint) -> None:
    """Press, release, double-click, release: what a mouse sends (qtbot's mouseDClick skips the first click)."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    at = QPointF(pos)
    for kind, buttons in (
        (QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
        (QEvent.Type.MouseButtonDblClick, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind,
            at,
            widget.mapToGlobal(at),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, event)


def test_a_double_click_or_a_second_enter_opens_one_dialog_per_conflict(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    """A double-click opened the conflict twice (the view's double-click and its activation):
    two dialogs of one conflict, a reason typed in the one behind lost when it was closed."""
    uuid = title_conflict(store, server, people, recs[8]["id"])
    page = ConflictsPage(make_ctx("sef"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    opened: list[ConflictDialog] = []
    page.dialog_opened.connect(opened.append)
    double_click(page.table.viewport(), page.table.visualRect(page.model.index(0, 0)).center())
    assert len(opened) == 1
    dialog = opened[0]
    qtbot.waitUntil(lambda: dialog.details is not None, timeout=5000)
    type_text(qtbot, dialog.reason, "Yarım kalan gerekçe")

    # Back on the list, Enter on the same row brings the open dialog forward, reason and all.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    assert page.last_dialog is dialog and dialog.isVisible()
    assert dialog.reason.toPlainText() == "Yarım kalan gerekçe"
    visible = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictDialog) and w.isVisible()]
    assert visible == [dialog]
    assert dialog.entry_uuid == uuid
    dialog.close()


def test_a_reason_left_by_closing_the_dialog_is_there_when_it_is_opened_again(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    """Enter outside the reason box means Vazgeç: a long reason and a typed value vanished with
    the dialog and had to be typed again. They come back on the same conflict; not on another one."""
    uuid = title_conflict(store, server, people, recs[9]["id"])
    ctx = make_ctx("sef")
    dialog = open_dialog(qtbot, ctx, uuid)
    (chooser,) = dialog.choosers
    assert chooser.typed_edit is not None
    chooser.typed_edit.clear()
    type_text(qtbot, chooser.typed_edit, "Tutanaktaki Unvan")
    type_text(qtbot, dialog.reason, "Genel kurul tutanağının 4. maddesine göre")
    qtbot.keyClick(chooser.typed_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected

    again = open_dialog(qtbot, ctx, uuid)
    assert again.reason.toPlainText() == "Genel kurul tutanağının 4. maddesine göre"
    (typed,) = again.choosers
    assert typed.choice() == "typed" and typed.typed_edit is not None
    assert typed.typed_edit.text() == "Tutanaktaki Unvan"
    assert "gerekçe" in again.status.text().lower()
    # Decided: nothing is kept for it any more.
    answer_confirmation(qtbot, "&KOOP-BİS'tekini kabul et", [])
    with qtbot.waitSignal(again.resolved, timeout=5000):
        qtbot.mouseClick(again.take_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    assert entries.get_entry(store, uuid).state == State.DISCARDED

    # A reason left on one conflict does not follow the entry into a new one.
    other = title_conflict(store, server, people, recs[10]["id"])
    first = open_dialog(qtbot, ctx, other)
    type_text(qtbot, first.reason, "Eski çakışma için")
    first.reject()
    resolution.keep_local(store, people["sef2"], other, "Yerel doğru", seen=resolution.seen_now(store, other))
    head_office(server, recs[10]["id"], title="Merkezin Yeni Unvanı")
    sync_now(store, server)
    assert open_dialog(qtbot, ctx, other).reason.toPlainText() == ""


def test_every_keyboard_shortcut_of_the_dialog_is_its_own(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    """Alt+G was both "Gerekçe" and "Girdiğinizi gönder", Alt+B both "birleştir" and "bağla":
    an ambiguous shortcut only moves the focus, so neither worked from the keyboard."""
    from tests.sync.test_resolution import duplicate_registration
    from tests.ui.keyboard import mnemonic_clashes, mnemonics

    reg = duplicate_registration(store, people, recs[11])
    sync_now(store, server)
    assert entries.get_entry(store, reg.uuid).state == State.CONFLICT
    dialog = open_dialog(qtbot, make_ctx("sef"), reg.uuid)
    assert dialog.link_button.isVisible()
    assert sum(len(texts) for texts in mnemonics(dialog).values()) >= 6
    assert mnemonic_clashes(dialog) == {}


def test_a_registration_koopbis_already_has_opens_and_is_linked_from_the_dialog(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    """A registration refused as a duplicate (same VKN) did not open: comparing it applied a
    registration to the values it was compared with, which no rule does, and the dialog stayed
    at "Kayıt yükleniyor…" with an error; the link could only be made from the command line."""
    from tests.sync.test_resolution import duplicate_registration

    existing = recs[12]
    reg = duplicate_registration(store, people, existing)
    sync_now(store, server)
    assert entries.get_entry(store, reg.uuid).state == State.CONFLICT
    ctx = make_ctx("sef2")
    dialog = open_dialog(qtbot, ctx, reg.uuid)
    assert "Mükerrer" in dialog.header.text()
    # What KOOP-BİS already has, in words ("active" was printed as stored), and no talk of
    # "both sides changed different things" for a registration that is simply there already.
    existing_label = dialog.findChild(QLabel, "existingLabel")
    assert existing_label is not None
    assert existing["title"] in existing_label.text() and "Faal" in existing_label.text()
    assert "active" not in existing_label.text()
    empty = dialog.findChild(QLabel, "conflictsEmpty")
    assert empty is not None and "farklı şeyleri" not in empty.text() and "zaten" in empty.text()
    assert dialog.link_button.isVisible() and dialog.link_button.isEnabled()
    assert existing["id"] in dialog.link_button.text()
    type_text(qtbot, dialog.reason, "VKN ile kayıtlı kooperatif zaten var")
    seen: list[str] = []
    answer_confirmation(qtbot, "&Bağla", seen)
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    assert existing["id"] in seen[0]
    assert entries.get_entry(store, reg.uuid).state == State.DISCARDED
    (decision,) = decisions(store, reg.uuid)
    assert decision["details"]["decision"] == "link" and decision["details"]["cooperative"] == existing["id"]


def test_a_typed_value_koopbis_would_refuse_is_named_and_its_box_has_the_focus(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    coop = recs[13]["id"]
    entry = approved_update(store, people, coop, title=LOCAL_TITLE, phone="3124440000")
    head_office(server, coop, title=SERVER_TITLE, phone="3125550000")
    sync_now(store, server)
    ctx = make_ctx("sef")
    dialog = open_dialog(qtbot, ctx, entry.uuid)
    by_name = {c.chooser.name: c for c in dialog.choosers}
    click_radio(qtbot, by_name["title"].server_radio)
    phone = by_name["phone"].typed_edit
    assert phone is not None
    phone.clear()
    type_text(qtbot, phone, "12")
    type_text(qtbot, dialog.reason, "Telefon kooperatiften soruldu")
    answer_confirmation(qtbot, "&Birleştir ve gönder", [])
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "geçerli değil" in dialog.status.text(), timeout=5000)
    wait_idle(qtbot, ctx.worker)
    assert "Telefon" in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.focusWidget() is phone, timeout=2000)
    assert phone.text() == "12" and dialog.reason.toPlainText() == "Telefon kooperatiften soruldu"
    assert entries.get_entry(store, entry.uuid).state == State.CONFLICT


def test_esc_while_a_decision_is_being_stored_keeps_the_dialog_until_it_is_done(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    """Esc (or Vazgeç) while the decision waited for the database closed the dialog: the decision
    went on unseen, and a refusal of it (decided elsewhere, a changed conflict) was never shown."""
    from tests.conftest import reopen

    uuid = title_conflict(store, server, people, recs[14]["id"])
    ctx = make_ctx("sef")
    dialog = open_dialog(qtbot, ctx, uuid)
    type_text(qtbot, dialog.reason, "Merkezin düzeltmesi doğru")
    other = reopen(store)  # another PC holds the database for a moment
    try:
        with other.atomic():  # the store's write transaction: held until the block ends
            answer_confirmation(qtbot, "&KOOP-BİS'tekini kabul et", [])
            qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
            assert ctx.worker.pending() > 0
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
            assert dialog.isVisible()
            assert "bitince" in dialog.status.text()
    finally:
        other.close()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert entries.get_entry(store, uuid).state == State.DISCARDED


def test_the_list_keeps_the_order_the_supervisor_sorted_it_by_when_it_reloads(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    """Sorted by a column, the list went back to oldest-first at the next sync or decision while
    the header still showed the sort: the supervisor working down it lost the place."""
    first = title_conflict(store, server, people, recs[15]["id"])
    second = title_conflict(store, server, people, recs[16]["id"])
    ctx = make_ctx("sef")
    page = ConflictsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert [r.uuid for r in page.model.rows()] == [first, second]  # oldest first
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [r.uuid for r in page.model.rows()] == [second, first]
    page.table.setCurrentIndex(page.model.index(1, 0))

    ctx.hub.announce(OpChanges(entries=True))
    wait_idle(qtbot, ctx.worker)
    assert [r.uuid for r in page.model.rows()] == [second, first]
    assert page.model.row_at(page.table.currentIndex().row()).uuid == first


def test_a_conflict_that_came_back_while_open_names_the_sync_in_words(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    """At the office's notification the dialog said "son işlem: çakışma — sync, …": the sync's
    account name, not what a person calls it."""
    coop = recs[17]["id"]
    uuid = title_conflict(store, server, people, coop)
    ctx = make_ctx("sef")
    dialog = open_dialog(qtbot, ctx, uuid)
    type_text(qtbot, dialog.reason, "Yazmaya başladım")
    resolution.keep_local(store, people["sef2"], uuid, "Yerel doğru", seen=resolution.seen_now(store, uuid))
    head_office(server, coop, title="Merkezin Üçüncü Unvanı")
    sync_now(store, server)
    ctx.hub.announce(OpChanges(entries=True))
    qtbot.waitUntil(lambda: "siz incelerken değişti" in dialog.status.text(), timeout=5000)
    assert "eşitleme" in dialog.status.text() and "sync" not in dialog.status.text()
    assert dialog.reason.toPlainText() == "Yazmaya başladım"
    assert "Merkezin Üçüncü Unvanı" in dialog.models["conflicts"].column_texts(3)


@pytest.mark.usefixtures("english")
def test_the_list_names_a_new_registration_in_english_in_english_mode(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
) -> None:
    """The Kooperatif column of a registration in conflict said "yeni kuruluş" in English mode."""
    from tests.sync.test_resolution import duplicate_registration

    duplicate_registration(store, people, recs[18])
    sync_now(store, server)
    page = ConflictsPage(make_ctx("sef"))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    (cell,) = page.model.column_texts(0)
    assert cell.startswith("new founding") and "kuruluş" not in cell
