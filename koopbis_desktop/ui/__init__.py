"""The desktop (PySide6). Importing this package first turns off PySide6's source scan of imports.

PySide6 watches every module imported after it and reads each one's source
(``inspect.getsource``) to learn whether it opts into ``from __feature__ import
snake_case/true_property``. This program never does, and the scan was about a
sixth of the time its modules take to import at every start. Each module is
marked as using the default feature set instead, which is what the scan finds
for any module that uses Qt; ``tests/ui/test_startup.py`` guards the hook and
that no module of ours selects a feature.
"""

from __future__ import annotations

import PySide6.QtCore  # noqa: F401  (loads shibokensupport, whose hook is replaced below)


def _skip_feature_scan() -> bool:
    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:  # a PySide6 without the feature hook: nothing to turn off
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = lambda _module: True  # selection 0: no feature, as for any Qt module
    return True


FEATURE_SCAN_SKIPPED = _skip_feature_scan()
