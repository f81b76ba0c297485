"""The one model of KOOP-BİS's state that every screen shows: banner, status bar, Eşitleme page, tray.

Qt-free and immutable: each change (a server answer, a run starting, progress,
fresh counts) makes a new :class:`KoopbisStatus` through a pure function, and
the texts are read from it, so two screens can never disagree. The server's own
answers decide (health or maintenance with ``Retry-After``, reachable, login
accepted); the local go-live date is only a hint until the first answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import State

if TYPE_CHECKING:
    from sync.runs import SyncReport


class Reach(StrEnum):
    """What KOOP-BİS's last answer said about KOOP-BİS itself."""

    UNKNOWN = "unknown"  # no answer yet: the go-live date is the only hint
    MAINTENANCE = "maintenance"  # 503 maintenance (with Retry-After / maintenance_until)
    OPEN = "open"  # health ok and the run could talk to it
    UNREACHABLE = "unreachable"  # no answer, or an answer the contract does not allow
    LOGIN_REFUSED = "login_refused"  # the KOOP-BİS account was refused


class Tone(StrEnum):
    """How loud a screen should show the state (the banner's colour)."""

    WARNING = "warning"
    OK = "ok"
    BUSY = "busy"
    ERROR = "error"


@dataclass(frozen=True)
class ServerAnswer:
    """What one look at KOOP-BİS found; ``at`` is when (UTC)."""

    reach: Reach
    at: datetime
    message: str = ""
    opens_at: datetime | None = None  # maintenance: maintenance_until, or now + Retry-After


@dataclass(frozen=True)
class Counts:
    """Entries per state, from one store query (``entries.count_by_state``)."""

    by_state: dict[str, int] = field(default_factory=dict)
    known: bool = False  # False until the store was first counted: "0" would not be true then

    def of(self, *states: State) -> int:
        return sum(self.by_state.get(s.value, 0) for s in states)

    @property
    def to_send(self) -> int:
        return self.of(State.APPROVED, State.SENDING)

    @property
    def decisions(self) -> int:
        """Entries a supervisor must decide on (a conflict, or an old refusal parked as ``rejected``)."""
        return self.of(State.CONFLICT, State.REJECTED)


@dataclass(frozen=True)
class KoopbisStatus:
    """What the status bar says of KOOP-BİS: its last answer, a run under way, the queue's counts."""

    go_live: date
    answer: ServerAnswer | None = None
    running: bool = False
    handled: int = 0  # entries of the current run that got an answer (final or "try again")
    total: int = 0  # entries the current run started with
    counts: Counts = field(default_factory=Counts)
    # A supervisor pressed Duraklat on this window: nothing is sent by itself until "Şimdi eşitle".
    paused: bool = False

    # -- what the screens ask ----------------------------------------------------------

    @property
    def reach(self) -> Reach:
        return self.answer.reach if self.answer is not None else Reach.UNKNOWN

    def is_open(self) -> bool:
        return self.reach == Reach.OPEN

    def tone(self) -> Tone:
        if self.running and self.reach != Reach.MAINTENANCE:
            return Tone.BUSY
        return {
            Reach.UNKNOWN: Tone.WARNING,
            Reach.MAINTENANCE: Tone.WARNING,
            Reach.OPEN: Tone.OK,
            Reach.UNREACHABLE: Tone.ERROR,
            Reach.LOGIN_REFUSED: Tone.ERROR,
        }[self.reach]

    def headline(self, now: datetime | None = None) -> str:
        """The short text: status bar, tray tooltip, the page's title line."""
        now = now or datetime.now(UTC)
        parts = [self._reach_text(now)]
        if self.running and self.reach != Reach.MAINTENANCE:
            parts = [
                tx("KOOP-BİS: eşitleniyor ({handled} / {total})").format(
                    handled=self.handled, total=self.total
                )
            ]
        elif self.paused:
            parts.append(tx("eşitleme duraklatıldı"))
        if self.counts.decisions:
            parts.append(tx("karar bekleyen {n} kayıt").format(n=self.counts.decisions))
        return " · ".join(parts)

    def banner(self, now: datetime | None = None) -> str | None:
        """The banner's sentence once KOOP-BİS has answered; None before (the screen shows its go-live hint)."""
        now = now or datetime.now(UTC)
        reach = self.reach
        waiting = self.counts.to_send
        decisions = (
            " " + tx("Karar bekleyen {n} kayıt var (Çakışmalar sayfası).").format(n=self.counts.decisions)
            if self.counts.decisions
            else ""
        )
        if reach == Reach.UNKNOWN:
            return None
        if self.paused and not self.running:
            # "…kendiliğinden gönderilir" would not be true: nothing goes until someone resumes.
            return (
                self._reach_text(now)
                + ". "
                + tx(
                    "Eşitleme bu pencerede duraklatıldı: onaylı {waiting} kayıt bekliyor, kendiliğinden "
                    "gönderilmeyecek. Sürdürmek için Eşitleme sayfasında Şimdi eşitle'ye basın (Ctrl+Shift+S)."
                ).format(waiting=waiting)
                + decisions
            )
        if reach == Reach.MAINTENANCE:
            return (
                tx(
                    "KOOP-BİS bakımda ({opens}). Kayıtlarınız bu bilgisayarda güvenle saklanıyor; "
                    "KOOP-BİS açılınca onaylı {waiting} kayıt kendiliğinden sırayla aktarılacak."
                ).format(opens=self._opens_in(now), waiting=waiting)
                + decisions
            )
        if self.running:
            return (
                tx(
                    "KOOP-BİS açık; eşitleniyor ({handled} / {total}). Onaylı kayıtlar sırayla "
                    "aktarılıyor; bu sırada çalışmaya devam edebilirsiniz."
                ).format(handled=self.handled, total=self.total)
                + decisions
            )
        if reach == Reach.OPEN:
            queue = (
                tx(
                    "Gönderilmeyi bekleyen {waiting} onaylı kayıt var; birkaç dakikada bir kendiliğinden gönderilir."
                ).format(waiting=waiting)
                if waiting
                else tx("Onaylı kayıtların hepsi aktarıldı.")
            )
            return tx("KOOP-BİS açık.") + " " + queue + decisions
        assert self.answer is not None
        if reach == Reach.LOGIN_REFUSED:
            message = self.answer.message
            if not message.startswith(tx("KOOP-BİS girişi reddedildi")):  # KOOP-BİS's words say it
                message = tx("KOOP-BİS girişi reddedildi: {message}").format(message=message).strip()
            return (
                message
                + " "
                + tx("Kayıtlar yerelde bekliyor; bir şef Ayarlar'dan KOOP-BİS hesabını düzeltmeli.")
                + decisions
            )
        return (
            tx(
                "KOOP-BİS'e ulaşılamıyor (son deneme {clock}). Kayıtlar yerelde güvende; "
                "bağlantı gelince kendiliğinden yeniden denenecek."
            ).format(clock=_clock(self.answer.at))
            + decisions
        )

    def tray_text(self, now: datetime | None = None) -> str:
        return tx("KOOP-BİS Masaüstü") + " — " + self.headline(now)

    # -- pieces ------------------------------------------------------------------------

    def _reach_text(self, now: datetime) -> str:
        reach = self.reach
        if reach == Reach.UNKNOWN:
            days = (self.go_live - now.astimezone().date()).days
            if days > 0:
                return tx("KOOP-BİS bakımda (açılışa {days} gün)").format(days=days)
            return tx("KOOP-BİS: henüz bağlanılmadı")
        if reach == Reach.MAINTENANCE:
            return tx("KOOP-BİS bakımda ({opens})").format(opens=self._opens_in(now))
        if reach == Reach.OPEN:
            return tx("KOOP-BİS açık")
        assert self.answer is not None
        if reach == Reach.LOGIN_REFUSED:
            return tx("KOOP-BİS girişi reddedildi")
        return tx("KOOP-BİS'e ulaşılamıyor (son deneme {clock})").format(clock=_clock(self.answer.at))

    def _opens_in(self, now: datetime) -> str:
        opens = self.answer.opens_at if self.answer is not None else None
        if opens is None:
            days = (self.go_live - now.astimezone().date()).days
            return tx("açılışa {days} gün").format(days=days) if days > 0 else tx("açılış saati bildirilmedi")
        return tx("açılışa {duration}").format(duration=_duration(opens - now))


# ----------------------------------------------------------------- moves


def initial(go_live: date) -> KoopbisStatus:
    return KoopbisStatus(go_live=go_live)


def with_answer(status: KoopbisStatus, answer: ServerAnswer | None) -> KoopbisStatus:
    """A run looked at KOOP-BİS (None: it did not, e.g. before go-live — keep what was known)."""
    return status if answer is None else replace(status, answer=answer)


def with_recorded(status: KoopbisStatus, answer: ServerAnswer | None) -> KoopbisStatus:
    """KOOP-BİS's answer to the database's last run (this PC's or another's, or a scheduled one),
    taken when it is newer than what this window heard itself."""
    if answer is None or (status.answer is not None and status.answer.at >= answer.at):
        return status
    return replace(status, answer=answer)


def answer_of_run(run: dict[str, Any] | None) -> ServerAnswer | None:
    """What the last recorded run (``sync_runs``) learnt about KOOP-BİS; None if it did not ask."""
    if not run or not run.get("finished_at"):
        return None
    try:
        at = datetime.fromisoformat(str(run["finished_at"]).replace("Z", "+00:00"))
    except ValueError:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    summary = run.get("summary") or {}
    message = str(summary.get("message") or "")
    kind = str(run.get("status") or "")
    if kind in ("ok", "partial", "cancelled"):
        return ServerAnswer(Reach.OPEN, at, message)
    if kind == "maintenance":
        opens = summary.get("opens_at")
        return maintenance_answer(message, None, opens if isinstance(opens, str) else None, at)
    if kind == "offline":
        return ServerAnswer(Reach.UNREACHABLE, at, message)
    if kind == "auth_failed":
        return ServerAnswer(Reach.LOGIN_REFUSED, at, message)
    return None


def run_started(status: KoopbisStatus) -> KoopbisStatus:
    return replace(status, running=True, handled=0, total=0, paused=False)


def run_progressed(status: KoopbisStatus, handled: int, total: int) -> KoopbisStatus:
    # Progress means KOOP-BİS answered: it is open, whatever the go-live hint said.
    answer = status.answer
    if answer is None or answer.reach != Reach.OPEN:
        answer = ServerAnswer(Reach.OPEN, datetime.now(UTC))
    return replace(status, running=True, handled=handled, total=total, answer=answer)


def run_ended(status: KoopbisStatus) -> KoopbisStatus:
    return replace(status, running=False)


def with_paused(status: KoopbisStatus, paused: bool) -> KoopbisStatus:
    return replace(status, paused=paused)


def with_counts(status: KoopbisStatus, by_state: dict[str, int]) -> KoopbisStatus:
    return replace(status, counts=Counts(dict(by_state), known=True))


def with_go_live(status: KoopbisStatus, go_live: date) -> KoopbisStatus:
    return replace(status, go_live=go_live)


def maintenance_answer(
    message: str, retry_after: float | None, maintenance_until: str | None, at: datetime | None = None
) -> ServerAnswer:
    """A 503 maintenance: when KOOP-BİS opens, from its ``maintenance_until`` or else ``Retry-After``."""
    at = at or datetime.now(UTC)
    opens: datetime | None = None
    if maintenance_until:
        try:
            opens = datetime.fromisoformat(maintenance_until.replace("Z", "+00:00"))
            if opens.tzinfo is None:
                opens = opens.replace(tzinfo=UTC)
        except ValueError:
            opens = None
    if opens is None and retry_after is not None:
        opens = at + timedelta(seconds=retry_after)
    return ServerAnswer(Reach.MAINTENANCE, at, message, opens)


# ----------------------------------------------------------------- a run's end, in words


@dataclass(frozen=True)
class RunEnd:
    """How a finished run is told: its label, the summary sentence and whether it needs a person."""

    label: str
    summary: str
    complete: bool  # every entry the run started with got an answer
    needs_decision: bool
    moved: bool = False  # an entry was applied, parked as a conflict or refused

    @property
    def sentence(self) -> str:
        """Label and summary, the label said once: a stopped run's message often begins with it
        ("KOOP-BİS bakımda (açılışa 2 saat); …" under the label "KOOP-BİS bakımda")."""
        if self.summary.startswith(self.label):
            return self.summary
        return f"{self.label}: {self.summary}"


def run_end(
    status: str,
    status_label: str,
    message: str,
    *,
    total: int,
    handled: int,
    applied: int,
    conflicts: int,
    refused: int,
    retrying: int,
    retried_now: int = 0,
) -> RunEnd:
    """The finish line of a run: "Tamamlandı" only when every entry got an answer, with the counts.

    ``retrying``: the entries that wait for another try after the run, those it tried
    (``retried_now``, among the ``handled``) and those still in their wait, which the run counted
    in ``total`` but did not reach; those are said once, as "yeniden denenecek".
    """
    complete = handled >= total
    label = status_label
    if status == "ok" and not complete:
        label = tx("Bitti; sırası gelmeyen kayıtlar var")
    parts = [
        tx("{n} aktarıldı").format(n=applied),
        tx("{n} çakışma").format(n=conflicts),
        tx("{n} ret (memura iade edildi)").format(n=refused),
        tx("{n} yeniden denenecek").format(n=retrying),
    ]
    in_their_wait = max(retrying - retried_now, 0)
    for_their_turn = total - handled - in_their_wait
    if for_their_turn > 0:
        parts.append(tx("{n} sırasını bekliyor").format(n=for_their_turn))
    summary = ", ".join(parts) + "."
    if status not in ("ok", "partial"):
        summary = message
    return RunEnd(label, summary, complete, conflicts > 0, applied + conflicts + refused > 0)


def end_of(report: SyncReport) -> RunEnd:
    """:func:`run_end` of a finished run's report (what the page, the banner and the tray say)."""
    from sync.runs import STATUS_LABELS  # the engine's module loads when a run ends, not at start

    result = report.result
    return run_end(
        report.status,
        STATUS_LABELS.get(report.status, report.status),
        report.message,
        total=result.total,
        handled=result.handled,
        applied=result.applied,
        conflicts=result.conflicts,
        refused=result.rejected,
        retrying=int(report.remaining.get("waiting", 0)),
        retried_now=result.retried,
    )


def notification(end: RunEnd, status: str) -> str | None:
    """The tray's message when a run ends: only when something went or a person must decide."""
    if status in ("before_go_live", "busy", "cancelled"):
        return None
    if end.needs_decision:
        return end.sentence + " " + tx("Çakışan kayıtlar bir şefin kararını bekliyor.")
    if status in ("ok", "partial") and end.moved:
        return end.sentence
    if status == "auth_failed":
        return end.sentence
    return None


# ----------------------------------------------------------------- words


def _duration(left: timedelta) -> str:
    seconds = max(0.0, left.total_seconds())
    if seconds >= 2 * 86400:
        return tx("{n} gün").format(n=math.ceil(seconds / 86400))
    if seconds >= 3600:
        return tx("{n} saat").format(n=math.ceil(seconds / 3600))
    if seconds >= 60:
        return tx("{n} dakika").format(n=math.ceil(seconds / 60))
    return tx("birkaç saniye")


def _clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


__all__ = [
    "Counts",
    "KoopbisStatus",
    "Reach",
    "RunEnd",
    "ServerAnswer",
    "Tone",
    "answer_of_run",
    "initial",
    "maintenance_answer",
    "notification",
    "run_end",
    "run_ended",
    "run_progressed",
    "run_started",
    "with_answer",
    "with_counts",
    "with_go_live",
    "with_recorded",
]
