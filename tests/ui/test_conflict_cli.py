"""``koopbis conflicts show`` prints what the conflict dialog shows, label for label, value for value.

One real conflict with a clash, a head-office-only change and a clerk-only change
(all three sections of the dialog), the dialog opened as a supervisor would, and
the CLI run on the same database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.conflict_dialog import ConflictDialog
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.entry_view import escape_html
from sync.conflict_view import COLUMNS, SECTION_TITLES
from tests.conftest import PASSWORD
from tests.sync.conftest import LiveServer, approved_update, head_office, live_server, seed_snapshot, sync_now

# The dialog's table names per section, in the order it shows them.
TABLES = {"conflicts": "conflict", "serverOnly": "server", "localOnly": "local"}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    folder = tmp_path / "server"
    folder.mkdir()
    with live_server(folder) as live:
        yield live


def test_cli_prints_the_dialogs_labelled_columns(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    store: Store,
    server: LiveServer,
    people: dict[str, Actor],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coop = seed_snapshot(store, 20)[2]
    entry = approved_update(
        store,
        people,
        coop["id"],
        title="Yerel Yeni Unvan Konut Yapı Kooperatifi",
        address=coop["address"],
        phone="0312 555 44 33",
    )
    head_office(
        server, coop["id"], title="Genel Müdürlükçe Düzeltilmiş Unvan", address="Merkez Mah. 5. Sok. No:9"
    )
    sync_now(store, server)
    assert entries.get_entry(store, entry.uuid).state == State.CONFLICT

    dialog = ConflictDialog(make_ctx("sef"), entry.uuid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.details is not None, timeout=5000)
    assert set(dialog.models) == set(TABLES)

    db = ["--db", str(store.path)]
    reader = [*db, "--as", "sef"]
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main([*reader, "conflicts", "show", entry.uuid]) == 0
    text = capsys.readouterr().out.splitlines()
    assert main([*reader, "conflicts", "show", entry.uuid, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["shown"]
    width = max(len(c) for c in COLUMNS[1:4])

    for name, section in TABLES.items():
        model = dialog.models[name]
        headers = tuple(model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount()))
        assert headers == COLUMNS == tuple(shown["columns"])
        heading = dialog.findChild(QLabel, f"{name}Heading")
        assert heading is not None and heading.text() == f"<b>{escape_html(SECTION_TITLES[section])}</b>"
        assert SECTION_TITLES[section] in text
        rows = list(zip(*(model.column_texts(c) for c in range(5)), strict=True))
        assert rows, name
        cli_rows = [
            (line["what"], line["base"], line["local"], line["server"], line["difference"])
            for line in shown["lines"]
            if line["section"] == section
        ]
        assert cli_rows == rows
        for what, base, local, server_value, difference in rows:
            at = text.index(f"  {what} [{difference}]")
            assert text[at + 1 : at + 4] == [
                f"      {column:<{width}}  {value}"
                for column, value in zip(COLUMNS[1:4], (base, local, server_value), strict=True)
            ]
