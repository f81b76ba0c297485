"""Member list columns come from the member types' schema fields, not from a list of their own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.schema import ChangeType, Choice, Field, Kind
from koopbis_desktop.services import member_list
from koopbis_desktop.services.member_list import ImportKind
from tests.services.member_lists import write_csv


def _with_alias(ctype: ChangeType, name: str, alias: str) -> ChangeType:
    fields = tuple(replace(f, aliases=(*f.aliases, alias)) if f.name == name else f for f in ctype.fields)
    return replace(ctype, fields=fields)


@pytest.mark.parametrize("kind", list(ImportKind))
def test_columns_are_the_schema_fields_with_their_aliases(kind: ImportKind) -> None:
    ctype = get_type(kind.value)
    columns = member_list.COLUMNS[kind]
    assert [c.field for c in columns] == [f.name for f in ctype.fields]
    for column, f in zip(columns, ctype.fields, strict=True):
        assert (column.header, *column.aliases) == (f.aliases or (f.label,))
        assert column.kind == f.kind


def test_an_alias_added_to_a_field_maps_a_header() -> None:
    header = ["Üye Kimlik Numarası", "Adı Soyadı"]
    plain = get_type("member.admit")
    positions, ignored = member_list.match_header(header, plain)
    assert positions == {"full_name": 1} and ignored == ["Üye Kimlik Numarası"]
    extended = _with_alias(plain, "member_id", "Üye Kimlik Numarası")
    positions, ignored = member_list.match_header(header, extended)
    assert positions == {"member_id": 0, "full_name": 1} and ignored == []
    # Matched after Turkish folding, as every header is.
    positions, _ = member_list.match_header(["ÜYE KİMLİK NUMARASI"], extended)
    assert positions == {"member_id": 0}


def test_the_label_and_name_of_a_field_name_its_column_too() -> None:
    positions, _ = member_list.match_header(
        ["Yönetim kurulu karar tarihi", "paid_amount"], get_type("member.admit")
    )
    assert positions == {"effective_date": 0, "paid_amount": 1}


def test_schema_aliases_reach_the_file_reader(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "l.csv",
        ["TCKN", "Ad Soyad", "Kabul Tarihi", "YK Karar No", "Pay Sayısı", "Taahhüt Tutarı", "Ödenen Miktar"],
        [["10000000146", "Ayşe Işık", "42065", "2015/14", "2", "1000", "250"]],
    )
    layout, rows = member_list.read_rows(path)
    assert layout.kind is ImportKind.ADMIT and not layout.ignored
    assert rows[0].raw["effective_date"] == date(2015, 3, 2)  # a DATE field: Excel serial → date


def test_the_field_kind_picks_the_converter() -> None:
    convert = member_list.converter_for
    assert convert(Field("any_date", Kind.DATE, "Bir tarih"))(42065) == date(2015, 3, 2)
    assert convert(Field("any_date", Kind.DATE, "Bir tarih"))("02.03.2015") == "02.03.2015"
    for kind in (Kind.TCKN, Kind.VKN, Kind.TCKN_OR_VKN):
        assert convert(Field("someone", kind, "Kimlik"))(1.0000000146e10) == "10000000146"
    assert convert(Field("words", Kind.TEXT, "Metin"))(42065.0) == "42065"
    assert convert(Field("amount", Kind.MONEY, "Tutar"))(250.5) == 250.5
    assert convert(Field("count", Kind.INT, "Adet"))(" 3 ") == "3"
    choice = Field("why", Kind.CHOICE, "Neden", choices=(Choice("istifa", "İstifa (çıkma)"),))
    assert convert(choice)("İSTİFA") == "istifa"
    assert convert(choice)("başka") == "başka"  # left for the schema to refuse in Turkish


def test_a_leaving_list_is_told_by_its_reason_or_date_column() -> None:
    for header in ("Çıkış Tarihi", "Ayrılma Nedeni", "Ayrılma Tarihi", "Çıkış Nedeni"):
        layout = member_list._layout(["T.C. Kimlik No", "Adı Soyadı", header], None)
        assert layout is not None and layout.kind is ImportKind.LEAVE, header
    layout = member_list._layout(["T.C. Kimlik No", "Adı Soyadı", "Karar Tarihi", "Açıklama"], None)
    assert layout is not None and layout.kind is ImportKind.ADMIT
