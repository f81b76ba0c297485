"""A conflict returned to the clerk: her correction goes out over KOOP-BİS's values, not the stale list's.

The offline list still holds the value KOOP-BİS had before the head office's change
(it is refreshed only when IT loads a new one). Before the fix, the clerk's save after
a return recaptured the base from that list, so the corrected entry met the very same
conflict again and the supervisor had to decide it twice.
"""

from __future__ import annotations

from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture, review
from koopbis_desktop.services import conflicts as resolution
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.store import audit, entries, snapshot
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from sync.refresh import refresh_snapshot
from tests.sync.conftest import (
    LiveServer,
    applied_keys,
    approved_update,
    client_for,
    head_office,
    seed_snapshot,
    sync_now,
)

LOCAL_TITLE = "Yerelde Düzeltilen Unvan Konut Yapı Kooperatifi"
HEAD_OFFICE_TITLE = "Genel Müdürlükçe Düzeltilmiş Unvan Konut Yapı Kooperatifi"
NEW_ADDRESS = "Yeni Mah. 12. Sok. No:4 Çankaya/Ankara"


@pytest.fixture
def recs(store: Store, server: LiveServer) -> list[dict[str, Any]]:
    return seed_snapshot(store, 20)


def returned_conflict(store: Store, server: LiveServer, people: dict[str, Actor], coop: str) -> Entry:
    """Ayşe's title change meets the head office's own: a conflict, returned to her with a note."""
    entry = approved_update(store, people, coop, title=LOCAL_TITLE)
    head_office(server, coop, title=HEAD_OFFICE_TITLE)
    sync_now(store, server)
    parked = entries.get_entry(store, entry.uuid)
    assert parked.state == State.CONFLICT and parked.outcome and parked.outcome["kind"] == "conflict"
    back = resolution.return_to_clerk(
        store,
        people["sef"],
        entry.uuid,
        "Adres de değişmeli; adresi ekleyip yeniden gönderin",
        seen=resolution.seen_now(store, entry.uuid),
    )
    assert back.state == State.RETURNED
    return back


def corrected_and_approved(store: Store, people: dict[str, Actor], entry: Entry) -> Entry:
    """Ayşe adds the address (another field) and sends it for approval; Şükrü approves."""
    edited = capture.edit_entry(
        store,
        people["ayse"],
        entry.uuid,
        {**entry.payload, "address": NEW_ADDRESS},
        loaded_revision=entry.revision,
    )
    capture.submit_entry(store, people["ayse"], entry.uuid)
    review.approve_entry(store, people["sef"], entry.uuid)
    return edited


def test_returned_conflict_corrected_by_the_clerk_is_accepted_without_a_second_conflict(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[0]["id"]
    back = returned_conflict(store, server, people, coop)
    listed = snapshot.get_record(store, coop)
    assert listed is not None and listed["title"] == recs[0]["title"]  # the list is still the old one

    edited = corrected_and_approved(store, people, back)
    # The title's base is what KOOP-BİS reported in the conflict; the new field's comes from the list.
    assert edited.base == {"title": HEAD_OFFICE_TITLE, "address": recs[0]["address"]}

    report = sync_now(store, server)
    done = entries.get_entry(store, back.uuid)
    assert done.state == State.SYNCED and done.receipt, done.outcome
    assert report.result.conflicts == 0 and report.result.applied == 1
    now = server.client().record(coop)
    assert now["title"] == LOCAL_TITLE and now["address"] == NEW_ADDRESS
    assert applied_keys(server).count(back.uuid) == 1
    # Exactly one conflict in the entry's history: the one the supervisor returned.
    actions = [r["action"] for r in entries.audit_rows(store, back.uuid)]
    assert actions.count("conflict") == 1 and "resolve_keep" not in actions
    assert audit.verify(store.conn).ok


def test_head_office_changing_the_field_again_after_the_conflict_is_a_new_conflict(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[1]["id"]
    back = returned_conflict(store, server, people, coop)
    corrected_and_approved(store, people, back)
    head_office(server, coop, title="Genel Müdürlükçe İkinci Kez Değişen Unvan")

    sync_now(store, server)
    parked = entries.get_entry(store, back.uuid)
    assert parked.state == State.CONFLICT and parked.outcome is not None
    assert parked.outcome["kind"] == "conflict"
    assert parked.outcome["current"]["title"] == "Genel Müdürlükçe İkinci Kez Değişen Unvan"
    assert [c["key"] for c in parked.outcome["conflicts"]] == ["title"]
    # Nothing overwritten: KOOP-BİS keeps the head office's newest title and never applied the entry.
    now = server.client().record(coop)
    assert now["title"] == "Genel Müdürlükçe İkinci Kez Değişen Unvan"
    assert now["address"] == recs[1]["address"]
    assert back.uuid not in applied_keys(server)
    # The review compares with the values KOOP-BİS reported the first time.
    (field,) = resolution_conflicts(parked)
    assert field.base == HEAD_OFFICE_TITLE


def resolution_conflicts(entry: Entry) -> list[Any]:
    from sync.conflicts import describe

    return list(describe(entry).conflicts)


def test_a_list_refreshed_after_the_conflict_is_the_fresher_base(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    """IT loads a newer list after the conflict: the clerk's save takes the base from it, as always."""
    coop = recs[2]["id"]
    back = returned_conflict(store, server, people, coop)
    head_office(server, coop, title="Listeye Giren En Yeni Unvan")
    assert refresh_snapshot(store, client_for(server), full=True).ok
    edited = corrected_and_approved(store, people, back)
    assert edited.base == {"title": "Listeye Giren En Yeni Unvan", "address": recs[2]["address"]}
    sync_now(store, server)
    assert entries.get_entry(store, back.uuid).state == State.SYNCED
    assert server.client().record(coop)["title"] == LOCAL_TITLE


def test_a_normal_entry_edit_still_captures_its_base_from_the_list(
    store: Store, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    coop = recs[3]["id"]
    draft = capture.create_entry(
        store,
        people["ayse"],
        "cooperative.update",
        coop,
        {"effective_date": "2015-03-02", "title": LOCAL_TITLE},
    )
    assert draft.base == {"title": recs[3]["title"]}
    # IT loads a new list in which the title changed meanwhile.
    snapshot.upsert_records(store, [{**recs[3], "title": "Yeni Listedeki Unvan", "version": 7}])
    edited = capture.edit_entry(
        store,
        people["ayse"],
        draft.uuid,
        {**draft.payload, "address": NEW_ADDRESS},
        loaded_revision=draft.revision,
    )
    assert edited.base == {"title": "Yeni Listedeki Unvan", "address": recs[3]["address"]}


def test_a_refused_correction_keeps_the_entry_and_its_base(
    store: Store, server: LiveServer, recs: list[dict[str, Any]], people: dict[str, Actor]
) -> None:
    """A correction with an error is refused with a plain message; the returned entry is as it was."""
    coop = recs[4]["id"]
    back = returned_conflict(store, server, people, coop)
    with pytest.raises(ValidationFailed) as refused:
        capture.edit_entry(
            store,
            people["ayse"],
            back.uuid,
            {**back.payload, "effective_date": "2015-13-45"},
            loaded_revision=back.revision,
        )
    assert [i.path for i in refused.value.issues if i.path == "effective_date"] == ["effective_date"]
    assert refused.value.message  # a Turkish sentence for the clerk
    still = entries.get_entry(store, back.uuid)
    assert still.state == State.RETURNED
    assert still.revision == back.revision and still.payload == back.payload and still.base == back.base
