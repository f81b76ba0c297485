"""The Eşitleme page on an office database: the sync thread opens its own connection with the
window's office URL and the role's password the DB worker was given (neither in the URL nor
in a password file), and sends every approved entry once."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import open_store
from koopbis_desktop.store.location import OfficeUrl
from koopbis_desktop.ui.context import AppContext, Hub
from koopbis_desktop.ui.pages.sync import SyncPage
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import add_people
from tests.pgcluster import SUPERUSER_PASSWORD
from tests.sync.conftest import (
    SERVER_PASSWORD,
    SERVER_USER,
    LiveServer,
    admission,
    applied_keys,
    approved,
    day,
    live_server,
    seed_snapshot,
)
from tests.ui.conftest import wait_idle


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    folder = tmp_path / "server"
    folder.mkdir()
    with live_server(folder) as live:
        yield live


def test_sync_now_on_the_office_database_uses_the_same_url_and_password(
    qtbot: Any,
    office_url: OfficeUrl,
    server: LiveServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = open_store(office_url, create=True)
    try:
        store.set_setting("province_code", "06")
        people = add_people(store)
        recs = seed_snapshot(store, 5)
        rng = random.Random(5)
        made = [
            approved(
                store, people["ayse"], people["sef"], "member.admit", rec["id"], admission(rng, day(i), i)
            )
            for i, rec in enumerate(recs[:3])
        ]
    finally:
        store.close()
    # Only the worker knows the role's password: not the URL, not a password file.
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "yok.pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    url = office_url.with_password(None)
    worker = DbWorker(url, tmp_path / "backups", password=SUPERUSER_PASSWORD)
    worker.start()
    try:
        worker.wait_open(15)
        ctx = AppContext(
            location=url,
            backups_dir=tmp_path / "backups",
            worker=worker,
            hub=Hub(),
            actor=people["sef"],
            province_code="06",
            settings={"server_url": server.url, "server_username": SERVER_USER},
            full_name="Şükrü Öztürk",
            db_password=worker.password,
        )
        page = SyncPage(ctx, automatic=False)
        page.runner.remember_password(SERVER_PASSWORD)
        qtbot.addWidget(page)
        page.show()
        wait_idle(qtbot, worker)
        with qtbot.waitSignal(page.run_finished, timeout=30_000) as finished:
            qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        report = finished.args[0]
        assert report.status == "ok", report.message
        assert sorted(applied_keys(server)) == sorted(e.uuid for e in made)
        states = worker.call(lambda s: [entries.get_entry(s, e.uuid).state for e in made])
        assert states == [State.SYNCED] * len(made)
        wait_idle(qtbot, worker)
        page.runner.wait()
    finally:
        worker.stop()
