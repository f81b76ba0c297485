"""A one-off sync ("Şimdi eşitle") that cannot use the database says so, not "KOOP-BİS'e ulaşılamadı"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.ui.sync_runner import SyncRunner
from sync.runs import Status, SyncOptions, SyncReport


@pytest.mark.expect_log(r"^sync run failed$", logger="koopbis_desktop.ui.sync_runner")
def test_a_run_on_a_database_that_fails_is_reported_as_the_databases_failure(
    qtbot: Any, tmp_path: Path
) -> None:
    foreign = tmp_path / "koopbis.sqlite"
    foreign.write_text("Bu bir veritabanı değil, bir not.\n" * 200, encoding="utf-8")
    before = foreign.read_bytes()
    runner = SyncRunner(foreign)
    reports: list[SyncReport] = []
    runner.reported.connect(reports.append)
    options = SyncOptions(server_url="http://127.0.0.1:9", username="egitim", password=lambda: "egitim2015")
    with qtbot.waitSignal(runner.stopped, timeout=30_000):
        assert runner.start_once(options)
    assert len(reports) == 1
    report = reports[0]
    assert report.status == Status.DATABASE, report
    assert "KOOP-BİS'e ulaşılamadı" not in report.message
    assert report.message.endswith("Bağlantı gelince yeniden deneyin."), report.message
    assert foreign.read_bytes() == before  # refused, never replaced


def test_an_automatic_sync_whose_window_is_gone_stops_quietly(qtbot: Any, store: Any, tmp_path: Path) -> None:
    """The page that owns the runner is destroyed without being shut down (a sign-out's page
    torn down, a test that failed before its shutdown). The loop used to go on in its thread and
    end in "Signal source has been deleted" at its next report, logged as a failed sync."""
    import shiboken6
    from PySide6.QtCore import QObject

    from sync.runs import AutoSyncConfig
    from tests.sync.conftest import live_server, options_for

    (tmp_path / "srv").mkdir()
    with live_server(tmp_path / "srv") as server:
        owner = QObject()
        runner = SyncRunner(store.location, owner)
        with qtbot.waitSignal(runner.reported, timeout=30_000):
            assert runner.start_automatic(options_for(server), AutoSyncConfig(interval=0.05, poll_min=0.05))
        thread = runner._thread
        assert thread is not None and thread.is_alive()  # the loop waits for its next round
        shiboken6.delete(owner)  # the runner goes with it, its thread still running
        thread.join(30)
        assert not thread.is_alive()
