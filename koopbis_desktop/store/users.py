"""Local accounts: argon2 password hashes, roles, lockout after repeated wrong passwords."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError

from koopbis_desktop.domain.lifecycle import Role
from koopbis_desktop.domain.text import collation_key
from koopbis_desktop.store import audit
from koopbis_desktop.store.clock import now as clock_now
from koopbis_desktop.store.clock import parse, stamp
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.engine import Connection, serialise
from koopbis_desktop.store.password_hash import CoreBoundHasher

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)

#: The account password's verifier: argon2id at RFC 9106's low-memory cost (64 MiB, three passes,
#: four lanes), as argon2-cffi ships it; the key file's slots (store/keyfile.py) cost the same.
#: One pass would make a signed-in start ≈ 11 % sooner now that the check, not the UI thread,
#: bounds it (docs/benchmarks.md, nineteenth pass; the eleventh found no gain), and every guess at
#: a copied file three times cheaper: the cost is the owner's to lower, not a speed-up's.
#: Hashes made with other parameters are verified as stored and rewritten with these at the next
#: sign-in. The check runs the four lanes on at most one thread per processor core (same answer,
#: sooner on a two-core PC: store/password_hash.py).
_hasher = CoreBoundHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)


@dataclass(frozen=True)
class User:
    username: str
    full_name: str
    role: Role
    active: bool
    failed_attempts: int
    locked_until: str | None
    created_at: str

    def locked_at(self, moment: datetime) -> bool:
        return self.locked_until is not None and parse(self.locked_until) > moment


_COLUMNS = "username, full_name, role, active, failed_attempts, locked_until, created_at"


def _user(row: tuple[object, ...]) -> User:
    username, full_name, role, active, failed, locked_until, created_at = row
    return User(
        username=str(username),
        full_name=str(full_name),
        role=Role(str(role)),
        active=bool(active),
        failed_attempts=int(str(failed)),
        locked_until=str(locked_until) if locked_until else None,
        created_at=str(created_at),
    )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def take_accounts_turn(conn: Connection) -> None:
    """Accounts are added one at a time until this transaction ends (office database): two
    first-run set-ups cannot both make "the first admin", and a name taken meanwhile is seen."""
    serialise(conn, "koopbis.users")


def get_user(store: Store, username: str) -> User | None:
    row = store.execute(f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username,)).fetchone()
    return _user(row) if row else None


def list_users(store: Store) -> list[User]:
    """Every account in Turkish order of the name (çağrı after burak, İlker before mehmet).

    An office has dozens of accounts, so they are sorted here by ``domain.text.collation_key``;
    the SQL ``ORDER BY username`` put every name with a Turkish first letter after "z".
    """
    rows = store.execute(f"SELECT {_COLUMNS} FROM users ORDER BY username").fetchall()
    return sorted((_user(r) for r in rows), key=lambda user: (collation_key(user.username), user.username))


def stored_hash(store: Store, username: str) -> str | None:
    """The account's password hash as stored (its parameters say what a check costs)."""
    row = store.execute("SELECT password_hash FROM users WHERE username = ?", (username,)).fetchone()
    return str(row[0]) if row else None


def count_users(store: Store) -> int:
    return int(store.execute("SELECT COUNT(*) FROM users").fetchone()[0])


def insert_user(
    conn: Connection, *, username: str, full_name: str, role: Role, password: str, by: str
) -> None:
    when = stamp()
    conn.execute(
        "INSERT INTO users(username, full_name, role, password_hash, created_at, password_changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (username, full_name, role.value, hash_password(password), when, when),
    )
    audit.append(conn, actor=by, action="user_add", details={"username": username, "role": role.value})


_DUMMY_HASH: list[str] = []


def _dummy_hash() -> str:
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(_hasher.hash("koopbis-no-such-account"))
    return _DUMMY_HASH[0]


def _unknown_name_attempts(conn: Connection, username: str, moment: datetime) -> tuple[int, str | None]:
    """The failed-attempt count and lock of a name no account has, replayed from the audit trail.

    The same rule as a real account's (five tries, then LOCKOUT), so the answer to a
    wrong guess reads the same whether the name exists or not.
    """
    since = stamp(moment - LOCKOUT * (MAX_FAILED_ATTEMPTS + 1))
    rows = conn.execute(
        "SELECT at FROM audit WHERE actor = ? AND action = 'login_unknown_user' AND at >= ? ORDER BY seq",
        (username, since),
    ).fetchall()
    failed, locked_until = 0, None
    for (at,) in [*rows, (stamp(moment),)]:
        when = parse(str(at))
        if locked_until is not None and when < locked_until:
            continue
        locked_until = None
        failed += 1
        if failed >= MAX_FAILED_ATTEMPTS:
            locked_until, failed = when + LOCKOUT, 0
    return failed, stamp(locked_until) if locked_until is not None else None


def _check_without_writing(
    store: Store, username: str, password: str, moment: datetime
) -> tuple[str, User | None]:
    """A password check on a database opened read-only: nothing can be counted or audited.

    The same answers as :func:`check_password` otherwise; a lock already recorded holds.
    """
    row = store.query_one(f"SELECT {_COLUMNS}, password_hash FROM users WHERE username = ?", (username,))
    if row is None:
        with contextlib.suppress(VerificationError, InvalidHashError):
            _hasher.verify(_dummy_hash(), password)
        return LoginOutcome.WRONG, User(username, "", Role.CLERK, True, 1, None, "")
    user = _user(row[:-1])
    if user.locked_at(moment):
        return LoginOutcome.LOCKED, user
    try:
        _hasher.verify(str(row[-1]), password)
    except (VerificationError, InvalidHashError):
        return LoginOutcome.WRONG, replace(user, failed_attempts=user.failed_attempts + 1)
    if not user.active:
        return LoginOutcome.DISABLED, user
    return LoginOutcome.OK, user


class LoginOutcome:
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    DISABLED = "disabled"
    UNKNOWN = "unknown"


def check_password(
    store: Store, username: str, password: str, *, at: datetime | None = None, proven: bool = False
) -> tuple[str, User | None]:
    """Check a password, counting failures and locking the account after five.

    ``proven``: this account's key slot has just unwrapped the database key with this very
    password (a slot is rewrapped whenever the password is set, dropped when the account is
    closed), so the hash is not checked a second time; lockout and closing still apply.
    Returns the outcome and the user (as stored after the attempt).
    """
    moment = at or clock_now()
    if store.read_only:
        return _check_without_writing(store, username, password, moment)
    with store.atomic() as conn:
        # One check of a name at a time: the count read here is written back plus one after
        # argon2, so two PCs trying the same name at once would otherwise both read the same
        # count and one try would go uncounted (the office database has no file-wide write
        # lock; SQLite's BEGIN IMMEDIATE already takes turns). Unknown names too: their tries
        # are counted from the audit trail, which a concurrent check cannot see uncommitted.
        serialise(conn, f"koopbis.login:{username}")
        row = conn.execute(
            f"SELECT {_COLUMNS}, password_hash FROM users WHERE username = ?", (username,)
        ).fetchone()
        if row is None:
            # Spend the same argon2 work and count the same five tries as for a real
            # account, so neither the time nor the message tells a guesser the name is unknown.
            with contextlib.suppress(VerificationError, InvalidHashError):
                _hasher.verify(_dummy_hash(), password)
            failed, locked_until = _unknown_name_attempts(conn, username, moment)
            audit.append(
                conn,
                actor=username,
                action="login_unknown_user",
                details={"failed_attempts": failed},
                at=moment,
            )
            phantom = User(username, "", Role.CLERK, True, failed, locked_until, "")
            return (LoginOutcome.LOCKED if locked_until else LoginOutcome.WRONG), phantom
        user = _user(row[:-1])
        if user.locked_at(moment):
            audit.append(conn, actor=username, action="login_while_locked", at=moment)
            return LoginOutcome.LOCKED, user
        try:
            if not proven:
                _hasher.verify(str(row[-1]), password)
        except (VerificationError, InvalidHashError):
            failed = user.failed_attempts + 1
            locked_until = None
            if failed >= MAX_FAILED_ATTEMPTS:
                locked_until = stamp(moment + LOCKOUT)
                failed = 0
            conn.execute(
                "UPDATE users SET failed_attempts = ?, locked_until = COALESCE(?, locked_until) WHERE username = ?",
                (failed, locked_until, username),
            )
            audit.append(
                conn,
                actor=username,
                action="login_locked" if locked_until else "login_failed",
                details={"failed_attempts": failed if not locked_until else MAX_FAILED_ATTEMPTS},
                at=moment,
            )
            refreshed = get_user(store, username)
            return (LoginOutcome.LOCKED if locked_until else LoginOutcome.WRONG), refreshed
        if not user.active:
            # Said only to someone who knows the password: to anyone else a closed
            # account answers like every other name.
            audit.append(conn, actor=username, action="login_disabled", at=moment)
            return LoginOutcome.DISABLED, user
        if not proven and _hasher.check_needs_rehash(str(row[-1])):
            conn.execute(
                "UPDATE users SET password_hash = ? WHERE username = ?",
                (hash_password(password), username),
            )
        conn.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?",
            (username,),
        )
        audit.append(conn, actor=username, action="login", at=moment)
    return LoginOutcome.OK, get_user(store, username)


def set_password(conn: Connection, username: str, password: str, by: str) -> None:
    conn.execute(
        "UPDATE users SET password_hash = ?, password_changed_at = ?, failed_attempts = 0, locked_until = NULL "
        "WHERE username = ?",
        (hash_password(password), stamp(), username),
    )
    audit.append(conn, actor=by, action="user_password", details={"username": username})


def set_active(conn: Connection, username: str, active: bool, by: str) -> None:
    conn.execute("UPDATE users SET active = ? WHERE username = ?", (int(active), username))
    audit.append(
        conn,
        actor=by,
        action="user_enable" if active else "user_disable",
        details={"username": username},
    )


def unlock(conn: Connection, username: str, by: str) -> None:
    conn.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?", (username,))
    audit.append(conn, actor=by, action="user_unlock", details={"username": username})


def count_by_role(store: Store) -> dict[str, int]:
    return {
        str(role): int(count) for role, count in store.query("SELECT role, count(*) FROM users GROUP BY role")
    }


def person_names(store: Store) -> Iterator[str]:
    """Every person's name (and username) the database knows: users and the snapshot's people."""
    for sql in (
        "SELECT full_name FROM members",
        "SELECT full_name FROM board_members",
        "SELECT full_name FROM auditors",
        "SELECT full_name FROM users",
        "SELECT username FROM users",
    ):
        try:
            rows = store.query(sql)
        except sqlite3.Error:
            continue  # an older schema without the table: nobody of it to name
        for (name,) in rows:
            if name is not None:
                yield str(name)
