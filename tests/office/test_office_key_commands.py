"""``koopbis key`` on the office database: status says what guards it, rotate says it is not for it."""

from __future__ import annotations

import json

import pytest

from koopbis_desktop.store.db import Store
from tests.conftest import db_arg
from tests.office.test_copy import fill, koopbis


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_key_status_on_the_office_database_says_what_guards_it(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(store)
    code, out = koopbis(monkeypatch, capsys, "--db", db_arg(store), "key", "status", "--as", "admin")
    assert code == 0, out
    assert "Ofis veritabanı:" in out and "TLS" in out and "koopbis key recovery" in out
    assert "test-superuser-parola" not in out and "Beklenmeyen" not in out
    code, out = koopbis(
        monkeypatch, capsys, "--db", db_arg(store), "--json", "key", "status", "--as", "admin"
    )
    assert code == 0, out
    told = json.loads(out)
    assert told["office"] is True and told["key_file"] is None and told["accounts_with_slot"] == []


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
@pytest.mark.expect_log(r"command failed", logger="koopbis.cli")
def test_key_rotate_on_the_office_database_is_refused_in_words(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(store)
    code, out = koopbis(monkeypatch, capsys, "--db", db_arg(store), "key", "rotate", "--as", "admin")
    assert code == 2, out
    assert "ofis veritabanının anahtarı yoktur" in out and "Beklenmeyen" not in out
