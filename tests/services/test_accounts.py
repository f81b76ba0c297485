"""Accounts: first admin, admin-only management, argon2 hashes, lockout after five wrong passwords."""

from __future__ import annotations

import threading
import unicodedata
from datetime import timedelta
from typing import Any

import pytest

from koopbis_desktop.domain.lifecycle import AccountClosed, Actor, NotPermitted, Role, State
from koopbis_desktop.domain.text import collation_key
from koopbis_desktop.services import accounts, capture, review, settings
from koopbis_desktop.services.errors import LoginFailed, ValidationFailed
from koopbis_desktop.store import acting, audit, entries, users
from koopbis_desktop.store.clock import now
from koopbis_desktop.store.db import Store
from sync.settle import SYNC_ACTOR
from tests.conftest import PASSWORD, at_once, meeting, member_admission, reopen


def test_first_account_must_be_admin(store: Store) -> None:
    with pytest.raises(NotPermitted, match="ilk hesabı yönetici"):
        accounts.add_user(store, None, "ayse", "clerk", PASSWORD)
    accounts.add_user(store, None, "admin", "admin", PASSWORD)
    with pytest.raises(NotPermitted):
        accounts.add_user(store, None, "ayse", "clerk", PASSWORD)


def test_only_admin_manages_users(store: Store, people: dict[str, Actor]) -> None:
    with pytest.raises(NotPermitted):
        accounts.add_user(store, people["sef"], "yeni", "clerk", PASSWORD)
    with pytest.raises(NotPermitted):
        accounts.disable_user(store, people["ayse"], "mehmet")
    with pytest.raises(ValidationFailed, match="zaten var"):
        accounts.add_user(store, people["admin"], "ayse", "clerk", PASSWORD)
    with pytest.raises(ValidationFailed, match="en az 8"):
        accounts.add_user(store, people["admin"], "kisa", "clerk", "123")


@pytest.mark.sqlite_only
def test_password_is_hashed_with_argon2(store: Store, people: dict[str, Actor]) -> None:
    stored = store.conn.execute("SELECT password_hash FROM users WHERE username = 'ayse'").fetchone()[0]
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    dump = "\n".join(store.conn.iterdump())
    assert PASSWORD not in dump


def test_lockout_after_five_wrong_passwords(store: Store, people: dict[str, Actor]) -> None:
    start = now()
    for attempt in range(1, 5):
        with pytest.raises(LoginFailed, match=f"{5 - attempt} deneme"):
            accounts.login(store, "ayse", "yanlis-parola", at=start)
    with pytest.raises(LoginFailed, match="kilitlendi"):
        accounts.login(store, "ayse", "yanlis-parola", at=start)
    # the right password does not get in while locked
    with pytest.raises(LoginFailed, match="kilitlendi"):
        accounts.login(store, "ayse", PASSWORD, at=start + timedelta(minutes=14))
    assert accounts.login(store, "ayse", PASSWORD, at=start + timedelta(minutes=16)).role == Role.CLERK
    actions = [r["action"] for r in entries.audit_rows(store) if r["actor"] == "ayse"]
    assert actions.count("login_failed") == 4
    assert actions.count("login_locked") == 1
    assert "login_while_locked" in actions
    assert audit.verify(store.conn).ok


@pytest.mark.parametrize("name", ["ayse", "kimse-yok"])
def test_two_pcs_trying_one_name_at_once_both_count(
    store: Store, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Two PCs try a wrong password for the same name at the same moment: both tries count.

    A check reads the name's count, runs argon2, then writes the count plus one; if the two
    checks ran side by side both would read the same count and five guesses per lockout
    would become ten. Each check here waits (up to 2 s) inside argon2 for the other to get
    there too: they meet only if they do not take turns.
    """
    real = users._hasher
    both_inside = threading.Barrier(2)

    class MeetingHasher:
        def __getattr__(self, attribute: str) -> Any:
            return getattr(real, attribute)

        verify = staticmethod(meeting(real.verify, both_inside))

    monkeypatch.setattr(users, "_hasher", MeetingHasher())
    answers: list[str] = []

    def try_on_another_pc() -> None:
        other = reopen(store)
        try:
            accounts.login(other, name, "yanlis-parola")
        except LoginFailed as exc:
            answers.append(exc.message)
        finally:
            other.close()

    at_once(try_on_another_pc, try_on_another_pc)
    assert len(answers) == 2
    assert both_inside.broken  # the second check waited for the first instead of meeting it
    assert any("4 deneme" in a for a in answers) and any("3 deneme" in a for a in answers)
    with pytest.raises(LoginFailed, match="2 deneme"):  # two of five counted, two left after this
        accounts.login(store, name, "yanlis-parola")


def test_admin_unlocks(store: Store, people: dict[str, Actor]) -> None:
    for _ in range(5):
        with pytest.raises(LoginFailed):
            accounts.login(store, "mehmet", "yanlis-parola")
    with pytest.raises(LoginFailed, match="kilitlendi"):
        accounts.login(store, "mehmet", PASSWORD)
    accounts.unlock_user(store, people["admin"], "mehmet")
    assert accounts.login(store, "mehmet", PASSWORD).username == "mehmet"


def test_disabled_user_cannot_log_in(store: Store, people: dict[str, Actor]) -> None:
    accounts.disable_user(store, people["admin"], "mehmet")
    with pytest.raises(LoginFailed, match="kapatılmış"):
        accounts.login(store, "mehmet", PASSWORD)
    with pytest.raises(NotPermitted):
        accounts.disable_user(store, people["admin"], "admin")
    accounts.enable_user(store, people["admin"], "mehmet")
    assert accounts.login(store, "mehmet", PASSWORD).username == "mehmet"


def test_unknown_user_same_message(store: Store, people: dict[str, Actor]) -> None:
    with pytest.raises(LoginFailed, match="Kullanıcı adı ya da parola hatalı"):
        accounts.login(store, "kimse", PASSWORD)


def test_change_password(store: Store, people: dict[str, Actor]) -> None:
    accounts.change_password(store, people["ayse"], "ayse", "yeni-parola-99")
    with pytest.raises(LoginFailed):
        accounts.login(store, "ayse", PASSWORD)
    assert accounts.login(store, "ayse", "yeni-parola-99").username == "ayse"
    with pytest.raises(NotPermitted):
        accounts.change_password(store, people["ayse"], "mehmet", "baska-parola-1")


def test_production_hash_parameters_are_strong() -> None:
    import importlib

    from argon2 import Type

    from koopbis_desktop.store import users
    from koopbis_desktop.store.password_hash import CoreBoundHasher

    fresh = importlib.reload(users)
    try:
        hasher = fresh._hasher
        # argon2id at RFC 9106's low-memory cost, as the key slots (tests/store/test_encryption.py),
        # checked on the PC's cores (tests/store/test_password_hash.py).
        assert isinstance(hasher, CoreBoundHasher)
        assert hasher.type is Type.ID
        assert hasher.memory_cost >= 64 * 1024
        assert hasher.time_cost >= 3 and hasher.parallelism >= 1
    finally:
        importlib.reload(users)


def test_a_password_hashed_at_another_cost_is_rewritten_at_the_next_sign_in(
    store: Store, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    from argon2 import PasswordHasher, extract_parameters

    def stored_parameters(name: str) -> tuple[int, int, int]:
        found = extract_parameters(str(users.stored_hash(store, name)))
        return found.time_cost, found.memory_cost, found.parallelism

    now_used = users._hasher
    earlier = PasswordHasher(
        time_cost=now_used.time_cost + 2, memory_cost=now_used.memory_cost, parallelism=1
    )
    monkeypatch.setattr(users, "_hasher", earlier)  # an account made by an earlier release
    accounts.add_user(store, people["admin"], "eski", "clerk", PASSWORD)
    monkeypatch.setattr(users, "_hasher", now_used)
    assert stored_parameters("eski") == (now_used.time_cost + 2, now_used.memory_cost, 1)
    with pytest.raises(LoginFailed):  # a wrong password is refused and rewrites nothing
        accounts.login(store, "eski", "yanlis-parola")
    assert stored_parameters("eski")[0] == now_used.time_cost + 2
    assert accounts.login(store, "eski", PASSWORD).username == "eski"
    assert stored_parameters("eski") == (now_used.time_cost, now_used.memory_cost, now_used.parallelism)
    assert accounts.login(store, "eski", PASSWORD).username == "eski"  # the new hash opens too
    with pytest.raises(LoginFailed):
        accounts.login(store, "eski", "yanlis-parola")


def test_an_unknown_name_answers_exactly_like_a_known_one(store: Store, people: dict[str, Actor]) -> None:
    start = now()
    for name in ("ayse", "kimse-yok"):
        messages = []
        for _ in range(6):
            with pytest.raises(LoginFailed) as info:
                accounts.login(store, name, "yanlis-parola", at=start)
            messages.append(info.value.message)
        assert "kilitlendi" in messages[-1] and "kilitlendi" in messages[-2]
        assert "4 deneme" in messages[0]
        if name == "ayse":
            known = messages
    assert messages == known
    with pytest.raises(LoginFailed, match="kilitlendi"):
        accounts.login(store, "kimse-yok", "yanlis-parola", at=start + timedelta(minutes=14))
    with pytest.raises(LoginFailed, match="4 deneme"):
        accounts.login(store, "kimse-yok", "yanlis-parola", at=start + timedelta(minutes=16))


def test_a_closed_account_says_so_only_to_the_right_password(store: Store, people: dict[str, Actor]) -> None:
    accounts.disable_user(store, people["admin"], "mehmet")
    with pytest.raises(LoginFailed) as info:
        accounts.login(store, "mehmet", "yanlis-parola")
    assert "kapatılmış" not in info.value.message and "4 deneme" in info.value.message


def test_two_first_run_set_ups_at_once_make_one_admin(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two PCs set up a new office database at the same moment: one makes the first admin, the
    other is refused (an account exists now). Each looks at the account count, then waits (up
    to 2 s) for the other: they meet only if the two do not take turns."""
    both_inside = threading.Barrier(2)
    monkeypatch.setattr(users, "count_users", meeting(users.count_users, both_inside))
    outcomes: dict[str, BaseException | None] = {}

    def set_up_on_another_pc(name: str) -> None:
        pc = reopen(store)
        try:
            accounts.add_user(pc, None, name, "admin", PASSWORD, name)
            outcomes[name] = None
        except BaseException as exc:
            outcomes[name] = exc
        finally:
            pc.close()

    at_once(lambda: set_up_on_another_pc("ilk"), lambda: set_up_on_another_pc("ikinci"))
    assert both_inside.broken  # the second set-up waited for the first instead of meeting it
    refused = [exc for exc in outcomes.values() if exc is not None]
    assert len(outcomes) == 2 and len(refused) == 1 and isinstance(refused[0], NotPermitted), outcomes
    assert [u.role for u in users.list_users(store)] == [Role.ADMIN]


def test_a_session_of_a_closed_account_changes_nothing(
    store: Store, people: dict[str, Actor], cooperatives: list[dict[str, Any]]
) -> None:
    """Ayşe (a clerk) and Şükrü (a supervisor) are still signed in on their PCs when the
    administrator closes their accounts: from then on each change they try is refused with
    why and what to do, and nothing is written; the others go on as before."""
    coop = str(cooperatives[1]["id"])
    draft = capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(1))
    waiting = capture.create_entry(store, people["mehmet"], "member.admit", coop, member_admission(2))
    capture.submit_entry(store, people["mehmet"], waiting.uuid)
    accounts.disable_user(store, people["admin"], "ayse")
    # What an open window asks when it hears of the accounts' change (it locks then):
    assert not accounts.still_open(store, people["ayse"])
    assert accounts.still_open(store, people["mehmet"]) and accounts.still_open(store, SYNC_ACTOR)
    accounts.disable_user(store, people["admin"], "sef")
    trail = len(entries.audit_rows(store))
    for attempt in (
        lambda: capture.create_entry(store, people["ayse"], "member.admit", coop, member_admission(3)),
        lambda: capture.edit_entry(store, people["ayse"], draft.uuid, member_admission(4), loaded_revision=1),
        lambda: capture.submit_entry(store, people["ayse"], draft.uuid),
        lambda: accounts.change_password(store, people["ayse"], "ayse", "yepyeni-parola-2015"),
        lambda: review.approve_entry(store, people["sef"], waiting.uuid),
        lambda: settings.update(store, people["sef"], {"backup_keep": "3"}),
    ):
        with pytest.raises(AccountClosed, match="kapatıldı; bu işlem yapılmadı"):
            attempt()
    assert len(entries.audit_rows(store)) == trail
    assert entries.get_entry(store, draft.uuid).state == State.DRAFT
    assert entries.get_entry(store, draft.uuid).revision == 1
    assert entries.get_entry(store, waiting.uuid).state == State.SUBMITTED
    with pytest.raises(LoginFailed):
        accounts.login(store, "ayse", "yepyeni-parola-2015")  # the password was not changed
    assert review.approve_entry(store, people["sef2"], waiting.uuid).state == State.APPROVED
    assert audit.verify(store.conn).ok


def test_two_admins_closing_each_other_at_once_leave_one_open(
    store: Store, people: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two administrators, each on a PC of their own, close each other's account at the same
    moment. The second takes its turn after the first, finds its own account closed and is
    refused, so the office keeps an administrator. Each looks at its own account, then waits
    (up to 2 s) for the other: they meet only if the two do not take turns."""
    accounts.add_user(store, people["admin"], "admin2", "admin", PASSWORD, "İkinci Yönetici")
    second = accounts.login(store, "admin2", PASSWORD)
    both_inside = threading.Barrier(2)
    monkeypatch.setattr(accounts, "require_active", meeting(acting.require_active, both_inside))
    outcomes: dict[str, BaseException | None] = {}

    def close_on_another_pc(by: Actor, whom: str) -> None:
        pc = reopen(store)
        try:
            accounts.disable_user(pc, by, whom)
            outcomes[by.username] = None
        except BaseException as exc:
            outcomes[by.username] = exc
        finally:
            pc.close()

    at_once(
        lambda: close_on_another_pc(people["admin"], "admin2"),
        lambda: close_on_another_pc(second, "admin"),
    )
    assert both_inside.broken  # the second closing waited for the first instead of meeting it
    refused = [exc for exc in outcomes.values() if exc is not None]
    assert len(outcomes) == 2 and len(refused) == 1 and isinstance(refused[0], AccountClosed), outcomes
    assert [u.username for u in users.list_users(store) if u.role == Role.ADMIN and u.active] in (
        ["admin"],
        ["admin2"],
    )


def test_accounts_are_listed_in_turkish_order(store: Store, people: dict[str, Actor]) -> None:
    for name in ("zeki", "çağrı", "İlker", "ömer", "burak", "Şule"):
        accounts.add_user(store, people["admin"], name, "clerk", PASSWORD, name.title())
    names = [u.username for u in accounts.list_users(store, people["admin"])]
    assert names == sorted(names, key=lambda n: (collation_key(n), n))
    assert names.index("burak") < names.index("çağrı") < names.index("İlker") < names.index("mehmet")
    assert names.index("ömer") < names.index("sef") < names.index("Şule") < names.index("zeki")


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ("İlker", "ilker"),
        ("İlker", "ILKER"),
        ("İlker", "ılker"),
        ("ayse", "AYSE"),
        ("ayse", "ayşe"),
        ("ayse", "Ayşe"),
    ],
)
def test_a_name_that_differs_only_in_case_or_turkish_letters_is_refused(
    store: Store, people: dict[str, Actor], existing: str, typed: str
) -> None:
    if existing not in {u.username for u in users.list_users(store)}:
        accounts.add_user(store, people["admin"], existing, "clerk", PASSWORD)
    before = [u.username for u in users.list_users(store)]
    with pytest.raises(ValidationFailed) as refused:
        accounts.add_user(store, people["admin"], typed, "clerk", PASSWORD)
    assert f"'{existing}' hesab" in refused.value.message and f"'{typed}'" in refused.value.message
    assert [u.username for u in users.list_users(store)] == before  # nothing added
    # The existing account signs in as before, by its own name.
    assert accounts.login(store, existing, PASSWORD).username == existing


def test_a_decomposed_name_is_taken_composed(store: Store, people: dict[str, Actor]) -> None:
    decomposed = unicodedata.normalize("NFD", "Şule")
    user = accounts.add_user(store, people["admin"], decomposed, "clerk", PASSWORD)
    assert user.username == "Şule"
    assert accounts.login(store, "Şule", PASSWORD).username == "Şule"
    with pytest.raises(ValidationFailed, match="zaten var"):
        accounts.add_user(store, people["admin"], decomposed, "clerk", PASSWORD)
