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
from dataclasses import dataclass
from typing import Any

from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type
from koopbis_desktop.domain.records import base_value, record_from_registration
from koopbis_desktop.domain.schema import ChangeType
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from sync.conflicts import local_values

#: Key of the outcome (and of the ``send`` audit details) holding the base actually sent; the
#: conflict review reads it under the same name (``services.conflicts.compared_base``).
SENT_BASE = resolution.SENT_BASE


def _ctype(type_id: str) -> ChangeType | None:
    try:
        return get_type(type_id)
    except UnknownChangeType:
        return None


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


@dataclass
class _Step:
    """One synced entry of the cooperative, as far as later bases care."""

    ctype: ChangeType
    payload_text: str | None
    base: dict[str, Any]  # the base it was sent with
    synced_at: str | None
    _moves: dict[str, tuple[Any, Any]] | None = None

    def moves(self) -> dict[str, tuple[Any, Any]]:
        """Key → (value it started from, value it produced), for the keys it changed; computed once."""
        if self._moves is None:
            produced = local_values(self.ctype, _loads(self.payload_text) or {}, self.base)
            self._moves = {
                key: (start, produced[key]) for key, start in self.base.items() if produced[key] != start
            }
        return self._moves


class CooperativeChain:
    """The synced entries of one cooperative, indexed by the base keys they carry.

    Loaded once (one read of the cooperative's synced entries) and then kept up to
    date as entries are applied (:meth:`applied`), so the base of each later entry
    costs the entries that touched *its* keys, not the cooperative's whole history.
    """

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.steps: list[_Step] = []
        self.registrations: list[int] = []  # steps that register the cooperative
        self.by_key: dict[str, list[int]] = {}
        self.top_version: int | None = None  # the highest server version among the steps
        for _uuid, type_id, payload_text, base_text, outcome_text, synced_at, version in rows:
            ctype = _ctype(type_id)
            if ctype is None:
                continue
            outcome = _loads(outcome_text)
            sent = outcome.get(SENT_BASE) if isinstance(outcome, Mapping) else None
            base: dict[str, Any] = dict(sent) if isinstance(sent, Mapping) else (_loads(base_text) or {})
            self._add(_Step(ctype, payload_text, base, synced_at), version)

    @classmethod
    def load(cls, store: Store, cooperative_id: str) -> CooperativeChain:
        return cls(entries.synced_chain(store, cooperative_id))

    def _add(self, step: _Step, version: Any) -> None:
        index = len(self.steps)
        self.steps.append(step)
        if step.ctype.registers:
            self.registrations.append(index)
        else:
            for key in step.base:
                self.by_key.setdefault(key, []).append(index)
        if isinstance(version, int):
            self.top_version = version if self.top_version is None else max(self.top_version, version)

    def applied(self, entry: Entry, sent_base: dict[str, Any], version: int, synced_at: str) -> bool:
        """Add an entry KOOP-BİS just applied as ``version``; False when it cannot simply go last.

        The chain's order is KOOP-BİS's (server version, then time): an entry goes at
        the end only when its version is above every one known; otherwise the caller
        drops the chain and reads it again when next needed.
        """
        if self.top_version is not None and version <= self.top_version:
            return False
        ctype = _ctype(entry.type)
        if ctype is None:
            return True
        self._add(_Step(ctype, json.dumps(entry.payload), dict(sent_base), synced_at), version)
        return True

    def base_for(self, store: Store, entry: Entry) -> dict[str, Any]:
        """The base to send for ``entry`` after every step of the chain (see the module docstring)."""
        base = entry.base
        if not base or not self.steps:
            return base
        captured_at: str | None = None
        if self.registrations:
            captured_at = entries.last_revision_at(store, entry.uuid) or entry.created_at
        tracked = copy.deepcopy(base)
        for key in base:
            indices = self.by_key.get(key, [])
            if self.registrations:
                indices = sorted([*indices, *self.registrations])
            for index in indices:
                step = self.steps[index]
                if step.ctype.registers:
                    # The cooperative exists only through this registration: its values are where
                    # the chain starts — unless the base was captured after it reached KOOP-BİS.
                    assert captured_at is not None
                    if step.synced_at and captured_at < step.synced_at:
                        record = record_from_registration(_loads(step.payload_text) or {})
                        tracked[key] = base_value(record, key)
                    continue
                move = step.moves().get(key)
                if move is not None and tracked[key] == move[0]:
                    tracked[key] = move[1]
        return copy.deepcopy(tracked)


class Chains:
    """Per cooperative, its :class:`CooperativeChain`, read on first need and kept for a sync run.

    Only the executor moves entries to ``synced`` while it holds the sync lock (the
    manual path takes the same lock), so what it adds itself is all that changes.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._chains: dict[str, CooperativeChain] = {}

    def base_for(self, entry: Entry, cooperative_id: str | None) -> dict[str, Any]:
        if not entry.base or not cooperative_id:
            return entry.base
        chain = self._chains.get(cooperative_id)
        if chain is None:
            chain = self._chains[cooperative_id] = CooperativeChain.load(self.store, cooperative_id)
        return chain.base_for(self.store, entry)

    def applied(
        self,
        entry: Entry,
        cooperative_id: str,
        sent_base: dict[str, Any],
        version: int | None,
        synced_at: str,
    ) -> None:
        """An entry of ``cooperative_id`` is now synced (``version`` None: no server version known)."""
        chain = self._chains.get(cooperative_id)
        if chain is None:
            return
        if version is None or not chain.applied(entry, sent_base, version, synced_at):
            del self._chains[cooperative_id]


def chained_base(store: Store, entry: Entry, cooperative_id: str | None) -> dict[str, Any]:
    """The base to send for ``entry`` (to ``cooperative_id``), given the synced entries before it.

    Pure reads; equal to ``entry.base`` when no earlier entry touched its keys.
    """
    base = entry.base
    if not base or not cooperative_id:
        return base
    return CooperativeChain.load(store, cooperative_id).base_for(store, entry)


def last_sent_base(store: Store, entry_uuid: str) -> dict[str, Any] | None:
    """The base recorded with the entry's last ``send`` move, if that move recorded one."""
    details = _loads(audit.last_details(store, entry_uuid, "send"))
    sent = details.get(SENT_BASE) if isinstance(details, Mapping) else None
    return dict(sent) if isinstance(sent, Mapping) else None


__all__ = ["SENT_BASE", "Chains", "CooperativeChain", "chained_base", "last_sent_base"]
