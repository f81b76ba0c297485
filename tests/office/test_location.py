"""Issue 13: a database URL is never taken for a file name; each connection failure has its own sentence."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import psycopg
import pytest

from koopbis_desktop import paths
from koopbis_desktop.cli import main
from koopbis_desktop.store import migrations, pg
from koopbis_desktop.store.db import open_store
from koopbis_desktop.store.errors import SchemaTooNew
from koopbis_desktop.store.location import LocationError, OfficeUrl, parse_location


@pytest.mark.expect_log("ulaşılamıyor")
def test_a_postgresql_url_is_an_office_url_and_no_folder_is_made(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    location = parse_location("postgresql://koopbis@ofis-sunucu:5433/koopbis")
    assert isinstance(location, OfficeUrl)
    assert (location.user, location.host, location.port, location.dbname) == (
        "koopbis",
        "ofis-sunucu",
        5433,
        "koopbis",
    )
    # The old mistake: a folder named "postgresql:" with an SQLite file in it.
    code = main(["--db", "postgresql://koopbis@127.0.0.1:1/koopbis", "init", "--province", "06"])
    assert code != 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text", ["mysql://x@y/z", "sqlite://dosya", "http://sunucu/koopbis"])
def test_other_schemes_are_refused_not_opened_as_files(text: str) -> None:
    with pytest.raises(LocationError, match="adres"):
        parse_location(text)


def test_paths_and_drive_letters_stay_paths(tmp_path: Path) -> None:
    assert parse_location(str(tmp_path / "k.sqlite")) == tmp_path / "k.sqlite"
    assert parse_location("C:\\KOOPBIS\\koopbis.sqlite") == Path("C:\\KOOPBIS\\koopbis.sqlite")
    assert parse_location("file:///tmp/k.sqlite") == Path("/tmp/k.sqlite")


def test_the_url_needs_a_database_name_and_tls_off_the_machine() -> None:
    with pytest.raises(LocationError, match="veritabanının adı yok"):
        parse_location("postgresql://koopbis@sunucu")
    with pytest.raises(LocationError, match="şifresiz bağlantı"):
        parse_location("postgresql://koopbis@10.0.0.5/koopbis?sslmode=disable")
    # On the very machine the traffic never crosses the network.
    assert isinstance(parse_location("postgresql://koopbis@localhost/koopbis?sslmode=disable"), OfficeUrl)
    url = parse_location("postgresql://koopbis:gizli@sunucu/koopbis")
    assert isinstance(url, OfficeUrl)
    assert "sslmode=require" in url.conninfo()
    assert "gizli" not in url.display and "gizli" not in str(url)


def test_koopbis_db_environment_takes_a_url(monkeypatch: Any) -> None:
    monkeypatch.setenv("KOOPBIS_DB", "postgresql://koopbis@sunucu/koopbis")
    assert isinstance(paths.database_location(), OfficeUrl)
    assert paths.backups_dir(paths.database_location()).parts[-2:] == (
        "ofis-yedekleri",
        "sunucu_5432_koopbis",
    )


def test_unreachable_server_is_named(pg_cluster: Any) -> None:
    url = parse_location(f"postgresql://koopbis@127.0.0.1:{_closed_port()}/koopbis")
    assert isinstance(url, OfficeUrl)
    with pytest.raises(pg.OfficeUnreachable, match="ulaşılamıyor"):
        open_store(url)


def test_wrong_password_missing_database_empty_and_foreign(pg_cluster: Any, office_url: OfficeUrl) -> None:
    wrong = OfficeUrl(office_url.with_password("yanlis").url)
    with pytest.raises(pg.OfficeLoginFailed, match="parolasını kabul etmedi"):
        open_store(wrong)
    missing = OfficeUrl(pg_cluster.url("yok_boyle_bir_veritabani"))
    with pytest.raises(pg.OfficeDatabaseMissing, match="yok_boyle_bir_veritabani"):
        open_store(missing)
    with pytest.raises(pg.OfficeNotInitialised, match="office init"):
        open_store(office_url)
    with psycopg.connect(office_url.url, autocommit=True) as conn:
        conn.execute("CREATE TABLE baska_program (x int)")
    with pytest.raises(pg.OfficeForeign, match="başka bir programın"):
        open_store(office_url, create=True)


def test_a_newer_schema_is_left_untouched(office_url: OfficeUrl) -> None:
    open_store(office_url, create=True).close()
    with psycopg.connect(office_url.url, autocommit=True) as conn:
        conn.execute("UPDATE koopbis_schema SET version = %s", (migrations.LATEST + 1,))
    with pytest.raises(SchemaTooNew):
        open_store(office_url)
    with psycopg.connect(office_url.url, autocommit=True) as conn:
        assert conn.execute("SELECT version FROM koopbis_schema").fetchone() == (migrations.LATEST + 1,)


def test_a_server_without_tls_is_refused(pg_cluster: Any, office_url: OfficeUrl) -> None:
    # The cluster speaks TLS; a client that insists on none is refused by our own rule
    # before any byte leaves for another machine, and allowed on this one.
    assert office_url.sslmode == "require"
    plain = parse_location(office_url.url + "?sslmode=disable")
    assert isinstance(plain, OfficeUrl)
    store = open_store(plain, create=True)
    try:
        row = store.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        assert row == (False,)
    finally:
        store.close()
    secure = open_store(office_url)
    try:
        assert secure.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == (True,)
    finally:
        secure.close()


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_password_from_pgpassfile(
    pg_cluster: Any, office_url: OfficeUrl, tmp_path: Path, monkeypatch: Any
) -> None:
    open_store(office_url, create=True).close()
    passfile = tmp_path / "pgpass"
    passfile.write_text(
        f"127.0.0.1:{office_url.port}:{office_url.dbname}:{office_url.user}:{office_url.password}\n"
    )
    os.chmod(passfile, 0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    bare = OfficeUrl(office_url.with_password(None).url)
    assert bare.password == ""
    store = open_store(bare)
    try:
        assert store.schema_version() == migrations.LATEST
    finally:
        store.close()


def test_the_socket_form_keeps_its_double_slash() -> None:
    """``postgresql:///koopbis?host=/var/run/postgresql`` lost its ``//`` on the way to libpq, which
    then read "postgresql:/koopbis?host" as an unknown option: always "unreachable"."""
    url = parse_location("postgresql:///koopbis?host=/var/run/postgresql&sslmode=disable")
    assert isinstance(url, OfficeUrl)
    assert (url.host, url.dbname, url.sslmode) == ("/var/run/postgresql", "koopbis", "disable")
    assert url.conninfo().startswith("postgresql:///koopbis?host=%2Fvar%2Frun%2Fpostgresql&sslmode=disable&")
    assert url.display == "postgresql:///koopbis?host=/var/run/postgresql&sslmode=disable"
    assert psycopg.conninfo.conninfo_to_dict(url.conninfo())["host"] == "/var/run/postgresql"


def test_the_office_database_through_the_servers_unix_socket(
    pg_cluster: Any, office_url: OfficeUrl, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server on this very machine reached through its socket folder, no host name in the URL."""
    from tests.pgcluster import SUPERUSER, SUPERUSER_PASSWORD

    open_store(office_url, create=True).close()
    socket_url = (
        f"postgresql:///{office_url.dbname}?host={pg_cluster.folder}&port={pg_cluster.port}"
        f"&user={SUPERUSER}&password={SUPERUSER_PASSWORD}&sslmode=disable"
    )
    assert main(["--db", socket_url, "audit", "verify", "--json"]) == 0, capsys.readouterr()
    assert json.loads(capsys.readouterr().out)["ok"] is True
