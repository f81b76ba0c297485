"""A real Sanayi.Net export: short type names, old status words, one unknown type — imported with warnings.

The file is made with the shared CSV writer (``tests.services.member_lists``) as the
directorate's export looks: Turkish headers, ``;`` and a BOM, district names, the
Ministry's type names without "Kooperatifi" and in capitals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain import demo_data, reference
from koopbis_desktop.services import snapshot_import
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store
from tests.conftest import db_arg
from tests.services.member_lists import write_csv

HEADER = [
    "Sicil No",
    "Kooperatif Unvanı",
    "Kooperatif Türü",
    "İl",
    "İlçesi",
    "Adresi",
    "Vergi No",
    "Ticaret Sicil No",
    "Durumu",
    "Kuruluş Tarihi",
]
# As Sanayi.Net's list of the time writes them, with the code each must land on.
SHORT_TYPES = [
    ("Tüketim", "tuketim"),
    ("Küçük Sanat", "sanayi_sitesi"),
    ("Karayolu Yolcu Taşıma", "tasima"),
    ("Tarım Satış", "tarim_satis"),
    ("KONUT YAPI KOOPERATİFİ", "konut"),
    ("Motorlu Taşıyıcılar", "tasima"),
    ("Esnaf ve Sanatkârlar Kredi ve Kefalet", "esnaf_kredi"),
    ("Yardımlaşma", "diger"),  # no such type in the list: kept as written
]
STATUS_WORDS = [
    ("Faal", "active"),
    ("FAALİYETTE", "active"),
    ("Tasfiye Halinde", "in_liquidation"),
    ("Faaliyetsiz", "dormant"),
    ("Münfesih", "dissolving"),
    ("Terkin Edildi", "dissolved"),
    ("Faal", "active"),
    ("Askıda", "other"),  # unknown: kept as written
]


def export_rows(recs: list[dict[str, Any]]) -> list[list[Any]]:
    rows = []
    for rec, (type_word, _), (status_word, _) in zip(recs, SHORT_TYPES, STATUS_WORDS, strict=True):
        province = reference.find_province(rec["province_code"])
        assert province is not None
        rows.append(
            [
                rec["id"],
                rec["title"],
                type_word,
                province.name.upper(),
                reference.district_name(rec["province_code"], rec["district"]),
                rec["address"],
                rec["vkn"],
                rec["trade_registry_no"],
                status_word,
                ".".join(reversed(rec["founded_on"].split("-"))),
            ]
        )
    return rows


def test_short_type_names_import_with_warnings_instead_of_refusal(snap: Store, tmp_path: Path) -> None:
    recs = list(demo_data.cooperatives("06", len(SHORT_TYPES), seed=17))
    path = write_csv(tmp_path / "sanayinet_ankara.csv", HEADER, export_rows(recs))

    report = snapshot_import.import_file(snap, path)

    assert report.counts["cooperatives"] == len(recs)
    by_column = {(line, column): message for _, line, column, message in report.warnings}
    # Header is line 1; the columns as the file heads them.
    assert set(by_column) == {(9, "Kooperatif Türü"), (9, "Durumu")}
    assert "'Yardımlaşma' tanınan bir kooperatif türü değil" in by_column[(9, "Kooperatif Türü")]
    assert "'Askıda' tanınan bir durum değil" in by_column[(9, "Durumu")]
    assert "2 uyarı" in report.text() and "sanayinet_ankara.csv satır 9 (Kooperatif Türü)" in report.text()
    for rec, (_, code), (_, status) in zip(recs, SHORT_TYPES, STATUS_WORDS, strict=True):
        got = snapshot.get_record(snap, rec["id"])
        assert got is not None
        assert (got["cooperative_type"], got["status"]) == (code, status), rec["id"]
    last = snapshot.get_record(snap, recs[-1]["id"])
    assert last is not None
    assert last["type_as_written"] == "Yardımlaşma" and last["status_as_written"] == "Askıda"
    first = snapshot.get_record(snap, recs[0]["id"])
    assert first is not None and "type_as_written" not in first


def test_a_bad_row_still_refuses_the_file_and_names_only_real_errors(snap: Store, tmp_path: Path) -> None:
    recs = list(demo_data.cooperatives("06", len(SHORT_TYPES), seed=18))
    rows = export_rows(recs)
    rows[2][2] = ""  # an empty type is a mistake, not a word to keep
    path = write_csv(tmp_path / "eksik.csv", HEADER, rows)
    with pytest.raises(snapshot_import.SnapshotImportError) as refused:
        snapshot_import.import_file(snap, path)
    assert [(line, column) for _, line, column, _ in refused.value.errors] == [(4, "Kooperatif Türü")]
    assert snapshot.count_cooperatives(snap) == 0


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Tüketim Kooperatifi", "tuketim"),
        ("tüketim", "tuketim"),
        ("TUKETIM", "tuketim"),
        ("Küçük Sanat ve Sanayi Sitesi Yapı Kooperatifi", "sanayi_sitesi"),
        ("konut", "konut"),
        ("Yardımlaşma", None),
    ],
)
def test_type_matching_by_folded_name_with_and_without_kooperatifi(written: str, code: str | None) -> None:
    assert reference.match_cooperative_type(written) == code


def test_cli_import_prints_the_row_warnings(
    store: Store,
    people: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from koopbis_desktop.cli import main
    from tests.conftest import PASSWORD

    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    recs = list(demo_data.cooperatives("06", len(SHORT_TYPES), seed=19))
    path = write_csv(tmp_path / "sanayinet.csv", HEADER, export_rows(recs))
    assert main(["--db", db_arg(store), "snapshot", "import", str(path), "--as", "sef"]) == 0
    out = capsys.readouterr().out
    assert f"{len(recs)} kooperatif" in out and "2 uyarı" in out and "'Yardımlaşma'" in out
