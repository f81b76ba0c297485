"""Every field kind has bounds from its schema: a poison value is a field error, never stored mangled."""

from __future__ import annotations

import json
from typing import Any

import pytest

from koopbis_desktop.domain import validators as v
from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.records import record_problem
from koopbis_desktop.domain.schema import Kind, validate
from tests.domain.test_changetypes import CTX, VALID, with_changes

POISON_NUMBERS: list[Any] = [1e308, 10**400, 2**63, -(2**63), float(2**63), "9" * 5000, "1e308"]


@pytest.mark.parametrize("value", POISON_NUMBERS, ids=repr)
def test_shares_outside_the_safe_range_are_a_field_error(value: Any) -> None:
    result = validate(get_type("member.admit"), with_changes("member.admit", shares=value), CTX)
    assert [i.path for i in result.errors] == ["shares"]


@pytest.mark.parametrize("value", [{"a": [1, 2]}, [1, 2], True, float("nan"), float("inf")], ids=repr)
def test_a_name_must_be_one_value(value: Any) -> None:
    result = validate(get_type("member.admit"), with_changes("member.admit", full_name=value), CTX)
    assert [i.path for i in result.errors] == ["full_name"]
    assert "{'a'" not in json.dumps(result.payload, ensure_ascii=False).replace('"a"', "")


@pytest.mark.parametrize("text", ["Ali\x00Veli", "Ali\x1bVeli", "Ali\ud800Veli", "\x7f"], ids=repr)
def test_control_characters_are_refused(text: str) -> None:
    result = validate(get_type("member.admit"), with_changes("member.admit", full_name=text), CTX)
    assert [i.path for i in result.errors] == ["full_name"]
    assert "denetim karakteri" in result.errors[0].message


def test_new_lines_and_tabs_stay_allowed() -> None:
    assert v.parse_text("1. satır\n2. satır\tsonu", multiline=True) == "1. satır\n2. satır sonu"


def test_text_without_a_declared_length_still_has_one() -> None:
    assert v.parse_text("a" * v.TEXT_MAX_LENGTH) == "a" * v.TEXT_MAX_LENGTH
    with pytest.raises(v.FieldError, match="En çok 500 karakter"):
        v.parse_text("a" * (v.TEXT_MAX_LENGTH + 1))
    with pytest.raises(v.FieldError):
        v.parse_text("a" * 10_000_000)
    assert len(v.parse_text("a" * 9000, multiline=True)) == 9000


@pytest.mark.parametrize("value", ["1" * 41, 10**13, 1e300, "1e400", [5], {"x": 1}], ids=repr)
def test_amounts_have_a_maximum_of_digits(value: Any) -> None:
    with pytest.raises(v.FieldError):
        v.parse_money(value)


def test_every_int_field_publishes_its_bounds_and_enforces_them() -> None:
    for type_id in VALID:
        for f in get_type(type_id).fields:
            for field in (f, *f.fields):
                if field.kind != Kind.INT:
                    continue
                described = field.to_json()
                assert -v.INT_LIMIT <= described["minimum"] <= described["maximum"] <= v.INT_LIMIT
                with pytest.raises(v.FieldError):
                    v.parse_int(described["maximum"] + 1, minimum=field.minimum, maximum=field.maximum)
                with pytest.raises(v.FieldError):
                    v.parse_int(described["minimum"] - 1, minimum=field.minimum, maximum=field.maximum)


def test_every_text_field_publishes_a_length() -> None:
    for type_id in VALID:
        for f in get_type(type_id).fields:
            for field in (f, *f.fields):
                if field.kind in (Kind.TEXT, Kind.LONGTEXT):
                    assert isinstance(field.to_json()["max_length"], int)


def test_a_record_the_snapshot_cannot_store_is_named() -> None:
    good = {"id": "06-000001", "title": "Işık Konut Yapı Kooperatifi", "version": 3, "members": []}
    assert record_problem(good) is None
    problem = record_problem({**good, "members": [{"member_id": "1", "full_name": "A", "shares": 10**400}]})
    assert problem is not None and "shares" in problem
    assert record_problem({**good, "title": {"a": [1, 2]}}) == "kaydın unvanı yok"
    assert record_problem({**good, "address": "x\x00y"}) is not None
    assert record_problem({**good, "version": 2**63}) is not None
    assert record_problem({"title": "x"}) is not None
    assert record_problem([1]) is not None
