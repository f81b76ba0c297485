"""Member lists from Excel and CSV: the messes real files come in, and all-or-nothing queueing."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain.changetypes import search_text
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture, member_import
from koopbis_desktop.services.member_import import ImportKind, MemberListError
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import NotFound
from tests.conftest import at_once, meeting, reopen, valid_tckn
from tests.services.member_lists import ADMIT_HEADERS, admit_rows, write_csv, write_xlsx

COOP = "06-900001"


def entry_count(store: Store) -> int:
    return sum(entries.count_by_state(store).values())


def audit_count(store: Store) -> int:
    return audit.head(store)[0]  # the chain's rows are numbered from 1 without gaps


def errors_of(preview: member_import.ImportPreview) -> dict[int, list[str]]:
    return {r.line: [i.text for i in r.errors] for r in preview.rows if r.errors}


@pytest.fixture
def coop(store: Store, cooperatives: list[dict[str, Any]]) -> dict[str, Any]:
    return next(c for c in cooperatives if c["id"] == COOP)


def test_valid_xlsx_becomes_one_draft_per_member_with_audit_rows(
    store: Store, people: dict[str, Actor], coop: dict[str, Any], tmp_path: Path
) -> None:
    rows = admit_rows(5, seed=3)
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, rows)
    audit_before = audit_count(store)

    preview = member_import.preview(store, path, COOP)
    assert preview.kind is ImportKind.ADMIT
    assert preview.cooperative_title == coop["title"]
    assert [r.line for r in preview.rows] == [2, 3, 4, 5, 6]
    assert not preview.invalid_rows, preview.error_lines()
    result = member_import.import_rows(store, people["ayse"], preview)

    assert len(result.created) == 5
    drafts = entries.list_entries(store, type_id="member.admit")
    assert [e.payload["member_id"] for e in drafts] == [r[0] for r in rows]
    first = drafts[0]
    assert first.state is State.DRAFT and first.author == "ayse" and first.cooperative_id == COOP
    assert first.effective_date == "2015-03-02"
    assert first.payload["shares"] == rows[0][4]
    assert first.payload["subscribed_amount"] == f"{rows[0][5]}.00"
    assert first.base == {f"member:{rows[0][0]}": None}
    assert len(entries.revisions(store, first.uuid)) == 1
    # The same search text and audit row the form's capture writes.
    _, _, _, base = capture.check(store, "member.admit", COOP, first.payload)
    assert base == first.base
    search = store.conn.execute("SELECT search FROM entries WHERE uuid = ?", (first.uuid,)).fetchone()[0]
    assert search == search_text("member.admit", COOP, first.payload)
    creates = [r for r in entries.audit_rows(store) if r["action"] == "create"]
    assert {r["entry"] for r in creates} == set(result.created)
    assert audit_count(store) == audit_before + 5 + 1  # one per draft and one for the import
    from koopbis_desktop.store import audit

    assert audit.verify(store.conn).ok


def test_spreadsheet_messes_are_read_right(
    store: Store, people: dict[str, Actor], coop: dict[str, Any], tmp_path: Path
) -> None:
    """Merged title cells, empty rows, numbers as text, a TCKN as a float, serial and text dates."""
    tckns = [valid_tckn(s) for s in (11, 12, 13, 14)]
    rows: list[list[Any]] = [
        # TCKN as the float Excel makes of it; serial date; shares as text
        [float(tckns[0]), "Ayşe Yılmaz", 42065, "2015/1", "2", "2000", "500"],
        [],
        [None, None, None, None, None, None, None],
        # TCKN as text with a leading apostrophe; date as Turkish text; money with Turkish commas
        [f"'{tckns[1]}", "Çağrı Öztürk", "02.03.2015", 7, 1, "1.000,00", "250,50"],
        # TCKN in scientific notation as text (a CSV saved from Excel); datetime cell
        [
            f"{int(tckns[2]) / 1e10:.10f}E10".replace("0E", "E"),
            "İsmail Işık",
            datetime(2015, 3, 2),
            "2015/3",
            1.0,
            1000.0,
            250.0,
        ],
        [tckns[3], "Gül Ünal", "2015-03-02", "2015/4", 1, 1000, 250],
    ]
    path = write_xlsx(
        tmp_path / "dağınık.xlsx",
        ["T.C. KİMLİK NO", "adı soyadı", "GİRİŞ TARİHİ", "Karar No", "Pay Adedi", "Taahhüt", "Ödenen", None],
        rows,
        title="ABC KOOPERATİFİ ORTAK LİSTESİ",
        merge_title=True,
    )
    preview = member_import.preview(store, path, COOP)
    assert not preview.invalid_rows, preview.error_lines()
    by_line = {r.line: r.payload for r in preview.rows}
    assert sorted(by_line) == [4, 7, 8, 9]  # title, blank row, header, then data; empty rows skipped
    assert [by_line[n]["member_id"] for n in (4, 7, 8, 9)] == tckns
    assert {by_line[n]["effective_date"] for n in by_line} == {"2015-03-02"}
    assert by_line[4]["shares"] == 2 and by_line[4]["paid_amount"] == "500.00"
    assert by_line[7]["decision_no"] == "7"
    assert by_line[7]["subscribed_amount"] == "1000.00" and by_line[7]["paid_amount"] == "250.50"


@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_with_or_without_bom_and_either_delimiter(
    store: Store, people: dict[str, Actor], coop: dict[str, Any], tmp_path: Path, bom: bool, delimiter: str
) -> None:
    rows = admit_rows(3, seed=5)
    for row in rows:
        row[5] = f"{row[5]},00"  # Turkish decimal comma, quoted by the writer when needed
    path = write_csv(
        tmp_path / "liste.csv", ["TCKN", "Ad Soyad", *ADMIT_HEADERS[2:]], rows, delimiter=delimiter, bom=bom
    )
    preview = member_import.preview(store, path, COOP)
    assert not preview.invalid_rows, preview.error_lines()
    assert [r.payload["member_id"] for r in preview.rows] == [r[0] for r in rows]
    assert preview.rows[0].payload["full_name"] == rows[0][1]


def test_bad_rows_are_reported_in_turkish_and_nothing_is_imported(
    store: Store, people: dict[str, Actor], coop: dict[str, Any], tmp_path: Path
) -> None:
    member = coop["members"][0]["member_id"]
    good = admit_rows(3, seed=9)
    rows = [
        good[0],
        ["12345678901", "Yanlış Numara", "02.03.2015", "1", 1, 1000, 250],  # checksum
        [good[0][0], "Aynı Kişi", "02.03.2015", "2", 1, 1000, 250],  # twice in the file
        [member, "Zaten Ortak", "02.03.2015", "3", 1, 1000, 250],  # member already
        [good[1][0], "Gelecek Tarih", "02.03.2999", "4", 1, 1000, 250],
        [good[2][0], "Fazla Ödeme", "31.02.2015", "5", 0, 1000, 2000],
    ]
    path = write_xlsx(tmp_path / "hatalı.xlsx", ADMIT_HEADERS, rows)
    before, audit_before = entry_count(store), audit_count(store)

    preview = member_import.preview(store, path, COOP)
    errors = errors_of(preview)
    assert sorted(errors) == [3, 4, 5, 6, 7]
    assert any("kontrol haneleri tutmuyor" in e for e in errors[3])
    assert any("dosyada iki kez var; ilki satır 2" in e for e in errors[4])
    assert any("zaten bu kooperatifin ortağı" in e for e in errors[5])
    assert any("ileri bir gün olamaz" in e for e in errors[6])
    assert any("Böyle bir tarih yok" in e for e in errors[7])
    assert any(e.startswith("Pay adedi") for e in errors[7])
    assert preview.error_lines(1)[0].startswith("Satır 3, T.C. Kimlik No / VKN:")

    with pytest.raises(MemberListError, match="5 satırda hata var"):
        member_import.import_rows(store, people["ayse"], preview)
    assert (entry_count(store), audit_count(store)) == (before, audit_before)

    result = member_import.import_rows(store, people["ayse"], preview, skip_invalid=True)
    assert len(result.created) == 1 and result.skipped_lines == [3, 4, 5, 6, 7]
    assert entry_count(store) == before + 1


def test_failure_midway_imports_nothing(
    store: Store,
    people: dict[str, Actor],
    coop: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(600, seed=2))
    preview = member_import.preview(store, path, COOP)
    before, audit_before = entry_count(store), audit_count(store)
    from koopbis_desktop.store import audit

    real_append_many = audit.append_many
    written = {"n": 0}

    def failing_append_many(conn: Any, records: Any) -> list[str]:
        # The drafts and the first audit rows are written, then the disk fills up.
        batch = list(records)
        if written["n"] + len(batch) >= 400:
            real_append_many(conn, batch[: 400 - written["n"]])
            raise OSError("disk full")
        written["n"] += len(batch)
        return real_append_many(conn, batch)

    monkeypatch.setattr(audit, "append_many", failing_append_many)
    with pytest.raises(OSError):
        member_import.import_rows(store, people["ayse"], preview)
    assert (entry_count(store), audit_count(store)) == (before, audit_before)
    assert audit.verify(store.conn).ok


def test_admission_already_queued_is_a_duplicate(
    store: Store, people: dict[str, Actor], coop: dict[str, Any], tmp_path: Path
) -> None:
    rows = admit_rows(2, seed=21)
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, rows)
    member_import.import_rows(store, people["ayse"], member_import.preview(store, path, COOP))
    again = member_import.preview(store, path, COOP)
    assert all("kuyrukta bekleyen bir ortaklığa giriş kaydı var" in r.errors[0].message for r in again.rows)


def test_one_list_imported_on_two_pcs_at_once_admits_each_member_once(
    store: Store,
    people: dict[str, Actor],
    coop: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two clerks import the same list on two PCs at the same moment: one gets the members,
    the other is told they are already queued. The queue check inside the import waits (up
    to 2 s) for the other PC's check to get there too: they meet only if they do not take turns."""
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(3, seed=5))
    previewed, both_inside = threading.Barrier(2), threading.Barrier(2)
    importing = threading.local()  # the check of the preview each PC made first does not wait
    checks = meeting(
        member_import._check_against_store, both_inside, lambda: getattr(importing, "now", False)
    )
    monkeypatch.setattr(member_import, "_check_against_store", checks)
    outcomes: dict[str, object] = {}

    def import_on(name: str) -> None:
        pc = reopen(store)  # a PC of its own: its own connection, on its own thread
        try:
            preview = member_import.preview(pc, path, COOP)
            assert not preview.invalid_rows
            previewed.wait(timeout=30)  # both saw the list clean before either imports
            importing.now = True
            outcomes[name] = len(member_import.import_rows(pc, people[name], preview).created)
        except MemberListError as exc:
            outcomes[name] = exc
        finally:
            pc.close()

    at_once(lambda: import_on("ayse"), lambda: import_on("mehmet"))
    assert both_inside.broken  # the second import waited for the first instead of meeting it
    assert sorted(str(type(o).__name__) for o in outcomes.values()) == ["MemberListError", "int"]
    assert [o for o in outcomes.values() if isinstance(o, int)] == [3]
    admitted = [e.payload["member_id"] for e in entries.list_entries(store, type_id="member.admit")]
    assert len(admitted) == 3 and len(set(admitted)) == 3


def test_leaving_list(store: Store, people: dict[str, Actor], coop: dict[str, Any], tmp_path: Path) -> None:
    members = coop["members"]
    stranger = valid_tckn(4242)
    path = write_csv(
        tmp_path / "cikis.csv",
        ["T.C. Kimlik No", "Adı Soyadı", "Ayrılma Nedeni", "Çıkış Tarihi", "Karar No"],
        [
            [members[0]["member_id"], members[0]["full_name"], "İstifa (çıkma)", "02.03.2015", "9"],
            [members[1]["member_id"], "Başka Ad", "vefat", "02.03.2015", "10"],
            [stranger, "Hiç Ortak Olmamış", "İstifa", "02.03.2015", "11"],
            [members[2]["member_id"], members[2]["full_name"], "emeklilik", "02.03.2015", "12"],
        ],
    )
    preview = member_import.preview(store, path, COOP)
    assert preview.kind is ImportKind.LEAVE
    errors = errors_of(preview)
    assert sorted(errors) == [4, 5]
    assert "bu kooperatifin ortakları arasında yok" in errors[4][0]
    assert "Geçerli seçenekler" in errors[5][0]
    assert [w.message for w in preview.rows[1].warnings] == [
        f"Ad kooperatif listesindekinden farklı: listede '{members[1]['full_name']}'."
    ]
    result = member_import.import_rows(store, people["ayse"], preview, skip_invalid=True)
    made = [entries.get_entry(store, uuid) for uuid in result.created]
    assert [e.payload["reason"] for e in made] == ["istifa", "vefat"]
    assert made[0].base == {f"member:{members[0]['member_id']}": dict(members[0])}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Dosya boş"),
        (b"PK\x03\x04 this is not really a zip", "Excel dosyası açılamadı"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00binary", "CSV metin dosyası değil"),  # a picture saved as .csv
        (b"%PDF-1.4\n\x00\x01binary", "Dosya bir PDF belgesi: PDF'teki tablo okunamaz"),
    ],
)
def test_files_that_are_not_member_lists(
    store: Store, people: dict[str, Actor], coop: dict[str, Any], tmp_path: Path, content: bytes, message: str
) -> None:
    suffix = ".xlsx" if content.startswith(b"PK") else ".csv"
    path = tmp_path / f"dosya{suffix}"
    path.write_bytes(content)
    with pytest.raises(MemberListError, match=message):
        member_import.preview(store, path, COOP)


def test_empty_workbook(store: Store, coop: dict[str, Any], tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bos.xlsx", [], [])
    with pytest.raises(MemberListError, match="Dosya boş: başlık satırı ve ortak satırı yok"):
        member_import.preview(store, path, COOP)


def test_wrong_headers_and_missing_columns(store: Store, coop: dict[str, Any], tmp_path: Path) -> None:
    wrong = write_csv(tmp_path / "yanlis.csv", ["Ürün", "Fiyat", "Adet"], [["elma", "3", "5"]])
    with pytest.raises(MemberListError, match=r"başlık satırı bulunamadı.*'Ürün', 'Fiyat', 'Adet'"):
        member_import.preview(store, wrong, COOP)
    partial = write_csv(
        tmp_path / "eksik.csv", ["TCKN", "Adı Soyadı", "Giriş Tarihi"], [[valid_tckn(1), "A B", "02.03.2015"]]
    )
    with pytest.raises(MemberListError, match=r"zorunlu sütunlar eksik: Karar No.*Pay Adedi"):
        member_import.preview(store, partial, COOP)
    only_header = write_csv(tmp_path / "bos.csv", list(ADMIT_HEADERS), [])
    with pytest.raises(MemberListError, match="ortak satırı yok"):
        member_import.preview(store, only_header, COOP)


def test_unknown_cooperative(store: Store, coop: dict[str, Any], tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(1))
    with pytest.raises(NotFound, match="Kooperatif bulunamadı"):
        member_import.preview(store, path, "06-999999")


def test_ten_thousand_rows_with_progress(
    store: Store, people: dict[str, Actor], coop: dict[str, Any], tmp_path: Path
) -> None:
    rows = admit_rows(10_000, seed=8)
    rows[9_000][0] = "11111111111"  # one bad row near the end
    path = write_xlsx(tmp_path / "buyuk.xlsx", ADMIT_HEADERS, rows)
    seen: list[int] = []
    preview = member_import.preview(store, path, COOP, progress=seen.append)
    assert seen[-1] == 10_000 and len(seen) >= 40 and seen == sorted(seen)
    assert [r.line for r in preview.invalid_rows] == [9_002]
    before = entry_count(store)
    with pytest.raises(MemberListError):
        member_import.import_rows(store, people["ayse"], preview)
    assert entry_count(store) == before
    result = member_import.import_rows(store, people["ayse"], preview, skip_invalid=True)
    assert len(result.created) == 9_999
    assert entry_count(store) == before + 9_999


def test_templates_read_back_as_one_valid_row(store: Store, coop: dict[str, Any], tmp_path: Path) -> None:
    for kind in ImportKind:
        for suffix in (".xlsx", ".csv"):
            shipped = member_import.template_path(kind, suffix)
            assert shipped.is_file(), f"run scripts/make_templates.py ({shipped})"
            written = member_import.write_template(kind, tmp_path / f"t{suffix}")
            layout, rows = member_import.read_rows(written)
            assert layout.kind is kind and len(rows) == 1
            assert [c.header for c in layout.columns] == [c.header for c in member_import.COLUMNS[kind]]
    admit = member_import.preview(store, member_import.template_path(ImportKind.ADMIT), COOP)
    assert admit.rows[0].ok, admit.error_lines()


def test_xlsx_sheet_choice_and_offset_table(store: Store, coop: dict[str, Any], tmp_path: Path) -> None:
    """The "Ortaklar" sheet is read even when not first; a table starting at B3 keeps Excel's line numbers."""
    from openpyxl import Workbook

    rows = admit_rows(2, seed=31)
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Açıklama"
    notes["A1"] = "Bu dosya ABC kooperatifinin ortak listesidir."
    sheet = book.create_sheet("ORTAKLAR")
    for col, header in enumerate(ADMIT_HEADERS, start=2):
        sheet.cell(row=3, column=col, value=header)
    for line, row in enumerate(rows, start=4):
        for col, value in enumerate(row, start=2):
            sheet.cell(row=line, column=col, value=value)
    path = tmp_path / "iki_sayfa.xlsx"
    book.save(path)

    preview = member_import.preview(store, path, COOP)
    assert not preview.invalid_rows, preview.error_lines()
    assert [r.line for r in preview.rows] == [4, 5]
    assert [r.payload["member_id"] for r in preview.rows] == [r[0] for r in rows]
    assert preview.rows[0].cells["effective_date"] == "02.03.2015"
    assert preview.rows[0].cells["shares"] == str(rows[0][4])


# ------------------------------------------------------------------ every format a 2015 office has

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spreadsheets"
# What the fixtures hold (scripts/make_spreadsheet_fixtures.py), as the form would store it.
EXPECTED_ADMISSIONS = [
    ("10000000146", "Şükrü Öğüt", "Çiçek Sok. No:3 Üsküdar/İstanbul", "2015-03-02", 2, "2000.00", "500.00"),
    ("10000000214", "Çiğdem Işık", "Iğdır Cad. Öğretmenler Mah. Şişli", "2015-03-02", 1, "1000.00", "250.00"),
    (
        "10000000382",
        "İLKNUR ĞÜLŞEN ÇÖZÜM",
        "GÜZELYALI MAH. ŞİŞHANE ÇIKMAZI NO:5 IĞDIR",
        "2015-03-03",
        3,
        "3000.00",
        "750.50",
    ),
    ("10000000450", "ayşe ılgaz", "hâkim kâtip sok. ğüşiöç", "2015-03-04", 1, "1000.00", "1000.00"),
]
FIXTURE_LISTS = [
    "uyeler.xls",
    "uyeler.xlsm",
    "uyeler.ods",
    "uyeler-excel2010.csv",
    "uyeler-unicode-metin.txt",
    "uyeler-1904.xlsx",
    "uyeler-1904.xls",
    "uyeler-1904.ods",
    "uyeler-seri-1900.xlsx",
    "uyeler-seri-1900.xls",
    "uyeler-seri-1900.ods",
    "uyeler-seri-1904.xlsx",
    "uyeler-seri-1904.xls",
    "uyeler-seri-1904.ods",
    "uyeler-metin-sayilar.xls",
    "uyeler-metin-sayilar.ods",
]


def _admissions(payloads: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    fields = (
        "member_id",
        "full_name",
        "address",
        "effective_date",
        "shares",
        "subscribed_amount",
        "paid_amount",
    )
    return [tuple(p.get(f) for f in fields) for p in payloads]


@pytest.mark.parametrize("name", FIXTURE_LISTS)
def test_a_list_in_any_office_format_imports_like_the_xlsx(
    store: Store, people: dict[str, Actor], coop: dict[str, Any], name: str
) -> None:
    """LibreOffice wrote these (.xls, .xlsm, .ods, Windows-1254 CSV, UTF-16 "Unicode metin"; dates as
    date cells or bare serial numbers in either date system; numbers as text): same drafts each time."""
    preview = member_import.preview(store, FIXTURES / name, COOP)
    assert not preview.invalid_rows, preview.error_lines()
    assert _admissions([r.payload for r in preview.rows]) == EXPECTED_ADMISSIONS
    result = member_import.import_rows(store, people["ayse"], preview)
    drafts = entries.list_entries(store, type_id="member.admit")
    assert _admissions([e.payload for e in drafts]) == EXPECTED_ADMISSIONS
    assert len(result.created) == 4


@pytest.mark.parametrize(
    ("name", "encoding", "reading"),
    [
        (
            "uyeler-excel2010.csv",
            "Windows-1254 (Türkçe)",
            "CSV, Windows-1254 (Türkçe), ayırıcı noktalı virgül (;)",
        ),
        ("uyeler-unicode-metin.txt", "UTF-16 (Unicode metin)", "CSV, UTF-16 (Unicode metin), ayırıcı sekme"),
        ("uyeler.xls", "", "Excel 97-2003 çalışma kitabı (.xls)"),
    ],
)
def test_the_encoding_is_in_the_preview_and_the_audit_row(
    store: Store, people: dict[str, Actor], coop: dict[str, Any], name: str, encoding: str, reading: str
) -> None:
    preview = member_import.preview(store, FIXTURES / name, COOP)
    assert (preview.encoding, preview.reading) == (encoding, reading)
    assert preview.to_json()["encoding"] == (encoding or None)
    member_import.import_rows(store, people["ayse"], preview)
    row = next(r for r in entries.audit_rows(store) if r["action"] == "member_import")
    assert row["details"]["encoding"] == (encoding or None)
    assert row["details"]["file"] == name


def test_a_list_whose_encoding_cannot_be_decided_is_refused(
    store: Store, coop: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes("T.C. Kimlik No;Ad Soyad\n10000000146;Иванов Пётр\n".encode("cp1251"))
    with pytest.raises(MemberListError, match="kodlaması güvenle anlaşılamadı") as info:
        member_import.preview(store, path, COOP)
    assert "Unicode metin" in info.value.message and "CSV UTF-8" not in info.value.message
    assert entry_count(store) == 0


def test_a_tckn_excel_shortened_to_scientific_notation_is_refused_not_guessed(
    store: Store, coop: dict[str, Any], tmp_path: Path
) -> None:
    """A CSV Excel saved from a narrow 'Genel' column holds "1,00441E+10": six digits of eleven.

    10044100000 happens to pass the TCKN checksum (one shortened number in fifty does): it was
    queued as somebody else's TCKN. Now the row is refused and says what to do.
    """
    rows = admit_rows(3, seed=51)
    rows[0][0] = "1,00441E+10"  # expands to 10044100000, a valid TCKN nobody in the file has
    rows[1][0] = "1,23457E+10"  # expands to 12345700000, checksum wrong
    rows[2][0] = f"{int(rows[2][0]) / 1e10:.10f}E+10"  # all eleven digits written: exact
    path = write_csv(tmp_path / "liste.csv", ADMIT_HEADERS, rows)
    preview = member_import.preview(store, path, COOP)
    errors = errors_of(preview)
    assert sorted(errors) == [2, 3]
    for line in (2, 3):
        (message,) = errors[line]
        assert "kısaltılmış" in message and "Metin" in message, message
    assert preview.rows[0].payload.get("member_id") != "10044100000"
    assert preview.rows[2].ok and preview.rows[2].payload["member_id"] == admit_rows(3, seed=51)[2][0]


def test_a_tckn_written_as_a_decimal_number_reads_as_its_digits(
    store: Store, coop: dict[str, Any], tmp_path: Path
) -> None:
    """A list exported by another program writes the TCKN column's numbers as "12345678901.0"
    (or, in Turkish, "12345678901,0"): the same number, not a twelve-digit one."""
    rows = admit_rows(2, seed=52)
    tckns = [row[0] for row in rows]
    rows[0][0] = f"{tckns[0]}.0"
    rows[1][0] = f"{tckns[1]},0"
    path = write_csv(tmp_path / "liste.csv", ADMIT_HEADERS, rows)
    preview = member_import.preview(store, path, COOP)
    assert not preview.invalid_rows, preview.error_lines()
    assert [r.payload["member_id"] for r in preview.rows] == tckns


def _vkn_with_leading_zero(start: int) -> str:
    """A valid VKN of a zero and ``start``'s eight digits on (the first whose check digit fits)."""
    from stdnum.tr import vkn

    for n in range(start, start + 1000):
        body = f"0{n}"
        number = body + vkn.calc_check_digit(body)
        if vkn.is_valid(number):
            return number
    raise AssertionError("no VKN found")


def test_a_vkn_that_lost_its_leading_zero_is_read_with_it_and_the_preview_says_so(
    store: Store, people: dict[str, Actor], coop: dict[str, Any], tmp_path: Path
) -> None:
    """Excel keeps a VKN typed into a number cell as 123456789: the zero comes back, but the same
    nine digits are also what a VKN typed with one digit missing looks like (its checksum then
    passes one time in ten), so the row gets a warning naming both numbers."""
    rows = admit_rows(4, seed=54)
    lost, kept = _vkn_with_leading_zero(12_345_000), _vkn_with_leading_zero(50_000_000)
    expected = [lost, kept, rows[2][0], rows[3][0]]
    rows[0][0] = int(lost)  # a number cell: Excel dropped the zero
    rows[1][0] = kept  # a text cell with its zero: nothing to say
    rows[2][0] = int(rows[2][0])  # a TCKN in a number cell loses nothing
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, rows)
    preview = member_import.preview(store, path, COOP)
    assert not preview.invalid_rows, preview.error_lines()
    assert [r.payload["member_id"] for r in preview.rows] == expected
    (warning,) = preview.rows[0].warnings
    assert warning.field == "member_id"
    assert warning.message == (
        f"Başına 0 eklenerek {lost} okundu; dosyada 9 hane var ({lost[1:]}). Excel sayı olarak "
        "sakladığı numaranın baştaki sıfırını siler, ama bir hanesi eksik yazılmış numara da böyle "
        "görünür: belgesiyle karşılaştırın, eksikse dosyada düzeltip yeniden yükleyin."
    )
    assert [r.warnings for r in preview.rows[1:]] == [[], [], []]
    assert preview.summary().endswith("1 geçerli satırda uyarı var.")
    assert preview.to_json()["warnings"] == [
        {"line": 2, "field": "member_id", "column": warning.label, "message": warning.message}
    ]
    # A warning, not an error: the row is queued, and the draft keeps no issue the form would not find.
    result = member_import.import_rows(store, people["ayse"], preview)
    made = entries.get_entry(store, result.created[0])
    assert made.payload["member_id"] == lost and made.issues == []


def test_nine_digits_that_are_no_vkn_even_with_the_zero_are_an_error_and_nothing_more(
    store: Store, coop: dict[str, Any], tmp_path: Path
) -> None:
    rows = admit_rows(1, seed=55)
    valid = _vkn_with_leading_zero(12_345_000)
    wrong = valid[:-1] + str((int(valid[-1]) + 1) % 10)  # its check digit off by one
    rows[0][0] = wrong[1:]  # as a CSV Excel saved writes the number cell: nine digits
    path = write_csv(tmp_path / "liste.csv", ADMIT_HEADERS, rows)
    preview = member_import.preview(store, path, COOP)
    row = preview.rows[0]
    assert [i.field for i in row.errors] == ["member_id"] and not row.warnings


def _with_cached_results(path: Path, results: dict[str, str]) -> Path:
    """``path`` with some cells' values replaced as Excel writes a formula's result: all 17 digits
    of the double (openpyxl writes the short form, Excel does not)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(name for name in parts if name.startswith("xl/worksheets/"))
    xml = parts[sheet].decode()
    for written, cached in results.items():
        assert f"<v>{written}</v>" in xml, written
        xml = xml.replace(f"<v>{written}</v>", f"<v>{cached}</v>")
    parts[sheet] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_amounts_and_counts_excel_computed_read_as_excel_shows_them(
    store: Store, coop: dict[str, Any], tmp_path: Path
) -> None:
    """=F2*0,1 gives 115.00000000000001, =1000,1+250,2 gives 1250.3000000000002: Excel shows 115,00
    and 1.250,30 (it keeps 15 digits), the list was refused for "more than two kuruş digits"."""
    rows = admit_rows(3, seed=53)
    rows[0][6] = 111.25  # placeholders, replaced by the results Excel caches
    rows[1][5], rows[1][6] = 2222.25, 333.25
    rows[2][4] = 4.25
    path = write_xlsx(tmp_path / "formuller.xlsx", ADMIT_HEADERS, rows)
    _with_cached_results(
        path,
        {
            "111.25": "115.00000000000001",
            "2222.25": "1250.3000000000002",
            "333.25": "0.30000000000000004",
            "4.25": "2.9999999999999996",
        },
    )
    preview = member_import.preview(store, path, COOP)
    assert not preview.invalid_rows, preview.error_lines()
    first, second, third = (r.payload for r in preview.rows)
    assert first["paid_amount"] == "115.00"
    assert (second["subscribed_amount"], second["paid_amount"]) == ("1250.30", "0.30")
    assert third["shares"] == 3
    assert preview.rows[1].cells["paid_amount"] == "0.3"  # the preview shows no 17th digit either
