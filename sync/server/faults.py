"""Fault injection for training and tests: errors, timeouts, dropped answers, expired tokens.

A spec such as ``500=0.1,429=0.05,drop_after=0.05`` gives each mode the share of
eligible requests it hits. One random draw per request from a generator seeded
with ``--seed`` picks at most one mode, so a sequential client meets the same
faults on every run.
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MODES = (
    "500",
    "503",
    "429",
    "timeout_before",
    "timeout_after",
    "drop_after",
    "expire_token",
    "slow",
)
MODE_HELP = {
    "500": "500 server_error without touching anything",
    "503": "503 unavailable with Retry-After",
    "429": "429 rate_limited with Retry-After",
    "timeout_before": "wait --fault-delay seconds, then handle the request (applies late)",
    "timeout_after": "handle the request, then wait --fault-delay seconds before answering",
    "drop_after": "handle the request, then close the connection without an answer",
    "expire_token": "expire the caller's token and answer 401 token_expired",
    "slow": "wait a quarter of --fault-delay, then handle the request",
}
RETRY_AFTER_SECONDS = 1


def parse_spec(spec: str | None) -> dict[str, float]:
    """``"500=0.1,slow=0.2"`` → ``{"500": 0.1, "slow": 0.2}``; raises ValueError."""
    shares: dict[str, float] = {}
    for part in (spec or "").split(","):
        part = part.strip()
        if not part or part == "off":
            continue
        mode, sep, value = part.partition("=")
        mode = mode.strip()
        if mode not in MODES:
            raise ValueError(f"unknown fault mode {mode!r}; known: {', '.join(MODES)}")
        try:
            share = float(value) if sep else 1.0
        except ValueError:
            raise ValueError(f"fault {mode}: {value!r} is not a number") from None
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"fault {mode}: share must be between 0 and 1")
        shares[mode] = share
    if sum(shares.values()) > 1.0 + 1e-9:
        raise ValueError("fault shares add up to more than 1")
    return shares


def format_spec(shares: dict[str, float]) -> str:
    return ",".join(f"{mode}={shares[mode]:g}" for mode in MODES if mode in shares)


class ConnectionDropped(Exception):
    """Raised where the server cannot reach its socket (e.g. an in-process test client)."""


@dataclass
class Faults:
    """The active fault spec and its seeded generator; safe to share between threads."""

    shares: dict[str, float] = field(default_factory=dict)
    seed: int | None = None
    delay: float = 5.0
    _rng: random.Random = field(init=False, repr=False)
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def configure(self, shares: dict[str, float], seed: int | None, delay: float | None) -> None:
        with self._lock:
            self.shares = dict(shares)
            self.seed = seed
            if delay is not None:
                self.delay = delay
            self._rng = random.Random(seed)

    def draw(self) -> str | None:
        """The fault for the next request, or None."""
        with self._lock:
            if not self.shares:
                return None
            roll = self._rng.random()
            total = 0.0
            for mode in MODES:
                total += self.shares.get(mode, 0.0)
                if roll < total:
                    return str(mode)
            return None


async def send_json(
    send: Send, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    raw_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
    ]
    raw_headers += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": payload, "more_body": False})


def bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            header: str = value.decode("latin-1")
            scheme, _, token = header.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None


async def _read_body(receive: Receive) -> Receive:
    """Read the whole request now, so the app still gets it if the client leaves meanwhile."""
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            break

    async def replay() -> Message:
        return messages.pop(0) if messages else await receive()

    return replay


async def _drop_connection(send: Send) -> None:
    # uvicorn's ``send`` is a bound method of the request cycle that owns the
    # transport; aborting it closes the socket with no answer at all.
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:
        raise ConnectionDropped("connection dropped after the change was applied (fault)")
    transport.abort()
    for _ in range(3):  # let connection_lost run, so uvicorn knows the client is gone
        await asyncio.sleep(0)


async def run_with_fault(
    mode: str,
    app: ASGIApp,
    scope: Scope,
    receive: Receive,
    send: Send,
    *,
    raw_send: Send,
    delay: float,
    expire_token: Callable[[str], None],
) -> None:
    """Handle one request under fault ``mode``."""
    if mode == "500":
        await send_json(
            send,
            500,
            {
                "error": "server_error",
                "message": "KOOP-BİS'te beklenmeyen bir hata oluştu; biraz sonra yeniden deneyin.",
            },
        )
        return
    if mode in ("503", "429"):
        code, message = (
            ("unavailable", "KOOP-BİS şu anda yanıt veremiyor; birazdan yeniden deneyin.")
            if mode == "503"
            else ("rate_limited", "Çok sık istek gönderildi; birazdan yeniden deneyin.")
        )
        await send_json(
            send,
            int(mode),
            {"error": code, "message": message, "retry_after": RETRY_AFTER_SECONDS},
            {"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
        return
    if mode == "expire_token":
        token = bearer_token(scope)
        if token is None:
            await app(scope, receive, send)
            return
        expire_token(token)
        await send_json(
            send,
            401,
            {"error": "token_expired", "message": "Oturumun süresi doldu; yeniden giriş yapın."},
            {"WWW-Authenticate": "Bearer"},
        )
        return
    buffered = await _read_body(receive)
    if mode in ("slow", "timeout_before"):
        await asyncio.sleep(delay / 4 if mode == "slow" else delay)
        await app(scope, buffered, send)
        return
    held: list[Message] = []

    async def hold(message: Message) -> None:
        held.append(message)

    await app(scope, buffered, hold)
    if mode == "drop_after":
        await _drop_connection(raw_send)
        return
    await asyncio.sleep(delay)  # timeout_after
    for held_message in held:
        await send(held_message)
