"""Attachments: content-addressed storage, size and type checks by content, audited links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor, IllegalTransition, NotPermitted
from koopbis_desktop.services import attachments, capture
from koopbis_desktop.services.attachments import MAX_BYTES, AttachmentRefused
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import NotFound
from tests.conftest import beside_a_held_change

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 100
JPG = b"\xff\xd8\xff\xe0" + b"\x02" * 100
PDF = b"%PDF-1.7\n" + b"\x03" * 100
VALID_ADMISSION = {
    "member_id": "10000000146",
    "full_name": "Ali Işık",
    "effective_date": "02.03.2015",
    "decision_no": "1",
    "shares": 1,
    "subscribed_amount": "100",
    "paid_amount": "100",
}


@pytest.fixture
def draft(store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]) -> str:
    entry = capture.create_entry(
        store, people["ayse"], "member.admit", "06-900001", {"full_name": "Ali Işık"}, allow_errors=True
    )
    return entry.uuid


def test_same_content_is_stored_once(store: Store, people: dict[str, Actor], tmp_path: Path) -> None:
    first = tmp_path / "karar.png"
    first.write_bytes(PNG)
    second = tmp_path / "baska-ad.jpg"  # the name says JPG, the content is the same PNG
    second.write_bytes(PNG)
    a = attachments.add_file(store, people["ayse"], first)
    b = attachments.add_file(store, people["mehmet"], second)
    assert a == b
    assert a.mime == "image/png" and a.size == len(PNG) and a.filename == "karar.png"
    assert store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1
    assert attachments.get(store, a.sha256).data == PNG


@pytest.mark.parametrize(
    ("data", "mime"), [(PNG, "image/png"), (JPG, "image/jpeg"), (PDF, "application/pdf")]
)
def test_type_comes_from_the_content(store: Store, people: dict[str, Actor], data: bytes, mime: str) -> None:
    assert attachments.add_bytes(store, people["ayse"], data, "belge.bin").mime == mime


def test_wrong_type_empty_and_too_big_are_refused_with_turkish_reasons(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    fake = tmp_path / "dilekce.pdf"
    fake.write_bytes(b"PK\x03\x04 docx inside")
    with pytest.raises(AttachmentRefused) as wrong:
        attachments.add_file(store, people["ayse"], fake)
    assert "yalnızca PDF, JPG ve PNG" in wrong.value.message
    empty = tmp_path / "bos.png"
    empty.write_bytes(b"")
    with pytest.raises(AttachmentRefused, match="boş bir dosya"):
        attachments.add_file(store, people["ayse"], empty)
    huge = tmp_path / "tarama.pdf"
    huge.write_bytes(b"%PDF-" + b"0" * MAX_BYTES)
    with pytest.raises(AttachmentRefused) as big:
        attachments.add_file(store, people["ayse"], huge)
    assert big.value.message.startswith("'tarama.pdf' çok büyük (10,0 MB). En çok 10 MB eklenebilir")
    with pytest.raises(AttachmentRefused, match="okunamadı"):
        attachments.add_file(store, people["ayse"], tmp_path / "yok.pdf")
    at_limit = b"%PDF-" + b"0" * (MAX_BYTES - 5)
    assert attachments.add_bytes(store, people["ayse"], at_limit, "tam.pdf").size == MAX_BYTES
    assert store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1


def test_link_and_unlink_write_audit_rows_and_keep_the_file(
    store: Store, people: dict[str, Actor], draft: str
) -> None:
    clerk = people["ayse"]
    info = attachments.add_bytes(store, clerk, PDF, "tutanak.pdf")
    assert attachments.link(store, clerk, draft, info.sha256) is True
    assert attachments.link(store, clerk, draft, info.sha256) is False  # already linked: no second row
    assert [a.filename for a in attachments.list_for_entry(store, draft)] == ["tutanak.pdf"]
    assert attachments.unlink(store, clerk, draft, info.sha256) is True
    assert attachments.list_for_entry(store, draft) == []
    rows = [r for r in entries.audit_rows(store, draft) if r["action"] in ("attach", "detach")]
    assert [r["action"] for r in rows] == ["attach", "detach"]
    assert store.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1
    assert audit.verify(store.conn).ok


def test_only_the_author_of_an_editable_entry_may_change_its_attachments(
    store: Store, people: dict[str, Actor], draft: str
) -> None:
    info = attachments.add_bytes(store, people["mehmet"], PNG, "karar.png")
    with pytest.raises(NotPermitted):
        attachments.link(store, people["mehmet"], draft, info.sha256)
    capture.edit_entry(store, people["ayse"], draft, VALID_ADMISSION)
    capture.submit_entry(store, people["ayse"], draft)
    with pytest.raises(IllegalTransition):
        attachments.link(store, people["ayse"], draft, info.sha256)
    assert attachments.list_for_entry(store, draft) == []
    assert [r for r in entries.audit_rows(store, draft) if r["action"] == "attach"] == []


def test_sync_links_makes_the_set_exact_in_one_transaction(
    store: Store, people: dict[str, Actor], draft: str
) -> None:
    clerk = people["ayse"]
    a = attachments.add_bytes(store, clerk, PNG, "a.png").sha256
    b = attachments.add_bytes(store, clerk, PDF, "b.pdf").sha256
    attachments.sync_links(store, clerk, draft, [a, b])
    attachments.sync_links(store, clerk, draft, [b])
    assert [x.sha256 for x in attachments.list_for_entry(store, draft)] == [b]
    with pytest.raises(NotFound):  # an unknown hash: nothing changes
        attachments.sync_links(store, clerk, draft, [b, "0" * 64])
    assert [x.sha256 for x in attachments.list_for_entry(store, draft)] == [b]


def test_a_file_attached_while_the_entry_is_submitted_on_another_pc_is_refused(
    store: Store, people: dict[str, Actor], draft: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clerk submits her entry on one PC while attaching a file to it on another: the
    attaching waits for the submit and is refused as for any submitted entry (before, on the
    office database it read the entry as a draft and attached the file after the submit)."""
    capture.edit_entry(store, people["ayse"], draft, VALID_ADMISSION)
    info = attachments.add_bytes(store, people["ayse"], PDF, "karar.pdf")
    submitted, attached = beside_a_held_change(
        store,
        monkeypatch,
        lambda pc: capture.submit_entry(pc, people["ayse"], draft),
        lambda pc: attachments.link(pc, people["ayse"], draft, info.sha256),
    )
    assert not isinstance(submitted, Exception), submitted
    assert isinstance(attached, IllegalTransition), attached
    assert attachments.list_for_entry(store, draft) == []
    assert [r for r in entries.audit_rows(store, draft) if r["action"] == "attach"] == []
    assert audit.verify(store.conn).ok
