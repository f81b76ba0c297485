"""Guards the PySide6 pin in pyproject.toml (see DEVELOPERS.md).

PySide6 6.12.0 on CPython 3.11 drops a reference to ``None`` every time Qt calls
a Python override that returns ``None`` — ``data()`` of a table model does that
for almost every role. After some thousands of calls the interpreter aborts with
"Fatal Python error: none_dealloc" (exit 134), i.e. the desktop dies while a
clerk scrolls the queue. The loop runs in a subprocess so that a crash fails
this test instead of killing the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.metadata import version

import pytest

CALLS = 100_000

_SCRIPT = textwrap.dedent(
    """
    import sys

    import PySide6
    from PySide6.QtCore import (
        QAbstractTableModel,
        QCoreApplication,
        QModelIndex,
        QSortFilterProxyModel,
        Qt,
    )

    CALLS = int(sys.argv[1])
    print(f"PySide6 {PySide6.__version__}", flush=True)
    ROWS, COLUMNS = 50, 3


    class NoneModel(QAbstractTableModel):
        def __init__(self):
            super().__init__()
            self.calls = 0
            self.none_returns = 0

        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else ROWS

        def columnCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else COLUMNS

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            self.calls += 1
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"row {index.row()}"
            self.none_returns += 1
            return None


    app = QCoreApplication(sys.argv)
    model = NoneModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
    )
    i = 0
    while model.none_returns < CALLS:
        index = proxy.index(i % ROWS, 1 + i % (COLUMNS - 1))
        proxy.data(index, roles[i % len(roles)])
        if i % 5000 == 0:
            # Sorting on a column whose data() is None calls the override ROWS·log(ROWS) times.
            proxy.sort(1 + (i // 5000) % (COLUMNS - 1), Qt.SortOrder(i // 5000 % 2))
        i += 1
    print(f"calls={model.calls} none={model.none_returns}")
    sys.stdout.flush()
    """
)


def test_python_overrides_returning_none_do_not_crash(tmp_path):
    script = tmp_path / "none_overrides.py"
    script.write_text(_SCRIPT, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(script), str(CALLS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        f"Qt calling a Python data() override that returns None crashed the interpreter "
        f"(exit {result.returncode}); this PySide6 has the none_dealloc bug (see the pin in "
        f"pyproject.toml).\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    counts = dict(part.split("=") for part in result.stdout.splitlines()[-1].split())
    assert int(counts["none"]) >= CALLS, result.stdout


def _release(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2])


def test_pyside6_is_pinned_below_6_12():
    installed = version("PySide6-Essentials")
    assert _release(installed) < (6, 12), (
        f"PySide6-Essentials {installed} is installed, but 6.12.0 on CPython 3.11 drops "
        "a reference to None whenever Qt calls a Python override returning None and "
        "aborts with 'Fatal Python error: none_dealloc'. Keep the pin "
        "'PySide6-Essentials>=6.9,<6.12' in pyproject.toml until a fixed release passes "
        "test_python_overrides_returning_none_do_not_crash."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("6.11.3", (6, 11)), ("6.12.0", (6, 12)), ("6.9.0.1", (6, 9)), ("7.0", (7, 0))],
)
def test_release_parsing(text, expected):
    assert _release(text) == expected
