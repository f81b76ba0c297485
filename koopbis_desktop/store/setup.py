"""The settings that mark a database as set up for one province (``koopbis init``, first-run wizard)."""

from __future__ import annotations

from koopbis_desktop.store.engine import Connection


def claim_province(conn: Connection, province_code: str) -> None:
    """Record the province inside the caller's transaction; a province already recorded stays."""
    conn.execute(
        "INSERT INTO settings(key, value) VALUES ('province_code', ?) ON CONFLICT(key) DO NOTHING",
        (province_code,),
    )


def set_go_live(conn: Connection, iso_date: str) -> None:
    """Record KOOP-BİS's go-live date inside the caller's transaction (replacing an earlier one)."""
    conn.execute(
        "INSERT INTO settings(key, value) VALUES ('go_live', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (iso_date,),
    )
