"""``koopbis backup`` on the office database writes the single PC's kind of file; ``restore`` fills only an empty one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.store import audit, backup, encryption, keyfile, transfer
from koopbis_desktop.store.db import Store, file_kind, open_store
from koopbis_desktop.store.errors import WrongPassword
from koopbis_desktop.store.location import OfficeUrl, parse_location
from tests.conftest import PASSWORD, db_arg
from tests.office.test_copy import facts, fill, koopbis

RECOVERY = re.compile(r"\d{5}(?:-\d{5}){7}")


def _only(folder: Path) -> Path:
    made = sorted(folder.glob("koopbis-*.sqlite"))
    assert len(made) == 1, made
    return made[0]


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_an_office_backup_is_an_encrypted_file_that_verifies(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(store)
    code, out = koopbis(monkeypatch, capsys, "--db", db_arg(store), "key", "recovery", "--as", "admin")
    assert code == 0, out
    paper = RECOVERY.search(out)
    assert paper is not None, out
    code, out = koopbis(
        monkeypatch, capsys, "--db", db_arg(store), "backup", str(tmp_path / "yedek"), "--as", "admin"
    )
    assert code == 0, out
    assert "kurtarma anahtarıyla açılır" in out
    saved = _only(tmp_path / "yedek")
    # The same kind of file as a single PC's backup: random bytes, its key file beside it.
    assert file_kind(saved) == "encrypted" and keyfile.keyfile_path(saved).exists()
    assert not list((tmp_path / "yedek").glob("*.yarim*"))
    unlock = lambda path: encryption.unlock_key(path, "admin", PASSWORD)  # noqa: E731
    assert backup.check_backup_file(saved, unlock) > 0
    key = unlock(saved)
    copy = open_store(saved, key=key)
    try:
        office_facts, copy_facts = facts(store), facts(copy)
        # The office's trail has the backup's own row after the copy was taken.
        assert store.query("SELECT action FROM audit ORDER BY seq DESC LIMIT 1") == [("backup",)]
        assert copy_facts["audit"] == office_facts["audit"][:-1]
        for part in ("entries", "revisions", "attachments", "links", "users", "snapshot", "sync"):
            assert copy_facts[part] == office_facts[part], part
        assert audit.verify(copy).ok
    finally:
        copy.close()
    # The paper opens it when the password is lost; nobody else's password does.
    assert keyfile.KeyFile.load(keyfile.keyfile_path(saved)).unlock_recovery(paper.group(0)) == key
    with pytest.raises(WrongPassword):
        encryption.unlock_key(saved, "ayse", PASSWORD)
    code, out = koopbis(monkeypatch, capsys, "--db", str(saved), "audit", "verify", "--as", "admin")
    assert code == 0 and "sağlam" in out, out
    # Every password forgotten: the paper gives the admin a new one on the backup.
    monkeypatch.setenv("KOOPBIS_RECOVERY_KEY", paper.group(0))
    monkeypatch.setenv("KOOPBIS_NEW_PASSWORD", "yeni-parola-99")
    code, out = koopbis(monkeypatch, capsys, "--db", str(saved), "key", "reset", "--as", "admin")
    assert code == 0, out
    assert encryption.unlock_key(saved, "admin", "yeni-parola-99") == key


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_clerk_backs_up_the_office_under_their_own_password(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(store)
    code, out = koopbis(
        monkeypatch, capsys, "--db", db_arg(store), "backup", str(tmp_path / "y"), "--as", "ayse"
    )
    assert code == 0, out
    assert "yalnızca ayse parolasıyla" in out and "koopbis key recovery" in out
    saved = _only(tmp_path / "y")
    copy = open_store(saved, key=encryption.unlock_key(saved, "ayse", PASSWORD))
    try:
        assert transfer.row_counts(copy)["entries"] == 3
    finally:
        copy.close()


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_restore_fills_only_an_empty_office_database(
    store: Store,
    pg_cluster: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fill(store)
    code, out = koopbis(
        monkeypatch, capsys, "--db", db_arg(store), "backup", str(tmp_path / "y"), "--as", "admin"
    )
    assert code == 0, out
    saved = _only(tmp_path / "y")
    before = transfer.row_counts(store)
    copy = open_store(saved, key=encryption.unlock_key(saved, "admin", PASSWORD))
    try:
        backed_up = facts(copy)
    finally:
        copy.close()
    pristine = saved.read_bytes()

    code, out = koopbis(monkeypatch, capsys, "--db", db_arg(store), "restore", str(saved), "--as", "admin")
    assert code == 4, out
    assert "boş değil" in out and "koopbis copy --from YEDEK" in out
    assert transfer.row_counts(store) == before

    pg_cluster.create_database("bos_ofis")
    try:
        empty = parse_location(pg_cluster.url("bos_ofis"))
        assert isinstance(empty, OfficeUrl)
        code, out = koopbis(monkeypatch, capsys, "--db", empty.url, "restore", str(saved), "--as", "admin")
        assert code == 0, out
        restored = open_store(empty)
        try:
            assert audit.verify(restored).ok
            now = facts(restored)
            for part in ("entries", "revisions", "attachments", "links", "users", "snapshot", "sync"):
                assert now[part] == backed_up[part], part
            # The backup's chain, then the admin's sign-in on it and the copy's own row.
            assert now["audit"][: len(backed_up["audit"])] == backed_up["audit"]
            assert [a for _, a, _ in now["audit"][len(backed_up["audit"]) :]] == ["login", "copy_to"]
        finally:
            restored.close()
        # The backup file itself was not written to: the sign-in went into a copy of it.
        assert saved.read_bytes() == pristine
    finally:
        pg_cluster.drop_database("bos_ofis")


def test_a_sealed_slot_opens_only_with_its_own_paper(tmp_path: Path) -> None:
    paper, published = keyfile.new_sealing_key()
    later_paper, _ = keyfile.new_sealing_key()
    key = keyfile.new_key()
    keys = keyfile.KeyFile.create(tmp_path / "yedek.sqlite.keys", key)
    keys.put_sealed(keyfile.RECOVERY_SLOT, key, published)
    keys.save()
    loaded = keyfile.KeyFile.load(tmp_path / "yedek.sqlite.keys")
    # The published half holds no secret: the slot opens with the digits, typed any way.
    assert "public" in published and paper.replace("-", "") not in str(published)
    assert loaded.unlock_recovery(paper.replace("-", " ")) == key
    with pytest.raises(WrongPassword):
        loaded.unlock_recovery(later_paper)
    # A sealed slot is not a password slot: the recovery digits do not open it under another name.
    loaded.slots[keyfile.user_slot("admin")] = loaded.slots[keyfile.RECOVERY_SLOT]
    with pytest.raises(WrongPassword):
        loaded.unlock("admin", paper)
