"""Layering rules of DESIGN.md, checked on the source with ``ast``.

Arrows go one way: ui → services/sync → store → domain. Only ``koopbis_desktop/ui``
may import Qt; the domain is stdlib (plus python-stdnum) only; the reference
server shares nothing with the desktop but the domain. Folders that do not exist
yet simply have nothing to check.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("koopbis_desktop", "sync")
QT_MODULES = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    target: str  # dotted: "koopbis_desktop.domain.text.fold", "PySide6.QtCore", "re"

    @property
    def top(self) -> str:
        return self.target.split(".")[0]

    def within(self, prefix: str) -> bool:
        return self.target == prefix or self.target.startswith(prefix + ".")

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.target}"


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(root: Path, path: Path) -> Iterator[Import]:
    """Every import in ``path``, relative ones resolved, ``from a import b`` as ``a.b``."""
    module = module_name(root, path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(root)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(rel, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".") if package else []
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join([*base_parts, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            for alias in node.names:
                yield Import(rel, node.lineno, base if alias.name == "*" else f"{base}.{alias.name}")


def source_files(root: Path, folder: str) -> list[Path]:
    directory = root / folder
    if directory.is_file():
        return [directory]
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*.py") if ".venv" not in p.parts)


def imports_under(root: Path, folder: str) -> list[Import]:
    return [imp for path in source_files(root, folder) for imp in imports_of(root, path)]


# ------------------------------------------------------------------------- rules


def qt_outside_ui(root: Path) -> list[Import]:
    ui = root / "koopbis_desktop" / "ui"
    bad: list[Import] = []
    for package in PACKAGES:
        for path in source_files(root, package):
            if ui in path.parents:
                continue
            bad.extend(imp for imp in imports_of(root, path) if imp.top in QT_MODULES)
    return bad


def domain_outside_stdlib(root: Path) -> list[Import]:
    return [
        imp
        for imp in imports_under(root, "koopbis_desktop/domain")
        if not (
            (imp.top in sys.stdlib_module_names and imp.top != "koopbis_desktop")
            or imp.top == "stdnum"
            or imp.within("koopbis_desktop.domain")
        )
    ]


def forbidden(root: Path, folder: str, prefixes: tuple[str, ...]) -> list[Import]:
    return [imp for imp in imports_under(root, folder) if any(imp.within(prefix) for prefix in prefixes)]


def server_beyond_domain(root: Path) -> list[Import]:
    return [
        imp
        for imp in imports_under(root, "sync/server")
        if imp.top == "koopbis_desktop" and not imp.within("koopbis_desktop.domain")
    ]


@dataclass(frozen=True)
class Statement:
    path: Path
    line: int
    method: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} calls .{self.method}()"


SQL_METHODS = {"execute", "executemany", "executescript", "query"}
SQL_HOMES = ("koopbis_desktop/store", "sync/server")


def sql_outside_store(root: Path) -> list[Statement]:
    """Calls of ``.execute(``/``.executemany(``/``.executescript(``/``.query(`` outside the store."""
    homes = [root / home for home in SQL_HOMES]
    bad = []
    for package in PACKAGES:
        for path in source_files(root, package):
            rel = path.relative_to(root)
            if any(home in path.parents for home in homes):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in SQL_METHODS
                ):
                    bad.append(Statement(rel, node.lineno, node.func.attr))
                elif isinstance(node, ast.Attribute) and node.attr == "conn":
                    # A raw connection handed out of the store is SQL waiting to happen.
                    bad.append(Statement(rel, node.lineno, "conn"))
    return bad


def report(violations: list[Import] | list[Statement]) -> str:
    return "\n".join(str(v) for v in violations)


# ------------------------------------------------------------------------- tests


def test_the_source_is_where_the_rules_look():
    # Guards against the rules silently passing because they look in the wrong place.
    domain = source_files(REPO, "koopbis_desktop/domain")
    assert REPO / "koopbis_desktop" / "domain" / "schema.py" in domain
    assert any(imp.within("koopbis_desktop.domain") for imp in imports_under(REPO, "koopbis_desktop/domain"))


def test_no_qt_outside_the_ui():
    assert not (bad := qt_outside_ui(REPO)), report(bad)


def test_domain_imports_only_the_standard_library_and_stdnum():
    assert not (bad := domain_outside_stdlib(REPO)), report(bad)


def test_store_imports_no_services_ui_sync_or_cli():
    prefixes = ("koopbis_desktop.services", "koopbis_desktop.ui", "koopbis_desktop.cli", "sync")
    assert not (bad := forbidden(REPO, "koopbis_desktop/store", prefixes)), report(bad)


def test_services_import_no_ui_sync_or_cli():
    prefixes = ("koopbis_desktop.ui", "koopbis_desktop.cli", "sync")
    assert not (bad := forbidden(REPO, "koopbis_desktop/services", prefixes)), report(bad)


def test_sync_imports_no_ui_or_cli():
    prefixes = ("koopbis_desktop.ui", "koopbis_desktop.cli")
    assert not (bad := forbidden(REPO, "sync", prefixes)), report(bad)


def test_cli_imports_no_ui() -> None:
    # The command line runs where no display (or no Qt) is: PDFs are rendered in a child process.
    assert not (bad := forbidden(REPO, "koopbis_desktop/cli", ("koopbis_desktop.ui",))), report(bad)


def cli_sibling_imports(root: Path) -> list[Import]:
    """Imports of one command group by another: groups share only ``cli.common`` (no cycle).

    The package, ``__main__`` and ``program`` (the parser, which registers every group) are
    not groups.
    """
    bad: list[Import] = []
    for path in source_files(root, "koopbis_desktop/cli"):
        if path.name in ("__init__.py", "__main__.py", "program.py"):
            continue
        bad.extend(
            imp
            for imp in imports_of(root, path)
            if imp.within("koopbis_desktop.cli") and not imp.within("koopbis_desktop.cli.common")
        )
    return bad


def test_cli_groups_share_only_the_common_module() -> None:
    assert not (bad := cli_sibling_imports(REPO)), report(bad)


def cli_modules(root: Path) -> list[str]:
    return [module_name(root, path) for path in source_files(root, "koopbis_desktop/cli")]


def test_importing_the_cli_loads_no_qt() -> None:
    modules = [m for m in cli_modules(REPO) if not m.endswith("__main__")]
    assert "koopbis_desktop.cli" in modules and "koopbis_desktop.cli.printouts" in modules
    probe = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_reference_server_uses_only_the_domain():
    assert not (bad := server_beyond_domain(REPO)), report(bad)


def test_sql_only_in_the_store():
    assert not (bad := sql_outside_store(REPO)), report(bad)


# ------------------------------------------- the checker itself, on a made-up tree


@pytest.fixture
def bad_tree(tmp_path: Path) -> Path:
    files = {
        "koopbis_desktop/__init__.py": "",
        "koopbis_desktop/domain/__init__.py": "from . import text\n",
        "koopbis_desktop/domain/text.py": "from __future__ import annotations\nimport re\n",
        "koopbis_desktop/domain/leaky.py": (
            "import requests\nfrom koopbis_desktop import store\ndef f():\n    from PySide6 import QtCore\n"
        ),
        "koopbis_desktop/store/__init__.py": "",
        "koopbis_desktop/store/db.py": "from ..services import capture\nfrom ..domain import text\n",
        "koopbis_desktop/services/review.py": "import sync.client\nfrom koopbis_desktop.store import db\n",
        "koopbis_desktop/ui/main.py": "from PySide6.QtWidgets import QWidget\n",
        "sync/client.py": "from koopbis_desktop.cli import main\nimport shiboken6\n",
        "sync/server/app.py": "from koopbis_desktop.store import db\nfrom koopbis_desktop.domain import schema\n",
        "sync/server/store.py": "def f(conn):\n    conn.execute('DELETE FROM changes')\n",
        "koopbis_desktop/store/entries.py": "def f(store):\n    return store.query('SELECT 1')\n",
        "koopbis_desktop/services/counts.py": (
            "def f(store):\n    store.conn.execute('SELECT 1')\n"
            "    store.db.executescript('x')\n    return store.query('SELECT 2')\n"
        ),
        "sync/planner.py": "def g(conn, rows):\n    conn.executemany('INSERT', rows)\n    execute('not a method')\n",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def targets(violations: list[Import]) -> set[str]:
    return {v.target for v in violations}


def test_checker_finds_every_kind_of_violation(bad_tree: Path):
    assert targets(qt_outside_ui(bad_tree)) == {"PySide6.QtCore", "shiboken6"}
    assert targets(domain_outside_stdlib(bad_tree)) == {
        "requests",
        "koopbis_desktop.store",
        "PySide6.QtCore",
    }
    store = forbidden(bad_tree, "koopbis_desktop/store", ("koopbis_desktop.services",))
    assert targets(store) == {"koopbis_desktop.services.capture"}
    assert targets(forbidden(bad_tree, "koopbis_desktop/services", ("sync",))) == {"sync.client"}
    assert targets(forbidden(bad_tree, "sync", ("koopbis_desktop.cli",))) == {"koopbis_desktop.cli.main"}
    assert targets(server_beyond_domain(bad_tree)) == {"koopbis_desktop.store.db"}
    statements = {(s.path.as_posix(), s.line, s.method) for s in sql_outside_store(bad_tree)}
    assert statements == {
        ("koopbis_desktop/services/counts.py", 2, "execute"),
        ("koopbis_desktop/services/counts.py", 2, "conn"),
        ("koopbis_desktop/services/counts.py", 3, "executescript"),
        ("koopbis_desktop/services/counts.py", 4, "query"),
        ("sync/planner.py", 2, "executemany"),
    }


def test_checker_finds_the_cli_importing_the_ui(tmp_path: Path) -> None:
    (tmp_path / "koopbis_desktop" / "cli").mkdir(parents=True)
    (tmp_path / "koopbis_desktop" / "cli" / "printouts.py").write_text(
        "from ..ui.printing import write_pdf\nfrom koopbis_desktop.services import printouts\n",
        encoding="utf-8",
    )
    (tmp_path / "koopbis_desktop" / "cli" / "manual.py").write_text(
        "from koopbis_desktop.cli.common import open_db\nfrom .printouts import cmd_print_worklist\n",
        encoding="utf-8",
    )
    bad = forbidden(tmp_path, "koopbis_desktop/cli", ("koopbis_desktop.ui",))
    assert targets(bad) == {"koopbis_desktop.ui.printing.write_pdf"}
    assert targets(cli_sibling_imports(tmp_path)) == {"koopbis_desktop.cli.printouts.cmd_print_worklist"}
    assert cli_modules(tmp_path) == ["koopbis_desktop.cli.manual", "koopbis_desktop.cli.printouts"]


def test_checker_tolerates_missing_folders(tmp_path: Path):
    assert qt_outside_ui(tmp_path) == []
    assert domain_outside_stdlib(tmp_path) == []
    assert server_beyond_domain(tmp_path) == []
    assert sql_outside_store(tmp_path) == []
    assert forbidden(tmp_path, "sync", ("koopbis_desktop.ui",)) == []
