"""Setting up an office database for the program's own role (``koopbis office init``).

The office's IT connects once as the database's owner: that role creates the
schema and grants the program's role (the one every PC connects as) what the
program needs and nothing more. The audit trail is the point: the program's role
may read it and append to it, never change or remove a row, so a clerk's PC
cannot rewrite history even with the database password. The triggers refuse the
same for every role; the grants make it a permission, not only a trigger.
"""

from __future__ import annotations

import re

from koopbis_desktop.domain.errors import ExitCode
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.store.errors import KnownError
from koopbis_desktop.store.pg import PgStore

_ROLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class OfficeSetupRefused(KnownError):
    exit_code = ExitCode.USAGE


def grant_statements(app_role: str, dbname: str) -> list[str]:
    """The SQL that gives ``app_role`` the program's rights on ``dbname`` (printed for IT too)."""
    if not _ROLE.match(app_role):
        raise OfficeSetupRefused(
            tx("'{role}' bir veritabanı rolü adı olamaz: harf, rakam ve alt çizgi kullanın.").format(
                role=app_role
            )
        )
    role = f'"{app_role}"'
    database = '"' + dbname.replace('"', '""') + '"'
    return [
        f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {role}",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role}",
        # The audit trail: read and append only.
        f"REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM {role}",
        # The schema version is the owner's to move (``koopbis office upgrade``).
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON koopbis_schema FROM {role}",
        f"REVOKE CREATE ON SCHEMA public FROM {role}",
    ]


def role_exists(store: PgStore, role: str) -> bool:
    return store.query_one("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)) is not None


def grant(store: PgStore, app_role: str) -> list[str]:
    """Give ``app_role`` the program's rights (as the owner); returns the statements run."""
    statements = grant_statements(app_role, store.url.dbname)
    if not role_exists(store, app_role):
        raise OfficeSetupRefused(
            tx(
                "Veritabanında '{role}' rolü yok. Önce BT sorumlusu oluştursun: "
                "CREATE ROLE {role} LOGIN PASSWORD '…';"
            ).format(role=app_role)
        )
    with store.atomic():
        for statement in statements:
            store.execute(statement)
    return statements


def privileges_of(store: PgStore, role: str, table: str) -> set[str]:
    """Which of SELECT, INSERT, UPDATE, DELETE, TRUNCATE ``role`` holds on ``table``."""
    found = set()
    for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"):
        row = store.query_one("SELECT has_table_privilege(?, ?, ?)", (role, table, privilege))
        if row and row[0]:
            found.add(privilege)
    return found


__all__ = ["OfficeSetupRefused", "grant", "grant_statements", "privileges_of", "role_exists"]
