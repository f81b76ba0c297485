"""Where a database lives: a file on this PC (SQLite) or an office database URL (PostgreSQL).

``--db``, ``KOOPBIS_DB`` and the settings give one string. A string with a URL scheme
is never taken for a file name: ``postgresql://…`` names the office database, any
other scheme is refused with a sentence. Windows drive letters (``C:\\…``) are paths.

The office connection requires TLS unless the URL says otherwise for a server on
this very machine: names, TCKNs and addresses of members cross the office LAN.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from koopbis_desktop.domain.errors import ExitCode, KoopbisError
from koopbis_desktop.domain.i18n import tx

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
OFFICE_SCHEMES = ("postgresql", "postgres")
#: sslmode values that encrypt the connection (libpq's names).
TLS_MODES = ("require", "verify-ca", "verify-full")
_LOOPBACK = ("localhost", "127.0.0.1", "::1", "")


class LocationError(KoopbisError):
    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class OfficeUrl:
    """A PostgreSQL office database: ``postgresql://user[:password]@host[:port]/dbname[?…]``."""

    url: str

    @property
    def _parts(self) -> tuple[str, str, str, int, str, dict[str, str]]:
        split = urlsplit(self.url)
        query = dict(parse_qsl(split.query))
        return (
            unquote(split.username or ""),
            unquote(split.password or ""),
            split.hostname or query.get("host", ""),
            split.port or int(query.get("port", "5432")),
            unquote(split.path.lstrip("/")),
            query,
        )

    @property
    def user(self) -> str:
        return self._parts[0]

    @property
    def password(self) -> str:
        return self._parts[1]

    @property
    def host(self) -> str:
        return self._parts[2]

    @property
    def port(self) -> int:
        return self._parts[3]

    @property
    def dbname(self) -> str:
        return self._parts[4]

    @property
    def sslmode(self) -> str:
        return self._parts[5].get("sslmode", "require")

    @property
    def display(self) -> str:
        """The URL without its password: what screens, logs and audit rows may show."""
        return self.with_password(None).url

    @property
    def account_key(self) -> str:
        """The name under which the OS keyring keeps this connection's password."""
        return f"ofis:{self.user}@{self.host}:{self.port}/{self.dbname}"

    def with_password(self, password: str | None) -> OfficeUrl:
        split = urlsplit(self.url)
        netloc = split.hostname or ""
        if ":" in netloc:
            netloc = f"[{netloc}]"
        if split.port:
            netloc += f":{split.port}"
        if split.username:
            auth = quote(unquote(split.username), safe="")
            if password:
                auth += ":" + quote(password, safe="")
            netloc = f"{auth}@{netloc}"
        return OfficeUrl(_unsplit(split.scheme, netloc, split.path, split.query, split.fragment))

    def conninfo(self) -> str:
        """The URL psycopg connects with: TLS required unless the URL chose otherwise."""
        split = urlsplit(self.url)
        query = dict(parse_qsl(split.query))
        query.setdefault("sslmode", "require")
        query.setdefault("connect_timeout", "5")
        query.setdefault("application_name", "koopbis-desktop")
        return _unsplit(split.scheme, split.netloc, split.path, urlencode(query))

    def __str__(self) -> str:
        return self.display


def _unsplit(scheme: str, netloc: str, path: str, query: str = "", fragment: str = "") -> str:
    """``urlunsplit`` that keeps the ``//`` of an empty server (the socket form
    ``postgresql:///koopbis?host=/var/run/postgresql``): without it libpq reads
    ``postgresql:/koopbis?host`` as one unknown option and never connects."""
    url = f"{scheme}://{netloc}{path}"
    if query:
        url += f"?{query}"
    if fragment:
        url += f"#{fragment}"
    return url


Location = Path | OfficeUrl


def parse_location(text: str | os.PathLike[str]) -> Location:
    """A path or an office URL; an unknown scheme or an incomplete URL is refused, never a file."""
    if isinstance(text, Path):
        return text
    raw = os.fspath(text).strip()
    match = _SCHEME.match(raw)
    if match is None or _DRIVE.match(raw):
        return Path(raw).expanduser()
    scheme = match.group(1).lower()
    if scheme == "file":
        return Path(unquote(urlsplit(raw).path)).expanduser()
    if scheme not in OFFICE_SCHEMES:
        raise LocationError(
            tx(
                "'{text}' bir dosya yolu değil, '{scheme}:' ile başlayan bir adres. Bu program yalnızca bu "
                "bilgisayardaki bir veritabanı dosyasını ya da postgresql://kullanıcı@sunucu/veritabanı "
                "biçiminde bir ofis veritabanını açar."
            ).format(text=raw, scheme=scheme)
        )
    url = OfficeUrl(raw)
    try:
        url.port  # noqa: B018 - parses the port, which may be malformed
    except ValueError as exc:
        raise LocationError(
            tx("Ofis veritabanı adresinde sunucu kapısı (port) sayı değil: {url}").format(url=raw)
        ) from exc
    if not url.dbname:
        raise LocationError(
            tx(
                "Ofis veritabanı adresinde veritabanının adı yok: {url}. Biçim: "
                "postgresql://kullanıcı@sunucu:5432/veritabanı"
            ).format(url=url.display)
        )
    if url.sslmode not in TLS_MODES and url.host not in _LOOPBACK and not url.host.startswith("/"):
        raise LocationError(
            tx(
                "Ofis veritabanına şifresiz bağlantı (sslmode={mode}) kabul edilmiyor: üyelerin adları ve "
                "kimlik numaraları ağdan açık geçerdi. Adresten sslmode'u kaldırın (varsayılan: require) ve "
                'sunucuda TLS\'i açın (README, "Ofis veritabanı").'
            ).format(mode=url.sslmode)
        )
    return url


def is_office(location: Location) -> bool:
    return isinstance(location, OfficeUrl)


__all__ = ["OFFICE_SCHEMES", "Location", "LocationError", "OfficeUrl", "is_office", "parse_location"]
