"""The editor's claim on the entry it has open: the other PCs show "düzenleniyor: ayse (PC-3)".

Claimed when the form opens on a saved entry the person may edit, renewed every
``presence.HEARTBEAT_S`` seconds while it stays open, released when it closes (a PC
that crashes leaves a claim that goes stale by itself). If someone else holds a live
claim on the same entry, the editor is told who, so it can say so above the form.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from koopbis_desktop.store import presence
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.presence import Presence
from koopbis_desktop.ui.context import AppContext

log = logging.getLogger(__name__)


class EditClaim(QObject):
    """Claim, heartbeat and release of one entry for one open editor (jobs on the DB worker)."""

    held_by_other = Signal(object)  # the Presence of someone else editing the entry, or None

    def __init__(self, ctx: AppContext, entry_uuid: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.entry_uuid = entry_uuid
        self.username = ctx.require_actor().username
        self.host = presence.THIS_HOST
        self.other: Presence | None = None
        self.active = False
        self._timer = QTimer(self)
        self._timer.setInterval(presence.HEARTBEAT_S * 1000)
        self._timer.timeout.connect(self.beat)

    def start(self) -> None:
        self.active = True
        self.beat()
        self._timer.start()

    def beat(self) -> None:
        uuid, username, host = self.entry_uuid, self.username, self.host

        def op(store: Store) -> Presence:
            return presence.heartbeat(store, uuid, username, host)

        self._ctx.worker.submit(op, self._guarded_claimed, self._guarded_failed, coalesce=f"claim-{id(self)}")

    def release(self) -> None:
        """The form closed: drop the claim (a job that outlives this object)."""
        if not self.active:
            return
        self.active = False
        self._timer.stop()
        uuid, username, host = self.entry_uuid, self.username, self.host
        self._ctx.worker.submit(lambda store: presence.release(store, uuid, username, host), None, _ignore)

    def _guarded_claimed(self, held: Presence) -> None:
        if shiboken6.isValid(self) and self.active:
            self.other = None if held.is_of(self.username, self.host) else held
            self.held_by_other.emit(self.other)

    def _guarded_failed(self, exc: BaseException) -> None:
        # Presence is a courtesy to the others; a failed claim must not disturb the form.
        log.info("claiming entry %s for editing failed: %s", self.entry_uuid, exc)


def _ignore(exc: BaseException) -> None:
    log.info("releasing an editing claim failed: %s", exc)


__all__ = ["EditClaim"]
