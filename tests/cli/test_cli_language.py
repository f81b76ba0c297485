"""The CLI's language: ``--lang``, else ``KOOPBIS_LANG``, else the ``language`` setting, else Turkish."""

from __future__ import annotations

import json

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
