"""Python's cycle collector runs on the UI thread only.

The program has threads of its own beside Qt's (the DB worker, the sync run, the local
HTTP of the training server in tests). Python collects reference cycles in whichever
thread happens to allocate when a generation fills up; a cycle holding a Qt object made
on the UI thread (a dialog's Python wrapper, a model) is then destroyed on the worker's
thread, which Qt does not allow: the interpreter ends with a segmentation fault, and with
it whatever a clerk was typing. The automatic collector is switched off and a timer on
the UI thread collects instead, generation by generation as the automatic one would
(qutebrowser and others do the same).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    """Switch the automatic collector off; collect on this (the UI) thread every INTERVAL_MS."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the generations whose counts passed their thresholds; returns what was freed."""
        return collect_due(self.threshold)

    def stop(self) -> None:
        """Back to the automatic collector (tests; the program keeps this until it ends)."""
        self.timer.stop()
        gc.enable()


def collect_due(threshold: tuple[int, int, int]) -> int:
    """Collect the youngest generation, and each older one its threshold says is due.

    The youngest is collected every time: its count is what was allocated minus what was
    freed, so a worker that made a cycle and then freed a great deal would hide it.
    """
    _, second, third = gc.get_count()
    freed = gc.collect(0)
    if second >= threshold[1]:
        freed += gc.collect(1)
        if third >= threshold[2]:
            freed += gc.collect(2)
    return freed
