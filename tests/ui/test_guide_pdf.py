"""The printed user guide: A4, a table of contents whose page numbers are right, every chapter, pictures."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from koopbis_desktop.services.guide import load_guide
from koopbis_desktop.ui import guide_pdf


def _text(page: Any) -> str:
    return re.sub(r"\s+", " ", page.extract_text())


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    path = tmp_path_factory.mktemp("kilavuz") / "kilavuz.pdf"
    pages = guide_pdf.write_guide_pdf(path, "tr")
    del app
    return path, pages


def test_a4_with_page_numbers_on_every_page(printed: tuple[Path, int]) -> None:
    path, pages = printed
    reader = PdfReader(str(path))
    assert len(reader.pages) == pages > 20
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595) < 2 and abs(height - 842) < 2  # A4 in points
        assert f"Sayfa {number} / {pages}" in _text(page)
    assert reader.metadata is not None and reader.metadata.title == load_guide("tr").title


def test_the_contents_list_every_chapter_on_the_page_it_starts(printed: tuple[Path, int]) -> None:
    path, _ = printed
    reader = PdfReader(str(path))
    guide = load_guide("tr")
    assert "İçindekiler" in _text(reader.pages[0])
    contents, contents_pages = "", 0
    for page in reader.pages:  # the contents end with the last chapter, whose title is seen there first
        contents += _text(page) + " "
        contents_pages += 1
        if guide.chapters[-1].title in contents:
            break
    starts = []
    for chapter in guide.chapters:
        found = re.search(re.escape(chapter.title) + r" (\d+)", contents)
        assert found, f"{chapter.title} is not in the contents"
        start = int(found.group(1))
        assert start > contents_pages
        assert chapter.title in _text(reader.pages[start - 1]), f"{chapter.title} is not on page {start}"
        starts.append(start)
    assert starts == sorted(set(starts))  # each chapter on its own page, in order
    assert starts[-1] == len(reader.pages)  # the 12 Mart checklist is the last page, and one page


def test_every_chapter_and_every_picture_is_printed(printed: tuple[Path, int]) -> None:
    path, _ = printed
    reader = PdfReader(str(path))
    guide = load_guide("tr")
    everything = " ".join(_text(p) for p in reader.pages)
    for section in guide.sections():
        assert section.title in everything, section.title
    pictures = sum(len(page.images) for page in reader.pages)
    assert pictures >= len(guide.images())
    assert "ﬁ" not in everything  # no ligatures: "şefin" stays searchable


def test_the_module_writes_the_pdf_from_the_command_line(tmp_path: Path, qapp: Any, capsys: Any) -> None:
    out = tmp_path / "kilavuz.pdf"
    assert guide_pdf.main([str(out), "--lang", "tr"]) == 0
    assert out.is_file() and "sayfa" in capsys.readouterr().out
    assert guide_pdf.main([str(tmp_path / "yok" / "kilavuz.pdf")]) == 1
    assert "Kılavuz yazdırılamadı: klasör bulunamadı" in capsys.readouterr().err


def test_the_desktop_program_prints_the_guide_without_a_window(tmp_path: Path, qapp: Any) -> None:
    """``koopbis-desktop --guide-pdf``: what the bundle's command line starts (it has no ``python -m``)."""
    from koopbis_desktop.ui.app import main as desktop_main

    out = tmp_path / "kilavuz.pdf"
    assert desktop_main(["--guide-pdf", str(out)]) == 0
    assert "İçindekiler" in _text(PdfReader(str(out)).pages[0])
    assert [w for w in qapp.topLevelWidgets() if w.isVisible()] == []
