"""Member lists with one board decision for the whole list: decision no/date and share value given once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import member_import
from koopbis_desktop.services.member_import import BatchValues, MemberListError
from koopbis_desktop.store import entries, snapshot
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, db_arg
from tests.services.member_lists import admit_rows, write_csv, write_xlsx

COOP = "06-900001"
# What a cooperative really sends: who, how many shares, what was paid — nothing else.
SHORT_HEADERS = ("T.C. Kimlik No", "Adı Soyadı", "Pay Adedi", "Ödenen")


def short_rows(count: int, seed: int) -> list[list[Any]]:
    return [[r[0], r[1], r[4], r[6]] for r in admit_rows(count, seed=seed)]


def test_list_without_decision_columns_is_refused_without_batch_values(
    store: Store, cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "kisa.xlsx", SHORT_HEADERS, short_rows(3, seed=5))
    with pytest.raises(MemberListError) as refused:
        member_import.preview(store, path, COOP)
    assert "Karar No" in refused.value.message and "Taahhüt" in refused.value.message


def test_batch_values_fill_every_row_and_subscription_is_shares_times_share_value(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    rows = short_rows(4, seed=6)
    path = write_xlsx(tmp_path / "kisa.xlsx", SHORT_HEADERS, rows)
    batch = BatchValues(decision_no="2015/21", decision_date="02.03.2015", share_value="1.000,00")
    preview = member_import.preview(store, path, COOP, batch=batch)
    assert not preview.invalid_rows, preview.error_lines()
    assert preview.to_json()["batch"] == {
        "decision_no": "2015/21",
        "decision_date": "02.03.2015",
        "share_value": "1.000,00",
    }
    member_import.import_rows(store, people["ayse"], preview)
    made = entries.list_entries(store, type_id="member.admit")
    assert [e.payload["decision_no"] for e in made] == ["2015/21"] * 4
    assert {e.effective_date for e in made} == {"2015-03-02"}
    assert [e.payload["subscribed_amount"] for e in made] == [f"{r[2] * 1000}.00" for r in rows]


def test_a_rows_own_cell_wins_over_the_batch_value(
    store: Store, cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    headers = ("T.C. Kimlik No", "Adı Soyadı", "Pay Adedi", "Ödenen", "Karar No")
    rows = [[*r, "2015/99" if i == 0 else ""] for i, r in enumerate(short_rows(2, seed=7))]
    path = write_csv(tmp_path / "karma.csv", headers, rows)
    batch = BatchValues(decision_no="2015/21", decision_date="02.03.2015", share_value="500")
    preview = member_import.preview(store, path, COOP, batch=batch)
    assert [r.payload["decision_no"] for r in preview.rows] == ["2015/99", "2015/21"]
    assert preview.rows[0].payload["subscribed_amount"] == f"{rows[0][2] * 500}.00"


def test_the_cooperatives_known_share_value_is_used_when_none_is_given(
    store: Store, cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    record = snapshot.get_record(store, COOP)
    assert record is not None
    record["share_value"] = "250.00"  # set by an earlier capital change
    snapshot.upsert_records(store, [record])
    rows = short_rows(2, seed=8)
    path = write_xlsx(tmp_path / "kisa.xlsx", SHORT_HEADERS, rows)
    preview = member_import.preview(
        store, path, COOP, batch=BatchValues(decision_no="2015/3", decision_date="02.03.2015")
    )
    assert [r.payload["subscribed_amount"] for r in preview.rows] == [f"{r[2] * 250}.00" for r in rows]


def test_a_bad_batch_date_is_an_error_on_every_row(
    store: Store, cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "kisa.xlsx", SHORT_HEADERS, short_rows(2, seed=9))
    batch = BatchValues(decision_no="2015/3", decision_date="31.02.2015", share_value="100")
    preview = member_import.preview(store, path, COOP, batch=batch)
    assert len(preview.invalid_rows) == 2
    assert all(any(i.field == "effective_date" for i in r.errors) for r in preview.rows)


def test_cli_batch_options(
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    path = write_csv(tmp_path / "kisa.csv", SHORT_HEADERS, short_rows(3, seed=10))
    args = ["--db", db_arg(store), "import", "members", str(path), "--cooperative", COOP, "--as", "ayse"]
    assert main([*args, "--json"]) == 3  # refused: no decision number, no subscription column
    capsys.readouterr()
    batch = ["--decision-no", "2015/30", "--decision-date", "02.03.2015", "--share-value", "1000"]
    assert main([*args, *batch, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["valid"] == 3 and len(result["created"]) == 3
    assert result["batch"]["decision_no"] == "2015/30"
    made = entries.list_entries(store, type_id="member.admit")
    assert {e.payload["decision_no"] for e in made} == {"2015/30"}
