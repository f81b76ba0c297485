"""``koopbis office forget``: a PC whose office server is down goes back to working alone.

It says what it forgets (the address, the file, the keyring password, which file opens
instead), asks before doing it (or takes ``--yes``), and never connects to the office
database: the address here names a server that does not exist.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import keyring
import pytest

from koopbis_desktop import paths
from koopbis_desktop.cli import main
from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.services import secrets
from koopbis_desktop.store.location import OfficeUrl
from tests.conftest import MemoryKeyring

OFFICE = OfficeUrl("postgresql://koopbis_ofis@sunucu.invalid:5432/koopbis")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


class Terminal(io.StringIO):
    """Standard input as a person at a terminal types it."""

    def isatty(self) -> bool:
        return True


def test_forget_says_what_it_forgets_asks_and_leaves_this_pc_on_its_own_file(
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.remember_office(OFFICE)
    assert secrets.set_password(OFFICE.account_key, "rol-parolasi")
    own_file = paths.data_dir() / paths.DB_FILENAME

    # No one to ask (a script, a pipe): refused, nothing removed.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["office", "forget"]) == ExitCode.USAGE
    out, err = capsys.readouterr()
    assert OFFICE.display in out and str(paths.connection_file()) in out and str(own_file) in out
    assert "--yes" in err
    assert paths.database_location() == OFFICE

    # At a terminal, answering no keeps everything.
    monkeypatch.setattr("sys.stdin", Terminal("h\n"))
    monkeypatch.setattr("builtins.input", lambda prompt: "h")
    assert main(["office", "forget"]) == 0
    assert "Vazgeçildi" in capsys.readouterr().out
    assert paths.database_location() == OFFICE
    assert secrets.get_password(OFFICE.account_key) == "rol-parolasi"

    # Answering yes forgets the address and its password; the PC opens its own file again.
    asked: list[str] = []

    def say_yes(prompt: str) -> str:
        asked.append(prompt)
        return "e"

    monkeypatch.setattr("builtins.input", say_yes)
    assert main(["office", "forget"]) == 0
    out = capsys.readouterr().out
    assert asked == ["Unutulsun mu? [e/H] "]
    assert f"Ofis veritabanı unutuldu: {OFFICE.display}." in out
    assert "parola kasasından silindi" in out
    assert not paths.connection_file().exists()
    assert paths.remembered_office() is None and paths.database_location() == own_file
    assert secrets.get_password(OFFICE.account_key) is None

    # Nothing left to forget: said so, nothing asked.
    assert main(["office", "forget"]) == 0
    assert "program zaten kendi veritabanı dosyasıyla" in capsys.readouterr().out
    assert asked == ["Unutulsun mu? [e/H] "]


def test_forget_with_yes_asks_nothing_and_needs_no_keyring_entry(
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.remember_office(OFFICE)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["office", "forget", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"Ofis veritabanı unutuldu: {OFFICE.display}." in out
    assert "parola kasasından" not in out  # none was kept here
    assert paths.remembered_office() is None


def test_forget_under_json_prints_one_document(
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``office forget --yes --json`` printed its Turkish sentences on standard output."""
    paths.remember_office(OFFICE)
    assert secrets.set_password(OFFICE.account_key, "rol-parolasi")
    monkeypatch.setattr("sys.stdin", Terminal("h\n"))
    monkeypatch.setattr("builtins.input", lambda prompt: "h")
    assert main(["office", "forget", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == {"url": OFFICE.display, "forgotten": False, "password_removed": False}
    assert "Unutulsun mu? [e/H] " in err and "Vazgeçildi" in err  # the person still reads them
    assert paths.remembered_office() == OFFICE

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["office", "forget", "--yes", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == {"url": OFFICE.display, "forgotten": True, "password_removed": True}
    assert OFFICE.display in err
    assert paths.remembered_office() is None and secrets.get_password(OFFICE.account_key) is None
    assert main(["office", "forget", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"url": None, "forgotten": False, "password_removed": False}
