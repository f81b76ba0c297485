"""Exactly-once under parallel requests: one key is applied once, however many clients send it."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from tests.server.conftest import Api, LiveServer, change_body, key, payload_for, tckn

COOP = "06-000001"
PARALLEL = 12


def send_together(live: LiveServer, bodies: list[dict[str, Any]], keys: list[str]) -> list[requests.Response]:
    token = live.token()
    barrier = threading.Barrier(len(bodies))

    def send(index: int) -> requests.Response:
        api = Api(live.url, token)
        barrier.wait()
        return api.change(bodies[index], keys[index])

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(send, range(len(bodies))))


def test_parallel_duplicates_of_one_key_apply_once(live: LiveServer, client: Api, admin: Api) -> None:
    body = change_body("member.admit", client.record(COOP))
    k = key()
    answers = send_together(live, [body] * PARALLEL, [k] * PARALLEL)
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * (PARALLEL - 1) + [201]
    assert len({a.json()["receipt"] for a in answers}) == 1
    assert sum(bool(a.json().get("replayed")) for a in answers) == PARALLEL - 1
    assert [c["idempotency_key"] for c in admin.get("/api/v1/admin/changes").json()["items"]] == [k]
    after = client.record(COOP)
    assert after["version"] == 2
    assert [m["member_id"] for m in after["members"]].count(body["data"]["member_id"]) == 1


def test_parallel_different_bodies_for_one_key(live: LiveServer, client: Api, admin: Api) -> None:
    record = client.record(COOP)
    bodies = []
    for n in range(PARALLEL):
        data = {**payload_for("member.admit", record), "member_id": tckn(1000 + n)}
        bodies.append(change_body("member.admit", record, data))
    answers = send_together(live, bodies, ["ortak-anahtar"] * PARALLEL)
    codes = sorted(a.status_code for a in answers)
    assert codes == [201] + [409] * (PARALLEL - 1)
    assert all(a.json()["error"] == "idempotency_mismatch" for a in answers if a.status_code == 409)
    assert len(admin.get("/api/v1/admin/changes").json()["items"]) == 1


def test_parallel_distinct_keys_all_apply_with_distinct_versions(
    live: LiveServer, client: Api, admin: Api
) -> None:
    record = client.record(COOP)
    bodies = [
        change_body(
            "member.admit", record, {**payload_for("member.admit", record), "member_id": tckn(2000 + n)}
        )
        for n in range(PARALLEL)
    ]
    answers = send_together(live, bodies, [key() for _ in bodies])
    assert [a.status_code for a in answers] == [201] * PARALLEL
    assert sorted(a.json()["version"] for a in answers) == list(range(2, PARALLEL + 2))
    assert len({a.json()["receipt"] for a in answers}) == PARALLEL
    assert len(client.record(COOP)["members"]) == len(record["members"]) + PARALLEL
