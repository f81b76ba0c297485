"""What this copy of the program is: version, build date and commit.

A bundle built by ``installer/koopbis.spec`` carries ``_build_info.json`` next to this
module (written at build time, never committed); a run from the source tree or a
virtual environment has none and calls itself a development version.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from koopbis_desktop import __version__

BUILD_INFO_FILE = "_build_info.json"


@dataclass(frozen=True)
class BuildInfo:
    version: str
    build_date: str  # ISO 8601, UTC; "" for a development version
    commit: str
    frozen: bool  # running from a PyInstaller bundle

    @property
    def is_release_build(self) -> bool:
        return bool(self.build_date)


def build_info(folder: Path | None = None) -> BuildInfo:
    """Read the build stamp from ``folder`` (default: beside this module, in the bundle too)."""
    frozen = bool(getattr(sys, "frozen", False))
    bundle = getattr(sys, "_MEIPASS", None)
    if folder is None:
        folder = Path(bundle) / "koopbis_desktop" if frozen and bundle else Path(__file__).resolve().parent
    path = folder / BUILD_INFO_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return BuildInfo(version=__version__, build_date="", commit="", frozen=frozen)
    return BuildInfo(
        version=str(data.get("version") or __version__),
        build_date=str(data.get("build_date") or ""),
        commit=str(data.get("commit") or ""),
        frozen=frozen,
    )
