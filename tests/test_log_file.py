"""The log file: plain at the desktop's start, rotating from then on, nothing lost in the swap."""

from __future__ import annotations

import json
import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from koopbis_desktop import paths
from tests.conftest import member_admission, valid_tckn


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """KOOPBIS_LOG_DIR in a temp folder; the root logger's handlers and level as they were afterwards."""
    folder = tmp_path / "logs"
    monkeypatch.setenv("KOOPBIS_LOG_DIR", str(folder))
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield folder
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    monkeypatch.setattr(paths, "_plain_log", None)


def _ours(path: Path) -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(path)]


def test_the_desktops_plain_log_becomes_a_rotating_one_on_the_same_file(
    log_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = paths.setup_logging("koopbis-desktop", rotating=False)
    assert path == log_folder / "koopbis-desktop.log"
    [plain] = _ours(path)
    assert not isinstance(plain, logging.handlers.RotatingFileHandler)
    log = logging.getLogger("koopbis.test")
    log.info("before the swap")

    monkeypatch.setattr(paths, "LOG_MAX_BYTES", 400)
    paths.rotate_log()
    [rotating] = _ours(path)
    assert isinstance(rotating, logging.handlers.RotatingFileHandler)
    assert rotating.maxBytes == 400 and rotating.backupCount == paths.LOG_BACKUPS
    log.info("after the swap")
    text = path.read_text(encoding="utf-8")
    assert text.count("before the swap") == 1 and text.count("after the swap") == 1

    for n in range(20):  # past 400 bytes: the file rolls over to .1
        log.info("line %02d of a long session", n)
    rotating.flush()
    kept = sorted(f.name for f in log_folder.iterdir())
    assert kept[0] == "koopbis-desktop.log" and "koopbis-desktop.log.1" in kept
    assert len(kept) <= 1 + paths.LOG_BACKUPS
    everything = "".join(f.read_text(encoding="utf-8") for f in log_folder.iterdir())
    assert everything.count("line 19 of a long session") == 1
    assert path.stat().st_size <= 400

    paths.rotate_log()  # a second time: nothing to swap
    assert _ours(path) == [rotating]


def test_the_command_line_logs_to_a_rotating_file_at_once(log_folder: Path) -> None:
    path = paths.setup_logging("koopbis-cli")
    assert path is not None
    [handler] = _ours(path)
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.maxBytes == paths.LOG_MAX_BYTES and handler.backupCount == paths.LOG_BACKUPS
    paths.rotate_log()  # no plain handler: left as it is
    assert _ours(path) == [handler]


def test_a_log_folder_that_cannot_be_made_leaves_logging_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log_folder: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KOOPBIS_LOG_DIR", str(blocker / "logs"))
    before = list(logging.getLogger().handlers)
    assert paths.setup_logging("koopbis-desktop", rotating=False) is None
    assert logging.getLogger().handlers == before
    paths.rotate_log()
    assert logging.getLogger().handlers == before
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.expect_log(r"unexpected error in koopbis", logger="koopbis.cli")
def test_an_unexpected_error_of_a_command_logs_its_command_not_its_data_nor_a_password(
    log_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The log file is plain text on the PC: a member's TCKN and name typed in ``--data`` and the
    office database's password in ``--db`` stay out of it; the command and its options stay in."""
    from koopbis_desktop import cli
    from koopbis_desktop.cli import entries

    def broken(_args: object) -> int:
        raise RuntimeError("beklenmeyen bir durum")

    monkeypatch.setattr(entries, "cmd_entry_add", broken)  # a fault inside the command's own work
    tckn = valid_tckn(7)
    data = json.dumps(
        member_admission(member_id=tckn, full_name="Zebercet Karaosmanoğlu"), ensure_ascii=False
    )
    code = cli.main(
        [
            "--db",
            "postgresql://koopbis_memur:GizliParola-77@sunucu:5432/koopbis",
            "--lang",
            "tr",
            "entry",
            "add",
            "--as",
            "ayse",
            "--type",
            "member.admit",
            "--data",
            data,
            "--cooperative=06-000123",
        ]
    )
    assert code == 1
    assert "günlük dosyasına yazıldı" in capsys.readouterr().err
    text = (log_folder / "koopbis-cli.log").read_text(encoding="utf-8")
    assert "unexpected error in koopbis" in text and "entry add" in text and "--data" in text
    assert "RuntimeError: beklenmeyen bir durum" in text  # the traceback support needs
    for leaked in (tckn, "Zebercet", "Karaosmanoğlu", "GizliParola-77", "06-000123"):
        assert leaked not in text, leaked
