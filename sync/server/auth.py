"""Training accounts (from ``--users FILE``) and the short-lived bearer tokens they log in for.

Passwords are kept only as scrypt hashes in memory; tokens live in memory and
expire after ``token_ttl`` seconds, so a restart logs every client out.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_USERS = {"egitim": "egitim2015"}

# scrypt cost: ~20 ms per check; enough for a training server, cheap at start-up.
_SCRYPT = {"n": 2**13, "r": 8, "p": 1}


def _hash(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)


def load_users(path: str | Path | None) -> dict[str, str]:
    """``{"user": "password"}`` from a JSON object or ``user:password`` lines."""
    if path is None:
        return dict(DEFAULT_USERS)
    text = Path(path).read_text(encoding="utf-8")
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("users file: expected a JSON object")
        return {str(user): str(password) for user, password in data.items()}
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


@dataclass(frozen=True)
class Session:
    username: str
    expires_at: float  # unix time


class TokenStatus:
    VALID = "valid"
    UNKNOWN = "unknown"
    EXPIRED = "expired"


class Accounts:
    """Checks passwords and issues, checks and revokes bearer tokens."""

    def __init__(self, users: dict[str, str], token_ttl: float) -> None:
        self._hashes: dict[str, tuple[bytes, bytes]] = {}
        for user, password in users.items():
            salt = secrets.token_bytes(16)
            self._hashes[user] = (salt, _hash(password, salt))
        self._dummy_salt = secrets.token_bytes(16)
        self.token_ttl = token_ttl
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def login(self, username: str, password: str) -> tuple[str, float] | None:
        """(token, expires_at) for the right password, else None."""
        salt, expected = self._hashes.get(username, (self._dummy_salt, b""))
        # Hash even for unknown users so the answer time does not reveal who exists.
        if not hmac.compare_digest(_hash(password, salt), expected):
            return None
        token = secrets.token_urlsafe(32)
        expires_at = time.time() + self.token_ttl
        with self._lock:
            self._sessions[token] = Session(username, expires_at)
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
                self._sessions[token] = Session(session.username, time.time() - 1)
