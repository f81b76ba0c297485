"""A scheduled ``koopbis sync --once --as esitleme`` opens an encrypted database with no one to ask.

The account's password is put in the OS keyring once (``koopbis key remember``); an
in-memory keyring stands in for the Windows Credential Manager / Secret Service.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backend
import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, MemoryKeyring, add_people


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.mark.expect_log(r"^command failed: Parola gerekli", logger="koopbis.cli")
def test_remembered_password_opens_the_encrypted_database_for_a_scheduled_run(
    encrypted_store: Store,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_people(encrypted_store)
    db = ["--db", str(encrypted_store.path)]
    encrypted_store.close()

    # Nothing remembered yet and no one to ask: refused in words, not a hang or a traceback.
    assert main([*db, "sync", "status", "--as", "sef"]) == 1
    assert "Parola gerekli" in capsys.readouterr().err

    monkeypatch.setenv("KOOPBIS_PASSWORD", "yanlis-parola-9")
    assert main([*db, "key", "remember", "--as", "sef"]) == 4
    assert memory_keyring.secrets == {}

    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main([*db, "key", "remember", "--as", "sef"]) == 0
    assert "anahtar zincirinde saklandı" in capsys.readouterr().out
    assert memory_keyring.secrets == {("koopbis-desktop", "hesap:sef"): PASSWORD}

    monkeypatch.delenv("KOOPBIS_PASSWORD")
    assert main([*db, "sync", "status", "--as", "sef"]) == 0
    assert "Kayıtlar:" in capsys.readouterr().out

    assert main([*db, "key", "remember", "--forget", "--as", "sef"]) == 0
    assert memory_keyring.secrets == {}
    assert main([*db, "sync", "status", "--as", "sef"]) == 1
