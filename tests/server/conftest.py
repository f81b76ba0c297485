"""Fixtures for the reference server: an in-process client, a live server on loopback, payloads."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
import uvicorn

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.records import base_value
from sync.server.app import ServerApp, ServerConfig, create_app

ADMIN_TOKEN = "test-admin"
SEED_COUNT = 20
ON = "2015-03-01"


def seed_records() -> list[dict[str, Any]]:
    return list(demo_data.cooperatives("06", SEED_COUNT))


def make_config(**overrides: Any) -> ServerConfig:
    values: dict[str, Any] = {
        "admin_token": ADMIN_TOKEN,
        "seed_records": seed_records(),
        "today": lambda: date(2015, 3, 20),
    }
    values.update(overrides)
    return ServerConfig(**values)


def tckn(n: int) -> str:
    return demo_data.tckn(random.Random(f"test-{n}"))


def vkn(n: int) -> str:
    return demo_data.vkn(random.Random(f"test-vkn-{n}"))


def person(n: int) -> dict[str, Any]:
    return {"id_no": tckn(n), "full_name": f"Ayşe Çelik {n}"}


def board(start: int = 100) -> list[dict[str, Any]]:
    roles = ["baskan", "baskan_yardimcisi", "uye"]
    return [{**person(start + i), "role": role, "term_years": 2} for i, role in enumerate(roles)]


def payload_for(type_id: str, record: dict[str, Any] | None) -> dict[str, Any]:
    """A valid ``data`` for ``type_id`` that applies to ``record`` (demo records)."""
    member = record["members"][0] if record else None
    match type_id:
        case "cooperative.register":
            return {
                "title": "Çankaya Işık Konut Yapı Kooperatifi",
                "cooperative_type": "konut",
                "province_code": "06",
                "district": "Çankaya",
                "address": "Işık Mah. 1. Sok. No:1 Çankaya/Ankara",
                "effective_date": ON,
                "trade_registry_no": "123456",
                "vkn": vkn(1),
                "share_value": "1000",
                "founders": [{**person(i), "shares": 1} for i in range(7)],
                "board": board(0),
            }
        case "cooperative.update":
            return {"effective_date": ON, "title": "Yeni Unvanlı Konut Yapı Kooperatifi"}
        case "articles.amend":
            return {"effective_date": ON, "articles": [{"article_no": 3, "text": "Yeni metin."}]}
        case "assembly.record":
            return {
                "kind": "olaganustu",
                "effective_date": ON,
                "place": "Kooperatif Merkezi",
                "representative_name": "Mehmet Yılmaz",
                "result": "yapildi",
            }
        case "board.replace":
            return {"effective_date": ON, "board": board(200)}
        case "auditors.replace":
            return {
                "effective_date": ON,
                "auditors": [{**person(300), "term_years": 1}],
            }
        case "member.admit":
            return {
                "member_id": tckn(400),
                "full_name": "Zeynep Şahin",
                "effective_date": ON,
                "decision_no": "2015/3",
                "shares": 2,
                "subscribed_amount": "2000",
                "paid_amount": "1000",
            }
        case "member.leave":
            assert member is not None
            return {
                "member_id": member["member_id"],
                "full_name": member["full_name"],
                "reason": "istifa",
                "effective_date": ON,
                "decision_no": "2015/4",
            }
        case "member.transfer":
            assert member is not None
            return {
                "from_member_id": member["member_id"],
                "from_full_name": member["full_name"],
                "to_member_id": tckn(500),
                "to_full_name": "Ali Kaya",
                "shares": 1,
                "effective_date": ON,
                "decision_no": "2015/5",
            }
        case "liquidation.start":
            return {"effective_date": ON, "reason": "genel_kurul", "liquidators": [person(600)]}
        case "liquidation.end":
            return {"effective_date": ON, "deregistration_date": ON}
        case "liquidation.revoke":
            return {"effective_date": ON, "decision_no": "2015/6"}
        case "merger":
            return {
                "role": "devrolunan",
                "other_registry_id": "06-000002",
                "other_title": "Diğer Kooperatif",
                "effective_date": ON,
            }
        case "union.join" | "union.leave":
            return {
                "union_registry_id": "B-06-001",
                "union_title": "Ankara Konut Yapı Kooperatifleri Birliği",
                "effective_date": ON,
            }
        case "capital.change":
            return {
                "effective_date": ON,
                "decision_no": "2015/7",
                "share_value": "2500",
                "subscription_effect": "yeniden_hesapla",
            }
        case "status.dormant":
            return {"effective_date": ON, "reason": "faaliyet_durdu", "evidence": "Tutanak 2015/1"}
        case "status.resume":
            return {"effective_date": ON, "evidence": "Genel kurul tutanağı"}
        case "dissolution.record":
            return {"effective_date": ON, "cause": "genel_kurul", "decision_no": "2015/8"}
    raise AssertionError(type_id)


def change_body(
    type_id: str,
    record: dict[str, Any] | None,
    data: dict[str, Any] | None = None,
    *,
    with_base: bool = True,
    **overrides: Any,
) -> dict[str, Any]:
    """A full POST /changes body whose base is the record as it is now."""
    from koopbis_desktop.domain.changetypes import get_type

    data = data if data is not None else payload_for(type_id, record)
    keys = get_type(type_id).touched(data)
    body: dict[str, Any] = {
        "type": type_id,
        "cooperative": record["id"] if record else None,
        "effective_date": data.get("effective_date", ON),
        "base": {k: base_value(record, k) for k in keys} if with_base else {},
        "data": data,
        "author": "katip1",
        "approver": "sef1",
        "attachments": [],
    }
    body.update(overrides)
    return body


def key() -> str:
    return str(uuid.uuid4())


# ------------------------------------------------------------------ live HTTP

ADMIN_HEADERS = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


class Api:
    """``requests`` against one server, with paths relative to its URL."""

    def __init__(self, url: str, token: str | None = None) -> None:
        self.url = url
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return self.session.request(method, f"{self.url}{path}", **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def head(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("HEAD", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PATCH", path, **kwargs)

    def change(self, body: dict[str, Any], idempotency_key: str | None = None) -> requests.Response:
        return self.post(
            "/api/v1/changes",
            json=body,
            headers={"Idempotency-Key": idempotency_key or key()},
        )

    def record(self, cooperative_id: str) -> dict[str, Any]:
        answer = self.get(f"/api/v1/cooperatives/{cooperative_id}")
        assert answer.status_code == 200, answer.text[:800]
        result: dict[str, Any] = answer.json()
        return result


class LiveServer:
    """A real uvicorn server on a free loopback port, in a thread."""

    def __init__(self, app: ServerApp) -> None:
        self.app = app
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = ""

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.app.state.store.close()

    def token(self) -> str:
        answer = requests.post(
            f"{self.url}/api/v1/session",
            json={"username": "egitim", "password": "egitim2015"},
            timeout=10,
        )
        answer.raise_for_status()
        token: str = answer.json()["token"]
        return token

    def client(self) -> Api:
        return Api(self.url, self.token())

    def anonymous(self) -> Api:
        return Api(self.url)

    def admin(self) -> Api:
        return Api(self.url, ADMIN_TOKEN)


@contextmanager
def running(tmp_path: Path, **overrides: Any) -> Iterator[LiveServer]:
    server = LiveServer(create_app(make_config(db=tmp_path / "server.db", **overrides)))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    with running(tmp_path, fault_delay=1.0) as server:
        yield server


@pytest.fixture
def client(live: LiveServer) -> Api:
    return live.client()


@pytest.fixture
def admin(live: LiveServer) -> Api:
    return live.admin()
