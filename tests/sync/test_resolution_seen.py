"""A conflict decision carries what the supervisor was shown, on several PCs sharing one queue.

The entry's revision and the audit row of the conflict (``Seen``) go with every decision; one
taken on a conflict the entry no longer has — decided on another PC, re-sent and refused again
with other KOOP-BİS values — is refused in plain Turkish, and two supervisors deciding the same
conflict at once: one wins, the other is told who was faster. Real sync over loopback, both engines.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import MovedMeanwhile
from tests.conftest import PASSWORD, beside_a_held_change, db_arg
from tests.sync.conftest import LiveServer, approved_update, head_office, seed_snapshot, sync_now


@pytest.fixture
def recs(store: Store, server: LiveServer) -> list[dict[str, Any]]:
    return seed_snapshot(store, 6)


def title_conflict(store: Store, server: LiveServer, people: dict[str, Actor], coop: str) -> str:
    entry = approved_update(store, people, coop, title="Yerel Unvan Konut Yapı Kooperatifi")
    head_office(server, coop, title="Merkezin İlk Unvanı")
    sync_now(store, server)
    assert entries.get_entry(store, entry.uuid).state == State.CONFLICT
    return entry.uuid


def came_back_with_a_new_conflict(
    store: Store, server: LiveServer, people: dict[str, Actor], coop: str, uuid: str
) -> None:
    """Another supervisor keeps the local entry; before it reaches KOOP-BİS the head office
    changes the title again, so it comes back in conflict with other values."""
    resolution.keep_local(
        store, people["sef2"], uuid, "Tutanak yereldekini gösteriyor", seen=resolution.seen_now(store, uuid)
    )
    head_office(server, coop, title="Merkezin İkinci Unvanı")
    sync_now(store, server)
    assert entries.get_entry(store, uuid).state == State.CONFLICT


def decisions(store: Store, uuid: str) -> list[dict[str, Any]]:
    return [
        r
        for r in entries.audit_rows(store, uuid)
        if str(r["action"]).startswith("resolve") or r["action"] == "return_rejected"
    ]


@pytest.mark.parametrize("decision", ["keep", "take", "merge", "return"])
def test_a_decision_on_a_conflict_that_came_back_with_other_values_is_refused(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor], decision: str
) -> None:
    coop = recs[0]["id"]
    uuid = title_conflict(store, server, people, coop)
    shown = resolution.seen_now(store, uuid)  # what Şükrü's dialog shows
    came_back_with_a_new_conflict(store, server, people, coop, uuid)
    before = entries.get_entry(store, uuid)
    trail = entries.audit_rows(store, uuid)

    reason = "Merkezin ilk unvanı doğru"
    with pytest.raises(resolution.ConflictChanged) as refused:
        if decision == "keep":
            resolution.keep_local(store, people["sef"], uuid, reason, seen=shown)
        elif decision == "take":
            resolution.take_server(store, people["sef"], uuid, reason, seen=shown)
        elif decision == "merge":
            resolution.merge(store, people["sef"], uuid, {"title": "server"}, reason, seen=shown)
        else:
            resolution.return_to_clerk(store, people["sef"], uuid, reason, seen=shown)
    message = refused.value.message
    assert "Gördüğünüz çakışma artık geçerli değil" in message
    assert "sef2: yerel kaydı koruma" in message  # who decided what meanwhile
    label = {"keep": "yerel kaydı koruma", "take": "KOOP-BİS'tekini kabul etme", "merge": "alan alan"}
    assert f"İşleminiz ({label.get(decision, 'memura iade')}" in message  # and what was not done
    assert "KOOP-BİS yeni bir çakışma bildirdi" in message
    assert "Unvan: «Merkezin İlk Unvanı» yerine «Merkezin İkinci Unvanı»" in message
    assert "uygulanmadı" in message and "yeniden bakıp karar verin" in message
    # Nothing moved: the entry, its revisions and its audit trail are as the new conflict left them.
    assert entries.get_entry(store, uuid) == before
    assert entries.audit_rows(store, uuid) == trail

    # Shown the new conflict, the same decision goes through.
    now = resolution.seen_now(store, uuid)
    assert now != shown and now.revision == 2
    resolution.take_server(store, people["sef"], uuid, reason, seen=now)
    assert entries.get_entry(store, uuid).state == State.DISCARDED
    assert decisions(store, uuid)[-1]["details"]["server"] == {"title": "Merkezin İkinci Unvanı"}
    assert audit.verify(store.conn).ok


def test_a_decision_without_what_was_shown_is_refused_and_says_how(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    uuid = title_conflict(store, server, people, recs[1]["id"])
    with pytest.raises(resolution.ConflictChanged, match="koopbis conflicts show"):
        resolution.take_server(store, people["sef"], uuid, "gerekçe", seen=None)
    with pytest.raises(resolution.ConflictChanged, match="--seen"):
        resolution.return_to_clerk(store, people["sef"], uuid, "gerekçe", seen=None)
    with pytest.raises(ValidationFailed, match="anlaşılamadı"):
        resolution.Seen.parse("üç")
    assert resolution.Seen.parse(" 3-1234 ") == resolution.Seen(3, 1234)
    assert entries.get_entry(store, uuid).state == State.CONFLICT


def test_a_decision_on_a_conflict_already_decided_names_who_and_the_state_in_turkish(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    uuid = title_conflict(store, server, people, recs[2]["id"])
    shown = resolution.seen_now(store, uuid)
    resolution.take_server(store, people["sef2"], uuid, "Merkez doğru", seen=shown)
    with pytest.raises(resolution.ConflictChanged) as refused:
        resolution.keep_local(store, people["sef"], uuid, "Yerel doğru", seen=shown)
    message = refused.value.message
    assert "sef2" in message and "KOOP-BİS'tekini kabul etme" in message
    assert "'Vazgeçildi' durumunda" in message and "discarded" not in message
    assert len(decisions(store, uuid)) == 1


def test_two_supervisors_deciding_the_same_conflict_at_once_one_wins_the_other_is_told_who(
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    uuid = title_conflict(store, server, people, recs[3]["id"])
    shown = resolution.seen_now(store, uuid)  # both dialogs show the same conflict
    first, second = beside_a_held_change(
        store,
        monkeypatch,
        lambda pc: resolution.take_server(pc, people["sef2"], uuid, "Merkez doğru", seen=shown),
        lambda pc: resolution.merge(
            pc, people["sef"], uuid, {"title": {"value": "Elle Yazılan Unvan"}}, "Tutanağa göre", seen=shown
        ),
    )
    assert not isinstance(first, Exception), first
    assert isinstance(second, MovedMeanwhile | resolution.ConflictChanged), second
    assert "sef2" in second.message and "uygulanmadı" in second.message
    assert entries.get_entry(store, uuid).state == State.DISCARDED
    assert [d["actor"] for d in decisions(store, uuid)] == ["sef2"]
    assert len(entries.revisions(store, uuid)) == 1  # the loser's merge stored no revision
    assert audit.verify(store.conn).ok


def test_cli_shows_what_it_shows_and_refuses_a_decision_on_another_conflict(
    store: Store,
    server: LiveServer,
    recs: list[dict[str, Any]],
    people: dict[str, Actor],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    coop = recs[4]["id"]
    uuid = title_conflict(store, server, people, coop)
    db = ["--db", db_arg(store)]
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main([*db, "--as", "sef", "conflicts", "show", uuid]) == 0
    token = resolution.seen_now(store, uuid).token
    assert f"Gösterilen çakışma: {token}" in capsys.readouterr().out
    assert main([*db, "--as", "sef", "conflicts", "show", uuid, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["seen"] == token

    resolve = [*db, "conflicts", "resolve", uuid, "--as", "sef", "--take", "server", "--reason", "Merkez"]
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main(resolve) == 4  # without --seen: told to look first
    assert "koopbis conflicts show" in capsys.readouterr().err
    came_back_with_a_new_conflict(store, server, people, coop, uuid)
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main([*resolve, "--seen", token]) == 4
    err = capsys.readouterr().err
    assert "Gördüğünüz çakışma artık geçerli değil" in err and "Traceback" not in err
    assert entries.get_entry(store, uuid).state == State.CONFLICT
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    assert main([*resolve, "--seen", resolution.seen_now(store, uuid).token, "--json"]) == 0
    assert entries.get_entry(store, uuid).state == State.DISCARDED
    told = json.loads(capsys.readouterr().out)  # one document under --json, not a sentence
    assert told["id"] == uuid and told["state"] == State.DISCARDED.value
