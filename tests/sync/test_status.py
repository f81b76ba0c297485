"""The one KOOP-BİS state (sync/status.py) and the loop's waits, without Qt (issue 12).

What the banner, status bar, page and tray say is read from these values; the
tray's messages are tested here because offscreen has no tray.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from koopbis_desktop.domain import i18n
from sync import status as koopbis
from sync.scheduler import AutoSync, AutoSyncConfig, Status, SyncReport
from sync.status import Reach, ServerAnswer, Tone

NOW = datetime(2015, 3, 12, 6, 0, tzinfo=UTC)
GO_LIVE = date(2015, 3, 12)


def test_before_the_first_answer_the_go_live_date_is_only_a_hint() -> None:
    early = koopbis.initial(date(2015, 3, 20))
    assert early.headline(NOW) == "KOOP-BİS bakımda (açılışa 8 gün)"
    assert early.banner(NOW) is None  # the window shows its own go-live sentence
    assert koopbis.initial(GO_LIVE).headline(NOW) == "KOOP-BİS: henüz bağlanılmadı"


def test_maintenance_from_the_server_counts_down_to_its_opening() -> None:
    answer = koopbis.maintenance_answer("bakım", None, (NOW + timedelta(hours=2, minutes=5)).isoformat(), NOW)
    value = koopbis.with_answer(koopbis.initial(GO_LIVE), answer)
    assert value.headline(NOW) == "KOOP-BİS bakımda (açılışa 3 saat)"
    by_retry_after = koopbis.maintenance_answer("bakım", 90.0, None, NOW)
    assert koopbis.with_answer(value, by_retry_after).headline(NOW) == "KOOP-BİS bakımda (açılışa 2 dakika)"
    assert value.tone() == Tone.WARNING
    banner = value.banner(NOW)
    assert banner is not None and banner.startswith("KOOP-BİS bakımda (açılışa 3 saat).")


def test_open_syncing_unreachable_and_decisions() -> None:
    opened = koopbis.with_answer(koopbis.initial(GO_LIVE), ServerAnswer(Reach.OPEN, NOW))
    assert opened.headline(NOW) == "KOOP-BİS açık" and opened.tone() == Tone.OK
    running = koopbis.run_progressed(koopbis.run_started(opened), 3, 7)
    assert running.headline(NOW) == "KOOP-BİS: eşitleniyor (3 / 7)" and running.tone() == Tone.BUSY
    assert koopbis.run_ended(running).headline(NOW) == "KOOP-BİS açık"
    counted = koopbis.with_counts(opened, {"conflict": 2, "rejected": 1, "approved": 4})
    assert counted.headline(NOW) == "KOOP-BİS açık · karar bekleyen 3 kayıt"
    banner = counted.banner(NOW)
    assert (
        banner is not None
        and "Gönderilmeyi bekleyen 4 onaylı kayıt" in banner
        and "Karar bekleyen 3" in banner
    )
    lost = koopbis.with_answer(opened, ServerAnswer(Reach.UNREACHABLE, NOW, "ağ yok"))
    assert lost.headline(NOW).startswith("KOOP-BİS'e ulaşılamıyor (son deneme ")
    assert lost.tone() == Tone.ERROR


def test_progress_itself_says_koopbis_is_open_whatever_the_hint() -> None:
    value = koopbis.run_progressed(koopbis.initial(date(2015, 4, 1)), 0, 5)
    assert value.reach == Reach.OPEN and value.running


def test_a_recorded_run_informs_windows_that_do_not_sync_but_never_overrides_a_newer_answer() -> None:
    run = {"status": "ok", "finished_at": NOW.isoformat(), "summary": {"message": "3 kayıt aktarıldı"}}
    seeded = koopbis.with_recorded(koopbis.initial(GO_LIVE), koopbis.answer_of_run(run))
    assert seeded.reach == Reach.OPEN
    newer = koopbis.with_answer(seeded, ServerAnswer(Reach.UNREACHABLE, NOW + timedelta(minutes=1)))
    assert koopbis.with_recorded(newer, koopbis.answer_of_run(run)).reach == Reach.UNREACHABLE
    maintenance = {
        "status": "maintenance",
        "finished_at": NOW.isoformat(),
        "summary": {"opens_at": (NOW + timedelta(days=3)).isoformat()},
    }
    answer = koopbis.answer_of_run(maintenance)
    assert answer is not None and answer.reach == Reach.MAINTENANCE and answer.opens_at is not None
    assert koopbis.answer_of_run({"status": "before_go_live", "finished_at": NOW.isoformat()}) is None


def test_tamamlandi_only_when_every_entry_got_an_answer_and_the_tray_message() -> None:
    whole = koopbis.run_end(
        "ok", "Tamamlandı", "", total=4, handled=4, applied=3, conflicts=1, refused=0, retrying=0
    )
    assert whole.label == "Tamamlandı" and whole.complete
    assert whole.summary == "3 aktarıldı, 1 çakışma, 0 ret (memura iade edildi), 0 yeniden denenecek."
    tray = koopbis.notification(whole, "ok")
    assert tray is not None and "kararını bekliyor" in tray
    short = koopbis.run_end(
        "ok", "Tamamlandı", "", total=4, handled=3, applied=3, conflicts=0, refused=0, retrying=0
    )
    assert short.label != "Tamamlandı" and "1 sırasını bekliyor" in short.summary
    # An entry still in its wait before another try is counted once, as "yeniden denenecek" (it
    # was "1 yeniden denenecek, 1 sırasını bekliyor" for the one entry).
    waiting = koopbis.run_end(
        "ok", "Tamamlandı", "", total=1, handled=0, applied=0, conflicts=0, refused=0, retrying=1
    )
    assert waiting.summary.endswith("1 yeniden denenecek.") and "sırasını" not in waiting.summary
    mixed = koopbis.run_end(
        "partial",
        "Kısmen",
        "",
        total=3,
        handled=1,
        applied=0,
        conflicts=0,
        refused=0,
        retrying=2,
        retried_now=1,
    )
    assert mixed.summary.endswith("2 yeniden denenecek, 1 sırasını bekliyor."), mixed.summary
    idle = koopbis.run_end(
        "ok", "Tamamlandı", "", total=0, handled=0, applied=0, conflicts=0, refused=0, retrying=0
    )
    assert koopbis.notification(idle, "ok") is None  # nothing happened: no message
    assert koopbis.notification(idle, "before_go_live") is None


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("tr")


def test_every_screen_reads_the_state_in_english(english: None) -> None:
    # The banner, status bar, Eşitleme page and tray all read these texts: they were Turkish in
    # English mode, and the tray's "nothing happened" test compared a Turkish summary.
    assert koopbis.initial(GO_LIVE).headline(NOW) == "KOOP-BİS: not connected yet"
    assert (
        koopbis.initial(date(2015, 3, 20)).headline(NOW) == "KOOP-BİS is in maintenance (8 days to opening)"
    )
    answer = koopbis.maintenance_answer("bakım", None, (NOW + timedelta(hours=2, minutes=5)).isoformat(), NOW)
    waiting = koopbis.with_counts(koopbis.with_answer(koopbis.initial(GO_LIVE), answer), {"approved": 4})
    assert waiting.headline(NOW) == "KOOP-BİS is in maintenance (opens in 3 hours)"
    assert waiting.banner(NOW) == (
        "KOOP-BİS is in maintenance (opens in 3 hours). Your entries are kept safely on this computer; "
        "when KOOP-BİS opens, 4 approved entries will be transferred in order by themselves."
    )
    opened = koopbis.with_counts(
        koopbis.with_answer(koopbis.initial(GO_LIVE), ServerAnswer(Reach.OPEN, NOW)), {"conflict": 2}
    )
    assert opened.headline(NOW) == "KOOP-BİS is open · 2 entries awaiting a decision"
    assert opened.banner(NOW) == (
        "KOOP-BİS is open. All approved entries have been transferred. "
        "2 entries await a decision (Conflicts page)."
    )
    assert koopbis.run_progressed(opened, 3, 7).headline(NOW).startswith("KOOP-BİS: synchronising (3 / 7)")
    assert opened.tray_text(NOW).startswith("KOOP-BİS Desktop — KOOP-BİS is open")
    lost = koopbis.with_answer(opened, ServerAnswer(Reach.UNREACHABLE, NOW, "no network"))
    assert lost.headline(NOW).startswith("KOOP-BİS cannot be reached (last try ")
    whole = koopbis.run_end(
        "ok", "Completed", "", total=5, handled=4, applied=3, conflicts=1, refused=0, retrying=0
    )
    assert whole.label == "Finished; some entries did not get their turn"
    assert whole.summary == (
        "3 transferred, 1 conflicts, 0 refused (returned to the clerk), 0 to be retried, 1 waiting for their turn."
    )
    tray = koopbis.notification(whole, "ok")
    assert tray is not None and tray.endswith("The conflicting entries await a supervisor's decision.")
    applied = koopbis.run_end(
        "ok", "Completed", "", total=1, handled=1, applied=1, conflicts=0, refused=0, retrying=0
    )
    assert (
        koopbis.notification(applied, "ok")
        == "Completed: 1 transferred, 0 conflicts, 0 refused (returned to the clerk), 0 to be retried."
    )
    idle = koopbis.run_end(
        "ok", "Completed", "", total=0, handled=0, applied=0, conflicts=0, refused=0, retrying=0
    )
    assert koopbis.notification(idle, "ok") is None  # nothing happened: still no message in English


@pytest.mark.parametrize("retry_after", [1.0, 2.0, 30.0])
def test_the_loop_honours_retry_after_to_the_second_with_at_most_ten_percent_jitter(
    retry_after: float, tmp_path: Path
) -> None:
    auto = AutoSync(tmp_path / "none.sqlite", config=AutoSyncConfig(poll_min=15.0))
    for status in (Status.MAINTENANCE, Status.OFFLINE, Status.PARTIAL):
        report = SyncReport(status, "", "")
        report.retry_after = retry_after
        waits = [auto.next_wait(report, backoff=15.0) for _ in range(200)]
        assert all(retry_after <= w <= retry_after * 1.1 for w in waits), (status, min(waits), max(waits))
    without = SyncReport(Status.OFFLINE, "", "")
    assert auto.next_wait(without, backoff=15.0) == 15.0


def test_counts_are_unknown_until_the_store_was_counted() -> None:
    start = koopbis.initial(GO_LIVE)
    assert not start.counts.known and start.counts.to_send == 0
    counted = koopbis.with_counts(start, {})
    assert counted.counts.known and counted.counts.to_send == 0  # counted: none, which is true now
