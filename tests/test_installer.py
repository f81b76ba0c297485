"""The Windows installer script uses exactly what the PyInstaller spec produces.

Inno Setup cannot run here, so both files are read as text: the bundle folder, the
executables and the icon the .iss names must be the spec's, the version define must
be pyproject's, and the per-user install, languages and data folder must be as the
README promises. The Linux packaging files are checked the same way.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path, PureWindowsPath

import pytest

from koopbis_desktop import paths

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "installer" / "koopbis.spec"
ISS = REPO / "installer" / "windows" / "koopbis.iss"


# ------------------------------------------------------------------------- the spec


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def _call_name(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else ""


def _path_value(node: ast.expr, names: dict[str, Path]) -> Path:
    """Evaluate ``os.path.join(ROOT, "a", "b")``-style expressions of the spec against the repo."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return Path(node.value)
    if isinstance(node, ast.Name):
        return names[node.id]
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "os.path.join":
        parts = [_path_value(arg, names) for arg in node.args]
        return Path(*parts)
    raise AssertionError(f"cannot evaluate {ast.unparse(node)} in {SPEC.name}")


def spec_paths() -> dict[str, Path]:
    names: dict[str, Path] = {"ROOT": REPO}
    for node in _spec_tree().body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in {"LAUNCHERS", "RESOURCES", "ICON"}
        ):
            names[node.targets[0].id] = _path_value(node.value, names)
    return names


def spec_executables() -> list[str]:
    """Names given to ``executable(analysis, "name", console=…)``, the spec's EXE wrapper."""
    return [
        str(node.args[1].value)
        for node in ast.walk(_spec_tree())
        if isinstance(node, ast.Call)
        and _call_name(node) == "executable"
        and len(node.args) == 2
        and isinstance(node.args[1], ast.Constant)
    ]


def spec_bundle_name() -> str:
    names = [
        kw.value.value
        for node in ast.walk(_spec_tree())
        if isinstance(node, ast.Call) and _call_name(node) == "COLLECT"
        for kw in node.keywords
        if kw.arg == "name" and isinstance(kw.value, ast.Constant)
    ]
    assert len(names) == 1, f"expected one COLLECT with a literal name, found {names}"
    return str(names[0])


# ------------------------------------------------------------------------- the .iss


def iss_text() -> str:
    return ISS.read_text(encoding="utf-8")


def iss_defines() -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', iss_text(), flags=re.MULTILINE))


def iss_setup() -> dict[str, str]:
    section = re.search(r"^\[Setup\]\n(.*?)(?=^\[)", iss_text(), flags=re.MULTILINE | re.DOTALL)
    assert section, "no [Setup] section"
    pairs = (line.split("=", 1) for line in section.group(1).splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs if not key.startswith(";")}


def expand(value: str) -> str:
    """Replace ``{#Name}`` with the .iss defines."""
    defines = iss_defines()
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], value)


def from_iss(relative: str) -> Path:
    """A path written relative to the .iss (Windows separators) as a path in this repo."""
    return (ISS.parent / Path(*PureWindowsPath(relative).parts)).resolve()


def project_version() -> str:
    from koopbis_desktop import __version__

    return __version__


# ------------------------------------------------------------------------- tests


def test_spec_declares_three_programs_in_one_folder() -> None:
    assert sorted(spec_executables()) == ["koopbis", "koopbis-desktop", "koopbis-server"]
    assert spec_bundle_name() == "koopbis-desktop"
    for launcher in ("koopbis_desktop_main.py", "koopbis_main.py", "koopbis_server_main.py"):
        assert (spec_paths()["LAUNCHERS"] / launcher).is_file()


def test_iss_packs_the_folder_the_spec_builds() -> None:
    bundle = from_iss(iss_defines()["BundleDir"])
    assert bundle == REPO / "dist" / spec_bundle_name()
    source_lines = [line for line in iss_text().splitlines() if line.startswith("Source:")]
    assert source_lines and all('"{#BundleDir}\\*"' in line for line in source_lines)


def test_iss_names_only_executables_the_spec_builds() -> None:
    built = {f"{name}.exe" for name in spec_executables()}
    defines = iss_defines()
    assert {defines["DesktopExe"], defines["CliExe"], defines["ServerExe"]} == built
    used = set(re.findall(r"\{app\}\\([\w.-]+\.exe)", expand(iss_text())))
    assert used, "the .iss starts no program from {app}"
    assert used <= built, f"{used - built} are not built by {SPEC.name}"


def test_iss_icon_is_the_spec_icon() -> None:
    icon = from_iss(iss_defines()["AppIcon"])
    assert icon == spec_paths()["ICON"].resolve()
    assert icon.is_file()
    assert expand(iss_setup()["SetupIconFile"]) == iss_defines()["AppIcon"]


def test_iss_version_is_the_package_version() -> None:
    assert iss_defines()["AppVersion"] == project_version()
    assert iss_setup()["AppVersion"] == "{#AppVersion}"


def test_iss_installs_per_user_without_admin_rights() -> None:
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{localappdata}\\Programs\\")
    assert "PrivilegesRequiredOverridesAllowed" not in setup


def test_iss_offers_turkish_and_english_and_the_shortcuts() -> None:
    text = iss_text()
    assert re.search(r'^Name: "turkish"; MessagesFile: "compiler:Languages\\Turkish.isl"', text, re.MULTILINE)
    assert re.search(r'^Name: "english"; MessagesFile: "compiler:Default.isl"', text, re.MULTILINE)
    assert "turkish.ServerShortcut=KOOP-BİS Eğitim Sunucusu" in text
    assert re.search(
        r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\\{#DesktopExe\}"', text, re.MULTILINE
    )
    assert re.search(r"^Name: \"\{autodesktop\}.*Tasks: desktopicon", text, re.MULTILINE)


def test_iss_data_folder_is_the_programs_and_kept_unless_asked() -> None:
    # platformdirs on Windows: %LOCALAPPDATA%\<appauthor>\<appname> (roaming off).
    assert iss_defines()["DataDir"] == f"{{localappdata}}\\{paths.APP_AUTHOR}\\{paths.APP_NAME}"
    text = iss_text()
    code = text.split("[Code]", 1)[1]
    # Removed only after a Yes whose default is No, never in a silent uninstall.
    assert "MB_DEFBUTTON2" in code and "= IDYES" in code and "UninstallSilent()" in code
    assert "DelTree(DataFolder()" in code
    unconditional = text.split("[UninstallDelete]", 1)[1].split("[Code]", 1)[0]
    assert "DataDir" not in unconditional and "localappdata" not in unconditional


@pytest.mark.parametrize(
    "name",
    [
        "koopbis-desktop.desktop",
        "install-desktop-entry.sh",
        "KURULUM.txt",
        "install-sync-timer.sh",
        "koopbis-sync.service",
        "koopbis-sync.timer",
    ],
)
def test_linux_packaging_files_exist(name: str) -> None:
    assert (REPO / "installer" / "linux" / name).is_file()


def test_desktop_entry_starts_the_desktop_program() -> None:
    entry = (REPO / "installer" / "linux" / "koopbis-desktop.desktop").read_text(encoding="utf-8")
    fields = dict(
        line.split("=", 1) for line in entry.splitlines() if "=" in line and not line.startswith("#")
    )
    assert fields["Type"] == "Application"
    assert fields["Exec"] == "koopbis-desktop" and "koopbis-desktop" in spec_executables()
    assert fields["Terminal"] == "false"
    assert (REPO / "resources" / "icons" / "koopbis.png").is_file()
    assert (REPO / "resources" / "icons" / "koopbis.svg").is_file()


def test_build_script_keeps_the_iss_version_in_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("installer_build", REPO / "installer" / "build.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    copy = tmp_path / "koopbis.iss"
    copy.write_text(iss_text(), encoding="utf-8")
    monkeypatch.setattr(build, "ISS", copy)
    assert build.sync_iss_version("9.8.7") is True
    assert '#define AppVersion "9.8.7"' in copy.read_text(encoding="utf-8")
    assert build.sync_iss_version("9.8.7") is False


# ------------------------------------------------------------------------- the scheduled sync (issue 12)


def iss_section(name: str) -> str:
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", iss_text(), flags=re.MULTILINE | re.DOTALL)
    assert match, f"no [{name}] section"
    return match.group(1)


def test_iss_offers_a_scheduled_sync_created_at_install_and_removed_at_uninstall() -> None:
    defines = iss_defines()
    task = defines["SyncTask"]
    tasks = iss_section("Tasks")
    assert re.search(r'^Name: "scheduledsync"; Description: "\{cm:SyncTaskDescription\}"', tasks, re.M)
    create = [line for line in iss_section("Run").splitlines() if "schtasks.exe" in line]
    assert len(create) == 1
    line = expand(create[0])
    assert "Tasks: scheduledsync" in line and "runhidden" in line
    assert "/Create /F /SC MINUTE" in line and f'/TN ""{task}""' in line
    # It runs the CLI the spec builds, once per trigger.
    assert f"{{app}}\\{defines['CliExe']}" in line and "sync --once" in line
    assert Path(defines["CliExe"]).stem in spec_executables()
    remove = [expand(x) for x in iss_section("UninstallRun").splitlines() if "schtasks.exe" in x]
    assert len(remove) == 1 and f'/Delete /F /TN ""{task}""' in remove[0] and "RunOnceId:" in remove[0]
    text = iss_text()
    assert "turkish.SyncTaskDescription=" in text and "english.SyncTaskDescription=" in text


def test_linux_sync_timer_runs_the_cli_and_installs_and_removes(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess

    linux = REPO / "installer" / "linux"
    service = (linux / "koopbis-sync.service").read_text(encoding="utf-8")
    timer = (linux / "koopbis-sync.timer").read_text(encoding="utf-8")
    assert "ExecStart=@PROGRAM_DIR@/koopbis sync --once" in service and "koopbis" in spec_executables()
    assert "Type=oneshot" in service
    assert "OnUnitActiveSec=" in timer and "Persistent=true" in timer and "WantedBy=timers.target" in timer
    build = (REPO / "installer" / "build.py").read_text(encoding="utf-8")
    for name in ("install-sync-timer.sh", "koopbis-sync.service", "koopbis-sync.timer"):
        assert f'LINUX / "{name}"' in build, f"{name} is not packed into the Linux archive"
    if shutil.which("sh") is None:
        pytest.skip("no POSIX shell")
    # The script as the archive holds it, with systemctl recorded instead of run.
    program = tmp_path / "koopbis-desktop"
    program.mkdir()
    for name in ("install-sync-timer.sh", "koopbis-sync.service", "koopbis-sync.timer"):
        shutil.copy(linux / name, program / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "systemctl.calls"
    fake = bin_dir / "systemctl"
    fake.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\n', encoding="utf-8")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    units = tmp_path / "cfg" / "systemd" / "user"
    subprocess.run(["sh", str(program / "install-sync-timer.sh")], env=env, check=True, capture_output=True)
    installed = (units / "koopbis-sync.service").read_text(encoding="utf-8")
    assert f"ExecStart={program}/koopbis sync --once" in installed and "@PROGRAM_DIR@" not in installed
    assert (units / "koopbis-sync.timer").is_file()
    assert "--user enable --now koopbis-sync.timer" in calls.read_text(encoding="utf-8")
    subprocess.run(
        ["sh", str(program / "install-sync-timer.sh"), "--remove"], env=env, check=True, capture_output=True
    )
    assert not (units / "koopbis-sync.service").exists() and not (units / "koopbis-sync.timer").exists()
    assert "--user disable --now koopbis-sync.timer" in calls.read_text(encoding="utf-8")
