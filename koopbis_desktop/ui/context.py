"""What every window of a running session shares: the DB worker, the signed-in user, the change hub."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from koopbis_desktop.domain.lifecycle import Actor, Role
from koopbis_desktop.ui.worker import DbWorker


class Hub(QObject):
    """After a write, one signal says *what* changed; each view decides whether to refresh."""

    entries_changed = Signal(list)  # uuids of entries whose row or state changed
    snapshot_changed = Signal()
    settings_changed = Signal()
    users_changed = Signal()
    message = Signal(str)  # a sentence for the status bar
    error = Signal(str)  # a sentence for an error box


@dataclass
class AppContext:
    db_path: Path
    backups_dir: Path
    worker: DbWorker
    hub: Hub
    actor: Actor | None = None
    province_code: str = ""
    settings: dict[str, str] = field(default_factory=dict)
    full_name: str = ""

    @property
    def is_supervisor(self) -> bool:
        return self.actor is not None and self.actor.role == Role.SUPERVISOR

    @property
    def is_admin(self) -> bool:
        return self.actor is not None and self.actor.role == Role.ADMIN

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise RuntimeError("no user is signed in")
        return self.actor
