"""The demo database that ``make run`` opens: one province, three accounts, a snapshot, some entries.

It lets a person try every flow on a fresh machine without a real snapshot file.
The snapshot is the same one the training server loads with ``--seed-data 500``
(``domain.demo_data`` with its default seed), so a demo sync later finds the same
cooperatives on both sides. Entries are made through the services, so they carry
real revisions and audit rows.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

from koopbis_desktop import paths
from koopbis_desktop.domain import demo_data
from koopbis_desktop.domain.errors import KoopbisError
from koopbis_desktop.domain.lifecycle import Actor
from koopbis_desktop.services import accounts, capture, review
from koopbis_desktop.store import encryption, keyfile, listing, snapshot
from koopbis_desktop.store.db import Store, is_initialised

DEMO_PROVINCE = "06"
DEMO_COOPERATIVES = 500
# Documented in README ("Desktop app"): demo accounts only, never a real database.
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str], ...] = (
    ("admin", "admin", "demo-admin-2015", "Demo Yönetici"),
    ("memur", "clerk", "demo-memur-2015", "Ayşe Işık"),
    ("sef", "supervisor", "demo-sef-2015", "Şükrü Öztürk"),
)


def demo_database_path() -> Path:
    return paths.data_dir() / "demo" / paths.DB_FILENAME


def _admission(rng: random.Random, name: str, day: str, decision: str, paid: str = "500") -> dict[str, Any]:
    return {
        "member_id": demo_data.tckn(rng),
        "full_name": name,
        "effective_date": day,
        "decision_no": decision,
        "shares": 2,
        "subscribed_amount": "2.000,00",
        "paid_amount": paid,
    }


def _make_entries(store: Store, clerk: Actor, supervisor: Actor, coop_ids: list[str]) -> int:
    """A handful of entries in the states a person meets first; returns how many."""
    rng = random.Random(2015)
    made = 0
    coop_ids = [coop_ids[i % len(coop_ids)] for i in range(10)]  # a tiny demo reuses cooperatives

    draft = capture.create_entry(
        store, clerk, "member.admit", coop_ids[0], _admission(rng, "Zeynep Işık", "02.03.2015", "2015/14")
    )
    made += 1
    # Paid less than a quarter of the subscription: a Law 1163 warning, still saveable.
    capture.create_entry(
        store,
        clerk,
        "member.admit",
        coop_ids[1],
        _admission(rng, "Çağrı Güneş", "03.03.2015", "2015/15", paid="100"),
    )
    made += 1

    submitted = capture.create_entry(
        store, clerk, "member.admit", coop_ids[2], _admission(rng, "Ömer Şahin", "27.02.2015", "2015/9")
    )
    capture.submit_entry(store, clerk, submitted.uuid)
    made += 1

    assembly = capture.create_entry(
        store,
        clerk,
        "assembly.record",
        coop_ids[3],
        {
            "kind": "olagan",
            "effective_date": "21.02.2015",
            "fiscal_year": 2014,
            "place": "Kooperatif merkezi, Çankaya",
            "representative_name": "Gülşen Ünal",
            "result": "yapildi",
            "attendees": 23,
        },
    )
    capture.submit_entry(store, clerk, assembly.uuid)
    made += 1

    returned = capture.create_entry(
        store, clerk, "member.admit", coop_ids[4], _admission(rng, "İsmail Öztürk", "26.02.2015", "2015/7")
    )
    capture.submit_entry(store, clerk, returned.uuid)
    review.return_entry(
        store, supervisor, returned.uuid, "Karar numarası yönetim kurulu defteriyle uyuşmuyor; düzeltin."
    )
    made += 1

    for index, name in enumerate(("Şule Çelik", "Hüseyin Ağaoğlu")):
        approved = capture.create_entry(
            store,
            clerk,
            "member.admit",
            coop_ids[5 + index],
            _admission(rng, name, f"2{index + 3}.02.2015", f"2015/{3 + index}"),
        )
        capture.submit_entry(store, clerk, approved.uuid)
        review.approve_entry(store, supervisor, approved.uuid, "Uygun")
        made += 1

    capture.withdraw_entry(store, clerk, draft.uuid, "Yanlış kooperatife girildi.")
    return made


def populate_demo(store: Store, *, cooperatives: int = DEMO_COOPERATIVES) -> bool:
    """Fill an open, empty database with the demo data; False when it was already set up."""
    if is_initialised(store):
        return False
    snapshot.upsert_records(store, demo_data.cooperatives(DEMO_PROVINCE, cooperatives))
    actors: dict[str, Actor] = {}
    admin: Actor | None = None
    for username, role, password, full_name in DEMO_ACCOUNTS:
        accounts.add_user(store, admin, username, role, password, full_name)
        actors[username] = accounts.login(store, username, password)
        if admin is None:
            admin = actors[username]
    coop_ids = listing.cooperative_ids(store, 10)
    _make_entries(store, actors["memur"], actors["sef"], coop_ids)
    # Last, so a run interrupted half-way is redone on the next start.
    store.set_setting("province_code", DEMO_PROVINCE)
    return True


def create_demo_database(path: Path, *, cooperatives: int = DEMO_COOPERATIVES) -> Path:
    """Create the demo database at ``path`` unless it is already there; returns ``path``.

    The demo is built in a ``.partial`` file and renamed into place when complete,
    so a start interrupted half-way (power cut, closed window) never leaves a
    half-made demo behind: the next start simply builds it again.
    """
    path = Path(path)
    if path.exists():
        try:
            store = open_demo(path)
        except KoopbisError:
            store = None  # an encrypted demo cut off before its accounts: nothing to keep
        if store is not None:
            try:
                if is_initialised(store):
                    return path
            finally:
                store.close()
        _remove_database(path)  # an unfinished demo from an older version: start over
    partial = path.with_name(path.name + ".partial")
    _remove_database(partial)
    # Encrypted from the first byte, like a real first run; the demo accounts' slots open it.
    store = encryption.create_encrypted(partial, backups_dir=paths.backups_dir(path))
    try:
        populate_demo(store, cooperatives=cooperatives)
        store.checkpoint()
    finally:
        store.close()
    _remove_database(partial, main_file=False)
    os.replace(keyfile.keyfile_path(partial), keyfile.keyfile_path(path))
    os.replace(partial, path)
    return path


def open_demo(path: Path) -> Store:
    """The demo database, opened with the demo admin's password (encrypted) or as it is (an older plain demo)."""
    username, _role, password, _name = DEMO_ACCOUNTS[0]
    return encryption.open_with_password(path, username, password, backups_dir=paths.backups_dir(path))


def _remove_database(path: Path, *, main_file: bool = True) -> None:
    for suffix in ("", "-wal", "-shm", keyfile.SUFFIX) if main_file else ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
