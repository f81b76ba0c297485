"""The entry queues (Taslaklarım, Onay bekleyenler, …): one page class, a preset per queue.

Each preset fixes which states the page shows and whether it shows only the
signed-in user's entries; the person narrows it further by state, type, author,
effective-date range and free text (folded, so "isik" finds "IŞIK"). The list
refreshes itself when the hub says entries changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.changetypes import all_types
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State, may_capture
from koopbis_desktop.services.queries import EntryFilter, EntryRow
from koopbis_desktop.store import presence
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.presence import Presence
from koopbis_desktop.ui.bulk import BulkKind, BulkOutcome, act_on_selected
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.copy_entry import COPY_KEYS, open_copy
from koopbis_desktop.ui.empty_state import EmptyState, viewport_of
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.models.entries import (
    COL_AUTHOR,
    COL_COOPERATIVE,
    COL_DATE,
    COL_NUMBER,
    COL_STATE,
    COL_TYPE,
    COL_UPDATED,
    EntryTableModel,
    return_note,
)
from koopbis_desktop.ui.opening import open_existing_entry
from koopbis_desktop.ui.pages.presets import PRESET_BY_KEY, PRESETS, QueuePreset
from koopbis_desktop.ui.withdraw import (
    WITHDRAW_KEYS,
    WithdrawDialog,
    tell_refused,
    withdraw_job,
    withdraw_refusal,
    withdrawn_text,
)

# A claim whose PC went away is never released: look again after it has had time to go stale.
PRESENCE_RECHECK_MS = (presence.STALE_AFTER_S // 2) * 1000


class QueuePage(QWidget):
    """A filtered, lazily loaded list of entries with the filter bar above it."""

    entry_opened = Signal(str)  # uuid of the entry the person opened

    def __init__(self, ctx: AppContext, preset: QueuePreset, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preset = preset
        self.setObjectName(f"queue-{preset.key}")
        self.model = EntryTableModel(ctx, self)
        self._end_wanted = False  # Ctrl+End asked for the last page; select it when it arrives

        title = QLabel(f"<h2>{self.tr(preset.title)}</h2>")
        self.explanation = QLabel(self.tr(preset.explanation) if preset.explanation else "")
        self.explanation.setWordWrap(True)
        self.explanation.setVisible(bool(preset.explanation))

        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("Tümü"), None)
        for state in preset.states or tuple(State):
            self.state_combo.addItem(STATE_LABELS[state], state.value)
        self.state_combo.setVisible(len(preset.states) != 1)

        self.type_combo = QComboBox()
        self.type_combo.addItem(self.tr("Tüm türler"), None)
        for ctype in all_types():
            self.type_combo.addItem(ctype.label, ctype.id)

        self.author_edit = QLineEdit()
        self.author_edit.setPlaceholderText(self.tr("kullanıcı adı"))
        self.author_edit.setClearButtonEnabled(True)
        self.author_edit.setVisible(not preset.own_only)

        self.date_check = QCheckBox(self.tr("&Tarih aralığı"))
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.date_from.setDate(QDate(2015, 1, 1))
        self.date_to.setDate(QDate.currentDate())

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("Ara: kooperatif, kişi, karar no… (Türkçe harfsiz de olur)")
        )
        self.search_edit.setClearButtonEnabled(True)
        # The first page is asked for now, with the filter these widgets show: the DB worker
        # reads it while the rest of the page (and, for the landing list, of the window) is built.
        self.model.set_filter(self.current_filter())

        filters = QHBoxLayout()
        form_left = QFormLayout()
        form_left.addRow(self.tr("&Ara:"), self.search_edit)
        form_left.addRow(self.tr("Tü&r:"), self.type_combo)
        form_right = QFormLayout()
        state_label = QLabel(self.tr("D&urum:"))
        state_label.setBuddy(self.state_combo)
        state_label.setVisible(self.state_combo.isVisibleTo(self) or len(preset.states) != 1)
        form_right.addRow(state_label, self.state_combo)
        author_label = QLabel(self.tr("Ya&zan:"))
        author_label.setBuddy(self.author_edit)
        author_label.setVisible(not preset.own_only)
        form_right.addRow(author_label, self.author_edit)
        dates = QHBoxLayout()
        dates.addWidget(self.date_check)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        form_right.addRow(dates)
        filters.addLayout(form_left, 3)
        filters.addLayout(form_right, 2)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # The model's own order (newest first), shown before sorting is on: turning it on sorts by
        # the indicator, which then changes nothing and reads nothing again.
        header.setSortIndicator(COL_UPDATED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (COL_NUMBER, 95),
            (COL_STATE, 120),
            (COL_TYPE, 160),
            (COL_COOPERATIVE, 230),  # with the others, leaves room for the receipt column at 1280 px
            (COL_DATE, 90),
            (COL_AUTHOR, 80),
            (COL_UPDATED, 125),
        ):
            self.table.setColumnWidth(column, width)
        header.sortIndicatorChanged.connect(self.on_header_sort_changed)
        self.table.activated.connect(self.on_table_activated)
        records = self.ctx.actor is not None and not self.ctx.is_admin
        self.empty_state = EmptyState(
            self.table,
            self._empty_text,
            self.tr("Yeni kayıt (Ctrl+N)") if records else "",
            self.on_empty_state_action if records else None,
        )
        self.model.loaded.connect(self.empty_state.refresh)

        self.count_label = QLabel()
        self.comment_label = QLabel()
        self.comment_label.setWordWrap(True)
        self.comment_label.setObjectName("returnComment")
        self.comment_label.setStyleSheet(
            "QLabel#returnComment { background: #fff3cd; border: 1px solid #e0c060; padding: 6px; }"
        )
        self.comment_label.hide()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #a00000;")
        self.error_label.hide()

        # Several rows at once (a member list's drafts, a day's submissions): the author sends
        # her selected drafts for approval, a supervisor approves the selected submissions.
        self.bulk_kind: BulkKind | None = None
        if preset.key == "drafts" and records:
            self.bulk_kind = BulkKind.SUBMIT
        elif preset.key == "submitted" and ctx.is_supervisor:
            self.bulk_kind = BulkKind.APPROVE
        self.bulk_button = QPushButton(
            self.tr("Seçilenleri &onaya gönder…")
            if self.bulk_kind == BulkKind.SUBMIT
            else self.tr("Seçilenleri o&nayla…")
        )
        self.bulk_button.setObjectName("bulkButton")
        self.bulk_button.setToolTip(
            self.tr("Seçili taslakların her biri ayrı ayrı onaya gönderilir (Ctrl+Enter).")
            if self.bulk_kind == BulkKind.SUBMIT
            else self.tr("Seçili kayıtların her biri ayrı ayrı onaylanır (Ctrl+Enter).")
        )
        self.bulk_button.setVisible(self.bulk_kind is not None)
        self.bulk_button.setEnabled(False)
        self.bulk_button.clicked.connect(self.on_bulk_button_clicked)
        if self.bulk_kind is not None:
            for keys in ("Ctrl+Return", "Ctrl+Enter"):
                bulk_shortcut = QShortcut(QKeySequence(keys), self.table)
                bulk_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                bulk_shortcut.activated.connect(self.on_bulk_button_clicked)
        # Geri çek… (Ctrl+Shift+G, also on the row's context menu): the author withdraws her own
        # draft, submission or returned entry. Offered on the queues that hold such entries.
        withdrawable = {State.DRAFT, State.SUBMITTED, State.RETURNED}
        self.offers_withdraw = records and (not preset.states or bool(withdrawable & set(preset.states)))
        self.withdraw_action, self.withdraw_button = self._row_action(
            self.tr("Geri ç&ek…"),
            self.tr("Geri ç&ek… (Ctrl+Shift+G)"),
            WITHDRAW_KEYS,
            "withdrawButton",
            self.offers_withdraw,
            self.on_withdraw_action_triggered,
        )
        # Yeni kayda kopyala… (Ctrl+Shift+K, also on the row's context menu): the row's entry in a
        # new form, for whoever records entries; every queue holds entries worth copying.
        self.offers_copy = may_capture(ctx.actor)
        self.copy_action, self.copy_button = self._row_action(
            self.tr("Yeni kayda ko&pyala…"),
            self.tr("Yeni kayda ko&pyala… (Ctrl+Shift+K)"),
            COPY_KEYS,
            "copyButton",
            self.offers_copy,
            self.on_copy_action_triggered,
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.copy_button)
        bottom.addWidget(self.withdraw_button)
        bottom.addWidget(self.bulk_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.explanation)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)

        QWidget.setTabOrder(self.search_edit, self.type_combo)
        QWidget.setTabOrder(self.type_combo, self.state_combo)
        QWidget.setTabOrder(self.state_combo, self.author_edit)
        QWidget.setTabOrder(self.author_edit, self.date_check)
        QWidget.setTabOrder(self.date_check, self.date_from)
        QWidget.setTabOrder(self.date_from, self.date_to)
        QWidget.setTabOrder(self.date_to, self.table)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.author_edit.editingFinished.connect(self.apply_filter)
        self.type_combo.currentIndexChanged.connect(self.apply_filter)
        self.state_combo.currentIndexChanged.connect(self.apply_filter)
        self.date_check.toggled.connect(self.on_date_check_toggled)
        self.date_from.dateChanged.connect(self.apply_filter)
        self.date_to.dateChanged.connect(self.apply_filter)
        self.model.loaded.connect(self.on_model_loaded)
        self.model.counted.connect(self._show_count)
        # The end of a long list is one keyset page away: Ctrl+End reads it at once; scrolling
        # onto the placeholder between the top rows and the end fills it from that side.
        end_shortcut = QShortcut(QKeySequence("Ctrl+End"), self.table)
        end_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        end_shortcut.activated.connect(self.go_to_end)
        self.table.verticalScrollBar().valueChanged.connect(self._fill_visible_gap)
        self.model.failed.connect(self.on_model_failed)
        self.model.modelReset.connect(self._update_comment)
        self.table.selectionModel().currentRowChanged.connect(self._update_comment)
        self.table.selectionModel().selectionChanged.connect(self._update_bulk_button)
        self.model.modelReset.connect(self._update_bulk_button)
        for moved in (
            self.table.selectionModel().currentRowChanged,
            self.table.selectionModel().selectionChanged,
            self.model.modelReset,
        ):
            moved.connect(self._update_withdraw)
            moved.connect(self._update_copy)
        ctx.hub.changed.connect(self.on_hub_changed)
        self._stale = False  # data changed while hidden: reload when shown
        # A reload the data asked for (a write here or on another PC) keeps what the person had
        # selected; a reload they asked for (a new filter) starts at the top as before.
        self._keep_selection = False
        # (current uuid, the selected rows' uuid → revision, scroll position)
        self._kept: tuple[str | None, dict[str, int], int] | None = None
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self._presence_timer = QTimer(self)
        self._presence_timer.setSingleShot(True)
        self._presence_timer.setInterval(PRESENCE_RECHECK_MS)
        self._presence_timer.timeout.connect(self.refresh_presence)

        self.refresh_presence()

    # -- filter -----------------------------------------------------------------------

    def current_filter(self) -> EntryFilter:
        state_value = self.state_combo.currentData()
        states = (State(state_value),) if state_value else self.preset.states
        author: str | None = self.author_edit.text().strip() or None
        if self.preset.own_only and self.ctx.actor is not None:
            author = self.ctx.actor.username
        date_from = date_to = None
        if self.date_check.isChecked():
            date_from = self.date_from.date().toString("yyyy-MM-dd")
            date_to = self.date_to.date().toString("yyyy-MM-dd")
        return EntryFilter(
            states=states,
            type_id=self.type_combo.currentData(),
            author=author,
            text=self.search_edit.text(),
            date_from=date_from,
            date_to=date_to,
        )

    def current_order(self) -> tuple[str, bool]:
        """The list's order (sort key, descending), which an export of it keeps."""
        return self.model.current_order()

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.error_label.hide()
        self.model.set_filter(self.current_filter())

    def on_date_check_toggled(self, checked: bool) -> None:
        self.date_from.setEnabled(checked)
        self.date_to.setEnabled(checked)
        self.apply_filter()

    def on_header_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not EntryTableModel.is_sortable(column):
            self.count_label.setText(self.tr("Bu sütuna göre sıralanamaz."))

    # -- refresh -------------------------------------------------------------------------

    def on_hub_changed(self, changes: OpChanges) -> None:
        if not (changes.entries or changes.presence):
            return
        # A hidden list reloads when it is shown again: after a save, seven lists reloading
        # at once held up the next job (opening a form) by about 280 ms.
        if not self.isVisible():
            self._stale = self._stale or changes.entries
            return
        if changes.entries:
            self._reload_keeping_selection()
        self.refresh_presence()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._reload_keeping_selection()
        self.refresh_presence()

    def _reload_keeping_selection(self) -> None:
        self._keep_selection = True
        self.model.reload()

    def _remember_selection(self) -> None:
        self._kept = None
        if not self._keep_selection:
            return
        self._keep_selection = False
        current = self.selected_entry()
        selected = {
            row.uuid: row.revision
            for index in self.table.selectionModel().selectedRows()
            if (row := self.model.entry_at(index.row())) is not None
        }
        self._kept = (current.uuid if current else None, selected, self.table.verticalScrollBar().value())

    def _restore_selection(self) -> None:
        kept, self._kept = self._kept, None
        if kept is None:
            return
        current, selected, scrolled = kept
        selection = self.table.selectionModel()
        rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for uuid, revision in selected.items():
            row = self.model.row_of(uuid)
            if row is None:
                continue
            entry = self.model.entry_at(row)
            if self.bulk_kind == BulkKind.APPROVE and entry is not None and entry.revision != revision:
                # New content (rewritten and sent again, e.g. on another PC) that nobody has read:
                # not left selected for a bulk approval; the supervisor opens it first.
                continue
            selection.select(self.model.index(row, 0), rows)
        row = self.model.row_of(current) if current else None
        if row is not None:
            selection.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            # The view lays out the new rows on the next turn of the event loop; scroll then.
            QTimer.singleShot(0, self, lambda: self.table.verticalScrollBar().setValue(scrolled))

    # -- who is editing what (office) ----------------------------------------------------

    def refresh_presence(self) -> None:
        """Load which entries other people have open in an editor (shown in the Durum column)."""
        actor = self.ctx.actor
        if actor is None:
            return
        me = actor.username

        def op(store: Store) -> dict[str, Presence]:
            return presence.others(presence.live(store), me)

        self.ctx.worker.submit(
            op, self._on_presence_loaded, self._on_presence_failed, coalesce=f"presence-{id(self)}"
        )

    def _on_presence_loaded(self, editing: dict[str, Presence]) -> None:
        self.model.set_editing(editing)
        if editing:
            self._presence_timer.start()
        else:
            self._presence_timer.stop()

    def _on_presence_failed(self, exc: BaseException) -> None:
        self.on_model_failed(user_message(exc))

    def go_to_end(self) -> None:
        """The last entry of the list, without reading the pages before it."""
        if self.model.gap_row is not None or self.model.loaded_count >= self.model.total:
            self._select_last()
            return
        self._end_wanted = True
        self.model.fetch_end()

    def _select_last(self) -> None:
        last = self.model.rowCount() - 1
        if last >= 0:
            self.table.setCurrentIndex(self.model.index(last, 0))
            self.table.scrollToBottom()

    def _fill_visible_gap(self) -> None:
        gap = self.model.gap_row
        if gap is None:
            return
        viewport = viewport_of(self.table)
        top, bottom = self.table.rowAt(0), self.table.rowAt(viewport.height() - 1)
        if top <= gap and (bottom < 0 or gap <= bottom):
            # Closer to the top of the view: the person scrolls up from the end.
            self.model.fill_gap(from_end=gap - top < max(bottom, gap) - gap)

    def on_model_loaded(self) -> None:
        if self._end_wanted:
            self._end_wanted = False
            self._select_last()
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, 0))
            if self.search_edit.hasFocus() and not self.search_edit.text():
                # The page got the cursor before its rows arrived; nothing was typed: Enter opens the first.
                self.table.setFocus()
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.model.loaded_count, self.model.total
        if not self.model.is_counted:
            # The first page of a text of common words comes before its count (EntryTableModel.reload).
            self.count_label.setText(self.tr("İlk {0} kayıt gösteriliyor; toplam sayılıyor…").format(shown))
        elif total == 0:
            self.count_label.setText(self.tr("Bu listede kayıt yok."))
        elif shown < total:
            self.count_label.setText(
                self.tr("{0} kayıt ({1} tanesi yüklendi; kaydırdıkça gelir)").format(total, shown)
            )
        else:
            self.count_label.setText(self.tr("{0} kayıt").format(total))

    def _empty_text(self) -> str:
        """Why this list is empty: the filter, or nothing of its kind yet (issue 15)."""
        if not self.model.is_loaded:
            return self.tr("Yükleniyor…")
        if self.model.total == 0 and self._filtered():
            return self.tr("Süzgece uyan kayıt yok; süzgeci temizleyin (Esc) ya da genişletin.")
        return {
            "drafts": self.tr(
                "Taslağınız ya da iade edilen kaydınız yok. Yeni bir değişikliği kaydetmek için:"
            ),
            "submitted": self.tr(
                "Onay bekleyen kayıt yok: memurların onaya gönderdiği kayıtlar burada görünür."
            ),
            "approved": self.tr("Onaylanmış kayıt yok: şefin onayladığı kayıtlar burada görünür."),
            "sync": self.tr("KOOP-BİS'e gönderilecek ya da gönderilmiş kayıt yok."),
            "conflicts": self.tr("Çakışma yok: KOOP-BİS'le çelişen kayıt olursa burada karar beklenir."),
        }.get(self.preset.key, self.tr("Henüz kayıt yok. İlk kaydı girmek için:"))

    def _filtered(self) -> bool:
        flt = self.model.entry_filter
        own_states = set(flt.states) != set(self.preset.states)
        return own_states or any((flt.type_id, flt.cooperative, flt.text, flt.date_from, flt.date_to))

    def on_empty_state_action(self) -> None:
        show_page = getattr(self.window(), "show_page", None)
        if callable(show_page):
            show_page("new", focus=True)

    def on_model_failed(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _update_comment(self, *args: object) -> None:
        row = self.selected_entry()
        note = return_note(row.state, row.comment) if row is not None else None
        if note:
            self.comment_label.setText(note)
            self.comment_label.show()
        else:
            self.comment_label.hide()

    # -- several at once -------------------------------------------------------------------

    def selected_uuids(self) -> list[str]:
        """The selected entries in list order (rows not loaded yet are not among them)."""
        return list(self.selected_revisions())

    def selected_revisions(self) -> dict[str, int]:
        """The selected entries in list order, each with the revision its row shows."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return {row.uuid: row.revision for r in rows if (row := self.model.entry_at(r)) is not None}

    def _update_bulk_button(self, *args: object) -> None:
        count = len(self.table.selectionModel().selectedRows()) if self.bulk_kind is not None else 0
        self.bulk_button.setEnabled(count > 0)

    def on_bulk_button_clicked(self) -> None:
        if self.bulk_kind is None:
            return
        act_on_selected(
            self.ctx, self, self.selected_revisions(), self.bulk_kind, on_finished=self.on_bulk_finished
        )

    def on_bulk_finished(self, outcome: BulkOutcome) -> None:
        """A refused row may be out of date (changed or handled on another PC): read the list again;
        a row whose content changed is shown anew and left unselected (see ``_restore_selection``)."""
        if outcome.refused:
            self._reload_keeping_selection()

    def _row_action(
        self,
        text: str,
        button_text: str,
        keys: str,
        object_name: str,
        offered: bool,
        slot: Callable[[], None],
    ) -> tuple[QAction, QPushButton]:
        """An action on the current row: its shortcut, a button and a line on the row's context
        menu, all off until the row allows it (Geri çek…, Yeni kayda kopyala…)."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setEnabled(False)
        action.triggered.connect(slot)
        button = QPushButton(button_text)
        button.setObjectName(object_name)
        button.setVisible(offered)
        button.setEnabled(False)
        button.clicked.connect(slot)
        if offered:
            self.addAction(action)
            self.table.addAction(action)
            self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        return action, button

    # -- withdrawing ------------------------------------------------------------------------

    def withdraw_refused(self) -> str | None:
        """None when the signed-in person may withdraw the current row's entry, else why not."""
        row = self.selected_entry()
        if row is None:
            return self.tr("Geri çekilecek kaydı seçin.")
        if len(self.table.selectionModel().selectedRows()) > 1:
            return self.tr("Kayıtlar tek tek geri çekilir: yalnızca bir kayıt seçin.")
        return withdraw_refusal(self.ctx.actor, row.state, row.author)

    def _update_withdraw(self, *args: object) -> None:
        if not self.offers_withdraw:
            return
        refused = self.withdraw_refused()
        self.withdraw_action.setEnabled(refused is None)
        self.withdraw_button.setEnabled(refused is None)
        self.withdraw_button.setToolTip(
            refused
            or self.tr("Seçili kaydı geri çeker: KOOP-BİS'e gönderilmez, geçmişte kalır. Önce sorulur.")
        )

    def on_withdraw_action_triggered(self) -> None:
        row = self.selected_entry()
        if not self.offers_withdraw or row is None or self.withdraw_refused() is not None:
            return
        what = self.tr("{0} — kayıt {1}").format(row.type_label, row.label)
        if row.cooperative:
            what += f"\n{row.cooperative} — {row.cooperative_title}".rstrip(" —")
        dialog = WithdrawDialog(self, what, state=row.state)
        key = row.uuid
        dialog.confirmed.connect(lambda reason: self.withdraw(key, row.label, reason))
        dialog.open()

    def withdraw(self, entry_uuid: str, label: str, reason: str) -> None:
        """Withdraw one entry on the DB worker (the question was answered); the list follows the
        worker's announcement of the change."""
        actor = self.ctx.require_actor()
        self.withdraw_action.setEnabled(False)
        self.withdraw_button.setEnabled(False)
        self.ctx.worker.submit(
            withdraw_job(actor, entry_uuid, reason),
            lambda entry: self.on_withdrawn(label),
            lambda exc: self.on_withdraw_failed(label, exc),
        )

    def on_withdrawn(self, label: str) -> None:
        self._update_withdraw()
        self.ctx.hub.message.emit(withdrawn_text(label))

    def on_withdraw_failed(self, label: str, exc: BaseException) -> None:
        """Refused (the entry moved meanwhile on another PC) or failed: nothing changed. The
        list is read again so the row shows the entry as it is now."""
        self._update_withdraw()
        tell_refused(
            self, label, exc, then=self.tr("Hiçbir şey değişmedi. Liste kaydın şimdiki durumunu gösteriyor.")
        )
        self._reload_keeping_selection()

    # -- copying ---------------------------------------------------------------------------

    def copy_refused(self) -> str | None:
        """None when the current row's entry may be copied into a new form, else why not."""
        if not self.offers_copy:
            return self.tr("Kayıt girişini memurlar ve şefler yapar; yönetici hesabıyla kayıt girilmez.")
        if self.selected_entry() is None:
            return self.tr("Kopyalanacak kaydı seçin.")
        if len(self.table.selectionModel().selectedRows()) > 1:
            return self.tr("Kayıtlar tek tek kopyalanır: yalnızca bir kayıt seçin.")
        return None

    def _update_copy(self, *args: object) -> None:
        if not self.offers_copy:
            return
        refused = self.copy_refused()
        self.copy_action.setEnabled(refused is None)
        self.copy_button.setEnabled(refused is None)
        self.copy_button.setToolTip(
            refused
            or self.tr(
                "Seçili kaydın alanlarını yeni bir formda açar; kooperatifi ve alanları değiştirip "
                "kaydedersiniz. Kaydetmeden kapatırsanız hiçbir şey saklanmaz."
            )
        )

    def on_copy_action_triggered(self) -> None:
        row = self.selected_entry()
        if row is None or self.copy_refused() is not None:
            return
        open_copy(self.ctx, self, row.uuid)

    # -- opening ---------------------------------------------------------------------------

    def selected_entry(self) -> EntryRow | None:
        index = self.table.currentIndex()
        return self.model.entry_at(index.row()) if index.isValid() else None

    def on_table_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = self.model.entry_at(index.row())
        if row is None:
            return
        self.entry_opened.emit(row.uuid)
        open_existing_entry(self.ctx, self, row)

    def focus_first(self) -> None:
        """Where the person types next: the list when it has rows, else the search box."""
        if self.model.rowCount() > 0:
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.search_edit.setFocus()


__all__ = ["COL_COOPERATIVE", "PRESETS", "PRESET_BY_KEY", "QueuePage", "QueuePreset"]
