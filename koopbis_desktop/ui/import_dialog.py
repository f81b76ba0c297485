"""The "Ortak listesi yükle" dialog: a member list from Excel/CSV, previewed row by row, then queued.

The clerk picks the cooperative and the file; the file is read and checked on
the DB worker (a 10,000-row list takes a few seconds) while a progress bar
counts the rows read. The preview shows every row with its problems in Turkish,
bad rows highlighted; nothing is queued until the clerk presses "Geçerli
satırları içe aktar" — and while any row is bad, only after ticking "Hatalı
satırları atla" (or correcting the file in Excel and pressing "Yeniden denetle").
The service (``services.member_import``) does the work; this module only shows it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.services import member_import
from koopbis_desktop.services.member_import import ImportKind, ImportPreview, ImportResult, ImportRow
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message

_ERROR_BACKGROUND = QColor("#fde2e1")
_WARNING_BACKGROUND = QColor("#fff4ce")


class _Progress(QObject):
    """Carries "rows read" from the DB worker's thread to the progress bar (a queued signal)."""

    rows_read = Signal(int)


class PreviewModel(QAbstractTableModel):
    """The rows of an :class:`ImportPreview`: line, the file's cells, then the row's problems."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preview: ImportPreview | None = None
        self.rows: list[ImportRow] = []
        self.headers: list[str] = []
        self.fields: list[str] = []

    def set_preview(self, preview: ImportPreview | None, *, only_errors: bool = False) -> None:
        self.beginResetModel()
        self.preview = preview
        if preview is None:
            self.rows, self.headers, self.fields = [], [], []
        else:
            self.rows = preview.invalid_rows if only_errors else list(preview.rows)
            self.fields = [c.field for c in preview.columns]
            self.headers = [
                self.tr("Satır"),
                *(c.header for c in preview.columns),
                self.tr("Sorunlar"),
            ]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        last = len(self.headers) - 1
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(row.line)
            if column == last:
                return "; ".join(issue.text for issue in row.issues)
            name = self.fields[column - 1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return "; ".join(i.message for i in row.issues if i.field == name) or None
            return row.cells.get(name, "")
        if role == Qt.ItemDataRole.BackgroundRole:
            if column in (0, last):
                if row.errors:
                    return QBrush(_ERROR_BACKGROUND)
                return QBrush(_WARNING_BACKGROUND) if row.warnings else None
            name = self.fields[column - 1]
            if any(i.field == name for i in row.errors):
                return QBrush(_ERROR_BACKGROUND)
            if any(i.field == name for i in row.warnings):
                return QBrush(_WARNING_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class MemberImportDialog(QDialog):
    """Load a cooperative's member list: choose, preview with per-row errors, queue as drafts."""

    imported = Signal(object)  # ImportResult

    def __init__(
        self, ctx: AppContext, cooperative: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path: Path | None = None
        self.preview: ImportPreview | None = None
        self._kept_preview: ImportPreview | None = None  # the last check's rows, shown while re-reading
        self.busy = False
        # set while drafts are being made: Vazgeç then stops the import instead of closing
        self.import_stop: threading.Event | None = None
        self.setWindowTitle(self.tr("Ortak listesi yükle"))
        self.resize(1060, 620)

        self.cooperative_edit = QLineEdit(cooperative or "")
        self.cooperative_edit.setPlaceholderText(self.tr("Sicil no, ör. 06-000123"))
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Başlıklardan anlaşılsın"), None)
        self.kind_combo.addItem(self.tr("Ortaklığa giriş"), ImportKind.ADMIT)
        self.kind_combo.addItem(self.tr("Ortaklıktan ayrılma"), ImportKind.LEAVE)
        # One board decision for the whole list: typed once here, not on every row.
        self.decision_no_edit = QLineEdit()
        self.decision_no_edit.setObjectName("batchDecisionNo")
        self.decision_no_edit.setPlaceholderText(self.tr("satırlarda yoksa, ör. 2015/14"))
        self.decision_date_edit = QLineEdit()
        self.decision_date_edit.setObjectName("batchDecisionDate")
        self.decision_date_edit.setPlaceholderText(self.tr("GG.AA.YYYY; satırlarda yoksa"))
        self.share_value_edit = QLineEdit()
        self.share_value_edit.setObjectName("batchShareValue")
        self.share_value_edit.setPlaceholderText(self.tr("taahhüt = pay adedi × pay tutarı"))
        batch_row = QHBoxLayout()
        for text, edit in (
            (self.tr("Karar n&o:"), self.decision_no_edit),
            (self.tr("Kara&r tarihi:"), self.decision_date_edit),
            (self.tr("&Pay tutarı:"), self.share_value_edit),
        ):
            label = QLabel(text)
            label.setBuddy(edit)
            batch_row.addWidget(label)
            batch_row.addWidget(edit, 1)
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(
            self.tr("Excel (.xlsx, .xls), LibreOffice (.ods) ya da CSV dosyası seçin")
        )
        self.choose_button = QPushButton(self.tr("&Dosya seç…"))
        self.reload_button = QPushButton(self.tr("&Yeniden denetle"))
        self.reload_button.setToolTip(self.tr("Dosyayı Excel'de düzelttikten sonra yeniden okuyup denetler."))
        self.reload_button.setEnabled(False)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.reload_button)

        form = QFormLayout()
        form.addRow(self.tr("&Kooperatif (sicil no):"), self.cooperative_edit)
        form.addRow(self.tr("Liste &türü:"), self.kind_combo)
        form.addRow(self.tr("Bütün liste için:"), batch_row)
        form.addRow(self.tr("Dosya:"), file_row)
        for label_widget in (form.labelForField(self.cooperative_edit), form.labelForField(self.kind_combo)):
            if isinstance(label_widget, QLabel):
                label_widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("%v satır okundu"))
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status_label = QLabel(
            self.tr(
                "Şablondaki başlıkları kullanın: T.C. Kimlik No / VKN, Adı Soyadı / Unvanı, Giriş Tarihi, "
                "Karar No, Pay Adedi, Taahhüt Edilen Tutar, Ödenen Tutar."
            )
        )
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("importStatus")

        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self.on_table_current_row_changed)
        self.row_issues_label = QLabel()
        self.row_issues_label.setObjectName("rowIssues")
        self.row_issues_label.setWordWrap(True)
        self.row_issues_label.setStyleSheet("QLabel#rowIssues { color: #8a1c14; }")
        self.only_errors_check = QCheckBox(self.tr("Yalnızca &hatalı satırları göster"))
        self.skip_check = QCheckBox(
            self.tr("Hatalı satırları &atla (yalnızca geçerli satırlar kuyruğa girer)")
        )

        self.import_button = QPushButton(self.tr("Geçerli satırları &içe aktar"))
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.template_button = QPushButton(self.tr("Şablonu i&ndir…"))
        self.cancel_button = QPushButton(self.tr("&Vazgeç"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.template_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)

        checks = QHBoxLayout()
        checks.addWidget(self.only_errors_check)
        checks.addWidget(self.skip_check)
        checks.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.row_issues_label)
        layout.addLayout(checks)
        layout.addLayout(buttons)

        self.rows_progress = _Progress()
        self.rows_progress.rows_read.connect(self.on_rows_progress_rows_read)
        self.choose_button.clicked.connect(self.on_choose_button_clicked)
        self.reload_button.clicked.connect(self.on_reload_button_clicked)
        self.import_button.clicked.connect(self.on_import_button_clicked)
        self.template_button.clicked.connect(self.on_template_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.only_errors_check.toggled.connect(self.on_only_errors_check_toggled)
        self.skip_check.toggled.connect(self._update_buttons)
        QShortcut(QKeySequence("Ctrl+O"), self, self.on_choose_button_clicked)
        self.setTabOrder(self.cooperative_edit, self.kind_combo)
        self.setTabOrder(self.kind_combo, self.decision_no_edit)
        self.setTabOrder(self.decision_no_edit, self.decision_date_edit)
        self.setTabOrder(self.decision_date_edit, self.share_value_edit)
        self.setTabOrder(self.share_value_edit, self.choose_button)
        self.setTabOrder(self.choose_button, self.reload_button)
        self.setTabOrder(self.reload_button, self.table)
        self.setTabOrder(self.table, self.only_errors_check)
        self.setTabOrder(self.only_errors_check, self.skip_check)
        self.setTabOrder(self.skip_check, self.import_button)
        (self.choose_button if cooperative else self.cooperative_edit).setFocus()

    # -- reading ------------------------------------------------------------------------------

    def on_choose_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Ortak listesi seçin"),
            str(self.path.parent if self.path else Path.home()),
            self.tr("Ortak listeleri (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;Tüm dosyalar (*)"),
        )
        if name:
            self.choose_file(Path(name))

    def choose_file(self, path: Path) -> None:
        """Read and check ``path`` (also the tests' way in, instead of the file dialog)."""
        cooperative = self.cooperative_edit.text().strip()
        if not cooperative:
            self.status_label.setText(self.tr("Önce listenin kooperatifini yazın (sicil no)."))
            self.cooperative_edit.setFocus()
            return
        # Checked again (Yeniden denetle): the table keeps the last check's rows until the new
        # one comes, and keeps them if the file cannot be read now (half saved, moved away).
        self._kept_preview = self.preview if path == self.path else None
        self.path = path
        self.file_edit.setText(str(path))
        kind = self.kind_combo.currentData()
        self.preview = None  # nothing is imported from a check of the file as it was before
        if self._kept_preview is None:
            self.model.set_preview(None)
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self.progress.setValue(0)
        self.progress.show()
        self.status_label.setText(self.tr("%1 okunuyor…").replace("%1", path.name))
        emit = self.rows_progress.rows_read.emit
        batch = member_import.BatchValues(
            decision_no=self.decision_no_edit.text().strip() or None,
            decision_date=self.decision_date_edit.text().strip() or None,
            share_value=self.share_value_edit.text().strip() or None,
        )

        def op(store: Store) -> ImportPreview:
            return member_import.preview(store, path, cooperative, kind=kind, progress=emit, batch=batch)

        self.ctx.worker.submit(op, self.on_preview_loaded, self.on_preview_failed)

    def on_reload_button_clicked(self) -> None:
        if self.path is not None:
            self.choose_file(self.path)

    def on_rows_progress_rows_read(self, count: int) -> None:
        self.progress.setRange(0, max(count, 1))
        self.progress.setValue(count)

    def on_preview_loaded(self, preview: ImportPreview) -> None:
        self._set_busy(False)
        self.progress.hide()
        self._kept_preview = None
        self.preview = preview
        self.model.set_preview(preview, only_errors=self.only_errors_check.isChecked())
        # The problems column takes what is left (full text in its tooltip and below the table).
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
        title = f" — {preview.cooperative_title}" if preview.cooperative_title else ""
        text = f"{member_import.KIND_LABELS[preview.kind]}{title}. {preview.summary()}"
        if preview.notice:  # open in Excel: corrections not saved there are not in what was read
            text = f"{preview.notice} {text}"
        # How the file was read (a CSV's encoding above all): a wrong guess shows here first.
        text += " " + self.tr("Dosya %1 olarak okundu.").replace("%1", preview.reading)
        if preview.ignored_headers:
            text += " " + self.tr("Tanınmayan sütunlar alınmadı: %1.").replace(
                "%1", ", ".join(preview.ignored_headers)
            )
        if preview.invalid_rows:
            text += " " + self.tr(
                "Hatalı satırları dosyada düzeltip 'Yeniden denetle'ye basın ya da 'Hatalı satırları atla'yı seçin."
            )
        self.status_label.setText(text)
        self._update_buttons()
        self.table.setFocus()
        first_bad = next((i for i, r in enumerate(self.model.rows) if r.errors), 0)
        if self.model.rows:
            self.table.setCurrentIndex(self.model.index(first_bad, 0))

    def on_preview_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.progress.hide()
        text = user_message(exc)
        if self._kept_preview is not None:
            text += " " + self.tr(
                "Tablo dosyanın önceki denetimini gösteriyor; dosya okunabilene kadar yükleme kapalı. "
                "Dosyayı kaydedip 'Yeniden denetle'ye basın."
            )
        self.status_label.setText(text)
        self._update_buttons()

    def on_table_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        row = self.model.rows[current.row()] if 0 <= current.row() < len(self.model.rows) else None
        if row is None or not row.issues:
            self.row_issues_label.clear()
            return
        text = "; ".join(issue.text for issue in row.issues)
        self.row_issues_label.setText(
            self.tr("Satır %1: %2").replace("%1", str(row.line)).replace("%2", text)
        )

    def on_only_errors_check_toggled(self, checked: bool) -> None:
        self.model.set_preview(self.preview or self._kept_preview, only_errors=checked)

    # -- queueing -----------------------------------------------------------------------------

    def on_import_button_clicked(self) -> None:
        preview = self.preview
        if preview is None or self.busy:
            return
        skip = self.skip_check.isChecked()
        actor = self.ctx.require_actor()
        self._set_busy(True)
        self.progress.setRange(0, max(len(preview.valid_rows), 1))
        self.progress.setFormat(self.tr("%v kayıt oluşturuldu"))
        self.progress.show()
        emit = self.rows_progress.rows_read.emit
        stop = self.import_stop = threading.Event()

        def op(store: Store) -> ImportResult:
            return member_import.import_rows(
                store, actor, preview, skip_invalid=skip, progress=emit, cancelled=stop.is_set
            )

        self.ctx.worker.submit(op, self.on_import_finished, self.on_import_failed)

    def reject(self) -> None:
        """Vazgeç, Escape or the window's close: while drafts are being made, stop making them.

        Closing then would leave the import running out of sight, every row queued anyway.
        """
        if self.import_stop is not None:
            self.import_stop.set()
            self.status_label.setText(self.tr("İçe aktarma durduruluyor…"))
            return
        super().reject()

    def on_import_finished(self, result: ImportResult) -> None:
        self.import_stop = None
        self._set_busy(False)
        self.progress.hide()
        self.ctx.hub.entries_changed.emit(list(result.created))
        self.ctx.hub.message.emit(result.text())
        self.status_label.setText(result.text())
        self.imported.emit(result)
        self.accept()

    def on_import_failed(self, exc: BaseException) -> None:
        self.import_stop = None
        self._set_busy(False)
        self.progress.hide()
        self.progress.setFormat(self.tr("%v satır okundu"))
        self.status_label.setText(user_message(exc))
        # The checks ran again inside the transaction: show what they found now.
        self.model.set_preview(self.preview, only_errors=self.only_errors_check.isChecked())
        self._update_buttons()

    # -- template -----------------------------------------------------------------------------

    def on_template_button_clicked(self) -> None:
        kind = self.kind_combo.currentData() or ImportKind.ADMIT
        suggested = str(Path.home() / f"{member_import.TEMPLATE_NAMES[kind]}.xlsx")
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Şablonu kaydet"),
            suggested,
            self.tr("Excel dosyası (*.xlsx);;CSV dosyası (*.csv)"),
        )
        if name:
            self.save_template(Path(name))

    def save_template(self, path: Path) -> None:
        kind = self.kind_combo.currentData() or ImportKind.ADMIT
        from koopbis_desktop.ui.export import with_suffix

        path = with_suffix(path, (".xlsx", ".csv"))
        try:
            member_import.write_template(kind, path)
        except OSError as exc:
            messages.show_warning(
                self,
                self.tr("Şablon kaydedilemedi"),
                self.tr("Şablon kaydedilemedi: %1").replace("%1", exc.strerror or str(exc)),
            )
            return
        self.status_label.setText(self.tr("Şablon kaydedildi: %1").replace("%1", str(path)))

    # -- state --------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (
            self.choose_button,
            self.reload_button,
            self.cooperative_edit,
            self.kind_combo,
            self.decision_no_edit,
            self.decision_date_edit,
            self.share_value_edit,
        ):
            widget.setEnabled(not busy)
        self._update_buttons()

    def _update_buttons(self, *args: object) -> None:
        preview = self.preview
        self.reload_button.setEnabled(not self.busy and self.path is not None)
        valid = len(preview.valid_rows) if preview else 0
        bad = len(preview.invalid_rows) if preview else 0
        ready = (
            preview is not None and not self.busy and valid > 0 and (bad == 0 or self.skip_check.isChecked())
        )
        self.import_button.setEnabled(ready)
        if preview is None:
            self.import_button.setToolTip(self.tr("Önce bir dosya seçin."))
        elif valid == 0:
            self.import_button.setToolTip(self.tr("Dosyada geçerli satır yok."))
        elif bad and not self.skip_check.isChecked():
            self.import_button.setToolTip(
                self.tr("%1 satırda hata var: düzeltin ya da 'Hatalı satırları atla'yı seçin.").replace(
                    "%1", str(bad)
                )
            )
        else:
            self.import_button.setToolTip(self.tr("%1 taslak kayıt oluşturulur.").replace("%1", str(valid)))
        self.import_button.setText(
            self.tr("%1 geçerli satırı &içe aktar").replace("%1", str(valid))
            if valid
            else self.tr("Geçerli satırları &içe aktar")
        )
