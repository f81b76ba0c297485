"""A list still open in Excel or LibreOffice: what is not saved there is not read, and the person is told.

A clerk corrects the rows a refusal named, in Excel, and loads the list again without saving:
the file on disk is the old one, and the same refusal came back without a word on why. Excel
keeps ``~$name`` beside a file it has open, LibreOffice ``.~lock.name#``; the importers read
the file as before and say, beside what they read (and after a refusal), to save it first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.services import member_import, snapshot_import
from koopbis_desktop.services.member_import import MemberListError
from koopbis_desktop.services.snapshot_import import SnapshotImportError
from koopbis_desktop.services.spreadsheet import open_elsewhere, open_elsewhere_notice
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store
from tests.services.member_lists import ADMIT_HEADERS, admit_rows, opened_in_excel, write_csv, write_xlsx
from tests.services.test_snapshot_import import COOP_HEADER, coop_rows, records

COOP = "06-900001"


def opened_in_libreoffice(path: Path) -> Path:
    lock = path.with_name(f".~lock.{path.name}#")
    lock.write_text(
        "ayse,PC-3,ayse,02.12.2026 09:14,file:///home/ayse/.config/libreoffice/4;", encoding="utf-8"
    )
    return lock


def test_the_program_holding_a_file_open_is_told_by_its_lock_file(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "Ortak Listesi.xlsx", ADMIT_HEADERS, admit_rows(1))
    assert open_elsewhere(path) == "" and open_elsewhere_notice(path) == ""
    # Another workbook open beside it says nothing about this one.
    opened_in_excel(tmp_path / "Başka Liste.xlsx")
    (tmp_path / "~$rtak Listesi.xlsx").write_bytes(b"x")  # Word's shortened name, not Excel's
    assert open_elsewhere(path) == ""
    lock = opened_in_excel(path)
    assert open_elsewhere(path) == "Excel"
    assert open_elsewhere_notice(path) == (
        "«Ortak Listesi.xlsx» şu anda Excel programında açık: orada kaydetmediğiniz değişiklikler "
        "okunmadı. Önce Excel programında kaydedin (Ctrl+S), sonra dosyayı yeniden okutun."
    )
    lock.unlink()
    opened_in_libreoffice(path)
    assert open_elsewhere(path) == "LibreOffice"
    assert "LibreOffice programında açık" in open_elsewhere_notice(path)


def test_a_member_list_open_in_excel_is_read_and_the_preview_says_to_save_it_first(
    store: Store, cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(3, seed=5))
    assert member_import.preview(store, path, COOP).notice == ""
    opened_in_excel(path)
    preview = member_import.preview(store, path, COOP)
    assert len(preview.rows) == 3 and not preview.invalid_rows  # read as saved, nothing refused
    assert preview.notice.startswith("«liste.xlsx» şu anda Excel programında açık")
    assert preview.to_json()["open_elsewhere"] == preview.notice


def test_a_refused_member_list_open_in_excel_says_why_the_same_refusal_may_come_back(
    store: Store, cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    wrong = write_csv(tmp_path / "yanlis.csv", ["Ürün", "Fiyat", "Adet"], [["elma", "3", "5"]])
    opened_in_libreoffice(wrong)
    with pytest.raises(MemberListError) as refused:
        member_import.preview(store, wrong, COOP)
    assert "başlık satırı bulunamadı" in refused.value.message
    assert refused.value.message.endswith("sonra dosyayı yeniden okutun.")
    assert "«yanlis.csv» şu anda LibreOffice programında açık" in str(refused.value)


def test_a_cooperative_list_open_in_excel_is_imported_and_its_report_says_so(
    snap: Store, tmp_path: Path
) -> None:
    recs = records(4, seed=8)
    path = write_csv(tmp_path / "kooperatifler.csv", COOP_HEADER, coop_rows(recs))
    opened_in_excel(path)
    report = snapshot_import.import_file(snap, path)
    assert report.counts["cooperatives"] == 4 and snapshot.get_record(snap, recs[0]["id"]) is not None
    assert report.notices == (open_elsewhere_notice(path),)
    assert "«kooperatifler.csv» şu anda Excel programında açık" in report.text()


def test_a_refused_cooperative_list_open_in_excel_names_it_and_changes_nothing(
    snap: Store, tmp_path: Path
) -> None:
    recs = records(4, seed=9)
    rows = coop_rows(recs)
    rows[1][6] = "1234567891"  # a VKN whose checksum fails, "corrected" in Excel but not saved
    path = write_csv(tmp_path / "kooperatifler.csv", COOP_HEADER, rows)
    opened_in_excel(path)
    with pytest.raises(SnapshotImportError) as refused:
        snapshot_import.import_file(snap, path)
    assert "hiçbir şey değişmedi" in refused.value.message
    assert "«kooperatifler.csv» şu anda Excel programında açık" in refused.value.message
    assert snapshot.count_rows(snap)["cooperatives"] == 0
