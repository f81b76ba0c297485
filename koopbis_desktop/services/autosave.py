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
    with store.write() as conn:
        conn.execute(
            "INSERT INTO autosave(form_id, username, type, cooperative, entry_uuid, payload, attachments, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(form_id) DO UPDATE SET type = excluded.type, "
            "cooperative = excluded.cooperative, entry_uuid = excluded.entry_uuid, payload = excluded.payload, "
            "attachments = excluded.attachments, updated_at = excluded.updated_at",
            (
                form_id,
                actor.username,
                type_id,
                cooperative,
                entry_uuid,
                json.dumps(payload, ensure_ascii=False, default=str),
                json.dumps(attachments or []),
                stamp(),
            ),
        )


def discard(store: Store, form_id: str) -> None:
    with store.write() as conn:
        conn.execute("DELETE FROM autosave WHERE form_id = ?", (form_id,))


def pending(store: Store, actor: Actor) -> list[Autosaved]:
    rows = store.conn.execute(
        "SELECT form_id, username, type, cooperative, entry_uuid, payload, attachments, updated_at "
        "FROM autosave WHERE username = ? ORDER BY updated_at",
        (actor.username,),
    ).fetchall()
    return [Autosaved(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), json.loads(r[6]), r[7]) for r in rows]
