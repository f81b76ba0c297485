"""``POST /api/v1/changes:batch``: per-item outcomes, per-item keys, partial success, order, exactly-once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.server.cli import build_app, build_parser
from tests.server.conftest import Api, LiveServer, change_body, key, payload_for, running, tckn

BATCH = "/api/v1/changes:batch"
COOP, OTHER = "06-000001", "06-000002"


def batch(api: Api, items: Sequence[tuple[str | None, dict[str, Any]]], **kwargs: Any) -> requests.Response:
    return api.post(
        BATCH, json={"items": [{"idempotency_key": k, "change": body} for k, body in items]}, **kwargs
    )


def outcomes(answer: requests.Response) -> list[tuple[int, dict[str, Any]]]:
    assert answer.status_code == 200, answer.text[:800]
    return [(item["status"], item["answer"]) for item in answer.json()["items"]]


def applied_keys(admin: Api) -> list[str]:
    return [c["idempotency_key"] for c in admin.get("/api/v1/admin/changes").json()["items"]]


def admission(record: dict[str, Any], n: int) -> dict[str, Any]:
    return change_body(
        "member.admit", record, {**payload_for("member.admit", record), "member_id": tckn(7000 + n)}
    )


def test_health_advertises_the_batch_limits(live: LiveServer) -> None:
    body = live.anonymous().get("/api/v1/health").json()
    assert body["batch"] == {"max_changes": 100, "max_bytes": 8 * 1024 * 1024}


def test_without_batches_health_says_so_and_the_path_is_unknown(tmp_path: Path) -> None:
    with running(tmp_path, batch_max=0) as server:
        assert server.anonymous().get("/api/v1/health").json()["batch"] is None
        answer = batch(server.client(), [(key(), {})])
        assert answer.status_code == 404 and answer.json()["error"] == "not_found"


def test_cli_no_batch_and_batch_max(tmp_path: Path) -> None:
    off = build_app(build_parser().parse_args(["--db", str(tmp_path / "a.db"), "--no-batch"]))
    assert off.state.health()["batch"] is None
    off.state.store.close()
    small = build_app(build_parser().parse_args(["--db", str(tmp_path / "b.db"), "--batch-max", "7"]))
    assert small.state.health()["batch"]["max_changes"] == 7
    small.state.store.close()


def test_every_outcome_per_item_and_partial_success(client: Api, admin: Api) -> None:
    record, other = client.record(COOP), client.record(OTHER)
    conflicting = change_body("cooperative.update", record, base={"title": "Başka Bir Unvan"})
    duplicate = change_body(
        "member.admit",
        record,
        {**payload_for("member.admit", record), "member_id": record["members"][0]["member_id"]},
    )
    bad_data = change_body("member.admit", other, {**payload_for("member.admit", other), "shares": -3})
    keys = [key() for _ in range(7)]
    answer = batch(
        client,
        [
            (keys[0], admission(record, 1)),
            (keys[1], conflicting),
            (keys[2], duplicate),
            (keys[3], bad_data),
            (None, admission(other, 2)),
            (keys[5], {"type": "member.admit"}),  # no effective date, data, author, approver
            (keys[6], admission(other, 3)),
        ],
    )
    got = outcomes(answer)
    assert [status for status, _ in got] == [201, 409, 409, 422, 400, 422, 201]
    assert got[0][1]["status"] == "applied" and got[0][1]["cooperative"] == COOP
    assert got[1][1]["error"] == "conflict" and got[1][1]["conflicts"][0]["key"] == "title"
    assert got[2][1]["error"] == "duplicate" and got[2][1]["kind"] == "member"
    assert got[3][1]["error"] == "invalid" and any("shares" in e["field"] for e in got[3][1]["errors"])
    assert got[4][1]["error"] == "missing_idempotency_key"
    assert got[5][1]["error"] == "invalid" and {e["field"] for e in got[5][1]["errors"]} >= {"data", "author"}
    assert [item["idempotency_key"] for item in answer.json()["items"]] == [*keys[:4], None, *keys[5:]]
    # Partial success: the refused items rolled back alone, the others stayed applied.
    assert applied_keys(admin) == [keys[0], keys[6]]
    assert client.record(COOP)["version"] == record["version"] + 1
    assert got[0][1]["receipt"] != got[6][1]["receipt"]


def test_a_batch_sent_again_returns_the_stored_answers(client: Api, admin: Api) -> None:
    record = client.record(COOP)
    items = [(key(), admission(record, n)) for n in range(5)]
    first = outcomes(batch(client, items))
    assert [s for s, _ in first] == [201] * 5
    again = outcomes(batch(client, items))
    assert [s for s, _ in again] == [200] * 5
    assert all(a["replayed"] is True for _, a in again)
    assert [a["receipt"] for _, a in again] == [a["receipt"] for _, a in first]
    assert applied_keys(admin) == [k for k, _ in items]
    assert client.record(COOP)["version"] == record["version"] + 5


def test_batch_and_single_post_share_one_key_space(client: Api, admin: Api) -> None:
    record = client.record(COOP)
    k = key()
    single = client.change(admission(record, 1), k)
    assert single.status_code == 201
    [(status, answer)] = outcomes(batch(client, [(k, admission(record, 1))]))
    assert status == 200 and answer["receipt"] == single.json()["receipt"] and answer["replayed"]
    [(status, answer)] = outcomes(batch(client, [(k, admission(record, 2))]))
    assert status == 409 and answer["error"] == "idempotency_mismatch"
    assert answer["receipt"] == single.json()["receipt"]
    other = key()
    [(status, _)] = outcomes(batch(client, [(other, admission(record, 3))]))
    assert status == 201
    replay = client.change(admission(record, 3), other)
    assert replay.status_code == 200 and replay.json()["replayed"] is True
    assert applied_keys(admin) == [k, other]


def test_items_apply_in_order_each_seeing_the_one_before(client: Api, admin: Api) -> None:
    record = client.record(COOP)
    admit = admission(record, 1)
    member = admit["data"]
    after_admission = {**record, "members": [*record["members"], {"member_id": member["member_id"]}]}
    leave = change_body(
        "member.leave",
        after_admission,
        {
            "member_id": member["member_id"],
            "full_name": member["full_name"],
            "reason": "istifa",
            "effective_date": "2015-03-02",
            "decision_no": "2015/9",
        },
        with_base=False,
    )
    got = outcomes(batch(client, [(key(), admit), (key(), leave)]))
    assert [s for s, _ in got] == [201, 201]
    assert got[1][1]["version"] == got[0][1]["version"] + 1
    assert member["member_id"] not in {m["member_id"] for m in client.record(COOP)["members"]}
    # The other way round the leaving comes first, before the member exists: refused alone.
    again = admission(record, 2)
    early_leave = {**leave, "data": {**leave["data"], "member_id": again["data"]["member_id"]}}
    got = outcomes(batch(client, [(key(), early_leave), (key(), again)]))
    assert [s for s, _ in got] == [409, 201]


def test_too_many_items_or_a_malformed_envelope_apply_nothing(tmp_path: Path) -> None:
    with running(tmp_path, batch_max=3) as server:
        client = server.client()
        record = client.record(COOP)
        answer = batch(client, [(key(), admission(record, n)) for n in range(4)])
        assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "items"
        assert client.post(BATCH, json={"changes": []}).status_code == 422
        assert client.post(BATCH, json={"items": []}).status_code == 422
        assert batch(server.anonymous(), [(key(), admission(record, 9))]).status_code == 401
        assert applied_keys(server.admin()) == []


def test_parallel_copies_of_one_batch_apply_each_key_once(live: LiveServer, client: Api, admin: Api) -> None:
    record = client.record(COOP)
    items = [(key(), admission(record, n)) for n in range(10)]
    token = live.token()
    barrier = threading.Barrier(6)

    def send(_: int) -> list[tuple[int, dict[str, Any]]]:
        api = Api(live.url, token)
        barrier.wait()
        return outcomes(batch(api, items))

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(send, range(6)))
    counts = Counter(applied_keys(admin))
    assert set(counts) == {k for k, _ in items} and set(counts.values()) == {1}
    for index in range(10):
        statuses = sorted(a[index][0] for a in answers)
        assert statuses == [200] * 5 + [201]
        assert len({a[index][1]["receipt"] for a in answers}) == 1
    assert client.record(COOP)["version"] == record["version"] + 10


@pytest.mark.parametrize("mode", ["drop_after", "timeout_after"])
def test_a_lost_batch_answer_is_answered_again_from_the_store(client: Api, admin: Api, mode: str) -> None:
    record = client.record(COOP)
    items = [(key(), admission(record, n)) for n in range(3)]
    admin.put("/api/v1/admin/faults", json={"spec": f"{mode}=1", "seed": 1})
    with pytest.raises((requests.ConnectionError, requests.Timeout)):
        batch(client, items, timeout=0.3)
    admin.put("/api/v1/admin/faults", json={"spec": ""})
    assert applied_keys(admin) == [k for k, _ in items]
    again = outcomes(batch(client, items))
    assert [s for s, _ in again] == [200] * 3 and all(a["replayed"] for _, a in again)
    assert client.record(COOP)["version"] == record["version"] + 3


@pytest.mark.expect_log(r"change .* failed", logger="koopbis.server")
def test_an_item_failing_unexpectedly_gets_a_500_alone(
    client: Api, admin: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sync.server import changes

    record = client.record(COOP)
    poisoned = admission(record, 66)
    from sync.server.apply import find_duplicate as real

    def failing(record: Any, ctype: Any, data: Any) -> Any:
        if data.get("member_id") == poisoned["data"]["member_id"]:
            raise RuntimeError("a fault of this change alone")
        return real(record, ctype, data)

    monkeypatch.setattr(changes, "find_duplicate", failing)
    keys = [key() for _ in range(3)]
    got = outcomes(
        batch(client, [(keys[0], admission(record, 1)), (keys[1], poisoned), (keys[2], admission(record, 2))])
    )
    assert [s for s, _ in got] == [201, 500, 201]
    assert got[1][1]["error"] == "server_error"
    assert applied_keys(admin) == [keys[0], keys[2]]
