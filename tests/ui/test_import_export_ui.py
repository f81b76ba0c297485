"""The member list dialog, the export actions and the support bundle, driven like a clerk would."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.services.queries import AuditFilter
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.import_dialog import MemberImportDialog
from koopbis_desktop.ui.mainwindow import MainWindow
from koopbis_desktop.ui.worker import DbWorker
from tests.services.member_lists import (
    ADMIT_HEADERS,
    admit_rows,
    opened_in_excel,
    write_protected_xlsx,
    write_xlsx,
)
from tests.ui.conftest import wait_idle

COOP = "06-900001"


def entry_count(store: Store) -> int:
    return sum(entries.count_by_state(store).values())


def shown_dialog(qtbot: Any, make_ctx: Callable[[str], AppContext]) -> MemberImportDialog:
    """The clerk's member list dialog for COOP, on screen."""
    dialog = MemberImportDialog(make_ctx("ayse"), COOP)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_import_dialog_shows_bad_rows_then_imports_after_correction_and_skip(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    ctx = make_ctx("ayse")
    changed: list[list[str]] = []
    ctx.hub.entries_changed.connect(changed.append)
    dialog = MemberImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.cooperative_edit, COOP)

    rows = admit_rows(4, seed=41)
    rows[2][0] = "12345678901"  # a TCKN whose check digits are wrong
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, rows)
    dialog.choose_file(path)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)

    assert "4 satır okundu: 3 geçerli, 1 hatalı." in dialog.status_label.text()
    assert "IŞIK Çağdaş" in dialog.status_label.text()
    model = dialog.model
    assert model.rowCount() == 4
    bad = model.index(2, model.columnCount() - 1)
    assert model.data(bad).startswith("T.C. Kimlik No / VKN: T.C. Kimlik No geçersiz")
    assert model.data(model.index(2, 0)) == "4"  # the row number as Excel shows it
    assert model.data(model.index(2, 1), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is None
    assert dialog.row_issues_label.text().startswith("Satır 4: T.C. Kimlik No / VKN: T.C. Kimlik No geçersiz")
    assert not dialog.import_button.isEnabled()
    assert "1 satırda hata var" in dialog.import_button.toolTip()
    dialog.grab().save("/tmp/koopbis_import_dialog.png")

    qtbot.mouseClick(dialog.only_errors_check, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 1
    qtbot.mouseClick(dialog.only_errors_check, Qt.MouseButton.LeftButton)

    # The clerk corrects the number in Excel and has the file checked again.
    rows[2][0] = admit_rows(5, seed=42)[4][0]
    write_xlsx(path, ADMIT_HEADERS, rows)
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10_000)
    assert "4 geçerli, 0 hatalı" in dialog.status_label.text()
    assert dialog.import_button.isEnabled()
    assert entry_count(store) == 0

    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    made = entries.list_entries(store, type_id="member.admit")
    assert [e.payload["member_id"] for e in made] == [r[0] for r in rows]
    assert {e.state for e in made} == {State.DRAFT} and {e.author for e in made} == {"ayse"}
    assert sorted(changed[-1]) == sorted(e.uuid for e in made)
    assert not dialog.isVisible()

    # A second list with one row already queued: the clerk skips the bad row explicitly.
    again = MemberImportDialog(ctx, COOP)
    qtbot.addWidget(again)
    again.show()
    second = write_xlsx(tmp_path / "ikinci.xlsx", ADMIT_HEADERS, [rows[0], *admit_rows(2, seed=43)])
    again.choose_file(second)
    qtbot.waitUntil(lambda: again.preview is not None, timeout=10_000)
    assert "kuyrukta bekleyen bir ortaklığa giriş kaydı var" in again.model.data(
        again.model.index(0, again.model.columnCount() - 1)
    )
    assert not again.import_button.isEnabled()
    qtbot.mouseClick(again.skip_check, Qt.MouseButton.LeftButton)
    assert again.import_button.isEnabled() and again.import_button.text() == "2 geçerli satırı &içe aktar"
    with qtbot.waitSignal(again.imported, timeout=10_000):
        qtbot.keyClick(again.import_button, Qt.Key.Key_Space)
    wait_idle(qtbot, worker)
    assert entry_count(store) == 6


def test_a_list_that_cannot_be_read_again_keeps_the_last_check_on_screen_and_imports_nothing(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    """Yeniden denetle on a list being saved in Excel (half written) or moved away: the rows and
    their errors stay on screen, said to be the last check, and nothing can be imported from it."""
    dialog = MemberImportDialog(make_ctx("ayse"), COOP)
    qtbot.addWidget(dialog)
    dialog.show()
    rows = admit_rows(4, seed=41)
    rows[2][0] = "12345678901"  # a TCKN whose check digits are wrong
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, rows)
    dialog.choose_file(path)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10_000)
    assert dialog.model.rowCount() == 4
    path.write_bytes(b"PK\x03\x04 half written")
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.model.rowCount() == 4  # the last check, with its bad row
    assert "önceki denetimini gösteriyor" in dialog.status_label.text()
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.only_errors_check, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1
    qtbot.mouseClick(dialog.only_errors_check, Qt.MouseButton.LeftButton)
    # Saved again whole: the new check replaces it.
    rows[2][0] = admit_rows(5, seed=42)[4][0]
    write_xlsx(path, ADMIT_HEADERS, rows)
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10_000)
    assert "4 geçerli, 0 hatalı" in dialog.status_label.text() and dialog.import_button.isEnabled()
    assert entry_count(store) == 0


def test_import_dialog_reports_a_file_that_is_not_a_spreadsheet(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    dialog = shown_dialog(qtbot, make_ctx)
    junk = tmp_path / "fotograf.xlsx"
    junk.write_bytes(b"\xff\xd8\xff\xe0 JFIF not a workbook")
    dialog.choose_file(junk)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "geçerli bir Excel (.xlsx) dosyası değil" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()
    dialog.save_template(tmp_path / "sablon.xlsx")
    assert (tmp_path / "sablon.xlsx").is_file() and "Şablon kaydedildi" in dialog.status_label.text()


def test_import_dialog_says_a_list_protected_with_a_password_must_be_saved_without_it(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    dialog = shown_dialog(qtbot, make_ctx)
    dialog.choose_file(
        write_protected_xlsx(tmp_path / "uyeler.xlsx", ADMIT_HEADERS, admit_rows(5), "Gizli.2015")
    )
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    said = dialog.status_label.text()
    assert "Dosya parolayla korunuyor" in said and "Parola ile Şifrele" in said
    assert "bozuk" not in said
    assert not dialog.import_button.isEnabled()
    assert entry_count(store) == 0


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spreadsheets"


def test_import_dialog_reads_office_formats_and_says_how(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
) -> None:
    """An Excel 97-2003 .xls and a Turkish Excel 2010 CSV preview alike; the preview names the encoding."""
    dialog = shown_dialog(qtbot, make_ctx)
    for name, reading in (
        ("uyeler.xls", "Excel 97-2003 çalışma kitabı (.xls)"),
        ("uyeler-excel2010.csv", "CSV, Windows-1254 (Türkçe), ayırıcı noktalı virgül (;)"),
    ):
        dialog.preview = None
        dialog.choose_file(FIXTURES / name)
        qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10_000)
        text = dialog.status_label.text()
        assert "4 satır okundu: 4 geçerli, 0 hatalı." in text
        assert f"Dosya {reading} olarak okundu." in text
        names = {dialog.model.data(dialog.model.index(row, 2)) for row in range(dialog.model.rowCount())}
        assert "İLKNUR ĞÜLŞEN ÇÖZÜM" in names
    assert dialog.import_button.isEnabled()
    assert entry_count(store) == 0


def test_import_dialog_says_first_when_the_list_is_open_in_excel(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    """Rows corrected in Excel but not saved would come back with the same errors: the preview says why."""
    rows = admit_rows(3, seed=12)
    rows[1][0] = "12345678901"  # a TCKN whose checksum fails
    path = write_xlsx(tmp_path / "uyeler.xlsx", ADMIT_HEADERS, rows)
    dialog = shown_dialog(qtbot, make_ctx)
    dialog.choose_file(path)
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10_000)
    assert "Excel programında açık" not in dialog.status_label.text()
    opened_in_excel(path)  # the clerk opens it in Excel to correct it
    dialog.preview = None
    dialog.on_reload_button_clicked()
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=10_000)
    text = dialog.status_label.text()
    assert text.startswith(
        "«uyeler.xlsx» şu anda Excel programında açık: orada kaydetmediğiniz değişiklikler"
    )
    assert "3 satır okundu: 2 geçerli, 1 hatalı." in text
    assert entry_count(store) == 0


def test_settings_offer_the_excel_2010_csv_encoding(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, store: Store
) -> None:
    from PySide6.QtWidgets import QComboBox

    from koopbis_desktop.services import settings
    from koopbis_desktop.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(make_ctx("sef"))
    qtbot.addWidget(dialog)
    combo = dialog.editors["csv_export_encoding"]
    assert isinstance(combo, QComboBox)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["UTF-8 (BOM'lu)", "Excel 2010 uyumlu (Windows-1254)"]
    combo.setCurrentIndex(1)
    dialog.on_save_clicked()
    wait_idle(qtbot, worker)
    assert settings.get(store, "csv_export_encoding") == "cp1254"


def test_main_window_exports_the_current_queue_and_writes_a_support_bundle(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    from koopbis_desktop.services import member_import

    ctx = make_ctx("sef")
    preview = member_import.preview(
        store, write_xlsx(tmp_path / "l.xlsx", ADMIT_HEADERS, admit_rows(3, seed=44)), COOP
    )
    member_import.import_rows(store, ctx.require_actor(), preview)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    actions = window.data_actions
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]  # type: ignore[attr-defined]
    assert "Ortak &listesi yükle…" in menu_texts and "&Dışa aktar (Excel/CSV)…" in menu_texts
    answers = iter([str(tmp_path / "kuyruk"), str(tmp_path / "destek.zip"), str(tmp_path / "denetim.csv")])
    actions.ask_save_path = lambda *args: next(answers)
    messages: list[str] = []
    ctx.hub.message.connect(messages.append)

    window.show_page("drafts") if "drafts" in window.page_keys() else None
    with qtbot.waitSignal(actions.exported, timeout=10_000) as written:
        actions.export_action.trigger()
    assert written.args == [tmp_path / "kuyruk.xlsx"]
    book = load_workbook(tmp_path / "kuyruk.xlsx", read_only=True)
    assert "Ortaklığa giriş" in book.sheetnames
    book.close()
    assert any("kuyruk.xlsx dosyasına aktarıldı" in m for m in messages)

    with qtbot.waitSignal(actions.exported, timeout=10_000):
        actions.support_action.trigger()
    with zipfile.ZipFile(tmp_path / "destek.zip") as bundle:
        system = bundle.read("system.json").decode()
    assert '"qt": "6.' in system

    with qtbot.waitSignal(actions.exported, timeout=10_000):
        actions.audit_action.trigger()
    assert (tmp_path / "denetim.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    wait_idle(qtbot, worker)
    window.close()


def test_ten_thousand_rows_are_read_off_the_ui_thread_with_progress(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    dialog = shown_dialog(qtbot, make_ctx)
    path = write_xlsx(tmp_path / "buyuk.xlsx", ADMIT_HEADERS, admit_rows(10_000, seed=45))
    seen: list[int] = []
    dialog.rows_progress.rows_read.connect(seen.append)
    dialog.choose_file(path)
    assert dialog.busy and dialog.progress.isVisible()  # choose_file returned at once
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    assert len(seen) >= 40 and seen[-1] == 10_000  # delivered on the UI thread while reading
    assert "10000 satır okundu: 10000 geçerli, 0 hatalı." in dialog.status_label.text()
    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, worker)
    assert entry_count(store) == 10_000


def test_vazgec_while_importing_stops_the_import_and_creates_nothing(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    """The clerk sees the wrong cooperative's title as the drafts are being made and presses Vazgeç:
    the dialog used to close while the import went on and queued every row anyway."""
    ctx = make_ctx("ayse")
    dialog = MemberImportDialog(ctx, COOP)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_file(write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(3_000, seed=46)))
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.busy, timeout=30_000)

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.busy
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    wait_idle(qtbot, worker)
    assert entry_count(store) == 0
    assert dialog.isVisible()
    assert "durduruldu" in dialog.status_label.text()
    assert "hiçbir kayıt oluşturulmadı" in dialog.status_label.text()
    assert dialog.import_button.isEnabled()  # the preview is kept: the clerk may still import it

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing running: Escape closes as before
    assert not dialog.isVisible()


def test_a_file_name_typed_with_a_date_keeps_the_date(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    # A supervisor names the day's export "Kayıtlar 04.03.2015" and types no extension: the
    # file is that name plus .xlsx, not "Kayıtlar 04.03.xlsx" (the year taken for an extension,
    # and another day's file of that name replaced without a question).
    ctx = make_ctx("sef")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    actions = window.data_actions
    answers = iter([str(tmp_path / "Kayıtlar 04.03.2015"), str(tmp_path / "denetim izi 04.03.2015")])
    actions.ask_save_path = lambda *args: next(answers)
    with qtbot.waitSignal(actions.exported, timeout=10_000) as written:
        actions.export_action.trigger()
    assert written.args == [tmp_path / "Kayıtlar 04.03.2015.xlsx"]
    assert (tmp_path / "Kayıtlar 04.03.2015.xlsx").is_file()
    with qtbot.waitSignal(actions.exported, timeout=10_000) as written:
        actions.audit_action.trigger()
    assert written.args == [tmp_path / "denetim izi 04.03.2015.csv"]
    assert (
        not (tmp_path / "Kayıtlar 04.03.xlsx").exists() and not (tmp_path / "denetim izi 04.03.csv").exists()
    )
    wait_idle(qtbot, worker)
    window.close()

    dialog = MemberImportDialog(make_ctx("ayse"), COOP)
    qtbot.addWidget(dialog)
    dialog.save_template(tmp_path / "şablon v1.2")
    assert (tmp_path / "şablon v1.2.xlsx").is_file()


def test_the_export_keeps_the_order_the_list_shows(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
) -> None:
    # The list shows the newest first, or what the clerk sorted by: the Excel file she hands on
    # lists the rows as she saw them, not oldest first.
    from koopbis_desktop.services import member_import
    from koopbis_desktop.ui.models.entries import COL_NUMBER

    ctx = make_ctx("ayse")
    preview = member_import.preview(
        store, write_xlsx(tmp_path / "l.xlsx", ADMIT_HEADERS, admit_rows(4, seed=71)), COOP
    )
    member_import.import_rows(store, ctx.require_actor(), preview)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page("drafts")
    page: Any = window.pages["drafts"]
    actions = window.data_actions

    def shown() -> list[str]:
        return [page.model.entry_at(r).uuid for r in range(page.model.rowCount())]

    def exported(name: str) -> list[str]:
        actions.ask_save_path = lambda *args: str(tmp_path / name)
        with qtbot.waitSignal(actions.exported, timeout=10_000):
            actions.export_action.trigger()
        book = load_workbook(tmp_path / name, read_only=True)
        uuids = [row[0] for row in list(book["Ortaklığa giriş"].iter_rows(values_only=True))[1:]]
        book.close()
        return uuids

    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=10_000)
    assert exported("yeni-once.xlsx") == shown()
    page.table.sortByColumn(COL_NUMBER, Qt.SortOrder.DescendingOrder)
    numbers = [page.model.entry_at(r).number for r in range(4)]
    qtbot.waitUntil(
        lambda: (
            [page.model.entry_at(r).number for r in range(page.model.rowCount())]
            == sorted(numbers, reverse=True)
        ),
        timeout=10_000,
    )
    assert exported("numara-azalan.xlsx") == shown()
    wait_idle(qtbot, worker)
    window.close()


def slow_export_window(
    qtbot: Any, ctx: AppContext, store: Store, tmp_path: Path, monkeypatch: Any, seed: int
) -> tuple[MainWindow, threading.Event, list[int]]:
    """Twelve drafts of ``ctx``'s clerk and the window on Taslaklarım, its export on a slow disk.

    Each page of the export after the first waits for the returned event ("the disk"); the
    list holds the size of each page read so far.
    """
    from koopbis_desktop.services import exports, member_import

    preview = member_import.preview(
        store, write_xlsx(tmp_path / "l.xlsx", ADMIT_HEADERS, admit_rows(12, seed=seed)), COOP
    )
    member_import.import_rows(store, ctx.require_actor(), preview)
    monkeypatch.setattr(exports, "PAGE", 5)
    disk = threading.Event()
    reading = exports._payloads
    pages: list[int] = []

    def slow(s: Store, uuids: list[str]) -> dict[str, dict[str, Any]]:
        pages.append(len(uuids))
        if len(pages) > 1:
            disk.wait(20)
        return reading(s, uuids)

    monkeypatch.setattr(exports, "_payloads", slow)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_page("drafts")
    return window, disk, pages


def test_a_long_export_runs_beside_the_clerks_work_and_vazgec_leaves_the_old_file(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
    monkeypatch: Any,
    message_mock: Any,
) -> None:
    # 50,000 entries take most of a minute to write as .xlsx. Meanwhile the clerk goes on
    # working (lists, saves and the editor's autosave are DB jobs too), sees how far the
    # export is, and Vazgeç stops it without touching yesterday's file of that name.
    ctx = make_ctx("ayse")
    window, disk, _pages = slow_export_window(qtbot, ctx, store, tmp_path, monkeypatch, seed=83)
    target = tmp_path / "kayitlar.xlsx"
    target.write_bytes(b"dunku dosya")
    actions = window.data_actions
    actions.ask_save_path = lambda *args: str(target)
    said: list[str] = []
    ctx.hub.message.connect(said.append)
    try:
        actions.export_action.trigger()
        qtbot.waitUntil(lambda: actions.progress is not None and actions.progress.isVisible(), timeout=10_000)
        dialog = actions.progress
        assert dialog is not None
        qtbot.waitUntil(lambda: "5 / 12 kayıt" in dialog.labelText(), timeout=10_000)
        assert dialog.labelText() == "kayitlar.xlsx yazılıyor: 5 / 12 kayıt"
        # The worker answers while the export waits on its disk.
        answers: list[str] = []
        worker.submit(lambda s: "liste", answers.append)
        qtbot.waitUntil(lambda: answers == ["liste"], timeout=10_000)
        # One export at a time: a second is refused with why.
        assert not actions.export_action.isEnabled()
        actions.export_audit(AuditFilter())
        warning = message_mock.getmsg()
        assert "kayitlar.xlsx henüz yazılıyor" in warning.text
        # Vazgeç.
        button = dialog.findChild(QPushButton)
        assert button is not None and button.text() == "Vazgeç"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        disk.set()
    qtbot.waitUntil(lambda: actions.progress is None, timeout=10_000)
    assert "Dışa aktarma durduruldu; kayitlar.xlsx dosyasına bir şey yazılmadı." in said
    assert target.read_bytes() == b"dunku dosya"
    assert list(tmp_path.glob("*.part")) == []
    assert actions.export_action.isEnabled()
    # Run to the end, it writes every row.
    with qtbot.waitSignal(actions.exported, timeout=20_000):
        actions.export_action.trigger()
    book = load_workbook(target, read_only=True)
    assert len(list(book["Ortaklığa giriş"].iter_rows(values_only=True))) == 13
    book.close()
    wait_idle(qtbot, worker)
    window.close()


def test_signing_out_during_an_export_asks_first_and_bekle_keeps_the_export_going(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
    monkeypatch: Any,
    message_mock: Any,
) -> None:
    # Closing the window stops an export without a file: the clerk is asked before anything
    # closes. Bekle keeps the window and the export; "Durdur ve çık" stops it and signs out.
    ctx = make_ctx("ayse")
    window, disk, pages = slow_export_window(qtbot, ctx, store, tmp_path, monkeypatch, seed=84)
    target = tmp_path / "kayitlar.xlsx"
    actions = window.data_actions
    actions.ask_save_path = lambda *args: str(target)
    signed_out: list[bool] = []
    window.signed_out.connect(lambda: signed_out.append(True))
    try:
        actions.export_action.trigger()
        qtbot.waitUntil(lambda: len(pages) > 1, timeout=10_000)
        assert actions.exporting
        message_mock.answers = ["Bekle"]
        assert window.sign_out() is False
        question = message_mock.getmsg()
        assert question.title == "Dışa aktarma sürüyor"
        assert (
            question.text
            == "kayitlar.xlsx henüz yazılıyor. Şimdi çıkarsanız dışa aktarma durur ve dosya yazılmaz."
        )
        assert question.choices == ("Bekle", "Durdur ve çık")
        assert window.isVisible() and actions.exporting and not signed_out
        message_mock.shown.clear()
        message_mock.answers = ["Durdur ve çık"]
        assert window.sign_out() is True
        assert [m.title for m in message_mock.shown] == ["Dışa aktarma sürüyor"]
        assert signed_out == [True] and not window.isVisible()
    finally:
        disk.set()
    qtbot.waitUntil(lambda: not actions.exporting, timeout=10_000)
    assert not target.exists()
    assert list(tmp_path.glob("*.part")) == []
    wait_idle(qtbot, worker)
