"""``koopbis entry edit --revision N`` refuses an edit over a revision someone saved since, as the desktop does;
``entry approve|return --revision N`` a decision on a revision older than the one waiting.

Without ``--revision`` the edit goes on as before (the command does not know what the
person looked at); with it, a newer revision stored meanwhile refuses the edit with the
desktop's sentence and exit code, lists what the edit would have replaced, and keeps
the newer revision intact.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from koopbis_desktop.cli import main
from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.services import capture
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import RevisionChanged
from tests.conftest import PASSWORD, member_admission, resubmit_from_another_pc, save_from_another_pc


def edit(store: Store, entry_uuid: str, data: dict[str, Any], *extra: str) -> list[str]:
    return [
        *("--db", str(store.path), "entry", "edit", entry_uuid, "--as", "ayse"),
        *("--data", json.dumps(data, ensure_ascii=False), *extra),
    ]


def test_an_edit_over_a_newer_revision_is_refused_with_the_desktops_message_and_exit_code(
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    entry = capture.create_entry(
        store, people["ayse"], "member.admit", cooperatives[1]["id"], member_admission(1)
    )
    # Someone saves revision 2 from another PC after revision 1 was looked at.
    save_from_another_pc(
        store, people["ayse"], entry.uuid, member_admission(1, decision_no="2015/15"), loaded_revision=1
    )
    # What the desktop says and returns for the same late save.
    with pytest.raises(RevisionChanged) as desktop:
        capture.edit_entry(
            store, people["ayse"], entry.uuid, member_admission(1, decision_no="2015/99"), loaded_revision=1
        )

    code = main(edit(store, entry.uuid, member_admission(1, decision_no="2015/99"), "--revision", "1"))
    err = capsys.readouterr().err
    assert code == desktop.value.exit_code == ExitCode.NOT_PERMITTED
    assert desktop.value.message in err
    assert "ayse" in err and "sürüm 2" in err
    assert "Kaydedilen sürüm → sizin yazdığınız:" in err and "Karar No: 2015/15 → 2015/99" in err
    kept = entries.get_entry(store, entry.uuid)
    assert kept.revision == 2 and kept.payload["decision_no"] == "2015/15"

    # The same refusal as a JSON document for a script.
    code = main(
        edit(store, entry.uuid, member_admission(1, decision_no="2015/99"), "--revision", "1", "--json")
    )
    document = json.loads(capsys.readouterr().out)
    assert code == ExitCode.NOT_PERMITTED and document["exit_code"] == ExitCode.NOT_PERMITTED
    assert document["errors"][0]["message"] == desktop.value.message
    assert {"message": "Karar No: 2015/15 → 2015/99"} in document["errors"]

    # On the revision it now knows, the edit goes through: revision 3 carries it.
    assert main(edit(store, entry.uuid, member_admission(1, decision_no="2015/99"), "--revision", "2")) == 0
    saved = entries.get_entry(store, entry.uuid)
    assert saved.revision == 3 and saved.payload["decision_no"] == "2015/99"
    # Without --revision nothing is checked, as before.
    assert main(edit(store, entry.uuid, member_admission(1, decision_no="2015/100"))) == 0
    assert entries.get_entry(store, entry.uuid).revision == 4


@pytest.mark.parametrize("decision", ["approve", "return"])
def test_a_decision_on_the_revision_read_is_refused_when_a_newer_one_was_sent_since(
    store: Store,
    people: dict[str, Actor],
    cooperatives: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    decision: str,
) -> None:
    """``entry approve|return --revision N``, as the desktop's review window: a supervisor read
    revision 1 (``entry show``); on another PC it was returned, rewritten and sent again."""
    monkeypatch.setenv("KOOPBIS_PASSWORD", PASSWORD)
    entry = capture.create_entry(
        store, people["ayse"], "member.admit", cooperatives[1]["id"], member_admission(1)
    )
    capture.submit_entry(store, people["ayse"], entry.uuid)
    resubmit_from_another_pc(
        store, people["sef2"], people["ayse"], entry.uuid, member_admission(1, decision_no="2015/77")
    )
    db = ("--db", str(store.path))
    comment = ("--comment", "Karar defteri eksik")
    code = main([*db, "entry", decision, entry.uuid, "--as", "sef", *comment, "--revision", "1"])
    err = capsys.readouterr().err
    assert code == ExitCode.NOT_PERMITTED, err
    assert "sürüm 2" in err and "sürüm 1 okumuştunuz" in err and "--revision 2" in err, err
    assert "gösteriliyor" not in err  # nothing is on screen here
    kept = entries.get_entry(store, entry.uuid)
    assert kept.state == State.SUBMITTED and kept.revision == 2 and kept.approver is None

    assert main([*db, "entry", decision, entry.uuid, "--as", "sef", *comment, "--revision", "2"]) == 0
    decided = entries.get_entry(store, entry.uuid)
    assert decided.state == (State.APPROVED if decision == "approve" else State.RETURNED)
