"""Every fault mode is observable over real HTTP, and the draws are deterministic with a seed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from tests.server.conftest import Api, LiveServer, change_body, key, running

COOP = "06-000001"


def set_faults(admin: Api, spec: str, seed: int | None = None) -> None:
    answer = admin.put("/api/v1/admin/faults", json={"spec": spec, "seed": seed})
    assert answer.status_code == 200, answer.text


def applied_keys(admin: Api) -> list[str]:
    return [c["idempotency_key"] for c in admin.get("/api/v1/admin/changes").json()["items"]]


@pytest.mark.parametrize(
    "mode,status,code",
    [("500", 500, "server_error"), ("503", 503, "unavailable"), ("429", 429, "rate_limited")],
)
def test_error_faults_answer_without_applying(
    client: Api, admin: Api, mode: str, status: int, code: str
) -> None:
    body = change_body("member.admit", client.record(COOP))
    set_faults(admin, f"{mode}=1")
    answer = client.change(body)
    assert answer.status_code == status
    assert answer.json()["error"] == code
    if status != 500:
        assert answer.headers["Retry-After"] == "1"
    set_faults(admin, "")
    assert applied_keys(admin) == []
    assert client.change(body).status_code == 201


def test_timeout_after_applies_then_answers_too_late(client: Api, admin: Api) -> None:
    body, k = change_body("member.admit", client.record(COOP)), key()
    set_faults(admin, "timeout_after=1")
    with pytest.raises(requests.Timeout):
        client.post("/api/v1/changes", json=body, headers={"Idempotency-Key": k}, timeout=0.3)
    assert applied_keys(admin) == [k]  # applied before the client gave up
    set_faults(admin, "")
    again = client.change(body, k)
    assert again.status_code == 200 and again.json()["replayed"] is True


def test_timeout_before_applies_after_the_client_gave_up(client: Api, admin: Api) -> None:
    body, k = change_body("member.admit", client.record(COOP)), key()
    set_faults(admin, "timeout_before=1")
    with pytest.raises(requests.Timeout):
        client.post("/api/v1/changes", json=body, headers={"Idempotency-Key": k}, timeout=0.3)
    assert applied_keys(admin) == []  # not yet: the server is still waiting
    set_faults(admin, "")
    deadline = time.monotonic() + 5
    while applied_keys(admin) != [k] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert applied_keys(admin) == [k]
    assert client.change(body, k).json()["replayed"] is True


def test_drop_after_applies_and_closes_without_answer(client: Api, admin: Api) -> None:
    body, k = change_body("member.admit", client.record(COOP)), key()
    set_faults(admin, "drop_after=1")
    with pytest.raises(requests.ConnectionError):
        client.change(body, k)
    assert applied_keys(admin) == [k]
    set_faults(admin, "")
    again = client.change(body, k)
    assert again.status_code == 200 and again.json()["replayed"] is True
    assert client.record(COOP)["version"] == 2


def test_expire_token_really_expires_it(live: LiveServer, client: Api, admin: Api) -> None:
    set_faults(admin, "expire_token=1")
    answer = client.get(f"/api/v1/cooperatives/{COOP}")
    assert answer.status_code == 401 and answer.json()["error"] == "token_expired"
    set_faults(admin, "")
    assert client.get(f"/api/v1/cooperatives/{COOP}").json()["error"] == "token_expired"
    assert live.client().get(f"/api/v1/cooperatives/{COOP}").status_code == 200


def test_slow_answers_late_but_right(client: Api, admin: Api) -> None:
    set_faults(admin, "slow=1")
    started = time.monotonic()
    answer = client.get(f"/api/v1/cooperatives/{COOP}")
    assert answer.status_code == 200
    assert time.monotonic() - started >= 0.25  # a quarter of fault_delay=1.0


def test_admin_endpoints_never_fault(admin: Api) -> None:
    set_faults(admin, "500=1")
    assert admin.get("/api/v1/admin/changes").status_code == 200
    set_faults(admin, "")


def test_same_seed_same_faults(live: LiveServer, admin: Api) -> None:
    anon = live.anonymous()

    def sequence() -> list[int]:
        set_faults(admin, "500=0.3,503=0.2", seed=42)
        return [anon.get("/api/v1/health").status_code for _ in range(30)]

    first, second = sequence(), sequence()
    assert first == second
    assert {200, 500, 503} <= set(first)


def test_faults_from_start_up_config(tmp_path: Path) -> None:
    with running(tmp_path, faults={"503": 1.0}, seed=1) as server:
        assert server.anonymous().get("/api/v1/health").status_code == 503
