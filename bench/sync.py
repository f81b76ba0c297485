"""Benchmark: the sync engine against a bare POST loop, same 5,000 payloads, same server, same run.

The engine does per entry what exactly-once needs — a committed ``sending`` move
with its audit row before the request, the answer stored with the ``synced`` move
and its audit row after it, planning per cooperative, the base chained along the
cooperative's earlier entries — and sends its windows as ``POST /changes:batch``
(the server's ``/health`` offers it), while the bare loop POSTs the same bodies
one by one with the same idempotency keys over one ``requests.Session``. ``ratio``
is the engine's rate over the bare loop's in the same run (goal ≥ 2). With
``--no-batch`` the server offers no batches and the engine posts one by one too
(the figure before issue 16). The reference server runs as its own process on
loopback and is reset between runs, so every run applies all 5,000 changes for real.

    .venv/bin/python bench/sync.py [--entries 5000] [--cooperatives 500] [--no-batch]

Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from koopbis_desktop.domain import demo_data  # noqa: E402
from koopbis_desktop.services import accounts, capture, review  # noqa: E402
from koopbis_desktop.store import backup, entries, snapshot  # noqa: E402
from koopbis_desktop.store.db import Store, open_store  # noqa: E402
from sync.executor import ExecutorConfig, change_body  # noqa: E402
from sync.scheduler import Status, SyncOptions, sync_store  # noqa: E402

ADMIN = {"Authorization": "Bearer egitim-admin"}
PASSWORD = "egitim2015"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(folder: Path, cooperatives: int, *, batch: bool) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server.cli",
            "--db",
            str(folder / "server.db"),
            "--port",
            str(port),
            "--seed-data",
            str(cooperatives),
            *([] if batch else ["--no-batch"]),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return process, url
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("server did not start")


def make_store(folder: Path, count: int, cooperatives: int) -> Store:
    store = open_store(folder / "koopbis.sqlite", create=True)
    store.set_setting("province_code", "06")
    admin = None
    accounts.add_user(store, admin, "yonetici", "admin", "bench-parola-1", "Yönetici")
    admin_actor = accounts.login(store, "yonetici", "bench-parola-1")
    accounts.add_user(store, admin_actor, "memur", "clerk", "bench-parola-1", "Ayşe Işık")
    accounts.add_user(store, admin_actor, "sef", "supervisor", "bench-parola-1", "Şükrü Öztürk")
    clerk = accounts.login(store, "memur", "bench-parola-1")
    sef = accounts.login(store, "sef", "bench-parola-1")
    records = list(demo_data.cooperatives("06", cooperatives))
    snapshot.upsert_records(store, records)
    rng = random.Random(2015)
    # One transaction for the set-up only (the services join it); the sync itself commits per move.
    with store.atomic():
        for n in range(count):
            record = records[n % cooperatives]
            data = {
                "member_id": demo_data.tckn(rng),
                "full_name": demo_data.person_name(rng),
                "effective_date": f"2015-03-{1 + (n // cooperatives) % 19:02d}",
                "decision_no": f"2015/{n}",
                "shares": 2,
                "subscribed_amount": "2000",
                "paid_amount": "1000",
            }
            entry = capture.create_entry(store, clerk, "member.admit", record["id"], data)
            capture.submit_entry(store, clerk, entry.uuid)
            review.approve_entry(store, sef, entry.uuid)
    return store


def reset(url: str) -> None:
    requests.post(f"{url}/api/v1/admin/reset", headers=ADMIN, timeout=60).raise_for_status()


def bare_loop(url: str, bodies: list[tuple[str, dict[str, Any]]]) -> float:
    session = requests.Session()
    token = session.post(
        f"{url}/api/v1/session", json={"username": "egitim", "password": PASSWORD}, timeout=10
    )
    session.headers["Authorization"] = f"Bearer {token.json()['token']}"
    started = time.perf_counter()
    for key, body in bodies:
        answer = session.post(
            f"{url}/api/v1/changes", json=body, headers={"Idempotency-Key": key}, timeout=30
        )
        if answer.status_code != 201:
            raise SystemExit(f"bare loop: {answer.status_code} {answer.text[:200]}")
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed


def batch_offered(url: str) -> int:
    limits = requests.get(f"{url}/api/v1/health", timeout=10).json().get("batch") or {}
    return int(limits.get("max_changes") or 0)


def engine(store: Store, url: str) -> tuple[float, int]:
    options = SyncOptions(
        server_url=url,
        username="egitim",
        password=lambda: PASSWORD,
        executor=ExecutorConfig(),
        today=lambda: date(2015, 3, 20),
    )
    started = time.perf_counter()
    report = sync_store(store, options=options)
    elapsed = time.perf_counter() - started
    if report.status != Status.OK:
        raise SystemExit(f"engine: {report.status} {report.message}")
    return elapsed, report.result.applied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--cooperatives", type=int, default=500)
    parser.add_argument("--no-batch", action="store_true", help="the server offers no batches")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        process, url = start_server(folder, args.cooperatives, batch=not args.no_batch)
        batch_max = batch_offered(url)
        try:
            t0 = time.perf_counter()
            made = make_store(folder, args.entries, args.cooperatives)
            print(f"set-up: {args.entries} approved entries in {time.perf_counter() - t0:.1f} s", flush=True)
            bodies = [
                (e.uuid, change_body(e, e.cooperative_id, e.cooperative_ref))
                for e in entries.list_entries(made)
            ]
            # Each engine round syncs its own copy of the approved queue (the program's own backup).
            rounds = [backup.create_backup(made, folder / f"round-{n + 1}.sqlite") for n in range(2)]
            made.close()
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            bare_times, engine_times = [], []
            for round_no, path in enumerate(rounds):
                reset(url)
                bare_times.append(bare_loop(url, bodies))
                reset(url)
                store = open_store(path)
                try:
                    seconds, applied = engine(store, url)
                finally:
                    store.close()
                assert applied == args.entries, applied
                engine_times.append(seconds)
                print(
                    f"round {round_no + 1}: bare {args.entries / bare_times[-1]:.0f}/s, "
                    f"engine {args.entries / engine_times[-1]:.0f}/s",
                    flush=True,
                )
            rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        finally:
            process.terminate()
            process.wait(10)
    bare_rate = args.entries / min(bare_times)
    engine_rate = args.entries / min(engine_times)
    result = {
        "entries": args.entries,
        "cooperatives": args.cooperatives,
        "bare_per_s": round(bare_rate, 1),
        "engine_per_s": round(engine_rate, 1),
        "ratio": round(engine_rate / bare_rate, 3),
        "goal": 2.0,
        "batch_max_changes": batch_max,
        "peak_rss_mb": round(rss_after / 1024, 1),
        "peak_rss_growth_during_sync_mb": round((rss_after - rss_before) / 1024, 1),
    }
    print(
        f"engine {result['engine_per_s']}/s vs bare loop {result['bare_per_s']}/s: "
        f"ratio {result['ratio']} (goal ≥ 2, batches of {batch_max or 'none'}); "
        f"peak RSS {result['peak_rss_mb']} MB"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
