"""The offline reference snapshot: cooperatives, their members, boards and assemblies.

Between Sanayi.Net closing and KOOP-BİS opening, a clerk still has to find the
cooperative an entry is about and see what it looked like (the entry's ``base``).
This module keeps that snapshot in the local database and answers the three
questions the desktop asks of it:

* write a batch of records (from the sync refresh or a file import) quickly and
  atomically: :func:`upsert_records` replaces whole cooperatives in one transaction;
* read one cooperative back in exactly the ``domain.records`` shape: :func:`get_record`;
* search-as-you-type by title words, registry id or VKN: :func:`search`.

Search runs on an FTS5 index of the folded ``search`` column (migration 2). The
alternative, a ``LIKE`` scan of the folded column, was measured at 90,000
cooperatives and missed the 15 ms p95 target (see ``docs/benchmarks.md``); FTS5
with prefix indexes answers in a few milliseconds. FTS5's own tokenizer does not
know Turkish, so it is only ever fed text that :func:`~koopbis_desktop.domain.text.fold`
already folded, and queries are folded the same way.

Reading the province's files is ``services.snapshot_import``'s; the search
index itself is made by migration step 2 (``store.migrations``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from koopbis_desktop.domain.records import OPTIONAL_KEYS, record_problem
from koopbis_desktop.domain.text import fold, fold_tokens, nfc
from koopbis_desktop.store import counts
from koopbis_desktop.store.engine import Connection, serialise

if TYPE_CHECKING:
    from koopbis_desktop.store.db import Store


def rebuild_search_index(store: Store) -> None:
    """Rebuild the FTS index from ``cooperatives`` (repair tool; never needed in normal use).

    The index follows the table's rowids, which SQLite keeps across VACUUM in
    practice but does not promise to; a rebuild puts them right again.
    """
    with store.atomic() as conn:
        if store.dialect.name == "postgresql":
            conn.execute("REINDEX INDEX cooperatives_search_trgm")
        else:
            conn.execute("INSERT INTO cooperatives_fts(cooperatives_fts) VALUES ('rebuild')")


# --------------------------------------------------------------------------- writing

_COOP_COLUMNS = (
    "id",
    "title",
    "cooperative_type",
    "province_code",
    "district",
    "address",
    "phone",
    "vkn",
    "mersis_no",
    "trade_registry_no",
    "status",
    "founded_on",
    "version",
    "articles",
    "unions",
    "search",
    "imported_at",
    "facts",
)
_UPSERT_COOPERATIVE = (
    f"INSERT INTO cooperatives ({', '.join(_COOP_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _COOP_COLUMNS)}) "
    "ON CONFLICT(id) DO UPDATE SET " + ", ".join(f"{name} = excluded.{name}" for name in _COOP_COLUMNS[1:])
)
_CHILD_TABLES = ("members", "board_members", "auditors", "assemblies")
_INSERT_MEMBER = (
    "INSERT INTO members (cooperative_id, member_id, full_name, shares, joined_on) VALUES (?, ?, ?, ?, ?)"
)
_INSERT_BOARD = (
    "INSERT INTO board_members (cooperative_id, position, id_no, full_name, role, term_years) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_AUDITOR = (
    "INSERT INTO auditors (cooperative_id, position, id_no, full_name, term_years) VALUES (?, ?, ?, ?, ?)"
)
_INSERT_ASSEMBLY = (
    "INSERT INTO assemblies (cooperative_id, date, kind, fiscal_year, place, result) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_CHUNK = 2_000


def search_text(record: dict[str, Any]) -> str:
    """The folded text a cooperative is found by: title, registry id, VKN, trade registry no."""
    parts = (
        record.get("title"),
        record.get("id"),
        record.get("vkn"),
        record.get("trade_registry_no"),
    )
    return fold(" ".join(str(part) for part in parts if part))


def _nfc(value: Any) -> Any:
    """Text composed (NFC): a record from a Mac's file or a server that sent decomposed
    letters is stored as the same text typed on a PC, so it sorts and exports as that."""
    return nfc(value) if isinstance(value, str) else value


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _write_chunk(conn: Connection, chunk: dict[str, dict[str, Any]], imported_at: str) -> None:
    ids = [(coop_id,) for coop_id in chunk]
    for table in _CHILD_TABLES:
        conn.executemany(f"DELETE FROM {table} WHERE cooperative_id = ?", ids)
    coops: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    board: list[tuple[Any, ...]] = []
    auditors: list[tuple[Any, ...]] = []
    assemblies: list[tuple[Any, ...]] = []
    for coop_id, rec in chunk.items():
        get = rec.get
        coops.append(
            (
                coop_id,
                _nfc(rec["title"]),
                get("cooperative_type"),
                get("province_code"),
                _nfc(get("district")),
                _nfc(get("address")),
                get("phone"),
                get("vkn"),
                get("mersis_no"),
                get("trade_registry_no"),
                get("status") or "active",
                get("founded_on"),
                int(get("version") or 1),
                json.dumps(get("articles") or [], ensure_ascii=False),
                json.dumps(get("unions") or [], ensure_ascii=False),
                search_text(rec),
                imported_at,
                json.dumps(
                    {key: rec[key] for key in OPTIONAL_KEYS if rec.get(key) is not None},
                    ensure_ascii=False,
                ),
            )
        )
        for m in get("members") or ():
            members.append(
                (coop_id, m["member_id"], _nfc(m["full_name"]), m.get("shares"), m.get("joined_on"))
            )
        for position, b in enumerate(get("board") or (), start=1):
            board.append(
                (coop_id, position, b["id_no"], _nfc(b["full_name"]), b.get("role"), b.get("term_years"))
            )
        for position, a in enumerate(get("audit_board") or (), start=1):
            auditors.append((coop_id, position, a["id_no"], _nfc(a["full_name"]), a.get("term_years")))
        for g in get("assemblies") or ():
            assemblies.append(
                (
                    coop_id,
                    g["date"],
                    g.get("kind"),
                    g.get("fiscal_year"),
                    g.get("place"),
                    g.get("result"),
                )
            )
    conn.executemany(_UPSERT_COOPERATIVE, coops)
    conn.executemany(_INSERT_MEMBER, members)
    conn.executemany(_INSERT_BOARD, board)
    conn.executemany(_INSERT_AUDITOR, auditors)
    conn.executemany(_INSERT_ASSEMBLY, assemblies)


def upsert_records(
    store: Store,
    records: Iterable[dict[str, Any]],
    *,
    imported_at: str | None = None,
    skipped: list[tuple[str, str]] | None = None,
) -> int:
    """Replace each record's cooperative and all its member/board/auditor/assembly rows.

    One transaction for the whole batch: a crash or an error leaves the previous
    snapshot untouched. Records are written in chunks with ``executemany`` so a
    national snapshot (90,000 cooperatives, a million members) takes seconds.
    A record that appears twice wins with its last occurrence. Returns the number
    of records written.

    A record that cannot be stored as it is (see ``records.record_problem``) is
    left out, and ``(its id, why)`` appended to ``skipped``: one malformed record
    must never block the rest of a province's refresh.
    """
    stamp = imported_at or _now()
    count = 0
    with store.atomic() as conn:
        # One snapshot write at a time (office database): two PCs storing the same cooperative
        # at once would each delete the rows the other had not committed yet, then insert
        # theirs beside the other's — a duplicate-row error for the second.
        serialise(conn, "koopbis.snapshot")
        chunk: dict[str, dict[str, Any]] = {}
        for record in records:
            problem = record_problem(record)
            if problem is not None:
                if skipped is not None:
                    ident = record.get("id") if isinstance(record, dict) else None
                    skipped.append((str(ident)[:40] if ident is not None else "?", problem))
                continue
            coop_id = str(record["id"])
            chunk.pop(coop_id, None)  # keep the order of the last occurrence
            chunk[coop_id] = record
            count += 1
            if len(chunk) >= _CHUNK:
                _write_chunk(conn, chunk, stamp)
                chunk = {}
        if chunk:
            _write_chunk(conn, chunk, stamp)
    return count


# --------------------------------------------------------------------------- reading

_SUMMARY_COLUMNS = "id, title, cooperative_type, province_code, district, vkn, status"
_SUMMARY_KEYS = ("id", "title", "cooperative_type", "province_code", "district", "vkn", "status")


def _summary(row: Sequence[Any]) -> dict[str, Any]:
    return dict(zip(_SUMMARY_KEYS, row, strict=True))


def get_record(store: Store, cooperative_id: str) -> dict[str, Any] | None:
    """The cooperative as a ``domain.records`` dict, lists in their stored order; None if absent."""
    conn = store.conn
    row = conn.execute(
        f"SELECT {', '.join(_COOP_COLUMNS[:15])}, facts FROM cooperatives WHERE id = ?",
        (cooperative_id,),
    ).fetchone()
    if row is None:
        return None
    record: dict[str, Any] = dict(zip(_COOP_COLUMNS[:13], row[:13], strict=True))
    articles, unions = row[13], row[14]
    # Children keep the order they were written in: rowid order within one cooperative.
    record["members"] = [
        {"member_id": r[0], "full_name": r[1], "shares": r[2], "joined_on": r[3]}
        for r in conn.execute(
            "SELECT member_id, full_name, shares, joined_on FROM members "
            "WHERE cooperative_id = ? ORDER BY rowid",
            (cooperative_id,),
        )
    ]
    record["board"] = [
        {"id_no": r[0], "full_name": r[1], "role": r[2], "term_years": r[3]}
        for r in conn.execute(
            "SELECT id_no, full_name, role, term_years FROM board_members "
            "WHERE cooperative_id = ? ORDER BY position",
            (cooperative_id,),
        )
    ]
    record["audit_board"] = [
        {"id_no": r[0], "full_name": r[1], "term_years": r[2]}
        for r in conn.execute(
            "SELECT id_no, full_name, term_years FROM auditors WHERE cooperative_id = ? ORDER BY position",
            (cooperative_id,),
        )
    ]
    record["assemblies"] = [
        {"date": r[0], "kind": r[1], "fiscal_year": r[2], "place": r[3], "result": r[4]}
        for r in conn.execute(
            "SELECT date, kind, fiscal_year, place, result FROM assemblies "
            "WHERE cooperative_id = ? ORDER BY rowid",
            (cooperative_id,),
        )
    ]
    record["articles"] = json.loads(articles)
    record["unions"] = json.loads(unions)
    record.update(json.loads(row[15]))
    return record


def get_summary(store: Store, cooperative_id: str) -> dict[str, Any] | None:
    """The list-row fields of one cooperative (what :func:`search` returns), without children."""
    row = store.conn.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM cooperatives WHERE id = ?", (cooperative_id,)
    ).fetchone()
    return _summary(row) if row else None


def count_cooperatives(store: Store, *, province: str | None = None) -> int:
    """The snapshot's cooperatives (of ``province``): the count the file keeps, else counted."""
    if province is None:
        kept = counts.cooperatives(store)
        if kept is not None:
            return kept
        row = store.conn.execute("SELECT count(*) FROM cooperatives").fetchone()
    else:
        row = store.conn.execute(
            "SELECT count(*) FROM cooperatives WHERE province_code = ?", (province,)
        ).fetchone()
    return int(row[0])


def count_rows(store: Store) -> dict[str, int]:
    """Row counts of every snapshot table (for reports and the status bar)."""
    return {
        table: int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("cooperatives", *_CHILD_TABLES)
    }


def find_member(store: Store, member_id: str) -> list[dict[str, Any]]:
    """Every membership of the person or entity with this TCKN/VKN, across cooperatives."""
    key = re.sub(r"\s", "", str(member_id))
    rows = store.conn.execute(
        "SELECT m.cooperative_id, c.title, c.province_code, c.status, "
        "m.member_id, m.full_name, m.shares, m.joined_on "
        "FROM members m JOIN cooperatives c ON c.id = m.cooperative_id "
        "WHERE m.member_id = ? ORDER BY c.title",
        (key,),
    ).fetchall()
    keys = (
        "cooperative_id",
        "title",
        "province_code",
        "status",
        "member_id",
        "full_name",
        "shares",
        "joined_on",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


# How many title hits are fetched before ordering by title (at least as many as asked
# for). Fetching every hit of a one- or two-letter prefix (all 90,000 titles contain
# "kooperatifi") and sorting them would cost tens of milliseconds per keystroke;
# below this many hits the list is complete and alphabetical, above it the person
# is still typing. Each candidate is a row read (≈ 5 µs): 500 of them cost the 5 ms
# a keystroke may take at 90,000 cooperatives (issue 16), 200 leave room.
SEARCH_CANDIDATES = 200
# The word index has prefix indexes for 1-6 letters (migration 9).
LONGEST_PREFIX_INDEX = 6
_WORD = re.compile(r"[0-9a-z]+")
# Infix search starts at four letters: a three-letter piece sits inside too many words
# ("sik" in "ışık", "kasık") to help, and a word-prefix query already finds "sik…".
INFIX_MIN = 4
_IDENT = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-./]*")
_TOP = "\U0010ffff"


def search(store: Store, text: str, *, limit: int = 50, province: str | None = None) -> list[dict[str, Any]]:
    """Cooperatives matching ``text``: registry id, VKN, or words of the title.

    Every word of ``text`` must start a word of the title (or of the id, VKN or
    trade registry no), with or without Turkish letters and in any case:
    "isik", "IŞIK" and "ışık" all find "Işık". Exact id and VKN hits come first,
    then id/VKN prefix hits, then title hits in Turkish title order (the stored
    ``title_key``), then — when a word has at least :data:`INFIX_MIN` letters — titles
    holding every word anywhere, in the same order.
    """
    raw = text.strip()
    tokens = fold_tokens(raw)
    if not tokens or limit <= 0:
        return []
    conn = store.conn
    found: dict[str, dict[str, Any]] = {}
    where_province = " AND province_code = ?" if province else ""
    extra: tuple[Any, ...] = (province,) if province else ()

    def take(sql: str, params: tuple[Any, ...]) -> None:
        for row in conn.execute(sql, params + extra + (limit,)):
            found.setdefault(row[0], _summary(row))

    compact = re.sub(r"\s", "", raw)
    if _IDENT.fullmatch(compact) and any(ch.isdigit() for ch in compact):
        upper = compact.upper()
        take(
            f"SELECT {_SUMMARY_COLUMNS} FROM cooperatives WHERE id = ?{where_province} LIMIT ?",
            (upper,),
        )
        if compact.isdigit():
            take(
                f"SELECT {_SUMMARY_COLUMNS} FROM cooperatives WHERE vkn = ?{where_province} LIMIT ?",
                (compact,),
            )
        take(
            f"SELECT {_SUMMARY_COLUMNS} FROM cooperatives WHERE id >= ? AND id < ?"
            f"{where_province} ORDER BY id LIMIT ?",
            (upper, upper + _TOP),
        )
        if compact.isdigit() and len(compact) >= 3:
            take(
                f"SELECT {_SUMMARY_COLUMNS} FROM cooperatives WHERE vkn >= ? AND vkn < ?"
                f"{where_province} ORDER BY vkn LIMIT ?",
                (compact, compact + _TOP),
            )
    if len(found) < limit:
        _take_ranked(found, _word_prefix_hits(store, tokens, province, limit), limit)
    if len(found) < limit and any(len(token) >= INFIX_MIN for token in tokens):
        # Word-prefix hits first; then titles holding the words anywhere ("operatif" in
        # "kooperatifi"), which only a trigram index answers without reading every title.
        candidates = _infix_hits(store, tokens, province, limit)
        hits = [row for row in candidates if all(t in row[-1] for t in tokens)]
        _take_ranked(found, hits, limit)
    return list(found.values())[:limit]


def _take_ranked(found: dict[str, dict[str, Any]], rows: list[Any], limit: int) -> None:
    # Within a rank, hits follow the title's stored Turkish key (``title_key``, next to last):
    # Cumhuriyet before Çamlık, Işık before İnci. The folded ``search`` text would not do —
    # folding makes "ç" a "c" and "ı" an "i", so Çamlık came before Cumhuriyet.
    rows.sort(key=lambda row: (row[-2], row[0]))
    for row in rows:
        if len(found) >= limit:
            break
        found.setdefault(row[0], _summary(row[:-2]))


def _word_prefix_hits(store: Store, tokens: list[str], province: str | None, limit: int) -> list[Any]:
    """Summary rows plus ``title_key`` and ``search`` whose words start with every token (SQLite FTS5)."""
    if store.dialect.name == "postgresql":
        return _word_prefix_hits_pg(store, tokens, province, limit)
    if any(len(token) > LONGEST_PREFIX_INDEX for token in tokens):
        # FTS5 answers a prefix longer than its prefix indexes by merging every matching
        # term's postings: "koopera" merges 90,000 rows' worth (7 ms). The indexed shorter
        # prefix streams instead; the rows are then checked against the whole words, and
        # only when that leaves too few among a full batch is the exact query run.
        cut = " ".join(f'"{token[:LONGEST_PREFIX_INDEX]}"*' for token in tokens)
        rows = _fts_hits(store, "cooperatives_fts", cut, province, limit)
        kept = [row for row in rows if _starts_words(row[-1], tokens)]
        if len(kept) >= limit or len(rows) < max(SEARCH_CANDIDATES, limit):
            return kept
    # Tokens are [0-9a-z]+ (fold_tokens), so quoting them is all the escaping needed.
    match = " ".join(f'"{token}"*' for token in tokens)
    return _fts_hits(store, "cooperatives_fts", match, province, limit)


def _starts_words(search: str, tokens: list[str]) -> bool:
    words = _WORD.findall(search)
    return all(any(word.startswith(token) for word in words) for token in tokens)


def _infix_hits(store: Store, tokens: list[str], province: str | None, limit: int) -> list[Any]:
    """Summary rows plus ``title_key`` and ``search`` holding every token of three letters or more anywhere
    (SQLite FTS5 ``trigram``; on the office database ``pg_trgm`` on the same column)."""
    if store.dialect.name == "postgresql":
        return _infix_hits_pg(store, tokens, province, limit)
    match = " AND ".join(f'"{token}"' for token in tokens if len(token) >= 3)
    return _fts_hits(store, "cooperatives_trigram", match, province, limit)


def _fts_hits(store: Store, table: str, match: str, province: str | None, limit: int) -> list[Any]:
    columns = ", ".join(f"c.{name}" for name in _SUMMARY_KEYS)
    where_province = " AND c.province_code = ?" if province else ""
    extra: tuple[Any, ...] = (province,) if province else ()
    return store.conn.execute(
        f"SELECT {columns}, c.title_key, c.search FROM {table} f JOIN cooperatives c ON c.rowid = f.rowid "
        f"WHERE {table} MATCH ?{where_province} LIMIT ?",
        (match, *extra, max(SEARCH_CANDIDATES, limit)),
    ).fetchall()


def _province_clause(province: str | None) -> tuple[str, tuple[Any, ...]]:
    return (" AND c.province_code = ?", (province,)) if province else ("", ())


def _word_prefix_hits_pg(store: Store, tokens: list[str], province: str | None, limit: int) -> list[Any]:
    """FTS5's word-prefix match on the office database: every token starts a word of ``search``.

    PostgreSQL's own text search with the ``simple`` configuration (no stemming, no stop
    words) over the folded column, answered from a GIN index; tokens are ``[0-9a-z]+``
    (fold_tokens), so ``token:*`` needs no escaping.
    """
    columns = ", ".join(f"c.{name}" for name in _SUMMARY_KEYS)
    where_province, extra = _province_clause(province)
    query = " & ".join(f"{token}:*" for token in tokens)
    return store.query(
        f"SELECT {columns}, c.title_key, c.search FROM cooperatives c "
        f"WHERE to_tsvector('simple', c.search) @@ to_tsquery('simple', ?){where_province} LIMIT ?",
        (query, *extra, max(SEARCH_CANDIDATES, limit)),
    )


def _infix_hits_pg(store: Store, tokens: list[str], province: str | None, limit: int) -> list[Any]:
    """The trigram infix match on the office database: ``LIKE '%token%'`` answered by ``pg_trgm``."""
    columns = ", ".join(f"c.{name}" for name in _SUMMARY_KEYS)
    where_province, extra = _province_clause(province)
    words = [token for token in tokens if len(token) >= 3]
    where = " AND ".join("c.search LIKE ?" for _ in words)
    return store.query(
        f"SELECT {columns}, c.title_key, c.search FROM cooperatives c WHERE {where}{where_province} LIMIT ?",
        (*(f"%{token}%" for token in words), *extra, max(SEARCH_CANDIDATES, limit)),
    )


def cooperative_ids(store: Store, *, province: str | None = None) -> list[str]:
    """Registry ids of the snapshot's cooperatives (of one province), in id order."""
    if province is None:
        rows = store.conn.execute("SELECT id FROM cooperatives ORDER BY id")
    else:
        rows = store.conn.execute(
            "SELECT id FROM cooperatives WHERE province_code = ? ORDER BY id", (province,)
        )
    return [str(r[0]) for r in rows]
