"""KOOP-BİS Desktop: offline capture, four-eyes approval and replay of cooperative changes."""

from __future__ import annotations

#: The one place the version is written: the package metadata (pyproject's dynamic version),
#: the installer and the bundle read it from here. A literal, because reading the installed
#: metadata (importlib.metadata) cost tens of milliseconds of every start.
__version__ = "0.1.0"
