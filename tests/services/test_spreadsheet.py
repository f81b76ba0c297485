"""The shared spreadsheet reader: what spreadsheets do to values, and one reading for both importers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from koopbis_desktop.services import member_list, snapshot_import, spreadsheet
from koopbis_desktop.services.member_list import MemberListError
from koopbis_desktop.services.snapshot_import import SnapshotImportError
from koopbis_desktop.services.spreadsheet import Engine, SpreadsheetError, display_text, open_sheets
from koopbis_desktop.services.spreadsheet_formats import FileFormat
from koopbis_desktop.store.db import Store
from tests.services.member_lists import write_xlsx


def test_tckn_stored_as_float_is_exact() -> None:
    assert spreadsheet.identity_text(1.0000000146e10) == "10000000146"
    assert spreadsheet.identity_text("1.0000000146E10") == "10000000146"
    assert spreadsheet.identity_text("1,0000000146E+10") == "10000000146"
    assert spreadsheet.identity_text(123456789.0) == "0123456789"  # a VKN that lost its leading zero
    # The same in a CSV Excel saved: the number's nine digits as text.
    assert (
        spreadsheet.identity_text("123456789") == spreadsheet.identity_text(" 123 456 789 ") == "0123456789"
    )
    assert spreadsheet.identity_text("12345678") == "12345678"  # not a VKN: the validator says so
    assert spreadsheet.identity_text("1234567890") == "1234567890"
    assert spreadsheet.excel_date(42065).isoformat() == "2015-03-02"
    assert spreadsheet.excel_date("42065").isoformat() == "2015-03-02"


def test_identity_zero_added_names_only_the_nine_digits_that_got_a_zero() -> None:
    assert spreadsheet.identity_zero_added(123456789) == "0123456789"
    assert spreadsheet.identity_zero_added(123456789.0) == "0123456789"
    assert spreadsheet.identity_zero_added("123456789") == "0123456789"  # a CSV Excel saved
    assert spreadsheet.identity_zero_added("'123456789") == "0123456789"
    assert spreadsheet.identity_zero_added("0123456789") is None  # typed with its zero
    assert spreadsheet.identity_zero_added("'0123456789") is None
    assert spreadsheet.identity_zero_added(10000000146) is None  # a TCKN loses nothing
    assert spreadsheet.identity_zero_added("12345678") is None  # too short to be a VKN at all
    assert spreadsheet.identity_zero_added("abc") is None
    assert spreadsheet.identity_zero_added(None) is None


def test_header_key_folds_turkish_and_drops_punctuation() -> None:
    assert spreadsheet.header_key("T.C. KİMLİK NO") == spreadsheet.header_key("tc kimlik no") == "tckimlikno"
    assert spreadsheet.header_key("Ayrılma Nedeni") == spreadsheet.header_key("AYRILMA NEDENİ")


def _rows(path: Path, engine: Engine) -> list[tuple[int, list[str]]]:
    sheets = open_sheets(path, engine)
    try:
        sheet = sheets.sheet(("ortaklar",))
        assert sheet is not None
        return [(line, [display_text(c) for c in cells]) for line, cells in sheet.rows]
    finally:
        sheets.close()


def test_both_workbook_engines_read_a_file_alike(tmp_path: Path) -> None:
    """The snapshot importer reads with openpyxl, the member importer with calamine: same cells."""
    rows = [
        ["10000000146", "Ayşe Işık", datetime(2015, 3, 2), 3, 1000.5],
        [10000000146, "ÇAĞRI ŞEN", date(2016, 1, 31), 1, 250],
    ]
    path = write_xlsx(tmp_path / "liste.xlsx", ["TCKN", "Adı Soyadı", "Tarih", "Pay", "Tutar"], rows)
    by_openpyxl = _rows(path, Engine.OPENPYXL)
    assert by_openpyxl == _rows(path, Engine.CALAMINE)
    assert by_openpyxl[1] == (2, ["10000000146", "Ayşe Işık", "02.03.2015", "3", "1000.5"])


def _refusals(store: Store, path: Path) -> tuple[SnapshotImportError, MemberListError]:
    with pytest.raises(SnapshotImportError) as as_snapshot:
        snapshot_import.import_file(store, path)
    with pytest.raises(MemberListError) as as_member_list:
        member_list.read_rows(path)
    return as_snapshot.value, as_member_list.value


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # Windows-1254 is read now (issue 19); a Cyrillic code page is not Turkish and is refused.
        ("liste.csv", "Sicil No;Ad Soyad\n06-1;Иванов Пётр\n".encode("cp1251")),
        ("liste.xls", b"\xd0\xcf\x11\xe0old excel"),
        ("liste.xlsx", b"not a zip at all"),
        ("liste.csv", b"PK\x03\x04 a zip named csv"),
    ],
)
def test_both_importers_refuse_a_file_alike(snap: Store, tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    snapshot_error, member_error = _refusals(snap, path)
    assert isinstance(member_error, SpreadsheetError) and isinstance(snapshot_error, SpreadsheetError)
    assert snapshot_error.message == member_error.message
    assert snapshot_error.errors == member_error.errors
    assert snapshot_error.details() == member_error.details()


def test_a_quote_never_closed_is_told_in_turkish_by_both_importers(snap: Store, tmp_path: Path) -> None:
    """The rest of the file runs into one cell past csv's limit: said in Turkish, with what to do
    (the csv module's English "field larger than field limit" is not shown)."""
    path = tmp_path / "liste.csv"
    rows = "".join(f"06-{n};Ortak {n}\n" for n in range(2, 12_000))
    path.write_text('Sicil No;Ad Soyad\n06-1;"Ayşe Işık\n' + rows, encoding="utf-8")
    snapshot_error, member_error = _refusals(snap, path)
    assert snapshot_error.details() == member_error.details()
    said = " ".join(member_error.details())
    assert "çok uzun (131.072 karakterden fazla)" in said and "tırnak" in said, said
    assert "field" not in said and "limit" not in said, said


def test_missing_file_is_refused_alike(snap: Store, tmp_path: Path) -> None:
    snapshot_error, member_error = _refusals(snap, tmp_path / "yok.csv")
    assert snapshot_error.message == member_error.message
    assert "Dosya bulunamadı" in member_error.message


# ------------------------------------------------------------------ every format a 2015 office has

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spreadsheets"


@pytest.mark.parametrize(
    ("name", "reading", "date_1904"),
    [
        ("uyeler.xls", "Excel 97-2003 çalışma kitabı (.xls)", False),
        ("uyeler.xlsm", "Excel makrolu çalışma kitabı (.xlsm)", False),
        ("uyeler.ods", "OpenDocument hesap tablosu (.ods)", False),
        ("uyeler-1904.xlsx", "Excel çalışma kitabı (.xlsx)", True),
        ("uyeler-1904.xls", "Excel 97-2003 çalışma kitabı (.xls)", True),
        ("uyeler-1904.ods", "OpenDocument hesap tablosu (.ods)", True),
        ("uyeler-seri-1900.xls", "Excel 97-2003 çalışma kitabı (.xls)", False),
        ("uyeler-excel2010.csv", "CSV, Windows-1254 (Türkçe), ayırıcı noktalı virgül (;)", False),
        ("uyeler-unicode-metin.txt", "CSV, UTF-16 (Unicode metin), ayırıcı sekme", False),
    ],
)
def test_each_format_is_recognised_with_its_date_system(name: str, reading: str, date_1904: bool) -> None:
    sheets = open_sheets(FIXTURES / name)
    try:
        assert sheets.reading == reading
        sheet = sheets.sheet(())
        assert sheet is not None and sheet.date_1904 is date_1904
        header = next(sheet.rows)[1]
        assert [display_text(c) for c in header][:3] == ["T.C. Kimlik No", "Adı Soyadı", "Adresi"]
    finally:
        sheets.close()


def test_serial_dates_in_both_date_systems() -> None:
    assert spreadsheet.excel_date(42065) == date(2015, 3, 2)
    assert spreadsheet.excel_date(40603, date_1904=True) == date(2015, 3, 2)
    assert spreadsheet.excel_date("40603", date_1904=True) == date(2015, 3, 2)
    # The same number in the other system is four years and a day away: the flag matters.
    assert spreadsheet.excel_date(40603) == date(2011, 3, 1)


def test_the_content_decides_not_the_name(tmp_path: Path) -> None:
    """An .xls someone renamed to .csv is still read as the workbook it is."""
    renamed = tmp_path / "uyeler.csv"
    renamed.write_bytes((FIXTURES / "uyeler.xls").read_bytes())
    sheets = open_sheets(renamed)
    try:
        assert sheets.file_format is FileFormat.XLS and sheets.encoding == ""
    finally:
        sheets.close()


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "liste.xls",
            b"<html><table><tr><td>TCKN</td></tr></table></html>",
            "Excel 97-2003 çalışma kitabı değil",
        ),
        ("liste.xls", b"\xd0\xcf\x11\xe0damaged", "Excel dosyası açılamadı"),
        ("liste.ods", b"PK\x03\x04damaged", "OpenDocument dosyası açılamadı"),
        ("liste.xlsx", b"not a zip", "geçerli bir Excel (.xlsx) dosyası değil"),
        ("liste.csv", b"GIF89a\x01\x00\x01\x00\x00\x00binary", "CSV metin dosyası değil"),
        ("liste.csv", "Ad;Adres\nИванов;Москва\n".encode("cp1251"), "kodlaması güvenle anlaşılamadı"),
    ],
)
def test_every_refusal_advises_what_2015_office_software_can_do(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SpreadsheetError) as info:
        open_sheets(path).sheet(())
    message = info.value.message
    assert expected in message
    assert "CSV UTF-8" not in message  # Excel has had that choice only since 2016
    assert "Farklı Kaydet" in message and ("LibreOffice" in message or "Excel" in message)
    # The message is the one error of the file: not listed a second time under itself.
    assert info.value.details() == []
    assert str(info.value) == message


def test_no_message_in_the_code_names_csv_utf8() -> None:
    root = Path(__file__).resolve().parents[2] / "koopbis_desktop"
    offenders = [p.name for p in root.rglob("*.py") if "'CSV UTF-8" in p.read_text(encoding="utf-8")]
    assert offenders == []
