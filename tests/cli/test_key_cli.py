"""``koopbis`` on an encrypted database: init --admin, sign-in opens it, key status/encrypt/recovery/rotate/reset."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from koopbis_desktop.store import keyfile
from koopbis_desktop.store.db import file_kind
from tests.cli.test_cli import Koopbis, ok

ADMIN_PW = "yonetici-parola-1"
CLERK_PW = "memur-parola-1"
RECOVERY = re.compile(r"\d{5}(?:-\d{5}){7}")


@pytest.fixture
def koopbis(tmp_path: Path) -> Koopbis:
    return Koopbis(tmp_path / "il" / "koopbis.sqlite", tmp_path)


def test_init_with_an_admin_makes_an_encrypted_database_that_only_a_sign_in_opens(koopbis: Koopbis) -> None:
    out = ok(koopbis("init", "--province", "06", "--admin", "admin", new_password=ADMIN_PW))
    assert "KURTARMA ANAHTARI" in out and RECOVERY.search(out)
    assert file_kind(koopbis.db) == "encrypted" and keyfile.keyfile_path(koopbis.db).exists()
    conn = sqlite3.connect(koopbis.db)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM users").fetchall()
    conn.close()

    refused = koopbis("audit", "verify")
    assert refused.returncode == 2 and "şifreli" in refused.stderr and "bozuk" not in refused.stderr
    wrong = koopbis("audit", "verify", "--as", "admin", password="yanlis-parola-9")
    assert wrong.returncode == 4 and "parola hatalı" in wrong.stderr
    ok(koopbis("audit", "verify", "--as", "admin", password=ADMIN_PW))
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
    assert "ayse" in ok(koopbis("key", "status", "--as", "admin", "--json", password=ADMIN_PW))
    ok(koopbis("audit", "verify", "--as", "ayse", password=CLERK_PW))
    ok(koopbis("user", "disable", "ayse", "--as", "admin", password=ADMIN_PW))
    assert koopbis("audit", "verify", "--as", "ayse", password=CLERK_PW).returncode == 4


def test_backup_is_encrypted_and_restores_with_a_sign_in(koopbis: Koopbis, tmp_path: Path) -> None:
    ok(koopbis("init", "--province", "06", "--admin", "admin", new_password=ADMIN_PW))
    out = ok(koopbis("backup", str(tmp_path / "usb"), "--as", "admin", password=ADMIN_PW))
    saved = Path(out.split("Yedek alındı: ")[1].strip())
    assert file_kind(saved) == "encrypted" and keyfile.keyfile_path(saved).exists()
    assert koopbis("restore", str(saved)).returncode != 0  # nobody signed in: the backup stays shut
    ok(koopbis("restore", str(saved), "--as", "admin", password=ADMIN_PW))
    ok(koopbis("audit", "verify", "--as", "admin", password=ADMIN_PW))


def test_recovery_key_gives_a_lost_admin_password_back(koopbis: Koopbis) -> None:
    first = RECOVERY.search(
        ok(koopbis("init", "--province", "06", "--admin", "admin", new_password=ADMIN_PW))
    )
    fresh = RECOVERY.search(ok(koopbis("key", "recovery", "--as", "admin", password=ADMIN_PW)))
    assert first and fresh and first.group() != fresh.group()
    env_run = koopbis.env
    env_run["KOOPBIS_RECOVERY_KEY"] = first.group()  # the old paper no longer opens
    assert koopbis("key", "reset", "--as", "admin", new_password="unutulmayan-9").returncode == 4
    env_run["KOOPBIS_RECOVERY_KEY"] = fresh.group()
    ok(koopbis("key", "reset", "--as", "admin", new_password="unutulmayan-9"))
    ok(koopbis("audit", "verify", "--as", "admin", password="unutulmayan-9"))


def _plain_database_of_the_previous_version(path: Path) -> None:
    """What ``koopbis init`` without ``--admin`` made before every new database was encrypted."""
    from koopbis_desktop.services import setup
    from koopbis_desktop.store.db import open_store

    store = open_store(path, create=True)
    try:
        setup.initialize(store, "06")
        setup.add_first_admin(store, "admin", ADMIN_PW)
    finally:
        store.close()


def test_an_old_plain_database_is_encrypted_and_rotated_by_an_admin(koopbis: Koopbis) -> None:
    _plain_database_of_the_previous_version(koopbis.db)
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
    assert file_kind(koopbis.db) == "plain"
    assert koopbis("key", "encrypt", "--as", "ayse", password=CLERK_PW).returncode == 4  # admins only
    out = ok(koopbis("key", "encrypt", "--as", "admin", password=ADMIN_PW))
    assert "[100%]" in out and RECOVERY.search(out) and "Şifreli yedek" in out
    assert file_kind(koopbis.db) == "encrypted"
    ok(koopbis("audit", "verify", "--as", "admin", password=ADMIN_PW))
    rotated = ok(koopbis("key", "rotate", "--as", "admin", password=ADMIN_PW))
    assert "ayse" in rotated and RECOVERY.search(rotated)
    ok(koopbis("audit", "verify", "--as", "admin", password=ADMIN_PW))


def test_init_never_replaces_the_key_file_of_a_database_that_is_missing(
    koopbis: Koopbis, tmp_path: Path
) -> None:
    """The database moved away (another folder, a USB disk) and its key file stayed: a new set-up there
    would throw away every slot and the recovery slot, and the database could not be opened when it
    comes back. It is refused, saying what to do; the key file is not touched."""
    ok(koopbis("init", "--province", "06", "--admin", "admin", new_password=ADMIN_PW))
    keys = keyfile.keyfile_path(koopbis.db)
    before = keys.read_bytes()
    moved = tmp_path / "tasinan.sqlite"
    koopbis.db.rename(moved)
    refused = koopbis("init", "--province", "06", "--admin", "admin", new_password="baska-parola-2")
    assert refused.returncode == 4, refused.stderr
    assert (
        str(keys) in refused.stderr and "geri koyun" in refused.stderr and "Traceback" not in refused.stderr
    )
    assert keys.read_bytes() == before and not koopbis.db.exists()
    moved.rename(koopbis.db)  # put back: it opens as before
    ok(koopbis("audit", "verify", "--as", "admin", password=ADMIN_PW))
