"""The one Turkish search-folding function (``domain.text.fold``)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from koopbis_desktop.domain.text import fold, fold_tokens

TURKISH_LOWER = "abcçdefgğhıijklmnoöprsştuüvyzqwx"
TURKISH_UPPER = "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZQWX"
FORBIDDEN = set("İIıŞşĞğÜüÖöÇç")


def turkish_upper(text: str) -> str:
    """Upper-case as Turkish does: i → İ and ı → I, unlike ``str.upper``."""
    return "".join({"i": "İ", "ı": "I"}.get(ch, ch.upper()) for ch in text)


def turkish_lower(text: str) -> str:
    return "".join({"İ": "i", "I": "ı"}.get(ch, ch.lower()) for ch in text)


@pytest.mark.parametrize("spelling", ["isik", "IŞIK", "ışık", "Işık", "ISIK", "işik", "IŞİK"])
def test_every_spelling_of_isik_folds_the_same(spelling):
    assert fold(spelling) == "isik"


@pytest.mark.parametrize("spelling", ["İstanbul", "ISTANBUL", "istanbul", "İSTANBUL", "ıstanbul"])
def test_istanbul_folds_the_same_in_any_case(spelling):
    assert fold(spelling) == "istanbul"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Şişli", "sisli"),
        ("ŞİŞLİ", "sisli"),
        ("Ağaoğlu", "agaoglu"),
        ("DOĞAN", "dogan"),
        ("Ümit", "umit"),
        ("ÜNAL", "unal"),
        ("Öztürk", "ozturk"),
        ("ÖZTÜRK", "ozturk"),
        ("Çiğdem", "cigdem"),
        ("ÇINAR", "cinar"),
        ("Kâzım", "kazim"),
        ("Îmar", "imar"),
        ("Ûmran", "umran"),
        ("Gölbaşı Tüketim Kooperatifi", "golbasi tuketim kooperatifi"),
    ],
)
def test_turkish_letters_fold_to_ascii(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Işık \t Konut\n Yapı  ", "isik konut yapi"),
        ("S.S.\u00a0Çamlıca", "s.s. camlica"),
        ("a\u2003b", "a b"),
        ("   ", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_whitespace_collapses_and_trims(text, expected):
    assert fold(text) == expected


def test_decomposed_input_folds_like_composed():
    decomposed = "S\u0327IS\u0327LI\u0307"  # Ş, Ş, İ written with combining marks
    assert fold(decomposed) == fold("ŞIŞLİ") == "sisli"


def test_distinct_words_stay_distinct():
    # Folding must not collapse letters that are different in Turkish and ASCII alike.
    assert fold("Kara") != fold("Kura")
    assert fold("Çay") != fold("Çoy")


def test_fold_tokens_splits_folded_words():
    assert fold_tokens("S.S. Işık-Çamlıca 2. Konut") == ["s", "s", "isik", "camlica", "2", "konut"]
    assert fold_tokens(None) == []


@settings(max_examples=300)
@given(st.text())
@example("𝚤")  # NFKD yields a dotless ı from U+1D6A4; it must be folded as well
@example("İ̇")
@example("ẞ")
def test_fold_is_idempotent(text):
    once = fold(text)
    assert fold(once) == once


@settings(max_examples=300)
@given(st.text())
@example("𝚤")
@example("IİıŞşĞğÜüÖöÇç")
def test_fold_output_has_no_turkish_or_uppercase_ascii_letters(text):
    folded = fold(text)
    assert not FORBIDDEN & set(folded), folded
    assert not any("A" <= ch <= "Z" for ch in folded), folded
    assert folded == folded.strip()
    assert "  " not in folded


turkish_words = st.text(alphabet=TURKISH_LOWER + TURKISH_UPPER + " ", max_size=40)


@settings(max_examples=200)
@given(turkish_words)
def test_fold_ignores_turkish_case(text):
    assert fold(turkish_upper(text)) == fold(text)
    assert fold(turkish_lower(text)) == fold(text)


@settings(max_examples=200)
@given(turkish_words)
def test_fold_of_turkish_letters_is_ascii(text):
    folded = fold(text)
    assert folded.isascii()
    assert set(folded) <= set("abcdefghijklmnopqrstuvwxyz ")


def test_turkish_upper_helper_is_turkish():
    # The property above is only meaningful if the helper really maps i → İ, ı → I.
    assert turkish_upper("ışık ilçe") == "IŞIK İLÇE"
    assert turkish_lower("IŞIK İLÇE") == "ışık ilçe"


def _fold_without_ascii_shortcut(text: str) -> str:
    """fold's general path (NFKD, combining marks dropped, mapped twice), for every input."""
    import re
    import unicodedata

    from koopbis_desktop.domain.text import _TURKISH_MAP

    mapped = unicodedata.normalize("NFKD", text.translate(_TURKISH_MAP))
    stripped = "".join(ch for ch in mapped if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped.lower().translate(_TURKISH_MAP)).strip()


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(TURKISH_LOWER + TURKISH_UPPER + " \t\n.-/0129âÂîÎûÛ\u0307é")))
@example("İbrahim  Türkoğlu 2015/4")
@example("KÂZIM\u00a0ÇİFTÇİ")
def test_ascii_shortcut_folds_like_the_general_path(text: str) -> None:
    assert fold(text) == _fold_without_ascii_shortcut(text)
