"""The KOOP-BİS client: every answer of the sync contract as a typed outcome, never an exception.

The executor and the scheduler decide what to do from *what kind* of answer came
back (applied, conflict, retry later, unreachable…), so the client turns each
HTTP exchange — including a dropped connection, a timeout, an HTML error page or
an endless body — into one of the frozen outcome classes below. It keeps one
``requests.Session`` (connection reuse matters: the engine must keep up with a
bare loop), puts a timeout on every call, always verifies TLS (a CA bundle may
be given, verification cannot be switched off), logs in again once on 401 and
reports ``Retry-After`` so the caller can honour it. The password is asked of a
callable each time it is needed and kept nowhere. The environment's proxy and CA
bundle settings are read once, when the client is made, not on every request.

When ``/health`` offers ``POST /changes:batch``, :meth:`KoopbisClient.submit_batch`
sends many changes in one request and gives each its own outcome, the same kinds
:meth:`KoopbisClient.submit_change` gives.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

import requests

from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.i18n import Labels, tx
from sync.answers import (  # re-exported: callers say wire.Applied, wire.Conflict, …
    RETRYABLE,
    Applied,
    AuthFailed,
    BadAnswer,
    ChangeOutcome,
    Conflict,
    Duplicate,
    Failure,
    FieldMessage,
    Health,
    IdempotencyMismatch,
    Invalid,
    NotFoundAnswer,
    Page,
    Record,
    RetryLater,
    Stale,
    Stored,
    Unreachable,
)

log = logging.getLogger("koopbis.sync.client")

API = "/api/v1"
AUDIT_HEAD_HEADER = "X-Audit-Head"
DEFAULT_MAX_ANSWER_BYTES = 8 * 1024 * 1024
PASSWORD_ENV = "KOOPBIS_SERVER_PASSWORD"
# A token may expire any number of times; logging in again is bounded so a
# server that keeps refusing tokens is not hammered.
RELOGINS_PER_MINUTE = 20
RELOGIN_WINDOW_SECONDS = 60.0


# ----------------------------------------------------------------- password


class PasswordUnavailable(KoopbisError):
    """No KOOP-BİS password in the environment, the keyring or from the person."""


def stored_password(username: str) -> str | None:
    """The KOOP-BİS password from ``KOOPBIS_SERVER_PASSWORD`` or the OS keyring; None if neither."""
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    from koopbis_desktop.services import secrets

    return secrets.get_password(username)


def password_source(username: str, *, interactive: bool) -> Callable[[], str]:
    """A callable giving the password when the client logs in; asks on a terminal if allowed."""
    asked: list[str] = []  # asked once per process, kept only in memory

    def provide() -> str:
        value = stored_password(username)
        if value:
            return value
        if asked:
            return asked[0]
        if interactive and sys.stdin is not None and sys.stdin.isatty():
            import getpass

            try:
                asked.append(
                    getpass.getpass(tx("KOOP-BİS parolası ({username}): ").format(username=username))
                )
            except EOFError:  # Ctrl-D at the question: nothing typed, as when no terminal asks
                raise PasswordUnavailable(
                    tx("KOOP-BİS parolası girilmedi ({username}); eşitleme yapılmadı.").format(
                        username=username
                    )
                ) from None
            return asked[0]
        raise PasswordUnavailable(
            tx(
                "KOOP-BİS parolası bulunamadı ({username}): {PASSWORD_ENV} ortam değişkenini verin, parolayı masaüstü programında kaydedin ya da komutu bir terminalde çalıştırın."
            ).format(username=username, PASSWORD_ENV=PASSWORD_ENV)
        )

    return provide


# ----------------------------------------------------------------- client


@dataclass
class ClientConfig:
    base_url: str
    username: str
    password: Callable[[], str]
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    ca_bundle: str | None = None  # a path; verification itself is always on
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    user_agent: str = "koopbis-desktop-sync/1"
    extra_headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Raw:
    status: int
    body: Any
    headers: Mapping[str, str]


# Why a request failed, for a person; read when the failure happens (the language is chosen by then).
_FAILURES = Labels(
    "sync.failure",
    {
        "unreachable": "KOOP-BİS'e ulaşılamadı; ağ bağlantısını ve sunucu adresini kontrol edin. "
        "Kayıt daha sonra yeniden gönderilecek.",
        "timeout": "KOOP-BİS zamanında yanıt vermedi; kayıt daha sonra aynı anahtarla yeniden gönderilecek.",
        "bad": "KOOP-BİS'ten anlaşılamayan bir yanıt geldi; kayıt daha sonra yeniden gönderilecek.",
    },
)


class KoopbisClient:
    """One KOOP-BİS account on one server, over one ``requests.Session``. Not thread-safe."""

    def __init__(self, config: ClientConfig, session: requests.Session | None = None) -> None:
        self.config = config
        self.base = config.base_url.rstrip("/")
        self.session = session or requests.Session()
        # The environment's proxy and CA bundle settings are read once, here: with
        # ``trust_env`` on, requests reads them (and ~/.netrc, whose Basic auth would
        # replace the bearer token) again on every request. Every request goes to this
        # one server, so its proxies (NO_PROXY honoured) hold for the client's life.
        from_env = self.session.trust_env
        proxies = requests.utils.get_environ_proxies(self.base) if from_env else {}
        env_bundle = (
            os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") if from_env else None
        )
        self.session.trust_env = False
        self.session.proxies.update(proxies)
        # Never False: there is deliberately no switch to turn TLS verification off.
        self.session.verify = config.ca_bundle or True
        self._verify: str | bool = config.ca_bundle or env_bundle or True
        self.session.headers["User-Agent"] = config.user_agent
        self.session.headers["Accept"] = "application/json"
        self.session.headers.update(config.extra_headers)
        self.token: str | None = None
        self._relogins: list[float] = []  # monotonic moments of re-logins after a 401
        # What /health said of POST /changes:batch: None until it answered, 0 when not offered.
        self.batch_max: int | None = None
        self.batch_bytes = 0

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------ transport

    def _exchange(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
    ) -> _Raw | Unreachable | BadAnswer:
        sent_headers = dict(headers or {})
        if auth and self.token:
            sent_headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.session.request(
                method,
                f"{self.base}{path}",
                json=json_body,
                data=data,
                params=params,
                headers=sent_headers,
                timeout=(self.config.connect_timeout, self.config.read_timeout),
                verify=self._verify,
                stream=True,
            )
        except requests.exceptions.SSLError as exc:
            return Unreachable(
                tx(
                    "KOOP-BİS'in güvenlik sertifikası doğrulanamadı; bağlantı kurulmadı. Bilgi işlemden sertifika (CA) dosyasını isteyin."
                ),
                repr(exc),
                applied_unknown=False,
            )
        except requests.exceptions.ConnectTimeout as exc:
            return Unreachable(_FAILURES["unreachable"], repr(exc), applied_unknown=False)
        except requests.exceptions.Timeout as exc:
            return Unreachable(_FAILURES["timeout"], repr(exc))
        except requests.exceptions.ConnectionError as exc:
            # A refused connection never reached the server; anything else may have.
            refused = "refused" in str(exc).lower() or "Failed to establish" in str(exc)
            return Unreachable(_FAILURES["unreachable"], repr(exc), applied_unknown=not refused)
        except requests.exceptions.RequestException as exc:
            return Unreachable(_FAILURES["unreachable"], repr(exc))
        try:
            raw = self._read(response)
        except requests.exceptions.Timeout as exc:
            return Unreachable(_FAILURES["timeout"], repr(exc))
        except (requests.exceptions.RequestException, OSError) as exc:
            return Unreachable(_FAILURES["unreachable"], f"answer cut off: {exc!r}")
        finally:
            response.close()
        if isinstance(raw, BadAnswer):
            return raw
        if method == "HEAD" or not raw:
            return _Raw(response.status_code, None, response.headers)
        try:
            body = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            if response.status_code == 429 or response.status_code >= 500:
                # A proxy's HTML error page: still "try later", Retry-After included.
                return _Raw(response.status_code, None, response.headers)
            return BadAnswer(_FAILURES["bad"], response.status_code, f"not JSON: {exc}; starts {raw[:80]!r}")
        return _Raw(response.status_code, body, response.headers)

    def _read(self, response: requests.Response) -> bytes | BadAnswer:
        limit = self.config.max_answer_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            return BadAnswer(
                _FAILURES["bad"], response.status_code, f"answer of {declared} bytes exceeds {limit}"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in _iter(response):
            size += len(chunk)
            if size > limit:
                return BadAnswer(_FAILURES["bad"], response.status_code, f"answer larger than {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def _call(
        self,
        method: str,
        path: str,
        **kwargs: Any,
    ) -> _Raw | Unreachable | BadAnswer | AuthFailed | RetryLater:
        """An authenticated call: logs in when needed and again on every 401 the server gives.

        A 401 means the token expired, never that the password is wrong — only a
        refused *login* says that. Re-logins are bounded per minute; beyond the
        bound the call is "try later", not "check your password".
        """
        if self.token is None:
            login = self.login()
            if login is not None:
                return _not_sent(login)
        while True:
            answer = self._exchange(method, path, **kwargs)
            if not (isinstance(answer, _Raw) and answer.status == 401):
                return answer
            self.token = None
            if not self._may_log_in_again():
                return RetryLater(
                    tx("KOOP-BİS oturumu art arda sona erdi; biraz sonra yeniden denenecek."),
                    401,
                    "token_expired",
                    RELOGIN_WINDOW_SECONDS / RELOGINS_PER_MINUTE,
                )
            login = self.login()
            if login is not None:
                return _not_sent(login)

    def _may_log_in_again(self) -> bool:
        now = time.monotonic()
        self._relogins = [t for t in self._relogins if now - t < RELOGIN_WINDOW_SECONDS]
        if len(self._relogins) >= RELOGINS_PER_MINUTE:
            return False
        self._relogins.append(now)
        return True

    # ------------------------------------------------------------ calls

    def login(self) -> AuthFailed | RetryLater | Unreachable | BadAnswer | None:
        """Get a session token; None on success."""
        try:
            password = self.config.password()
        except PasswordUnavailable as exc:
            return AuthFailed(exc.message)
        answer = self._exchange(
            "POST",
            f"{API}/session",
            json_body={"username": self.config.username, "password": password},
            auth=False,
        )
        del password
        if not isinstance(answer, _Raw):
            return answer
        if (
            answer.status == 200
            and isinstance(answer.body, dict)
            and isinstance(answer.body.get("token"), str)
        ):
            self.token = answer.body["token"]
            return None
        if answer.status == 423:
            # Too many wrong passwords (an old one in the keyring, tried by every run): locked for
            # a while. Every further login would only be refused the same way until then.
            wait = _retry_after(answer.headers)
            return AuthFailed(
                tx(
                    "KOOP-BİS hesabı ({username}) çok sayıda yanlış parola denendiği için geçici olarak "
                    "kilitlendi; {minutes} dakika sonra yeniden denenecek. KOOP-BİS parolasını kontrol edin."
                ).format(username=self.config.username, minutes=math.ceil((wait or 60.0) / 60.0)),
                wait,
            )
        if answer.status in (401, 403):
            return AuthFailed(
                tx(
                    "KOOP-BİS girişi reddedildi ({username}): kullanıcı adını ve KOOP-BİS parolasını kontrol edin."
                ).format(username=self.config.username)
            )
        common = _common_failure(answer)
        if common is not None:
            return common
        return BadAnswer(_FAILURES["bad"], answer.status, f"session answer: {_brief(answer.body)}")

    def health(self) -> Health | RetryLater | Unreachable | BadAnswer:
        answer = self._exchange("GET", f"{API}/health", auth=False)
        if not isinstance(answer, _Raw):
            return answer
        body = answer.body
        if not isinstance(body, dict) or answer.status not in (200, 503):
            common = _common_failure(answer)
            if isinstance(common, RetryLater):
                return common
            return BadAnswer(_FAILURES["bad"], answer.status, _brief(body))
        batch = body.get("batch")
        limits = batch if isinstance(batch, dict) else {}
        max_changes, max_bytes = limits.get("max_changes"), limits.get("max_bytes")
        if not (isinstance(max_changes, int) and max_changes > 0):
            max_changes = 0
        if not (max_changes and isinstance(max_bytes, int) and max_bytes > 0):
            max_bytes = 0
        health = Health(
            status=str(body.get("status", "")),
            server_time=_opt_str(body.get("server_time")),
            go_live=_opt_str(body.get("go_live")),
            maintenance_until=_opt_str(body.get("maintenance_until")),
            batch_max=max_changes,
            batch_bytes=max_bytes,
        )
        if answer.status == 200:
            self.batch_max, self.batch_bytes = health.batch_max, health.batch_bytes
        if answer.status == 503:
            until = health.maintenance_until
            return RetryLater(
                tx("KOOP-BİS bakımda{v}; bakım bitince eşitleme kendiliğinden başlar.").format(
                    v=tx(" ({until} saatine kadar)").format(until=_local_moment(until)) if until else ""
                ),
                503,
                "maintenance",
                _retry_after(answer.headers),
                maintenance=True,
                maintenance_until=until,
            )
        return health

    def submit_change(
        self, key: str, body: Mapping[str, Any], *, audit_head: str | None = None
    ) -> ChangeOutcome:
        """``POST /changes`` with ``Idempotency-Key: key``: one outcome for every possible answer.

        ``audit_head`` (``seq:sha256`` of the office's audit chain) goes along as
        ``X-Audit-Head``: KOOP-BİS keeps the newest per directorate, an anchor of the
        chain outside the office's own database.
        """
        headers = {"Idempotency-Key": key}
        if audit_head:
            headers[AUDIT_HEAD_HEADER] = audit_head
        answer = self._call(
            "POST",
            f"{API}/changes",
            json_body=dict(body),
            headers=headers,
        )
        if not isinstance(answer, _Raw):
            return answer
        return _change_outcome(answer)

    def submit_batch(
        self, items: Sequence[tuple[str, Mapping[str, Any]]], *, audit_head: str | None = None
    ) -> list[ChangeOutcome] | Failure | None:
        """``POST /changes:batch``: one outcome per ``(key, body)`` in order, as :meth:`submit_change` gives.

        None when the server will not take these as a batch — the path is unknown
        (404/405: an older server; batches are then off for this client), the body is
        too large (413, or over the advertised size) or the envelope was refused — and
        nothing of it was applied: the caller posts them one by one. A failure of the
        request as a whole (no answer, 5xx, 429, a refused login, an answer that does
        not fit the batch) is returned alone: it holds for every item, each of which
        may or may not have been applied.
        """
        payload = json.dumps(
            {"items": [{"idempotency_key": key, "change": dict(body)} for key, body in items]},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        if self.batch_bytes and len(payload) > self.batch_bytes:
            return None
        headers = {"Content-Type": "application/json"}
        if audit_head:
            headers[AUDIT_HEAD_HEADER] = audit_head
        answer = self._call("POST", f"{API}/changes:batch", data=payload, headers=headers)
        if not isinstance(answer, _Raw):
            return answer
        if answer.status in (404, 405):
            log.info("the server has no batch endpoint (%s); posting one by one", answer.status)
            self.batch_max = 0
            return None
        if answer.status in (400, 413, 422):
            log.info(
                "batch refused as a whole (%s: %s); posting one by one", answer.status, _brief(answer.body)
            )
            return None
        if answer.status != 200:
            common = _common_failure(answer)
            return common or BadAnswer(_FAILURES["bad"], answer.status, _brief(answer.body))
        listed = answer.body.get("items") if isinstance(answer.body, dict) else None
        if not (
            isinstance(listed, list)
            and len(listed) == len(items)
            and all(
                isinstance(got, dict)
                and got.get("idempotency_key") == key
                and isinstance(got.get("status"), int)
                for got, (key, _body) in zip(listed, items, strict=True)
            )
        ):
            return BadAnswer(_FAILURES["bad"], 200, f"batch answer: {_brief(answer.body)}")
        return [_change_outcome(_Raw(got["status"], got.get("answer"), {})) for got in listed]

    def list_cooperatives(
        self,
        *,
        province: str | None = None,
        updated_since: str | None = None,
        cursor: str | None = None,
        limit: int = 500,
    ) -> Page | RetryLater | Unreachable | BadAnswer | AuthFailed | Invalid:
        params: dict[str, Any] = {"limit": limit}
        if province:
            params["province"] = province
        if updated_since:
            params["updated_since"] = updated_since
        if cursor:
            params["cursor"] = cursor
        answer = self._call("GET", f"{API}/cooperatives", params=params)
        if not isinstance(answer, _Raw):
            return answer
        body = answer.body
        if answer.status == 200:
            if (
                isinstance(body, dict)
                and isinstance(body.get("items"), list)
                and all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in body["items"])
            ):
                return Page(body["items"], _opt_str(body.get("next_cursor")))
            return BadAnswer(_FAILURES["bad"], 200, f"page: {_brief(body)}")
        if answer.status == 422 and isinstance(body, dict):
            return Invalid(str(body.get("message") or ""), [])
        common = _common_failure(answer)
        return common if common is not None else BadAnswer(_FAILURES["bad"], answer.status, _brief(body))

    def get_cooperative(
        self, cooperative_id: str
    ) -> Record | NotFoundAnswer | RetryLater | Unreachable | BadAnswer | AuthFailed:
        answer = self._call("GET", f"{API}/cooperatives/{quote(cooperative_id, safe='')}")
        if not isinstance(answer, _Raw):
            return answer
        if answer.status == 200 and isinstance(answer.body, dict) and isinstance(answer.body.get("id"), str):
            return Record(answer.body)
        if answer.status == 404:
            return NotFoundAnswer(
                tx("KOOP-BİS'te {cooperative_id} numaralı kooperatif yok.").format(
                    cooperative_id=cooperative_id
                ),
                cooperative_id,
            )
        common = _common_failure(answer)
        return (
            common if common is not None else BadAnswer(_FAILURES["bad"], answer.status, _brief(answer.body))
        )

    def has_attachment(self, sha256: str) -> bool | RetryLater | Unreachable | BadAnswer | AuthFailed:
        answer = self._call("HEAD", f"{API}/attachments/{sha256}")
        if not isinstance(answer, _Raw):
            return answer
        if answer.status in (200, 404):
            return answer.status == 200
        common = _common_failure(answer)
        return common if common is not None else BadAnswer(_FAILURES["bad"], answer.status, "HEAD attachment")

    def put_attachment(
        self, sha256: str, data: bytes
    ) -> Stored | Invalid | RetryLater | Unreachable | BadAnswer | AuthFailed:
        answer = self._call(
            "PUT",
            f"{API}/attachments/{sha256}",
            data=data,
            headers={"Content-Type": "application/octet-stream"},
        )
        if not isinstance(answer, _Raw):
            return answer
        if answer.status in (200, 201):
            return Stored(sha256)
        if answer.status in (413, 422):
            body = answer.body if isinstance(answer.body, dict) else {}
            return Invalid(
                str(body.get("message") or tx("Ek dosya KOOP-BİS'e yüklenemedi.")),
                [FieldMessage("attachments", str(body.get("message") or "Ek dosya reddedildi."))],
            )
        common = _common_failure(answer)
        return common if common is not None else BadAnswer(_FAILURES["bad"], answer.status, "PUT attachment")


# ----------------------------------------------------------------- helpers


def _iter(response: requests.Response) -> Iterator[bytes]:
    yield from response.iter_content(chunk_size=64 * 1024)


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _brief(body: Any) -> str:
    """An answer's shape for the log, never its values: a refusal may echo a member's TCKN and name."""
    return _shape(body)[:200]


def _shape(value: Any, depth: int = 0) -> str:
    if value is None:
        return "<empty>"
    if isinstance(value, dict):
        if depth >= 2:
            return "{…}"
        inner = ", ".join(f"{str(k)[:40]}: {_shape(v, depth + 1)}" for k, v in list(value.items())[:12])
        return "{" + inner + (", …" if len(value) > 12 else "") + "}"
    if isinstance(value, list):
        first = f"{_shape(value[0], depth + 1)}, " if value and depth < 2 else ""
        return f"[{first}{len(value)} items]"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return f"text({len(value)})"
    return type(value).__name__


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        # An HTTP date is allowed too; treat it as "a while" rather than parse clocks.
        from email.utils import parsedate_to_datetime

        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        from datetime import UTC, datetime

        seconds = (moment - datetime.now(UTC)).total_seconds()
    return max(0.0, min(seconds, 3600.0))


def _local_moment(value: str) -> str:
    """An ISO moment from KOOP-BİS as a person reads it: local "12.03.2015 08:30" (the text itself if unreadable)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def _change_outcome(answer: _Raw) -> ChangeOutcome:
    """What an answer to ``POST /changes`` (or one item of a batch) says happened to the change."""
    status, data = answer.status, answer.body
    if status in (200, 201):
        return _applied(data, status) or BadAnswer(
            _FAILURES["bad"], status, f"applied answer: {_brief(data)}"
        )
    if not isinstance(data, dict):
        common = _common_failure(answer)
        return common if common is not None else BadAnswer(_FAILURES["bad"], status, _brief(data))
    code = data.get("error")
    message = str(data.get("message") or "")
    if status == 409:
        if code == "conflict":
            return Conflict(
                message or tx("KOOP-BİS'te değişmiş alanlar var."),
                [c for c in data.get("conflicts") or [] if isinstance(c, dict)],
                current if isinstance(current := data.get("current"), dict) else {},
                data.get("version") if isinstance(data.get("version"), int) else None,
            )
        if code == "duplicate":
            existing = data.get("existing")
            return Duplicate(
                message or tx("Kayıt KOOP-BİS'te zaten var."),
                str(data.get("kind") or ""),
                existing if isinstance(existing, dict) else {},
            )
        if code == "stale":
            return Stale(message or tx("Kooperatif KOOP-BİS'te sona ermiş."), _opt_str(data.get("status")))
        if code == "idempotency_mismatch":
            return IdempotencyMismatch(
                message or tx("Bu kayıt KOOP-BİS'e farklı içerikle gönderilmiş."),
                _opt_str(data.get("receipt")),
            )
        return BadAnswer(_FAILURES["bad"], status, f"unknown 409 code {code!r}")
    if status in (400, 422):
        errors = [
            FieldMessage(str(e.get("field", "")), str(e.get("message", "")))
            for e in data.get("errors") or []
            if isinstance(e, dict)
        ]
        return Invalid(message or tx("KOOP-BİS kaydı geçersiz buldu."), errors)
    if status == 404:
        return NotFoundAnswer(
            message or tx("Kooperatif KOOP-BİS'te bulunamadı."), _opt_str(data.get("cooperative"))
        )
    common = _common_failure(answer)
    return (
        common
        if common is not None
        else BadAnswer(_FAILURES["bad"], status, f"status {status}: {_brief(data)}")
    )


def _applied(data: Any, status: int) -> Applied | None:
    if not isinstance(data, dict):
        return None
    receipt, cooperative, version = data.get("receipt"), data.get("cooperative"), data.get("version")
    if not (
        isinstance(receipt, str) and receipt and isinstance(cooperative, str) and isinstance(version, int)
    ):
        return None
    return Applied(
        receipt=receipt,
        cooperative=cooperative,
        version=version,
        applied_at=str(data.get("applied_at") or ""),
        replayed=bool(data.get("replayed")) or status == 200,
    )


def _not_sent(
    failure: AuthFailed | RetryLater | Unreachable | BadAnswer,
) -> AuthFailed | RetryLater | Unreachable:
    """A login that failed on the way to a call: the call itself never went out.

    Whatever the login met (an error page, no answer in time, a garbled answer), the
    change was not posted, so it is certainly not applied and its entry is not left
    ``sending``. A login without an answer is "try again later" like a 5xx, not "offline"
    (that is a refused connection, which stops the run).
    """
    if isinstance(failure, BadAnswer):
        return RetryLater(failure.message, failure.status or 0, "login_bad_answer", None)
    if isinstance(failure, Unreachable) and failure.applied_unknown:
        return RetryLater(failure.message, 0, "login_unanswered", None)
    if isinstance(failure, RetryLater) and failure.applied_unknown:
        return replace(failure, applied_unknown=False)
    return failure


def _common_failure(answer: _Raw) -> RetryLater | AuthFailed | None:
    """Answers any call can get: 401 after re-login, 429, 503, other 5xx."""
    body = answer.body if isinstance(answer.body, dict) else {}
    code = str(body.get("error") or "")
    message = str(body.get("message") or "")
    if answer.status == 401:
        return AuthFailed(
            message or tx("KOOP-BİS oturumu reddetti; kullanıcı adını ve parolayı kontrol edin.")
        )
    if answer.status == 429:
        return RetryLater(
            message or tx("KOOP-BİS çok sık istek aldığını bildirdi; biraz bekleniyor."),
            429,
            code or "rate_limited",
            _retry_after(answer.headers),
        )
    if answer.status == 503:
        maintenance = code == "maintenance"
        return RetryLater(
            message or tx("KOOP-BİS şu anda yanıt veremiyor; biraz sonra yeniden denenecek."),
            503,
            code or "unavailable",
            _retry_after(answer.headers),
            maintenance=maintenance,
            maintenance_until=_opt_str(body.get("maintenance_until")) if maintenance else None,
        )
    if 500 <= answer.status < 600:
        return RetryLater(
            message or tx("KOOP-BİS'te bir hata oluştu; kayıt daha sonra yeniden gönderilecek."),
            answer.status,
            code or "server_error",
            _retry_after(answer.headers),
            applied_unknown=True,
        )
    return None


__all__ = [
    "API",
    "DEFAULT_MAX_ANSWER_BYTES",
    "PASSWORD_ENV",
    "RELOGINS_PER_MINUTE",
    "RETRYABLE",
    "Applied",
    "AuthFailed",
    "BadAnswer",
    "ChangeOutcome",
    "ClientConfig",
    "Conflict",
    "Duplicate",
    "Failure",
    "FieldMessage",
    "Health",
    "IdempotencyMismatch",
    "Invalid",
    "KoopbisClient",
    "NotFoundAnswer",
    "Page",
    "PasswordUnavailable",
    "Record",
    "RetryLater",
    "Stale",
    "Stored",
    "Unreachable",
    "password_source",
    "stored_password",
]
