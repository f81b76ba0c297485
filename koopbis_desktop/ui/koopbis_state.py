"""The one KOOP-BİS state object of a signed-in window, and the tray that shows it.

:class:`KoopbisStateModel` holds the Qt-free :class:`sync.status.KoopbisStatus`
and replaces it on every server answer, run start, progress and count refresh;
the banner, the status bar, the Eşitleme page and the tray all draw from
``model.status``, so they cannot disagree. The counts come from one query
(``queries.queue_counts``) on the DB worker.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from koopbis_desktop.services import queries
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.sync_state import last_run
from koopbis_desktop.ui.context import AppContext
from sync import status as koopbis

# The sync engine's modules load when a run begins (its reports and progress come from it),
# not at every start with the status bar.
if TYPE_CHECKING:
    from sync.progress import SyncProgress
    from sync.runs import SyncReport


class KoopbisStateModel(QObject):
    """KOOP-BİS's state for one window; ``changed`` carries the new :class:`KoopbisStatus`."""

    changed = Signal(object)
    run_ended = Signal(object, object)  # SyncReport, sync.status.RunEnd

    def __init__(self, ctx: AppContext, go_live: date, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status = koopbis.initial(go_live)
        ctx.hub.changed.connect(self.on_hub_changed)

    def _set(self, status: koopbis.KoopbisStatus) -> None:
        self.status = status
        self.changed.emit(status)

    # -- fed by the sync runner -----------------------------------------------------------

    def on_run_started(self) -> None:
        self._set(koopbis.run_started(self.status))

    def on_progress(self, progress: SyncProgress) -> None:
        self._set(koopbis.run_progressed(self.status, progress.handled, progress.total))

    def on_report(self, report: SyncReport) -> None:
        # A report ends one run; the automatic loop's next run shows itself by its progress.
        result = report.result
        end = koopbis.end_of(report)
        if result.total or report.server is not None:
            self.run_ended.emit(report, end)

        def ended(loaded: tuple[dict[str, int], dict[str, Any] | None]) -> None:
            # The run's end shows with the counts it left: "KOOP-BİS açık" beside the counts
            # from before the run would say the entries just sent still wait.
            self._set(koopbis.run_ended(koopbis.with_answer(self.status, report.server)))
            self.on_loaded(loaded)

        self.ctx.worker.submit(load_counts_and_last_run, ended)  # never coalesced: it ends the run

    def on_stopped(self) -> None:
        self._set(koopbis.run_ended(self.status))
        self.refresh_counts()

    def set_paused(self, paused: bool) -> None:
        self._set(koopbis.with_paused(self.status, paused))

    def set_go_live(self, go_live: date) -> None:
        self._set(koopbis.with_go_live(self.status, go_live))

    # -- counts ---------------------------------------------------------------------------

    def refresh_counts(self) -> None:
        self.ctx.worker.submit(load_counts_and_last_run, self.on_loaded, coalesce="koopbis-counts")

    def on_loaded(self, loaded: tuple[dict[str, int], dict[str, Any] | None]) -> None:
        counts, run = loaded
        # A window that does not sync itself (a clerk's) learns KOOP-BİS's state from the last run.
        status = koopbis.with_recorded(self.status, koopbis.answer_of_run(run))
        self._set(koopbis.with_counts(status, counts))

    def on_counts_loaded(self, counts: dict[str, int]) -> None:
        self._set(koopbis.with_counts(self.status, counts))

    def on_hub_changed(self, changes: OpChanges) -> None:
        if changes.entries:  # the status bar's counts and "karar bekleyen" follow every write
            self.refresh_counts()


def load_counts_and_last_run(store: Store) -> tuple[dict[str, int], dict[str, Any] | None]:
    """The entries per state (the one count query every screen shows) and the last sync run."""
    return queries.queue_counts(store), last_run(store)


class SyncTray(QObject):
    """The tray icon: KOOP-BİS's state as its tooltip, a message when a run ends or needs a decision.

    Only where the desktop has a tray (offscreen and some Linux desktops have none);
    the texts come from :mod:`sync.status`, which the tests check without a tray.
    """

    def __init__(self, model: KoopbisStateModel, window: QWidget, icon: QIcon) -> None:
        super().__init__(window)
        self.window = window
        self.icon: QSystemTrayIcon | None = None
        self.last_message: str | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(icon, self)
            self.icon.activated.connect(self.on_icon_activated)
            self.icon.show()
        model.changed.connect(self.on_state_changed)
        model.run_ended.connect(self.on_run_ended)
        self.on_state_changed(model.status)

    def on_state_changed(self, status: koopbis.KoopbisStatus) -> None:
        if self.icon is not None:
            self.icon.setToolTip(status.tray_text())

    def on_run_ended(self, report: SyncReport, end: koopbis.RunEnd) -> None:
        text = koopbis.notification(end, report.status)
        if text is None:
            return
        self.last_message = text
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(self.tr("KOOP-BİS eşitleme"), text)

    def notify(self, title: str, text: str) -> None:
        """A message that is not about a sync run (one's entry was returned)."""
        self.last_message = text
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, text)

    def on_icon_activated(self, _reason: QSystemTrayIcon.ActivationReason) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()


__all__ = ["KoopbisStateModel", "SyncTray"]
