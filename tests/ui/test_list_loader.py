"""Loading the cooperative list from the desktop (Kooperatifler page, first-run steps).

A refused list said only "İçe aktarma yapılmadı: 3 hata bulundu … Dosyaları düzeltip
yeniden deneyin" in a box titled "Hata": which rows, which columns, nobody could tell.
A list loaded with warnings (a type kept as written, a wrong phone left empty) flashed
them in the status bar for eight seconds. The file dialog hid .xls, .xlsm, .xlsb and
.ods files, which the import reads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.list_loader import ListReport, choose_and_load
from koopbis_desktop.ui.worker import DbWorker
from tests.services.member_lists import ADMIT_HEADERS, admit_rows, opened_in_excel, write_csv, write_xlsx
from tests.services.test_snapshot_import import COOP_HEADER, coop_rows, records
from tests.ui.conftest import wait_idle


def shown_parent(qtbot: Any) -> QWidget:
    """A window the list's report opens over."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return parent


def shown_report(qtbot: Any, parent: QWidget) -> ListReport:
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(ListReport)))
    return next(d for d in parent.findChildren(ListReport) if d.isVisible())


def test_a_refused_list_shows_every_row_to_fix(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, store: Store, tmp_path: Path
) -> None:
    ctx = make_ctx("admin")
    parent = shown_parent(qtbot)
    rows = coop_rows(records(4, seed=30))
    rows[1][6] = "1234567891"  # line 3: a bad VKN
    rows[2][9] = "31.02.2001"  # line 4: no such date
    path = write_csv(tmp_path / "liste.csv", COOP_HEADER, rows)
    errors: list[str] = []
    ctx.hub.error.connect(errors.append)
    choose_and_load(ctx, parent, path=path)
    report = shown_report(qtbot, parent)
    assert report.windowTitle() == "Kooperatif listesi yüklenmedi"
    assert "hiçbir şey değişmedi" in report.summary.text()
    lines = report.lines.toPlainText().splitlines()
    assert lines[0].startswith("liste.csv, satır 3, 'Vergi No' sütunu: Vergi Kimlik No")
    assert lines[1].startswith("liste.csv, satır 4, 'Kuruluş Tarihi' sütunu: Böyle bir tarih yok")
    assert errors == []  # not a second, bare box
    assert snapshot.count_cooperatives(store) == 0
    qtbot.keyClick(report, Qt.Key.Key_Escape)
    assert not report.isVisible()


def test_a_member_list_chosen_as_the_cooperative_list_says_where_it_belongs(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, store: Store, tmp_path: Path
) -> None:
    parent = shown_parent(qtbot)
    path = write_xlsx(tmp_path / "uyeler.xlsx", ADMIT_HEADERS, admit_rows(2))
    choose_and_load(make_ctx("sef"), parent, path=path)
    report = shown_report(qtbot, parent)
    assert report.windowTitle() == "Kooperatif listesi yüklenmedi"
    assert "Bu dosya bir ortak listesi gibi görünüyor" in report.summary.text()
    assert "Dosya → Ortak listesi yükle…" in report.summary.text()
    assert snapshot.count_cooperatives(store) == 0
    qtbot.keyClick(report, Qt.Key.Key_Escape)


def test_a_list_loaded_with_warnings_shows_them_until_closed(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, store: Store, tmp_path: Path
) -> None:
    ctx = make_ctx("sef")
    parent = shown_parent(qtbot)
    recs = records(3)
    rows = [
        [*row, phone] for row, phone in zip(coop_rows(recs), ["0312 555 12 34", "555 12", ""], strict=True)
    ]
    path = write_csv(tmp_path / "liste.csv", [*COOP_HEADER, "Telefon"], rows)
    messages: list[str] = []
    ctx.hub.message.connect(messages.append)
    choose_and_load(ctx, parent, path=path)
    report = shown_report(qtbot, parent)
    assert "3 kooperatif" in report.summary.text()
    assert report.lines.toPlainText().startswith("liste.csv satır 3 (Telefon): '555 12' alınmadı")
    assert messages[0] == "Kooperatif listesi yükleniyor: liste.csv…" and "3 kooperatif" in messages[-1]
    assert snapshot.count_cooperatives(store) == 3
    assert report.close_button.hasFocus() or report.focusWidget() is report.close_button
    qtbot.keyClick(report, Qt.Key.Key_Return)
    assert not report.isVisible()
    wait_idle(qtbot, worker)


def test_a_list_still_open_in_excel_is_loaded_and_the_report_says_to_save_it_there(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, store: Store, tmp_path: Path
) -> None:
    """What is not saved in Excel is not read: said in the report, which shows even without warnings."""
    ctx = make_ctx("admin")
    parent = shown_parent(qtbot)
    path = write_csv(tmp_path / "liste.csv", COOP_HEADER, coop_rows(records(2)))
    opened_in_excel(path)
    choose_and_load(ctx, parent, path=path)
    report = shown_report(qtbot, parent)
    assert "2 kooperatif" in report.summary.text()
    assert report.lines.toPlainText().startswith(
        "«liste.csv» şu anda Excel programında açık: orada kaydetmediğiniz değişiklikler okunmadı."
    )
    assert snapshot.count_cooperatives(store) == 2
    qtbot.keyClick(report, Qt.Key.Key_Escape)
    wait_idle(qtbot, worker)


def test_a_loaded_list_can_be_loaded_again_from_the_file_menu(
    qtbot: Any,
    make_ctx: Callable[[str], AppContext],
    worker: DbWorker,
    store: Store,
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
    monkeypatch: Any,
) -> None:
    """KOOP-BİS sends an updated list: the Kooperatifler page offered loading only while empty."""
    from koopbis_desktop.ui.mainwindow import MainWindow

    clerk = MainWindow(make_ctx("ayse"))
    qtbot.addWidget(clerk)
    hidden = clerk.findChild(QAction, "loadListAction")
    assert hidden is not None and not hidden.isVisible()  # the same rule as the page's button
    window = MainWindow(make_ctx("sef"))
    qtbot.addWidget(window)
    window.show()
    action = window.findChild(QAction, "loadListAction")
    file_menu = window.menuBar().actions()[0].menu()
    assert action is not None and action.isVisible()
    assert isinstance(file_menu, QMenu) and action in file_menu.actions()
    before = snapshot.count_cooperatives(store)
    path = write_csv(
        tmp_path / "guncel-liste.csv", COOP_HEADER, coop_rows(records(3, province="34", seed=41))
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    messages: list[str] = []
    window.ctx.hub.message.connect(messages.append)
    action.trigger()
    qtbot.waitUntil(lambda: snapshot.count_cooperatives(store) == before + 3, timeout=10_000)
    qtbot.waitUntil(lambda: any("3 kooperatif" in m for m in messages), timeout=10_000)
    wait_idle(qtbot, worker)


def test_the_file_dialog_offers_every_format_the_import_reads(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, monkeypatch: Any
) -> None:
    ctx = make_ctx("admin")
    parent = QWidget()
    qtbot.addWidget(parent)
    asked: list[str] = []

    def get_open_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
        asked.append(args[3])
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open_file_name))
    choose_and_load(ctx, parent)
    assert asked
    for pattern in ("*.xlsx", "*.xlsm", "*.xlsb", "*.xls", "*.ods", "*.csv", "*.txt"):
        assert f"{pattern} " in asked[0] or f"{pattern})" in asked[0], pattern
    assert "Tüm dosyalar (*)" in asked[0]
    assert worker.pending() == 0  # cancelled: nothing submitted


def test_a_second_click_while_the_list_loads_says_so_and_loads_nothing_twice(
    qtbot: Any, make_ctx: Callable[[str], AppContext], worker: DbWorker, store: Store, tmp_path: Path
) -> None:
    """Nothing said the list was loading (a province's list takes seconds): a second click loaded it again."""
    from koopbis_desktop.store import entries

    ctx = make_ctx("admin")
    parent = QWidget()
    qtbot.addWidget(parent)
    path = write_csv(tmp_path / "liste.csv", COOP_HEADER, coop_rows(records(3)))
    messages: list[str] = []
    ctx.hub.message.connect(messages.append)
    choose_and_load(ctx, parent, path=path)
    assert messages == ["Kooperatif listesi yükleniyor: liste.csv…"]
    choose_and_load(ctx, parent, path=path)
    assert messages[-1].startswith("Kooperatif listesi zaten yükleniyor")
    qtbot.waitUntil(lambda: any("3 kooperatif" in m for m in messages))
    wait_idle(qtbot, worker)
    loads = [r for r in entries.audit_rows(store) if r["action"] == "snapshot_import"]
    assert len(loads) == 1
    choose_and_load(ctx, parent, path=path)  # once done, it may be loaded again
    assert messages[-1] == "Kooperatif listesi yükleniyor: liste.csv…"
    wait_idle(qtbot, worker)
