"""``koopbis import members``, ``export entries|audit`` and ``support-bundle`` through ``cli.main``."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD
from tests.services.member_lists import ADMIT_HEADERS, admit_rows, opened_in_excel, write_csv, write_xlsx

COOP = "06-900001"


@pytest.fixture
def cli(
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> Any:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)

    def run(*args: str) -> int:
        return main(["--db", str(store.path), *args])

    return run


def count(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM entries").fetchone()[0])


def test_import_members_dry_run_then_for_real(
    cli: Any, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(4, seed=31))
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "4 satır okundu: 4 geçerli, 0 hatalı." in out and "Deneme" in out
    assert count(store) == 0

    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse", "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["valid"] == 4 and len(result["created"]) == 4 and result["type"] == "member.admit"
    assert {entries.get_entry(store, u).author for u in result["created"]} == {"ayse"}


def test_import_members_says_when_the_list_is_open_in_excel(
    cli: Any, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What is not saved in Excel is not read: said on stderr beside the summary, and in --json."""
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(2, seed=6))
    opened_in_excel(path)
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse", "--dry-run") == 0
    said = capsys.readouterr()
    assert "2 satır okundu" in said.out
    assert "«liste.xlsx» şu anda Excel programında açık" in said.err
    assert (
        cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse", "--dry-run", "--json") == 0
    )
    assert "Excel programında açık" in json.loads(capsys.readouterr().out)["open_elsewhere"]


def test_import_members_with_errors_exits_3_and_imports_nothing(
    cli: Any, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = admit_rows(3, seed=32)
    rows[1][0] = "12345678901"
    path = write_csv(tmp_path / "liste.csv", ADMIT_HEADERS, rows)
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse") == 3
    captured = capsys.readouterr()
    assert "HATA: Satır 3, T.C. Kimlik No / VKN: T.C. Kimlik No geçersiz" in captured.err
    assert "--skip-invalid" in captured.err
    assert count(store) == 0
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse", "--skip-invalid") == 0
    assert "2 taslak kayıt oluşturuldu. Hatalı 1 satır atlandı." in capsys.readouterr().out
    assert count(store) == 2


def test_import_members_names_the_rows_it_imports_with_a_warning(
    cli: Any, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = admit_rows(2, seed=34)
    rows[1][0] = "979151507"  # as a CSV Excel saved writes a VKN that starts with 0
    path = write_csv(tmp_path / "liste.csv", ADMIT_HEADERS, rows)
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse") == 0
    captured = capsys.readouterr()
    assert "1 geçerli satırda uyarı var." in captured.out and "2 taslak kayıt oluşturuldu." in captured.out
    warned = [line for line in captured.err.splitlines() if "UYARI" in line]
    assert len(warned) == 1
    assert warned[0].startswith(
        "  UYARI: Satır 3, T.C. Kimlik No / VKN: Başına 0 eklenerek 0979151507 okundu; dosyada 9 hane var"
    )
    assert "HATA" not in captured.err
    assert count(store) == 2


def test_import_members_refusals(
    cli: Any, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(1, seed=33))
    assert cli("import", "members", str(path), "--cooperative", "06-999999", "--as", "ayse") == 5
    assert "Kooperatif bulunamadı" in capsys.readouterr().err
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "admin") == 4
    not_a_sheet = tmp_path / "resim.csv"
    not_a_sheet.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert cli("import", "members", str(not_a_sheet), "--cooperative", COOP, "--as", "ayse") == 3
    assert "CSV metin dosyası değil" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # --cooperative is required
        cli("import", "members", str(path), "--as", "ayse")
    assert usage.value.code == 2
    assert count(store) == 0


@pytest.mark.expect_log(r"Dosya adı .xlsx ya da .csv ile bitmeli", logger="koopbis.cli")
def test_export_entries_and_audit(
    cli: Any, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(3, seed=34))
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse") == 0
    capsys.readouterr()
    assert cli("export", "entries", str(tmp_path / "kuyruk.xlsx"), "--state", "draft", "--as", "ayse") == 0
    assert "3 kayıt kuyruk.xlsx dosyasına aktarıldı." in capsys.readouterr().out
    book = load_workbook(tmp_path / "kuyruk.xlsx", read_only=True)
    assert book.sheetnames == ["Özet", "Ortaklığa giriş"]
    assert len(list(book["Ortaklığa giriş"].iter_rows(values_only=True))) == 4
    book.close()
    assert cli("export", "entries", str(tmp_path / "onayli.csv"), "--state", "approved", "--as", "ayse") == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "onayli.csv").read_text("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 and rows[0][0] == "Kayıt No"
    assert cli("export", "entries", str(tmp_path / "x.csv"), "--state", "bozuk", "--as", "ayse") == 2
    assert cli("export", "audit", str(tmp_path / "denetim.csv"), "--as", "ayse") == 0
    assert "Denetim izi:" in capsys.readouterr().out
    assert (tmp_path / "denetim.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert cli("export", "entries", str(tmp_path / "kuyruk.pdf"), "--as", "ayse") == 1


def test_support_bundle(cli: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("support-bundle", str(tmp_path / "destek.zip"), "--as", "ayse") == 0
    assert "kişisel veri içermez" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "destek.zip") as bundle:
        assert {"README.txt", "system.json", "database.json"} <= set(bundle.namelist())
        assert b"parola-1234" not in b"".join(bundle.read(n) for n in bundle.namelist())


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spreadsheets"


def test_dry_run_of_a_turkish_excel_2010_csv_names_its_encoding(
    cli: Any, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FIXTURES / "uyeler-excel2010.csv"
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "4 satır okundu: 4 geçerli, 0 hatalı." in out
    assert "Dosya: uyeler-excel2010.csv (CSV, Windows-1254 (Türkçe), ayırıcı noktalı virgül (;))" in out
    assert (
        cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse", "--dry-run", "--json") == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["encoding"] == "Windows-1254 (Türkçe)" and result["valid"] == 4
    assert count(store) == 0


def test_a_refused_file_is_reported_once_and_as_json_when_asked(
    cli: Any, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rusca.csv"
    path.write_bytes("T.C. Kimlik No;Ad Soyad\n10000000146;Иванов Пётр\n".encode("cp1251"))
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse") == 3
    captured = capsys.readouterr()
    assert captured.err.count("kodlaması güvenle anlaşılamadı") == 1
    assert captured.out == ""

    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse", "--json") == 3
    captured = capsys.readouterr()
    document = json.loads(captured.out)  # one JSON document, even though the file was refused
    assert document["ok"] is False and document["exit_code"] == 3
    assert len(document["errors"]) == 1
    error = document["errors"][0]
    assert (error["file"], error["line"]) == ("rusca.csv", 0)
    assert "kodlaması güvenle anlaşılamadı" in error["message"] and "CSV UTF-8" not in error["message"]
    assert captured.out.count("kodlaması güvenle anlaşılamadı") == 1
    assert captured.err == ""

    # A refusal with a summary and per-row lines: the summary first, each line once.
    missing = tmp_path / "yok.xlsx"
    assert cli("import", "members", str(missing), "--cooperative", COOP, "--as", "ayse", "--json") == 3
    document = json.loads(capsys.readouterr().out)
    assert [e["message"] for e in document["errors"]] == [f"Dosya bulunamadı: {missing}"]
    assert count(store) == 0


def test_snapshot_import_reports_the_encoding(
    cli: Any, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FIXTURES / "kooperatifler-excel2010.csv"
    assert cli("snapshot", "import", str(path), "--as", "admin") == 0
    out = capsys.readouterr().out
    assert (
        "2 kooperatif" in out
        and "kooperatifler-excel2010.csv: Windows-1254 (Türkçe) kodlamasıyla okundu." in out
    )
    assert cli("snapshot", "import", str(FIXTURES / "kooperatifler.xls"), "--as", "admin", "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["counts"]["cooperatives"] == 2 and result["encodings"] == {}
    english = FIXTURES / "kooperatifler-unicode-metin.txt"
    assert cli("snapshot", "import", str(english), "--as", "admin", "--lang", "en") == 0
    assert "kooperatifler-unicode-metin.txt: read as UTF-16 (Unicode text)." in capsys.readouterr().out


def test_export_csv_in_the_excel_2010_encoding_chosen_in_settings(
    cli: Any, store: Store, people: dict[str, Actor], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from koopbis_desktop.services import settings

    assert cli("import", "members", str(FIXTURES / "uyeler.ods"), "--cooperative", COOP, "--as", "ayse") == 0
    settings.update(store, people["sef"], {"csv_export_encoding": "cp1254"})
    capsys.readouterr()
    assert cli("export", "entries", str(tmp_path / "kuyruk.csv"), "--as", "ayse", "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["encoding"] == "Excel 2010 uyumlu (Windows-1254)" and result["warnings"] == []
    text = (tmp_path / "kuyruk.csv").read_bytes().decode("cp1254")
    assert "İLKNUR ĞÜLŞEN ÇÖZÜM" in text and "hâkim kâtip sok. ğüşiöç" in text
    assert cli("export", "audit", str(tmp_path / "denetim.csv"), "--as", "ayse") == 0
    assert not (tmp_path / "denetim.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    audit_text = (tmp_path / "denetim.csv").read_bytes().decode("cp1254")
    assert audit_text.startswith("Sıra;Zaman;Kullanıcı;İşlem;") and "member_import" in audit_text


def test_a_long_export_tells_how_far_it_is_on_stderr(
    cli: Any,
    store: Store,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from koopbis_desktop.services import exports

    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(20, seed=35))
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse") == 0
    capsys.readouterr()
    monkeypatch.setattr(exports, "PAGE", 4)  # five pages
    assert cli("export", "entries", str(tmp_path / "kuyruk.xlsx"), "--as", "ayse") == 0
    out, err = capsys.readouterr()
    assert out.strip() == "20 kayıt kuyruk.xlsx dosyasına aktarıldı."
    assert err.splitlines() == [
        "[ 20%] kuyruk.xlsx: 4 / 20 kayıt yazıldı",
        "[ 40%] kuyruk.xlsx: 8 / 20 kayıt yazıldı",
        "[ 60%] kuyruk.xlsx: 12 / 20 kayıt yazıldı",
        "[ 80%] kuyruk.xlsx: 16 / 20 kayıt yazıldı",
        "[100%] kuyruk.xlsx: 20 / 20 kayıt yazıldı",
    ]
    assert cli("export", "entries", str(tmp_path / "kuyruk.xlsx"), "--as", "ayse", "--json") == 0
    assert capsys.readouterr().err == ""


def test_import_and_export_speak_english_with_lang_en(
    cli: Any, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Under ``--lang en`` the lines around the rows are English too, not only the rows' messages."""
    rows = admit_rows(4, seed=36)
    rows[1][0] = "12345678901"  # check digits wrong: an error
    rows[2][0] = "979151507"  # Excel dropped the leading 0: a warning
    rows[3][0] = rows[0][0]  # the same person twice: an error against the file itself
    path = write_csv(tmp_path / "liste.csv", ADMIT_HEADERS, rows)
    english = ("--lang", "en", "--as", "ayse")
    assert cli("import", "members", str(path), "--cooperative", COOP, *english, "--dry-run") == 3
    out, err = capsys.readouterr()
    assert "File: liste.csv (CSV, UTF-8 with BOM, delimiter semicolon (;))" in out, out
    assert "  ERROR: Line 3, T.C. ID No / Tax No: Invalid T.C. ID No" in err, err
    assert (
        f"  ERROR: Line 5, T.C. ID No / Tax No: {rows[0][0]} is in the file twice; the first is on line 2."
        in err
    )
    assert "  WARNING: Line 4, T.C. ID No / Tax No: " in err, err
    for turkish in ("Dosya", "BOM'lu", "HATA", "UYARI", "Satır", "dosyada", "Başına"):
        assert turkish not in out + err, turkish
    assert count(store) == 0

    assert cli("import", "members", str(path), "--cooperative", COOP, *english, "--skip-invalid") == 0
    assert "Draft entries created: 2. Rows with errors skipped: 2." in capsys.readouterr().out
    assert count(store) == 2
    # The audit trail reads the same whatever the language of the run that wrote it.
    imported = [row for row in entries.audit_rows(store) if row["action"] == "member_import"]
    assert [row["details"]["encoding"] for row in imported] == ["UTF-8 (BOM'lu)"]
    assert cli("export", "entries", str(tmp_path / "k.xlsx"), *english) == 0
    assert capsys.readouterr().out == "2 record(s) exported to k.xlsx.\n"
    assert cli("export", "audit", str(tmp_path / "den.csv"), *english) == 0
    out = capsys.readouterr().out
    assert out.startswith("Audit trail: ") and out.endswith(" record(s) exported to den.csv.\n"), out
    assert cli("export", "entries", str(tmp_path / "k.csv"), *english, "--json") == 0
    assert json.loads(capsys.readouterr().out)["encoding"] == "UTF-8 with BOM"
    # The file itself stays Turkish whatever the interface language: it reads back as a list.
    assert (tmp_path / "k.csv").read_text("utf-8-sig").startswith("Kayıt No;Kayıt türü;")

    # Turkish unless told: the same commands read as before.
    assert cli("export", "audit", str(tmp_path / "den.csv"), "--as", "ayse") == 0
    assert capsys.readouterr().out.startswith("Denetim izi: ")
    assert cli("import", "members", str(path), "--cooperative", COOP, "--as", "ayse", "--dry-run") == 3
    out, err = capsys.readouterr()
    assert "Dosya: liste.csv (CSV, UTF-8 (BOM'lu), ayırıcı noktalı virgül (;))" in out
    assert f"  HATA: Satır 5, T.C. Kimlik No / VKN: {rows[0][0]} dosyada iki kez var; ilki satır 2." in err


def test_a_list_refused_for_its_columns_is_told_in_english_with_lang_en(
    cli: Any, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    no_amounts = write_csv(tmp_path / "uye.csv", ADMIT_HEADERS[:5], [r[:5] for r in admit_rows(1, seed=37)])
    assert (
        cli("import", "members", str(no_amounts), "--cooperative", COOP, "--as", "ayse", "--lang", "en") == 3
    )
    err = capsys.readouterr().err
    assert "uye.csv: Member admission list: required columns missing: Taahhüt Edilen Tutar (or: " in err, err
    assert "Use the template in the application." in err and "ya da" not in err and "eksik" not in err
    no_header = write_csv(tmp_path / "baslik.csv", ["a", "b"], [["1", "2"]])
    assert (
        cli("import", "members", str(no_header), "--cooperative", COOP, "--as", "ayse", "--lang", "en") == 3
    )
    err = capsys.readouterr().err
    assert "The member list's header row was not found. The first row in the file: 'a', 'b'." in err, err
    only_header = write_csv(tmp_path / "bos.csv", ADMIT_HEADERS, [])
    assert (
        cli("import", "members", str(only_header), "--cooperative", COOP, "--as", "ayse", "--lang", "en") == 3
    )
    assert "The file has no member rows after the header row." in capsys.readouterr().err
    assert count(store) == 0
    # Turkish unless told.
    assert cli("import", "members", str(no_amounts), "--cooperative", COOP, "--as", "ayse") == 3
    assert "Ortaklığa giriş listesi için zorunlu sütunlar eksik: Taahhüt Edilen Tutar (ya da: " in (
        capsys.readouterr().err
    )
