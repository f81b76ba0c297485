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
from koopbis_desktop.store import clock  # noqa: E402
from koopbis_desktop.store.db import Store  # noqa: E402
from koopbis_desktop.ui.app import install_translators  # noqa: E402
from koopbis_desktop.ui.context import AppContext, Hub  # noqa: E402
from koopbis_desktop.ui.editor import open_editor  # noqa: E402
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
        AppContext(db_path=db_path, backups_dir=db_path.parent / "backups", worker=worker, hub=Hub()), session
    )
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
    editor.rows["member_id"].widget.focus_target().setFocus()
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


def worker_idle(window: MainWindow) -> bool:
    return window.ctx.worker.pending() == 0


def member_list(folder: Path, cooperative: str) -> Path:
    """A small admission list from a cooperative, one row with a mistyped T.C. Kimlik No."""
    rng = random.Random(2015)
    names = ["Ayşe Yılmaz", "Mehmet Öztürk", "Zeynep Çelik", "Hüseyin Şahin", "Gülsüm Kılıç"]
    lines = [
        "T.C. Kimlik No / VKN;Adı Soyadı / Unvanı;Giriş Tarihi;Karar No;Pay Adedi;Taahhüt Edilen Tutar;Ödenen Tutar"
    ]
    for index, name in enumerate(names):
        member_id = BAD_TCKN if index == 2 else tckn(rng)
        lines.append(f"{member_id};{name};02.03.2015;2015/21;2;2.000,00;500,00")
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
    app = QApplication(["koopbis-desktop"])
    app.setApplicationName("KOOP-BİS Masaüstü")
    app.setCursorFlashTime(0)  # a text cursor that does not blink is in every picture the same
    translators = install_translators(app, args.lang)
    with tempfile.TemporaryDirectory(prefix="koopbis-screens-") as tmp:
        db_path = create_demo_database(Path(tmp) / "koopbis.sqlite")
        worker = DbWorker(db_path, Path(tmp) / "backups")
        worker.start()
        try:
            shoot_login(worker, shots)
            cooperative = str(
                worker.call(
                    lambda s: s.conn.execute("SELECT id FROM cooperatives ORDER BY id LIMIT 1").fetchone()[0]
                )
            )
            clerk = window_for(worker, db_path, "memur")
            shoot_queue(clerk, shots)
            shoot_cooperatives(clerk, shots)
            shoot_form_error(clerk, cooperative, shots)
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
                shoot_help(supervisor, shots)  # last: the guide shows the pictures taken above
            supervisor.close()
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
