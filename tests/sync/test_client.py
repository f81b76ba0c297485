"""The client maps every answer of the contract to a typed outcome, never an exception."""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from sync import client as wire
from tests.server.conftest import change_body, key, payload_for
from tests.sync.conftest import LiveServer, admission, client_for, records


def record(n: int = 0) -> dict[str, Any]:
    return records(20)[n]


def admit_body(n: int = 0, seed: int = 1) -> dict[str, Any]:
    rec = record(n)
    return change_body("member.admit", rec, admission(random.Random(seed), "2015-03-02", 1))


def faults(server: LiveServer, spec: str, delay: float | None = None) -> None:
    answer = server.admin().put("/api/v1/admin/faults", json={"spec": spec, "seed": 1, "delay": delay})
    assert answer.status_code == 200, answer.text


def test_applied_then_replayed_then_mismatch(server: LiveServer) -> None:
    c = client_for(server)
    k, body = key(), admit_body()
    first = c.submit_change(k, body)
    assert isinstance(first, wire.Applied) and not first.replayed and first.receipt.startswith("KB-")
    again = c.submit_change(k, body)
    assert isinstance(again, wire.Applied) and again.replayed and again.receipt == first.receipt
    other = c.submit_change(k, admit_body(seed=2))
    assert isinstance(other, wire.IdempotencyMismatch) and other.receipt == first.receipt


def test_conflict_duplicate_stale_invalid_not_found(server: LiveServer) -> None:
    c = client_for(server)
    admin = server.admin()
    rec = record(0)
    body = change_body(
        "cooperative.update",
        rec,
        {"effective_date": "2015-03-01", "title": "Yeni Unvan Konut Yapı Kooperatifi"},
    )
    admin.patch(
        f"/api/v1/admin/cooperatives/{rec['id']}", json={"title": "Başka Unvan Konut Yapı Kooperatifi"}
    )
    conflict = c.submit_change(key(), body)
    assert isinstance(conflict, wire.Conflict)
    assert (
        conflict.conflicts[0]["key"] == "title"
        and conflict.current["title"] == "Başka Unvan Konut Yapı Kooperatifi"
    )
    member = record(1)["members"][0]
    dup = c.submit_change(
        key(),
        change_body(
            "member.admit",
            record(1),
            {**payload_for("member.admit", record(1)), "member_id": member["member_id"]},
        ),
    )
    assert isinstance(dup, wire.Duplicate) and dup.kind == "member"
    admin.patch(f"/api/v1/admin/cooperatives/{record(2)['id']}", json={"status": "dissolved"})
    stale = c.submit_change(key(), change_body("assembly.record", record(2)))
    assert isinstance(stale, wire.Stale) and stale.status == "dissolved"
    bad = c.submit_change(key(), {**admit_body(3), "approver": "katip1"})
    assert isinstance(bad, wire.Invalid) and any(e.field == "approver" for e in bad.errors)
    missing = c.submit_change(key(), {**admit_body(4), "cooperative": "06-999999"})
    assert isinstance(missing, wire.NotFoundAnswer)


@pytest.mark.parametrize(("spec", "status"), [("429", 429), ("503", 503), ("500", 500)])
def test_retry_later_with_retry_after(server: LiveServer, spec: str, status: int) -> None:
    c = client_for(server)
    assert c.login() is None
    faults(server, spec)
    outcome = c.submit_change(key(), admit_body())
    assert isinstance(outcome, wire.RetryLater) and outcome.status == status
    if status != 500:
        assert outcome.retry_after == 1.0 and not outcome.applied_unknown
    else:
        assert outcome.applied_unknown


def test_timeout_and_dropped_connection_are_unreachable_with_unknown_outcome(server: LiveServer) -> None:
    c = client_for(server, read_timeout=0.2)
    assert c.login() is None
    faults(server, "timeout_after", delay=1.0)
    timed_out = c.submit_change(key(), admit_body())
    assert isinstance(timed_out, wire.Unreachable) and timed_out.applied_unknown
    faults(server, "drop_after")
    dropped = c.submit_change(key(), admit_body(1))
    assert isinstance(dropped, wire.Unreachable) and dropped.applied_unknown


def test_expired_token_logs_in_again_as_often_as_asked_within_a_bound(server: LiveServer) -> None:
    """Issue 12: a token expiring again and again is a server hiccup, never a wrong password."""
    logins: list[int] = []

    def password() -> str:
        logins.append(1)
        return "egitim2015"

    c = client_for(server, password=password)
    assert c.login() is None
    old = c.token
    faults(server, "expire_token=1")
    outcome = c.submit_change(key(), admit_body())
    # Every request now expires the token: a re-login each time up to the bound, then "try later".
    assert isinstance(outcome, wire.RetryLater) and not isinstance(outcome, wire.AuthFailed)
    assert outcome.code == "token_expired" and "parola" not in outcome.message
    assert len(logins) == 1 + wire.RELOGINS_PER_MINUTE
    faults(server, "")
    # The bound is per minute: within it no more re-logins, so the call waits; a fresh client goes on.
    fresh = client_for(server, password=password)
    assert isinstance(fresh.submit_change(key(), admit_body()), wire.Applied)
    assert fresh.token != old


def test_wrong_password_and_missing_password(server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = client_for(server, password=lambda: "yanlış")
    outcome = wrong.submit_change(key(), admit_body())
    assert isinstance(outcome, wire.AuthFailed) and "parola" in outcome.message
    monkeypatch.delenv(wire.PASSWORD_ENV, raising=False)
    monkeypatch.setattr("koopbis_desktop.services.secrets.get_password", lambda username: None)
    none = client_for(server, password=wire.password_source("egitim", interactive=False))
    outcome = none.submit_change(key(), admit_body())
    assert isinstance(outcome, wire.AuthFailed) and wire.PASSWORD_ENV in outcome.message
    monkeypatch.setenv(wire.PASSWORD_ENV, "egitim2015")
    env = client_for(server, password=wire.password_source("egitim", interactive=False))
    assert isinstance(env.submit_change(key(), admit_body()), wire.Applied)


def test_maintenance(server: LiveServer) -> None:
    c = client_for(server)
    assert isinstance(c.health(), wire.Health)
    server.admin().post("/api/v1/admin/maintenance", json={"until": "2999-01-01T00:00:00Z"})
    health = c.health()
    assert isinstance(health, wire.RetryLater) and health.maintenance and health.retry_after
    outcome = c.submit_change(key(), admit_body())
    assert isinstance(outcome, wire.RetryLater) and outcome.maintenance


def test_refused_connection_is_unreachable_and_certainly_not_applied() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = wire.KoopbisClient(
        wire.ClientConfig(f"http://127.0.0.1:{port}", "egitim", lambda: "x", connect_timeout=1)
    )
    outcome = c.submit_change(key(), admit_body())
    assert isinstance(outcome, wire.Unreachable) and not outcome.applied_unknown
    assert isinstance(c.health(), wire.Unreachable)


def test_tls_verification_is_always_on() -> None:
    plain = wire.KoopbisClient(wire.ClientConfig("https://koopbis.example", "u", lambda: "p"))
    assert plain.session.verify is True
    bundle = wire.KoopbisClient(
        wire.ClientConfig("https://koopbis.example", "u", lambda: "p", ca_bundle="/etc/ca.pem")
    )
    assert bundle.session.verify == "/etc/ca.pem"


# ------------------------------------------------------------------ a server that breaks the contract


class _Broken(BaseHTTPRequestHandler):
    answers: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        status, headers, body = self.answers[self.path.split("?")[0]]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client hangs up on oversized answers on purpose


@pytest.fixture
def broken() -> Iterator[str]:
    httpd = _QuietServer(("127.0.0.1", 0), _Broken)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


JSON = {"Content-Type": "application/json"}
TOKEN = (200, JSON, b'{"token": "t", "expires_at": "2015-03-12T10:00:00Z"}')


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ((200, {"Content-Type": "text/html"}, b"<html>Bakim</html>"), wire.BadAnswer),
        ((201, JSON, b'{"status": "applied"}'), wire.BadAnswer),
        ((409, JSON, b'{"error": "weird", "message": "?"}'), wire.BadAnswer),
        ((418, JSON, b'{"error": "teapot"}'), wire.BadAnswer),
        ((502, {"Content-Type": "text/html"}, b"<html>Bad gateway</html>"), wire.RetryLater),
        ((200, JSON, b"[" * 10 + b"1" * 3_000_000), wire.BadAnswer),
        ((429, {"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT", **JSON}, b"{}"), wire.RetryLater),
    ],
)
def test_malformed_or_oversized_answers_are_outcomes_not_crashes(
    broken: str, answer: tuple[int, dict[str, str], bytes], kind: type
) -> None:
    _Broken.answers = {"/api/v1/session": TOKEN, "/api/v1/changes": answer, "/api/v1/health": answer}
    c = wire.KoopbisClient(wire.ClientConfig(broken, "u", lambda: "p", max_answer_bytes=1_000_000))
    outcome = c.submit_change(key(), admit_body())
    assert isinstance(outcome, kind), outcome
    assert isinstance(c.health(), wire.BadAnswer | wire.RetryLater | wire.Health)


def test_an_answer_outside_the_contract_is_described_by_its_shape_never_its_values(broken: str) -> None:
    # A gateway or a misbehaving server may echo the change back: the detail goes to the plain
    # log file (the executor's "next attempt" line), so it names keys and kinds, not the member.
    echo = (
        b'{"error": "teapot", "echo": {"member_id": "10000000146", "full_name": "Zeynep I\xc5\x9f\xc4\xb1k"},'
        b' "rows": [{"tckn": "10000000146"}]}'
    )
    _Broken.answers = {"/api/v1/session": TOKEN, "/api/v1/changes": (418, JSON, echo)}
    c = wire.KoopbisClient(wire.ClientConfig(broken, "u", lambda: "p"))
    outcome = c.submit_change(key(), admit_body())
    assert isinstance(outcome, wire.BadAnswer), outcome
    assert "10000000146" not in outcome.detail and "Zeynep" not in outcome.detail, outcome.detail
    assert "member_id: text(11)" in outcome.detail and "rows: [{…}, 1 items]" in outcome.detail


# ------------------------------------------------------------------ batches and the environment


def test_health_says_whether_batches_are_offered(server: LiveServer, sync_mode: str) -> None:
    c = client_for(server)
    assert c.batch_max is None  # not known before /health answered
    health = c.health()
    assert isinstance(health, wire.Health)
    expected = 100 if sync_mode == "batch" else 0
    assert health.batch_max == c.batch_max == expected
    assert (health.batch_bytes > 0) == (sync_mode == "batch")


def test_a_batch_gives_each_change_its_single_answer(server: LiveServer, sync_mode: str) -> None:
    c = client_for(server)
    c.health()
    c.batch_max = 100  # a server without batches answers the path 404
    k, body = key(), admit_body()
    bad = {**admit_body(1, seed=3), "approver": "katip1"}  # approver = author
    gone = {**admit_body(2, seed=4), "cooperative": "06-999999"}
    answers = c.submit_batch([(k, body), (key(), bad), (key(), gone)])
    if sync_mode == "single":
        assert answers is None and c.batch_max == 0
        return
    assert isinstance(answers, list)
    applied, invalid, missing = answers
    assert isinstance(applied, wire.Applied) and not applied.replayed
    assert isinstance(invalid, wire.Invalid) and invalid.errors[0].field == "approver"
    assert isinstance(missing, wire.NotFoundAnswer) and missing.cooperative == "06-999999"
    again = c.submit_batch([(k, body)])
    assert isinstance(again, list) and isinstance(again[0], wire.Applied)
    assert again[0].replayed and again[0].receipt == applied.receipt
    mismatch = c.submit_batch([(k, admit_body(seed=9))])
    assert isinstance(mismatch, list) and isinstance(mismatch[0], wire.IdempotencyMismatch)
    assert mismatch[0].receipt == applied.receipt


def test_a_batch_failing_as_a_whole_is_one_outcome(server: LiveServer) -> None:
    c = client_for(server)
    c.health()
    c.batch_max = 100  # the fault answers before any route, batches offered or not
    assert c.login() is None
    faults(server, "503=1")
    answer = c.submit_batch([(key(), admit_body()), (key(), admit_body(1))])
    faults(server, "")
    assert isinstance(answer, wire.RetryLater) and answer.status == 503


@pytest.mark.parametrize(
    "answer",
    [
        (200, JSON, b'{"items": []}'),  # fewer answers than items
        (200, JSON, b'{"items": [{"idempotency_key": "other", "status": 201, "answer": {}}]}'),
        (200, {"Content-Type": "text/html"}, b"<html>ok</html>"),
    ],
)
def test_a_batch_answer_that_does_not_fit_is_a_bad_answer(
    broken: str, answer: tuple[int, dict[str, str], bytes]
) -> None:
    _Broken.answers = {"/api/v1/session": TOKEN, "/api/v1/changes:batch": answer}
    c = wire.KoopbisClient(wire.ClientConfig(broken, "u", lambda: "p"))
    assert isinstance(c.submit_batch([(key(), admit_body())]), wire.BadAnswer)


def test_proxy_settings_are_read_once_when_the_client_is_made(
    server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed}")
    through_proxy = client_for(server, connect_timeout=1)
    monkeypatch.delenv("HTTP_PROXY")
    # Made while the proxy was set: it keeps using it (nothing listens there).
    assert isinstance(through_proxy.health(), wire.Unreachable)
    direct = client_for(server)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed}")
    # Made without: a proxy set later is not read again on each request.
    assert isinstance(direct.health(), wire.Health)
    assert direct.session.trust_env is False and through_proxy.session.trust_env is False
