"""Regenerate the README's screenshots (``docs/screenshots/*.png``) from the demo database.

Everything runs offscreen on a fresh demo database in a temporary folder, at a
fixed window size, with the store's clock pinned to 2 March 2015 (Istanbul time)
so the dates on screen do not change from one run to the next. The windows are
driven as a clerk and a supervisor would: sign in, open a queue, search, type a
form with a wrong T.C. Kimlik No, open an entry for review.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import itertools
import os
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
from koopbis_desktop.services.queries import EntryFilter, page_entries  # noqa: E402
from koopbis_desktop.store import clock  # noqa: E402
from koopbis_desktop.store.db import Store  # noqa: E402
from koopbis_desktop.ui.app import install_translators  # noqa: E402
from koopbis_desktop.ui.context import AppContext, Hub  # noqa: E402
from koopbis_desktop.ui.editor import open_editor  # noqa: E402
from koopbis_desktop.ui.login import LoginDialog, sign_in  # noqa: E402
from koopbis_desktop.ui.mainwindow import MainWindow, build_context_session  # noqa: E402
from koopbis_desktop.ui.pages.cooperatives import CooperativesPage  # noqa: E402
from koopbis_desktop.ui.pages.queue import QueuePage  # noqa: E402
from koopbis_desktop.ui.review import ReviewDialog  # noqa: E402
from koopbis_desktop.ui.worker import DbWorker  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
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


def save(widget: QWidget, out: Path, name: str) -> Path:
    settle()
    path = out / name
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    print(
        f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {widget.width()}×{widget.height()}"
    )
    return path


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


def shoot_login(worker: DbWorker, out: Path) -> None:
    dialog = LoginDialog(worker, title="KOOP-BİS Masaüstü (DEMO) — Giriş")
    dialog.show()
    QTest.keyClicks(dialog.username_edit, "memur")
    QTest.keyClicks(dialog.password_edit, "demo-memur")
    dialog.password_edit.setFocus()
    save(dialog, out, "login.png")
    dialog.close()


def shoot_queue(window: MainWindow, out: Path) -> None:
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
    save(window, out, "main-queue.png")


def shoot_cooperatives(window: MainWindow, out: Path) -> None:
    window.show_page("cooperatives", focus=True)
    page = window.pages["cooperatives"]
    assert isinstance(page, CooperativesPage)
    QTest.keyClicks(page.search_box, "cankaya konut")
    wait_until(lambda: page.shown_query == "cankaya konut")
    QTest.keyClick(page.search_box, Qt.Key.Key_Return)
    wait_until(lambda: page.current_id is not None and page.detail_stack.currentIndex() == 1)
    save(window, out, "cooperatives.png")


def shoot_form_error(window: MainWindow, cooperative: str, out: Path) -> None:
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
    save(editor, out, "form-error.png")
    editor.autosave_timer.stop()
    editor._closing_confirmed = True  # a demo form: close without the "unsaved changes" question
    editor.close()


def shoot_review(window: MainWindow, entry_uuid: str, out: Path) -> None:
    dialog = ReviewDialog(window.ctx, entry_uuid, window)
    dialog.show()
    wait_until(lambda: dialog.details is not None)
    save(dialog, out, "review.png")
    dialog.close()


def submitted_admission(store: Store) -> str:
    rows = page_entries(store, EntryFilter(type_id="member.admit"), offset=0, limit=50)
    return next(r.uuid for r in rows if r.state.value == "submitted")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pin_clock()
    app = QApplication(["koopbis-desktop"])
    app.setApplicationName("KOOP-BİS Masaüstü")
    translators = install_translators(app, "tr")
    with tempfile.TemporaryDirectory(prefix="koopbis-screens-") as tmp:
        db_path = create_demo_database(Path(tmp) / "koopbis.sqlite")
        worker = DbWorker(db_path, Path(tmp) / "backups")
        worker.start()
        try:
            shoot_login(worker, out)
            clerk = window_for(worker, db_path, "memur")
            shoot_queue(clerk, out)
            shoot_cooperatives(clerk, out)
            shoot_form_error(
                clerk,
                str(
                    worker.call(
                        lambda s: s.conn.execute(
                            "SELECT id FROM cooperatives ORDER BY id LIMIT 1"
                        ).fetchone()[0]
                    )
                ),
                out,
            )
            clerk.close()
            supervisor = window_for(worker, db_path, "sef")
            shoot_review(supervisor, worker.call(submitted_admission), out)
            supervisor.close()
            wait_until(lambda: worker.pending() == 0)
        finally:
            worker.stop()
    del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
