"""The training server behaves like a public service: limited bodies, throttled logins, province scoping."""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from koopbis_desktop.domain import demo_data
from sync.server import app as server_app
from tests.server.conftest import Api, LiveServer, change_body, key, running

ANKARA_PW = "ankara-2015"
IZMIR_PW = "izmir-2015"


def _raw_request(server: LiveServer, head: bytes, body: bytes = b"") -> tuple[int, bytes]:
    """Send ``head`` (and ``body``) on a bare socket; the status and the answer read so far."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + body)
        answer = b""
        while True:  # the server closes the connection after its answer
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    return status, answer


def test_a_declared_100_mb_json_body_is_refused_before_it_is_sent(live: LiveServer) -> None:
    token = live.token()
    head = (
        "POST /api/v1/changes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {token}\r\nIdempotency-Key: {key()}\r\n"
        f"Content-Length: {100 * 1024 * 1024}\r\n\r\n"
    ).encode()
    status, answer = _raw_request(live, head, b'{"type": ')  # the rest never comes
    assert status == 413 and b"too_large" in answer


def test_a_chunked_body_past_the_limit_is_cut_off_with_413(live: LiveServer) -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for _ in range(100):  # 100 MB if it were all read
            sent.append(1)
            yield b" " * (1024 * 1024)

    client = live.client()
    try:
        answer = client.post(
            "/api/v1/changes",
            data=chunks(),
            headers={"Content-Type": "application/json", "Idempotency-Key": key()},
        )
        assert answer.status_code == 413
    except requests.ConnectionError:
        pass  # the server closed the connection after its 413, while we were still sending
    assert len(sent) < 100


def test_attachments_stream_to_disk_hashed_and_stop_at_the_limit(
    live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = live.client()
    data = os.urandom(3 * 1024 * 1024)
    digest = hashlib.sha256(data).hexdigest()

    def pieces(blob: bytes) -> Iterator[bytes]:
        for start in range(0, len(blob), 256 * 1024):
            yield blob[start : start + 256 * 1024]

    stored = client.put(f"/api/v1/attachments/{digest}", data=pieces(data))
    assert stored.status_code == 201 and stored.json() == {"sha256": digest, "size": len(data)}
    assert client.head(f"/api/v1/attachments/{digest}").status_code == 200
    with live.app.state.store.reading() as conn:
        (kept,) = conn.execute("SELECT data FROM attachments WHERE sha256 = ?", (digest,)).fetchone()
    assert bytes(kept) == data
    wrong = client.put(f"/api/v1/attachments/{'0' * 64}", data=pieces(data))
    assert wrong.status_code == 422
    monkeypatch.setattr(server_app, "MAX_ATTACHMENT_BYTES", 1024 * 1024)
    big = os.urandom(2 * 1024 * 1024)
    try:
        refused = client.put(f"/api/v1/attachments/{hashlib.sha256(big).hexdigest()}", data=pieces(big))
        assert refused.status_code == 413
    except requests.ConnectionError:
        pass
    assert client.head(f"/api/v1/attachments/{hashlib.sha256(big).hexdigest()}").status_code == 404


def _login(api: Api, username: str, password: str) -> requests.Response:
    return api.post("/api/v1/session", json={"username": username, "password": password})


def test_wrong_passwords_lock_the_name_known_or_not_alike(live: LiveServer) -> None:
    anon = live.anonymous()
    answers: dict[str, list[tuple[int, str]]] = {}
    for name, password in (("egitim", "yanlis"), ("kimse-yok", "yanlis")):
        seen = []
        for _ in range(6):
            answer = _login(anon, name, password)
            seen.append((answer.status_code, answer.json()["message"]))
        answers[name] = seen
        assert [status for status, _ in seen] == [401, 401, 401, 401, 423, 423]
        assert int(answer.headers["Retry-After"]) > 0
    assert [s for s, _ in answers["egitim"]] == [s for s, _ in answers["kimse-yok"]]
    assert answers["egitim"][:4] == answers["kimse-yok"][:4]
    right = _login(anon, "egitim", "egitim2015")
    assert right.status_code == 423  # the right password does not get in while locked
    outcomes = [row["outcome"] for row in live.app.state.store.logins() if row["username"] == "egitim"]
    assert outcomes == ["wrong"] * 4 + ["refused_423"] * 3
    assert all("yanlis" not in str(row) for row in live.app.state.store.logins())


def test_many_wrong_passwords_from_one_address_are_slowed_down(live: LiveServer) -> None:
    anon = live.anonymous()
    statuses = [_login(anon, f"ad{i}", "yanlis").status_code for i in range(25)]
    assert statuses[:19] == [401] * 19
    assert statuses[-1] == 429
    refused = _login(anon, "egitim", "egitim2015")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0


@pytest.fixture
def provinces(tmp_path: Path) -> Iterator[LiveServer]:
    records: list[dict[str, Any]] = [*demo_data.cooperatives("06", 3), *demo_data.cooperatives("35", 3)]
    with running(
        tmp_path,
        seed_records=records,
        users={"ankara": ANKARA_PW, "izmir": IZMIR_PW, "merkez": "merkez-2015"},
        provinces={"ankara": "06", "izmir": "35"},
    ) as server:
        yield server


def _as(server: LiveServer, username: str, password: str) -> Api:
    answer = _login(server.anonymous(), username, password)
    assert answer.status_code == 200, answer.text
    return Api(server.url, answer.json()["token"])


def test_a_directorate_sees_and_changes_only_its_province(provinces: LiveServer) -> None:
    ankara, izmir = _as(provinces, "ankara", ANKARA_PW), _as(provinces, "izmir", IZMIR_PW)
    izmir_record = izmir.record("35-000001")
    assert ankara.get("/api/v1/cooperatives/35-000001").status_code == 404
    assert ankara.get("/api/v1/cooperatives/06-000001").status_code == 200
    listed = ankara.get("/api/v1/cooperatives", params={"limit": 100}).json()["items"]
    assert {r["province_code"] for r in listed} == {"06"} and len(listed) == 3
    assert ankara.get("/api/v1/cooperatives", params={"province": "35"}).json()["items"] == []
    foreign = ankara.change(change_body("cooperative.update", izmir_record))
    assert foreign.status_code == 404
    own = izmir.change(change_body("cooperative.update", izmir_record))
    assert own.status_code == 201, own.text
    head_office = _as(provinces, "merkez", "merkez-2015")
    assert len(head_office.get("/api/v1/cooperatives", params={"limit": 100}).json()["items"]) == 6


def test_admin_endpoints_take_only_the_admin_token(live: LiveServer) -> None:
    assert live.client().get("/api/v1/admin/changes").status_code == 401
    assert live.anonymous().get("/api/v1/admin/changes").status_code == 401
    assert live.admin().get("/api/v1/admin/changes").status_code == 200


def test_the_audit_head_sent_with_a_change_is_kept_per_directorate(live: LiveServer) -> None:
    client = live.client()
    record = client.record("06-000001")
    head = f"12:{'ab' * 32}"
    answer = client.post(
        "/api/v1/changes",
        json=change_body("cooperative.update", record),
        headers={"Idempotency-Key": key(), "X-Audit-Head": head},
    )
    assert answer.status_code == 201, answer.text
    assert live.app.state.store.audit_head("06") == head
    bad = client.post(
        "/api/v1/changes",
        json=change_body("cooperative.update", record),
        headers={"Idempotency-Key": key(), "X-Audit-Head": "not a head"},
    )
    assert bad.status_code == 422
