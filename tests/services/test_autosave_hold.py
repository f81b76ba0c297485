"""A form still open on another PC of the office is not offered back at a sign-in here.

Restored on two PCs, one form would be typed on in both and saved twice (a new form as two
entries). Its copy says which PC's form keeps it and when that form last said it is open;
a copy held within ``presence.STALE_AFTER_S`` by another PC is named, not offered. A PC that
crashed stops holding: its copies are offered anywhere after that time, and at once on the
PC that wrote them (a restart after a crash).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import autosave
from koopbis_desktop.store.clock import now
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.presence import STALE_AFTER_S
from tests.conftest import member_admission, reopen

STALE = timedelta(seconds=STALE_AFTER_S + 1)


def _save(store: Store, ayse: Actor, form_id: str, coop: str, host: str, n: int) -> None:
    autosave.save(
        store,
        ayse,
        form_id,
        type_id="member.admit",
        cooperative=coop,
        entry_uuid=None,
        payload=member_admission(n),
        host=host,
    )


def test_a_form_open_on_another_pc_is_named_not_offered(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    ayse, coop = people["ayse"], str(cooperatives[1]["id"])
    pc_a = reopen(store)  # Ayşe's form is open on PC-A …
    try:
        _save(pc_a, ayse, "open-on-a", coop, "PC-A", 1)
    finally:
        pc_a.close()
    _save(store, ayse, "left-on-b", coop, "PC-B", 2)  # … and PC-B crashed with one of its own

    # She signs in on PC-B: its own copy is offered (a restart), PC-A's open form only named.
    on_b = autosave.recovery(store, ayse, "PC-B")
    assert [a.form_id for a in on_b.offered] == ["left-on-b"] and len(on_b.names) == 1
    assert len(on_b.elsewhere) == 1 and on_b.elsewhere[0].endswith("(PC-A)")
    assert on_b.elsewhere[0].startswith("Ortaklığa giriş — ")
    # On PC-A, B's copy is still held (written just now): named there, as A's is here.
    on_a = autosave.recovery(store, ayse, "PC-A")
    assert [a.form_id for a in on_a.offered] == ["open-on-a"] and on_a.elsewhere[0].endswith("(PC-B)")

    # PC-A's form stays open: it says so again; two minutes later it is still not offered.
    later = now() + timedelta(seconds=STALE_AFTER_S - 30)
    autosave.hold(store, "open-on-a", "PC-A", at=later)
    assert [
        a.form_id for a in autosave.recovery(store, ayse, "PC-B", at=later + timedelta(seconds=60)).offered
    ] == ["left-on-b"]
    # PC-A crashes (no more holding): after STALE_AFTER_S the copy is offered on PC-B too.
    offered = autosave.recovery(store, ayse, "PC-B", at=later + STALE).offered
    assert sorted(a.form_id for a in offered) == ["left-on-b", "open-on-a"]


def test_a_form_closed_keeping_its_copy_is_offered_anywhere_at_once(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    ayse, coop = people["ayse"], str(cooperatives[1]["id"])
    _save(store, ayse, "form", coop, "PC-A", 1)
    assert autosave.recovery(store, ayse, "PC-B").offered == []
    autosave.let_go(store, "form", "PC-B")  # another PC's letting go changes nothing
    assert autosave.recovery(store, ayse, "PC-B").offered == []
    autosave.let_go(store, "form", "PC-A")
    found = autosave.recovery(store, ayse, "PC-B")
    assert [a.form_id for a in found.offered] == ["form"] and found.elsewhere == []
    # Restored and typed on at PC-B, the copy is PC-B's now: PC-A sees it open there.
    _save(store, ayse, "form", coop, "PC-B", 1)
    assert autosave.recovery(store, ayse, "PC-A").elsewhere[0].endswith("(PC-B)")
    # Holding a form without a copy writes nothing.
    autosave.hold(store, "no-such-form", "PC-A")
    assert [a.form_id for a in autosave.pending(store, ayse)] == ["form"]


def test_a_copy_of_an_older_version_is_offered() -> None:
    older = autosave.Autosaved("f", "ayse", "member.admit", None, None, {}, [], "2026-11-01T09:00:00")
    assert older.host is None and not autosave.open_elsewhere(older, "PC-B")
    closed = autosave.Autosaved("f", "ayse", "member.admit", None, None, {}, [], "x", host="PC-A")
    assert not autosave.open_elsewhere(closed, "PC-B")  # held_at None: its form closed
