"""The main window: maintenance banner, navigation, the pages, status bar, idle lock.

What a person may see follows their role: clerks get the queues and the
cooperative lookup; supervisors also the audit trail and settings; admins also
user management. The banner, the status bar and the tray show the one KOOP-BİS
state (``sync.status``, held by the Eşitleme page's model): before KOOP-BİS's first
answer the go-live date is the hint, after it KOOP-BİS's own answers decide. The
automatic sync starts after sign-in for the roles the ``sync_auto_roles`` setting
names, whatever page is open.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.lifecycle import ROLE_LABELS, STATE_LABELS, Role, State
from koopbis_desktop.services import queries, settings
from koopbis_desktop.services.queries import ReturnNotice
from koopbis_desktop.store.changes import EVERYTHING, OpChanges
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.idle import IdleWatcher, LockDialog
from koopbis_desktop.ui.koopbis_state import KoopbisStateModel, SyncTray
from koopbis_desktop.ui.live_office import start_live_office
from koopbis_desktop.ui.login import Session, load_settings
from koopbis_desktop.ui.opening import open_new_entry
from koopbis_desktop.ui.pages.presets import PRESETS, QueuePreset
from koopbis_desktop.ui.turkish import long_date_locative
from sync.status import KoopbisStatus, Reach, Tone

if TYPE_CHECKING:
    from koopbis_desktop.ui.pages.new_entry import NewEntryPage
    from koopbis_desktop.ui.pages.sync import SyncPage

# The audit, conflict and Eşitleme pages, the settings and user dialogs are imported when
# first opened: a person signs in faster, and most sessions never open them. The window
# itself holds what the Eşitleme page shares with it: the one KOOP-BİS state (banner,
# status bar, tray) and "Şimdi eşitle" (Ctrl+Shift+S from any page).

log = logging.getLogger(__name__)

# How long the status bar says that an entry was returned (ms); the tray keeps it longer.
RETURN_NOTICE_MS = 120_000

PAGE_KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 1

# The automatic sync starts this long after sign-in: the window is drawn and the
# first lists loaded before any network work begins.
SIGN_IN_AUTO_SYNC_MS = 3000
STATUS_TEXT_WIDTH = 460  # px: the status bar's KOOP-BİS text elides beyond this

_BANNER_COLOURS = {
    Tone.WARNING: ("#fff4ce", "#3d2e00", "#c99a00"),
    Tone.OK: ("#dff6dd", "#0b3d0b", "#107c10"),
    Tone.BUSY: ("#deecf9", "#0b2e4f", "#2b88d8"),
    Tone.ERROR: ("#fde7e9", "#4f0b0b", "#c50f1f"),
}


class _Pages(dict[str, QWidget]):
    """The window's pages by key; a page not built yet is built on first access."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> QWidget:
        return self._build(key)


_tr = QCoreApplication.translate

# Status-bar order of the local-queue counts.
_COUNTED_STATES = (State.DRAFT, State.RETURNED, State.SUBMITTED, State.APPROVED, State.CONFLICT)


def go_live_of(ctx: AppContext) -> date:
    try:
        return date.fromisoformat(ctx.settings.get("go_live", "2015-03-12"))
    except ValueError:
        return date(2015, 3, 12)


COUNTDOWN_REDRAW_MS = 60_000  # KOOP-BİS in maintenance: the time left to its opening, redrawn


def go_live_in_sentence(day: date) -> str:
    """The go-live date inside the banner's sentence: "12 Mart 2015'te", or "12 March 2015" in English."""
    app = QCoreApplication.instance()
    if app is not None and app.property("koopbisLanguage") == "en":
        english = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        return english.toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")
    return long_date_locative(day)


class MainWindow(QMainWindow):
    """One signed-in session. ``signed_out`` when the person signs out (the app shows the login again)."""

    signed_out = Signal()
    closed = Signal()  # closed for good (not a sign-out): the app quits
    _chosen_cooperative: tuple[str, str] | None = None  # (id, label) for the next "Yeni kayıt"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._closing_for_sign_out = False
        self.lock_dialog: LockDialog | None = None
        self._hidden_by_lock: list[QDialog] = []  # open forms put out of sight while locked
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("KOOP-BİS Masaüstü"))

        self.banner = QLabel()
        self.banner.setObjectName("maintenanceBanner")
        self.banner.setWordWrap(True)
        self.banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._banner_tone: Tone | None = None
        self._paint_banner(Tone.WARNING)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(210)
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 6px 4px; }")
        self.stack = QStackedWidget()
        # Pages are built when first shown (the Eşitleme page also when a sync starts); until
        # then the stack holds an empty placeholder.
        self.koopbis = KoopbisStateModel(ctx, go_live_of(ctx), self)
        self.koopbis.changed.connect(self.on_koopbis_changed)
        # "açılışa 2 saat" is counted down between two answers from KOOP-BİS (the loop asks
        # again only when KOOP-BİS said, up to ten minutes later).
        self._countdown_timer = QTimer(self)
        self._countdown_timer.setInterval(COUNTDOWN_REDRAW_MS)
        self._countdown_timer.timeout.connect(lambda: self.on_koopbis_changed(self.koopbis.status))
        self.sync_action = QAction(QCoreApplication.translate("SyncPage", "Şimdi &eşitle"), self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.setEnabled(ctx.is_supervisor)
        self.sync_action.triggered.connect(lambda: self.sync_page.on_sync_action_triggered())
        self.addAction(self.sync_action)  # Ctrl+Shift+S from any page
        self._auto_sync_timer = QTimer(self)
        self._auto_sync_timer.setSingleShot(True)
        self._auto_sync_timer.timeout.connect(lambda: self.sync_page.start_automatic_soon(0))
        self._page_factories: dict[str, Callable[[], QWidget]] = {}
        self.pages: dict[str, QWidget] = _Pages(self._build_page)
        self.sync_label = QLabel()
        self._build_pages()
        # The landing page is the only one built now, and before the rest of the window: its
        # list's first page is the DB worker's first job (a few milliseconds, what the person
        # waits for), read while the window around it is built.
        landing = self._landing_row()
        self._build_page(self.page_keys()[landing])

        centre = self.centre = QWidget()
        body = QHBoxLayout()
        body.setContentsMargins(6, 6, 6, 6)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer = QVBoxLayout(centre)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        outer.addLayout(body, 1)
        self.setCentralWidget(centre)

        self.counts_label = QLabel()
        self.counts_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.user_label = QLabel()
        status = self.statusBar()
        status.addWidget(self.counts_label, 1)
        status.addPermanentWidget(self.sync_label)
        status.addPermanentWidget(self.user_label)

        self._build_menus()
        self.nav.currentRowChanged.connect(self.on_nav_current_row_changed)
        # The status bar's counts follow the landing list (a read of the counts the file keeps;
        # on the office database a count of the entries' state index), beside the first paint.
        self.nav.setCurrentRow(landing)
        self.refresh_counts()

        ctx.hub.entries_changed.connect(self.on_hub_entries_changed)
        # One of this person's entries returned (a supervisor, KOOP-BİS), here or on another PC.
        self._returns_seen: int | None = None
        ctx.hub.changed.connect(self.on_hub_changed)
        ctx.hub.settings_changed.connect(self.on_hub_settings_changed)
        ctx.hub.users_changed.connect(self.on_hub_users_changed)
        ctx.hub.message.connect(self.on_hub_message)
        ctx.hub.error.connect(self.on_hub_error)
        ctx.worker.failed.connect(self.on_worker_failed)
        ctx.worker.account_closed.connect(self.on_account_closed)

        # An office database: the other PCs' writes refresh these pages too (None for a file).
        self.live_office = start_live_office(ctx, self)
        self.idle = IdleWatcher(self)
        self.idle.idled.connect(self.lock)
        self.tray = SyncTray(self.koopbis, self, self.windowIcon())
        # Where this session starts counting returns: after the start's own jobs, not among them.
        QTimer.singleShot(0, self, self._look_for_returns)
        self._apply_settings()
        self.resize(1280, 800)
        if self.may_sync_automatically():
            self._auto_sync_timer.start(SIGN_IN_AUTO_SYNC_MS)  # builds the Eşitleme page then

    # -- building ------------------------------------------------------------------------

    def _add_page(
        self, key: str, label: str, build: Callable[[], QWidget] | QWidget, shortcut: int | None
    ) -> None:
        """Add ``key`` to the navigation: a page built now, or a function that builds it when first shown."""
        item = QListWidgetItem(label)
        item.setData(PAGE_KEY_ROLE, key)
        if shortcut:
            item.setToolTip(f"{label} (Ctrl+{shortcut})")
        self.nav.addItem(item)
        if isinstance(build, QWidget):
            self.stack.addWidget(build)
            dict.__setitem__(self.pages, key, build)
        else:
            self.stack.addWidget(QWidget())  # placeholder until the page is first shown
            self._page_factories[key] = build

    def _build_page(self, key: str) -> QWidget:
        """Build ``key``'s page now and put it in the stack where its placeholder was."""
        if key not in self._page_factories:
            raise KeyError(key)
        row = self.page_keys().index(key)
        page = self._page_factories[key]()
        placeholder = self.stack.widget(row)
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        dict.__setitem__(self.pages, key, page)
        return page

    def _build_pages(self) -> None:
        ctx = self.ctx
        self._add_page("new", self.tr("Yeni kayıt"), self._new_entry_page, 1)
        for number, preset in enumerate(PRESETS, start=2):
            title = _tr("QueuePage", preset.title)
            if preset.key == "sync":
                # The Eşitleme page: the replay plan, progress, receipts (issue 5).
                self._add_page(preset.key, title, self._sync_page, number)
            elif preset.key == "conflicts":
                # The three-way conflict review (issue 6).
                self._add_page(preset.key, title, self._conflicts_page, number)
            else:
                self._add_page(preset.key, title, partial(self._queue_page, preset), number)
        self._add_page("cooperatives", self.tr("Kooperatifler"), self._cooperatives_page, 8)
        if ctx.is_admin or ctx.is_supervisor:
            self._add_page("audit", self.tr("Denetim izi"), self._audit_page, 9)

    # The page modules load when their page is first built (preloaded before a sign-in).
    def _new_entry_page(self) -> QWidget:
        from koopbis_desktop.ui.pages.new_entry import NewEntryPage

        return NewEntryPage(self.ctx)

    def _queue_page(self, preset: QueuePreset) -> QWidget:
        from koopbis_desktop.ui.pages.queue import QueuePage

        return QueuePage(self.ctx, preset)

    def landing_key(self) -> str:
        """Each role starts on a page it uses: clerk → Taslaklarım, supervisor → Onay bekleyenler,
        admin → Kooperatifler (an admin has no drafts and approves nothing)."""
        if self.ctx.is_admin:
            return "cooperatives"
        return "submitted" if self.ctx.is_supervisor else "drafts"

    def _landing_row(self) -> int:
        keys = self.page_keys()
        wanted = self.landing_key()
        return keys.index(wanted) if wanted in keys else min(1, len(keys) - 1)

    def _sync_page(self) -> QWidget:
        from koopbis_desktop.ui.pages.sync import SyncPage

        # Its plan is read when it is first shown; the state and the action are the window's.
        return SyncPage(self.ctx, plan_at_once=False, koopbis=self.koopbis, sync_action=self.sync_action)

    @property
    def sync_page(self) -> SyncPage:
        """The Eşitleme page, built on first use (shown, a sync started, a test's look)."""
        return cast("SyncPage", self.pages["sync"])

    def _sync_page_built(self) -> SyncPage | None:
        return cast("SyncPage | None", self.pages.get("sync"))  # get: never builds it

    def may_sync_automatically(self) -> bool:
        """Whether this sign-in starts the automatic sync (the ``sync_auto_roles`` setting)."""
        return self.ctx.require_actor().role.value in settings.auto_sync_roles(self.ctx.settings)

    def _conflicts_page(self) -> QWidget:
        from koopbis_desktop.ui.pages.conflicts import ConflictsPage

        return ConflictsPage(self.ctx)

    def _audit_page(self) -> QWidget:
        from koopbis_desktop.ui.pages.audit import AuditPage

        return AuditPage(self.ctx)

    def _cooperatives_page(self) -> QWidget:
        try:
            module = importlib.import_module("koopbis_desktop.ui.pages.cooperatives")
            page: QWidget = module.CooperativesPage(self.ctx, self)
        except (ImportError, AttributeError) as exc:
            log.error("cooperatives page unavailable", exc_info=exc)
            label = QLabel(self.tr("Kooperatif arama bu sürümde açılamıyor. Bilgi işleme bildirin."))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return label
        signal = getattr(page, "new_entry_requested", None)
        if signal is not None:
            signal.connect(self.on_cooperatives_new_entry_requested)
        shown = getattr(page, "detail_shown", None)
        if shown is not None:
            shown.connect(lambda cooperative_id: self.on_cooperative_shown(page, cooperative_id))
        return page

    def on_cooperative_shown(self, page: QWidget, cooperative_id: str) -> None:
        # The cooperative chosen on Kooperatifler carries into "Yeni kayıt" (issue 15).
        record = getattr(page, "record", None) or {}
        label = f"{cooperative_id} — {record.get('title') or ''}".rstrip(" —")
        self._chosen_cooperative = (cooperative_id, label)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&Dosya"))
        new_action = QAction(self.tr("&Yeni kayıt"), self)
        new_action.setShortcut(QKeySequence.StandardKey.New)
        new_action.triggered.connect(lambda: self.show_page("new", focus=True))
        file_menu.addAction(new_action)
        self.lock_action = QAction(self.tr("Ekranı &kilitle"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        file_menu.addAction(self.lock_action)
        sign_out = QAction(self.tr("&Oturumu kapat"), self)
        sign_out.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        sign_out.triggered.connect(self.sign_out)
        file_menu.addAction(sign_out)
        # Günlük liste… (printouts; ui/print_actions.py).
        from koopbis_desktop.ui.print_actions import install_print_actions

        self.daily_list_action = install_print_actions(self, self.ctx, file_menu)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("Çı&kış"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = bar.addMenu(self.tr("&Git"))
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            key = str(item.data(PAGE_KEY_ROLE))
            action = QAction(item.text(), self)
            if row < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, k=key: self.show_page(k, focus=True))
            go_menu.addAction(action)
        refresh = QAction(self.tr("&Yenile"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(lambda: self.ctx.hub.announce(EVERYTHING))
        go_menu.addAction(refresh)

        self.settings_action: QAction | None = None
        self.users_action: QAction | None = None
        if self.ctx.is_admin or self.ctx.is_supervisor:
            admin_menu = bar.addMenu(self.tr("&Yönetim"))
            self.settings_action = QAction(self.tr("&Ayarlar…"), self)
            self.settings_action.triggered.connect(self.open_settings)
            admin_menu.addAction(self.settings_action)
            if self.ctx.is_admin:
                self.users_action = QAction(self.tr("&Kullanıcılar…"), self)
                self.users_action.triggered.connect(self.open_users)
                admin_menu.addAction(self.users_action)

        help_menu = bar.addMenu(self.tr("Yardı&m"))
        about = QAction(self.tr("&Hakkında"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

        # Ortak listesi yükle, Dışa aktar, Destek paketi (issue 7; ui/export.py).
        from koopbis_desktop.ui.export import install_data_actions

        self.data_actions = install_data_actions(self, self.ctx, self.pages, file_menu, help_menu)

        # Kullanıcı Kılavuzu (F1) and Kılavuzu yazdır… on top of the Yardım menu (ui/help.py).
        from koopbis_desktop.ui.help import install_help_actions

        self.help_action, self.help_print_action = install_help_actions(self, help_menu)

    # -- navigation ---------------------------------------------------------------------------

    def page_keys(self) -> list[str]:
        return [str(self.nav.item(i).data(PAGE_KEY_ROLE)) for i in range(self.nav.count())]

    def show_page(self, key: str, *, focus: bool = False) -> None:
        keys = self.page_keys()
        if key not in keys:
            return
        self.nav.setCurrentRow(keys.index(key))
        if focus:
            focus_first = getattr(self.pages[key], "focus_first", None)
            if callable(focus_first):
                focus_first()
            else:
                self.pages[key].setFocus()

    def current_page_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(PAGE_KEY_ROLE)) if item is not None else ""

    def on_nav_current_row_changed(self, row: int) -> None:
        if row >= 0:
            key = self.page_keys()[row]
            page = self.pages[key]  # builds it on first show
            chosen = self._chosen_cooperative
            if key == "new" and chosen is not None:
                cast("NewEntryPage", page).set_cooperative(*chosen)
                self._chosen_cooperative = None
            self.stack.setCurrentIndex(row)

    def on_cooperatives_new_entry_requested(self, cooperative_id: str) -> None:
        from koopbis_desktop.ui.pages.new_entry import TypeChooserDialog

        dialog = TypeChooserDialog(cooperative_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.type_id:
            open_new_entry(self.ctx, self, dialog.type_id, cooperative_id)

    # -- banner, status bar, settings ------------------------------------------------------------

    def _apply_settings(self) -> None:
        go_live = go_live_of(self.ctx)
        self.koopbis.set_go_live(go_live)  # redraws banner and status bar
        actor = self.ctx.require_actor()
        self.user_label.setText(
            self.tr("{0} ({1})").format(self.ctx.full_name or actor.username, ROLE_LABELS[actor.role])
        )
        try:
            minutes = int(self.ctx.settings.get("idle_lock_minutes", "10"))
        except ValueError:
            minutes = 10
        self.idle.set_minutes(minutes)

    def refresh_counts(self) -> None:
        self.koopbis.refresh_counts()

    def on_koopbis_changed(self, status: KoopbisStatus) -> None:
        """KOOP-BİS's state changed: banner, status bar and counts redraw from the one object."""
        if status.reach == Reach.MAINTENANCE:
            if not self._countdown_timer.isActive():
                self._countdown_timer.start()
        else:
            self._countdown_timer.stop()
        counts = status.counts.by_state
        parts = [f"{STATE_LABELS[s]}: {counts.get(s.value, 0)}" for s in _COUNTED_STATES]
        parts.append(self.tr("Karar bekleyen: {0}").format(status.counts.decisions))
        # An office database's counts are the whole office's (every PC's clerks), a file's this PC's.
        if self.ctx.worker.is_office:
            heading = self.tr("Ofisteki kayıtlar (bütün bilgisayarlar) — {0}")
        else:
            heading = self.tr("Yerel kayıtlar — {0}")
        # Nothing until the entries are counted: "Taslak: 0" beside a list of drafts would be untrue.
        self.counts_label.setText(heading.format(" · ".join(parts)) if status.counts.known else "")
        sentence = status.banner()
        if sentence is None and status.go_live <= date.today():
            # No answer from KOOP-BİS yet, its opening day past: not "bakımda … açılınca".
            if self.ctx.worker.is_office:
                sentence = self.tr(
                    "KOOP-BİS'in açılış tarihi geçti; ondan henüz yanıt alınmadı. Kayıtlarınız ofis veritabanında "
                    "güvenle saklanıyor; onaylananlar KOOP-BİS yanıt verince sırayla aktarılacak."
                )
            else:
                sentence = self.tr(
                    "KOOP-BİS'in açılış tarihi geçti; ondan henüz yanıt alınmadı. Kayıtlarınız bu bilgisayarda "
                    "güvenle saklanıyor; onaylananlar KOOP-BİS yanıt verince sırayla aktarılacak."
                )
        if sentence is None:  # no answer from KOOP-BİS yet: the go-live date is the hint
            if self.ctx.worker.is_office:  # the entries are in the office's database, not on this PC
                kept = self.tr(
                    "KOOP-BİS bakımda. Kayıtlarınız ofis veritabanında güvenle saklanıyor ve onaylandıktan "
                    "sonra {0} KOOP-BİS açılınca sırayla aktarılacak."
                )
            else:
                kept = self.tr(
                    "KOOP-BİS bakımda. Kayıtlarınız bu bilgisayarda güvenle saklanıyor ve onaylandıktan sonra "
                    "{0} KOOP-BİS açılınca sırayla aktarılacak."
                )
            sentence = kept.format(go_live_in_sentence(status.go_live))
        self.banner.setText(sentence)
        self._paint_banner(status.tone())
        headline = status.headline()
        metrics = self.sync_label.fontMetrics()
        self.sync_label.setText(metrics.elidedText(headline, Qt.TextElideMode.ElideRight, STATUS_TEXT_WIDTH))
        self.sync_label.setToolTip(headline)

    def _paint_banner(self, tone: Tone) -> None:
        if tone == self._banner_tone:
            return
        self._banner_tone = tone
        background, text, border = _BANNER_COLOURS[tone]
        self.banner.setProperty("tone", tone.value)
        self.banner.setStyleSheet(
            f"QLabel#maintenanceBanner {{ background: {background}; color: {text}; "
            f"border-bottom: 2px solid {border}; padding: 8px 12px; font-weight: bold; }}"
        )

    def on_hub_entries_changed(self, uuids: list[str]) -> None:
        page = self._sync_page_built()
        if uuids and page is not None:  # no page yet: no sync is running to be poked
            page.poke()  # an approval reaches KOOP-BİS without waiting for the next round

    def on_hub_changed(self, changes: OpChanges) -> None:
        if changes.entries and self._returns_seen is not None:
            self._look_for_returns()

    def _look_for_returns(self) -> None:
        actor = self.ctx.actor
        if actor is None or actor.is_sync or actor.role == Role.ADMIN:
            return  # an administrator writes no entries
        author, seen = actor.username, self._returns_seen
        self.ctx.worker.submit(
            lambda store: queries.returns_since(store, author, seen),
            self.on_returns_loaded,
            lambda exc: log.info("looking for returned entries failed: %s", exc),
            coalesce="mainwindow:returns",
        )

    def on_returns_loaded(self, loaded: tuple[int, list[ReturnNotice]]) -> None:
        """Say at once that the supervisor (or KOOP-BİS) gave an entry back, with the note: the
        yellow row in Taslaklarım is seen only by whoever is looking at that list."""
        newest, notices = loaded
        if self._returns_seen is None or newest > self._returns_seen:
            self._returns_seen = newest
        if not notices:
            return
        last = notices[-1]
        if len(notices) == 1:
            text = self.tr(
                "{0}, {1} numaralı kaydınızı iade etti: «{2}» Düzeltmek için Taslaklarım'da açın."
            ).format(last.actor, last.label, last.comment)
        else:
            text = self.tr(
                "{0} kaydınız iade edildi; sonuncusu {1}, {2} numaralı kayıt: «{3}» Notlar Taslaklarım'da."
            ).format(len(notices), last.actor, last.label, last.comment)
        self.statusBar().showMessage(text, RETURN_NOTICE_MS)
        self.tray.notify(self.tr("Kaydınız iade edildi"), text)

    def on_hub_settings_changed(self) -> None:
        self.ctx.worker.submit(load_settings, self.on_settings_loaded, self.on_worker_failed)

    def on_settings_loaded(self, values: dict[str, str]) -> None:
        before = go_live_of(self.ctx), self.may_sync_automatically()
        self.ctx.settings.update(values)
        self._apply_settings()
        # The go-live date moved (or automatic sync allowed for this role), here or on another
        # PC: the automatic sync starts as it does at sign-in (nothing when it runs already or
        # KOOP-BİS's opening is still ahead). Other settings leave a paused sync paused.
        changed = (go_live_of(self.ctx), self.may_sync_automatically()) != before
        if changed and self.may_sync_automatically() and not self._auto_sync_timer.isActive():
            self._auto_sync_timer.start(SIGN_IN_AUTO_SYNC_MS)

    def on_hub_users_changed(self) -> None:
        """Accounts changed — here or, on the office database, on another PC: if this session's
        account was closed meanwhile, lock the window now, not at its next change, so that a
        closed account reads nothing more either."""
        from koopbis_desktop.services import accounts  # loaded by the sign-in already

        actor = self.ctx.actor
        if actor is None or actor.is_sync:
            return
        self.ctx.worker.submit(
            partial(accounts.still_open, actor=actor),
            self.on_account_checked,
            self.on_worker_failed,
            coalesce="mainwindow:account-open",
        )

    def on_account_checked(self, still_open: bool) -> None:
        if not still_open:
            self.on_account_closed(None)

    def on_hub_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def on_hub_error(self, text: str) -> None:
        messages.show_warning(self, self.tr("Hata"), text)

    def on_worker_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(user_message(exc), 15000)

    # -- dialogs -------------------------------------------------------------------------------------

    def open_settings(self) -> None:
        from koopbis_desktop.ui.dialogs.settings import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    def open_users(self) -> None:
        from koopbis_desktop.ui.dialogs.users import UsersDialog

        UsersDialog(self.ctx, self).exec()

    def show_about(self) -> None:
        from koopbis_desktop.ui.dialogs.about import AboutDialog

        AboutDialog(self.ctx, self).exec()

    # -- idle lock and signing out -----------------------------------------------------------------------

    def lock(self, *, account_closed: bool = False) -> None:
        if self.lock_dialog is not None:
            return
        actor = self.ctx.require_actor()
        self.idle.pause()
        self.centre.setVisible(False)  # nothing readable behind the lock
        # Nor in the open forms (their own windows): hidden as they are, shown again on unlock.
        # A dialog running its own loop (modal) is left alone: hiding it would end it.
        self._hidden_by_lock = [d for d in self._own_dialogs() if d.isVisible() and not d.isModal()]
        for form in self._hidden_by_lock:
            form.hide()
        dialog = LockDialog(
            self.ctx.worker, actor.username, self.ctx.full_name, self, account_closed=account_closed
        )
        dialog.accepted.connect(self.on_lock_dialog_accepted)
        dialog.sign_out_requested.connect(self.on_lock_dialog_sign_out_requested)
        self.lock_dialog = dialog
        dialog.show()
        dialog.password_edit.setFocus()

    def on_account_closed(self, _exc: BaseException | None) -> None:
        """An administrator closed this account meanwhile (on another PC) — a change was refused
        for it, or the office's notice of the accounts' change was heard: lock the window at
        once, saying why. Its password no longer opens the lock (the sign-in says the account is
        closed) unless the account is opened again; "Oturumu kapat" signs out. Open forms stay
        as they are, autosaved."""
        if not self.isVisible():
            return
        locked = self.lock_dialog
        if locked is not None:
            if locked.account_closed:
                return
            # Locked for idleness: the lock says why now instead (its password would be refused).
            self._end_lock()
        self.lock(account_closed=True)

    def on_lock_dialog_accepted(self) -> None:
        self._end_lock()
        self.idle.resume()

    def on_lock_dialog_sign_out_requested(self) -> None:
        account_closed = self.lock_dialog is not None and self.lock_dialog.account_closed
        self._end_lock()  # an open form's question about its unsaved changes must be answerable
        if not self.sign_out() and self.isVisible():
            # A form kept the session (İptal, or saving first): it stays behind the lock, never
            # open without the password.
            self.lock(account_closed=account_closed)

    def _end_lock(self) -> None:
        dialog, self.lock_dialog = self.lock_dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        self.centre.setVisible(True)
        hidden, self._hidden_by_lock = self._hidden_by_lock, []
        for form in hidden:
            if shiboken6.isValid(form):
                form.show()

    def sign_out(self) -> bool:
        """Close the session (each open form asks about its unsaved changes); False if one kept it."""
        self._closing_for_sign_out = True
        closed = self.close()
        if closed:
            self.signed_out.emit()
        self._closing_for_sign_out = False
        return closed

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Minimised with a tray: the window goes to the tray and the sync goes on behind it;
        # a click on the tray icon brings it back (SyncTray).
        if (
            event.type() == QEvent.Type.WindowStateChange
            and self.isMinimized()
            and self.tray.icon is not None
            and self.tray.icon.isVisible()
        ):
            QTimer.singleShot(0, self.hide)

    def _own_dialogs(self) -> list[QDialog]:
        """The dialogs this window opened, and those opened from them (the windows on top).

        From the application's top-level windows, not ``findChildren(QDialog)``: PySide6's
        search hands every widget of the window to Python to test its type (≈ 2.5 ms a close).
        """
        found: list[QDialog] = []
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog):
                owner = widget.parentWidget()
                while owner is not None and owner is not self:
                    owner = owner.parentWidget()
                if owner is self:
                    found.append(widget)
        return found

    def _go_on_closing_once_saved(self, form: QDialog) -> None:
        """The answer "Kaydet" to a form's question before closing: the form closes itself once its draft is
        saved, and this window then goes on closing (or signing out) as it was asked to; a failed
        save keeps both open, and the form says why."""
        # An entry form (EditorBase; not imported here, the forms load on first use).
        ended = getattr(form, "close_save_ended", None)
        if ended is None or not getattr(form, "busy", False):
            return  # İptal: the person stays
        signing_out = self._closing_for_sign_out

        def go_on(saved: bool) -> None:
            if saved and shiboken6.isValid(self) and self.isVisible():
                QTimer.singleShot(0, self, self.sign_out if signing_out else self.close)

        ended.connect(go_on, Qt.ConnectionType.SingleShotConnection)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A running export first: closing stops it without a file, so the person may wait for
        # it instead — asked before any form is closed, so waiting closes nothing.
        if not self.data_actions.may_close_window():
            event.ignore()
            return
        # Open forms are the editor's own windows with our window as parent; each asks before
        # discarding (its closeEvent), so a refusal there keeps this window open too.
        for child in self._own_dialogs():
            if child.isVisible() and child is not self.lock_dialog and not child.close():
                self._go_on_closing_once_saved(child)
                event.ignore()
                return
        self.idle.stop()
        if self.live_office is not None:
            self.live_office.stop()
        self._auto_sync_timer.stop()
        page = self._sync_page_built()
        if page is not None:
            page.shutdown()
        self.tray.hide()
        if self.lock_dialog is not None:
            self._end_lock()
        event.accept()
        if not self._closing_for_sign_out:
            self.closed.emit()


def build_context_session(ctx: AppContext, session: Session) -> AppContext:
    """Fill a context from a successful login."""
    ctx.actor = session.actor
    ctx.full_name = session.full_name
    ctx.province_code = session.province_code
    ctx.settings = dict(session.settings)
    return ctx


__all__ = ["MainWindow", "build_context_session"]
