"""What a sync run reports: its progress while it runs and its result at the end (Qt-free values)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SyncProgress:
    """How far a sync run has come, as the progress bar shows it."""

    total: int  # entries the run started with (approved or in flight)
    done: int  # reached a final answer in this run (synced, conflict, rejected)
    applied: int
    conflicts: int
    rejected: int
    retrying: int
    current: str | None  # uuid of the entry just handled
    message: str  # Turkish, for a status line
    # Entries of ``total`` that got an answer in this run, final or "try again": the
    # progress bar's value, so the bar and the figures beside it always agree.
    handled: int = 0


@dataclass
class RunResult:
    """What a sync run did: entries sent, applied, replayed, in conflict, refused."""

    total: int = 0
    applied: int = 0
    replayed: int = 0
    conflicts: int = 0
    rejected: int = 0
    retried: int = 0  # failed attempts (each will be tried again)
    receipts: list[tuple[str, str]] = field(default_factory=list)  # (entry uuid, receipt)
    stop: str | None = None
    stop_message: str | None = None
    errors: list[str] = field(default_factory=list)
    handled: int = 0  # entries of ``total`` answered in this run (final or retry)
    retry_after: float | None = None  # the stopping answer's Retry-After (maintenance, 429)
    maintenance_until: str | None = None
    held: float = 0.0  # seconds the run waited because KOOP-BİS asked it to (429/503 Retry-After)

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "applied": self.applied,
            "replayed": self.replayed,
            "conflicts": self.conflicts,
            "rejected": self.rejected,
            "retried": self.retried,
            "receipts": [{"entry": u, "receipt": r} for u, r in self.receipts],
            "stop": self.stop,
            "stop_message": self.stop_message,
            "handled": self.handled,
        }


__all__ = ["RunResult", "SyncProgress"]
