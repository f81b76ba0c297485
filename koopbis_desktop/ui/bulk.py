"""Several selected entries at once: a supervisor approves them, their author sends them for approval.

A member list makes one draft per member; moving hundreds of them one form at a time
is what these spare the office. Each entry still moves on its own
(``services.review.approve_many``, ``services.capture.submit_many``): one that may not
move — the supervisor's own entry under the four-eyes rule, one with errors, one
already handled on another PC, one whose content changed after the list showed it
(a supervisor approves the revision each selected row showed, never a newer one
unread) — is named in the summary with the reason, and does not stop the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.store import entries
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import NotFound
from koopbis_desktop.ui import messages
from koopbis_desktop.ui.context import AppContext
from koopbis_desktop.ui.errors import user_message

# Every call names its context so that pyside6-lupdate (with `-tr-function-alias translate+=_tr`,
# see the Makefile) extracts the string; a one-argument wrapper hid them, leaving them Turkish in English.
_tr = QCoreApplication.translate


class BulkKind(StrEnum):
    APPROVE = "approve"  # a supervisor approves submitted entries
    SUBMIT = "submit"  # their author sends drafts for approval


@dataclass(frozen=True)
class BulkOutcome:
    """What an action on several selected entries did: those done, those refused and why."""

    done: list[str]
    refused: list[tuple[str, str, str]]  # uuid, what the entry is (Turkish), why it was refused


def _describe(store: Store, entry_uuid: str) -> str:
    try:
        entry = entries.get_entry(store, entry_uuid)
    except NotFound:
        return entry_uuid[:8]
    title = ""
    if entry.cooperative_id:
        from koopbis_desktop.store import snapshot

        summary = snapshot.get_summary(store, entry.cooperative_id)
        title = str(summary["title"]) if summary else entry.cooperative_id
    number = f"{entry.number} · " if entry.number else ""
    return tx("{type} — {cooperative} ({number}kayıt {entry}, yazan {author})").format(
        type=get_type(entry.type).label,
        cooperative=title or entry.cooperative or "",
        number=number,
        entry=entry.uuid[:8],
        author=entry.author,
    )


def run_bulk(store: Store, actor: Actor, selected: Mapping[str, int], kind: BulkKind) -> BulkOutcome:
    """The job that runs on the DB worker; ``selected``: uuid → the revision the list showed.

    The services are imported here, on first use: the queues import this module, and a start
    has no need of the submission and approval code before a person acts on a selection.
    """
    from koopbis_desktop.services import capture, review

    if kind == BulkKind.APPROVE:
        result = review.approve_many(store, actor, selected)
    else:
        result = capture.submit_many(store, actor, list(selected))
    refused = [(key, _describe(store, key), reason) for key, reason in result.refused.items()]
    return BulkOutcome(result.done, refused)


@dataclass(frozen=True)
class _Words:
    """The Turkish texts of one bulk action's question and report."""

    title: str
    nothing: str
    question: str  # {0}: how many
    informative: str
    go: str
    cancel: str
    done: str  # {0}
    refused: str  # {0}
    result: str


def _words(kind: BulkKind) -> _Words:
    if kind == BulkKind.APPROVE:
        return _Words(
            _tr("BulkApprove", "Toplu onay"),
            _tr("BulkApprove", "Onaylanacak kayıt seçilmedi."),
            _tr("BulkApprove", "Seçili {0} kayıt onaylanacak."),
            _tr(
                "BulkApprove",
                "Her kayıt ayrı ayrı onaylanır; kendi yazdığınız, hatalı ya da liste gösterildikten sonra "
                "içeriği değişen kayıtlar onaylanmaz ve sonuçta nedeniyle listelenir. Devam edilsin mi?",
            ),
            _tr("BulkApprove", "&Onayla"),
            _tr("BulkApprove", "&Vazgeç"),
            _tr("BulkApprove", "{0} kayıt onaylandı."),
            _tr("BulkApprove", "{0} kayıt onaylanamadı:"),
            _tr("BulkApprove", "Toplu onay sonucu"),
        )
    return _Words(
        _tr("BulkSubmit", "Toplu onaya gönderme"),
        _tr("BulkSubmit", "Onaya gönderilecek taslak seçilmedi."),
        _tr("BulkSubmit", "Seçili {0} taslak onaya gönderilecek."),
        _tr(
            "BulkSubmit",
            "Her taslak ayrı ayrı gönderilir; hatası olan ya da iade edilip düzeltilmemiş kayıtlar "
            "gönderilmez ve sonuçta nedeniyle listelenir. Gönderilenleri şef onaylar. Devam edilsin mi?",
        ),
        _tr("BulkSubmit", "&Onaya gönder"),
        _tr("BulkSubmit", "&Vazgeç"),
        _tr("BulkSubmit", "{0} kayıt onaya gönderildi."),
        _tr("BulkSubmit", "{0} kayıt gönderilemedi:"),
        _tr("BulkSubmit", "Toplu gönderme sonucu"),
    )


def summary_text(outcome: BulkOutcome, kind: BulkKind = BulkKind.APPROVE) -> str:
    words = _words(kind)
    lines = [words.done.format(len(outcome.done))]
    if outcome.refused:
        lines.append(words.refused.format(len(outcome.refused)))
        lines.extend(f"• {what}: {why}" for _key, what, why in outcome.refused)
    return "\n".join(lines)


def approve_selected(ctx: AppContext, parent: QWidget | None, selected: Mapping[str, int]) -> None:
    """Ask, approve the selected entries on the DB worker, then report each refusal.

    ``selected``: uuid → the revision the list showed; an entry holding a newer one is not approved.
    """
    act_on_selected(ctx, parent, selected, BulkKind.APPROVE)


def submit_selected(ctx: AppContext, parent: QWidget | None, selected: Mapping[str, int]) -> None:
    """Ask, send the selected drafts for approval on the DB worker, then report each refusal."""
    act_on_selected(ctx, parent, selected, BulkKind.SUBMIT)


def act_on_selected(
    ctx: AppContext,
    parent: QWidget | None,
    selected: Mapping[str, int],
    kind: BulkKind,
    on_finished: Callable[[BulkOutcome], None] | None = None,
) -> None:
    """``selected``: each selected entry's uuid → the revision its row showed (``EntryRow.revision``)."""
    words = _words(kind)
    name = "bulkApprove" if kind == BulkKind.APPROVE else "bulkSubmit"
    keys = dict(selected)
    if not keys:
        messages.show_info(parent, words.title, words.nothing)
        return
    answer = messages.ask(
        parent,
        words.title,
        words.question.format(len(keys)),
        [(words.go, messages.Role.AcceptRole), (words.cancel, messages.Role.RejectRole)],
        informative=words.informative,
        default=1,
        escape=1,
        object_name=f"{name}Confirm",
    )
    if answer != 0:
        return

    def on_done(outcome: BulkOutcome) -> None:
        if outcome.done:
            ctx.hub.entries_changed.emit(list(outcome.done))
        if on_finished is not None:
            on_finished(outcome)
        messages.show(
            parent,
            messages.Level.WARNING if outcome.refused else messages.Level.INFO,
            words.result,
            summary_text(outcome, kind),
            object_name=f"{name}Result",
            wait=False,
        )

    def on_error(exc: BaseException) -> None:
        messages.show_warning(parent, words.title, user_message(exc), object_name=f"{name}Result", wait=False)

    actor = ctx.require_actor()
    ctx.worker.submit(lambda store: run_bulk(store, actor, keys, kind), on_done, on_error)
