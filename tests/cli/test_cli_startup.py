"""``koopbis`` starts without loading what its command does not use.

A command's modules are imported when it runs (``koopbis_desktop/cli/``): the
version, the help and a usage error load neither Qt, nor the HTTP client, nor the
spreadsheet readers, nor the store. Each case runs in a fresh interpreter and
reads back ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from koopbis_desktop.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

# What a start that does no work must not pay for.
HEAVY = (
    "PySide6",
    "requests",
    "urllib3",
    "openpyxl",
    "python_calamine",
    "olefile",
    "sqlite_utils",
    "argon2",
    "sqlcipher3",
    "cryptography",
    "keyring",
    "sync",
    "koopbis_desktop.store.db",
    "koopbis_desktop.services",
)


def loaded_after(*argv: str, tmp_path: Path) -> tuple[int, list[str]]:
    env = dict(
        os.environ, PYTHONPATH=str(ROOT), KOOPBIS_LOG_DIR=str(tmp_path), KOOPBIS_DB=str(tmp_path / "k.sqlite")
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return int(report["code"] or 0), list(report["modules"])


def heavy_in(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


@pytest.mark.parametrize(
    ("argv", "code"),
    [(["--version"], 0), (["guide"], 2), (["--help"], 0), (["entry", "show"], 2)],
    ids=["version", "guide-without-a-file", "help", "usage-error"],
)
def test_a_start_that_does_no_work_loads_no_qt_http_spreadsheet_or_store(
    argv: list[str], code: int, tmp_path: Path
) -> None:
    exit_code, modules = loaded_after(*argv, tmp_path=tmp_path)
    assert exit_code == code
    assert "koopbis_desktop.cli" in modules
    assert heavy_in(modules) == []


def test_a_command_that_works_loads_what_it_needs(tmp_path: Path) -> None:
    # The probe can fail: a command that opens the store does load it.
    exit_code, modules = loaded_after("search", "konut", tmp_path=tmp_path)
    assert exit_code != 0  # no database there: refused with a sentence
    assert "koopbis_desktop.store.db" in modules


def test_the_version_does_not_read_the_database_language(tmp_path: Path) -> None:
    # --help reads the database's language setting before the parser is built; --version has
    # nothing to translate and skips it (no sqlite3 import at all).
    exit_code, modules = loaded_after("--version", tmp_path=tmp_path)
    assert exit_code == 0
    assert "koopbis_desktop.store.startfacts" not in modules
    assert "sqlite3" not in modules


def test_the_version_alone_loads_neither_the_parser_nor_the_commands_nor_the_log(tmp_path: Path) -> None:
    exit_code, modules = loaded_after("--version", tmp_path=tmp_path)
    assert exit_code == 0
    for name in ("koopbis_desktop.cli.program", "koopbis_desktop.cli.users", "koopbis_desktop.paths"):
        assert name not in modules
    assert "argparse" not in modules and "logging" not in modules


def test_the_version_anywhere_else_on_the_line_is_still_argparses(tmp_path: Path) -> None:
    # Only a bare "--version" takes the short way; beside a command the parser answers as before.
    env = dict(os.environ, PYTHONPATH=str(ROOT), KOOPBIS_LOG_DIR=str(tmp_path))
    for argv in (["--version"], ["--json", "--version"], ["--version", "user", "list"]):
        done = subprocess.run(
            [sys.executable, "-m", "koopbis_desktop.cli", *argv],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            cwd=tmp_path,
        )
        assert (done.returncode, done.stdout) == (0, "koopbis 0.1.0\n"), (argv, done.stderr)
