"""Laying a :class:`~koopbis_desktop.services.reports.Report` out on A4: PDF, printer and print preview.

Qt's own PDF writer does the work (no browser): the report becomes a
QTextDocument (tables with ``<thead>`` repeat their header row on every page
they span), painted page by page onto any QPagedPaintDevice — a QPdfWriter for a
file, the QPrinter a QPrintPreviewDialog hands us, or a printer. Each page gets
the directorate's name at the top and "Sayfa 1 / 3" with the print time at the
bottom. DejaVu Sans is asked for first because it has every Turkish letter on
every platform we ship to (ç ğ ı İ ö ş ü).
"""

from __future__ import annotations

import html
import itertools
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.services.reports import Facts, Paragraph, Report, Table

FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Arial"]
BODY_POINTS = 9.0
MARGINS_MM = QMarginsF(18, 16, 18, 16)
PDF_DPI = 300


def report_html(
    report: Report, breaks: dict[int, set[int]] | None = None, *, signatures_on_new_page: bool = False
) -> str:
    """The report body as the HTML subset QTextDocument understands.

    ``breaks``: per section index, the rows of that table that start a new page (the table is
    cut there and continues, header repeated, on the next page; see ``keep_rows_together``).
    ``signatures_on_new_page``: the signature lines start a page (they would not fit whole).
    """
    breaks = breaks or {}
    e = html.escape
    parts = [
        "<html><body>",
        f"<p style='font-size:8pt; color:#333'>{e(report.authority)}</p>",
        f"<h2 style='margin-bottom:2px'>{e(report.title)}</h2>",
    ]
    if report.subtitle:
        parts.append(f"<p style='color:#333'>{e(report.subtitle)}</p>")
    for index, section in enumerate(report.sections):
        if isinstance(section, Paragraph):
            parts.append(f"<p>{e(section.text)}</p>")
            continue
        if section.title:
            parts.append(f"<h4 style='margin-top:10px; margin-bottom:3px'>{e(section.title)}</h4>")
        if isinstance(section, Facts):
            parts.append("<table width='100%' cellspacing='0' cellpadding='2' border='0'>")
            for label, value in section.items:
                parts.append(
                    f"<tr><td width='32%' style='color:#444'>{e(label)}</td><td>{e(value)}</td></tr>"
                )
            parts.append("</table>")
            continue
        parts.append(_table_html(section, breaks.get(index, set())))
    if report.signatures:
        page_break = " style='page-break-before:always'" if signatures_on_new_page else ""
        parts.append(f"<p>&nbsp;</p><table width='100%' cellspacing='0' cellpadding='4'{page_break}><tr>")
        for who in report.signatures:
            parts.append(
                "<td align='center'><br/><br/>______________________________<br/>"
                f"{e(who)}<br/><span style='color:#555'>{e(tx('Ad Soyad / İmza / Tarih'))}</span></td>"
            )
        parts.append("</tr></table>")
    if report.closing:
        parts.append("<p>&nbsp;</p>")
        parts.extend(f"<p style='font-size:7.5pt; color:#222'>{e(line)}</p>" for line in report.closing)
    parts.append("</body></html>")
    return "".join(parts)


def _table_html(table: Table, breaks: set[int] | None = None) -> str:
    e = html.escape
    widths = table.widths or tuple(1 for _ in table.columns)
    total = sum(widths) or 1
    head = "".join(
        f"<th align='left' width='{round(100 * w / total)}%' bgcolor='#e6e6e6'>"
        f"<p style='white-space:pre'>{e(c)}</p></th>"
        for c, w in zip(table.columns, widths, strict=False)
    )

    def cell(index: int, text: str) -> str:
        if index in table.mono:
            style = "white-space:pre; font-family:'DejaVu Sans Mono'; font-size:7pt"
            return f'<td><p style="{style}">{e(text)}</p></td>'
        if index in table.unbroken:
            return f"<td><p style='white-space:pre'>{e(text)}</p></td>"
        return f"<td>{e(text)}</td>"

    body = [
        "<tr>" + "".join(cell(i, text) for i, text in enumerate(row)) + "</tr>" for row in table.rows
    ] or [f"<tr><td colspan='{len(table.columns)}'>{e(table.empty)}</td></tr>"]
    cuts = [0, *sorted(b for b in breaks or () if 0 < b < len(body)), len(body)]
    pieces = []
    for number, (start, end) in enumerate(itertools.pairwise(cuts)):
        # A cut table goes on with its header on the next page: a row is never split.
        page_break = " page-break-before:always;" if number else ""
        pieces.append(
            "<table width='100%' cellspacing='0' cellpadding='3' border='1' "
            f"style='border-collapse:collapse; border-color:#999; font-size:8pt;{page_break}'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body[start:end])}</tbody></table>"
        )
    return "".join(pieces)


def _table_segments(report: Report, breaks: dict[int, set[int]]) -> list[tuple[int, int] | None]:
    """The document's top-level tables in order: (section index, first row) for a Table
    section's pieces, None for the others (facts, signatures)."""
    out: list[tuple[int, int] | None] = []
    for index, section in enumerate(report.sections):
        if isinstance(section, Facts):
            out.append(None)
        elif isinstance(section, Table):
            rows = max(1, len(section.rows))
            starts = [0, *sorted(b for b in breaks.get(index, set()) if 0 < b < rows)]
            out.extend((index, start) for start in starts)
    if report.signatures:
        out.append(None)
    return out


def _first_split_row(document: QTextDocument, page_height: float) -> tuple[int, int] | None:
    """(top-level table number, row) of the first data row that crosses a page boundary."""
    layout = document.documentLayout()
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    for number, table in enumerate(tables):
        for row in range(1, table.rows()):  # row 0 is the header
            top = min(
                layout.blockBoundingRect(table.cellAt(row, c).firstCursorPosition().block()).top()
                for c in range(table.columns())
            )
            bottom = max(
                layout.blockBoundingRect(table.cellAt(row, c).lastCursorPosition().block()).bottom()
                for c in range(table.columns())
            )
            if int(top // page_height) != int(bottom // page_height) and bottom - top < page_height / 2:
                return number, row
    return None


def _signatures_split(document: QTextDocument, page_height: float) -> bool:
    """Whether the signature lines (the last top-level table) cross a page boundary."""
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    if not tables:
        return False
    layout = document.documentLayout()
    table = tables[-1]
    top = layout.frameBoundingRect(table).top()
    bottom = layout.frameBoundingRect(table).bottom()
    return int(top // page_height) != int(bottom // page_height)


def keep_rows_together(report: Report, device: QPagedPaintDevice, body: QSizeF) -> QTextDocument:
    """The laid-out document with no table row split across pages.

    QTextDocument has no keep-together: lay the report out, find the first row that crosses
    a page boundary, cut its table before that row (it goes on, header repeated, on the next
    page), and lay out again until no row crosses. The signature lines are kept whole too:
    a line on one page and the signer's caption on the next cannot be signed.
    """
    breaks: dict[int, set[int]] = {}
    signatures_on_new_page = False
    for _attempt in range(200):
        document = make_document(report, device, breaks, signatures_on_new_page=signatures_on_new_page)
        document.setPageSize(body)
        split = _first_split_row(document, body.height())
        if split is None:
            if (
                report.signatures
                and not signatures_on_new_page
                and _signatures_split(document, body.height())
            ):
                signatures_on_new_page = True
                continue
            return document
        segments = _table_segments(report, breaks)
        number, row = split
        segment = segments[number] if number < len(segments) else None
        if segment is None:
            return document  # a facts or signature table: short rows, left as laid out
        section, first = segment
        breaks.setdefault(section, set()).add(first + row - 1)
    return document


def report_font() -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BODY_POINTS)
    # No ligatures: an entry id such as "…9ff0…" must come out of the PDF (search,
    # copy, a later check of the signed copy) exactly as typed, not as "ﬀ".
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def make_document(
    report: Report,
    device: QPagedPaintDevice,
    breaks: dict[int, set[int]] | None = None,
    *,
    signatures_on_new_page: bool = False,
) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(report_font())
    document.setHtml(report_html(report, breaks, signatures_on_new_page=signatures_on_new_page))
    return document


def paint_report(report: Report, device: QPagedPaintDevice) -> int:
    """Paint every page of ``report`` on ``device`` (PDF writer or printer); the page count."""
    layout = device.pageLayout()
    dpi = device.logicalDpiY()
    page = layout.paintRectPixels(dpi)
    footer_height = dpi * 0.25  # a quarter inch for "Sayfa i / n"
    body = QSizeF(page.width(), page.height() - footer_height)
    document = keep_rows_together(report, device, body)
    pages = max(1, document.pageCount())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(tx("Yazdırma başlatılamadı (dosya ya da yazıcı açılamadı)."))
    try:
        small = report_font()
        small.setPointSizeF(7.5)
        for index in range(pages):
            if index:
                device.newPage()
            painter.save()
            painter.translate(0, -index * body.height())
            document.drawContents(painter, QRectF(0, index * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.black)
            foot = QRectF(0, body.height(), body.width(), footer_height)
            painter.drawLine(foot.topLeft(), foot.topRight())
            painter.drawText(
                foot,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                tx("{title} — yazdırma {printed_at}").format(
                    title=report.title, printed_at=report.printed_at
                ),
            )
            painter.drawText(
                foot,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                tx("Sayfa {page} / {pages}").format(page=index + 1, pages=pages),
            )
    finally:
        painter.end()
    return pages


def _a4(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )


def write_pdf(report: Report, path: Path | str) -> int:
    """Write ``report`` as an A4 PDF at ``path`` (atomically); the page count."""
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(PDF_DPI)
    writer.setTitle(report.title)
    writer.setCreator("KOOP-BİS Desktop")
    _a4(writer)
    try:
        try:
            pages = paint_report(report, writer)
        finally:
            del writer  # flushes and closes the file
        # Windows refuses to replace a PDF still open in a viewer: the old copy stays as it was.
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)  # no half-written "liste.pdf.part" left beside it
        raise
    return pages


def write_pdf_headless(report: Report, path: Path | str) -> int:
    """For the CLI: make sure a (window-less) Qt GUI application exists, then write the PDF."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
        try:
            return write_pdf(report, path)
        finally:
            del app
    return write_pdf(report, path)


class ReportPreview(QPrintPreviewDialog):
    """Print preview of a report; printing from it goes to the chosen printer or a PDF file."""

    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        self.page_printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # must outlive the dialog's use
        _a4(self.page_printer)
        self.page_printer.setDocName(report.title)
        super().__init__(self.page_printer, parent)
        self.report = report
        self.setWindowTitle(report.title)
        self.resize(900, 1000)
        self.paintRequested.connect(self.on_paint_requested)

    def on_paint_requested(self, target: QPrinter) -> None:
        paint_report(self.report, target)


def show_preview(parent: QWidget | None, report: Report) -> ReportPreview:
    """Open the preview without blocking the window behind it."""
    dialog = ReportPreview(report, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(False)
    dialog.show()
    return dialog
