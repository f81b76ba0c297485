"""Registry warnings for one cooperative or a province: what the snapshot and the queue say together.

The checks themselves are the domain's (:mod:`domain.registry_checks`: terms run
out per md. 55/66, no ordinary assembly for three fiscal years per md. 45/1 and
md. 81, the fiscal year from the articles). This module gathers their inputs:
the cooperative's snapshot record and the queued entries that will change it
(board and auditor elections, assemblies), so an election already recorded
offline lifts its warning before it reaches KOOP-BİS.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from koopbis_desktop.domain.registry_checks import (
    RELEVANT_TYPES,
    RegistryWarning,
    facts_from,
    registry_warnings,
)
from koopbis_desktop.store import clock, entries, snapshot
from koopbis_desktop.store.db import Store


@dataclass(frozen=True)
class CooperativeWarnings:
    """A cooperative and the registry warnings about it."""

    cooperative_id: str
    title: str
    warnings: tuple[RegistryWarning, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "cooperative": self.cooperative_id,
            "title": self.title,
            "warnings": [w.to_json() for w in self.warnings],
        }


def _today() -> date:
    """The directorate's date by the store's clock (which the screenshots and tests pin), not the PC's."""
    return clock.now().astimezone().date()


def warnings_for_record(
    record: Mapping[str, Any],
    queued: Sequence[tuple[str, Mapping[str, Any]]] = (),
    *,
    today: date | None = None,
) -> list[RegistryWarning]:
    """Warnings about ``record`` once ``queued`` ``(type, payload)`` entries are counted."""
    return registry_warnings(facts_from(record, queued), today or _today())


def warnings_for(store: Store, cooperative_id: str, *, today: date | None = None) -> list[RegistryWarning]:
    """Warnings about one cooperative of the snapshot; none for one the snapshot lacks."""
    record = snapshot.get_record(store, cooperative_id)
    if record is None:
        return []
    queued = [(t, p) for _, t, p in entries.live_payloads(store, RELEVANT_TYPES, cooperative_id)]
    return warnings_for_record(record, queued, today=today)


def province_warnings(
    store: Store, *, province: str | None = None, today: date | None = None
) -> list[CooperativeWarnings]:
    """Every cooperative (of ``province``) with at least one warning, in registry-id order."""
    queued: dict[str, list[tuple[str, Mapping[str, Any]]]] = defaultdict(list)
    for coop, type_id, payload in entries.live_payloads(store, RELEVANT_TYPES):
        queued[coop].append((type_id, payload))
    day = today or _today()
    found: list[CooperativeWarnings] = []
    for coop_id in snapshot.cooperative_ids(store, province=province):
        record = snapshot.get_record(store, coop_id)
        if record is None:
            continue
        warnings = warnings_for_record(record, queued.get(coop_id, []), today=day)
        if warnings:
            found.append(CooperativeWarnings(coop_id, str(record.get("title") or ""), tuple(warnings)))
    return found
