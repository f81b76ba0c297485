"""The day's backup the desktop takes by itself after the first sign-in, as a clerk meets it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from koopbis_desktop import paths
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui import app as desktop
from koopbis_desktop.ui.app import Shell
from koopbis_desktop.ui.worker import DbWorker
from tests.ui.conftest import wait_idle
from tests.ui.test_e2e_flow import sign_in, sign_out


@pytest.mark.sqlite_only
def test_the_first_sign_in_of_the_day_backs_the_file_up_and_says_where(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    worker: DbWorker,
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A clerk on a PC of her own never runs `koopbis backup`: the program backs her file up
    # once a day, beside the window (the list answers meanwhile), and says so in the status bar.
    monkeypatch.setattr(desktop, "DAILY_BACKUP_AFTER_MS", 0)
    shell = Shell(qapp, worker, store.path, demo=False)
    taken: list[Path | None] = []
    announce = shell.on_daily_backup

    def recorded(path: Path | None) -> None:
        taken.append(path)
        announce(path)

    shell.on_daily_backup = recorded  # type: ignore[method-assign]
    shell.show_login()
    window = sign_in(qtbot, shell, "ayse")
    window.closed.disconnect()  # the app would quit on close; the test closes it
    qtbot.waitUntil(lambda: len(taken) == 1, timeout=20_000)
    folder = paths.backups_dir(store.path)
    assert taken[0] is not None and taken[0].parent == folder and taken[0].name.endswith("-gunluk.sqlite")
    assert window.statusBar().currentMessage() == f"Bugünün yedeği alındı: {taken[0]}"
    # Signing out and in again the same day takes no second one.
    sign_out(qtbot, shell, window)
    window = sign_in(qtbot, shell, "mehmet")
    window.closed.disconnect()
    qtbot.wait(300)
    wait_idle(qtbot, worker)
    assert len(taken) == 1 and sorted(folder.glob("*.sqlite")) == [taken[0]]
    window.close()


@pytest.mark.sqlite_only
def test_a_backup_that_cannot_be_written_is_said_in_turkish_and_retried_at_the_next_start(
    qtbot: Any,
    qapp: QApplication,
    store: Store,
    worker: DbWorker,
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
    expect_log: Any,
) -> None:
    monkeypatch.setattr(desktop, "DAILY_BACKUP_AFTER_MS", 0)
    blocked = paths.backups_dir(store.path)
    blocked.write_text("bir dosya, klasör değil")  # the backup folder cannot be made
    shell = Shell(qapp, worker, store.path, demo=False)
    shell.show_login()
    with expect_log("the daily backup failed"):
        window = sign_in(qtbot, shell, "ayse")
        window.closed.disconnect()
        qtbot.waitUntil(
            lambda: (
                "Kayıtlarınız yerinde; günün yedeği programın bir sonraki açılışında yeniden denenir."
                in window.statusBar().currentMessage()
            ),
            timeout=20_000,
        )
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(f"Yedek klasörü kullanılamıyor: {blocked} (bu adda bir dosya var, klasör değil).")
    )
    window.close()


@pytest.mark.sqlite_only
def test_yedek_al_copies_the_file_beside_the_work_and_leaves_an_audit_row(
    qtbot: Any, make_ctx: Any, worker: DbWorker, store: Store
) -> None:
    from koopbis_desktop.services import queries
    from koopbis_desktop.ui.mainwindow import MainWindow

    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    window.show()
    actions = window.data_actions
    file_menu = window.menuBar().actions()[0].menu()
    assert actions.backup_action in file_menu.actions() and actions.backup_action.isVisible()  # type: ignore[attr-defined]
    with qtbot.waitSignal(actions.exported, timeout=20_000) as taken:
        actions.backup_action.trigger()
    path = taken.args[0]
    assert path.parent == paths.backups_dir(store.path) and path.name.endswith("-elle.sqlite")
    assert window.statusBar().currentMessage() == f"Yedek alındı: {path}"
    wait_idle(qtbot, worker)
    newest = queries.audit_page(store, queries.AuditFilter(), limit=1)[0]
    assert (newest["actor"], newest["action"], newest["details"]) == ("ayse", "backup", {"file": str(path)})
    assert actions.backup_action.isEnabled()
    window.close()
