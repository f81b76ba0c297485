"""Prove the PyInstaller bundle starts, then measure its size and start-up against the venv.

Run after ``make dist`` (``make dist-check`` does both). Checks, each on the bundled
programs in ``dist/koopbis-desktop/``:

* ``koopbis-desktop --smoke`` on a new database (open, migrate, build the main window offscreen);
* the same on an older database: migrated, with a backup beside it;
* the same on a newer database: refused with the Turkish sentence, file untouched;
* ``koopbis-desktop --version`` and ``koopbis --version`` print the package version;
* ``koopbis print receipts`` writes a PDF (the CLI has no Qt: it runs ``koopbis-desktop --render-pdf``);
* ``koopbis-server --help``, then the server started on loopback answers ``/api/v1/health``.

Then the median wall time of ``--smoke`` from the bundle and from the virtual
environment (same machine, same run) and the bundle size. Last line: one JSON object.
Exit 1 when a check fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from koopbis_desktop import __version__  # noqa: E402
from koopbis_desktop.store import migrations  # noqa: E402
from koopbis_desktop.store.db import open_store  # noqa: E402

BUNDLE = ROOT / "dist" / "koopbis-desktop"
EXE = ".exe" if sys.platform == "win32" else ""


def program(name: str) -> Path:
    return BUNDLE / f"{name}{EXE}"


def venv_program(name: str) -> Path:
    return Path(sys.executable).parent / f"{name}{EXE}"


def env_for(home: Path) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        KOOPBIS_LOG_DIR=str(home / "logs"),
        LOCALAPPDATA=str(home / "data"),
        PYTHONIOENCODING="utf-8",
    )


def run(
    cmd: list[str], home: Path, timeout: float = 120, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**env_for(home), **(extra or {})}
    return subprocess.run(
        cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout, check=False
    )


def folder_mb(folder: Path) -> float:
    # PyInstaller links some libraries into _internal/ from their package folder: count them once.
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


# -- checks ---------------------------------------------------------------------------------------


def check_smoke_new(home: Path) -> str:
    result = run([str(program("koopbis-desktop")), "--smoke"], home)
    assert result.returncode == 0 and "smoke ok" in result.stdout, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


def check_smoke_older(home: Path) -> str:
    path = home / "eski.sqlite"
    real_latest = migrations.LATEST
    migrations.LATEST = real_latest - 1  # the schema the previous release wrote
    try:
        store = open_store(path, create=True)
        store.set_setting("province_code", "35")
        store.close()
    finally:
        migrations.LATEST = real_latest
    # --whole-file: the migrated file's every page is checked too, as a start checks it beside its window.
    result = run([str(program("koopbis-desktop")), "--smoke", "--whole-file", "--db", str(path)], home)
    assert result.returncode == 0 and "whole file checked" in result.stdout, result.stdout + result.stderr
    # Read-only: never migrates (a file the smoke run left unmigrated raises NeedsWriteToUpgrade).
    store = open_store(path, read_only=True)
    version = store.schema_version()
    store.close()
    assert version == real_latest, f"schema {version} after the smoke run, expected {real_latest}"
    made = list((home / "backups").glob("*migration*.sqlite"))
    assert len(made) == 1, f"expected one migration backup, found {made}"
    return f"schema {real_latest - 1} → {real_latest}, backup {made[0].name}"


def check_smoke_newer(home: Path) -> str:
    path = home / "yeni.sqlite"
    store = open_store(path, create=True)
    store.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run([str(program("koopbis-desktop")), "--smoke", "--db", str(path)], home)
    assert result.returncode != 0, "a newer database was opened"
    assert "daha yeni bir sürümüyle" in result.stderr, result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "the newer database was changed"
    return result.stderr.strip().splitlines()[-1]


def check_versions(home: Path) -> str:
    desktop = run([str(program("koopbis-desktop")), "--version"], home)
    cli = run([str(program("koopbis")), "--version"], home)
    assert desktop.stdout.strip() == f"koopbis-desktop {__version__}", desktop.stdout + desktop.stderr
    assert cli.stdout.strip() == f"koopbis {__version__}", cli.stdout + cli.stderr
    return f"{desktop.stdout.strip()}; {cli.stdout.strip()}"


def check_cli_print(home: Path) -> str:
    """An encrypted database made by the CLI, signed in, printed: SQLCipher and the PDF child in the bundle."""
    db = str(home / "il.sqlite")
    koopbis = str(program("koopbis"))
    password = {"KOOPBIS_NEW_PASSWORD": "paket-denetim-1", "KOOPBIS_PASSWORD": "paket-denetim-1"}
    init = run([koopbis, "--db", db, "init", "--province", "06", "--admin", "admin"], home, extra=password)
    assert init.returncode == 0, init.stdout + init.stderr
    assert not Path(db).read_bytes().startswith(b"SQLite format 3"), "koopbis init wrote a plain database"
    pdf = home / "alindilar.pdf"
    printed = run([koopbis, "--db", db, "print", "receipts", str(pdf), "--as", "admin"], home, extra=password)
    assert printed.returncode == 0, printed.stdout + printed.stderr
    assert pdf.read_bytes().startswith(b"%PDF"), "koopbis print wrote no PDF"
    guide = home / "kilavuz.pdf"
    written = run([koopbis, "guide", "--pdf", str(guide)], home, timeout=300)
    assert written.returncode == 0, written.stdout + written.stderr
    assert guide.read_bytes().startswith(b"%PDF"), "koopbis guide wrote no PDF"
    return f"{printed.stdout.strip()} Kılavuz: {guide.stat().st_size // 1024} KB."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def check_office_driver(home: Path) -> str:
    """The office database's driver is in the bundle: a closed port is "unreachable", not a crash."""
    url = "postgresql://koopbis@127.0.0.1:1/koopbis"
    result = run([str(program("koopbis")), "--db", url, "sync", "status", "--as", "memur"], home)
    assert result.returncode == 1 and "ulaşılamıyor" in result.stderr, result.stdout + result.stderr
    assert not Path("postgresql:").exists(), "an office URL was taken for a folder"
    return result.stderr.strip().splitlines()[0][:90] + "…"


def check_server(home: Path) -> str:
    help_text = run([str(program("koopbis-server")), "--help"], home)
    assert help_text.returncode == 0 and "koopbis-server" in help_text.stdout, help_text.stderr
    port = free_port()
    cmd = [str(program("koopbis-server")), "--db", str(home / "server.sqlite"), "--port", str(port)]
    cmd += ["--seed-data", "20", "--log-level", "warning"]
    server = subprocess.Popen(cmd, env=env_for(home), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as reply:
                    body = json.loads(reply.read())
                    return f"health {reply.status}: {body.get('status')}"
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("the bundled server did not answer /api/v1/health") from None
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(10)


def check_qt_contents() -> str:
    """Only the Qt that was meant to go in (the spec's filter), and the translations."""
    qt = next(BUNDLE.rglob("qtbase_tr.qm")).parent.parent  # …/PySide6/Qt
    plugins = sorted(str(p.relative_to(qt / "plugins")) for p in (qt / "plugins").rglob("*") if p.is_file())
    unwanted = (
        "QtQml",
        "QtQuick",
        "Qt3D",
        "QtMultimedia",
        "QtWebEngine",
        "QtPdf",
        "Qt6Qml",
        "Qt6Quick",
        "Qt6Pdf",
    )
    leaked = [p.name for p in BUNDLE.rglob("*") if any(u in p.name for u in unwanted)]
    assert not leaked, f"unwanted Qt in the bundle: {leaked[:5]}"
    assert any("offscreen" in p for p in plugins), plugins
    assert [p.name for p in (qt / "translations").iterdir()] == ["qtbase_tr.qm"]
    assert next(BUNDLE.rglob("koopbis_en.qm"), None) is not None, "koopbis_en.qm missing"
    return f"{len(plugins)} plugins: {', '.join(plugins)}"


CHECKS: dict[str, Callable[[Path], str]] = {
    "smoke on a new database": check_smoke_new,
    "smoke on an older database": check_smoke_older,
    "smoke on a newer database": check_smoke_newer,
    "versions": check_versions,
    "CLI printout and guide": check_cli_print,
    "office database driver": check_office_driver,
    "training server": check_server,
}


# -- timing ---------------------------------------------------------------------------------------


def smoke_seconds(exe: Path, runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory(prefix="koopbis-bench-") as tmp:
        home = Path(tmp)
        run([str(exe), "--smoke"], home)  # warm the file cache once, not counted
        for _ in range(runs):
            started = time.perf_counter()
            result = run([str(exe), "--smoke"], home)
            times.append(time.perf_counter() - started)
            assert result.returncode == 0, result.stderr
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="timed --smoke runs each (default %(default)s)")
    args = parser.parse_args(argv)
    if not program("koopbis-desktop").exists():
        print(f"{program('koopbis-desktop')} missing: run make dist first", file=sys.stderr)
        return 1

    failures = 0
    for name, check in [*CHECKS.items(), ("Qt contents", lambda _home: check_qt_contents())]:
        with tempfile.TemporaryDirectory(prefix="koopbis-check-") as tmp:
            try:
                print(f"ok    {name}: {check(Path(tmp))}")
            except (AssertionError, OSError, subprocess.TimeoutExpired) as exc:
                failures += 1
                print(f"FAIL  {name}: {exc}")

    bundled = smoke_seconds(program("koopbis-desktop"), args.runs)
    venv = smoke_seconds(venv_program("koopbis-desktop"), args.runs)
    size = folder_mb(BUNDLE)
    archives = sorted((ROOT / "dist").glob("koopbis-desktop-*.tar.gz"))
    result = {
        "checks_failed": failures,
        "bundle_mb": round(size, 1),
        "archive_mb": round(archives[-1].stat().st_size / 1e6, 1) if archives else None,
        "smoke_bundle_s": round(statistics.median(bundled), 3),
        "smoke_venv_s": round(statistics.median(venv), 3),
        "ratio": round(statistics.median(bundled) / statistics.median(venv), 2),
        "runs": args.runs,
    }
    print(
        f"bundle {result['bundle_mb']} MB (archive {result['archive_mb']} MB); --smoke median "
        f"{result['smoke_bundle_s']} s bundled vs {result['smoke_venv_s']} s from the venv "
        f"({result['ratio']}×, {args.runs} runs each)"
    )
    print(json.dumps(result))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
