"""Bad input to a conflict decision is refused in plain Turkish and changes nothing (both engines)."""

from __future__ import annotations

from typing import Any

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, db_arg
from tests.sync.conftest import LiveServer, approved_update, head_office, seed_snapshot, sync_now

LOCAL_TITLE = "Yerel Unvan Konut Yapı Kooperatifi"


@pytest.fixture
def conflict(store: Store, server: LiveServer, people: dict[str, Actor]) -> str:
    coop = seed_snapshot(store, 2)[0]["id"]
    entry = approved_update(store, people, coop, title=LOCAL_TITLE, phone="3124440000")
    head_office(server, coop, title="Merkezin Unvanı", phone="3125550000")
    sync_now(store, server)
    assert entries.get_entry(store, entry.uuid).state == State.CONFLICT
    return entry.uuid


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_an_empty_typed_value_is_refused_instead_of_dropping_the_clerks_change(
    store: Store, people: dict[str, Actor], conflict: str, typed: Any
) -> None:
    """``{"value": ""}`` for a clashing field took the field out of the entry: the clerk's title
    was dropped, the entry approved and sent without it, and nobody was told."""
    before = entries.get_entry(store, conflict)
    with pytest.raises(ValidationFailed) as refused:
        resolution.merge(
            store,
            people["sef"],
            conflict,
            {"title": {"value": typed}, "phone": "local"},
            "Elle düzeltildi",
            seen=resolution.seen_now(store, conflict),
        )
    text = " ".join([refused.value.message, *(i.message for i in refused.value.issues)])
    assert "Unvan" in text and "boş" in text and "server" in text
    assert entries.get_entry(store, conflict) == before
    assert before.payload["title"] == LOCAL_TITLE


def test_cli_names_the_option_that_is_not_json(
    store: Store,
    people: dict[str, Actor],
    conflict: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    token = resolution.seen_now(store, conflict).token
    args = ["--db", db_arg(store), "--as", "sef", "conflicts", "resolve", conflict, "--take", "merge"]
    assert main([*args, "--fields", "{title: server}", "--reason", "r", "--seen", token]) == 3
    err = capsys.readouterr().err
    assert "--fields geçerli JSON değil" in err and "--data" not in err
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main([*args, "--fields", '["title"]', "--reason", "r", "--seen", token]) == 3
    err = capsys.readouterr().err
    assert "--fields bir JSON nesnesi olmalıdır" in err and "--data" not in err
    assert entries.get_entry(store, conflict).state == State.CONFLICT


def test_cli_shows_a_duplicate_registration_and_links_it(
    store: Store,
    server: LiveServer,
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``conflicts show`` of a registration KOOP-BİS already has ended in an internal error."""
    from tests.sync.test_resolution import duplicate_registration

    existing = seed_snapshot(store, 3)[2]
    reg = duplicate_registration(store, people, existing)
    sync_now(store, server)
    assert entries.get_entry(store, reg.uuid).state == State.CONFLICT
    db = ["--db", db_arg(store), "--as", "sef2"]
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main([*db, "conflicts", "show", reg.uuid]) == 0
    out = capsys.readouterr().out
    token = resolution.seen_now(store, reg.uuid).token
    assert "Mükerrer" in out and f"Gösterilen çakışma: {token}" in out
    assert "Faal" in out and "active" not in out  # KOOP-BİS's record in words
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    link = ["conflicts", "link", reg.uuid, existing["id"], "--reason", "Zaten kayıtlı", "--seen", token]
    assert main([*db, *link]) == 0
    assert entries.get_entry(store, reg.uuid).state == State.DISCARDED


def test_cli_list_speaks_turkish(
    store: Store,
    people: dict[str, Actor],
    conflict: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``conflicts list`` printed the kind as the program names it ("conflict", "duplicate")."""
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main(["--db", db_arg(store), "--as", "sef", "conflicts", "list"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    entry = entries.get_entry(store, conflict)
    assert entry.label in line and "Çakışma" in line and "Unvan" in line
    assert " conflict " not in line


def test_a_field_name_the_merge_cannot_choose_is_answered_with_those_it_can(
    store: Store, people: dict[str, Actor], conflict: str
) -> None:
    """``{"Unvan": "server"}`` was answered "'Unvan' alanı bu çakışmada seçilemez." and no more:
    which names would do was left to guess."""
    with pytest.raises(ValidationFailed) as refused:
        resolution.merge(
            store,
            people["sef"],
            conflict,
            {"Unvan": "server"},
            "Merkez doğru",
            seen=resolution.seen_now(store, conflict),
        )
    (issue,) = refused.value.issues
    assert "'Unvan'" in issue.message
    assert "title (Unvan)" in issue.message and "phone (Telefon)" in issue.message
    assert entries.get_entry(store, conflict).state == State.CONFLICT


def test_cli_prints_which_fields_a_merge_can_choose(
    store: Store,
    people: dict[str, Actor],
    conflict: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    token = resolution.seen_now(store, conflict).token
    args = ["--db", db_arg(store), "--as", "sef", "conflicts", "resolve", conflict, "--take", "merge"]
    assert main([*args, "--fields", '{"Unvan": "server"}', "--reason", "r", "--seen", token]) == 3
    assert "Seçilebilecek alanlar: " in capsys.readouterr().err
