"""Exports read back: the XLSX equals the queue (types included), the CSVs open in Turkish Excel."""

from __future__ import annotations

import csv
import io
import threading
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture, exports, queries, review
from koopbis_desktop.services.queries import EntryFilter
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from tests.conftest import reopen, valid_tckn

COOP = "06-900001"


def admit(store: Store, who: Actor, seed: int, paid: str = "250,50") -> entries.Entry:
    return capture.create_entry(
        store,
        who,
        "member.admit",
        COOP,
        {
            "member_id": valid_tckn(seed),
            "full_name": f"Ortak Çağlayan {seed}",
            "effective_date": "02.03.2015",
            "decision_no": f"2015/{seed}",
            "shares": 2,
            "subscribed_amount": "1.000,00",
            "paid_amount": paid,
        },
    )


@pytest.fixture
def queue(store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]) -> list[entries.Entry]:
    made = [admit(store, people["ayse"], seed) for seed in range(1, 8)]
    member = cooperatives[-1]["members"][0]
    made.append(
        capture.create_entry(
            store,
            people["mehmet"],
            "member.leave",
            COOP,
            {
                "member_id": member["member_id"],
                "full_name": member["full_name"],
                "reason": "vefat",
                "effective_date": "03.03.2015",
                "decision_no": "2015/99",
            },
        )
    )
    for entry in made[:3]:
        capture.submit_entry(store, people["ayse"], entry.uuid)
    review.approve_entry(store, people["sef"], made[0].uuid)
    return made


def test_xlsx_reads_back_equal_to_the_queue(store: Store, queue: list[entries.Entry], tmp_path: Path) -> None:
    flt = EntryFilter()
    report = exports.export_entries(store, flt, tmp_path / "kuyruk.xlsx", sort="updated_at", descending=False)
    assert report.rows == 8
    book = load_workbook(tmp_path / "kuyruk.xlsx")
    assert book.sheetnames == ["Özet", "Ortaklığa giriş", "Ortaklıktan ayrılma"]

    sheet = book["Ortaklığa giriş"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Kayıt No", "Kayıt türü", "Kooperatif sicil no")
    assert "T.C. Kimlik No / VKN" in header and "Ödenen tutar" in header and "Pay adedi" in header
    expected = queries.page_entries(
        store, EntryFilter(type_id="member.admit"), offset=0, limit=100, sort="updated_at", descending=False
    )
    assert [r[0] for r in rows[1:]] == [e.uuid for e in expected]
    col = {name: header.index(name) for name in header}
    by_uuid = {e.uuid: e for e in queue}
    for row in rows[1:]:
        entry = entries.get_entry(store, row[0])
        assert row[col["Durum"]] == {"draft": "Taslak"}.get(entry.state.value, row[col["Durum"]])
        assert isinstance(row[col["Karar / işlem tarihi"]], datetime)
        assert row[col["Karar / işlem tarihi"]].date() == date(2015, 3, 2)
        assert isinstance(row[col["Yönetim kurulu karar tarihi"]], datetime)
        paid = row[col["Ödenen tutar"]]
        assert isinstance(paid, int | float) and Decimal(str(paid)) == Decimal(entry.payload["paid_amount"])
        assert row[col["Pay adedi"]] == 2
        assert row[col["T.C. Kimlik No / VKN"]] == by_uuid[row[0]].payload["member_id"]
        assert row[col["Kooperatif unvanı"]] == "IŞIK Çağdaş Güneşli Ören Konut Yapı Kooperatifi"
    # Number formats the way a Turkish office reads them.
    first = next(sheet.iter_rows(min_row=2, max_row=2))
    assert first[col["Ödenen tutar"]].number_format == "#,##0.00"
    assert first[col["Karar / işlem tarihi"]].number_format == "DD.MM.YYYY"
    assert isinstance(first[col["Son değişiklik"]].value, datetime)

    leave = list(book["Ortaklıktan ayrılma"].iter_rows(values_only=True))
    assert len(leave) == 2 and "Ayrılma nedeni" in leave[0]
    assert leave[1][leave[0].index("Ayrılma nedeni")] == "Vefat"

    summary = list(book["Özet"].iter_rows(values_only=True))
    assert summary[0][:3] == ("Kayıt türü", "Sayfa", "Toplam")
    assert summary[1][:3] == ("Ortaklığa giriş", "Ortaklığa giriş", 7)
    assert summary[2][:3] == ("Ortaklıktan ayrılma", "Ortaklıktan ayrılma", 1)


def test_xlsx_of_a_filtered_view_has_only_its_rows(
    store: Store, queue: list[entries.Entry], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "PAGE", 2)  # several pages per sheet
    flt = EntryFilter(states=(State.DRAFT,))
    seen: list[int] = []
    report = exports.export_entries(store, flt, tmp_path / "taslak.xlsx", progress=seen.append)
    assert report.rows == queries.count_entries(store, flt) == 5
    assert seen[-1] == 5 and len(seen) >= 3
    book = load_workbook(tmp_path / "taslak.xlsx", read_only=True)
    uuids = [r[0] for name in book.sheetnames[1:] for r in list(book[name].iter_rows(values_only=True))[1:]]
    assert sorted(uuids) == sorted(
        e.uuid for e in queue if entries.get_entry(store, e.uuid).state is State.DRAFT
    )
    book.close()


def test_csv_has_bom_semicolons_and_turkish_numbers(
    store: Store, queue: list[entries.Entry], tmp_path: Path
) -> None:
    report = exports.export_entries(store, EntryFilter(), tmp_path / "kuyruk.csv", descending=False)
    data = (tmp_path / "kuyruk.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert report.rows == len(rows) - 1 == 8
    header = rows[0]
    assert header[0] == "Kayıt No" and "Ödenen tutar" in header and "Ayrılma nedeni" in header
    admit_row = next(r for r in rows[1:] if r[1] == "Ortaklığa giriş")
    assert admit_row[header.index("Ödenen tutar")] == "250,50"
    assert admit_row[header.index("Karar / işlem tarihi")] == "02.03.2015"
    assert admit_row[header.index("Ayrılma nedeni")] == ""


def test_audit_csv_lists_the_whole_chain(store: Store, queue: list[entries.Entry], tmp_path: Path) -> None:
    report = exports.export_audit(store, tmp_path / "denetim.csv")
    data = (tmp_path / "denetim.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Sıra", "Zaman", "Kullanıcı", "İşlem"]
    seqs = [int(r[0]) for r in rows[1:]]
    assert seqs == sorted(seqs) and report.rows == len(seqs) == audit.verify(store.conn).rows
    assert rows[-1][-1] == audit.head(store.conn)[1]
    approve = next(r for r in rows[1:] if r[3] == "approve")
    assert approve[2] == "sef" and approve[5] == "Onay bekliyor" and approve[6] == "Onaylandı"


def test_export_errors_are_sentences(store: Store, queue: list[entries.Entry], tmp_path: Path) -> None:
    with pytest.raises(exports.ExportError, match=r"\.xlsx ya da \.csv"):
        exports.export_entries(store, EntryFilter(), tmp_path / "kuyruk.pdf")
    with pytest.raises(exports.ExportError, match="Klasör bulunamadı"):
        exports.export_entries(store, EntryFilter(), tmp_path / "yok" / "kuyruk.xlsx")


# ------------------------------------------------------------------ encodings and the round trip

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spreadsheets"
ROUND_TRIP_FIELDS = (
    "member_id",
    "full_name",
    "address",
    "effective_date",
    "decision_no",
    "shares",
    "subscribed_amount",
    "paid_amount",
)


@pytest.mark.parametrize(
    ("name", "encoding"), [("geri.xlsx", None), ("geri.csv", "utf-8-sig"), ("geri.csv", "cp1254")]
)
def test_every_export_reads_back_through_the_importer_as_the_same_rows(
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
    name: str,
    encoding: str | None,
) -> None:
    from koopbis_desktop.services import member_import

    prepared = member_import.preview(store, FIXTURES / "uyeler-excel2010.csv", COOP)
    member_import.import_rows(store, people["ayse"], prepared)
    queued = entries.list_entries(store, type_id="member.admit")
    flt = EntryFilter(type_id="member.admit")
    report = exports.export_entries(store, flt, tmp_path / name, encoding=encoding)
    assert report.rows == 4 and report.replaced == 0

    again = member_import.preview(store, tmp_path / name, COOP, kind=member_import.ImportKind.ADMIT)
    by_id = {e.payload["member_id"]: e.payload for e in queued}
    assert len(again.rows) == 4
    for row in again.rows:
        original = by_id[row.payload["member_id"]]
        assert {f: row.payload.get(f) for f in ROUND_TRIP_FIELDS} == {
            f: original.get(f) for f in ROUND_TRIP_FIELDS
        }
    if encoding is not None:
        expected = "Windows-1254 (Türkçe)" if encoding == "cp1254" else "UTF-8 (BOM'lu)"
        assert again.encoding == expected


def test_a_character_windows_1254_lacks_is_written_as_a_question_mark_with_a_warning(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    payload = {
        "member_id": valid_tckn(77),
        "full_name": "Иван Şükrü",  # a Cyrillic first name: 4 letters Windows-1254 has not
        "effective_date": "2015-03-02",
        "decision_no": "2015/1",
        "shares": 1,
        "subscribed_amount": "1000.00",
        "paid_amount": "250.00",
    }
    capture.create_entry(store, people["ayse"], "member.admit", COOP, payload)
    target = tmp_path / "kuyruk.csv"
    report = exports.export_entries(store, EntryFilter(), target, encoding="cp1254")
    assert report.replaced == 4
    assert "4 karakter" in report.text() and "'?'" in report.text()
    text = target.read_bytes().decode("cp1254")
    assert "???? Şükrü" in text
    utf8 = exports.export_entries(store, EntryFilter(), tmp_path / "utf8.csv", encoding="utf-8-sig")
    assert utf8.replaced == 0 and utf8.warning == ""
    assert "Иван Şükrü" in (tmp_path / "utf8.csv").read_text("utf-8-sig")
    i18n.set_language("en")  # the report follows the interface language (the conftest sets Turkish back)
    report = exports.export_entries(store, EntryFilter(), target, encoding="cp1254")
    assert report.text() == (
        "1 record(s) exported to kuyruk.csv. Warning: 4 characters are not in the Windows-1254 (Excel 2010 "
        "compatible) encoding and were written as '?'. If these characters are needed, export again as "
        ".xlsx, or choose 'UTF-8 with BOM' in the settings."
    )
    assert report.encoding == "Excel 2010 compatible (Windows-1254)"


def test_text_that_starts_with_an_equals_sign_stays_text_in_the_xlsx(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    # A supervisor's return note "=> karar no eksik" written as a formula: Excel reports the
    # file as damaged, "repairs" it and the note is gone from the director's copy.
    entry = admit(store, people["ayse"], 5)
    capture.submit_entry(store, people["ayse"], entry.uuid)
    review.return_entry(store, people["sef"], entry.uuid, "=> karar no eksik, düzeltin")
    capture.edit_entry(store, people["ayse"], entry.uuid, {**entry.payload, "address": "=Atatürk Cad. 5"})
    exports.export_entries(store, EntryFilter(), tmp_path / "iade.xlsx")
    sheet = load_workbook(tmp_path / "iade.xlsx")["Ortaklığa giriş"]
    header = [c.value for c in sheet[1]]
    row = sheet[2]
    note = row[header.index("Açıklama (iade/onay notu)")]
    address = row[header.index("Adresi")]
    assert (note.value, note.data_type) == ("=> karar no eksik, düzeltin", "s")
    assert (address.value, address.data_type) == ("=Atatürk Cad. 5", "s")


def test_an_export_over_a_file_open_in_excel_says_to_close_it(
    store: Store, queue: list[entries.Entry], tmp_path: Path
) -> None:
    from tests.conftest import held_by_another_program

    for name in ("kayıtlar.xlsx", "kayıtlar.csv", "denetim.csv"):
        target = tmp_path / name
        target.write_bytes(b"eski")
        with held_by_another_program(target), pytest.raises(exports.ExportError) as refused:
            if name == "denetim.csv":
                exports.export_audit(store, target)
            else:
                exports.export_entries(store, EntryFilter(), target)
        assert refused.value.message.startswith(f"Dosya yazılamadı: {target} (dosya başka bir programda")
        assert "kapatıp yeniden deneyin" in refused.value.message
        assert target.read_bytes() == b"eski" and not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_export_is_one_snapshot_of_the_queue_while_others_write(
    store: Store,
    queue: list[entries.Entry],
    people: dict[str, Actor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    # The export reads in pages, by last change. While it runs, this PC's worker and the other
    # PCs go on: a draft submitted meanwhile moves to the end of that order, a new one appears.
    # The file lists the queue as it was when the export began: each entry once, none added.
    monkeypatch.setattr(exports, "PAGE", 2)
    before = {e.uuid for e in queue}
    drafts = [
        e for e in queue if e.author == "ayse" and entries.get_entry(store, e.uuid).state is State.DRAFT
    ]
    other = reopen(store)
    written: list[int] = []

    def meanwhile(rows: int) -> None:
        written.append(rows)
        if len(written) == 1:  # after the first page: another PC submits a draft, adds one
            capture.submit_entry(other, people["ayse"], drafts[0].uuid)
            admit(other, people["ayse"], 40)

    counted: list[int] = []
    try:
        report = exports.export_entries(
            store, EntryFilter(), tmp_path / f"kuyruk{suffix}", progress=meanwhile, counted=counted.append
        )
    finally:
        other.close()
    assert counted == [len(before)] and report.rows == len(before) == written[-1]
    if suffix == ".xlsx":
        book = load_workbook(tmp_path / "kuyruk.xlsx", read_only=True)
        uuids = [
            r[0] for name in book.sheetnames[1:] for r in list(book[name].iter_rows(values_only=True))[1:]
        ]
        book.close()
    else:
        text = (tmp_path / "kuyruk.csv").read_text(encoding="utf-8-sig")
        uuids = [row[0] for row in list(csv.reader(io.StringIO(text), delimiter=";"))[1:]]
    assert sorted(uuids) == sorted(before)
    assert queries.count_entries(store, EntryFilter()) == len(before) + 1  # it was written, after


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", "audit"])
def test_a_cancelled_export_writes_nothing_and_leaves_no_rows_behind(
    store: Store, queue: list[entries.Entry], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    # Vazgeç half-way: yesterday's file of that name stays as it was, no ".part" is left, and
    # the rows written so far (members' names and TCKNs) do not stay in a temporary file.
    from openpyxl.worksheet import _writer

    monkeypatch.setattr(exports, "PAGE", 2)
    folder = tmp_path / "belgeler"
    folder.mkdir()
    target = folder / ("denetim.csv" if suffix == "audit" else f"kayitlar{suffix}")
    target.write_bytes(b"dunku dosya")
    cancel = threading.Event()
    temporary_before = set(_writer.ALL_TEMP_FILES)
    with pytest.raises(exports.ExportCancelled) as stopped:
        if suffix == "audit":
            exports.export_audit(store, target, progress=lambda rows: cancel.set(), cancel=cancel)
        else:
            exports.export_entries(
                store, EntryFilter(), target, progress=lambda rows: cancel.set(), cancel=cancel
            )
    assert stopped.value.message == f"Dışa aktarma durduruldu; {target.name} dosyasına bir şey yazılmadı."
    assert target.read_bytes() == b"dunku dosya"
    assert sorted(p.name for p in folder.iterdir()) == [target.name]
    left = [p for p in set(_writer.ALL_TEMP_FILES) - temporary_before if Path(p).exists()]
    assert left == []
    # Not asked to stop, the same export writes the file.
    assert exports.export_entries(
        store, EntryFilter(), tmp_path / "tam.xlsx", cancel=threading.Event()
    ).rows == len(queue)


def test_decomposed_turkish_letters_are_exported_whole_not_as_question_marks(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    """Text stored decomposed (NFD: "S" + U+0327 for "Ş", as macOS and some copied text hold it) is
    written composed: Windows-1254 has Ş, ü, Ö, so nothing becomes "?" and nothing is warned about;
    the UTF-8 CSV and the XLSX hold the same composed letters."""
    from koopbis_desktop.store import snapshot

    title = "Şükrü Öztürk Çağlayan İğdır Konut Yapı Kooperatifi"
    record = {**cooperatives[0], "id": "06-900077", "title": unicodedata.normalize("NFD", title)}
    snapshot.upsert_records(store, [record])
    capture.create_entry(
        store,
        people["ayse"],
        "member.admit",
        "06-900077",
        {
            "member_id": valid_tckn(78),
            "full_name": unicodedata.normalize("NFD", "Şükrü Öztürk"),
            "effective_date": "02.03.2015",
            "decision_no": "2015/1",
            "shares": 1,
            "subscribed_amount": "1000.00",
            "paid_amount": "250.00",
        },
    )
    report = exports.export_entries(store, EntryFilter(), tmp_path / "kuyruk.csv", encoding="cp1254")
    assert (report.replaced, report.warning) == (0, "")
    text = (tmp_path / "kuyruk.csv").read_bytes().decode("cp1254")
    assert f";{title};" in text and ";Şükrü Öztürk;" in text and "?" not in text
    exports.export_entries(store, EntryFilter(), tmp_path / "kuyruk-utf8.csv", encoding="utf-8-sig")
    utf8 = (tmp_path / "kuyruk-utf8.csv").read_text("utf-8-sig")
    assert f";{title};" in utf8 and unicodedata.is_normalized("NFC", utf8)
    exports.export_entries(store, EntryFilter(), tmp_path / "kuyruk.xlsx")
    sheet = load_workbook(tmp_path / "kuyruk.xlsx", read_only=True)["Ortaklığa giriş"]
    values = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert title in values and "Şükrü Öztürk" in values
    assert all(unicodedata.is_normalized("NFC", v) for v in values)
