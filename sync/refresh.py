"""Refreshing the offline snapshot from KOOP-BİS: the province's cooperatives changed since last time.

Clerks validate and compute each entry's ``base`` against the snapshot, so once
KOOP-BİS is online the snapshot should follow it. Only the snapshot tables are
written (``snapshot.upsert_records``); entries and their ``base`` are never
touched — a base is what the clerk saw, and changing it would hide a conflict.
The "since" mark is the server's own clock (from ``/health``) taken *before* the
first page, so a record changed during the refresh is fetched again next time
rather than missed, whatever the local clock says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from koopbis_desktop.services import settings
from koopbis_desktop.store import snapshot, sync_state
from koopbis_desktop.store.db import Store
from sync import client as wire

MARK_KEY = "snapshot_refreshed_at"
PAGE_SIZE = 500


@dataclass(frozen=True)
class RefreshReport:
    ok: bool
    updated: int
    since: str | None
    mark: str | None
    message: str
    # Records left out because they could not be stored as they came: (id, why).
    skipped: tuple[tuple[str, str], ...] = field(default=())


def last_refresh(store: Store) -> str | None:
    return sync_state.meta(store, MARK_KEY)


def refresh_snapshot(
    store: Store, client: wire.KoopbisClient, *, province: str | None = None, full: bool = False
) -> RefreshReport:
    """Fetch records changed since the last refresh (all with ``full``) into the snapshot."""
    province = province or settings.province_code(store)
    since = None if full else last_refresh(store)
    health = client.health()
    if not isinstance(health, wire.Health) or health.status != "ok":
        message = health.message if not isinstance(health, wire.Health) else "KOOP-BİS bakımda."
        return RefreshReport(False, 0, since, None, f"Kooperatif listesi güncellenemedi: {message}")
    mark = health.server_time
    updated = 0
    skipped: list[tuple[str, str]] = []
    cursor: str | None = None
    while True:
        page = client.list_cooperatives(
            province=province, updated_since=since, cursor=cursor, limit=PAGE_SIZE
        )
        if not isinstance(page, wire.Page):
            # Pages written so far stay (each is a consistent set of whole records);
            # the mark does not move, so the next refresh fetches them again.
            return RefreshReport(
                False,
                updated,
                since,
                None,
                f"Kooperatif listesi yarıda kaldı ({updated} kayıt alındı): {page.message}",
                tuple(skipped),
            )
        if page.items:
            updated += snapshot.upsert_records(store, page.items, skipped=skipped)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    if mark:
        sync_state.set_meta(store, MARK_KEY, mark)
    message = f"Kooperatif listesi güncellendi: {updated} kayıt."
    if skipped:
        message += f" {len(skipped)} kayıt bozuk olduğu için alınmadı: " + "; ".join(
            f"{ident} ({why})" for ident, why in skipped[:10]
        )
        if len(skipped) > 10:
            message += f"; ve {len(skipped) - 10} kayıt daha"
        message += "."
    return RefreshReport(True, updated, since, mark, message, tuple(skipped))
