"""The Eşitleme page against the live reference server: plan, sync now, receipts and CSV, pause, responsiveness."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.pages.sync import SyncPage
from koopbis_desktop.ui.worker import DbWorker
from tests.sync.conftest import (
    SERVER_PASSWORD,
    SERVER_USER,
    LiveServer,
    admission,
    applied_by_key,
    applied_keys,
    approved,
    approved_update,
    assembly,
    day,
    live_server,
    seed_snapshot,
)
from tests.ui.conftest import wait_idle


@pytest.fixture
def slow_server(tmp_path: Path) -> Iterator[LiveServer]:
    # Every request waits a quarter of fault_delay (40 ms): a run lasts long enough to pause it.
    folder = tmp_path / "server"
    folder.mkdir()
    with live_server(folder, faults={"slow": 1.0}, fault_delay=0.16) as live:
        yield live


def page_for(
    qtbot: Any, make_ctx: Callable[[str], AppContext], username: str, server: LiveServer | None = None
) -> SyncPage:
    ctx = make_ctx(username)
    if server is not None:
        ctx.settings.update(server_url=server.url, server_username=SERVER_USER)
    page = SyncPage(ctx, automatic=False)
    page.runner.remember_password(SERVER_PASSWORD)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    return page


def make_entries(store: Store, people: dict[str, Actor], cooperatives: int, each: int) -> list[Entry]:
    recs = seed_snapshot(store, 20)
    rng = random.Random(5)
    made = []
    for n, rec in enumerate(recs[:cooperatives]):
        for i in range(each):
            data = admission(rng, day(i + 1), n * 10 + i)
            made.append(approved(store, people["ayse"], people["sef"], "member.admit", rec["id"], data))
    return made


def test_plan_shows_ready_and_blocked_entries_with_the_reason(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
) -> None:
    recs = seed_snapshot(store, 20)
    first = approved_update(store, people, recs[0]["id"], title="Yeni Unvan Kooperatifi")
    later = approved(store, people["ayse"], people["sef"], "assembly.record", recs[0]["id"], assembly(day(2)))
    page = page_for(qtbot, make_ctx, "sef")
    wait_idle(qtbot, worker)
    rows = {r.uuid: r for r in page.plan_model.rows()}
    assert rows[first.uuid].status_label == "Gönderilmeye hazır"
    assert rows[later.uuid].status_label == "Bekliyor"
    assert "Aynı kooperatifin önceki kaydı" in rows[later.uuid].reason
    assert "KOOP-BİS'e aktarılmadan gönderilmez" in rows[later.uuid].reason
    assert "Hazır: 1" in page.counts_label.text() and "Bekleyen: 1" in page.counts_label.text()
    # the reason is on screen, in the last column
    assert page.plan_model.column_texts(5)[list(rows).index(later.uuid)] == rows[later.uuid].reason
    assert page.sync_button.isEnabled() and not page.pause_button.isEnabled()
    assert page.last_run_label.text() == "Son eşitleme: henüz yapılmadı."
    assert rows[later.uuid].reason in page.reason_label.text()  # the whole reason, wrapped
    page.grab().save("/tmp/sync_plan.png")


def test_a_clerk_may_not_start_a_sync(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
) -> None:
    page = page_for(qtbot, make_ctx, "ayse")
    wait_idle(qtbot, worker)
    assert not page.sync_button.isEnabled() and not page.pause_button.isEnabled()
    assert "yalnızca şefler" in page.sync_button.toolTip()
    page.sync_action.trigger()  # even the shortcut does nothing
    assert not page.runner.running


def test_sync_now_sends_everything_once_and_lists_the_receipts(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    slow_server: LiveServer,
    tmp_path: Path,
) -> None:
    made = make_entries(store, people, 4, 3)
    page = page_for(qtbot, make_ctx, "sef", slow_server)
    page.show()
    wait_idle(qtbot, worker)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    statuses: list[str] = []
    page.status_changed.connect(statuses.append)
    with qtbot.waitSignal(page.run_finished, timeout=30_000) as finished:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        assert not page.sync_button.isEnabled() and page.pause_button.isEnabled()
    timer.stop()
    report = finished.args[0]
    assert report.status == "ok", report.message
    # the UI thread kept running: a 10 ms timer ticked throughout the ~0.5 s+ run
    assert len(ticks) >= 20
    assert any(s.startswith("Eşitleniyor ") and "/12" in s for s in statuses)
    keys = applied_keys(slow_server)
    assert sorted(keys) == sorted(e.uuid for e in made) and len(set(keys)) == len(keys)
    changes = applied_by_key(slow_server)
    for entry in made:
        got = entries.get_entry(store, entry.uuid)
        assert got.state == State.SYNCED and got.receipt == changes[entry.uuid]["receipt"]
    wait_idle(qtbot, worker)
    qtbot.waitUntil(lambda: len(page.receipt_model.rows()) == len(made))
    assert {r.receipt for r in page.receipt_model.rows()} == {changes[e.uuid]["receipt"] for e in made}
    assert page.tabs.tabText(1) == "&Alındılar (12)"
    assert "Tamamlandı" in page.last_run_label.text()
    assert "Eşitleme bitti: Tamamlandı" in page.notice_label.text()
    assert page.sync_button.isEnabled() and not page.pause_button.isEnabled()
    page.tabs.setCurrentIndex(1)
    page.grab().save("/tmp/sync_page.png")

    target = tmp_path / "alındılar.csv"
    page.export_to(target)
    wait_idle(qtbot, worker)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Kayıt;KOOP-BİS alındı no;Kayıt türü;Kooperatif;Aktarılma zamanı"
    body = [line.split(";") for line in lines[1:] if line]
    assert len(body) == len(made)
    assert {row[0]: row[1] for row in body} == {e.uuid: changes[e.uuid]["receipt"] for e in made}
    assert {row[2] for row in body} == {"Ortaklığa giriş"}
    assert {row[3] for row in body} == {e.cooperative_id for e in made}
    assert "12 alındı" in page.notice_label.text()


def test_pause_mid_run_loses_nothing_and_a_second_run_finishes(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    slow_server: LiveServer,
) -> None:
    made = make_entries(store, people, 2, 15)  # two cooperatives: windows of two, 15 rounds
    page = page_for(qtbot, make_ctx, "sef", slow_server)
    page.show()
    wait_idle(qtbot, worker)
    done: list[int] = []
    page.runner.progressed.connect(lambda p: done.append(p.done))
    with qtbot.waitSignal(page.run_finished, timeout=30_000) as finished:
        qtbot.keyClick(
            page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        qtbot.waitUntil(lambda: bool(done) and done[-1] >= 4, timeout=20_000)
        qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    assert finished.args[0].status == "cancelled"
    states = [entries.get_entry(store, e.uuid).state for e in made]
    assert set(states) <= {State.SYNCED, State.APPROVED, State.SENDING}
    assert 4 <= states.count(State.SYNCED) < len(made)
    qtbot.waitUntil(lambda: page.sync_button.isEnabled())
    notice = page.notice_label.text()
    assert "Durduruldu" in notice and notice.lower().count("durduruldu") == 1, notice  # said once
    with qtbot.waitSignal(page.run_finished, timeout=30_000) as again:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert again.args[0].status == "ok", again.args[0].message
    assert [entries.get_entry(store, e.uuid).state for e in made] == [State.SYNCED] * len(made)
    keys = applied_keys(slow_server)
    assert sorted(keys) == sorted(e.uuid for e in made)
    # per cooperative, KOOP-BİS got them in the order they were made
    for coop in {e.cooperative_id for e in made}:
        mine = [e.uuid for e in made if e.cooperative_id == coop]
        assert [k for k in keys if k in mine] == mine


def test_a_sync_run_announces_its_writes_to_every_view(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    slow_server: LiveServer,
) -> None:
    make_entries(store, people, 1, 2)
    page = page_for(qtbot, make_ctx, "sef", slow_server)
    page.show()
    wait_idle(qtbot, worker)
    heard: list[Any] = []
    page.ctx.hub.changed.connect(heard.append)
    with qtbot.waitSignal(page.run_finished, timeout=30_000) as finished:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    report = finished.args[0]
    assert report.status == "ok", report.message
    # The sync thread wrote on its own connection; its run still reaches the hub.
    assert report.changes.entries and report.changes.audit and report.changes.sync
    qtbot.waitUntil(lambda: any(c.entries and c.sync for c in heard), timeout=5000)


def test_a_sync_running_elsewhere_is_named_and_the_last_finished_run_still_shown(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    tmp_path: Path,
) -> None:
    """Another PC of the office (or a scheduled ``koopbis sync``) is in the middle of a run.

    This PC's page must say so in Turkish and keep showing the last run that finished, not
    the running one's bare status word with no time or result.
    """
    import threading

    from sync.executor import SyncProgress
    from sync.scheduler import Status, run_sync
    from tests.sync.conftest import options_for

    make_entries(store, people, 1, 1)
    with live_server(tmp_path, 20) as server:
        assert run_sync(store.path, options=options_for(server)).status == Status.OK
        make_entries(store, people, 2, 1)
        sending = threading.Event()
        release = threading.Event()

        def hold(_progress: SyncProgress) -> None:
            sending.set()
            release.wait(30)

        done: list[str] = []
        other = threading.Thread(
            target=lambda: done.append(
                run_sync(store.path, on_progress=hold, options=options_for(server)).status
            )
        )
        other.start()
        try:
            assert sending.wait(30)
            page = page_for(qtbot, make_ctx, "sef2")
            statuses: list[str] = []
            page.status_changed.connect(statuses.append)
            page.refresh()
            wait_idle(qtbot, worker)
            text = page.last_run_label.text()
            assert "running" not in text and "running" not in " ".join(statuses)
            assert "Tamamlandı" in text  # the run that finished before
            assert "başka bir eşitleme sürüyor" in text
            assert statuses and "sürüyor" in statuses[-1]
        finally:
            release.set()
            other.join(30)
        assert done == [Status.OK]
        page.refresh()
        wait_idle(qtbot, worker)
        assert "sürüyor" not in page.last_run_label.text()
        assert "Tamamlandı" in page.last_run_label.text()


def test_a_server_address_changed_in_the_settings_reaches_the_running_automatic_sync(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    tmp_path: Path,
) -> None:
    """At go-live the administrator moves the office from the training server to the ministry's
    (on any PC: the setting is the office database's). A supervisor's automatic sync, already
    running, kept the address it started with and went on sending approved entries to the
    training server, where KOOP-BİS never sees them."""
    from koopbis_desktop.services import settings
    from koopbis_desktop.store.changes import OpChanges
    from tests.conftest import reopen

    (tmp_path / "egitim").mkdir()
    (tmp_path / "bakanlik").mkdir()
    with live_server(tmp_path / "egitim") as training, live_server(tmp_path / "bakanlik") as ministry:
        recs = seed_snapshot(store, 20)
        rng = random.Random(7)
        first = approved(
            store, people["ayse"], people["sef"], "member.admit", recs[0]["id"], admission(rng, day(1), 1)
        )
        ctx = make_ctx("sef")
        settings.update(store, people["admin"], {"server_url": training.url, "server_username": SERVER_USER})
        ctx.settings.update(server_url=training.url, server_username=SERVER_USER)
        page = SyncPage(ctx, automatic=True)
        page.runner.remember_password(SERVER_PASSWORD)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: first.uuid in applied_keys(training), timeout=30_000)
        assert page.runner.running  # the automatic loop waits for the next round

        other = reopen(store)
        try:
            settings.update(other, people["admin"], {"server_url": ministry.url})
        finally:
            other.close()
        notices: list[str] = []
        ctx.hub.message.connect(notices.append)
        # The loop stops between two requests and starts again with the new address.
        with qtbot.waitSignal(page.runner.started, timeout=15_000):
            ctx.hub.announce(OpChanges(settings=True))  # what the office's notification does
        assert any("KOOP-BİS sunucu ayarları değişti" in n and ministry.url in n for n in notices)
        second = approved(
            store, people["ayse"], people["sef"], "member.admit", recs[1]["id"], admission(rng, day(2), 2)
        )
        page.poke()  # as an approval on this PC does
        # KOOP-BİS applies it before the sync thread writes "synced" here: wait for both.
        qtbot.waitUntil(lambda: second.uuid in applied_keys(ministry), timeout=20_000)
        qtbot.waitUntil(lambda: entries.get_entry(store, second.uuid).state == State.SYNCED, timeout=20_000)
        assert second.uuid not in applied_keys(training)
        page.shutdown()
        assert page.runner.wait(30)
        wait_idle(qtbot, worker)


def test_the_plan_row_read_stays_chosen_when_another_pc_approves_an_entry(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
) -> None:
    """The supervisor reads why an entry waits; an approval anywhere in the office refreshes the
    plan. Before, each refresh moved the choice back to the first waiting entry, its reason
    replacing the one being read."""
    from koopbis_desktop.store.changes import OpChanges
    from tests.conftest import reopen

    recs = seed_snapshot(store, 20)
    approved_update(store, people, recs[0]["id"], title="Yeni Unvan Kooperatifi")
    approved(store, people["ayse"], people["sef"], "assembly.record", recs[0]["id"], assembly(day(2)))
    approved_update(store, people, recs[1]["id"], title="Başka Yeni Unvan Kooperatifi")
    read = approved(store, people["ayse"], people["sef"], "assembly.record", recs[1]["id"], assembly(day(3)))
    page = page_for(qtbot, make_ctx, "sef")
    page.show()
    wait_idle(qtbot, worker)
    uuids = [r.uuid for r in page.plan_model.rows()]
    page.plan_view.setCurrentIndex(page.plan_model.index(uuids.index(read.uuid), 0))
    reason = page.reason_label.text()
    assert read.uuid in uuids and reason

    other = reopen(store)
    try:
        rng = random.Random(3)
        approved(
            other, people["mehmet"], people["sef2"], "member.admit", recs[2]["id"], admission(rng, day(1), 9)
        )
    finally:
        other.close()
    page.ctx.hub.announce(OpChanges(entries=True))  # what the office's notification does
    qtbot.waitUntil(lambda: page.plan_model.rowCount() == len(uuids) + 1, timeout=5000)
    wait_idle(qtbot, worker)
    current = page.plan_view.currentIndex()
    assert current.isValid() and page.plan_model.row_at(current.row()).uuid == read.uuid
    assert page.reason_label.text() == reason


# Longer than the page's own wait before an automatic start (AUTO_START_MS, made short here).
AUTO_START_WAIT_MS = 300


@pytest.mark.expect_log(r"^KOOP-BİS refused the password", logger="koopbis.sync.scheduler")
def test_a_typed_password_koopbis_refused_is_asked_again_not_sent_again(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    tmp_path: Path,
) -> None:
    """A password mistyped in "KOOP-BİS parolası" was kept in memory and sent again at every
    "Şimdi eşitle" (on a PC without a keyring only a sign-out ended it); it is asked again."""
    from koopbis_desktop.services import settings
    from koopbis_desktop.ui.pages.sync import PasswordDialog

    with live_server(tmp_path) as server:
        recs = seed_snapshot(store, 20)
        approved(
            store,
            people["ayse"],
            people["sef"],
            "member.admit",
            recs[0]["id"],
            admission(random.Random(3), day(1), 1),
        )
        settings.update(store, people["admin"], {"server_url": server.url, "server_username": SERVER_USER})
        ctx = make_ctx("sef")
        ctx.settings.update(server_url=server.url, server_username=SERVER_USER)
        page = SyncPage(ctx, automatic=False)
        qtbot.addWidget(page)
        page.show()
        reports: list[Any] = []
        page.runner.reported.connect(reports.append)
        page.runner.remember_password("yanlis-parola")  # as the dialog keeps what was typed
        page.sync_action.trigger()
        qtbot.waitUntil(lambda: bool(reports) and not page.runner.running, timeout=30_000)
        assert [r.status for r in reports] == ["auth_failed"] and page.runner.login_refused
        asked: list[str] = []

        def answer_the_question() -> None:
            dialog = next(
                w for w in QApplication.topLevelWidgets() if isinstance(w, PasswordDialog) and w.isVisible()
            )
            asked.append(dialog.windowTitle())
            dialog.reject()  # the supervisor gives up this time

        QTimer.singleShot(100, answer_the_question)
        page.sync_action.trigger()
        qtbot.waitUntil(lambda: bool(asked) and not page.runner.running, timeout=30_000)
        assert [row["outcome"] for row in server.app.state.store.logins()] == ["wrong"]
        assert "Parola girilmedi" in page.notice_label.text()
        page.shutdown()
        assert page.runner.wait(30)
        wait_idle(qtbot, worker)


@pytest.mark.expect_log(r"^KOOP-BİS refused the password", logger="koopbis.sync.scheduler")
def test_a_refused_password_stops_the_automatic_sync_until_a_new_one_is_saved_in_the_settings(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The keyring's KOOP-BİS password is stale: the loop tries it once and stops (each try
    counts towards KOOP-BİS locking the account); the supervisor saves the right one in Ayarlar
    and the automatic sync starts again by itself."""
    from koopbis_desktop.services import secrets, settings
    from koopbis_desktop.ui.dialogs.settings import SettingsDialog
    from koopbis_desktop.ui.pages import sync as sync_page

    monkeypatch.setattr(sync_page, "AUTO_START_MS", AUTO_START_WAIT_MS // 3)
    with live_server(tmp_path) as server:
        recs = seed_snapshot(store, 20)
        entry = approved(
            store,
            people["ayse"],
            people["sef"],
            "member.admit",
            recs[0]["id"],
            admission(random.Random(3), day(1), 1),
        )
        settings.update(store, people["admin"], {"server_url": server.url, "server_username": SERVER_USER})
        assert secrets.set_password(SERVER_USER, "eski-parola")
        ctx = make_ctx("sef")
        ctx.settings.update(server_url=server.url, server_username=SERVER_USER)
        page = SyncPage(ctx, automatic=True)
        qtbot.addWidget(page)
        reports: list[Any] = []
        page.runner.reported.connect(reports.append)
        page.show()
        page.start_automatic_soon(0)
        qtbot.waitUntil(lambda: bool(reports) and not page.runner.running, timeout=30_000)
        assert [r.status for r in reports] == ["auth_failed"]
        logins = [row["outcome"] for row in server.app.state.store.logins()]
        assert logins == ["wrong"], logins
        assert entries.get_entry(store, entry.uuid).state == State.APPROVED
        # The supervisor looks at other pages and comes back: the refused password is not tried
        # again by itself (each showing restarted the loop, which tried it once more).
        for _ in range(3):
            page.hide()
            page.show()
            qtbot.wait(AUTO_START_WAIT_MS)
            qtbot.waitUntil(lambda: not page.runner.running, timeout=30_000)
        assert [row["outcome"] for row in server.app.state.store.logins()] == ["wrong"]

        dialog = SettingsDialog(ctx)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.password_edit, SERVER_PASSWORD)
        qtbot.mouseClick(dialog.password_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: entries.get_entry(store, entry.uuid).state == State.SYNCED, timeout=30_000)
        assert applied_keys(server) == [entry.uuid]
        page.shutdown()
        assert page.runner.wait(30)
        wait_idle(qtbot, worker)


def test_a_paused_automatic_sync_stays_paused_until_sync_now_and_the_banner_says_so(
    qtbot: Any,
    worker: DbWorker,
    store: Store,
    people: dict[str, Actor],
    make_ctx: Callable[[str], AppContext],
    slow_server: LiveServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Duraklat on a supervisor's automatic sync: looking at another page and coming back started
    it again by itself, and meanwhile the banner said the entries were sent by themselves."""
    from koopbis_desktop.ui.pages import sync as sync_page

    monkeypatch.setattr(sync_page, "AUTO_START_MS", AUTO_START_WAIT_MS // 3)
    made = make_entries(store, people, 2, 15)
    ctx = make_ctx("sef")
    ctx.settings.update(server_url=slow_server.url, server_username=SERVER_USER)
    page = SyncPage(ctx, automatic=True)
    page.runner.remember_password(SERVER_PASSWORD)
    qtbot.addWidget(page)
    page.resize(1100, 650)
    done: list[int] = []
    page.runner.progressed.connect(lambda p: done.append(p.done))
    page.show()
    page.start_automatic_soon(0)
    qtbot.waitUntil(lambda: bool(done) and done[-1] >= 2, timeout=20_000)
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.runner.running, timeout=30_000)
    sent = len(applied_keys(slow_server))
    assert 2 <= sent < len(made)
    status = page.koopbis.status
    assert status.paused and "duraklatıldı" in status.headline()
    banner = status.banner()
    assert banner is not None and "duraklatıldı" in banner and "kendiliğinden gönderilmeyecek" in banner
    assert "kendiliğinden gönderilir" not in banner
    assert "duraklatıldı" in page.progress_label.text() and "duraklatıldı" in page.summary_label.text()
    page.grab().save("/tmp/sync_paused.png")
    for _ in range(2):  # the supervisor looks at other pages and comes back
        page.hide()
        page.show()
        assert not page._auto_timer.isActive()
        qtbot.wait(AUTO_START_WAIT_MS)
        assert not page.runner.running
    page.start_automatic_soon(0)  # what the window's timers call: still paused
    assert not page._auto_timer.isActive() and not page.runner.running
    assert len(applied_keys(slow_server)) == sent
    assert any(entries.get_entry(store, e.uuid).state == State.APPROVED for e in made)

    page.sync_action.trigger()  # Ctrl+Shift+S: the loop goes on
    qtbot.waitUntil(lambda: not page.koopbis.status.paused, timeout=5_000)
    qtbot.waitUntil(
        lambda: all(entries.get_entry(store, e.uuid).state == State.SYNCED for e in made), timeout=60_000
    )
    assert sorted(applied_keys(slow_server)) == sorted(e.uuid for e in made)  # each once
    page.shutdown()
    assert page.runner.wait(30)
    wait_idle(qtbot, worker)
