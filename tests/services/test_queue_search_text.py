"""The queue's text filter: what an entry's stored search text lets a clerk find it by.

An entry on a cooperative registered only locally is found by that registration's title
(the title its "Kooperatif" column shows), and every entry by its type's label in either
interface language, whichever language it was saved in. Both engines (tests/conftest.py).
"""

from __future__ import annotations

from typing import Any

from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture, member_import
from koopbis_desktop.store import listing, migrations
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from koopbis_desktop.store.listing import EntryFilter
from tests.conftest import member_admission, reopen, valid_tckn
from tests.services.member_lists import ADMIT_HEADERS, admit_rows, write_csv


def _register(store: Store, actor: Actor, title: str) -> Entry:
    founders = [{"id_no": valid_tckn(100 + i), "full_name": f"Kurucu {i}", "shares": 1} for i in range(7)]
    board = [
        {"id_no": founders[i]["id_no"], "full_name": founders[i]["full_name"], "role": role, "term_years": 2}
        for i, role in enumerate(("baskan", "baskan_yardimcisi", "uye"))
    ]
    return capture.create_entry(
        store,
        actor,
        "cooperative.register",
        None,
        {
            "title": title,
            "cooperative_type": "konut",
            "province_code": "06",
            "district": "Çankaya",
            "address": "Kızılay Mah. 1. Sok. No:1",
            "effective_date": "20.02.2015",
            "trade_registry_no": "12345",
            "share_value": "1.000",
            "founders": founders,
            "board": board,
        },
    )


def _found(store: Store, text: str) -> list[tuple[str, str]]:
    """(type, shown title) of the rows the queue lists for ``text``, in type order."""
    rows = listing.entry_rows(store, EntryFilter(text=text), limit=100, sort="type", descending=False)
    return [(str(r[1]), str(r[3])) for r in rows]


TITLE = "Yeni Işık Konut Yapı Kooperatifi"


def test_an_entry_on_a_local_registration_is_found_by_its_title(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    reg = _register(store, people["ayse"], TITLE)
    capture.create_entry(
        store, people["ayse"], "member.admit", reg.uuid, member_admission(200, full_name="Ali Veli")
    )
    both = [("cooperative.register", TITLE), ("member.admit", TITLE)]
    for text in ("isik", "IŞIK", "Yeni Işık", "operatif", "yeni isik konut"):
        assert _found(store, text) == both, text
    # A word of neither is still not found.
    assert _found(store, "cumhuriyet") == []


def test_a_new_registration_title_is_searchable_at_once_and_the_old_one_no_more(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    reg = _register(store, people["ayse"], TITLE)
    capture.create_entry(
        store, people["ayse"], "member.admit", reg.uuid, member_admission(200, full_name="Ali Veli")
    )
    payload = dict(reg.payload, title="Güneşli Ören Konut Yapı Kooperatifi")
    capture.edit_entry(store, people["ayse"], reg.uuid, payload, loaded_revision=reg.revision)
    shown = "Güneşli Ören Konut Yapı Kooperatifi"
    assert _found(store, "gunesli oren") == [("cooperative.register", shown), ("member.admit", shown)]
    assert _found(store, "isik") == []


def test_a_refused_title_edit_leaves_the_dependents_search_text_as_it_was(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    """The registration's edit and its dependents' new search text are one transaction: an
    edit refused (a form loaded from an older revision) changes neither."""
    from koopbis_desktop.store.entries import RevisionChanged

    reg = _register(store, people["ayse"], TITLE)
    capture.create_entry(
        store, people["ayse"], "member.admit", reg.uuid, member_admission(200, full_name="Ali Veli")
    )
    capture.edit_entry(store, people["ayse"], reg.uuid, dict(reg.payload, address="Başka 2"))
    try:
        capture.edit_entry(
            store,
            people["ayse"],
            reg.uuid,
            dict(reg.payload, title="Çınar Konut Yapı Kooperatifi"),
            loaded_revision=1,
        )
    except RevisionChanged:
        pass
    else:  # pragma: no cover - the refusal is the point
        raise AssertionError("an edit over a newer revision was stored")
    assert _found(store, "cinar") == []
    assert len(_found(store, "isik")) == 2


def test_member_list_drafts_on_a_registration_are_found_by_its_title(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]], tmp_path: Any
) -> None:
    reg = _register(store, people["ayse"], TITLE)
    path = write_csv(tmp_path / "uyeler.csv", list(ADMIT_HEADERS), admit_rows(2, seed=9))
    preview = member_import.preview(store, path, reg.uuid)
    assert not preview.invalid_rows, preview.error_lines()
    member_import.import_rows(store, people["ayse"], preview)
    assert [t for t, _ in _found(store, "yeni isik")] == [
        "cooperative.register",
        "member.admit",
        "member.admit",
    ]


def test_an_entry_is_found_by_its_type_in_either_language_whatever_it_was_saved_in(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    coop = cooperatives[0]["id"]
    i18n.set_language("en")
    english = capture.create_entry(
        store, people["ayse"], "member.admit", coop, member_admission(500, full_name="Ali Veli")
    )
    i18n.set_language("tr")
    turkish = capture.create_entry(
        store, people["mehmet"], "member.admit", coop, member_admission(501, full_name="Ali Veli")
    )
    saved = {english.uuid, turkish.uuid}
    for text in ("ortaklığa giriş", "ORTAKLIGA", "admission of a member", "Admission"):
        rows = listing.entry_rows(store, EntryFilter(text=text), limit=100, sort="type", descending=False)
        assert {str(r[0]) for r in rows} == saved, text


def test_the_migration_recomputes_the_search_text_of_existing_entries(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    """Step 14: entries saved before (English label only, no registration title) are found
    by the Turkish label and by their registration's title once the database is opened."""
    reg = _register(store, people["ayse"], TITLE)
    admit = capture.create_entry(
        store, people["ayse"], "member.admit", reg.uuid, member_admission(200, full_name="Ali Veli")
    )
    with store.atomic() as conn:
        # As version 13 stored it: the label of the interface it was saved with, no title.
        conn.execute(
            "UPDATE entries SET search = ? WHERE uuid = ?", (f"admission of a member {reg.uuid}", admit.uuid)
        )
        conn.execute("UPDATE entries SET search = '' WHERE uuid = ?", (reg.uuid,))
        if store.dialect.name == "postgresql":
            conn.execute("UPDATE koopbis_schema SET version = 13")
    if store.dialect.name != "postgresql":
        store.conn.execute("PRAGMA user_version = 13")
    assert _found(store, "ortakliga giris") == []
    again = reopen(store)
    try:
        assert again.schema_version() == migrations.LATEST
        assert _found(again, "ortakliga giris yeni isik") == [("member.admit", TITLE)]
        assert _found(again, "isik") == [("cooperative.register", TITLE), ("member.admit", TITLE)]
    finally:
        again.close()
