"""Replaying approved entries into KOOP-BİS exactly once, whatever the network or the process does.

The guarantee rests on three rules:

1. Before a request leaves, the entry is moved to ``sending`` in a committed
   transaction (with its audit row), so a crash can never forget that a request
   may have gone out.
2. The idempotency key is the entry's uuid and the body is a pure function of the
   entry, so re-sending an entry left in ``sending`` (after a crash, a timeout or
   a dropped connection) returns the original receipt instead of applying twice.
3. The answer is stored with the state move and its audit row in one transaction:
   receipt and new version (``synced``), the server's details (``conflict``) or
   its per-field messages (a refusal goes back to the clerk: ``returned``).

An entry already ``sending`` when a run starts may have reached KOOP-BİS; it
leaves ``sending`` only on an answer for its key (applied, conflict, refused) —
a later 429, 503 or refused login leaves it where it is.

For speed, entries of different cooperatives travel in windows: the ``sending``
moves of a window commit together before its requests, and its answers commit
together after them — two durable commits per window, every audit row kept. A
crash in between leaves the window's entries in ``sending``, which rule 2 makes
safe. Within a cooperative the order is kept: its next entry goes in a later
window, and only once the one before it was applied. An entry of a window that
was never sent (cancel, the server went away) is moved back to ``approved``.

With batches, windows overlap: while a window's request is out (on the run's one
sender thread), the next window is marked ``sending`` (step 1 above); it goes as
soon as the first one's answer is in, and that answer is stored while it is out.
The store's work and KOOP-BİS's then run side by side instead of in turn. The
rules hold as before: a window goes only after its ``sending`` commit; it holds
only cooperatives with nothing out (a cooperative comes back to the queue once
its answer is stored), so it is the window the engine would have sent next
anyway; an answer that stops the run, or asks for a wait, is heeded before the
next window goes, and a window marked meanwhile is moved back unsent. Only the
thread that opened the store touches it; the sender thread only makes the request.

When KOOP-BİS's ``/health`` offers ``POST /changes:batch``, a window goes out as
one batch request instead of one request per entry; each entry keeps its own
idempotency key and gets its own answer, stored exactly as a single answer would
be. The window is what makes this safe: it holds at most one entry per
cooperative, and a cooperative's next entry is put in a later window only once
the one before was applied. So no entry of a batch depends on another entry of
the same batch — its base was computed from answers already stored — and the
server's in-order processing is never relied on. (Letting a cooperative's chain
into one batch would mean computing a base from an answer not yet received: a
conflict or refusal of the first would make the second's base wrong, and the
second would be applied or refused against a state nobody stored.) A batch that
fails as a whole (no answer, 5xx, 429, a refused login) is that failure for each
of its entries; one the server will not take as a batch (unknown path on an older
server, too large) is sent one request per entry, as without batches.

The base sent is the stored base carried forward along the cooperative's earlier
local entries (:mod:`sync.rebase`); it is recorded with the ``send`` move and
re-used verbatim on a resend, so the body stays the same. The chain of each
cooperative is read once per run and extended as its entries are applied.

Failures that are nobody's fault (5xx, 429, timeouts, drops) back off per entry,
exponentially with jitter and a ceiling, recorded in ``sync_attempts`` so the
supervisor sees them; other cooperatives go on meanwhile — except after an answer
that says when to come back (429 or 503 with ``Retry-After``): that is about this
client, not the entry, so no request of the run leaves before then. A wait longer
than ``ExecutorConfig.hold_max`` ends the run instead (the loop's next round comes
after it), leaving the entries not yet sent ``approved``. A threading.Event is
checked between requests, so cancelling (or pausing) is safe at any moment.
"""

from __future__ import annotations

import logging
import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for_answer
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type, registers_cooperative
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Action, DomainError, State
from koopbis_desktop.store import attachments as stored_files
from koopbis_desktop.store import audit, entries, sync_state
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from sync import client as wire
from sync import conflicts
from sync.planner import PlanItem, build_plan, place_of
from sync.progress import RunResult as RunResult  # re-exported: callers import them from here
from sync.progress import SyncProgress as SyncProgress
from sync.rebase import SENT_BASE, Chains, last_sent_base
from sync.runs import ExecutorConfig as ExecutorConfig  # re-exported: callers import it from here
from sync.settle import SYNC_ACTOR, conflict_outcome, map_registration, refuse, settle

log = logging.getLogger("koopbis.sync.executor")

# A Retry-After is honoured to the second, stretched by at most this share (issue 12).
RETRY_AFTER_JITTER = 0.1


class Stop:
    """Why a run ended early (every one of them leaves the queue consistent)."""

    CANCELLED = "cancelled"
    MAINTENANCE = "maintenance"
    OFFLINE = "offline"
    AUTH = "auth_failed"
    HELD = "held"  # KOOP-BİS asked for a wait longer than the run holds on (429/503 Retry-After)


def change_body(
    entry: Entry,
    cooperative_id: str | None,
    cooperative_ref: str | None,
    base: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The ``POST /changes`` body of an entry: the same bytes-to-be for every resend.

    ``base`` replaces the entry's stored base when earlier local entries of the
    cooperative changed a key it touches (:mod:`sync.rebase`).
    """
    effective = entry.effective_date
    if not effective:
        try:
            value = entry.payload.get(get_type(entry.type).effective_date_field)
        except UnknownChangeType:
            value = None
        effective = value if isinstance(value, str) and len(value) == 10 else (entry.approved_at or "")[:10]
    return {
        "type": entry.type,
        "cooperative": cooperative_id,
        "cooperative_ref": cooperative_ref,
        "effective_date": effective,
        "base": entry.base if base is None else base,
        "data": entry.payload,
        "author": entry.author,
        "approver": entry.approver or "",
        "attachments": [],
    }


@dataclass(frozen=True)
class _Marked:
    """A window moved to ``sending`` (step 1): its items, what goes, and the audit chain's head after the move."""

    window: list[tuple[PlanItem, Iterator[PlanItem]]]
    rows: list[tuple[Entry, dict[str, Any], bool]]  # entry, body, was approved
    anchor: str


@dataclass(frozen=True)
class _Flight:
    """A window whose batch request is out (step 2), its answer to come."""

    marked: _Marked
    answer: Future[list[wire.ChangeOutcome] | wire.Failure | None]

    @property
    def window(self) -> list[tuple[PlanItem, Iterator[PlanItem]]]:
        return self.marked.window


def _take(active: deque[Iterator[PlanItem]], size: int) -> list[tuple[PlanItem, Iterator[PlanItem]]]:
    """The next window: the head of up to ``size`` queues, in turn (a queue that has ended leaves)."""
    window: list[tuple[PlanItem, Iterator[PlanItem]]] = []
    while active and len(window) < size:
        queue = active.popleft()
        item = next(queue, None)
        if item is not None:
            window.append((item, queue))
    return window


class Executor:
    """Runs the plan against one client; one instance per run, on the thread that opened ``store``."""

    def __init__(
        self,
        store: Store,
        client: wire.KoopbisClient,
        *,
        config: ExecutorConfig | None = None,
        on_progress: Callable[[SyncProgress], None] | None = None,
        cancel: threading.Event | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.config = config or ExecutorConfig()
        self.on_progress = on_progress
        self.cancel = cancel or threading.Event()
        self.rng = rng or random.Random()
        self.result = RunResult()
        self._uploaded: set[str] = set()
        self._handled: set[str] = set()
        self._pending_progress: list[tuple[str | None, str]] = []
        self.chains = Chains(store)
        # time.monotonic() before which no request leaves: KOOP-BİS's Retry-After on a 429/503.
        self._hold_until = 0.0
        # Entries whose answer in this run was such a wait: past the linger they go in the next run.
        self._told_to_wait: set[str] = set()
        # The thread a batch request goes out on while the next window is marked (made at the first).
        self._sender: ThreadPoolExecutor | None = None

    # ------------------------------------------------------------ loop

    def run(self) -> RunResult:
        try:
            return self._run()
        finally:
            if self._sender is not None:
                self._sender.shutdown(wait=True)
                self._sender = None

    def _run(self) -> RunResult:
        if self.config.batch and self.client.batch_max is None:
            # Not asked yet (the scheduler asks before every run): whether batches are offered.
            self.client.health()
        plan = build_plan(self.store)
        self.result.total = sum(1 for i in plan.items() if i.entry.state in (State.APPROVED, State.SENDING))
        deadline = time.monotonic() + self.config.linger
        while self.result.stop is None:
            if self.cancel.is_set():
                self._cancelled()
                break
            queues = [q for q in (plan.group_queue(g) for g in plan.groups) if q]
            if self._told_to_wait and time.monotonic() >= deadline:
                # Past the linger, an entry KOOP-BİS told to wait goes in the next run, at its
                # time: a KOOP-BİS answering every request with 429 must not keep a run going.
                kept = [q for q in queues if q[0].uuid not in self._told_to_wait]
                if len(kept) < len(queues) and not kept:
                    break
                queues = kept
            if not queues:
                earliest = plan.earliest_retry()
                if earliest is None:
                    break
                wait = (earliest - datetime.now(UTC)).total_seconds()
                if time.monotonic() + wait > deadline:
                    break
                self._beat()
                if self.cancel.wait(max(0.0, min(wait, 5.0))):
                    continue
                plan = build_plan(self.store)
                continue
            self._run_queues(queues)
            plan = build_plan(self.store)
        if self.cancel.is_set() and self.result.stop is None:
            self._cancelled()
        return self.result

    def _cancelled(self) -> None:
        self._stop(Stop.CANCELLED, "Kalan kayıtlar bir sonraki eşitlemede gönderilecek.")

    def _run_queues(self, queues: list[list[PlanItem]]) -> None:
        """Send the queues' entries in windows of different cooperatives, each queue in its order.

        A queue goes on only while its entries are applied; the first that is not
        (conflict, rejection, retry) holds the rest of its cooperative back.

        With batches, the next window is marked ``sending`` while the one before is out, goes
        as soon as that one's answer is in, and the answer is stored while it is out: the
        store's work and KOOP-BİS's overlap. The next window holds only cooperatives that are
        not out (theirs come back to the queue once their answers are stored), so it is the
        window the engine would have sent next without the overlap.
        """
        active: deque[Iterator[PlanItem]] = deque(iter(q) for q in queues)
        flight: _Flight | None = None
        try:
            while self.result.stop is None and not self.cancel.is_set():
                size = self._batch_size() or max(1, self.config.window)
                if flight is None and not self._may_send():
                    break
                window = _take(active, size)
                files = {item.uuid: self._attachment_hashes(item.uuid) for item, _ in window}
                if flight is not None and (len(window) < size or self._to_upload(files)):
                    # Fewer cooperatives free than a window holds, or files to upload first (the
                    # client makes one request at a time): the window out lands first.
                    self._requeue(flight.window, self._land(flight, self._answer(flight)), active)
                    flight = None
                    more = _take(active, size - len(window))
                    files |= {item.uuid: self._attachment_hashes(item.uuid) for item, _ in more}
                    window += more
                    if not self._may_send():
                        break
                if not window:
                    break
                marked = self._mark_window(window, files)
                if flight is not None:
                    landed, flight = flight, None
                    answer = self._answer(landed)
                    if marked is not None and self._may_overlap(answer):
                        flight = self._launch(marked)
                    self._requeue(landed.window, self._land(landed, answer), active)
                    if marked is not None and flight is None:
                        self._requeue(window, self._send_marked(marked), active)
                elif marked is not None and self._batch_size() and not self.cancel.is_set():
                    flight = self._launch(marked)
                elif marked is not None:
                    self._requeue(window, self._send_marked(marked), active)
            if flight is not None:
                landed, flight = flight, None
                self._land(landed, self._answer(landed))
        finally:
            if flight is not None:
                # Something failed here while a batch was out: its answer is not stored, and its
                # entries stay "sending" (rule 2 resends them). The request ends before the run does.
                wait_for_answer([flight.answer])

    @staticmethod
    def _requeue(
        window: list[tuple[PlanItem, Iterator[PlanItem]]],
        applied: set[str],
        active: deque[Iterator[PlanItem]],
    ) -> None:
        """The cooperatives whose entry was applied go on, behind the others."""
        for item, queue in window:
            if item.uuid in applied:
                active.append(queue)

    def _to_upload(self, files: dict[str, list[str]]) -> bool:
        return any(digest not in self._uploaded for hashes in files.values() for digest in hashes)

    def _may_overlap(self, answer: wire.ChangeOutcome | list[wire.ChangeOutcome] | None) -> bool:
        """Whether the next window may go before this answer is stored: not when it stops the run,
        asks for a wait, or was no batch answer at all (its entries then go one by one first)."""
        if answer is None or self.cancel.is_set() or self.result.stop is not None:
            return False
        outcomes = answer if isinstance(answer, list) else [answer]
        return not any(_stops_run(outcome) for outcome in outcomes) and time.monotonic() >= self._hold_until

    def _batch_size(self) -> int:
        """Entries per batch request; 0 when the window goes one request per entry."""
        offered = self.client.batch_max or 0
        return min(offered, max(1, self.config.batch_size)) if self.config.batch and offered else 0

    def _stop(self, reason: str, message: str) -> None:
        self.result.stop = reason
        self.result.stop_message = message

    def _beat(self) -> None:
        if self.config.heartbeat is not None:
            self.config.heartbeat()

    def _progress(self, current: str | None, message: str) -> None:
        # Reported after the commit that stores the answer, never before.
        if current is not None:
            self._handled.add(current)
            self.result.handled = len(self._handled)
        self._pending_progress.append((current, message))

    def _flush_progress(self) -> None:
        pending, self._pending_progress = self._pending_progress, []
        if self.on_progress is None:
            return
        r = self.result
        for current, message in pending:
            self.on_progress(
                SyncProgress(
                    total=r.total,
                    done=r.applied + r.conflicts + r.rejected,
                    applied=r.applied,
                    conflicts=r.conflicts,
                    rejected=r.rejected,
                    retrying=r.retried,
                    current=current,
                    message=message,
                    handled=min(r.handled, r.total),
                )
            )

    # ------------------------------------------------------------ KOOP-BİS's Retry-After

    def _heed(self, outcome: object) -> None:
        """A 429 or 503 that says when to come back holds every request of the run until then
        (to the second, spread by at most 10 %); maintenance stops the run on its own."""
        if not isinstance(outcome, wire.RetryLater) or outcome.maintenance or not outcome.retry_after:
            return
        spread = 1.0 + self.rng.random() * RETRY_AFTER_JITTER
        self._hold_until = max(self._hold_until, time.monotonic() + outcome.retry_after * spread)

    def _may_send(self) -> bool:
        """Wait out KOOP-BİS's Retry-After before the next request. False when nothing may go:
        the run was cancelled or stopped, or the wait is longer than ``hold_max`` (then the run
        stops here and says when KOOP-BİS is asked again)."""
        said = False
        while not self.cancel.is_set() and self.result.stop is None:
            left = self._hold_until - time.monotonic()
            if left <= 0:
                return True
            if left > self.config.hold_max:
                self._stop(
                    Stop.HELD,
                    tx(
                        "KOOP-BİS çok yoğun olduğunu bildirdi ve {seconds} saniye beklenmesini istedi; "
                        "kalan kayıtlar o zaman gönderilecek."
                    ).format(seconds=math.ceil(left)),
                )
                self.result.retry_after = left
                return False
            if not said:
                said = True
                self._progress(
                    None,
                    tx(
                        "KOOP-BİS beklenmesini istedi; {seconds} saniye sonra gönderime devam edilecek."
                    ).format(seconds=math.ceil(left)),
                )
                self._flush_progress()
            self._beat()
            began = time.monotonic()
            self.cancel.wait(min(left, 5.0))
            self.result.held += time.monotonic() - began
        return False

    # ------------------------------------------------------------ one window

    def _mark_window(
        self, window: list[tuple[PlanItem, Iterator[PlanItem]]], files: dict[str, list[str]]
    ) -> _Marked | None:
        """Upload what the window's entries need, then move them to ``sending`` in one committed
        transaction; None when none of them is to be sent."""
        self._beat()
        ready: list[tuple[PlanItem, list[str]]] = []
        for item, _ in window:
            attachments = files[item.uuid]
            if attachments and not self._upload(item.entry, attachments):
                continue
            ready.append((item, attachments))
        self._flush_progress()
        if not ready or self.result.stop is not None:
            return None
        # 1. Every entry of the window moves to "sending" in one committed transaction.
        marked: list[tuple[Entry, dict[str, Any], bool]] = []  # entry, body, was approved
        with self.store.atomic() as conn:
            entries.lock_entries(conn, [item.uuid for item, _ in ready])
            for item, attachments in ready:
                try:
                    moved = self._mark_sending(item)
                except DomainError as exc:
                    # Returned by a supervisor (or resolved elsewhere) since the plan was made.
                    log.info("entry %s skipped: %s", item.uuid, exc.message)
                    continue
                if moved is None:
                    # Approved again with another date or member since the plan was made: its
                    # cooperative's queue stops here, and the run's next plan puts it in its place.
                    log.info(
                        "entry %s changed its place in the queue since the plan; planned again", item.uuid
                    )
                    continue
                entry, base, was_approved = moved
                body = change_body(entry, entry.cooperative_id, entry.cooperative_ref, base)
                body["attachments"] = attachments
                marked.append((entry, body, was_approved))
        if not marked:
            return None
        anchor = "{}:{}".format(*audit.head(self.store))  # the chain as it stands after step 1
        return _Marked(window, marked, anchor)

    def _say_sending(self, marked: _Marked) -> None:
        # Said as the requests go (nothing is counted as answered yet): the screens show
        # "eşitleniyor" for as long as KOOP-BİS takes to answer, not only at the end.
        self._progress(None, f"{len(marked.rows)} kayıt KOOP-BİS'e gönderiliyor…")
        self._flush_progress()

    def _launch(self, marked: _Marked) -> _Flight:
        """2. The window's batch request, sent on the run's sender thread."""
        self._say_sending(marked)
        if self._sender is None:
            self._sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="koopbis-sync-send")
        items = [(entry.uuid, body) for entry, body, _ in marked.rows]
        return _Flight(marked, self._sender.submit(self.client.submit_batch, items, audit_head=marked.anchor))

    def _send_marked(self, marked: _Marked) -> set[str]:
        """2 and 3 without overlap: the requests (unless the run stopped or must wait longer than
        it holds on), then the answers stored; the uuids now synced."""
        if self.result.stop is not None or self.cancel.is_set() or not self._may_send():
            return self._store_answers(marked, [], [e for e, _, approved in marked.rows if approved])
        if self._batch_size():
            flight = self._launch(marked)
            return self._land(flight, self._answer(flight))
        self._say_sending(marked)
        answers, unsent = self._one_by_one(marked.rows, marked.anchor)
        return self._store_answers(marked, answers, unsent)

    def _answer(self, flight: _Flight) -> list[wire.ChangeOutcome] | wire.Failure | None:
        """The batch's answer, once it is in; a Retry-After in it holds every later request."""
        answer = flight.answer.result()
        self._heed(answer)
        return answer

    def _land(self, flight: _Flight, answer: list[wire.ChangeOutcome] | wire.Failure | None) -> set[str]:
        """A batch's answer stored (one that was no batch answer: its entries posted one by one
        first); the uuids now synced."""
        marked = flight.marked
        if answer is None:
            answers, unsent = self._one_by_one(marked.rows, marked.anchor)
        else:
            answers, unsent = self._answers_of(marked.rows, answer)
        return self._store_answers(marked, answers, unsent)

    def _store_answers(
        self,
        marked: _Marked,
        answers: list[tuple[Entry, dict[str, Any], wire.ChangeOutcome, bool]],
        unsent: list[Entry],
    ) -> set[str]:
        """3. Every answer with its state move and audit row, in one committed transaction."""
        applied: set[str] = set()
        with self.store.atomic() as conn:
            entries.lock_entries(conn, self._recorded_rows(answers, unsent))
            for entry, body, outcome, was_approved in answers:
                if self._record(entry, outcome, body["base"], was_approved=was_approved):
                    applied.add(entry.uuid)
            for entry in unsent:
                self._unsent(entry)
        self._flush_progress()
        return applied

    def _recorded_rows(
        self, answers: list[tuple[Entry, dict[str, Any], wire.ChangeOutcome, bool]], unsent: list[Entry]
    ) -> list[str]:
        """The entries step 3 moves: the window's, and those waiting on a registration it applied."""
        rows = [entry.uuid for entry, *_ in answers] + [entry.uuid for entry in unsent]
        for entry, _, outcome, _ in answers:
            if isinstance(outcome, wire.Applied) and registers_cooperative(entry.type):
                rows += entries.waiting_on_registration(self.store, entry.uuid, State.APPROVED)
        return rows

    @staticmethod
    def _answers_of(
        marked: list[tuple[Entry, dict[str, Any], bool]], batched: list[wire.ChangeOutcome] | wire.Failure
    ) -> tuple[list[tuple[Entry, dict[str, Any], wire.ChangeOutcome, bool]], list[Entry]]:
        """A batch's answer as one answer per entry, and the entries never sent."""
        if isinstance(batched, list):
            # An answer per entry, each its own (the server took the batch).
            answers = [
                (entry, body, outcome, was_approved)
                for (entry, body, was_approved), outcome in zip(marked, batched, strict=True)
            ]
            return answers, []
        # The batch failed as a whole: that failure is each entry's, as if each had been
        # posted and met it. The request went out for all of them, so a cancel meanwhile
        # changes nothing; only a failure that certainly applied nothing (refused
        # connection, login, maintenance) leaves the rest as never sent.
        failed: list[tuple[Entry, dict[str, Any], wire.ChangeOutcome, bool]] = []
        unsent: list[Entry] = []
        for index, (entry, body, was_approved) in enumerate(marked):
            if index and _stops_run(batched):
                if was_approved:
                    unsent.append(entry)
                continue
            failed.append((entry, body, batched, was_approved))
        return failed, unsent

    def _one_by_one(
        self, marked: list[tuple[Entry, dict[str, Any], bool]], anchor: str
    ) -> tuple[list[tuple[Entry, dict[str, Any], wire.ChangeOutcome, bool]], list[Entry]]:
        """No batches (not offered, or not taken for these): one post per entry."""
        answers: list[tuple[Entry, dict[str, Any], wire.ChangeOutcome, bool]] = []
        unsent: list[Entry] = []
        for entry, body, was_approved in marked:
            if (
                self.cancel.is_set()
                or _stops_run(answers[-1][2] if answers else None)
                or not self._may_send()
            ):
                if was_approved:
                    unsent.append(entry)
                continue
            outcome = self.client.submit_change(entry.uuid, body, audit_head=anchor)
            self._heed(outcome)
            answers.append((entry, body, outcome, was_approved))
        return answers, unsent

    def _mark_sending(self, item: PlanItem) -> tuple[Entry, dict[str, Any], bool] | None:
        """Move one entry to ``sending`` (inside the window's transaction, its row locked).

        Returns the entry moved, the base to send and whether it was approved (not already
        ``sending``). Built from the entry as it is now, not as the plan read it: returned,
        edited and approved again on another PC meanwhile, its new revision may touch fields
        the planned one did not, and a base without them would let KOOP-BİS overwrite a head
        office's change to them instead of answering with a conflict. None, moving nothing,
        when that new revision has another place in its cooperative's queue (another effective
        date or member): sent where the plan put it, it could reach KOOP-BİS before a change
        dated earlier, or a member's leaving before their admission.
        """
        now = stamp()
        current = entries.get_entry(self.store, item.uuid)
        if current.state == State.APPROVED and place_of(current) != place_of(item.entry):
            return None
        fields: dict[str, Any] = {}
        ref = current.cooperative_ref
        cooperative_id = current.cooperative_id
        if ref and not cooperative_id:
            registered = sync_state.registered_id(self.store, ref)
            if registered is not None:
                # Its registration is applied: send to the id KOOP-BİS gave it. The
                # rewrite commits with the move, so every resend carries the same body.
                fields = {"cooperative_id": registered, "cooperative_ref": None}
                cooperative_id = registered
        if current.state == State.SENDING:
            # May have reached KOOP-BİS already: resend exactly the body sent before.
            previous = last_sent_base(self.store, item.uuid)
            base = previous if previous is not None else current.base
        else:
            base = self.chains.base_for(current, cooperative_id)
        details: dict[str, Any] = {"attempt": (item.attempts.attempts if item.attempts else 0) + 1}
        if base != current.base:
            details[SENT_BASE] = base
        entry = entries.move(self.store, item.uuid, Action.SEND, SYNC_ACTOR, details=details, fields=fields)
        sync_state.count_attempt(self.store, item.uuid, now)
        return entry, base, current.state == State.APPROVED

    def _unsent(self, entry: Entry) -> None:
        """Marked ``sending`` but never sent (cancelled, or the server went away): approved again."""
        entries.move(
            self.store,
            entry.uuid,
            Action.RETRY,
            SYNC_ACTOR,
            comment="Gönderilmedi; bir sonraki eşitlemede gönderilecek.",
            details={"unsent": True},
        )
        sync_state.uncount_attempt(self.store, entry.uuid)

    def _record(
        self, entry: Entry, outcome: wire.ChangeOutcome, sent_base: dict[str, Any], *, was_approved: bool
    ) -> bool:
        """Store one answer (inside the window's transaction); True when the entry is now synced.

        ``was_approved`` is False when the entry was already ``sending`` before this
        attempt: an earlier attempt's outcome is unknown, so only an answer for the
        key itself (applied, conflict, refused) may take it out of ``sending``.
        """
        uuid = entry.uuid
        if isinstance(outcome, wire.Applied):
            self._applied(entry, outcome, sent_base)
            return True
        if isinstance(outcome, wire.Conflict | wire.Duplicate) and self._already_there(
            entry, outcome, sent_base
        ):
            return True
        if isinstance(outcome, wire.Conflict | wire.Duplicate | wire.Stale | wire.IdempotencyMismatch):
            details = conflict_outcome(outcome)
            if sent_base != entry.base:
                # What KOOP-BİS compared against: the review shows it as the base (not the list's).
                details[SENT_BASE] = sent_base
            self._final(uuid, Action.CONFLICT, outcome.message, details)
            self.result.conflicts += 1
            self._progress(uuid, "Çakışma: " + outcome.message)
            return False
        if isinstance(outcome, wire.Invalid | wire.NotFoundAnswer):
            errors = (
                [{"field": e.field, "message": e.message} for e in outcome.errors]
                if isinstance(outcome, wire.Invalid)
                else [{"field": "cooperative", "message": outcome.message}]
            )
            details = {"kind": "invalid", "message": outcome.message, "errors": errors}
            refuse(self.store, entry, details)
            self.result.rejected += 1
            self._progress(uuid, "Reddedildi, memura iade edildi: " + outcome.message)
            return False
        self._failed(entry, outcome, outcome_unknown=not was_approved)
        return False

    def _already_there(
        self, entry: Entry, outcome: wire.Conflict | wire.Duplicate, sent_base: dict[str, Any]
    ) -> bool:
        """Identical change on both sides: KOOP-BİS already holds what the entry would write.

        Not a conflict (DESIGN.md): the entry is marked synced with a note and no
        receipt, so nobody resolves a clash that isn't one and nothing is applied twice.
        """
        if isinstance(outcome, wire.Duplicate) and outcome.kind == "vkn":
            return False  # a different cooperative with the same VKN: a person decides
        if isinstance(outcome, wire.Conflict):
            server = {key: outcome.current.get(key) for key in sent_base}
        else:
            server = {key: (outcome.existing if ":" in key else None) for key in sent_base}
        comparison = conflicts.compare(get_type(entry.type), entry.payload, sent_base, server)
        if comparison.has_conflict or not comparison.already_applied:
            return False
        note = "KOOP-BİS'te aynı değişiklik zaten vardı; ikinci kez uygulanmadı."
        result: dict[str, Any] = {"status": "already_applied", "note": note, "current": server}
        if isinstance(outcome, wire.Conflict) and outcome.version is not None:
            result["version"] = outcome.version
        if sent_base != entry.base:
            result[SENT_BASE] = sent_base
        settle(
            self.store,
            entry.uuid,
            Action.APPLY,
            SYNC_ACTOR,
            comment=note,
            details={"already_applied": True},
            fields={"outcome": result, "synced_at": stamp()},
        )
        if entry.cooperative_id:
            # Synced without a server version: its place in the chain is the store's to say.
            self.chains.applied(entry, entry.cooperative_id, sent_base, None, "")
        self.result.applied += 1
        self._progress(entry.uuid, "Zaten KOOP-BİS'te: " + note)
        return True

    def _applied(self, entry: Entry, outcome: wire.Applied, sent_base: dict[str, Any]) -> None:
        now = stamp()
        result: dict[str, Any] = {
            "status": "applied",
            "receipt": outcome.receipt,
            "cooperative": outcome.cooperative,
            "version": outcome.version,
            "applied_at": outcome.applied_at,
            "replayed": outcome.replayed,
        }
        if sent_base != entry.base:
            # What KOOP-BİS compared against; later entries of the cooperative chain on it.
            result[SENT_BASE] = sent_base
        fields: dict[str, Any] = {
            "receipt": outcome.receipt,
            "server_version": outcome.version,
            "outcome": result,
            "synced_at": now,
        }
        registers = registers_cooperative(entry.type)
        if registers:
            fields["cooperative_id"] = outcome.cooperative
        with self.store.atomic():
            settle(
                self.store,
                entry.uuid,
                Action.APPLY,
                SYNC_ACTOR,
                details={"receipt": outcome.receipt, "replayed": outcome.replayed},
                fields=fields,
            )
            if registers:
                map_registration(self.store, entry.uuid, outcome.cooperative, outcome.receipt, now)
        self.chains.applied(entry, outcome.cooperative, sent_base, outcome.version, now)
        self.result.applied += 1
        self.result.replayed += int(outcome.replayed)
        self.result.receipts.append((entry.uuid, outcome.receipt))
        self._progress(entry.uuid, f"Aktarıldı: {outcome.receipt}")

    def _final(self, uuid: str, action: Action, message: str, details: dict[str, Any]) -> None:
        settle(
            self.store,
            uuid,
            action,
            SYNC_ACTOR,
            comment=message,
            details={"kind": details.get("kind")},
            fields={"outcome": details},
        )

    def _failed(self, entry: Entry, outcome: wire.Failure, *, outcome_unknown: bool = False) -> None:
        """A retryable failure: back off this entry; stop the run when the cause is global.

        ``outcome_unknown``: an earlier attempt may have reached KOOP-BİS, so this
        failure (a 429, a 503, a refused login — none an answer for the key) must
        not put the entry back where a person could change it.
        """
        uuid = entry.uuid
        retry_after = getattr(outcome, "retry_after", None)
        # Past the linger, an entry that failed in this run goes in the next one: a KOOP-BİS
        # that drops every request (or answers each with 429) must not keep a run going, whatever
        # the backoff is against how long an attempt takes (a run ends to be reported).
        self._told_to_wait.add(uuid)
        if retry_after is not None:
            # The server said when: to the second, spread by at most 10 % so offices don't stampede.
            delay = retry_after * (1.0 + self.rng.random() * RETRY_AFTER_JITTER)
        else:
            attempts = sync_state.attempts_of(self.store, uuid) or 1
            # The exponent is capped: thousands of attempts must not overflow the float.
            delay = min(
                self.config.backoff_max, self.config.backoff_base * 2 ** min(30, max(0, attempts - 1))
            )
            delay *= 1.0 + self.rng.random() * self.config.jitter
        next_at = stamp(datetime.now(UTC) + timedelta(seconds=delay))
        # Still "sending" when the server may have applied it (timeout, drop, 5xx, or
        # any earlier attempt like that): nobody may edit it before KOOP-BİS has
        # answered for this key.
        unknown = (
            outcome_unknown
            or getattr(outcome, "applied_unknown", False)
            or isinstance(outcome, wire.BadAnswer)
        )
        with self.store.atomic():
            if not unknown:
                entries.move(
                    self.store,
                    uuid,
                    Action.RETRY,
                    SYNC_ACTOR,
                    comment=outcome.message,
                    details={"next_attempt_at": next_at},
                )
            sync_state.schedule_retry(self.store, uuid, next_at, outcome.message)
        self.result.retried += 1
        log.info(
            "entry %s: %s (%s); next attempt %s", uuid, type(outcome).__name__, _detail(outcome), next_at
        )
        if isinstance(outcome, wire.AuthFailed):
            self._stop(Stop.AUTH, outcome.message)
            self.result.retry_after = outcome.retry_after
        elif isinstance(outcome, wire.RetryLater) and outcome.maintenance:
            self._stop(Stop.MAINTENANCE, outcome.message)
            self.result.retry_after = outcome.retry_after
            self.result.maintenance_until = outcome.maintenance_until
        elif isinstance(outcome, wire.Unreachable) and not outcome.applied_unknown:
            self._stop(Stop.OFFLINE, outcome.message)
        self._progress(uuid, "Yeniden denenecek: " + outcome.message)

    # ------------------------------------------------------------ attachments

    def _attachment_hashes(self, uuid: str) -> list[str]:
        return stored_files.hashes_for_entry(self.store, uuid)

    def _upload(self, entry: Entry, hashes: list[str]) -> bool:
        """Put every attachment the server lacks, by hash; False (entry backed off) on failure."""
        for digest in hashes:
            if digest in self._uploaded:
                continue
            if not self._may_send():
                return False  # nothing asked: the entry stays approved for the next round
            present = self.client.has_attachment(digest)
            self._heed(present)
            if present is True:
                self._uploaded.add(digest)
                continue
            if present is False:
                data = stored_files.data_of(self.store, digest)
                if data is None:
                    present = wire.BadAnswer("Ek dosya yerel veritabanında bulunamadı.", None, digest)
                else:
                    stored = self.client.put_attachment(digest, data)
                    self._heed(stored)
                    if isinstance(stored, wire.Stored):
                        self._uploaded.add(digest)
                        continue
                    present = (
                        stored
                        if not isinstance(stored, wire.Invalid)
                        else wire.BadAnswer(stored.message, 422, digest)
                    )
            assert not isinstance(present, bool)
            self._failed_before_send(entry, present)
            return False
        return True

    def _failed_before_send(self, entry: Entry, outcome: wire.Failure) -> None:
        # Nothing was sent for the change itself, so no state move: only the back-off.
        self._told_to_wait.add(entry.uuid)  # past the linger: the next run (see _failed)
        attempts = (sync_state.attempts_of(self.store, entry.uuid) or 0) + 1
        delay = min(self.config.backoff_max, self.config.backoff_base * 2 ** min(30, attempts - 1))
        next_at = stamp(datetime.now(UTC) + timedelta(seconds=delay))
        sync_state.set_schedule(
            self.store, entry.uuid, attempts, stamp(), next_at, "Ek dosya yüklenemedi: " + outcome.message
        )
        self.result.retried += 1
        self._progress(entry.uuid, "Ek dosya yüklenemedi: " + outcome.message)
        if isinstance(outcome, wire.AuthFailed):
            self._stop(Stop.AUTH, outcome.message)
            self.result.retry_after = outcome.retry_after
        elif isinstance(outcome, wire.RetryLater) and outcome.maintenance:
            self._stop(Stop.MAINTENANCE, outcome.message)
            self.result.retry_after = outcome.retry_after
            self.result.maintenance_until = outcome.maintenance_until


def _stops_run(outcome: wire.ChangeOutcome | None) -> bool:
    """An answer that says nothing more can go now (the rest of the window stays unsent)."""
    if isinstance(outcome, wire.AuthFailed):
        return True
    if isinstance(outcome, wire.RetryLater):
        return outcome.maintenance
    return isinstance(outcome, wire.Unreachable) and not outcome.applied_unknown


def _detail(outcome: wire.Failure) -> str:
    if isinstance(outcome, wire.Unreachable | wire.BadAnswer):
        return outcome.detail
    if isinstance(outcome, wire.RetryLater):
        return f"{outcome.status} {outcome.code}"
    return "auth"
