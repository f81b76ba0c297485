"""Autosave of open forms: what the clerk typed survives a crash or a power cut.

A form writes its raw field values here as the clerk moves between fields; an
explicit Save turns them into a draft revision and clears the scratch copy. On the
next start the program offers every scratch copy of the user back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from koopbis_desktop.domain.changetypes import get_type, registers_cooperative
from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import drafts, snapshot
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


def describe(store: Store, item: Autosaved) -> str:
    """One autosaved form as the recovery prompt names it: type, cooperative, when it was typed.

    "Yönetim kurulu seçimi — 06-900001 IŞIK Çağdaş … — 30.11.2026 09:12"
    """
    try:
        label = get_type(item.type).label
    except KoopbisError:
        label = item.type
    cooperative = item.cooperative or ""
    if item.cooperative:
        summary = snapshot.get_summary(store, item.cooperative)
        if summary and summary.get("title"):
            cooperative = f"{item.cooperative} {summary['title']}"
    elif registers_cooperative(item.type):
        cooperative = str(item.payload.get("title") or "yeni kuruluş")
    try:
        when = datetime.fromisoformat(item.updated_at).astimezone().strftime("%d.%m.%Y %H:%M")
    except ValueError:
        when = item.updated_at
    return " — ".join(part for part in (label, cooperative or "kooperatif seçilmemiş", when) if part)
