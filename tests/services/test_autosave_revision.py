"""The autosave keeps the revision a form on a saved entry was loaded from, beside its values."""

from __future__ import annotations

import json
from typing import Any

from koopbis_desktop.domain.changetypes import all_types
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import autosave, capture
from koopbis_desktop.store import drafts
from koopbis_desktop.store.db import Store
from tests.conftest import member_admission


def test_the_loaded_revision_comes_back_apart_from_the_values(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    ayse = people["ayse"]
    entry = capture.create_entry(store, ayse, "member.admit", cooperatives[1]["id"], member_admission(1))
    values = {**entry.payload, "decision_no": "2015/99"}
    kw: dict[str, Any] = {"type_id": "member.admit", "cooperative": entry.cooperative}
    autosave.save(store, ayse, "on-entry", entry_uuid=entry.uuid, payload=values, loaded_revision=1, **kw)
    autosave.save(store, ayse, "old-copy", entry_uuid=entry.uuid, payload=values, **kw)
    autosave.save(store, ayse, "new-form", entry_uuid=None, payload=values, loaded_revision=3, **kw)
    found = {a.form_id: a for a in autosave.pending(store, ayse)}
    assert found["on-entry"].loaded_revision == 1 and not found["on-entry"].revision_unknown
    assert found["old-copy"].loaded_revision is None and found["old-copy"].revision_unknown
    # A new form has no entry, so no revision to keep, and nothing unknown about it.
    assert found["new-form"].loaded_revision is None and not found["new-form"].revision_unknown
    assert all(a.payload == values for a in found.values())
    # A copy written before the revision was kept: the values alone, as the old program stored them.
    stored = {row[0]: json.loads(row[5]) for row in drafts.drafts_of(store, "ayse")}
    assert stored["old-copy"] == values and stored["on-entry"][autosave.REVISION_KEY] == 1


def test_no_field_can_be_mistaken_for_the_kept_revision() -> None:
    names = {f.name for ctype in all_types() for f in ctype.fields}
    assert names and not any(name.startswith("_") for name in names)
