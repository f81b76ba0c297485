"""Scratch copies of open forms (table ``autosave``): what the clerk typed survives a crash.

Each copy says which PC's open form keeps it (``host``) and when that form last said it is
still open (``held_at``): written with every copy, renewed while the form stays open, cleared
when it closes. A copy held within ``presence.STALE_AFTER_S`` by another PC is that PC's
open form, not a crash's leftover (``services/autosave.py`` decides what to offer back).
"""

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
    host: str,
) -> None:
    """Keep the form's raw values (JSON) under ``form_id``, replacing the older copy; the form
    is open on ``host``."""
    with store.atomic():
        store.execute(
            "INSERT INTO autosave(form_id, username, type, cooperative, entry_uuid, payload, attachments, "
            "updated_at, host, held_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(form_id) DO UPDATE "
            "SET type = excluded.type, cooperative = excluded.cooperative, entry_uuid = excluded.entry_uuid, "
            "payload = excluded.payload, attachments = excluded.attachments, updated_at = excluded.updated_at, "
            "host = excluded.host, held_at = excluded.held_at",
            (form_id, username, type_id, cooperative, entry_uuid, payload, attachments, at, host, at),
        )


def hold_draft(store: Store, form_id: str, host: str, at: str) -> None:
    """The form is still open on ``host`` (nothing happens if it has no copy)."""
    with store.atomic():
        store.execute("UPDATE autosave SET host = ?, held_at = ? WHERE form_id = ?", (host, at, form_id))


def let_go_draft(store: Store, form_id: str, host: str) -> None:
    """The form closed on ``host`` and kept its copy: any PC may offer it back now."""
    with store.atomic():
        store.execute("UPDATE autosave SET held_at = NULL WHERE form_id = ? AND host = ?", (form_id, host))


def discard_draft(store: Store, form_id: str) -> None:
    with store.atomic():
        store.execute("DELETE FROM autosave WHERE form_id = ?", (form_id,))


def drafts_of(store: Store, username: str) -> list[tuple[Any, ...]]:
    """form id, username, type, cooperative, entry uuid, payload, attachments, updated at, host,
    held at; oldest first."""
    return store.query(
        "SELECT form_id, username, type, cooperative, entry_uuid, payload, attachments, updated_at, host, held_at "
        "FROM autosave WHERE username = ? ORDER BY updated_at",
        (username,),
    )


__all__ = ["discard_draft", "drafts_of", "hold_draft", "let_go_draft", "save_draft"]
