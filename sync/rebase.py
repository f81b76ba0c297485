"""The base an entry is sent with: KOOP-BİS's values after the earlier local entries of its cooperative.

An entry's stored ``base`` is what the clerk saw in the offline snapshot when
writing it. When an earlier entry of the same cooperative (two title updates, a
member admitted and then leaving, the board replaced twice) changed a key the
later entry also touches, KOOP-BİS holds the earlier entry's result by the time
the later one arrives, so sending the stored base would come back as a false
conflict. The executor therefore sends, for each such key, the value the earlier
entry produced — computed with the same rules KOOP-BİS applies
(:func:`sync.conflicts.local_values`) — and keeps the stored base untouched.

A key is carried forward only when the later entry's base still holds the value
the earlier entry started from: a base taken from the server after a conflict was
resolved, or one the clerk captured already after the earlier change, is newer
than the chain and stays as it is. A real head-office change in between is still
a conflict, because KOOP-BİS no longer holds the value the chain produced.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type
from koopbis_desktop.domain.records import base_value, record_from_registration
from koopbis_desktop.domain.schema import ChangeType
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from sync.conflicts import local_values

#: Key of the outcome (and of the ``send`` audit details) holding the base actually sent.
SENT_BASE = "sent_base"


def _ctype(type_id: str) -> ChangeType | None:
    try:
        return get_type(type_id)
    except UnknownChangeType:
        return None


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def chained_base(store: Store, entry: Entry, cooperative_id: str | None) -> dict[str, Any]:
    """The base to send for ``entry`` (to ``cooperative_id``), given the synced entries before it.

    Pure reads; equal to ``entry.base`` when no earlier entry touched its keys.
    """
    base = entry.base
    if not base or not cooperative_id:
        return base
    keys = set(base)
    rows = entries.synced_before(store, cooperative_id, entry.uuid)
    if not rows:
        return base
    tracked = copy.deepcopy(base)
    captured_at: str | None = None
    for _uuid, type_id, payload_text, base_text, outcome_text, synced_at in rows:
        ctype = _ctype(type_id)
        if ctype is None:
            continue
        payload = _loads(payload_text) or {}
        if ctype.registers:
            # The cooperative exists only through this registration: its values are where
            # the chain starts — unless the base was captured after it reached KOOP-BİS.
            if captured_at is None:
                captured_at = entries.last_revision_at(store, entry.uuid) or entry.created_at
            if synced_at and captured_at < synced_at:
                record = record_from_registration(payload)
                for key in keys:
                    tracked[key] = base_value(record, key)
            continue
        outcome = _loads(outcome_text)
        sent = outcome.get(SENT_BASE) if isinstance(outcome, Mapping) else None
        earlier_base: dict[str, Any] = dict(sent) if isinstance(sent, Mapping) else (_loads(base_text) or {})
        touched = keys.intersection(earlier_base)
        if not touched:
            continue
        produced = local_values(ctype, payload, earlier_base)
        for key in touched:
            if tracked[key] == earlier_base[key] and produced[key] != earlier_base[key]:
                tracked[key] = produced[key]
    return tracked


def last_sent_base(store: Store, entry_uuid: str) -> dict[str, Any] | None:
    """The base recorded with the entry's last ``send`` move, if that move recorded one."""
    details = _loads(audit.last_details(store, entry_uuid, "send"))
    sent = details.get(SENT_BASE) if isinstance(details, Mapping) else None
    return dict(sent) if isinstance(sent, Mapping) else None


__all__ = ["SENT_BASE", "chained_base", "last_sent_base"]
