"""Reference cycles are freed on the UI thread, never on the DB worker's or the sync's thread.

A cycle holding a Qt object of the UI thread, freed on another thread, ends the program with a
segmentation fault (seen once in the suite, in the DB worker's thread while it waited for work).
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from koopbis_desktop.ui.collector import MainThreadCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector(qapp: Any) -> Iterator[MainThreadCollector]:
    was_enabled = gc.isenabled()
    gc.enable()
    made = MainThreadCollector(interval_ms=50)
    yield made
    made.stop()
    if not was_enabled:
        gc.disable()


def test_cycles_made_anywhere_are_freed_on_the_ui_thread(qtbot: Any, collector: MainThreadCollector) -> None:
    assert not gc.isenabled()
    freed_on: list[str] = []
    for _ in range(50):
        weakref.finalize(_Cycle(), lambda: freed_on.append(threading.current_thread().name))

    def allocate() -> None:  # what the DB worker does all day: enough to fill every generation
        garbage: list[list[list[object]]] = []
        for _ in range(200_000):
            garbage.append([[]])
            if len(garbage) > 1000:
                garbage.clear()

    worker = threading.Thread(target=allocate, name="DbWorker-like")
    worker.start()
    worker.join(60)
    assert freed_on == []  # the worker's allocations collected nothing
    qtbot.waitUntil(lambda: len(freed_on) == 50, timeout=10_000)
    assert set(freed_on) == {threading.main_thread().name}


def test_the_program_switches_the_automatic_collector_off(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys

    probe = (
        "import gc, sys\n"
        "from koopbis_desktop.ui import app\n"
        "code = app.main(['--smoke'])\n"
        "print('CODE', code, 'ENABLED', gc.isenabled())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data")),
        check=False,
    )
    assert "CODE 0 ENABLED False" in result.stdout, result.stdout + result.stderr
