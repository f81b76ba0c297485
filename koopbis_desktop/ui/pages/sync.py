"""The Eşitleme page: what will go to KOOP-BİS, what waits and why, what went (with receipts).

A supervisor sees the replay plan (ready, waiting with the Turkish reason, in
flight), starts a sync or pauses it, follows its progress and reads the result
of the last run; everyone can list and export the receipts KOOP-BİS gave. The
network work runs on :class:`koopbis_desktop.ui.sync_runner.SyncRunner`'s own
thread; the page reads the database only through the DB worker.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
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
from koopbis_desktop.ui.models.entries import format_stamp
from koopbis_desktop.ui.sync_runner import SyncRunner, save_password
from koopbis_desktop.ui.text_table import Column, TextTableModel
from sync.executor import SyncProgress
from sync.overview import PlanRow, ReceiptRow, SyncOverview, load_overview, load_receipts
from sync.planner import ItemStatus
from sync.scheduler import STATUS_LABELS as RUN_LABELS
from sync.scheduler import AutoSyncConfig, Status, SyncOptions, SyncReport

_tr = QCoreApplication.translate

# The automatic sync starts this long after the page is first shown, so a window
# opened for a moment (or in a test) never starts network work.
AUTO_START_MS = 5000

RECEIPT_HEADERS = ("Kayıt", "KOOP-BİS alındı no", "Kayıt türü", "Kooperatif", "Aktarılma zamanı")


def receipts_csv(rows: list[ReceiptRow]) -> bytes:
    """UTF-8 with BOM, ``;``-separated, Turkish headers: Excel in a Turkish locale opens it right."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(RECEIPT_HEADERS)
    for row in rows:
        writer.writerow([row.uuid, row.receipt, row.type_label, row.cooperative, format_stamp(row.synced_at)])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def export_receipts(path: Path) -> Any:
    def op(store: Store) -> int:
        rows = load_receipts(store)
        tmp = path.with_name(path.name + ".partial")
        tmp.write_bytes(receipts_csv(rows))
        tmp.replace(path)
        return len(rows)

    return op


class PasswordDialog(QDialog):
    """Asks for the KOOP-BİS password; it stays in memory unless the person saves it to the keyring."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("KOOP-BİS parolası"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_check = QCheckBox(self.tr("Parolayı bu bilgisayarın güvenli parola deposuna &kaydet"))
        info = QLabel(
            self.tr("KOOP-BİS kullanıcısı {0} için parolayı girin. Parola veritabanına yazılmaz.").format(
                username
            )
        )
        info.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Parola:"), self.password_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.save_check)
        layout.addWidget(buttons)
        self.password_edit.setFocus()

    @property
    def password(self) -> str:
        return self.password_edit.text()


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
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner or SyncRunner(ctx.db_path, self)
        self.automatic = automatic
        self.overview: SyncOverview | None = None
        self._stale = False
        self._progress: SyncProgress | None = None
        self._asked_by_user = False
        self._auto_timer = QTimer(self)
        self._auto_timer.setSingleShot(True)
        self._auto_timer.timeout.connect(self.on_auto_timer_timeout)
        self.tray: QSystemTrayIcon | None = None

        title = QLabel(self.tr("Eşitleme"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("syncSummary")
        self.summary_label.setWordWrap(True)

        self.sync_action = QAction(self.tr("Şimdi &eşitle"), self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.on_sync_action_triggered)
        self.sync_button = QPushButton(self.tr("Şimdi &eşitle (Ctrl+Shift+S)"))
        self.sync_button.clicked.connect(self.sync_action.trigger)
        self.pause_button = QPushButton(self.tr("&Duraklat"))
        self.pause_button.clicked.connect(self.on_pause_button_clicked)
        self.refresh_button = QPushButton(self.tr("Planı &yenile"))
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
        self.receipt_model = TextTableModel(
            [
                Column(self.tr("Kayıt no"), lambda r: r.number or r.uuid[:8]),
                Column(self.tr("KOOP-BİS alındı no"), lambda r: r.receipt),
                Column(self.tr("Kayıt türü"), lambda r: r.type_label),
                Column(self.tr("Kooperatif"), lambda r: r.cooperative),
                Column(
                    self.tr("Aktarılma zamanı"), lambda r: format_stamp(r.synced_at), lambda r: r.synced_at
                ),
            ],
            parent=self,
        )
        self.receipt_view = self._table(self.receipt_model)
        self.receipt_view.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # newest first
        self.export_button = QPushButton(self.tr("CSV olarak &dışa aktar…"))
        self.export_button.clicked.connect(self.on_export_button_clicked)

        plan_tab = QWidget()
        plan_layout = QVBoxLayout(plan_tab)
        plan_layout.addWidget(self.counts_label)
        plan_layout.addWidget(self.plan_view, 1)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("planReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        plan_layout.addWidget(self.reason_label)
        self.plan_view.selectionModel().currentRowChanged.connect(self.on_plan_current_row_changed)
        receipt_tab = QWidget()
        receipt_layout = QVBoxLayout(receipt_tab)
        receipt_layout.addWidget(self.receipt_view, 1)
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
        self.addAction(self.sync_action)

        self.runner.started.connect(self.on_runner_started)
        self.runner.progressed.connect(self.on_runner_progressed)
        self.runner.reported.connect(self.on_runner_reported)
        self.runner.stopped.connect(self.on_runner_stopped)
        self.runner.password_needed.connect(self.on_runner_password_needed)
        self.runner.changed.connect(ctx.hub.announce)  # the sync thread's own writes
        ctx.hub.changed.connect(self.on_hub_changed)

        self._apply_role()
        self.refresh()

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
        return view

    # -- roles and buttons -------------------------------------------------------------------

    def _apply_role(self) -> None:
        running = self.runner.running
        allowed = self.ctx.is_supervisor
        self.sync_action.setEnabled(allowed and not running)
        self.sync_button.setEnabled(allowed and not running)
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
                if not running
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
        self.plan_model.set_rows(overview.plan)
        waiting = [i for i, r in enumerate(overview.plan) if r.reason]
        if waiting:
            self.plan_view.setCurrentIndex(self.plan_model.index(waiting[0], 0))
        else:
            self.reason_label.clear()
        self.receipt_model.set_rows(overview.receipts)
        header = self.receipt_view.horizontalHeader()
        self.receipt_model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        c = overview.counts
        self.counts_label.setText(
            self.tr(
                "Hazır: {0} · Yeniden denenecek: {1} · Bekleyen: {2} · Karar bekleyen: {3} · Gönderilmekte: {4}"
            ).format(c["ready"], c["waiting"], c["blocked"], c["held"], c["in_flight"])
        )
        self.tabs.setTabText(1, self.tr("&Alındılar ({0})").format(len(overview.receipts)))
        self.summary_label.setText(self._summary_text(overview))
        self.last_run_label.setText(self._last_run_text(overview.last_run))
        self.export_button.setEnabled(bool(overview.receipts))
        if not self.runner.running:
            self.status_changed.emit(self._idle_status_text(overview))

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

    def _days_to_go_live(self, overview: SyncOverview) -> int:
        return (overview.go_live - date.today()).days

    def _summary_text(self, overview: SyncOverview) -> str:
        days = self._days_to_go_live(overview)
        if days > 0:
            return self.tr(
                "KOOP-BİS {0} tarihinde açılacak ({1} gün kaldı). O güne kadar onaylı kayıtlar burada bekler; "
                "açılış günü kendiliğinden sırayla gönderilir."
            ).format(format_date(overview.go_live.isoformat()), days)
        waiting = sum(overview.counts.values())
        return self.tr(
            "KOOP-BİS açık. Gönderilecek ya da karar bekleyen {0} kayıt var; onaylanan kayıtlar birkaç dakikada "
            "bir kendiliğinden gönderilir."
        ).format(waiting)

    def _last_run_text(self, run: dict[str, Any] | None) -> str:
        if run is None:
            return self.tr("Son eşitleme: henüz yapılmadı.")
        summary = run.get("summary") or {}
        label = RUN_LABELS.get(str(run.get("status")), str(run.get("status")))
        when = format_stamp(str(run.get("finished_at") or run.get("started_at") or ""))
        return self.tr("Son eşitleme ({0}): {1}. {2}").format(when, label, summary.get("message", ""))

    def _idle_status_text(self, overview: SyncOverview) -> str:
        days = self._days_to_go_live(overview)
        if days > 0:
            return self.tr("KOOP-BİS açılışına {0} gün").format(days)
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

    def options(self) -> SyncOptions:
        settings = self.ctx.settings
        return SyncOptions(
            server_url=settings.get("server_url") or None, username=settings.get("server_username") or None
        )

    def _username(self) -> str:
        return self.ctx.settings.get("server_username") or "egitim"

    def on_sync_action_triggered(self) -> None:
        if not self.ctx.is_supervisor or self.runner.running:
            return
        self._asked_by_user = True
        self._start()

    def _start(self) -> None:
        options = self.options()
        if options.username is None:
            options.username = self._username()
        past_go_live = self.overview is not None and self._days_to_go_live(self.overview) <= 0
        if self.automatic and past_go_live:
            self.runner.start_automatic(options, AutoSyncConfig())
        else:
            self.runner.start_once(options)

    def on_pause_button_clicked(self) -> None:
        if not self.runner.running:
            return
        self.runner.pause()
        self.pause_button.setEnabled(False)
        self.progress_label.setText(self.tr("Duraklatılıyor; gönderilmekte olan istek bitince durur…"))

    def on_runner_started(self) -> None:
        self._progress = None
        self.progress.setRange(0, 0)  # busy until the first figures arrive
        self.progress_label.setText(self.tr("Eşitleme başladı; KOOP-BİS'e bağlanılıyor…"))
        self.status_changed.emit(self.tr("Eşitleniyor…"))
        self._apply_role()

    def on_runner_progressed(self, progress: SyncProgress) -> None:
        self._progress = progress
        self.progress.setTextVisible(True)
        self.progress.setRange(0, max(1, progress.total))
        self.progress.setValue(min(progress.done, progress.total))
        self.progress_label.setText(
            self.tr("{0} / {1} · aktarılan {2} · çakışma {3} · ret {4} · yeniden denenecek {5} — {6}").format(
                progress.done,
                progress.total,
                progress.applied,
                progress.conflicts,
                progress.rejected,
                progress.retrying,
                progress.message,
            )
        )
        self.status_changed.emit(self.tr("Eşitleniyor {0}/{1}").format(progress.done, progress.total))

    def on_runner_reported(self, report: SyncReport) -> None:
        if report.status == Status.BEFORE_GO_LIVE and not self._asked_by_user:
            return  # the automatic loop's countdown: nothing to announce
        label = RUN_LABELS.get(report.status, report.status)
        text = self.tr("Eşitleme bitti: {0}. {1}").format(label, report.message)
        self._notify(text)
        self.status_changed.emit(self.tr("Son eşitleme: {0}").format(label))
        self.run_finished.emit(report)
        self.refresh()

    def on_runner_stopped(self) -> None:
        self._asked_by_user = False
        self.progress.setRange(0, max(1, self._progress.total if self._progress else 1))
        self.progress.setValue(self._progress.done if self._progress else 0)
        if self._progress is None:
            self.progress_label.setText(self.tr("Eşitleme çalışmıyor."))
        self._apply_role()
        self.refresh()

    def on_runner_password_needed(self, username: str) -> None:
        if not self._asked_by_user or not self.ctx.is_supervisor:
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
        if self.automatic and not self.runner.running and not self._auto_timer.isActive():
            self._auto_timer.start(AUTO_START_MS)

    def start_automatic_soon(self, delay_ms: int = AUTO_START_MS) -> None:
        if self.automatic:
            self._auto_timer.start(delay_ms)

    def on_auto_timer_timeout(self) -> None:
        if self.runner.running or self.overview is None or self._days_to_go_live(self.overview) > 0:
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
        if (
            self.tray is None
            and QSystemTrayIcon.isSystemTrayAvailable()
            and QSystemTrayIcon.supportsMessages()
        ):
            self.tray = QSystemTrayIcon(self.window().windowIcon(), self)
            self.tray.setToolTip(self.tr("KOOP-BİS Masaüstü"))
        if self.tray is not None:
            self.tray.show()
            self.tray.showMessage(self.tr("KOOP-BİS eşitleme"), text)


__all__ = ["PasswordDialog", "SyncPage", "export_receipts", "load_overview", "receipts_csv"]
