"""After KOOP-BİS refused the account, no run says "KOOP-BİS açık" without having logged in.

A run logs in only when it has something to send. After a refused password, a run with
nothing due (every approved entry waiting for its next try, or none approved) used to
report KOOP-BİS open: the banner then replaced "KOOP-BİS girişi reddedildi" by "KOOP-BİS
açık", and nobody fixed the password. A run after a refusal now checks the account
first; a run after an accepted login, or before any, logs in only to send.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from koopbis_desktop.domain.lifecycle import Actor, State
from koopbis_desktop.store import entries, sync_state
from koopbis_desktop.store.db import Store
from sync.runs import SyncReport
from sync.scheduler import Status, sync_store
from sync.status import Reach, answer_of_run, end_of, initial, with_answer, with_recorded
from tests.sync.conftest import live_server, options_for
from tests.sync.test_reliability import make_entries


def run_end_sentence(report: SyncReport) -> str:
    """What the Eşitleme page and the tray say when a run ends (``RunEnd.sentence``)."""
    return end_of(report).sentence


def _not_due_for_an_hour(store: Store, uuids: list[str]) -> None:
    """Each entry waits for its next try (an earlier failure's back-off), as the executor leaves it."""
    now = datetime.now(UTC)
    for uuid in uuids:
        sync_state.set_schedule(
            store,
            uuid,
            1,
            now.isoformat(timespec="seconds"),
            (now + timedelta(hours=1)).isoformat(timespec="seconds"),
            "KOOP-BİS yanıt vermedi",
        )


def test_a_run_with_nothing_due_after_a_refused_login_checks_the_account_first(
    store: Store, people: dict[str, Actor], tmp_path: Path
) -> None:
    made = make_entries(store, people, 2, 1)
    uuids = [entry.uuid for entry in made]
    with live_server(tmp_path, 2) as server:
        wrong = options_for(server, password=lambda: "eski-parola")
        refused = sync_store(store, options=wrong)
        assert refused.status == Status.AUTH_FAILED
        assert refused.server is not None and refused.server.reach == Reach.LOGIN_REFUSED
        shown = with_answer(initial(datetime(2015, 3, 12).date()), refused.server)

        _not_due_for_an_hour(store, uuids)
        again = sync_store(store, options=wrong)  # nothing to send: it used to say "açık"
        assert again.status == Status.AUTH_FAILED, again.message
        assert again.server is not None and again.server.reach == Reach.LOGIN_REFUSED
        assert "reddedildi" in again.message
        shown = with_answer(shown, again.server)
        assert shown.reach == Reach.LOGIN_REFUSED and "reddedildi" in shown.headline()
        # Said once, without a row of zeros: the run sent nothing.
        assert again.message.count("reddedildi") == 1 and "aktarıldı" not in again.message, again.message
        banner = shown.banner()
        assert banner is not None and banner.count("reddedildi") == 1, banner
        assert "kullanıcı adını ve KOOP-BİS parolasını kontrol edin" in banner and "Ayarlar" in banner
        told = run_end_sentence(again)
        assert told.count("reddedildi") == 1, told
        # A window that does not sync (a clerk's) reads the same from the recorded run.
        recorded = answer_of_run(sync_state.last_run(store))
        assert recorded is not None and recorded.reach == Reach.LOGIN_REFUSED
        assert with_recorded(initial(datetime(2015, 3, 12).date()), recorded).reach == Reach.LOGIN_REFUSED

        fixed = sync_store(store, options=options_for(server))  # the right password, still nothing due
        assert fixed.server is not None and fixed.server.reach == Reach.OPEN, fixed.message
        assert fixed.status in (Status.OK, Status.PARTIAL)

        quiet = sync_store(store, options=wrong)  # accepted last time: no login just to look
        assert quiet.server is not None and quiet.server.reach == Reach.OPEN

        outcomes = [row["outcome"] for row in server.app.state.store.logins()]
        assert outcomes == ["wrong", "wrong", "ok"], outcomes  # one login per run that needed one
        assert server.admin().get("/api/v1/admin/changes").json()["items"] == []
    for entry in made:
        assert entries.get_entry(store, entry.uuid).state == State.APPROVED  # nothing lost, nothing sent
