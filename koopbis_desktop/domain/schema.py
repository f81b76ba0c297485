"""Declarative change-type schemas and the one validator that interprets them.

A change type is data: its fields (kind, Turkish label, required, choices,
repeating groups), the snapshot values it touches (captured as ``base``) and its
Law 1163 rules. Forms, validation, review, export and the sync payload all read
the same :class:`ChangeType`; nothing else describes a type's fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from koopbis_desktop.domain import reference
from koopbis_desktop.domain import validators as v
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.issues import Issue as Issue
from koopbis_desktop.domain.issues import Severity as Severity
from koopbis_desktop.domain.text import fold
from koopbis_desktop.domain.validators import FieldError


class Kind(StrEnum):
    TEXT = "text"
    LONGTEXT = "longtext"
    DATE = "date"
    MONEY = "money"
    INT = "int"
    CHOICE = "choice"
    TCKN = "tckn"
    VKN = "vkn"
    TCKN_OR_VKN = "tckn_or_vkn"
    MERSIS = "mersis"
    PHONE = "phone"
    PROVINCE = "province"
    DISTRICT = "district"
    COOPERATIVE_TYPE = "cooperative_type"
    REGISTRY_ID = "registry_id"  # another cooperative's registry id (merger, union)
    GROUP = "group"


@dataclass(frozen=True)
class Choice:
    """One choice of a choice field: the stored value and its label."""

    value: str
    label: str
    # The Turkish label of an English one: files people fill in Turkish still parse.
    turkish: str = field(default="", compare=False)


@dataclass(frozen=True)
class Field:
    """One field of a change type, or of a repeating group's row."""

    name: str
    kind: Kind
    label: str
    required: bool = False
    choices: tuple[Choice, ...] = ()
    fields: tuple[Field, ...] = ()  # row fields of a GROUP
    min_rows: int = 0
    max_rows: int | None = None
    key: str | None = None  # natural key of a GROUP's rows (TCKN/VKN, article no, ...)
    depends_on: str | None = None  # DISTRICT: the PROVINCE field it belongs to
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    allow_future: bool = False
    help: str = ""
    # The snapshot value this field changes, captured as the entry's ``base``;
    # "{}" is replaced by the field's value (e.g. "member:{}" for a member's TCKN).
    snapshot: str | None = None
    # Only required when another field has one of these values: ("reason", ("ihrac",))
    required_when: tuple[str, tuple[str, ...]] | None = None
    # Headers a spreadsheet column of this field may carry (member lists), matched
    # after Turkish folding; the first is the one a template writes.
    aliases: tuple[str, ...] = ()
    # A GROUP whose new form starts with the cooperative's current rows (the board an election
    # replaces): changing one member means editing one row, not typing the whole board again.
    prefill: bool = False

    def choice_label(self, value: object) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return str(value)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind.value,
            "label": self.label,
            "required": self.required,
        }
        if self.kind == Kind.CHOICE:
            out["choices"] = [{"value": c.value, "label": c.label} for c in self.choices]
        if self.kind == Kind.COOPERATIVE_TYPE:
            out["choices"] = [
                {"value": t.code, "label": reference.cooperative_type_name(t)}
                for t in reference.cooperative_types()
            ]
        if self.kind == Kind.GROUP:
            out["fields"] = [f.to_json() for f in self.fields]
            out["min_rows"] = self.min_rows
            out["max_rows"] = self.max_rows
            out["key"] = self.key
        if self.depends_on:
            out["depends_on"] = self.depends_on
        if self.required_when:
            out["required_when"] = {
                "field": self.required_when[0],
                "values": list(self.required_when[1]),
            }
        for attr in ("max_length", "minimum", "maximum", "help"):
            value = getattr(self, attr)
            if value not in (None, ""):
                out[attr] = value
        # The bounds a field has without naming them, so a form or a server reading this
        # schema enforces the same limits as ``validate``.
        if self.kind in (Kind.TEXT, Kind.LONGTEXT) and self.max_length is None:
            out["max_length"] = v.LONGTEXT_MAX_LENGTH if self.kind == Kind.LONGTEXT else v.TEXT_MAX_LENGTH
        if self.kind == Kind.INT:
            out["minimum"] = max(self.minimum if self.minimum is not None else -v.INT_LIMIT, -v.INT_LIMIT)
            out["maximum"] = min(self.maximum if self.maximum is not None else v.INT_LIMIT, v.INT_LIMIT)
        if self.kind == Kind.DATE:
            out["allow_future"] = self.allow_future
        return out


@dataclass(frozen=True)
class ValidationContext:
    """What a rule may need to know beyond the payload itself."""

    today: date = field(default_factory=date.today)
    founded_on: str | None = None  # ISO date of the cooperative's founding, if known
    # First month of the cooperative's fiscal year, from its articles when they say
    # (``domain.registry_checks.fiscal_start_month``); the calendar year otherwise.
    fiscal_start_month: int = 1


Rule = Callable[[Mapping[str, Any], ValidationContext], Iterable[Issue]]

# Payload fields an entry is found by in the queue (names, identities, decision no),
# whichever change type has them; the entry's search text lists them in this order.
SEARCH_FIELDS = (
    "title",
    "full_name",
    "from_full_name",
    "to_full_name",
    "other_title",
    "union_title",
    "member_id",
    "from_member_id",
    "to_member_id",
    "decision_no",
    "vkn",
)


@dataclass(frozen=True)
class ChangeType:
    """A change type's schema: its fields and the rules across them."""

    id: str
    label: str
    description: str
    fields: tuple[Field, ...]
    rules: tuple[Rule, ...] = ()
    registers: bool = False  # creates a cooperative (cooperative.register)
    touches: tuple[str, ...] = ()  # snapshot values always touched (e.g. "status")
    effective_date_field: str = "effective_date"
    # Words a clerk types for this change ("başkan", "ortak girişi"): the type chooser ranks
    # them after the label and before the description.
    keywords: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def touched(self, payload: Mapping[str, Any]) -> list[str]:
        """Snapshot keys this payload changes, in field order, without repeats."""
        keys = list(self.touches)
        for f in self.fields:
            if f.snapshot is None:
                continue
            value = payload.get(f.name)
            if _is_empty(value):
                continue
            key = f.snapshot.format(value) if "{}" in f.snapshot else f.snapshot
            if key not in keys:
                keys.append(key)
        return keys

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "description": self.description,
            "registers_cooperative": self.registers,
            "effective_date_field": self.effective_date_field,
            "fields": [f.to_json() for f in self.fields],
        }


@dataclass
class ValidationResult:
    """A payload checked against its change type: canonical values and the issues found."""

    payload: dict[str, Any]  # canonical values; invalid ones kept as typed
    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors


def _is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list) and not value


def parse_value(f: Field, value: object, siblings: Mapping[str, Any], ctx: ValidationContext) -> Any:
    """Parse one non-empty scalar value of ``f``; raises FieldError."""
    if f.kind != Kind.GROUP:
        v.scalar(value, f.label)
    match f.kind:
        case Kind.TEXT | Kind.LONGTEXT:
            return v.parse_text(value, max_length=f.max_length, multiline=f.kind == Kind.LONGTEXT)
        case Kind.DATE:
            return v.parse_date(value, today=ctx.today, allow_future=f.allow_future)
        case Kind.MONEY:
            return v.parse_money(value)
        case Kind.INT:
            return v.parse_int(value, minimum=f.minimum, maximum=f.maximum)
        case Kind.CHOICE:
            text = str(value).strip()
            folded = fold(text)
            for choice in f.choices:
                if text == choice.value or folded in (fold(choice.label), fold(choice.turkish)):
                    return choice.value
            options = ", ".join(c.label for c in f.choices)
            raise FieldError(tx("Geçerli seçenekler: {options}.").format(options=options))
        case Kind.TCKN:
            return v.parse_tckn(value)
        case Kind.VKN:
            return v.parse_vkn(value)
        case Kind.TCKN_OR_VKN:
            return v.parse_tckn_or_vkn(value)
        case Kind.MERSIS:
            return v.parse_mersis(value)
        case Kind.PHONE:
            return v.parse_phone(value)
        case Kind.PROVINCE:
            return reference.parse_province(value)
        case Kind.DISTRICT:
            province = siblings.get(f.depends_on) if f.depends_on else None
            return reference.parse_district(value, str(province) if province else None)
        case Kind.COOPERATIVE_TYPE:
            return reference.parse_cooperative_type(value)
        case Kind.REGISTRY_ID:
            return v.parse_text(value, max_length=40)
        case Kind.GROUP:
            raise AssertionError("groups are parsed by _validate_fields")


def _required(f: Field, raw: Mapping[str, Any]) -> bool:
    if f.required:
        return True
    if f.required_when:
        other, values = f.required_when
        return str(raw.get(other, "")).strip() in values
    return False


def _validate_fields(
    fields: tuple[Field, ...],
    raw: Mapping[str, Any],
    ctx: ValidationContext,
    prefix: str,
    payload: dict[str, Any],
    valid: dict[str, Any],
    issues: list[Issue],
) -> None:
    known = {f.name for f in fields}
    for name in raw:
        if name not in known:
            issues.append(
                Issue(
                    f"{prefix}{name}",
                    tx("Bilinmeyen alan: '{name}'. Bu kayıt türünde böyle bir alan yok.").format(name=name),
                )
            )
    for f in fields:
        value = raw.get(f.name)
        if _is_empty(value):
            if _required(f, {**raw, **valid}):
                issues.append(Issue(f"{prefix}{f.name}", tx("{label} zorunludur.").format(label=f.label)))
            continue
        if f.kind == Kind.GROUP:
            path = f"{prefix}{f.name}"
            if not isinstance(value, list) or not all(isinstance(r, Mapping) for r in value):
                issues.append(Issue(path, tx("{label} bir satır listesi olmalıdır.").format(label=f.label)))
                payload[f.name] = value
                continue
            rows_payload: list[dict[str, Any]] = []
            rows_valid: list[dict[str, Any]] = []
            all_rows_ok = True
            seen: dict[Any, int] = {}
            for index, row in enumerate(value):
                row_payload: dict[str, Any] = {}
                row_valid: dict[str, Any] = {}
                before = len(issues)  # issues only grow: this row's are the ones after ``before``
                _validate_fields(f.fields, row, ctx, f"{path}[{index}].", row_payload, row_valid, issues)
                if any(i.severity == Severity.ERROR for i in issues[before:]):
                    all_rows_ok = False
                if f.key and f.key in row_valid:
                    key_value = row_valid[f.key]
                    if key_value in seen:
                        issues.append(
                            Issue(
                                f"{path}[{index}].{f.key}",
                                tx("Bu satır {v}. satırla aynı; aynı kişi/kayıt iki kez girilmiş.").format(
                                    v=seen[key_value] + 1
                                ),
                            )
                        )
                        all_rows_ok = False
                    else:
                        seen[key_value] = index
                rows_payload.append(row_payload)
                rows_valid.append(row_valid)
            if len(value) < f.min_rows:
                issues.append(
                    Issue(
                        path,
                        tx("{label} için en az {min_rows} satır girin.").format(
                            label=f.label, min_rows=f.min_rows
                        ),
                    )
                )
            if f.max_rows is not None and len(value) > f.max_rows:
                issues.append(
                    Issue(
                        path,
                        tx("{label} için en çok {max_rows} satır girilebilir.").format(
                            label=f.label, max_rows=f.max_rows
                        ),
                    )
                )
            payload[f.name] = rows_payload
            if all_rows_ok:
                valid[f.name] = rows_valid
            continue
        # Only a dependent field (a district and its province) reads its siblings.
        siblings = {**raw, **valid} if f.depends_on else raw
        try:
            parsed = parse_value(f, value, siblings, ctx)
        except FieldError as exc:
            issues.append(Issue(f"{prefix}{f.name}", exc.message))
            payload[f.name] = value
        else:
            payload[f.name] = parsed
            valid[f.name] = parsed


def validate(
    ctype: ChangeType, raw: Mapping[str, Any], ctx: ValidationContext | None = None
) -> ValidationResult:
    """Validate and normalise ``raw`` against ``ctype``.

    Invalid values are kept as typed in the returned payload (so a draft never
    loses what the clerk wrote) and reported as errors; rules then see only the
    values that parsed.
    """
    context = ctx or ValidationContext()
    if not isinstance(raw, Mapping):
        return ValidationResult({}, [Issue("", tx("Kayıt verisi alan adı → değer eşlemesi olmalıdır."))])
    payload: dict[str, Any] = {}
    valid: dict[str, Any] = {}
    issues: list[Issue] = []
    _validate_fields(ctype.fields, raw, context, "", payload, valid, issues)
    effective = valid.get(ctype.effective_date_field)
    if effective and context.founded_on and effective < context.founded_on and not ctype.registers:
        issues.append(
            Issue(
                ctype.effective_date_field,
                tx("Tarih kooperatifin kuruluş tarihinden ({v}) önce olamaz.").format(
                    v=v.format_date(context.founded_on)
                ),
            )
        )
    for rule in ctype.rules:
        issues.extend(rule(valid, context))
    return ValidationResult(payload, issues)
