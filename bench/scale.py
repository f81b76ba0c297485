"""Scale benchmark: every list's page, count and search at 1,000 / 10,000 / 100,000 entries.

Issue 16 sets the bars at 100,000 entries and 90,000 cooperatives: any queue page
≤ 5 ms (the last one too), the first page sorted by cooperative title ≤ 20 ms, the
count of all entries ≤ 5 ms, search p95 ≤ 5 ms with ≥ 95 % of infix queries
("operatif" inside "Kooperatifi") finding something. Each size gets a fresh
database in a temporary folder, filled through the store's own batch writers
(``snapshot.upsert_records``, ``entry_batches.insert_drafts``, ``audit.append_many``)
so the triggers that keep the sort keys run as they do in use. A bare baseline —
one page of ``entries`` by primary key range on the same file — is measured in the
same run, and the OFFSET page the lists used before is measured for comparison. The
queue of several states (Eşitleme's: approved, sending, synced, rejected) is paged too, in
its own order and sorted by title and by change type, and queues narrowed as a clerk
narrows them (a change type, an author, a cooperative, a date range: the longest page and
count of them are ``narrowed_page_max_ms`` and ``narrowed_count_max_ms``; the text box's
page and count with a word found in 1.7 % of the entries, one found once, one found in
every cooperative's title and two found together in 0.7 % of them, ``text_*``). The
printed receipts list over every synced entry (a fifth of them, with receipts) is timed
beside one bare query of the same rows, and ``koopbis entry list``'s first batch beside
a bare page of as many rows.

    .venv/bin/python bench/scale.py              # 1k, 10k, 100k (a few minutes)
    .venv/bin/python bench/scale.py --quick      # 1k, 5k: a smoke test

The last line printed is one JSON object with the figures at the largest size.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from koopbis_desktop.domain import demo_data, reference
from koopbis_desktop.domain.lifecycle import Role, State
from koopbis_desktop.domain.text import fold
from koopbis_desktop.services import queries, reports
from koopbis_desktop.services.queries import EntryFilter
from koopbis_desktop.store import audit, entries, entry_batches, listing, snapshot, users
from koopbis_desktop.store.db import Store, open_store
from koopbis_desktop.store.entry_batches import NewDraft, Receipt

PAGE = 200  # the queue's page (ui.models.entries.PAGE_SIZE)
AUTHORS = ("ayse", "mehmet", "Şule", "ılgaz", "İnci", "can", "çiğdem")
PASSWORD = "bench-parola-1234"  # the authors' accounts: never signed in to here
TYPES = ("member.admit", "member.leave", "merger", "board.replace", "assembly.record")
STATES = ("draft", "submitted", "approved", "returned", "synced")


def timed_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def median_ms(fn: Callable[[], object], runs: int = 15) -> float:
    fn()  # warm the page cache, as a list in use is
    return statistics.median(timed_ms(fn) for _ in range(runs))


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# --------------------------------------------------------------------------- data


def build(folder: Path, n_entries: int, n_cooperatives: int) -> tuple[Store, float]:
    """A database with the cooperatives, the entries (with audit rows) and a few accounts."""
    started = time.perf_counter()
    store = open_store(folder / "koopbis.sqlite", create=True, backups_dir=folder / "backups")
    add_authors(store)
    provinces = reference.provinces()
    per, extra = divmod(n_cooperatives, len(provinces))
    ids: list[str] = []
    batch: list[dict[str, Any]] = []
    for index, province in enumerate(provinces):
        count = per + (1 if index < extra else 0)
        for record in demo_data.cooperatives(province.code, count, members_per_cooperative=(0, 1)):
            batch.append(record)
            ids.append(str(record["id"]))
            if len(batch) >= 5000:
                snapshot.upsert_records(store, batch)
                batch = []
    if batch:
        snapshot.upsert_records(store, batch)
    add_entries(store, ids, n_entries)
    return store, time.perf_counter() - started


def add_authors(store: Store) -> None:
    """The entries' authors, as clerks' accounts (never signed in to here)."""
    with store.atomic() as conn:
        for name in AUTHORS:
            users.insert_user(
                conn, username=name, full_name=name, role=Role.CLERK, password=PASSWORD, by=name
            )


def add_entries(store: Store, ids: list[str], n_entries: int) -> None:
    """``n_entries`` entries of the cooperatives ``ids`` (with audit rows, receipts on the synced
    ones), their folded text "ortak N" (the text box's measures look for it), on either engine."""
    rng = random.Random(16)
    for start in range(0, n_entries, 5000):
        drafts = []
        for n in range(start, min(n_entries, start + 5000)):
            stamp = f"{2015 + n // 40_000}-{1 + n // 3500 % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00.000+00:00"
            drafts.append(
                NewDraft(
                    uuid=str(uuid.UUID(int=rng.getrandbits(128))),
                    # Every change type in every state (a type per state would leave a queue of one
                    # state and another type empty).
                    type=TYPES[n // len(STATES) % len(TYPES)],
                    cooperative_id=ids[rng.randrange(len(ids))] if ids else None,
                    cooperative_ref=None,
                    effective_date=None if n % 13 == 0 else stamp[:10],
                    state=STATES[n % len(STATES)],
                    author=AUTHORS[n % len(AUTHORS)],
                    payload=f'{{"member_id": "{n}"}}',
                    base="{}",
                    issues="[]",
                    created_at=stamp,
                    updated_at=stamp,
                    search=f"ortak {n}",
                )
            )
        # What a sync leaves on the synced ones: KOOP-BİS's receipt and the time it came.
        receipts = [
            Receipt(d.uuid, f"KB-{start + i:06d}", d.updated_at, None)
            for i, d in enumerate(drafts)
            if d.state == "synced"
        ]
        with store.atomic() as conn:
            entry_batches.insert_drafts(conn, drafts)
            entry_batches.record_receipts(conn, receipts)
            # Each row dated as its entry: a trail written over the years, as an office's is.
            audit.append_many(
                conn,
                [
                    audit.Record(
                        d.author, "create", entry_uuid=d.uuid, at=datetime.fromisoformat(d.updated_at)
                    )
                    for d in drafts
                ],
            )


def text_box(store: Store, total: int, *, runs: int) -> dict[str, dict[str, Any]]:
    """The queue's text box (words inside the entry's and its cooperative's text), by label: a word
    found in about 1.7 % of the entries ("filter"; "filter_queue" in Eşitleme's queue of four
    states), one found once ("rare"), one in every cooperative's title ("common"), two found in
    5 % and 13 % of the cooperatives' titles and together in 0.7 % ("together") — each its
    page after the first and its count (the words as the first job counted them, which a list
    keeps a while), the list's first job before its rows show (ui.models.entries: the count
    when it is quick, and the first page; a slow count comes after; its words counted afresh),
    whether that job counted, and how many entries it finds; and the text itself."""
    figures: dict[str, dict[str, Any]] = {}
    for label, text, states in (
        ("filter", "ortak 123", ()),
        ("filter_queue", "ortak 123", (State.APPROVED, State.SENDING, State.SYNCED, State.REJECTED)),
        ("rare", f"ortak {total * 3 // 7}", ()),
        ("common", "kooperatif", ()),
        ("together", "isik konut", ()),
    ):
        words = EntryFilter(text=text, states=states)
        figures[label] = {
            "text": text,
            "page_ms": median_ms(
                lambda words=words: queries.page_entries(store, words, limit=PAGE), runs=runs
            ),
            "count_ms": median_ms(lambda words=words: queries.count_entries(store, words), runs=runs),
            # A new text's first job: its words counted afresh (a list keeps them a while, for
            # its later pages and its count: ``page_ms`` and ``count_ms`` are those).
            "first_rows_ms": median_ms(
                lambda words=words: (store.kept.clear(), queries.first_page(store, words, limit=PAGE)),
                runs=runs,
            ),
            "counted_with_page": queries.first_page(store, words, limit=PAGE)[0] is not None,
            "found": queries.count_entries(store, words),
        }
    return figures


def bare_rows(store: Store, low: str, limit: int) -> list[tuple[Any, ...]]:
    """The bare baseline: ``limit`` rows of the entries by primary-key range from ``low``, nothing else."""
    return store.query("SELECT * FROM entries WHERE uuid >= ? ORDER BY uuid LIMIT ?", (low, limit))


# --------------------------------------------------------------------------- search


def _titles(store: Store, ids: list[str]) -> list[str]:
    """The titles of these cooperatives, in the order of ``ids``."""
    return [str(summary["title"]) for summary in map(partial(snapshot.get_summary, store), ids) if summary]


def prefix_queries(store: Store, n: int, rng: random.Random) -> list[str]:
    """Prefixes of title words as people type them, half without Turkish letters."""
    titles = _titles(store, listing.cooperative_ids(store, 3000))
    out = []
    for index, title in enumerate(rng.sample(titles, min(n, len(titles)))):
        word = rng.choice([w for w in title.split() if len(w) >= 2])
        typed = word[: rng.randint(2, len(word))]
        out.append(fold(typed) if index % 2 else typed)
    return out


def infix_queries(store: Store, n: int, rng: random.Random) -> list[str]:
    """Pieces from inside title words (never a word's start), four letters or more."""
    titles = _titles(store, snapshot.cooperative_ids(store)[:-3001:-1])
    out: list[str] = []
    for title in rng.sample(titles, len(titles)):
        words = [w for w in title.split() if len(w) >= 6]
        if not words:
            continue
        word = rng.choice(words)
        start = rng.randint(1, len(word) - 4)
        piece = word[start : rng.randint(start + 4, len(word))]
        out.append(fold(piece) if len(out) % 2 else piece.upper())
        if len(out) == n:
            break
    return out


# --------------------------------------------------------------------------- one size


def measure(store: Store, n_queries: int) -> dict[str, Any]:
    all_entries = EntryFilter()
    first = queries.page_entries(store, all_entries, limit=PAGE)
    total = queries.count_entries(store, all_entries)
    middle_key = queries.page_entries(store, all_entries, limit=1, offset=total // 2)[0].page_key
    figures: dict[str, Any] = {"entries": total}
    figures["first_page_ms"] = median_ms(lambda: queries.page_entries(store, all_entries, limit=PAGE))
    figures["next_page_ms"] = median_ms(
        lambda: queries.page_entries(store, all_entries, limit=PAGE, after=first[-1].page_key)
    )
    figures["middle_page_ms"] = median_ms(
        lambda: queries.page_entries(store, all_entries, limit=PAGE, after=middle_key)
    )
    figures["last_page_ms"] = median_ms(
        lambda: queries.page_entries(store, all_entries, limit=PAGE, from_end=True)
    )
    figures["offset_last_page_ms"] = median_ms(
        lambda: queries.page_entries(store, all_entries, limit=PAGE, offset=max(0, total - PAGE)), runs=5
    )
    by_title: dict[str, Any] = {"sort": "cooperative_title", "descending": False}
    figures["title_sorted_page_ms"] = median_ms(
        lambda: queries.page_entries(store, all_entries, limit=PAGE, **by_title)
    )
    figures["title_sorted_last_page_ms"] = median_ms(
        lambda: queries.page_entries(store, all_entries, limit=PAGE, from_end=True, **by_title)
    )
    # A queue of several states (Eşitleme: approved, sending, synced, rejected — most of an
    # office's entries once they are sent), in its own order and sorted by a column header.
    queue = EntryFilter(states=(State.APPROVED, State.SENDING, State.SYNCED, State.REJECTED))
    figures["queue_last_page_ms"] = median_ms(
        lambda: queries.page_entries(store, queue, limit=PAGE, from_end=True)
    )
    figures["queue_title_sorted_page_ms"] = median_ms(
        lambda: queries.page_entries(store, queue, limit=PAGE, **by_title)
    )
    figures["queue_type_sorted_last_page_ms"] = median_ms(
        lambda: queries.page_entries(store, queue, limit=PAGE, sort="type", descending=False, from_end=True)
    )
    # Queues narrowed as a clerk narrows them: a change type, an author (their own list, and
    # by title), a cooperative, a date range; on all entries and on Eşitleme's queue.
    cooperative = next(row.cooperative for row in first if row.cooperative)
    narrowed = {
        "type_page_ms": (EntryFilter(type_id=TYPES[1]), {}),
        "type_title_sorted_page_ms": (EntryFilter(type_id=TYPES[1]), by_title),
        "queue_type_last_page_ms": (
            EntryFilter(states=queue.states, type_id=TYPES[1]),
            {"from_end": True},
        ),
        "own_list_page_ms": (EntryFilter(states=(State.DRAFT, State.RETURNED), author=AUTHORS[1]), {}),
        "own_list_title_sorted_page_ms": (
            EntryFilter(states=(State.DRAFT, State.RETURNED), author=AUTHORS[1]),
            by_title,
        ),
        "author_title_sorted_page_ms": (EntryFilter(author=AUTHORS[1]), by_title),
        "cooperative_page_ms": (EntryFilter(cooperative=cooperative), {}),
        "cooperative_title_sorted_page_ms": (EntryFilter(cooperative=cooperative), by_title),
        "date_range_page_ms": (EntryFilter(date_from="2016-03-01", date_to="2016-06-30"), {}),
        "date_range_title_sorted_page_ms": (
            EntryFilter(date_from="2016-03-01", date_to="2016-06-30"),
            by_title,
        ),
        "queue_date_range_page_ms": (
            EntryFilter(states=queue.states, date_from="2016-03-01", date_to="2016-06-30"),
            {},
        ),
    }
    for name, (flt, how) in narrowed.items():
        figures[name] = median_ms(
            lambda flt=flt, how=how: queries.page_entries(store, flt, limit=PAGE, **how)
        )
        figures[name.replace("_page_ms", "_count_ms")] = median_ms(
            lambda flt=flt: queries.count_entries(store, flt)
        )
    figures["narrowed_page_max_ms"] = max(figures[name] for name in narrowed)
    figures["narrowed_count_max_ms"] = max(
        figures[name.replace("_page_ms", "_count_ms")] for name in narrowed
    )
    for label, found in text_box(store, total, runs=5).items():
        figures.update({f"text_{label}_{key}": value for key, value in found.items()})
    submitted = EntryFilter(states=(State.SUBMITTED,))
    figures["text_first_rows_max_ms"] = max(
        figures[f"{name}_first_rows_ms"]
        for name in ("text_filter", "text_filter_queue", "text_rare", "text_common", "text_together")
    )
    figures["count_ms"] = median_ms(lambda: queries.count_entries(store, all_entries))
    figures["state_count_ms"] = median_ms(lambda: queries.count_entries(store, submitted))
    audit_filter = listing.AuditFilter()
    figures["audit_last_page_ms"] = median_ms(
        lambda: queries.audit_page(store, audit_filter, limit=PAGE, from_end=True)
    )
    figures["cooperatives_last_page_ms"] = median_ms(
        lambda: listing.cooperative_page(store, limit=PAGE, from_end=True)
    )
    figures["receipts_first_page_ms"] = median_ms(lambda: listing.receipt_page(store, limit=PAGE))
    # The printed receipts list over every synced entry (keyset batches, titles in the same
    # query), beside a bare read of the same rows in one query; the audit anchor it closes
    # with (a verification of the whole chain) is timed on its own, being most of it.
    figures["receipts_report_ms"] = median_ms(lambda: reports.receipts_report(store), runs=3)
    figures["receipts_baseline_ms"] = median_ms(
        lambda: store.query("SELECT * FROM entries WHERE state = 'synced' AND receipt IS NOT NULL"), runs=3
    )
    # The audit page narrowed by dates (Denetim izi's date boxes): its first page and its count.
    audit_dates = listing.AuditFilter(date_from="2016-03-01", date_to="2016-06-30")
    figures["audit_date_range_page_ms"] = median_ms(
        lambda: queries.audit_page(store, audit_dates, limit=PAGE)
    )
    figures["audit_date_range_count_ms"] = median_ms(lambda: queries.count_audit(store, audit_dates))
    figures["audit_anchor_ms"] = median_ms(lambda: reports.audit_anchor(store), runs=3)
    figures["receipts_listed"] = len(reports.receipts_report(store).entry_ids)
    # ``koopbis entry list``: time to its first batch, beside a bare page of that many rows.
    figures["entry_list_first_ms"] = median_ms(lambda: next(entries.iter_entries(store)))
    figures["entry_list_all_ms"] = timed_ms(lambda: sum(1 for _ in entries.iter_entries(store)))
    # The bare baselines: rows of the same table by primary-key range, nothing else (a page's
    # worth, and a listing batch's).
    low = first[0].uuid[:4]
    figures["baseline_page_ms"] = median_ms(lambda: bare_rows(store, low, PAGE))
    figures["entry_list_baseline_ms"] = median_ms(lambda: bare_rows(store, low, entries.ENTRY_BATCH))
    rng = random.Random(42)
    prefixes, infixes = prefix_queries(store, n_queries, rng), infix_queries(store, n_queries, rng)
    for q in (prefixes + infixes)[:20]:
        snapshot.search(store, q)
    times = [timed_ms(lambda q=q: snapshot.search(store, q)) for q in prefixes + infixes]  # type: ignore[misc]
    figures["search_p50_ms"] = statistics.median(times)
    figures["search_p95_ms"] = percentile(times, 0.95)
    # The same queries, each the median of three runs: what a query costs without the
    # shared machine's stalls, which single runs (above, the figure the goal is about) catch.
    steady = [
        statistics.median(timed_ms(partial(snapshot.search, store, q)) for _ in range(3))
        for q in prefixes + infixes
    ]
    figures["search_p95_steady_ms"] = percentile(steady, 0.95)
    figures["infix_queries"] = len(infixes)
    figures["infix_found"] = sum(1 for q in infixes if snapshot.search(store, q)) / max(1, len(infixes))
    figures["search_examples"] = infixes[:3]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="1,000 and 5,000 entries only")
    parser.add_argument("--queries", type=int, default=60, help="search queries of each kind")
    args = parser.parse_args(argv)
    sizes = (1_000, 5_000) if args.quick else (1_000, 10_000, 100_000)
    print(f"KOOP-BİS ölçek ölçümü — {platform.platform()}, Python {platform.python_version()}")
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="koopbis-scale-") as tmp:
        for size in sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            store, seconds = build(folder, size, size * 9 // 10)
            try:
                figures = measure(store, args.queries)
            finally:
                store.close()
            figures["cooperatives"] = size * 9 // 10
            figures["build_s"] = round(seconds, 1)
            results.append(figures)
            print(f"  {size:>7,} kayıt hazır ({seconds:.0f} s)")
    columns = (
        ("kayıt", "entries", "{:,}"),
        ("ilk sayfa", "first_page_ms", "{:.2f}"),
        ("orta", "middle_page_ms", "{:.2f}"),
        ("son", "last_page_ms", "{:.2f}"),
        ("son (OFFSET)", "offset_last_page_ms", "{:.1f}"),
        ("unvana göre", "title_sorted_page_ms", "{:.2f}"),
        ("kuyruk son", "queue_last_page_ms", "{:.2f}"),
        ("kuyruk unvana göre", "queue_title_sorted_page_ms", "{:.2f}"),
        ("kuyruk türe göre son", "queue_type_sorted_last_page_ms", "{:.2f}"),
        ("sayım", "count_ms", "{:.2f}"),
        ("süzülmüş sayfa en uzun", "narrowed_page_max_ms", "{:.2f}"),
        ("süzülmüş sayım en uzun", "narrowed_count_max_ms", "{:.2f}"),
        ("metin süzgeci sayfa", "text_filter_page_ms", "{:.1f}"),
        ("metin süzgeci sayım", "text_filter_count_ms", "{:.1f}"),
        ("metin süzgeci, Eşitleme kuyruğu: sayfa", "text_filter_queue_page_ms", "{:.1f}"),
        ("metin süzgeci, Eşitleme kuyruğu: sayım", "text_filter_queue_count_ms", "{:.1f}"),
        ("seyrek sözcük sayım", "text_rare_count_ms", "{:.1f}"),
        ("yaygın sözcük sayfa", "text_common_page_ms", "{:.1f}"),
        ("birlikte sözcükler ilk satırlar", "text_together_first_rows_ms", "{:.1f}"),
        ("metin ilk satırlar en uzun", "text_first_rows_max_ms", "{:.1f}"),
        ("denetim son", "audit_last_page_ms", "{:.2f}"),
        ("denetim tarih aralığı", "audit_date_range_page_ms", "{:.2f}"),
        ("denetim tarih sayım", "audit_date_range_count_ms", "{:.2f}"),
        ("kooperatif son", "cooperatives_last_page_ms", "{:.2f}"),
        ("arama p95", "search_p95_ms", "{:.2f}"),
        ("arama p95 (3'ün ortancası)", "search_p95_steady_ms", "{:.2f}"),
        ("iç arama bulunan", "infix_found", "{:.0%}"),
        ("alındı listesi", "receipts_report_ms", "{:.0f}"),
        ("taban alındı", "receipts_baseline_ms", "{:.0f}"),
        ("liste ilk parti", "entry_list_first_ms", "{:.2f}"),
        ("taban parti", "entry_list_baseline_ms", "{:.2f}"),
        ("taban sayfa", "baseline_page_ms", "{:.2f}"),
    )
    print("| " + " | ".join(title for title, _, _ in columns) + " |")
    print("|" + "---|" * len(columns))
    for figures in results:
        print("| " + " | ".join(fmt.format(figures[key]) for _, key, fmt in columns) + " |")
    largest = results[-1]
    base = largest["baseline_page_ms"]
    summary = {
        key: (round(value, 3) if isinstance(value, float) else value) for key, value in largest.items()
    }
    summary["ratios"] = {
        "last_page_over_baseline": round(largest["last_page_ms"] / base, 2),
        "first_page_over_baseline": round(largest["first_page_ms"] / base, 2),
        "title_sorted_page_over_baseline": round(largest["title_sorted_page_ms"] / base, 2),
        "queue_title_sorted_page_over_baseline": round(largest["queue_title_sorted_page_ms"] / base, 2),
        "offset_last_page_over_keyset": round(largest["offset_last_page_ms"] / largest["last_page_ms"], 1),
        "last_page_over_first_page": round(largest["last_page_ms"] / largest["first_page_ms"], 2),
        "receipts_report_over_baseline": round(
            largest["receipts_report_ms"] / largest["receipts_baseline_ms"], 2
        ),
        "receipts_report_without_anchor_over_baseline": round(
            (largest["receipts_report_ms"] - largest["audit_anchor_ms"]) / largest["receipts_baseline_ms"], 2
        ),
        "entry_list_first_over_baseline": round(
            largest["entry_list_first_ms"] / largest["entry_list_baseline_ms"], 2
        ),
    }
    summary["scaling"] = {str(f["entries"]): round(f["last_page_ms"], 3) for f in results}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
