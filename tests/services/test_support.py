"""The support bundle holds logs, versions, settings and counts — and provably no personal data."""

from __future__ import annotations

import json
import logging
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop import paths
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.domain.text import fold
from koopbis_desktop.services import capture, support
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from tests.conftest import PASSWORD, valid_tckn

COOP = "06-900001"


@pytest.fixture
def full_store(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> dict[str, set[str]]:
    """A database full of personal data, and the personal values that must not leak."""
    made = []
    for seed in range(1, 6):
        made.append(
            capture.create_entry(
                store,
                people["ayse"],
                "member.admit",
                COOP,
                {
                    "member_id": valid_tckn(1000 + seed),
                    "full_name": f"Şükriye Gümüşdere{seed}",
                    "address": "Kızılay Mahallesi Gazi Mustafa Kemal Bulvarı",
                    "effective_date": "02.03.2015",
                    "decision_no": f"2015/{seed}",
                    "shares": 1,
                    "subscribed_amount": "1000",
                    "paid_amount": "250",
                },
            )
        )
    numbers: set[str] = set()
    names: set[str] = set()
    for coop in cooperatives:
        if coop.get("vkn"):
            numbers.add(coop["vkn"])
        for m in coop["members"]:
            numbers.add(m["member_id"])
            names.add(m["full_name"])
        for b in (*coop["board"], *coop["audit_board"]):
            numbers.add(b["id_no"])
            names.add(b["full_name"])
    for entry in made:
        numbers.add(entry.payload["member_id"])
        names.add(entry.payload["full_name"])
    names.update(r[0] for r in store.conn.execute("SELECT full_name FROM users"))
    return {"numbers": numbers, "names": names, "passwords": {PASSWORD, "gizli-sunucu-parolası"}}


def write_leaky_logs(folder: Path, values: dict[str, set[str]]) -> None:
    """Log lines the program could write on a bad day, full of what must not leave the office."""
    number = sorted(values["numbers"])[0]
    name = sorted(values["names"])[0]
    first, _, last = name.partition(" ")
    log_path = paths.setup_logging("koopbis-desktop")
    assert log_path is not None and log_path.parent == folder
    log = logging.getLogger("koopbis.test")
    payload = {"member_id": number, "full_name": name, "password": "gizli-sunucu-parolası"}
    log.error(
        "unexpected error in koopbis %s", ["entry", "add", "--data", json.dumps(payload, ensure_ascii=False)]
    )
    log.warning("member %s not found for %s", number, name.upper())
    log.warning("retry for %s %s (TCKN %s %s)", first.lower(), last, number[:6], number[6:])
    try:
        raise ValueError(f"bad value {payload!r}")
    except ValueError:
        log.exception("import failed for %s", name)
    log.info("sync run finished: 12 sent, 0 conflicts")
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(log_path):
            handler.close()
            root.removeHandler(handler)
    (folder / "koopbis-cli.log.1").write_text(
        f"2015-03-02 10:00:00,000 INFO cli: login {name} password={PASSWORD}\n"
        f"2015-03-02 10:00:01,000 INFO cli: env KOOPBIS_PASSWORD: {PASSWORD} parola {PASSWORD}\n"
    )


@pytest.mark.expect_log(logger="koopbis.test")  # the leaky log lines are the test's input
def test_bundle_has_no_personal_data(store: Store, full_store: dict[str, set[str]], tmp_path: Path) -> None:
    folder = Path(os.environ["KOOPBIS_LOG_DIR"])
    write_leaky_logs(folder, full_store)
    target = support.write_bundle(store, tmp_path / "destek.zip", extra={"qt": "6.11.0"})

    with zipfile.ZipFile(target) as bundle:
        names = bundle.namelist()
        contents = {name: bundle.read(name) for name in names}
    assert {
        "README.txt",
        "system.json",
        "database.json",
        "logs/koopbis-desktop.log",
        "logs/koopbis-cli.log.1",
    } <= set(names)
    everything = b"\n".join(contents.values())
    text = everything.decode("utf-8")
    folded = fold(text)
    # The audit chain's head (a SHA-256 digest, new each run) is not searched for parts: six of its
    # 64 hex digits once read 843076 by chance, the beginning of a TCKN of the test data.
    without_digests = re.sub(rb"\b[0-9a-f]{64}\b", b"", everything)
    for number in full_store["numbers"]:
        assert number.encode() not in everything, number
        assert number[:6].encode() not in without_digests, number  # nor a part of one
    assert len(full_store["names"]) > 50
    for name in full_store["names"]:
        assert name.encode() not in everything, name
        assert fold(name) not in folded, name
        for word in name.split():
            if len(word) >= 4:
                assert f" {fold(word)} " not in f" {folded} ", (name, word)
    for password in full_store["passwords"]:
        assert password.encode() not in everything

    # What support needs is there.
    log_text = contents["logs/koopbis-desktop.log"].decode()
    assert "sync run finished: 12 sent, 0 conflicts" in log_text
    assert "Traceback" in log_text and "ValueError" in log_text
    assert 'test_support.py", line' in log_text
    system = json.loads(contents["system.json"])
    assert system["qt"] == "6.11.0" and system["python"] and system["libraries"]["openpyxl"]
    database = json.loads(contents["database.json"])
    assert database["schema_version"] == store.schema_version()
    assert database["queue_counts"] == {"draft": 5}
    assert database["audit"]["ok"] is True and database["audit"]["rows"] == len(entries.audit_rows(store))
    assert database["settings"]["go_live"] == "2015-03-12"
    assert database["settings"]["server_username"] in ("(ayarlı)", "(varsayılan)")
    assert database["users_per_role"] == {"admin": 1, "clerk": 2, "supervisor": 2}


def test_scrubber_rules() -> None:
    scrub = support.Scrubber({"gumusdere", "sukriye"}, home="/home/ayse.yilmaz")
    line = (
        "2015-03-02 10:00:00,123 ERROR x: ŞÜKRİYE gümüşdere 12345678901 'Ali' {\"a\": 1} /home/ayse.yilmaz/x"
    )
    assert scrub.line(line) == "2015-03-02 10:00:00,123 ERROR x: *** *** *** '***' {***} ~/x"
    assert scrub.line("TCKN 123 456 789 01, 12 sent, 0 conflicts") == "TCKN ***, 12 sent, 0 conflicts"
    assert scrub.line("login password=abc-1 parola: x") == "login password=*** parola: ***"


def test_bundle_target_must_be_a_zip(store: Store, tmp_path: Path) -> None:
    with pytest.raises(support.SupportBundleError, match=r"\.zip"):
        support.write_bundle(store, tmp_path / "destek.txt")
