"""The printed user guide: an A4 PDF with a table of contents, page numbers and screenshots.

Qt's own PDF writer (no browser), DejaVu Sans first for the Turkish letters, as the
other printouts (:mod:`koopbis_desktop.ui.printing`). The guide's chapters are one
QTextDocument (:mod:`koopbis_desktop.ui.guide_document`), each chapter on a new
page; once it is laid out, the page of every heading is known, and the table of
contents in front of it lists chapters and their sections with those page numbers.

Run on its own for the command line, which must not import Qt
(:func:`koopbis_desktop.services.guide.write_guide_pdf` starts it in a child process):

    python -m koopbis_desktop.ui.guide_pdf kilavuz.pdf [--lang tr]
"""

from __future__ import annotations

import argparse
import html
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from koopbis_desktop import __version__
from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.services.guide import DEFAULT_LANGUAGE, Guide, load_guide
from koopbis_desktop.ui.guide_document import build_guide_document, guide_font, heading_blocks

PDF_DPI = 300
MARGINS_MM = QMarginsF(20, 18, 20, 16)
BODY_POINTS = 10.0
CONTENTS_TITLE = {"tr": "İçindekiler", "en": "Contents"}
PAGE_WORD = {"tr": "Sayfa", "en": "Page"}


@dataclass(frozen=True)
class ContentsLine:
    title: str
    level: int
    page: int  # 1-based page of the PDF


def _contents_html(guide: Guide, lines: Sequence[ContentsLine]) -> str:
    e = html.escape
    rows = []
    for line in lines:
        title = f"<b>{e(line.title)}</b>" if line.level == 1 else e(line.title)
        indent = "" if line.level == 1 else "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;"
        top = "6px" if line.level == 1 else "0px"
        rows.append(
            f"<tr><td style='padding-top:{top}'>{indent}{title}</td>"
            f"<td align='right' style='padding-top:{top}'>{line.page}</td></tr>"
        )
    return (
        f"<h1>{e(guide.title)}</h1>"
        f"<p>Sürüm {e(__version__)} · {date.today().strftime('%d.%m.%Y')}</p>"
        f"<h2>{e(CONTENTS_TITLE.get(guide.language, CONTENTS_TITLE['tr']))}</h2>"
        f"<table width='100%' cellspacing='0' cellpadding='1'>{''.join(rows)}</table>"
    )


def _contents_document(
    guide: Guide, lines: Sequence[ContentsLine], writer: QPdfWriter, size: QSizeF
) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(guide_font(BODY_POINTS))
    document.setHtml(_contents_html(guide, lines))
    document.setPageSize(size)
    return document


def _a4(writer: QPdfWriter) -> None:
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )


def write_guide_pdf(path: Path | str, language: str = DEFAULT_LANGUAGE) -> int:
    """Write the guide in ``language`` as an A4 PDF at ``path`` (atomically); the page count."""
    guide = load_guide(language)
    target = Path(path)
    if not target.parent.is_dir():
        raise KoopbisError(f"Kılavuz yazdırılamadı: klasör bulunamadı: {target.parent}")
    tmp = target.with_name(target.name + ".part")
    writer = QPdfWriter(str(tmp))
    try:
        writer.setResolution(PDF_DPI)
        writer.setTitle(guide.title)
        writer.setCreator("KOOP-BİS Desktop")
        _a4(writer)
        pages = _paint(guide, writer)
    finally:
        del writer  # flushes and closes the file
    os.replace(tmp, target)
    return pages


def _paint(guide: Guide, writer: QPdfWriter) -> int:
    dpi = writer.logicalDpiY()
    page = writer.pageLayout().paintRectPixels(dpi)
    footer_height = dpi * 0.3
    body_size = QSizeF(page.width(), page.height() - footer_height)
    body = build_guide_document(
        guide,
        font=guide_font(BODY_POINTS),
        # Qt measures images in 1/96 inch and scales them to the device itself.
        image_width=body_size.width() * 96 / dpi,
        image_scale=0.8,  # a screenshot a little smaller than on screen: whole windows fit
        chapter_page_breaks=True,
        device=writer,
    )
    body.setPageSize(body_size)
    layout = body.documentLayout()
    heading_pages = []
    for (number, _level), section in zip(heading_blocks(body), guide.sections(), strict=True):
        top = layout.blockBoundingRect(body.findBlockByNumber(number)).top()
        heading_pages.append((section, int(top // body_size.height())))
    listed = [(s, p) for s, p in heading_pages if s.level <= 2]

    def contents(offset: int) -> QTextDocument:
        lines = [ContentsLine(s.title, s.level, offset + p + 1) for s, p in listed]
        return _contents_document(guide, lines, writer, body_size)

    # The contents' own length moves the body's page numbers; numbers of the same width
    # do not change its length, so a second layout with the real offset is final.
    front_pages = contents(999).pageCount()
    front = contents(front_pages)
    body_pages = body.pageCount()
    total = front_pages + body_pages
    painter = QPainter()
    if not painter.begin(writer):
        raise KoopbisError("Kılavuz yazdırılamadı: PDF dosyası açılamadı.")
    try:
        small = guide_font(7.5)
        word = PAGE_WORD.get(guide.language, PAGE_WORD["tr"])
        printed = 0
        for document, count in ((front, front_pages), (body, body_pages)):
            for index in range(count):
                if printed:
                    writer.newPage()
                painter.save()
                painter.translate(0, -index * body_size.height())
                document.drawContents(
                    painter, QRectF(0, index * body_size.height(), body_size.width(), body_size.height())
                )
                painter.restore()
                printed += 1
                painter.setFont(small)
                painter.setPen(Qt.GlobalColor.black)
                foot = QRectF(0, body_size.height(), body_size.width(), footer_height)
                painter.drawLine(foot.topLeft(), foot.topRight())
                painter.drawText(
                    foot, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), guide.title
                )
                painter.drawText(
                    foot,
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    f"{word} {printed} / {total}",
                )
    finally:
        painter.end()
    return total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m koopbis_desktop.ui.guide_pdf", description="Kullanıcı kılavuzunu A4 PDF olarak yazar."
    )
    parser.add_argument("out", help="yazılacak PDF dosyası, ör. kilavuz.pdf")
    parser.add_argument("--lang", default=DEFAULT_LANGUAGE, choices=("tr", "en"), help="kılavuzun dili")
    args = parser.parse_args(list(argv) if argv is not None else None)
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    try:
        pages = write_guide_pdf(args.out, args.lang)
    except KoopbisError as exc:
        _say(exc.message, sys.stderr)
        return int(exc.exit_code)
    except OSError as exc:
        _say(f"Kılavuz yazdırılamadı: {args.out} ({exc.strerror or exc}).", sys.stderr)
        return 1
    _say(f"{args.out}: {pages} sayfa", sys.stdout)
    return 0


def _say(text: str, stream: TextIO | None) -> None:
    # A windowed program on Windows (the bundle's koopbis-desktop) has no console streams.
    if stream is not None:
        print(text, file=stream)


if __name__ == "__main__":
    sys.exit(main())
