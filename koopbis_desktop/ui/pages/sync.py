"""The Eşitleme page: what will go to KOOP-BİS, what waits and why, what went (with receipts).

A supervisor sees the replay plan (ready, waiting with the Turkish reason, in
flight), starts a sync or pauses it, follows its progress and reads the result
of the last run; everyone can list and export the receipts KOOP-BİS gave. The
network work runs on :class:`koopbis_desktop.ui.sync_runner.SyncRunner`'s own
thread; the page reads the database only through the DB worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSystemTrayIcon,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.validators import format_date
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.empty_state import EmptyState
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.koopbis_state import KoopbisStateModel
from koopbis_desktop.ui.models.entries import format_stamp
from koopbis_desktop.ui.models.keyset import PAGE_SIZE, KeysetSource, KeysetTableModel
from koopbis_desktop.ui.pages.sync_parts import PasswordDialog, export_receipts, receipts_csv
from koopbis_desktop.ui.sync_runner import SyncRunner, save_password
from koopbis_desktop.ui.text_table import Column, TextTableModel
from sync.overview import PlanRow, SyncOverview, count_receipts, load_overview, receipt_page
from sync.planner import ItemStatus
from sync.progress import SyncProgress
from sync.runs import STATUS_LABELS as RUN_LABELS
from sync.runs import AutoSyncConfig, Status, SyncOptions, SyncReport
from sync.status import end_of

_tr = QCoreApplication.translate

# The automatic sync starts this long after the page is first shown, so a window
# opened for a moment (or in a test) never starts network work.
AUTO_START_MS = 5000
# Signed in before KOOP-BİS's opening day: the automatic start looks at the date again this often,
# so that a window left open overnight starts on the day itself (and after a PC's sleep).
GO_LIVE_RECHECK_MS = 10 * 60 * 1000


MEASURED_ROWS = 50  # rows a column's width is measured on (ResizeToContents)


class SyncPage(QWidget):
    """The Eşitleme page. ``status_changed`` carries the short text for the main window's status bar."""

    status_changed = Signal(str)
    run_finished = Signal(object)  # SyncReport

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        runner: SyncRunner | None = None,
        automatic: bool = True,
        receipts_page_size: int = PAGE_SIZE,
        plan_at_once: bool = True,
        koopbis: KoopbisStateModel | None = None,
        sync_action: QAction | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner or SyncRunner(
            ctx.location, self, key_source=lambda: ctx.db_key, db_password_source=lambda: ctx.db_password
        )
        self.automatic = automatic
        self.overview: SyncOverview | None = None
        self._stale = False
        self._progress: SyncProgress | None = None
        self._asked_by_user = False
        # The automatic loop reported a round and waits for the next (KOOP-BİS's Retry-After in
        # maintenance, minutes otherwise): nothing is being sent, "Şimdi eşitle" starts it now.
        self._between_rounds = False
        # The KOOP-BİS address and account the running sync talks to (None: not running), and
        # whether it is being stopped to start again with new ones.
        self._running_server: tuple[str | None, str] | None = None
        self._restart_when_stopped = False
        self.today: Callable[[], date] = date.today  # the day the window believes it is (tests set it)
        self._auto_timer = QTimer(self)
        self._auto_timer.setSingleShot(True)
        self._auto_timer.timeout.connect(self.on_auto_timer_timeout)
        self.tray: QSystemTrayIcon | None = None  # the window's SyncTray shows run ends now
        # The one KOOP-BİS state of the window: the page, banner, status bar and tray read it.
        # The window's KOOP-BİS state and "Şimdi eşitle" when it has them (it does before this
        # page is first shown); a page of its own makes both.
        self.koopbis = koopbis or KoopbisStateModel(ctx, _go_live_of(ctx), self)
        self.koopbis.changed.connect(self.on_koopbis_changed)

        title = QLabel(self.tr("Eşitleme"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("syncSummary")
        self.summary_label.setWordWrap(True)

        own_action = sync_action is None
        if sync_action is None:
            sync_action = QAction(self.tr("Şimdi &eşitle"), self)
            sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
            sync_action.triggered.connect(self.on_sync_action_triggered)
        self.sync_action = sync_action
        self.sync_button = QPushButton(self.tr("Şimdi &eşitle (Ctrl+Shift+S)"))
        self.sync_button.clicked.connect(self.sync_action.trigger)
        self.pause_button = QPushButton(self.tr("D&uraklat"))
        self.pause_button.clicked.connect(self.on_pause_button_clicked)
        self.refresh_button = QPushButton(self.tr("Planı ye&nile"))
        self.refresh_button.clicked.connect(self.refresh)
        # Go-live day without an API: the same queue typed into KOOP-BİS's web pages.
        self.manual_button = QPushButton(self.tr("KOOP-BİS'e e&lle aktarım…"))
        self.manual_button.setObjectName("manualButton")
        self.manual_button.clicked.connect(self.on_manual_button_clicked)
        self.receipts_print_button = QPushButton(self.tr("Alındı &fiş listesi…"))
        self.receipts_print_button.setObjectName("receiptsPrintButton")
        self.receipts_print_button.setToolTip(
            self.tr("KOOP-BİS'e aktarılan kayıtların alındı numaraları (baskı önizleme).")
        )
        self.receipts_print_button.clicked.connect(self.on_receipts_print_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.manual_button)
        buttons.addWidget(self.receipts_print_button)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v / %m"))
        self.progress.setTextVisible(False)  # no figures before a run
        self.progress_label = QLabel(self.tr("Eşitleme çalışmıyor."))
        self.progress_label.setObjectName("syncProgress")
        # A long sentence wraps inside the page; it never widens the window.
        self.progress_label.setWordWrap(True)
        self.progress_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.last_run_label = QLabel()
        self.last_run_label.setObjectName("syncLastRun")
        self.last_run_label.setWordWrap(True)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("syncNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("QLabel#syncNotice { color: #1f4e79; }")
        self.notice_label.hide()

        self.counts_label = QLabel()
        self.plan_model = TextTableModel(
            [
                Column(self.tr("Durum"), lambda r: r.status_label),
                Column(self.tr("Kayıt türü"), lambda r: r.type_label),
                Column(self.tr("Kooperatif"), lambda r: r.cooperative),
                Column(self.tr("Yürürlük"), lambda r: r.effective_date),
                Column(self.tr("Kayıt no"), lambda r: r.number or r.uuid[:8]),
                Column(self.tr("Neden bekliyor"), lambda r: r.reason),
            ],
            parent=self,
            highlighted=lambda r: r.status in (ItemStatus.BLOCKED.value, ItemStatus.HELD.value),
        )
        self.plan_view = self._table(self.plan_model)
        self.plan_view.setSortingEnabled(False)  # the plan's order is the replay order
        self.plan_empty = EmptyState(
            self.plan_view,
            self.tr(
                "Gönderilecek kayıt yok. Şefin onayladığı kayıtlar burada KOOP-BİS'e gönderilecekleri sırayla görünür."
            ),
        )
        # Receipts newest first, a keyset page at a time: up to 100,000 synced entries.
        self.receipt_model = KeysetTableModel(
            ctx,
            [
                Column(self.tr("Kayıt no"), lambda r: r.number or r.uuid[:8]),
                Column(self.tr("KOOP-BİS alındı no"), lambda r: r.receipt),
                Column(self.tr("Kayıt türü"), lambda r: r.type_label),
                Column(self.tr("Kooperatif"), lambda r: r.cooperative),
                Column(
                    self.tr("Aktarılma zamanı"), lambda r: format_stamp(r.synced_at), lambda r: r.synced_at
                ),
            ],
            page_size=receipts_page_size,
            parent=self,
        )
        self.receipt_model.set_source(
            KeysetSource(
                lambda store, after, limit: receipt_page(store, limit=limit, after=after),
                lambda row: row.page_key,
                count_receipts,
            ),
            load=False,  # with the overview, below
        )
        self.receipt_model.loaded.connect(self.on_receipts_loaded)
        self.receipt_model.failed.connect(self.on_receipts_failed)
        self.receipt_view = self._table(self.receipt_model)
        # The order pages are read in (newest first): sorting the rows read so far would misplace
        # the pages still to come.
        self.receipt_view.setSortingEnabled(False)
        self.receipt_view.horizontalHeader().setSortIndicator(4, Qt.SortOrder.DescendingOrder)
        self.export_button = QPushButton(self.tr("CSV olarak &dışa aktar…"))
        self.export_button.clicked.connect(self.on_export_button_clicked)

        plan_tab = QWidget()
        plan_layout = QVBoxLayout(plan_tab)
        plan_layout.addWidget(self.counts_label)
        plan_layout.addWidget(self.plan_view, 1)
        self.plan_empty_label = QLabel(
            self.tr(
                "Gönderilecek kayıt yok. Şefin onayladığı kayıtlar burada gönderilme sırasıyla listelenir; "
                "KOOP-BİS açıkken kendiliğinden gönderilir. Onay bekleyen kayıtlar için Onay bekleyenler "
                "sayfasına bakın."
            )
        )
        self.plan_empty_label.setObjectName("planEmpty")
        self.plan_empty_label.setWordWrap(True)
        plan_layout.addWidget(self.plan_empty_label)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("planReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        plan_layout.addWidget(self.reason_label)
        self.plan_view.selectionModel().currentRowChanged.connect(self.on_plan_current_row_changed)
        receipt_tab = QWidget()
        receipt_layout = QVBoxLayout(receipt_tab)
        receipt_layout.addWidget(self.receipt_view, 1)
        self.receipts_empty_label = QLabel(
            self.tr(
                "Henüz KOOP-BİS'e aktarılan kayıt yok. Eşitleme bir kaydı aktardığında KOOP-BİS'in verdiği "
                "alındı numarası burada görünür."
            )
        )
        self.receipts_empty_label.setObjectName("receiptsEmpty")
        self.receipts_empty_label.setWordWrap(True)
        receipt_layout.addWidget(self.receipts_empty_label)
        export_row = QHBoxLayout()
        export_row.addStretch(1)
        export_row.addWidget(self.export_button)
        receipt_layout.addLayout(export_row)
        self.tabs = QTabWidget()
        self.tabs.addTab(plan_tab, self.tr("&Plan"))
        self.tabs.addTab(receipt_tab, self.tr("&Alındılar"))

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.last_run_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.tabs, 1)
        if own_action:
            self.addAction(self.sync_action)

        # The state model first, so every slot below reads the updated state.
        self.runner.started.connect(self.koopbis.on_run_started)
        self.runner.progressed.connect(self.koopbis.on_progress)
        self.runner.reported.connect(self.koopbis.on_report)
        self.runner.stopped.connect(self.koopbis.on_stopped)
        self.runner.started.connect(self.on_runner_started)
        self.runner.progressed.connect(self.on_runner_progressed)
        self.runner.reported.connect(self.on_runner_reported)
        self.runner.stopped.connect(self.on_runner_stopped)
        self.runner.password_needed.connect(self.on_runner_password_needed)
        self.runner.changed.connect(ctx.hub.announce)  # the sync thread's own writes
        ctx.hub.changed.connect(self.on_hub_changed)
        ctx.hub.koopbis_password_saved.connect(self.on_koopbis_password_saved)

        self._apply_role()
        if plan_at_once:
            self.refresh()
        else:
            # The main window's page: the plan (every approved entry, hundreds of milliseconds at
            # tens of thousands) is read when the page is first shown; nothing else waits for it.
            self._stale = True
        self.koopbis.refresh_counts()

    def _table(self, model: TextTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSortingEnabled(True)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Widths from the first rows, not Qt's default first 1,000: measuring those took about
        # a second on the UI thread when a start loaded a plan of thousands of entries.
        header.setResizeContentsPrecision(MEASURED_ROWS)
        return view

    # -- roles and buttons -------------------------------------------------------------------

    def _apply_role(self) -> None:
        running = self.runner.running
        sending = running and not self._between_rounds
        allowed = self.ctx.is_supervisor
        self.sync_action.setEnabled(allowed and not sending)
        self.sync_button.setEnabled(allowed and not sending)
        self.pause_button.setEnabled(allowed and running)
        self.manual_button.setEnabled(allowed)
        self.manual_button.setToolTip(
            self.tr("Onaylı kayıtları KOOP-BİS web sayfasına elle girmek için, sırayla, alan alan.")
            if allowed
            else self.tr("KOOP-BİS'e elle aktarımı yalnızca şefler yapar.")
        )
        if not allowed:
            why = self.tr("Eşitlemeyi yalnızca şefler başlatır ya da duraklatır.")
            self.sync_button.setToolTip(why)
            self.pause_button.setToolTip(why)
        else:
            self.sync_button.setToolTip(
                self.tr("Onaylı kayıtları şimdi KOOP-BİS'e gönderir.")
                if not sending
                else self.tr("Eşitleme sürüyor.")
            )
            self.pause_button.setToolTip(
                self.tr("Eşitlemeyi iki istek arasında durdurur; kalan kayıtlar sonra gönderilir.")
                if running
                else self.tr("Duraklatılacak bir eşitleme yok.")
            )

    def on_manual_button_clicked(self) -> None:
        from koopbis_desktop.ui.manual_assistant import open_assistant

        open_assistant(self.ctx, self)

    def on_receipts_print_button_clicked(self) -> None:
        from koopbis_desktop.services import reports

        province = self.ctx.province_code
        self.ctx.worker.submit(
            lambda store: reports.receipts_report(store, province),
            self.on_receipts_report_loaded,
            self.on_worker_failed,
        )

    def on_receipts_report_loaded(self, report: Any) -> None:
        from koopbis_desktop.ui.printing import show_preview

        show_preview(self, report)

    def focus_first(self) -> None:
        (self.sync_button if self.sync_button.isEnabled() else self.plan_view).setFocus()

    # -- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ctx.worker.submit(
            load_overview, self.on_overview_loaded, self.on_worker_failed, coalesce="sync-page"
        )

    def on_hub_changed(self, changes: OpChanges) -> None:
        if changes.settings:
            self._follow_server_settings()
            self.refresh()
            return
        if not changes.entries or self.runner.running:
            return
        if not self.isVisible():
            # Rebuilding the plan of thousands of entries after every save would stall
            # the clerk's form; a hidden page catches up when it is shown.
            self._stale = True
            return
        self.refresh()

    def on_overview_loaded(self, overview: SyncOverview) -> None:
        self.overview = overview
        if overview.go_live != self.koopbis.status.go_live:  # the settings' date changed meanwhile
            self.koopbis.set_go_live(overview.go_live)
        current = self.plan_view.currentIndex()
        chosen = self.plan_model.row_at(current.row()).uuid if current.isValid() else None
        self.plan_model.set_rows(overview.plan)
        self.plan_empty_label.setVisible(not overview.plan)
        # The entry the supervisor chose stays chosen when the plan is read again (a write here
        # or on another PC); else the first one that waits, with its reason.
        kept = [i for i, r in enumerate(overview.plan) if r.uuid == chosen]
        waiting = kept or [i for i, r in enumerate(overview.plan) if r.reason]
        if waiting:
            self.plan_view.setCurrentIndex(self.plan_model.index(waiting[0], 0))
        else:
            self.reason_label.clear()
        self.receipt_model.reload()
        c = overview.counts
        # "Karar bekleyen" is the window's one figure (conflicts + old refusals), as in the status bar.
        decisions = overview.states.get("conflict", 0) + overview.states.get("rejected", 0)
        self.counts_label.setText(
            self.tr(
                "Hazır: {0} · Yeniden denenecek: {1} · Bekleyen: {2} · Karar bekleyen: {3} · Gönderilmekte: {4}"
            ).format(c["ready"], c["waiting"], c["blocked"], decisions, c["in_flight"])
        )
        self.summary_label.setText(self._summary_text(overview))
        self.koopbis.on_counts_loaded(overview.states)
        self.last_run_label.setText(self._last_run_text(overview))
        if not self.runner.running:
            self.status_changed.emit(self._idle_status_text(overview))

    def on_receipts_loaded(self) -> None:
        total = self.receipt_model.total
        self.receipts_empty_label.setVisible(not total)
        self.tabs.setTabText(1, self.tr("&Alındılar ({0})").format(total))
        self.export_button.setEnabled(bool(total))

    def on_receipts_failed(self, message: str) -> None:
        self._notify(message)

    def on_plan_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.reason_label.clear()
            return
        row: PlanRow = self.plan_model.row_at(current.row())
        self.reason_label.setText(
            self.tr("{0} ({1}): {2}").format(
                row.type_label, row.number or row.uuid[:8], row.reason or row.status_label
            )
        )

    def _days_to_go_live(self) -> int:
        # The window's one go-live date (the settings'), known before any plan is read.
        return (self.koopbis.status.go_live - self.today()).days

    def on_koopbis_changed(self, _status: object) -> None:
        if self.overview is not None:
            self.summary_label.setText(self._summary_text(self.overview))

    def _summary_text(self, overview: SyncOverview) -> str:
        sentence = self.koopbis.status.banner()
        if sentence is not None:
            return sentence  # KOOP-BİS has answered: its words, as on the banner
        days = self._days_to_go_live()
        if days > 0:
            return self.tr(
                "KOOP-BİS {0} tarihinde açılacak ({1} gün kaldı). O güne kadar onaylı kayıtlar burada bekler; "
                "açılış günü kendiliğinden sırayla gönderilir."
            ).format(format_date(overview.go_live.isoformat()), days)
        waiting = sum(overview.counts.values())
        return self.tr(
            # Nobody has asked KOOP-BİS yet (its answer would be the sentence above): say so, not "open".
            "KOOP-BİS'in açılış tarihi geçti; ondan henüz yanıt alınmadı. Gönderilecek ya da karar bekleyen {0} "
            "kayıt var; onaylanan kayıtlar birkaç dakikada bir kendiliğinden gönderilir."
        ).format(waiting)

    def _last_run_text(self, overview: SyncOverview) -> str:
        run = overview.last_run
        if run is None:
            text = self.tr("Son eşitleme: henüz yapılmadı.")
        else:
            summary = run.get("summary") or {}
            label = RUN_LABELS.get(str(run.get("status")), str(run.get("status")))
            when = format_stamp(str(run.get("finished_at") or run.get("started_at") or ""))
            text = self.tr("Son eşitleme ({0}): {1}. {2}").format(when, label, summary.get("message", ""))
        elsewhere = self._elsewhere_text(overview)
        return f"{elsewhere}\n{text}" if elsewhere else text

    def _elsewhere_text(self, overview: SyncOverview) -> str:
        """A sync running now that is not this window's own (another PC, a scheduled task)."""
        running = overview.in_progress
        if running is None or self.runner.running:
            return ""
        started = format_stamp(str(running.get("started_at") or ""))
        if running.get("here"):
            return self.tr(
                "Şu an bu bilgisayarda başka bir eşitleme sürüyor ({0} başladı); kayıtları o gönderiyor."
            ).format(started)
        return self.tr(
            "Şu an {0} bilgisayarında başka bir eşitleme sürüyor ({1} başladı); ofisin kayıtlarını o gönderiyor."
        ).format(str(running.get("host") or ""), started)

    def _idle_status_text(self, overview: SyncOverview) -> str:
        days = self._days_to_go_live()
        if days > 0:
            return self.tr("KOOP-BİS açılışına {0} gün").format(days)
        running = overview.in_progress
        if running is not None:
            if running.get("here"):
                return self.tr("Bu bilgisayarda başka bir eşitleme sürüyor")
            return self.tr("Eşitleme {0} bilgisayarında sürüyor").format(str(running.get("host") or ""))
        run = overview.last_run
        if run is None:
            return self.tr("Eşitleme henüz yapılmadı")
        label = RUN_LABELS.get(str(run.get("status")), str(run.get("status")))
        return self.tr("Son eşitleme: {0} ({1})").format(
            label, format_stamp(str(run.get("finished_at") or ""))
        )

    def on_worker_failed(self, exc: BaseException) -> None:
        self._notify(user_message(exc))

    # -- running ----------------------------------------------------------------------------

    def _follow_server_settings(self) -> None:
        """The settings changed (here or on another PC): a running sync that talks to another
        KOOP-BİS address or account than the settings now name stops and starts again with them."""
        if self._running_server is None:
            return

        def op(store: Store) -> dict[str, str]:
            from koopbis_desktop.services import settings

            return {key: settings.get(store, key) for key in ("server_url", "server_username")}

        self.ctx.worker.submit(
            op, self._on_server_settings_loaded, self.on_worker_failed, coalesce="sync-server-settings"
        )

    def _on_server_settings_loaded(self, values: dict[str, str]) -> None:
        self.ctx.settings.update(values)
        running = self._running_server
        if running is None or not self.runner.running:
            return
        now = self._server_of(self.options())
        if now == running:
            return
        if now[1] != running[1]:
            self.runner.forget_password()  # the password was the other account's
        self._restart_when_stopped = True
        self.runner.pause()
        self._notify(
            self.tr(
                "KOOP-BİS sunucu ayarları değişti ({0}, {1}); eşitleme yeni ayarlarla yeniden başlatılıyor. "
                "Gönderilmekte olan istek bitince durur, hiçbir kayıt kaybolmaz."
            ).format(now[0] or "-", now[1])
        )

    def _server_of(self, options: SyncOptions) -> tuple[str | None, str]:
        return options.server_url, options.username or self._username()

    def options(self) -> SyncOptions:
        settings = self.ctx.settings
        return SyncOptions(
            server_url=settings.get("server_url") or None, username=settings.get("server_username") or None
        )

    def _username(self) -> str:
        return self.ctx.settings.get("server_username") or "egitim"

    def on_sync_action_triggered(self) -> None:
        if not self.ctx.is_supervisor:
            return
        if self.runner.running:
            if self._between_rounds and self.runner.automatic:
                # The loop waits (KOOP-BİS in maintenance may open early): its next round now.
                self._asked_by_user = True
                self._between_rounds = False
                self.progress.setRange(0, 0)
                self.progress_label.setText(self.tr("Eşitleme başladı; KOOP-BİS'e bağlanılıyor…"))
                self._apply_role()
                self.runner.poke()
            return
        self._asked_by_user = True
        self.koopbis.set_paused(False)
        self._start()

    def _start(self) -> None:
        options = self.options()
        if options.username is None:
            options.username = self._username()
        self._running_server = self._server_of(options)
        past_go_live = self._days_to_go_live() <= 0
        if self.automatic and past_go_live:
            self.runner.start_automatic(options, AutoSyncConfig())
        else:
            self.runner.start_once(options)

    def on_pause_button_clicked(self) -> None:
        if not self.runner.running:
            return
        # Paused until someone presses "Şimdi eşitle": showing the page again, a password saved in
        # Ayarlar or the sign-in's timer do not start it again (they did, and the banner still said
        # the entries went by themselves).
        self._auto_timer.stop()
        self.koopbis.set_paused(True)
        self.runner.pause()
        self.pause_button.setEnabled(False)
        self.progress_label.setText(self.tr("Duraklatılıyor; gönderilmekte olan istek bitince durur…"))

    def on_runner_started(self) -> None:
        self._between_rounds = False
        self._progress = None
        self.progress.setRange(0, 0)  # busy until the first figures arrive
        self.progress_label.setText(self.tr("Eşitleme başladı; KOOP-BİS'e bağlanılıyor…"))
        self.status_changed.emit(self.tr("Eşitleniyor…"))
        self._apply_role()

    def on_runner_progressed(self, progress: SyncProgress) -> None:
        if self._between_rounds:
            self._between_rounds = False  # the loop's next round began
            self._apply_role()
        self._progress = progress
        self.progress.setTextVisible(True)
        self.progress.setRange(0, max(1, progress.total))
        # The bar counts what the figures beside it count: entries answered, final or "try again".
        self.progress.setValue(min(progress.handled, progress.total))
        self.progress_label.setText(
            self.tr("{0} / {1} · aktarılan {2} · çakışma {3} · ret {4} · yeniden denenecek {5} — {6}").format(
                progress.handled,
                progress.total,
                progress.applied,
                progress.conflicts,
                progress.rejected,
                progress.retrying,
                progress.message,
            )
        )
        self.status_changed.emit(self.tr("Eşitleniyor {0}/{1}").format(progress.handled, progress.total))

    def on_runner_reported(self, report: SyncReport) -> None:
        if report.status == Status.BEFORE_GO_LIVE and not self._asked_by_user:
            return  # the automatic loop's countdown: nothing to announce
        end = end_of(report)
        label = end.label
        result = report.result
        if result.total:
            self.progress.setTextVisible(True)
            self.progress.setRange(0, result.total)
            self.progress.setValue(min(result.handled, result.total))
            self.progress_label.setText(
                self.tr("{0} / {1} · {2}: {3}").format(result.handled, result.total, label, end.summary)
            )
        else:
            # Nothing was sent (maintenance, no answer, nothing to send): the bar stops its "busy"
            # run and the line says how the round ended, not "bağlanılıyor" for ever.
            self.progress.setTextVisible(False)
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress_label.setText(end.sentence)
        if self.runner.automatic:
            self._between_rounds = True
            self._asked_by_user = False
        self._apply_role()
        text = (
            self.tr("Eşitleme bitti: {0}").format(end.summary)
            if end.summary.startswith(label)  # said once: "KOOP-BİS bakımda (…); bakım bitince …"
            else self.tr("Eşitleme bitti: {0}. {1}").format(label, end.summary)
        )
        self._notify(text)
        self.status_changed.emit(self.tr("Son eşitleme: {0}").format(label))
        self.run_finished.emit(report)
        self.refresh()

    def on_runner_stopped(self) -> None:
        self._between_rounds = False
        self._running_server = None
        if self._restart_when_stopped:
            self._restart_when_stopped = False
            QTimer.singleShot(0, self, self._restart_with_new_settings)
        self._asked_by_user = False
        if self.koopbis.status.paused:  # the bar keeps how far the run got
            self.progress_label.setText(
                self.tr("Eşitleme duraklatıldı; sürdürmek için Şimdi eşitle'ye basın (Ctrl+Shift+S).")
            )
        elif self._progress is None:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress_label.setText(self.tr("Eşitleme çalışmıyor."))
        self._apply_role()
        self.refresh()

    def on_runner_password_needed(self, username: str) -> None:
        if not self._asked_by_user or not self.ctx.is_supervisor:
            if self.runner.login_refused:
                self._notify(
                    self.tr(
                        "KOOP-BİS parolayı reddetti; hesabı kilitletmemek için otomatik eşitleme aynı parolayla "
                        'yeniden denemiyor. Bir şef "Şimdi eşitle" ile doğru parolayı girebilir ya da Ayarlar\'da '
                        "yenisini kaydedebilir."
                    )
                )
                return
            self._notify(
                self.tr(
                    'KOOP-BİS parolası kayıtlı değil; otomatik eşitleme yapılamıyor. Bir şef "Şimdi eşitle" ile '
                    "parolayı girebilir."
                )
            )
            return
        dialog = PasswordDialog(username, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.password:
            self._notify(self.tr("Parola girilmedi; eşitleme başlatılmadı."))
            return
        self.runner.remember_password(dialog.password)
        if dialog.save_check.isChecked() and not save_password(username, dialog.password):
            self._notify(
                self.tr(
                    "Bu bilgisayarda güvenli parola deposu yok; parola yalnızca bu oturumda hatırlanacak."
                )
            )
        QTimer.singleShot(0, self, self._restart_after_password)  # not after the page is deleted

    def _restart_with_new_settings(self) -> None:
        if not self.runner.running:
            self._start()

    def _restart_after_password(self) -> None:
        if not self.runner.running:
            self._asked_by_user = True
            self._start()

    def poke(self) -> None:
        """An entry was approved: the automatic sync (if running) sends it soon."""
        self.runner.poke()

    def shutdown(self) -> None:
        """The window closes: stop between two requests (nothing is lost either way)."""
        self._auto_timer.stop()
        self.runner.pause()

    # -- automatic start -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()
        if (
            self.automatic
            and not self.runner.running
            and not self.runner.login_refused  # never the refused password again by itself
            and not self.koopbis.status.paused
            and not self._auto_timer.isActive()
        ):
            self._auto_timer.start(AUTO_START_MS)

    def on_koopbis_password_saved(self, _username: str) -> None:
        """A new KOOP-BİS password in Ayarlar: the automatic sync, stopped by a refused one, starts again."""
        self.runner.forget_password()  # one typed this session would win over the keyring's
        if not self.runner.running:
            self.start_automatic_soon(0)

    def start_automatic_soon(self, delay_ms: int = AUTO_START_MS) -> None:
        if self.automatic and not self.runner.login_refused and not self.koopbis.status.paused:
            self._auto_timer.start(delay_ms)

    def on_auto_timer_timeout(self) -> None:
        if self.runner.running:
            return
        if self._days_to_go_live() > 0:
            # Not yet: look again (before, a window signed in on the eve of the opening day and
            # left open synced nothing on the day until someone signed in again).
            self._auto_timer.start(GO_LIVE_RECHECK_MS)
            return
        self._start()

    # -- receipts export ------------------------------------------------------------------------

    def on_export_button_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Alındıları dışa aktar"),
            str(Path.home() / "koopbis-alindilar.csv"),
            self.tr("CSV dosyası (*.csv)"),
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        self.ctx.worker.submit(
            export_receipts(path),
            lambda count: self._notify(self.tr("{0} alındı {1} dosyasına yazıldı.").format(count, str(path))),
            self.on_worker_failed,
        )

    # -- notifications -------------------------------------------------------------------------

    def _notify(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.show()
        self.ctx.hub.message.emit(text)


def _go_live_of(ctx: AppContext) -> date:
    try:
        return date.fromisoformat(ctx.settings.get("go_live", "2015-03-12"))
    except ValueError:
        return date(2015, 3, 12)


__all__ = ["PasswordDialog", "SyncPage", "export_receipts", "load_overview", "receipts_csv"]
