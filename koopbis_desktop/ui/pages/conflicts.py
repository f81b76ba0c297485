"""Çakışmalar: the entries KOOP-BİS refused because its data changed, waiting for a supervisor.

One line per entry in ``conflict`` state: which cooperative, what change, what
kind of refusal (Çakışma / Mükerrer / Sona ermiş kooperatif / Anahtar
uyuşmazlığı), which values clash and since when. Enter or a double-click opens
the three-way dialog. The list reloads when the hub says entries changed (a
sync, a decision in the dialog, a decision from another window).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import shiboken6
from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from koopbis_desktop.domain.changetypes import get_type, registers_cooperative
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.domain.records import key_label
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.conflict_dialog import ConflictDialog, open_conflict
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.empty_state import EmptyState
from koopbis_desktop.ui.entry_view import EMPTY, fit_columns, read_only_table
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.tables import resort
from koopbis_desktop.ui.text_table import Column, TextTableModel
from sync.conflict_view import kind_label
from sync.conflicts import describe

_tr = QCoreApplication.translate


@dataclass(frozen=True)
class ConflictRow:
    uuid: str
    cooperative: str
    cooperative_title: str
    type_label: str
    kind: str
    kind_label: str
    fields: str  # labels of the clashing values
    since: str  # ISO timestamp the entry went into conflict (updated_at)
    author: str


def age_text(since: str, now: datetime | None = None) -> str:
    """ "3 saat önce" — how long an entry has waited, in the words a person uses."""
    try:
        then = datetime.fromisoformat(since)
    except ValueError:
        return since or EMPTY
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    seconds = max(0, int(((now or datetime.now(UTC)) - then).total_seconds()))
    if seconds < 60:
        return tx("az önce")
    if seconds < 3600:
        return tx("{n} dakika önce").format(n=seconds // 60)
    if seconds < 86400:
        return tx("{n} saat önce").format(n=seconds // 3600)
    return tx("{n} gün önce").format(n=seconds // 86400)


def _clashing_labels(entry: entries.Entry) -> str:
    keys = resolution.conflicting_keys(entry)
    if not keys:
        try:
            comparison = describe(entry)
        except Exception:  # an odd stored answer only costs the column
            comparison = None
        if comparison is not None:
            keys = [f.key for f in comparison.conflicts] or [
                f.key for f in comparison.fields if f.local_changed and f.server_changed
            ]
    if not keys and (entry.outcome or {}).get("kind") == "duplicate":
        keys = list(entry.base)
    return ", ".join(key_label(k) for k in keys) or EMPTY


def load_conflict_rows(store: Store) -> list[ConflictRow]:
    """The entries waiting in ``conflict``, oldest first (runs on the DB worker)."""
    out: list[ConflictRow] = []
    for entry in entries.list_entries(store, states=[State.CONFLICT]):
        title = ""
        if entry.cooperative_id:
            summary = snapshot.get_summary(store, entry.cooperative_id)
            title = str((summary or {}).get("title") or "")
        elif registers_cooperative(entry.type):
            title = str(entry.payload.get("title") or "")
        outcome = entry.outcome or {}
        out.append(
            ConflictRow(
                entry.uuid,
                entry.cooperative or _tr("ConflictsPage", "yeni kuruluş"),
                title,
                get_type(entry.type).label,
                str(outcome.get("kind") or ""),
                kind_label(outcome),
                _clashing_labels(entry),
                entry.updated_at,
                entry.author,
            )
        )
    out.sort(key=lambda r: r.since)
    return out


class ConflictsPage(QWidget):
    """The list of conflicts; each opens in :class:`ConflictDialog`."""

    dialog_opened = Signal(object)  # the ConflictDialog just shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("conflictsPage")
        self.last_dialog: ConflictDialog | None = None
        self.open_dialogs: dict[str, ConflictDialog] = {}  # one per conflict: a second would lose a reason

        title = QLabel("<h2 style='margin:0'>" + self.tr("Çakışmalar") + "</h2>")
        explanation = QLabel(
            self.tr(
                "KOOP-BİS'in, siz çevrimdışıyken değişen bilgisi yüzünden uygulamadığı kayıtlar. "
                "Bir şef her birini açıp alan alan karar verir; iki tarafın bilgisi de saklanır. "
                "Açmak için satırı seçip Enter'a basın ya da çift tıklayın."
            )
        )
        explanation.setWordWrap(True)
        self.count_label = QLabel(self.tr("Yükleniyor…"))
        self.count_label.setObjectName("conflictsCount")

        self.model = TextTableModel(
            [
                Column(
                    self.tr("Kooperatif"),
                    lambda r: (
                        f"{r.cooperative} — {r.cooperative_title}" if r.cooperative_title else r.cooperative
                    ),
                ),
                Column(self.tr("Kayıt türü"), lambda r: r.type_label),
                Column(self.tr("Türü"), lambda r: r.kind_label),
                Column(self.tr("Çakışan alanlar"), lambda r: r.fields),
                Column(self.tr("Bekliyor"), lambda r: age_text(r.since), lambda r: r.since),
                Column(self.tr("Yazan"), lambda r: r.author),
            ],
            parent=self,
        )
        self.table = read_only_table(self.model, sortable=True)
        self.empty_state = EmptyState(
            self.table,
            self.tr(
                "Çakışma yok. Eşitlemede KOOP-BİS'teki güncel bilgiyle çelişen bir kayıt çıkarsa burada "
                "şefin kararını bekler; o zamana kadar yapılacak bir şey yok."
            ),
        )
        self.table.setObjectName("conflictsTable")
        # Enter and a double-click both activate (a double-click also emits doubleClicked: not that too).
        self.table.activated.connect(self.on_table_activated)

        self.open_button = QPushButton(self.tr("İncele ve karar &ver…"))
        self.open_button.setObjectName("openConflictButton")
        self.open_button.clicked.connect(self.on_open_button_clicked)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        # The "3 saat önce" column ages while the page is open.
        self.age_timer = QTimer(self)
        self.age_timer.setInterval(60_000)
        self.age_timer.timeout.connect(self.on_age_timer_timeout)
        self.age_timer.start()

        ctx.hub.changed.connect(self.on_hub_changed)
        self.refresh()

    def focus_first(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def refresh(self) -> None:
        self.ctx.worker.submit(
            load_conflict_rows, self.on_rows_loaded, self.on_rows_failed, coalesce="conflicts-page"
        )

    def on_rows_loaded(self, rows: list[ConflictRow]) -> None:
        current = self.table.currentIndex()
        keep = self.model.row_at(current.row()).uuid if current.isValid() else None
        self.model.set_rows(rows)
        resort(self.table)  # as the supervisor sorted it, not back to oldest first
        rows = self.model.rows()
        fit_columns(self.table, max_width=360)
        if rows:
            self.count_label.setText(self.tr("{0} kayıt karar bekliyor.").format(len(rows)))
        else:
            self.count_label.setText(self.tr("Çakışmada kayıt yok."))
        uuids = [r.uuid for r in rows]
        row = uuids.index(keep) if keep in uuids else 0
        if rows:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self.open_button.setEnabled(bool(rows))
        self.status.setText("")

    def on_rows_failed(self, exc: BaseException) -> None:
        self.status.setText(user_message(exc))

    def on_hub_changed(self, changes: OpChanges) -> None:
        if changes.entries:
            self.refresh()

    def on_age_timer_timeout(self) -> None:
        if self.model.rowCount():
            last = self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1)
            self.model.dataChanged.emit(self.model.index(0, 0), last)

    def on_table_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if index.isValid():
            self.open_row(index.row())

    def on_open_button_clicked(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_row(index.row())

    def open_row(self, row: int) -> ConflictDialog:
        """The conflict's dialog: the one already open for it brought forward, else a new one."""
        uuid = self.model.row_at(row).uuid
        # A closed dialog is deleted (WA_DeleteOnClose): forget those that are gone.
        self.open_dialogs = {k: d for k, d in self.open_dialogs.items() if shiboken6.isValid(d)}
        dialog = self.open_dialogs.get(uuid)
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            self.last_dialog = dialog
            return dialog
        dialog = open_conflict(self.ctx, self, uuid)
        self.open_dialogs[uuid] = dialog
        self.last_dialog = dialog
        dialog.destroyed.connect(self.on_dialog_destroyed)
        self.dialog_opened.emit(dialog)
        return dialog

    def on_dialog_destroyed(self) -> None:
        self.last_dialog = None
        self.table.setFocus()


__all__ = ["ConflictRow", "ConflictsPage", "age_text", "load_conflict_rows"]
