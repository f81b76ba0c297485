"""Three-way, field-level conflict detection: what the clerk saw, entered, and KOOP-BİS holds now.

For every snapshot key an entry touches (``ChangeType.touched``) there are three
values: ``base`` (captured when the clerk wrote the entry), ``local`` (what the
entry would make of it, computed with the same rules KOOP-BİS applies —
:mod:`koopbis_desktop.domain.effects`) and ``server`` (KOOP-BİS's current value,
from a 409 answer or a preview fetch). A key conflicts only when both sides changed
it to different values; repeating groups (board, audit board, articles, members)
are compared row by row by their natural key, so a board member added on the
server and a chairman changed locally are different rows and do not conflict.
No Qt, no I/O: the executor, the preview and the review screen all call this.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from koopbis_desktop.domain.effects import StateConflict, apply_change
from koopbis_desktop.domain.records import base_value, record_from_base
from koopbis_desktop.domain.schema import ChangeType


class ConflictKind(StrEnum):
    CONFLICT = "conflict"  # the same value changed on both sides, differently
    DUPLICATE = "duplicate"  # the thing already exists on the server
    STALE = "stale"  # the cooperative ended (dissolved, merged, deleted) on the server


#: Natural key of the rows of each repeating group.
ROW_KEYS: dict[str, str] = {
    "members": "member_id",
    "board": "id_no",
    "audit_board": "id_no",
    "assemblies": "date",
    "articles": "article_no",
    "unions": "union_registry_id",
}


@dataclass(frozen=True)
class _Sides:
    """A value on the three sides: what the clerk saw (base), the entry (local), KOOP-BİS (server)."""

    key: str
    base: Any
    local: Any
    server: Any

    @property
    def local_changed(self) -> bool:
        return _differ(self.local, self.base)

    @property
    def server_changed(self) -> bool:
        return _differ(self.server, self.base)


@dataclass(frozen=True)
class RowDiff(_Sides):
    """One row of a repeating group, by natural key, on the three sides (None = absent)."""

    @property
    def conflicting(self) -> bool:
        return self.local_changed and self.server_changed and _differ(self.local, self.server)


@dataclass(frozen=True)
class FieldComparison(_Sides):
    rows: tuple[RowDiff, ...] = ()

    @property
    def is_group(self) -> bool:
        return self.key in ROW_KEYS

    @property
    def identical(self) -> bool:
        """Both sides made the same change: nothing to decide."""
        return self.local_changed and self.server_changed and not _differ(self.local, self.server)

    @property
    def conflicting(self) -> bool:
        if not (self.local_changed and self.server_changed) or self.identical:
            return False
        if self.is_group:
            return any(r.conflicting for r in self.rows)
        return True

    @property
    def conflicting_rows(self) -> list[RowDiff]:
        return [r for r in self.rows if r.conflicting]

    def merged(self) -> Any:
        """Both sides' changes combined, when they do not conflict (else ValueError)."""
        if self.conflicting:
            raise ValueError(f"{self.key} conflicts; a person must decide")
        if not self.local_changed:
            return copy.deepcopy(self.server)
        if not self.server_changed or self.identical:
            return copy.deepcopy(self.local)
        # a group changed on both sides, in different rows: server order, local changes applied
        key_name = ROW_KEYS[self.key]
        out: list[Any] = []
        seen: set[str] = set()
        by_key = {r.key: r for r in self.rows}
        for row in self.server or []:
            k = str(row.get(key_name))
            seen.add(k)
            diff = by_key[k]
            chosen = diff.local if diff.local_changed else diff.server
            if chosen is not None:
                out.append(copy.deepcopy(chosen))
        for diff in self.rows:
            if diff.key not in seen and diff.local_changed and diff.local is not None:
                out.append(copy.deepcopy(diff.local))
        return out


@dataclass
class Comparison:
    fields: list[FieldComparison] = field(default_factory=list)

    @property
    def conflicts(self) -> list[FieldComparison]:
        return [f for f in self.fields if f.conflicting]

    @property
    def has_conflict(self) -> bool:
        return bool(self.conflicts)

    @property
    def already_applied(self) -> bool:
        """KOOP-BİS already holds exactly what the entry would write (identical change)."""
        changed = [f for f in self.fields if f.local_changed]
        return bool(changed) and all(not _differ(f.local, f.server) for f in changed)

    @property
    def server_only(self) -> list[FieldComparison]:
        """Keys KOOP-BİS changed that the clerk did not: taken from the server, no conflict."""
        return [f for f in self.fields if f.server_changed and not f.local_changed]


def _norm(value: Any) -> Any:
    """Compare JSON values structurally; numbers and numeric strings of ids compare as text."""
    if isinstance(value, Mapping):
        return {str(k): _norm(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    return value


def _differ(a: Any, b: Any) -> bool:
    return bool(_norm(a) != _norm(b))


def _rows(key: str, base: Any, local: Any, server: Any) -> tuple[RowDiff, ...]:
    key_name = ROW_KEYS[key]

    def index(rows: Any) -> dict[str, Any]:
        return {str(r.get(key_name)): r for r in rows or [] if isinstance(r, Mapping)}

    b, lo, s = index(base), index(local), index(server)
    order = list(dict.fromkeys([*b, *lo, *s]))
    return tuple(RowDiff(k, b.get(k), lo.get(k), s.get(k)) for k in order)


def three_way(key: str, base: Any, local: Any, server: Any) -> FieldComparison:
    rows = _rows(key, base, local, server) if key in ROW_KEYS else ()
    return FieldComparison(key, base, local, server, rows)


def local_values(ctype: ChangeType, payload: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, Any]:
    """What the entry would make of each base key, applied as KOOP-BİS applies it."""
    if ctype.registers:
        # A registration creates a record; none exists to apply it to (a duplicate's base is
        # empty): it changes no existing value the comparison could show.
        return {key: copy.deepcopy(value) for key, value in base.items()}
    record = record_from_base(base)
    try:
        apply_change(record, ctype, payload)
    except StateConflict:
        # The change does not fit even its own base (e.g. leave of a non-member):
        # it changes nothing the comparison could show.
        return {key: copy.deepcopy(value) for key, value in base.items()}
    except (KeyError, TypeError, ValueError):
        return {key: copy.deepcopy(value) for key, value in base.items()}
    return {key: base_value(record, key) for key in base}


def compare(
    ctype: ChangeType, payload: Mapping[str, Any], base: Mapping[str, Any], server: Mapping[str, Any]
) -> Comparison:
    """Compare an entry against KOOP-BİS's current values of the keys it touches."""
    local = local_values(ctype, payload, base)
    return Comparison([three_way(key, base[key], local[key], server.get(key)) for key in base])


def compare_with_record(
    ctype: ChangeType, payload: Mapping[str, Any], base: Mapping[str, Any], record: Mapping[str, Any] | None
) -> Comparison:
    """Preview: compare against a freshly fetched cooperative record."""
    return compare(ctype, payload, base, {key: base_value(record, key) for key in base})


def describe(entry: Any) -> Comparison:
    """The three-way comparison of an entry parked in ``conflict``, from KOOP-BİS's stored answer."""
    from koopbis_desktop.domain.changetypes import get_type
    from koopbis_desktop.services.conflicts import compared_base, server_values

    return compare(get_type(entry.type), entry.payload, compared_base(entry), server_values(entry))
