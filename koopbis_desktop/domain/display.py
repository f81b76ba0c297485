"""Values as people read them, without Qt: the entry view and the printouts share these.

Dates as GG.AA.YYYY, money as 1.250,50 TL, choices, cooperative types,
provinces and districts by name; a value that does not parse is shown as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from koopbis_desktop.domain import reference
from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State
from koopbis_desktop.domain.schema import Field, Kind
from koopbis_desktop.domain.validators import FieldError, format_date, format_money, parse_money

EMPTY = "—"


def type_label(type_id: str) -> str:
    """A change type's Turkish label; an unknown id (e.g. from a newer version) as stored."""
    try:
        return get_type(type_id).label
    except UnknownChangeType:
        return type_id


def state_label(value: Any, empty: str = "") -> str:
    """An entry state's Turkish label; ``empty`` for none, an unknown value as stored."""
    if not value:
        return empty
    try:
        return STATE_LABELS[State(str(value))]
    except ValueError:
        return str(value)


def format_stamp(iso: str | None) -> str:
    """A stored UTC timestamp as local GG.AA.YYYY SS:DD."""
    if not iso:
        return EMPTY
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return iso


def format_iso_date(value: Any) -> str:
    if not value:
        return EMPTY
    text = str(value)
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return text  # kept as the clerk typed it
    return format_date(text)


def cooperative_type_label(code: Any) -> str:
    for ctype in reference.cooperative_types():
        if ctype.code == code:
            return ctype.name
    return str(code) if code else EMPTY


def province_label(code: Any) -> str:
    province = reference.find_province(code) if code else None
    return province.name if province else (str(code) if code else EMPTY)


def district_label(province_code: Any, district_code: Any) -> str:
    if not district_code:
        return EMPTY
    if not province_code:
        return str(district_code)
    return reference.district_name(str(province_code), str(district_code))


def value_text(f: Field, value: Any, siblings: Mapping[str, Any] | None = None, province: Any = None) -> str:
    """One field's value for people; invalid values are shown as typed.

    A repeating group reads as its row count ("3 satır"); the entry view spells
    the rows out instead. ``province`` is the district's province when
    ``siblings`` does not carry it.
    """
    if value is None or value == "" or value == []:
        return EMPTY
    match f.kind:
        case Kind.DATE:
            return format_iso_date(value)
        case Kind.MONEY:
            try:
                return format_money(parse_money(value))
            except (FieldError, ValueError, ArithmeticError):
                return str(value)
        case Kind.CHOICE:
            return f.choice_label(value)
        case Kind.COOPERATIVE_TYPE:
            return cooperative_type_label(value)
        case Kind.PROVINCE:
            return province_label(value)
        case Kind.DISTRICT:
            owner = (siblings or {}).get(f.depends_on or "") or province
            return district_label(owner, value)
        case Kind.GROUP:
            rows = value if isinstance(value, list) else []
            return f"{len(rows)} satır"
        case _:
            return str(value)
