"""``koopbis user list`` names a lockout in the command's language, and only while it lasts."""

from __future__ import annotations

import contextlib
import io
from datetime import timedelta

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts
from koopbis_desktop.services.errors import LoginFailed
from koopbis_desktop.store import users
from koopbis_desktop.store.clock import now
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD


def _lock(store: Store, username: str, *, ago: timedelta = timedelta(0)) -> None:
    for _ in range(users.MAX_FAILED_ATTEMPTS):
        with contextlib.suppress(LoginFailed):
            accounts.login(store, username, "yanlış-parola", at=now() - ago)


def _listed(store: Store, *options: str) -> dict[str, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(store.path), *options, "user", "list", "--as", "admin"]) == 0
    return {line.split()[0]: line for line in out.getvalue().splitlines()}


def test_a_lockout_is_named_in_the_commands_language_and_only_while_it_lasts(
    store: Store, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    _lock(store, "ayse")
    _lock(store, "mehmet", ago=users.LOCKOUT + timedelta(minutes=1))  # ran out a minute ago
    turkish = _listed(store)
    assert ", kilitli (" in turkish["ayse"] and "UTC'ye kadar)" in turkish["ayse"]
    assert "kilitli" not in turkish["mehmet"]
    english = _listed(store, "--lang", "en")
    assert ", locked (until " in english["ayse"] and "kilitli" not in english["ayse"]
    assert "locked" not in english["mehmet"]
