"""The shared spreadsheet reader: what spreadsheets do to values, and one reading for both importers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from koopbis_desktop.services import member_list, snapshot_import, spreadsheet
from koopbis_desktop.services.member_list import MemberListError
from koopbis_desktop.services.snapshot_import import SnapshotImportError
from koopbis_desktop.services.spreadsheet import Engine, SpreadsheetError, display_text, open_sheets
from koopbis_desktop.store.db import Store, open_store
from tests.services.member_lists import write_xlsx


@pytest.fixture
def snap(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "k.sqlite", create=True)
    yield store
    store.close()


def test_tckn_stored_as_float_is_exact() -> None:
    assert spreadsheet.identity_text(1.0000000146e10) == "10000000146"
    assert spreadsheet.identity_text("1.0000000146E10") == "10000000146"
    assert spreadsheet.identity_text("1,0000000146E+10") == "10000000146"
    assert spreadsheet.identity_text(123456789.0) == "0123456789"  # a VKN that lost its leading zero
    assert spreadsheet.excel_date(42065).isoformat() == "2015-03-02"
    assert spreadsheet.excel_date("42065").isoformat() == "2015-03-02"


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


def test_missing_file_is_refused_alike(snap: Store, tmp_path: Path) -> None:
    snapshot_error, member_error = _refusals(snap, tmp_path / "yok.csv")
    assert snapshot_error.message == member_error.message
    assert "Dosya bulunamadı" in member_error.message
