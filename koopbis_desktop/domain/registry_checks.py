"""Registry warnings about a cooperative as a whole, from its record and what the queue adds.

A directorate supervises whether a cooperative's organs are still in office and
whether it holds its ordinary assembly: the board's and the auditors' terms are at
most four years (1163 s.K. md. 55, md. 66), the ordinary assembly is held within six
months of each fiscal period's end and at least once a year (md. 45/1), and three
years without one is a cause of dissolution (md. 81). These checks are pure: the
caller (``services.registry_warnings``) gathers the record and the queue's facts.

The fiscal year is the calendar year unless the articles say otherwise
(:func:`domain.fiscal.fiscal_start_month`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from koopbis_desktop.domain.fiscal import add_years, assembly_deadline, fiscal_period_end, fiscal_start_month
from koopbis_desktop.domain.i18n import LAW, law_text, tx
from koopbis_desktop.domain.validators import format_date

MAX_TERM_YEARS = 4  # md. 55 (board), md. 66 (auditors)
YEARS_WITHOUT_ASSEMBLY = 3  # md. 81: three years without an ordinary assembly


@dataclass(frozen=True)
class RegistryFacts:
    """What the registry knows of one cooperative: snapshot plus the live queue's entries."""

    status: str
    board_elected_on: str | None  # ISO date of the last known board election
    board_term_years: int | None
    auditors_elected_on: str | None
    auditors_term_years: int | None
    last_ordinary_assembly: str | None  # ISO date of the last ordinary assembly held
    fiscal_start_month: int | None  # from the articles; None = calendar year
    founded_on: str | None


@dataclass(frozen=True)
class RegistryWarning:
    """One thing a supervisor should look at, with the article it rests on."""

    code: str  # board_term, auditors_term, no_assembly
    message: str
    article: str

    @property
    def text(self) -> str:
        return f"{self.message} ({law_text(self.article)})"

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "article": self.article}


# The status a queued entry of these types leaves the cooperative in (domain.effects).
_STATUS_AFTER = {
    "status.dormant": "dormant",
    "status.resume": "active",
    "dissolution.record": "dissolving",
    "liquidation.start": "in_liquidation",
}
# Entry types whose queued entries change what these checks read.
RELEVANT_TYPES = ("board.replace", "auditors.replace", "assembly.record", *_STATUS_AFTER)

# Only a cooperative still operating (or dormant) must keep its organs and assemblies.
_SUPERVISED = ("active", "dormant")


def _latest(*dates: str | None) -> str | None:
    known = [d for d in dates if d]
    return max(known) if known else None


def facts_from(
    record: Mapping[str, Any],
    entries: Iterable[tuple[str, Mapping[str, Any]]] = (),
) -> RegistryFacts:
    """Facts of ``record``, updated by queued ``(type_id, payload)`` entries not yet in it."""
    board_on = record.get("board_elected_on")
    board_terms = [r.get("term_years") for r in record.get("board") or [] if r.get("term_years")]
    auditors_on = record.get("auditors_elected_on")
    auditor_terms = [r.get("term_years") for r in record.get("audit_board") or [] if r.get("term_years")]
    ordinary = [
        str(a["date"])
        for a in record.get("assemblies") or []
        if a.get("kind") == "olagan" and a.get("result") in (None, "yapildi") and a.get("date")
    ]
    last_assembly = max(ordinary) if ordinary else None
    status = str(record.get("status") or "active")
    for type_id, payload in entries:
        on = payload.get("effective_date")
        if not isinstance(on, str):
            continue
        if type_id == "board.replace" and on > (board_on or ""):
            board_on = on
            board_terms = [r.get("term_years") for r in payload.get("board") or [] if r.get("term_years")]
        elif type_id == "auditors.replace" and on > (auditors_on or ""):
            auditors_on = on
            auditor_terms = [
                r.get("term_years") for r in payload.get("auditors") or [] if r.get("term_years")
            ]
        elif type_id in _STATUS_AFTER:
            status = _STATUS_AFTER[type_id]
        elif (
            type_id == "assembly.record"
            and payload.get("kind") == "olagan"
            and payload.get("result") == "yapildi"
        ):
            last_assembly = _latest(last_assembly, on)
    return RegistryFacts(
        status=status,
        board_elected_on=board_on,
        board_term_years=max((int(t) for t in board_terms), default=None),
        auditors_elected_on=auditors_on,
        auditors_term_years=max((int(t) for t in auditor_terms), default=None),
        last_ordinary_assembly=last_assembly,
        fiscal_start_month=fiscal_start_month(record.get("articles")),
        founded_on=record.get("founded_on"),
    )


def _term_warning(
    code: str, organ: str, elected_on: str | None, term: int | None, today: date, article: str
) -> list[RegistryWarning]:
    if not elected_on:
        return []
    years = min(term or MAX_TERM_YEARS, MAX_TERM_YEARS)
    ends = add_years(date.fromisoformat(elected_on), years)
    if ends >= today:
        return []
    return [
        RegistryWarning(
            code,
            tx(
                "{organ} görev süresi {ends} tarihinde doldu ({elected_on} seçimi, {years} yıl); yeni seçim kaydı yok."
            ).format(
                organ=organ,
                ends=format_date(ends.isoformat()),
                elected_on=format_date(elected_on),
                years=years,
            ),
            article,
        )
    ]


def registry_warnings(facts: RegistryFacts, today: date) -> list[RegistryWarning]:
    """Terms run out (md. 55, 66) and ordinary assemblies missing for three fiscal years (md. 81)."""
    if facts.status not in _SUPERVISED:
        return []
    found = _term_warning(
        "board_term",
        tx("Yönetim kurulunun"),
        facts.board_elected_on,
        facts.board_term_years,
        today,
        f"{LAW} md. 55",
    )
    found += _term_warning(
        "auditors_term",
        tx("Denetim kurulunun"),
        facts.auditors_elected_on,
        facts.auditors_term_years,
        today,
        f"{LAW} md. 66",
    )
    start = facts.fiscal_start_month or 1
    # The last three fiscal years whose assembly deadline has passed by ``today``.
    year = today.year
    while assembly_deadline(year, start) >= today:
        year -= 1
    first_due = year - YEARS_WITHOUT_ASSEMBLY + 1
    founded = facts.founded_on
    if founded and fiscal_period_end(first_due, start) < date.fromisoformat(founded):
        return found  # too young to have missed three
    # The assembly of fiscal year ``first_due`` is held after that year ends.
    since = fiscal_period_end(first_due, start).isoformat()
    if facts.last_ordinary_assembly is None or facts.last_ordinary_assembly <= since:
        last = (
            tx("son olağan genel kurul {date}").format(date=format_date(facts.last_ordinary_assembly))
            if facts.last_ordinary_assembly
            else tx("kayıtlı olağan genel kurul yok")
        )
        period = (
            tx("takvim yılı") if start == 1 else tx("{start}. aydan başlayan hesap yılı").format(start=start)
        )
        found.append(
            RegistryWarning(
                "no_assembly",
                tx(
                    "Son üç hesap yılının ({first_due}–{year}, {period}) olağan genel kurulu yapılmamış; "
                    "{last}. Üç yıl olağan genel kurul yapılmaması dağılma nedenidir."
                ).format(first_due=first_due, year=year, period=period, last=last),
                f"{LAW} md. 45/1, md. 81",
            )
        )
    return found
