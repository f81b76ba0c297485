"""``koopbis copy``: a single PC's queue into the office database and back, nothing lost; full targets refused."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.lifecycle import Action, State
from koopbis_desktop.services import accounts, attachments, autosave, capture, review
from koopbis_desktop.store import audit, encryption, entries, snapshot, sync_state, transfer
from koopbis_desktop.store.db import Store, open_store
from koopbis_desktop.store.errors import WrongPassword
from koopbis_desktop.store.location import OfficeUrl
from sync.settle import SYNC_ACTOR
from tests.conftest import PASSWORD, add_people, member_admission

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 4


def fill(store: Store) -> dict[str, Any]:
    """A day's queue: accounts, the snapshot, entries in several states, an attachment, a synced entry."""
    people = add_people(store)
    records = list(demo_data.cooperatives("06", 12, seed=7))
    snapshot.upsert_records(store, records)
    coop = records[0]["id"]
    ayse, mehmet, sef = people["ayse"], people["mehmet"], people["sef"]
    synced = capture.create_entry(store, ayse, "member.admit", coop, member_admission(1))
    scan = attachments.add_bytes(store, ayse, PDF, "karar.pdf")
    attachments.link(store, ayse, synced.uuid, scan.sha256)
    capture.submit_entry(store, ayse, synced.uuid)
    review.approve_entry(store, sef, synced.uuid)
    entries.move(store, synced.uuid, Action.SEND, SYNC_ACTOR)
    sync_state.count_attempt(store, synced.uuid, "2015-03-02T10:00:00")
    run = sync_state.start_run(store, "2015-03-02T10:00:00")
    entries.move(
        store,
        synced.uuid,
        Action.APPLY,
        SYNC_ACTOR,
        fields={"receipt": "R-1", "server_version": 2, "outcome": {"status": "applied"}, "synced_at": "x"},
    )
    sync_state.finish_run(store, run, "2015-03-02T10:00:05", "ok", "{}")
    sync_state.set_meta(store, "last_sync", "2015-03-02T10:00:05")
    draft = capture.create_entry(store, mehmet, "member.admit", coop, member_admission(2))
    capture.edit_entry(store, mehmet, draft.uuid, member_admission(2, full_name="Ali Ünal"))
    returned = capture.create_entry(store, ayse, "member.admit", records[1]["id"], member_admission(3))
    capture.submit_entry(store, ayse, returned.uuid)
    review.return_entry(store, sef, returned.uuid, "Karar tarihi eksik")
    autosave.save(
        store, ayse, "form-1", type_id="member.admit", cooperative=coop, entry_uuid=None, payload={"a": "ş"}
    )
    return {"synced": synced.uuid, "draft": draft.uuid, "returned": returned.uuid, "sha256": scan.sha256}


def facts(store: Store) -> dict[str, Any]:
    """What must survive a copy, row for row."""
    return {
        "counts": transfer.row_counts(store),
        "entries": store.query(
            "SELECT uuid, number, state, revision, payload, receipt, approver FROM entries ORDER BY number"
        ),
        "revisions": store.query("SELECT id, entry_uuid, revision, payload FROM revisions ORDER BY id"),
        "attachments": [(s, bytes(d)) for s, d in store.query("SELECT sha256, data FROM attachments")],
        "links": store.query("SELECT entry_uuid, sha256 FROM entry_attachments ORDER BY entry_uuid"),
        "audit": store.query("SELECT seq, action, hash FROM audit ORDER BY seq"),
        "users": store.query("SELECT username, role, password_hash, active FROM users ORDER BY username"),
        "snapshot": store.query("SELECT id, title FROM cooperatives ORDER BY id"),
        "sync": store.query("SELECT id, status FROM sync_runs ORDER BY id"),
        "head": store.setting(audit.HEAD_KEY),
    }


def koopbis(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_queue_goes_to_the_office_and_back_whole(
    encrypted_store: Store,
    office_url: OfficeUrl,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    made = fill(encrypted_store)
    source_path = encrypted_store.path
    encrypted_store.close()

    code, out = koopbis(
        monkeypatch, capsys, "copy", "--from", str(source_path), "--to", office_url.url, "--as", "admin"
    )
    assert code == 0, out
    assert "Kopyalandı" in out and "parola" in out
    source = open_store(source_path, key=encryption.unlock_key(source_path, "admin", PASSWORD))
    office = open_store(office_url)
    try:
        before = facts(source)
        assert facts(office) == before
        assert before["counts"]["entries"] == 3 and before["counts"]["attachments"] == 1
        # The source's trail says where it went (written before the copy, so both chains end alike).
        assert before["audit"][-1][1] == "copy_to"
        assert audit.verify(source).ok and audit.verify(office).ok
        synced = entries.get_entry(office, made["synced"])
        assert synced.state == State.SYNCED and synced.receipt == "R-1"
        # Everyone signs in at the office with their own password; new work goes on from there.
        clerk = accounts.login(office, "ayse", PASSWORD)
        newer = capture.create_entry(
            office, clerk, "member.admit", before["snapshot"][0][0], member_admission(4)
        )
        capture.submit_entry(office, clerk, newer.uuid)
        assert str(newer.number) > max(str(n) for _, n, *_ in before["entries"])
        capture.edit_entry(office, clerk, made["returned"], member_admission(3, decision_no="2015/15"))
        review.return_entry(office, accounts.login(office, "sef", PASSWORD), newer.uuid, "Eksik")
        assert audit.verify(office).ok
    finally:
        source.close()
        office.close()

    back = tmp_path / "geri" / "koopbis.sqlite"
    code, out = koopbis(
        monkeypatch, capsys, "copy", "--from", office_url.url, "--to", str(back), "--as", "admin"
    )
    assert code == 0, out
    recovery = re.search(r"\d{5}(?:-\d{5}){7}", out)
    assert recovery is not None, out
    assert "ayse" in out and "koopbis user passwd" in out
    assert encryption.is_encrypted(back)
    office = open_store(office_url)
    copy = encryption.open_with_password(back, "admin", PASSWORD)
    try:
        assert facts(copy) == facts(office)
        assert audit.verify(copy).ok
        # Only the copying admin has a slot yet; the others get theirs signing in on the open file.
        with pytest.raises(WrongPassword, match="henüz anahtarı yok"):
            encryption.unlock_key(back, "ayse", PASSWORD)
        accounts.login(copy, "ayse", PASSWORD)
        assert encryption.unlock_key(back, "ayse", PASSWORD) == copy.key
    finally:
        office.close()
        copy.close()
    encryption.open_with_recovery(back, recovery.group(0)).close()


def test_a_file_copy_of_a_plain_file_keeps_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = open_store(tmp_path / "eski.sqlite", create=True)
    plain.set_setting("province_code", "06")
    fill(plain)
    plain.close()
    target = tmp_path / "yeni.sqlite"
    code, out = koopbis(
        monkeypatch, capsys, "copy", "--from", str(plain.path), "--to", str(target), "--as", "admin"
    )
    assert code == 0, out
    source = open_store(plain.path)
    copy = encryption.open_with_password(target, "admin", PASSWORD)
    try:
        assert facts(copy) == facts(source)
    finally:
        source.close()
        copy.close()


def _office_with_an_account(office_url: OfficeUrl) -> dict[str, int]:
    office = open_store(office_url, create=True)
    try:
        accounts.add_user(office, None, "baska", "admin", PASSWORD)
        return transfer.row_counts(office)
    finally:
        office.close()


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_an_office_database_with_rows_is_refused_untouched(
    store: Store,
    office_url: OfficeUrl,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fill(store)
    counts = _office_with_an_account(office_url)
    source_rows = store.query("SELECT seq, action FROM audit ORDER BY seq")
    code, out = koopbis(
        monkeypatch, capsys, "copy", "--from", str(store.path), "--to", office_url.url, "--as", "admin"
    )
    assert code == 4
    assert "boş değil" in out and "1 hesap" in out and "dokunulmadı" in out
    assert "Traceback" not in out
    office = open_store(office_url)
    try:
        assert transfer.row_counts(office) == counts
        assert [u for (u,) in office.query("SELECT username FROM users")] == ["baska"]
    finally:
        office.close()
    # The source only gained the admin's sign-in: no copy was recorded.
    added = store.query("SELECT action FROM audit WHERE seq > ? ORDER BY seq", (source_rows[-1][0],))
    assert added == [("login",)]


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_an_existing_file_is_never_overwritten_and_a_clerk_cannot_copy(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(store)
    existing = tmp_path / "var.sqlite"
    existing.write_bytes(b"baska bir dosya")
    code, out = koopbis(
        monkeypatch, capsys, "copy", "--from", str(store.path), "--to", str(existing), "--as", "admin"
    )
    assert code == 4 and "zaten var" in out
    assert existing.read_bytes() == b"baska bir dosya"
    target = tmp_path / "yeni.sqlite"
    code, out = koopbis(
        monkeypatch, capsys, "copy", "--from", str(store.path), "--to", str(target), "--as", "ayse"
    )
    assert code == 4, out
    assert not target.exists()


def test_a_copy_that_differs_is_rolled_back(
    encrypted_store: Store, office_url: OfficeUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(encrypted_store)
    office = open_store(office_url, create=True)
    real = transfer._check

    def tampered(dst: Any, copied: Any) -> Any:
        # As if a row went missing on the way: the check must refuse and nothing stay behind.
        dst.execute("DELETE FROM autosave")
        return real(dst, copied)

    monkeypatch.setattr(transfer, "_check", tampered)
    try:
        with pytest.raises(transfer.CopyRefused, match="autosave"):
            transfer.copy_all(encrypted_store, office)
        assert not any(transfer.row_counts(office).values())
    finally:
        office.close()


def test_numbers_and_ids_continue_after_a_copy(encrypted_store: Store, office_url: OfficeUrl) -> None:
    made = fill(encrypted_store)
    office = open_store(office_url, create=True)
    try:
        transfer.copy_all(encrypted_store, office)
        last_revision = office.query_one("SELECT MAX(id) FROM revisions")
        assert last_revision is not None
        clerk = accounts.login(office, "mehmet", PASSWORD)
        capture.edit_entry(office, clerk, made["draft"], member_admission(2, full_name="Ali Öz"))
        newest = office.query_one("SELECT MAX(id) FROM revisions")
        assert newest is not None and newest[0] == last_revision[0] + 1
        run = sync_state.start_run(office, "2015-03-03T10:00:00")
        assert run == 2
    finally:
        office.close()


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_a_copy_cut_off_before_its_slot_is_set_aside_not_taken_for_data(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(store)
    target = tmp_path / "yeni.sqlite"
    # What a killed copy leaves: an encrypted file whose key file has no account's slot yet.
    encryption.create_encrypted(target).close()
    code, out = koopbis(
        monkeypatch, capsys, "copy", "--from", str(store.path), "--to", str(target), "--as", "admin"
    )
    assert code == 0, out
    assert (tmp_path / "yeni.sqlite.yarim-kalmis").exists()
    copy = encryption.open_with_password(target, "admin", PASSWORD)
    try:
        assert transfer.row_counts(copy)["entries"] == 3
    finally:
        copy.close()
