"""Training accounts (from ``--users FILE``) and the short-lived bearer tokens they log in for.

Passwords are kept only as scrypt hashes in memory; tokens live in memory and
expire after ``token_ttl`` seconds, so a restart logs every client out.

Each account belongs to one directorate (a province) or, without one, to the head
office; a token carries its account's province and sees only that province's
cooperatives. Wrong passwords are throttled as a public service must: five per
account name (known or not, answered alike) lock the name for a while, and many
from one address slow that address down.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_USERS = {"egitim": "egitim2015"}

# scrypt cost: ~20 ms per check; enough for a training server, cheap at start-up.
_SCRYPT = {"n": 2**13, "r": 8, "p": 1}


def _hash(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)


def _json_users(path: str | Path) -> dict[str, Any] | None:
    text = Path(path).read_text(encoding="utf-8")
    if not text.lstrip().startswith("{"):
        return None
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("users file: expected a JSON object")
    return data


def load_users(path: str | Path | None) -> dict[str, str]:
    """``{"user": "password"}`` from a JSON object or ``user:password`` lines.

    In the JSON form a value may also be ``{"password": …, "province": "06"}``: a
    directorate's account (see :func:`load_provinces`).
    """
    if path is None:
        return dict(DEFAULT_USERS)
    data = _json_users(path)
    if data is not None:
        return {
            str(user): str(value["password"] if isinstance(value, dict) else value)
            for user, value in data.items()
        }
    text = Path(path).read_text(encoding="utf-8")
    users: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        user, sep, password = line.partition(":")
        if not sep or not user.strip():
            raise ValueError(f"users file line {number}: expected user:password")
        users[user.strip()] = password
    return users


def load_provinces(path: str | Path | None, default: str | None) -> dict[str, str | None]:
    """The province each account of ``path`` belongs to; None for a head-office account.

    The training account of the default users is the directorate of ``default``
    (the province the server was seeded with).
    """
    if path is None:
        return dict.fromkeys(DEFAULT_USERS, default)
    data = _json_users(path) or {}
    return {
        str(user): (str(value["province"]) if isinstance(value, dict) and value.get("province") else None)
        for user, value in data.items()
    }


@dataclass(frozen=True)
class Session:
    username: str
    expires_at: float  # unix time
    province: str | None = None  # the directorate's province; None: head office, every province


# Throttling of wrong passwords (per account name, per client address).
MAX_FAILURES_PER_ACCOUNT = 5
ACCOUNT_LOCK_SECONDS = 15 * 60
MAX_FAILURES_PER_ADDRESS = 20
ADDRESS_WINDOW_SECONDS = 10 * 60
_MAX_TRACKED = 10_000  # names and addresses remembered; the oldest are forgotten first


class LoginRefused(Exception):
    """Too many wrong passwords: ``status`` 423 (the account name) or 429 (the address)."""

    def __init__(self, status: int, retry_after: int) -> None:
        super().__init__(status, retry_after)
        self.status = status
        self.retry_after = retry_after


class _Throttle:
    """Failure times per key within a window, and locks; bounded in memory."""

    def __init__(self) -> None:
        self.failures: OrderedDict[str, list[float]] = OrderedDict()
        self.locked_until: OrderedDict[str, float] = OrderedDict()

    def lock_left(self, key: str, now: float) -> int:
        until = self.locked_until.get(key)
        if until is None or until <= now:
            self.locked_until.pop(key, None)
            return 0
        return max(1, math.ceil(until - now))

    def fail(self, key: str, now: float, window: float) -> int:
        times = [t for t in self.failures.pop(key, []) if t > now - window]
        times.append(now)
        self.failures[key] = times
        while len(self.failures) > _MAX_TRACKED:
            self.failures.popitem(last=False)
        return len(times)

    def lock(self, key: str, until: float) -> None:
        self.locked_until[key] = until
        self.failures.pop(key, None)
        while len(self.locked_until) > _MAX_TRACKED:
            self.locked_until.popitem(last=False)

    def clear(self, key: str) -> None:
        self.failures.pop(key, None)


class TokenStatus:
    VALID = "valid"
    UNKNOWN = "unknown"
    EXPIRED = "expired"


class Accounts:
    """Checks passwords and issues, checks and revokes bearer tokens."""

    def __init__(
        self, users: dict[str, str], token_ttl: float, provinces: dict[str, str | None] | None = None
    ) -> None:
        self._provinces = dict(provinces or {})
        self._accounts = _Throttle()
        self._addresses = _Throttle()
        self._hashes: dict[str, tuple[bytes, bytes]] = {}
        for user, password in users.items():
            salt = secrets.token_bytes(16)
            self._hashes[user] = (salt, _hash(password, salt))
        self._dummy_salt = secrets.token_bytes(16)
        self.token_ttl = token_ttl
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def login(self, username: str, password: str, address: str = "") -> tuple[str, float] | None:
        """(token, expires_at) for the right password, else None; LoginRefused while throttled.

        A name no account has is counted and locked exactly like a real one, so
        neither the answer nor its time says which names exist.
        """
        now = time.time()
        with self._lock:
            wait = self._addresses.lock_left(address, now)
            if wait:
                raise LoginRefused(429, wait)
            wait = self._accounts.lock_left(username, now)
            if wait:
                raise LoginRefused(423, wait)
        salt, expected = self._hashes.get(username, (self._dummy_salt, b""))
        # Hash even for unknown users so the answer time does not reveal who exists.
        if not hmac.compare_digest(_hash(password, salt), expected):
            with self._lock:
                if self._addresses.fail(address, now, ADDRESS_WINDOW_SECONDS) >= MAX_FAILURES_PER_ADDRESS:
                    self._addresses.lock(address, now + ADDRESS_WINDOW_SECONDS)
                if self._accounts.fail(username, now, ACCOUNT_LOCK_SECONDS) >= MAX_FAILURES_PER_ACCOUNT:
                    self._accounts.lock(username, now + ACCOUNT_LOCK_SECONDS)
                    raise LoginRefused(423, ACCOUNT_LOCK_SECONDS)
            return None
        token = secrets.token_urlsafe(32)
        expires_at = now + self.token_ttl
        with self._lock:
            self._accounts.clear(username)
            self._sessions[token] = Session(username, expires_at, self._provinces.get(username))
        return token, expires_at

    def check(self, token: str) -> tuple[str, Session | None]:
        with self._lock:
            session = self._sessions.get(token)
            if session is None:
                return TokenStatus.UNKNOWN, None
            if session.expires_at <= time.time():
                del self._sessions[token]
                return TokenStatus.EXPIRED, session
            return TokenStatus.VALID, session

    def expire(self, token: str) -> None:
        """Make ``token`` expired now (fault injection); the client must log in again."""
        with self._lock:
            session = self._sessions.get(token)
            if session is not None:
                self._sessions[token] = Session(session.username, time.time() - 1, session.province)
