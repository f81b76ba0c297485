"""Decomposed text (NFD: "S" and a combining cedilla, as a Mac writes "Ş") is stored composed
(NFC), so lists sort it, exports write it and searches compare it as text typed on a PC."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.domain.text import collation_key
from koopbis_desktop.domain.validators import parse_text
from koopbis_desktop.services import capture, exports, snapshot_import
from koopbis_desktop.services.queries import EntryFilter
from koopbis_desktop.services.spreadsheet import cell_text
from koopbis_desktop.store import listing, snapshot
from koopbis_desktop.store.db import Store
from tests.conftest import member_admission
from tests.services.member_lists import COOPERATIVE_COLUMNS, write_csv


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_text_fields_and_cells_are_read_composed() -> None:
    assert nfd("Şükrü Öztürk") != "Şükrü Öztürk"
    assert parse_text(nfd("  Şükrü   Öztürk ")) == "Şükrü Öztürk"
    assert cell_text(nfd("İnci Konut ")) == "İnci Konut"
    assert parse_text("Işık") == "Işık"


def test_a_macs_cooperative_list_is_stored_composed_and_listed_in_turkish_order(
    store: Store, tmp_path: Path
) -> None:
    titles = ["Sarp", nfd("Şahin"), "Şükrü", "Tuz", nfd("İnci"), "İzmir", "Ilgaz"]
    records = list(demo_data.cooperatives("06", len(titles), seed=3))
    for record, title in zip(records, titles, strict=True):
        record["title"] = f"{title} Konut Yapı Kooperatifi"
    rows = [[record[key] for key in COOPERATIVE_COLUMNS.values()] for record in records]
    path = write_csv(tmp_path / "kooperatifler.csv", list(COOPERATIVE_COLUMNS), rows)
    snapshot_import.import_file(store, path)
    shown = [str(row[1]) for row in listing.cooperative_page(store, limit=50)]
    assert all(unicodedata.is_normalized("NFC", title) for title in shown)
    assert [t.split()[0] for t in shown] == ["Ilgaz", "İnci", "İzmir", "Sarp", "Şahin", "Şükrü", "Tuz"]
    assert [h["title"] for h in snapshot.search(store, "sahin")] == ["Şahin Konut Yapı Kooperatifi"]


def test_records_written_decomposed_are_stored_composed(store: Store) -> None:
    """A record from the server or a file, whatever form its letters came in."""
    record: dict[str, Any] = next(iter(demo_data.cooperatives("06", 1, seed=4)))
    record["title"] = nfd("Çınar Öncü Kooperatifi")
    record["members"][0]["full_name"] = nfd("Ayşe Güneş")
    snapshot.upsert_records(store, [record])
    stored = snapshot.get_record(store, record["id"])
    assert stored is not None and stored["title"] == "Çınar Öncü Kooperatifi"
    assert stored["members"][0]["full_name"] == "Ayşe Güneş"
    assert listing.cooperative_page(store, limit=5)[0][-1] == collation_key("Çınar Öncü Kooperatifi")


def test_a_decomposed_name_is_saved_composed_and_exported_in_windows_1254(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]], tmp_path: Path
) -> None:
    entry = capture.create_entry(
        store,
        people["ayse"],
        "member.admit",
        "06-900001",
        member_admission(400, full_name=nfd("Şükrü Öztürk")),
    )
    assert entry.payload["full_name"] == "Şükrü Öztürk"
    target = tmp_path / "kuyruk.csv"
    exports.export_entries(store, EntryFilter(), target, encoding="cp1254")
    text = target.read_bytes().decode("cp1254")
    assert "Şükrü Öztürk" in text and "S?u?kru?" not in text
