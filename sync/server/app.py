"""The ASGI application: FastAPI routes of the contract, wrapped by maintenance, faults and logging.

``create_app(config)`` returns a :class:`ServerApp`; its ``api`` attribute is the
FastAPI app (routes, OpenAPI), the wrapper itself is what uvicorn serves. The
wrapper sits outside FastAPI so that it can answer 503 before any route runs and
reach the socket to drop a connection on purpose.
"""

# No "from __future__ import annotations": FastAPI must resolve the local
# dependency aliases (User) in the route signatures at definition time.
import base64
import binascii
import hashlib
import hmac
import logging
import math
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.server import models
from sync.server.auth import DEFAULT_USERS, Accounts, LoginRefused, Session, TokenStatus
from sync.server.changes import BatchItem, submit_change, submit_changes
from sync.server.errors import ApiError, invalid
from sync.server.faults import (
    MODE_HELP,
    Faults,
    Receive,
    Scope,
    Send,
    format_spec,
    parse_spec,
    run_with_fault,
    send_json,
)
from sync.server.store import Store, iso, utc_now

log = logging.getLogger("koopbis.server")

API = "/api/v1"
ADMIN = f"{API}/admin"
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
# Every other request body is a JSON document of one change at most: far below this.
MAX_BODY_BYTES = 1024 * 1024
# A batch carries up to ``max_changes`` such documents; its own, larger limit (advertised).
MAX_BATCH_BODY_BYTES = 8 * 1024 * 1024
DEFAULT_BATCH_MAX = 100
BATCH = f"{API}/changes:batch"
ATTACHMENTS = f"{API}/attachments/"
AUDIT_HEAD_HEADER = "X-Audit-Head"
DEFAULT_GO_LIVE = date(2015, 3, 12)


@dataclass
class ServerConfig:
    db: str | Path = ":memory:"
    users: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_USERS))
    # username → the province of its directorate; absent or None: a head-office account.
    provinces: dict[str, str | None] = field(default_factory=lambda: dict.fromkeys(DEFAULT_USERS, "06"))
    token_ttl: float = 900.0
    admin_token: str = "egitim-admin"
    go_live: date = DEFAULT_GO_LIVE
    maintenance_until: datetime | None = None
    faults: dict[str, float] = field(default_factory=dict)
    seed: int | None = None
    fault_delay: float = 5.0
    seed_records: list[dict[str, Any]] = field(default_factory=list)
    today: Callable[[], date] = date.today
    # Most changes one POST /changes:batch carries; 0 turns the batch endpoint off (an older server).
    batch_max: int = DEFAULT_BATCH_MAX


@dataclass
class ServerState:
    config: ServerConfig
    store: Store
    accounts: Accounts
    faults: Faults
    maintenance_until: datetime | None = None

    def in_maintenance(self) -> bool:
        return self.maintenance_until is not None and utc_now() < self.maintenance_until

    def retry_after(self) -> int:
        assert self.maintenance_until is not None
        return max(1, math.ceil((self.maintenance_until - utc_now()).total_seconds()))

    def health(self) -> dict[str, Any]:
        until = self.maintenance_until if self.in_maintenance() else None
        return {
            "status": "maintenance" if until else "ok",
            "server_time": iso(utc_now()),
            "go_live": self.config.go_live.isoformat(),
            "maintenance_until": iso(until) if until else None,
            "batch": (
                {"max_changes": self.config.batch_max, "max_bytes": MAX_BATCH_BODY_BYTES}
                if self.config.batch_max > 0
                else None
            ),
        }


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -------------------------------------------------------------------- OpenAPI responses


def _error(description: str, model: type = models.ErrorBody) -> dict[str, Any]:
    return {"model": model, "description": description}


RETRY_HEADER = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}
MAINTENANCE: dict[int | str, dict[str, Any]] = {
    503: {
        **_error("Maintenance (or an injected fault); retry after `Retry-After`", models.MaintenanceBody),
        "headers": RETRY_HEADER,
    }
}
COMMON: dict[int | str, dict[str, Any]] = {
    **MAINTENANCE,
    429: {**_error("Too many requests; retry after `Retry-After`"), "headers": RETRY_HEADER},
    500: _error("Server error"),
}
AUTHED: dict[int | str, dict[str, Any]] = {
    **COMMON,
    401: _error("`unauthorized` or `token_expired`: log in again"),
    422: _error("`invalid`: per-field errors", models.InvalidBody),
}
ADMIN_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _error("Missing or wrong admin token"),
    422: _error("Invalid request", models.InvalidBody),
}


def create_app(config: ServerConfig | None = None) -> "ServerApp":
    config = config or ServerConfig()
    store = Store(config.db)
    if config.seed_records and store.count_cooperatives() == 0:
        store.seed(config.seed_records)
    state = ServerState(
        config=config,
        store=store,
        accounts=Accounts(config.users, config.token_ttl, config.provinces),
        faults=Faults(dict(config.faults), config.seed, config.fault_delay),
        maintenance_until=_aware(config.maintenance_until) if config.maintenance_until else None,
    )
    return ServerApp(_build_api(state), state)


def _build_api(state: ServerState) -> FastAPI:
    api = FastAPI(
        title="KOOP-BİS API (KOOP-BİS Desktop sync contract)",
        version="1.0.0",
        description=(
            "The API KOOP-BİS Desktop replays approved entries into. KOOP-BİS publishes no "
            "API; this contract is the project's, implemented by the reference training "
            "server (`koopbis-server`). Every error is JSON `{error, message, ...}` with a "
            "Turkish `message`. While in maintenance every non-admin endpoint answers 503 "
            "with `Retry-After`."
        ),
    )
    user_bearer = HTTPBearer(auto_error=False, scheme_name="SessionToken")
    admin_bearer = HTTPBearer(auto_error=False, scheme_name="AdminToken")

    def require_user(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(user_bearer)],
    ) -> Session:
        unauthorized = ApiError(
            401,
            "unauthorized",
            "Oturum açılmamış ya da oturum geçersiz; kullanıcı adı ve parolayla giriş yapın.",
            headers={"WWW-Authenticate": "Bearer"},
        )
        if credentials is None:
            raise unauthorized
        status, session = state.accounts.check(credentials.credentials)
        if status == TokenStatus.EXPIRED:
            raise ApiError(
                401,
                "token_expired",
                "Oturumun süresi doldu; yeniden giriş yapın.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if session is None:
            raise unauthorized
        return session

    def require_admin(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(admin_bearer)],
    ) -> None:
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), state.config.admin_token.encode()):
            raise ApiError(
                401,
                "unauthorized",
                "Yönetici anahtarı eksik ya da yanlış.",
                headers={"WWW-Authenticate": "Bearer"},
            )

    User = Annotated[Session, Depends(require_user)]
    Admin = Depends(require_admin)

    @api.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), exc.status, headers=exc.headers)

    @api.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return on_api_error_sync(
            invalid(_field_errors(exc.errors()), "İstek biçimi geçersiz; alanları düzeltin.")
        )

    def on_api_error_sync(exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), exc.status, headers=exc.headers)

    @api.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # FastAPI could not parse the JSON body
            return on_api_error_sync(
                invalid([{"field": "body", "message": "İstek gövdesi geçerli bir JSON değil."}])
            )
        code, message = {
            404: ("not_found", "Böyle bir adres yok."),
            405: ("method_not_allowed", "Bu adres bu yöntemle kullanılamaz."),
        }.get(exc.status_code, ("http_error", "İstek yerine getirilemedi."))
        return JSONResponse({"error": code, "message": message}, exc.status_code, headers=exc.headers)

    # ---------------------------------------------------------------- public

    @api.get(
        f"{API}/health",
        response_model=models.Health,
        responses={503: {"model": models.Health, "description": "In maintenance", "headers": RETRY_HEADER}},
        tags=["session"],
    )
    def health() -> dict[str, Any]:
        """Status, server time, go-live date; 503 with `Retry-After` while in maintenance."""
        return state.health()

    @api.post(
        f"{API}/session",
        response_model=models.SessionToken,
        responses={
            **COMMON,
            401: _error("Unknown user or wrong password"),
            422: _error("Invalid", models.InvalidBody),
            423: {
                **_error("Too many wrong passwords for this account name (known or not)"),
                "headers": RETRY_HEADER,
            },
        },
        tags=["session"],
    )
    def login(body: models.SessionRequest, request: Request) -> dict[str, Any]:
        """Log in; the bearer token expires after the server's token lifetime.

        Wrong passwords are throttled per account name (423) and per address (429),
        both with `Retry-After`; an unknown name is answered exactly as a known one.
        """
        address = request.client.host if request.client else ""
        try:
            session = state.accounts.login(body.username, body.password, address)
        except LoginRefused as refused:
            state.store.record_login(body.username, address, f"refused_{refused.status}")
            message = (
                "Bu hesap için çok fazla hatalı parola denendi; hesap geçici olarak kilitlendi."
                if refused.status == 423
                else "Bu adresten çok fazla hatalı giriş denendi; bir süre sonra yeniden deneyin."
            )
            raise ApiError(
                refused.status,
                "locked" if refused.status == 423 else "too_many_attempts",
                f"{message} {refused.retry_after} saniye sonra yeniden deneyin.",
                headers={"Retry-After": str(refused.retry_after)},
            ) from None
        state.store.record_login(body.username, address, "ok" if session else "wrong")
        if session is None:
            raise ApiError(401, "unauthorized", "Kullanıcı adı ya da parola yanlış.")
        token, expires_at = session
        return {"token": token, "expires_at": iso(datetime.fromtimestamp(expires_at, UTC))}

    @api.get(
        f"{API}/cooperatives",
        response_model=None,
        responses={
            200: {"model": models.CooperativePage, "description": "One page, ordered by id"},
            **AUTHED,
            422: _error("Invalid filter or cursor", models.InvalidBody),
        },
        tags=["cooperatives"],
    )
    def list_cooperatives(
        user: User,
        province: Annotated[str | None, Query(pattern=r"^\d{2}$", description="Plate code")] = None,
        updated_since: Annotated[datetime | None, Query(description="Changed at or after")] = None,
        cursor: Annotated[str | None, Query(max_length=200)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> JSONResponse:
        """Records (members, board, audit board, assemblies, articles, unions included)."""
        after = _decode_cursor(cursor) if cursor else None
        since = iso(_aware(updated_since)) if updated_since else None
        if user.province is not None:
            if province is not None and province != user.province:
                # Another directorate's list: this account sees none of it.
                return JSONResponse({"items": [], "next_cursor": None})
            province = user.province
        items, more = state.store.list_cooperatives(province, since, after, limit)
        next_cursor = _encode_cursor(items[-1]["id"]) if more and items else None
        return JSONResponse({"items": items, "next_cursor": next_cursor})

    @api.get(
        f"{API}/cooperatives/{{cooperative_id}}",
        response_model=None,
        responses={
            200: {
                "model": models.Cooperative,
                "description": "The record",
                "headers": {"ETag": {"description": '`"<version>"`', "schema": {"type": "string"}}},
            },
            **AUTHED,
            404: _error("`not_found`"),
        },
        tags=["cooperatives"],
    )
    def get_cooperative(user: User, cooperative_id: Annotated[str, PathParam(max_length=40)]) -> JSONResponse:
        """One record with `version`; `ETag` is the quoted version."""
        record = state.store.get_cooperative(cooperative_id)
        if record is None or not _visible(user, record):
            # Another province's cooperative answers as one that does not exist.
            raise _not_found(cooperative_id)
        return JSONResponse(record, headers={"ETag": f'"{record["version"]}"'})

    @api.post(
        f"{API}/changes",
        status_code=201,
        response_model=None,
        responses={
            201: {"model": models.ChangeApplied, "description": "Applied; receipt and new version"},
            200: {
                "model": models.ChangeApplied,
                "description": "Same key and body again: the original receipt, `replayed: true`",
            },
            400: _error("`missing_idempotency_key`"),
            404: _error("`not_found`: unknown cooperative"),
            409: _error("`conflict`, `duplicate`, `stale` or `idempotency_mismatch`", models.ChangeRefused),
            422: _error("`invalid`: per-field errors", models.InvalidBody),
            **AUTHED,
        },
        tags=["changes"],
    )
    def post_change(
        user: User,
        body: models.ChangeRequest,
        idempotency_key: Annotated[
            str | None,
            Header(description="The entry's uuid; required", max_length=200),
        ] = None,
        x_audit_head: Annotated[
            str | None,
            Header(
                description="The sending office's audit chain head (`seq:sha256`), kept per directorate "
                "as an anchor outside the office's database",
                max_length=100,
                pattern=r"^\d{1,12}:[0-9a-f]{64}$",
            ),
        ] = None,
    ) -> JSONResponse:
        """Apply one approved entry exactly once (see the contract in docs/server.md)."""
        if not idempotency_key or not idempotency_key.strip():
            raise ApiError(
                400,
                "missing_idempotency_key",
                "Idempotency-Key başlığı zorunludur; kaydın kimliğini (uuid) gönderin.",
            )
        status, answer = submit_change(
            state.store,
            idempotency_key.strip(),
            body.model_dump(mode="json"),
            state.config.today(),
            province=user.province,
        )
        if x_audit_head:
            state.store.keep_audit_head(user.province or "00", user.username, x_audit_head)
        return JSONResponse(answer, status)

    if state.config.batch_max > 0:

        @api.post(
            BATCH,
            response_model=models.ChangeBatchAnswer,
            responses={
                413: _error("Body larger than `batch.max_bytes`"),
                **AUTHED,
                422: _error(
                    "`invalid`: the envelope is malformed or has more items than `batch.max_changes` "
                    "(nothing applied); a malformed *item* is answered in its own outcome",
                    models.InvalidBody,
                ),
            },
            tags=["changes"],
        )
        def post_changes(
            user: User,
            body: models.ChangeBatchRequest,
            x_audit_head: Annotated[
                str | None,
                Header(
                    description="As for `POST /changes`",
                    max_length=100,
                    pattern=r"^\d{1,12}:[0-9a-f]{64}$",
                ),
            ] = None,
        ) -> dict[str, Any]:
            """Apply up to `batch.max_changes` changes in order, each exactly once under its own key.

            Every item is answered as `POST /changes` would have answered it alone
            (status and body), so one item's refusal does not stop the others
            (partial success); a key sent before gets its stored answer. Items are
            applied in the order given, each seeing the ones before it.
            """
            if len(body.items) > state.config.batch_max:
                raise invalid(
                    [
                        {
                            "field": "items",
                            "message": f"Bir istekte en çok {state.config.batch_max} kayıt gönderilebilir.",
                        }
                    ]
                )
            items = [_batch_item(item) for item in body.items]
            answers = submit_changes(state.store, items, state.config.today(), province=user.province)
            if x_audit_head:
                state.store.keep_audit_head(user.province or "00", user.username, x_audit_head)
            return {
                "items": [
                    {"idempotency_key": item.idempotency_key, "status": status, "answer": answer}
                    for item, (status, answer) in zip(body.items, answers, strict=True)
                ]
            }

    @api.put(
        f"{API}/attachments/{{sha256}}",
        response_model=None,
        responses={
            201: {"model": models.AttachmentStored, "description": "Stored"},
            200: {"model": models.AttachmentStored, "description": "Already stored"},
            413: _error("Too large"),
            422: _error("Hash does not match the body", models.InvalidBody),
            **AUTHED,
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
        tags=["attachments"],
    )
    async def put_attachment(
        user: User,
        sha256: Annotated[str, PathParam(pattern=models.SHA256_PATTERN)],
        request: Request,
    ) -> JSONResponse:
        """Upload an attachment under its SHA-256; uploading it again stores nothing new.

        The body is streamed to a file and hashed on the way; past 50 MB the upload
        stops with 413 without reading further.
        """
        digest = hashlib.sha256()
        size = 0
        with tempfile.NamedTemporaryFile(prefix="ek-", dir=state.store.spool_dir()) as spool:
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_ATTACHMENT_BYTES:
                    raise _too_large("Ek dosya 50 MB'tan büyük olamaz.")
                digest.update(chunk)
                spool.write(chunk)
            spool.flush()
            if digest.hexdigest() != sha256:
                raise invalid(
                    [
                        {
                            "field": "sha256",
                            "message": "Dosyanın SHA-256 özeti adresteki özetle uyuşmuyor.",
                        }
                    ]
                )
            created = state.store.put_attachment_file(sha256, Path(spool.name), size)
        return JSONResponse({"sha256": sha256, "size": size}, 201 if created else 200)

    @api.head(
        f"{API}/attachments/{{sha256}}",
        response_model=None,
        responses={200: {"description": "Stored"}, 404: {"description": "Not stored"}, **AUTHED},
        tags=["attachments"],
    )
    def head_attachment(
        user: User, sha256: Annotated[str, PathParam(pattern=models.SHA256_PATTERN)]
    ) -> Response:
        """Whether an attachment is already stored (no body)."""
        return Response(status_code=200 if state.store.has_attachment(sha256) else 404)

    # ---------------------------------------------------------------- admin

    @api.patch(
        f"{ADMIN}/cooperatives/{{cooperative_id}}",
        response_model=models.Cooperative,
        responses={**ADMIN_RESPONSES, 404: _error("`not_found`")},
        dependencies=[Admin],
        tags=["admin"],
    )
    def admin_edit(
        cooperative_id: Annotated[str, PathParam(max_length=40)], body: models.CooperativePatch
    ) -> dict[str, Any]:
        """Edit a record as the head office would (training: makes conflicts); bumps version."""
        fields = body.model_dump(mode="json", exclude_unset=True)
        with state.store.transaction() as conn:
            record = state.store.load(conn, cooperative_id)
            if record is None:
                raise _not_found(cooperative_id)
            record.update(fields)
            record["version"] = int(record["version"]) + 1
            state.store.save(conn, record, iso(utc_now()))
        return record

    @api.post(
        f"{ADMIN}/maintenance",
        response_model=models.MaintenanceState,
        responses=ADMIN_RESPONSES,
        dependencies=[Admin],
        tags=["admin"],
    )
    def admin_maintenance(body: models.MaintenanceRequest) -> dict[str, Any]:
        """Start maintenance until a moment, or end it (`until: null`)."""
        state.maintenance_until = _aware(body.until) if body.until else None
        log.info("maintenance until %s", state.maintenance_until)
        return {"maintenance_until": iso(state.maintenance_until) if state.maintenance_until else None}

    @api.get(
        f"{ADMIN}/changes",
        response_model=models.AppliedChanges,
        responses=ADMIN_RESPONSES,
        dependencies=[Admin],
        tags=["admin"],
    )
    def admin_changes() -> dict[str, Any]:
        """Every applied change in order, with its idempotency key and receipt."""
        return {"items": state.store.applied_changes()}

    @api.post(
        f"{ADMIN}/reset",
        response_model=models.ResetDone,
        responses=ADMIN_RESPONSES,
        dependencies=[Admin],
        tags=["admin"],
    )
    def admin_reset() -> dict[str, Any]:
        """Forget changes and attachments; reload the start-up seed records."""
        count = state.store.reset(state.config.seed_records)
        log.info("reset: %d cooperatives", count)
        return {"cooperatives": count}

    @api.put(
        f"{ADMIN}/faults",
        response_model=models.FaultsState,
        responses=ADMIN_RESPONSES,
        dependencies=[Admin],
        tags=["admin"],
        description="Modes: " + "; ".join(f"`{m}`: {h}" for m, h in MODE_HELP.items()),
    )
    def admin_faults(body: models.FaultsRequest) -> dict[str, Any]:
        """Replace the fault spec (same syntax as `--faults`)."""
        try:
            shares = parse_spec(body.spec)
        except ValueError as exc:
            raise invalid([{"field": "spec", "message": f"Arıza tanımı geçersiz: {exc}."}]) from None
        state.faults.configure(shares, body.seed, body.delay)
        log.info("faults: %s (seed %s)", format_spec(shares) or "off", body.seed)
        return {"spec": format_spec(shares), "seed": body.seed, "delay": state.faults.delay}

    return api


def _batch_item(item: models.BatchChange) -> BatchItem:
    """A batch item checked as ``POST /changes`` checks its header and body, refusals kept per item."""
    key = (item.idempotency_key or "").strip()
    if not key:
        return BatchItem(
            "",
            None,
            ApiError(
                400,
                "missing_idempotency_key",
                "Her kayıt için idempotency_key zorunludur; kaydın kimliğini (uuid) gönderin.",
            ),
        )
    try:
        change = models.ChangeRequest.model_validate(item.change)
    except ValidationError as exc:
        return BatchItem(
            key, None, invalid(_field_errors(exc.errors()), "İstek biçimi geçersiz; alanları düzeltin.")
        )
    return BatchItem(key, change.model_dump(mode="json"))


def _field_errors(errors: Any) -> list[dict[str, str]]:
    """Pydantic's errors as the contract's ``[{field, message}]`` (request-part prefix dropped)."""
    fields = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "header"):
            loc = loc[1:]
        fields.append({"field": ".".join(loc), "message": f"Geçersiz değer: {err.get('msg', '')}."})
    return fields


def _visible(user: Session, record: dict[str, Any]) -> bool:
    return user.province is None or record.get("province_code") == user.province


def _too_large(message: str) -> ApiError:
    return ApiError(413, "too_large", message, headers={"Connection": "close"})


def _not_found(cooperative_id: str) -> ApiError:
    return ApiError(
        404,
        "not_found",
        f"KOOP-BİS'te {cooperative_id} numaralı kooperatif yok.",
        cooperative=cooperative_id,
    )


def _encode_cursor(last_id: str) -> str:
    return base64.urlsafe_b64encode(last_id.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> str:
    bad = invalid([{"field": "cursor", "message": "Sayfa imleci geçersiz; ilk sayfadan başlayın."}])
    if not re.fullmatch(r"[A-Za-z0-9_-]+", cursor):
        raise bad
    try:
        last_id = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise bad from None
    if not last_id:
        raise bad
    return last_id


class ServerApp:
    """What uvicorn serves: logging, maintenance and faults around the FastAPI app."""

    def __init__(self, api: FastAPI, state: ServerState) -> None:
        self.api = api
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.api(scope, receive, send)
            return
        path: str = scope["path"]
        started = time.perf_counter()
        status: list[int] = []

        async def logged_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        fault = None
        try:
            limited = await self._limit_body(scope, receive, logged_send)
            if limited is None:
                return
            receive = limited
            is_api = path.startswith(f"{API}/") and not path.startswith(f"{ADMIN}/")
            if is_api and self.state.in_maintenance():
                await self._maintenance(path, logged_send)
                return
            fault = self.state.faults.draw() if is_api else None
            if fault is None:
                await self.api(scope, receive, logged_send)
                return
            await run_with_fault(
                fault,
                self.api,
                scope,
                receive,
                logged_send,
                raw_send=send,
                delay=self.state.faults.delay,
                expire_token=self.state.accounts.expire,
            )
        finally:
            log.info(
                "%s %s -> %s %.1f ms%s",
                scope.get("method"),
                path,
                status[0] if status else "dropped",
                (time.perf_counter() - started) * 1000,
                f" [fault {fault}]" if fault else "",
            )

    async def _limit_body(self, scope: Scope, receive: Receive, send: Send) -> Receive | None:
        """``receive`` for the app, or None when 413 was answered without reading past the limit.

        An attachment streams through (its route counts and stops at its own limit);
        any other body is read here up to MAX_BODY_BYTES, so a 100 MB JSON costs one
        megabyte of memory, not a hundred.
        """
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        attachment = scope["path"].startswith(ATTACHMENTS)
        batch = scope["path"] == BATCH
        limit = MAX_ATTACHMENT_BYTES if attachment else MAX_BATCH_BODY_BYTES if batch else MAX_BODY_BYTES
        too_large = {
            "error": "too_large",
            "message": "İstek gövdesi çok büyük; en çok "
            + ("50 MB" if attachment else "8 MB" if batch else "1 MB")
            + " gönderilebilir.",
        }
        if declared is not None:
            try:
                if int(declared) > limit:
                    await send_json(send, 413, too_large, {"Connection": "close"})
                    return None
            except ValueError:
                await send_json(send, 400, {"error": "bad_request", "message": "Content-Length geçersiz."})
                return None
        if attachment:
            return receive
        messages: list[Any] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > limit:
                await send_json(send, 413, too_large, {"Connection": "close"})
                return None
            if not message.get("more_body", False):
                break
        pending = iter(messages)

        async def replay() -> Any:
            try:
                return next(pending)
            except StopIteration:
                return await receive()

        return replay

    async def _maintenance(self, path: str, send: Send) -> None:
        headers = {"Retry-After": str(self.state.retry_after())}
        if path == f"{API}/health":
            await send_json(send, 503, self.state.health(), headers)
            return
        await send_json(
            send,
            503,
            {
                "error": "maintenance",
                "message": "KOOP-BİS bakımda; bakım bitince kayıtlar gönderilebilir.",
                "maintenance_until": self.state.health()["maintenance_until"],
            },
            headers,
        )
