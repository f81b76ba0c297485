"""The sign-in's recovery prompt names each autosaved form in the program's language."""

from __future__ import annotations

from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import autosave
from koopbis_desktop.store.db import Store


def test_forms_without_a_cooperative_are_named_in_english_in_english_mode(
    store: Store, people: dict[str, Actor]
) -> None:
    ayse = people["ayse"]
    for form_id, type_id in (("f-register", "cooperative.register"), ("f-admit", "member.admit")):
        autosave.save(store, ayse, form_id, type_id=type_id, cooperative=None, entry_uuid=None, payload={})
    i18n.set_language("en")
    names = sorted(autosave.recovery(store, ayse).names)
    assert any("new registration" in name for name in names), names
    assert any("no cooperative chosen" in name for name in names), names
    assert not any("kuruluş" in name or "seçilmemiş" in name for name in names), names
