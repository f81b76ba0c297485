"""Field validators: valid and invalid examples, Turkish messages, checksum properties."""

from __future__ import annotations

import ast
import inspect
import random
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.tr import tckimlik as stdnum_tckn
from stdnum.tr import vkn as stdnum_vkn

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain import validators as v
from koopbis_desktop.domain.reference import (
    district_name,
    parse_cooperative_type,
    parse_district,
    parse_province,
)
from koopbis_desktop.domain.validators import FieldError

TODAY = date(2015, 3, 6)


def refused(func, *args, **kwargs) -> str:
    """The Turkish message ``func`` refuses the value with (fails if it accepts it)."""
    with pytest.raises(FieldError) as info:
        func(*args, **kwargs)
    assert info.value.message == str(info.value)
    return info.value.message


# ------------------------------------------------- independent checksum implementations


def reference_tckn_valid(text: str) -> bool:
    """T.C. Kimlik No rule written from the published definition, not from the code under test."""
    if len(text) != 11 or not text.isascii() or not text.isdigit() or text[0] == "0":
        return False
    d = [int(c) for c in text]
    odd, even = d[0] + d[2] + d[4] + d[6] + d[8], d[1] + d[3] + d[5] + d[7]
    tenth = (odd * 7 + even * 9) % 10  # -even ≡ 9·even (mod 10)
    eleventh = (odd + even + tenth) % 10
    return d[9] == tenth and d[10] == eleventh


def reference_vkn_valid(text: str) -> bool:
    """Vergi Kimlik No rule of the Revenue Administration, written independently."""
    if len(text) != 10 or not text.isascii() or not text.isdigit():
        return False
    total = 0
    for position, char in enumerate(text[:9], start=1):
        shifted = (int(char) + 10 - position) % 10
        weighted = shifted * pow(2, 10 - position, 9) % 9
        total += 9 if shifted and not weighted else weighted
    return int(text[9]) == (10 - total % 10) % 10


def make_tckn(first_nine: list[int]) -> str:
    odd = sum(first_nine[0::2])
    even = sum(first_nine[1::2])
    tenth = (odd * 7 + even * 9) % 10
    return "".join(map(str, first_nine)) + str(tenth) + str((odd + even + tenth) % 10)


def make_vkn(first_nine: list[int]) -> str:
    for check in range(10):
        candidate = "".join(map(str, first_nine)) + str(check)
        if reference_vkn_valid(candidate):
            return candidate
    raise AssertionError("no check digit fits")  # pragma: no cover


KNOWN_TCKN = ["10000000146", "17291716060", "39141777694"]
KNOWN_VKN = ["4540536920", "2914177760", "0123456789", "0000000001"]


def test_reference_implementations_agree_with_known_numbers():
    # The independent rules must be able to say no, or the properties below prove nothing.
    for number in KNOWN_TCKN:
        assert reference_tckn_valid(number)
        assert not reference_tckn_valid(number[:-1] + str((int(number[-1]) + 1) % 10))
    for number in KNOWN_VKN:
        assert reference_vkn_valid(number)
        assert not reference_vkn_valid(number[:-1] + str((int(number[-1]) + 1) % 10))


# ------------------------------------------------------------------------ TCKN


@pytest.mark.parametrize("number", KNOWN_TCKN)
def test_valid_tckn(number):
    assert v.parse_tckn(number) == number


@pytest.mark.parametrize(
    ("typed", "stored"),
    [(" 10000000146 ", "10000000146"), ("100 000 001 46", "10000000146"), (10000000146, "10000000146")],
)
def test_tckn_separators_and_int_are_normalised(typed, stored):
    assert v.parse_tckn(typed) == stored


def test_a_number_written_as_a_decimal_is_read_as_its_digits_not_with_the_zero():
    """Pasted from a system that writes numbers as decimals: "100000000.0" used to become the
    VKN 1000000000 (the ".0" taken for a digit), which passes its checksum: a wrong number, silently."""
    assert v.parse_tckn("10000000146.0") == "10000000146"
    assert v.parse_tckn_or_vkn("10000000146,0") == "10000000146"
    assert v.parse_vkn("123456706.0") == "0123456706"  # nine digits: the leading zero it lost
    message = refused(v.parse_vkn, "100000000.0")
    assert "Vergi Kimlik No" in message and "kontrol hanesi" in message
    assert v.parse_tckn("100.000.001.46") == "10000000146"  # dots between groups are still separators


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "boş"),
        (None, "boş"),
        ("1000000014", "11 haneli"),
        ("100000001460", "11 haneli"),
        ("01000000146", "0 ile başlayamaz"),
        ("10000000156", "kontrol hane"),  # tenth digit wrong
        ("10000000147", "kontrol hane"),  # eleventh digit wrong
        ("1000000014a", "rakam"),
        ("١٠٠٠٠٠٠٠١٤٦", "rakam"),  # Arabic-Indic digits are digits, but not ours
    ],
)
def test_invalid_tckn(typed, words):
    message = refused(v.parse_tckn, typed)
    assert "T.C. Kimlik No" in message
    assert words in message


# ------------------------------------------------------------------------- VKN


@pytest.mark.parametrize("number", KNOWN_VKN)
def test_valid_vkn(number):
    assert v.parse_vkn(number) == number


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "boş"),
        ("454053692", "10 haneli"),
        ("45405369201", "10 haneli"),
        ("4540536921", "kontrol hane"),
        ("454053692x", "rakam"),
    ],
)
def test_invalid_vkn(typed, words):
    message = refused(v.parse_vkn, typed)
    assert "Vergi Kimlik No" in message
    assert words in message


# ------------------------------------------------------------------ TCKN or VKN


@pytest.mark.parametrize("number", KNOWN_TCKN + KNOWN_VKN)
def test_tckn_or_vkn_accepts_either(number):
    assert v.parse_tckn_or_vkn(number) == number


def test_tckn_or_vkn_checks_the_right_checksum():
    assert "T.C. Kimlik No" in refused(v.parse_tckn_or_vkn, "10000000147")
    assert "Vergi Kimlik No" in refused(v.parse_tckn_or_vkn, "4540536921")


@pytest.mark.parametrize("typed", ["123456789", "123456789012", "1"])
def test_tckn_or_vkn_wrong_length_names_both(typed):
    message = refused(v.parse_tckn_or_vkn, typed)
    assert "11 haneli" in message and "10 haneli" in message
    assert f"({len(typed)} hane girildi)" in message


# ------------------------------------------------------ checksum properties (hypothesis)

seeds = st.integers(min_value=0, max_value=2**64)
nine_tckn_digits = st.tuples(st.integers(1, 9), st.lists(st.integers(0, 9), min_size=8, max_size=8)).map(
    lambda t: [t[0], *t[1]]
)
nine_digits = st.lists(st.integers(0, 9), min_size=9, max_size=9)


@settings(max_examples=200)
@given(seeds)
def test_demo_tckn_always_valid(seed):
    number = demo_data.tckn(random.Random(seed))
    assert reference_tckn_valid(number)
    assert v.parse_tckn(number) == number
    assert v.parse_tckn_or_vkn(number) == number


@settings(max_examples=200)
@given(seeds)
def test_demo_vkn_always_valid(seed):
    number = demo_data.vkn(random.Random(seed))
    assert reference_vkn_valid(number)
    assert v.parse_vkn(number) == number
    assert v.parse_tckn_or_vkn(number) == number


@settings(max_examples=200)
@given(nine_tckn_digits)
def test_independently_built_tckn_is_accepted(first_nine):
    number = make_tckn(first_nine)
    assert v.parse_tckn(number) == number
    assert stdnum_tckn.is_valid(number)


@settings(max_examples=200)
@given(nine_digits)
def test_independently_built_vkn_is_accepted(first_nine):
    number = make_vkn(first_nine)
    assert v.parse_vkn(number) == number
    assert stdnum_vkn.is_valid(number)


@settings(max_examples=300)
@given(nine_tckn_digits, st.integers(0, 10), st.integers(1, 9))
def test_any_single_digit_change_of_a_tckn_is_refused(first_nine, position, delta):
    number = make_tckn(first_nine)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert changed != number
    refused(v.parse_tckn, changed)


@settings(max_examples=300)
@given(nine_digits, st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_change_of_a_vkn_is_refused(first_nine, position, delta):
    number = make_vkn(first_nine)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    refused(v.parse_vkn, changed)


def _accepts(func, text: str) -> bool:
    try:
        func(text)
    except FieldError:
        return False
    return True


@settings(max_examples=300)
@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_tckn_agrees_with_reference_and_stdnum(text):
    expected = reference_tckn_valid(text)
    assert _accepts(v.parse_tckn, text) == expected
    assert stdnum_tckn.is_valid(text) == expected


@settings(max_examples=300)
@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_vkn_agrees_with_reference_and_stdnum(text):
    expected = reference_vkn_valid(text)
    assert _accepts(v.parse_vkn, text) == expected
    assert stdnum_vkn.is_valid(text) == expected


# ---------------------------------------------------------------------- MERSİS


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0123456789012345", "0123456789012345"), ("0123 4567 8901 2345", "0123456789012345")],
)
def test_valid_mersis(typed, stored):
    assert v.parse_mersis(typed) == stored


@pytest.mark.parametrize(
    ("typed", "words"),
    [("012345678901234", "16 haneli"), ("01234567890123456", "16 haneli"), ("0123A", "rakam")],
)
def test_invalid_mersis(typed, words):
    message = refused(v.parse_mersis, typed)
    assert "MERSİS" in message and words in message


# ----------------------------------------------------------------------- phone


@pytest.mark.parametrize(
    "typed",
    [
        "0312 555 12 34",
        "(0312) 555-12-34",
        "+90 312 555 12 34",
        "0090 312 555 12 34",
        "312.555.12.34",
        "3125551234",
        "3125551234.0",  # a number a program wrote as a decimal
        "903125551234",  # "+90 …" typed into a spreadsheet, which dropped the "+"
    ],
)
def test_valid_phone(typed):
    assert v.parse_phone(typed) == "3125551234"


def test_mobile_phone():
    assert v.parse_phone("0532 123 45 67") == "5321234567"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "boş"),
        ("0312 555 12", "10 haneli"),
        ("0312 555 12 345", "10 haneli"),
        ("0112 555 12 34", "10 haneli"),  # no area code starts with 1
        ("0312 55A 12 34", "rakam"),
        ("3,12555E+09", "kısaltılmış"),  # Excel's shortened form: the last digits are gone
    ],
)
def test_invalid_phone(typed, words):
    message = refused(v.parse_phone, typed)
    assert "Telefon" in message and words in message


# ----------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("05.03.2015", "2015-03-05"),
        ("5.3.2015", "2015-03-05"),
        ("05/03/2015", "2015-03-05"),
        (" 2015-03-05 ", "2015-03-05"),
        ("06.03.2015", "2015-03-06"),  # today is not the future
        ("29.02.2012", "2012-02-29"),  # leap year
        ("01.01.1900", "1900-01-01"),
        (date(2014, 12, 31), "2014-12-31"),
        (datetime(2015, 3, 5, 14, 30), "2015-03-05"),  # what a spreadsheet cell gives
    ],
)
def test_valid_date(typed, iso):
    assert v.parse_date(typed, today=TODAY) == iso


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "boş"),
        (None, "boş"),
        ("30.02.2015", "Böyle bir tarih yok"),
        ("29.02.2014", "Böyle bir tarih yok"),
        ("31.04.2014", "Böyle bir tarih yok"),
        ("00.01.2015", "Böyle bir tarih yok"),
        ("2015-13-01", "Böyle bir tarih yok"),
        ("31.12.1899", "1900"),
        ("1899-12-31", "1900"),
        ("07.03.2015", "ileri bir gün"),
        (date(2015, 3, 7), "ileri bir gün"),
        (datetime(2015, 3, 7, 0, 1), "ileri bir gün"),
        ("5 Mart 2015", "GG.AA.YYYY"),
        ("2015/03/05", "GG.AA.YYYY"),
        ("05.03.15", "GG.AA.YYYY"),
    ],
)
def test_invalid_date(typed, words):
    assert words in refused(v.parse_date, typed, today=TODAY)


def test_future_date_message_names_both_dates():
    message = refused(v.parse_date, "10.03.2015", today=TODAY)
    assert "10.03.2015" in message and "06.03.2015" in message


def test_future_allowed_when_asked():
    assert v.parse_date("10.03.2015", today=TODAY, allow_future=True) == "2015-03-10"


def test_future_is_measured_against_the_real_today_by_default():
    tomorrow = date.today() + timedelta(days=1)
    assert "ileri bir gün" in refused(v.parse_date, tomorrow.isoformat())
    assert v.parse_date(date.today().isoformat()) == date.today().isoformat()


def test_format_date():
    assert v.format_date("2015-03-05") == "05.03.2015"


@settings(max_examples=200)
@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
def test_dates_round_trip_through_turkish_notation(day):
    assert v.parse_date(v.format_date(day.isoformat()), today=TODAY) == day.isoformat()
    assert v.parse_date(day.isoformat(), today=TODAY) == day.isoformat()


# ----------------------------------------------------------------------- money


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1.250,50", "1250.50"),
        ("1250,50", "1250.50"),
        ("1250.50", "1250.50"),
        ("1,250.50", "1250.50"),
        ("1.250", "1250.00"),
        ("1.250.000", "1250000.00"),
        ("1.250.000,75", "1250000.75"),
        ("1.25", "1.25"),
        ("0,5", "0.50"),
        ("1.250,50 TL", "1250.50"),
        ("₺ 1.250,50", "1250.50"),
        ("1\u00a0250,50", "1250.50"),
        ("0", "0.00"),
        (1250, "1250.00"),
        (Decimal("1250.5"), "1250.50"),
        (0.1, "0.10"),
        ("999.999.999.999,99", "999999999999.99"),
    ],
)
def test_valid_money(typed, stored):
    assert v.parse_money(typed) == stored


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "boş"),
        ("TL", "boş"),
        ("-5", "eksi"),
        ("-1.250,50", "eksi"),
        (Decimal("-0.01"), "eksi"),
        ("1,255", "iki kuruş"),
        ("1250.505", "iki kuruş"),
        ("1.250,505", "iki kuruş"),
        (Decimal("0.001"), "iki kuruş"),
        ("1,2,3", "birden çok virgül"),
        ("12.50.00", "anlaşılamadı"),
        ("on lira", "anlaşılamadı"),
        ("NaN", "anlaşılamadı"),
        ("Infinity", "anlaşılamadı"),
        (True, "anlaşılamadı"),  # JSON true is not 1,00 TL
        ("1.000.000.000.000", "çok büyük"),
    ],
)
def test_invalid_money(typed, words):
    assert words in refused(v.parse_money, typed)


def test_money_does_not_drift():
    # Float arithmetic would give 0.30000000000000004 and 99.9999999999986.
    assert Decimal(v.parse_money("0,1")) + Decimal(v.parse_money("0,2")) == Decimal("0.3")
    assert sum(Decimal(v.parse_money("0,10")) for _ in range(1000)) == Decimal("100")
    assert v.parse_money("0,30") == "0.30"
    assert v.parse_money("999.999.999.999,99") == "999999999999.99"  # beyond float's 15 digits


def test_drifted_float_is_refused_not_rounded():
    # 0.1 + 0.2 as a float is 0.30000000000000004: refuse it rather than guess.
    assert "iki kuruş" in refused(v.parse_money, 0.1 + 0.2)


def test_money_never_goes_through_float():
    # Structural guard: no float() call and no float literal anywhere in the money code.
    tree = ast.parse(inspect.getsource(v.parse_money))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float"
    ]
    floats = [node for node in ast.walk(tree) if isinstance(node, ast.Constant) and type(node.value) is float]
    assert not calls and not floats


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=10**14 - 1))
def test_money_in_every_notation_is_exact(kurus):
    lira, cents = divmod(kurus, 100)
    canonical = f"{lira}.{cents:02d}"
    turkish = f"{lira:,}".replace(",", ".") + f",{cents:02d}"
    english = f"{lira:,}" + f".{cents:02d}"
    assert v.parse_money(turkish) == canonical
    assert v.parse_money(canonical) == canonical
    assert v.parse_money(english) == canonical
    assert v.parse_money(v.format_money(canonical)) == canonical
    assert Decimal(canonical) * 100 == kurus


def test_format_money():
    assert v.format_money("1250000.50") == "1.250.000,50 TL"
    assert v.format_money("5.00") == "5,00 TL"


# ------------------------------------------------------------------------- int


@pytest.mark.parametrize(
    ("typed", "kwargs", "number"),
    [
        ("5", {}, 5),
        (" 12 ", {}, 12),
        (7, {"minimum": 7}, 7),
        ("1.000", {}, 1000),
        ("-3", {}, -3),
        ("200", {"minimum": 1, "maximum": 200}, 200),
        (3.0, {}, 3),
    ],
)
def test_valid_int(typed, kwargs, number):
    assert v.parse_int(typed, **kwargs) == number


@pytest.mark.parametrize(
    ("typed", "kwargs", "words"),
    [
        ("", {}, "boş"),
        ("beş", {}, "tam sayı"),
        ("2,5", {}, "tam sayı"),
        ("2.5", {}, "tam sayı"),  # not 25
        ("1.25", {}, "tam sayı"),
        (2.5, {}, "tam sayı"),
        (True, {}, "tam sayı"),
        ("0", {"minimum": 1}, "en az 1"),
        ("-1", {"minimum": 0}, "en az 0"),
        ("201", {"maximum": 200}, "en çok 200"),
        (1949, {"minimum": 1950, "maximum": 2100}, "en az 1950"),
    ],
)
def test_invalid_int(typed, kwargs, words):
    assert words in refused(v.parse_int, typed, **kwargs)


@settings(max_examples=200)
@given(st.integers(-(10**9), 10**9), st.integers(-100, 100), st.integers(0, 200))
def test_int_bounds(number, minimum, width):
    maximum = minimum + width
    inside = minimum <= number <= maximum
    try:
        result = v.parse_int(str(number), minimum=minimum, maximum=maximum)
    except FieldError:
        assert not inside
    else:
        assert inside and result == number


# ------------------------------------------------------------------------ text


def test_text_trims_and_collapses_spaces_but_keeps_lines():
    assert v.parse_text("  Işık   Konut \t Kooperatifi ") == "Işık Konut Kooperatifi"
    assert v.parse_text("1. satır\n2. satır") == "1. satır\n2. satır"


def test_text_max_length():
    assert v.parse_text("abcde", max_length=5) == "abcde"
    message = refused(v.parse_text, "abcdef", max_length=5)
    assert "En çok 5 karakter" in message and "6 girildi" in message


@pytest.mark.parametrize("typed", ["", "   ", None, "\t"])
def test_text_empty(typed):
    assert "boş" in refused(v.parse_text, typed)


# ------------------------------------------------------------- province/district


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("6", "06"),
        ("06", "06"),
        (6, "06"),
        ("Ankara", "06"),
        ("ANKARA", "06"),
        ("İSTANBUL", "34"),
        ("istanbul", "34"),
        ("Istanbul", "34"),
        ("ISTANBUL", "34"),
        ("IĞDIR", "76"),
        ("ığdır", "76"),
        ("igdir", "76"),
        ("Şanlıurfa", "63"),
        ("SANLIURFA", "63"),
        (" 81 ", "81"),
        ("1", "01"),
    ],
)
def test_valid_province(typed, code):
    assert parse_province(typed) == code


@pytest.mark.parametrize(
    ("typed", "words"),
    [("", "İl seçin"), (None, "İl seçin"), ("0", "il yok"), ("82", "il yok"), ("Atlantis", "il yok")],
)
def test_invalid_province(typed, words):
    assert words in refused(parse_province, typed)


@pytest.mark.parametrize(
    ("typed", "province", "code"),
    [
        ("Çankaya", "06", "1231"),
        ("ÇANKAYA", "06", "1231"),
        ("cankaya", "6", "1231"),
        ("1231", "06", "1231"),
        ("Çankaya", "Ankara", "1231"),
        ("Şereflikoçhisar", "06", "1658"),
        ("ŞEREFLİKOÇHİSAR", "06", "1658"),
    ],
)
def test_valid_district(typed, province, code):
    assert parse_district(typed, province) == code


def test_district_of_another_province_is_refused():
    message = refused(parse_district, "Çankaya", "34")
    assert "İstanbul" in message and "bağlı değil" in message
    assert "bağlı değil" in refused(parse_district, "1231", "34")  # Çankaya's code


def test_district_needs_a_province():
    assert "Önce ili seçin" in refused(parse_district, "Çankaya", None)
    assert "Önce ili seçin" in refused(parse_district, "Çankaya", "99")
    assert "İlçe seçin" in refused(parse_district, "", "06")


def test_district_name():
    assert district_name("06", "1231") == "Çankaya"
    assert district_name("34", "1231") == "1231"  # not İstanbul's: shown as given


def test_cooperative_type():
    assert parse_cooperative_type("konut") == "konut"
    assert parse_cooperative_type("KONUT YAPI KOOPERATİFİ") == "konut"
    assert parse_cooperative_type("tüketim kooperatifi") == "tuketim"
    assert "kooperatif türü değil" in refused(parse_cooperative_type, "bilinmeyen")
    assert "seçin" in refused(parse_cooperative_type, "")


@settings(max_examples=300)
@given(st.integers(min_value=-(10**16), max_value=10**16))
def test_whole_float_money_reads_as_its_repr_does(number):
    # parse_money takes a whole float (a spreadsheet's 2000.0) as an int: the same as its repr.
    value = float(number)

    def parsed(typed):
        try:
            return v.parse_money(typed)
        except FieldError as exc:
            return exc.message

    assert parsed(value) == parsed(repr(value))
    assert parsed(-0.0) == parsed("-0.0")
