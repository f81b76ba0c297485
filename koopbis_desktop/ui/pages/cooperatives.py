"""Kooperatifler: find a cooperative by typing, see its record, start an entry for it.

Search-as-you-type: every keystroke submits the snapshot search to the DB worker
under one coalesce key, so only the newest query runs and the UI never waits;
an answer for text the clerk has since changed is dropped. The store folds
Turkish letters, so "isik", "IŞIK" and "ışık" all find "IŞIK …". With nothing
typed, the list shows every cooperative of the snapshot in Turkish title order,
read a keyset page at a time as it scrolls (90,000 cooperatives never load at once).

Keyboard: type in the box, Down moves into the results, Enter opens the
detail (and moves there), Ctrl+Shift+N starts a new entry for the cooperative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.display import (
    EMPTY,
    cooperative_type_label,
    district_label,
    format_iso_date,
    format_stamp,
    province_label,
    status_label,
)
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import STATE_LABELS
from koopbis_desktop.services.queries import (
    EntryFilter,
    EntryRow,
    cooperative_key,
    cooperative_page,
    page_entries,
)
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.list_loader import choose_and_load, may_load_list
from koopbis_desktop.ui.models.keyset import PAGE_SIZE, KeysetSource, KeysetTableModel
from koopbis_desktop.ui.registry_warnings import RegistryWarningsPanel
from koopbis_desktop.ui.tables import escape_html, fit_columns, read_only_table, resort
from koopbis_desktop.ui.text_table import Column, TextTableModel

# The registry checks load with the first cooperative opened (on the DB worker), not with the page.
if TYPE_CHECKING:
    from koopbis_desktop.domain.registry_checks import RegistryWarning

SEARCH_LIMIT = 50
LOCAL_ENTRIES_LIMIT = 200


# Read when shown, not at import: the labels follow the language chosen at start-up, and the
# change types' schemas load with the first record shown, not with the page.
def _role_label(value: object) -> str:
    from koopbis_desktop.domain.changetypes import get_type

    board = get_type("board.replace").field("board")
    return next(f for f in board.fields if f.name == "role").choice_label(value)


def _assembly_choice(field: str, value: object) -> str:
    from koopbis_desktop.domain.changetypes import get_type

    return get_type("assembly.record").field(field).choice_label(value)


@dataclass(frozen=True)
class CooperativeDetail:
    """What the detail pane shows of a cooperative: its record, local entries, registry warnings."""

    record: dict[str, Any]
    local_entries: list[EntryRow]
    warnings: tuple[RegistryWarning, ...] = ()


def load_detail(store: Store, cooperative_id: str) -> CooperativeDetail | None:
    """The record and what the local queue holds for it (runs on the DB worker)."""
    from koopbis_desktop.services.registry_warnings import warnings_for

    record = snapshot.get_record(store, cooperative_id)
    if record is None:
        return None
    rows = page_entries(store, EntryFilter(cooperative=cooperative_id), offset=0, limit=LOCAL_ENTRIES_LIMIT)
    return CooperativeDetail(record, rows, tuple(warnings_for(store, cooperative_id)))


def _as_written(label: str, written: Any) -> str:
    """A "Diğer" type or status with the word the imported file gave."""
    return f"{label}: «{written}»" if written else label


def _number(value: Any) -> str:
    return "" if value is None else str(value)


class _SearchBox(QLineEdit):
    """The search field: Down hands the keyboard to the results, Enter opens the first hit."""

    down_pressed = Signal()
    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class CooperativesPage(QWidget):
    """Search on the left, the chosen cooperative's record on the right."""

    new_entry_requested = Signal(str)  # cooperative id
    results_shown = Signal(str)  # the query whose results are now on screen
    detail_shown = Signal(str)  # cooperative id
    list_size: int | None = None  # cooperatives in the offline list, once counted

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, list_page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._list_source = KeysetSource(
            lambda store, after, limit: cooperative_page(store, limit=limit, after=after),
            cooperative_key,
            snapshot.count_cooperatives,
        )
        self.shown_query: str | None = None
        self.current_id: str | None = None
        # Where the clerk was (chosen cooperative, scroll) while a refresh the data asked for runs.
        self._kept_place: tuple[str | None, int] | None = None
        self.record: dict[str, Any] | None = None
        self._focus_detail = False

        # -- left: search and results
        self.search_box = _SearchBox()
        self.search_box.setObjectName("cooperativeSearch")
        self.search_box.setPlaceholderText(self.tr("Unvan, sicil no ya da VKN"))
        self.search_box.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Ara:"))
        search_label.setBuddy(self.search_box)
        self.search_box.textChanged.connect(self.on_search_box_text_changed)
        self.search_box.down_pressed.connect(self.on_search_box_down_pressed)
        self.search_box.enter_pressed.connect(self.on_search_box_enter_pressed)

        # Search hits set whole, or (nothing typed) the whole list a page at a time.
        self.results_model = KeysetTableModel(
            ctx,
            [
                Column(self.tr("Sicil no"), lambda r: str(r["id"])),
                Column(self.tr("Unvan"), lambda r: str(r["title"])),
                Column(self.tr("Tür"), lambda r: cooperative_type_label(r.get("cooperative_type"))),
                Column(
                    self.tr("İlçe"),
                    lambda r: district_label(r.get("province_code"), r.get("district")),
                ),
                Column(self.tr("VKN"), lambda r: str(r.get("vkn") or "")),
                Column(self.tr("Durum"), lambda r: status_label(r.get("status"))),
            ],
            page_size=list_page_size,
            parent=self,
        )
        self.results_model.loaded.connect(self.on_list_page_loaded)
        self.results_model.failed.connect(self._show_hint)
        self.results_view = read_only_table(self.results_model, sortable=True)
        self.results_view.setObjectName("cooperativeResults")
        self.results_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        # The title takes the room the other columns leave; a cut title shows whole as tooltip.
        self.results_view.horizontalHeader().setStretchLastSection(False)
        self.results_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results_view.activated.connect(self.on_results_view_activated)
        self.results_view.selectionModel().currentRowChanged.connect(self.on_results_current_row_changed)
        self.results_view.installEventFilter(self)

        self.results_hint = QLabel()
        self.results_hint.setObjectName("resultsHint")
        self.results_hint.setWordWrap(True)
        self.results_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.results_stack = QStackedWidget()
        self.results_stack.addWidget(self.results_hint)
        self.results_stack.addWidget(self.results_view)
        self._build_empty_state()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_box, 1)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.results_stack, 1)

        # -- right: detail
        self.detail_header = QLabel()
        self.detail_header.setObjectName("cooperativeHeader")
        self.detail_header.setTextFormat(Qt.TextFormat.RichText)
        self.detail_header.setWordWrap(True)
        self.detail_header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_entry_button = QPushButton(self.tr("Bu kooperatif için &yeni kayıt"))
        self.new_entry_button.setObjectName("newEntryForCooperative")
        self.new_entry_button.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_entry_button.setToolTip(
            self.tr("Seçili kooperatif için yeni kayıt başlatır (Ctrl+Shift+N).")
        )
        self.new_entry_button.clicked.connect(self.on_new_entry_button_clicked)

        self.members_model = TextTableModel(
            [
                Column(self.tr("TCKN / VKN"), lambda m: str(m["member_id"])),
                Column(self.tr("Adı Soyadı / Unvanı"), lambda m: str(m["full_name"])),
                Column(self.tr("Pay"), lambda m: _number(m.get("shares")), lambda m: m.get("shares"), True),
                Column(
                    self.tr("Giriş tarihi"),
                    lambda m: format_iso_date(m.get("joined_on")),
                    lambda m: m.get("joined_on"),
                ),
            ],
            parent=self,
        )
        # Board members and auditors are both people with a term: they share these columns.
        name = Column(self.tr("Adı Soyadı"), lambda p: str(p["full_name"]))
        id_no = Column(self.tr("T.C. Kimlik No"), lambda p: str(p["id_no"]))
        term = Column(
            self.tr("Görev süresi"),
            lambda p: tx("{n} yıl").format(n=p["term_years"]) if p.get("term_years") else EMPTY,
            lambda p: p.get("term_years"),
        )
        role = Column(self.tr("Görevi"), lambda b: _role_label(b.get("role")) if b.get("role") else EMPTY)
        self.board_model = TextTableModel([name, id_no, role, term], parent=self)
        self.auditors_model = TextTableModel([name, id_no, term], parent=self)
        self.assemblies_model = TextTableModel(
            [
                Column(self.tr("Tarih"), lambda g: format_iso_date(g.get("date")), lambda g: g.get("date")),
                Column(
                    self.tr("Türü"),
                    lambda g: _assembly_choice("kind", g.get("kind")) if g.get("kind") else EMPTY,
                ),
                Column(
                    self.tr("Hesap yılı"),
                    lambda g: _number(g.get("fiscal_year")),
                    lambda g: g.get("fiscal_year"),
                ),
                Column(self.tr("Yeri"), lambda g: str(g.get("place") or EMPTY)),
                Column(
                    self.tr("Sonuç"),
                    lambda g: _assembly_choice("result", g.get("result")) if g.get("result") else EMPTY,
                ),
            ],
            parent=self,
        )
        self.entries_model = TextTableModel(
            [
                Column(self.tr("Kayıt türü"), lambda e: e.type_label),
                Column(self.tr("Durum"), lambda e: STATE_LABELS[e.state]),
                Column(self.tr("Yazan"), lambda e: e.author),
                Column(
                    self.tr("Geçerlilik"),
                    lambda e: format_iso_date(e.effective_date),
                    lambda e: e.effective_date,
                ),
                Column(
                    self.tr("Son değişiklik"), lambda e: format_stamp(e.updated_at), lambda e: e.updated_at
                ),
            ],
            parent=self,
        )
        self.members_view = read_only_table(self.members_model, sortable=True)
        self.members_view.setObjectName("membersTable")
        self.board_view = read_only_table(self.board_model, sortable=True)
        self.board_view.setObjectName("boardTable")
        self.auditors_view = read_only_table(self.auditors_model, sortable=True)
        self.auditors_view.setObjectName("auditorsTable")
        self.assemblies_view = read_only_table(self.assemblies_model, sortable=True)
        self.assemblies_view.setObjectName("assembliesTable")
        self.entries_view = read_only_table(self.entries_model, sortable=True)
        self.entries_view.setObjectName("localEntriesTable")
        self.entries_view.activated.connect(self.on_entries_view_activated)
        self.entries_view.setToolTip(self.tr("Enter ya da çift tıklama: kaydı inceleme penceresinde açar."))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("cooperativeTabs")
        self.tabs.addTab(self.members_view, self.tr("&Ortaklar"))
        self.tabs.addTab(self.board_view, self.tr("Yö&netim kurulu"))
        self.tabs.addTab(self.auditors_view, self.tr("&Denetim kurulu"))
        self.tabs.addTab(self.assemblies_view, self.tr("&Genel kurullar"))
        self.tabs.addTab(self.entries_view, self.tr("Ye&rel kayıtlar"))

        self.detail_hint = QLabel(self.tr("Ayrıntıları görmek için listeden bir kooperatif seçin."))
        self.detail_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_hint.setWordWrap(True)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        header_row = QHBoxLayout()
        header_row.addWidget(self.detail_header, 1)
        header_row.addWidget(self.new_entry_button, 0, Qt.AlignmentFlag.AlignTop)
        detail_layout.addLayout(header_row)
        self.registry_warnings = RegistryWarningsPanel()
        detail_layout.addWidget(self.registry_warnings)
        detail_layout.addWidget(self.tabs, 1)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(self.detail_hint)
        self.detail_stack.addWidget(detail)

        # Results above, detail below: both get the full width the main window leaves
        # beside its navigation, so titles and the five detail tabs are not cut.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.setTabOrder(self.search_box, self.results_view)
        self.setTabOrder(self.results_view, self.new_entry_button)
        self.setTabOrder(self.new_entry_button, self.tabs)
        self.new_entry_button.setEnabled(False)
        self._show_hint(self.tr("Aramak için unvan, sicil no ya da VKN yazın."))
        ctx.hub.changed.connect(self.on_hub_changed)
        self.setFocusProxy(self.search_box)
        self.count_list()

    def _build_empty_state(self) -> None:
        """What an empty cooperative list says: why it is empty and how to load it."""
        self.empty_state = QWidget()
        self.empty_state.setObjectName("cooperativesEmpty")
        self.empty_label = QLabel()
        self.empty_label.setObjectName("cooperativesEmptyText")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.load_list_button = QPushButton(self.tr("Kooperatif listesini &yükle…"))
        self.load_list_button.setObjectName("loadListButton")
        self.load_list_button.clicked.connect(self.on_load_list_button_clicked)
        column = QVBoxLayout(self.empty_state)
        column.addStretch(1)
        column.addWidget(self.empty_label)
        column.addWidget(self.load_list_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self.results_stack.addWidget(self.empty_state)

    def count_list(self) -> None:
        """Count the offline list; when the whole list is what will show, read its first page in the same job.

        A start's first page of cooperatives is then one job on the DB worker, not a count,
        a turn of the event loop, and a count and page again.
        """
        if self._listing() and self._shows_results_when_counted():
            source, size = self._list_source, self.results_model.page_size
            self.ctx.worker.submit(
                lambda store: source.first(store, size), lambda found: self.on_list_counted(*found)
            )
        else:
            self.ctx.worker.submit(snapshot.count_cooperatives, self.on_list_counted)

    def _listing(self) -> bool:
        return not self.search_box.text().strip()

    def _shows_results_when_counted(self) -> bool:
        return self.results_stack.currentWidget() is self.empty_state or (
            self._listing() and not self.results_model.paging
        )

    def on_list_counted(self, count: int, first_page: list[Any] | None = None) -> None:
        self.list_size = count
        if count:
            if self._shows_results_when_counted():
                if first_page is not None and self._listing():
                    self.shown_query = None  # until on_list_page_loaded shows it
                    self.results_model.set_source_with_first_page(self._list_source, count, first_page)
                else:
                    self.run_search(self.search_box.text())  # typed meanwhile: the search, not the list
            return
        may = may_load_list(self.ctx)
        if self.ctx.worker.is_office:  # one list for the whole office, loaded once into its database
            empty = self.tr(
                "Kooperatif listesi boş: ofis veritabanına KOOP-BİS'in kooperatif listesi henüz yüklenmedi. "
                "Kayıt girmek için önce liste yüklenmeli."
            )
        else:
            empty = self.tr(
                "Kooperatif listesi boş: bu bilgisayara KOOP-BİS'in kooperatif listesi henüz yüklenmedi. "
                "Kayıt girmek için önce liste yüklenmeli."
            )
        self.empty_label.setText(
            empty
            + " "
            + (
                self.tr("KOOP-BİS'ten aldığınız dosyayı (CSV ya da Excel) yükleyin.")
                if may
                else self.tr("Listeyi şef ya da yönetici yükler; şefinizden yüklemesini isteyin.")
            )
        )
        self.load_list_button.setVisible(may)
        self.results_stack.setCurrentWidget(self.empty_state)

    def on_load_list_button_clicked(self) -> None:
        choose_and_load(self.ctx, self)

    # -- search ------------------------------------------------------------------------

    def on_search_box_text_changed(self, text: str) -> None:
        self._kept_place = None  # a new search starts at its top
        self.run_search(text)

    def run_search(self, text: str) -> None:
        query = text.strip()
        if not query:
            self.show_list()
            return
        self.ctx.worker.submit(
            lambda store: snapshot.search(store, query, limit=SEARCH_LIMIT),
            lambda rows: self.on_search_finished(query, rows),
            self.on_search_failed,
            coalesce="coop-search",
        )

    def show_list(self) -> None:
        """Every cooperative in Turkish title order, the first page now and more as the list scrolls."""
        self.shown_query = None  # until the first page is on screen
        if not self.list_size:
            self.results_model.set_rows([])
            self._show_hint(self.tr("Aramak için unvan, sicil no ya da VKN yazın."))
            return
        self.results_model.set_source(self._list_source)

    def on_list_page_loaded(self) -> None:
        if self.shown_query is not None or not self.results_model.paging:
            return  # a further page: the rows are simply there
        self.shown_query = ""
        # The list keeps the order its pages come in (the title's); a header click would sort
        # only the rows read so far.
        self.results_view.setSortingEnabled(False)
        self.results_view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        if self.results_model.rowCount():
            self._show_results()
            self._restore_place()
        else:
            self._show_hint(self.tr("Aramak için unvan, sicil no ya da VKN yazın."))
        self.results_shown.emit("")

    def _show_results(self) -> None:
        self.results_stack.setCurrentWidget(self.results_view)
        fit_columns(self.results_view, 360)
        header = self.results_view.horizontalHeader()
        header.resizeSection(2, min(header.sectionSize(2), 220))  # Tür: long names, least needed

    def _current_place(self) -> tuple[str | None, int]:
        index = self.results_view.currentIndex()
        row = self.results_model.row_at(index.row()) if index.isValid() else None
        return (str(row["id"]) if row else None), self.results_view.verticalScrollBar().value()

    def _restore_place(self) -> None:
        """After a refresh the data asked for: choose the same cooperative again, scroll back."""
        kept, self._kept_place = self._kept_place, None
        if kept is None:
            return
        chosen, scrolled = kept
        model = self.results_model
        for row in range(model.rowCount()):
            if chosen is not None and str(model.row_at(row)["id"]) == chosen:
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.results_view.selectionModel().setCurrentIndex(model.index(row, 1), flags)
                break
        self.results_view.verticalScrollBar().setValue(scrolled)

    def on_search_finished(self, query: str, rows: list[dict[str, Any]]) -> None:
        if query != self.search_box.text().strip():
            return  # the clerk typed on; a newer query is coming
        self.shown_query = query
        self.results_model.set_rows(rows)
        if not self.results_view.isSortingEnabled():
            self.results_view.setSortingEnabled(True)  # sorts by the indicator: the title
        resort(self.results_view)
        if rows:
            self._show_results()
            self._restore_place()
        else:
            self._show_hint(
                self.tr("Eşleşen kooperatif yok. Unvanın bir kelimesini, sicil no ya da VKN yazın.")
            )
        self.results_shown.emit(query)

    def on_search_failed(self, exc: BaseException) -> None:
        self._show_hint(user_message(exc))

    def _show_hint(self, text: str) -> None:
        self.results_hint.setText(text)
        if self.results_stack.currentWidget() is not getattr(self, "empty_state", None) or self.list_size:
            self.results_stack.setCurrentWidget(self.results_hint)

    # -- keyboard --------------------------------------------------------------------------

    def on_search_box_down_pressed(self) -> None:
        if self.results_model.rowCount() == 0:
            return
        self.results_view.setFocus()
        if not self.results_view.currentIndex().isValid():
            self.results_view.setCurrentIndex(self.results_model.index(0, 1))

    def on_search_box_enter_pressed(self) -> None:
        if self.results_model.rowCount() == 0:
            return
        index = self.results_view.currentIndex()
        if not index.isValid():
            index = self.results_model.index(0, 1)
            self.results_view.setCurrentIndex(index)
        self.open_detail(str(self.results_model.row_at(index.row())["id"]), focus=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter in the results opens the detail on every platform (QAbstractItemView's
        # "activated" on Enter is platform-dependent); Up on the first row goes back to typing.
        if watched is self.results_view and event.type() == QEvent.Type.KeyPress:
            key_event = event if isinstance(event, QKeyEvent) else None
            if key_event is not None:
                index = self.results_view.currentIndex()
                if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
                    self.open_detail(str(self.results_model.row_at(index.row())["id"]), focus=True)
                    return True
                if key_event.key() == Qt.Key.Key_Up and index.isValid() and index.row() == 0:
                    self.search_box.setFocus()
                    return True
        return super().eventFilter(watched, event)

    def on_results_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_detail(str(self.results_model.row_at(index.row())["id"]), focus=True)

    def on_results_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.open_detail(str(self.results_model.row_at(current.row())["id"]), focus=False)

    # -- detail --------------------------------------------------------------------------

    def open_detail(self, cooperative_id: str, *, focus: bool = False) -> None:
        self._focus_detail = focus
        self.ctx.worker.submit(
            lambda store: load_detail(store, cooperative_id),
            lambda detail: self.on_detail_loaded(cooperative_id, detail),
            self.on_detail_failed,
            coalesce="coop-detail",
        )

    def on_detail_loaded(self, cooperative_id: str, detail: CooperativeDetail | None) -> None:
        if detail is None:
            self.detail_hint.setText(self.tr("Bu kooperatif artık kooperatif listesinde yok."))
            self.detail_stack.setCurrentWidget(self.detail_hint)
            self.current_id = None
            self.new_entry_button.setEnabled(False)
            return
        record = detail.record
        views = (
            self.members_view,
            self.board_view,
            self.auditors_view,
            self.assemblies_view,
            self.entries_view,
        )
        # The same cooperative read again (a write here or on another PC): each table keeps the
        # row being read and its scroll; another cooperative starts at the top.
        kept = [self._place_of(view) for view in views] if cooperative_id == self.current_id else None
        self.current_id = cooperative_id
        self.record = record
        self.detail_header.setText(self._header_html(record))
        self.registry_warnings.show_warnings(detail.warnings)
        self.members_model.set_rows(record["members"])
        self.board_model.set_rows(record["board"])
        self.auditors_model.set_rows(record["audit_board"])
        self.assemblies_model.set_rows(record["assemblies"])
        self.entries_model.set_rows(detail.local_entries)
        counts = (
            (0, self.tr("&Ortaklar ({0})"), len(record["members"])),
            (1, self.tr("Yö&netim kurulu ({0})"), len(record["board"])),
            (2, self.tr("&Denetim kurulu ({0})"), len(record["audit_board"])),
            (3, self.tr("&Genel kurullar ({0})"), len(record["assemblies"])),
            (4, self.tr("Ye&rel kayıtlar ({0})"), len(detail.local_entries)),
        )
        for tab, text, count in counts:
            self.tabs.setTabText(tab, text.format(count))
        for view in views:
            resort(view)
            fit_columns(view, 300)
        if kept is not None:
            for view, place in zip(views, kept, strict=True):
                self._restore_place_of(view, place)
        self.new_entry_button.setEnabled(True)
        self.detail_stack.setCurrentIndex(1)
        if self._focus_detail:
            self.tabs.currentWidget().setFocus()
        self.detail_shown.emit(cooperative_id)

    @staticmethod
    def _place_of(view: QTableView) -> tuple[Any, int]:
        model = view.model()
        index = view.currentIndex()
        row = model.row_at(index.row()) if index.isValid() and isinstance(model, TextTableModel) else None
        return row, view.verticalScrollBar().value()

    @staticmethod
    def _restore_place_of(view: QTableView, place: tuple[Any, int]) -> None:
        row, scrolled = place
        model = view.model()
        if row is not None and isinstance(model, TextTableModel):
            for number in range(model.rowCount()):
                if model.row_at(number) == row:
                    flags = (
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows
                    )
                    view.selectionModel().setCurrentIndex(model.index(number, 0), flags)
                    break
        view.verticalScrollBar().setValue(scrolled)

    def on_detail_failed(self, exc: BaseException) -> None:
        self.detail_hint.setText(user_message(exc))
        self.detail_stack.setCurrentWidget(self.detail_hint)

    def _header_html(self, r: dict[str, Any]) -> str:
        province = province_label(r.get("province_code"))
        district = district_label(r.get("province_code"), r.get("district"))
        rows = [
            (self.tr("Sicil no"), r.get("id")),
            (
                self.tr("Tür"),
                _as_written(cooperative_type_label(r.get("cooperative_type")), r.get("type_as_written")),
            ),
            (self.tr("İl / İlçe"), f"{province} / {district}"),
            (self.tr("Adres"), r.get("address")),
            (self.tr("VKN"), r.get("vkn")),
            (self.tr("Ticaret sicil no"), r.get("trade_registry_no")),
            (self.tr("Kuruluş tarihi"), format_iso_date(r.get("founded_on"))),
            (self.tr("Durum"), _as_written(status_label(r.get("status")), r.get("status_as_written"))),
        ]
        # Two label/value pairs per line keep the header short and the tables tall.
        cells = [
            f"<td style='color:#555'>{escape_html(label)}:</td><td>{escape_html(value or EMPTY)}</td>"
            for label, value in rows
        ]
        half = (len(cells) + 1) // 2
        body = "".join(
            f"<tr>{left}<td width='24'></td>{right}</tr>"
            for left, right in zip(cells[:half], [*cells[half:], "<td></td><td></td>"], strict=False)
        )
        return f"<h3 style='margin:0'>{escape_html(r.get('title'))}</h3><table cellspacing='0' cellpadding='1'>{body}</table>"

    def on_new_entry_button_clicked(self) -> None:
        if self.current_id:
            self.new_entry_requested.emit(self.current_id)

    def on_entries_view_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        from koopbis_desktop.ui.review import open_entry  # the dialog is only needed on demand

        open_entry(self.ctx, self, self.entries_model.row_at(index.row()).uuid)

    # -- refresh -----------------------------------------------------------------------------

    def on_hub_changed(self, changes: OpChanges) -> None:
        if changes.snapshot:
            # Another PC's write (a poll announces every kind) refreshes the list: the clerk's
            # cooperative stays chosen and the list where it was scrolled.
            if self._kept_place is None:
                self._kept_place = self._current_place()
            self.count_list()
            self.run_search(self.search_box.text())
        if (changes.snapshot or changes.entries) and self.current_id:
            self.open_detail(self.current_id)
