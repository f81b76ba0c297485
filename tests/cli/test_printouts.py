"""``services.printouts``: the CLI's PDFs rendered by a child process, so the CLI itself loads no Qt."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pypdf
import pytest

from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.services import printouts, reports
from koopbis_desktop.services.reports import Facts, Paragraph, Report, Table
from koopbis_desktop.store.db import Store


def sample() -> Report:
    return Report(
        title="Günlük liste",
        authority="T.C. Ticaret Bakanlığı — İzmir Ticaret İl Müdürlüğü",
        subtitle="Çarşamba, 4 Mart 2015",
        sections=[
            Facts(
                items=[("Kooperatif", "Işıklar Konut Yapı Kooperatifi"), ("Sicil", "35-000123")], title="Özet"
            ),
            Table(
                columns=("Kayıt", "Tür", "Alındı"),
                rows=[("9ff0a1b2", "Ortaklığa giriş", "KB-1"), ("0c1d2e3f", "Genel kurul", "—")],
                title="Kayıtlar",
                widths=(3, 5, 2),
                unbroken=(0, 2),
                mono=(0,),
            ),
            Table(columns=("Boş",), rows=[], empty="Bu gün kayıt yok."),
            Paragraph(text="Şef onayıyla yazdırıldı."),
        ],
        signatures=("Düzenleyen memur", "Onaylayan şef"),
        closing=["Denetim izi: 12 satır, son özet abc123"],
        printed_at="04.03.2015 17:05",
        entry_ids=["9ff0a1b2", "0c1d2e3f"],
    )


def pdf_text(path: Path) -> tuple[int, str]:
    assert path.read_bytes().startswith(b"%PDF-")
    reader = pypdf.PdfReader(path)
    return len(reader.pages), re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def test_a_report_survives_the_trip_to_json(store: Store) -> None:
    for report in (sample(), reports.receipts_report(store, "06")):
        again = printouts.report_from_json(printouts.report_to_json(report))
        assert again.text() == report.text()
        assert printouts.report_to_json(again) == printouts.report_to_json(report)
        assert again.entry_ids == report.entry_ids and again.signatures == report.signatures


def test_the_child_writes_the_pdf(tmp_path: Path) -> None:
    target = tmp_path / "günlük.pdf"
    pages = printouts.write_pdf(sample(), target)
    count, text = pdf_text(target)
    assert pages == count >= 1
    assert "İzmirTicaretİlMüdürlüğü" in text and "9ff0a1b2" in text and "Bugünkayıtyok." in text
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.expect_log(r"^PDF renderer exited 1", logger="koopbis_desktop.services.printouts")
def test_a_failure_in_the_child_comes_back_as_a_turkish_sentence(tmp_path: Path) -> None:
    target = tmp_path / "yok" / "liste.pdf"
    with pytest.raises(printouts.PrintFailed) as failed:
        printouts.write_pdf(sample(), target)
    assert failed.value.message.startswith(f"PDF yazılamadı: {target}")
    assert failed.value.exit_code == ExitCode.ERROR
    assert "Traceback" not in failed.value.message


@pytest.mark.skipif(os.name == "nt", reason="the stand-in for the bundled program is a shell script")
def test_in_the_bundle_the_sibling_desktop_program_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bundle's folder: koopbis beside koopbis-desktop; this koopbis-desktop is the venv's app entry.
    bundle = tmp_path / "koopbis-desktop-bundle"
    bundle.mkdir()
    desktop = bundle / "koopbis-desktop"
    desktop.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -m koopbis_desktop.ui.app "$@"\n', encoding="utf-8"
    )
    desktop.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "koopbis"))
    assert printouts.render_command() == [str(desktop), "--render-pdf"]
    target = tmp_path / "alindilar.pdf"
    assert printouts.write_pdf(sample(), target) == pdf_text(target)[0]


@pytest.mark.expect_log(r"^PDF renderer exited 1", logger="koopbis_desktop.services.printouts")
def test_a_pdf_still_open_in_a_viewer_is_named_and_left_as_it_was(tmp_path: Path) -> None:
    # The supervisor prints the daily list again while yesterday's copy of the same name is open
    # in the PDF viewer (Windows refuses to replace it): she is told to close it, in Turkish,
    # the open copy is untouched and no half-written "gunluk.pdf.part" is left beside it.
    from tests.conftest import held_by_another_program

    target = tmp_path / "günlük liste.pdf"
    target.write_bytes(b"%PDF-1.4 dunku nusha")
    with held_by_another_program(target), pytest.raises(printouts.PrintFailed) as failed:
        printouts.write_pdf(sample(), target)
    assert failed.value.message.startswith(f"PDF yazılamadı: {target}: dosya başka bir programda")
    assert "kapatıp yeniden deneyin" in failed.value.message
    assert target.read_bytes() == b"%PDF-1.4 dunku nusha"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["günlük liste.pdf"]
