"""Turkish-aware text folding for search, and Turkish order for sorting.

Python's ``lower()``/``casefold()`` map ``I`` to ``i`` and ``İ`` to ``i̇`` (with a
combining dot), and SQLite folds ASCII only, so neither finds "Işık" from "isik".
Every searchable column and every query goes through :func:`fold` instead.
Lists sort by :func:`collation_key`, a string whose plain order is Turkish order,
stored beside the text it is made from (``store.migrations``, step 9).
"""

from __future__ import annotations

import re
import unicodedata

_TURKISH_MAP = str.maketrans(
    {
        "İ": "i",
        "I": "i",
        "ı": "i",
        "i": "i",
        "Ş": "s",
        "ş": "s",
        "Ğ": "g",
        "ğ": "g",
        "Ü": "u",
        "ü": "u",
        "Ö": "o",
        "ö": "o",
        "Ç": "c",
        "ç": "c",
        "Â": "a",
        "â": "a",
        "Î": "i",
        "î": "i",
        "Û": "u",
        "û": "u",
    }
)
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """``text`` in Unicode NFC: "Ş" as one character, not "S" and a combining cedilla (as a
    Mac writes it). Text is stored composed, so lists, exports and comparisons see one form."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


def fold(text: str | None) -> str:
    """Fold ``text`` for accent- and case-insensitive Turkish search.

    İ/I/ı/i → i, ş→s, ğ→g, ü→u, ö→o, ç→c (and circumflexed vowels), then any
    other combining marks are dropped, everything is lower-cased and runs of
    whitespace collapse to one space. ``fold("IŞIK") == fold("ışık") == "isik"``.
    """
    if not text:
        return ""
    mapped = text.translate(_TURKISH_MAP)
    if mapped.isascii():
        # Most Turkish text is ASCII once mapped: NFKD, the combining-mark filter and the
        # second map below change nothing then, so only lower-casing and spaces remain.
        return _SPACES.sub(" ", mapped.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", mapped)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # After the Turkish map no dotted I remains, so lower() is now safe. The map runs
    # once more because NFKD can yield a dotless ı (from U+1D6A4 MATHEMATICAL ITALIC
    # SMALL DOTLESS I), which would otherwise survive and make fold not idempotent.
    return _SPACES.sub(" ", stripped.lower().translate(_TURKISH_MAP)).strip()


def fold_tokens(text: str | None) -> list[str]:
    """Folded words of ``text`` (letters and digits), for prefix search."""
    return re.findall(r"[0-9a-z]+", fold(text))


_TURKISH_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
_ORDER = {ch: i for i, ch in enumerate(_TURKISH_ALPHABET)}
_UPPER_TO_LOWER = str.maketrans({"I": "ı", "İ": "i"})


def turkish_lower(text: str) -> str:
    """Lower-case with Turkish rules: I → ı, İ → i (Python's lower() gets both wrong)."""
    return text.translate(_UPPER_TO_LOWER).lower()


def sort_key(text: str | None) -> tuple[tuple[int, int], ...]:
    """A key that orders strings as Turkish readers expect: c < ç < d, ı < i, s < ş < t.

    The UI sorts with ``QCollator(QLocale("tr_TR"))``; this key lets SQLite do the
    same (as a collation) for lists too long to sort in memory.
    """
    out = []
    for ch in turkish_lower(text or ""):
        rank = _ORDER.get(ch)
        if rank is not None:
            out.append((1, rank * 4))
        elif ch.isdigit():
            out.append((0, ord(ch)))
        elif ch in "âîû":
            out.append((1, _ORDER[{"â": "a", "î": "i", "û": "u"}[ch]] * 4 + 1))
        else:
            out.append((2 if ch.isalpha() else -1, ord(ch)))
    return tuple(out)


def compare(a: str | None, b: str | None) -> int:
    """-1, 0 or 1 by :func:`sort_key`; usable as an SQLite collation."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


# Collation key: a plain string whose code-point (binary) order is Turkish order, so a
# database can keep it in an indexed column and sort by it without a collation callback.
# Capitals become small letters the Turkish way (I → ı, İ → i), then every letter that
# follows a base letter in the alphabet becomes that base letter plus "{", the character
# just above "z": "c" < "c{" (ç) < "d", "i" (ı) < "i{" (i). Circumflexed vowels share
# their base letter's place. Digits and spaces sort before letters as in ASCII.
# Only the characters below change, plus ASCII A-Z lower-casing, so the same key can be
# computed in SQL with nested replace() and lower() (store.migrations, step 9).
COLLATION_CAPITALS: tuple[tuple[str, str], ...] = (
    ("I", "ı"),
    ("İ", "i"),
    ("Ç", "ç"),
    ("Ğ", "ğ"),
    ("Ö", "ö"),
    ("Ş", "ş"),
    ("Ü", "ü"),
    ("Â", "â"),
    ("Î", "î"),
    ("Û", "û"),
)
# Decomposed Turkish letters (a base letter and a combining mark, as a Mac writes "Ş" in a
# file name or a CSV) made whole again first: the part of NFC that matters for the key,
# done by replace() so SQL does it too. Without it "I\u0307nci" (İ decomposed) keyed as
# "ı" + a mark, between "Ilgaz" and "Işık", and "S\u0327ahin" before "Sarp".
COLLATION_COMPOSED: tuple[tuple[str, str], ...] = (
    ("I\u0307", "İ"),
    ("C\u0327", "Ç"),
    ("c\u0327", "ç"),
    ("G\u0306", "Ğ"),
    ("g\u0306", "ğ"),
    ("O\u0308", "Ö"),
    ("o\u0308", "ö"),
    ("S\u0327", "Ş"),
    ("s\u0327", "ş"),
    ("U\u0308", "Ü"),
    ("u\u0308", "ü"),
    ("A\u0302", "Â"),
    ("a\u0302", "â"),
    ("I\u0302", "Î"),
    ("i\u0302", "î"),
    ("U\u0302", "Û"),
    ("u\u0302", "û"),
)
# Applied in this order after lower-casing; "i" must turn into "i{" before "ı" turns into "i".
COLLATION_LETTERS: tuple[tuple[str, str], ...] = (
    ("i", "i{"),
    ("î", "i{"),
    ("ı", "i"),
    ("ç", "c{"),
    ("ğ", "g{"),
    ("ö", "o{"),
    ("ş", "s{"),
    ("ü", "u{"),
    ("â", "a"),
    ("û", "u"),
)
_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


def collation_key(text: str | None) -> str:
    """A key whose plain string order is Turkish order: c < ç < d, ı < i, case folded.

    ``collation_key("Cicek") < collation_key("Çiçek")`` and
    ``collation_key("Işık") < collation_key("İnci")``. Stored in ``title_key`` and
    ``author_key`` columns, which lists sort by (binary order, an ordinary index).
    Decomposed Turkish letters key as the whole ones (:data:`COLLATION_COMPOSED`), so an
    NFD title from a Mac's file sorts where its NFC twin does.
    """
    out = text or ""
    for decomposed, whole in COLLATION_COMPOSED:
        out = out.replace(decomposed, whole)
    for capital, small in COLLATION_CAPITALS:
        out = out.replace(capital, small)
    out = out.translate(_ASCII_LOWER)
    for letter, key in COLLATION_LETTERS:
        out = out.replace(letter, key)
    return out
