"""``koopbis-desktop``: the desktop program's entry point, which sets the process up before PySide6 loads.

Python's automatic cycle collector is switched off here, before anything else is imported.
Once the application exists, the UI thread's collector (``ui/collector.py``) takes its
place, because a cycle holding a Qt object must be freed on the UI thread. Until then the
collector would only walk, again and again, the objects the imports have just made: loading
PySide6 alone set it off about thirty times (≈ 20 ms), our own modules a dozen more, and
imports leave next to no cyclic garbage behind. No thread of the program runs yet.

The console script, ``python -m koopbis_desktop.desktop`` and the installer's launcher start
here; ``python -m koopbis_desktop.ui.app`` still starts the same program, with the collector
on until the application exists.
"""

from __future__ import annotations

import gc


def prepare_process() -> None:
    """What the process needs before its first import of PySide6: the automatic collector off."""
    gc.disable()


def entry() -> None:
    """Start the program (:func:`koopbis_desktop.ui.app.entry`, which ends the process)."""
    prepare_process()
    from koopbis_desktop.ui.app import entry as start

    start()


if __name__ == "__main__":
    entry()
