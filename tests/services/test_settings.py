"""Settings changed on two PCs of the office at once: each audit row names what it replaced."""

from __future__ import annotations

import threading

import pytest

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import settings
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from tests.conftest import at_once, meeting, reopen


def test_two_supervisors_changing_one_setting_at_once_each_name_what_they_replaced(
    store: Store, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each change reads the old value for its audit row; the two reads wait (up to 2 s) for
    each other: they meet only if the changes do not take turns, and then both rows would
    name the default as the value they replaced."""
    both_inside = threading.Barrier(2)
    changing = threading.local()  # only the reads inside the change wait
    store_class = type(store)
    monkeypatch.setattr(
        store_class,
        "setting",
        meeting(store_class.setting, both_inside, lambda: getattr(changing, "now", False)),
    )
    failures: list[BaseException] = []

    def change_on_another_pc(name: str, keep: str) -> None:
        pc = reopen(store)
        try:
            changing.now = True
            settings.update(pc, people[name], {"backup_keep": keep})
        except BaseException as exc:
            failures.append(exc)
        finally:
            changing.now = False
            pc.close()

    at_once(lambda: change_on_another_pc("sef", "20"), lambda: change_on_another_pc("sef2", "30"))
    assert not failures, failures
    assert both_inside.broken  # the second change waited for the first instead of meeting it
    changes = [r["details"] for r in entries.audit_rows(store) if r["action"] == "setting"]
    assert len(changes) == 2 and changes[0]["key"] == changes[1]["key"] == "backup_keep"
    assert changes[1]["old"] == changes[0]["new"]
    assert store.setting("backup_keep") == changes[1]["new"]
