"""The ``koopbis`` contract a person or a script relies on: how a command ends (Ctrl-D at a
question, a pipe closed by ``head``), one JSON document per command under ``--json``, the words
of a missing sub-command."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, MemoryKeyring, add_people, held_by_another_program, member_admission

CANCELLED = "İptal edildi; yarım kalan işlem kaydedilmedi."


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "KOOPBIS_LOG_DIR": str(tmp_path / "logs"), "XDG_DATA_HOME": str(tmp_path / "data")}
    for name in ("KOOPBIS_PASSWORD", "KOOPBIS_DB", "KOOPBIS_LANG", "KOOPBIS_NEW_PASSWORD"):
        env.pop(name, None)
    return env


def _at_a_terminal(argv: list[str], env: dict[str, str], stdout: Path, answer_to: str) -> tuple[int, str]:
    """Run ``koopbis argv`` on a terminal of its own (its standard output into ``stdout``); when
    ``answer_to`` shows on the terminal, press Ctrl-D. The exit code and what the terminal showed."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty, as at a real prompt
        try:
            out = os.open(stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(out, 1)
            os.execve(sys.executable, [sys.executable, "-m", "koopbis_desktop.cli", *argv], env)
        finally:
            os._exit(127)
    shown = b""
    pressed = False
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child has gone: the terminal is closed
                break
            if not chunk:
                break
            shown += chunk
            if not pressed and answer_to.encode() in shown:
                os.write(fd, b"\x04")  # Ctrl-D at the start of a line: end of input
                pressed = True
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    assert pressed, shown.decode(errors="replace")
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")


@pytest.mark.sqlite_only
def test_ctrl_d_at_a_password_prompt_cancels_as_ctrl_c_does(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    """Was "Beklenmeyen bir hata oluştu…" (an EOFError from getpass) and a logged traceback."""
    env = _env(tmp_path)
    out = tmp_path / "stdout.txt"
    code, shown = _at_a_terminal(
        ["--db", str(store.path), "user", "list", "--as", "admin"], env, out, "admin parolası:"
    )
    assert code == 1, shown
    assert CANCELLED in shown and "Beklenmeyen" not in shown and "Traceback" not in shown
    assert out.read_text() == ""
    logged = (tmp_path / "logs" / "koopbis-cli.log").read_text()
    assert "EOFError" not in logged and "unexpected error" not in logged

    code, shown = _at_a_terminal(
        ["--db", str(store.path), "user", "list", "--as", "admin", "--json"], env, out, "admin parolası:"
    )
    assert code == 1, shown
    assert json.loads(out.read_text()) == {"ok": False, "exit_code": 1, "errors": [{"message": CANCELLED}]}


@pytest.mark.sqlite_only
def test_ctrl_d_at_the_koopbis_password_question_ends_the_sync_in_words(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    """``koopbis sync`` asks KOOP-BİS's password on a terminal: Ctrl-D there was "Beklenmeyen bir
    hata" (exit 1); it now says no password was typed and nothing was sent, and the entry waits."""
    from tests.sync.conftest import approved_admission, live_server, seed_snapshot

    entry = approved_admission(store, people, seed_snapshot(store, 5)[0]["id"], 0)
    env = {**_env(tmp_path), "KOOPBIS_PASSWORD": PASSWORD}  # the account's: asked is KOOP-BİS's
    (tmp_path / "server").mkdir()
    with live_server(tmp_path / "server", 5) as server:
        code, shown = _at_a_terminal(
            ["--db", str(store.path), "sync", "--once", "--server", server.url, "--as", "sef"],
            env,
            tmp_path / "stdout.txt",
            "KOOP-BİS parolası (",
        )
    said = shown + (tmp_path / "stdout.txt").read_text()
    assert code == 4, said
    assert "KOOP-BİS parolası girilmedi" in said and "eşitleme yapılmadı" in said, said
    assert "Beklenmeyen" not in said and "Traceback" not in said
    assert entries.get_entry(store, entry.uuid).state.value == "approved"


@pytest.mark.parametrize("json_option", [[], ["--json"]])
def test_a_pipe_closed_by_the_reader_ends_quietly(tmp_path: Path, json_option: list[str]) -> None:
    """``koopbis types | head -1``: was "Beklenmeyen bir hata" (exit 1) or, under ``--json``, a
    traceback from the error handler writing to the closed pipe again."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line: every write finds the pipe closed
    try:
        done = subprocess.run(
            [sys.executable, "-m", "koopbis_desktop.cli", "types", *json_option],
            env=_env(tmp_path),
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 141, done.stderr  # 128 + SIGPIPE, as the shell reports for `cat`
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("argv", "internal", "named"),
    [
        (["key"], "key_command", "{status,encrypt,recovery,rotate,reset,remember}"),
        (["--lang", "en", "office"], "office_command", "{init,grants,upgrade,forget}"),
        (["user"], "user_command", "{add,list,disable,enable,unlock,passwd}"),
        ([], "command", "{init,user,"),
    ],
)
def test_a_missing_sub_command_is_named_by_its_choices(
    argv: list[str], internal: str, named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``koopbis key`` said "şu argümanlar gerekli: key_command", a name only the code knows."""
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert named in error and internal not in error, error


@pytest.mark.sqlite_only
@pytest.mark.expect_log("salt okunur")
def test_user_list_and_key_status_read_a_read_only_database(
    store: Store,
    people: dict[str, Actor],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """They only read, as the README promises of such commands, but asked for a writable file."""
    store.checkpoint()
    store.close()
    before = store.path.read_bytes()
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    db = ["--db", str(store.path), "--as", "admin", "--json"]
    # Neither the file nor its folder (where the write-ahead log would go) can be written.
    with held_by_another_program(store.path), held_by_another_program(store.path.parent):
        assert main([*db, "user", "list"]) == 0, capsys.readouterr()
        listed = json.loads(capsys.readouterr().out)
        assert {u["username"] for u in listed} == {"admin", "ayse", "mehmet", "sef", "sef2"}
        assert main([*db, "key", "status"]) == 0, capsys.readouterr()
        status = json.loads(capsys.readouterr().out)
        assert status["database"] == str(store.path) and status["encrypted"] is False
        # A command that writes is still refused, in words.
        assert main([*db, "user", "disable", "mehmet"]) == 1
        refusal = json.loads(capsys.readouterr().out)
        assert refusal["ok"] is False and "Beklenmeyen" not in refusal["errors"][0]["message"]
    assert store.path.read_bytes() == before


def test_user_commands_print_one_json_document_under_json(
    store: Store,
    people: dict[str, Actor],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``user add|disable|enable|unlock|passwd --json`` printed their Turkish sentence on standard output."""
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    monkeypatch.setenv("KOOPBIS_NEW_PASSWORD", "yeni-parola-5678")
    db = ["--db", str(store.path), "--as", "admin", "--json"]

    def document(*argv: str) -> Any:
        assert main([*db, "user", *argv]) == 0
        return json.loads(capsys.readouterr().out)  # exactly one document, nothing else

    added = document("add", "veli", "--role", "clerk", "--full-name", "Veli Öz")
    assert added == {
        "username": "veli",
        "full_name": "Veli Öz",
        "role": "clerk",
        "active": True,
        "locked_until": None,
    }
    assert document("disable", "veli")["active"] is False
    assert document("enable", "veli")["active"] is True
    assert document("unlock", "veli")["locked_until"] is None
    assert document("passwd", "veli")["username"] == "veli"
    assert accounts.login(store, "veli", "yeni-parola-5678").username == "veli"
    # Without --json the sentence stays.
    assert main(["--db", str(store.path), "--as", "admin", "user", "disable", "veli"]) == 0
    assert capsys.readouterr().out == "veli hesabı kapatıldı.\n"


def test_entry_moves_print_json_and_name_the_entry_by_its_number(
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``entry submit|approve --json`` printed "ceab51c0-…: Onay bekliyor."; a person knows the number."""
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    db = ["--db", str(store.path)]
    data = json.dumps(member_admission(3), ensure_ascii=False)
    add = ["entry", "add", "--type", "member.admit", "--cooperative", "06-900001", "--data", data]
    assert main([*db, "--as", "ayse", *add, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main([*db, "--as", "ayse", "entry", "submit", first["id"], "--json"]) == 0
    submitted = json.loads(capsys.readouterr().out)
    assert (submitted["id"], submitted["state"]) == (first["id"], "submitted")
    assert main([*db, "--as", "sef", "entry", "approve", first["id"], "--comment", "Tamam", "--json"]) == 0
    approved = json.loads(capsys.readouterr().out)
    assert (approved["id"], approved["state"], approved["approver"]) == (first["id"], "approved", "sef")

    assert main([*db, "--as", "ayse", *add]) == 0
    second = capsys.readouterr().out.strip()  # entry add prints the uuid, for scripts
    number = entries.get_entry(store, second).number
    assert number
    assert main([*db, "--as", "ayse", "entry", "submit", second]) == 0
    assert capsys.readouterr().out == f"{number}: Onay bekliyor.\n"
    assert main([*db, "--as", "sef", "entry", "return", second, "--comment", "Karar no eksik"]) == 0
    assert capsys.readouterr().out.startswith(f"{number}: ")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


def test_key_commands_in_english_and_as_json(
    encrypted_store: Store,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``key status|rotate|encrypt`` spoke Turkish under ``--lang en`` and ignored ``--json``."""
    add_people(encrypted_store)
    path = encrypted_store.path
    encrypted_store.close()
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    db = ["--db", str(path), "--as", "admin", "--lang", "en"]

    assert main([*db, "key", "status"]) == 0
    shown = capsys.readouterr().out
    assert f"Encrypted (SQLCipher 4): {path}" in shown and "Accounts that can open the key: " in shown
    assert "Şifreli" not in shown and "Anahtar" not in shown

    assert main([*db, "key", "encrypt"]) == 0
    assert capsys.readouterr().out == f"{path} is already encrypted.\n"

    assert main([*db, "key", "rotate"]) == 0
    shown = capsys.readouterr().out
    assert "[  5%] Checking the database…" in shown and "Re-encrypted with a new key: " in shown
    assert "RECOVERY KEY (shown only now;" in shown
    assert not any(letter in shown for letter in "şğıŞĞİ"), shown

    assert main([*db, "key", "rotate", "--json"]) == 0
    rotated = capsys.readouterr()
    document = json.loads(rotated.out)  # the progress went to stderr
    assert document["database"] == str(path) and document["rows"] > 0 and document["recovery_key"]
    assert "[100%] " in rotated.err
    assert main([*db, "key", "recovery", "--json"]) == 0
    recovery = json.loads(capsys.readouterr().out)
    assert recovery["office"] is False and recovery["recovery_key"] != document["recovery_key"]


def test_key_remember_forget_says_what_really_happened(
    encrypted_store: Store,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``key remember --forget`` said "… silindi." when nothing was stored (or there was no keyring)."""
    add_people(encrypted_store)
    db = ["--db", str(encrypted_store.path)]
    encrypted_store.close()
    forget = [*db, "key", "remember", "--forget", "--as", "sef"]

    assert main(forget) == 0
    assert capsys.readouterr().out == (
        "sef hesabının parolası bu bilgisayarın anahtar zincirinde saklı değildi; silinecek bir şey yok.\n"
    )
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main([*db, "key", "remember", "--as", "sef", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"username": "sef", "remembered": True}
    assert memory_keyring.secrets == {("koopbis-desktop", "hesap:sef"): PASSWORD}
    monkeypatch.delenv("KOOPBIS_PASSWORD")
    assert main(forget) == 0
    assert capsys.readouterr().out == "sef hesabının parolası bu bilgisayarın anahtar zincirinden silindi.\n"
    assert memory_keyring.secrets == {}
    assert main([*forget, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"username": "sef", "forgotten": False}

    # No keyring on this PC at all: nothing was there to delete, and nothing claims otherwise.
    keyring.set_keyring(FailKeyring())
    assert main(forget) == 0
    assert "saklı değildi" in capsys.readouterr().out
