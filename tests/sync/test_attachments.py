"""Attachments go to KOOP-BİS by hash before the change: once each, never twice on a resend; a missing one is a 422."""

from __future__ import annotations

import hashlib
import random
from typing import Any

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store
from sync import client as wire
from sync.client import ClientConfig, KoopbisClient
from sync.executor import Executor
from tests.sync.conftest import (
    SERVER_PASSWORD,
    SERVER_USER,
    LiveServer,
    admission,
    approved,
    approved_admission,
    day,
    fast_executor,
    seed_snapshot,
)


class CountingClient(KoopbisClient):
    """The real client, counting the attachment calls it makes."""

    def __init__(self, server: LiveServer) -> None:
        super().__init__(
            ClientConfig(base_url=server.url, username=SERVER_USER, password=lambda: SERVER_PASSWORD)
        )
        self.heads: list[str] = []
        self.puts: list[str] = []

    def has_attachment(
        self, sha256: str
    ) -> bool | wire.RetryLater | wire.Unreachable | wire.BadAnswer | wire.AuthFailed:
        self.heads.append(sha256)
        return super().has_attachment(sha256)

    def put_attachment(self, sha256: str, data: bytes) -> Any:
        self.puts.append(sha256)
        return super().put_attachment(sha256, data)


class ForgetfulServerClient(CountingClient):
    """As if KOOP-BİS answered HEAD "present" and then lost the file: the change names a hash it lacks."""

    def has_attachment(
        self, sha256: str
    ) -> bool | wire.RetryLater | wire.Unreachable | wire.BadAnswer | wire.AuthFailed:
        self.heads.append(sha256)
        return True


def attach(store: Store, entry_uuid: str, data: bytes, filename: str) -> str:
    # The tables of migration 1, written directly: the engine reads nothing else.
    sha = hashlib.sha256(data).hexdigest()
    with store.atomic() as conn:
        conn.execute(
            "INSERT INTO attachments(sha256, filename, mime, size, data, created_at, created_by) "
            "VALUES (?, ?, 'application/pdf', ?, ?, ?, 'ayse') ON CONFLICT DO NOTHING",
            (sha, filename, len(data), data, stamp()),
        )
        conn.execute("INSERT INTO entry_attachments(entry_uuid, sha256) VALUES (?, ?)", (entry_uuid, sha))
    return sha


def server_has(server: LiveServer, sha: str) -> bool:
    answer = server.client().head(f"/api/v1/attachments/{sha}")
    return bool(answer.status_code == 200)


def test_each_attachment_is_uploaded_once_and_a_resend_uploads_nothing(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    rng = random.Random(11)
    clerk, sef = people["ayse"], people["sef"]
    made = [
        approved(store, clerk, sef, "member.admit", rec["id"], admission(rng, day(1), n))
        for n, rec in enumerate(recs[:3])
    ]
    decision = b"%PDF-1.4 yonetim kurulu karari 2015/14"
    shared = attach(store, made[0].uuid, decision, "karar.pdf")
    assert attach(store, made[1].uuid, decision, "karar.pdf") == shared  # same file, two entries
    own = attach(store, made[2].uuid, b"%PDF-1.4 dilekce", "dilekce.pdf")
    assert not server_has(server, shared) and not server_has(server, own)

    client = CountingClient(server)
    result = Executor(store, client, config=fast_executor()).run()
    assert result.applied == 3
    assert sorted(client.puts) == sorted([shared, own])  # the shared file went up once
    assert server_has(server, shared) and server_has(server, own)
    assert all(entries.get_entry(store, e.uuid).state == State.SYNCED for e in made)

    # The answer of the second entry was lost: it is sent again, the file is not.
    receipt = entries.get_entry(store, made[1].uuid).receipt
    store.conn.execute("UPDATE entries SET state = 'sending' WHERE uuid = ?", (made[1].uuid,))
    again_client = CountingClient(server)
    again = Executor(store, again_client, config=fast_executor()).run()
    assert again.applied == 1 and again.replayed == 1
    assert again_client.heads == [shared] and again_client.puts == []
    assert entries.get_entry(store, made[1].uuid).receipt == receipt


def test_an_attachment_missing_on_the_server_is_rejected_with_the_field(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 20)
    entry = approved_admission(store, people, recs[0]["id"], 12)
    sha = attach(store, entry.uuid, b"%PDF-1.4 kaybolan dosya", "kayip.pdf")
    client = ForgetfulServerClient(server)
    result = Executor(store, client, config=fast_executor()).run()
    assert result.rejected == 1 and result.applied == 0
    assert client.puts == []
    got = entries.get_entry(store, entry.uuid)
    assert got.state == State.RETURNED  # issue 12: a refusal goes back to the clerk
    assert got.outcome is not None and got.outcome["kind"] == "invalid"
    assert [e["field"] for e in got.outcome["errors"]] == ["attachments[0]"]
    assert got.outcome["errors"][0]["message"]
    assert not server_has(server, sha)
    assert server.admin().get("/api/v1/admin/changes").json()["items"] == []
