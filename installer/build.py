"""Build the one-folder bundle with PyInstaller, then package it for this OS (``make dist``).

Works the same on Linux and Windows, from the project's virtual environment:

    python installer/build.py            # translations, bundle, then the OS package
    python installer/build.py --iss-only # only refresh the version in installer/windows/koopbis.iss

On Linux the package is ``dist/koopbis-desktop-<version>-linux-<machine>.tar.gz`` (the
folder, the desktop entry, the icon and an install note). On Windows the bundle is
what ``installer/windows/koopbis.iss`` packs (run ``iscc installer\\windows\\koopbis.iss``).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
SPEC = ROOT / "installer" / "koopbis.spec"
ISS = ROOT / "installer" / "windows" / "koopbis.iss"
LINUX = ROOT / "installer" / "linux"
ICONS = ROOT / "resources" / "icons"
BUNDLE_NAME = "koopbis-desktop"
ISS_VERSION = re.compile(r'^(#define AppVersion ")([^"]*)(")', re.MULTILINE)
PACKAGE_VERSION = re.compile(r'^__version__ = "([^"]+)"', re.MULTILINE)


def project_version() -> str:
    """``__version__`` as written in the package (pyproject takes it from there too)."""
    found = PACKAGE_VERSION.search((ROOT / "koopbis_desktop" / "__init__.py").read_text(encoding="utf-8"))
    if found is None:
        raise SystemExit("koopbis_desktop/__init__.py has no __version__ line")
    return found.group(1)


def venv_tool(name: str) -> str:
    """A console script installed beside this interpreter (bin/ on Linux, Scripts\\ on Windows)."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name


def compile_translations() -> None:
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([venv_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def sync_iss_version(version: str) -> bool:
    """Write ``version`` into the .iss ``#define AppVersion``; True when the file changed."""
    text = ISS.read_text(encoding="utf-8")
    if not ISS_VERSION.search(text):
        raise SystemExit(f"{ISS}: no '#define AppVersion \"…\"' line")
    updated = ISS_VERSION.sub(lambda m: f"{m.group(1)}{version}{m.group(3)}", text, count=1)
    if updated != text:
        ISS.write_text(updated, encoding="utf-8", newline="\r\n" if "\r\n" in text else "\n")
        return True
    return False


def run_pyinstaller() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )


def linux_archive(version: str) -> Path:
    """The bundle folder plus the desktop entry, its installer script, the icon and the install note."""
    archive = DIST / f"{BUNDLE_NAME}-{version}-linux-{platform.machine()}.tar.gz"
    extras = {
        LINUX / "koopbis-desktop.desktop": "koopbis-desktop.desktop",
        LINUX / "install-desktop-entry.sh": "install-desktop-entry.sh",
        LINUX / "KURULUM.txt": "KURULUM.txt",
        LINUX / "install-sync-timer.sh": "install-sync-timer.sh",
        LINUX / "koopbis-sync.service": "koopbis-sync.service",
        LINUX / "koopbis-sync.timer": "koopbis-sync.timer",
        ICONS / "koopbis.png": "koopbis.png",
        ICONS / "koopbis.svg": "koopbis.svg",
    }
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(DIST / BUNDLE_NAME, arcname=BUNDLE_NAME)
        for source, name in extras.items():
            tar.add(source, arcname=f"{BUNDLE_NAME}/{name}")
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--iss-only", action="store_true", help="only refresh the .iss version define")
    args = parser.parse_args(argv)
    version = project_version()
    if sync_iss_version(version):
        print(f"{ISS.relative_to(ROOT)}: AppVersion set to {version}")
    if args.iss_only:
        return 0
    started = time.perf_counter()
    compile_translations()
    run_pyinstaller()
    built = time.perf_counter() - started
    result: dict[str, object] = {
        "bundle": str((DIST / BUNDLE_NAME).relative_to(ROOT)),
        "build_s": round(built, 1),
    }
    if sys.platform.startswith("linux"):
        archive = linux_archive(version)
        result["archive"] = str(archive.relative_to(ROOT))
        result["archive_mb"] = round(archive.stat().st_size / 1e6, 1)
    elif sys.platform == "win32":
        result["next"] = r"iscc installer\windows\koopbis.iss"
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
