"""The member list dialog asks once for the whole list's decision and share value."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.import_dialog import MemberImportDialog
from tests.services.member_lists import write_xlsx
from tests.services.test_member_batch_values import COOP, SHORT_HEADERS, short_rows
from tests.ui.conftest import wait_idle


def test_dialog_asks_for_the_batch_values_once(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    ctx = make_ctx("ayse")
    dialog = MemberImportDialog(ctx, COOP)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.decision_no_edit, "2015/40")
    qtbot.keyClicks(dialog.decision_date_edit, "02.03.2015")
    qtbot.keyClicks(dialog.share_value_edit, "1.000")
    path = write_xlsx(tmp_path / "kisa.xlsx", SHORT_HEADERS, short_rows(3, seed=11))
    dialog.choose_file(path)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10_000)
    preview = dialog.preview
    assert preview is not None
    assert not preview.invalid_rows, preview.error_lines()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.worker)
    made = entries.list_entries(store, type_id="member.admit")
    assert len(made) == 3 and {e.payload["decision_no"] for e in made} == {"2015/40"}
