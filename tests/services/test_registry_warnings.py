"""Registry warnings from the snapshot plus the queue: service, report, PDF and CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import capture, reports
from koopbis_desktop.services.registry_warnings import province_warnings, warnings_for
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, db_arg

TODAY = date(2015, 3, 6)


@pytest.fixture
def lapsed(store: Store, cooperatives: list[dict[str, Any]]) -> dict[str, Any]:
    """06-900001 with a board elected in 2010 and no ordinary assembly since 2011."""
    record = snapshot.get_record(store, "06-900001")
    assert record is not None
    record["board_elected_on"] = "2010-05-01"
    record["auditors_elected_on"] = "2014-05-01"
    record["founded_on"] = "2001-01-01"
    record["assemblies"] = [
        {"date": "2011-04-20", "kind": "olagan", "fiscal_year": 2010, "place": "Merkez", "result": "yapildi"}
    ]
    snapshot.upsert_records(store, [record])
    return record


def test_snapshot_keeps_the_optional_facts(store: Store, lapsed: dict[str, Any]) -> None:
    again = snapshot.get_record(store, "06-900001")
    assert again == lapsed
    assert again is not None and again["board_elected_on"] == "2010-05-01"


def test_warnings_of_a_lapsed_cooperative(store: Store, lapsed: dict[str, Any]) -> None:
    warnings = warnings_for(store, "06-900001", today=TODAY)
    assert [w.code for w in warnings] == ["board_term", "no_assembly"]
    assert warnings[0].article == "1163 s.K. md. 55"
    assert "md. 81" in warnings[1].article
    assert warnings_for(store, "06-999999", today=TODAY) == []


def test_queued_election_and_assembly_lift_the_warnings_withdrawn_ones_do_not(
    store: Store, people: dict[str, Actor], lapsed: dict[str, Any]
) -> None:
    board = [
        {"id_no": m["id_no"], "full_name": m["full_name"], "role": m["role"], "term_years": 2}
        for m in lapsed["board"]
    ]
    election = capture.create_entry(
        store, people["ayse"], "board.replace", "06-900001", {"effective_date": "2015-02-20", "board": board}
    )
    assert [w.code for w in warnings_for(store, "06-900001", today=TODAY)] == ["no_assembly"]
    capture.withdraw_entry(store, people["ayse"], election.uuid)
    assert [w.code for w in warnings_for(store, "06-900001", today=TODAY)] == ["board_term", "no_assembly"]
    capture.create_entry(
        store,
        people["ayse"],
        "assembly.record",
        "06-900001",
        {
            "kind": "olagan",
            "effective_date": "2015-02-20",
            "fiscal_year": 2014,
            "place": "Merkez",
            "representative_name": "Ali Veli",
            "result": "yapildi",
        },
    )
    assert [w.code for w in warnings_for(store, "06-900001", today=TODAY)] == ["board_term"]


def test_province_list_and_report(store: Store, lapsed: dict[str, Any]) -> None:
    listed = province_warnings(store, province="06", today=TODAY)
    assert "06-900001" in [c.cooperative_id for c in listed]
    assert province_warnings(store, province="35", today=TODAY) == []
    report = reports.registry_report(store, "06", today=TODAY)
    text = report.text()
    assert text.startswith("T.C. GÜMRÜK VE TİCARET BAKANLIĞI / Ankara Ticaret İl Müdürlüğü\nSicil uyarıları")
    assert "06-900001 | IŞIK Çağdaş" in text and "1163 s.K. md. 55" in text


def test_ministry_name_is_a_setting(store: Store, people: dict[str, Actor]) -> None:
    from koopbis_desktop.services import settings

    assert reports.receipts_report(store, "06").authority == (
        "T.C. GÜMRÜK VE TİCARET BAKANLIĞI / Ankara Ticaret İl Müdürlüğü"
    )
    settings.update(store, people["admin"], {"ministry_name": "T.C. TİCARET BAKANLIĞI"})
    assert (
        reports.receipts_report(store, "06").authority
        == "T.C. TİCARET BAKANLIĞI / Ankara Ticaret İl Müdürlüğü"
    )
    assert reports.receipts_report(store, None).authority == "T.C. TİCARET BAKANLIĞI"


def test_cli_lists_exports_and_prints(
    store: Store,
    people: dict[str, Actor],
    lapsed: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    db = ["--db", db_arg(store), "--as", "ayse"]  # the warnings name cooperatives: signed in
    target = tmp_path / "uyarilar.csv"
    assert main([*db, "registry", "warnings", "--province", "Ankara", "--csv", str(target)]) == 0
    out = capsys.readouterr().out
    assert "06-900001" in out and "(1163 s.K. md. 55)" in out
    rows = target.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "Sicil no;Unvan;Uyarı;Dayanak" and any(r.startswith("06-900001;") for r in rows)
    assert main([*db, "registry", "warnings", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert any(c["cooperative"] == "06-900001" for c in listed)
    assert main([*db, "registry", "warnings", "--province", "Atlantis"]) == 2
    pdf = tmp_path / "sicil.pdf"
    assert main([*db, "print", "registry", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
