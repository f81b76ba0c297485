"""Turkish dates as people write them in sentences ("12 Mart 2015'te")."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

TURKISH = QLocale(QLocale.Language.Turkish, QLocale.Country.Turkey)

# Locative suffix after a number, by how its last spoken word ends (vowel harmony, hard consonants).
_UNITS = {1: "de", 2: "de", 3: "te", 4: "te", 5: "te", 6: "da", 7: "de", 8: "de", 9: "da"}
_TENS = {1: "da", 2: "de", 3: "da", 4: "ta", 5: "de", 6: "ta", 7: "te", 8: "de", 9: "da"}


def locative_suffix(number: int) -> str:
    """'de/da/te/ta' for ``number`` ("2015'te", "2010'da", "2000'de")."""
    n = abs(number)
    if n == 0:
        return "da"  # sıfır
    if n % 10:
        return _UNITS[n % 10]
    if n % 100:
        return _TENS[(n // 10) % 10]
    if n % 1000:
        return "de"  # yüz
    return "de"  # bin, milyon: "bin" → de


def long_date(day: date) -> str:
    """'12 Mart 2015'."""
    return TURKISH.toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


def long_date_locative(day: date) -> str:
    """'12 Mart 2015'te'."""
    return f"{long_date(day)}'{locative_suffix(day.year)}"
