"""Title/address and capital changes may cite the articles-amendment entry they rest on."""

from __future__ import annotations

from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture
from koopbis_desktop.services.errors import ValidationFailed
from koopbis_desktop.store.db import Store

COOP = "06-900001"
AMEND = {
    "effective_date": "02.03.2015",
    "articles": [{"article_no": 2, "text": "Unvan: Yeni Işık Konut Yapı Kooperatifi"}],
}


def update(reference: str) -> dict[str, Any]:
    return {
        "effective_date": "02.03.2015",
        "title": "Yeni Işık Konut Yapı Kooperatifi",
        "articles_entry": reference,
    }


def test_update_cites_its_amendment_by_short_or_full_number(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    amend = capture.create_entry(store, people["ayse"], "articles.amend", COOP, AMEND)
    for reference in (amend.uuid[:8], amend.uuid, amend.uuid[:8].upper()):
        entry = capture.create_entry(store, people["ayse"], "cooperative.update", COOP, update(reference))
        assert entry.payload["articles_entry"] == reference
    capital = {
        "effective_date": "02.03.2015",
        "decision_no": "2015/4",
        "share_value": "2.000",
        "subscription_effect": "degismez",
        "articles_entry": amend.uuid[:8],
    }
    assert (
        capture.create_entry(store, people["ayse"], "capital.change", COOP, capital).payload["share_value"]
        == "2000.00"
    )


@pytest.mark.parametrize("case", ["unknown", "other_cooperative", "not_an_amendment", "withdrawn"])
def test_a_reference_that_is_not_this_cooperatives_amendment_is_an_error(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]], case: str
) -> None:
    other = str(cooperatives[3]["id"])
    if case == "unknown":
        reference = "deadbeef"
    elif case == "other_cooperative":
        reference = capture.create_entry(store, people["ayse"], "articles.amend", other, AMEND).uuid[:8]
    elif case == "not_an_amendment":
        reference = capture.create_entry(store, people["ayse"], "cooperative.update", COOP, update("")).uuid[
            :8
        ]
    else:
        amend = capture.create_entry(store, people["ayse"], "articles.amend", COOP, AMEND)
        capture.withdraw_entry(store, people["ayse"], amend.uuid)
        reference = amend.uuid[:8]
    with pytest.raises(ValidationFailed) as refused:
        capture.create_entry(store, people["ayse"], "cooperative.update", COOP, update(reference))
    (issue,) = [i for i in refused.value.issues if i.path == "articles_entry"]
    assert "anasözleşme değişikliği kaydı değil" in issue.message
