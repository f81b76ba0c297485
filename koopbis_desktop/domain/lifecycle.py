"""The entry life cycle of DESIGN.md and who may make each move: the one place it is decided.

The store calls :func:`check_move` inside the transaction that makes the move,
so no path (UI, CLI, sync) can skip a state or the four-eyes rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import Labels, tx


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    SENDING = "sending"
    SYNCED = "synced"
    CONFLICT = "conflict"
    REJECTED = "rejected"
    DISCARDED = "discarded"
    WITHDRAWN = "withdrawn"


STATE_LABELS = Labels(
    "state",
    {
        State.DRAFT: "Taslak",
        State.SUBMITTED: "Onay bekliyor",
        State.RETURNED: "İade edildi",
        State.APPROVED: "Onaylandı",
        State.SENDING: "Gönderiliyor",
        State.SYNCED: "KOOP-BİS'e aktarıldı",
        State.CONFLICT: "Çakışma",
        State.REJECTED: "KOOP-BİS reddetti",
        State.DISCARDED: "Vazgeçildi",
        State.WITHDRAWN: "Geri çekildi",
    },
)


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


ROLE_LABELS = Labels(
    "role", {Role.CLERK: "Memur", Role.SUPERVISOR: "Şef / Onaylayıcı", Role.ADMIN: "Yönetici"}
)


class Action(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    RETURN = "return"
    SEND = "send"  # sync: approved/sending → sending
    APPLY = "apply"  # sync: sending → synced
    CONFLICT = "conflict"  # sync: sending → conflict
    REJECT = "reject"  # sync: sending → rejected
    RETRY = "retry"  # sync: sending → approved (retryable failure, try later)
    REFUSE = "refuse"  # sync: sending → returned (KOOP-BİS refused it, 422: back to the clerk)
    RESOLVE_KEEP = "resolve_keep"  # conflict → approved (resend)
    RESOLVE_DISCARD = "resolve_discard"  # conflict → discarded
    RETURN_REJECTED = "return_rejected"  # rejected/conflict → returned


ACTION_LABELS = Labels(
    "action",
    {
        Action.EDIT: "düzenleme",
        Action.SUBMIT: "onaya gönderme",
        Action.WITHDRAW: "geri çekme",
        Action.APPROVE: "onaylama",
        Action.RETURN: "iade",
        Action.SEND: "gönderme",
        Action.APPLY: "aktarma",
        Action.CONFLICT: "çakışma",
        Action.REJECT: "ret",
        Action.RETRY: "yeniden deneme",
        Action.REFUSE: "KOOP-BİS reddiyle memura iade",
        Action.RESOLVE_KEEP: "yerel kaydı koruma",
        Action.RESOLVE_DISCARD: "KOOP-BİS'tekini kabul etme",
        Action.RETURN_REJECTED: "memura iade",
    },
)

S = State
TRANSITIONS: dict[Action, tuple[frozenset[State], State]] = {
    Action.EDIT: (frozenset({S.DRAFT, S.RETURNED}), S.DRAFT),
    Action.SUBMIT: (frozenset({S.DRAFT}), S.SUBMITTED),
    Action.WITHDRAW: (frozenset({S.DRAFT, S.SUBMITTED, S.RETURNED}), S.WITHDRAWN),
    Action.APPROVE: (frozenset({S.SUBMITTED}), S.APPROVED),
    Action.RETURN: (frozenset({S.SUBMITTED, S.APPROVED}), S.RETURNED),
    Action.SEND: (frozenset({S.APPROVED, S.SENDING}), S.SENDING),
    Action.APPLY: (frozenset({S.SENDING}), S.SYNCED),
    Action.CONFLICT: (frozenset({S.SENDING}), S.CONFLICT),
    Action.REJECT: (frozenset({S.SENDING}), S.REJECTED),
    Action.RETRY: (frozenset({S.SENDING}), S.APPROVED),
    Action.REFUSE: (frozenset({S.SENDING}), S.RETURNED),
    Action.RESOLVE_KEEP: (frozenset({S.CONFLICT}), S.APPROVED),
    Action.RESOLVE_DISCARD: (frozenset({S.CONFLICT}), S.DISCARDED),
    Action.RETURN_REJECTED: (frozenset({S.REJECTED, S.CONFLICT}), S.RETURNED),
}

# Who may take each action. SYNC is the sync engine acting for the approver.
SUPERVISOR_ACTIONS = frozenset(
    {
        Action.APPROVE,
        Action.RETURN,
        Action.RESOLVE_KEEP,
        Action.RESOLVE_DISCARD,
        Action.RETURN_REJECTED,
    }
)
AUTHOR_ACTIONS = frozenset({Action.EDIT, Action.SUBMIT, Action.WITHDRAW})
SYNC_ACTIONS = frozenset(
    {Action.SEND, Action.APPLY, Action.CONFLICT, Action.REJECT, Action.RETRY, Action.REFUSE}
)

# While an entry is ``sending`` KOOP-BİS may already hold it: a person changing it
# locally would make the two disagree, so every person's move is refused with why.


class DomainError(KoopbisError):
    """A refused operation; ``message`` is a Turkish sentence for the person."""


class IllegalTransition(DomainError):
    exit_code = ExitCode.NOT_PERMITTED


class NotPermitted(DomainError):
    exit_code = ExitCode.NOT_PERMITTED


class AccountClosed(NotPermitted):
    """The acting account was closed after its sign-in (by an administrator, on another PC)."""


@dataclass(frozen=True)
class Actor:
    """Who acts: an account's name and role (or the sync engine under a supervisor's approval)."""

    username: str
    role: Role
    is_sync: bool = False  # the sync engine, acting under a supervisor's approval


# Who records entries (new forms, their copies); an administrator manages accounts and records none.
CAPTURE_ROLES = (Role.CLERK, Role.SUPERVISOR)


def may_capture(actor: Actor | None) -> bool:
    """Whether ``actor`` may write new entries (``capture`` refuses anyone else)."""
    return actor is not None and not actor.is_sync and actor.role in CAPTURE_ROLES


def check_move(action: Action, state: State, actor: Actor, author: str) -> State:
    """Return the state ``action`` leads to, or raise why it may not happen."""
    allowed_from, target = TRANSITIONS[action]
    if state == State.SENDING and action not in SYNC_ACTIONS:
        raise IllegalTransition(
            tx(
                "Bu kayıt '{state}' durumunda: KOOP-BİS'e gönderildi ve KOOP-BİS'in yanıtı bekleniyor, KOOP-BİS'te "
                "uygulanmış olabilir. Yanıt gelene kadar {action} yapılamaz; eşitleme yanıtı alınca kayıt "
                "kendiliğinden güncellenir."
            ).format(state=STATE_LABELS[state], action=ACTION_LABELS[action])
        )
    if state not in allowed_from:
        raise IllegalTransition(
            tx("Bu kayıt '{state}' durumunda; {action} yapılamaz.").format(
                state=STATE_LABELS[state], action=ACTION_LABELS[action]
            )
        )
    if action in SYNC_ACTIONS:
        if not (actor.is_sync or actor.role == Role.SUPERVISOR):
            raise NotPermitted(tx("Eşitlemeyi yalnızca onay yetkisi olan kullanıcı başlatabilir."))
        return target
    if action in AUTHOR_ACTIONS:
        if actor.username != author:
            raise NotPermitted(
                tx("Bu kaydı yalnızca onu yazan memur değiştirebilir, gönderebilir ya da geri çekebilir.")
            )
        return target
    if action in SUPERVISOR_ACTIONS:
        if actor.role != Role.SUPERVISOR:
            raise NotPermitted(tx("Bu işlemi yalnızca onay yetkisi olan şef (onaylayıcı) yapabilir."))
        if actor.username == author:
            raise NotPermitted(
                tx(
                    "Dört göz kuralı: kendi yazdığınız kaydı onaylayamaz ya da iade edemezsiniz; "
                    "başka bir onaylayıcıya bırakın."
                )
            )
        return target
    raise AssertionError(f"no permission rule for {action}")
