"""Every ``koopbis`` command that shows personal data or changes anything needs a signed-in account."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from koopbis_desktop.store import encryption
from koopbis_desktop.store.db import connect_raw
from tests.cli.test_cli import ADMIN_PW, CLERK_PW, Koopbis, add_entry, admission, koopbis, ok, ready

__all__ = ["koopbis", "ready"]

READERS = [
    ("entry", "list"),
    ("search", "isik"),
    ("audit", "list"),
    ("export", "entries", "{tmp}/k.csv"),
    ("export", "audit", "{tmp}/a.csv"),
    ("print", "daily", "{tmp}/g.pdf"),
    ("support-bundle", "{tmp}/d.zip"),
    ("conflicts", "list"),
    ("manual", "next"),
    ("backup", "{tmp}/yedek"),
]


@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c[:2]))
def test_reading_needs_an_account_and_the_right_password(
    ready: Koopbis, tmp_path: Path, command: tuple[str, ...]
) -> None:
    args = [part.format(tmp=tmp_path) for part in command]
    anonymous = ready(*args)
    assert anonymous.returncode == 2 and "--as" in anonymous.stderr
    wrong = ready(*args, "--as", "ayse", password="yanlis-parola")
    assert wrong.returncode == 4 and "Traceback" not in wrong.stderr
    unknown = ready(*args, "--as", "kimse", password="yanlis-parola")
    assert unknown.returncode == 4
    assert unknown.stderr.replace("kimse", "X") == wrong.stderr.replace("ayse", "X")
    ok(ready(*args, "--as", "ayse", password=CLERK_PW))


def test_refreshing_the_snapshot_needs_an_account(ready: Koopbis) -> None:
    anonymous = ready("snapshot", "refresh", "--server", "http://127.0.0.1:9")
    assert anonymous.returncode == 2 and "--as" in anonymous.stderr
    wrong = ready("snapshot", "refresh", "--server", "http://127.0.0.1:9", "--as", "ayse", password="yanlis")
    assert wrong.returncode == 4


def test_sending_to_koopbis_needs_a_supervisor_or_an_admin(ready: Koopbis) -> None:
    server = ["--server", "http://127.0.0.1:9", "--once"]
    anonymous = ready("sync", *server)
    assert anonymous.returncode == 2 and "--as" in anonymous.stderr
    assert ready("sync", *server, "--as", "ayse", password="yanlis-parola").returncode == 4
    clerk = ready("sync", *server, "--as", "ayse", password=CLERK_PW)
    assert clerk.returncode == 4 and "eşitleme başlatamaz" in clerk.stderr
    assert ready("sync", "status").returncode == 2
    ok(ready("sync", "status", "--as", "ayse", password=CLERK_PW))


def test_restore_is_an_admins_and_audited_with_their_name(ready: Koopbis, tmp_path: Path) -> None:
    ok(ready("backup", str(tmp_path / "yedek"), "--as", "ayse", password=CLERK_PW))
    saved = next((tmp_path / "yedek").glob("*.sqlite"))
    assert ready("restore", str(saved)).returncode == 2
    clerk = ready("restore", str(saved), "--as", "ayse", password=CLERK_PW)
    assert clerk.returncode == 4 and "yönetici" in clerk.stderr
    assert ready("restore", str(saved), "--as", "admin", password="yanlis-parola").returncode == 4
    ok(ready("restore", str(saved), "--as", "admin", password=ADMIN_PW))
    conn = connect_raw(ready.db, encryption.unlock_key(ready.db, "admin", ADMIN_PW))
    rows = conn.execute("SELECT actor FROM audit WHERE action = 'restore'").fetchall()
    conn.close()
    assert rows == [("admin",)]


def test_latin1_file_and_deep_json_are_input_errors(ready: Koopbis, tmp_path: Path) -> None:
    coop = ready.env["TEST_COOP"]
    latin = tmp_path / "veri.json"
    latin.write_bytes(admission().replace("Işık", "Isik").replace('"', '"').encode("utf-8")[:-1] + b" \xfc}")
    result = add_entry(ready, coop, f"@{latin}")
    assert result.returncode == 3 and "UTF-8" in result.stderr and "Traceback" not in result.stderr
    deep = tmp_path / "derin.json"
    deep.write_text('{"full_name": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result = add_entry(ready, coop, f"@{deep}")
    assert result.returncode == 3 and "derin" in result.stderr and "Traceback" not in result.stderr
    nested = tmp_path / "ic-ice.json"
    nested.write_text('{"full_name": ' + "[" * 50 + "]" * 50 + "}", encoding="utf-8")
    result = add_entry(ready, coop, f"@{nested}")
    assert result.returncode == 3 and "Traceback" not in result.stderr


def test_poison_values_are_field_errors(ready: Koopbis) -> None:
    coop = ready.env["TEST_COOP"]
    for poison in ('{"shares": 1e308}', '{"shares": 100000000000000000000}', '{"full_name": {"a": [1, 2]}}'):
        data = json.loads(admission())
        data.update(json.loads(poison))
        result = add_entry(ready, coop, json.dumps(data))
        assert result.returncode == 3, result.stderr
    data = json.loads(admission())
    data["full_name"] = "Ali\u0000Veli"
    result = add_entry(ready, coop, json.dumps(data))
    assert result.returncode == 3 and "denetim karakteri" in result.stderr
    assert json.loads(ok(ready("entry", "list", "--json", "--as", "ayse", password=CLERK_PW))) == []
