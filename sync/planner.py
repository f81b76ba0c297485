"""The replay plan: which approved entries may go to KOOP-BİS now, in what order, and why others wait.

KOOP-BİS applies changes to a cooperative one after another, so the order the
clerks' entries reach it must be the order they happened in. The plan groups
entries per cooperative (a cooperative registered only locally is grouped under
its registration entry until KOOP-BİS gives it an id), orders each group —
registration first, then by effective date and approval time, a member's
admission before that member's leaving or transfer — and lets only the first
unsynced entry of each group go. Everything behind it is *blocked* with a Turkish
reason; other cooperatives are not held up. ``blocked`` is computed here, never
stored (DESIGN.md, "Entry life cycle").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type, registers_cooperative
from koopbis_desktop.domain.i18n import Labels, tx
from koopbis_desktop.domain.lifecycle import STATE_LABELS, State
from koopbis_desktop.domain.validators import format_date
from koopbis_desktop.store import entries, sync_state
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry

# Entries that were approved and have not reached KOOP-BİS yet: they hold back
# later entries of their cooperative.
PENDING = (State.APPROVED, State.SENDING, State.CONFLICT, State.REJECTED)
SENDABLE = (State.APPROVED, State.SENDING)


class ItemStatus(StrEnum):
    READY = "ready"  # may be sent now
    WAITING = "waiting"  # the group's head, in back-off after a failed attempt
    BLOCKED = "blocked"  # an earlier entry of the cooperative must go first
    HELD = "held"  # the group's head, parked (conflict / rejected): a person decides


STATUS_LABELS = Labels(
    "sync.plan",
    {
        ItemStatus.READY: "Gönderilmeye hazır",
        ItemStatus.WAITING: "Yeniden denenecek",
        ItemStatus.BLOCKED: "Bekliyor",
        ItemStatus.HELD: "Karar bekliyor",
    },
)


@dataclass(frozen=True)
class Attempts:
    attempts: int
    last_attempt_at: str | None
    next_attempt_at: str | None
    last_error: str | None


@dataclass(frozen=True)
class PlanItem:
    entry: Entry
    group: str  # cooperative id, or the uuid of its local registration
    status: ItemStatus
    reason: str | None  # Turkish, for blocked / waiting / held
    attempts: Attempts | None
    # Where the entry will go: the server id once known (registration applied).
    cooperative_id: str | None
    cooperative_ref: str | None

    @property
    def uuid(self) -> str:
        return self.entry.uuid


@dataclass
class ReplayPlan:
    groups: dict[str, list[PlanItem]] = field(default_factory=dict)
    planned_at: str = ""

    def items(self) -> Iterable[PlanItem]:
        for group in self.groups.values():
            yield from group

    @property
    def ready(self) -> list[PlanItem]:
        return [i for i in self.items() if i.status == ItemStatus.READY]

    @property
    def waiting(self) -> list[PlanItem]:
        return [i for i in self.items() if i.status == ItemStatus.WAITING]

    @property
    def blocked(self) -> list[PlanItem]:
        return [i for i in self.items() if i.status in (ItemStatus.BLOCKED, ItemStatus.HELD)]

    @property
    def in_flight(self) -> list[PlanItem]:
        return [i for i in self.items() if i.entry.state == State.SENDING]

    def group_queue(self, group: str) -> list[PlanItem]:
        """The group's sendable entries in order, starting with its ready head (empty if none)."""
        items = self.groups.get(group, [])
        if not items or items[0].status != ItemStatus.READY:
            return []
        return [i for i in items if i.entry.state in SENDABLE]

    def earliest_retry(self) -> datetime | None:
        moments = [
            datetime.fromisoformat(i.attempts.next_attempt_at)
            for i in self.waiting
            if i.attempts and i.attempts.next_attempt_at
        ]
        return min(moments) if moments else None

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in ItemStatus}
        for item in self.items():
            out[item.status.value] += 1
        return out


def _label(type_id: str) -> str:
    try:
        return get_type(type_id).label
    except UnknownChangeType:
        return type_id


def _describe(entry: Entry) -> str:
    day = format_date(entry.effective_date) if entry.effective_date else tx("tarihsiz")
    return f"{_label(entry.type)} ({day}, {entry.uuid[:8]})"


def _admitted_member(entry: Entry) -> str | None:
    if entry.type == "member.admit":
        value = entry.payload.get("member_id")
        return str(value) if value else None
    return None


def _leaving_member(entry: Entry) -> str | None:
    if entry.type == "member.leave":
        value = entry.payload.get("member_id")
    elif entry.type == "member.transfer":
        value = entry.payload.get("from_member_id")
    else:
        return None
    return str(value) if value else None


def place_of(entry: Entry) -> tuple[str, str | None, str | None]:
    """What a new revision can change of an entry's place in its cooperative's queue (beside
    the ties its approval time breaks): its effective date and the member it admits or lets go
    — its type and cooperative stay as created. An entry approved again with another place
    since the plan was made waits for a new plan (see the executor)."""
    return (entry.effective_date or "9999-12-31", _admitted_member(entry), _leaving_member(entry))


def order_group(group: list[Entry]) -> list[Entry]:
    """Registration first, then effective date, approval time, creation; admissions before leaves."""
    ordered = sorted(
        group,
        key=lambda e: (
            not registers_cooperative(e.type),
            e.effective_date or "9999-12-31",
            e.approved_at or "",
            e.created_at,
            e.uuid,
        ),
    )
    # A member's leaving (or transfer away) cannot reach KOOP-BİS before the
    # admission that made them a member, whatever dates the clerk typed.
    moved = True
    while moved:
        moved = False
        admitted_at = {m: i for i, e in enumerate(ordered) if (m := _admitted_member(e))}
        for index, entry in enumerate(ordered):
            member = _leaving_member(entry)
            if member is not None and admitted_at.get(member, -1) > index:
                ordered.insert(admitted_at[member], ordered.pop(index))
                moved = True
                break
    return ordered


def load_attempts(store: Store) -> dict[str, Attempts]:
    return {r[0]: Attempts(r[1], r[2], r[3], r[4]) for r in sync_state.attempt_rows(store)}


def load_registrations(store: Store) -> dict[str, str]:
    """Local registration uuid → KOOP-BİS cooperative id, for every applied registration."""
    return sync_state.registrations(store)


def build_plan(store: Store, *, now: datetime | None = None) -> ReplayPlan:
    """Plan the replay of every approved (and in-flight) entry in ``store``."""
    moment = now or datetime.now(UTC)
    pending = entries.list_entries(store, states=PENDING)
    return plan_entries(
        pending,
        attempts=load_attempts(store),
        registrations=load_registrations(store),
        registration_states=_registration_states(store, pending),
        now=moment,
    )


def _registration_states(store: Store, pending: list[Entry]) -> dict[str, State]:
    refs = {e.cooperative_ref for e in pending if e.cooperative_ref}
    if not refs:
        return {}
    return entries.states_of(store, refs)


def plan_entries(
    pending: Iterable[Entry],
    *,
    attempts: Mapping[str, Attempts],
    registrations: Mapping[str, str],
    registration_states: Mapping[str, State],
    now: datetime,
) -> ReplayPlan:
    groups: dict[str, list[Entry]] = {}
    for entry in pending:
        groups.setdefault(_group_of(entry, registrations), []).append(entry)
    plan = ReplayPlan(planned_at=now.isoformat(timespec="milliseconds"))
    for key in sorted(groups):
        ordered = order_group(groups[key])
        items: list[PlanItem] = []
        head: Entry | None = None
        for entry in ordered:
            coop_id, coop_ref = _target(entry, registrations)
            tries = attempts.get(entry.uuid)
            if head is None:
                head = entry
                status, reason = _head_status(entry, tries, registrations, registration_states, now)
            else:
                status = ItemStatus.BLOCKED
                reason = _blocked_reason(head)
            items.append(PlanItem(entry, key, status, reason, tries, coop_id, coop_ref))
        plan.groups[key] = items
    return plan


def _group_of(entry: Entry, registrations: Mapping[str, str]) -> str:
    if entry.cooperative_id:
        return entry.cooperative_id
    if entry.cooperative_ref:
        return registrations.get(entry.cooperative_ref, entry.cooperative_ref)
    # A registration not applied yet: its dependents are grouped under its uuid.
    return entry.uuid


def _target(entry: Entry, registrations: Mapping[str, str]) -> tuple[str | None, str | None]:
    if entry.cooperative_id:
        return entry.cooperative_id, None
    if entry.cooperative_ref:
        mapped = registrations.get(entry.cooperative_ref)
        return (mapped, None) if mapped else (None, entry.cooperative_ref)
    return None, None


def _head_status(
    entry: Entry,
    tries: Attempts | None,
    registrations: Mapping[str, str],
    registration_states: Mapping[str, State],
    now: datetime,
) -> tuple[ItemStatus, str | None]:
    if entry.state == State.CONFLICT:
        return ItemStatus.HELD, tx("KOOP-BİS'teki kayıtla çakışıyor; şefin karar vermesi bekleniyor.")
    if entry.state == State.REJECTED:
        return ItemStatus.HELD, tx("KOOP-BİS reddetti; kaydın düzeltilmesi bekleniyor.")
    ref = entry.cooperative_ref
    if ref and ref not in registrations:
        state = registration_states.get(ref)
        label = STATE_LABELS[state] if state else tx("bulunamadı")
        return (
            ItemStatus.BLOCKED,
            tx(
                "Bağlı olduğu kuruluş kaydı ({v}) KOOP-BİS'e aktarılmadı (durumu: {label}); kuruluş aktarılınca gönderilecek."
            ).format(v=ref[:8], label=label),
        )
    if tries and tries.next_attempt_at and datetime.fromisoformat(tries.next_attempt_at) > now:
        when = datetime.fromisoformat(tries.next_attempt_at).astimezone().strftime("%H:%M:%S")
        error = tx(" Son hata: {error}").format(error=tries.last_error) if tries.last_error else ""
        return (
            ItemStatus.WAITING,
            tx("{attempts}. deneme başarısız; {when} sularında yeniden denenecek.{error}").format(
                attempts=tries.attempts, when=when, error=error
            ),
        )
    return ItemStatus.READY, None


def _blocked_reason(head: Entry) -> str:
    what = _describe(head)
    if head.state == State.CONFLICT:
        return tx("Aynı kooperatifin önceki kaydı {what} çakışmada; şef karar verene kadar bekliyor.").format(
            what=what
        )
    if head.state == State.REJECTED:
        return tx(
            "Aynı kooperatifin önceki kaydı {what} KOOP-BİS'ten reddedildi; düzeltilene kadar bekliyor."
        ).format(what=what)
    return tx("Aynı kooperatifin önceki kaydı {what} KOOP-BİS'e aktarılmadan gönderilmez.").format(what=what)
