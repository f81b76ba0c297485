"""Registry warnings on the cooperative's page and above the entry form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor
from koopbis_desktop.ui.pages.cooperatives import CooperativesPage
from tests.ui.conftest import wait_idle
from tests.ui.editor_filler import open_form  # noqa: F401  (fixture)


@pytest.fixture
def lapsed(store: Store, cooperatives: list[dict[str, Any]]) -> str:
    """06-900001 with a board elected in 2005: its term ran out long ago (md. 55)."""
    record = snapshot.get_record(store, "06-900001")
    assert record is not None
    record["board_elected_on"] = "2005-05-01"
    snapshot.upsert_records(store, [record])
    return "06-900001"


def test_cooperative_page_shows_the_board_warning(
    qtbot: Any, make_ctx: Callable[[str], AppContext], lapsed: str
) -> None:
    page = CooperativesPage(make_ctx("ayse"))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.detail_shown, timeout=5000):
        page.open_detail(lapsed)
    wait_idle(qtbot, page.ctx.worker)
    panel = page.registry_warnings
    assert panel.isVisible()
    assert "Yönetim kurulunun görev süresi" in panel.text() and "md. 55" in panel.text()
    assert "board_term" in [w.code for w in panel.warnings]


def test_entry_form_shows_the_warnings_of_its_cooperative(
    qtbot: Any,
    lapsed: str,
    open_form: Callable[..., EntryEditor],  # noqa: F811  (fixture imported above)
) -> None:
    editor = open_form("ayse", type_id="board.replace", cooperative=lapsed)
    qtbot.waitUntil(lambda: editor.registry_warnings.isVisible(), timeout=5000)
    assert "md. 55" in editor.registry_warnings.text()
    registration = open_form("ayse", type_id="cooperative.register")
    wait_idle(qtbot, registration.ctx.worker)
    assert not registration.registry_warnings.isVisible()


def test_file_menu_previews_the_registry_warnings(
    qtbot: Any, make_ctx: Callable[[str], AppContext], lapsed: str
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow

    from koopbis_desktop.ui.print_actions import install_print_actions
    from koopbis_desktop.ui.printing import ReportPreview

    ctx = make_ctx("sef")
    window = QMainWindow()
    qtbot.addWidget(window)
    install_print_actions(window, ctx, window.menuBar().addMenu("&Dosya"))
    action = window.findChild(QAction, "registryWarningsAction")
    assert action is not None and action.text() == "&Sicil uyarıları…"
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(ReportPreview) is not None, timeout=5000)
    wait_idle(qtbot, ctx.worker)
    preview = window.findChild(ReportPreview)
    assert preview is not None and preview.report.title == "Sicil uyarıları"
    assert any(row[0] == lapsed for row in preview.report.sections[0].rows)  # type: ignore[union-attr]
    preview.close()


def test_page_shows_a_type_kept_as_written(
    qtbot: Any, make_ctx: Callable[[str], AppContext], store: Store, cooperatives: list[dict[str, Any]]
) -> None:
    record = snapshot.get_record(store, "06-900001")
    assert record is not None
    record.update(
        cooperative_type="diger", type_as_written="Yardımlaşma", status="other", status_as_written="Askıda"
    )
    snapshot.upsert_records(store, [record])
    page = CooperativesPage(make_ctx("ayse"))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.detail_shown, timeout=5000):
        page.open_detail("06-900001")
    header = page.detail_header.text()
    assert "Diğer Kooperatif: «Yardımlaşma»" in header and "«Askıda»" in header
    assert not page.registry_warnings.isVisible()  # a status nobody knows is not supervised
