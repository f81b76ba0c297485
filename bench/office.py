"""Office benchmark: the two engines side by side — search, durable save, four writers at once.

Issue 13 sets the bars for the office database (PostgreSQL on loopback): search p95
≤ 15 ms at 90,000 cooperatives, durable save p95 ≤ 10 ms. The same figures are
measured on the single-PC SQLite file in the same run, each engine next to a bare
baseline of its own (a single-row INSERT per transaction, durably committed), and
four writer processes at once against one writer. Then the queues' text box on
20,000 entries (``bench/scale.py``'s), beside a bare page of the same table. The
PostgreSQL server is a throw-away cluster with fsync on (``tests/pgcluster.py``);
everything lives in temporary folders.

    .venv/bin/python bench/office.py            # full: 90,000 cooperatives (≈ 5 min)
    .venv/bin/python bench/office.py --quick    # smoke: 5,000 cooperatives, 5,000 entries

The last line printed is one JSON object with all figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from koopbis_desktop.services import accounts, queries  # noqa: E402
from koopbis_desktop.services.queries import EntryFilter  # noqa: E402
from koopbis_desktop.store import snapshot  # noqa: E402
from koopbis_desktop.store.db import Store, open_store  # noqa: E402
from koopbis_desktop.store.location import parse_location  # noqa: E402
from tests import pgcluster  # noqa: E402


def _bench_module(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench_store = _bench_module("store")
bench_scale = _bench_module("scale")
PASSWORD = bench_store.PASSWORD


def _prepare(store: Store, total: int) -> None:
    store.set_setting("province_code", "06")
    accounts.add_user(store, None, "bench.yonetici", "admin", PASSWORD)
    admin = accounts.login(store, "bench.yonetici", PASSWORD)
    for n in range(4):
        accounts.add_user(store, admin, "bench.memur" if n == 0 else f"bench.memur{n}", "clerk", PASSWORD)
    records = list(bench_store.nation_records(total, (0, 2)))
    for start in range(0, len(records), 5000):
        snapshot.upsert_records(store, records[start : start + 5000])


def _bare_pg(url: str, n: int) -> list[float]:
    import psycopg

    conn = psycopg.connect(url, autocommit=True, sslmode="require")
    conn.execute("CREATE TABLE IF NOT EXISTS bare (uuid TEXT PRIMARY KEY, payload TEXT NOT NULL)")
    payload = json.dumps({"full_name": "Zeynep Işık", "shares": 2, "decision_no": "2015/14"})
    samples = []
    for i in range(n):
        start = time.perf_counter()
        with conn.transaction():
            conn.execute("INSERT INTO bare VALUES (%s, %s)", (f"bare-{i}-{time.time_ns()}", payload))
        samples.append((time.perf_counter() - start) * 1000)
    conn.close()
    return samples


def _writer(location: str, clerk: str, n: int, seed: int, ready: Any, go: Any, out: Any) -> None:
    store = open_store(parse_location(location))
    accounts.login(store, clerk, PASSWORD)  # the sign-in the saves below repeat
    ready.set()
    go.wait()
    start = time.perf_counter()
    samples = bench_store._saves(store, n, seed, clerk)
    out.put((time.perf_counter() - start, samples))
    store.close()


def _writers(location: str, count: int, n: int) -> dict[str, float]:
    """``count`` processes saving ``n`` entries each at the same moment: entries per second."""
    ctx = multiprocessing.get_context("spawn")
    ready = [ctx.Event() for _ in range(count)]
    go = ctx.Event()
    out = ctx.Queue()
    clerks = ["bench.memur", "bench.memur1", "bench.memur2", "bench.memur3"][:count]
    procs = [
        ctx.Process(target=_writer, args=(location, clerk, n, 100 + i, ready[i], go, out))
        for i, clerk in enumerate(clerks)
    ]
    for proc in procs:
        proc.start()
    for event in ready:
        event.wait(120)
    start = time.perf_counter()
    go.set()
    results = [out.get(timeout=600) for _ in procs]
    wall = time.perf_counter() - start
    for proc in procs:
        proc.join(60)
    samples = [s for _, batch in results for s in batch]
    return {
        "entries_per_s": round(count * n / wall, 1),
        "save_p95_ms": round(bench_store.percentile(samples, 0.95), 2),
    }


def bench_engine(
    name: str, location: str, store: Store, args: argparse.Namespace, bare: list[float]
) -> dict[str, Any]:
    search = bench_store.bench_search(store, args.queries)
    saves = bench_store._saves(store, args.saves, seed=7)
    save95, bare95 = bench_store.percentile(saves, 0.95), bench_store.percentile(bare, 0.95)
    print(
        f"[{name}] kayıt p50 {statistics.median(saves):.2f} ms, p95 {save95:.2f} ms; çıplak INSERT p95 "
        f"{bare95:.2f} ms → {save95 / bare95:.1f}×"
    )
    one = _writers(location, 1, args.writer_saves)
    four = _writers(location, 4, args.writer_saves)
    print(
        f"[{name}] yazan: 1 süreç {one['entries_per_s']:.0f} kayıt/s, 4 süreç aynı anda "
        f"{four['entries_per_s']:.0f} kayıt/s (p95 {four['save_p95_ms']:.1f} ms) → {four['entries_per_s'] / one['entries_per_s']:.2f}×"
    )
    return {
        f"{name}_search_p50_ms": search["search_p50_ms"],
        f"{name}_search_p95_ms": search["search_p95_ms"],
        f"{name}_search_no_hit_queries": search["search_no_hit_queries"],
        f"{name}_search_baseline_p95_ms": search["search_baseline_p95_ms"],
        f"{name}_save_p50_ms": round(statistics.median(saves), 3),
        f"{name}_save_p95_ms": round(save95, 3),
        f"{name}_bare_insert_p95_ms": round(bare95, 3),
        f"{name}_save_ratio": round(save95 / bare95, 2),
        f"{name}_writers1_per_s": one["entries_per_s"],
        f"{name}_writers4_per_s": four["entries_per_s"],
        f"{name}_writers4_save_p95_ms": four["save_p95_ms"],
        f"{name}_writers4_ratio": round(four["entries_per_s"] / one["entries_per_s"], 2),
    }


def bench_text_box(name: str, store: Store, n_entries: int) -> dict[str, Any]:
    """The queues' text box on ``n_entries`` entries (``scale.text_box``), beside a bare page of
    the same table by primary key."""
    started = time.perf_counter()
    bench_scale.add_authors(store)
    bench_scale.add_entries(store, snapshot.cooperative_ids(store), n_entries)
    print(f"[{name}] {n_entries:,} kayıt yüklendi ({time.perf_counter() - started:.0f} s)")
    if store.dialect.name == "postgresql":
        # The statistics autovacuum gathers within a minute of such a load, as an office
        # database in use has them: without them the planner guesses every table tiny.
        store.execute("ANALYZE")
    page = bench_scale.PAGE
    low = queries.page_entries(store, EntryFilter(), limit=1)[0].uuid[:4]
    bare = bench_scale.median_ms(lambda: bench_scale.bare_rows(store, low, page))
    figures: dict[str, Any] = {f"{name}_text_baseline_page_ms": round(bare, 2)}
    for label, found in bench_scale.text_box(store, n_entries, runs=7).items():
        figures.update(
            {
                f"{name}_text_{label}_{key}": round(value, 2) if isinstance(value, float) else value
                for key, value in found.items()
            }
        )
        print(
            f"[{name}] metin kutusu {found['text']!r} ({found['found']} kayıt): sayım {found['count_ms']:.1f} ms, "
            f"ilk sayfa {found['page_ms']:.1f} ms, satırlar görünene dek {found['first_rows_ms']:.1f} ms"
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    total = 5_000 if args.quick else 90_000
    args.queries = 60 if args.quick else 200
    args.saves = 100 if args.quick else 300
    args.writer_saves = 30 if args.quick else 100
    entries = 5_000 if args.quick else 20_000
    figures: dict[str, Any] = {
        "bench": "office",
        "cooperatives": total,
        "entries": entries,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    cluster = pgcluster.start(durable=True)
    try:
        with tempfile.TemporaryDirectory(prefix="koopbis-bench-office-") as folder:
            cluster.create_database("bench")
            pg_location = cluster.url("bench")
            sqlite_location = str(Path(folder) / "tek-pc.sqlite")
            for name, location in (("postgresql", pg_location), ("sqlite", sqlite_location)):
                store = open_store(parse_location(location), create=True)
                started = time.perf_counter()
                _prepare(store, total)
                print(f"[{name}] {total:,} kooperatif yüklendi ({time.perf_counter() - started:.0f} s)")
                if name == "postgresql":
                    bare = _bare_pg(pg_location, args.saves)
                else:
                    bare = bench_store._bare_insert(Path(folder) / "bare.sqlite", args.saves)
                figures.update(bench_engine(name, location, store, args, bare))
                figures.update(bench_text_box(name, store, entries))
                store.close()
    finally:
        cluster.stop()
    figures["pg_over_sqlite_search_p95"] = round(
        figures["postgresql_search_p95_ms"] / figures["sqlite_search_p95_ms"], 2
    )
    figures["pg_over_sqlite_save_p95"] = round(
        figures["postgresql_save_p95_ms"] / figures["sqlite_save_p95_ms"], 2
    )
    figures["pg_over_sqlite_text_filter_count"] = round(
        figures["postgresql_text_filter_count_ms"] / figures["sqlite_text_filter_count_ms"], 2
    )
    figures["goal_search_p95_ms"] = 15
    figures["goal_save_p95_ms"] = 10
    figures["goals_met"] = (
        figures["postgresql_search_p95_ms"] <= 15 and figures["postgresql_save_p95_ms"] <= 10
    )
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
