"""Yardım → Kullanıcı Kılavuzu (F1): every page and window has its section, search, links, printing."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMenu, QMessageBox, QWidget

import koopbis_desktop.ui
from koopbis_desktop.services.guide import HELP_ANCHORS, load_guide
from koopbis_desktop.ui import help as help_ui
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.help import anchor_for, show_help
from koopbis_desktop.ui.help_window import HelpWindow
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.worker import DbWorker
from tests.ui.conftest import wait_idle


def _ui_windows() -> list[type[QWidget]]:
    """Every dialog and main window class the program defines (imported module by module)."""
    found: dict[str, type[QWidget]] = {}
    for info in pkgutil.walk_packages(koopbis_desktop.ui.__path__, "koopbis_desktop.ui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, (QDialog, QMainWindow)):
                found[cls.__qualname__] = cls
    found["HelpWindow"] = HelpWindow
    return list(found.values())


def _anchor_names(document: QTextDocument) -> set[str]:
    names: set[str] = set()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            names.update(iterator.fragment().charFormat().anchorNames())
            iterator += 1
        block = block.next()
    return names


def _link_targets(document: QTextDocument) -> list[str]:
    targets: list[str] = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            href = iterator.fragment().charFormat().anchorHref()
            if href and href not in targets[-1:]:
                targets.append(href)
            iterator += 1
        block = block.next()
    return targets


def _help_windows() -> list[HelpWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWindow) and w.isVisible()]


@pytest.fixture
def window(qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker) -> MainWindow:
    main = MainWindow(make_ctx("sef"))
    qtbot.addWidget(main)
    main.show()
    wait_idle(qtbot, worker)
    return main


# -- every page and window has a section ---------------------------------------------------------


def test_every_page_of_every_role_has_a_section_that_exists(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker
) -> None:
    guide = load_guide("tr")
    keys: set[str] = set()
    for who in ("ayse", "sef", "admin"):
        main = MainWindow(make_ctx(who))
        qtbot.addWidget(main)
        keys.update(main.page_keys())
        wait_idle(qtbot, worker)
        main.close()
    assert {"new", "drafts", "sync", "conflicts", "cooperatives", "audit"} <= keys
    for key in keys:
        anchor = HELP_ANCHORS.get(key)
        assert anchor is not None, f"page {key} has no help section"
        assert guide.section(anchor) is not None, f"page {key}: no section {anchor}"


def test_every_dialog_and_window_has_a_section_that_exists() -> None:
    guide = load_guide("tr")
    windows = _ui_windows()
    assert len(windows) >= 15

    # As help.anchor_for finds it: the class or the nearest base with a section (the entry
    # editor's parts derive from EditorBase, which names the form's section).
    def anchor(cls: type[QWidget]) -> str | None:
        return next((HELP_ANCHORS[c.__name__] for c in cls.__mro__ if c.__name__ in HELP_ANCHORS), None)

    missing = [cls.__name__ for cls in windows if anchor(cls) is None]
    assert missing == []
    assert all(guide.section(anchor(cls) or "") for cls in windows)


def test_the_rendered_guide_names_every_section(qapp: Any) -> None:
    help_window = HelpWindow(language="tr")
    try:
        document = help_window.browser.document()
        names = _anchor_names(document)
        assert names == {s.anchor for s in load_guide("tr").sections()}
        links = _link_targets(document)
        assert len(links) >= 12
        assert all(href.startswith("#") and href[1:] in names for href in links), links
    finally:
        help_window.deleteLater()


# -- F1 opens the right section --------------------------------------------------------------------


def test_f1_in_the_main_window_opens_the_current_pages_section(qtbot: Any, window: MainWindow) -> None:
    window.show_page("cooperatives", focus=True)
    assert anchor_for(window) == "kooperatif-bulma"
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Yardı&m")
    assert isinstance(help_menu, QMenu)
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts[:2] == ["Kullanıcı &Kılavuzu", "Kılavuzu &yazdır…"]
    assert window.help_action.shortcut().toString() == "F1"
    window.help_action.trigger()
    qtbot.waitUntil(lambda: bool(_help_windows()), timeout=5000)
    help_window = _help_windows()[0]
    assert help_window.current_anchor == "kooperatif-bulma"
    assert help_window.browser.verticalScrollBar().value() > 0  # scrolled to chapter 3
    window.show_page("sync")
    window.help_action.trigger()
    assert _help_windows() == [help_window]  # the same window, now at the sync page's section
    assert help_window.current_anchor == "esitleme-sayfasi"
    help_window.close()


def test_f1_in_a_dialog_opens_its_section_and_works_beside_a_modal_dialog(
    qtbot: Any, window: MainWindow
) -> None:
    from koopbis_desktop.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(window.ctx, window)
    dialog.setModal(True)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: bool(dialog.property(help_ui.HOOK_PROPERTY)), timeout=5000)
    qtbot.keyClick(dialog, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(_help_windows()), timeout=5000)
    help_window = _help_windows()[0]
    assert help_window.current_anchor == "ayarlar"
    assert help_window.parentWidget() is dialog  # a child of the modal dialog: not blocked by it
    help_window.close()
    dialog.reject()


def test_a_window_without_its_own_section_uses_its_parents(qtbot: Any, window: MainWindow) -> None:
    window.show_page("drafts")
    box = QDialog(window)
    qtbot.addWidget(box)
    assert anchor_for(box) == "taslaklarim"
    assert anchor_for(None) == ""


# -- inside the help window -------------------------------------------------------------------------


def test_search_folds_turkish_letters(qtbot: Any, qapp: Any) -> None:
    help_window = HelpWindow(language="tr")
    qtbot.addWidget(help_window)
    help_window.show()
    help_window.search_edit.setText("ONAYA GÖNDER")  # QTest types ASCII only
    upper = [help_window.list.item(i).text() for i in range(help_window.list.count())]
    help_window.search_edit.clear()
    qtbot.keyClicks(help_window.search_edit, "onaya gonder")
    plain = [help_window.list.item(i).text() for i in range(help_window.list.count())]
    assert upper == plain and plain
    assert plain[0].startswith("Onaya gönderme")
    qtbot.keyClick(help_window.search_edit, Qt.Key.Key_Return)
    assert help_window.current_anchor == "onaya-gonderme-ve-sefin-incelemesi"
    help_window.search_edit.clear()
    help_window.search_edit.setText("zürafa")
    assert help_window.list.count() == 0 and help_window.empty_label.isVisible()
    help_window.search_edit.clear()  # back to the contents
    assert help_window.list.count() == len([s for s in help_window.guide.sections() if s.level <= 2])


def test_links_between_sections_and_back(qtbot: Any, qapp: Any) -> None:
    help_window = HelpWindow(language="tr")
    qtbot.addWidget(help_window)
    help_window.resize(900, 600)
    help_window.show()
    help_window.activateWindow()
    qtbot.waitUntil(help_window.isActiveWindow, timeout=5000)  # its shortcuts work only when active
    help_window.show_anchor("sefin-incelemesi")
    start = help_window.browser.verticalScrollBar().value()
    # The link "Baskılar" in that section, as the browser reports a click on it.
    help_window.on_browser_anchor_clicked(QUrl("#kayit-fisi"))
    assert help_window.current_anchor == "kayit-fisi"
    assert help_window.browser.verticalScrollBar().value() > start
    assert help_window.back_button.isEnabled()
    qtbot.keyClick(help_window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert help_window.current_anchor == "sefin-incelemesi"
    assert help_window.browser.verticalScrollBar().value() == start
    assert not help_window.back_button.isEnabled()
    help_window.show_anchor("no-such-section")
    assert help_window.current_anchor == load_guide("tr").sections()[0].anchor


def test_show_help_reuses_the_window_of_its_owner(qtbot: Any, window: MainWindow) -> None:
    first = show_help(window, "ayarlar")
    second = show_help(window, "kullanicilar")
    assert first is not None and first is second and second.current_anchor == "kullanicilar"
    assert second.history == ["ayarlar"]
    first.close()


# -- printing from the menu -----------------------------------------------------------------------------


def test_kilavuzu_yazdir_writes_the_pdf(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "belgeler" / "kilavuz"
    target.parent.mkdir()
    monkeypatch.setattr(help_ui, "ask_pdf_path", lambda parent: str(target))
    with qtbot.waitSignal(window.ctx.hub.message, timeout=60_000) as told:
        window.help_print_action.trigger()
    written = tmp_path / "belgeler" / "kilavuz.pdf"
    assert written.is_file()
    assert str(written) in told.args[0]
    reader = PdfReader(str(written))
    assert "İçindekiler" in reader.pages[0].extract_text()


def test_kilavuzu_yazdir_cancelled_writes_nothing(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[QWidget] = []
    monkeypatch.setattr(help_ui, "ask_pdf_path", lambda parent: asked.append(parent))
    with qtbot.assertNotEmitted(window.ctx.hub.message):
        window.help_print_action.trigger()
    assert asked == [window]


def test_a_missing_guide_is_told_not_raised(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from koopbis_desktop.services import guide as guide_service

    told: list[str] = []
    monkeypatch.setenv("KOOPBIS_RESOURCES", str(tmp_path))  # a program folder without the guide
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    guide_service.load_guide.cache_clear()
    try:
        assert show_help(window, "ayarlar") is None
    finally:
        guide_service.load_guide.cache_clear()
    assert told and told[0].startswith("Kullanıcı kılavuzu bulunamadı:")
