"""KOOP-BİS Desktop: offline capture, four-eyes approval and replay of cooperative changes."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # ``__version__`` is read from the installed package's metadata when first asked for:
    # importlib.metadata costs tens of milliseconds, which a start that never shows the
    # version (every command but --version, the desktop's first window) does not pay.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("koopbis-desktop")
    except PackageNotFoundError:  # running from a source tree without installation
        value = "0.0.0+source"
    globals()["__version__"] = value  # asked once: later reads find the attribute itself
    return value
