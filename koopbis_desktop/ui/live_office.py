"""The office's other PCs, live: their writes refresh this PC's lists as this PC's own do.

Only for an office database (``postgresql://…``): a thread runs the Qt-free
:class:`~koopbis_desktop.store.office_live.OfficeListener` and hands what it heard
to the UI thread, which announces it on ``hub.changed`` exactly as the DB worker
announces a local write, so every page refreshes the way it already does (keeping
its selection; an open form keeps what the person typed and says in a bar what changed,
``ui/editor/live.py``).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.location import OfficeUrl
from koopbis_desktop.ui.context import AppContext, Hub

if TYPE_CHECKING:  # psycopg loads only on an office database, never for this PC's file
    from koopbis_desktop.store.office_live import OfficeListener

log = logging.getLogger(__name__)

#: How long one wait lasts: also how soon the thread notices it should stop (seconds).
WAIT_S = 0.5


class LiveOffice(QObject):
    """Runs an office listener on its own thread; what other PCs changed comes out on ``hub.changed``."""

    heard = Signal(object)  # OpChanges, from the listener's thread

    def __init__(
        self,
        url: OfficeUrl,
        hub: Hub,
        parent: QObject | None = None,
        *,
        password: str | None = None,
        listen: bool = True,
    ) -> None:
        super().__init__(parent)
        from koopbis_desktop.store.office_live import OfficeListener

        self._hub = hub
        self.listener: OfficeListener = OfficeListener(url, password=password, listen=listen)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.heard.connect(self._on_heard)

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="koopbis-live-office", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread (within one wait) and close its connection."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    changes = self.listener.wait(WAIT_S)
                except Exception:  # a bug must not end live updates for the rest of the session
                    log.exception("live office listener failed; going on")
                    self._stop.wait(WAIT_S)
                    continue
                if changes and not self._stop.is_set():
                    self.heard.emit(changes)
        finally:
            self.listener.close()

    @Slot(object)
    def _on_heard(self, changes: OpChanges) -> None:
        self._hub.announce(changes)


def start_live_office(ctx: AppContext, parent: QObject | None = None) -> LiveOffice | None:
    """Start hearing the other PCs if this session's database is the office's; None for a file."""
    location = ctx.worker.location
    if not isinstance(location, OfficeUrl):
        return None
    live = LiveOffice(location, ctx.hub, parent, password=ctx.worker.password)
    live.start()
    return live


__all__ = ["WAIT_S", "LiveOffice", "start_live_office"]
