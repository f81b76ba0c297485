"""The demo database that ``make run`` opens: province, accounts, snapshot and entries in several states."""

from __future__ import annotations

from pathlib import Path

from koopbis_desktop import demo
from koopbis_desktop.services import accounts
from koopbis_desktop.store import audit
from koopbis_desktop.store.db import file_kind, open_store


def test_demo_database_has_accounts_snapshot_and_entries(tmp_path: Path) -> None:
    path = demo.create_demo_database(tmp_path / "demo" / "koopbis.sqlite")
    assert file_kind(path) == "encrypted"  # from the first byte, like a real first run
    store = demo.open_demo(path)
    try:
        assert store.setting("province_code") == "06"
        assert store.conn.execute("SELECT COUNT(*) FROM cooperatives").fetchone()[0] == 500
        roles = dict(store.conn.execute("SELECT username, role FROM users").fetchall())
        assert roles == {"admin": "admin", "memur": "clerk", "sef": "supervisor"}
        for username, _role, password, _name in demo.DEMO_ACCOUNTS:
            assert accounts.login(store, username, password).username == username
        states = dict(store.conn.execute("SELECT state, COUNT(*) FROM entries GROUP BY state").fetchall())
        assert states == {"draft": 1, "submitted": 2, "returned": 1, "approved": 2, "withdrawn": 1}
        comment = store.conn.execute("SELECT comment FROM entries WHERE state = 'returned'").fetchone()[0]
        assert "Karar numarası" in comment
        assert audit.verify(store.conn).ok
    finally:
        store.close()


def test_second_run_keeps_the_demo_database_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "koopbis.sqlite"
    demo.create_demo_database(path, cooperatives=20)
    store = demo.open_demo(path)
    store.conn.execute("UPDATE users SET full_name = 'değişti' WHERE username = 'memur'")
    store.close()
    demo.create_demo_database(path, cooperatives=20)
    store = demo.open_demo(path)
    try:
        assert store.conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 7
        assert (
            store.conn.execute("SELECT full_name FROM users WHERE username = 'memur'").fetchone()[0]
            == "değişti"
        )
    finally:
        store.close()


def test_demo_path_is_in_the_user_data_folder() -> None:
    path = demo.demo_database_path()
    assert path.name == "koopbis.sqlite"
    assert path.parent.name == "demo"


def test_interrupted_demo_is_rebuilt(tmp_path: Path) -> None:
    """A start cut off half-way leaves no half-made demo that would fail the next start."""
    path = tmp_path / "koopbis.sqlite"
    partial = path.with_name(path.name + ".partial")
    store = open_store(partial, create=True)
    accounts.add_user(store, None, "admin", "admin", "yarim-kalmis-1")  # then the power went out
    store.close()
    half = open_store(path, create=True)  # an older version built in place and was cut off too
    accounts.add_user(half, None, "admin", "admin", "yarim-kalmis-1")
    half.close()
    demo.create_demo_database(path, cooperatives=20)
    assert not partial.exists()
    store = demo.open_demo(path)
    try:
        assert store.setting("province_code") == "06"
        assert store.conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 7
    finally:
        store.close()
