"""Connecting this PC to the office database: its role's password, the connection test, what is there.

The set-up wizard and the desktop's start use these. The password of the office
database role comes from the URL, ``PGPASSFILE`` (libpq reads it when none is
given), this PC's OS keyring (entry ``OfficeUrl.account_key``) or the person,
and is then kept in the keyring only — never in a file, a setting or a log. The
URL itself, without its password, is remembered in ``paths.connection_file()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from koopbis_desktop import paths
from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.services import secrets
from koopbis_desktop.store import users
from koopbis_desktop.store.db import open_store
from koopbis_desktop.store.errors import SchemaTooNew
from koopbis_desktop.store.location import OfficeUrl


@dataclass(frozen=True)
class OfficeFacts:
    """What the connection test found in the office database."""

    province_code: str  # "" while no province is claimed
    accounts: int

    @property
    def ready(self) -> bool:
        """Set up by the office's IT (province and first admin): this PC only signs in."""
        return bool(self.province_code) and self.accounts > 0


class OfficeSchemaTooNew(KoopbisError):
    def __init__(self, url: OfficeUrl, found: int, supported: int) -> None:
        super().__init__(
            tx(
                "Ofis veritabanı ({url}) KOOP-BİS Masaüstü'nün daha yeni bir sürümüyle kurulmuş (şema {found}, "
                "bu bilgisayardaki sürüm en çok {supported} açabilir). Bu bilgisayardaki programı ofisteki "
                "sürüme güncelleyin; veritabanına dokunulmadı."
            ).format(url=url.display, found=found, supported=supported)
        )


def known_password(url: OfficeUrl) -> str | None:
    """The role's password from the URL or this PC's keyring; None lets libpq try ``PGPASSFILE``."""
    return url.password or secrets.get_password(url.account_key)


def keep_password(url: OfficeUrl, password: str | None) -> bool:
    """Keep a typed password in the OS keyring (False: none there, or nothing to keep)."""
    if not password or password == url.password:
        return False
    return secrets.set_password(url.account_key, password)


def probe(url: OfficeUrl, password: str | None) -> OfficeFacts:
    """Connect, check the schema (migrating an older one, as any start would) and read what is there.

    Raises the store's Turkish errors: unreachable, wrong password, database missing,
    no TLS, not set up for KOOP-BİS, another program's tables, schema too new.
    """
    try:
        store = open_store(url, password=password, backups_dir=paths.backups_dir(url))
    except SchemaTooNew as exc:
        raise OfficeSchemaTooNew(url, exc.found, exc.supported) from exc
    try:
        return OfficeFacts(
            province_code=store.setting("province_code") or "",
            accounts=users.count_users(store),
        )
    finally:
        store.close()


@dataclass(frozen=True)
class Forgotten:
    """What ``forget`` removed: the remembered address, and whether the keyring held its password."""

    url: OfficeUrl
    password_removed: bool


def forget() -> Forgotten | None:
    """Make this PC work alone again: drop the remembered office address and its keyring password.

    Nothing in the office database is touched (it need not even be reachable); this PC
    opens its own file from then on. None when no office database was remembered.
    """
    url = paths.remembered_office()
    if url is None:
        return None
    removed = secrets.get_password(url.account_key) is not None and secrets.delete_password(url.account_key)
    paths.forget_office()
    return Forgotten(url, removed)


__all__ = [
    "Forgotten",
    "OfficeFacts",
    "OfficeSchemaTooNew",
    "forget",
    "keep_password",
    "known_password",
    "probe",
]
