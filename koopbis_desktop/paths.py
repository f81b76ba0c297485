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
import logging.handlers
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


def setup_logging(name: str) -> Path | None:
    """Log technical detail to a rotating file; the person sees sentences, not tracebacks."""
    folder = Path(os.environ["KOOPBIS_LOG_DIR"]) if os.environ.get("KOOPBIS_LOG_DIR") else log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / f"{name}.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return folder / f"{name}.log"
