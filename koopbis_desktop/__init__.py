"""KOOP-BİS Desktop: offline capture, four-eyes approval and replay of cooperative changes."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("koopbis-desktop")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"
