"""``koopbis manual …`` and ``koopbis print …`` as real processes on a real database file."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pypdf

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import audit, entries
from koopbis_desktop.store.db import Store
from tests.cli.test_cli import Koopbis, ok
from tests.conftest import PASSWORD
from tests.sync.conftest import admission, approved, assembly, day, seed_snapshot


def pdf_text(path: Path) -> str:
    """The PDF's text with all whitespace removed (cells wrap long ids across lines)."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(path)
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def test_manual_next_done_skip_and_print_worklist(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    recs = seed_snapshot(store, 3)
    clerk, sef = people["ayse"], people["sef"]
    rng = random.Random(11)
    first = approved(store, clerk, sef, "member.admit", recs[0]["id"], admission(rng, day(1), 1))
    second = approved(store, clerk, sef, "assembly.record", recs[0]["id"], assembly(day(2)))
    other = approved(store, clerk, sef, "member.admit", recs[1]["id"], admission(rng, day(1), 2))
    koopbis = Koopbis(store.path, tmp_path)

    shown = json.loads(ok(koopbis("manual", "next", "--json", "--as", "ayse", password=PASSWORD)))
    assert shown["entry"] == first.uuid and shown["remaining"] == 3
    labels = {f["label"]: f["value"] for f in shown["fields"]}
    assert labels["Kooperatif sicil no"] == recs[0]["id"]
    assert first.payload["member_id"] in labels.values()
    text = ok(koopbis("manual", "next", "--as", "ayse", password=PASSWORD))
    assert first.uuid in text and "koopbis manual done" in text

    # Out of order: refused with the planner's reason, nothing changes.
    refused = koopbis("manual", "done", second.uuid, "--receipt", "KB-1", "--as", "sef", password=PASSWORD)
    assert (
        refused.returncode == 1 and "şimdi girilemez" in refused.stderr and "Traceback" not in refused.stderr
    )
    missing = koopbis("manual", "done", first.uuid, "--as", "sef", password=PASSWORD)
    assert missing.returncode == 2  # --receipt is required
    clerk_try = koopbis("manual", "done", first.uuid, "--receipt", "KB-1", "--as", "ayse", password=PASSWORD)
    assert clerk_try.returncode == 4

    out = ok(
        koopbis("manual", "done", first.uuid[:8], "--receipt", "KB-2015-77", "--as", "sef", password=PASSWORD)
    )
    assert "KB-2015-77" in out
    got = entries.get_entry(store, first.uuid)
    assert got.state == State.SYNCED and got.receipt == "KB-2015-77"
    assert got.outcome is not None and got.outcome["manual"] is True and got.outcome["by"] == "sef"

    skipped = json.loads(
        ok(
            koopbis(
                "manual", "skip", second.uuid, "--note", "Yarın", "--json", "--as", "sef", password=PASSWORD
            )
        )
    )
    assert skipped["id"] == second.uuid and skipped["mark"] == "manual_skip" and skipped["note"] == "Yarın"
    assert entries.get_entry(store, second.uuid).state == State.APPROVED
    assert (
        json.loads(ok(koopbis("manual", "next", "--json", "--as", "ayse", password=PASSWORD)))["entry"]
        == other.uuid
    )
    said = ok(
        koopbis("manual", "problem", other.uuid, "--note", "Form açılmadı", "--as", "sef", password=PASSWORD)
    )
    # Named by its number, as a person knows it (was the uuid).
    assert said.startswith(f"{entries.get_entry(store, other.uuid).number}: sorun kaydedildi"), said
    marks = [r["action"] for r in entries.audit_rows(store) if r["action"].startswith("manual_")]
    assert marks == ["manual_skip", "manual_problem"]

    pdf = tmp_path / "liste.pdf"
    result = json.loads(
        ok(koopbis("print", "worklist", str(pdf), "--json", "--as", "ayse", password=PASSWORD))
    )
    assert result["pages"] == 1 and set(result["entries"]) == {second.uuid, other.uuid}
    text = pdf_text(pdf)
    assert second.uuid in text and other.uuid in text and first.uuid not in text
    assert "Formaçılmadı" in text and "KOOP-BİS'eelleaktarımlistesi" in text
    seq, digest = audit.head(store.conn)
    assert digest in text and f"{seq}kayıt" in text

    receipts = tmp_path / "alindi.pdf"
    ok(koopbis("print", "receipts", str(receipts), "--as", "ayse", password=PASSWORD))
    text = pdf_text(receipts)
    assert first.uuid in text and "KB-2015-77" in text and "Elle" in text

    slip = tmp_path / "fis.pdf"
    ok(koopbis("print", "entry", first.uuid, str(slip), "--as", "ayse", password=PASSWORD))
    assert first.uuid in pdf_text(slip)

    daily = tmp_path / "gunluk.pdf"
    ok(koopbis("print", "daily", str(daily), "--as", "ayse", password=PASSWORD))
    text = pdf_text(daily)
    assert all(e.uuid in text for e in (first, second, other))
    bad = koopbis("print", "daily", "--date", "31.02.2015", str(daily), "--as", "ayse", password=PASSWORD)
    assert bad.returncode == 2 and "--date" in bad.stderr
    wrong = koopbis("print", "worklist", str(tmp_path / "liste.txt"), "--as", "ayse", password=PASSWORD)
    assert wrong.returncode == 2 and ".pdf" in wrong.stderr
