"""The audit chain vouches for the entries and accounts it led to, and a head kept outside anchors it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture, review
from koopbis_desktop.store import audit, entries, migrations
from koopbis_desktop.store.db import Store, open_store
from koopbis_desktop.store.entries import Entry
from tests.conftest import beside_a_held_change, member_admission


def _tamper(path: Path, *statements: str, params: tuple[Any, ...] = ()) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for sql in statements:
        conn.execute(sql, params if "?" in sql else ())
    conn.commit()
    conn.close()


def _submitted(store: Store, people: dict[str, Actor], coop: str, seed: int = 1) -> Entry:
    entry = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(seed))
    return capture.submit_entry(store, people["ayse"], entry.uuid)


def _verify(path: Path, anchor: str | None = None) -> audit.VerifyResult:
    conn = sqlite3.connect(path)
    try:
        return audit.verify(conn, anchor=anchor)
    finally:
        conn.close()


@pytest.fixture
def coop(cooperatives: list[dict[str, Any]]) -> str:
    return str(cooperatives[0]["id"])


def test_an_untouched_database_verifies(store: Store, people: dict[str, Actor], coop: str) -> None:
    entry = _submitted(store, people, coop)
    review.approve_entry(store, people["sef"], entry.uuid, None)
    result = audit.verify(store.conn)
    assert result.ok, result.message
    row = store.query_one(
        "SELECT state FROM audit WHERE entry_uuid = ? ORDER BY seq DESC LIMIT 1", (entry.uuid,)
    )
    assert row is not None and json.loads(row[0])["approver"] == "sef"


@pytest.mark.sqlite_only
def test_a_forged_approval_is_caught_and_named(store: Store, people: dict[str, Actor], coop: str) -> None:
    entry = _submitted(store, people, coop)
    store.checkpoint()
    _tamper(
        store.path, f"UPDATE entries SET state = 'approved', approver = 'sef' WHERE uuid = '{entry.uuid}'"
    )
    result = _verify(store.path)
    assert not result.ok
    assert entry.uuid in result.reason and "onaylayanı" in result.reason and "durumu" in result.reason


@pytest.mark.sqlite_only
def test_a_changed_payload_is_caught(store: Store, people: dict[str, Actor], coop: str) -> None:
    entry = _submitted(store, people, coop)
    store.checkpoint()
    payload = json.dumps({**entry.payload, "shares": 4000}, ensure_ascii=False)
    _tamper(store.path, "UPDATE entries SET payload = ? WHERE uuid = ?", params=(payload, entry.uuid))
    result = _verify(store.path)
    assert not result.ok and entry.uuid in result.reason and "kayıt verisi" in result.reason


@pytest.mark.sqlite_only
def test_a_promoted_clerk_is_caught(store: Store, people: dict[str, Actor]) -> None:
    store.checkpoint()
    _tamper(store.path, "UPDATE users SET role = 'supervisor' WHERE username = 'ayse'")
    result = _verify(store.path)
    assert (
        not result.ok
        and "ayse" in result.reason
        and "rolü" in result.reason
        and "supervisor" in result.reason
    )


@pytest.mark.sqlite_only
def test_the_tail_cut_with_the_head_rewritten_is_caught(
    store: Store, people: dict[str, Actor], coop: str
) -> None:
    entry = _submitted(store, people, coop)
    review.approve_entry(store, people["sef"], entry.uuid, None)
    seq, _digest = audit.head(store.conn)
    store.checkpoint()
    keep = store.query_one("SELECT hash FROM audit WHERE seq = ?", (seq - 1,))
    assert keep is not None
    _tamper(
        store.path,
        f"DELETE FROM audit WHERE seq = {seq}",
        f"UPDATE settings SET value = '{seq - 1}:{keep[0]}' WHERE key = 'audit_head'",
    )
    result = _verify(store.path)
    assert not result.ok and entry.uuid in result.reason


@pytest.mark.sqlite_only
def test_an_emptied_chain_beside_entries_is_broken(store: Store, people: dict[str, Actor], coop: str) -> None:
    _submitted(store, people, coop)
    store.checkpoint()
    _tamper(store.path, "DELETE FROM audit", "DELETE FROM settings WHERE key = 'audit_head'")
    result = _verify(store.path)
    assert not result.ok and result.rows == 0 and "hiç satırı yok" in result.reason


@pytest.mark.sqlite_only
def test_a_recomputed_chain_fails_its_printed_anchor(
    store: Store, people: dict[str, Actor], coop: str
) -> None:
    entry = _submitted(store, people, coop)
    printed = "{}:{}".format(*audit.head(store.conn))
    assert audit.verify(store.conn, anchor=printed).ok
    store.checkpoint()
    store.close()
    # Rewrite one comment and recompute every hash after it, head included: intact inside.
    conn = sqlite3.connect(store.path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET comment = 'sonradan' WHERE seq = 1")
    prev = audit.GENESIS
    rows = conn.execute(
        "SELECT seq, at, actor, action, entry_uuid, from_state, to_state, comment, details, state FROM audit ORDER BY seq"
    ).fetchall()
    for row in rows:
        digest = audit.row_hash(prev, audit.canonical(*row))
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, row[0]))
        prev = digest
    conn.execute("UPDATE settings SET value = ? WHERE key = 'audit_head'", (f"{len(rows)}:{prev}",))
    conn.commit()
    conn.close()
    assert _verify(store.path).ok
    result = _verify(store.path, anchor=printed)
    assert not result.ok and "zincir başı" in result.reason
    assert main(["--db", str(store.path), "audit", "verify", "--anchor", printed]) == 1
    assert main(["--db", str(store.path), "audit", "verify"]) == 0
    assert entry.uuid


def _old_database(path: Path) -> None:
    """A database as the previous version wrote it: schema 5, rows without states."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for step in migrations.MIGRATIONS[:5]:
        step(conn)
    conn.execute("PRAGMA user_version = 5")
    conn.execute("INSERT INTO settings(key, value) VALUES ('province_code', '06')")
    when = "2015-03-02T09:00:00+00:00"
    for name, role in (("admin", "admin"), ("ayse", "clerk")):
        conn.execute(
            "INSERT INTO users(username, full_name, role, password_hash, created_at, password_changed_at) "
            "VALUES (?, ?, ?, 'x', ?, ?)",
            (name, name, role, when, when),
        )
    payload = json.dumps(member_admission(3), ensure_ascii=False)
    conn.execute(
        "INSERT INTO entries(uuid, type, cooperative_id, state, author, revision, payload, created_at, updated_at) "
        "VALUES ('u-1', 'member.admit', '06-000001', 'submitted', 'ayse', 1, ?, ?, ?)",
        (payload, when, when),
    )
    prev, seq = audit.GENESIS, 0
    for actor, action, entry, details in (
        ("system", "user_add", None, {"username": "admin", "role": "admin"}),
        ("admin", "user_add", None, {"username": "ayse", "role": "clerk"}),
        ("ayse", "create", "u-1", {}),
        ("ayse", "submit", "u-1", {}),
    ):
        seq += 1
        details_json = json.dumps(details, sort_keys=True, ensure_ascii=False)
        digest = audit.row_hash(
            prev, audit.canonical(seq, when, actor, action, entry, None, None, None, details_json)
        )
        conn.execute(
            "INSERT INTO audit(seq, at, actor, action, entry_uuid, from_state, to_state, comment, details, "
            "prev_hash, hash) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?, ?)",
            (seq, when, actor, action, entry, details_json, prev, digest),
        )
        prev = digest
    conn.execute("INSERT INTO settings(key, value) VALUES ('audit_head', ?)", (f"{seq}:{prev}",))
    conn.execute("COMMIT")
    conn.close()


def test_an_old_database_is_anchored_by_the_migration_and_then_vouched_for(tmp_path: Path) -> None:
    path = tmp_path / "eski.sqlite"
    _old_database(path)
    old_head = _verify_old_head(path)
    store = open_store(path)
    try:
        result = audit.verify(store.conn, anchor=old_head)
        assert result.ok, result.message
        anchors = store.query("SELECT action FROM audit WHERE action LIKE '%state_anchor' ORDER BY seq")
        assert anchors == [("state_anchor",), ("user_state_anchor",), ("user_state_anchor",)]
        store.checkpoint()
    finally:
        store.close()
    _tamper(path, "UPDATE entries SET approver = 'admin', state = 'approved' WHERE uuid = 'u-1'")
    result = _verify(path)
    assert not result.ok and "u-1" in result.reason


def _verify_old_head(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'audit_head'").fetchone()
        rows = conn.execute("SELECT hash FROM audit ORDER BY seq").fetchall()
    finally:
        conn.close()
    assert row is not None and rows[-1][0] == str(row[0]).partition(":")[2]
    assert hashlib.sha256(b"").hexdigest() != rows[-1][0]
    return str(row[0])


def test_every_state_move_is_vouched(store: Store, people: dict[str, Actor], coop: str) -> None:
    entry = _submitted(store, people, coop)
    review.return_entry(store, people["sef"], entry.uuid, "Karar no eksik")
    capture.edit_entry(store, people["ayse"], entry.uuid, member_admission(1, decision_no="2015/99"))
    capture.withdraw_entry(store, people["ayse"], entry.uuid, None)
    assert audit.verify(store.conn).ok
    got = store.query_one("SELECT state FROM entries WHERE uuid = ?", (entry.uuid,))
    assert got == (State.WITHDRAWN.value,)


def test_a_row_written_beside_another_pcs_move_vouches_for_the_state_that_move_left(
    store: Store, people: dict[str, Actor], coop: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A supervisor approves an entry on one PC; another PC appends an audit row about the
    same entry without touching it (as a note would) at the same moment. The row comes
    after the approval's in the chain, so it vouches for "approved": the state is read in
    the chain's turn, not before it (read before, it vouched for "submitted" after the
    approval's row, and the trail read as tampered with)."""
    entry = _submitted(store, people, coop)

    def note(pc: Store) -> None:
        with pc.atomic() as conn:
            audit.append(conn, actor="sef2", action="note", entry_uuid=entry.uuid, comment="bakıldı")

    approved, noted = beside_a_held_change(
        store, monkeypatch, lambda pc: review.approve_entry(pc, people["sef"], entry.uuid, None), note
    )
    assert not isinstance(approved, Exception) and not isinstance(noted, Exception), (approved, noted)
    actions = [r["action"] for r in entries.audit_rows(store)][-2:]
    assert actions == ["approve", "note"]
    result = audit.verify(store.conn)
    assert result.ok, result.message
