"""Attaching scans of decisions and minutes to entries: size and type checks, audited links.

A file's type is decided by its first bytes, not by its name: a renamed Word
document is refused however it is called. Linking and unlinking are moves the
supervisor must be able to trace, so each writes its audit row in the same
transaction as the link itself.
"""

from __future__ import annotations

from pathlib import Path

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Action, Actor, DomainError, check_move
from koopbis_desktop.store import attachments, audit, entries
from koopbis_desktop.store.acting import require_active
from koopbis_desktop.store.attachments import AttachmentInfo
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.engine import Connection
from koopbis_desktop.store.errors import NotFound

MAX_BYTES = 10 * 1024 * 1024

# Magic bytes → MIME type; the only kinds a directorate scans its papers into.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


class AttachmentRefused(DomainError):
    """A file that cannot be attached; the message says why and what to do."""


def sniff_mime(data: bytes) -> str | None:
    for magic, mime in _SIGNATURES:
        if data.startswith(magic):
            return mime
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def check_file(data: bytes, filename: str) -> str:
    """Return the file's MIME type, or raise :class:`AttachmentRefused` with a Turkish reason."""
    if not data:
        raise AttachmentRefused(
            tx("'{filename}' boş bir dosya; taranmış belgeyi yeniden kaydedip ekleyin.").format(
                filename=filename
            )
        )
    if len(data) > MAX_BYTES:
        raise AttachmentRefused(
            tx(
                "'{filename}' çok büyük ({v} MB). En çok {v2} MB eklenebilir; belgeyi daha düşük çözünürlükte ya da siyah-beyaz tarayın."
            ).format(filename=filename, v=_megabytes(len(data)), v2=MAX_BYTES // (1024 * 1024))
        )
    mime = sniff_mime(data)
    if mime is None:
        raise AttachmentRefused(
            tx(
                "'{filename}' eklenemez: yalnızca PDF, JPG ve PNG biçimindeki taranmış belgeler eklenebilir (dosyanın içeriği bu türlerden biri değil)."
            ).format(filename=filename)
        )
    return mime


def add_bytes(store: Store, actor: Actor, data: bytes, filename: str) -> AttachmentInfo:
    """Check and store a file (once per content); it is linked to an entry separately."""
    mime = check_file(data, filename)
    return attachments.add(store, data, filename=filename, mime=mime, created_by=actor.username)


def add_file(store: Store, actor: Actor, path: Path) -> AttachmentInfo:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            # Refuse before reading a huge file into memory.
            raise AttachmentRefused(
                tx(
                    "'{name}' çok büyük ({v} MB). En çok {v2} MB eklenebilir; belgeyi daha düşük çözünürlükte ya da siyah-beyaz tarayın."
                ).format(name=path.name, v=_megabytes(size), v2=MAX_BYTES // (1024 * 1024))
            )
        data = path.read_bytes()
    except OSError as exc:
        raise AttachmentRefused(
            tx("'{name}' okunamadı: dosyanın yerini ve erişim iznini kontrol edin.").format(name=path.name)
        ) from exc
    return add_bytes(store, actor, data, path.name)


def _check_editable(conn: Connection, store: Store, actor: Actor, entry_uuid: str) -> None:
    # The entry's row first (office database): a submit or an approval on another PC
    # meanwhile is waited for, and the entry is then checked in the state it left.
    require_active(conn, actor)
    entries.locked_state(conn, entry_uuid)
    found = entries.state_and_author(store, entry_uuid)
    if found is None:
        raise NotFound(tx("Kayıt bulunamadı: {entry_uuid}").format(entry_uuid=entry_uuid))
    check_move(Action.EDIT, found[0], actor, found[1])


def link(store: Store, actor: Actor, entry_uuid: str, sha256: str) -> bool:
    """Attach a stored file to an editable entry, with its audit row; False if already attached."""
    with store.atomic() as conn:
        _check_editable(conn, store, actor, entry_uuid)
        stored = attachments.info(store, sha256)
        if not attachments.link(store, entry_uuid, sha256):
            return False
        audit.append(
            conn,
            actor=actor.username,
            action="attach",
            entry_uuid=entry_uuid,
            details={"sha256": sha256, "filename": stored.filename, "size": stored.size},
        )
    return True


def unlink(store: Store, actor: Actor, entry_uuid: str, sha256: str) -> bool:
    """Detach a file from an editable entry, with its audit row; the stored file is kept."""
    with store.atomic() as conn:
        _check_editable(conn, store, actor, entry_uuid)
        stored = attachments.info(store, sha256)
        if not attachments.unlink(store, entry_uuid, sha256):
            return False
        audit.append(
            conn,
            actor=actor.username,
            action="detach",
            entry_uuid=entry_uuid,
            details={"sha256": sha256, "filename": stored.filename},
        )
    return True


def sync_links(store: Store, actor: Actor, entry_uuid: str, wanted: list[str]) -> None:
    """Make the entry's attachments exactly ``wanted`` (one transaction; audited per change)."""
    with store.atomic():
        current = {a.sha256 for a in attachments.list_for_entry(store, entry_uuid)}
        for sha in wanted:
            if sha not in current:
                link(store, actor, entry_uuid, sha)
        for sha in current - set(wanted):
            unlink(store, actor, entry_uuid, sha)


list_for_entry = attachments.list_for_entry
get = attachments.get
