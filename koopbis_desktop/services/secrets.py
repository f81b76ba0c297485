"""The KOOP-BİS password in the OS keyring, and nowhere else.

Without a usable keyring (a server without a desktop session, a locked-down PC)
every function answers "not stored" instead of raising, and the sync asks for the
password when it needs it. The password is never written to the database, a
setting or a log.
"""

from __future__ import annotations

import logging

# keyring is imported by the calls below: loading it finds the OS's backends through the
# installed packages' entry points, which a start that never reads a password does not pay.

SERVICE = "koopbis-desktop"
log = logging.getLogger(__name__)


def get_password(username: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        value = keyring.get_password(SERVICE, username)
    except (KeyringError, RuntimeError) as exc:
        log.info("no keyring for reading: %s", type(exc).__name__)
        return None
    return str(value) if value is not None else None


def set_password(username: str, password: str) -> bool:
    """Store the password; False when no secure store exists (nothing written anywhere)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, username, password)
    except (KeyringError, RuntimeError) as exc:
        log.info("no keyring for writing: %s", type(exc).__name__)
        return False
    return True


def delete_password(username: str) -> bool:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.delete_password(SERVICE, username)
    except (KeyringError, RuntimeError) as exc:
        log.info("no keyring entry deleted: %s", type(exc).__name__)
        return False
    return True
