"""The entry lists' table model: rows arrive a page at a time from the DB worker.

A queue of 100,000 entries must open at once and scroll without loading every row,
so the model knows the total count but holds only the pages fetched so far. Pages
are keysets (the sort value and uuid of the row a page follows), so each costs the
same wherever it lies: ``fetchMore`` extends the rows read from the top, and
:meth:`EntryTableModel.fetch_end` reads the last page straight away (Ctrl+End) into
a tail; one placeholder row stands for the rows between the two until scrolling
fills it from either side (:meth:`EntryTableModel.fill_gap`). Sorting and filtering
happen in SQL (stored Turkish sort keys, ``fold``-ed text), never in a proxy model.
Every reload bumps a generation number so a page that arrives for an old filter is
dropped.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication

from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.domain.validators import format_date
from koopbis_desktop.services import queries
from koopbis_desktop.services.queries import EntryFilter, EntryRow
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.presence import Presence
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message
from sync.settle import REFUSAL_PREFIX

PAGE_SIZE = 200
ENTRY_ROLE = int(Qt.ItemDataRole.UserRole) + 1

# (header, sort key in queries.SORTABLE or None when the column is not sortable)
COLUMNS: tuple[tuple[str, str | None], ...] = (
    (QCoreApplication.translate("EntryTableModel", "Kayıt no"), "number"),
    (QCoreApplication.translate("EntryTableModel", "Durum"), "state"),
    (QCoreApplication.translate("EntryTableModel", "Tür"), "type"),
    (QCoreApplication.translate("EntryTableModel", "Kooperatif"), "cooperative_title"),
    (QCoreApplication.translate("EntryTableModel", "Tarih"), "effective_date"),
    (QCoreApplication.translate("EntryTableModel", "Yazan"), "author"),
    (QCoreApplication.translate("EntryTableModel", "Son değişiklik"), "updated_at"),
    (QCoreApplication.translate("EntryTableModel", "KOOP-BİS fiş no"), None),
)
COL_NUMBER, COL_STATE, COL_TYPE, COL_COOPERATIVE, COL_DATE, COL_AUTHOR, COL_UPDATED, COL_RECEIPT = range(8)

_RETURNED_BACKGROUND = QColor("#fff3cd")
_CONFLICT_BACKGROUND = QColor("#f8d7da")
_STATUS_ICONS: dict[bool, QIcon] = {}  # has errors → the row's icon, made on first use


def format_stamp(stamp: str) -> str:
    """A stored UTC stamp as local 'GG.AA.YYYY SS:DD'."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    return moment.strftime("%d.%m.%Y %H:%M")


def _editing_tip(editing: Presence) -> str:
    return QCoreApplication.translate(
        "EntryTableModel", "{0} bu kaydı {1} bilgisayarında {2} saatinden beri düzenliyor."
    ).format(editing.username, editing.host, format_stamp(editing.since)[-5:])


def return_note(state: State, comment: str | None) -> str | None:
    """The note an entry was returned with, named by who wrote it, while the clerk still has to
    act on it: returned, or a draft again after a correction saved but not yet sent (the entry
    form says "Son iade notu" then too). None otherwise."""
    if not comment or state not in (State.RETURNED, State.DRAFT):
        return None
    if comment.startswith(REFUSAL_PREFIX):  # returned by KOOP-BİS itself (422), not by the supervisor
        return QCoreApplication.translate("EntryTableModel", "KOOP-BİS'in iade notu: {0}").format(comment)
    if state == State.RETURNED:
        return QCoreApplication.translate("EntryTableModel", "Şefin iade notu: {0}").format(comment)
    return QCoreApplication.translate("EntryTableModel", "Son iade notu: {0}").format(comment)


class EntryTableModel(QAbstractTableModel):
    """Entries matching a filter, sorted in SQL, fetched lazily in pages of ``page_size``."""

    loaded = Signal()  # a page (or a fresh first page) arrived
    counted = Signal()  # the count of a list whose first page came before it (see reload)
    failed = Signal(str)  # a Turkish sentence

    def __init__(self, ctx: AppContext, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._page_size = page_size
        self._filter = EntryFilter()
        self._sort = "updated_at"
        self._descending = True
        self._rows: list[EntryRow] = []  # from the top of the list, without holes
        self._tail: list[EntryRow] = []  # up to the end of the list, read from the end
        self._total = 0
        self._counted = True  # False while a first page's count is still to come
        self._generation = 0
        self._fetching = False
        self._loaded_once = False
        self._editing: dict[str, Presence] = {}  # entry uuid → someone else's open editor

    # -- what to show ------------------------------------------------------------

    @property
    def entry_filter(self) -> EntryFilter:
        return self._filter

    @property
    def total(self) -> int:
        """How many entries match, whether fetched yet or not; until :attr:`is_counted`, the rows
        read so far and one more if a page came full (a list that goes on)."""
        return self._total

    @property
    def is_counted(self) -> bool:
        """Whether :attr:`total` is the list's count (it is, except between a first page read
        before its count and that count's arrival)."""
        return self._counted

    @property
    def is_loaded(self) -> bool:
        return self._loaded_once and not self._fetching

    def set_filter(self, flt: EntryFilter) -> None:
        self._filter = flt
        self.reload()

    def update_filter(self, **changes: Any) -> None:
        self.set_filter(replace(self._filter, **changes))

    @property
    def loaded_count(self) -> int:
        """How many entries have been read (the placeholder row between them not counted)."""
        return len(self._rows) + len(self._tail)

    @property
    def gap_row(self) -> int | None:
        """The row standing for the entries not read yet between the top and the end, if any."""
        # A tail is only kept while rows are missing before it (see _remove_gap).
        return len(self._rows) if self._tail else None

    def entry_at(self, row: int) -> EntryRow | None:
        if 0 <= row < len(self._rows):
            return self._rows[row]
        tail_start = len(self._rows) + (0 if self.gap_row is None else 1)
        if 0 <= row - tail_start < len(self._tail):
            return self._tail[row - tail_start]
        return None

    def row_of(self, entry_uuid: str) -> int | None:
        """The row showing the entry, if it is among the rows fetched so far."""
        return next((i for i, row in enumerate(self._rows) if row.uuid == entry_uuid), None)

    # -- who is editing what (office) -------------------------------------------------

    def set_editing(self, editing: dict[str, Presence]) -> None:
        """The entries other people have open in an editor, shown beside their state."""
        if editing == self._editing:
            return
        self._editing = dict(editing)
        if self._rows:
            roles = [int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)]
            self.dataChanged.emit(self.index(0, COL_STATE), self.index(len(self._rows) - 1, COL_STATE), roles)

    def editing_of(self, entry_uuid: str) -> Presence | None:
        return self._editing.get(entry_uuid)

    def reload(self) -> None:
        """Count and fetch the first page again (after a filter, sort or data change).

        Both in one job, except where the count would compare a text with many entries
        (``queries.quick_count``: a text box of common words, ≈ 260 ms at 100,000 entries
        against ≈ 3 ms for the page): the rows then show first, the count follows
        in a job of its own (:attr:`is_counted`, ``counted``). A page read after it is
        queued behind that count, so it arrives counted."""
        self._generation += 1
        generation = self._generation
        flt, sort, descending, size = self._filter, self._sort, self._descending, self._page_size
        self._fetching = True

        def op(store: Store) -> tuple[int | None, list[EntryRow]]:
            return queries.first_page(store, flt, limit=size, sort=sort, descending=descending)

        self._ctx.worker.submit(
            op,
            lambda result: self._on_first_page(generation, result),
            self._on_error,
            coalesce=f"entries-reload-{id(self)}",
        )

    def _on_first_page(self, generation: int, result: tuple[int | None, list[EntryRow]]) -> None:
        if generation != self._generation:
            return
        total, rows = result
        if total is None and len(rows) < self._page_size:
            total = len(rows)  # a page not full is the whole list: nothing left to count
        if total is None:
            # Queued before the view can ask for the next page (it does as the rows go in),
            # so every page read after this one arrives counted.
            self._count(generation)
        self.beginResetModel()
        self._rows = list(rows)
        self._tail = []
        self._counted = total is not None
        self._total = max(total, len(rows)) if total is not None else len(rows) + 1
        self._fetching = False
        self._loaded_once = True
        self.endResetModel()
        self.loaded.emit()

    def _count(self, generation: int) -> None:
        flt = self._filter
        self._ctx.worker.submit(
            lambda store: queries.count_entries(store, flt),
            lambda total: self._on_counted(generation, total),
            self._on_count_failed,
            coalesce=f"entries-count-{id(self)}",
        )

    def _on_counted(self, generation: int, total: int) -> None:
        if generation != self._generation or self._counted:
            return
        self._counted = True
        self._total = max(total, self.loaded_count)  # rows may have come since the page was read
        if self.loaded_count >= self._total:
            self._remove_gap()
        self.counted.emit()

    def _on_count_failed(self, exc: BaseException) -> None:
        self.failed.emit(user_message(exc))  # the rows stay; a page under way goes on

    def _on_error(self, exc: BaseException) -> None:
        self._fetching = False
        self.failed.emit(user_message(exc))

    # -- lazy fetching -------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        # With a tail read, the bottom of the view is the end of the list: a view scrolled
        # there has nothing more to ask for; the placeholder fills through fill_gap.
        return not parent.isValid() and not self._tail and self._missing()

    def _missing(self) -> bool:
        return not self._fetching and self.loaded_count < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        """The page after the rows read from the top."""
        if parent.isValid() or not self.canFetchMore(parent):
            return
        self._fetch_after_top()

    def _fetch_after_top(self) -> None:
        after = self._rows[-1].page_key if self._rows else None
        self._fetch(self._on_page, after=after)

    def fetch_end(self) -> None:
        """The last page, read from the end of the list without reading what lies before it."""
        if self._tail or not self._missing():
            return
        self._fetch(self._on_tail_page, from_end=True)

    def fill_gap(self, from_end: bool) -> None:
        """The page just before the tail (``from_end``) or just after the top rows."""
        if self.gap_row is None or not self._missing():
            return
        if from_end:
            self._fetch(self._on_tail_page, before=self._tail[0].page_key)
        else:
            self._fetch_after_top()

    def _fetch(self, on_rows: Any, **where: Any) -> None:
        self._fetching = True
        generation = self._generation
        flt, sort, descending, size = self._filter, self._sort, self._descending, self._page_size

        def op(store: Store) -> list[EntryRow]:
            return queries.page_entries(store, flt, limit=size, sort=sort, descending=descending, **where)

        def done(rows: list[EntryRow]) -> None:
            if generation != self._generation:
                return
            # Still "fetching" while the rows go in: a view asking for more from inside
            # beginInsertRows would otherwise start from the key of the old last row.
            try:
                on_rows(rows)
            finally:
                self._fetching = False
            self.loaded.emit()

        self._ctx.worker.submit(op, done, self._on_error)

    def _on_page(self, rows: list[EntryRow]) -> None:
        if not rows:
            self._total = self.loaded_count  # fewer than counted: rows went away meanwhile
            self._counted = True
            self._remove_gap()
            return
        # Rows the tail already holds end the page: the two parts meet.
        tail_uuids = {row.uuid for row in self._tail}
        fresh = [row for row in rows if row.uuid not in tail_uuids]
        if fresh:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()
        if len(fresh) < len(rows):
            self._total = self.loaded_count
        elif not self._counted and len(rows) >= self._page_size:
            self._total = max(self._total, self.loaded_count + 1)  # still more than read
        if self.loaded_count >= self._total:
            self._remove_gap()

    def _on_tail_page(self, rows: list[EntryRow]) -> None:
        head_uuids = {row.uuid for row in self._rows}
        fresh = [row for row in rows if row.uuid not in head_uuids]
        if len(fresh) < len(rows) or not rows:
            self._total = self.loaded_count + len(fresh)  # the two parts meet
        if self.loaded_count + len(fresh) >= self._total:
            # Everything is read: the rows go just before the tail, then the placeholder goes.
            if fresh:
                start = len(self._rows) + (1 if self._tail else 0)
                self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
                if self._tail:
                    self._tail[:0] = fresh
                else:
                    self._rows.extend(fresh)
                self.endInsertRows()
            self._remove_gap()
        elif fresh:
            # A first tail brings the placeholder row with it, just before its rows.
            base = len(self._rows)
            first = base + (1 if self._tail else 0)
            self.beginInsertRows(QModelIndex(), first, base + len(fresh))
            self._tail[:0] = fresh
            self.endInsertRows()

    def _remove_gap(self) -> None:
        """The top rows and the tail meet: the placeholder goes, the tail joins the top rows."""
        if not self._tail:
            return
        gap = len(self._rows)
        self.beginRemoveRows(QModelIndex(), gap, gap)
        self._rows.extend(self._tail)
        self._tail = []
        self.endRemoveRows()

    # -- sorting in SQL ------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][1]
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return  # the order it has (a view taking the model): nothing to read again
        self._sort, self._descending = key, descending
        if self._generation:  # a list never asked for yet is read once, in its first order
            self.reload()

    def current_order(self) -> tuple[str, bool]:
        """The sort key (of ``queries.SORTABLE``) and whether descending: what the list shows."""
        return self._sort, self._descending

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column][1] is not None

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.loaded_count + (0 if self.gap_row is None else 1)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(COLUMNS):
                return QCoreApplication.translate("EntryTableModel", COLUMNS[section][0])
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.entry_at(index.row())
        column = index.column()
        if row is None:
            if index.row() == self.gap_row and role == Qt.ItemDataRole.DisplayRole and column == 0:
                # The same text whatever is missing: the row stands still while pages fill it.
                return QCoreApplication.translate("EntryTableModel", "… (kaydırdıkça gelir)")
            return None
        editing = self._editing.get(row.uuid) if column == COL_STATE else None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._display(row, column)
            return f"{text} · {editing.sentence}" if editing is not None else text
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(row, column)
            if editing is not None:
                return "\n".join(part for part in (tip, _editing_tip(editing)) if part)
            return tip
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATE:
            return self._icon(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.state == State.RETURNED:
                return QBrush(_RETURNED_BACKGROUND)
            if row.state == State.CONFLICT:
                return QBrush(_CONFLICT_BACKGROUND)
            return None
        if role == ENTRY_ROLE:
            return row
        return None

    @staticmethod
    def _display(row: EntryRow, column: int) -> str | None:
        if column == COL_NUMBER:
            return row.label
        if column == COL_STATE:
            return row.state_label
        if column == COL_TYPE:
            return row.type_label
        if column == COL_COOPERATIVE:
            return f"{row.cooperative or ''} {row.cooperative_title}".strip()
        if column == COL_DATE:
            return format_date(row.effective_date) if row.effective_date else ""
        if column == COL_AUTHOR:
            return row.author
        if column == COL_UPDATED:
            return format_stamp(row.updated_at)
        if column == COL_RECEIPT:
            return row.receipt or ""
        return None

    @staticmethod
    def _tooltip(row: EntryRow, column: int) -> str | None:
        parts: list[str] = []
        if row.has_errors:
            parts.append(
                QCoreApplication.translate("EntryTableModel", "Kayıtta düzeltilmesi gereken hatalar var.")
            )
        elif row.has_warnings:
            parts.append(
                QCoreApplication.translate("EntryTableModel", "Kayıtta 1163 sayılı Kanun uyarıları var.")
            )
        note = return_note(row.state, row.comment)
        if note:
            parts.append(note)
        if column == COL_COOPERATIVE and row.cooperative_title:
            parts.append(row.cooperative_title)
        return "\n".join(parts) if parts else None

    @staticmethod
    def _icon(row: EntryRow) -> Any:
        if not (row.has_errors or row.has_warnings):
            return None
        icon = _STATUS_ICONS.get(row.has_errors)
        if icon is None:
            app = QApplication.instance()
            if not isinstance(app, QApplication):
                return None
            # QStyle is named only here: PySide6 builds its dozen enums (≈ 6 ms) when the
            # class is first used, which a list without warnings then never pays.
            from PySide6.QtWidgets import QStyle

            pixmap = (
                QStyle.StandardPixmap.SP_MessageBoxCritical
                if row.has_errors
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            )
            icon = _STATUS_ICONS[row.has_errors] = app.style().standardIcon(pixmap)
        return icon
