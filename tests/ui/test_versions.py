"""Versions at the desktop level: --version, the About dialog, older and newer databases.

A newer program opens an older database by migrating it after a backup; an older
program refuses a newer database with a Turkish sentence and leaves the file as it
was. Both are checked through the real ``koopbis-desktop --smoke`` command.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMenu

from koopbis_desktop import __version__, buildinfo
from koopbis_desktop.store import migrations
from koopbis_desktop.store.db import Store, open_store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.dialogs.about import AboutDialog, build_text


def desktop(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        PYTHONIOENCODING="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "koopbis_desktop.ui.app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        check=False,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version_flag_prints_the_package_version(tmp_path: Path) -> None:
    result = desktop("--version", tmp_path=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"koopbis-desktop {__version__}"


def test_smoke_refuses_a_newer_database_in_turkish_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "yeni.sqlite"
    store = open_store(path, create=True, backups_dir=tmp_path / "backups")
    store.set_setting("province_code", "06")
    store.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = digest(path)
    siblings = sorted(p.name for p in tmp_path.iterdir())

    result = desktop("--smoke", "--db", str(path), tmp_path=tmp_path)

    assert result.returncode != 0
    assert "daha yeni bir sürümüyle oluşturulmuş" in result.stderr
    assert f"şema {migrations.LATEST + 1}" in result.stderr and "Programı güncelleyin" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings  # no backup, no -wal/-shm left


def older_database(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """A database as the previous release made it: every migration but the newest."""
    older = migrations.LATEST - 1
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "LATEST", older)
        store = open_store(path, create=True)
        store.set_setting("province_code", "35")
        assert store.schema_version() == older
        store.close()
    return older


def test_smoke_migrates_an_older_database_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "eski.sqlite"
    older = older_database(path, monkeypatch)

    result = desktop("--smoke", "--db", str(path), tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "smoke ok" in result.stdout
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    assert conn.execute("SELECT value FROM settings WHERE key = 'province_code'").fetchone()[0] == "35"
    conn.close()
    made = list((tmp_path / "backups").glob(f"*migration-{older}-to-{migrations.LATEST}*.sqlite"))
    assert len(made) == 1
    saved = sqlite3.connect(made[0])
    assert saved.execute("PRAGMA user_version").fetchone()[0] == older
    saved.close()


# -- the About dialog ---------------------------------------------------------------------------


def test_build_info_absent_means_development_version(tmp_path: Path) -> None:
    info = buildinfo.build_info(tmp_path)
    assert info.version == __version__ and not info.is_release_build
    assert build_text(info) == "geliştirme sürümü"


def test_build_info_of_a_bundle_is_read_from_beside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "koopbis_desktop"
    folder.mkdir()
    (folder / buildinfo.BUILD_INFO_FILE).write_text(
        json.dumps({"version": "1.2.3", "build_date": "2015-03-01T09:30:00+00:00", "commit": "abc1234"}),
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    info = buildinfo.build_info()
    assert info.frozen and info.version == "1.2.3"
    assert build_text(info) == "01.03.2015 09:30 UTC (abc1234)"


def test_frozen_app_finds_resources_in_the_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from koopbis_desktop.domain.resources import resources_dir

    monkeypatch.delenv("KOOPBIS_RESOURCES", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "koopbis_desktop" / "_resources"


def test_about_dialog_shows_version_build_database_and_schema(
    qtbot: Any, make_ctx: Any, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx: AppContext = make_ctx("ayse")
    dialog = AboutDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.version_label.text() == __version__
    assert dialog.build_label.text() == "geliştirme sürümü"
    assert dialog.database_label.text() == str(store.path)
    assert dialog.backups_label.text() == str(ctx.backups_dir)
    expected = f"{migrations.LATEST} (bu sürüm en çok {migrations.LATEST} açabilir)"
    qtbot.waitUntil(lambda: dialog.schema_label.text() == expected, timeout=10_000)


def test_help_menu_opens_the_about_dialog(qtbot: Any, make_ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from koopbis_desktop.ui.mainwindow import MainWindow

    opened: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: opened.append(self) or 0)  # type: ignore[func-returns-value]
    window = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(window)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Yardı&m")
    assert isinstance(help_menu, QMenu)
    about = next(a for a in help_menu.actions() if a.text() == "&Hakkında")
    about.trigger()
    assert len(opened) == 1 and opened[0].database_label.text() == str(window.ctx.db_path)
