"""In English mode a member list written in Turkish still reads: headers, sheet names, choice words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.services import member_import, member_list
from koopbis_desktop.services.member_import import ImportKind
from koopbis_desktop.store.db import Store
from tests.services.member_lists import ADMIT_HEADERS, admit_rows, write_xlsx

COOP = "06-900001"


def test_turkish_list_reads_in_english_mode_and_reports_in_english(
    store: Store, cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    i18n.set_language("en")
    path = write_xlsx(tmp_path / "liste.xlsx", ADMIT_HEADERS, admit_rows(3, seed=5))
    preview = member_import.preview(store, path, COOP)
    assert preview.kind is ImportKind.ADMIT
    assert not preview.invalid_rows, preview.error_lines()
    assert preview.summary() == "3 rows read: 3 valid, 0 with errors."
    assert member_import.KIND_LABELS[preview.kind] == "Member admission list"


def test_turkish_choice_words_and_leaving_headers_in_english_mode() -> None:
    i18n.set_language("en")
    reason = get_type("member.leave").field("reason")
    assert reason.choice_label("istifa") == "Resignation"
    assert member_list.converter_for(reason)("İSTİFA") == "istifa"
    assert member_list.converter_for(reason)("İstifa (çıkma)") == "istifa"
    layout = member_list._layout(["T.C. Kimlik No", "Adı Soyadı", "Ayrılma Nedeni"], None)
    assert layout is not None and layout.kind is ImportKind.LEAVE


def test_a_file_the_reader_refuses_is_refused_in_english_with_english_advice(
    store: Store, cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    """The refusals' advice ("Farklı Kaydet…") and the formats' names were Turkish in English mode:
    "The file is not a valid bir Excel (.xlsx) file. Dosyayı Excel'de açıp…"."""
    from koopbis_desktop.services.member_import import MemberListError
    from tests.services.member_lists import write_protected_xlsx

    i18n.set_language("en")
    photo = tmp_path / "photo.xlsx"
    photo.write_bytes(b"\xff\xd8\xff\xe0 JFIF not a workbook")
    damaged = tmp_path / "list.ods"
    damaged.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    empty_csv = tmp_path / "list.csv"
    empty_csv.write_text("  \n", encoding="utf-8")
    protected = write_protected_xlsx(tmp_path / "members.xlsx", ADMIT_HEADERS, admit_rows(2), "Secret.2015")
    said = {}
    for path in (photo, damaged, empty_csv, protected):
        try:
            member_import.preview(store, path, COOP)
        except MemberListError as refused:
            said[path.name] = refused.message
    assert said["photo.xlsx"].startswith(
        "photo.xlsx: The file is not a valid Excel (.xlsx) file. Open the file in Excel"
    )
    assert said["list.ods"].startswith(
        "list.ods: The OpenDocument file could not be opened (OpenDocument spreadsheet (.ods)): it is damaged"
    )
    assert said["list.csv"] == "list.csv: The file is empty; it needs a header row and at least one record."
    assert said["members.xlsx"].startswith("members.xlsx: The file is protected with a password.")
    for message in said.values():
        assert not set("çğıöşüÇĞİÖŞÜ") & set(message), message
