"""Autosave survives killing the program: what was typed is in the database and is offered back.

A child process opens the editor on the test database, types into the real
widgets, waits until the autosave has landed and is then SIGKILLed — no clean
shutdown, no Save. The parent reads the scratch row and reopens it through the
question a sign-in asks.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.editor.editor import EntryEditor
from tests.conftest import PASSWORD, valid_tckn
from tests.ui.conftest import ask_recovery_now

REPO = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from koopbis_desktop.domain.lifecycle import Actor, Role
    from koopbis_desktop.ui.context import AppContext, Hub
    from koopbis_desktop.ui.editor import open_editor
    from koopbis_desktop.ui.worker import DbWorker

    db = Path({db!r})
    worker = DbWorker(db, credentials=("ayse", {password!r}))  # the encrypted file opens as at a sign-in
    worker.start()
    ctx = AppContext(location=db, backups_dir=db.parent, worker=worker, hub=Hub(),
                     actor=Actor("ayse", Role.CLERK), province_code="06")
    editor = open_editor(ctx, None, type_id="member.admit", cooperative="06-900001")

    def pump(until, seconds=15.0):
        end = time.monotonic() + seconds
        while not until():
            if time.monotonic() > end:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.01)

    def type_into(widget, text):
        widget.setFocus()
        for char in text:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)

    pump(lambda: editor.is_loaded)
    editor.activateWindow()
    pump(editor.isActiveWindow)
    type_into(editor.rows["member_id"].widget.edit, {tckn!r})
    QTest.keyClick(editor.rows["member_id"].widget.edit, Qt.Key.Key_Tab)
    type_into(editor.rows["full_name"].widget.edit, "Gülşen Işık")
    QTest.keyClick(editor.rows["full_name"].widget.edit, Qt.Key.Key_Tab)
    # the last field is left open: only the periodic autosave can save it
    type_into(editor.rows["decision_no"].widget.edit, "2015/99")

    import json
    from koopbis_desktop.store.db import connect_raw
    from koopbis_desktop.store.encryption import unlock_key
    key = unlock_key(db, "ayse", {password!r})
    def landed():
        conn = connect_raw(db, key)
        try:
            row = conn.execute("SELECT payload FROM autosave").fetchone()
        finally:
            conn.close()
        return row is not None and json.loads(row[0]).get("decision_no") == "2015/99"
    pump(landed)
    print("READY", editor.form_id, flush=True)
    while True:
        app.processEvents()
        time.sleep(0.05)
    """
)


@pytest.fixture
def store(encrypted_store: Store) -> Store:
    """The desktop's database is encrypted: the killed editor autosaves into an encrypted file."""
    return encrypted_store


@pytest.mark.slow
def test_autosave_survives_sigkill_and_is_offered_back(
    qtbot: Any,
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    make_ctx: Callable[[str], AppContext],
) -> None:
    tckn = valid_tckn(77)
    script = CHILD.format(repo=str(REPO), db=str(store.path), tckn=tckn, password=PASSWORD)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("READY"), (line, child.stderr.read() if child.stderr else "")
        form_id = line.split()[1]
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=10)  # reaps the child and closes its pipes
    assert child.returncode == -signal.SIGKILL

    row = store.conn.execute(
        "SELECT form_id, username, type, cooperative, entry_uuid, payload FROM autosave"
    ).fetchone()
    assert row[:5] == (form_id, "ayse", "member.admit", "06-900001", None)
    assert json.loads(row[5]) == {"member_id": tckn, "full_name": "Gülşen Işık", "decision_no": "2015/99"}
    assert store.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0

    ctx = make_ctx("ayse")
    seen: dict[str, str] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == "Geri yükle").click()

    QTimer.singleShot(20, answer)
    assert ask_recovery_now(ctx) == 1
    assert seen["text"] == "Kaydedilmemiş 1 form bulundu: geri yüklensin mi?"
    editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, EntryEditor)]
    assert len(editors) == 1
    editor = editors[0]
    try:
        qtbot.waitUntil(lambda: editor.is_loaded)
        assert editor.form_id == form_id
        assert editor.rows["member_id"].widget.raw() == tckn
        assert editor.rows["full_name"].widget.raw() == "Gülşen Işık"
        assert editor.rows["decision_no"].widget.raw() == "2015/99"
        assert editor.is_dirty()
        with qtbot.waitSignal(editor.saved, timeout=10_000):
            editor.save_button.click()
        qtbot.waitUntil(lambda: store.conn.execute("SELECT count(*) FROM autosave").fetchone()[0] == 0)
        assert store.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    finally:
        if shiboken6.isValid(editor):
            editor._closing_confirmed = True
            editor.close()
        qtbot.waitUntil(lambda: ctx.worker.pending() == 0)
    # a second start offers nothing
    assert ask_recovery_now(ctx) == 0
