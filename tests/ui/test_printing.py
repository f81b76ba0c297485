"""Printouts through Qt's PDF writer: real PDFs read back (pypdf text, pypdfium2 pixels)."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest
from PySide6.QtCore import Qt

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import reports
from koopbis_desktop.store import audit
from koopbis_desktop.store.db import Store
from koopbis_desktop.ui.printing import ReportPreview, write_pdf
from sync import manual
from tests.server.conftest import payload_for
from tests.sync.conftest import admission, approved, assembly, day

TURKISH = "çğıİöşüÇĞÖŞÜ"


def read_pdf(path: Path) -> tuple[int, str, str]:
    """(pages, text as extracted, text with all whitespace removed)."""
    assert path.read_bytes().startswith(b"%PDF-")
    reader = pypdf.PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), text, re.sub(r"\s+", "", text)


def ink_share(path: Path, page: int = 0) -> float:
    """Share of non-white pixels of a page rendered by PDFium (an independent PDF reader)."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        bitmap = document[page].render(scale=0.5, grayscale=True)
        data = bytes(bitmap.buffer)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    finally:
        document.close()
    dark = sum(1 for y in range(height) for b in data[y * stride : y * stride + width] if b < 200)
    return float(dark / (width * height))


@pytest.fixture
def queue(store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]) -> list[Any]:
    clerk, sef = people["ayse"], people["sef"]
    rng = random.Random(21)
    made = [approved(store, clerk, sef, "member.admit", "06-900001", admission(rng, day(1), 1))]
    made.append(approved(store, clerk, sef, "assembly.record", "06-900001", assembly(day(2))))
    made.append(
        approved(store, clerk, sef, "cooperative.register", None, payload_for("cooperative.register", None))
    )
    for i in range(60):
        coop = cooperatives[i % 20]["id"]
        made.append(
            approved(store, clerk, sef, "member.admit", coop, admission(rng, day(3 + i % 10), 10 + i))
        )
    return made


def test_entry_slip_has_every_field_signatures_and_turkish_letters(
    qapp: Any, store: Store, queue: list[Any], tmp_path: Path
) -> None:
    registration = queue[2]
    report = reports.entry_slip(store, registration.uuid, "06")
    pdf = tmp_path / "fis.pdf"
    pages = write_pdf(report, pdf)
    count, text, squeezed = read_pdf(pdf)
    assert count == pages >= 1
    assert registration.uuid in squeezed
    assert "T.C. GÜMRÜK VE TİCARET BAKANLIĞI / Ankara Ticaret İl Müdürlüğü" in " ".join(text.split())
    assert ("KayıtFişi" in squeezed and "Kuruluşkaydı" in squeezed) or "Kuruluş" in squeezed
    for founder in registration.payload["founders"]:
        assert re.sub(r"\s+", "", founder["full_name"]) in squeezed
    assert "Düzenleyenmemur" in squeezed and "Onaylayanşef" in squeezed
    assert f"Sayfa1/{count}" in squeezed
    assert "Önceki" not in squeezed or "Öncekiveyenideğerler" in squeezed
    assert ink_share(pdf) > 0.01


def test_daily_list_pages_ids_and_audit_anchor(
    qapp: Any, store: Store, queue: list[Any], tmp_path: Path
) -> None:
    report = reports.daily_list(store, date.today(), "06")
    assert report.entry_ids == [e.uuid for e in queue]
    pdf = tmp_path / "gunluk.pdf"
    pages = write_pdf(report, pdf)
    count, text, squeezed = read_pdf(pdf)
    assert count == pages >= 2  # 63 entries do not fit on one A4 page
    for entry in queue:
        assert entry.uuid in squeezed
    seq, digest = audit.head(store.conn)
    assert digest in squeezed and f"Denetimizi:{seq}kayıt" in squeezed
    assert "Zincirdoğrulaması:sağlam" in squeezed
    for page in range(1, count + 1):
        assert f"Sayfa{page}/{count}" in squeezed
    # The table header repeats on every page the table spans.
    reader = pypdf.PdfReader(pdf)
    for sheet in reader.pages:
        page_text = re.sub(r"\s+", "", sheet.extract_text())
        if any(entry.uuid in page_text for entry in queue):
            assert "SıraKayıtnoTürKooperatifDurumYazanOnaylayan" in page_text
    # The title of the Turkish cooperative survives (ç ğ ı İ ö ş ü and capitals).
    assert "IŞIKÇağdaşGüneşliÖren" in squeezed
    assert all(letter in text for letter in "çğıİöşüÇÖŞ")
    assert ink_share(pdf, 0) > 0.01 and ink_share(pdf, count - 1) > 0.001


def test_worklist_and_receipts_reports(
    qapp: Any, store: Store, people: dict[str, Actor], queue: list[Any], tmp_path: Path
) -> None:
    manual.record_entered(store, people["sef"], queue[0].uuid, "KB-2015-0001")
    manual.record_problem(store, people["sef"], queue[3].uuid, "KOOP-BİS sayfası açılmadı")
    pdf = tmp_path / "liste.pdf"
    write_pdf(manual.worklist_report(store, "06"), pdf)
    _count, _text, squeezed = read_pdf(pdf)
    remaining = [e for e in queue if e.uuid != queue[0].uuid]
    for entry in remaining:
        assert entry.uuid in squeezed
    assert queue[0].uuid not in squeezed
    assert "KOOP-BİSsayfasıaçılmadı" in squeezed
    assert ink_share(pdf) > 0.01

    receipts = tmp_path / "alindi.pdf"
    write_pdf(reports.receipts_report(store, "06"), receipts)
    _count, _text, squeezed = read_pdf(receipts)
    assert queue[0].uuid in squeezed and "KB-2015-0001" in squeezed and "Elle" in squeezed


def test_preview_paints_the_same_report(qtbot: Any, store: Store, queue: list[Any]) -> None:
    report = reports.entry_slip(store, queue[0].uuid, "06")
    dialog = ReportPreview(report)
    qtbot.addWidget(dialog)
    painted: list[int] = []
    dialog.paintRequested.connect(lambda _printer: painted.append(1))
    dialog.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=5000)
    assert dialog.windowTitle() == "Kayıt Fişi"


def test_review_dialog_opens_the_entry_slip_preview(
    qtbot: Any, store: Store, queue: list[Any], make_ctx: Any
) -> None:
    from koopbis_desktop.ui.review import ReviewDialog
    from tests.ui.conftest import wait_idle

    ctx = make_ctx("sef2")
    dialog = ReviewDialog(ctx, queue[0].uuid)
    qtbot.addWidget(dialog)
    wait_idle(qtbot, ctx.worker)
    qtbot.mouseClick(dialog.slip_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(ReportPreview) is not None, timeout=5000)
    preview = dialog.findChild(ReportPreview)
    assert preview is not None and preview.report.entry_ids == [queue[0].uuid]
    assert preview.report.title == "Kayıt Fişi"
    preview.close()


def test_daily_list_menu_action_previews_the_days_list(
    qtbot: Any, store: Store, queue: list[Any], make_ctx: Any
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from koopbis_desktop.ui.print_actions import DailyListDialog, install_print_actions
    from tests.ui.conftest import wait_idle

    ctx = make_ctx("sef")
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("&Dosya")
    action = install_print_actions(window, ctx, menu)
    assert action.text() == "&Günlük liste…"

    def accept_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DailyListDialog)
        assert dialog.day() == date.today()
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)

    QTimer.singleShot(100, accept_dialog)
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(ReportPreview) is not None, timeout=5000)
    wait_idle(qtbot, ctx.worker)
    preview = window.findChild(ReportPreview)
    assert preview is not None and preview.report.title == "Günlük liste"
    assert preview.report.entry_ids == [e.uuid for e in queue]
    preview.close()


def test_the_pdf_child_prints_in_the_language_it_is_given(
    tmp_path: Path, store: Store, queue: list[Any]
) -> None:
    from koopbis_desktop.domain import i18n
    from koopbis_desktop.services.printouts import report_to_json
    from koopbis_desktop.ui.render_pdf import render

    i18n.set_language("en")
    report = reports.entry_slip(store, queue[0].uuid, "06")
    i18n.set_language("tr")  # the child is told the language; it does not inherit it
    target = tmp_path / "slip-en.pdf"
    answer = render({"report": report_to_json(report), "target": str(target), "language": "en"})
    assert answer == {"pages": 1}, answer
    _count, _text, squeezed = read_pdf(target)
    for words in ("EntrySlip", "Page1/1", "Name/Signature/Date", "Approvedby(supervisor)"):
        assert words in squeezed, (words, squeezed)
    assert "Sayfa" not in squeezed and "İmza" not in squeezed
