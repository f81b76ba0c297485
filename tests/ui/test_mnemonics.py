"""One control per Alt letter in every window a clerk or supervisor works in.

The people who use the program work keyboard first, and Alt+K means "Kaydet". When two shown
controls of a window share a letter, Qt only moves the focus from one to the other (an
ambiguous shortcut) and nothing is done: in the entry form "Kaydet", the cooperative search
("Kooperatif") and "Belge ekle" all answered to Alt+K, the queues' "Durum" and "Yazan" took the
letters of the menus "Dosya" and "Yönetim", and two member lists in one form shared "Satır
ekle" (Alt+E) and "Satırı sil" (Alt+S), which Insert and Ctrl+Delete do in the list itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from koopbis_desktop.domain.changetypes import all_types
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.worker import DbWorker
from tests.conftest import member_admission
from tests.ui.conftest import wait_idle
from tests.ui.editor_filler import fill_form, open_form  # noqa: F401  (fixture)
from tests.ui.keyboard import mnemonic_clashes, mnemonics, type_text
from tests.ui.test_translations import english  # noqa: F401  (fixture)

ALT = Qt.KeyboardModifier.AltModifier


@pytest.mark.parametrize("ctype", all_types(), ids=lambda t: t.id)
def test_every_new_form_has_one_control_per_alt_letter(
    ctype: Any,
    qtbot: Any,
    cooperatives: list[dict[str, Any]],
    open_form: Callable[..., EntryEditor],  # noqa: F811
) -> None:
    # No cooperative given: a change of an existing one shows the cooperative search.
    editor = open_form("ayse", type_id=ctype.id)
    assert editor.picker.isVisibleTo(editor) == (not ctype.registers)
    assert "K" in mnemonics(editor)  # the check sees the form's letters at all
    assert mnemonic_clashes(editor) == {}


@pytest.mark.parametrize("type_id", ["cooperative.register", "member.admit"])
def test_a_saved_entrys_form_has_one_control_per_alt_letter(
    type_id: str,
    qtbot: Any,
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: Callable[..., EntryEditor],  # noqa: F811
) -> None:
    cooperative = None if type_id == "cooperative.register" else str(cooperatives[1]["id"])
    editor = open_form("ayse", type_id=type_id, cooperative=cooperative)
    assert editor.ctype is not None
    fill_form(qtbot, editor, editor.ctype)
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive())
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.keyClick(editor.focusWidget() or editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, editor.ctx.worker)
    # The author's own draft: withdraw and copy are offered beside save and submit.
    qtbot.waitUntil(
        lambda: editor.withdraw_button.isVisibleTo(editor) and editor.copy_button.isVisibleTo(editor)
    )
    assert mnemonic_clashes(editor) == {}


def test_alt_r_finds_the_cooperative_and_alt_k_saves(
    qtbot: Any,
    store: Store,
    cooperatives: list[dict[str, Any]],
    open_form: Callable[..., EntryEditor],  # noqa: F811
) -> None:
    editor = open_form("ayse", type_id="member.admit")
    ctype = editor.ctype
    assert ctype is not None
    first_field = editor.focusWidget()
    qtbot.keyClick(first_field, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(editor.picker_edit.hasFocus)
    type_text(qtbot, editor.picker_edit, "isik cagdas")
    qtbot.waitUntil(lambda: editor.picker_results.count() > 0)
    qtbot.keyClick(editor.picker_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.cooperative == "06-900001")
    expected = fill_form(qtbot, editor, ctype)
    qtbot.waitUntil(lambda: not editor.validate_timer.isActive())
    # The search is still on screen (the cooperative can be changed) and so is "Belge ekle".
    assert editor.picker.isVisibleTo(editor)
    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        qtbot.keyClick(editor.focusWidget() or editor, Qt.Key.Key_K, ALT)
    entry = entries.get_entry(store, saved.args[0])
    assert entry.cooperative_id == "06-900001"
    assert entry.payload == expected


def _seed_queues(store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]) -> None:
    """A draft and two submitted entries of Ayşe's, so that the queues show their row buttons."""
    for seed in range(3):
        entry = capture.create_entry(
            store, people["ayse"], "member.admit", str(cooperatives[1]["id"]), member_admission(seed + 3)
        )
        if seed:
            capture.submit_entry(store, people["ayse"], entry.uuid)


def _clashes_on_every_page(
    qtbot: Any, window: MainWindow, worker: DbWorker, file_menu: str
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        wait_idle(qtbot, worker)
        page = window.stack.currentWidget()
        view = getattr(page, "view", None)
        if view is not None and view.model() is not None and view.model().rowCount():
            view.selectRow(0)  # the row buttons (withdraw, copy, bulk) show with a selection
            wait_idle(qtbot, worker)
        assert file_menu in mnemonics(window)  # "&Dosya": the check sees the menus too
        clashes = mnemonic_clashes(window)
        if clashes:
            found[window.current_page_key()] = clashes
    return found


@pytest.mark.parametrize("username", ["ayse", "sef", "admin"])
def test_every_page_of_the_main_window_has_one_control_per_alt_letter(
    username: str,
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
) -> None:
    _seed_queues(store, people, cooperatives)
    window = MainWindow(make_ctx(username))
    qtbot.addWidget(window)
    window.show()
    assert _clashes_on_every_page(qtbot, window, worker, "D") == {}
    window.close()


def test_in_english_too(
    english: None,  # noqa: F811
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    open_form: Callable[..., EntryEditor],  # noqa: F811
) -> None:
    _seed_queues(store, people, cooperatives)
    window = MainWindow(make_ctx("sef"))
    qtbot.addWidget(window)
    window.show()
    assert window.menuBar().actions()[0].text() == "&File"
    assert _clashes_on_every_page(qtbot, window, worker, "F") == {}
    window.close()
    for type_id in ("cooperative.register", "member.admit"):
        editor = open_form("ayse", type_id=type_id)
        assert editor.save_button.text().startswith("&Save")
        assert mnemonic_clashes(editor) == {}


def test_the_administration_dialogs_have_one_control_per_alt_letter(
    qtbot: Any, people: dict[str, Actor], make_ctx: Callable[[str], AppContext], worker: DbWorker
) -> None:
    from koopbis_desktop.ui.dialogs.settings import SettingsDialog
    from koopbis_desktop.ui.dialogs.users import AddUserDialog, UsersDialog

    users = UsersDialog(make_ctx("admin"))
    for dialog in (SettingsDialog(make_ctx("admin")), users, AddUserDialog(make_ctx("admin"))):
        qtbot.addWidget(dialog)
        dialog.show()
        wait_idle(qtbot, worker)
        assert mnemonics(dialog)
        assert mnemonic_clashes(dialog) == {}, type(dialog).__name__
    # The account button says what it does to the account; the dialog's own button closes it.
    assert users.toggle_button.text() in ("Hesabı &kapat", "Hesabı &yeniden aç")
