"""The user guide as one QTextDocument: Qt's own Markdown reader, heading anchors, sized images.

Shared by the help window (:mod:`koopbis_desktop.ui.help`) and the printed guide
(:mod:`koopbis_desktop.ui.guide_pdf`), so both show the same text with the same
anchors. Qt's Markdown reader gives headings no names; each heading block gets
the anchor :mod:`koopbis_desktop.services.guide` computed for it, in reading
order, so ``scrollToAnchor("sefin-incelemesi")`` and a ``#sefin-incelemesi`` link
both land on the heading.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPagedPaintDevice,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)

from koopbis_desktop.services.guide import Guide

FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Arial"]
_HEADING_SCALE = {1: 1.9, 2: 1.4, 3: 1.15}


def guide_font(points: float) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    # No ligatures: "fi" must come out of the PDF as two letters, so a search in the
    # printed guide for "şefin" finds it.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def heading_blocks(document: QTextDocument) -> list[tuple[int, int]]:
    """(block number, heading level) of every heading, in reading order."""
    found = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level > 0:
            found.append((block.blockNumber(), level))
        block = block.next()
    return found


def build_guide_document(
    guide: Guide,
    *,
    font: QFont | None = None,
    image_width: float = 760.0,
    image_scale: float = 1.0,
    chapter_page_breaks: bool = False,
    device: QPagedPaintDevice | None = None,
) -> QTextDocument:
    """The whole guide in one document.

    ``image_width`` is the widest an image is shown (in the document's units: screen
    pixels in the help window, device pixels when printing); narrower screenshots
    keep their size times ``image_scale``. With ``chapter_page_breaks`` every chapter
    starts on a new page. A ``device`` (PDF writer, printer) is set before the text goes
    in, so fonts are measured for it.
    """
    document = QTextDocument()
    if device is not None:
        document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(font or guide_font(10.0))
    document.setMarkdown(guide.combined_markdown(), QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    _name_headings(document, guide, chapter_page_breaks)
    _size_images(document, image_width, image_scale)
    return document


def _name_headings(document: QTextDocument, guide: Guide, page_breaks: bool) -> None:
    sections = guide.sections()
    base = document.defaultFont().pointSizeF()
    headings = heading_blocks(document)
    if len(headings) != len(sections):
        raise ValueError(f"the guide has {len(sections)} headings, the rendered document {len(headings)}")
    for index, ((number, _level), section) in enumerate(zip(headings, sections, strict=True)):
        block = document.findBlockByNumber(number)
        cursor = QTextCursor(block)
        cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        if cursor.selectedText().startswith("\u2029"):
            # BlockUnderCursor takes the separator before the block too; keep the anchor on the heading.
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        anchor = QTextCharFormat()
        anchor.setAnchor(True)
        anchor.setAnchorNames([section.anchor])
        # Qt's Markdown headings are very large; these keep a chapter title above its sections.
        anchor.setFontPointSize(base * _HEADING_SCALE.get(section.level, 1.0))
        cursor.mergeCharFormat(anchor)
        spacing = QTextBlockFormat()
        spacing.setTopMargin(base * (1.6 if section.level <= 2 else 1.0))
        spacing.setBottomMargin(base * 0.4)
        if page_breaks and section.level == 1 and index > 0:
            spacing.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).mergeBlockFormat(spacing)


def _size_images(document: QTextDocument, widest: float, scale: float) -> None:
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            iterator += 1
            if not fragment.isValid() or not fragment.charFormat().isImageFormat():
                continue
            image_format: QTextImageFormat = fragment.charFormat().toImageFormat()
            image = QImage(QUrl(image_format.name()).toLocalFile())
            if image.isNull():
                continue
            width = min(widest, image.width() * scale)
            image_format.setWidth(width)
            image_format.setHeight(width * image.height() / image.width())
            cursor = QTextCursor(document)
            cursor.setPosition(fragment.position())
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(image_format)
        block = block.next()


__all__ = ["FONT_FAMILIES", "build_guide_document", "guide_font", "heading_blocks"]
