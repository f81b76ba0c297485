"""One program per database on this PC: a second start brings the open window forward.

Two programs of one person on one database would each take the other's open forms for a
crash's leftovers (an autosaved copy is offered at once on the PC that wrote it, see
``services.autosave``): restored, one form was typed in two windows and saved twice. A
second start during a first run would also set the half-made database aside under the
first program's feet. So the first program holds a lock file for its database (the file's
path, or the office database's user, server and name) and listens on a local socket; a
second start knocks, the first brings its window forward, and the second ends. A program
that crashed leaves a lock whose process is gone: ``QLockFile`` takes it over.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject

from koopbis_desktop import paths
from koopbis_desktop.store.location import Location, OfficeUrl

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

log = logging.getLogger(__name__)

LOCKS_DIRNAME = "locks"  # under the data folder: one small file per open database
# The listener starts this long after the start (QtNetwork's import is kept off the first
# window), later if a sign-in is under way then: once its window has its first page
# (``ui.app.SignInWatch``, usually well under a second). A second start knocks for
# KNOCK_FOR_S, which covers both waits.
LISTEN_AFTER_MS = 1000
KNOCK_FOR_S = 4.0


def instance_key(location: Location) -> str:
    """The same for every way of naming one database (relative path, other case on Windows)."""
    if isinstance(location, OfficeUrl):
        identity = f"office:{location.user}@{location.host}:{location.port}/{location.dbname}"
    else:
        identity = "file:" + os.path.normcase(str(Path(location).expanduser().resolve()))
    # The local socket's name lives in a folder all users share (/tmp on Linux): the OS user
    # is part of the key, so two people's programs never knock on each other.
    return hashlib.sha256(f"{getpass.getuser()}\n{identity}".encode()).hexdigest()[:20]


class InstanceGuard(QObject):
    """The lock of one database's program on this PC, and the ear for a second start's knock."""

    def __init__(self, location: Location, folder: Path | None = None) -> None:
        super().__init__()
        key = instance_key(location)
        self.folder = folder if folder is not None else paths.data_dir() / LOCKS_DIRNAME
        self.lock_path = self.folder / f"{key}.lock"
        self.server_name = f"koopbis-desktop-{key}"
        self._lock = QLockFile(str(self.lock_path))
        self._lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the lock; False only while another program of this person has this database open.

        A lock that cannot be written (a read-only or full data folder) does not stop the
        start: the program opens as it did before there was a lock, and the log says why.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("no open-program lock (%s): %s", self.folder, exc)
            return True
        if self._lock.tryLock(0):
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return False
        log.warning("no open-program lock (%s): error %s", self.lock_path, self._lock.error())
        return True

    def holder_pid(self) -> int | None:
        info = self._lock.getLockInfo()
        if isinstance(info, tuple) and info and isinstance(info[0], int) and info[0] > 0:
            return info[0]
        return None

    def listen(self, on_knock: Callable[[], None]) -> bool:
        """Call ``on_knock`` on the UI thread whenever a second start knocks."""
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # A crashed program's socket file is still there (Unix): this program holds the lock now.
        QLocalServer.removeServer(self.server_name)
        if not server.listen(self.server_name):
            log.warning("a second start cannot reach this program: %s", server.errorString())
            return False

        def on_new_connection() -> None:
            while server.hasPendingConnections():
                connection = server.nextPendingConnection()
                connection.disconnected.connect(connection.deleteLater)
                connection.disconnectFromServer()
                on_knock()

        server.newConnection.connect(on_new_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()


def knock(server_name: str, *, for_s: float | None = None) -> bool:
    """Ask the open program to bring its window forward; False if it did not answer in ``for_s``."""
    from PySide6.QtNetwork import QLocalSocket

    for_s = KNOCK_FOR_S if for_s is None else for_s

    if sys.platform == "win32":
        # This program was started by the person, so Windows lets it hand the foreground on:
        # without this the other window could only flash in the task bar.
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # type: ignore[attr-defined]
    deadline = time.monotonic() + for_s
    while True:
        socket = QLocalSocket()
        socket.connectToServer(server_name)
        if socket.waitForConnected(500):
            socket.write(b"raise\n")
            socket.waitForBytesWritten(500)
            socket.disconnectFromServer()
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)  # the other program starts listening LISTEN_AFTER_MS after its start, or later
