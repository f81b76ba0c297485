"""Dry run before sending: fetch KOOP-BİS's current records and report what would conflict.

Nothing is sent and nothing in the database changes. The same rules as the
server's answer are applied locally — stale (the cooperative ended), duplicate
(the member, assembly or union membership already exists) and the three-way
field comparison of :mod:`sync.conflicts` — so a supervisor can look at trouble
before go-live day's real run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from koopbis_desktop.domain.changetypes import get_type, registers_cooperative
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.domain.records import base_value, key_label
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from sync import client as wire
from sync.conflicts import Comparison, compare_with_record

ENDED = ("dissolved", "merged")
_DUPLICATE_KEYS = {"member.admit": "member", "assembly.record": "assembly", "union.join": "union"}


@dataclass
class PreviewItem:
    entry: str
    type: str
    cooperative: str | None
    verdict: str  # ok | conflict | duplicate | stale | identical | not_found | unchecked | unreachable
    message: str
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "entry": self.entry,
            "type": self.type,
            "cooperative": self.cooperative,
            "verdict": self.verdict,
            "message": self.message,
            "conflicts": self.conflicts,
        }


def _cooperative_of(store: Store, entry: entries.Entry) -> str | None:
    if entry.cooperative_id:
        return entry.cooperative_id
    if entry.cooperative_ref:
        return entries.cooperative_of(store, entry.cooperative_ref)
    return None


def judge(entry: entries.Entry, record: dict[str, Any]) -> PreviewItem:
    """What KOOP-BİS would say to ``entry`` given its current ``record``."""
    ctype = get_type(entry.type)
    coop = str(record.get("id"))
    if record.get("status") in ENDED and not ctype.id.startswith("liquidation."):
        return PreviewItem(entry.uuid, entry.type, coop, "stale", tx("Kooperatif KOOP-BİS'te sona ermiş."))
    prefix = _DUPLICATE_KEYS.get(ctype.id)
    if prefix:
        key = next((k for k in entry.base if k.startswith(prefix + ":")), None)
        if key and base_value(record, key) is not None and entry.base.get(key) is None:
            if compare_with_record(ctype, entry.payload, entry.base, record).already_applied:
                return PreviewItem(
                    entry.uuid, entry.type, coop, "identical", tx("KOOP-BİS'te aynısı zaten kayıtlı.")
                )
            return PreviewItem(
                entry.uuid,
                entry.type,
                coop,
                "duplicate",
                tx("{v} KOOP-BİS'te zaten var.").format(v=key_label(key)),
            )
    comparison: Comparison = compare_with_record(ctype, entry.payload, entry.base, record)
    if comparison.has_conflict:
        return PreviewItem(
            entry.uuid,
            entry.type,
            coop,
            "conflict",
            tx("Çakışacak: ") + ", ".join(key_label(f.key) for f in comparison.conflicts) + ".",
            [
                {
                    "key": f.key,
                    "label": key_label(f.key),
                    "base": f.base,
                    "local": f.local,
                    "server": f.server,
                }
                for f in comparison.conflicts
            ],
        )
    if comparison.already_applied:
        return PreviewItem(
            entry.uuid, entry.type, coop, "identical", tx("KOOP-BİS'te aynı değişiklik zaten yapılmış.")
        )
    changed = [key_label(f.key) for f in comparison.server_only]
    note = (
        tx(" (KOOP-BİS'te başka değişiklikler var: {v}; çakışma değil)").format(v=", ".join(changed))
        if changed
        else ""
    )
    return PreviewItem(entry.uuid, entry.type, coop, "ok", "Sorunsuz uygulanacak." + note)


def preview(store: Store, client: wire.KoopbisClient) -> list[PreviewItem]:
    """Judge every approved entry against KOOP-BİS's current records; changes nothing."""
    items: list[PreviewItem] = []
    records: dict[str, Any] = {}
    for entry in entries.list_entries(store, states=[State.APPROVED, State.SENDING]):
        if registers_cooperative(entry.type):
            items.append(
                PreviewItem(
                    entry.uuid,
                    entry.type,
                    None,
                    "unchecked",
                    tx("Kuruluş kaydı: VKN denetimi gönderirken yapılır."),
                )
            )
            continue
        coop = _cooperative_of(store, entry)
        if coop is None:
            items.append(
                PreviewItem(
                    entry.uuid,
                    entry.type,
                    None,
                    "unchecked",
                    tx("Yerelde kurulan kooperatif: kuruluşu aktarılınca denetlenir."),
                )
            )
            continue
        if coop not in records:
            records[coop] = client.get_cooperative(coop)
        answer = records[coop]
        if isinstance(answer, wire.Record):
            items.append(judge(entry, answer.record))
        elif isinstance(answer, wire.NotFoundAnswer):
            items.append(PreviewItem(entry.uuid, entry.type, coop, "not_found", answer.message))
        else:
            message = getattr(answer, "message", "") or tx("KOOP-BİS'e ulaşılamadı.")
            items.append(PreviewItem(entry.uuid, entry.type, coop, "unreachable", str(message)))
    return items
