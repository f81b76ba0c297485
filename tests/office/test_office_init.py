"""Issue 13: ``koopbis office init`` — schema, province, first admin, and the program role's rights.

The program's role (the one every PC connects as) may read and append the audit
trail but never change, remove or truncate it: a permission, not only a trigger.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain import demo_data
from koopbis_desktop.services import accounts, capture, review
from koopbis_desktop.store import audit, migrations, office, pg_schema, snapshot
from koopbis_desktop.store.db import open_store
from koopbis_desktop.store.location import OfficeUrl
from koopbis_desktop.store.pg import OfficeNeedsUpgrade, PgStore
from tests.conftest import PASSWORD, member_admission

APP_PASSWORD = "uygulama-parolasi"


@pytest.fixture
def app_role(pg_cluster: Any, office_url: OfficeUrl) -> Iterator[str]:
    role = f"koopbis_app_{office_url.dbname}"
    pg_cluster.create_role(role, APP_PASSWORD)
    yield role
    pg_cluster.drop_database(office_url.dbname)
    with pg_cluster.admin() as conn:
        conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _as_app(url: OfficeUrl, role: str) -> OfficeUrl:
    return OfficeUrl(f"postgresql://{role}:{APP_PASSWORD}@{url.host}:{url.port}/{url.dbname}")


def _init(url: OfficeUrl, role: str, monkeypatch: Any) -> int:
    monkeypatch.setenv("KOOPBIS_NEW_PASSWORD", PASSWORD)
    return main(
        ["--db", url.url, "office", "init", "--province", "06", "--admin", "yonetici", "--app-role", role]
    )


def test_office_init_sets_up_and_the_program_role_works_but_cannot_touch_the_audit(
    office_url: OfficeUrl, app_role: str, monkeypatch: Any, capsys: Any
) -> None:
    assert _init(office_url, app_role, monkeypatch) == 0
    out = capsys.readouterr().out
    assert "Ofis veritabanı hazır" in out and "yonetici" in out and app_role in out
    store = open_store(_as_app(office_url, app_role))
    assert isinstance(store, PgStore)
    try:
        admin = accounts.login(store, "yonetici", PASSWORD)
        accounts.add_user(store, admin, "ayse", "clerk", PASSWORD, "Ayşe Işık")
        accounts.add_user(store, admin, "sef", "supervisor", PASSWORD, "Şükrü Öztürk")
        clerk, sef = accounts.login(store, "ayse", PASSWORD), accounts.login(store, "sef", PASSWORD)
        snapshot.upsert_records(store, list(demo_data.cooperatives("06", 3, seed=7)))
        coop = snapshot.cooperative_ids(store)[0]
        entry = capture.create_entry(store, clerk, "member.admit", coop, member_admission(5))
        capture.submit_entry(store, clerk, entry.uuid)
        review.approve_entry(store, sef, entry.uuid)
        assert audit.verify(store).ok
        assert office.privileges_of(store, app_role, "audit") == {"SELECT", "INSERT"}
        assert office.privileges_of(store, app_role, "entries") == {"SELECT", "INSERT", "UPDATE", "DELETE"}
        for statement in (
            "UPDATE audit SET comment = 'x' WHERE seq = 1",
            "DELETE FROM audit WHERE seq = 1",
            "TRUNCATE audit",
            "DROP TABLE entries",
            "UPDATE koopbis_schema SET version = 1",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                store.conn.raw.execute(statement)
    finally:
        store.close()


def test_grants_print_the_statements_for_it(capsys: Any) -> None:
    code = main(
        ["--db", "postgresql://sahip@sunucu/koopbis", "office", "grants", "--app-role", "koopbis", "--print"]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM "koopbis";' in out
    assert 'GRANT CONNECT, TEMPORARY ON DATABASE "koopbis" TO "koopbis";' in out


def test_a_malformed_role_or_a_missing_role_changes_nothing(
    office_url: OfficeUrl, monkeypatch: Any, capsys: Any
) -> None:
    monkeypatch.setenv("KOOPBIS_NEW_PASSWORD", PASSWORD)
    args = ["--db", office_url.url, "office", "init", "--province", "06", "--admin", "yonetici"]
    assert main([*args, "--app-role", "kötü rol; DROP"]) == 2
    assert "rolü adı olamaz" in capsys.readouterr().err
    with psycopg.connect(office_url.url) as conn:
        assert conn.execute("SELECT to_regclass('entries')").fetchone() == (None,)
    assert main([*args, "--app-role", "olmayan_rol"]) == 2
    assert "rolü yok" in capsys.readouterr().err


def test_office_on_a_file_is_refused(tmp_path: Any, capsys: Any) -> None:
    code = main(["--db", str(tmp_path / "k.sqlite"), "office", "upgrade"])
    assert code == 2
    assert "ofis veritabanı içindir" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_old_schema_asks_it_to_upgrade_as_the_owner(
    office_url: OfficeUrl, app_role: str, monkeypatch: Any, capsys: Any
) -> None:
    assert _init(office_url, app_role, monkeypatch) == 0

    def step(conn: Any) -> None:
        conn.execute("CREATE TABLE yeni_tablo (x INTEGER)")

    monkeypatch.setattr(migrations, "LATEST", migrations.LATEST + 1)
    monkeypatch.setitem(pg_schema.STEPS, migrations.LATEST - 1, step)
    with pytest.raises(OfficeNeedsUpgrade, match="office upgrade"):
        open_store(_as_app(office_url, app_role))
    assert main(["--db", office_url.url, "office", "upgrade", "--app-role", app_role]) == 0
    store = open_store(_as_app(office_url, app_role))
    try:
        assert isinstance(store, PgStore)
        assert store.schema_version() == migrations.LATEST
        assert office.privileges_of(store, app_role, "yeni_tablo") == {"SELECT", "INSERT", "UPDATE", "DELETE"}
    finally:
        store.close()


def test_office_init_without_a_province_leaves_an_empty_schema_for_a_copy(
    office_url: OfficeUrl, app_role: str, capsys: Any
) -> None:
    assert main(["--db", office_url.url, "office", "init", "--app-role", app_role]) == 0
    assert "koopbis copy" in capsys.readouterr().out
    store = open_store(office_url)
    try:
        assert isinstance(store, PgStore)
        assert store.query("SELECT key FROM settings") == []
        assert store.query_one("SELECT count(*) FROM audit") == (0,)
        assert office.privileges_of(store, app_role, "audit") == {"SELECT", "INSERT"}
    finally:
        store.close()
    assert main(["--db", office_url.url, "office", "init", "--province", "06"]) == 2


def test_office_commands_print_one_json_document_under_json(
    office_url: OfficeUrl, app_role: str, monkeypatch: Any, capsys: Any
) -> None:
    """``office init|grants|upgrade --json`` printed their Turkish sentences on standard output."""
    monkeypatch.setenv("KOOPBIS_NEW_PASSWORD", PASSWORD)
    db = ["--db", office_url.url, "--json"]
    assert (
        main([*db, "office", "init", "--province", "06", "--admin", "yonetici", "--app-role", app_role]) == 0
    )
    out, err = capsys.readouterr()
    assert json.loads(out) == {
        "url": office_url.display,
        "province": {"code": "06", "name": "Ankara"},
        "admin": "yonetici",
        "app_role": app_role,
    }
    assert "Ofis veritabanı hazır" in err  # the person running it still reads what happened
    assert main([*db, "office", "grants", "--app-role", app_role]) == 0
    grants = json.loads(capsys.readouterr().out)
    assert grants["applied"] is True and any("GRANT" in s for s in grants["statements"])
    assert main([*db, "office", "upgrade"]) == 0
    upgraded = json.loads(capsys.readouterr().out)
    assert upgraded["schema_version"] == migrations.LATEST
