"""The entry life cycle: every legal and illegal move, roles and the four-eyes rule."""

from __future__ import annotations

import itertools

import pytest

from koopbis_desktop.domain.lifecycle import (
    ACTION_LABELS,
    AUTHOR_ACTIONS,
    STATE_LABELS,
    SUPERVISOR_ACTIONS,
    SYNC_ACTIONS,
    TRANSITIONS,
    Action,
    Actor,
    DomainError,
    IllegalTransition,
    NotPermitted,
    Role,
    State,
    check_move,
)

S, A = State, Action

# DESIGN.md's diagram, written out independently of TRANSITIONS.
EXPECTED_MOVES = {
    (A.EDIT, S.DRAFT): S.DRAFT,
    (A.EDIT, S.RETURNED): S.DRAFT,
    (A.SUBMIT, S.DRAFT): S.SUBMITTED,
    (A.WITHDRAW, S.DRAFT): S.WITHDRAWN,
    (A.WITHDRAW, S.SUBMITTED): S.WITHDRAWN,
    (A.WITHDRAW, S.RETURNED): S.WITHDRAWN,
    (A.APPROVE, S.SUBMITTED): S.APPROVED,
    (A.RETURN, S.SUBMITTED): S.RETURNED,
    (A.RETURN, S.APPROVED): S.RETURNED,
    (A.SEND, S.APPROVED): S.SENDING,
    (A.SEND, S.SENDING): S.SENDING,
    (A.APPLY, S.SENDING): S.SYNCED,
    (A.CONFLICT, S.SENDING): S.CONFLICT,
    (A.REJECT, S.SENDING): S.REJECTED,
    (A.RETRY, S.SENDING): S.APPROVED,
    (A.REFUSE, S.SENDING): S.RETURNED,
    (A.RESOLVE_KEEP, S.CONFLICT): S.APPROVED,
    (A.RESOLVE_DISCARD, S.CONFLICT): S.DISCARDED,
    (A.RETURN_REJECTED, S.REJECTED): S.RETURNED,
    (A.RETURN_REJECTED, S.CONFLICT): S.RETURNED,
}

AUTHOR = "ayse"
CLERK = Actor(AUTHOR, Role.CLERK)
OTHER_CLERK = Actor("mehmet", Role.CLERK)
SUPERVISOR = Actor("sef", Role.SUPERVISOR)
AUTHOR_SUPERVISOR = Actor(AUTHOR, Role.SUPERVISOR)
ADMIN = Actor("yonetici", Role.ADMIN)
SYNC = Actor("sync", Role.CLERK, is_sync=True)


def permitted_actor(action: Action) -> Actor:
    """Someone who may take ``action`` on an entry written by AUTHOR."""
    if action in AUTHOR_ACTIONS:
        return CLERK
    if action in SYNC_ACTIONS:
        return SYNC
    return SUPERVISOR


def test_transitions_table_matches_the_design():
    table = {
        (action, state): target for action, (sources, target) in TRANSITIONS.items() for state in sources
    }
    assert table == EXPECTED_MOVES


def test_every_action_has_exactly_one_permission_rule():
    groups = [AUTHOR_ACTIONS, SUPERVISOR_ACTIONS, SYNC_ACTIONS]
    assert set().union(*groups) == set(Action)
    assert sum(len(g) for g in groups) == len(Action)


def test_labels_complete():
    assert set(STATE_LABELS) == set(State)
    assert set(ACTION_LABELS) == set(Action)


@pytest.mark.parametrize(("action", "state"), sorted(EXPECTED_MOVES))
def test_every_legal_move(action, state):
    assert check_move(action, state, permitted_actor(action), AUTHOR) == EXPECTED_MOVES[(action, state)]


ILLEGAL = sorted(
    (action, state)
    for action, state in itertools.product(Action, State)
    if (action, state) not in EXPECTED_MOVES
)


@pytest.mark.parametrize(("action", "state"), ILLEGAL)
def test_every_illegal_move_raises(action, state):
    # Even the actor who would be allowed elsewhere, so only the state can be the reason.
    with pytest.raises(IllegalTransition) as info:
        check_move(action, state, permitted_actor(action), AUTHOR)
    assert STATE_LABELS[state] in info.value.message
    assert ACTION_LABELS[action] in info.value.message


def test_illegal_moves_are_most_combinations():
    assert len(ILLEGAL) + len(EXPECTED_MOVES) == len(Action) * len(State)
    assert len(ILLEGAL) == 10 * 14 - 20


@pytest.mark.parametrize("state", [S.SYNCED, S.DISCARDED, S.WITHDRAWN])
def test_terminal_states_allow_nothing(state):
    for action in Action:
        with pytest.raises(IllegalTransition):
            check_move(action, state, permitted_actor(action), AUTHOR)


# ---------------------------------------------------------------- four eyes


@pytest.mark.parametrize(
    ("action", "state"),
    [(a, s) for (a, s) in sorted(EXPECTED_MOVES) if a in SUPERVISOR_ACTIONS],
)
def test_supervisor_cannot_approve_return_or_resolve_own_entry(action, state):
    with pytest.raises(NotPermitted) as info:
        check_move(action, state, AUTHOR_SUPERVISOR, AUTHOR)
    assert "Dört göz" in info.value.message
    assert check_move(action, state, SUPERVISOR, AUTHOR) == EXPECTED_MOVES[(action, state)]


@pytest.mark.parametrize("actor", [CLERK, OTHER_CLERK, ADMIN], ids=lambda a: a.username)
@pytest.mark.parametrize(
    ("action", "state"),
    [(a, s) for (a, s) in sorted(EXPECTED_MOVES) if a in SUPERVISOR_ACTIONS],
)
def test_only_supervisors_approve_return_resolve(actor, action, state):
    with pytest.raises(NotPermitted) as info:
        check_move(action, state, actor, AUTHOR)
    assert "şef" in info.value.message


def test_clerk_cannot_approve():
    with pytest.raises(NotPermitted):
        check_move(A.APPROVE, S.SUBMITTED, OTHER_CLERK, AUTHOR)
    with pytest.raises(NotPermitted):
        check_move(A.APPROVE, S.SUBMITTED, CLERK, AUTHOR)


def test_the_sync_engine_cannot_approve():
    with pytest.raises(NotPermitted):
        check_move(A.APPROVE, S.SUBMITTED, SYNC, AUTHOR)


# ------------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("action", "state"), [(a, s) for (a, s) in sorted(EXPECTED_MOVES) if a in AUTHOR_ACTIONS]
)
@pytest.mark.parametrize("actor", [OTHER_CLERK, SUPERVISOR, ADMIN, SYNC], ids=lambda a: a.username)
def test_only_the_author_edits_submits_withdraws(action, state, actor):
    with pytest.raises(NotPermitted) as info:
        check_move(action, state, actor, AUTHOR)
    assert "yazan" in info.value.message


@pytest.mark.parametrize(
    ("action", "state"), [(a, s) for (a, s) in sorted(EXPECTED_MOVES) if a in AUTHOR_ACTIONS]
)
def test_author_of_any_role_manages_own_entry(action, state):
    for actor in (CLERK, AUTHOR_SUPERVISOR):
        assert check_move(action, state, actor, AUTHOR) == EXPECTED_MOVES[(action, state)]


# ---------------------------------------------------------------------- sync


@pytest.mark.parametrize(
    ("action", "state"), [(a, s) for (a, s) in sorted(EXPECTED_MOVES) if a in SYNC_ACTIONS]
)
def test_sync_actions(action, state):
    expected = EXPECTED_MOVES[(action, state)]
    assert check_move(action, state, Actor("sync", Role.CLERK, is_sync=True), AUTHOR) == expected
    assert check_move(action, state, SUPERVISOR, AUTHOR) == expected
    assert check_move(action, state, AUTHOR_SUPERVISOR, AUTHOR) == expected
    for actor in (CLERK, OTHER_CLERK, ADMIN):
        with pytest.raises(NotPermitted):
            check_move(action, state, actor, AUTHOR)


def test_errors_are_domain_errors_with_a_message():
    assert issubclass(IllegalTransition, DomainError)
    assert issubclass(NotPermitted, DomainError)
    with pytest.raises(DomainError) as info:
        check_move(A.SUBMIT, S.APPROVED, CLERK, AUTHOR)
    assert str(info.value) == info.value.message


def test_a_full_happy_path():
    state = S.DRAFT
    for action, actor in [
        (A.EDIT, CLERK),
        (A.SUBMIT, CLERK),
        (A.RETURN, SUPERVISOR),
        (A.EDIT, CLERK),
        (A.SUBMIT, CLERK),
        (A.APPROVE, SUPERVISOR),
        (A.SEND, SYNC),
        (A.CONFLICT, SYNC),
        (A.RESOLVE_KEEP, SUPERVISOR),
        (A.SEND, SYNC),
        (A.APPLY, SYNC),
    ]:
        state = check_move(action, state, actor, AUTHOR)
    assert state == S.SYNCED


@pytest.mark.parametrize("action", sorted(AUTHOR_ACTIONS | SUPERVISOR_ACTIONS))
def test_nobody_changes_an_entry_koopbis_may_hold(action):
    """While ``sending`` no person's move is possible, and the message says why (issue 12)."""
    with pytest.raises(IllegalTransition) as info:
        check_move(action, S.SENDING, permitted_actor(action), AUTHOR)
    assert "KOOP-BİS'in yanıtı bekleniyor" in info.value.message
    assert ACTION_LABELS[action] in info.value.message
