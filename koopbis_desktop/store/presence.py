"""Who has which entry open in an editor, on which PC: "düzenleniyor: ayse (PC-3)".

The editor claims its entry when it opens, beats while it stays open and releases it
when it closes; the lists and the entry view show the live claims of other people or
PCs. One claim per entry: while someone's claim is live, another editor's claim does
not take it over and gets the holder back instead (it then shows who is editing). A
claim whose heartbeat is older than :data:`STALE_AFTER_S` is stale (the PC crashed or
lost the network) and is neither shown nor respected.

Timestamps are each PC's clock; the two minutes of grace absorb ordinary clock drift
between the PCs of an office. Works the same on the single-PC file (two programs on
one file) and the office database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.store.clock import now, stamp
from koopbis_desktop.store.db import Store

#: Seconds without a heartbeat after which a claim no longer counts.
STALE_AFTER_S = 120
#: How often an open editor renews its claim (well inside STALE_AFTER_S).
HEARTBEAT_S = 30


def this_host() -> str:
    """This PC's name: the system's host name, what ``socket.gethostname()`` answers.

    On a POSIX system the kernel's node name, which is what ``gethostname`` reads, without
    loading the socket module (≈ 5 ms of every start); on Windows the socket module's answer.
    """
    uname = getattr(os, "uname", None)
    if uname is not None:
        return str(uname().nodename)
    import socket

    return socket.gethostname()


#: This PC's name as the other PCs read it.
THIS_HOST = this_host()

_COLUMNS = "entry_uuid, username, host, since, heartbeat_at"


@dataclass(frozen=True)
class Presence:
    """One live claim: ``username`` edits ``entry_uuid`` on ``host`` since ``since``."""

    entry_uuid: str
    username: str
    host: str
    since: str
    heartbeat_at: str

    def is_of(self, username: str, host: str = THIS_HOST) -> bool:
        """The claim is this person's on this PC (their own editor, never shown to them)."""
        return self.username == username and self.host == host

    @property
    def sentence(self) -> str:
        return tx("düzenleniyor: {user} ({host})").format(user=self.username, host=self.host)


def stale_before(moment: datetime | None = None) -> str:
    """The stamp before which a heartbeat no longer counts (at ``moment``, else now)."""
    return stamp((moment or now()) - timedelta(seconds=STALE_AFTER_S))


def claim(
    store: Store, entry_uuid: str, username: str, host: str = THIS_HOST, *, at: datetime | None = None
) -> Presence:
    """Claim the entry for this editor; returns the live claim, which is someone else's if they hold it."""
    when = stamp(at)
    with store.atomic() as conn:
        conn.execute(
            "INSERT INTO edit_presence(entry_uuid, username, host, since, heartbeat_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(entry_uuid) DO UPDATE SET username = excluded.username, host = excluded.host, "
            "since = CASE WHEN edit_presence.username = excluded.username AND edit_presence.host = excluded.host "
            "THEN edit_presence.since ELSE excluded.since END, heartbeat_at = excluded.heartbeat_at "
            "WHERE edit_presence.heartbeat_at < ? "
            "OR (edit_presence.username = excluded.username AND edit_presence.host = excluded.host)",
            (entry_uuid, username, host, when, when, stale_before(at)),
        )
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM edit_presence WHERE entry_uuid = ?", (entry_uuid,)
        ).fetchone()
    return Presence(*row)


def heartbeat(
    store: Store, entry_uuid: str, username: str, host: str = THIS_HOST, *, at: datetime | None = None
) -> Presence:
    """Renew this editor's claim (claiming again if it lapsed); returns the live claim as :func:`claim`."""
    return claim(store, entry_uuid, username, host, at=at)


def release(store: Store, entry_uuid: str, username: str, host: str = THIS_HOST) -> None:
    """The editor closed: drop its claim (someone else's claim on the entry stays)."""
    store.execute(
        "DELETE FROM edit_presence WHERE entry_uuid = ? AND username = ? AND host = ?",
        (entry_uuid, username, host),
    )


def live(store: Store, *, at: datetime | None = None) -> dict[str, Presence]:
    """Every live claim, by entry uuid."""
    rows = store.query(
        f"SELECT {_COLUMNS} FROM edit_presence WHERE heartbeat_at >= ? ORDER BY entry_uuid",
        (stale_before(at),),
    )
    return {row[0]: Presence(*row) for row in rows}


def of_entry(store: Store, entry_uuid: str, *, at: datetime | None = None) -> Presence | None:
    """The live claim on one entry, if any."""
    row = store.query_one(
        f"SELECT {_COLUMNS} FROM edit_presence WHERE entry_uuid = ? AND heartbeat_at >= ?",
        (entry_uuid, stale_before(at)),
    )
    return Presence(*row) if row else None


def others(presences: dict[str, Presence], username: str, host: str = THIS_HOST) -> dict[str, Presence]:
    """The claims a person should be shown: everyone's but their own editor's on this PC."""
    return {uuid: p for uuid, p in presences.items() if not p.is_of(username, host)}


__all__ = [
    "HEARTBEAT_S",
    "STALE_AFTER_S",
    "THIS_HOST",
    "Presence",
    "claim",
    "heartbeat",
    "live",
    "of_entry",
    "others",
    "release",
    "stale_before",
]
