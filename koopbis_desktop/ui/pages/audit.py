"""The audit trail page: every recorded action, newest first, and the chain check.

Rows come a page at a time (the trail grows without bound); "Zinciri doğrula"
walks the hash chain on the DB worker and says in Turkish whether it is intact
or where the first tampered row is.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.display import state_label
from koopbis_desktop.services import queries
from koopbis_desktop.services.queries import AuditFilter
from koopbis_desktop.store import audit
from koopbis_desktop.store.audit import VerifyResult
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.empty_state import EmptyState
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.models.entries import format_stamp

PAGE_SIZE = 200
_HEADERS = (
    QCoreApplication.translate("AuditTableModel", "Sıra"),
    QCoreApplication.translate("AuditTableModel", "Zaman"),
    QCoreApplication.translate("AuditTableModel", "Kullanıcı"),
    QCoreApplication.translate("AuditTableModel", "İşlem"),
    QCoreApplication.translate("AuditTableModel", "Kayıt"),
    QCoreApplication.translate("AuditTableModel", "Durum değişimi"),
    QCoreApplication.translate("AuditTableModel", "Not / ayrıntı"),
)


class AuditTableModel(QAbstractTableModel):
    """One page of audit rows (the page shows ``PAGE_SIZE`` at a time)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def seq_at(self, row: int) -> int | None:
        """The audit sequence number of a shown row: where the next or previous page starts."""
        return int(self.rows[row]["seq"]) if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(_HEADERS):
            return QCoreApplication.translate("AuditTableModel", _HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return str(row["seq"])
        if column == 1:
            return format_stamp(str(row["at"]))
        if column == 2:
            return str(row["actor"])
        if column == 3:
            return str(row["action"])
        if column == 4:
            return str(row["entry"] or "")
        if column == 5:
            if not row["to_state"]:
                return ""
            return f"{state_label(row['from_state'])} → {state_label(row['to_state'])}".lstrip(" →")
        if column == 6:
            details = row["details"] or {}
            text = json.dumps(details, ensure_ascii=False) if details else ""
            return " — ".join(part for part in (row["comment"] or "", text) if part)
        return None


class AuditPage(QWidget):
    """Filters (entry id, user, date range), the paged table and the chain check."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page-audit")
        self.offset = 0
        self.total = 0
        self._anchor: tuple[int | None, int | None] = (None, None)  # what the shown page was read from
        self.model = AuditTableModel(self)

        self.entry_edit = QLineEdit()
        self.entry_edit.setPlaceholderText(self.tr("kayıt no (uuid)"))
        self.entry_edit.setClearButtonEnabled(True)
        self.actor_edit = QLineEdit()
        self.actor_edit.setPlaceholderText(self.tr("kullanıcı adı"))
        self.actor_edit.setClearButtonEnabled(True)
        self.date_check = QCheckBox(self.tr("&Tarih:"))
        self.date_from = QDateEdit(QDate.currentDate().addMonths(-1))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.filter_button = QPushButton(self.tr("&Süz"))
        self.verify_button = QPushButton(self.tr("&Zinciri doğrula"))
        self.verify_button.setObjectName("verifyChain")
        self.verify_label = QLabel()
        self.verify_label.setObjectName("verifyResult")
        self.verify_label.setWordWrap(True)
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_label.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.empty_state = EmptyState(
            self.table, self.tr("Bu süzgece uyan denetim kaydı yok; süzgeci genişletin ya da temizleyin.")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 60), (1, 130), (2, 100), (3, 90), (4, 270), (5, 200)):
            self.table.setColumnWidth(column, width)

        self.previous_button = QPushButton(self.tr("◀ &Önceki"))
        self.next_button = QPushButton(self.tr("S&onraki ▶"))
        self.page_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #a00000;")
        self.error_label.hide()

        filters = QHBoxLayout()
        entry_label = QLabel(self.tr("&Kayıt:"))
        entry_label.setBuddy(self.entry_edit)
        actor_label = QLabel(self.tr("K&ullanıcı:"))
        actor_label.setBuddy(self.actor_edit)
        filters.addWidget(entry_label)
        filters.addWidget(self.entry_edit, 2)
        filters.addWidget(actor_label)
        filters.addWidget(self.actor_edit, 1)
        filters.addWidget(self.date_check)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.date_to)
        filters.addWidget(self.filter_button)
        pager = QHBoxLayout()
        pager.addWidget(self.previous_button)
        pager.addWidget(self.page_label, 1)
        pager.addWidget(self.next_button)
        top = QHBoxLayout()
        top.addWidget(QLabel("<h2>" + self.tr("Denetim izi") + "</h2>"), 1)
        top.addWidget(self.verify_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.verify_label)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(pager)

        self.filter_button.clicked.connect(self.on_filter_clicked)
        self.entry_edit.returnPressed.connect(self.on_filter_clicked)
        self.actor_edit.returnPressed.connect(self.on_filter_clicked)
        self.date_check.toggled.connect(self.on_date_check_toggled)
        self.verify_button.clicked.connect(self.on_verify_clicked)
        self.previous_button.clicked.connect(self.on_previous_clicked)
        self.next_button.clicked.connect(self.on_next_clicked)
        ctx.hub.changed.connect(self.on_hub_changed)
        self.load(0)

    def current_filter(self) -> AuditFilter:
        date_from = date_to = None
        if self.date_check.isChecked():
            date_from = self.date_from.date().toString("yyyy-MM-dd")
            date_to = self.date_to.date().toString("yyyy-MM-dd")
        return AuditFilter(
            entry_uuid=self.entry_edit.text().strip() or None,
            actor=self.actor_edit.text().strip() or None,
            date_from=date_from,
            date_to=date_to,
        )

    def load(self, offset: int = 0, *, after_seq: int | None = None, before_seq: int | None = None) -> None:
        """The newest page (``offset`` 0), or the page older than ``after_seq`` / newer than
        ``before_seq``: each one range of the primary key, however deep in the trail."""
        flt = self.current_filter()
        self._anchor = (after_seq, before_seq) if offset else (None, None)

        def op(store: Store) -> tuple[int, int, list[dict[str, Any]]]:
            return queries.audit_view(store, flt, limit=PAGE_SIZE, after_seq=after_seq, before_seq=before_seq)

        self.ctx.worker.submit(op, self.on_page_loaded, self.on_failed, coalesce=f"audit-{id(self)}")

    def on_previous_clicked(self) -> None:
        first = self.model.seq_at(0)
        self.load(max(0, self.offset - PAGE_SIZE), before_seq=first)

    def on_next_clicked(self) -> None:
        last = self.model.seq_at(self.model.rowCount() - 1)
        self.load(self.offset + PAGE_SIZE, after_seq=last)

    def on_page_loaded(self, result: tuple[int, int, list[dict[str, Any]]]) -> None:
        self.total, self.offset, rows = result
        self.error_label.hide()
        self.model.set_rows(rows)
        if self.total:
            self.page_label.setText(
                self.tr("{0}–{1} / {2} kayıt").format(self.offset + 1, self.offset + len(rows), self.total)
            )
        else:
            self.page_label.setText(self.tr("Bu süzgeçle denetim kaydı yok."))
        self.previous_button.setEnabled(self.offset > 0)
        self.next_button.setEnabled(self.offset + len(rows) < self.total)

    def on_failed(self, exc: BaseException) -> None:
        self.error_label.setText(user_message(exc))
        self.error_label.show()

    def on_filter_clicked(self) -> None:
        self.load(0)

    def on_date_check_toggled(self, checked: bool) -> None:
        self.date_from.setEnabled(checked)
        self.date_to.setEnabled(checked)

    def on_hub_changed(self, changes: OpChanges) -> None:
        if changes.audit or changes.entries or changes.settings or changes.users:
            after_seq, before_seq = self._anchor
            self.load(self.offset, after_seq=after_seq, before_seq=before_seq)

    def on_verify_clicked(self) -> None:
        self.verify_button.setEnabled(False)
        self.verify_label.setText(self.tr("Zincir doğrulanıyor…"))
        self.verify_label.setStyleSheet("")
        self.verify_label.show()
        self.ctx.worker.submit(lambda store: audit.verify(store), self.on_verified, self.on_verify_failed)

    def on_verified(self, result: VerifyResult) -> None:
        self.verify_button.setEnabled(True)
        if result.ok:
            self.verify_label.setText(
                self.tr("Denetim izi sağlam: {0} kayıt, son özet {1}.").format(result.rows, result.head_hash)
            )
            self.verify_label.setStyleSheet("color: #0a6b1f; font-weight: bold;")
        else:
            where = str(result.bad_seq) if result.bad_seq is not None else "?"
            self.verify_label.setText(
                self.tr("Denetim izi BOZULMUŞ: ilk sorunlu kayıt {0}: {1}").format(where, result.reason)
            )
            self.verify_label.setStyleSheet("color: #b00000; font-weight: bold;")

    def on_verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.verify_label.setText(user_message(exc))
        self.verify_label.setStyleSheet("color: #b00000; font-weight: bold;")

    def focus_first(self) -> None:
        self.entry_edit.setFocus()
