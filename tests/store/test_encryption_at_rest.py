"""A lost file shows nothing: after a day's work no personal datum is in any byte the program left.

Also: SIGKILL while saving into an encrypted file and while a plain file is
being encrypted loses nothing (the kill pattern of tests/store/test_durability.py).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from koopbis_desktop.domain import demo_data
from koopbis_desktop.services import attachments, capture, review
from koopbis_desktop.store import audit, backup, encrypt_migration, encryption, snapshot
from koopbis_desktop.store.db import Store, connect_raw, file_kind, open_store
from tests.conftest import PASSWORD, add_people, member_admission

SECRET_NAME = "Zebercet Karaosmanoğlu"
ATTACHMENT_TEXT = b"GIZLI-EK-METNI: ortaklik karari ve imza sayfasi"
REPO = Path(__file__).resolve().parents[2]


def _every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_no_tckn_name_or_attachment_text_in_any_byte_after_a_days_work(
    encrypted_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "gecici"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    store = encrypted_store
    people = add_people(store)
    records = list(demo_data.cooperatives("06", 30, seed=5))
    snapshot.upsert_records(store, records)
    coop = str(records[0]["id"])
    tckn = demo_data.tckn(random.Random(4242))
    clerk, supervisor = people["ayse"], people["sef"]
    entry = capture.create_entry(
        store, clerk, "member.admit", coop, member_admission(member_id=tckn, full_name=SECRET_NAME)
    )
    pdf = attachments.add_bytes(store, clerk, b"%PDF-1.7\n" + ATTACHMENT_TEXT + b"\n%%EOF", "karar.pdf")
    attachments.link(store, clerk, entry.uuid, pdf.sha256)
    capture.submit_entry(store, clerk, entry.uuid)
    review.approve_entry(store, supervisor, entry.uuid, "Uygun")
    assert snapshot.search(store, records[1]["title"][:8])  # the trigram search works on the encrypted file
    for i in range(40):  # enough writes for the WAL to hold pages
        capture.create_entry(store, clerk, "member.admit", coop, member_admission(seed=i + 10))
    saved = backup.create_backup(store, store.path.parent / "backups")
    assert store.query_one("SELECT count(*) FROM entries WHERE payload LIKE ?", (f"%{tckn}%",)) == (
        1,
    )  # it is in there, readable to the program

    def scan() -> list[str]:
        leaks = []
        places = [store.path.parent, temp]
        for place in places:
            for file in _every_file(place):
                data = file.read_bytes()
                for needle in (tckn.encode(), SECRET_NAME.encode("utf-8"), ATTACHMENT_TEXT):
                    if needle in data:
                        leaks.append(f"{file.name}: {needle[:20]!r}")
        return leaks

    wal = Path(str(store.path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert scan() == []  # while open: database, -wal, -shm, backups, temp folder
    store.checkpoint()
    store.close()
    assert scan() == []
    assert file_kind(saved) == "encrypted" and file_kind(store.path) == "encrypted"


SAVER = textwrap.dedent(
    """
    import random, sys
    from koopbis_desktop.domain import demo_data
    from koopbis_desktop.services import accounts, capture
    from koopbis_desktop.store import encryption

    db_path, coop, password, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = encryption.open_with_password(db_path, "ayse", password)
    clerk = accounts.login(store, "ayse", password)
    rng = random.Random(seed)
    print("READY", flush=True)
    while True:
        data = {
            "member_id": demo_data.tckn(rng), "full_name": demo_data.person_name(rng),
            "effective_date": "02.03.2015", "decision_no": str(rng.randint(1, 999)),
            "shares": 1, "subscribed_amount": "1000", "paid_amount": "250",
        }
        entry = capture.create_entry(store, clerk, "member.admit", coop, data)
        print(entry.uuid, flush=True)
    """
)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.mark.slow
def test_sigkill_while_saving_into_an_encrypted_file_loses_nothing(
    encrypted_store: Store, tmp_path: Path
) -> None:
    add_people(encrypted_store)
    records = list(demo_data.cooperatives("06", 5, seed=9))
    snapshot.upsert_records(encrypted_store, records)
    path, key = encrypted_store.path, encrypted_store.key
    encrypted_store.close()
    script = tmp_path / "saver.py"
    script.write_text(SAVER, encoding="utf-8")
    rng = random.Random(18)
    confirmed: set[str] = set()
    for run in range(12):
        child = subprocess.Popen(
            [sys.executable, str(script), str(path), str(records[0]["id"]), PASSWORD, str(run)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.strip() == b"READY", child.stderr.read() if child.stderr else first
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")
        confirmed.update(line for line in out.decode().split("\n")[:-1] if line)
        conn = connect_raw(path, key)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            present = {r[0] for r in conn.execute("SELECT uuid FROM entries")}
            assert not confirmed - present, f"run {run}: returned saves lost"
            assert audit.verify(conn).ok
        finally:
            conn.close()
    assert len(confirmed) > 12


MIGRATOR = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from koopbis_desktop.store import encrypt_migration

    db_path, password = Path(sys.argv[1]), sys.argv[2]
    print("READY", flush=True)
    encrypt_migration.encrypt_in_place(db_path, "admin", password, backups_dir=db_path.parent / "backups")
    print("DONE", flush=True)
    """
)


@pytest.mark.slow
def test_sigkill_during_migration_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "il" / "koopbis.sqlite"
    store = open_store(path, create=True, backups_dir=path.parent / "backups")
    store.set_setting("province_code", "06")
    people = add_people(store)
    records = list(demo_data.cooperatives("06", 200, seed=2))
    snapshot.upsert_records(store, records)
    for i in range(60):
        capture.create_entry(
            store, people["ayse"], "member.admit", str(records[0]["id"]), member_admission(seed=i)
        )
    expected = int(store.query_one("SELECT count(*) FROM entries")[0])  # type: ignore[index]
    store.close()
    script = tmp_path / "migrator.py"
    script.write_text(MIGRATOR, encoding="utf-8")
    rng = random.Random(5)
    done = False
    for _run in range(10):
        child = subprocess.Popen(
            [sys.executable, str(script), str(path), PASSWORD],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"READY"
        time.sleep(rng.uniform(0.0, 0.6))
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=60)
        done = done or b"DONE" in out
        # Whatever the moment: the database opens, plain or encrypted, with every entry.
        opened = encryption.open_with_password(path, "admin", PASSWORD)
        try:
            assert int(opened.query_one("SELECT count(*) FROM entries")[0]) == expected  # type: ignore[index]
            assert audit.verify(opened.conn).ok
        finally:
            opened.close()
        if file_kind(path) == "encrypted":
            break
    if file_kind(path) == "plain":  # never got through under the kills: it still finishes afterwards
        report = encrypt_migration.encrypt_in_place(
            path, "admin", PASSWORD, backups_dir=path.parent / "backups"
        )
        assert report.rows["entries"] == expected
    assert file_kind(path) == "encrypted"
