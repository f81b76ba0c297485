"""The ``koopbis`` command line, run as a real process against a real database file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain import demo_data
from koopbis_desktop.store import encryption
from koopbis_desktop.store.db import connect_raw
from tests.conftest import member_admission, valid_tckn
from tests.services.member_lists import COOPERATIVE_COLUMNS, write_csv

ADMIN_PW = "yonetici-parola-1"
CLERK_PW = "memur-parola-1"
SUP_PW = "sef-parola-1"


class Koopbis:
    def __init__(self, db: Path, home: Path) -> None:
        self.db = db
        self.env = {
            **os.environ,
            "KOOPBIS_LOG_DIR": str(home / "logs"),
            "XDG_DATA_HOME": str(home / "data"),
        }
        self.env.pop("KOOPBIS_PASSWORD", None)
        self.env.pop("KOOPBIS_DB", None)

    def __call__(
        self,
        *args: str,
        password: str | None = None,
        new_password: str | None = None,
        use_env_db: bool = False,
    ) -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        if password:
            env["KOOPBIS_PASSWORD"] = password
        if new_password:
            env["KOOPBIS_NEW_PASSWORD"] = new_password
        argv = [sys.executable, "-m", "koopbis_desktop.cli"]
        if use_env_db:
            env["KOOPBIS_DB"] = str(self.db)
        else:
            argv += ["--db", str(self.db)]
        return subprocess.run(
            [*argv, *args], env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
        )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, (
        f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    )
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture
def koopbis(tmp_path: Path) -> Koopbis:
    return Koopbis(tmp_path / "il" / "koopbis.sqlite", tmp_path)


@pytest.fixture
def ready(koopbis: Koopbis, tmp_path: Path) -> Koopbis:
    """A province database with an admin, a clerk, two supervisors and a snapshot."""
    ok(koopbis("init", "--province", "06", "--admin", "admin", new_password=ADMIN_PW))
    ok(
        koopbis(
            "user",
            "add",
            "ayse",
            "--role",
            "clerk",
            "--full-name",
            "Ayşe Işık",
            "--as",
            "admin",
            password=ADMIN_PW,
            new_password=CLERK_PW,
        )
    )
    for name in ("sef", "sef2"):
        ok(
            koopbis(
                "user",
                "add",
                name,
                "--role",
                "supervisor",
                "--as",
                "admin",
                password=ADMIN_PW,
                new_password=SUP_PW,
            )
        )
    records = list(demo_data.cooperatives("06", 5, seed=3))
    records[0]["title"] = "IŞIK Gökçe Konut Yapı Kooperatifi"
    rows = [[r[key] for key in COOPERATIVE_COLUMNS.values()] for r in records]
    csv_path = write_csv(tmp_path / "kooperatifler.csv", list(COOPERATIVE_COLUMNS), rows)
    ok(koopbis("snapshot", "import", str(csv_path), "--as", "admin", password=ADMIN_PW))
    koopbis.env["TEST_COOP"] = records[0]["id"]
    return koopbis


def admission(seed: int = 1, **extra: Any) -> str:
    return json.dumps(member_admission(seed, **extra), ensure_ascii=False)


def add_entry(
    ready: Koopbis,
    cooperative: str,
    data: str,
    *,
    type_id: str = "member.admit",
    user: str = "ayse",
    password: str = CLERK_PW,
) -> subprocess.CompletedProcess[str]:
    """``koopbis entry add``, as the clerk Ayşe unless told otherwise."""
    return ready(
        "entry",
        "add",
        "--as",
        user,
        "--type",
        type_id,
        "--cooperative",
        cooperative,
        "--data",
        data,
        password=password,
    )


def test_whole_cycle(ready: Koopbis, tmp_path: Path) -> None:
    coop = ready.env["TEST_COOP"]
    hits = json.loads(ok(ready("search", "isik", "--json", "--as", "ayse", password=CLERK_PW)))
    assert [h["id"] for h in hits] == [coop]
    assert "IŞIK" in ok(ready("search", "ışık", "--as", "ayse", password=CLERK_PW))

    entry_id = ok(add_entry(ready, coop, admission())).strip()
    assert len(entry_id) == 36
    ok(ready("entry", "submit", entry_id, "--as", "ayse", password=CLERK_PW))
    ok(ready("entry", "return", entry_id, "--as", "sef", "--comment", "Karar no eksik", password=SUP_PW))
    data_file = tmp_path / "duzeltme.json"
    data_file.write_text(admission(decision_no="2015/15"), encoding="utf-8")
    ok(ready("entry", "edit", entry_id, "--as", "ayse", "--data", f"@{data_file}", password=CLERK_PW))
    ok(ready("entry", "submit", entry_id, "--as", "ayse", password=CLERK_PW))
    ok(ready("entry", "approve", entry_id, "--as", "sef", "--comment", "Uygun", password=SUP_PW))

    shown = json.loads(ok(ready("entry", "show", entry_id, "--json", "--as", "ayse", password=CLERK_PW)))
    assert shown["id"] == entry_id
    assert shown["type"] == "member.admit"
    assert shown["cooperative"] == coop
    assert shown["state"] == "approved"
    assert shown["author"] == "ayse"
    assert shown["approver"] == "sef"
    assert shown["payload"]["decision_no"] == "2015/15"
    assert shown["base"] == {f"member:{valid_tckn(1)}": None}
    assert [r["revision"] for r in shown["revisions"]] == [1, 2]
    listed = json.loads(
        ok(ready("entry", "list", "--state", "approved", "--json", "--as", "ayse", password=CLERK_PW))
    )
    assert [e["id"] for e in listed] == [entry_id]
    assert "Onaylandı" in ok(ready("entry", "list", "--as", "ayse", password=CLERK_PW))
    assert "sağlam" in ok(ready("audit", "verify", "--as", "admin", password=ADMIN_PW))


def test_exit_codes(ready: Koopbis) -> None:
    coop = ready.env["TEST_COOP"]
    bad = add_entry(
        ready, coop, admission(member_id="12345678901", paid_amount="abc", effective_date="31.02.2015")
    )
    assert bad.returncode == 3
    for label in ("T.C. Kimlik No / VKN", "Ödenen tutar", "Yönetim kurulu karar tarihi"):
        assert label in bad.stderr
    assert "Traceback" not in bad.stderr
    assert add_entry(ready, coop, "{not json").returncode == 3
    assert add_entry(ready, coop, "{}", type_id="nope").returncode == 3

    sup_entry = ok(add_entry(ready, coop, admission(9), user="sef", password=SUP_PW)).strip()
    ok(ready("entry", "submit", sup_entry, "--as", "sef", password=SUP_PW))
    own = ready("entry", "approve", sup_entry, "--as", "sef", password=SUP_PW)
    assert own.returncode == 4
    assert "Dört göz" in own.stderr
    clerk_approves = ready("entry", "approve", sup_entry, "--as", "ayse", password=CLERK_PW)
    assert clerk_approves.returncode == 4
    missing = ready(
        "entry", "show", "00000000-0000-0000-0000-000000000000", "--as", "ayse", password=CLERK_PW
    )
    assert missing.returncode == 5
    assert add_entry(ready, "99-999999", admission()).returncode == 5
    assert ready("entry", "frobnicate").returncode == 2
    assert ready("entry", "list", "--state", "uçuyor", "--as", "ayse", password=CLERK_PW).returncode == 2
    no_user = ready("entry", "submit", sup_entry)
    assert no_user.returncode == 2  # the encrypted file opens only for someone who says who they are
    assert "--as" in no_user.stderr
    no_password = ready("entry", "submit", sup_entry, "--as", "sef")
    assert no_password.returncode == 1
    assert "KOOPBIS_PASSWORD" in no_password.stderr


def test_lockout_from_cli(ready: Koopbis) -> None:
    results = [ready("user", "list", "--as", "ayse", password="yanlis-parola") for _ in range(5)]
    assert all(r.returncode == 4 for r in results)
    locked = ready("user", "list", "--as", "ayse", password=CLERK_PW)
    assert locked.returncode == 4
    assert "kilitlendi" in locked.stderr
    ok(ready("user", "unlock", "ayse", "--as", "admin", password=ADMIN_PW))
    assert ready("user", "list", "--as", "ayse", password=CLERK_PW).returncode == 4  # not an admin
    users = json.loads(ok(ready("user", "list", "--as", "admin", "--json", password=ADMIN_PW)))
    assert {u["username"]: u["role"] for u in users} == {
        "admin": "admin",
        "ayse": "clerk",
        "sef": "supervisor",
        "sef2": "supervisor",
    }


def test_init_refuses_a_bad_admin_name_before_the_password_and_makes_nothing(koopbis: Koopbis) -> None:
    """`init --admin "ayşe yılmaz"` asked for the new password twice, made the encrypted file and its
    key file, and only then said the name cannot be an account: a file nobody can open, typed for nothing."""
    asked = koopbis("init", "--province", "06", "--admin", "ayşe yılmaz")  # no password to give
    assert asked.returncode == 3, asked.stderr  # EXIT_INVALID
    assert "Kullanıcı adı harf, rakam" in asked.stderr and "parola" not in asked.stderr.lower()
    refused = koopbis("init", "--province", "06", "--admin", "ayşe yılmaz", new_password=ADMIN_PW)
    assert refused.returncode == 3 and "Kullanıcı adı harf, rakam" in refused.stderr
    assert "Traceback" not in refused.stderr
    # Said once, in Turkish: not again under the program's name of the field ("HATA: username: …").
    assert refused.stderr.count("Kullanıcı adı harf, rakam") == 1 and "username" not in refused.stderr
    assert not koopbis.db.exists()
    assert not list(koopbis.db.parent.glob(f"{koopbis.db.name}*"))  # no key file either


def test_first_user_rules(koopbis: Koopbis) -> None:
    # A new database comes with its first admin (who encrypts it); without one nothing is made.
    refused = koopbis("init", "--province", "İzmir")
    assert refused.returncode == 2
    assert "--admin" in refused.stderr
    assert not koopbis.db.exists()
    ok(koopbis("init", "--province", "İzmir", "--admin", "admin", new_password=ADMIN_PW))
    nobody = koopbis("user", "add", "ayse", "--role", "clerk", new_password=CLERK_PW)
    assert nobody.returncode == 2  # encrypted: who opens it must say who they are
    wrong_admin = koopbis(
        "user",
        "add",
        "ayse",
        "--role",
        "clerk",
        "--as",
        "admin",
        password="yanlis-parola",
        new_password=CLERK_PW,
    )
    assert wrong_admin.returncode == 4
    ok(
        koopbis(
            "user",
            "add",
            "ayse",
            "--role",
            "clerk",
            "--as",
            "admin",
            password=ADMIN_PW,
            new_password=CLERK_PW,
        )
    )


def test_env_db_and_init_guard(koopbis: Koopbis) -> None:
    ok(koopbis("init", "--province", "35", "--admin", "admin", new_password=ADMIN_PW, use_env_db=True))
    assert koopbis.db.exists()
    other = koopbis("init", "--province", "06", "--as", "admin", password=ADMIN_PW)
    assert other.returncode == 4
    assert "35" in other.stderr
    missing = Koopbis(koopbis.db.parent / "yok.sqlite", koopbis.db.parent)
    result = missing("entry", "list")
    assert result.returncode == 1
    assert "koopbis init" in result.stderr


def test_types_json(koopbis: Koopbis) -> None:
    types = json.loads(ok(koopbis("types", "--json")))
    ids = [t["id"] for t in types]
    assert "member.admit" in ids and len(ids) == 19
    admit = types[ids.index("member.admit")]
    assert admit["label"] == "Ortaklığa giriş"
    member_id = next(f for f in admit["fields"] if f["name"] == "member_id")
    assert member_id == {
        "name": "member_id",
        "kind": "tckn_or_vkn",
        "label": "T.C. Kimlik No / VKN",
        "required": True,
    }
    register = types[ids.index("cooperative.register")]
    founders = next(f for f in register["fields"] if f["name"] == "founders")
    assert founders["kind"] == "group"
    assert {f["name"] for f in founders["fields"]} == {"id_no", "full_name", "shares"}
    leave = types[ids.index("member.leave")]
    reason = next(f for f in leave["fields"] if f["name"] == "reason")
    assert {c["value"] for c in reason["choices"]} == {"istifa", "ihrac", "vefat", "devir"}
    assert "member.admit" in ok(koopbis("types"))


def test_backup_and_restore(ready: Koopbis, tmp_path: Path) -> None:
    coop = ready.env["TEST_COOP"]
    out = ok(ready("backup", str(tmp_path / "yedekler"), "--as", "ayse", password=CLERK_PW))
    made = sorted((tmp_path / "yedekler").glob("*.sqlite"))
    assert len(made) == 1 and str(made[0]) in out
    ok(add_entry(ready, coop, admission()))
    assert len(json.loads(ok(ready("entry", "list", "--json", "--as", "ayse", password=CLERK_PW)))) == 1
    restored = ok(ready("restore", str(made[0]), "--as", "admin", password=ADMIN_PW))
    assert "Önceki veritabanının yedeği" in restored
    assert json.loads(ok(ready("entry", "list", "--json", "--as", "ayse", password=CLERK_PW))) == []
    assert "sağlam" in ok(ready("audit", "verify", "--as", "admin", password=ADMIN_PW))
    garbage = tmp_path / "bozuk.sqlite"
    garbage.write_bytes(b"hello" * 1000)
    bad = ready("restore", str(garbage), "--as", "admin", password=ADMIN_PW)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr


def test_audit_verify_exit_code_on_tamper(ready: Koopbis) -> None:
    conn = connect_raw(ready.db, encryption.unlock_key(ready.db, "admin", ADMIN_PW))
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET actor = 'hacker' WHERE seq = 2")
    conn.commit()
    conn.close()
    result = ready("audit", "verify", "--as", "admin", password=ADMIN_PW)
    assert result.returncode == 1
    assert "2. kayıtta" in result.stdout


def test_console_script_is_installed() -> None:
    script = shutil.which("koopbis", path=str(Path(sys.executable).parent))
    assert script is not None, "pip install -e . should install the koopbis console script"
    result = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("koopbis ")
