"""The support bundle: one zip the ministry's technical support can read — without personal data.

When something goes wrong in a directorate, support needs the logs, the program
and library versions, the settings, the schema version, how many entries sit in
which state and whether the audit chain holds. It must not get the people in
the database: no TCKN or VKN, no member, board or user names, no passwords, no
entry payloads. So the bundle is built from counts and declared settings only,
and the logs — which can hold anything an exception message carried, or a command
line as version 0.1.0 logged it on an unexpected error (``koopbis entry add
--data '{...}'``; now only the command's words and option names) — are scrubbed line
by line before they are added:

* runs of 7 or more digits (TCKN, VKN, MERSİS, phone numbers) are masked, and
  10 or more digits written in groups ("123 456 789 01");
* the value after "password", "parola", "şifre", "token" and the like is masked;
* anything in quotes or braces (payloads, JSON, repr of values) is replaced;
* every word that is part of a person's name or of an entry's payload in the
  database is masked, whatever its case or Turkish letters (compared through
  ``fold``) — names cannot be recognised by their shape, but they can by
  being in the database;
* the home folder in paths (which names the Windows user) becomes ``~``.

A test fills a database with demo people and entries, writes such log lines,
builds a bundle and reads every byte of it to prove none of them leaks.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import sys
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from koopbis_desktop import __version__, paths
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.text import fold
from koopbis_desktop.services import queries, settings
from koopbis_desktop.store import audit, entries, migrations, snapshot, users
from koopbis_desktop.store.db import Store
from koopbis_desktop.store.errors import StoreError

MASK = "***"
_DIGITS = re.compile(r"\d{7,}")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|«[^»]*»")
_BRACED = re.compile(r"\{.*\}|\[[^\]]*'.*\]")
_WORD = re.compile(r"\w+")
_FRAME = re.compile(r'^  File "[^"]*", line \d+, in [\w<>.]+$')
_SPACED_DIGITS = re.compile(r"(?<!\d)\d+(?: \d+)+(?!\d)")  # "123 456 789 01"
_SECRET = re.compile(r"(?i)(passw(?:or)?d|parola|şifre|sifre|secret|token|authorization)(\S*?[=:]\s*|\s+)\S+")
# Settings whose value may name a person or their folder: only whether they are set is reported.
_PRIVATE_SETTINGS = {"server_username", "backup_dir"}
_LIBRARIES = (
    "PySide6-Essentials",
    "shiboken6",
    "openpyxl",
    "sqlite-utils",
    "requests",
    "argon2-cffi",
    "keyring",
)


class SupportBundleError(StoreError):
    """The bundle could not be written; ``message`` says why in Turkish."""


def log_folder() -> Path:
    """Where the program writes its logs (``KOOPBIS_LOG_DIR`` or the user log folder)."""
    env = os.environ.get("KOOPBIS_LOG_DIR")
    return Path(env) if env else paths.log_dir()


# ------------------------------------------------------------------ scrubbing


def _words(text: str | None) -> Iterator[str]:
    for word in _WORD.findall(fold(text)):
        if len(word) >= 3 and not word.isdigit():
            yield word


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def personal_words(store: Store) -> set[str]:
    """Folded words of every person's name and every entry payload value in the database."""
    words: set[str] = set()
    for name in users.person_names(store):
        words.update(_words(name))
    for payload in entries.all_payloads(store):
        try:
            for text in _strings(json.loads(payload)):
                words.update(_words(text))
        except ValueError:
            continue
    return words


class Scrubber:
    """Removes personal data from log text (see the module docstring for the rules)."""

    def __init__(self, words: Iterable[str], home: str | None = None) -> None:
        self.words = set(words)
        self.home = home if home is not None else str(Path.home())

    def _word(self, match: re.Match[str]) -> str:
        word = match.group(0)
        return MASK if fold(word) in self.words else word

    @staticmethod
    def _spaced(match: re.Match[str]) -> str:
        digits = sum(ch.isdigit() for ch in match.group(0))
        return MASK if digits >= 10 else match.group(0)

    def line(self, text: str) -> str:
        if self.home and len(self.home) > 1:
            text = text.replace(self.home, "~")
        if _FRAME.match(text):
            return text  # a traceback frame: source path, line and function, no data
        text = _SECRET.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
        text = _BRACED.sub("{" + MASK + "}", text)
        text = _QUOTED.sub("'" + MASK + "'", text)
        text = _DIGITS.sub(MASK, text)
        text = _SPACED_DIGITS.sub(self._spaced, text)
        return _WORD.sub(self._word, text)

    def text(self, text: str) -> str:
        return "\n".join(self.line(line) for line in text.split("\n"))


# ------------------------------------------------------------------ facts


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def system_facts(extra: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Program, Python, OS and library versions (``extra``: e.g. the running Qt version from the UI)."""
    facts: dict[str, Any] = {
        "program": "KOOP-BİS Desktop",
        "version": __version__,
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "os": platform.platform(terse=True),
        "machine": platform.machine(),
        "sqlite": sqlite3.sqlite_version,
        "libraries": {name: _version(name) for name in _LIBRARIES},
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    facts.update(extra or {})
    return facts


def database_facts(store: Store) -> dict[str, Any]:
    """Schema version, declared settings (private ones only as set / not set), counts, audit check."""
    declared: dict[str, Any] = {}
    for spec in settings.SETTINGS:
        value = settings.get(store, spec.key)
        if spec.key in _PRIVATE_SETTINGS:
            declared[spec.key] = "(ayarlı)" if value and value != spec.default else "(varsayılan)"
        else:
            declared[spec.key] = value
    verify = audit.verify(store)
    by_role = users.count_by_role(store)
    size: int | None = None
    if isinstance(store.location, Path):
        try:
            size = store.location.stat().st_size
        except OSError:
            size = None
    return {
        "schema_version": store.schema_version(),
        "schema_supported": migrations.LATEST,
        "database_bytes": size,
        "province_code": settings.province_code(store),
        "settings": declared,
        "queue_counts": queries.queue_counts(store),
        "snapshot_rows": snapshot.count_rows(store),
        "users_per_role": by_role,
        "audit": {
            "ok": verify.ok,
            "rows": verify.rows,
            "head_hash": verify.head_hash,
            "bad_seq": verify.bad_seq,
            "reason": verify.reason,
        },
    }


_README = """KOOP-BİS Desktop destek paketi
==============================

Bu paket teknik destek için hazırlanmıştır ve kişisel veri İÇERMEZ:
T.C. kimlik / vergi numaraları, ortak, yönetim kurulu ve kullanıcı adları,
parolalar ve kayıtların içeriği pakete konmaz.

  system.json    program, Python, Qt ve kütüphane sürümleri, işletim sistemi
  database.json  şema sürümü, ayarlar (kişisel olabilecekler yalnızca "ayarlı"),
                 durumlara göre kayıt sayıları, kooperatif listesi satır sayıları,
                 denetim izi doğrulama sonucu
  logs/          günlük dosyaları; 7 ve daha uzun rakam dizileri, tırnak ve
                 süslü parantez içindeki değerler, veritabanındaki kişi adlarının
                 ve kayıt içeriklerinin kelimeleri *** ile gizlenmiştir.

Oluşturulma: {created}
"""


def write_bundle(store: Store, target: Path | str, *, extra: Mapping[str, str] | None = None) -> Path:
    """Write the support bundle zip to ``target`` and return its path."""
    path = Path(target)
    if path.suffix.lower() != ".zip":
        raise SupportBundleError(tx("Destek paketi .zip uzantılı olmalı: {name}").format(name=path.name))
    if not path.parent.is_dir():
        raise SupportBundleError(tx("Klasör bulunamadı: {parent}").format(parent=path.parent))
    scrubber = Scrubber(personal_words(store))
    created = datetime.now(UTC).astimezone().replace(microsecond=0).isoformat()
    folder = log_folder()
    logs = sorted(p for p in folder.glob("*.log*") if p.is_file()) if folder.is_dir() else []
    try:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("README.txt", _README.format(created=created))
            bundle.writestr("system.json", json.dumps(system_facts(extra), ensure_ascii=False, indent=2))
            bundle.writestr(
                "database.json", json.dumps(database_facts(store), ensure_ascii=False, indent=2, default=str)
            )
            for log in logs:
                try:
                    text = log.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                bundle.writestr(f"logs/{log.name}", scrubber.text(text))
    except OSError as exc:
        raise SupportBundleError(
            tx("Destek paketi yazılamadı: {path} ({v}).").format(path=path, v=exc.strerror or exc)
        ) from exc
    return path
