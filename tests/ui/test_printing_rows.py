"""Issue 15, item 9: a printed table row never splits across a page break."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdf
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPdfWriter, QTextTable

from koopbis_desktop.services.reports import Report, Table
from koopbis_desktop.ui import printing

COLUMNS = ("Sıra", "Kayıt no", "Tür", "Kooperatif", "Durum", "Yazan", "Onaylayan")


def tall_rows() -> list[tuple[str, ...]]:
    # Rows of different heights (two-line numbers, long wrapped titles), so some meet a page end.
    return [
        (
            str(i),
            f"2015/{i:06d}\n{'ab12' * 9}",
            "Ortaklığa giriş " * (1 + i % 5),
            "Işıklı Konut Kooperatifi " * (i % 7 + 1),
            "Onaylandı",
            "memur",
            "şef",
        )
        for i in range(1, 121)
    ]


def test_no_row_crosses_a_page_break_and_every_row_is_printed(qapp: Any, tmp_path: Path) -> None:
    report = Report(title="Günlük liste", authority="T.C.", sections=[Table(COLUMNS, tall_rows(), mono=(1,))])
    writer = QPdfWriter(str(tmp_path / "olcu.pdf"))
    printing._a4(writer)
    dpi = writer.logicalDpiY()
    page = writer.pageLayout().paintRectPixels(dpi)
    body = QSizeF(page.width(), page.height() - dpi * 0.25)

    plain = printing.make_document(report, writer)
    plain.setPageSize(body)
    assert printing._first_split_row(plain, body.height()) is not None  # the layout alone splits rows

    kept = printing.keep_rows_together(report, writer, body)
    assert printing._first_split_row(kept, body.height()) is None

    pdf = tmp_path / "liste.pdf"
    pages = printing.write_pdf(report, pdf)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    squeezed = "".join(text.split())
    positions = [squeezed.find(f"2015/{i:06d}") for i in range(1, 121)]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)  # every row, in order
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == pages
    for sheet in reader.pages:  # every page that continues the table repeats its header
        assert "SıraKayıtnoTürKooperatifDurumYazanOnaylayan" in "".join(sheet.extract_text().split())


def test_the_signature_lines_are_never_cut_from_their_captions(qapp: Any, tmp_path: Path) -> None:
    # A supervisor signs the daily list: the line on one page and "Onaylayan şef / Ad Soyad /
    # İmza / Tarih" on the next cannot be signed. Find a list length whose plain layout does that.
    writer = QPdfWriter(str(tmp_path / "olcu.pdf"))
    printing._a4(writer)
    dpi = writer.logicalDpiY()
    page = writer.pageLayout().paintRectPixels(dpi)
    body = QSizeF(page.width(), page.height() - dpi * 0.25)

    def daily(rows: int) -> Report:
        return Report(
            title="Günlük liste",
            authority="T.C.",
            sections=[Table(("Sıra", "Kooperatif"), [(str(i), "Işıklı Konut") for i in range(rows)])],
            signatures=("Düzenleyen memur", "Onaylayan şef"),
            closing=["Denetim izi: 3 kayıt"],
        )

    def signatures_split(document: Any) -> bool:
        table = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)][-1]
        rect = document.documentLayout().frameBoundingRect(table)
        return int(rect.top() // body.height()) != int(rect.bottom() // body.height())

    def plain_split(rows: int) -> bool:
        document = printing.make_document(daily(rows), writer)
        document.setPageSize(body)
        return signatures_split(document)

    rows = next(n for n in range(20, 120) if plain_split(n))
    assert not signatures_split(printing.keep_rows_together(daily(rows), writer, body))

    pdf = tmp_path / "imza.pdf"
    printing.write_pdf(daily(rows), pdf)
    for sheet in pypdf.PdfReader(pdf).pages:
        text = "".join(sheet.extract_text().split())
        assert ("____" in text) == ("OnaylayanşefAdSoyad/İmza/Tarih" in text)
