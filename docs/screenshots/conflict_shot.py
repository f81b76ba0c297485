"""Regenerate ``docs/screenshots/conflict.png``: the supervisor's conflict dialog on a real conflict.

The conflict is made the way it happens in the field: a clerk changes a
cooperative's title and address offline, a supervisor approves it, meanwhile the
head office changes the title and the phone number in KOOP-BİS (the reference
server's admin endpoint, on loopback), and the sync gets a 409. The dialog then
shows one clashing value (title), one harmless change of KOOP-BİS's (phone) and
one of ours (address); the supervisor has picked KOOP-BİS's title and typed a
reason. The same picture is the user guide's ``cakisma.png`` (:data:`GUIDE_IMAGES`).
Kept apart from ``scripts/screenshots.py`` (which works on the demo
database without a server). Dates are pinned so the picture does not change.

    .venv/bin/python docs/screenshots/conflict_shot.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["TZ"] = "Europe/Istanbul"
time.tzset()
ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from koopbis_desktop.services import accounts  # noqa: E402
from koopbis_desktop.store import clock  # noqa: E402
from koopbis_desktop.store.db import open_store  # noqa: E402
from koopbis_desktop.ui.conflict_dialog import ConflictDialog  # noqa: E402
from koopbis_desktop.ui.context import AppContext, Hub  # noqa: E402
from koopbis_desktop.ui.worker import DbWorker  # noqa: E402
from sync import scheduler  # noqa: E402
from tests.sync.conftest import approved, day, live_server, options_for, seed_snapshot  # noqa: E402

PASSWORD = "ekran-goruntusu-2015"
GUIDE_IMG = ROOT / "resources" / "kilavuz" / "tr" / "img"
GUIDE_IMAGES = ("cakisma.png",)  # the pictures of the user guide this script writes


def pin_clock() -> None:
    ticks = itertools.count()
    start = datetime(2015, 3, 12, 7, 30, tzinfo=UTC)
    clock.now = lambda: start + timedelta(minutes=next(ticks))


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(out: Path, guide_out: Path = GUIDE_IMG) -> Path:
    app = QApplication.instance() or QApplication([])
    pin_clock()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "server").mkdir()
        db_path = folder / "koopbis.sqlite"
        store = open_store(db_path, create=True, backups_dir=folder / "backups")
        store.set_setting("province_code", "06")
        accounts.add_user(store, None, "admin", "admin", PASSWORD, "Yönetici")
        admin = accounts.login(store, "admin", PASSWORD)
        accounts.add_user(store, admin, "ayse", "clerk", PASSWORD, "Ayşe Işık")
        accounts.add_user(store, admin, "sukru", "supervisor", PASSWORD, "Şükrü Öztürk")
        clerk = accounts.login(store, "ayse", PASSWORD)
        supervisor = accounts.login(store, "sukru", PASSWORD)
        with live_server(folder / "server") as server:
            coop = seed_snapshot(store, 5)[2]
            entry = approved(
                store,
                clerk,
                supervisor,
                "cooperative.update",
                coop["id"],
                {
                    "effective_date": day(1),
                    "title": "Gülşen Çağdaş Yapı ve Konut Kooperatifi",
                    "address": "Kızılay Mah. Atatürk Blv. No:121/4 Çankaya/Ankara",
                    "phone": coop["phone"],  # unchanged: the clerk saw it, KOOP-BİS changed it
                },
            )
            answer = server.admin().patch(
                f"/api/v1/admin/cooperatives/{coop['id']}",
                json={"title": "Gülşen Çağdaş Konut Yapı Kooperatifi", "phone": "3124181920"},
            )
            answer.raise_for_status()
            scheduler.sync_store(store, options=options_for(server))
        second = accounts.login(store, "admin", PASSWORD)
        accounts.add_user(store, second, "gulsen", "supervisor", PASSWORD, "Gülşen Ünal")
        reviewer = accounts.login(store, "gulsen", PASSWORD)
        store.close()

        worker = DbWorker(db_path, folder / "backups")
        worker.start()
        try:
            ctx = AppContext(
                location=db_path,
                backups_dir=folder / "backups",
                worker=worker,
                hub=Hub(),
                actor=reviewer,
                province_code="06",
                full_name="Gülşen Ünal",
            )
            dialog = ConflictDialog(ctx, entry.uuid)
            dialog.resize(1180, 800)
            dialog.show()
            deadline = time.monotonic() + 20
            while dialog.details is None and time.monotonic() < deadline:
                settle(50)
            chooser = next(c for c in dialog.choosers if c.chooser.name == "title")
            QTest.mouseClick(
                chooser.server_radio,
                Qt.MouseButton.LeftButton,
                pos=QPoint(8, chooser.server_radio.height() // 2),
            )
            dialog.reason.setPlainText(
                "Genel kurul tutanağında unvan Genel Müdürlüğün düzelttiği gibi; adres bizdeki doğru."
            )
            dialog.reason.setFocus()
            settle()
            picture = dialog.grab()
            path = out / "conflict.png"
            for target in (path, guide_out / GUIDE_IMAGES[0]):
                if not picture.save(str(target)):
                    raise RuntimeError(f"could not write {target}")
                print(f"{target}: {dialog.width()}×{dialog.height()}")
            dialog.reject()
        finally:
            worker.stop()
    del app
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--guide-out", type=Path, default=GUIDE_IMG)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    args.guide_out.mkdir(parents=True, exist_ok=True)
    shoot(args.out, args.guide_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
