"""What every window of a running session shares: the DB worker, the signed-in user, the change hub."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from koopbis_desktop.domain.lifecycle import Actor, Role
from koopbis_desktop.store.changes import OpChanges
from koopbis_desktop.store.location import Location, OfficeUrl
from koopbis_desktop.ui.worker import DbWorker


class Hub(QObject):
    """After a write, one signal says *what* changed; each view decides whether to refresh.

    ``changed`` carries the :class:`OpChanges` the DB worker and the sync thread
    announce. ``snapshot_changed``, ``settings_changed`` and ``users_changed`` follow
    from it for views that care about one kind only; ``entries_changed`` is what a
    person just acted on (saved, approved, imported), which sends approvals on at once.
    """

    changed = Signal(object)  # OpChanges
    entries_changed = Signal(list)  # uuids of the entries a person just acted on
    snapshot_changed = Signal()
    settings_changed = Signal()
    users_changed = Signal()
    koopbis_password_saved = Signal(str)  # the KOOP-BİS account's new password is in the keyring
    message = Signal(str)  # a sentence for the status bar
    error = Signal(str)  # a sentence for an error box

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.changed.connect(self.on_changed)

    def announce(self, changes: OpChanges) -> None:
        """Pass on what a write changed (nothing when it changed nothing)."""
        if changes:
            self.changed.emit(changes)

    def on_changed(self, changes: OpChanges) -> None:
        if changes.snapshot:
            self.snapshot_changed.emit()
        if changes.settings:
            self.settings_changed.emit()
        if changes.users:
            self.users_changed.emit()


@dataclass
class AppContext:
    """What a signed-in window shares with its pages and dialogs: the database, its worker, who signed in."""

    location: Location  # this PC's database file or the office database
    backups_dir: Path
    worker: DbWorker
    hub: Hub
    actor: Actor | None = None
    province_code: str = ""
    settings: dict[str, str] = field(default_factory=dict)
    full_name: str = ""
    #: An encrypted database's key, for the threads that open their own connection (sync).
    db_key: bytes | None = field(default=None, repr=False)
    #: The office database role's password (URL, PGPASSFILE or keyring gave none), for the same threads.
    db_password: str | None = field(default=None, repr=False)

    @property
    def db_path(self) -> Path:
        """The database file, for what only a file has (its key file, its encryption)."""
        if isinstance(self.location, OfficeUrl):
            raise TypeError(f"{self.location.display} is an office database, not a file")
        return self.location

    @property
    def is_office(self) -> bool:
        return isinstance(self.location, OfficeUrl)

    @property
    def is_supervisor(self) -> bool:
        return self.actor is not None and self.actor.role == Role.SUPERVISOR

    @property
    def is_admin(self) -> bool:
        return self.actor is not None and self.actor.role == Role.ADMIN

    def __post_init__(self) -> None:
        # Every window of the session hears what the DB worker's jobs changed.
        self.worker.changed.connect(self.hub.announce)

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise RuntimeError("no user is signed in")
        return self.actor
