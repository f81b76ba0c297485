"""Regenerate the README's and the user guide's screenshots from the demo database.

The README's go to ``docs/screenshots/``, the guide's (Kullanıcı Kılavuzu) to
``resources/kilavuz/tr/img/`` under the Turkish names the chapters use
(:data:`GUIDE_IMAGES`; tests/services/test_guide.py checks that every image a
chapter shows is one of them). ``make screenshots`` runs this and
``docs/screenshots/conflict_shot.py`` (the conflict dialog, which needs the
training server).

Everything runs offscreen on a fresh demo database in a temporary folder, at a
fixed window size, with the store's clock pinned to 2 March 2015 (Istanbul time)
so the dates on screen do not change from one run to the next. The windows are
driven as a clerk and a supervisor would: sign in, open a queue, search, type a
form with a wrong T.C. Kimlik No, open an entry for review.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--guide-out resources/kilavuz/tr/img]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["TZ"] = "Europe/Istanbul"
time.tzset()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from koopbis_desktop.demo import create_demo_database  # noqa: E402
from koopbis_desktop.domain.demo_data import tckn  # noqa: E402
from koopbis_desktop.services.queries import EntryFilter, page_entries  # noqa: E402
from koopbis_desktop.store import clock, listing  # noqa: E402
from koopbis_desktop.store.db import Store  # noqa: E402
from koopbis_desktop.ui.app import install_translators  # noqa: E402
from koopbis_desktop.ui.context import AppContext, Hub  # noqa: E402
from koopbis_desktop.ui.editor import open_editor  # noqa: E402
from koopbis_desktop.ui.editor.group_table import GroupField  # noqa: E402
from koopbis_desktop.ui.help import show_help  # noqa: E402
from koopbis_desktop.ui.import_dialog import MemberImportDialog  # noqa: E402
from koopbis_desktop.ui.login import LoginDialog, sign_in  # noqa: E402
from koopbis_desktop.ui.mainwindow import MainWindow, build_context_session  # noqa: E402
from koopbis_desktop.ui.pages.cooperatives import CooperativesPage  # noqa: E402
from koopbis_desktop.ui.pages.new_entry import NewEntryPage  # noqa: E402
from koopbis_desktop.ui.pages.queue import QueuePage  # noqa: E402
from koopbis_desktop.ui.review import ReviewDialog  # noqa: E402
from koopbis_desktop.ui.worker import DbWorker  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GUIDE_IMG = ROOT / "resources" / "kilavuz" / "tr" / "img"
# Every picture of the guide, each written by one shot below (README name → guide name
# where the README shows the same window).
GUIDE_IMAGES = (
    "giris.png",
    "ana-pencere.png",
    "kooperatifler.png",
    "yeni-kayit.png",
    "form-hata.png",
    "inceleme.png",
    "esitleme.png",
    "ortak-listesi.png",
    "yardim.png",
)
WINDOW_SIZE = (1280, 800)
# The pictures of ordinary pages are taken with no network work going on.
NO_AUTO_SYNC_MS = 24 * 3600 * 1000
DEMO_PASSWORDS = {"memur": "demo-memur-2015", "sef": "demo-sef-2015"}
BAD_TCKN = "12345678901"  # fails the T.C. Kimlik No checksum


def pin_clock() -> None:
    """Every stamp the store writes is 2 March 2015 from 09:12 Istanbul time, a minute apart."""
    ticks = itertools.count()
    start = datetime(2015, 3, 2, 6, 12, tzinfo=UTC)
    clock.now = lambda: start + timedelta(minutes=next(ticks))


def wait_until(predicate: Callable[[], bool], timeout_s: float = 20.0) -> None:
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_s

    def check() -> None:
        if predicate() or time.perf_counter() > deadline:
            loop.quit()

    poll = QTimer()
    poll.timeout.connect(check)
    poll.start(5)
    loop.exec()
    poll.stop()
    if not predicate():
        raise TimeoutError("the window did not reach the expected state")


def settle(ms: int = 150) -> None:
    """Let queued layout, show and paint events run before grabbing."""
    deadline = time.perf_counter() + ms / 1000
    wait_until(lambda: time.perf_counter() >= deadline)


class Shots:
    """Where pictures go: the README's folder and the guide's; a shot may feed both."""

    def __init__(self, readme: Path, guide: Path) -> None:
        self.readme = readme
        self.guide = guide
        self.written: list[Path] = []

    def save(self, widget: QWidget, *, readme: str | None = None, guide: str | None = None) -> None:
        settle()
        picture = widget.grab()
        for folder, name in ((self.readme, readme), (self.guide, guide)):
            if name is None:
                continue
            if folder is self.guide and name not in GUIDE_IMAGES:
                raise ValueError(f"{name} is not in GUIDE_IMAGES")
            path = folder / name
            if not picture.save(str(path)):
                raise RuntimeError(f"could not write {path}")
            self.written.append(path)
            shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            print(f"{shown}: {widget.width()}×{widget.height()}")


def window_for(worker: DbWorker, db_path: Path, username: str) -> MainWindow:
    session = worker.call(lambda store: sign_in(store, username, DEMO_PASSWORDS[username]))
    ctx = build_context_session(
        AppContext(location=db_path, backups_dir=db_path.parent / "backups", worker=worker, hub=Hub()),
        session,
    )
    ctx.db_key = session.db_key  # the encrypted demo: the sync thread opens it with the session's key
    window = MainWindow(ctx)
    window.setWindowTitle("KOOP-BİS Masaüstü (DEMO)")
    window.resize(*WINDOW_SIZE)
    window.show()
    wait_until(lambda: worker.pending() == 0)
    return window


def shoot_login(worker: DbWorker, shots: Shots) -> None:
    dialog = LoginDialog(worker, title="KOOP-BİS Masaüstü (DEMO) — Giriş")
    dialog.show()
    QTest.keyClicks(dialog.username_edit, "memur")
    QTest.keyClicks(dialog.password_edit, "demo-memur")
    dialog.password_edit.setFocus()
    shots.save(dialog, readme="login.png", guide="giris.png")
    dialog.close()


def shoot_office_wizard(folder: Path, shots: Shots) -> None:
    """The first-run wizard's office page, filled as the office's IT told the clerk (nothing connects)."""
    from koopbis_desktop.ui.wizard import FirstRunWizard

    # Never started: the wizard makes this PC's file only when "tek başına" is chosen.
    worker = DbWorker(folder / "bos" / "koopbis.sqlite", folder / "bos" / "backups", create=True)
    wizard = FirstRunWizard(worker)
    wizard.show()
    QTest.mouseClick(wizard.office_radio, Qt.MouseButton.LeftButton)
    page = wizard.office_page
    QTest.keyClicks(page.host_edit, "sunucu.ilmudurlugu.local")
    page.dbname_edit.setText("koopbis")
    QTest.keyClicks(page.user_edit, "koopbis_ofis")
    QTest.keyClicks(page.password_edit, "ofis-parolasi")
    page.test_button.setFocus()
    shots.save(wizard, readme="wizard-office.png")
    wizard.close()


def shoot_queue(window: MainWindow, shots: Shots) -> None:
    window.show_page("all", focus=True)
    page = window.pages["all"]
    assert isinstance(page, QueuePage)
    wait_until(lambda: page.model.is_loaded and page.model.rowCount() > 0)
    returned = next(
        row
        for row in range(page.model.rowCount())
        if page.model.entry_at(row).state.value == "returned"  # type: ignore[union-attr]
    )
    page.table.selectRow(returned)  # the supervisor's comment shows under the list
    shots.save(window, readme="main-queue.png", guide="ana-pencere.png")


def shoot_cooperatives(window: MainWindow, shots: Shots) -> None:
    window.show_page("cooperatives", focus=True)
    page = window.pages["cooperatives"]
    assert isinstance(page, CooperativesPage)
    QTest.keyClicks(page.search_box, "cankaya konut")
    wait_until(lambda: page.shown_query == "cankaya konut")
    QTest.keyClick(page.search_box, Qt.Key.Key_Return)
    wait_until(lambda: page.current_id is not None and page.detail_stack.currentIndex() == 1)
    shots.save(window, readme="cooperatives.png", guide="kooperatifler.png")


def shoot_form_error(window: MainWindow, cooperative: str, shots: Shots) -> None:
    editor = open_editor(window.ctx, window, type_id="member.admit", cooperative=cooperative)
    wait_until(lambda: editor.is_loaded)
    values = {
        "member_id": BAD_TCKN,
        "full_name": "Gülşen Öztürk",
        "address": "Kızılay Mah. Atatürk Blv. No: 12, Çankaya / Ankara",
        "effective_date": "02.03.2015",
        "decision_no": "2015/16",
        "shares": "2",
        "subscribed_amount": "2.000,00",
        "paid_amount": "500,00",
    }
    for name, text in values.items():
        target = editor.rows[name].widget.focus_target()
        target.setFocus()
        target.insert(text) if hasattr(target, "insert") else target.insertPlainText(text)  # type: ignore[attr-defined]
    # Ctrl+Enter: the first submit attempt shows every issue and puts the cursor on the first.
    QTest.keyClick(
        editor.rows["paid_amount"].widget.focus_target(),
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier,
    )
    wait_until(lambda: not editor.validate_timer.isActive() and editor.rows["member_id"].issue.isVisible())
    shots.save(editor, readme="form-error.png", guide="form-hata.png")
    editor.autosave_timer.stop()
    editor._closing_confirmed = True  # a demo form: close without the "unsaved changes" question
    editor.close()


def shoot_review(window: MainWindow, entry_uuid: str, shots: Shots) -> None:
    dialog = ReviewDialog(window.ctx, entry_uuid, window)
    dialog.show()
    wait_until(lambda: dialog.details is not None)
    shots.save(dialog, readme="review.png", guide="inceleme.png")
    dialog.close()


def shoot_new_entry(window: MainWindow, shots: Shots) -> None:
    window.show_page("new", focus=True)
    page = window.pages["new"]
    assert isinstance(page, NewEntryPage)
    QTest.keyClicks(page.chooser.filter_edit, "ortak")
    settle(600)  # the search box's clear button fades in
    shots.save(window, guide="yeni-kayit.png")


def shoot_sync(window: MainWindow, shots: Shots) -> None:
    window.show_page("sync", focus=True)
    page = window.sync_page
    wait_until(lambda: page.overview is not None and worker_idle(window))
    shots.save(window, guide="esitleme.png")


def refused_on_go_live(store: Store) -> str:
    """An approved assembly record KOOP-BİS will refuse (422: dated after the training server's today)."""
    from koopbis_desktop.services import capture, review

    clerk = sign_in(store, "memur", DEMO_PASSWORDS["memur"]).actor
    supervisor = sign_in(store, "sef", DEMO_PASSWORDS["sef"]).actor
    cooperative = listing.cooperative_ids(store, 8)[7]
    data = {
        "kind": "olagan",
        "effective_date": "27.02.2015",
        "fiscal_year": 2014,
        "place": "Kooperatif merkezi, Yenimahalle",
        "representative_name": "Hüseyin Kaya",
        "result": "yapildi",
    }
    entry = capture.create_entry(store, clerk, "assembly.record", str(cooperative), data)
    capture.submit_entry(store, clerk, entry.uuid)
    review.approve_entry(store, supervisor, entry.uuid, "Uygun")
    store.conn.execute(
        "UPDATE entries SET payload = json_set(payload, '$.effective_date', '2015-04-30') WHERE uuid = ?",
        (entry.uuid,),
    )
    return entry.uuid


def shoot_go_live(worker: DbWorker, db_path: Path, folder: Path, shots: Shots) -> None:
    """Go-live day against the training server: the banner in maintenance, a run in progress, KOOP-BİS open,
    and a KOOP-BİS refusal back in the clerk's list (issue 12)."""
    from koopbis_desktop.demo import DEMO_COOPERATIVES
    from koopbis_desktop.ui import mainwindow
    from sync import client as wire
    from sync.status import Reach
    from tests.sync.conftest import SERVER_PASSWORD, SERVER_USER, live_server

    refused = worker.call(refused_on_go_live)
    os.environ[wire.PASSWORD_ENV] = SERVER_PASSWORD
    (folder / "server").mkdir()
    opens = datetime.now(UTC) + timedelta(seconds=6)
    with live_server(
        folder / "server", DEMO_COOPERATIVES, maintenance_until=opens, fault_delay=4.0
    ) as server:

        def point_at_server(store: Store) -> None:
            store.set_setting("server_url", server.url)
            store.set_setting("server_username", SERVER_USER)

        worker.call(point_at_server)
        # Slow answers (a second each), so the run is seen while it runs.
        server.admin().put("/api/v1/admin/faults", json={"spec": "slow=1", "seed": 1, "delay": 4.0})
        mainwindow.SIGN_IN_AUTO_SYNC_MS = 50
        window = window_for(worker, db_path, "sef")
        state = window.sync_page.koopbis
        wait_until(lambda: state.status.reach == Reach.MAINTENANCE)
        shots.save(window, readme="golive-maintenance.png")
        window.show_page("sync")
        wait_until(lambda: state.status.running and state.status.handled < state.status.total, timeout_s=30)
        shots.save(window, readme="golive-sync-running.png")
        wait_until(lambda: not state.status.running and state.status.reach == Reach.OPEN, timeout_s=60)
        window.show_page("approved")
        wait_until(lambda: worker_idle(window))
        shots.save(window, readme="golive-open.png")
        window.close()
        wait_until(lambda: not window.sync_page.runner.running, timeout_s=30)
    mainwindow.SIGN_IN_AUTO_SYNC_MS = NO_AUTO_SYNC_MS
    clerk = window_for(worker, db_path, "memur")
    clerk.show_page("drafts", focus=True)
    page = clerk.pages["drafts"]
    assert isinstance(page, QueuePage)
    wait_until(lambda: page.model.is_loaded and page.model.rowCount() > 0)
    row = next(r for r in range(page.model.rowCount()) if page.model.entry_at(r).uuid == refused)  # type: ignore[union-attr]
    page.table.selectRow(row)  # KOOP-BİS's words show under the list
    wait_until(lambda: page.comment_label.isVisible())
    shots.save(clerk, readme="golive-refused.png")
    clerk.close()


def worker_idle(window: MainWindow) -> bool:
    return window.ctx.worker.pending() == 0


def vkn_without_its_zero(rng: random.Random) -> str:
    """The nine digits a CSV Excel saved keeps of a VKN that starts with 0, typed into a number cell."""
    from stdnum.tr import vkn

    body = f"0{rng.randrange(10_000_000, 100_000_000)}"
    return (body + vkn.calc_check_digit(body))[1:]


def member_list(folder: Path, cooperative: str) -> Path:
    """A small admission list from a cooperative: one row with a mistyped T.C. Kimlik No, and a
    company whose VKN lost its leading zero in Excel (read with it, with a warning)."""
    rng = random.Random(2015)
    names = ["Ayşe Yılmaz", "Mehmet Öztürk", "Zeynep Çelik", "Hüseyin Şahin", "Gülsüm Kılıç"]
    lines = [
        "T.C. Kimlik No / VKN;Adı Soyadı / Unvanı;Giriş Tarihi;Karar No;Pay Adedi;Taahhüt Edilen Tutar;Ödenen Tutar"
    ]
    for index, name in enumerate(names):
        member_id = BAD_TCKN if index == 2 else tckn(rng)
        lines.append(f"{member_id};{name};02.03.2015;2015/21;2;2.000,00;500,00")
    company = "Bereket Tarım Ürünleri Ltd. Şti."
    lines.append(f"{vkn_without_its_zero(rng)};{company};02.03.2015;2015/21;2;2.000,00;500,00")
    path = folder / f"ortaklar-{cooperative}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def shoot_member_import(window: MainWindow, cooperative: str, folder: Path, shots: Shots) -> None:
    dialog = MemberImportDialog(window.ctx, cooperative, window)
    dialog.resize(1100, 640)
    dialog.show()
    dialog.choose_file(member_list(folder, cooperative))
    wait_until(lambda: dialog.preview is not None and worker_idle(window))
    shots.save(dialog, guide="ortak-listesi.png")
    dialog.close()


def shoot_help(window: MainWindow, shots: Shots) -> None:
    help_window = show_help(window, "sefin-incelemesi")
    assert help_window is not None
    help_window.resize(1100, 720)
    QTest.keyClicks(help_window.search_edit, "onaya gonder")
    help_window.show_anchor("onaya-gonderme")
    settle(600)  # the search box's clear button fades in
    shots.save(help_window, guide="yardim.png")
    help_window.close()


def submitted_admission(store: Store) -> str:
    rows = page_entries(store, EntryFilter(type_id="member.admit"), offset=0, limit=50)
    return next(r.uuid for r in rows if r.state.value == "submitted")


def shoot_clean_form(window: MainWindow, cooperative: str, shots: Shots) -> None:
    """A blank form as it opens: required fields marked, nothing red before anyone typed."""
    editor = open_editor(window.ctx, window, type_id="member.admit", cooperative=cooperative)
    wait_until(lambda: editor.is_loaded and not editor.validate_timer.isActive())
    settle()
    shots.save(editor, readme="form-clean.png")
    editor._closing_confirmed = True
    editor.close()


def shoot_board(window: MainWindow, cooperative: str, shots: Shots) -> None:
    """A board election opens with the current board; one member replaced, the diff under the table."""
    editor = open_editor(window.ctx, window, type_id="board.replace", cooperative=cooperative)
    wait_until(lambda: editor.is_loaded)
    board = editor.rows["board"].widget
    assert isinstance(board, GroupField)
    date_edit = editor.rows["effective_date"].widget.focus_target()
    date_edit.setFocus()
    QTest.keyClicks(date_edit, "02.03.2015")
    table = board.table
    table.setFocus()
    last = table.rowCount() - 1
    for column, text in ((0, tckn(random.Random(7))), (1, "Gülşen Öztürk")):
        item = table.item(last, column)
        assert item is not None
        item.setText(text)
    table.setCurrentCell(last, 1)
    wait_until(lambda: not editor.validate_timer.isActive())
    settle()
    shots.save(editor, readme="board-prefilled.png")
    editor.autosave_timer.stop()
    editor._closing_confirmed = True
    editor.close()


def shoot_empty_state(window: MainWindow, shots: Shots) -> None:
    """An empty list says why it is empty and what to do next."""
    window.show_page("conflicts", focus=True)
    page = window.pages["conflicts"]
    if isinstance(page, QueuePage):
        wait_until(lambda: page.model.is_loaded)
    settle()
    shots.save(window, readme="empty-state.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--guide-out", default=str(GUIDE_IMG))
    parser.add_argument(
        "--lang",
        choices=("tr", "en"),
        default="tr",
        help="en: the README's pictures in English to docs/screenshots/en (the guide is Turkish only)",
    )
    args = parser.parse_args()
    english = args.lang == "en"
    if english:
        out = args.out if args.out != parser.get_default("out") else str(ROOT / "docs" / "screenshots" / "en")
        # Not kept (removed at exit): the guide has no English yet.
        guide_tmp = tempfile.TemporaryDirectory(prefix="koopbis-guide-en-")
        shots = Shots(Path(out), Path(guide_tmp.name))
    else:
        shots = Shots(Path(args.out), Path(args.guide_out))
    for folder in (shots.readme, shots.guide):
        folder.mkdir(parents=True, exist_ok=True)
    pin_clock()
    from koopbis_desktop.ui import mainwindow

    mainwindow.SIGN_IN_AUTO_SYNC_MS = NO_AUTO_SYNC_MS
    app = QApplication(["koopbis-desktop"])
    app.setApplicationName("KOOP-BİS Masaüstü")
    app.setCursorFlashTime(0)  # a text cursor that does not blink is in every picture the same
    translators = install_translators(app, args.lang)
    with tempfile.TemporaryDirectory(prefix="koopbis-screens-") as tmp:
        db_path = create_demo_database(Path(tmp) / "koopbis.sqlite")
        # The demo is encrypted: the worker opens it with the demo clerk's slot.
        worker = DbWorker(db_path, Path(tmp) / "backups", credentials=("memur", DEMO_PASSWORDS["memur"]))
        worker.start()
        try:
            shoot_login(worker, shots)
            shoot_office_wizard(Path(tmp), shots)
            cooperative = worker.call(lambda s: listing.cooperative_ids(s, 1)[0])
            clerk = window_for(worker, db_path, "memur")
            shoot_queue(clerk, shots)
            shoot_cooperatives(clerk, shots)
            shoot_form_error(clerk, cooperative, shots)
            shoot_clean_form(clerk, cooperative, shots)
            shoot_board(clerk, cooperative, shots)
            shoot_empty_state(clerk, shots)
            shoot_new_entry(clerk, shots)
            shoot_sync(clerk, shots)
            # A fixed folder: the dialog shows the file's path, and the picture should not change.
            lists = Path(tempfile.gettempdir()) / "koopbis-ornek"
            shoot_member_import(clerk, cooperative, lists, shots)
            for made in lists.glob("ortaklar-*.csv"):
                made.unlink()
            clerk.close()
            supervisor = window_for(worker, db_path, "sef")
            shoot_review(supervisor, worker.call(submitted_admission), shots)
            if not english:
                shoot_help(supervisor, shots)  # the guide shows the pictures taken above
            supervisor.close()
            wait_until(lambda: worker.pending() == 0)
            shoot_go_live(worker, db_path, Path(tmp), shots)
            wait_until(lambda: worker.pending() == 0)
        finally:
            worker.stop()
    del translators
    missing = [name for name in GUIDE_IMAGES if shots.guide / name not in shots.written]
    if missing and not english:
        raise RuntimeError(f"no shot wrote {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
