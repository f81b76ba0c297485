"""The desktop (PySide6). Importing this package first turns off PySide6's source scan of imports.

PySide6 watches every module imported after it and reads each one's source
(``inspect.getsource``) to learn whether it opts into ``from __feature__ import
snake_case/true_property``. This program never does, and the scan was about a
sixth of the time its modules take to import at every start. The answer is read
from the module's names instead: a module holding something of PySide6 (every
module of the desktop) gets the default feature set, any other is left alone — a
module naming PySide6 only inside a function or a string too, which the scan would
have counted; with no feature selected anywhere either answer selects none.
``tests/ui/test_startup.py`` guards the hook, the answers and that no module of
ours selects a feature.
"""

from __future__ import annotations

import types
from collections.abc import Callable

import PySide6.QtCore  # noqa: F401  (loads shibokensupport, whose hook is replaced below)


def uses_pyside(module: types.ModuleType) -> bool:
    """Whether an imported module holds anything of PySide6 (a Qt class, function or module).

    A module without Python source (Qt's own extension modules, built-ins) answers no, as
    the source scan did.
    """
    if not str(getattr(module, "__file__", None) or "").endswith(".py"):
        return False
    for value in list(vars(module).values()):
        try:
            origin = (
                value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
            )
        except Exception:  # an object that cannot say where it comes from is not Qt's
            continue
        if isinstance(origin, str) and origin.startswith(("PySide6", "shiboken6")):
            return True
    return False


#: PySide6's own source scan, replaced by :func:`uses_pyside` (None when there was none).
SOURCE_SCAN: Callable[[types.ModuleType], bool] | None = None


def _skip_feature_scan() -> bool:
    try:
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:  # a PySide6 without the feature hook: nothing to turn off
        return False
    original = getattr(feature, "_mod_uses_pyside", None)
    if not callable(original):
        return False
    global SOURCE_SCAN
    SOURCE_SCAN = original  # kept: the tests hold our answers against its
    feature._mod_uses_pyside = uses_pyside
    return True


FEATURE_SCAN_SKIPPED = _skip_feature_scan()
