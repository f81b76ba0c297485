"""``koopbis-desktop``: start the desktop app (login → main window), the demo, or a smoke check.

The login shows at once: the two facts needed before any widget exists — whether
the database is set up and which language to show — are read read-only in about a
millisecond (:mod:`koopbis_desktop.store.startfacts`), while the DB worker opens
the database on its own thread (integrity check, migrations) with the login
visible. A login pressed meanwhile waits in the worker's queue. If the open fails
(damaged file → the newest backup is named; a file from a newer program →
refused), the person reads why in a message box and the app exits. Modules the
login does not need (the main window and its pages) are imported on the UI thread, one
per turn of the event loop, while the login waits for a password
(:func:`start_preloading`), so a sign-in finds them loaded; the smoke check imports them
while the worker opens the file.

An office database (``--db postgresql://…``, ``KOOPBIS_DB`` or the office this PC's
wizard connected to) has no file to peek at: the start waits for its connection,
asks for the role's password when none is known, and shows the sign-in. A first
run shows the wizard before any file exists, so choosing the office leaves none.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import importlib
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

import koopbis_desktop
from koopbis_desktop import paths
from koopbis_desktop.domain import argparse_words, i18n
from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Actor, Role
from koopbis_desktop.domain.resources import resources_dir
from koopbis_desktop.services.printouts import RENDER_FLAG
from koopbis_desktop.store.location import Location, OfficeUrl
from koopbis_desktop.store.startfacts import peek_start_facts
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext, Hub
from koopbis_desktop.ui.errors import user_message
from koopbis_desktop.ui.login import LoginDialog, Session
from koopbis_desktop.ui.worker import DbWorker

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from koopbis_desktop.store.db import Store
    from koopbis_desktop.ui.mainwindow import MainWindow
    from koopbis_desktop.ui.models.entries import EntryTableModel
    from koopbis_desktop.ui.single_instance import InstanceGuard

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    arguments = list(argv) if argv is not None else sys.argv[1:]
    # The help and a usage error speak the language asked for (``--lang``, else Turkish):
    # chosen before the parser is built, as the ``koopbis`` command does.
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=i18n.LANGUAGES)
    language = early.parse_known_args(arguments)[0].lang or "tr"
    argparse_words.use_language(language)
    i18n.set_language(language)
    parser = argparse.ArgumentParser(
        prog="koopbis-desktop", description=tx("KOOP-BİS Masaüstü: çevrimdışı kooperatif değişiklik kaydı")
    )
    parser.add_argument(
        "--db",
        metavar=tx("YOL"),
        help=tx(
            "veritabanı dosyası ya da ofis veritabanı (postgresql://kullanıcı@sunucu/veritabanı); "
            "varsayılan: KOOPBIS_DB, bu bilgisayarın bağlandığı ofis veritabanı, kullanıcı veri klasörü"
        ),
    )
    parser.add_argument("--demo", action="store_true", help=tx("demo veritabanını aç (yoksa oluşturur)"))
    parser.add_argument(
        "--lang", choices=i18n.LANGUAGES, help=tx("arayüz dili (varsayılan: ayar, yoksa Türkçe)")
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=tx(
            "veritabanını aç, ana pencereyi ekransız kur, ilk sayfası yüklenince çık (bir açılışın "
            "denetlediğini denetler: ayarlar ve hesaplar)"
        ),
    )
    parser.add_argument(
        "--whole-file",
        action="store_true",
        help=tx("--smoke ile: veritabanı dosyasının bütün sayfalarının denetimini de bekle"),
    )
    parser.add_argument("--version", action="store_true", help=tx("sürümü yaz ve çık"))
    parser.add_argument(
        "--guide-pdf",
        metavar="PDF",
        help=tx("kullanıcı kılavuzunu A4 PDF olarak yaz ve çık (pencere açılmaz)"),
    )
    return parser.parse_args(arguments)


LANGUAGE_PROPERTY = "koopbisLanguage"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Turkish needs no translator for our strings, only Qt's own (Tamam/İptal); English needs ours."""
    QLocale.setDefault(QLocale(QLocale.Language.Turkish, QLocale.Country.Turkey))
    app.setProperty(LANGUAGE_PROPERTY, language)  # read by text that formats dates in sentences
    i18n.set_language(language)  # the domain's texts (types, fields, states…) follow the same choice
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "en":
        ours = QTranslator(app)
        if ours.load(str(translations_dir() / "koopbis_en.qm")):
            app.installTranslator(ours)
            installed.append(ours)
        else:
            log.warning("English translation not found in %s (run: make translations)", translations_dir())
    else:
        qt_base = QTranslator(app)
        if qt_base.load("qtbase_tr", qt_dir):
            app.installTranslator(qt_base)
            installed.append(qt_base)
    return installed


def _start_facts(store: Store) -> tuple[bool, str]:
    from koopbis_desktop.services import settings
    from koopbis_desktop.store.db import is_initialised

    return is_initialised(store), settings.get(store, "language")


# The log file becomes a rotating one this long after the start, once the first window is
# up (``paths.rotate_log``: logging.handlers is ≈ 6 ms of imports the window need not wait for).
LOG_ROTATION_AFTER_MS = 3000

# The whole-file check (every page of the file, on a thread of its own) waits for the
# signed-in window and its first page: this long after that window shows, or at most
# CHECK_HOLD_S after the open if nobody signs in. Run beside the password's argon2 or the
# first window it slowed them by a third, even at the lowest priority (both read memory).
CHECK_AFTER_WINDOW_MS = 1000
CHECK_HOLD_S = 5.0

# The login's preloading starts after its first paint, or this long after its show at the latest.
PRELOAD_AFTER_MS = 250

# A single PC's backup of the day (``setup.daily_backup``) is taken this long after the first
# signed-in window, once the whole-file check has passed, on a connection of its own.
DAILY_BACKUP_AFTER_MS = 3000

# What waits for a sign-in to be over (the single-instance listener: QtNetwork's import, 10–20 ms
# on the UI thread) runs this long after the signed-in window's landing list got its first page,
# or this long after that window showed if the page never comes.
QUIET_AFTER_FIRST_PAGE_MS = 250
FIRST_PAGE_WAIT_MS = 2000

# The signed-in window shows once its landing list holds its first page, so its first paint has
# the rows (no empty table drawn and then drawn again): the login stays up meanwhile, a few
# milliseconds on a PC's file. A page that takes longer (a slow office network) does not hold
# the window back more than this; it then shows its list as it comes, as before.
SHOW_WITH_FIRST_PAGE_MS = 300

#: The signed-in window's modules in the order they load, each pulling in what it needs
#: (a few milliseconds to a few tens each): one per turn of the event loop.
PRELOADED = (
    # The sign-in's own code first: the accounts, argon2 (whose import reads the platform module,
    # ≈ 10 regular expressions) and the audit trail, which the password's check waits for (the
    # DB worker imported them after the password was typed). ≈ 8 ms: it names no change type (its
    # refusals are ``domain.issues``), so an instant password is taken after it; the change types
    # load in the next step, beside the check.
    "koopbis_desktop.services.accounts",
    "koopbis_desktop.domain.changetypes",
    "koopbis_desktop.store.entries",
    "koopbis_desktop.services.queries",
    "koopbis_desktop.ui.koopbis_state",
    "koopbis_desktop.ui.models.entries",
    "koopbis_desktop.ui.pages.queue",
    "koopbis_desktop.ui.pages.new_entry",
    "koopbis_desktop.ui.mainwindow",
    # What the window imports as it is built (its menus' printouts and data actions) and the
    # offer of forms autosaved before a crash: ≈ 5 ms that came after the password's check.
    "koopbis_desktop.ui.print_actions",
    "koopbis_desktop.ui.export",
    "koopbis_desktop.services.autosave",
    # The sign-in's audit row is the first one hashed: OpenSSL's hashes (≈ 5 ms) load here,
    # beside the password's check, instead of on the worker after it.
    "hashlib",
)

#: An encrypted file's sign-in opens the account's key slot first: argon2 (through the
#: project's own call of it, ``store.password_hash``) and AES-GCM (≈ 11 + 15 ms of imports on
#: the DB worker, after the password was typed). Loaded first while the login of an encrypted
#: file waits.
UNLOCK_PRELOADED = (
    "koopbis_desktop.store.password_hash",
    "cryptography.hazmat.primitives.ciphers.aead",
)


def preload_main_window() -> None:
    """Import the signed-in window's modules (pages, models, KOOP-BİS state) now, at once.

    Imports only: no widget is made. The smoke check does this while the worker opens the
    file; a start with a login uses :func:`start_preloading`. No more than that: a new
    file's creation on the worker is what the window then waits for, and it runs the
    slower the more the UI thread's Python runs beside it (building the Kooperatifler page
    here cost the new-file smoke check ≈ 12 ms, 31 interleaved runs).
    """
    try:
        import koopbis_desktop.ui.mainwindow  # noqa: F401  (loaded ahead; the window uses it)
    except Exception:  # the sign-in imports it again and reports what fails
        log.exception("preloading the main window failed")


def start_preloading(*, unlocking: bool = False) -> None:
    """Import the signed-in window's modules while the login waits for a password.

    ``unlocking``: the database is encrypted and still locked, so the key slot's
    modules (:data:`UNLOCK_PRELOADED`) come first.

    On the UI thread, one module per turn of the event loop, so a key pressed meanwhile
    waits at most one step; the password's argon2 check (on the DB worker) releases the
    interpreter, so the steps still run beside it. Not on a thread of their
    own: PySide6 makes a Qt class's Python type and enums when a module first names it,
    and importing the sync engine on a thread while the UI thread ran Qt crashed the
    interpreter (``tests/ui/test_startup.py`` holds that these imports stay on the UI thread).
    """
    wanted = (*UNLOCK_PRELOADED, *PRELOADED) if unlocking else PRELOADED
    pending = [name for name in wanted if name not in sys.modules]

    def step() -> None:
        while pending:
            name = pending.pop(0)
            if name in sys.modules:
                continue
            try:
                importlib.import_module(name)
            except Exception:  # the sign-in imports it again and reports what fails
                log.exception("preloading %s failed", name)
                return
            break
        if pending:
            QTimer.singleShot(0, step)

    step()


def offer_autosaved_forms(ctx: AppContext, window: QWidget) -> None:
    """Offer back the forms autosaved before a crash or power cut and never saved.

    Right after the sign-in, without making it wait: the DB worker looks, and the question
    comes when it answers. The entry form's modules load only when there is something to
    offer (they are not among the signed-in window's). A window closed meanwhile (signed
    out at once) is asked nothing: the forms stay and are offered at the next sign-in.
    """
    from koopbis_desktop.services import autosave

    actor = ctx.require_actor()

    def offer(found: autosave.Recovery) -> None:
        if (found.offered or found.elsewhere) and window.isVisible():
            from koopbis_desktop.ui.editor.recovery import ask_recovery

            ask_recovery(ctx, window, found.offered, found.names, found.elsewhere)

    ctx.worker.submit(lambda store: autosave.recovery(store, actor), offer)


class SignInWatch:
    """Whether a sign-in is under way: from the click on Giriş to its window's first page.

    Work that is due meanwhile but not needed for that page (the single-instance listener) waits
    for it to be over (:meth:`when_quiet`), so it never lands between the password's check and the
    first page on a slow PC. A refused password ends it too.
    """

    def __init__(self) -> None:
        self._under_way = 0  # the sign-in's number while one is under way, else 0
        self._count = 0
        self._waiting: list[Callable[[], None]] = []

    @property
    def under_way(self) -> bool:
        return self._under_way != 0

    def began(self) -> int:
        """A sign-in starts; its number ends it (an earlier one's late end does not)."""
        self._count += 1
        self._under_way = self._count
        return self._count

    def ended(self, number: int) -> None:
        if number != self._under_way:
            return
        self._under_way = 0
        waiting, self._waiting = self._waiting, []
        for call in waiting:
            call()

    def when_quiet(self, call: Callable[[], None]) -> None:
        """``call()`` now, or once the sign-in under way is over."""
        if self.under_way:
            self._waiting.append(call)
        else:
            call()


def _landing_entries(window: MainWindow) -> EntryTableModel | None:
    """The entry list of the window's current (landing) page, if that page is a queue."""
    from koopbis_desktop.ui.models.entries import EntryTableModel  # loaded with the window

    model = getattr(window.pages.get(window.current_page_key()), "model", None)
    return model if isinstance(model, EntryTableModel) else None


class Shell(QObject):
    """Login, main window, sign-out and back to login, until the person quits."""

    first_run = False  # the wizard just created the database: its last page follows the first sign-in

    def __init__(
        self,
        app: QApplication,
        worker: DbWorker,
        location: Location,
        *,
        demo: bool,
        sign_ins: SignInWatch | None = None,
    ) -> None:
        super().__init__()
        self.app = app
        self.worker = worker
        self.location = location
        self.demo = demo
        self.sign_ins = sign_ins if sign_ins is not None else SignInWatch()
        self._sign_in = 0  # the sign-in under way (SignInWatch's number), else 0
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self._preloading = False
        self._daily_backup_asked = False
        worker.open_failed.connect(self.on_worker_open_failed)
        worker.damaged.connect(self.on_worker_open_failed)  # found by the whole-file check, a moment later

    def on_worker_open_failed(self, exc: BaseException) -> None:
        """The database could not be opened (damaged, too new) or its check found damage: say why, end the app."""
        parent = self.login if self.login is not None and self.login.isVisible() else None
        messages.show_error(parent, "KOOP-BİS Masaüstü", user_message(exc))
        if self.login is not None:
            self.login.rejected.disconnect(self.app.quit)
            self.login.close()
        self.app.exit(2)

    def show_login(self, username: str = "", *, preparing: str = "") -> LoginDialog:
        dialog = LoginDialog(self.worker)
        if username:
            dialog.username_edit.setText(username)
            dialog.password_edit.setFocus()
        if self.demo:
            dialog.setWindowTitle(QCoreApplication.translate("Shell", "KOOP-BİS Masaüstü (DEMO) — Giriş"))
        if preparing:
            dialog.set_preparing(preparing)
        dialog.checking.connect(self.on_login_checking)
        dialog.signed_in.connect(self.on_login_signed_in)
        dialog.rejected.connect(self.app.quit)
        self.login = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if "koopbis_desktop.ui.mainwindow" not in sys.modules and not self._preloading:
            # After the login's first paint: a step queued at its show ran before it (the login then
            # showed ≈ 10–20 ms later). At the latest PRELOAD_AFTER_MS after the show, for a login
            # that is not drawn (a minimised start).
            dialog.first_painted.connect(self._start_preloading)
            QTimer.singleShot(PRELOAD_AFTER_MS, self._start_preloading)
        return dialog

    def _start_preloading(self) -> None:
        if not self._preloading:
            self._preloading = True
            QTimer.singleShot(0, lambda: start_preloading(unlocking=self.worker.is_locked))

    def on_login_checking(self, checking: bool) -> None:
        """The password's check began (a sign-in is under way), or it refused the password."""
        if checking:
            self._sign_in = self.sign_ins.began()
        else:
            self.sign_ins.ended(self._sign_in)

    def _sign_in_over_after_first_page(self, window: MainWindow) -> None:
        """End the sign-in under way a moment after its landing list's first page came."""
        number = self._sign_in

        def over() -> None:
            QTimer.singleShot(QUIET_AFTER_FIRST_PAGE_MS, lambda: self.sign_ins.ended(number))

        model = _landing_entries(window)
        if model is not None and not model.is_loaded:
            came: list[bool] = []

            def first_page(*_: object) -> None:
                if not came:
                    came.append(True)
                    over()

            model.loaded.connect(first_page)
            model.failed.connect(first_page)
            QTimer.singleShot(FIRST_PAGE_WAIT_MS, lambda: self.sign_ins.ended(number))
        else:
            over()  # the first page is in, or a landing page without an entry list (an admin's Kooperatifler)

    def on_login_signed_in(self, session: Session) -> None:
        from koopbis_desktop.ui.mainwindow import MainWindow, build_context_session

        ctx = build_context_session(
            AppContext(
                location=self.location,
                backups_dir=paths.backups_dir(self.location),
                worker=self.worker,
                hub=Hub(),
                db_password=self.worker.password,
            ),
            session,
        )
        ctx.db_key = session.db_key
        window = MainWindow(ctx)  # its landing list's first page is the worker's next job
        if self.demo:
            window.setWindowTitle(QCoreApplication.translate("Shell", "KOOP-BİS Masaüstü (DEMO)"))
        window.signed_out.connect(self.on_window_signed_out)
        window.closed.connect(self.app.quit)
        self.window = window
        login, self.login = self.login, None
        if login is not None:
            login.hold_after_sign_in()  # up until the window shows, so the screen is never empty
        shown: list[bool] = []

        def show(*_: object) -> None:
            if shown or self.window is not window:
                return  # shown already, or signed out meanwhile
            shown.append(True)
            self._show_signed_in(window, session, login)

        model = _landing_entries(window)
        if model is not None and not model.is_loaded:
            model.loaded.connect(show)
            model.failed.connect(show)  # the window shows the list's error
            QTimer.singleShot(SHOW_WITH_FIRST_PAGE_MS, show)
        else:
            show()

    def _show_signed_in(self, window: MainWindow, session: Session, login: LoginDialog | None) -> None:
        """The signed-in window on screen, the login closed; then what follows a sign-in."""
        ctx = window.ctx
        window.show()
        window.show_page(window.landing_key(), focus=True)
        if login is not None:
            login.accept()
        self._sign_in_over_after_first_page(window)
        QTimer.singleShot(CHECK_AFTER_WINDOW_MS, self.worker.release_check)
        if not self._daily_backup_asked and not self.worker.is_office:
            self._daily_backup_asked = True
            QTimer.singleShot(DAILY_BACKUP_AFTER_MS, self, self.take_daily_backup)
        if self.first_run and ctx.is_admin:
            # The set-up's last page: what comes next, with buttons that do it.
            self.first_run = False
            from PySide6.QtCore import Qt

            from koopbis_desktop.ui.list_loader import choose_and_load
            from koopbis_desktop.ui.wizard import FirstRunNextSteps

            steps = FirstRunNextSteps(window.open_users, lambda: choose_and_load(ctx, window), window)
            steps.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            steps.open()
        offer_autosaved_forms(ctx, window)
        if isinstance(self.location, Path) and not session.encrypted and session.actor.role == Role.ADMIN:
            # A plain database file of the previous version: its administrator is offered encryption
            # (an office database has no file here; the server's own security guards it).
            from koopbis_desktop.ui.encryption_offer import offer_encryption

            QTimer.singleShot(0, lambda: offer_encryption(ctx, window))

    def take_daily_backup(self) -> None:
        """Today's backup of this PC's file, if it has none yet; said in the status bar."""
        from koopbis_desktop.services import setup

        worker = self.worker

        def back_up(store: Store) -> Path | None:
            worker.wait_checked()  # never a copy of a damaged file: only once the whole file passed
            return setup.daily_backup(store)

        worker.submit_apart(back_up, self.on_daily_backup, self.on_daily_backup_failed)

    def _say(self, text: str) -> None:
        if self.window is not None:
            self.window.ctx.hub.message.emit(text)

    def on_daily_backup(self, path: Path | None) -> None:
        if path is not None:
            log.info("daily backup: %s", path)
            self._say(
                QCoreApplication.translate("Shell", "Bugünün yedeği alındı: %1").replace("%1", str(path))
            )

    def on_daily_backup_failed(self, exc: BaseException) -> None:
        from koopbis_desktop.store.errors import DatabaseDamaged

        if isinstance(exc, DatabaseDamaged):
            return  # the whole-file check's finding: the worker's ``damaged`` already said it
        log.warning("the daily backup failed", exc_info=exc)
        self._say(
            QCoreApplication.translate(
                "Shell",
                "%1 Kayıtlarınız yerinde; günün yedeği programın bir sonraki açılışında yeniden denenir.",
            ).replace("%1", user_message(exc))
        )

    def on_window_signed_out(self) -> None:
        window, self.window = self.window, None
        username = window.ctx.actor.username if window is not None and window.ctx.actor else ""
        if window is not None:
            window.deleteLater()
        self.show_login(username)


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("KOOP-BİS Masaüstü")
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationVersion(koopbis_desktop.__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "koopbis.png")))
    app.setQuitOnLastWindowClosed(False)
    from koopbis_desktop.ui.collector import MainThreadCollector

    MainThreadCollector(app)  # cycles are freed on this thread, never on the worker's
    from koopbis_desktop.ui.help import install_help_hook

    install_help_hook(app)  # F1 opens the user guide from the login on
    QTimer.singleShot(LOG_ROTATION_AFTER_MS, paths.rotate_log)

    smoke_dir: tempfile.TemporaryDirectory[str] | None = None
    try:
        location, smoke_dir = _database_location(args)
    except KoopbisError as exc:
        return _start_failed(app, args, exc)
    if args.smoke:
        return _run_on(app, args, location, smoke_dir)
    # One program per database on this PC, taken before anything touches the database (a
    # second start must not set aside the first run the first program is making).
    from koopbis_desktop.ui.single_instance import LISTEN_AFTER_MS, InstanceGuard

    guard = InstanceGuard(location)
    if not guard.acquire():
        return _already_open(app, args, guard)
    # The listener is not needed for the first window: it starts after it, never in the middle
    # of a sign-in (the click on Giriş to its window's first page), whenever that comes.
    sign_ins = SignInWatch()

    def listen() -> None:
        guard.listen(bring_forward)

    QTimer.singleShot(LISTEN_AFTER_MS, lambda: sign_ins.when_quiet(listen))
    try:
        return _run_on(app, args, location, smoke_dir, sign_ins)
    finally:
        guard.release()


def _run_on(
    app: QApplication,
    args: argparse.Namespace,
    location: Location,
    smoke_dir: tempfile.TemporaryDirectory[str] | None,
    sign_ins: SignInWatch | None = None,
) -> int:
    first_run = False
    encrypted = False
    facts = None
    if isinstance(location, OfficeUrl):
        # The office database: no file to peek at or encrypt; the server guards it.
        try:
            office_worker = _office_worker(location, ask=not args.smoke)
        except Exception as exc:
            return _start_failed(app, args, exc)
        if office_worker is None:
            return 0  # the person gave up typing the office password
        worker = office_worker
    else:
        db_path = location
        from koopbis_desktop.store import encryption

        encryption.set_aside_unfinished(db_path)  # a first run cut off before its first account
        if not args.demo:
            try:
                # The database moved away and its key file stayed: no set-up over it (the key
                # file would be replaced, every slot gone); say what is missing instead.
                encryption.check_no_orphan_keyfile(db_path)
            except KoopbisError as exc:
                return _start_failed(app, args, exc)
        # A new database (first run, demo, smoke) is encrypted from its first byte.
        credentials = None
        if args.demo:
            # The demo's passwords are printed in the README: its worker opens it at once, so an
            # unfinished demo is found and filled as before.
            from koopbis_desktop.demo import DEMO_ACCOUNTS

            credentials = (DEMO_ACCOUNTS[0][0], DEMO_ACCOUNTS[0][2])
        encrypted = encryption.is_encrypted(db_path) and not encryption.is_new(db_path)
        # Encrypted: nothing to peek at before a sign-in. Smoke: it waits for the open anyway. The
        # glance comes before the worker's open: a read-only connection beside a refused open
        # could be the last one and leave -wal/-shm beside a file the program promised not to touch.
        facts = None if encrypted or args.smoke else peek_start_facts(db_path)
        # Only a first run (no file yet) creates the database, and the wizard then says so; an
        # existing file that is empty or damaged is refused with the newest backup, never rebuilt.
        first_run = not db_path.exists() and not args.demo and not args.smoke
        worker = DbWorker(
            db_path,
            paths.backups_dir(db_path),
            create=not db_path.exists(),
            encrypt_new=True,
            credentials=credentials,
            check_in_background=True,  # the whole file is checked beside the first window
            # The smoke check is a start: its window does not wait for the whole file either;
            # with --whole-file it waits for that verdict too (nothing else runs then).
            check_whole_file=not args.smoke or args.whole_file,
            check_at_low_priority=not args.smoke,
            check_hold_s=0.0 if args.smoke else CHECK_HOLD_S,
        )
        if not first_run:
            # A first run's file is made only once the wizard's person chose this PC alone.
            worker.start()  # opens and checks the database on its own thread
    try:
        if first_run:
            initialised, language = False, args.lang or "tr"
        elif encrypted and worker.wait_ready():
            if args.smoke:
                from koopbis_desktop.store.errors import KeyRequired

                raise KeyRequired(worker.db_path)
            # Nothing is readable before a sign-in: the settings' language comes after it.
            initialised, language = True, args.lang or "tr"
        elif facts is None or not facts.initialised or args.smoke:
            # Cannot tell, an office database or the smoke check: wait for the open; its error
            # says what is wrong with the database.
            if args.smoke:
                # Meanwhile the worker opens the file (fsyncs, SQLite's own work beside this).
                preload_main_window()
            worker.wait_open()
            initialised, language = worker.call(_start_facts)
        else:
            initialised, language = True, facts.language or "tr"
    except Exception as exc:
        worker.stop()
        return _start_failed(app, args, exc)
    translators = install_translators(app, args.lang or language or "tr")
    try:
        if args.smoke:
            return _smoke(app, worker, worker.location, whole_file=args.whole_file)
        if args.demo and not initialised:
            from koopbis_desktop.demo import populate_demo

            shell = Shell(app, worker, worker.location, demo=True, sign_ins=sign_ins)
            login = shell.show_login("memur", preparing=login_text_preparing())
            worker.submit(
                populate_demo, lambda _: login.set_ready(), lambda exc: login.show_error(user_message(exc))
            )
        elif not initialised:
            from koopbis_desktop.ui.wizard import FirstRunWizard

            wizard = FirstRunWizard(worker)
            accepted = wizard.exec() == QDialog.DialogCode.Accepted
            if accepted and wizard.office is not None and not worker.is_office:
                # The person chose the office database: this PC's worker never started.
                worker.stop()
                worker = wizard.office_worker or _connected_worker(wizard.office.url, wizard.office.password)
            if not accepted or (wizard.result_ is None and wizard.office is None):
                return 0
            shell = Shell(app, worker, worker.location, demo=False, sign_ins=sign_ins)
            shell.first_run = wizard.result_ is not None
            shell.show_login(wizard.result_.admin if wizard.result_ is not None else "")
        else:
            shell = Shell(app, worker, worker.location, demo=args.demo, sign_ins=sign_ins)
            shell.show_login("memur" if args.demo else "")
        return app.exec()
    finally:
        worker.stop()
        del translators
        if smoke_dir is not None:
            smoke_dir.cleanup()


def _database_location(
    args: argparse.Namespace,
) -> tuple[Location, tempfile.TemporaryDirectory[str] | None]:
    """``--demo``'s file, the smoke check's (a throw-away one unless ``--db`` names an existing
    database), else ``--db``, ``KOOPBIS_DB``, the office this PC connected to, this PC's file."""
    if args.demo:
        from koopbis_desktop.demo import demo_database_path

        return demo_database_path(), None
    if args.smoke:
        explicit = paths.database_location(args.db) if args.db else None
        if explicit is None or (isinstance(explicit, Path) and not explicit.exists()):
            smoke_dir = tempfile.TemporaryDirectory(prefix="koopbis-smoke-")
            return Path(smoke_dir.name) / paths.DB_FILENAME, smoke_dir
        return explicit, None
    return paths.database_location(args.db), None


def bring_forward() -> None:
    """A second start on this database knocked: show this program's window instead."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    from PySide6.QtWidgets import QMainWindow

    # A question or dialog that waits for an answer first, else the main window, else the login.
    visible = [w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()]
    windows = [w for w in visible if isinstance(w, QMainWindow)] + visible
    widget = app.activeModalWidget() or app.activeWindow() or (windows[0] if windows else None)
    log.info("a second start on this database: the open window is brought forward")
    if widget is None:
        return
    if widget.isMinimized():
        widget.showNormal()
    widget.raise_()
    widget.activateWindow()


def _already_open(app: QApplication, args: argparse.Namespace, guard: InstanceGuard) -> int:
    """Another program of this person has this database open: bring it forward, or say so."""
    from koopbis_desktop.ui.single_instance import knock

    if knock(guard.server_name):
        log.info("this database is open in process %s: its window was brought forward", guard.holder_pid())
        return 0
    install_translators(app, args.lang or "tr")
    pid = guard.holder_pid()
    messages.show_warning(
        None,
        "KOOP-BİS Masaüstü",
        QCoreApplication.translate("Shell", "KOOP-BİS Masaüstü bu veritabanıyla bu bilgisayarda zaten açık."),
        informative=QCoreApplication.translate(
            "Shell",
            "Açık pencereyi görev çubuğunda bulun. İkinci bir pencere açılmadı: aynı form iki "
            "pencerede açılıp iki kez kaydedilebilirdi. Açık program yanıt vermiyorsa kapatın "
            "(işlem numarası {0}) ve yeniden başlatın; kaydettikleriniz ve otomatik kaydedilen "
            "formlar kaybolmaz.",
        ).format(pid if pid is not None else "?"),
        object_name="alreadyOpen",
    )
    return 3


def _start_failed(app: QApplication, args: argparse.Namespace, exc: BaseException) -> int:
    if args.smoke:
        # No one is there to press OK on an offscreen box: the sentence goes to stderr.
        print(f"smoke FAILED: {user_message(exc)}", file=sys.stderr)
        return 2
    install_translators(app, args.lang or "tr")
    messages.show_error(None, "KOOP-BİS Masaüstü", user_message(exc))
    return 2


def _connected_worker(url: OfficeUrl, password: str | None) -> DbWorker:
    worker = DbWorker(url, paths.backups_dir(url), password=password)
    worker.start()
    return worker


def _office_worker(url: OfficeUrl, *, ask: bool) -> DbWorker | None:
    """The office database's worker, open: its role's password from the URL, ``PGPASSFILE`` or this
    PC's keyring, else asked (then kept in the keyring); None when the person gives up.

    It waits for the connection before any window shows (at most the connection timeout): the
    sign-in needs to know whether the office database is set up, and a password to ask comes first.
    """
    from koopbis_desktop.services import office_connection
    from koopbis_desktop.store.pg import OfficeLoginFailed
    from koopbis_desktop.ui.office_connect import ask_office_password

    password = office_connection.known_password(url)
    asked = False
    while True:
        worker = _connected_worker(url, password)
        try:
            worker.wait_open()
        except OfficeLoginFailed as exc:
            worker.stop()
            if not ask or url.password:
                raise
            password = ask_office_password(None, url, user_message(exc) if password else "")
            if password is None:
                return None
            asked = True
            continue
        except BaseException:
            worker.stop()
            raise
        if asked:
            office_connection.keep_password(url, password)
        return worker


def login_text_preparing() -> str:
    return QCoreApplication.translate(
        "Shell", "Demo veritabanı hazırlanıyor (500 kooperatif, örnek kayıtlar)… Birkaç saniye sürer."
    )


def _smoke(app: QApplication, worker: DbWorker, location: Location, *, whole_file: bool) -> int:
    """Build the main window on this database as a sign-in would, let its first page load, close.

    It checks what a start checks (the tables the sign-in reads); ``whole_file`` waits for
    the check of every page of the file as well, which a start runs beside its first window.
    """
    from koopbis_desktop.ui.login import load_settings
    from koopbis_desktop.ui.mainwindow import MainWindow

    values = worker.call(load_settings)
    ctx = AppContext(
        location=location,
        backups_dir=paths.backups_dir(location),
        worker=worker,
        db_password=worker.password,
        hub=Hub(),
        actor=Actor("smoke", Role.ADMIN),
        province_code="",
        settings=values,
        full_name="smoke",
    )
    window = MainWindow(ctx)
    window.show()
    done = {"ok": False}

    def check() -> None:
        if worker.pending() == 0:
            done["ok"] = True
            app.quit()

    # The first pages' jobs were queued while the window was built: done when the worker has
    # delivered the last of them (a page that reloads on another's news queues its job first).
    worker.idle.connect(check)
    QTimer.singleShot(0, check)  # nothing queued at all
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(app.quit)
    deadline.start(20_000)
    app.exec()
    # Neither may fire into a later event loop of this process (tests run several).
    worker.idle.disconnect(check)
    deadline.stop()
    window.close()
    if not done["ok"]:
        print("smoke FAILED: the first pages did not load in 20 s", file=sys.stderr)
        return 1
    if whole_file:
        try:
            worker.wait_checked(60)  # the whole-file check ran beside the window; its verdict counts too
        except Exception as exc:
            print(f"smoke FAILED: {user_message(exc)}", file=sys.stderr)
            return 2
    checked = "whole file checked" if whole_file else "start tables checked"
    print(
        f"smoke ok: {location} schema up to date, {checked}, main window built with {window.nav.count()} pages"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == [RENDER_FLAG]:
        # Hidden: the bundled ``koopbis print`` renders its PDF here (the bundle has no ``python -m``).
        from koopbis_desktop.ui import render_pdf

        return render_pdf.main(arguments[1:])
    args = parse_args(arguments)
    if args.version:
        print(f"koopbis-desktop {koopbis_desktop.__version__}")
        return 0
    if args.guide_pdf:
        # The bundle's way to print the guide for the command line, which has no Qt of its
        # own (services/guide.py starts this program when frozen, ``python -m`` otherwise).
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from koopbis_desktop.ui.guide_pdf import main as guide_pdf_main

        return guide_pdf_main([args.guide_pdf, "--lang", args.lang or "tr"])
    if args.smoke:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    paths.setup_logging("koopbis-desktop", rotating=False)  # rotating once the first window is up
    return run(args)


def entry() -> NoReturn:
    """The program's start (``koopbis-desktop``, ``python -m``, the bundle): :func:`main`, then :func:`leave`.

    The exit code is the interpreter's: ``--help`` 0, a wrong argument 2 (argparse's
    ``SystemExit``), an unexpected error its traceback on stderr and 1.
    """
    try:
        code = main()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    except BaseException:
        log.exception("koopbis-desktop stopped on an unexpected error")
        sys.excepthook(*sys.exc_info())
        code = 1
    leave(code)


def leave(code: int) -> NoReturn:
    """End the process once the program has shut down in order, without Python's teardown.

    By now the DB worker has closed its connection (``run``'s ``finally``) and every
    window is closed. What the interpreter would still do that matters is done here:
    threads that are not daemons are waited for, the ``atexit`` functions run (the log
    file's last lines are written and closed), stdout and stderr are flushed. What is
    skipped is freeing every widget, model and module one by one: about 45 ms of every
    quit and every ``--smoke`` (``tests/ui/test_shell.py`` holds the exit code and the log).
    """
    log.info("koopbis-desktop ends (exit code %s)", code)
    try:
        current = threading.current_thread()
        for thread in threading.enumerate():
            if thread is not current and not thread.daemon:
                thread.join()
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


if __name__ == "__main__":
    entry()
