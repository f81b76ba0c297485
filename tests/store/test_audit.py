"""The audit chain: intact chains verify; edits, deletions and reordering with plain sqlite3 are caught."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import audit
from koopbis_desktop.store.db import Store
from tests.conftest import REFUSED_BY_DB


def _fill(store: Store, count: int = 6) -> None:
    for i in range(count):
        with store.atomic() as conn:
            audit.append(conn, actor="ayse", action="test", entry_uuid=f"e{i}", comment=f"satır {i}")


def _tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def test_intact_chain_verifies(store: Store, people: dict[str, Actor]) -> None:
    _fill(store)
    result = audit.verify(store.conn)
    assert result.ok, result.message
    # people fixture wrote user_add and login rows before ours
    assert result.rows == store.conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    assert result.head_hash == audit.head(store.conn)[1]


def test_append_outside_transaction_is_refused(store: Store) -> None:
    with pytest.raises(RuntimeError):
        audit.append(store.conn, actor="x", action="y")


def test_triggers_refuse_update_and_delete(store: Store) -> None:
    _fill(store, 2)
    with pytest.raises(REFUSED_BY_DB, match="append-only"):
        store.conn.execute("UPDATE audit SET comment = 'x' WHERE seq = 1")
    with pytest.raises(REFUSED_BY_DB, match="append-only"):
        store.conn.execute("DELETE FROM audit WHERE seq = 1")


@pytest.mark.parametrize(
    ("statements", "bad_seq"),
    [
        (["UPDATE audit SET comment = 'değiştirildi' WHERE seq = 3"], 3),
        (["UPDATE audit SET actor = 'mehmet' WHERE seq = 2"], 2),
        (["UPDATE audit SET to_state = 'approved' WHERE seq = 5"], 5),
        (["DELETE FROM audit WHERE seq = 4"], 4),
        (["DELETE FROM audit WHERE seq = 6"], 6),
        # swap two rows' positions: contents move, sequence numbers stay
        (
            [
                "UPDATE audit SET seq = -2 WHERE seq = 2",
                "UPDATE audit SET seq = 2 WHERE seq = 3",
                "UPDATE audit SET seq = 3 WHERE seq = -2",
            ],
            2,
        ),
    ],
    ids=["edit-comment", "edit-actor", "edit-state", "delete-middle", "delete-last", "reorder"],
)
@pytest.mark.sqlite_only
def test_tampering_is_detected(
    store: Store, statements: list[str], bad_seq: int, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(store, 6)
    assert main(["--db", str(store.path), "audit", "verify"]) == 0
    store.close()
    _tamper(store.path, *statements)
    code = main(["--db", str(store.path), "audit", "verify"])
    out = capsys.readouterr().out
    assert code == 1
    assert "BOZULMUŞ" in out
    assert f"{bad_seq}. kayıt" in out


@pytest.mark.sqlite_only
def test_recomputed_hash_still_breaks_the_next_link(store: Store) -> None:
    """A forger who fixes the edited row's own hash still breaks the following row."""
    _fill(store, 4)
    row = store.conn.execute(
        "SELECT seq, at, actor, action, entry_uuid, from_state, to_state, comment, details, prev_hash FROM audit WHERE seq = 2"
    ).fetchone()
    forged = audit.row_hash(
        row[9],
        audit.canonical(row[0], row[1], row[2], row[3], row[4], row[5], row[6], "sahte", row[8]),
    )
    store.close()
    _tamper(store.path, f"UPDATE audit SET comment = 'sahte', hash = '{forged}' WHERE seq = 2")
    conn = sqlite3.connect(store.path)
    result = audit.verify(conn)
    conn.close()
    assert not result.ok
    assert result.bad_seq == 3


def _chain(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute(
        "SELECT seq, at, actor, action, entry_uuid, from_state, to_state, comment, details, prev_hash, hash "
        "FROM audit ORDER BY seq"
    ).fetchall()


def test_bulk_append_writes_the_chain_row_by_row_appends_write(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from koopbis_desktop.store.db import open_store

    start = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    shared = {"type": "member.admit", "cooperative": "06-900001", "revision": 1}
    records = [
        audit.Record(actor="admin", action="user_add", details={"user": "ayşe", "role": "clerk"}, at=start),
        *(
            audit.Record(
                actor="ayşe",
                action="create",
                entry_uuid=f"uuid-{i}",
                to_state="draft",
                details=shared,  # one dict for many rows, as the member importer passes it
                at=start + timedelta(milliseconds=i),
            )
            for i in range(1, 300)
        ),
        audit.Record(
            actor="mehmet",
            action="approve",
            entry_uuid="uuid-7",
            from_state="submitted",
            to_state="approved",
            comment='"tırnaklı" açıklama\nikinci satır',
            details={"z": [1, 2.5, None], "a": {"iç": True}},
            at=start + timedelta(seconds=1),
        ),
        audit.Record(actor="sistem", action="empty", at=start + timedelta(seconds=2)),
    ]
    one_by_one = open_store(tmp_path / "one.sqlite", create=True)
    bulk = open_store(tmp_path / "bulk.sqlite", create=True)
    try:
        with one_by_one.atomic() as conn:
            audit.append(conn, actor="admin", action="setup", at=start - timedelta(days=1))
        with bulk.atomic() as conn:
            audit.append(conn, actor="admin", action="setup", at=start - timedelta(days=1))
        expected: list[str] = []
        with one_by_one.atomic() as conn:
            for record in records:
                expected.append(
                    audit.append(
                        conn,
                        actor=record.actor,
                        action=record.action,
                        entry_uuid=record.entry_uuid,
                        from_state=record.from_state,
                        to_state=record.to_state,
                        comment=record.comment,
                        details=record.details,
                        at=record.at,
                    )
                )
        with bulk.atomic() as conn:
            first = audit.append_many(conn, records[:100])
            # An iterator works too; the chain goes on from the first batch's last row.
            rest = audit.append_many(conn, iter(records[100:]))
        assert first + rest == expected
        assert _chain(bulk.conn) == _chain(one_by_one.conn)
        assert audit.head(bulk.conn) == audit.head(one_by_one.conn) == (len(records) + 1, expected[-1])
        head_setting = "SELECT value FROM settings WHERE key = 'audit_head'"
        assert bulk.conn.execute(head_setting).fetchone() == one_by_one.conn.execute(head_setting).fetchone()
        result = audit.verify(bulk.conn)
        assert result.ok and result.rows == len(records) + 1, result.message
        with bulk.atomic() as conn:
            assert audit.append_many(conn, []) == []
        assert audit.verify(bulk.conn).ok
    finally:
        one_by_one.close()
        bulk.close()


def test_bulk_append_outside_transaction_is_refused(store: Store) -> None:
    with pytest.raises(RuntimeError):
        audit.append_many(store.conn, [audit.Record(actor="x", action="y")])


def test_bulk_append_without_times_shares_one_stamp_and_verifies(store: Store) -> None:
    with store.atomic() as conn:
        audit.append_many(
            conn, (audit.Record(actor="ayse", action="t", entry_uuid=f"e{i}") for i in range(5))
        )
    rows = _chain(store.conn)[-5:]
    assert len({row[1] for row in rows}) == 1
    assert audit.verify(store.conn).ok
