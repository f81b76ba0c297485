"""The CLI's language: ``--lang``, else ``KOOPBIS_LANG``, else the ``language`` setting, else Turkish.

It holds for the messages and for ``--help`` and usage errors alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import settings
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD


def _admit_label(store: Store, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["--db", str(store.path), "types", "--json", *extra]) == 0
    types = json.loads(capsys.readouterr().out)
    return str(next(t["label"] for t in types if t["id"] == "member.admit"))


def test_turkish_unless_told(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert _admit_label(store, capsys) == "Ortaklığa giriş"
    assert i18n.language() == "tr"


def test_lang_option_before_or_after_the_command(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert _admit_label(store, capsys, "--lang", "en") == "Admission of a member"
    assert main(["--lang", "en", "--db", str(store.path), "types"]) == 0
    out = capsys.readouterr().out
    assert "member.leave           Leaving membership" in out
    assert "Reason for leaving" in out and "Ortaklıktan" not in out


def test_environment_then_setting(
    store: Store,
    people: dict[str, Actor],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOOPBIS_LANG", "en")
    assert _admit_label(store, capsys) == "Admission of a member"
    assert _admit_label(store, capsys, "--lang", "tr") == "Ortaklığa giriş"
    monkeypatch.delenv("KOOPBIS_LANG")
    settings.update(store, people["admin"], {"language": "en"})
    assert _admit_label(store, capsys) == "Admission of a member"
    monkeypatch.setenv("KOOPBIS_LANG", "tr")
    assert _admit_label(store, capsys) == "Ortaklığa giriş"


def test_a_refusal_in_english(
    store: Store,
    people: dict[str, Actor],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    missing = "00000000-0000-0000-0000-000000000000"
    args = ["--db", str(store.path), "--lang", "en", "entry", "show", missing, "--as", "ayse"]
    assert main(args) == 5
    err = capsys.readouterr().err
    assert f"Entry not found: {missing}" in err, err


# --- The help follows the same choice: the language is known before the parser is built. ---------

ENGLISH_TOP = ("administration and automation commands", "user accounts", "print the version and exit")
TURKISH_TOP = ("yönetim ve otomasyon komutları", "kullanıcı hesapları", "sürümü yaz ve çık")
ENGLISH_USER = ("list the accounts", "--as USER", "database file (default: KOOPBIS_DB")
TURKISH_USER = ("hesapları listele", "--as KULLANICI", "veritabanı dosyası (varsayılan: KOOPBIS_DB")
# argparse's own words follow the language too.
ENGLISH_FRAME = (
    "usage: koopbis user",
    "options:",
    "-h, --help            show this help message and exit",
    "--db PATH",
)
TURKISH_FRAME = (
    "kullanım: koopbis user",
    "seçenekler:",
    "-h, --help            bu yardımı göster ve çık",
    "--db YOL",
)


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    assert done.value.code == 0
    return capsys.readouterr().out


def _in_english(out: str, english: tuple[str, ...], turkish: tuple[str, ...]) -> None:
    for phrase in english:
        assert phrase in out, out
    for phrase in turkish:
        assert phrase not in out, out


def test_help_in_english_with_lang(capsys: pytest.CaptureFixture[str]) -> None:
    _in_english(_help(capsys, "--lang", "en", "--help"), ENGLISH_TOP, TURKISH_TOP)
    _in_english(_help(capsys, "--lang", "en", "user", "--help"), ENGLISH_USER, TURKISH_USER)
    # --lang after the sub-command, even after --help, counts too.
    _in_english(_help(capsys, "user", "--help", "--lang", "en"), ENGLISH_USER, TURKISH_USER)
    out = _help(capsys, "--lang", "en", "entry", "edit", "--help")
    assert "the revision the edit is based on" in out and "JSON|@FILE" in out
    assert "düzeltmenin" not in out and "DOSYA" not in out


def test_help_in_turkish_unless_told(capsys: pytest.CaptureFixture[str]) -> None:
    _in_english(_help(capsys, "--help"), TURKISH_TOP, ENGLISH_TOP)
    _in_english(_help(capsys, "user", "--help"), TURKISH_USER + TURKISH_FRAME, ENGLISH_USER + ENGLISH_FRAME)
    assert i18n.language() == "tr"


def test_argparse_words_follow_the_language_within_one_process(capsys: pytest.CaptureFixture[str]) -> None:
    """Turkish, then English, then Turkish again: each help and usage error in its own language."""
    _in_english(_help(capsys, "user", "--help"), TURKISH_FRAME, ENGLISH_FRAME)
    _in_english(_help(capsys, "--lang", "en", "user", "--help"), ENGLISH_FRAME, TURKISH_FRAME)
    _in_english(_help(capsys, "user", "--help"), TURKISH_FRAME, ENGLISH_FRAME)
    refusals = {
        ("entry", "show"): ("şu argümanlar gerekli: id", "the following arguments are required: id"),
        ("nosuch",): ("geçersiz seçim: 'nosuch' (şunlardan biri olmalı: 'init'", "invalid choice: 'nosuch'"),
        ("user", "list", "--bogus"): ("tanınmayan argümanlar: --bogus", "unrecognized arguments: --bogus"),
    }
    for argv, (turkish, english) in refusals.items():
        for lang, expected, foreign in (("tr", turkish, english), ("en", english, turkish)):
            with pytest.raises(SystemExit) as done:
                main(["--lang", lang, *argv])
            assert done.value.code == 2
            err = capsys.readouterr().err
            assert expected in err and foreign not in err, err
            assert err.startswith("kullanım: koopbis" if lang == "tr" else "usage: koopbis"), err


def test_help_in_english_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOOPBIS_LANG", "en")
    _in_english(_help(capsys, "--help"), ENGLISH_TOP, TURKISH_TOP)
    _in_english(_help(capsys, "user", "--help"), ENGLISH_USER, TURKISH_USER)
    # --lang still wins over the environment.
    _in_english(_help(capsys, "user", "--help", "--lang", "tr"), TURKISH_USER, ENGLISH_USER)


def test_help_in_the_database_language(
    store: Store, people: dict[str, Actor], capsys: pytest.CaptureFixture[str]
) -> None:
    settings.update(store, people["admin"], {"language": "en"})
    _in_english(_help(capsys, "--db", str(store.path), "--help"), ENGLISH_TOP, TURKISH_TOP)
    _in_english(_help(capsys, "user", "--help", "--db", str(store.path)), ENGLISH_USER, TURKISH_USER)


def test_a_usage_error_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--lang", "en", "entry", "show"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "koopbis entry show: error:" in err and "--as USER" in err and "hata" not in err
    with pytest.raises(SystemExit) as done:
        main(["entry", "show"])
    assert done.value.code == 2
    assert "koopbis entry show: hata:" in capsys.readouterr().err


def test_an_unreadable_database_leaves_the_help_turkish(capsys: pytest.CaptureFixture[str]) -> None:
    # The setting cannot be read (no such scheme): the help is shown, the command would say why.
    _in_english(_help(capsys, "--db", "ftp://nowhere/koopbis", "--help"), TURKISH_TOP, ENGLISH_TOP)


def test_koopbis_lang_en_help_as_a_process(tmp_path: Path) -> None:
    env = {**os.environ, "KOOPBIS_LOG_DIR": str(tmp_path), "KOOPBIS_DB": str(tmp_path / "k.sqlite")}
    env.pop("KOOPBIS_LANG", None)
    done = subprocess.run(
        [sys.executable, "-m", "koopbis_desktop.cli", "--lang", "en", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    _in_english(done.stdout, ENGLISH_TOP, TURKISH_TOP)
