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
from typing import Any

from koopbis_desktop.domain.lifecycle import State


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
    go_live: date
    answer: ServerAnswer | None = None
    running: bool = False
    handled: int = 0  # entries of the current run that got an answer (final or "try again")
    total: int = 0  # entries the current run started with
    counts: Counts = field(default_factory=Counts)

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
            parts = [f"KOOP-BİS: eşitleniyor ({self.handled} / {self.total})"]
        if self.counts.decisions:
            parts.append(f"karar bekleyen {self.counts.decisions} kayıt")
        return " · ".join(parts)

    def banner(self, now: datetime | None = None) -> str | None:
        """The banner's sentence once KOOP-BİS has answered; None before (the screen shows its go-live hint)."""
        now = now or datetime.now(UTC)
        reach = self.reach
        waiting = self.counts.to_send
        decisions = (
            f" Karar bekleyen {self.counts.decisions} kayıt var (Çakışmalar sayfası)."
            if self.counts.decisions
            else ""
        )
        if reach == Reach.UNKNOWN:
            return None
        if reach == Reach.MAINTENANCE:
            return (
                f"KOOP-BİS bakımda ({self._opens_in(now)}). Kayıtlarınız bu bilgisayarda güvenle saklanıyor; "
                f"KOOP-BİS açılınca onaylı {waiting} kayıt kendiliğinden sırayla aktarılacak.{decisions}"
            )
        if self.running:
            return (
                f"KOOP-BİS açık; eşitleniyor ({self.handled} / {self.total}). Onaylı kayıtlar sırayla "
                f"aktarılıyor; bu sırada çalışmaya devam edebilirsiniz.{decisions}"
            )
        if reach == Reach.OPEN:
            queue = (
                f"Gönderilmeyi bekleyen {waiting} onaylı kayıt var; birkaç dakikada bir kendiliğinden gönderilir."
                if waiting
                else "Onaylı kayıtların hepsi aktarıldı."
            )
            return f"KOOP-BİS açık. {queue}{decisions}"
        assert self.answer is not None
        if reach == Reach.LOGIN_REFUSED:
            return (
                f"KOOP-BİS girişi reddedildi: {self.answer.message} Kayıtlar yerelde bekliyor; "
                f"bir şef Ayarlar'dan KOOP-BİS hesabını düzeltmeli.{decisions}"
            )
        return (
            f"KOOP-BİS'e ulaşılamıyor (son deneme {_clock(self.answer.at)}). Kayıtlar yerelde güvende; "
            f"bağlantı gelince kendiliğinden yeniden denenecek.{decisions}"
        )

    def tray_text(self, now: datetime | None = None) -> str:
        return "KOOP-BİS Masaüstü — " + self.headline(now)

    # -- pieces ------------------------------------------------------------------------

    def _reach_text(self, now: datetime) -> str:
        reach = self.reach
        if reach == Reach.UNKNOWN:
            days = (self.go_live - now.astimezone().date()).days
            if days > 0:
                return f"KOOP-BİS bakımda (açılışa {days} gün)"
            return "KOOP-BİS: henüz bağlanılmadı"
        if reach == Reach.MAINTENANCE:
            return f"KOOP-BİS bakımda ({self._opens_in(now)})"
        if reach == Reach.OPEN:
            return "KOOP-BİS açık"
        assert self.answer is not None
        if reach == Reach.LOGIN_REFUSED:
            return "KOOP-BİS girişi reddedildi"
        return f"KOOP-BİS'e ulaşılamıyor (son deneme {_clock(self.answer.at)})"

    def _opens_in(self, now: datetime) -> str:
        opens = self.answer.opens_at if self.answer is not None else None
        if opens is None:
            days = (self.go_live - now.astimezone().date()).days
            return f"açılışa {days} gün" if days > 0 else "açılış saati bildirilmedi"
        return "açılışa " + _duration(opens - now)


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
    return replace(status, running=True, handled=0, total=0)


def run_progressed(status: KoopbisStatus, handled: int, total: int) -> KoopbisStatus:
    # Progress means KOOP-BİS answered: it is open, whatever the go-live hint said.
    answer = status.answer
    if answer is None or answer.reach != Reach.OPEN:
        answer = ServerAnswer(Reach.OPEN, datetime.now(UTC))
    return replace(status, running=True, handled=handled, total=total, answer=answer)


def run_ended(status: KoopbisStatus) -> KoopbisStatus:
    return replace(status, running=False)


def with_counts(status: KoopbisStatus, by_state: dict[str, int]) -> KoopbisStatus:
    return replace(status, counts=Counts(dict(by_state)))


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
) -> RunEnd:
    """The finish line of a run: "Tamamlandı" only when every entry got an answer, with the counts."""
    complete = handled >= total
    label = status_label
    if status == "ok" and not complete:
        label = "Bitti; sırası gelmeyen kayıtlar var"
    parts = [f"{applied} aktarıldı", f"{conflicts} çakışma", f"{refused} ret (memura iade edildi)"]
    parts.append(f"{retrying} yeniden denenecek")
    if total > handled:
        parts.append(f"{total - handled} sırasını bekliyor")
    summary = ", ".join(parts) + "."
    if status not in ("ok", "partial"):
        summary = message
    return RunEnd(label, summary, complete, conflicts > 0)


def notification(end: RunEnd, status: str) -> str | None:
    """The tray's message when a run ends: only when something went or a person must decide."""
    if status in ("before_go_live", "busy", "cancelled"):
        return None
    if end.needs_decision:
        return f"{end.label}: {end.summary} Çakışan kayıtlar bir şefin kararını bekliyor."
    if status in ("ok", "partial") and not end.summary.startswith("0 aktarıldı, 0 çakışma, 0 ret"):
        return f"{end.label}: {end.summary}"
    if status == "auth_failed":
        return f"{end.label}: {end.summary}"
    return None


# ----------------------------------------------------------------- words


def _duration(left: timedelta) -> str:
    seconds = max(0.0, left.total_seconds())
    if seconds >= 2 * 86400:
        return f"{math.ceil(seconds / 86400)} gün"
    if seconds >= 3600:
        return f"{math.ceil(seconds / 3600)} saat"
    if seconds >= 60:
        return f"{math.ceil(seconds / 60)} dakika"
    return "birkaç saniye"


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
