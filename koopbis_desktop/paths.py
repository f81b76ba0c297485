"""Where data lives: the database, backups and logs (platformdirs), and the overrides.

Order for the database: ``--db PATH``, then ``KOOPBIS_DB``, then the user data
folder (e.g. ``~/.local/share/koopbis-desktop/koopbis.sqlite`` on Linux,
``%LOCALAPPDATA%\\KOOPBIS\\koopbis-desktop\\koopbis.sqlite`` on Windows).
Backups go beside the database in ``backups/`` unless a folder is configured.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

APP_NAME = "koopbis-desktop"
APP_AUTHOR = "KOOPBIS"
DB_FILENAME = "koopbis.sqlite"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("KOOPBIS_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILENAME


def backups_dir(db_path: Path, configured: str | None = None) -> Path:
    if configured:
        return Path(configured).expanduser()
    return db_path.parent / "backups"


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
