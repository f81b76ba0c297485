"""Menu actions for data leaving or entering in bulk: member lists, exports, the support bundle.

The main window only hands its menus over (:func:`install_data_actions`); the
actions find out what to do from the page on screen: a queue page exports its
current filter, the audit page its trail. Files are chosen with the platform's
file dialog — replaceable through :attr:`DataActions.ask_save_path` so tests can
answer it. An export is read on a connection of its own beside the DB worker
(``DbWorker.submit_apart``: 50,000 entries take most of a minute, and the lists, saves
and autosaves go on meanwhile), with a progress window whose Vazgeç stops it leaving
no file behind; one export at a time. The support bundle is written on the worker.
The result comes back as a status bar sentence or a Turkish error box.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QLocale, QObject, QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QProgressDialog, QWidget

from koopbis_desktop.services.queries import AuditFilter, EntryFilter
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.list_loader import choose_and_load, may_load_list

# The exports (openpyxl), the support bundle and the import dialog (the spreadsheet readers)
# load when their menu item is first used: the window is drawn without them.
if TYPE_CHECKING:
    from koopbis_desktop.services import exports
    from koopbis_desktop.store.db import Store
    from koopbis_desktop.ui.import_dialog import MemberImportDialog

AskSavePath = Callable[[QWidget, str, str, str], str | None]

# An export's progress window shows once it has run this long (a short one ends unseen).
SHOW_PROGRESS_AFTER_MS = 400


def _ask_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> str | None:
    # Named here: PySide6 sets a Qt class up (its enums) on first use, and the menus that
    # lead here are built at every start.
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested), filters)
    return name or None


def with_suffix(path: Path, suffixes: tuple[str, ...]) -> Path:
    """``path`` if it ends in one of ``suffixes``, else with the first added: a name typed with
    a date in it ("Kayıtlar 04.03.2015") keeps every part (``Path.with_suffix`` would cut ".2015")."""
    if path.suffix.lower() in suffixes:
        return path
    return path.with_name(path.name + suffixes[0])


class DataActions(QObject):
    """ "Ortak listesi yükle…", "Kooperatif listesini yükle…", "Dışa aktar…", "Denetim izini dışa aktar…",
    "Destek paketi oluştur…"."""

    exported = Signal(object)  # the written Path
    _counted = Signal(int)  # from the export's thread: rows it will write
    _written = Signal(int)  # from the export's thread: rows written so far

    def __init__(self, window: QMainWindow, ctx: AppContext, pages: dict[str, QWidget]) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.pages = pages
        self.ask_save_path: AskSavePath = _ask_save_path
        self.import_dialog: MemberImportDialog | None = None
        self.import_action = QAction(self.tr("Ortak &listesi yükle…"), window)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.setEnabled(not ctx.is_admin)  # admins record no entries
        self.import_action.triggered.connect(self.on_import_action_triggered)
        # KOOP-BİS's cooperative list, again (an updated or corrected one): the Kooperatifler page
        # offers it only while the list is empty. Every cooperative in the file is replaced whole.
        self.list_action = QAction(self.tr("Koo&peratif listesini yükle…"), window)
        self.list_action.setObjectName("loadListAction")
        self.list_action.setVisible(may_load_list(ctx))
        self.list_action.triggered.connect(lambda: choose_and_load(self.ctx, self.window))
        self.export_action = QAction(self.tr("&Dışa aktar (Excel/CSV)…"), window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip(self.tr("Ekrandaki listeyi, süzgeciyle birlikte dosyaya yazar."))
        self.export_action.triggered.connect(self.on_export_action_triggered)
        self.audit_action = QAction(self.tr("De&netim izini dışa aktar…"), window)
        self.audit_action.triggered.connect(self.on_audit_action_triggered)
        self.audit_action.setVisible(ctx.is_admin or ctx.is_supervisor)
        self.support_action = QAction(self.tr("&Destek paketi oluştur…"), window)
        self.support_action.triggered.connect(self.on_support_action_triggered)
        # A single PC's file; the office database is backed up by its IT (``koopbis backup``).
        self.backup_action = QAction(self.tr("Yedek &al"), window)
        self.backup_action.setObjectName("backupAction")
        self.backup_action.setStatusTip(
            self.tr(
                "Kayıtların bir kopyasını yedek klasörüne yazar (program her gün kendisi de bir tane alır)."
            )
        )
        self.backup_action.setVisible(not ctx.worker.is_office)
        self.backup_action.triggered.connect(self.on_backup_action_triggered)
        self.progress: QProgressDialog | None = None  # the running export's window
        self._cancel: threading.Event | None = None
        self._export_name = ""
        self._counted.connect(self.on_export_counted)
        self._written.connect(self.on_export_written)

    # -- helpers ------------------------------------------------------------------------------

    def _current_page(self) -> QWidget | None:
        current = getattr(self.window, "current_page_key", None)
        key = current() if callable(current) else None
        return dict.get(self.pages, key) if key else None

    def _run(self, op: Callable[[Store], Any], done: Callable[[Any], None], what: str) -> None:
        self.ctx.hub.message.emit(self.tr("%1 yazılıyor…").replace("%1", what))
        self.ctx.worker.submit(op, done, self.on_job_failed)

    def on_job_failed(self, exc: BaseException) -> None:
        messages.show_warning(self.window, self.tr("Dosya yazılamadı"), user_message(exc))

    # -- member list --------------------------------------------------------------------------

    def on_import_action_triggered(self) -> None:
        from koopbis_desktop.ui.import_dialog import MemberImportDialog

        page = dict.get(self.pages, "cooperatives")
        cooperative = getattr(page, "current_id", None)
        self.import_dialog = MemberImportDialog(
            self.ctx, cooperative if isinstance(cooperative, str) else None, self.window
        )
        self.import_dialog.open()

    # -- exports ------------------------------------------------------------------------------

    def on_export_action_triggered(self) -> None:
        page = self._current_page()
        make_filter = getattr(page, "current_filter", None)
        flt = make_filter() if callable(make_filter) else None
        if isinstance(flt, AuditFilter):
            self.export_audit(flt)
            return
        if not isinstance(flt, EntryFilter):
            flt = EntryFilter()  # a page without a list: the whole queue
        name = self.ask_save_path(
            self.window,
            self.tr("Listeyi dışa aktar"),
            "kayitlar.xlsx",
            self.tr("Excel dosyası (*.xlsx);;CSV dosyası, noktalı virgüllü (*.csv)"),
        )
        if name:
            # The rows in the order the list shows them (newest first, or as sorted).
            current_order = getattr(page, "current_order", None)
            order = current_order() if callable(current_order) else ("updated_at", False)
            self.export_entries(flt, Path(name), order)

    def export_entries(
        self, flt: EntryFilter, path: Path, order: tuple[str, bool] = ("updated_at", False)
    ) -> None:
        from koopbis_desktop.services import exports

        path = with_suffix(path, (".xlsx", ".csv"))
        sort, descending = order
        self._export(
            lambda store, told: exports.export_entries(
                store, flt, path, sort=sort, descending=descending, **told
            ),
            path.name,
        )

    def on_audit_action_triggered(self) -> None:
        self.export_audit(AuditFilter())

    def export_audit(self, flt: AuditFilter) -> None:
        name = self.ask_save_path(
            self.window,
            self.tr("Denetim izini dışa aktar"),
            "denetim-izi.csv",
            self.tr("CSV dosyası (*.csv)"),
        )
        if not name:
            return
        path = with_suffix(Path(name), (".csv",))
        from koopbis_desktop.services import exports

        self._export(lambda store, told: exports.export_audit(store, path, flt, **told), path.name)

    @property
    def exporting(self) -> bool:
        return self._cancel is not None

    def may_close_window(self) -> bool:
        """Whether the window may close (sign-out, quit) now: asked while an export runs.

        Closing stops the export and no file is written, so the person chooses: wait for it
        (the window stays, the export goes on) or stop it and leave. No export: True at once.
        """
        if self._cancel is None:
            return True
        from PySide6.QtWidgets import QMessageBox

        name = self._export_name
        choice = messages.ask(
            self.window,
            self.tr("Dışa aktarma sürüyor"),
            self.tr("%1 henüz yazılıyor. Şimdi çıkarsanız dışa aktarma durur ve dosya yazılmaz.").replace(
                "%1", name
            ),
            [
                (self.tr("Bekle"), QMessageBox.ButtonRole.RejectRole),
                (self.tr("Durdur ve çık"), QMessageBox.ButtonRole.DestructiveRole),
            ],
            informative=self.tr("Bekle'ye basarsanız dışa aktarma sürer; bitince yeniden çıkabilirsiniz."),
            default=0,
            escape=0,
            object_name="exportRunningQuestion",
            icon=messages.Level.WARNING,
        )
        if choice != 1:
            return False
        self.on_export_cancel_requested()
        return True

    def _export(self, op: Callable[[Store, dict[str, Any]], Any], name: str) -> None:
        """Run an export apart from the worker, with its progress window; one at a time."""
        if self._cancel is not None:
            messages.show_warning(
                self.window,
                self.tr("Dışa aktarma sürüyor"),
                self.tr(
                    "%1 henüz yazılıyor. Bitmesini bekleyin ya da ilerleme penceresinde Vazgeç'e basın."
                ).replace("%1", self._export_name),
            )
            return
        cancel = threading.Event()
        self._cancel, self._export_name = cancel, name
        for action in (self.export_action, self.audit_action):
            action.setEnabled(False)
        dialog = QProgressDialog(
            self.tr("%1 yazılıyor…").replace("%1", name), self.tr("Vazgeç"), 0, 0, self.window
        )
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(self.tr("Dışa aktarılıyor"))
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.on_export_cancel_requested)
        self.progress = dialog
        # Shown once the export has run a moment, whether or not a page was written meanwhile
        # (QProgressDialog shows itself only at a value set after its minimum duration).
        QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, dialog, lambda: self._show_progress(dialog))
        self.ctx.hub.message.emit(self.tr("%1 yazılıyor…").replace("%1", name))

        def tell(signal: Any) -> Callable[[int], None]:
            def emit(rows: int) -> None:
                try:
                    signal.emit(rows)
                except RuntimeError:  # the window is gone (signed out, closed): stop
                    cancel.set()

            return emit

        told = {"counted": tell(self._counted), "progress": tell(self._written), "cancel": cancel}
        self.ctx.worker.submit_apart(
            lambda store: op(store, told), self.on_exported, self.on_export_failed, cancel=cancel
        )

    def _show_progress(self, dialog: QProgressDialog) -> None:
        if self.progress is dialog and not dialog.wasCanceled():
            dialog.show()

    def _rows(self, rows: int) -> str:
        return QLocale("tr_TR").toString(rows)

    def on_export_counted(self, rows: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(rows, 1))
            self.on_export_written(0)

    def on_export_written(self, rows: int) -> None:
        dialog = self.progress
        if dialog is None or dialog.wasCanceled():
            return
        total = dialog.maximum()
        dialog.setValue(min(rows, total))
        dialog.setLabelText(
            self.tr("%1 yazılıyor: %2 / %3 kayıt")
            .replace("%1", self._export_name)
            .replace("%2", self._rows(rows))
            .replace("%3", self._rows(total))
        )

    def on_export_cancel_requested(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        if self.progress is not None:
            self.progress.setLabelText(self.tr("Durduruluyor…"))

    def _export_ended(self) -> None:
        self._cancel = None
        for action in (self.export_action, self.audit_action):
            action.setEnabled(True)
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def on_exported(self, report: exports.ExportReport) -> None:
        self._export_ended()
        self.ctx.hub.message.emit(report.text())
        self.exported.emit(report.path)

    def on_export_failed(self, exc: BaseException) -> None:
        self._export_ended()
        from koopbis_desktop.services.exports import ExportCancelled

        if isinstance(exc, ExportCancelled):
            self.ctx.hub.message.emit(user_message(exc))
            return
        self.on_job_failed(exc)

    # -- backup ---------------------------------------------------------------------------------

    def on_backup_action_triggered(self) -> None:
        """A copy of the file now, beside the worker (a large file takes a few seconds), then its audit row."""
        from koopbis_desktop.services import setup

        by = self.ctx.require_actor().username
        self.backup_action.setEnabled(False)
        self.ctx.hub.message.emit(self.tr("Yedek alınıyor…"))
        self.ctx.worker.submit_apart(
            lambda store: setup.copy_backup(store, by=by), self.on_backup_taken, self.on_backup_failed
        )

    def on_backup_taken(self, path: Path) -> None:
        from koopbis_desktop.services import setup

        by = self.ctx.require_actor().username
        self.backup_action.setEnabled(True)
        self.ctx.worker.submit(lambda store: setup.record_backup(store, by, path), None, self.on_job_failed)
        self.ctx.hub.message.emit(self.tr("Yedek alındı: %1").replace("%1", str(path)))
        self.exported.emit(path)

    def on_backup_failed(self, exc: BaseException) -> None:
        self.backup_action.setEnabled(True)
        messages.show_warning(self.window, self.tr("Yedek alınamadı"), user_message(exc))

    # -- support bundle -----------------------------------------------------------------------

    def on_support_action_triggered(self) -> None:
        name = self.ask_save_path(
            self.window,
            self.tr("Destek paketi oluştur"),
            "koopbis-destek.zip",
            self.tr("Zip dosyası (*.zip)"),
        )
        if not name:
            return
        path = with_suffix(Path(name), (".zip",))
        extra = {"qt": qVersion(), "pyside6": pyside_version}
        from koopbis_desktop.services import support

        self._run(
            lambda store: support.write_bundle(store, path, extra=extra), self.on_bundle_written, path.name
        )

    def on_bundle_written(self, path: Path) -> None:
        self.ctx.hub.message.emit(
            self.tr("Destek paketi yazıldı: %1 (kişisel veri içermez).").replace("%1", str(path))
        )
        self.exported.emit(path)


def install_data_actions(
    window: QMainWindow, ctx: AppContext, pages: dict[str, QWidget], file_menu: QMenu, help_menu: QMenu
) -> DataActions:
    """Add the actions to the main window's Dosya and Yardım menus; returns them (tests drive it)."""
    actions = DataActions(window, ctx, pages)
    # Before "Çıkış" (after the file menu's separator), in a group of their own.
    anchor = next((a for a in file_menu.actions() if a.isSeparator()), None)
    for action in (
        actions.import_action,
        actions.list_action,
        actions.export_action,
        actions.audit_action,
        actions.backup_action,
    ):
        if anchor is None:
            file_menu.addAction(action)
        else:
            file_menu.insertAction(anchor, action)
    if anchor is not None:
        file_menu.insertSeparator(actions.import_action)
    if help_menu.actions():
        help_menu.insertAction(help_menu.actions()[0], actions.support_action)
    else:
        help_menu.addAction(actions.support_action)
    return actions
