"""What a change does to a cooperative record: stale, duplicate and base checks, then the mutation.

Pure functions over the record dicts of ``koopbis_desktop.domain.records``; the
store calls them inside the transaction that also writes the change and its
receipt. ``data`` is always the payload the domain schema validated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from koopbis_desktop.domain.effects import StateConflict, apply_change, new_record
from koopbis_desktop.domain.records import LIST_KEYS, SCALAR_KEYS, base_value
from koopbis_desktop.domain.schema import ChangeType
from sync.server.errors import ApiError

ENDED_STATUSES = ("dissolved", "merged")
KEYED_PREFIXES = ("member", "assembly", "union")


def is_valid_base_key(key: str) -> bool:
    prefix, sep, ident = key.partition(":")
    if sep:
        return prefix in KEYED_PREFIXES and bool(ident)
    return key in SCALAR_KEYS or key in LIST_KEYS


def check_stale(record: Mapping[str, Any], ctype: ChangeType) -> None:
    """A dissolved or merged cooperative accepts only liquidation changes."""
    status = record.get("status")
    if status in ENDED_STATUSES and not ctype.id.startswith("liquidation."):
        raise ApiError(
            409,
            "stale",
            "Kooperatif KOOP-BİS'te sona ermiş (terkin ya da birleşme); "
            "bu kayıt artık uygulanamaz. Kaydı gözden geçirip gerekirse iptal edin.",
            status=status,
            cooperative=record.get("id"),
        )


def find_duplicate(
    record: Mapping[str, Any], ctype: ChangeType, data: Mapping[str, Any]
) -> tuple[str, dict[str, Any]] | None:
    """``(kind, existing row)`` when the change would record something already there."""
    if ctype.id == "member.admit":
        row = base_value(record, f"member:{data['member_id']}")
        return ("member", row) if row is not None else None
    if ctype.id == "assembly.record":
        row = base_value(record, f"assembly:{data['effective_date']}")
        return ("assembly", row) if row is not None else None
    if ctype.id == "union.join":
        row = base_value(record, f"union:{data['union_registry_id']}")
        return ("union", row) if row is not None else None
    return None


def duplicate_error(kind: str, existing: Mapping[str, Any]) -> ApiError:
    what = {
        "member": "Bu kişi zaten kooperatifin ortağı",
        "assembly": "Bu tarihteki genel kurul zaten kayıtlı",
        "vkn": "Bu vergi kimlik numarasıyla kayıtlı bir kooperatif zaten var",
        "union": "Kooperatif bu birliğe zaten katılmış",
    }[kind]
    return ApiError(
        409,
        "duplicate",
        f"{what}; kayıt ikinci kez uygulanmadı. Kaydı mükerrer olarak kapatabilirsiniz.",
        kind=kind,
        existing=dict(existing),
    )


def _same(sent: Any, current: Any) -> bool:
    # JSON has no int/float distinction worth a conflict: 2 == 2.0 is the same value.
    return bool(sent == current)


def conflict_error(
    record: Mapping[str, Any] | None, base: Mapping[str, Any], conflicting: list[str]
) -> ApiError:
    keys = list(dict.fromkeys([*base, *conflicting]))
    current = {key: base_value(record, key) for key in keys}
    return ApiError(
        409,
        "conflict",
        "Kaydın değiştirdiği bilgiler KOOP-BİS'te siz kaydı girdikten sonra değişmiş; "
        "uygulanmadı. Güncel değerleri inceleyip karar verin.",
        conflicts=[{"key": key, "base": base.get(key), "server": current[key]} for key in conflicting],
        current=current,
        version=int(record["version"]) if record is not None else 0,
    )


def check_base(record: Mapping[str, Any] | None, base: Mapping[str, Any]) -> None:
    """Field-level precondition: every key of ``base`` must still hold the sent value."""
    conflicting = [key for key, sent in base.items() if not _same(sent, base_value(record, key))]
    if conflicting:
        raise conflict_error(record, base, conflicting)


__all__ = ["StateConflict", "apply_change", "new_record"]
