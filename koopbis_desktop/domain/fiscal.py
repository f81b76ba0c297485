"""Fiscal years: when a cooperative's fiscal year starts, ends, and its ordinary assembly is due.

The fiscal year is the calendar year unless the articles say otherwise ("hesap
yılı Temmuz ayının birinci günü başlar …"); :func:`fiscal_start_month` reads that.
A fiscal year is named by the calendar year it starts in.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from koopbis_desktop.domain.text import fold

_MONTHS = (
    "ocak",
    "subat",
    "mart",
    "nisan",
    "mayis",
    "haziran",
    "temmuz",
    "agustos",
    "eylul",
    "ekim",
    "kasim",
    "aralik",
)
_MONTH_WORD = re.compile(r"\b(" + "|".join(_MONTHS) + r")")


def fiscal_start_month(articles: Iterable[Mapping[str, Any]] | None) -> int | None:
    """The first month of the fiscal year an article states, or None when none does.

    The article on the fiscal year ("hesap yılı" / "hesap dönemi") names the month it
    starts in first ("… Temmuz ayının ilk günü başlar, Haziran ayının son günü
    biter"); "takvim yılı" means January.
    """
    for article in articles or ():
        text = fold(str(article.get("text") or ""))
        if "hesap yili" not in text and "hesap donemi" not in text:
            continue
        if "takvim yili" in text:
            return 1
        match = _MONTH_WORD.search(text)
        if match:
            return _MONTHS.index(match.group(1)) + 1
    return None


def fiscal_period_end(fiscal_year: int, start_month: int = 1) -> date:
    """The last day of fiscal year ``fiscal_year`` (the year it starts in)."""
    if start_month == 1:
        return date(fiscal_year, 12, 31)
    end_month = start_month - 1
    return date(fiscal_year + 1, end_month, calendar.monthrange(fiscal_year + 1, end_month)[1])


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def assembly_deadline(fiscal_year: int, start_month: int = 1) -> date:
    """md. 45/1: the ordinary assembly of a fiscal year is held within six months of its end."""
    end = fiscal_period_end(fiscal_year, start_month)
    due = add_months(end.replace(day=1), 6)
    return due.replace(day=calendar.monthrange(due.year, due.month)[1])


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
