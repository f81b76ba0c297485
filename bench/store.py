"""Store benchmark: snapshot import, search-as-you-type and durable save, each against a bare baseline.

Issue 2 sets the bars: search p95 ≤ 15 ms at 90,000 cooperatives; save p95 ≤ 10 ms
and ≤ 3× a bare single-row INSERT with the same pragmas. Issue 18 adds: the same
save and search on an encrypted (SQLCipher) copy of the same database, measured
in the same run against the plain one, goal ≤ 1.5×. The figures only mean
something next to a baseline measured in the same run on the same disk, so every
timing here comes with one. Everything lives in a temporary folder.

    .venv/bin/python bench/store.py            # full: province + nation (≈ 2 min)
    .venv/bin/python bench/store.py --quick    # smoke: smaller sizes, < 30 s

The last line printed is one JSON object with all figures.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from koopbis_desktop.domain import demo_data, reference
from koopbis_desktop.domain.text import fold
from koopbis_desktop.services import snapshot_import
from koopbis_desktop.store import listing, snapshot, users
from koopbis_desktop.store.db import Store, open_store

PASSWORD = "bench-parola-1234"


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


# --------------------------------------------------------------------------- data


def nation_records(total: int, members: tuple[int, int]) -> Iterator[dict[str, Any]]:
    """``total`` cooperatives spread over all 81 provinces (ids stay unique: "PP-NNNNNN")."""
    provinces = reference.provinces()
    per, extra = divmod(total, len(provinces))
    for index, province in enumerate(provinces):
        count = per + (1 if index < extra else 0)
        yield from demo_data.cooperatives(
            province.code, count, members_per_cooperative=members, start_number=1
        )


def write_csvs(records: list[dict[str, Any]], folder: Path) -> dict[str, Path]:
    """The records as the five import CSVs (canonical headers, ';' and a BOM like Excel)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: folder / f"{name}.csv" for name in ("coops", "members", "board", "auditors", "assemblies")}
    handles = {name: path.open("w", encoding="utf-8-sig", newline="") for name, path in paths.items()}
    try:
        w = {name: csv.writer(handle, delimiter=";") for name, handle in handles.items()}
        w["coops"].writerow(
            ["registry_id", "title", "type", "province_code", "district", "address", "vkn",
             "trade_registry_no", "status", "founded_on"]
        )  # fmt: skip
        w["members"].writerow(["registry_id", "member_id", "full_name", "shares", "joined_on"])
        w["board"].writerow(["registry_id", "id_no", "full_name", "role", "term_years"])
        w["auditors"].writerow(["registry_id", "id_no", "full_name", "term_years"])
        w["assemblies"].writerow(["registry_id", "date", "kind", "fiscal_year", "place", "result"])
        for r in records:
            cid = r["id"]
            w["coops"].writerow(
                [cid, r["title"], r["cooperative_type"], r["province_code"], r["district"],
                 r["address"], r["vkn"], r["trade_registry_no"], r["status"], r["founded_on"]]
            )  # fmt: skip
            for m in r["members"]:
                w["members"].writerow([cid, m["member_id"], m["full_name"], m["shares"], m["joined_on"]])
            for b in r["board"]:
                w["board"].writerow([cid, b["id_no"], b["full_name"], b["role"], b["term_years"]])
            for a in r["audit_board"]:
                w["auditors"].writerow([cid, a["id_no"], a["full_name"], a["term_years"]])
            for g in r["assemblies"]:
                w["assemblies"].writerow(
                    [cid, g["date"], g["kind"], g["fiscal_year"], g["place"], g["result"]]
                )
    finally:
        for handle in handles.values():
            handle.close()
    return paths


# --------------------------------------------------------------------------- import


def bench_import_province(folder: Path, count: int) -> dict[str, Any]:
    records = list(demo_data.cooperatives("06", count, seed=2015))
    rows = sum(
        1 + len(r["members"]) + len(r["board"]) + len(r["audit_board"]) + len(r["assemblies"])
        for r in records
    )
    store = open_store(folder / "province-upsert.sqlite", create=True)
    upsert_s = timed_ms(lambda: snapshot.upsert_records(store, records)) / 1000
    store.close()
    csvs = write_csvs(records, folder / "csv")
    store = open_store(folder / "province-file.sqlite", create=True)
    report: list[snapshot_import.ImportReport] = []
    file_s = (
        timed_ms(
            lambda: report.append(
                snapshot_import.import_file(
                    store,
                    csvs["coops"],
                    members=csvs["members"],
                    board=csvs["board"],
                    auditors=csvs["auditors"],
                    assemblies=csvs["assemblies"],
                )
            )
        )
        / 1000
    )
    store.close()
    print(
        f"İl ölçeği ({count} kooperatif, {rows} satır): upsert_records {upsert_s:.2f} s, "
        f"CSV import_file {file_s:.2f} s ({rows / file_s:,.0f} satır/s) — {report[0]}"
    )
    return {
        "province_cooperatives": count,
        "province_rows": rows,
        "province_upsert_s": round(upsert_s, 3),
        "province_csv_import_s": round(file_s, 3),
        "province_csv_rows_per_s": round(rows / file_s),
    }


def bench_import_nation(store: Store, total: int, members: tuple[int, int]) -> dict[str, Any]:
    start = time.perf_counter()
    records = list(nation_records(total, members))
    generate_s = time.perf_counter() - start
    rows = sum(
        1 + len(r["members"]) + len(r["board"]) + len(r["audit_board"]) + len(r["assemblies"])
        for r in records
    )
    n_members = sum(len(r["members"]) for r in records)
    upsert_s = timed_ms(lambda: snapshot.upsert_records(store, records)) / 1000
    print(
        f"Ülke ölçeği: {total:,} kooperatif, {n_members:,} ortak, {rows:,} satır; "
        f"üretim {generate_s:.1f} s (sayılmadı), upsert_records {upsert_s:.1f} s "
        f"({rows / upsert_s:,.0f} satır/s)"
    )
    return {
        "nation_cooperatives": total,
        "nation_members": n_members,
        "nation_rows": rows,
        "nation_upsert_s": round(upsert_s, 2),
        "nation_rows_per_s": round(rows / upsert_s),
    }


# --------------------------------------------------------------------------- search


def search_queries(store: Store, n: int, seed: int = 42) -> list[str]:
    """Prefixes of real title words, half typed without Turkish letters, half with; some ids/VKNs."""
    rng = random.Random(seed)
    offset = rng.randint(0, 1000)
    window = listing.cooperative_ids(store, offset + 2000)[offset:]
    sample = [snapshot.get_summary(store, coop_id) for coop_id in rng.sample(window, min(len(window), n))]
    queries: list[str] = []
    n_ident = max(4, n // 20)
    for index, summary in enumerate(sample):
        assert summary is not None
        coop_id, title, vkn = summary["id"], summary["title"], summary["vkn"]
        if index < n_ident:
            queries.append(rng.choice([coop_id, coop_id[:6], vkn, vkn[:5]]) if vkn else coop_id)
            continue
        words = [w for w in title.split() if len(w) >= 2]
        word = rng.choice(words)
        typed = word[: rng.randint(2, len(word))]
        if rng.random() < 0.3:
            other = rng.choice(words)
            typed = f"{other} {typed}" if other != word else typed
        if index % 2:
            typed = fold(typed)  # typed on a keyboard without Turkish letters
        elif rng.random() < 0.3:
            typed = typed.upper()
        queries.append(typed)
    return queries


def like_scan(store: Store, text: str, limit: int = 50) -> list[Any]:
    """The measured alternative to FTS5: word-prefix LIKE over the indexed folded column."""
    tokens = fold(text).split()
    where = " AND ".join("(' ' || search) LIKE ?" for _ in tokens)
    return store.conn.execute(
        f"SELECT id, title FROM cooperatives WHERE {where} ORDER BY title LIMIT ?",
        [f"% {t}%" for t in tokens] + [limit],
    ).fetchall()


def bench_search(store: Store, n_queries: int) -> dict[str, Any]:
    queries = search_queries(store, n_queries)
    for q in queries[:20]:  # warm the page cache as a session in use would be
        snapshot.search(store, q)
    fts = [timed_ms(lambda q=q: snapshot.search(store, q)) for q in queries]
    hits = [len(snapshot.search(store, q)) for q in queries]
    like = [timed_ms(lambda q=q: like_scan(store, q)) for q in queries]
    every_id = snapshot.cooperative_ids(store)
    ids = random.Random(11).sample(every_id, min(len(every_id), n_queries))
    baseline = [
        timed_ms(
            lambda i=i: store.conn.execute(
                "SELECT id, title, vkn FROM cooperatives WHERE id = ?", (i,)
            ).fetchall()
        )
        for i in ids
    ]
    p95, base95, like95 = percentile(fts, 0.95), percentile(baseline, 0.95), percentile(like, 0.95)
    no_hits = sum(1 for h in hits if h == 0)
    print(
        f"Arama ({len(queries)} sorgu, ör. {queries[5]!r}, {queries[6]!r}, {queries[-1]!r}): "
        f"p50 {statistics.median(fts):.2f} ms, p95 {p95:.2f} ms, en kötü {max(fts):.2f} ms; "
        f"sonuçsuz sorgu {no_hits}"
    )
    print(f"  taban (WHERE id = ?): p95 {base95:.3f} ms  → oran {p95 / base95:.0f}×")
    print(f"  alternatif LIKE taraması: p50 {statistics.median(like):.2f} ms, p95 {like95:.2f} ms")
    return {
        "search_queries": len(queries),
        "search_p50_ms": round(statistics.median(fts), 3),
        "search_p95_ms": round(p95, 3),
        "search_max_ms": round(max(fts), 3),
        "search_no_hit_queries": no_hits,
        "search_baseline_p95_ms": round(base95, 4),
        "search_ratio": round(p95 / base95, 1),
        "like_scan_p50_ms": round(statistics.median(like), 3),
        "like_scan_p95_ms": round(like95, 3),
    }


# --------------------------------------------------------------------------- save


def _bare_insert(path: Path, n: int) -> list[float]:
    """A single-row INSERT per transaction, same pragmas as the store: the floor for a save."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE IF NOT EXISTS bare (uuid TEXT PRIMARY KEY, payload TEXT NOT NULL)")
    payload = json.dumps({"full_name": "Zeynep Işık", "shares": 2, "decision_no": "2015/14"})
    samples = []
    for i in range(n):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bare VALUES (?, ?)", (f"bare-{i}-{time.time_ns()}", payload))
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - start) * 1000)
    conn.close()
    return samples


def bench_save(store_path: Path, n: int = 300) -> dict[str, Any]:
    """Durable save of one entry (validate + insert + audit row + commit) against a bare INSERT.

    The real save goes through ``services.capture.create_entry`` when that module
    exists; otherwise only the baseline is measured and ``save_p95_ms`` is None.
    """
    bare = _bare_insert(store_path.with_name("bare-insert.sqlite"), n)
    result: dict[str, Any] = {
        "bare_insert_p50_ms": round(statistics.median(bare), 3),
        "bare_insert_p95_ms": round(percentile(bare, 0.95), 3),
        "save_p50_ms": None,
        "save_p95_ms": None,
        "save_ratio": None,
    }
    print(
        f"Çıplak INSERT (WAL, synchronous=FULL, {n} ayrı işlem): "
        f"p50 {result['bare_insert_p50_ms']:.2f} ms, p95 {result['bare_insert_p95_ms']:.2f} ms"
    )
    if importlib.util.find_spec("koopbis_desktop.services.capture") is None:
        print("  services.capture yok: gerçek kayıt ölçülmedi.")
        return result
    from koopbis_desktop.services import accounts, capture

    store = open_store(store_path, create=True)
    try:
        if users.count_users(store) == 0:
            accounts.add_user(store, None, "bench.admin", "admin", PASSWORD)
            admin = accounts.login(store, "bench.admin", PASSWORD)
            accounts.add_user(store, admin, "bench.memur", "clerk", PASSWORD)
        clerk = accounts.login(store, "bench.memur", PASSWORD)
        coop_ids = listing.cooperative_ids(store, 50)
        if not coop_ids:
            snapshot.upsert_records(store, demo_data.cooperatives("06", 50))
            coop_ids = listing.cooperative_ids(store, 50)
        rng = random.Random(7)
        saves = []
        for i in range(n):
            data = {
                "member_id": demo_data.tckn(rng),
                "full_name": demo_data.person_name(rng),
                "effective_date": "02.03.2015",
                "decision_no": f"2015/{i + 1}",
                "shares": 2,
                "subscribed_amount": "2.000,00",
                "paid_amount": "500",
            }
            coop = coop_ids[i % len(coop_ids)]
            saves.append(
                timed_ms(lambda d=data, c=coop: capture.create_entry(store, clerk, "member.admit", c, d))
            )
    finally:
        store.close()
    p50, p95 = statistics.median(saves), percentile(saves, 0.95)
    result.update(
        save_p50_ms=round(p50, 3),
        save_p95_ms=round(p95, 3),
        save_ratio=round(p95 / result["bare_insert_p95_ms"], 2),
    )
    print(
        f"Kayıt (capture.create_entry, member.admit, {n} kez): p50 {p50:.2f} ms, p95 {p95:.2f} ms "
        f"→ çıplak INSERT p95'inin {result['save_ratio']:.2f} katı"
    )
    return result


# --------------------------------------------------------------------------- encryption


def _saves(store: Store, n: int, seed: int, username: str = "bench.memur") -> list[float]:
    from koopbis_desktop.services import accounts, capture
    from koopbis_desktop.store import listing

    clerk = accounts.login(store, username, PASSWORD)
    coop_ids = listing.cooperative_ids(store, 50)
    rng = random.Random(seed)
    samples = []
    for i in range(n):
        data = {
            "member_id": demo_data.tckn(rng),
            "full_name": demo_data.person_name(rng),
            "effective_date": "02.03.2015",
            "decision_no": f"2016/{i + 1}",
            "shares": 2,
            "subscribed_amount": "2.000,00",
            "paid_amount": "500",
        }
        coop = coop_ids[i % len(coop_ids)]
        samples.append(
            timed_ms(lambda d=data, c=coop: capture.create_entry(store, clerk, "member.admit", c, d))
        )
    return samples


def bench_encryption(folder: Path, plain_path: Path, n_queries: int, n_saves: int) -> dict[str, Any]:
    """Save and search on the plain database and on an encrypted copy of it, turn about."""
    from koopbis_desktop.store import encrypt_migration, keyfile

    key = keyfile.new_key()
    encrypted_path = folder / "nation-encrypted.sqlite"
    encrypt_migration.copy_encrypted(plain_path, encrypted_path, key)
    keyfile.start(encrypted_path, key)
    plain, encrypted = open_store(plain_path), open_store(encrypted_path, key=key)
    try:
        queries = search_queries(plain, n_queries, seed=18)
        for store in (plain, encrypted):
            for q in queries[:20]:
                snapshot.search(store, q)
        search: dict[str, list[float]] = {"plain": [], "encrypted": []}
        for q in queries:  # interleaved: the disk and the CPU are the same for both
            search["plain"].append(timed_ms(lambda q=q: snapshot.search(plain, q)))
            search["encrypted"].append(timed_ms(lambda q=q: snapshot.search(encrypted, q)))
        saves = {"plain": _saves(plain, n_saves, 1), "encrypted": _saves(encrypted, n_saves, 2)}
    finally:
        plain.close()
        encrypted.close()
    result: dict[str, Any] = {}
    for what, samples in (("search", search), ("save", saves)):
        p95 = {k: percentile(v, 0.95) for k, v in samples.items()}
        ratio = p95["encrypted"] / p95["plain"]
        result.update(
            {
                f"encrypted_{what}_p95_ms": round(p95["encrypted"], 3),
                f"plain_{what}_p95_ms": round(p95["plain"], 3),
                f"encrypted_{what}_ratio": round(ratio, 2),
            }
        )
        label = "Arama" if what == "search" else "Kayıt"
        print(
            f"Şifreli {label.lower()}: p95 {p95['encrypted']:.2f} ms, şifresiz {p95['plain']:.2f} ms "
            f"→ {ratio:.2f}× (hedef ≤ 1,5×{'' if ratio <= 1.5 else ', AŞILDI'})"
        )
    return result


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="küçük boyutlarla hızlı duman testi")
    args = parser.parse_args(argv)
    if args.quick:
        province_n, nation_n, members, n_queries, n_saves = 300, 9_000, (8, 15), 200, 100
    else:
        province_n, nation_n, members, n_queries, n_saves = 3_000, 90_000, (8, 15), 200, 300
    figures: dict[str, Any] = {
        "quick": args.quick,
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlcipher_sqlite": importlib.import_module("sqlcipher3").sqlite_version,
    }
    with tempfile.TemporaryDirectory(prefix="koopbis-bench-") as tmp:
        folder = Path(tmp)
        figures.update(bench_import_province(folder, province_n))
        nation_path = folder / "nation.sqlite"
        store = open_store(nation_path, create=True)
        try:
            figures.update(bench_import_nation(store, nation_n, members))
            figures.update(bench_search(store, n_queries))
        finally:
            store.close()
        figures.update(bench_save(nation_path, n_saves))
        figures.update(bench_encryption(folder, nation_path, n_queries, n_saves))
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
