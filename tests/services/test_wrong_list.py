"""The wrong file chosen: a member list as the cooperative list, the other way round, a PDF, a Word file,
a PowerPoint or a saved e-mail; and a list protected with a password.

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
from tests.services.member_lists import (
    ADMIT_HEADERS,
    admit_rows,
    write_compound_file,
    write_csv,
    write_encrypted_xls,
    write_protected_xlsx,
    write_xlsx,
)
from tests.services.test_snapshot_import import COOP_HEADER, coop_rows, records

COOP = "06-900001"
MEMBER_LIST_HINT = "Bu dosya bir ortak listesi gibi görünüyor"
COOPERATIVE_LIST_HINT = "Bu dosya KOOP-BİS'in kooperatif listesi gibi görünüyor"


def a_pdf(path: Path) -> Path:
    path.write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 4
    )
    return path


def an_office_file(path: Path, part: str) -> Path:
    """A Word or PowerPoint file as far as telling it from a workbook needs: its main part."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(part, '<?xml version="1.0"?><document/>')
    return path


def a_word_file(path: Path) -> Path:
    return an_office_file(path, "word/document.xml")


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


WORD = "Dosya bir Word belgesi: içindeki tablo okunamaz."
PRESENTATION = "Dosya bir PowerPoint sunusu: içindeki tablo okunamaz."
MAIL = (
    "Dosya bir Outlook e-postası (.msg), listenin kendisi değil. E-postayı Outlook'ta açıp ekindeki listeyi"
)


@pytest.mark.parametrize(
    ("name", "streams", "said"),
    [
        ("liste.doc", ["WordDocument", "1Table"], WORD),
        ("liste.xls", ["WordDocument", "1Table"], WORD),  # renamed: its content decides
        ("liste.ppt", ["PowerPoint Document", "Current User"], PRESENTATION),
        ("liste.msg", ["__properties_version1.0", "__substg1.0_0037001F"], MAIL),
    ],
)
def test_a_word_powerpoint_or_outlook_file_in_the_xls_container_is_named_by_both_importers(
    store: Store,
    cooperatives: list[dict[str, Any]],
    snap: Store,
    tmp_path: Path,
    name: str,
    streams: list[str],
    said: str,
) -> None:
    """Word 97-2003, PowerPoint 97-2003 and Outlook's saved messages share the .xls files' container:
    they were refused as an Excel file "bozuk ya da başka bir biçimde kaydedilmiş"."""
    path = write_compound_file(tmp_path / name, streams)
    with pytest.raises(SnapshotImportError) as cooperative_list:
        snapshot_import.import_file(snap, path)
    assert cooperative_list.value.message.startswith(f"{name}: {said}")
    assert "bozuk" not in cooperative_list.value.message
    assert snapshot.count_rows(snap)["cooperatives"] == 0
    with pytest.raises(MemberListError) as member_list:
        member_import.preview(store, path, COOP)
    assert member_list.value.message.startswith(f"{name}: {said}")


def test_a_powerpoint_presentation_is_named_whichever_its_age(snap: Store, tmp_path: Path) -> None:
    path = an_office_file(tmp_path / "sunum.pptx", "ppt/presentation.xml")
    with pytest.raises(SnapshotImportError, match=PRESENTATION):
        snapshot_import.import_file(snap, path)


def test_a_damaged_workbook_in_that_container_keeps_the_damaged_workbooks_refusal(
    snap: Store, tmp_path: Path
) -> None:
    """A container with Excel's own stream, or one too damaged to list, is not guessed at."""
    for path in (
        write_compound_file(tmp_path / "bozuk.xls", ["Workbook"]),
        tmp_path / "kirik.xls",
    ):
        if not path.exists():
            path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
        with pytest.raises(SnapshotImportError) as refused:
            snapshot_import.import_file(snap, path)
        assert "Excel dosyası açılamadı (Excel 97-2003 çalışma kitabı (.xls))" in refused.value.message
        assert "Word" not in refused.value.message and "Outlook" not in refused.value.message


def test_a_list_protected_with_a_password_is_refused_with_how_to_remove_it_by_both_importers(
    store: Store, cooperatives: list[dict[str, Any]], snap: Store, tmp_path: Path
) -> None:
    """Excel's "Parola ile Şifrele" (the file needs its password to open): said so, nothing read."""
    advice = (
        "Dosya parolayla korunuyor. Excel'de açıp Dosya → Bilgi → Çalışma Kitabını Koru → Parola ile Şifrele"
    )
    members = write_protected_xlsx(tmp_path / "uyeler.xlsx", ADMIT_HEADERS, admit_rows(3), "Gizli.2015")
    with pytest.raises(MemberListError) as member_list:
        member_import.preview(store, members, COOP)
    assert member_list.value.message.startswith(f"uyeler.xlsx: {advice}")
    listed = write_protected_xlsx(
        tmp_path / "kooperatifler.xlsx", COOP_HEADER, coop_rows(records(3)), "Gizli.2015"
    )
    with pytest.raises(SnapshotImportError) as cooperative_list:
        snapshot_import.import_file(snap, listed)
    assert cooperative_list.value.message.startswith(f"kooperatifler.xlsx: {advice}")
    assert snapshot.count_rows(snap)["cooperatives"] == 0
    # Excel 97-2003's own encryption: a workbook whose records after the first are encrypted.
    with pytest.raises(SnapshotImportError) as old_workbook:
        snapshot_import.import_file(snap, write_encrypted_xls(tmp_path / "kooperatifler.xls"))
    assert old_workbook.value.message.startswith(f"kooperatifler.xls: {advice}")
    with pytest.raises(MemberListError) as old_members:
        member_import.preview(store, write_encrypted_xls(tmp_path / "uyeler.xls"), COOP)
    assert old_members.value.message.startswith(f"uyeler.xls: {advice}")
    assert snapshot.count_rows(snap)["cooperatives"] == 0
    # LibreOffice's "Parola ile kaydet": an .ods whose parts are encrypted.
    with pytest.raises(SnapshotImportError) as calc:
        snapshot_import.import_file(snap, an_ods_saved_with_a_password(tmp_path / "kooperatifler.ods"))
    assert calc.value.message.startswith(f"kooperatifler.ods: {advice}")


def an_ods_saved_with_a_password(path: Path) -> Path:
    """What LibreOffice Calc writes with "Parola ile kaydet": the manifest says how each part is encrypted."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
            'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
            '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>'
            "</manifest:manifest>",
        )
        archive.writestr("content.xml", bytes(range(256)) * 16)
    return path
