"""Reference snapshot in the store: round trip and Turkish search."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.text import collation_key, fold
from koopbis_desktop.store import snapshot
from koopbis_desktop.store.db import Store
from tests.conftest import at_once, meeting, reopen


@pytest.fixture
def snap(store: Store) -> Store:
    """The snapshot's store, on both engines (tests/conftest.py)."""
    return store


def records(count: int = 12, province: str = "06", seed: int = 3) -> list[dict[str, Any]]:
    return list(demo_data.cooperatives(province, count, seed=seed))


def test_upsert_and_get_record_round_trip(snap: Store) -> None:
    recs = records()
    recs[2]["articles"] = [{"article_no": "5", "text": "Ortaklık payı 500 TL'dir."}]
    recs[2]["unions"] = [{"union_registry_id": "06-B00001", "union_title": "Ankara Konut Birliği"}]
    assert snapshot.upsert_records(snap, recs) == len(recs)
    for rec in recs:
        assert snapshot.get_record(snap, rec["id"]) == rec
    assert snapshot.get_record(snap, "06-999999") is None
    assert snapshot.count_cooperatives(snap) == len(recs)
    assert snapshot.count_cooperatives(snap, province="34") == 0


def test_upsert_replaces_children_and_keeps_other_cooperatives(snap: Store) -> None:
    recs = records(5)
    snapshot.upsert_records(snap, recs)
    changed = dict(recs[1], title="Yeni Unvan Işıklı Konut Yapı Kooperatifi", version=2)
    changed["members"] = recs[1]["members"][:3]
    snapshot.upsert_records(snap, [changed])
    assert snapshot.get_record(snap, recs[1]["id"]) == changed
    assert snapshot.get_record(snap, recs[0]["id"]) == recs[0]
    assert snapshot.count_cooperatives(snap) == 5
    assert snapshot.search(snap, "isikli")[0]["id"] == recs[1]["id"]
    assert not snapshot.search(snap, recs[1]["title"].split()[-4] + "zzz")


def test_find_member_across_cooperatives(snap: Store) -> None:
    recs = records(3)
    shared = dict(recs[0]["members"][0])
    recs[2]["members"].append(shared)
    snapshot.upsert_records(snap, recs)
    found = snapshot.find_member(snap, shared["member_id"])
    assert {row["cooperative_id"] for row in found} == {recs[0]["id"], recs[2]["id"]}
    assert snapshot.find_member(snap, "10000000146") == []


# --------------------------------------------------------------------------- search


@pytest.fixture
def searchable(snap: Store) -> list[dict[str, Any]]:
    recs = records(30)
    recs[0] = dict(recs[0], title="Işık Çağdaş Güneşli Ören Konut Yapı Kooperatifi")
    istanbul = records(5, province="34", seed=4)
    istanbul[0] = dict(istanbul[0], title="İstanbul Öncü Şoförler Taşıma Kooperatifi")
    snapshot.upsert_records(snap, recs + istanbul)
    return recs + istanbul


@pytest.mark.parametrize("query", ["isik", "IŞIK", "ışık", "Işık", "ISIK", "işık", "ısı"])
def test_search_finds_isik_in_any_spelling(snap: Store, searchable: list[dict[str, Any]], query: str) -> None:
    ids = [row["id"] for row in snapshot.search(snap, query)]
    assert searchable[0]["id"] in ids


@pytest.mark.parametrize("query", ["istanbul", "İSTANBUL", "İstanbul", "ISTANBUL", "istanbul şof"])
def test_search_istanbul(snap: Store, searchable: list[dict[str, Any]], query: str) -> None:
    assert snapshot.search(snap, query)[0]["title"] == "İstanbul Öncü Şoförler Taşıma Kooperatifi"


def test_search_all_words_must_match_as_word_prefixes(snap: Store, searchable: list[dict[str, Any]]) -> None:
    hits = snapshot.search(snap, "cagdas oren kon")
    assert [h["id"] for h in hits] == [searchable[0]["id"]]
    assert snapshot.search(snap, "sik") == [] or all(
        any(w.startswith("sik") for w in fold(h["title"]).split()) for h in snapshot.search(snap, "sik")
    )
    assert snapshot.search(snap, "") == []
    assert snapshot.search(snap, "  ... ") == []


def test_search_by_id_and_vkn_comes_first(snap: Store, searchable: list[dict[str, Any]]) -> None:
    target = searchable[7]
    assert snapshot.search(snap, target["id"])[0]["id"] == target["id"]
    assert snapshot.search(snap, target["vkn"])[0]["id"] == target["id"]
    assert snapshot.search(snap, target["vkn"][:6])[0]["vkn"].startswith(target["vkn"][:6])
    prefix_hits = snapshot.search(snap, "06-00001")
    assert [h["id"] for h in prefix_hits][:10] == [f"06-0000{n}" for n in range(10, 20)]
    summary = snapshot.get_summary(snap, target["id"])
    assert summary == snapshot.search(snap, target["id"])[0]
    assert set(summary or {}) == {
        "id",
        "title",
        "cooperative_type",
        "province_code",
        "district",
        "vkn",
        "status",
    }


def test_search_province_filter_and_limit(snap: Store, searchable: list[dict[str, Any]]) -> None:
    everywhere = snapshot.search(snap, "kooperatifi", limit=100)
    assert {h["province_code"] for h in everywhere} == {"06", "34"}
    only_34 = snapshot.search(snap, "kooperatifi", province="34", limit=100)
    assert len(only_34) == 5 and {h["province_code"] for h in only_34} == {"34"}
    assert len(snapshot.search(snap, "kooperatifi", limit=3)) == 3
    keys = [collation_key(h["title"]) for h in everywhere]
    assert keys == sorted(keys)


def test_search_lists_title_hits_in_turkish_order(snap: Store) -> None:
    """The picker and ``koopbis search`` list title hits as a Turkish reader sorts them: c < ç,
    g < ğ, ı < i, o < ö, s < ş — not by the folded text, where "Çamlık" sorted as "camlik"."""
    names = ["Çamlık", "Cumhuriyet", "Ödül", "Otlu", "Şahin", "Sarp", "İnci", "Işık", "Ğ", "Gül"]
    recs = records(len(names))
    for rec, name in zip(recs, names, strict=True):
        rec.update(title=f"{name} Konut Yapı Kooperatifi")
    snapshot.upsert_records(snap, recs)
    turkish = ["Cumhuriyet", "Çamlık", "Gül", "Ğ", "Işık", "İnci", "Otlu", "Ödül", "Sarp", "Şahin"]
    for query in ("konut", "KONUT YAPI", "kooperatifi"):
        assert [h["title"].split()[0] for h in snapshot.search(snap, query)] == turkish, query
    # Infix hits ("operatif" inside "Kooperatifi") follow the same order.
    assert [h["title"].split()[0] for h in snapshot.search(snap, "operatif")] == turkish
    # An id hit still comes first, then the title hits in order.
    first = recs[names.index("Şahin")]
    hits = snapshot.search(snap, first["id"])
    assert hits[0]["id"] == first["id"]


_TURKISH_WORDS = st.text(
    alphabet="abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ", min_size=2, max_size=12
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(_TURKISH_WORDS, min_size=1, max_size=4), data=st.data())
def test_search_finds_any_fold_variant_of_a_title_word(
    snap: Store, words: list[str], data: st.DataObject
) -> None:
    title = " ".join(words) + " Kooperatifi"
    record = dict(records(1, seed=11)[0], id="06-777777", title=title)
    snapshot.upsert_records(snap, [record])
    word = data.draw(st.sampled_from(words))
    prefix = word[: data.draw(st.integers(min_value=1, max_value=len(word)))]
    variant = data.draw(
        st.sampled_from([prefix, prefix.upper(), fold(prefix), fold(prefix).upper(), prefix.lower()])
    )
    ids = [h["id"] for h in snapshot.search(snap, variant, limit=500)]
    assert "06-777777" in ids, (title, variant)


# --------------------------------------------------------------------------- import: good files


def test_one_cooperative_written_on_two_pcs_at_once_keeps_its_members_once(
    snap: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two PCs of the office store the same cooperative's record at the same moment (a refresh
    on each). The writes take turns: the second replaces what the first wrote, and each member
    is there once. Each writes its rows, then waits (up to 2 s) for the other: they meet only
    if the two do not take turns."""
    (record,) = records(1)
    snapshot.upsert_records(snap, [record])
    both_inside = threading.Barrier(2)
    monkeypatch.setattr(snapshot, "_write_chunk", meeting(snapshot._write_chunk, both_inside))
    outcomes: list[BaseException | int] = []

    def refresh_on_another_pc() -> None:
        pc = reopen(snap)
        try:
            outcomes.append(snapshot.upsert_records(pc, [record]))
        except BaseException as exc:
            outcomes.append(exc)
        finally:
            pc.close()

    at_once(refresh_on_another_pc, refresh_on_another_pc)
    assert both_inside.broken  # the second write waited for the first instead of meeting it
    assert outcomes == [1, 1]
    assert snapshot.get_record(snap, record["id"]) == record
