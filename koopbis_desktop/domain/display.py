"""Values as people read them, without Qt: the entry view and the printouts share these.

Dates as GG.AA.YYYY, money as 1.250,50 TL, choices, cooperative types,
provinces and districts by name; a value that does not parse is shown as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from koopbis_desktop.domain import reference
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State
from koopbis_desktop.domain.records import STATUSES
from koopbis_desktop.domain.validators import FieldError, format_date, format_money, parse_money

# The change types and their schema load when a value of a form is first shown: a start
# shows dates, states and cooperatives' labels (these functions), not forms' fields.
if TYPE_CHECKING:
    from koopbis_desktop.domain.schema import Field

EMPTY = "—"


def type_label(type_id: str) -> str:
    """A change type's Turkish label; an unknown id (e.g. from a newer version) as stored."""
    from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type

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
            return reference.cooperative_type_name(ctype)
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
    from koopbis_desktop.domain.schema import Kind

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
            return tx("{n} satır").format(n=len(rows))
        case _:
            return str(value)


def status_label(status: Any) -> str:
    """A cooperative's registry status ("Faal", "Tasfiye halinde", …); an unknown one as stored."""
    return STATUSES.get(str(status), str(status)) if status else EMPTY


def format_value(
    f: Field, value: Any, siblings: Mapping[str, Any] | None = None, province: Any = None
) -> str:
    """Like :func:`value_text`, but a repeating group's rows spelled out, one after another."""
    from koopbis_desktop.domain.schema import Kind

    if f.kind is Kind.GROUP and not (value is None or value == "" or value == []):
        rows = value if isinstance(value, list) else []
        return "; ".join(group_row_text(f, row) for row in rows) if rows else EMPTY
    return value_text(f, value, siblings, province)


def is_identity(f: Field) -> bool:
    from koopbis_desktop.domain.schema import Kind

    return f.kind in (Kind.TCKN, Kind.TCKN_OR_VKN, Kind.VKN)


def keyed_by_identity(group: Field) -> bool:
    """Whether a group's rows are people keyed by TCKN/VKN (shown as "Name (TCKN)")."""
    key_field = next((x for x in group.fields if x.name == group.key), None)
    return key_field is not None and is_identity(key_field)


def group_row_text(group: Field, row: Mapping[str, Any]) -> str:
    """A repeating group's row on one line: "Ali Veli (12345678901), Başkan, 2 yıl"."""
    parts: list[str] = []
    for f in group.fields:
        value = row.get(f.name)
        if value in (None, ""):
            continue
        text = format_value(f, value, row)
        if f.name == group.key and is_identity(f):
            continue  # shown in brackets after the name below
        if f.name == "term_years":
            text = tx("{n} yıl").format(n=text)
        parts.append(text)
    key_value = row.get(group.key or "")
    if key_value and keyed_by_identity(group):
        parts[0:1] = [f"{parts[0]} ({key_value})" if parts else str(key_value)]
    return ", ".join(parts)


def member_text(row: Mapping[str, Any] | None, *, joined: bool = True) -> str:
    """A member row: "Zeynep Işık, 2 pay (giriş 02.03.2015)"."""
    if not row:
        return EMPTY
    text = str(row.get("full_name") or row.get("member_id") or "")
    if row.get("shares") is not None:
        text += tx(", {n} pay").format(n=row.get("shares"))
    if joined and row.get("joined_on"):
        text += tx(" (giriş {date})").format(date=format_iso_date(row.get("joined_on")))
    return text


def keyed_row_text(prefix: str, row: Mapping[str, Any]) -> str:
    """A row behind a keyed snapshot value ("member:…", "assembly:…", "union:…") on one line."""
    if prefix == "member":
        return member_text(row)
    if prefix == "assembly":
        parts = [str(row.get("kind") or ""), format_iso_date(row.get("date")), str(row.get("place") or "")]
        return ", ".join(p for p in parts if p and p != EMPTY)
    if prefix == "union":
        return f"{row.get('union_title') or ''} ({row.get('union_registry_id') or ''})".strip()
    return ", ".join(f"{k}: {v}" for k, v in row.items() if v not in (None, ""))
