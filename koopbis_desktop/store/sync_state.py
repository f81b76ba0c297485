"""What the sync keeps beside the entries: retry schedules, registration ids, the lock, runs, marks.

Only ``sync/`` writes these tables; the desktop reads them to show the sync page.
Every write runs inside the caller's transaction (or opens its own).
"""

from __future__ import annotations

from typing import Any

from koopbis_desktop.store.db import Store

# -- retry schedule (sync_attempts) ------------------------------------------------------------


def attempt_rows(store: Store) -> list[tuple[str, int, str | None, str | None, str | None]]:
    """Every entry's schedule: uuid, attempts, last attempt at, next attempt at, last error."""
    rows = store.query(
        "SELECT entry_uuid, attempts, last_attempt_at, next_attempt_at, last_error FROM sync_attempts"
    )
    return [(str(r[0]), int(r[1]), r[2], r[3], r[4]) for r in rows]


def attempts_of(store: Store, entry_uuid: str) -> int | None:
    row = store.query_one("SELECT attempts FROM sync_attempts WHERE entry_uuid = ?", (entry_uuid,))
    return int(row[0]) if row else None


def count_attempt(store: Store, entry_uuid: str, at: str) -> None:
    """One more send of the entry starts now."""
    store.execute(
        "INSERT INTO sync_attempts(entry_uuid, attempts, last_attempt_at) VALUES (?, 1, ?) "
        "ON CONFLICT(entry_uuid) DO UPDATE SET attempts = sync_attempts.attempts + 1, last_attempt_at = excluded.last_attempt_at",
        (entry_uuid, at),
    )


def uncount_attempt(store: Store, entry_uuid: str) -> None:
    """The counted send never left (cancelled, server gone): take it back."""
    store.execute(
        "UPDATE sync_attempts SET attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END WHERE entry_uuid = ?",
        (entry_uuid,),
    )


def schedule_retry(store: Store, entry_uuid: str, next_at: str, error: str) -> None:
    store.execute(
        "UPDATE sync_attempts SET next_attempt_at = ?, last_error = ? WHERE entry_uuid = ?",
        (next_at, error, entry_uuid),
    )


def set_schedule(store: Store, entry_uuid: str, attempts: int, at: str, next_at: str, error: str) -> None:
    """Write the whole schedule of an entry (a failure before anything was sent)."""
    with store.atomic():
        store.execute(
            "INSERT INTO sync_attempts(entry_uuid, attempts, last_attempt_at, next_attempt_at, last_error) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(entry_uuid) DO UPDATE SET attempts = excluded.attempts, "
            "last_attempt_at = excluded.last_attempt_at, next_attempt_at = excluded.next_attempt_at, "
            "last_error = excluded.last_error",
            (entry_uuid, attempts, at, next_at, error),
        )


def end_schedule(store: Store, entry_uuid: str) -> None:
    """The entry left the queue: no next attempt, no error to show."""
    store.execute(
        "UPDATE sync_attempts SET next_attempt_at = NULL, last_error = NULL WHERE entry_uuid = ?",
        (entry_uuid,),
    )


# -- local registration → KOOP-BİS id (sync_registrations) --------------------------------------


def registrations(store: Store) -> dict[str, str]:
    """Local registration uuid → KOOP-BİS cooperative id, for every applied registration."""
    return {
        str(r[0]): str(r[1]) for r in store.query("SELECT entry_uuid, cooperative_id FROM sync_registrations")
    }


def registered_id(store: Store, registration_uuid: str) -> str | None:
    row = store.query_one(
        "SELECT cooperative_id FROM sync_registrations WHERE entry_uuid = ?", (registration_uuid,)
    )
    return str(row[0]) if row else None


def registration_with_id(store: Store, cooperative_id: str, *, other_than: str) -> str | None:
    """The uuid of another registration already given ``cooperative_id``, if any."""
    row = store.query_one(
        "SELECT entry_uuid FROM sync_registrations WHERE cooperative_id = ? AND entry_uuid != ?",
        (cooperative_id, other_than),
    )
    return str(row[0]) if row else None


def record_registration(store: Store, entry_uuid: str, cooperative_id: str, receipt: str, at: str) -> None:
    store.execute(
        "INSERT INTO sync_registrations(entry_uuid, cooperative_id, receipt, mapped_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(entry_uuid) DO UPDATE SET cooperative_id = excluded.cooperative_id, "
        "receipt = excluded.receipt, mapped_at = excluded.mapped_at",
        (entry_uuid, cooperative_id, receipt, at),
    )


# -- the "one sync at a time" lock row (sync_lock) ---------------------------------------------


def lock_holder(store: Store) -> tuple[str, int, str, str, str] | None:
    """owner, pid, host, acquired at, heartbeat at — or None when nobody syncs."""
    row = store.query_one("SELECT owner, pid, host, acquired_at, heartbeat_at FROM sync_lock WHERE id = 1")
    return (str(row[0]), int(row[1]), str(row[2]), str(row[3]), str(row[4])) if row else None


def take_lock(store: Store, owner: str, pid: int, host: str, at: str) -> None:
    store.execute(
        "INSERT INTO sync_lock(id, owner, pid, host, acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, "
        "acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at",
        (owner, pid, host, at, at),
    )


#: The office database's session-level advisory lock: only one PC of the office sends.
OFFICE_SYNC_LOCK = "koopbis.sync"


def try_office_lock(store: Store) -> bool:
    """Take the office's sync lock on this connection (True on the single-PC file, which has the row).

    The lock lives as long as the connection: a PC that is switched off or drops off the
    network loses it with its session, and the next PC that tries takes over.
    """
    if store.dialect.name != "postgresql":
        return True
    row = store.query_one("SELECT pg_try_advisory_lock(hashtext(?))", (OFFICE_SYNC_LOCK,))
    return bool(row and row[0])


def release_office_lock(store: Store) -> None:
    if store.dialect.name == "postgresql":
        store.query_one("SELECT pg_advisory_unlock(hashtext(?))", (OFFICE_SYNC_LOCK,))


def beat_lock(store: Store, owner: str, at: str) -> None:
    with store.atomic():
        store.execute("UPDATE sync_lock SET heartbeat_at = ? WHERE owner = ?", (at, owner))


def release_lock(store: Store, owner: str) -> None:
    with store.atomic():
        store.execute("DELETE FROM sync_lock WHERE owner = ?", (owner,))


# -- runs (sync_runs) and marks (sync_meta) ----------------------------------------------------


def start_run(store: Store, started_at: str) -> int:
    with store.atomic():
        row = store.execute(
            "INSERT INTO sync_runs(started_at, status) VALUES (?, 'running') RETURNING id", (started_at,)
        ).fetchone()
        return int(row[0])


def finish_run(store: Store, run_id: int, finished_at: str, status: str, summary: str) -> None:
    with store.atomic():
        store.execute(
            "UPDATE sync_runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
            (finished_at, status, summary, run_id),
        )


def last_run_row(store: Store) -> tuple[Any, ...] | None:
    """id, started at, finished at, status, summary (JSON) of the newest run that finished.

    A run still going (on this PC or another) has no result yet, and one whose PC died in
    the middle never will: neither is "the last sync".
    """
    return store.query_one(
        "SELECT id, started_at, finished_at, status, summary FROM sync_runs "
        "WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1"
    )


def last_run(store: Store) -> dict[str, Any] | None:
    """The newest finished run (:func:`last_run_row`) with its summary read: what the screens show.

    Here, not in ``sync.runs``: the status bar asks for it at every start, before any sync
    runs, and the sync engine's own module then loads only when a run begins.
    """
    row = last_run_row(store)
    if row is None:
        return None
    import json

    return {
        "id": row[0],
        "started_at": row[1],
        "finished_at": row[2],
        "status": row[3],
        "summary": json.loads(row[4]),
    }


def meta(store: Store, key: str) -> str | None:
    row = store.query_one("SELECT value FROM sync_meta WHERE key = ?", (key,))
    return str(row[0]) if row else None


def set_meta(store: Store, key: str, value: str) -> None:
    with store.atomic():
        store.execute(
            "INSERT INTO sync_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


__all__ = [
    "attempt_rows",
    "attempts_of",
    "beat_lock",
    "count_attempt",
    "end_schedule",
    "finish_run",
    "last_run_row",
    "lock_holder",
    "meta",
    "record_registration",
    "registered_id",
    "registration_with_id",
    "registrations",
    "release_lock",
    "release_office_lock",
    "schedule_retry",
    "set_meta",
    "set_schedule",
    "start_run",
    "take_lock",
    "try_office_lock",
    "uncount_attempt",
]
