"""Go-live day (issue 12): a supervisor only signs in and the queue drains; every screen agrees.

The training server starts in maintenance for two seconds with ``Retry-After``.
Şükrü (supervisor) signs in through the login dialog after the go-live date and
never opens the Eşitleme page: the automatic sync waits through the maintenance,
sends when KOOP-BİS opens, and the banner and status bar follow KOOP-BİS's own
answers — before, during and after. One entry KOOP-BİS refuses (422) goes back to
Ayşe by itself: it is in her list with KOOP-BİS's words, and the form shows the
message on the field.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui import mainwindow
from koopbis_desktop.ui.context import AppContext, Hub
from koopbis_desktop.ui.editor import EntryEditor
from koopbis_desktop.ui.editor.rows import ERROR_COLOUR
from koopbis_desktop.ui.login import LoginDialog, Session
from koopbis_desktop.ui.mainwindow import MainWindow, build_context_session
from koopbis_desktop.ui.pages.queue import QueuePage
from koopbis_desktop.ui.worker import DbWorker
from sync import client as wire
from sync.executor import RunResult, SyncProgress
from sync.scheduler import Status, SyncReport
from sync.status import KoopbisStatus, Reach
from tests.conftest import PASSWORD
from tests.sync.conftest import (
    SERVER_PASSWORD,
    SERVER_USER,
    admission,
    applied_keys,
    approved,
    assembly,
    day,
    live_server,
    seed_snapshot,
)
from tests.ui.conftest import hold_worker, one_draft, wait_idle

MAINTENANCE_SECONDS = 2.0


def sign_in(qtbot: Any, worker: DbWorker, store: Store, username: str) -> MainWindow:
    dialog = LoginDialog(worker)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as blocker:
        qtbot.keyClicks(dialog.username_edit, username)
        qtbot.keyClicks(dialog.password_edit, PASSWORD)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    session: Session = blocker.args[0]
    assert dialog.result() == QDialog.DialogCode.Accepted
    ctx = build_context_session(
        AppContext(location=store.path, backups_dir=store.path.parent / "backups", worker=worker, hub=Hub()),
        session,
    )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def go_live_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(wire.PASSWORD_ENV, SERVER_PASSWORD)
    monkeypatch.setattr(mainwindow, "SIGN_IN_AUTO_SYNC_MS", 50)


def test_sync_now_stays_usable_while_koopbis_is_in_maintenance_and_sends_when_it_opens_early(
    go_live_day: None, qtbot: Any, worker: DbWorker, store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    """In maintenance for two hours, the automatic loop waits for KOOP-BİS's Retry-After: the page
    said "bağlanılıyor…" with a busy bar all along and "Şimdi eşitle" was disabled ("Eşitleme
    sürüyor."), so a KOOP-BİS opened early waited up to the loop's next round."""
    recs = seed_snapshot(store, 20)
    sent = [
        approved(store, people["ayse"], people["sef"], "member.admit", recs[n]["id"], admission_for(n + 1))
        for n in range(2)
    ]
    (tmp_path / "server").mkdir()
    opens = datetime.now(UTC) + timedelta(hours=2)
    with live_server(tmp_path / "server", 20, maintenance_until=opens) as server:
        store.set_setting("server_url", server.url)
        store.set_setting("server_username", SERVER_USER)
        window = sign_in(qtbot, worker, store, "sef")
        page = window.sync_page
        qtbot.waitUntil(lambda: page.koopbis.status.reach == Reach.MAINTENANCE, timeout=10_000)
        qtbot.waitUntil(lambda: page.sync_button.isEnabled(), timeout=10_000)
        assert page.runner.running  # the loop waits for its next round
        assert "bağlanılıyor" not in page.progress_label.text()
        assert page.progress_label.text().startswith("KOOP-BİS bakımda")
        assert page.progress_label.text().count("bakımda") == 1, page.progress_label.text()
        notice = (
            page.notice_label.text()
        )  # said once, not "Eşitleme bitti: KOOP-BİS bakımda. KOOP-BİS bakımda (…"
        assert notice.startswith("Eşitleme bitti: KOOP-BİS bakımda") and notice.count("bakımda") == 1, notice
        assert page.progress.maximum() > 0  # not the "busy" bar
        answer = server.admin().post("/api/v1/admin/maintenance", json={"until": None})
        assert answer.status_code == 200, answer.text
        window.sync_action.trigger()  # Ctrl+Shift+S: try now
        qtbot.waitUntil(
            lambda: all(entries.get_entry(store, e.uuid).state == State.SYNCED for e in sent), timeout=15_000
        )
        page.shutdown()
        assert page.runner.wait(30)
        wait_idle(qtbot, worker)


def test_the_time_left_to_koopbis_opening_counts_down_between_its_answers(
    go_live_day: None,
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The loop asks again when KOOP-BİS said (a minute here, up to ten): the status bar's
    "açılışa 2 dakika" stood still until then; it is redrawn as the time passes."""
    monkeypatch.setattr(mainwindow, "COUNTDOWN_REDRAW_MS", 200)
    recs = seed_snapshot(store, 5)
    approved(store, people["ayse"], people["sef"], "member.admit", recs[0]["id"], admission_for(1))
    (tmp_path / "server").mkdir()
    opens = datetime.now(UTC) + timedelta(seconds=63)
    with live_server(tmp_path / "server", 5, maintenance_until=opens) as server:
        store.set_setting("server_url", server.url)
        store.set_setting("server_username", SERVER_USER)
        window = sign_in(qtbot, worker, store, "sef")
        qtbot.waitUntil(
            lambda: window.sync_label.text() == "KOOP-BİS bakımda (açılışa 2 dakika)", timeout=10_000
        )
        left = (opens - datetime.now(UTC)).total_seconds()
        qtbot.wait(max(0, int((left - 58) * 1000)))  # under a minute left; KOOP-BİS not asked again
        qtbot.waitUntil(
            lambda: window.sync_label.text() == "KOOP-BİS bakımda (açılışa birkaç saniye)", timeout=5_000
        )
        window.sync_page.shutdown()
        assert window.sync_page.runner.wait(30)
        wait_idle(qtbot, worker)


def test_a_supervisor_only_signs_in_and_the_queue_drains_through_maintenance(
    go_live_day: None, qtbot: Any, worker: DbWorker, store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    recs = seed_snapshot(store, 20)
    ayse, sef = people["ayse"], people["sef"]
    sent = [
        approved(store, ayse, sef, "member.admit", recs[0]["id"], admission_for(1)),
        approved(store, ayse, sef, "member.admit", recs[1]["id"], admission_for(2)),
    ]
    refused = approved(store, ayse, sef, "assembly.record", recs[2]["id"], assembly(day(1)))
    # KOOP-BİS validates against its own "today": an effective date after it is refused (422).
    store.conn.execute(
        "UPDATE entries SET payload = json_set(payload, '$.effective_date', '2015-04-30') WHERE uuid = ?",
        (refused.uuid,),
    )
    (tmp_path / "server").mkdir()
    opens = datetime.now(UTC) + timedelta(seconds=MAINTENANCE_SECONDS)
    with live_server(tmp_path / "server", 20, maintenance_until=opens) as server:
        store.set_setting("server_url", server.url)
        store.set_setting("server_username", SERVER_USER)

        window = sign_in(qtbot, worker, store, "sef")
        seen: list[KoopbisStatus] = []
        window.sync_page.koopbis.changed.connect(seen.append)
        # Before KOOP-BİS's first answer, its opening day past: not "bakımda … açılınca" any more.
        assert window.banner.text().startswith("KOOP-BİS'in açılış tarihi geçti; ondan henüz yanıt alınmadı.")
        assert window.current_page_key() != "sync"

        # During: KOOP-BİS's own answer (503 maintenance with Retry-After) is what every screen shows.
        qtbot.waitUntil(lambda: window.sync_page.koopbis.status.reach == Reach.MAINTENANCE, timeout=10_000)
        assert window.banner.text().startswith("KOOP-BİS bakımda (açılışa")
        assert window.sync_label.text().startswith("KOOP-BİS bakımda (açılışa")
        assert window.banner.property("tone") == "warning"
        assert applied_keys(server) == []

        # After: it opens, the queue drains, the banner says so at once.
        qtbot.waitUntil(
            lambda: all(entries.get_entry(store, e.uuid).state == State.SYNCED for e in sent), timeout=15_000
        )
        qtbot.waitUntil(lambda: window.banner.text().startswith("KOOP-BİS açık."), timeout=10_000)
        assert window.sync_label.text() == "KOOP-BİS açık"
        assert window.banner.property("tone") == "ok"
        assert "Onaylı kayıtların hepsi aktarıldı." in window.banner.text()
        reaches = [s.reach for s in seen]
        assert Reach.MAINTENANCE in reaches and Reach.OPEN in reaches
        assert reaches.index(Reach.MAINTENANCE) < reaches.index(Reach.OPEN)
        assert any(s.running and s.reach == Reach.OPEN for s in seen), "no 'eşitleniyor' state was shown"
        # Nobody opened the Eşitleme page.
        assert window.current_page_key() != "sync" and not window.sync_page.isVisible()
        assert sorted(applied_keys(server)) == sorted(e.uuid for e in sent)

        # The refusal went back to Ayşe by itself, KOOP-BİS named as the one who returned it.
        back = entries.get_entry(store, refused.uuid)
        assert back.state == State.RETURNED
        assert back.outcome is not None and back.outcome["errors"]
        message = back.outcome["errors"][0]["message"]
        field = back.outcome["errors"][0]["field"]
        assert back.comment is not None and message in back.comment
        assert entries.audit_rows(store, refused.uuid)[-1]["actor"] == "KOOP-BİS"
        wait_idle(qtbot, worker)
        assert "İade edildi: 1" in window.counts_label.text()
        window.close()
        qtbot.waitUntil(lambda: not window.sync_page.runner.running, timeout=10_000)

    # Ayşe finds it in her list with KOOP-BİS's words and the message on the field.
    window = sign_in(qtbot, worker, store, "ayse")
    drafts = window.pages["drafts"]
    assert isinstance(drafts, QueuePage) and window.current_page_key() == "drafts"
    qtbot.waitUntil(lambda: drafts.model.is_loaded and drafts.model.total == 1)
    drafts.focus_first()
    qtbot.waitUntil(lambda: drafts.comment_label.isVisible())
    assert message in drafts.comment_label.text() and "KOOP-BİS" in drafts.comment_label.text()
    qtbot.keyClick(drafts.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(w.isVisible() for w in window.findChildren(EntryEditor)), timeout=10_000)
    editor = next(w for w in window.findChildren(EntryEditor) if w.isVisible())
    qtbot.waitUntil(lambda: editor.is_loaded)
    row = editor.rows[field]
    # The message sits beside the field, coloured as a validation error is.
    qtbot.waitUntil(lambda: message in row.issue.text() and row.issue.isVisibleTo(editor))
    assert "KOOP-BİS reddetti" in row.issue.text() and ERROR_COLOUR in row.issue.styleSheet()
    editor.close()
    window.close()


def admission_for(n: int) -> dict[str, Any]:
    import random

    return admission(random.Random(n), day(1), n)


def test_honest_progress_never_widens_the_window_and_empty_lists_say_why(
    qtbot: Any, worker: DbWorker, make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mainwindow, "SIGN_IN_AUTO_SYNC_MS", 24 * 3600 * 1000)  # no network work here
    window = MainWindow(make_ctx("sef"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_page("sync")
    page = window.sync_page
    qtbot.waitUntil(lambda: page.overview is not None)
    wait_idle(qtbot, worker)
    # An empty plan and no receipts say why and what to do, instead of blank tables.
    assert (
        page.plan_empty_label.isVisibleTo(page) and "Gönderilecek kayıt yok" in page.plan_empty_label.text()
    )
    page.tabs.setCurrentIndex(1)
    assert (
        page.receipts_empty_label.isVisibleTo(page) and "alındı numarası" in page.receipts_empty_label.text()
    )
    long_message = "KOOP-BİS çok uzun bir açıklama gönderdi; " * 40
    # What the sync thread's signals carry, sent as it sends them.
    page.runner.progressed.emit(
        SyncProgress(
            total=4,
            done=2,
            applied=2,
            conflicts=0,
            rejected=0,
            retrying=1,
            current=None,
            message=long_message,
            handled=3,
        )
    )
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("KOOP-BİS: eşitleniyor (3 / 4)"))
    # The bar counts what the figures count: 3 answered of 4.
    assert (page.progress.value(), page.progress.maximum()) == (3, 4)
    assert page.progress_label.text().startswith("3 / 4")
    QApplication.sendPostedEvents()  # the pending layout requests run: the window must not grow
    QApplication.processEvents()
    assert window.width() == 1280
    # The run ends with one entry not answered: not "Tamamlandı", and the bar stays honest.
    report = SyncReport(Status.OK, "", "", result=RunResult(total=4, applied=2, retried=1, handled=3))
    page.runner.reported.emit(report)
    assert (
        "Tamamlandı" not in page.progress_label.text() and "1 sırasını bekliyor" in page.progress_label.text()
    )
    assert (page.progress.value(), page.progress.maximum()) == (3, 4)
    whole = SyncReport(Status.OK, "", "", result=RunResult(total=4, applied=4, handled=4))
    page.runner.reported.emit(whole)
    assert page.progress_label.text().startswith("4 / 4 · Tamamlandı: 4 aktarıldı")
    assert (page.progress.value(), page.progress.maximum()) == (4, 4)
    assert window.width() == 1280
    wait_idle(qtbot, worker)
    window.close()


def test_the_sync_plan_is_read_when_its_page_is_first_shown_not_at_sign_in(
    qtbot: Any, worker: DbWorker, make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The plan lists every approved entry: a sign-in's first page must not wait behind it.
    monkeypatch.setattr(mainwindow, "SIGN_IN_AUTO_SYNC_MS", 24 * 3600 * 1000)  # no network work here
    window = MainWindow(make_ctx("sef"))
    qtbot.addWidget(window)
    window.show()
    page = window.sync_page
    qtbot.waitUntil(lambda: "Yerel kayıtlar" in window.counts_label.text())  # the status bar's counts
    wait_idle(qtbot, worker)
    assert page.overview is None and page.plan_model.rowCount() == 0
    window.show_page("sync")
    qtbot.waitUntil(lambda: page.overview is not None)
    # The go-live date the automatic start looks at is the window's, read before any plan.
    assert page.overview is not None and page.koopbis.status.go_live == page.overview.go_live


def test_a_go_live_date_brought_forward_on_another_pc_starts_the_automatic_sync(
    go_live_day: None, qtbot: Any, worker: DbWorker, store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    """Şükrü signed in while KOOP-BİS's opening was still ahead: no sync (the countdown). The
    ministry opens it early and the administrator brings the go-live date forward on another PC:
    the banner followed, but the automatic sync never started until Şükrü signed in again."""
    from koopbis_desktop.services import settings
    from koopbis_desktop.store.changes import OpChanges
    from tests.conftest import reopen

    recs = seed_snapshot(store, 20)
    entry = approved(store, people["ayse"], people["sef"], "member.admit", recs[0]["id"], admission_for(1))
    (tmp_path / "server").mkdir()
    with live_server(tmp_path / "server", 20) as server:
        store.set_setting("server_url", server.url)
        store.set_setting("server_username", SERVER_USER)
        store.set_setting("go_live", "2099-03-12")
        window = sign_in(qtbot, worker, store, "sef")
        qtbot.waitUntil(lambda: not window._auto_sync_timer.isActive(), timeout=5000)
        wait_idle(qtbot, worker)
        assert not window.sync_page.runner.running and applied_keys(server) == []

        other = reopen(store)
        try:
            settings.update(other, people["admin"], {"go_live": "12.03.2015"})
        finally:
            other.close()
        window.ctx.hub.announce(OpChanges(settings=True))  # what the office's notification does
        qtbot.waitUntil(lambda: entries.get_entry(store, entry.uuid).state == State.SYNCED, timeout=15_000)
        assert applied_keys(server) == [entry.uuid]
        window.sync_page.shutdown()
        assert window.sync_page.runner.wait(30)
        wait_idle(qtbot, worker)


def test_a_window_signed_in_on_the_eve_starts_the_automatic_sync_on_the_opening_day(
    go_live_day: None,
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Şükrü signed in on 11 March and left the window open: on the 12th nothing was sent until
    someone signed in again. The window now looks at the date again (every GO_LIVE_RECHECK_MS)."""
    from datetime import date

    from koopbis_desktop.ui.pages import sync as sync_page

    monkeypatch.setattr(sync_page, "GO_LIVE_RECHECK_MS", 100)
    recs = seed_snapshot(store, 20)
    entry = approved(store, people["ayse"], people["sef"], "member.admit", recs[0]["id"], admission_for(2))
    (tmp_path / "server").mkdir()
    with live_server(tmp_path / "server", 20) as server:
        store.set_setting("server_url", server.url)
        store.set_setting("server_username", SERVER_USER)
        store.set_setting("go_live", "2015-03-12")
        eve = [date(2015, 3, 11)]
        window = sign_in(qtbot, worker, store, "sef")
        window.sync_page.today = lambda: eve[0]
        qtbot.waitUntil(lambda: window.sync_page._auto_timer.interval() == 100, timeout=10_000)
        qtbot.wait(300)  # three looks at the date on the eve: nothing is sent
        assert not window.sync_page.runner.running and applied_keys(server) == []
        eve[0] = date(2015, 3, 12)  # midnight
        qtbot.waitUntil(lambda: entries.get_entry(store, entry.uuid).state == State.SYNCED, timeout=15_000)
        assert applied_keys(server) == [entry.uuid]
        window.sync_page.shutdown()
        assert window.sync_page.runner.wait(30)
        wait_idle(qtbot, worker)


def test_the_status_bar_says_no_counts_before_the_entries_are_counted(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    make_ctx: Any,
) -> None:
    # A window's first paint comes before its counts: "Taslak: 0" beside a list of drafts would
    # be untrue, so the counts' place stays empty until they come.
    one_draft(store, people, cooperatives)
    gate = hold_worker(worker)  # the window's jobs wait behind it
    try:
        window = MainWindow(make_ctx("ayse"))
        qtbot.addWidget(window)
        window.show()
        qtbot.wait(50)
        assert window.counts_label.text() == ""
        gate.set()
        qtbot.waitUntil(lambda: "Taslak: 1" in window.counts_label.text(), timeout=10_000)
        assert window.counts_label.text().startswith("Yerel kayıtlar — ")
    finally:
        gate.set()
    wait_idle(qtbot, worker)
    window.close()
