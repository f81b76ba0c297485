"""Scratch copies of open forms (table ``autosave``): what the clerk typed survives a crash."""

from __future__ import annotations

from typing import Any

from koopbis_desktop.store.db import Store


def save_draft(
    store: Store,
    form_id: str,
    *,
    username: str,
    type_id: str,
    cooperative: str | None,
    entry_uuid: str | None,
    payload: str,
    attachments: str,
    at: str,
) -> None:
    """Keep the form's raw values (JSON) under ``form_id``, replacing the older copy."""
    with store.atomic():
        store.execute(
            "INSERT INTO autosave(form_id, username, type, cooperative, entry_uuid, payload, attachments, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(form_id) DO UPDATE SET type = excluded.type, "
            "cooperative = excluded.cooperative, entry_uuid = excluded.entry_uuid, payload = excluded.payload, "
            "attachments = excluded.attachments, updated_at = excluded.updated_at",
            (form_id, username, type_id, cooperative, entry_uuid, payload, attachments, at),
        )


def discard_draft(store: Store, form_id: str) -> None:
    with store.atomic():
        store.execute("DELETE FROM autosave WHERE form_id = ?", (form_id,))


def drafts_of(store: Store, username: str) -> list[tuple[Any, ...]]:
    """form id, username, type, cooperative, entry uuid, payload, attachments, updated at; oldest first."""
    return store.query(
        "SELECT form_id, username, type, cooperative, entry_uuid, payload, attachments, updated_at "
        "FROM autosave WHERE username = ? ORDER BY updated_at",
        (username,),
    )


__all__ = ["discard_draft", "drafts_of", "save_draft"]
