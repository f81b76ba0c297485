"""English is complete: every tr() string of the UI has a finished translation, and it is shown.

The .ts is re-extracted from the current sources into a temporary copy with
pyside6-lupdate (as ``make update-translations`` does): a string added or changed
in the code without an English translation comes out "unfinished" and fails here.
Entries kept for strings that left the code ("vanished") are allowed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.ui.app import LANGUAGE_PROPERTY
from koopbis_desktop.ui.context import AppContext, Hub
from koopbis_desktop.ui.idle import LockDialog
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.worker import DbWorker

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "koopbis_en.ts"
TOOLS = Path(sys.executable).parent
# As the Makefile's update-translations: `_tr("Context", "text")` spells QCoreApplication.translate.
LUPDATE_OPTIONS = ("-tr-function-alias", "translate+=_tr")
PLACEHOLDER = re.compile(r"\{\d+\}|%n|%v|%m|%\d")


def tool(name: str) -> str:
    found = shutil.which(name, path=str(TOOLS)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} not installed")
    return found


@pytest.fixture(scope="module")
def current_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed .ts brought up to date with the sources, in a temporary folder."""
    out = tmp_path_factory.mktemp("ts") / "koopbis_en.ts"
    shutil.copy(TS, out)
    sources = sorted(str(p) for p in (ROOT / "koopbis_desktop" / "ui").rglob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), *LUPDATE_OPTIONS, *sources, "-ts", str(out)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return out


def messages(ts: Path) -> Iterator[tuple[str, str, ET.Element]]:
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message.findtext("source") or "", message


def test_every_ui_string_has_a_finished_english_translation(current_ts: Path) -> None:
    unfinished = [
        f"{context}: {source!r}"
        for context, source, message in messages(current_ts)
        if (message.find("translation") is not None)
        and message.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert not unfinished, "untranslated (run make update-translations, then translate):\n" + "\n".join(
        unfinished
    )
    # Many strings: the check is not vacuous.
    assert sum(1 for _ in messages(current_ts)) > 400


def test_translations_keep_placeholders_and_one_mnemonic(current_ts: Path) -> None:
    for context, source, message in messages(current_ts):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("vanished", "obsolete", "unfinished"):
            continue
        text = translation.text or ""
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), (
            context,
            source,
            text,
        )
        if "&" in source.replace("&&", "") and "<" not in source:
            assert text.replace("&&", "").count("&") == 1, (context, source, text)


@pytest.fixture
def english(qapp: Any, tmp_path: Path) -> Iterator[None]:
    qm = tmp_path / "koopbis_en.qm"
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    qapp.setProperty(LANGUAGE_PROPERTY, "en")
    i18n.set_language("en")
    yield
    QCoreApplication.removeTranslator(translator)
    qapp.setProperty(LANGUAGE_PROPERTY, "tr")
    i18n.set_language("tr")


def test_lock_dialog_shows_the_inherited_login_strings_in_english(
    english: None, qtbot: Any, worker: DbWorker
) -> None:
    dialog = LockDialog(worker, "ayse", "Ayşe Işık")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Screen locked"
    assert dialog.login_button.text() == "&Unlock"
    labels = [w.text() for w in dialog.findChildren(type(dialog.error_label))]
    assert "&Password:" in labels, labels
    assert not any("Parola" in text or "Kullanıcı" in text for text in labels), labels


# An opening day still to come: before it the banner names it (after it, that it has passed).
OPENING = date(2099, 3, 12)


def test_english_banner_writes_the_go_live_date_in_english(
    english: None, qtbot: Any, worker: DbWorker, people: dict[str, Actor]
) -> None:
    ctx = AppContext(
        location=worker.db_path,
        backups_dir=worker.db_path.parent / "backups",
        worker=worker,
        hub=Hub(),
        actor=people["ayse"],
        province_code="06",
        settings={"go_live": OPENING.isoformat()},
        full_name="Ayşe Işık",
    )
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    banner = window.banner.text()
    assert banner.startswith("KOOP-BİS is in maintenance"), banner
    assert "12 March 2099" in banner and "Mart" not in banner and "'te" not in banner, banner
    qtbot.waitUntil(lambda: worker.pending() == 0)
    window.close()


def test_no_tr_call_hides_inside_an_f_string() -> None:
    # pyside6-lupdate does not look inside f-string expressions: such a string is never
    # extracted, so it would stay Turkish in English mode without the test above noticing.
    import ast

    hidden = []
    for path in sorted((ROOT / "koopbis_desktop" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute | ast.Name):
                    name = sub.func.attr if isinstance(sub.func, ast.Attribute) else sub.func.id
                    if (
                        name in ("tr", "translate", "_tr")
                        and sub.args
                        and isinstance(sub.args[0], ast.Constant)
                    ):
                        hidden.append(f"{path.relative_to(ROOT)}:{sub.lineno}")
    assert not hidden, "tr() inside an f-string (lupdate cannot see it):\n" + "\n".join(hidden)


def test_main_window_and_form_read_english_from_the_domain_catalogue(
    english: None,
    qtbot: Any,
    worker: DbWorker,
    make_ctx: Any,
    cooperatives: list[dict[str, Any]],
) -> None:
    from PySide6.QtWidgets import QLabel

    from koopbis_desktop.ui.editor import open_editor

    ctx = make_ctx("ayse")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.counts_label.text().startswith("Local entries — "))
    status = window.counts_label.text()
    assert "Draft: 0" in status and "Awaiting approval: 0" in status and "Taslak" not in status, status
    editor = open_editor(ctx, None, type_id="member.admit", cooperative=cooperatives[0]["id"])
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.is_loaded)
    labels = " | ".join(w.text() for w in editor.findChildren(QLabel))
    assert "Admission of a member" in labels and "T.C. ID No / Tax No" in labels, labels
    assert "Ortaklığa giriş" not in labels and "Adı Soyadı" not in labels, labels
    editor.close()
    qtbot.waitUntil(lambda: worker.pending() == 0)
    window.close()


def test_english_type_chooser_lists_english_labels_and_still_finds_turkish_words(
    english: None, qtbot: Any, make_ctx: Any
) -> None:
    from koopbis_desktop.ui.pages.new_entry import NewEntryPage

    page = NewEntryPage(make_ctx("ayse"))
    qtbot.addWidget(page)
    texts = [page.chooser.list.item(i).text() for i in range(page.chooser.list.count())]
    assert any(t.startswith("Admission of a member\n") for t in texts), texts
    qtbot.keyClicks(page.chooser.filter_edit, "ortakliga")
    assert page.chooser.visible_type_ids() == ["member.admit"]
    page.chooser.filter_edit.clear()
    qtbot.keyClicks(page.chooser.filter_edit, "admission")
    assert page.chooser.visible_type_ids() == ["member.admit"]


def test_no_translation_wrapper_hides_its_strings_from_lupdate() -> None:
    # A helper such as `def _tr(text): return QCoreApplication.translate("ctx", text)` makes
    # every `_tr("…")` invisible to pyside6-lupdate: those texts stayed Turkish in English
    # mode (the crash-recovery question, bulk approval, the list loader) while the check
    # above passed. Calls must name their context literally, where lupdate can read them.
    import ast

    hidden = []
    for path in sorted((ROOT / "koopbis_desktop" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers = set()
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            params = {a.arg for a in node.args.args}
            for sub in ast.walk(node):
                if (
                    isinstance(sub, ast.Call)
                    and isinstance(sub.func, ast.Attribute)
                    and sub.func.attr in ("translate", "tr")
                    and any(isinstance(a, ast.Name) and a.id in params for a in sub.args)
                ):
                    wrappers.add(node.name)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in wrappers
                and any(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
            ):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.func.id}()")
    assert not hidden, "texts lupdate cannot extract (call translate/_tr with the context):\n" + "\n".join(
        hidden
    )
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert " ".join(LUPDATE_OPTIONS) in makefile, "make update-translations must extract _tr() too"


def test_crash_recovery_question_is_english_in_english_mode(
    english: None, qtbot: Any, make_ctx: Any, cooperatives: list[dict[str, Any]]
) -> None:
    from koopbis_desktop.services import autosave
    from koopbis_desktop.ui.editor.recovery import RecoveryChooser

    ctx = make_ctx("ayse")
    actor = ctx.require_actor()
    ctx.worker.call(
        lambda store: autosave.save(
            store,
            actor,
            "new:recovery-english",
            type_id="member.admit",
            cooperative=cooperatives[0]["id"],
            entry_uuid=None,
            payload={},
        )
    )
    found = ctx.worker.call(lambda store: autosave.recovery(store, actor))
    chooser = RecoveryChooser(ctx, found.offered, found.names)
    qtbot.addWidget(chooser)
    texts = [b.text() for b in chooser.findChildren(type(chooser.open_buttons[0]))]
    assert chooser.windowTitle() == "Unsaved forms", chooser.windowTitle()
    assert "Open" in texts and "Aç" not in texts, texts


def test_tr_is_called_on_self_only() -> None:
    # `window.tr("…")` in a function: lupdate files the text under the context "window" (the
    # variable's name) while Qt looks it up under the object's class ("MainWindow"), so the
    # menu showed "&Günlük liste…" in English mode though the .ts had its translation.
    import ast

    elsewhere = []
    for path in sorted((ROOT / "koopbis_desktop" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "tr"
                and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self")
            ):
                elsewhere.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not elsewhere, "tr() on another object (use QCoreApplication.translate):\n" + "\n".join(elsewhere)
