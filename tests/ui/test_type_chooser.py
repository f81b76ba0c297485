"""Issue 15, item 1: the type chooser ranks by label, then keywords, description last; with a
cooperative chosen it offers no registration and the form opens for that cooperative."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from koopbis_desktop.domain.changetypes import all_types
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.pages.new_entry import NewEntryPage, TypeChooserDialog, ranked_types


def test_every_type_has_keywords() -> None:
    assert all(ctype.keywords for ctype in all_types())


def test_label_outranks_description() -> None:
    ids = [t.id for t in ranked_types("yonetim")]
    assert ids[0] == "board.replace"  # its label, not the registration whose description names a board
    assert ids.index("cooperative.register") > ids.index("board.replace")
    assert ranked_types("baskan")[0].id == "board.replace"  # a keyword
    assert ranked_types("ortak girisi")[0].id == "member.admit"
    assert "cooperative.register" not in [t.id for t in ranked_types("yonetim", offer_registration=False)]


def test_typing_yonetim_and_enter_opens_the_board_form_for_the_chosen_cooperative(
    qtbot: Any, make_ctx: Callable[[str], AppContext], cooperatives: list[dict[str, Any]]
) -> None:
    page = NewEntryPage(make_ctx("ayse"))
    qtbot.addWidget(page)
    page.show()
    page.set_cooperative("06-900001", "06-900001 — IŞIK")
    assert page.cooperative_bar.isVisibleTo(page)
    assert "cooperative.register" not in page.chooser.visible_type_ids()
    page.focus_first()
    qtbot.keyClicks(page.chooser.filter_edit, "yonetim")
    assert page.chooser.visible_type_ids()[0] == "board.replace"
    qtbot.keyClick(page.chooser.filter_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(isinstance(w, EntryEditor) for w in QApplication.topLevelWidgets()))
    editor = next(w for w in QApplication.topLevelWidgets() if isinstance(w, EntryEditor))
    qtbot.waitUntil(lambda: editor.is_loaded)
    assert editor.ctype is not None and editor.ctype.id == "board.replace"
    assert editor.cooperative == "06-900001"
    editor._closing_confirmed = True
    editor.close()

    # Without a chosen cooperative, registering one is offered again.
    qtbot.mouseClick(page.clear_cooperative_button, Qt.MouseButton.LeftButton)
    assert "cooperative.register" in page.chooser.visible_type_ids()


def test_dialog_for_a_cooperative_offers_no_registration(qtbot: Any) -> None:
    dialog = TypeChooserDialog("06-900001")
    qtbot.addWidget(dialog)
    assert "cooperative.register" not in dialog.chooser.visible_type_ids()
    qtbot.keyClicks(dialog.chooser.filter_edit, "kurulus")
    assert "cooperative.register" not in dialog.chooser.visible_type_ids()
