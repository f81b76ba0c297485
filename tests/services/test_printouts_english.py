"""Printouts follow the language: the entry slip and the daily list in English, Turkish by default."""

from __future__ import annotations

from datetime import date
from typing import Any

from koopbis_desktop.domain import i18n
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture, reports
from koopbis_desktop.store.db import Store
from tests.conftest import member_admission

COOP = "06-900001"
TURKISH_LABELS = (
    "Kayıt no",
    "Kooperatif:",
    "Durum:",
    "Yazan memur",
    "Onaylayan",
    "Ortaklığa giriş",
    "Alanlar",
)


def test_entry_slip_in_english_and_in_turkish(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    entry = capture.create_entry(store, people["ayse"], "member.admit", COOP, member_admission(3))
    turkish = reports.entry_slip(store, entry.uuid, "06").text()
    assert "Kayıt Fişi" in turkish and "Yazan memur: " in turkish and "Ortaklığa giriş" in turkish
    i18n.set_language("en")
    english = reports.entry_slip(store, entry.uuid, "06").text()
    assert "Entry Slip" in english and "Ankara Provincial Directorate of Trade" in english
    for line in (
        "Cooperative: ",
        "Status: Draft",
        "Written by (clerk): ",
        "Entry type: Admission of a member",
    ):
        assert line in english, (line, english)
    assert not [label for label in TURKISH_LABELS if label in english], english
    daily = reports.daily_list(store, date.today(), "06").text()
    assert (
        "Daily list" in daily
        and "No. | Entry no | Type | Cooperative | Status | Author | Approved by" in daily
    )
