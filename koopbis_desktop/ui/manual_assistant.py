"""The "KOOP-BİS'e elle aktarım" assistant: one approved entry at a time, each value ready to copy.

For go-live day when KOOP-BİS can be reached only through its web pages. The
assistant walks the sync engine's own replay plan (:mod:`sync.manual`): for the
current entry it shows every field with its label and the value as KOOP-BİS's
form wants it, a copy button per field and "Tümünü kopyala" (tab-separated
``label<TAB>value`` lines), the attachments to upload (with "Kaydet…"), and then
records what happened — "KOOP-BİS'e girildi" with the receipt number (and, for a
registration, the cooperative id KOOP-BİS gave), "Şimdilik atla" or "Sorun var"
with a note. While it is open it holds the database's sync lock, so the
automatic sync cannot send the entry a person is typing in (it waits, "busy").

Keyboard first: focus lands in the receipt box; Enter there records it and moves
on; Ctrl+C on a focused value copies the whole value; every button has a mnemonic.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFocusEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain import display
from koopbis_desktop.domain.changetypes import registers_cooperative
from koopbis_desktop.services import reports
from koopbis_desktop.store import attachments
from koopbis_desktop.store.attachments import AttachmentInfo
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.printing import show_preview
from koopbis_desktop.ui.text_table import Column, TextTableModel
from sync import manual
from sync.scheduler import SyncBusy, SyncLock

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"
HEARTBEAT_MS = 15_000  # the lock goes stale after 60 s without a beat


@dataclass(frozen=True)
class AssistantView:
    """Everything one screen shows, read on the DB worker."""

    work: manual.Worklist
    current: manual.WorkItem | None
    fields: list[manual.CopyField]
    files: list[AttachmentInfo]


def load_view(store: Store, passed: frozenset[str]) -> AssistantView:
    work = manual.worklist(store)
    current = work.next_item(passed) or work.next_item()
    if current is None:
        return AssistantView(work, None, [], [])
    return AssistantView(
        work, current, manual.copy_fields(current.entry), manual.attachments_of(store, current.uuid)
    )


class CopyableValue(QLineEdit):
    """A read-only value; Ctrl+C copies all of it even when nothing is selected."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setReadOnly(True)
        self.setCursorPosition(0)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.text())
            event.accept()
            return
        super().keyPressEvent(event)


class ManualAssistant(QDialog):
    """One screen per approved entry, in the replay order; outcomes recorded like the sync's."""

    recorded = Signal(str)  # uuid of an entry entered, skipped or flagged

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: AssistantView | None = None
        self.lock: SyncLock | None = None
        self._passed: set[str] = set()
        self._busy = False
        self.setWindowTitle(self.tr("KOOP-BİS'e elle aktarım"))
        self.resize(1100, 760)

        self.progress_label = QLabel(self.tr("Liste yükleniyor…"))
        self.progress_label.setObjectName("manualProgress")
        self.entry_label = QLabel()
        self.entry_label.setObjectName("manualEntry")
        self.entry_label.setWordWrap(True)
        font = self.entry_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.entry_label.setFont(font)
        self.note_label = QLabel()
        self.note_label.setObjectName("manualNote")
        self.note_label.setWordWrap(True)

        self.fields_box = QGroupBox(self.tr("KOOP-BİS formuna girilecek bilgiler"))
        self.fields_grid = QGridLayout()
        self.fields_grid.setColumnStretch(1, 1)
        inner = QWidget()
        inner.setLayout(self.fields_grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.copy_all_button = QPushButton(self.tr("&Tümünü kopyala"))
        self.copy_all_button.setObjectName("copyAllButton")
        self.copy_all_button.setAutoDefault(False)
        self.copy_all_button.clicked.connect(self.on_copy_all_button_clicked)
        box_layout = QVBoxLayout(self.fields_box)
        box_layout.addWidget(scroll, 1)
        box_layout.addWidget(self.copy_all_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.value_edits: list[CopyableValue] = []

        self.files_list = QListWidget()
        self.files_list.setObjectName("manualFiles")
        self.files_list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.save_file_button = QPushButton(self.tr("Ekin kopyasını &kaydet…"))
        self.save_file_button.setAutoDefault(False)
        self.save_file_button.clicked.connect(self.on_save_file_button_clicked)
        files_box = QGroupBox(self.tr("KOOP-BİS'e yüklenecek ekler"))
        files_layout = QHBoxLayout(files_box)
        files_layout.addWidget(self.files_list, 1)
        files_layout.addWidget(self.save_file_button, 0, Qt.AlignmentFlag.AlignTop)

        self.receipt_edit = QLineEdit()
        self.receipt_edit.setObjectName("receiptEdit")
        self.receipt_edit.setPlaceholderText(self.tr("KOOP-BİS'in gösterdiği alındı numarası"))
        self.receipt_edit.returnPressed.connect(self.on_entered_button_clicked)
        self.cooperative_edit = QLineEdit()
        self.cooperative_edit.setObjectName("cooperativeIdEdit")
        self.cooperative_edit.setPlaceholderText(self.tr("ör. 06-123456"))
        self.cooperative_edit.returnPressed.connect(self.on_entered_button_clicked)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("manualNoteEdit")
        self.note_edit.setPlaceholderText(self.tr("Atlarken isteğe bağlı; sorun bildirirken zorunlu"))
        form = QFormLayout()
        self.receipt_caption = QLabel(self.tr("&Alındı no:"))
        self.receipt_caption.setBuddy(self.receipt_edit)
        form.addRow(self.receipt_caption, self.receipt_edit)
        self.cooperative_caption = QLabel(self.tr("KOOP-BİS &sicil no (yeni kuruluş):"))
        self.cooperative_caption.setBuddy(self.cooperative_edit)
        form.addRow(self.cooperative_caption, self.cooperative_edit)
        note_caption = QLabel(self.tr("N&ot:"))
        note_caption.setBuddy(self.note_edit)
        form.addRow(note_caption, self.note_edit)

        self.entered_button = QPushButton(self.tr("KOOP-BİS'e &girildi"))
        self.entered_button.setObjectName("enteredButton")
        self.skip_button = QPushButton(self.tr("Şimdilik a&tla"))
        self.skip_button.setObjectName("skipButton")
        self.problem_button = QPushButton(self.tr("Sorun &var"))
        self.problem_button.setObjectName("problemButton")
        self.print_button = QPushButton(self.tr("Listeyi &yazdır…"))
        self.print_button.setObjectName("printWorklistButton")
        self.close_button = QPushButton(self.tr("&Kapat"))
        for button in (self.entered_button, self.skip_button, self.problem_button, self.print_button):
            button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        self.entered_button.clicked.connect(self.on_entered_button_clicked)
        self.skip_button.clicked.connect(self.on_skip_button_clicked)
        self.problem_button.clicked.connect(self.on_problem_button_clicked)
        self.print_button.clicked.connect(self.on_print_button_clicked)
        self.close_button.clicked.connect(self.close)
        self.status_label = QLabel()
        self.status_label.setObjectName("manualStatus")
        self.status_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.entered_button)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.problem_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)

        self.list_model = TextTableModel(
            [
                Column(self.tr("Sıra"), lambda w: str(w.position), lambda w: w.position, align_right=True),
                Column(self.tr("Tür"), lambda w: display.type_label(w.entry.type)),
                Column(self.tr("Kooperatif"), lambda w: w.cooperative),
                Column(self.tr("Durum"), lambda w: w.status_text),
                Column(self.tr("Neden bekliyor / not"), lambda w: w.reason),
            ],
            highlighted=lambda w: (
                self.view is not None and self.view.current is not None and w.uuid == self.view.current.uuid
            ),
        )
        self.list_view = QTableView()
        self.list_view.setObjectName("manualWorklist")
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.verticalHeader().setVisible(False)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((50, 130, 320, 150)):
            self.list_view.setColumnWidth(column, width)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.entry_label)
        top_layout.addWidget(self.note_label)
        top_layout.addWidget(self.fields_box, 1)
        top_layout.addWidget(files_box)
        top_layout.addLayout(form)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.status_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.list_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 200])

        layout = QVBoxLayout(self)
        layout.addWidget(self.progress_label)
        layout.addWidget(splitter, 1)

        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(self.on_heartbeat_timeout)
        self._set_enabled(False)
        self._take_lock()
        self.reload()

    # -- the sync lock ---------------------------------------------------------------------

    def _take_lock(self) -> None:
        def op(store: Store) -> SyncLock:
            lock = SyncLock(store)
            lock.acquire()
            return lock

        self.ctx.worker.submit(op, self.on_lock_taken, self.on_lock_refused)

    def on_lock_taken(self, lock: SyncLock) -> None:
        self.lock = lock
        self.heartbeat.start()
        self._set_enabled(self.view is not None and self.view.current is not None)

    def on_lock_refused(self, exc: BaseException) -> None:
        self._show_status(
            _message(exc)
            + " "
            + self.tr("Elle aktarım, otomatik eşitleme bitince yapılabilir; pencereyi kapatıp yeniden açın."),
            error=True,
        )

    def on_heartbeat_timeout(self) -> None:
        lock = self.lock
        if lock is not None:
            self.ctx.worker.submit(lambda _store: lock.heartbeat(), None, self.on_worker_failed)

    def _release_lock(self) -> None:
        self.heartbeat.stop()
        lock, self.lock = self.lock, None
        if lock is not None:
            self.ctx.worker.submit(lambda _store: lock.release(), None, self.on_worker_failed)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._release_lock()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self._release_lock()
        super().done(result)

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        passed = frozenset(self._passed)
        self.ctx.worker.submit(
            lambda store: load_view(store, passed),
            self.on_view_loaded,
            self.on_worker_failed,
            coalesce="manual",
        )

    def on_view_loaded(self, view: AssistantView) -> None:
        self.view = view
        self._busy = False
        self.list_model.set_rows(view.work.items)
        ready = len(view.work.enterable)
        total = len(view.work.items)
        current = view.current
        if current is None:
            self.progress_label.setText(
                self.tr("KOOP-BİS'e girilecek kayıt kalmadı.")
                if not total
                else self.tr("Şimdi girilebilecek kayıt yok; {0} kayıt bekliyor (nedenleri aşağıda).").format(
                    total
                )
            )
            self.entry_label.setText(self.tr("Elle aktarım tamam."))
            self.note_label.setText("")
            self._show_fields([])
            self.files_list.clear()
            for edit in (self.receipt_edit, self.cooperative_edit, self.note_edit):
                edit.clear()
            self._set_enabled(False)
            # Nothing left to copy or save: the finished assistant offers only closing.
            self.copy_all_button.setEnabled(False)
            self.save_file_button.setEnabled(False)
            self.close_button.setFocus()
            return
        self.progress_label.setText(
            self.tr("Kalan {0} kayıt; {1} tanesi şimdi girilebilir. Bu kayıt sırada {2}.").format(
                total, ready, current.position
            )
        )
        self.entry_label.setText(
            f"{display.type_label(current.entry.type)} — {current.cooperative}\n"
            # The UUID stays visible here: it is the key KOOP-BİS's manual form is matched by.
            + self.tr("Kayıt no {0} · teknik kimlik {1}").format(current.entry.label, current.uuid)
        )
        if current.mark:
            what = (
                self.tr("Sorun bildirildi")
                if current.mark == manual.PROBLEM
                else self.tr("Daha önce atlandı")
            )
            self.note_label.setText(f"{what}: {current.note or '—'}")
        else:
            self.note_label.setText("")
        self._show_fields(view.fields)
        self.files_list.clear()
        for info in view.files:
            item = QListWidgetItem(f"{info.filename} ({max(1, info.size // 1024)} KB)")
            item.setData(Qt.ItemDataRole.UserRole, info.sha256)
            self.files_list.addItem(item)
        if not view.files:
            self.files_list.addItem(self.tr("Bu kaydın eki yok."))
        else:
            self.files_list.setCurrentRow(0)
        self.save_file_button.setEnabled(bool(view.files))
        self.copy_all_button.setEnabled(True)
        registers = registers_cooperative(current.entry.type)
        self.cooperative_caption.setVisible(registers)
        self.cooperative_edit.setVisible(registers)
        self.receipt_edit.clear()
        self.cooperative_edit.clear()
        self.note_edit.clear()
        self._set_enabled(self.lock is not None)
        self.receipt_edit.setFocus()

    def _show_fields(self, fields: list[manual.CopyField]) -> None:
        while self.fields_grid.count():
            item = self.fields_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.value_edits = []
        for row, f in enumerate(fields):
            caption = QLabel(f"{f.group} — {f.label}" if f.group else f.label)
            value = CopyableValue(f.value)
            value.setObjectName(f"value{row}")
            button = QPushButton(self.tr("Kopyala"))
            button.setObjectName(f"copy{row}")
            button.setAutoDefault(False)
            button.setToolTip(self.tr("Değeri panoya kopyalar (alanda Ctrl+C de kopyalar)."))
            button.clicked.connect(lambda _checked=False, text=f.value: self.copy_text(text))
            self.fields_grid.addWidget(caption, row, 0)
            self.fields_grid.addWidget(value, row, 1)
            self.fields_grid.addWidget(button, row, 2)
            self.value_edits.append(value)

    # -- copying -------------------------------------------------------------------------------

    def copy_text(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._show_status(self.tr("Panoya kopyalandı: {0}").format(text), error=False)

    def on_copy_all_button_clicked(self) -> None:
        if self.view is not None and self.view.fields:
            QGuiApplication.clipboard().setText(manual.all_lines(self.view.fields))
            self._show_status(
                self.tr("{0} alan panoya kopyalandı (her satırda ad ve değer, sekmeyle ayrılmış).").format(
                    len(self.view.fields)
                ),
                error=False,
            )

    def on_save_file_button_clicked(self) -> None:
        item = self.files_list.currentItem()
        digest = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not digest or self.view is None:
            return
        info = next((f for f in self.view.files if f.sha256 == digest), None)
        if info is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Ekin kopyasını kaydet"), info.filename)
        if not path:
            return

        def op(store: Store) -> str:
            data = attachments.get(store, str(digest)).data
            target = Path(path)
            tmp = target.with_name(target.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(target)
            return str(target)

        self.ctx.worker.submit(
            op,
            lambda saved: self._show_status(self.tr("Kaydedildi: {0}").format(saved), error=False),
            self.on_worker_failed,
        )

    # -- recording ----------------------------------------------------------------------------

    def _current(self) -> manual.WorkItem | None:
        if self.view is None or self.view.current is None or self._busy or self.lock is None:
            return None
        return self.view.current

    def on_entered_button_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        receipt = self.receipt_edit.text().strip()
        if not receipt:
            self._show_status(
                self.tr(
                    "KOOP-BİS'in verdiği alındı numarasını yazın; numara olmadan kayıt aktarılmış sayılmaz."
                ),
                error=True,
            )
            self.receipt_edit.setFocus()
            return
        registers = registers_cooperative(current.entry.type)
        cooperative = self.cooperative_edit.text().strip() or None
        if registers and not cooperative:
            self._show_status(
                self.tr("Kuruluş kaydı için KOOP-BİS'in yeni kooperatife verdiği sicil numarasını da yazın."),
                error=True,
            )
            self.cooperative_edit.setFocus()
            return
        actor = self.ctx.require_actor()
        lock = self.lock
        uuid = current.uuid
        self._start(self.tr("Kaydediliyor…"))
        self.ctx.worker.submit(
            lambda store: manual.record_entered(
                store, actor, uuid, receipt, cooperative_id=cooperative, lock=lock
            ),
            lambda entry: self._recorded(
                entry.uuid, self.tr("Aktarıldı: alındı no {0}.").format(entry.receipt)
            ),
            self.on_action_failed,
        )

    def on_skip_button_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        actor = self.ctx.require_actor()
        note = self.note_edit.text()
        uuid = current.uuid
        self._passed.add(uuid)
        self._start(self.tr("Atlanıyor…"))
        self.ctx.worker.submit(
            lambda store: manual.record_skip(store, actor, uuid, note),
            lambda item: self._recorded(item.uuid, self.tr("Atlandı; diğerlerinden sonra yeniden gelecek.")),
            self.on_action_failed,
        )

    def on_problem_button_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        note = self.note_edit.text().strip()
        if not note:
            self._show_status(
                self.tr(
                    "Sorunu Not kutusuna kısaca yazın (ör. KOOP-BİS formu hata verdi); not denetim izine girer."
                ),
                error=True,
            )
            self.note_edit.setFocus()
            return
        actor = self.ctx.require_actor()
        uuid = current.uuid
        self._passed.add(uuid)
        self._start(self.tr("Sorun kaydediliyor…"))
        self.ctx.worker.submit(
            lambda store: manual.record_problem(store, actor, uuid, note),
            lambda item: self._recorded(item.uuid, self.tr("Sorun kaydedildi; kayıt onaylı kaldı.")),
            self.on_action_failed,
        )

    def on_print_button_clicked(self) -> None:
        province = self.ctx.province_code
        self.ctx.worker.submit(
            lambda store: manual.worklist_report(store, province),
            self.on_worklist_report_loaded,
            self.on_worker_failed,
        )

    def on_worklist_report_loaded(self, report: reports.Report) -> None:
        show_preview(self, report)

    def _start(self, text: str) -> None:
        self._busy = True
        self._set_enabled(False)
        self._show_status(text, error=False)

    def _recorded(self, uuid: str, message: str) -> None:
        self.ctx.hub.entries_changed.emit([uuid])
        self.recorded.emit(uuid)
        self.reload()
        self._show_status(message, error=False)

    def on_action_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._set_enabled(self.lock is not None)
        self._show_status(_message(exc), error=True)
        self.reload()

    def on_worker_failed(self, exc: BaseException) -> None:
        self._show_status(_message(exc), error=True)

    # -- helpers ---------------------------------------------------------------------------------

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.entered_button,
            self.skip_button,
            self.problem_button,
            self.receipt_edit,
            self.cooperative_edit,
            self.note_edit,
        ):
            widget.setEnabled(enabled)

    def _show_status(self, text: str, *, error: bool) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(ERROR_STYLE if error else "")


def _message(exc: BaseException) -> str:
    if isinstance(exc, SyncBusy):
        return exc.message
    return user_message(exc)


def open_assistant(ctx: AppContext, parent: QWidget | None) -> ManualAssistant:
    """Open the assistant without blocking the window behind it."""
    dialog = ManualAssistant(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(False)
    dialog.show()
    return dialog
