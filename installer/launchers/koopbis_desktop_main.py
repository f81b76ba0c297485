"""PyInstaller entry of ``koopbis-desktop`` (the same function as the console script)."""

from koopbis_desktop.desktop import entry

entry()
