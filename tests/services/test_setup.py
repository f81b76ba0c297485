"""Setting a province's database up: ``koopbis init``/``user add``/``snapshot import`` and the wizard agree."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, Role
from koopbis_desktop.services import accounts, setup
from koopbis_desktop.store import audit, encryption, users
from koopbis_desktop.store.db import connect_raw, open_store
from tests.services.member_lists import COOPERATIVE_COLUMNS, write_csv

PASSWORD = "ilk-parola-1"


def _snapshot_csv(folder: Path) -> Path:
    records = list(demo_data.cooperatives("35", 4, seed=5))
    rows = [[r[key] for key in COOPERATIVE_COLUMNS.values()] for r in records]
    return write_csv(folder / "kooperatifler.csv", list(COOPERATIVE_COLUMNS), rows)


def _facts(path: Path) -> tuple[Counter[str], dict[str, str], list[tuple[str, str]], int]:
    conn = connect_raw(path, encryption.unlock_key(path, "yonetici", PASSWORD))
    try:
        # A sign-in is the person starting work, not part of the set-up (the CLI's
        # ``snapshot import --as`` signs in; in the desktop the login dialog follows the wizard).
        actions = Counter(
            row[0] for row in conn.execute("SELECT action FROM audit") if row[0] not in ("login", "logout")
        )
        settings = dict(
            conn.execute("SELECT key, value FROM settings WHERE key IN ('province_code', 'go_live')")
        )
        accounts_ = sorted(conn.execute("SELECT username, role FROM users"))
        cooperatives = conn.execute("SELECT COUNT(*) FROM cooperatives").fetchone()[0]
    finally:
        conn.close()
    return actions, settings, accounts_, cooperatives


def test_the_cli_and_the_wizard_set_up_the_same_rows_and_audit_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv_path = _snapshot_csv(tmp_path)
    by_cli = tmp_path / "cli" / "koopbis.sqlite"
    monkeypatch.setenv("KOOPBIS_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("KOOPBIS_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert (
        main(
            [
                "--db",
                str(by_cli),
                "init",
                "--province",
                "35",
                "--admin",
                "yonetici",
                "--full-name",
                "Gülşen Ünal",
            ]
        )
        == 0
    )
    assert main(["--db", str(by_cli), "snapshot", "import", str(csv_path), "--as", "yonetici"]) == 0

    by_wizard = tmp_path / "wizard" / "koopbis.sqlite"
    store = encryption.create_encrypted(by_wizard, backups_dir=by_wizard.parent / "backups")
    try:
        result = setup.set_up_database(store, "35", "yonetici", "Gülşen Ünal", PASSWORD, csv_path)
        assert result.admin == "yonetici" and result.imported
        assert accounts.login(store, "yonetici", PASSWORD).username == "yonetici"
        assert audit.verify(store.conn).ok
    finally:
        store.close()

    cli_facts, wizard_facts = _facts(by_cli), _facts(by_wizard)
    assert cli_facts == wizard_facts
    assert cli_facts[0]["init"] == 1 and cli_facts[0]["snapshot_import"] == 1
    assert cli_facts[1] == {"province_code": "35"}
    assert cli_facts[3] == 4


def test_initialize_refuses_in_turkish_and_keeps_the_first_province(tmp_path: Path) -> None:
    store = open_store(tmp_path / "koopbis.sqlite", create=True)
    try:
        with pytest.raises(setup.SetupRefused) as unknown:
            setup.initialize(store, "Atlantis")
        assert unknown.value.exit_code == ExitCode.INVALID and "diye bir il yok" in unknown.value.message
        assert setup.initialize(store, "İzmir", go_live="01.06.2015").code == "35"
        assert setup.initialize(store, "35").name == "İzmir"  # again: no second init row
        with pytest.raises(setup.SetupRefused) as other:
            setup.initialize(store, "06")
        assert other.value.exit_code == ExitCode.NOT_PERMITTED
        assert store.setting("province_code") == "35" and store.setting("go_live") == "2015-06-01"
        actions = [row[0] for row in store.conn.execute("SELECT action FROM audit")]
        assert actions == ["init"]
        assert users.count_users(store) == 0
    finally:
        store.close()


def test_backup_and_restore_leave_audit_rows(tmp_path: Path) -> None:
    path = tmp_path / "il" / "koopbis.sqlite"
    store = open_store(path, create=True)
    try:
        setup.initialize(store, "06")
        saved = setup.backup_now(store, tmp_path / "yedek")
    finally:
        store.close()
    assert saved.parent == tmp_path / "yedek" and saved.exists()
    safety = setup.restore_from(path, saved, by=Actor("admin", Role.ADMIN))
    assert safety is not None and safety.exists()
    store = open_store(path)
    try:
        actions = [row[0] for row in store.conn.execute("SELECT action FROM audit ORDER BY seq")]
        # The restored copy was taken before its own "backup" row was written.
        assert actions == ["init", "restore"]
        assert audit.verify(store.conn).ok
    finally:
        store.close()


def test_a_backup_of_another_provinces_database_is_not_restored_over_this_one(tmp_path: Path) -> None:
    """İzmir's backup over Ankara's database would put İzmir's records in Ankara's queue."""
    from koopbis_desktop.store import entries
    from koopbis_desktop.store.backup import OtherProvince

    made = {}
    for code in ("06", "35"):
        path = tmp_path / code / "koopbis.sqlite"
        store = open_store(path, create=True)
        try:
            setup.initialize(store, code)
            made[code] = (path, setup.backup_now(store, tmp_path / f"yedek-{code}"))
        finally:
            store.close()
    ankara, izmir_backup = made["06"][0], made["35"][1]
    before = ankara.read_bytes()
    with pytest.raises(OtherProvince) as refused:
        setup.restore_from(ankara, izmir_backup, by=Actor("admin", Role.ADMIN))
    said = refused.value.message
    assert "İzmir (35)" in said and "Ankara (06)" in said and "Geri yüklenmedi" in said, said
    assert refused.value.exit_code == ExitCode.NOT_PERMITTED
    assert ankara.read_bytes() == before  # nothing copied, no safety copy needed
    assert not list((ankara.parent / "backups").glob("*geri-yukleme-oncesi*"))
    store = open_store(ankara)
    try:
        assert store.setting("province_code") == "06" and entries.list_entries(store) == []
    finally:
        store.close()
    # Its own backup still restores.
    assert setup.restore_from(ankara, made["06"][1], by=Actor("admin", Role.ADMIN)) is not None


def test_only_an_admin_restores(tmp_path: Path) -> None:
    path = tmp_path / "il" / "koopbis.sqlite"
    store = open_store(path, create=True)
    try:
        setup.initialize(store, "06")
        saved = setup.backup_now(store, tmp_path / "yedek")
    finally:
        store.close()
    with pytest.raises(NotPermitted):
        setup.restore_from(path, saved, by=Actor("ayse", Role.CLERK))
    safety = setup.restore_from(path, saved, by=Actor("yonetici", Role.ADMIN))
    assert safety is not None
    store = open_store(path)
    try:
        rows = store.conn.execute("SELECT actor FROM audit WHERE action = 'restore'").fetchall()
        assert rows == [("yonetici",)]
    finally:
        store.close()
