"""UI fixtures: a running DB worker on the test database and a signed-in context."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext, Hub
from koopbis_desktop.ui.worker import DbWorker


@pytest.fixture
def worker(store: Store, qapp: Any) -> Iterator[DbWorker]:
    w = DbWorker(store.path, store.path.parent / "backups")
    w.start()
    yield w
    w.stop()


@pytest.fixture
def make_ctx(store: Store, worker: DbWorker, people: dict[str, Actor]) -> Callable[[str], AppContext]:
    """``make_ctx("ayse")`` → a context signed in as that person (people fixture's password)."""

    def make(username: str) -> AppContext:
        return AppContext(
            db_path=store.path,
            backups_dir=store.path.parent / "backups",
            worker=worker,
            hub=Hub(),
            actor=people[username],
            province_code="06",
            settings={},
            full_name=username,
        )

    return make


def wait_idle(qtbot: Any, worker: DbWorker, timeout: int = 10_000) -> None:
    """Wait until every submitted job's result has been delivered on the UI thread."""
    qtbot.waitUntil(lambda: worker.pending() == 0, timeout=timeout)
