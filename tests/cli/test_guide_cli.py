"""``koopbis guide --pdf``: the printed user guide from the command line, without Qt in the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from koopbis_desktop.cli import main
from koopbis_desktop.services.guide import load_guide


def test_guide_pdf_is_written_with_every_chapter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "kilavuz.pdf"
    assert main(["guide", "--pdf", str(target)]) == 0
    assert f"Kullanıcı kılavuzu yazıldı: {target}" in capsys.readouterr().out
    reader = PdfReader(str(target))
    text = " ".join(page.extract_text() for page in reader.pages)
    for chapter in load_guide("tr").chapters:
        assert chapter.title.split()[0] in text


def test_guide_without_a_file_says_what_to_type(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guide"]) == 2
    assert "koopbis guide --pdf kilavuz.pdf" in capsys.readouterr().err


@pytest.mark.expect_log(r"^command failed: Kılavuz yazdırılamadı", logger="koopbis.cli")
def test_guide_into_a_missing_folder_is_refused_in_turkish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["guide", "--pdf", str(tmp_path / "yok" / "kilavuz.pdf")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Kılavuz yazdırılamadı: klasör bulunamadı")
    assert "Traceback" not in err
