"""Scanned documents (decisions, minutes) stored in the database, content-addressed by SHA-256.

The same file attached twice, to one entry or to many, is stored once: its hash
is the key. Links between entries and files are separate rows, so unlinking a
file from one entry never removes it from another (nor from an entry's history).
Checks on size and type live in ``services.attachments``; this module only stores.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import NotFound


@dataclass(frozen=True)
class AttachmentInfo:
    sha256: str
    filename: str
    mime: str
    size: int
    created_at: str
    created_by: str


@dataclass(frozen=True)
class Attachment:
    info: AttachmentInfo
    data: bytes


_INFO_COLUMNS = "sha256, filename, mime, size, created_at, created_by"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def add(store: Store, data: bytes, *, filename: str, mime: str, created_by: str) -> AttachmentInfo:
    """Store ``data`` unless a file with the same content is already stored; return its info."""
    key = digest(data)
    with store.atomic() as conn:
        conn.execute(
            "INSERT INTO attachments(sha256, filename, mime, size, data, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
            (key, filename, mime, len(data), data, stamp(), created_by),
        )
    return info(store, key)


def info(store: Store, sha256: str) -> AttachmentInfo:
    row = store.execute(f"SELECT {_INFO_COLUMNS} FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        raise NotFound(tx("Ek bulunamadı: {v}…").format(v=sha256[:12]))
    return AttachmentInfo(row[0], row[1], row[2], int(row[3]), row[4], row[5])


def get(store: Store, sha256: str) -> Attachment:
    row = store.execute("SELECT data FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        raise NotFound(tx("Ek bulunamadı: {v}…").format(v=sha256[:12]))
    return Attachment(info(store, sha256), bytes(row[0]))


def list_for_entry(store: Store, entry_uuid: str) -> list[AttachmentInfo]:
    rows = store.execute(
        f"SELECT {', '.join('a.' + c.strip() for c in _INFO_COLUMNS.split(','))} "
        "FROM entry_attachments e JOIN attachments a ON a.sha256 = e.sha256 "
        "WHERE e.entry_uuid = ? ORDER BY a.created_at, a.filename",
        (entry_uuid,),
    ).fetchall()
    return [AttachmentInfo(r[0], r[1], r[2], int(r[3]), r[4], r[5]) for r in rows]


def link(store: Store, entry_uuid: str, sha256: str) -> bool:
    """Link a stored file to an entry; False when it was linked already."""
    with store.atomic() as conn:
        cursor = conn.execute(
            "INSERT INTO entry_attachments(entry_uuid, sha256) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (entry_uuid, sha256),
        )
        return cursor.rowcount > 0


def unlink(store: Store, entry_uuid: str, sha256: str) -> bool:
    """Remove the link (the stored file stays); False when there was none."""
    with store.atomic() as conn:
        cursor = conn.execute(
            "DELETE FROM entry_attachments WHERE entry_uuid = ? AND sha256 = ?", (entry_uuid, sha256)
        )
        return cursor.rowcount > 0


def hashes_for_entry(store: Store, entry_uuid: str) -> list[str]:
    """The hashes of the files attached to an entry, sorted (the order sent to KOOP-BİS)."""
    rows = store.query(
        "SELECT sha256 FROM entry_attachments WHERE entry_uuid = ? ORDER BY sha256", (entry_uuid,)
    )
    return [str(r[0]) for r in rows]


def data_of(store: Store, sha256: str) -> bytes | None:
    row = store.query_one("SELECT data FROM attachments WHERE sha256 = ?", (sha256,))
    return bytes(row[0]) if row else None
