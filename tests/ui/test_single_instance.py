"""One program per database on this PC: a second start brings the open window forward.

Before, a second start opened a second program on the same database; each took the other's
open forms for a crash's leftovers and offered them back, and a form restored there was
typed in two windows and saved twice.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.store.location import OfficeUrl
from koopbis_desktop.ui import app as desktop
from koopbis_desktop.ui import single_instance
from koopbis_desktop.ui.single_instance import InstanceGuard, instance_key, knock


def test_one_lock_per_database_however_it_is_named(qapp: Any, tmp_path: Path) -> None:
    locks = tmp_path / "locks"
    (tmp_path / "sub").mkdir()
    first = InstanceGuard(tmp_path / "koopbis.sqlite", locks)
    assert first.acquire()
    # The same file by another path: refused, and the holder is named.
    again = InstanceGuard(tmp_path / "sub" / ".." / "koopbis.sqlite", locks)
    assert not again.acquire()
    assert again.holder_pid() == os.getpid()
    # Another database is another program's business.
    other = InstanceGuard(tmp_path / "baska.sqlite", locks)
    assert other.acquire()
    first.release()
    assert again.acquire()  # the first program ended: the next start opens it
    again.release()
    other.release()
    # The office database: the same user, server and database whatever the password or options.
    office = OfficeUrl("postgresql://memur:gizli@ofis-sunucu:5432/koopbis")
    assert instance_key(office) == instance_key(
        OfficeUrl("postgresql://memur@ofis-sunucu/koopbis?sslmode=require")
    )
    assert instance_key(office) != instance_key(OfficeUrl("postgresql://sef@ofis-sunucu/koopbis"))
    assert instance_key(office) != instance_key(tmp_path / "koopbis.sqlite")


@pytest.mark.expect_log(r"^no open-program lock", logger="koopbis_desktop.ui.single_instance")
def test_a_lock_that_cannot_be_written_does_not_stop_the_start(qapp: Any, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")  # the data folder's place holds a file: no folder can be made there
    assert InstanceGuard(tmp_path / "koopbis.sqlite", blocked / "locks").acquire()


def test_a_crashed_programs_lock_is_taken_over(qapp: Any, tmp_path: Path) -> None:
    locks = tmp_path / "locks"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "from koopbis_desktop.ui.single_instance import InstanceGuard\n"
            "from pathlib import Path\n"
            "app = QCoreApplication([])\n"
            "guard = InstanceGuard(Path(sys.argv[1]), Path(sys.argv[2]))\n"
            "assert guard.acquire()\n"
            "print('held', flush=True)\n"
            "time.sleep(120)\n",
            str(tmp_path / "koopbis.sqlite"),
            str(locks),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        guard = InstanceGuard(tmp_path / "koopbis.sqlite", locks)
        assert not guard.acquire() and guard.holder_pid() == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)  # a power cut or a crash: no clean-up at all
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
    assert guard.acquire()
    guard.release()


def test_a_knock_brings_the_open_window_forward(qapp: Any, qtbot: Any, tmp_path: Path) -> None:
    guard = InstanceGuard(tmp_path / "koopbis.sqlite", tmp_path / "locks")
    assert guard.acquire()
    knocks: list[int] = []
    assert guard.listen(lambda: knocks.append(1))
    try:
        assert knock(guard.server_name, for_s=5)
        qtbot.waitUntil(lambda: knocks == [1])
    finally:
        guard.release()
    assert not knock(guard.server_name, for_s=0.2)  # nobody listens any more


def test_a_program_that_does_not_answer_is_named_and_nothing_is_opened(
    qapp: Any, tmp_path: Path, message_mock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(single_instance, "KNOCK_FOR_S", 0.3)
    hung = InstanceGuard(tmp_path / "koopbis.sqlite", tmp_path / "locks")  # holds, never listens
    assert hung.acquire()
    second = InstanceGuard(tmp_path / "koopbis.sqlite", tmp_path / "locks")
    assert not second.acquire()
    try:
        code = desktop._already_open(qapp, argparse.Namespace(lang="tr"), second)
    finally:
        hung.release()
    assert code == 3
    shown = message_mock.getmsg()
    assert shown.text == "KOOP-BİS Masaüstü bu veritabanıyla bu bilgisayarda zaten açık."
    assert f"işlem numarası {os.getpid()}" in shown.informative and "kaybolmaz" in shown.informative


def test_a_second_start_of_the_program_brings_the_first_forward_and_ends(tmp_path: Path) -> None:
    # The real program twice on one new database (the first waits in its first-run wizard).
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),
        KOOPBIS_LOG_DIR=str(tmp_path / "logs"),
    )
    db = tmp_path / "koopbis.sqlite"
    command = [sys.executable, "-m", "koopbis_desktop.ui.app", "--db", str(db)]
    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log = tmp_path / "logs" / "koopbis-desktop.log"
    try:
        deadline = time.monotonic() + 60
        while not any((tmp_path / "data").rglob(f"{single_instance.LOCKS_DIRNAME}/*.lock")):
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            assert time.monotonic() < deadline, "the first program never took its lock"
            time.sleep(0.05)
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
        assert second.returncode == 0, second.stderr
        deadline = time.monotonic() + 30
        while "the open window is brought forward" not in (
            log.read_text(encoding="utf-8") if log.exists() else ""
        ):
            assert time.monotonic() < deadline, "the first program was not asked to come forward"
            time.sleep(0.05)
        text = log.read_text(encoding="utf-8")
        assert "its window was brought forward" in text
        assert first.poll() is None  # still there, with its wizard
    finally:
        first.kill()
        first.wait(timeout=30)
        if first.stderr is not None:
            first.stderr.close()
    assert not db.exists()  # the second start touched nothing of the first run's database
