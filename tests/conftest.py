"""Shared fixtures: a real SQLite store in a temporary folder, accounts, demo cooperatives."""

from __future__ import annotations

import os

# Tests never open a real window; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts
from koopbis_desktop.store.db import Store, open_store

PASSWORD = "parola-1234"


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process tests hash with argon2id at a low cost; subprocess tests use the real one.

    tests/services/test_accounts.py checks the production parameters separately.
    """
    from argon2 import PasswordHasher

    from koopbis_desktop.store import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Logs and the default database never touch the developer's real folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KOOPBIS_LOG_DIR", str(home / "logs"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("KOOPBIS_DB", raising=False)
    monkeypatch.delenv("KOOPBIS_PASSWORD", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "koopbis.sqlite"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = open_store(db_path, create=True, backups_dir=db_path.parent / "backups")
    s.set_setting("province_code", "06")
    yield s
    s.close()


@pytest.fixture
def people(store: Store) -> dict[str, Actor]:
    """An admin, two clerks and two supervisors, logged in."""
    accounts.add_user(store, None, "admin", "admin", PASSWORD, "Yönetici Bey")
    admin = accounts.login(store, "admin", PASSWORD)
    for name, role, full in (
        ("ayse", "clerk", "Ayşe Işık"),
        ("mehmet", "clerk", "Mehmet Çelik"),
        ("sef", "supervisor", "Şükrü Öztürk"),
        ("sef2", "supervisor", "Gülşen Ünal"),
    ):
        accounts.add_user(store, admin, name, role, PASSWORD, full)
    return {
        name: accounts.login(store, name, PASSWORD) for name in ("admin", "ayse", "mehmet", "sef", "sef2")
    }


@pytest.fixture
def cooperatives(store: Store) -> list[dict[str, Any]]:
    """Twenty demo cooperatives of Ankara in the snapshot, plus one titled with every Turkish letter."""
    from koopbis_desktop.store import snapshot

    records = list(demo_data.cooperatives("06", 20, seed=7))
    special = dict(records[0])
    special.update(
        id="06-900001",
        title="IŞIK Çağdaş Güneşli Ören Konut Yapı Kooperatifi",
        vkn=demo_data.vkn(random.Random(99)),
    )
    records.append(special)
    snapshot.upsert_records(store, records)
    return records


def valid_tckn(seed: int) -> str:
    return demo_data.tckn(random.Random(seed))


def member_admission(seed: int = 1, **overrides: Any) -> dict[str, Any]:
    """A valid member admission (``member.admit``) as a clerk types it; ``overrides`` replace fields."""
    data: dict[str, Any] = {
        "member_id": valid_tckn(seed),
        "full_name": "Zeynep Işık",
        "effective_date": "02.03.2015",
        "decision_no": "2015/14",
        "shares": 2,
        "subscribed_amount": "2.000,00",
        "paid_amount": "500",
    }
    data.update(overrides)
    return data
