"""What KOOP-BİS can answer, as frozen values: the sync contract's outcomes.

The client turns every HTTP exchange into one of these; the executor, the
scheduler and the manual path decide from *what kind* of answer came back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldMessage:
    field: str
    message: str


@dataclass(frozen=True)
class Applied:
    """201 applied, or 200 with ``replayed``: the original receipt of an earlier send."""

    receipt: str
    cooperative: str
    version: int
    applied_at: str
    replayed: bool = False


@dataclass(frozen=True)
class Conflict:
    """409 ``conflict``: touched fields changed on the server since the entry's base."""

    message: str
    conflicts: list[dict[str, Any]]
    current: dict[str, Any]
    version: int | None


@dataclass(frozen=True)
class Duplicate:
    """409 ``duplicate``: the thing is already recorded on the server."""

    message: str
    kind: str
    existing: dict[str, Any]


@dataclass(frozen=True)
class Stale:
    """409 ``stale``: the cooperative ended (dissolved, merged) on the server."""

    message: str
    status: str | None


@dataclass(frozen=True)
class IdempotencyMismatch:
    """409 ``idempotency_mismatch``: this entry's key was applied with a different body."""

    message: str
    receipt: str | None


@dataclass(frozen=True)
class Invalid:
    """422 ``invalid`` (or 400): the server refused the content, with per-field messages."""

    message: str
    errors: list[FieldMessage]


@dataclass(frozen=True)
class NotFoundAnswer:
    """404: the cooperative (or record) does not exist on the server."""

    message: str
    cooperative: str | None


@dataclass(frozen=True)
class RetryLater:
    """429, 503 or 5xx: nothing to blame on the entry; try again after ``retry_after`` seconds.

    ``applied_unknown`` is True where the server may have applied the change
    anyway (a 5xx), so the entry must stay ``sending`` and be resent with its key.
    """

    message: str
    status: int
    code: str
    retry_after: float | None
    maintenance: bool = False
    applied_unknown: bool = False
    maintenance_until: str | None = None  # ISO moment KOOP-BİS said it opens (maintenance only)


@dataclass(frozen=True)
class Unreachable:
    """No answer: connection refused, DNS, TLS failure, timeout or a dropped connection."""

    message: str
    detail: str
    # A timeout or drop after the request went out: the server may have applied it.
    applied_unknown: bool = True


@dataclass(frozen=True)
class BadAnswer:
    """An answer the contract does not allow: not JSON, wrong shape, too large, unknown status."""

    message: str
    status: int | None
    detail: str


@dataclass(frozen=True)
class AuthFailed:
    """The KOOP-BİS account was refused (wrong password, disabled account, locked for a while)."""

    message: str
    # Locked (423) after too many wrong passwords: seconds until KOOP-BİS lets it in again.
    retry_after: float | None = None


@dataclass(frozen=True)
class Health:
    status: str
    server_time: str | None
    go_live: str | None
    maintenance_until: str | None
    # ``POST /changes:batch`` as /health offers it: most changes and bytes per request; 0: not offered.
    batch_max: int = 0
    batch_bytes: int = 0


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None


@dataclass(frozen=True)
class Record:
    record: dict[str, Any]


@dataclass(frozen=True)
class Stored:
    """An attachment is on the server (uploaded now or already there)."""

    sha256: str


Failure = RetryLater | Unreachable | BadAnswer | AuthFailed
ChangeOutcome = (
    Applied
    | Conflict
    | Duplicate
    | Stale
    | IdempotencyMismatch
    | Invalid
    | NotFoundAnswer
    | RetryLater
    | Unreachable
    | BadAnswer
    | AuthFailed
)
RETRYABLE = (RetryLater, Unreachable, BadAnswer)


__all__ = [
    "RETRYABLE",
    "Applied",
    "AuthFailed",
    "BadAnswer",
    "ChangeOutcome",
    "Conflict",
    "Duplicate",
    "Failure",
    "FieldMessage",
    "Health",
    "IdempotencyMismatch",
    "Invalid",
    "NotFoundAnswer",
    "Page",
    "Record",
    "RetryLater",
    "Stale",
    "Stored",
    "Unreachable",
]
