"""The audit chain: intact chains verify; edits, deletions and reordering with plain sqlite3 are caught."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import audit
from koopbis_desktop.store.db import Store


def _fill(store: Store, count: int = 6) -> None:
    for i in range(count):
        with store.write() as conn:
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
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.conn.execute("UPDATE audit SET comment = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
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
