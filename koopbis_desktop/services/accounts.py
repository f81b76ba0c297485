"""Logging in and managing local accounts; the roles and lockout rules apply on every path.

On an encrypted database each account's password also wraps the database key
(its slot in the key file): adding an account or setting a password rewraps,
disabling removes the slot, so a disabled account cannot open the file.
"""

from __future__ import annotations

from datetime import datetime

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.issues import Issue
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, Role
from koopbis_desktop.domain.text import fold, nfc
from koopbis_desktop.services.errors import LoginFailed, ValidationFailed
from koopbis_desktop.store import encryption, users
from koopbis_desktop.store.acting import require_active
from koopbis_desktop.store.clock import now as clock_now
from koopbis_desktop.store.clock import parse
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.engine import Connection
from koopbis_desktop.store.errors import NotFound

MIN_PASSWORD_LENGTH = 8


def login(store: Store, username: str, password: str, *, at: datetime | None = None) -> Actor:
    """Check the password and return the acting user, or raise LoginFailed in Turkish."""
    moment = at or clock_now()
    # On an encrypted file opened just now with this account's slot, the slot proved the password:
    # one argon2 run per sign-in instead of two.
    proven = store.take_unlocked_by() == username
    outcome, user = users.check_password(store, username, password, at=moment, proven=proven)
    if outcome == users.LoginOutcome.OK and user is not None:
        if not encryption.has_slot(store, user.username):
            # After a migration or a rotation only the admin who ran it had a slot: the
            # others get theirs the first time they sign in on the open database.
            encryption.set_slot(store, user.username, password)
        return Actor(user.username, user.role)
    if outcome == users.LoginOutcome.LOCKED and user is not None and user.locked_until:
        minutes = max(1, round((parse(user.locked_until) - moment).total_seconds() / 60))
        raise LoginFailed(
            tx(
                "Hesap {MAX_FAILED_ATTEMPTS} hatalı denemeden sonra kilitlendi; {minutes} dakika sonra yeniden deneyin ya da yöneticiye kilidi açtırın."
            ).format(MAX_FAILED_ATTEMPTS=users.MAX_FAILED_ATTEMPTS, minutes=minutes)
        )
    if outcome == users.LoginOutcome.DISABLED:
        # Only after the right password: a wrong one reads the same for every name.
        raise LoginFailed(tx("Bu hesap kapatılmış. Yöneticinize başvurun."))
    if outcome == users.LoginOutcome.WRONG and user is not None:
        left = users.MAX_FAILED_ATTEMPTS - user.failed_attempts
        raise LoginFailed(
            tx(
                "Kullanıcı adı ya da parola hatalı. Hesap kilitlenmeden önce {left} deneme hakkınız kaldı."
            ).format(left=left)
        )
    raise LoginFailed(tx("Kullanıcı adı ya da parola hatalı."))


def _check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            [
                Issue(
                    "password",
                    tx("Parola en az {MIN_PASSWORD_LENGTH} karakter olmalıdır.").format(
                        MIN_PASSWORD_LENGTH=MIN_PASSWORD_LENGTH
                    ),
                )
            ],
            tx("Parola en az {MIN_PASSWORD_LENGTH} karakter olmalıdır.").format(
                MIN_PASSWORD_LENGTH=MIN_PASSWORD_LENGTH
            ),
        )


def check_password(password: str) -> None:
    """Refuse (ValidationFailed) a password no account may have, before anything is made for it."""
    _check_password_strength(password)


def _require_admin(actor: Actor | None) -> Actor:
    if actor is None or actor.role != Role.ADMIN:
        raise NotPermitted(tx("Kullanıcı hesaplarını yalnızca yönetici (admin) yönetebilir."))
    return actor


def _acting_admin(conn: Connection, by: Actor | None) -> Actor:
    """``by`` as an administrator whose account is still open (re-read inside the accounts turn).

    Two administrators closing each other's accounts on two PCs at once: the second, taking its
    turn after the first, finds its own account closed and is refused — one stays open.
    """
    admin = _require_admin(by)
    require_active(conn, admin)
    return admin


def check_username(username: str) -> str:
    """``username`` trimmed and composed (NFC), if it can name an account; else ValidationFailed
    (field ``username``). A name typed on a Mac ("S" and a combining cedilla for "Ş") is the
    same name typed on a PC, not a name with a stray mark refused as punctuation."""
    name = nfc(username.strip())
    if not name or not name.replace(".", "").replace("_", "").replace("-", "").isalnum() or len(name) > 64:
        raise ValidationFailed(
            [
                Issue(
                    "username",
                    tx("Kullanıcı adı harf, rakam, nokta, tire ya da alt çizgiden oluşmalıdır."),
                )
            ],
            tx("Kullanıcı adı harf, rakam, nokta, tire ya da alt çizgiden oluşmalıdır."),
        )
    return name


def add_user(
    store: Store,
    by: Actor | None,
    username: str,
    role: Role | str,
    password: str,
    full_name: str = "",
) -> users.User:
    """Add an account. The first account of a database must be an admin and needs no ``by``."""
    role = Role(role)
    name = check_username(username)
    _check_password_strength(password)
    with store.atomic() as conn:
        users.take_accounts_turn(conn)
        first = users.count_users(store) == 0
        if first:
            if role != Role.ADMIN:
                raise NotPermitted(tx("Yeni veritabanının ilk hesabı yönetici (admin) rolünde olmalıdır."))
            actor_name = name
        else:
            actor_name = _acting_admin(conn, by).username
        if users.get_user(store, name) is not None:
            raise ValidationFailed(
                [Issue("username", tx("'{name}' kullanıcı adı zaten var.").format(name=name))],
                tx("'{name}' kullanıcı adı zaten var.").format(name=name),
            )
        _refuse_look_alike(store, name)
        users.insert_user(
            conn,
            username=name,
            full_name=full_name.strip(),
            role=role,
            password=password,
            by=actor_name,
        )
        encryption.set_slot(store, name, password)
    user = users.get_user(store, name)
    assert user is not None
    return user


def _refuse_look_alike(store: Store, name: str) -> None:
    """Refuse a name that differs from an account's only in case or Turkish letters ("ILKER",
    "ılker" beside "İlker"; "ayşe" beside "ayse"): two such accounts are one person to a reader
    of the audit trail or a list, and one typed for the other signs in as someone else."""
    folded = fold(name)
    for user in users.list_users(store):
        if fold(user.username) == folded:
            message = tx(
                "'{name}' kullanıcı adı, var olan '{existing}' hesabından yalnızca büyük/küçük harf ya da "
                "Türkçe harflerle ayrılıyor; ikisi karıştırılır. Başka bir kullanıcı adı seçin ya da "
                "'{existing}' hesabını kullanın."
            ).format(name=name, existing=user.username)
            raise ValidationFailed([Issue("username", message)], message)


def _existing(store: Store, username: str) -> users.User:
    user = users.get_user(store, username)
    if user is None:
        raise NotFound(tx("Kullanıcı bulunamadı: {username}").format(username=username))
    return user


def disable_user(store: Store, by: Actor, username: str) -> None:
    _require_admin(by)
    if username == by.username:
        raise NotPermitted(tx("Kendi hesabınızı kapatamazsınız; başka bir yönetici kapatmalı."))
    with store.atomic() as conn:
        users.take_accounts_turn(conn)
        _acting_admin(conn, by)
        _existing(store, username)
        users.set_active(conn, username, False, by.username)
        encryption.drop_slot(store, username)


def enable_user(store: Store, by: Actor, username: str) -> None:
    """Enabling gives no slot back (nobody knows the password): a password reset or the next sign-in does."""
    with store.atomic() as conn:
        users.take_accounts_turn(conn)
        _acting_admin(conn, by)
        _existing(store, username)
        users.set_active(conn, username, True, by.username)
        if not encryption.has_slot(store, username):
            encryption.await_slots(store, [username])


def unlock_user(store: Store, by: Actor, username: str) -> None:
    with store.atomic() as conn:
        users.take_accounts_turn(conn)
        _acting_admin(conn, by)
        _existing(store, username)
        users.unlock(conn, username, by.username)
    encryption.clear_failures(store, username)


def change_password(store: Store, by: Actor, username: str, new_password: str) -> None:
    """A user changes their own password; an admin may set anyone's. A closed account's
    session (signed in before it was closed) changes nothing: a new password would give
    the account a key slot again."""
    if by.username != username:
        _require_admin(by)
    _check_password_strength(new_password)
    with store.atomic() as conn:
        users.take_accounts_turn(conn)
        if by.username != username:
            _acting_admin(conn, by)
        else:
            require_active(conn, by)
        _existing(store, username)
        users.set_password(conn, username, new_password, by.username)
        encryption.set_slot(store, username, new_password)


def reset_with_recovery(store: Store, username: str, new_password: str) -> None:
    """Every password lost: the recovery key opened ``store``; an admin account gets a new password and slot."""
    user = _existing(store, username)
    if user.role != Role.ADMIN or not user.active:
        raise NotPermitted(
            tx("Kurtarma anahtarıyla yalnızca etkin bir yönetici hesabına yeni parola verilebilir.")
        )
    _check_password_strength(new_password)
    with store.atomic() as conn:
        users.set_password(conn, username, new_password, "kurtarma-anahtari")
        encryption.set_slot(store, username, new_password)


def still_open(store: Store, actor: Actor) -> bool:
    """Whether ``actor``'s account is open now (closed on another PC since the sign-in: False).

    A read only, for a session to notice at once; every change checks it again in its own
    transaction (``store/acting.require_active``)."""
    if actor.is_sync:
        return True
    user = users.get_user(store, actor.username)
    return user is not None and user.active


def list_users(store: Store, by: Actor) -> list[users.User]:
    _require_admin(by)
    return users.list_users(store)
