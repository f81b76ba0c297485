"""The wrong file chosen: a member list as the cooperative list, the other way round, a PDF, a Word file.

Each was refused with the importer's generic sentence ("zorunlu sütunlar eksik: Sicil No, Unvan…",
"Dosya bir CSV metin dosyası değil (ikili veri içeriyor)… Excel'de açıp Farklı Kaydet"): true,
but it did not say what the file was nor where it belongs. Now the refusal says it, and a file
merely missing a column gets no such guess.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.services import member_import, snapshot_import
from koopbis_desktop.services.member_import import MemberListError
from koopbis_desktop.services.snapshot_import import SnapshotImportError
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store
from tests.services.member_lists import ADMIT_HEADERS, admit_rows, write_csv, write_xlsx
from tests.services.test_snapshot_import import COOP_HEADER, coop_rows, records

COOP = "06-900001"
MEMBER_LIST_HINT = "Bu dosya bir ortak listesi gibi görünüyor"
COOPERATIVE_LIST_HINT = "Bu dosya KOOP-BİS'in kooperatif listesi gibi görünüyor"


def a_pdf(path: Path) -> Path:
    path.write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 4
    )
    return path


def a_word_file(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return path


def test_a_member_list_chosen_as_the_cooperative_list_is_named_and_where_it_goes(
    snap: Store, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "uyeler.xlsx", ADMIT_HEADERS, admit_rows(3))
    with pytest.raises(SnapshotImportError) as refused:
        snapshot_import.import_file(snap, path)
    message = refused.value.message
    assert "zorunlu sütunlar eksik" in message
    assert MEMBER_LIST_HINT in message and "Dosya → Ortak listesi yükle…" in message
    assert "koopbis import members" in message
    assert snapshot.count_rows(snap)["cooperatives"] == 0


def test_a_cooperative_list_merely_missing_a_column_gets_no_such_guess(snap: Store, tmp_path: Path) -> None:
    header = [h for h in COOP_HEADER if h != "Tür"]
    rows = [
        [cell for h, cell in zip(COOP_HEADER, row, strict=True) if h != "Tür"]
        for row in coop_rows(records(2))
    ]
    with pytest.raises(SnapshotImportError) as refused:
        snapshot_import.import_file(snap, write_csv(tmp_path / "k.csv", header, rows))
    assert "zorunlu sütunlar eksik: Tür" in refused.value.message
    assert "gibi görünüyor" not in refused.value.message


def test_the_cooperative_list_chosen_as_a_member_list_is_named_and_where_it_goes(
    store: Store, cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "kooperatifler.csv", COOP_HEADER, coop_rows(records(3)))
    with pytest.raises(MemberListError) as refused:
        member_import.preview(store, path, COOP)
    message = refused.value.message
    assert COOPERATIVE_LIST_HINT in message and "Dosya → Kooperatif listesini yükle…" in message
    assert "koopbis snapshot import" in message
    # A member list with a column missing is told what is missing, nothing more.
    partial = write_csv(
        tmp_path / "eksik.csv", ["TCKN", "Adı Soyadı", "Giriş Tarihi"], [["10000000146", "A B", "1.1.2015"]]
    )
    with pytest.raises(MemberListError) as missing:
        member_import.preview(store, partial, COOP)
    assert "zorunlu sütunlar eksik" in missing.value.message and "gibi görünüyor" not in missing.value.message


def test_a_pdf_is_refused_as_a_pdf_by_both_importers(
    store: Store, cooperatives: list[dict[str, Any]], snap: Store, tmp_path: Path
) -> None:
    said = "liste.pdf: Dosya bir PDF belgesi: PDF'teki tablo okunamaz. Listeyi Excel (.xlsx) ya da CSV dosyası olarak isteyin."
    with pytest.raises(SnapshotImportError) as cooperative_list:
        snapshot_import.import_file(snap, a_pdf(tmp_path / "liste.pdf"))
    assert cooperative_list.value.message == said
    with pytest.raises(MemberListError) as member_list:
        member_import.preview(store, tmp_path / "liste.pdf", COOP)
    assert member_list.value.message == said
    # Whatever the name says: a PDF saved as .csv is still a PDF.
    with pytest.raises(SnapshotImportError, match="Dosya bir PDF belgesi"):
        snapshot_import.import_file(snap, a_pdf(tmp_path / "liste.csv"))


def test_a_word_file_is_refused_as_a_word_file(snap: Store, tmp_path: Path) -> None:
    with pytest.raises(SnapshotImportError) as refused:
        snapshot_import.import_file(snap, a_word_file(tmp_path / "liste.docx"))
    assert refused.value.message == (
        "liste.docx: Dosya bir Word belgesi: içindeki tablo okunamaz. Tabloyu Excel'e kopyalayıp Excel "
        "Çalışma Kitabı (.xlsx) olarak kaydedin."
    )
