"""``koopbis entry show`` prints the entry view's before → after lines and formatted values."""

from __future__ import annotations

from typing import Any

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture
from koopbis_desktop.services.entry_changes import changes_text, load_entry_details
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, member_admission, valid_tckn


def test_entry_show_prints_before_after_like_the_entry_view(
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    entry = capture.create_entry(
        store, people["ayse"], "member.admit", cooperatives[1]["id"], member_admission(8)
    )
    assert main(["--db", str(store.path), "entry", "show", entry.uuid, "--as", "ayse"]) == 0
    out = capsys.readouterr().out.splitlines()
    lines = changes_text(load_entry_details(store, entry.uuid).changes)
    assert lines == [f"Ortak {valid_tckn(8)}: — → Zeynep Işık, 2 pay (yeni ortak)"]
    at = out.index("Önce → sonra (KOOP-BİS kaydı → bu kayıtla):")
    assert out[at + 1 :][: len(lines)] == [f"  {line}" for line in lines]
    # Values as the desktop shows them: money and dates in Turkish formats.
    admit = get_type("member.admit")
    assert f"  {admit.field('subscribed_amount').label}: 2.000,00 TL" in out
    assert f"  {admit.field('effective_date').label}: 02.03.2015" in out
