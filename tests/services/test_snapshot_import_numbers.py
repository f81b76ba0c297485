"""The cooperative list's phone and MERSİS columns, read by the entry form's rules.

They were stored as written: "555 12 34", a MERSİS of twelve digits, Excel's "1,23457E+15"
and a 16-digit MERSİS whose last digit Excel had turned into 0 all landed in the snapshot
and came back pre-filled in the forms. Now a value the form's rule refuses is not stored:
the cooperative is taken with that field empty and a warning names the row, the column as
the file heads it, what was written and what to do. What Excel does to a number (leading
zeros dropped, "….0") is undone as the member list's TCKN/VKN is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from koopbis_desktop.domain.validators import FieldError, parse_phone
from koopbis_desktop.services import setup, snapshot_import
from koopbis_desktop.services.snapshot_import import SnapshotImportError
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.db import Store
from tests.services.member_lists import write_csv
from tests.services.test_snapshot_import import COOP_HEADER, coop_rows, records

HEADER = [*COOP_HEADER, "Telefon", "MERSİS No"]
MERSIS = "0123456789000015"


def rows_with(recs: list[dict[str, Any]], numbers: list[tuple[Any, Any]]) -> list[list[Any]]:
    return [[*row, phone, mersis] for row, (phone, mersis) in zip(coop_rows(recs), numbers, strict=True)]


def stored(store: Store, coop_id: str) -> tuple[str | None, str | None]:
    got = snapshot.get_record(store, coop_id)
    assert got is not None
    return got["phone"], got["mersis_no"]


def test_csv_phone_and_mersis_as_excel_wrote_them(store: Store, tmp_path: Path) -> None:
    numbers = [
        ("0312 555 12 34", MERSIS),  # line 2: as typed
        ("3125551234", MERSIS[1:]),  # line 3: a number column saved as CSV, leading zeros dropped
        ("3125551234.0", f"{MERSIS[1:]}.0"),  # line 4: written by a program as a decimal
        ("3,12555E+09", "1,23457E+14"),  # line 5: Excel's shortened form, last digits gone
        ("555 12 34", "12345"),  # line 6: too short
        ("", ""),  # line 7: none
    ]
    recs = records(len(numbers))
    path = write_csv(tmp_path / "liste.csv", HEADER, rows_with(recs, numbers))
    report = snapshot_import.import_file(store, path)
    assert report.counts["cooperatives"] == len(numbers)  # a bad phone refuses no cooperative
    assert [stored(store, r["id"]) for r in recs] == [
        ("3125551234", MERSIS),
        ("3125551234", MERSIS),
        ("3125551234", MERSIS),
        (None, None),
        (None, None),
        (None, None),
    ]
    where = [(source, line, column) for source, line, column, _ in report.warnings]
    assert where == [
        ("liste.csv", 5, "Telefon"),
        ("liste.csv", 5, "MERSİS No"),
        ("liste.csv", 6, "Telefon"),
        ("liste.csv", 6, "MERSİS No"),
    ]
    messages = [message for *_, message in report.warnings]
    assert "'3,12555E+09' alınmadı" in messages[0] and "kısaltılmış" in messages[0]
    assert "kısaltılmış" in messages[1]
    assert "10 haneli" in messages[2] and "MERSİS No 16 haneli olmalıdır (5 hane girildi)" in messages[3]
    assert all("boş olarak alındı" in m and "yeniden yükleyin" in m for m in messages)
    text = report.text()
    assert "4 uyarı" in text and "liste.csv satır 6 (Telefon): '555 12 34' alınmadı" in text


def test_xlsx_number_cells(store: Store, tmp_path: Path) -> None:
    """openpyxl writes the numbers as Excel stores them: ints, and a float for the decimal."""
    numbers: list[tuple[Any, Any]] = [
        (3125551234, int(MERSIS)),  # line 2: typed as numbers, leading zeros gone
        (3125551234.0, float(MERSIS)),  # line 3: the same as a float cell
        ("0312 555 12 34", MERSIS),  # line 4: a text cell
        ("(0312) 555 12 34", 1234567890123450),  # line 5: 16 digits kept as a number: last one lost
        ("0312 555 12 34 / 0532 111 22 33", " "),  # line 6: two numbers in one cell
        (905321112233, None),  # line 7: "+90 532 111 22 33" typed into Excel, which took the + away
    ]
    recs = records(len(numbers))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kooperatifler"
    sheet.append(HEADER)
    for row in rows_with(recs, numbers):
        sheet.append(row)
    path = tmp_path / "liste.xlsx"
    book.save(path)
    report = snapshot_import.import_file(store, path)
    assert report.counts["cooperatives"] == len(numbers)
    assert [stored(store, r["id"]) for r in recs] == [
        ("3125551234", MERSIS),
        ("3125551234", MERSIS),
        ("3125551234", MERSIS),
        ("3125551234", None),
        (None, None),
        ("5321112233", None),
    ]
    where = [(line, column) for _, line, column, _ in report.warnings]
    assert where == [(5, "MERSİS No"), (6, "Telefon")]
    assert "son hanesi" in report.warnings[0][3] and "'Metin'" in report.warnings[0][3]
    assert "yalnızca rakam" in report.warnings[1][3]


def test_a_refused_row_names_the_column_as_the_file_heads_it(store: Store, tmp_path: Path) -> None:
    recs = records(3, seed=30)
    header = ["Tel" if h == "Telefon" else h for h in HEADER]
    rows = rows_with(recs, [("", "")] * 3)
    rows[1][6] = "1234567891"  # line 3: bad VKN
    with pytest.raises(SnapshotImportError) as info:
        snapshot_import.import_file(store, write_csv(tmp_path / "k.csv", header, rows))
    assert [(line, column) for _, line, column, _ in info.value.errors] == [(3, "Vergi No")]
    assert "k.csv, satır 3, 'Vergi No' sütunu" in str(info.value)
    assert snapshot.count_cooperatives(store) == 0


def test_every_warning_is_counted_beyond_the_listed_fifty(store: Store, tmp_path: Path) -> None:
    recs = records(60, seed=5)
    path = write_csv(tmp_path / "k.csv", HEADER, rows_with(recs, [("12", "")] * 60))
    report = snapshot_import.import_file(store, path)
    assert len(report.warnings) == snapshot_import.MAX_LISTED_ERRORS
    assert report.warning_count == 60
    assert "60 uyarı (ilk 50 tanesi listelendi)" in report.text()


def test_the_audit_row_counts_the_warnings(store: Store, tmp_path: Path) -> None:
    recs = records(2)
    path = write_csv(tmp_path / "k.csv", HEADER, rows_with(recs, [("12", ""), ("", "")]))
    setup.import_snapshot(store, "admin", path)
    row = next(r for r in entries.audit_rows(store) if r["action"] == "snapshot_import")
    assert row["details"]["warnings"] == 1


def test_the_form_rule_reads_a_phone_written_as_a_decimal() -> None:
    assert parse_phone("3125551234.0") == "3125551234"
    assert parse_phone("905321112233") == "5321112233"  # +90 with its + lost
    with pytest.raises(FieldError, match="kısaltılmış"):
        parse_phone("3,12555E+09")


def test_cli_json_lists_the_warnings(
    store: Store,
    people: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``--json`` gave counts only: a script loading the list never learnt that phones were left empty."""
    import json

    from koopbis_desktop.cli import main
    from tests.conftest import PASSWORD, db_arg

    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    recs = records(2)
    path = write_csv(tmp_path / "k.csv", HEADER, rows_with(recs, [("12", ""), ("", "")]))
    assert main(["--db", db_arg(store), "snapshot", "import", str(path), "--as", "sef", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["warning_count"] == 1
    assert [(w["file"], w["line"], w["column"]) for w in out["warnings"]] == [("k.csv", 2, "Telefon")]
    assert out["skipped"] == []


def test_a_vkn_that_lost_its_leading_zero_in_a_csv_excel_saved_is_read_whole(
    store: Store, tmp_path: Path
) -> None:
    # Opened in Excel and saved as CSV, "0100000007" becomes "100000007": the whole list was
    # refused for it ("10 haneli olmalıdır (9 hane girildi)"). Nine digits can only be that.
    recs = records(3)
    rows = coop_rows(recs)
    rows[0][6] = "100000007"
    rows[1][6] = "100000007.0"  # the same, written by a program as a decimal
    path = write_csv(tmp_path / "liste.csv", COOP_HEADER, rows)
    report = snapshot_import.import_file(store, path)
    assert report.counts["cooperatives"] == 3
    got = [snapshot.get_record(store, r["id"]) for r in recs]
    assert [g["vkn"] if g else None for g in got] == ["0100000007", "0100000007", recs[2]["vkn"]]
    # Nine digits whose checksum fails padded is still refused, saying why.
    rows[0][6] = "100000008"
    with pytest.raises(SnapshotImportError) as refused:
        snapshot_import.import_file(store, write_csv(tmp_path / "kotu.csv", COOP_HEADER, rows))
    assert [(e[1], e[2]) for e in refused.value.errors] == [(2, "Vergi No")]
    assert "kontrol hanesi" in refused.value.errors[0][3]
