"""Each sync sends the office's audit chain head; KOOP-BİS keeps it, and it anchors ``audit verify``."""

from __future__ import annotations

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import audit
from koopbis_desktop.store.db import Store
from tests.sync.conftest import LiveServer, approved_update, seed_snapshot, sync_now


def test_the_head_sent_with_a_sync_is_a_row_of_the_chain(
    store: Store, people: dict[str, Actor], server: LiveServer
) -> None:
    recs = seed_snapshot(store, 3)
    approved_update(store, people, recs[0]["id"], title="Çapa Konut Yapı Kooperatifi")
    sync_now(store, server)
    kept = server.app.state.store.audit_head("06")
    assert kept is not None
    seq, digest = kept.split(":")
    assert store.query_one("SELECT seq FROM audit WHERE hash = ?", (digest,)) == (int(seq),)
    assert audit.verify(store.conn, anchor=kept).ok
    assert not audit.verify(store.conn, anchor=f"{seq}:{'0' * 64}").ok
