"""Recording in the store what KOOP-BİS answered for an entry.

Shared by the executor (answers over the wire) and the manual path (receipts typed
in by a supervisor): the state move, the end of the retry schedule, the id a
registration received and the entries that waited for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type
from koopbis_desktop.domain.lifecycle import Action, Actor, Role, State
from koopbis_desktop.store import audit, entries, sync_state
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry

if TYPE_CHECKING:  # the answers load with the engine; the lists only read REFUSAL_PREFIX and the messages
    from sync import answers as wire

SYNC_ACTOR = Actor(username="sync", role=Role.SUPERVISOR, is_sync=True)
# How a refusal's return comment begins: the lists tell KOOP-BİS's note from a supervisor's by it.
REFUSAL_PREFIX = "KOOP-BİS kaydı reddetti: "
# Who the audit trail names when KOOP-BİS itself refuses an entry (422).
KOOPBIS_ACTOR = Actor(username="KOOP-BİS", role=Role.SUPERVISOR, is_sync=True)


def settle(
    store: Store,
    entry_uuid: str,
    action: Action,
    actor: Actor,
    *,
    comment: str | None = None,
    details: dict[str, Any] | None = None,
    fields: dict[str, Any] | None = None,
) -> None:
    """Move an entry out of the queue (applied, rejected, …) and end its retry schedule, in one transaction."""
    with store.atomic():
        entries.make_move(store, entry_uuid, action, actor, comment=comment, details=details, fields=fields)
        sync_state.end_schedule(store, entry_uuid)


def refusal_comment(entry_type: str, details: dict[str, Any]) -> str:
    """The return comment of a KOOP-BİS refusal: its message and each field's, with the field's label."""
    lines = [REFUSAL_PREFIX + str(details.get("message") or "kayıt geçersiz bulundu.")]
    for error in details.get("errors") or []:
        lines.append(
            f"• {field_label(entry_type, str(error.get('field') or ''))}: {error.get('message') or ''}"
        )
    lines.append("Düzeltip yeniden onaya gönderin; onaylanınca KOOP-BİS'e yeniden gönderilir.")
    return "\n".join(lines)


def field_label(entry_type: str, path: str) -> str:
    """The form's label of a field path (``members[0].tckn`` → its table's label), else the path."""
    name = path.split("[", 1)[0].split(".", 1)[0]
    try:
        return get_type(entry_type).field(name).label
    except (UnknownChangeType, KeyError):
        return path or "Kayıt"


def refusal_messages(entry: Entry) -> list[tuple[str, str, str]]:
    """KOOP-BİS's per-field messages of a refused entry: (field path, field label, message); [] if none.

    Kept while the entry is back with its clerk (or still refused); once it is sent
    again the next answer replaces them.
    """
    outcome = entry.outcome or {}
    if outcome.get("kind") != "invalid" or entry.state not in (State.RETURNED, State.DRAFT, State.REJECTED):
        return []
    return [
        (
            str(e.get("field") or ""),
            field_label(entry.type, str(e.get("field") or "")),
            str(e.get("message") or ""),
        )
        for e in outcome.get("errors") or []
        if isinstance(e, dict)
    ]


def refuse(store: Store, entry: Entry, details: dict[str, Any]) -> None:
    """KOOP-BİS refused the entry (422): back to its clerk, KOOP-BİS's words as the comment."""
    comment = refusal_comment(entry.type, details)
    # The approval is undone (as a supervisor's return does): the fixed entry needs a new one.
    settle(
        store,
        entry.uuid,
        Action.REFUSE,
        KOOPBIS_ACTOR,
        comment=comment,
        details={"kind": details.get("kind"), "errors": details.get("errors") or []},
        fields={"outcome": details, "comment": comment, "approver": None},
    )


def map_registration(store: Store, entry_uuid: str, cooperative_id: str, receipt: str, now: str) -> None:
    """Store local registration → KOOP-BİS id and point the approved dependents at the id.

    Called after the registration's own move, inside the caller's transaction: the caller
    locks the dependents' rows before that move (``entries.lock_entries``), as locking them
    here, after the move took the audit trail's turn, would come too late.
    """
    state = State.APPROVED.value
    with store.atomic() as conn:
        sync_state.record_registration(store, entry_uuid, cooperative_id, receipt, now)
        for uuid in entries.waiting_on_registration(store, entry_uuid, State.APPROVED):
            entries.point_at_cooperative(store, uuid, cooperative_id, now)
            audit.append(
                conn,
                actor=SYNC_ACTOR.username,
                action="sync_remap",
                entry_uuid=uuid,
                from_state=state,
                to_state=state,
                details={"registration": entry_uuid, "cooperative": cooperative_id},
            )


def conflict_outcome(
    outcome: wire.Conflict | wire.Duplicate | wire.Stale | wire.IdempotencyMismatch,
) -> dict[str, Any]:
    from sync import answers as wire

    if isinstance(outcome, wire.Conflict):
        return {
            "kind": "conflict",
            "message": outcome.message,
            "conflicts": outcome.conflicts,
            "current": outcome.current,
            "version": outcome.version,
        }
    if isinstance(outcome, wire.Duplicate):
        return {
            "kind": "duplicate",
            "message": outcome.message,
            "duplicate": outcome.kind,
            "existing": outcome.existing,
        }
    if isinstance(outcome, wire.Stale):
        return {"kind": "stale", "message": outcome.message, "status": outcome.status}
    return {"kind": "idempotency_mismatch", "message": outcome.message, "receipt": outcome.receipt}


__all__ = [
    "KOOPBIS_ACTOR",
    "REFUSAL_PREFIX",
    "SYNC_ACTOR",
    "conflict_outcome",
    "field_label",
    "map_registration",
    "refusal_comment",
    "refusal_messages",
    "refuse",
    "settle",
]
