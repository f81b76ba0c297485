"""Autosave of open forms: what the clerk typed survives a crash or a power cut.

A form writes its raw field values here as the clerk moves between fields; an
explicit Save turns them into a draft revision and clears the scratch copy. On the
next start the program offers every scratch copy of the user back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import drafts
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store


@dataclass(frozen=True)
class Autosaved:
    form_id: str
    username: str
    type: str
    cooperative: str | None
    entry_uuid: str | None
    payload: dict[str, Any]
    attachments: list[str]
    updated_at: str


def save(
    store: Store,
    actor: Actor,
    form_id: str,
    *,
    type_id: str,
    cooperative: str | None,
    entry_uuid: str | None,
    payload: dict[str, Any],
    attachments: list[str] | None = None,
) -> None:
    drafts.save_draft(
        store,
        form_id,
        username=actor.username,
        type_id=type_id,
        cooperative=cooperative,
        entry_uuid=entry_uuid,
        payload=json.dumps(payload, ensure_ascii=False, default=str),
        attachments=json.dumps(attachments or []),
        at=stamp(),
    )


def discard(store: Store, form_id: str) -> None:
    drafts.discard_draft(store, form_id)


def pending(store: Store, actor: Actor) -> list[Autosaved]:
    rows = drafts.drafts_of(store, actor.username)
    return [Autosaved(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), json.loads(r[6]), r[7]) for r in rows]
