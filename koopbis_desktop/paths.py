"""Where data lives: the database, backups and logs (platformdirs), and the overrides.

Order for the database: ``--db PATH|URL``, then ``KOOPBIS_DB``, then the office
database this PC's set-up wizard connected to (``baglanti.json`` in the user data
folder: the URL only, never its password), then the file in the user data folder (e.g. ``~/.local/share/koopbis-desktop/koopbis.sqlite`` on Linux,
``%LOCALAPPDATA%\\KOOPBIS\\koopbis-desktop\\koopbis.sqlite`` on Windows).
Backups go beside the database in ``backups/`` unless a folder is configured; an
office database's backups (``postgresql://…``) go to this PC's data folder, under
``ofis-yedekleri/`` and the server's name.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import platformdirs

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.store.location import Location, OfficeUrl, parse_location

APP_NAME = "koopbis-desktop"
APP_AUTHOR = "KOOPBIS"
DB_FILENAME = "koopbis.sqlite"
CONNECTION_FILENAME = "baglanti.json"

log = logging.getLogger(__name__)


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def database_location(explicit: str | os.PathLike[str] | None = None) -> Location:
    """The database file or office URL: ``--db``, ``KOOPBIS_DB``, else this PC's data folder."""
    if explicit:
        return parse_location(explicit)
    env = os.environ.get("KOOPBIS_DB")
    if env:
        return parse_location(env)
    return remembered_office() or data_dir() / DB_FILENAME


def connection_file() -> Path:
    return data_dir() / CONNECTION_FILENAME


def remembered_office() -> OfficeUrl | None:
    """The office database this PC's wizard connected to, or None (this PC works alone).

    A file that cannot be read or names no office URL counts as none: the PC then
    opens its own file, as before the wizard ran, and the log says why.
    """
    file = connection_file()
    if not file.exists():
        return None
    try:
        text = json.loads(file.read_text(encoding="utf-8")).get("office_url", "")
        location = parse_location(str(text)) if text else None
    except (OSError, ValueError, AttributeError, KoopbisError) as exc:
        log.info("ignoring %s: %s", file, exc)
        return None
    return location if isinstance(location, OfficeUrl) else None


def remember_office(url: OfficeUrl) -> Path:
    """Remember for this PC that its database is ``url``; the password is never written."""
    file = connection_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    payload = {"office_url": url.display}
    file.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return file


def forget_office() -> bool:
    """Forget this PC's office database: it opens its own file again. False: nothing was remembered."""
    try:
        connection_file().unlink()
    except FileNotFoundError:
        return False
    return True


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file, for what only a file has (its key file, its encryption)."""
    location = database_location(explicit)
    if isinstance(location, OfficeUrl):
        raise KoopbisError(
            tx(
                "Bu işlem yalnızca bu bilgisayardaki veritabanı dosyası için: ofis veritabanının ({url}) "
                'dosyası yok, onu sunucunun kendi güvenliği korur (README, "Ofis veritabanı").'
            ).format(url=location.display),
            exit_code=ExitCode.USAGE,
        )
    return location


def backups_dir(location: Location, configured: str | None = None) -> Path:
    if configured:
        return Path(configured).expanduser()
    if isinstance(location, OfficeUrl):
        server = f"{location.host or 'yerel'}_{location.port}_{location.dbname}"
        return (
            data_dir() / "ofis-yedekleri" / "".join(c if c.isalnum() or c in "._-" else "_" for c in server)
        )
    return location.parent / "backups"


LOG_MAX_BYTES = 2_000_000  # a log file rotates at this size; LOG_BACKUPS older ones are kept
LOG_BACKUPS = 5
_plain_log: logging.FileHandler | None = None  # setup_logging(rotating=False)'s, until rotate_log


def setup_logging(name: str, *, rotating: bool = True) -> Path | None:
    """Log technical detail to a rotating file; the person sees sentences, not tracebacks.

    ``rotating=False`` — the desktop's start — opens the same file as a plain one and
    :func:`rotate_log` makes it rotating later: ``logging.handlers`` loads socket, pickle
    and selectors (≈ 6 ms), which the first window need not wait for.
    """
    global _plain_log
    folder = Path(os.environ["KOOPBIS_LOG_DIR"]) if os.environ.get("KOOPBIS_LOG_DIR") else log_dir()
    path = folder / f"{name}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.FileHandler = (
            _rotating_handler(path) if rotating else logging.FileHandler(path, encoding="utf-8")
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _plain_log = None if rotating else handler
    return path


def rotate_log() -> None:
    """Replace the plain log file handler of ``setup_logging(rotating=False)`` by a rotating one.

    The same file: a line logged meanwhile by another thread may be written twice, none lost.
    """
    global _plain_log
    plain, _plain_log = _plain_log, None
    if plain is None:
        return
    try:
        rotating = _rotating_handler(Path(plain.baseFilename))
    except OSError:
        return  # the plain file keeps logging
    rotating.setFormatter(plain.formatter)
    root = logging.getLogger()
    root.addHandler(rotating)
    root.removeHandler(plain)
    plain.close()


def _rotating_handler(path: Path) -> logging.FileHandler:
    import logging.handlers

    return logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
