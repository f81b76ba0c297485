"""The audit page's user filter finds an account's rows however its name is typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import exports, queries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.listing import AuditFilter


def _actors(store: Store, typed: str) -> tuple[int, set[str]]:
    flt = AuditFilter(actor=typed)
    rows = queries.audit_page(store, flt, limit=500)
    return queries.count_audit(store, flt), {row["actor"] for row in rows}


@pytest.mark.parametrize("typed", ["ayse", "Ayse", "AYŞE", "ayşe", "AYSE"])
def test_a_user_name_typed_in_another_case_or_with_turkish_letters_finds_that_accounts_rows(
    store: Store, people: dict[str, Actor], typed: str
) -> None:
    count, actors = _actors(store, typed)
    assert actors == {"ayse"} and count == _actors(store, "ayse")[0] > 0


def test_a_name_no_account_has_is_looked_for_as_typed(store: Store, people: dict[str, Actor]) -> None:
    assert _actors(store, "Kimse") == (0, set())
    assert _actors(store, "mehmet")[1] == {"mehmet"}


def test_the_audit_export_of_a_filtered_page_holds_the_rows_the_page_shows(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    target = tmp_path / "denetim.csv"
    exports.export_audit(store, target, AuditFilter(actor="AYŞE"), encoding="utf-8-sig")
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) - 1 == _actors(store, "ayse")[0] > 0
