"""Who acts now: an account closed since its sign-in acts no more.

A session keeps the ``Actor`` its sign-in made. On the office database an administrator
can close an account on one PC while its owner is still signed in on another; every change
a person makes therefore re-reads the account inside its own transaction. The row is held
(``FOR SHARE``) until the change commits, so a closing waits for changes already under
way and every change after it is refused.
"""

from __future__ import annotations

from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import AccountClosed, Actor
from koopbis_desktop.store.engine import Connection, for_share


def require_active(conn: Connection, actor: Actor) -> None:
    """Raise :class:`AccountClosed` unless ``actor`` is an open account now (the sync engine always acts)."""
    if actor.is_sync:
        return
    row = conn.execute(
        f"SELECT active FROM users WHERE username = ?{for_share(conn)}", (actor.username,)
    ).fetchone()
    if row is None or not row[0]:
        raise AccountClosed(
            tx(
                "Hesabınız siz oturumdayken bir yönetici tarafından kapatıldı; bu işlem yapılmadı. "
                "Oturumu kapatın ve yöneticinize başvurun."
            )
        )
