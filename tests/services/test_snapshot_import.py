"""Snapshot import: all-or-nothing import of CSV/XLSX files (moved here from tests/store)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from koopbis_desktop.domain import demo_data
from koopbis_desktop.services import snapshot_import
from koopbis_desktop.services.snapshot_import import SnapshotImportError
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store, open_store
from tests.services.member_lists import COOPERATIVE_COLUMNS, write_csv

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"

COOP_HEADER = [
    "Sicil No",
    "Unvanı",
    "Tür",
    "İl Kodu",
    "İlçe",
    "Adres",
    "Vergi No",
    "Ticaret Sicil No",
    "Durum",
    "Kuruluş Tarihi",
    "Not",  # extra column: ignored
]
MEMBER_HEADER = ["Sicil No", "T.C. Kimlik No", "Adı Soyadı", "Pay", "Giriş Tarihi"]
BOARD_HEADER = ["Sicil No", "TCKN", "Ad Soyad", "Görevi", "Görev Süresi"]


def records(count: int = 12, province: str = "06", seed: int = 3) -> list[dict[str, Any]]:
    return list(demo_data.cooperatives(province, count, seed=seed))


def coop_rows(recs: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            r["id"],
            r["title"],
            r["cooperative_type"],
            r["province_code"],
            r["district"],
            r["address"],
            r["vkn"],
            r["trade_registry_no"],
            "Faal" if r["status"] == "active" else "Tasfiye halinde",
            ".".join(reversed(r["founded_on"].split("-"))),
            "",
        ]
        for r in recs
    ]


def member_rows(recs: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [r["id"], m["member_id"], m["full_name"], m["shares"], m["joined_on"]]
        for r in recs
        for m in r["members"]
    ]


def board_rows(recs: list[dict[str, Any]]) -> list[list[Any]]:
    labels = {"baskan": "Başkan", "baskan_yardimcisi": "Başkan Yardımcısı", "uye": "Üye"}
    return [
        [r["id"], b["id_no"], b["full_name"], labels[b["role"]], b["term_years"]]
        for r in recs
        for b in r["board"]
    ]


def table_counts(store: Store) -> dict[str, int]:
    return snapshot.count_rows(store)


# --------------------------------------------------------------------------- upsert / read


def test_import_csv_with_bom_semicolon_and_turkish_headers(snap: Store, tmp_path: Path) -> None:
    recs = records(8)
    coops = write_csv(tmp_path / "k.csv", COOP_HEADER, coop_rows(recs))
    members = write_csv(tmp_path / "o.csv", MEMBER_HEADER, member_rows(recs))
    board = write_csv(tmp_path / "y.csv", BOARD_HEADER, board_rows(recs))
    report = snapshot_import.import_file(snap, coops, members=members, board=board)
    assert report.counts["cooperatives"] == 8
    assert report.counts["members"] == sum(len(r["members"]) for r in recs)
    assert report.counts["board_members"] == sum(len(r["board"]) for r in recs)
    assert "8 kooperatif" in str(report)
    for rec in recs:
        got = snapshot.get_record(snap, rec["id"])
        assert got is not None
        expected = dict(rec, phone=None, mersis_no=None, audit_board=[], assemblies=[])
        assert got == expected


def test_import_csv_with_comma_no_bom_and_english_headers(snap: Store, tmp_path: Path) -> None:
    recs = records(4)
    header = [*COOPERATIVE_COLUMNS, "extra"]
    rows = coop_rows(recs)
    for row in rows:
        row[3] = "ANKARA"  # province by name, in capitals
        row[8] = "active"
    path = write_csv(tmp_path / "c.csv", header, rows, delimiter=",", bom=False)
    assert snapshot_import.import_file(snap, path).counts == {
        "cooperatives": 4,
        "members": 0,
        "board_members": 0,
        "auditors": 0,
        "assemblies": 0,
    }
    assert snapshot.search(snap, recs[0]["id"])[0]["title"] == recs[0]["title"]


def test_import_xlsx_with_member_and_board_sheets(snap: Store, tmp_path: Path) -> None:
    recs = records(6)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kooperatifler"
    sheet.append(COOP_HEADER)
    for row in coop_rows(recs):
        row[6] = int(row[6])  # Excel keeps a typed VKN as a number
        sheet.append(row)
    members = book.create_sheet("ORTAKLAR")
    members.append(MEMBER_HEADER)
    for row in member_rows(recs):
        members.append(row)
    board = book.create_sheet("Yönetim Kurulu")
    board.append(BOARD_HEADER)
    for row in board_rows(recs):
        board.append(row)
    book.create_sheet("Açıklamalar").append(["Bu sayfa yok sayılır."])
    path = tmp_path / "liste.xlsx"
    book.save(path)
    report = snapshot_import.import_file(snap, path)
    assert report.counts["cooperatives"] == 6
    assert report.counts["members"] == sum(len(r["members"]) for r in recs)
    assert report.counts["board_members"] == sum(len(r["board"]) for r in recs)
    got = snapshot.get_record(snap, recs[3]["id"])
    assert got is not None and got["members"] == recs[3]["members"] and got["vkn"] == recs[3]["vkn"]


def test_shipped_examples_import(snap: Store, tmp_path: Path) -> None:
    report = snapshot_import.import_file(
        snap,
        EXAMPLES / "kooperatifler.csv",
        members=EXAMPLES / "ortaklar.csv",
        board=EXAMPLES / "yonetim_kurulu.csv",
        auditors=EXAMPLES / "denetim_kurulu.csv",
        assemblies=EXAMPLES / "genel_kurullar.csv",
    )
    other = open_store(tmp_path / "x.sqlite", create=True)
    try:
        assert snapshot_import.import_file(other, EXAMPLES / "kooperatifler.xlsx").counts == report.counts
        assert all(report.counts.values())
        for coop_id in ("06-000001", "06-000002", "06-000003"):
            assert snapshot.get_record(other, coop_id) == snapshot.get_record(snap, coop_id)
    finally:
        other.close()


# --------------------------------------------------------------------------- import: bad files


@pytest.fixture
def loaded(snap: Store, tmp_path: Path) -> dict[str, int]:
    """A good import first, so a failed one can be shown to change nothing."""
    recs = records(5, seed=21)
    good = tmp_path / "good"
    good.mkdir()
    snapshot_import.import_file(
        snap,
        write_csv(good / "k.csv", COOP_HEADER, coop_rows(recs)),
        members=write_csv(good / "o.csv", MEMBER_HEADER, member_rows(recs)),
    )
    counts = table_counts(snap)
    assert counts["cooperatives"] == 5 and counts["members"] > 0
    return counts


def bad_import(snap: Store, path: Path, **children: Path) -> SnapshotImportError:
    with pytest.raises(SnapshotImportError) as info:
        snapshot_import.import_file(snap, path, **children)
    return info.value


def test_missing_columns_named_with_aliases(snap: Store, tmp_path: Path, loaded: dict[str, int]) -> None:
    header = [h for h in COOP_HEADER if h not in ("Vergi No", "İlçe")]
    rows = [row[:4] + row[5:6] + row[7:] for row in coop_rows(records(2))]
    err = bad_import(snap, write_csv(tmp_path / "k.csv", header, rows))
    # Named as the clerk's header row would name them, not by the program's own column keys.
    assert "zorunlu sütunlar eksik: İlçe, Vergi No." in err.message, err.message
    assert {e[2] for e in err.errors} == {"Vergi No", "İlçe"}
    assert any("'VKN'" in e[3] and "'Vergi No'" in e[3] for e in err.errors)
    # The Turkish headers come first; the program's own key ('vkn') is named last, not first.
    assert any(
        "Kabul edilen başlıklar: 'Vergi No', 'VKN'" in e[3] and e[3].endswith(", 'vkn'.") for e in err.errors
    )
    assert all(e[1] == 1 for e in err.errors)
    assert table_counts(snap) == loaded


def test_bad_vkn_on_line_7(snap: Store, tmp_path: Path, loaded: dict[str, int]) -> None:
    recs = records(8, seed=30)
    rows = coop_rows(recs)
    rows[5][6] = "1234567891"  # line 7: header is line 1
    members = write_csv(tmp_path / "o.csv", MEMBER_HEADER, member_rows(recs))
    err = bad_import(snap, write_csv(tmp_path / "k.csv", COOP_HEADER, rows), members=members)
    assert err.errors == [("k.csv", 7, "Vergi No", err.errors[0][3])]  # the column as the file heads it
    assert "Vergi Kimlik No" in err.errors[0][3]
    assert "satır 7" in str(err) and "hiçbir şey değişmedi" in err.message
    assert table_counts(snap) == loaded


def test_bad_date_unknown_province_and_wrong_district(
    snap: Store, tmp_path: Path, loaded: dict[str, int]
) -> None:
    rows = coop_rows(records(6, seed=31))
    rows[0][9] = "31.02.2001"
    rows[2][3] = "Atlantis"
    rows[3][4] = "Kadıköy"  # an İstanbul district under Ankara
    rows[4][9] = "2099-01-01"
    err = bad_import(snap, write_csv(tmp_path / "k.csv", COOP_HEADER, rows))
    assert [(e[1], e[2]) for e in err.errors] == [
        (2, "Kuruluş Tarihi"),
        (4, "İl Kodu"),
        (5, "İlçe"),
        (6, "Kuruluş Tarihi"),
    ]
    assert "Atlantis" in err.errors[1][3]
    assert table_counts(snap) == loaded


def test_child_row_errors_are_reported_with_lines(
    snap: Store, tmp_path: Path, loaded: dict[str, int]
) -> None:
    recs = records(3, seed=32)
    members = member_rows(recs)
    members[1][1] = "12345678901"  # bad TCKN checksum, line 3
    members[2][0] = "06-123456"  # unknown cooperative, line 4
    members.append(list(members[0]))  # duplicate member, last line
    board = board_rows(recs)
    board[0][3] = "Genel Müdür"
    err = bad_import(
        snap,
        write_csv(tmp_path / "k.csv", COOP_HEADER, coop_rows(recs)),
        members=write_csv(tmp_path / "o.csv", MEMBER_HEADER, members),
        board=write_csv(tmp_path / "y.csv", BOARD_HEADER, board),
    )
    where = [(e[0], e[1], e[2]) for e in err.errors]
    assert ("o.csv", 3, "T.C. Kimlik No") in where
    assert ("o.csv", 4, "Sicil No") in where
    assert ("o.csv", len(members) + 1, "T.C. Kimlik No") in where
    assert ("y.csv", 2, "Görevi") in where
    assert table_counts(snap) == loaded


def test_windows_1254_csv_is_read(snap: Store, tmp_path: Path) -> None:
    """A CSV Turkish Excel 2010 saved ("CSV (virgülle ayrılmış)": Windows-1254, ';') imports.

    Until issue 19 it was refused as "not UTF-8" with advice naming Excel 2016's "CSV UTF-8".
    """
    path = tmp_path / "k.csv"
    rows = coop_rows(records(4))
    rows[2][1] = "Çamlıca Işıklı Üzüm Konut Yapı Kooperatifi"  # line 4, saved as Windows-1254
    header = ";".join(["registry_id", "title", "type", "province_code", "district", "address"])
    header += ";vkn;trade_registry_no;status;founded_on;x"
    lines = [header] + [";".join(map(str, row)) for row in rows]
    path.write_bytes("\n".join(lines).encode("cp1254"))
    report = snapshot_import.import_file(snap, path)
    assert report.counts["cooperatives"] == 4
    assert report.encodings == {"k.csv": "Windows-1254 (Türkçe)"}
    record = snapshot.get_record(snap, rows[2][0])
    assert record is not None and record["title"] == "Çamlıca Işıklı Üzüm Konut Yapı Kooperatifi"


def test_csv_in_an_undecidable_encoding_is_refused(
    snap: Store, tmp_path: Path, loaded: dict[str, int]
) -> None:
    path = tmp_path / "k.csv"
    header = ";".join(COOPERATIVE_COLUMNS)  # ASCII, as a Russian Excel would write them too
    path.write_bytes(f"{header}\n06-1;Иванов Пётр Кооператив\n".encode("cp1251"))
    err = bad_import(snap, path)
    assert "kodlaması güvenle anlaşılamadı" in err.message
    assert "Unicode metin" in err.message and "CSV UTF-8" not in err.message
    assert err.errors == [("k.csv", 0, "", err.message.removeprefix("k.csv: "))]
    assert table_counts(snap) == loaded


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bos.csv", b"", "boş"),
        ("bos2.csv", b"\xef\xbb\xbf\n\n  \n", "boş"),
        ("sadece_baslik.csv", ";".join(COOP_HEADER).encode(), "kooperatif kaydı yok"),
        ("copluk.xlsx", bytes(random.Random(1).randrange(256) for _ in range(4096)), ".xlsx"),
        ("copluk.csv", b"\x00\x01\x02binary\xff\xfe" * 100, "CSV"),
        ("sahte.xlsx", b"PK\x03\x04" + b"\x00" * 200, "Excel"),
        ("eski.xls", b"\xd0\xcf\x11\xe0", ".xls"),
    ],
)
def test_unreadable_files(
    snap: Store, tmp_path: Path, loaded: dict[str, int], name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    err = bad_import(snap, path)
    assert expected in err.message
    assert err.errors and err.errors[0][0] == name
    assert table_counts(snap) == loaded


def test_missing_file(snap: Store, tmp_path: Path) -> None:
    err = bad_import(snap, tmp_path / "yok.csv")
    assert "bulunamadı" in err.message


def test_error_list_is_capped(snap: Store, tmp_path: Path, loaded: dict[str, int]) -> None:
    rows = coop_rows(records(80, seed=33))
    for row in rows:
        row[6] = "1111111111"
    err = bad_import(snap, write_csv(tmp_path / "k.csv", COOP_HEADER, rows))
    assert len(err.errors) == snapshot_import.MAX_LISTED_ERRORS
    assert "80 hata" in err.message and "ilk 50" in err.message
    assert table_counts(snap) == loaded


# ------------------------------------------------------------------ every format a 2015 office has

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spreadsheets"


@pytest.mark.parametrize(
    ("name", "encodings"),
    [
        ("kooperatifler.xls", {}),
        ("kooperatifler.ods", {}),
        ("kooperatifler-excel2010.csv", {"kooperatifler-excel2010.csv": "Windows-1254 (Türkçe)"}),
        ("kooperatifler-unicode-metin.txt", {"kooperatifler-unicode-metin.txt": "UTF-16 (Unicode metin)"}),
    ],
)
def test_a_snapshot_in_any_office_format_imports_with_turkish_letters_intact(
    snap: Store, name: str, encodings: dict[str, str]
) -> None:
    """Made by LibreOffice (scripts/make_spreadsheet_fixtures.py), not by the project's code."""
    report = snapshot_import.import_file(snap, FIXTURES / name)
    assert report.counts["cooperatives"] == 2
    assert report.encodings == encodings
    first, second = snapshot.get_record(snap, "06-900001"), snapshot.get_record(snap, "06-900002")
    assert first is not None and second is not None
    assert first["title"] == "Çankaya Işıklı Konut Yapı Kooperatifi"
    assert first["address"] == "Güzeltepe Mah. Şehit Öğretmen Sok. No:7"
    assert (first["cooperative_type"], first["vkn"], first["founded_on"]) == (
        "konut",
        "1234567890",
        "1998-05-04",
    )
    assert second["title"] == "Gölbaşı Öğretmenler Üzüm Tüketim Kooperatifi"
    assert second["address"] == "İncek Köyü Çeşme Sok. No:2"
    assert (second["cooperative_type"], second["founded_on"]) == ("tuketim", "2004-11-22")


@pytest.mark.parametrize(("epoch_1904", "serial"), [(False, 35919), (True, 34457)])
def test_a_founding_date_typed_as_a_number_reads_in_the_workbooks_date_system(
    snap: Store, tmp_path: Path, epoch_1904: bool, serial: int
) -> None:
    recs = records(1)
    rows = coop_rows(recs)
    rows[0][9] = serial  # 04.05.1998 in a cell formatted as a number
    book = Workbook()
    if epoch_1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    assert sheet is not None
    sheet.append(COOP_HEADER)
    sheet.append(rows[0])
    path = tmp_path / "k.xlsx"
    book.save(path)
    snapshot_import.import_file(snap, path)
    record = snapshot.get_record(snap, recs[0]["id"])
    assert record is not None and record["founded_on"] == "1998-05-04"


def test_the_snapshot_audit_row_names_the_encoding(snap: Store) -> None:
    from koopbis_desktop.services import setup
    from koopbis_desktop.store import entries

    setup.import_snapshot(snap, "admin", FIXTURES / "kooperatifler-excel2010.csv")
    row = next(r for r in entries.audit_rows(snap) if r["action"] == "snapshot_import")
    assert row["details"]["encodings"] == {"kooperatifler-excel2010.csv": "Windows-1254 (Türkçe)"}


def test_a_title_block_above_the_headers_is_skipped_as_in_member_lists(snap: Store, tmp_path: Path) -> None:
    """The directorate's own Excel list starts with its name in merged cells and a blank row;
    the snapshot refused it ("zorunlu sütunlar eksik: registry_id, title, …") where a member
    list with the same title block reads, and the first-run set-up could not go on."""
    recs = records(4)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kooperatifler"
    sheet.append(["T.C. ANKARA VALİLİĞİ TİCARET İL MÜDÜRLÜĞÜ"])
    sheet.append(["KOOPERATİF LİSTESİ (27.02.2015)"])
    sheet.append([])
    sheet.append(COOP_HEADER)
    for row in coop_rows(recs):
        sheet.append(row)
    sheet.merge_cells("A1:K1")
    sheet.merge_cells("A2:K2")
    members = book.create_sheet("Ortaklar")
    members.append(["ORTAK LİSTESİ"])
    members.append(MEMBER_HEADER)
    for row in member_rows(recs):
        members.append(row)
    path = tmp_path / "liste.xlsx"
    book.save(path)
    report = snapshot_import.import_file(snap, path)
    assert report.counts["cooperatives"] == 4
    assert report.counts["members"] == sum(len(r["members"]) for r in recs)
    got = snapshot.get_record(snap, recs[1]["id"])
    assert got is not None and got["members"] == recs[1]["members"]


def test_a_member_vkn_excel_kept_as_a_number_gets_its_leading_zero_back(snap: Store, tmp_path: Path) -> None:
    """A legal-entity member (a union, a municipality) whose VKN starts with 0, typed into Excel as a
    number: 123456789 in the cell. The cooperatives' VKN column took it back; the members' refused
    it ("9 hane girildi"), and with it the whole list."""
    from stdnum.tr import vkn

    member_vkn = next(f"0{n:09d}" for n in range(100000000, 100001000) if vkn.is_valid(f"0{n:09d}"))
    recs = records(2)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Kooperatifler"
    sheet.append(COOP_HEADER)
    for row in coop_rows(recs):
        sheet.append(row)
    members = book.create_sheet("Ortaklar")
    members.append(MEMBER_HEADER)
    members.append([recs[0]["id"], int(member_vkn), "Örnek Kooperatifler Birliği", 50, "02.03.2015"])
    members.append([recs[1]["id"], f"{int(member_vkn)}.0", "Örnek Belediyesi", 1, "02.03.2015"])
    path = tmp_path / "liste.xlsx"
    book.save(path)
    report = snapshot_import.import_file(snap, path)
    assert report.counts["members"] == 2
    for rec in recs:
        got = snapshot.get_record(snap, rec["id"])
        assert got is not None and [m["member_id"] for m in got["members"]] == [member_vkn]


def test_a_file_that_cannot_be_opened_says_to_close_it_in_excel(snap: Store, tmp_path: Path) -> None:
    """A list open in Excel (Windows refuses to share it) or without read permission was refused as
    "Dosya okunamadı (Permission denied)." — English, and no word of what to do."""
    locked = Path("/proc/sys/vm/compact_memory")  # write-only even for root: opening it to read is refused
    if not locked.exists():
        pytest.skip("needs Linux's /proc/sys")
    for name in ("liste.csv", "liste.xlsx"):
        path = tmp_path / name
        path.symlink_to(locked)
        try:
            path.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("the file reads here")
        with pytest.raises(SnapshotImportError) as info:
            snapshot_import.import_file(snap, path)
        message = str(info.value)
        assert "Permission denied" not in message, message
        assert "başka bir programda" in message and "Excel'de kapatıp" in message, message
    assert snapshot.count_cooperatives(snap) == 0
