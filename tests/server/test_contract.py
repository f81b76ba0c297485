"""Contract tests over HTTP: every endpoint and every error code of the sync API."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from koopbis_desktop.domain.changetypes import all_types
from tests.server.conftest import Api, LiveServer, change_body, key, payload_for, running, vkn

COOP = "06-000001"


def assert_error(answer: requests.Response, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text[:800]
    body: dict[str, Any] = answer.json()
    assert body["error"] == code
    assert isinstance(body["message"], str) and body["message"]
    return body


# ------------------------------------------------------------------ health, session


def test_health_reports_time_and_go_live(live: LiveServer) -> None:
    answer = live.anonymous().get("/api/v1/health")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok"
    assert body["go_live"] == "2015-03-12"
    assert body["maintenance_until"] is None
    assert abs(datetime.fromisoformat(body["server_time"]) - datetime.now(UTC)) < timedelta(minutes=1)


def test_session_gives_token_with_expiry(live: LiveServer) -> None:
    answer = live.anonymous().post("/api/v1/session", json={"username": "egitim", "password": "egitim2015"})
    assert answer.status_code == 200
    body = answer.json()
    assert len(body["token"]) > 20
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(minutes=14) < expires - datetime.now(UTC) <= timedelta(minutes=15)


@pytest.mark.parametrize("username,password", [("egitim", "yanlis"), ("kimse", "egitim2015")])
def test_session_wrong_credentials_401(live: LiveServer, username: str, password: str) -> None:
    answer = live.anonymous().post("/api/v1/session", json={"username": username, "password": password})
    assert_error(answer, 401, "unauthorized")


def test_session_malformed_422(live: LiveServer) -> None:
    body = assert_error(live.anonymous().post("/api/v1/session", json={"user": "x"}), 422, "invalid")
    assert {e["field"] for e in body["errors"]} >= {"username", "password"}


def test_missing_or_bad_token_401(live: LiveServer) -> None:
    assert_error(live.anonymous().get(f"/api/v1/cooperatives/{COOP}"), 401, "unauthorized")
    answer = Api(live.url, "uydurma").get(f"/api/v1/cooperatives/{COOP}")
    assert_error(answer, 401, "unauthorized")
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_expired_token_401_token_expired(tmp_path: Path) -> None:
    with running(tmp_path, token_ttl=0.3) as server:
        api = server.client()
        assert api.get(f"/api/v1/cooperatives/{COOP}").status_code == 200
        time.sleep(0.4)
        assert_error(api.get(f"/api/v1/cooperatives/{COOP}"), 401, "token_expired")


def test_users_file_accounts(tmp_path: Path) -> None:
    with running(tmp_path, users={"ayse": "gizli"}) as server:
        anon = server.anonymous()
        ok = anon.post("/api/v1/session", json={"username": "ayse", "password": "gizli"})
        assert ok.status_code == 200
        default = anon.post("/api/v1/session", json={"username": "egitim", "password": "egitim2015"})
        assert default.status_code == 401


def test_unknown_route_is_json_404(client: Api) -> None:
    assert_error(client.get("/api/v1/nothing"), 404, "not_found")


# ------------------------------------------------------------------ cooperatives


def test_list_pages_with_cursor(client: Api) -> None:
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 7, "province": "06"}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/v1/cooperatives", params=params).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == [f"06-{n:06d}" for n in range(1, 21)]


def test_list_filters_province_and_updated_since(client: Api, admin: Api) -> None:
    assert client.get("/api/v1/cooperatives", params={"province": "34"}).json()["items"] == []
    since = datetime.now(UTC)
    time.sleep(0.01)
    admin.patch(f"/api/v1/admin/cooperatives/{COOP}", json={"phone": "3125550000"})
    body = client.get("/api/v1/cooperatives", params={"updated_since": since.isoformat()}).json()
    assert [item["id"] for item in body["items"]] == [COOP]
    assert body["items"][0]["phone"] == "3125550000"


def test_list_bad_cursor_and_limit_422(client: Api) -> None:
    assert_error(client.get("/api/v1/cooperatives", params={"cursor": "%%%"}), 422, "invalid")
    assert_error(client.get("/api/v1/cooperatives", params={"limit": 0}), 422, "invalid")


def test_record_has_shape_version_and_etag(client: Api) -> None:
    answer = client.get(f"/api/v1/cooperatives/{COOP}")
    assert answer.status_code == 200
    record = answer.json()
    assert answer.headers["ETag"] == f'"{record["version"]}"'
    for name in ("members", "board", "audit_board", "assemblies", "articles", "unions"):
        assert isinstance(record[name], list)
    assert record["version"] == 1


def test_unknown_cooperative_404(client: Api) -> None:
    assert_error(client.get("/api/v1/cooperatives/06-999999"), 404, "not_found")


# ------------------------------------------------------------------ changes: apply


@pytest.mark.parametrize("type_id", [t.id for t in all_types()])
def test_every_change_type_applies(client: Api, type_id: str) -> None:
    target = "06-000018" if type_id in ("liquidation.end", "liquidation.revoke") else COOP
    record = None if type_id == "cooperative.register" else client.record(target)
    if type_id == "union.leave":
        join = change_body("union.join", record)
        assert client.change(join).status_code == 201
        record = client.record(COOP)
    if type_id == "status.resume":
        assert client.change(change_body("status.dormant", record)).status_code == 201
        record = client.record(COOP)
    answer = client.change(change_body(type_id, record))
    assert answer.status_code == 201, answer.text[:800]
    body = answer.json()
    assert body["status"] == "applied"
    assert body["receipt"].startswith("KB-") and len(body["receipt"]) == len("KB-2026-000001")
    after = client.record(body["cooperative"])
    assert after["version"] == body["version"]
    if record is not None:
        assert after["version"] == record["version"] + 1
    check_effect(type_id, record, after)


def check_effect(type_id: str, before: dict[str, Any] | None, after: dict[str, Any]) -> None:
    data = payload_for(type_id, before)
    ids = [m["member_id"] for m in after["members"]]
    match type_id:
        case "cooperative.register":
            assert after["id"] == "06-000021" and after["status"] == "active"
            assert len(after["members"]) == 7 and after["vkn"] == data["vkn"]
        case "cooperative.update":
            assert after["title"] == data["title"]
        case "articles.amend":
            assert after["articles"] == [{"article_no": 3, "text": "Yeni metin."}]
        case "assembly.record":
            assert after["assemblies"][-1]["date"] == data["effective_date"]
        case "board.replace":
            assert [b["id_no"] for b in after["board"]] == [b["id_no"] for b in data["board"]]
        case "auditors.replace":
            assert len(after["audit_board"]) == 1
        case "member.admit":
            assert data["member_id"] in ids
        case "member.leave":
            assert data["member_id"] not in ids
        case "member.transfer":
            assert data["to_member_id"] in ids
        case "liquidation.start":
            assert after["status"] == "in_liquidation"
        case "liquidation.end":
            assert after["status"] == "dissolved"
        case "liquidation.revoke":
            assert after["status"] == "active"
        case "merger":
            assert after["status"] == "merged"
        case "union.join":
            assert after["unions"][0]["union_registry_id"] == data["union_registry_id"]
        case "union.leave":
            assert after["unions"] == []
        case "capital.change":
            shares = sum(int(m["shares"]) for m in after["members"])
            assert after["share_value"] == "2500.00" and after["capital"] == f"{2500 * shares}.00"
        case "status.dormant":
            assert after["status"] == "dormant"
        case "status.resume":
            assert after["status"] == "active"
        case "dissolution.record":
            assert after["status"] == "dissolving"


def test_register_then_change_by_cooperative_ref(client: Api) -> None:
    register_key = key()
    created = client.change(change_body("cooperative.register", None), register_key).json()
    # the clerk saw the title the registration entry gave
    title = payload_for("cooperative.register", None)["title"]
    body = change_body("cooperative.update", None, cooperative=None, cooperative_ref=register_key) | {
        "base": {"title": title}
    }
    answer = client.change(body)
    assert answer.status_code == 201, answer.text[:800]
    assert answer.json()["cooperative"] == created["cooperative"]
    bad = change_body("cooperative.update", None, cooperative=None, cooperative_ref=key())
    body422 = assert_error(client.change(bad), 422, "invalid")
    assert body422["errors"][0]["field"] == "cooperative_ref"


# ------------------------------------------------------------------ changes: idempotency


def test_same_key_same_body_replays_original_receipt(client: Api, admin: Api) -> None:
    body = change_body("member.admit", client.record(COOP))
    k = key()
    first = client.change(body, k)
    assert first.status_code == 201
    # same content, different key order and spacing: still the same body
    again = client.post(
        "/api/v1/changes",
        data=json.dumps(dict(reversed(list(body.items()))), indent=3),
        headers={"Idempotency-Key": k, "Content-Type": "application/json"},
    )
    assert again.status_code == 200
    assert again.json() == {**first.json(), "replayed": True}
    assert client.record(COOP)["version"] == 2
    applied = admin.get("/api/v1/admin/changes").json()["items"]
    assert [c["idempotency_key"] for c in applied] == [k]


def test_same_key_different_body_409_mismatch(client: Api) -> None:
    record = client.record(COOP)
    k = key()
    assert client.change(change_body("member.admit", record), k).status_code == 201
    other = change_body("cooperative.update", record)
    body = assert_error(client.change(other, k), 409, "idempotency_mismatch")
    assert body["receipt"].startswith("KB-")


def test_missing_idempotency_key_400(client: Api) -> None:
    answer = client.post("/api/v1/changes", json=change_body("member.admit", client.record(COOP)))
    assert_error(answer, 400, "missing_idempotency_key")


# ------------------------------------------------------------------ changes: conflicts


def test_base_changed_on_server_409_conflict(client: Api, admin: Api) -> None:
    record = client.record(COOP)
    body = change_body("cooperative.update", record)
    admin.patch(f"/api/v1/admin/cooperatives/{COOP}", json={"title": "Merkezin Unvanı"})
    answer = assert_error(client.change(body), 409, "conflict")
    assert answer["conflicts"] == [{"key": "title", "base": record["title"], "server": "Merkezin Unvanı"}]
    assert answer["current"] == {"title": "Merkezin Unvanı"}
    assert answer["version"] == 2
    assert client.record(COOP)["title"] == "Merkezin Unvanı"


def test_other_field_changed_is_not_a_conflict(client: Api, admin: Api) -> None:
    body = change_body("cooperative.update", client.record(COOP))
    admin.patch(f"/api/v1/admin/cooperatives/{COOP}", json={"address": "Başka adres"})
    answer = client.change(body)
    assert answer.status_code == 201, answer.text[:800]
    after = client.record(COOP)
    assert after["title"] == body["data"]["title"] and after["address"] == "Başka adres"
    assert after["version"] == 3


def test_member_row_changed_is_a_conflict(client: Api, admin: Api) -> None:
    record = client.record(COOP)
    body = change_body("member.leave", record)
    members = [dict(m) for m in record["members"]]
    members[0]["shares"] = 99
    admin.patch(f"/api/v1/admin/cooperatives/{COOP}", json={"members": members})
    answer = assert_error(client.change(body), 409, "conflict")
    assert answer["conflicts"][0]["key"] == f"member:{members[0]['member_id']}"
    assert answer["conflicts"][0]["server"]["shares"] == 99


def test_leave_of_member_already_gone_is_a_conflict_even_without_base(client: Api) -> None:
    record = client.record(COOP)
    assert client.change(change_body("member.leave", record)).status_code == 201
    again = change_body("member.leave", record, with_base=False)
    answer = assert_error(client.change(again), 409, "conflict")
    assert answer["conflicts"][0]["server"] is None


# ------------------------------------------------------------------ changes: duplicates


def test_member_already_admitted_is_duplicate_not_conflict(client: Api) -> None:
    record = client.record(COOP)
    body = change_body("member.admit", record)
    assert body["base"] == {f"member:{body['data']['member_id']}": None}
    assert client.change(body).status_code == 201
    answer = assert_error(client.change(body), 409, "duplicate")  # new key, same admission
    assert answer["kind"] == "member"
    assert answer["existing"]["member_id"] == body["data"]["member_id"]


def test_existing_member_admitted_again_is_duplicate(client: Api) -> None:
    record = client.record(COOP)
    member = record["members"][0]
    data = {**payload_for("member.admit", record), "member_id": member["member_id"]}
    answer = assert_error(client.change(change_body("member.admit", record, data)), 409, "duplicate")
    assert answer["kind"] == "member" and answer["existing"] == member


def test_assembly_on_recorded_date_is_duplicate(client: Api) -> None:
    record = client.record(COOP)
    held = record["assemblies"][0]
    data = {
        **payload_for("assembly.record", record),
        "kind": "olagan",
        "fiscal_year": held["fiscal_year"],
        "effective_date": held["date"],
    }
    answer = assert_error(client.change(change_body("assembly.record", record, data)), 409, "duplicate")
    assert answer["kind"] == "assembly" and answer["existing"]["date"] == held["date"]


def test_register_with_existing_vkn_is_duplicate(client: Api) -> None:
    existing = client.record(COOP)
    data = {**payload_for("cooperative.register", None), "vkn": existing["vkn"]}
    body = change_body("cooperative.register", None, data)
    answer = assert_error(client.change(body), 409, "duplicate")
    assert answer["kind"] == "vkn" and answer["existing"]["id"] == COOP


def test_union_joined_twice_is_duplicate(client: Api) -> None:
    record = client.record(COOP)
    assert client.change(change_body("union.join", record)).status_code == 201
    body = change_body("union.join", record, with_base=False)
    assert assert_error(client.change(body), 409, "duplicate")["kind"] == "union"


# ------------------------------------------------------------------ changes: stale, 404, 422


@pytest.mark.parametrize("status", ["dissolved", "merged"])
def test_ended_cooperative_is_stale(client: Api, admin: Api, status: str) -> None:
    admin.patch(f"/api/v1/admin/cooperatives/{COOP}", json={"status": status})
    record = client.record(COOP)
    answer = assert_error(client.change(change_body("member.admit", record)), 409, "stale")
    assert answer["status"] == status


def test_liquidation_change_on_dissolved_is_not_stale(client: Api, admin: Api) -> None:
    admin.patch(f"/api/v1/admin/cooperatives/{COOP}", json={"status": "dissolved"})
    answer = client.change(change_body("liquidation.revoke", client.record(COOP)))
    assert_error(answer, 409, "conflict")  # status is not in_liquidation: a conflict, not stale


def test_unknown_cooperative_change_404(client: Api) -> None:
    body = change_body("cooperative.update", None, cooperative="06-999999")
    assert_error(client.change(body), 404, "not_found")


def test_domain_validation_422_per_field(client: Api) -> None:
    record = client.record(COOP)
    data = {**payload_for("member.admit", record), "member_id": "12345678901", "shares": 0}
    body = assert_error(client.change(change_body("member.admit", record, data)), 422, "invalid")
    fields = {e["field"] for e in body["errors"]}
    assert {"member_id", "shares"} <= fields
    assert all(e["message"] for e in body["errors"])
    assert client.record(COOP)["version"] == 1


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"type": "member.fly"}, "type"),
        ({"base": {"nonsense": 1}}, "base.nonsense"),
        ({"approver": "katip1"}, "approver"),
        ({"cooperative": None}, "cooperative"),
        ({"effective_date": "dün"}, "effective_date"),
        ({"extra": 1}, "extra"),
    ],
)
def test_structural_errors_422(client: Api, overrides: dict[str, Any], field: str) -> None:
    body = change_body("cooperative.update", client.record(COOP), **overrides)
    answer = assert_error(client.change(body), 422, "invalid")
    assert field in {e["field"] for e in answer["errors"]}


# ------------------------------------------------------------------ attachments


def test_attachment_put_head_and_use(client: Api) -> None:
    content = "genel kurul tutanağı".encode()
    digest = hashlib.sha256(content).hexdigest()
    path = f"/api/v1/attachments/{digest}"
    assert client.head(path).status_code == 404
    first = client.put(path, data=content)
    assert first.status_code == 201 and first.json() == {"sha256": digest, "size": len(content)}
    assert client.put(path, data=content).status_code == 200
    assert client.head(path).status_code == 200
    body = change_body("cooperative.update", client.record(COOP), attachments=[digest])
    assert client.change(body).status_code == 201


def test_attachment_hash_mismatch_422(client: Api) -> None:
    answer = client.put(f"/api/v1/attachments/{'0' * 64}", data=b"x")
    assert_error(answer, 422, "invalid")
    assert client.head(f"/api/v1/attachments/{'0' * 64}").status_code == 404


def test_change_with_missing_attachment_422(client: Api) -> None:
    body = change_body("cooperative.update", client.record(COOP), attachments=["a" * 64])
    answer = assert_error(client.change(body), 422, "invalid")
    assert answer["errors"][0]["field"] == "attachments[0]"


# ------------------------------------------------------------------ maintenance


def test_maintenance_503_everywhere_but_admin(live: LiveServer, client: Api, admin: Api) -> None:
    until = datetime.now(UTC) + timedelta(minutes=10)
    answer = admin.post("/api/v1/admin/maintenance", json={"until": until.isoformat()})
    assert answer.status_code == 200
    health = live.anonymous().get("/api/v1/health")
    assert health.status_code == 503
    assert health.json()["status"] == "maintenance"
    assert 590 <= int(health.headers["Retry-After"]) <= 600
    for method, path in [
        ("GET", f"/api/v1/cooperatives/{COOP}"),
        ("GET", "/api/v1/cooperatives"),
        ("POST", "/api/v1/changes"),
        ("POST", "/api/v1/session"),
        ("HEAD", f"/api/v1/attachments/{'a' * 64}"),
    ]:
        blocked = client.request(method, path)
        assert blocked.status_code == 503, path
        assert int(blocked.headers["Retry-After"]) > 0
        if method != "HEAD":
            assert blocked.json()["error"] == "maintenance"
    assert admin.get("/api/v1/admin/changes").status_code == 200
    assert admin.post("/api/v1/admin/maintenance", json={"until": None}).status_code == 200
    assert client.get(f"/api/v1/cooperatives/{COOP}").status_code == 200


def test_maintenance_until_flag_ends_by_itself(tmp_path: Path) -> None:
    until = datetime.now(UTC) + timedelta(seconds=0.5)
    with running(tmp_path, maintenance_until=until) as server:
        assert server.anonymous().get("/api/v1/health").status_code == 503
        time.sleep(0.6)
        assert server.anonymous().get("/api/v1/health").json()["status"] == "ok"


# ------------------------------------------------------------------ admin


def test_admin_requires_admin_token(client: Api, live: LiveServer) -> None:
    assert_error(client.get("/api/v1/admin/changes"), 401, "unauthorized")
    assert_error(live.anonymous().post("/api/v1/admin/reset"), 401, "unauthorized")


def test_admin_edit_bumps_version_and_validates(admin: Api) -> None:
    answer = admin.patch(f"/api/v1/admin/cooperatives/{COOP}", json={"title": "X"})
    assert answer.status_code == 200 and answer.json()["version"] == 2
    assert_error(admin.patch(f"/api/v1/admin/cooperatives/{COOP}", json={"version": 9}), 422, "invalid")
    assert_error(admin.patch("/api/v1/admin/cooperatives/06-999999", json={"title": "X"}), 404, "not_found")


def test_admin_changes_lists_every_applied_change_and_reset(client: Api, admin: Api) -> None:
    keys = [key(), key()]
    receipts = [
        client.change(change_body("member.admit", client.record(COOP)), keys[0]).json()["receipt"],
        client.change(change_body("cooperative.update", client.record(COOP)), keys[1]).json()["receipt"],
    ]
    items = admin.get("/api/v1/admin/changes").json()["items"]
    assert [(c["idempotency_key"], c["receipt"]) for c in items] == list(zip(keys, receipts, strict=True))
    assert {c["type"] for c in items} == {"member.admit", "cooperative.update"}
    assert all(c["cooperative"] == COOP and c["applied_at"] for c in items)
    assert admin.post("/api/v1/admin/reset").json() == {"cooperatives": 20}
    assert admin.get("/api/v1/admin/changes").json()["items"] == []
    assert client.record(COOP)["version"] == 1


def test_admin_faults_validates_spec(admin: Api) -> None:
    assert_error(admin.put("/api/v1/admin/faults", json={"spec": "boom=1"}), 422, "invalid")
    answer = admin.put("/api/v1/admin/faults", json={"spec": "500=0.5,slow=0.1", "seed": 3})
    assert answer.json() == {"spec": "500=0.5,slow=0.1", "seed": 3, "delay": 1.0}
    assert admin.put("/api/v1/admin/faults", json={"spec": ""}).json()["spec"] == ""


def test_receipt_numbers_are_unique_and_increasing(client: Api) -> None:
    receipts = [
        client.change(change_body("articles.amend", client.record(COOP))).json()["receipt"] for _ in range(3)
    ]
    assert receipts == sorted(set(receipts)) and len(receipts) == 3
    assert vkn(1)  # the helper is deterministic and valid
