"""What a change does to a cooperative record, as KOOP-BİS applies it.

Shared by the reference server (which applies changes) and the client's conflict
detection (which computes the value the clerk's change would produce for each
touched key, to compare base / local / server field by field). Pure functions over
the record dicts of :mod:`koopbis_desktop.domain.records`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.records import ROW_KEYS, list_row
from koopbis_desktop.domain.schema import ChangeType, Kind


class StateConflict(KoopbisError):
    """The change cannot apply to the record as it is now; ``key`` says which value."""

    def __init__(self, key: str) -> None:
        super().__init__(tx("Değişiklik kooperatifin şu anki kaydına uygulanamıyor ({key}).").format(key=key))
        self.key = key


def _member_index(record: Mapping[str, Any], member_id: str) -> int | None:
    for index, row in enumerate(record["members"]):
        if str(row.get("member_id")) == member_id:
            return index
    return None


def _add_shares(record: dict[str, Any], member_id: str, name: str, shares: int, on: str) -> None:
    index = _member_index(record, member_id)
    if index is None:
        record["members"].append(
            {"member_id": member_id, "full_name": name, "shares": shares, "joined_on": on}
        )
    else:
        record["members"][index]["shares"] = int(record["members"][index]["shares"]) + shares


def _replace_lists(record: dict[str, Any], ctype: ChangeType, data: Mapping[str, Any]) -> None:
    """Each repeating group that stands for a whole list of the record replaces that list."""
    for f in ctype.fields:
        if f.kind == Kind.GROUP and f.snapshot in ROW_KEYS:
            record[f.snapshot] = [list_row(f.snapshot, row) for row in data[f.name]]


def _change_capital(record: dict[str, Any], data: Mapping[str, Any]) -> None:
    """New share value and/or capital; recomputed subscriptions make the capital shares × value."""
    if data.get("share_value") is not None:
        record["share_value"] = str(data["share_value"])
    if data.get("capital") is not None:
        record["capital"] = str(data["capital"])
    elif data.get("subscription_effect") == "yeniden_hesapla" and data.get("share_value") is not None:
        shares = sum(int(m.get("shares") or 0) for m in record["members"])
        record["capital"] = str((Decimal(data["share_value"]) * shares).quantize(Decimal("0.01")))


def subscribed_amounts(record: Mapping[str, Any], share_value: object) -> dict[str, str]:
    """Each member's subscribed amount at ``share_value``: shares × share value."""
    value = Decimal(str(share_value))
    return {
        str(m["member_id"]): str((value * int(m.get("shares") or 0)).quantize(Decimal("0.01")))
        for m in record.get("members") or []
    }


def new_record(cooperative_id: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The record a ``cooperative.register`` creates."""
    on = data["effective_date"]
    return {
        "id": cooperative_id,
        "title": data["title"],
        "cooperative_type": data["cooperative_type"],
        "province_code": data["province_code"],
        "district": data["district"],
        "address": data["address"],
        "phone": data.get("phone"),
        "vkn": data.get("vkn"),
        "mersis_no": data.get("mersis_no"),
        "trade_registry_no": data.get("trade_registry_no"),
        "status": "active",
        "founded_on": on,
        "share_value": data.get("share_value"),
        "board_elected_on": on,
        "version": 1,
        "members": [
            {
                "member_id": row["id_no"],
                "full_name": row["full_name"],
                "shares": row["shares"],
                "joined_on": on,
            }
            for row in data["founders"]
        ],
        "board": [list_row("board", row) for row in data["board"]],
        "audit_board": [],
        "assemblies": [],
        "articles": [],
        "unions": [],
    }


def apply_change(record: dict[str, Any], ctype: ChangeType, data: Mapping[str, Any]) -> None:
    """Mutate ``record`` as KOOP-BİS would and bump its version; raises StateConflict."""
    on = data.get("effective_date")
    match ctype.id:
        case "cooperative.update":
            for name in ("title", "address", "province_code", "district", "phone"):
                if data.get(name):
                    record[name] = data[name]
        case "articles.amend":
            articles = {int(a["article_no"]): a for a in record["articles"]}
            for row in data["articles"]:
                articles[int(row["article_no"])] = {
                    "article_no": int(row["article_no"]),
                    "text": row["text"],
                }
            record["articles"] = [articles[no] for no in sorted(articles)]
        case "assembly.record":
            record["assemblies"].append(
                {
                    "date": on,
                    "kind": data["kind"],
                    "fiscal_year": data.get("fiscal_year"),
                    "place": data["place"],
                    "result": data["result"],
                }
            )
        case "board.replace":
            _replace_lists(record, ctype, data)
            record["board_elected_on"] = on
        case "auditors.replace":
            _replace_lists(record, ctype, data)
            record["auditors_elected_on"] = on
        case "member.admit":
            record["members"].append(
                {
                    "member_id": data["member_id"],
                    "full_name": data["full_name"],
                    "shares": data["shares"],
                    "joined_on": on,
                }
            )
        case "member.leave":
            index = _member_index(record, data["member_id"])
            if index is None:
                raise StateConflict(f"member:{data['member_id']}")
            leaving = record["members"].pop(index)
            if data["reason"] == "devir":
                _add_shares(
                    record,
                    data["transferee_id"],
                    data["transferee_name"],
                    int(leaving["shares"]),
                    str(on),
                )
        case "member.transfer":
            giver_id, shares = data["from_member_id"], int(data["shares"])
            index = _member_index(record, giver_id)
            if index is None or int(record["members"][index]["shares"]) < shares:
                raise StateConflict(f"member:{giver_id}")
            giver = record["members"][index]
            giver["shares"] = int(giver["shares"]) - shares
            if giver["shares"] == 0:
                record["members"].pop(index)
            _add_shares(record, data["to_member_id"], data["to_full_name"], shares, str(on))
        case "liquidation.start":
            if record["status"] not in ("active", "dormant", "dissolving"):
                raise StateConflict("status")
            record["status"] = "in_liquidation"
        case "liquidation.end":
            if record["status"] != "in_liquidation":
                raise StateConflict("status")
            record["status"] = "dissolved"
        case "liquidation.revoke":
            if record["status"] != "in_liquidation":
                raise StateConflict("status")
            record["status"] = "active"
        case "merger":
            if data["role"] == "devrolunan":
                record["status"] = "merged"
        case "union.join":
            record["unions"].append(
                {"union_registry_id": data["union_registry_id"], "union_title": data["union_title"]}
            )
        case "union.leave":
            before = len(record["unions"])
            record["unions"] = [
                u
                for u in record["unions"]
                if str(u.get("union_registry_id")) != str(data["union_registry_id"])
            ]
            if len(record["unions"]) == before:
                raise StateConflict(f"union:{data['union_registry_id']}")
        case "capital.change":
            _change_capital(record, data)
        case "status.dormant":
            if record["status"] != "active":
                raise StateConflict("status")
            record["status"] = "dormant"
        case "status.resume":
            if record["status"] != "dormant":
                raise StateConflict("status")
            record["status"] = "active"
        case "dissolution.record":
            if record["status"] not in ("active", "dormant"):
                raise StateConflict("status")
            # A merger ends the cooperative without liquidation (md. 81); the rest wait for it.
            record["status"] = "merged" if data["cause"] == "birlesme" else "dissolving"
        case other:
            raise AssertionError(f"no apply rule for change type {other}")
    record["version"] = int(record["version"]) + 1
