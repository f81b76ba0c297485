"""Entering the approved queue into KOOP-BİS by hand, when only its web pages can be reached.

On go-live day KOOP-BİS may offer no API this program can call. A supervisor then
walks the same replay plan the sync engine uses (:func:`sync.planner.build_plan`),
types each entry into KOOP-BİS's web form and records the receipt number it
shows. The outcome is stored exactly as the executor stores an applied answer —
``send`` then ``apply`` moves with their audit rows, the receipt, ``synced`` and,
for a registration, the cooperative id mapped for its dependents — so an entry
entered by hand is never sent again by the automatic sync, and the two ways can
be mixed in any order.

Why the sync lock: a person typing an entry into KOOP-BİS while the automatic
sync sends the same entry would create it twice. Every manual record is written
while holding the database-wide :class:`sync.scheduler.SyncLock` (the desktop
assistant holds it for as long as it is open), so no automatic run is in flight
meanwhile; and the entry's state is re-read inside the transaction, so an entry
the sync already took (``sending`` / ``synced``) is refused with the reason.

"Şimdilik atla" and "Sorun var" leave the entry ``approved``: they are audit rows
(``manual_skip`` / ``manual_problem``, with the note), and the assistant offers
entries without such a mark first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from koopbis_desktop.domain import display
from koopbis_desktop.domain.changetypes import UnknownChangeType, get_type, registers_cooperative
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import (
    STATE_LABELS,
    Action,
    Actor,
    DomainError,
    NotPermitted,
    Role,
    State,
)
from koopbis_desktop.domain.schema import Kind
from koopbis_desktop.services import reports, settings
from koopbis_desktop.store import attachments, audit, entries, sync_state
from koopbis_desktop.store.acting import require_active
from koopbis_desktop.store.attachments import AttachmentInfo
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.entries import Entry
from sync.planner import STATUS_LABELS, ItemStatus, PlanItem, ReplayPlan, build_plan
from sync.rebase import SENT_BASE, chained_base
from sync.scheduler import SyncLock
from sync.settle import map_registration, settle

SKIP = "manual_skip"
PROBLEM = "manual_problem"
RECEIPT_MAX = 64
_RECEIPT = re.compile(r"^[0-9A-Za-zÇĞİÖŞÜçğıöşü./\-_]+$")


class ManualRefused(DomainError):
    """A manual record that may not be made; ``message`` says why in Turkish."""


@dataclass(frozen=True)
class CopyField:
    """One value as KOOP-BİS's web form wants it, with the label the person looks for."""

    label: str
    value: str
    group: str = ""  # the repeating group (table) a row value belongs to

    @property
    def line(self) -> str:
        label = f"{self.group} — {self.label}" if self.group else self.label
        return f"{label}\t{self.value}"


@dataclass(frozen=True)
class WorkItem:
    """One entry of the plan, as the assistant and the worklist show it."""

    position: int  # 1-based place in the replay order
    item: PlanItem
    cooperative: str  # id and title, or the local registration
    mark: str | None  # "manual_skip" / "manual_problem" while one is open
    note: str | None  # the note of that mark

    @property
    def entry(self) -> Entry:
        return self.item.entry

    @property
    def uuid(self) -> str:
        return self.item.uuid

    @property
    def enterable(self) -> bool:
        """The head of its cooperative, approved and not held: it may be entered now."""
        return (
            self.item.status in (ItemStatus.READY, ItemStatus.WAITING) and self.entry.state == State.APPROVED
        )

    @property
    def status_text(self) -> str:
        if self.entry.state == State.SENDING:
            return "Otomatik eşitlemede; KOOP-BİS'in yanıtı bekleniyor"
        if self.enterable:
            if self.mark == PROBLEM:
                return "Sorun bildirildi"
            if self.mark == SKIP:
                return "Atlandı"
            return "Girilmeye hazır"
        return STATUS_LABELS[self.item.status]

    @property
    def reason(self) -> str:
        if self.entry.state == State.SENDING:
            return "Otomatik eşitleme bu kaydı gönderdi; yanıt gelmeden elle girilmez (iki kez girilir)."
        if self.enterable:
            return self.note or ""
        return self.item.reason or ""


@dataclass
class Worklist:
    items: list[WorkItem] = field(default_factory=list)

    @property
    def enterable(self) -> list[WorkItem]:
        return [i for i in self.items if i.enterable]

    def next_item(self, passed: set[str] | frozenset[str] = frozenset()) -> WorkItem | None:
        """The entry to enter now: unmarked first, then the skipped/problem ones (nothing is lost).

        ``passed`` are uuids the caller already moved past in this session.
        """
        ready = [i for i in self.enterable if i.uuid not in passed]
        unmarked = [i for i in ready if i.mark is None]
        if unmarked:
            return unmarked[0]
        return ready[0] if ready else None

    def find(self, uuid: str) -> WorkItem | None:
        for item in self.items:
            if item.uuid == uuid or (len(uuid) >= 6 and item.uuid.startswith(uuid)):
                return item
            if "/" in uuid and item.entry.number == entries.normalise_number(uuid):
                return item  # the entry number people read off the list (2015/000123)
        return None


# ------------------------------------------------------------------ reading


def open_marks(store: Store) -> dict[str, tuple[str, str | None]]:
    """Entry uuid → (mark, note) for approved entries whose last manual audit row is a skip/problem."""
    rows = audit.marks_on_state(store, State.APPROVED.value, (SKIP, PROBLEM))
    marks: dict[str, tuple[str, str | None]] = {}
    for uuid, action, comment in rows:
        marks[uuid] = (action, comment)
    return marks


def worklist(store: Store, plan: ReplayPlan | None = None) -> Worklist:
    """Every entry still to reach KOOP-BİS, in the planner's replay order, with why it waits."""
    plan = plan or build_plan(store)
    marks = open_marks(store)
    out = Worklist()
    for position, item in enumerate(_ordered(plan), 1):
        mark, note = marks.get(item.uuid, (None, None))
        out.items.append(WorkItem(position, item, reports.cooperative_text(store, item.entry), mark, note))
    return out


def _ordered(plan: ReplayPlan) -> list[PlanItem]:
    """Ready heads first (in group order), then the rest of every group in its order."""
    heads = [g[0] for g in plan.groups.values() if g]
    rest = [i for g in plan.groups.values() for i in g[1:]]
    enterable = [i for i in heads if i.status in (ItemStatus.READY, ItemStatus.WAITING)]
    others = [i for i in heads if i not in enterable]
    return [*enterable, *others, *rest]


def copy_fields(entry: Entry) -> list[CopyField]:
    """Every field of the entry, labelled, formatted as KOOP-BİS's form wants it; group rows numbered."""
    out: list[CopyField] = []
    if entry.cooperative_id:
        out.append(CopyField("Kooperatif sicil no", entry.cooperative_id))
    try:
        ctype = get_type(entry.type)
    except UnknownChangeType:
        return [*out, *(CopyField(str(k), str(v)) for k, v in entry.payload.items())]
    for f in ctype.fields:
        value = entry.payload.get(f.name)
        if f.kind != Kind.GROUP:
            if value in (None, "", []):
                continue
            out.append(CopyField(f.label, reports.field_text(f, value, entry.payload)))
            continue
        rows = value if isinstance(value, list) else []
        for index, row in enumerate(rows, 1):
            if not isinstance(row, Mapping):
                continue
            for child in f.fields:
                child_value = row.get(child.name)
                if child_value in (None, "", []):
                    continue
                out.append(
                    CopyField(
                        f"{index}. satır {child.label}",
                        reports.field_text(child, child_value, row),
                        group=f.label,
                    )
                )
    return out


def all_lines(fields: list[CopyField]) -> str:
    """ "Tümünü kopyala": one ``label<TAB>value`` line per field."""
    return "\n".join(f.line for f in fields)


def attachments_of(store: Store, entry_uuid: str) -> list[AttachmentInfo]:
    return attachments.list_for_entry(store, entry_uuid)


# ------------------------------------------------------------------ recording


def _require_supervisor(actor: Actor) -> None:
    if actor.role != Role.SUPERVISOR or actor.is_sync:
        raise NotPermitted(tx("KOOP-BİS'e elle aktarımı yalnızca onay yetkisi olan şef kaydedebilir."))


@contextmanager
def _sync_lock(store: Store, lock: SyncLock | None) -> Iterator[None]:
    """Hold the sync lock while recording (the caller's, or a short-lived one of our own)."""
    if lock is not None:
        yield
        return
    own = SyncLock(store)
    own.acquire()  # raises SyncBusy with a Turkish message while an automatic sync runs
    try:
        yield
    finally:
        own.release()


def clean_receipt(text: str) -> str:
    receipt = (text or "").strip()
    if not receipt:
        raise ManualRefused(
            tx("KOOP-BİS'in verdiği alındı numarasını yazın; numara olmadan kayıt aktarılmış sayılmaz.")
        )
    if len(receipt) > RECEIPT_MAX or not _RECEIPT.match(receipt):
        raise ManualRefused(
            tx(
                "Alındı numarası KOOP-BİS ekranındaki gibi yazılmalı: harf, rakam, nokta, tire ya da eğik çizgi; boşluksuz ve en çok {RECEIPT_MAX} karakter."
            ).format(RECEIPT_MAX=RECEIPT_MAX)
        )
    return receipt


def _check_enterable(store: Store, uuid: str) -> WorkItem:
    work = worklist(store)
    item = work.find(uuid)
    if item is None:
        entry = entries.get_entry(store, uuid)  # NotFound for an unknown id
        if entry.state == State.SYNCED:
            raise ManualRefused(
                tx("Bu kayıt zaten KOOP-BİS'e aktarıldı (alındı no {receipt}); yeniden girmeyin.").format(
                    receipt=entry.receipt
                )
            )
        raise ManualRefused(
            tx("Bu kayıt '{v}' durumunda; yalnızca onaylanmış kayıtlar KOOP-BİS'e girilir.").format(
                v=STATE_LABELS[entry.state]
            )
        )
    if not item.enterable:
        raise ManualRefused(tx("Bu kayıt şimdi girilemez: {reason}").format(reason=item.reason))
    return item


def record_entered(
    store: Store,
    actor: Actor,
    entry_uuid: str,
    receipt: str,
    *,
    cooperative_id: str | None = None,
    lock: SyncLock | None = None,
) -> Entry:
    """Record that ``entry_uuid`` was typed into KOOP-BİS and got ``receipt``: approved → sending → synced.

    A registration needs the ``cooperative_id`` KOOP-BİS gave the new cooperative,
    so its waiting entries are sent (or entered) to that id.
    """
    _require_supervisor(actor)
    number = clean_receipt(receipt)
    with _sync_lock(store, lock), store.atomic() as conn:
        require_active(conn, actor)
        item = _check_enterable(store, entry_uuid)
        entry = item.entry
        registers = registers_cooperative(entry.type)
        target = item.item.cooperative_id
        fields: dict[str, Any] = {}
        if registers:
            target = (cooperative_id or "").strip()
            if not target:
                raise ManualRefused(
                    tx(
                        "Kuruluş kaydı için KOOP-BİS'in yeni kooperatife verdiği sicil numarasını da yazın; bekleyen kayıtları o numaraya bağlanır."
                    )
                )
            taken = sync_state.registration_with_id(store, target, other_than=entry.uuid)
            if taken is not None:
                raise ManualRefused(
                    tx(
                        "{target} numarası başka bir kuruluş kaydına ({v}) verilmiş; numarayı denetleyin."
                    ).format(target=target, v=taken[:8])
                )
        elif entry.cooperative_ref and target and not entry.cooperative_id:
            # Its registration is applied: it went to the id KOOP-BİS gave (as the executor records).
            fields = {"cooperative_id": target, "cooperative_ref": None}
        # The entry's row and, for a registration, its waiting entries' before the first move
        # (entries.lock_entries): a supervisor's move of one of them on another PC then waits.
        waiting = entries.waiting_on_registration(store, entry.uuid, State.APPROVED) if registers else []
        entries.lock_entries(conn, [entry.uuid, *waiting])
        base = chained_base(store, entry, target)
        send_details: dict[str, Any] = {"manual": True}
        if base != entry.base:
            send_details[SENT_BASE] = base
        entries.move(store, entry.uuid, Action.SEND, actor, details=send_details, fields=fields)
        now = stamp()
        outcome: dict[str, Any] = {
            "status": "applied",
            "manual": True,
            "receipt": number,
            "by": actor.username,
            "cooperative": target,
            "version": None,
            "applied_at": now,
            "replayed": False,
        }
        if base != entry.base:
            outcome[SENT_BASE] = base
        applied_fields: dict[str, Any] = {
            "receipt": number,
            "server_version": None,
            "outcome": outcome,
            "synced_at": now,
        }
        if registers:
            applied_fields["cooperative_id"] = target
        settle(
            store,
            entry.uuid,
            Action.APPLY,
            actor,
            details={"receipt": number, "manual": True},
            fields=applied_fields,
        )
        if registers:
            map_registration(store, entry.uuid, str(target), number, now)
    return entries.get_entry(store, entry.uuid)


def _mark(store: Store, actor: Actor, entry_uuid: str, action: str, note: str | None) -> WorkItem:
    _require_supervisor(actor)
    with store.atomic() as conn:
        require_active(conn, actor)
        # The entry's row first: a supervisor returning it on another PC meanwhile is waited
        # for, and the skip or the problem is then refused with the state it left.
        entries.locked_state(conn, entry_uuid)
        item = _check_enterable(store, entry_uuid)
        audit.append(
            conn,
            actor=actor.username,
            action=action,
            entry_uuid=item.uuid,
            from_state=item.entry.state.value,
            to_state=item.entry.state.value,
            comment=note or None,
            details={"manual": True},
        )
    found = worklist(store).find(item.uuid)
    assert found is not None
    return found


def record_skip(store: Store, actor: Actor, entry_uuid: str, note: str | None = None) -> WorkItem:
    """ "Şimdilik atla": the entry stays approved; the assistant offers it again after the others."""
    return _mark(store, actor, entry_uuid, SKIP, (note or "").strip() or None)


def record_problem(store: Store, actor: Actor, entry_uuid: str, note: str) -> WorkItem:
    """ "Sorun var": what went wrong on KOOP-BİS's page, stored and audited; the entry stays approved."""
    text = (note or "").strip()
    if not text:
        raise ManualRefused(
            tx("Sorunu kısaca yazın (ör. KOOP-BİS formu hata verdi); not denetim izine girer.")
        )
    return _mark(store, actor, entry_uuid, PROBLEM, text)


# ------------------------------------------------------------------ the printable worklist


def worklist_report(store: Store, province_code: str | None = None) -> reports.Report:
    work = worklist(store)
    rows = [
        (
            str(w.position),
            w.uuid,
            display.type_label(w.entry.type),
            w.cooperative,
            w.status_text,
            w.reason or reports.EMPTY,
        )
        for w in work.items
    ]
    ready = len(work.enterable)
    return reports.Report(
        title="KOOP-BİS'e elle aktarım listesi",
        authority=reports.authority(province_code, settings.ministry_name(store)),
        subtitle="Kalan onaylı kayıtlar, KOOP-BİS'e girilecek sırayla",
        sections=[
            reports.Table(
                columns=("Sıra", "Kayıt no", "Tür", "Kooperatif", "Durum", "Neden bekliyor / not"),
                rows=rows,
                widths=(4, 31, 12, 20, 11, 22),
                unbroken=(0, 1),
                mono=(1,),
                empty="KOOP-BİS'e girilecek kayıt kalmadı.",
            ),
            reports.Paragraph(
                f"Toplam {len(work.items)} kayıt; {ready} tanesi şimdi girilebilir. Bir kuruluşun kayıtları "
                "sırayla girilir: öndeki girilmeden arkadaki girilmez."
            ),
        ],
        signatures=(reports.SIGNATURES["supervisor"],),
        closing=reports.audit_anchor(store),
        printed_at=reports.printed_now(),
        entry_ids=[w.uuid for w in work.items],
    )
