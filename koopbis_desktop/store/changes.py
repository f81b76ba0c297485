"""What a transaction wrote, in the words of the screens that show it (Anki's ``OpChanges``).

The store knows which tables a committed transaction touched; the DB worker turns
that into one announcement, and each page decides whether it has to refresh. Qt-free
on purpose: the CLI, the sync thread and tests read the same value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache


@dataclass(frozen=True)
class OpChanges:
    """Which kinds of data one or more committed writes changed; falsy when none did."""

    entries: bool = False  # entries, their revisions, registrations and retry schedule
    snapshot: bool = False  # the local copy of KOOP-BİS (cooperatives, members, board, …)
    settings: bool = False
    users: bool = False
    attachments: bool = False
    audit: bool = False
    drafts: bool = False  # autosaved forms
    sync: bool = False  # sync runs, the lock row, refresh marks
    presence: bool = False  # who has which entry open in an editor (store/presence.py)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def kinds(self) -> list[str]:
        """The names of the changed kinds, for logs and tests."""
        return [f.name for f in fields(self) if getattr(self, f.name)]


NOTHING = OpChanges()
# What a "refresh everything" request stands for.
EVERYTHING = OpChanges(**{f.name: True for f in fields(OpChanges)})

# Table → kind. A table missing here (a new one) counts as an entries change, which
# makes every list refresh: too much work rather than a stale screen.
_KIND_OF_TABLE: dict[str, str] = {
    "entries": "entries",
    "revisions": "entries",
    "sync_attempts": "entries",
    "sync_registrations": "entries",
    "entry_attachments": "attachments",
    "attachments": "attachments",
    "audit": "audit",
    "settings": "settings",
    "users": "users",
    "autosave": "drafts",
    "sync_runs": "sync",
    "sync_lock": "sync",
    "sync_meta": "sync",
    "cooperatives": "snapshot",
    "members": "snapshot",
    "board_members": "snapshot",
    "auditors": "snapshot",
    "assemblies": "snapshot",
    "snapshot_meta": "snapshot",
    "edit_presence": "presence",
}

_WRITE = re.compile(
    r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
    r"\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)


# Statements that write one kind's table on behalf of another (the audit chain's head
# lives in ``settings`` but is no settings change a screen must react to).
_ON_BEHALF: dict[str, str] = {}


def counts_as(sql: str, kind: str) -> str:
    """Announce ``sql`` as a change of ``kind`` whatever table it writes; returns ``sql``."""
    _ON_BEHALF[sql] = kind
    written_kind.cache_clear()
    return sql


@lru_cache(maxsize=512)
def written_kind(sql: str) -> str | None:
    """The kind a statement writes (``None`` for reads, schema changes and transaction control)."""
    if sql in _ON_BEHALF:
        return _ON_BEHALF[sql]
    match = _WRITE.match(sql)
    if match is None:
        return None
    table = match.group(1).lower()
    if table.startswith("sqlite_") or table == "_migrations":
        return None
    if "_fts" in table:  # full-text indexes of the snapshot's tables
        return "snapshot"
    return _KIND_OF_TABLE.get(table, "entries")


def of_kinds(kinds: set[str]) -> OpChanges:
    return OpChanges(**{kind: True for kind in kinds})


__all__ = ["EVERYTHING", "NOTHING", "OpChanges", "counts_as", "of_kinds", "written_kind"]
