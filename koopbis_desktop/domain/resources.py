"""Where the program's shipped files (``resources/``) are: its own module, stdlib only.

Every start reads its icon and translations from there before the login shows; importing
:mod:`koopbis_desktop.domain.reference` for this alone also loaded the validators,
``decimal`` and three dataclasses ahead of the login.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """Where ``resources/`` is: ``KOOPBIS_RESOURCES``, the PyInstaller bundle, the wheel, the source tree."""
    override = os.environ.get("KOOPBIS_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        # installer/koopbis.spec puts them where the wheel does, under the bundle's folder.
        return Path(bundle) / "koopbis_desktop" / "_resources"
    package_dir = Path(__file__).resolve().parent.parent
    bundled = package_dir / "_resources"
    if bundled.is_dir():
        return bundled
    return package_dir.parent / "resources"
