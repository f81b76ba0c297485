"""The read side of the desktop's long lists: filtered, sorted, paged entry and audit rows.

Text filters go through the project's folding function (``domain.text.fold``) on
the stored ``search`` column, so "isik" finds "IŞIK"; text columns sort by stored
Turkish keys (``domain.text.collation_key``, kept by migration 9's triggers). Every
list pages by keyset — the sort value and uuid of the row a page starts after (or
before, or from the end) — so any page, the last one too, is one index range.
Services turn the raw rows into what a screen or a file shows.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import islice
from time import monotonic
from typing import Any, NamedTuple, TypeVar, cast

from koopbis_desktop.domain.lifecycle import State
from koopbis_desktop.domain.text import fold
from koopbis_desktop.store import counts
from koopbis_desktop.store.clock import stamp
from koopbis_desktop.store.db import Store


@dataclass(frozen=True)
class EntryFilter:
    """Which entries a queue lists: states, change type, author, cooperative, text, dates."""

    states: tuple[State, ...] = ()
    type_id: str | None = None
    author: str | None = None
    cooperative: str | None = None
    text: str = ""
    date_from: str | None = None  # ISO, on effective date
    date_to: str | None = None


@dataclass(frozen=True)
class AuditFilter:
    """Which audit rows the audit page lists: entry, actor, dates, action."""

    entry_uuid: str | None = None
    actor: str | None = None
    # ISO dates, days of this PC's calendar (the page shows the rows' times in its local time;
    # the rows keep them in UTC).
    date_from: str | None = None
    date_to: str | None = None
    actions: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class PageKey:
    """Where a keyset page starts: the sort value and the uuid (or id) of a row of the list."""

    value: Any
    uuid: str


_DATE_KEY = "COALESCE(e.effective_date, '')"

# Each sort is an expression that is never NULL, with an index on (expression, uuid) made
# by migration 9, so a page is a range scan of that index whatever its position.
SORTABLE = {
    "updated_at": "e.updated_at",
    "effective_date": _DATE_KEY,
    "type": "e.type",
    "state": "e.state",
    "author": "e.author_key",
    "cooperative_title": "e.title_key",
    "cooperative": "COALESCE(e.cooperative_id, e.cooperative_ref, '')",
    "number": "COALESCE(e.number, '')",
}

# Coded columns a list shows by label (a change type's, a state's): sorted in the order of the
# labels, which the caller gives (``entry_rows(order=...)``), read code by code.
BY_LABEL = frozenset({"type", "state"})

# The title a row shows is stored on the entry (``cooperative_title``, migration 9's
# triggers): the snapshot's title, else its registration's, else its own.
_JOIN_COOPERATIVE = " LEFT JOIN cooperatives c ON c.id = e.cooperative_id"
# The text of an entry's cooperative, read for that entry alone (no join).
_COOPERATIVE_TEXT = "(SELECT search FROM cooperatives WHERE id = e.cooperative_id)"


#: A queue narrowed by a change type, an author, a cooperative or dates is read state by state
#: on SQLite, and how depends on how many entries of the state the filter finds (``_Ranges``).
#: At most SORT_FOUND_UP_TO: they are read by the filter's own index and sorted (that many rows,
#: each looked up in the table for its sort value). More: the sort's index is walked, keeping the
#: rows the filter finds, checked in the index itself (migration 18 put the filter's columns in
#: every list index): about a page × the state's entries ÷ those found, at most the state's
#: entries, each a step in an index. Without statistics of the table SQLite's planner took the
#: filter's index and sorted everything it found whatever its number (at 100,000 entries: 41 ms
#: a page of one change type, 28 ms an author's list by title, 43–168 ms a cooperative's).
SORT_FOUND_UP_TO = 1000

#: Sorts whose values the date indexes hold (migration 19). Entries are changed near their
#: effective dates, so newest first a range that ends a year back passed every entry changed since
#: before the first it kept (39,000 of bench/scale.py's 100,000: 5–10 ms a page). A queue narrowed
#: by dates and walked in one of these orders towards the range's end (newest first, a range with
#: an end; oldest first, one with a start) reads, for each state, the least and greatest sort value
#: of the range's entries (a range of the date index, at most BOUND_READ_UP_TO entries, about 3 ms)
#: and walks only between them. A wider range is walked as it is: it holds most entries, so few
#: lie outside it. The effective date's own order is bounded by the range itself.
BOUNDED_BY_DATES = frozenset({"updated_at", "number", "effective_date"})
BOUND_READ_UP_TO = 25_000


def _counted_in_dates(flt: EntryFilter, sort: str) -> tuple[str, list[Any]] | None:
    """A filter of dates and a change type or an author, as the date index reads it (that index
    holds them all, and the sort's value): its count and its bound then come from one read of
    the range (``_Ranges._found``) — the type's or the author's own index held 20,000 entries
    to count where the range held 13,000 (bench/scale.py's file)."""
    if (
        sort == "effective_date"
        or not (flt.type_id or flt.author)
        or flt.cooperative
        or fold(flt.text).split()
    ):
        return None
    return _where(flt, states=False, walk=True, dates_indexed=True)


def _date_bound(flt: EntryFilter, sort: str, walk_descending: bool) -> tuple[str, list[Any]] | None:
    """The filter's date range when it bounds a walk of ``sort`` (:data:`BOUNDED_BY_DATES`)."""
    if sort == "effective_date" or (
        sort in BOUNDED_BY_DATES and (flt.date_to if walk_descending else flt.date_from)
    ):
        return _dates(flt)
    return None


def _narrowing(flt: EntryFilter) -> bool:
    """Whether the filter has terms besides its states that an index finds (no text: its count
    is itself a scan)."""
    narrows = flt.type_id or flt.author or flt.cooperative or flt.date_from or flt.date_to
    return bool(narrows) and not fold(flt.text).split()


# The text box's rarest word is looked up in the trigram indexes of the entries' and the
# cooperatives' folded text (SQLite's migrations 17 and 9, the office database's pg_trgm ones)
# when it has a trigram (three letters or more) and each index finds it in at most RARE_WORD rows
# (:class:`_WordLookup`): then only the entries holding it are compared with the other words. A
# text whose every word is common ("kooperatif", found nearly everywhere) is only compared, as
# the rows come: looking it up would gather every entry (0.5 s at 100,000); walking the list
# finds a page at once. At 100,000 entries a rare word's count went from ≈ 300 ms to 1–20 ms, its
# page from ≈ 45 ms to 1–20 ms.
#
# The looked-up word's own term is the whole check of that word (the indexes find it exactly,
# inside words too); each other word is compared with the entry's text, and with its
# cooperative's either through the set of cooperatives whose text holds it (at most
# COOPERATIVE_SET_UP_TO of them, from SQLite's trigram index) or, for a word in more of them or
# too short for a trigram, by reading the cooperative's row (a lookup of its text key for each
# entry compared). At 100,000 entries "ortak 123" ("123" looked up, 1,656 found; "ortak" in 222
# cooperatives) took 6.2 ms of SQL for a 50-row page and 6.1 for a count that way, 2.6 and 2.1 ms
# with no cooperative read (2026-12-05).
TRIGRAM = 3
RARE_WORD = 5000
COOPERATIVE_SET_UP_TO = 1000
#: Words with no rare one among them are looked up together when at most this many cooperatives
#: hold them all (:func:`_count_words`). Counting the cooperatives that hold "kooperatif" and
#: "konut" (11,350 of them) to 5,001 took 4.9 ms; to 1,001, ≈ 1.
TOGETHER_UP_TO = 1000
#: … and at most this many entries hold one of them in their own text (each word's count, added
#: up): those are compared with every word, their cooperative's text read for each. Bounded
#: together with the cooperatives (1,000 rows in all, until db6f752), "ışık konut" was walked on
#: bench/ui.py's file, where "isik" is a member's surname in 2,319 entries' own text: 58–68 ms a
#: page and 98 ms a count, 11 and 10 looked up.
TOGETHER_IN_TEXT_UP_TO = 5000
#: Of words that may be looked up together, one found in at most this many rows of each index is
#: looked up alone; one found in more only when the words together are not few. Each word is
#: then counted in the cooperatives' index to 1,001 rows, not to RARE_WORD's 5,001: "isik konut"
#: (each word in 5,000+ cooperatives' titles) counted its words in 2.7–2.9 ms, now 1.7, and its
#: first job took 6.5–6.7 ms, then 5.5 (bench/scale.py's 100,000 entries, 5 December; 4.2 once
#: the cooperatives holding every word were read once, :func:`_snapshot`).
RARE_BEFORE_TOGETHER = 1000

#: A count of a text with no looked-up word compares every entry. On SQLite it then takes each
#: other word's cooperatives as the set of those whose text holds it, read in one scan of the
#: cooperatives, not by looking up every entry's cooperative (at 100,000 entries: "kooperatif",
#: in every cooperative's title, 194 → 109 ms; "konut" 197 → 85; "konut 12" 225 → 119 — 5
#: December). A page reads few entries, and a looked-up word's count few: they keep the lookup.
SCAN_COOPERATIVES_TO_COUNT = True


def _phrase(word: str) -> str:
    """``word`` as an FTS5 phrase, character for character (a trigram index finds it inside words)."""
    return '"' + word.replace('"', '""') + '"'


def _contains(word: str) -> str:
    """The LIKE pattern of text holding ``word`` (its ``%``, ``_`` and ``\\`` taken as they are)."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass(frozen=True)
class _WordLookup:
    """How an engine looks the text box's rare word up in its trigram indexes."""

    term: str  # the entries holding the word, in their text or their cooperative's (the word twice)
    counts: tuple[str, str]  # the rows of each index holding the word (the word once)
    # An entry whose cooperative's text holds the word (the word once), read as a set of the
    # cooperatives; None: the engine reads each entry's cooperative instead.
    in_cooperatives: str | None
    # The same set read by comparing every cooperative's text (the word's LIKE pattern once), for
    # a count that compares every entry (:data:`SCAN_COOPERATIVES_TO_COUNT`); None: not so.
    scanned_cooperatives: str | None
    # For words found only together (:class:`_Words` ``together``), given them as the engine takes
    # them and the cooperatives holding them all as read with the counts (or None): the term of
    # the entries whose cooperative's text holds every word, and that of those whose own text
    # holds one of them (each with its values). And the statement that counts the cooperatives
    # holding every word and gives them (a JSON array of their rowids), at most as many as its
    # last value (a LIMIT the caller adds).
    # None: the engine compares every entry instead.
    together: Callable[[Sequence[str], str | None], tuple[str, list[str], str, list[str]]] | None
    together_in_cooperatives: Callable[[Sequence[str]], tuple[str, list[str]]] | None
    value: Callable[[str], str]  # the word as those take it
    share: int  # a word is looked up when found at most RARE_WORD // share times
    planned_per_word: bool  # the counts planned for their word (:func:`_planned_for_each_word`)
    # The entries holding the looked-up word are read, and sorted, whatever their states: SQLite's
    # planner (no statistics) walked each state's index instead, checking every entry on the way
    # (Eşitleme's queue, "ortak 123", 648 found at 100,000 entries: 50–53 ms a page of 200 rows,
    # 65–69 ms a count; now 5–6 and 3 ms).
    found_first: bool


#: SQLite: the entries whose cooperative's text holds what FTS5 matches (the match its value).
_IN_COOPERATIVES_MATCHING = (
    "e.cooperative_id IN (SELECT id FROM cooperatives WHERE rowid IN"
    " (SELECT rowid FROM cooperatives_trigram WHERE cooperatives_trigram MATCH ?))"
)

# On PostgreSQL the baseline's pg_trgm indexes serve LIKE itself; the cooperatives the word is
# found in are gathered first (an array), so the entries are one bitmap of their two indexes, not a
# join of both tables (at 100,000 entries a number found 5 times: 2–3 ms instead of ≈ 100 for a
# count and 170–330 for a page). There a word is looked up when found at most half as often
# (2,500 rows): the entries of 5,000 cooperatives took longer to gather (60 ms at 100,000 entries)
# than walking the list to a page of them (20 ms), while those of 1,171–2,329 cooperatives
# ("123", "köy", "ova") took 20–33 ms a page and 17–26 ms a count, against 35–68 and 79–117 ms
# walked and compared (a limit of 1,000 until 4 December). The other words are compared with each
# entry's cooperative row there: given the set of the cooperatives holding a word instead (as
# SQLite is), bench/office.py's counts went from 9.9 to 6.4 ms but its pages from 8–16 ms to
# 35–346 ms (5 December).
_WORD_LOOKUPS = {
    "sqlite": _WordLookup(
        term="(e.rowid IN (SELECT rowid FROM entries_trigram WHERE entries_trigram MATCH ?)"
        " OR e.cooperative_id IN (SELECT id FROM cooperatives WHERE rowid IN"
        " (SELECT rowid FROM cooperatives_trigram WHERE cooperatives_trigram MATCH ?)))",
        counts=(
            "SELECT 1 FROM entries_trigram WHERE entries_trigram MATCH ?",
            "SELECT 1 FROM cooperatives_trigram WHERE cooperatives_trigram MATCH ?",
        ),
        in_cooperatives=_IN_COOPERATIVES_MATCHING,
        scanned_cooperatives="e.cooperative_id IN (SELECT id FROM cooperatives WHERE search LIKE ? ESCAPE '\\')",
        together=lambda values, cooperatives: (
            *(
                (
                    "e.cooperative_id IN (SELECT id FROM cooperatives WHERE rowid IN"
                    " (SELECT value FROM json_each(?)))",
                    [cooperatives],
                )
                if cooperatives is not None
                else (
                    _IN_COOPERATIVES_MATCHING,
                    [" AND ".join(values)],
                )
            ),
            "e.rowid IN (SELECT rowid FROM entries_trigram WHERE entries_trigram MATCH ?)",
            [" OR ".join(values)],
        ),
        together_in_cooperatives=lambda values: (
            "SELECT COUNT(*), json_group_array(rowid) FROM (SELECT rowid FROM cooperatives_trigram"
            " WHERE cooperatives_trigram MATCH ? LIMIT ?) found",
            [" AND ".join(values)],
        ),
        value=_phrase,
        share=1,
        planned_per_word=False,
        found_first=True,
    ),
    "postgresql": _WordLookup(
        term="(e.search LIKE ? ESCAPE '\\' OR e.cooperative_id = ANY(ARRAY("
        "SELECT id FROM cooperatives WHERE search LIKE ? ESCAPE '\\')))",
        counts=(
            "SELECT 1 FROM entries WHERE search LIKE ? ESCAPE '\\'",
            "SELECT 1 FROM cooperatives WHERE search LIKE ? ESCAPE '\\'",
        ),
        in_cooperatives=None,
        scanned_cooperatives=None,
        # Looked up together as SQLite does ("isik konut", 160 found at 20,000 entries), its
        # page took 205 ms and its count 203, against 45 and 47 compared (bench/office.py, 5
        # December): the office database compares.
        together=None,
        together_in_cooperatives=None,
        value=_contains,
        share=2,
        planned_per_word=True,
        found_first=False,
    ),
}


class _Words(NamedTuple):
    """The text box's words (folded) as its engine reads them: the one looked up (None when every
    word is common or too short) with how many rows of the busier of its two indexes hold it, and
    the other words found in few cooperatives (:data:`COOPERATIVE_SET_UP_TO`). With no word rare
    enough, ``together``: the words looked up together (:func:`_count_words`), ``found`` then the
    rows of the two indexes that hold them so."""

    rare: str | None
    found: int
    lookup: _WordLookup
    few_cooperatives: frozenset[str]
    together: tuple[str, ...] = ()
    # The cooperatives holding every word together, as read with the counts (a JSON array of
    # their rowids): only for the statements of the same snapshot (:func:`_snapshot`), never kept.
    together_cooperatives: str | None = None
    counted_in: object | None = None  # the snapshot they were counted in (:func:`_snapshot`)

    @property
    def looked_up(self) -> bool:
        """Whether the indexes find the entries (a word, or the words together), or each is compared."""
        return self.rare is not None or bool(self.together)

    @property
    def found_first(self) -> bool:
        """Whether the looked-up word's entries are read first, of every state, and then sorted
        (:attr:`_WordLookup.found_first`)."""
        return self.looked_up and self.lookup.found_first

    def compares_cooperatives(self, words: Sequence[str], *, counting: bool = False) -> bool:
        """Whether one of ``words`` is compared with its entries' cooperatives' rows (a join)."""
        if self.scans_cooperatives(counting):
            return False
        return any(
            word != self.rare and word not in self.few_cooperatives and word not in self.together
            for word in words
        )

    def scans_cooperatives(self, counting: bool) -> bool:
        """Whether a word neither looked up nor in few cooperatives is compared with the set of
        cooperatives holding it, read in one scan of them (:data:`SCAN_COOPERATIVES_TO_COUNT`)."""
        return (
            counting
            and not self.looked_up
            and SCAN_COOPERATIVES_TO_COUNT
            and self.lookup.scanned_cooperatives is not None
        )


def rarest_word(store: Store, flt: EntryFilter) -> str | None:
    """The text box's word (folded) that the trigram indexes find least, if they find it rarely
    (:data:`RARE_WORD`); longer words first, and a word found in a tenth of that ends the search.

    Each word is counted in both indexes only up to one more than that: a few milliseconds,
    however common it is (SQLite's FTS5 trigram indexes, PostgreSQL's pg_trgm ones)."""
    words = _words(store, flt)
    return words.rare if words else None


#: What has been read so far inside :func:`reading_once` (None outside it), by store and question.
_READ: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("read_once", default=None)

T = TypeVar("T")


@contextmanager
def reading_once() -> Iterator[None]:
    """Inside it, what a list's job asks more than once is read once per store: the text box's
    words counted in the trigram indexes (1–5 ms; a list's count and its first page both need
    them), an audit date range's bounds (its count, its page and the page's position)."""
    token = _READ.set({})
    try:
        yield
    finally:
        _READ.reset(token)


def _once(store: Store, question: tuple[Any, ...], read: Callable[[], T]) -> T:
    """``read()``, or inside :func:`reading_once` what it gave for this store and question."""
    answers = _READ.get()
    if answers is None:
        return read()
    key = (id(store), *question)
    if key not in answers:
        answers[key] = read()
    return cast(T, answers[key])


#: The text box's words as counted (:func:`_count_words`) are kept this many seconds for the
#: store and text (the newest WORDS_KEPT texts): a list's pages after its first, and its count,
#: read them without counting again (0.7 ms of a page of "ortak 123" at 100,000 entries). They
#: choose how a page is read, never what it holds: a looked-up word's term finds exactly the
#: entries holding it, and a set of cooperatives is read in the statement itself. So a count
#: that changed meanwhile (an import) costs time only, until it is counted again.
WORDS_KEPT_S = 30.0
WORDS_KEPT = 16


def _words(store: Store, flt: EntryFilter) -> _Words | None:
    return _once(store, ("words", flt.text), lambda: _kept_words(store, flt))


def _kept_words(store: Store, flt: EntryFilter) -> _Words | None:
    # The text and every limit it was counted by.
    key = (
        "words",
        flt.text,
        RARE_WORD,
        COOPERATIVE_SET_UP_TO,
        TOGETHER_UP_TO,
        TOGETHER_IN_TEXT_UP_TO,
        RARE_BEFORE_TOGETHER,
    )
    now = monotonic()
    kept = store.kept.get(key)
    if kept is not None and now - kept[0] < WORDS_KEPT_S:
        return cast("_Words | None", kept[1])
    words = _count_words(store, flt)
    store.kept.pop(key, None)
    # The counts only: the cooperatives found are read again by a later page's statement.
    store.kept[key] = (
        now,
        words._replace(together_cooperatives=None, counted_in=None) if words is not None else None,
    )
    texts = [k for k in store.kept if k[0] == "words"]
    for old in texts[: max(0, len(texts) - WORDS_KEPT)]:  # the oldest first (insertion order)
        del store.kept[old]
    return words


#: The snapshot a list's reads are in (:func:`_snapshot`): the store's id and a token of its own.
_SNAPSHOT: ContextVar[tuple[int, object] | None] = ContextVar("listing_snapshot", default=None)


@contextmanager
def _snapshot(store: Store) -> Iterator[None]:
    """Where the text box's words may be looked up together (SQLite), the reads inside see the
    file as it was at the first one (``Store.reading``): the cooperatives found holding every
    word as the words are counted are then handed to the statements that follow, not looked up
    again (FTS5's ``"isik" AND "konut"``, 1.2 ms of the first job's 5.5 at 100,000 entries).
    Elsewhere, and inside an outer one, nothing."""
    lookup = _WORD_LOOKUPS.get(store.dialect.name)
    current = _SNAPSHOT.get()
    if lookup is None or lookup.together is None or (current is not None and current[0] == id(store)):
        yield
        return
    token = _SNAPSHOT.set((id(store), object()))
    try:
        with store.reading():
            yield
    finally:
        _SNAPSHOT.reset(token)


def _in_snapshot(store: Store | None = None) -> object | None:
    """The token of the snapshot the reads are in now (of ``store``'s, if given), if any
    (:func:`_snapshot`)."""
    current = _SNAPSHOT.get()
    if current is None or (store is not None and current[0] != id(store)):
        return None
    return current[1]


def _count_words(store: Store, flt: EntryFilter) -> _Words | None:
    lookup = _WORD_LOOKUPS.get(store.dialect.name)
    words = sorted(set(fold(flt.text).split()), key=lambda w: (-len(w), w))
    if lookup is None or not words:
        return None
    limit = RARE_WORD // lookup.share
    indexed = [word for word in words if len(word) >= TRIGRAM]
    # Each word's rows in the entries' index, counted up to one past the most any decision here
    # needs (exact below that); in the cooperatives' index as far as asked so far.
    in_entries: dict[str, int] = {}
    in_cooperatives: dict[str, tuple[int, int]] = {}  # the count, and the most it was counted to
    most_in_entries = max(limit, TOGETHER_IN_TEXT_UP_TO) + 1
    with _planned_for_each_word(store):

        def count(rows: str, value: str | list[str], most: int) -> int:
            values = value if isinstance(value, list) else [value]
            row = store.query_one(f"SELECT COUNT(*) FROM ({rows} LIMIT ?) found", [*values, most])
            return int(row[0]) if row else 0

        def entries_holding(word: str) -> int:
            if word not in in_entries:
                in_entries[word] = count(lookup.counts[0], lookup.value(word), most_in_entries)
            return in_entries[word]

        def cooperatives_holding(word: str, most: int) -> int:
            """The word's rows in the cooperatives' index: exact below ``most``."""
            found, counted_to = in_cooperatives.get(word, (0, 0))
            if found >= counted_to and counted_to < most:  # not counted yet, or not that far
                found, counted_to = count(lookup.counts[1], lookup.value(word), most), most
                in_cooperatives[word] = (found, counted_to)
            return found

        def rarest(up_to: int) -> tuple[int, str] | None:
            """The word found in the fewest rows of either index, if at most ``up_to``; longer
            words first, and one found in a tenth of ``limit`` ends the search."""
            best: tuple[int, str] | None = None
            for word in indexed:
                found = max(
                    entries_holding(word), cooperatives_holding(word, max(up_to, COOPERATIVE_SET_UP_TO) + 1)
                )
                if found <= up_to and (best is None or found < best[0]):
                    best = (found, word)
                    if found * 10 <= limit:
                        break
            return best

        # Words that may be looked up together are first counted only as far as
        # RARE_BEFORE_TOGETHER (:data:`RARE_BEFORE_TOGETHER`).
        may_go_together = lookup.together_in_cooperatives is not None and len(indexed) > 1
        best = rarest(min(limit, RARE_BEFORE_TOGETHER) if may_go_together else limit)
        # No word that rare: the entries of the cooperatives holding every word, and those whose
        # own text holds one of them, are the ones read if they are few.
        together: tuple[str, ...] = ()
        found_together = 0
        cooperatives: str | None = None
        if best is None and may_go_together and lookup.together_in_cooperatives is not None:
            in_text = sum(entries_holding(word) for word in indexed)
            if in_text <= TOGETHER_IN_TEXT_UP_TO:
                statement, values = lookup.together_in_cooperatives([lookup.value(word) for word in indexed])
                row = store.query_one(statement, [*values, TOGETHER_UP_TO + 1])
                in_all = int(row[0]) if row else 0
                if in_all <= TOGETHER_UP_TO:
                    together, found_together = tuple(indexed), in_text + in_all
                    cooperatives = str(row[1]) if row else "[]"
        if together:
            # A word whose counts are known exactly (fewer than they were counted to) is looked
            # up alone if it is found in no more rows than the words together: a member's name,
            # "ayşe yılmaz" (each in ≈ 1,200 entries' own text, in no cooperative's title: 2.4 ms
            # a first job so, 7.9 together, on bench/ui.py's file).
            known = [
                (max(in_entries[word], in_cooperatives[word][0]), word)
                for word in indexed
                if word in in_cooperatives
                and in_cooperatives[word][0] < in_cooperatives[word][1]
                and in_entries.get(word, most_in_entries) < most_in_entries
            ]
            fewest = min(known, default=None)
            if fewest is not None and fewest[0] <= min(limit, found_together):
                best, together, cooperatives = fewest, (), None
        if best is None and not together and may_go_together and limit > RARE_BEFORE_TOGETHER:
            best = rarest(limit)
        few: set[str] = set()
        if lookup.in_cooperatives is not None and not together:
            for word in indexed:  # those after the word that ended the search counted here
                if cooperatives_holding(word, COOPERATIVE_SET_UP_TO + 1) <= COOPERATIVE_SET_UP_TO:
                    few.add(word)
    rare = best[1] if best else None
    found = best[0] if best else found_together
    return _Words(
        rare,
        found,
        lookup,
        frozenset(few - {rare}),
        together,
        cooperatives if together else None,
        _in_snapshot(store),
    )


@contextmanager
def _planned_for_each_word(store: Store) -> Iterator[None]:
    """On PostgreSQL, the counts planned for the word they count. Prepared (psycopg does so from a
    statement's fifth run), a count was planned once for any word: a bitmap of every entry for a
    word found in all of them, 16 ms instead of the 2 ms of reading the first 1,001."""
    lookup = _WORD_LOOKUPS.get(store.dialect.name)
    if lookup is None or not lookup.planned_per_word:
        yield
        return
    store.execute("SET plan_cache_mode = force_custom_plan")
    try:
        yield
    finally:
        store.execute("RESET plan_cache_mode")


def _where(
    flt: EntryFilter,
    *,
    states: bool = True,
    walk: bool = False,
    words: _Words | None = None,
    dates_indexed: bool = False,
    counting: bool = False,
) -> tuple[str, list[Any]]:
    """The filter's WHERE terms and their values. ``walk``: the narrowing terms carry SQLite's
    unary ``+``, which keeps its planner off their indexes (so it walks the sort's). ``words``:
    how the text's words are read (:func:`_count_words`); without them each is compared with
    the entry's text and its cooperative's row. ``dates_indexed``:
    the dates without the hint, the others with it (the date index read, the others checked in it).
    ``counting``: for a count, or another read of every entry the filter finds
    (:data:`SCAN_COOPERATIVES_TO_COUNT`)."""
    clauses: list[str] = []
    params: list[Any] = []
    hint = "+" if walk else ""
    if flt.states and states:
        clauses.append(_states_in(flt.states, unindexed=words is not None and words.found_first))
        params.extend(s.value for s in flt.states)
    if flt.type_id:
        clauses.append(f"{hint}e.type = ?")
        params.append(flt.type_id)
    if flt.author:
        clauses.append(f"{hint}e.author = ?")
        params.append(flt.author)
    if flt.cooperative:
        # An entry names a registry cooperative or a local registration, never both (the
        # table's CHECK): one term, which the (cooperative key, uuid) indexes find.
        clauses.append(f"{hint}COALESCE(e.cooperative_id, e.cooperative_ref, '') = ?")
        params.append(flt.cooperative)
    if dates := _dates(flt, "" if dates_indexed else hint):
        clauses.append(dates[0])
        params.extend(dates[1])
    together: frozenset[str] = frozenset()
    if words is not None and words.together and words.lookup.together is not None:
        # The entries of the cooperatives holding every word hold them all; only those found by
        # their own text are compared with each word, in their text or their cooperative's (read
        # for them alone: a join would read it for every entry found). "isik konut", 726 found at
        # 100,000 entries: 4.9 ms a page when each was compared through a join, 2.7 so.
        together = frozenset(words.together)
        # The cooperatives found as the words were counted, in this snapshot; else found again.
        now = _in_snapshot()
        found = words.together_cooperatives if now is not None and words.counted_in is now else None
        in_all, in_all_values, in_one, in_one_values = words.lookup.together(
            [words.lookup.value(word) for word in words.together], found
        )
        each = " AND ".join(
            f"(e.search LIKE ? ESCAPE '\\' OR {_COOPERATIVE_TEXT} LIKE ? ESCAPE '\\')" for _ in words.together
        )
        clauses.append(f"({in_all} OR ({in_one} AND {each}))")
        params.extend([*in_all_values, *in_one_values])
        params.extend(_contains(word) for word in words.together for _ in (0, 1))
    for word in fold(flt.text).split():
        if word in together:
            continue
        if words is not None and word == words.rare:
            clauses.append(words.lookup.term)
            params.extend([words.lookup.value(word)] * 2)
        elif words is not None and words.lookup.in_cooperatives and word in words.few_cooperatives:
            clauses.append(f"(e.search LIKE ? ESCAPE '\\' OR {words.lookup.in_cooperatives})")
            params.extend([_contains(word), words.lookup.value(word)])
        elif words is not None and words.scans_cooperatives(counting):
            clauses.append(f"(e.search LIKE ? ESCAPE '\\' OR {words.lookup.scanned_cooperatives})")
            params.extend([_contains(word)] * 2)
        else:
            clauses.append("(e.search LIKE ? ESCAPE '\\' OR c.search LIKE ? ESCAPE '\\')")
            params.extend([_contains(word)] * 2)
    return " AND ".join(clauses), params


def _states_in(states: Sequence[object], *, unindexed: bool = False) -> str:
    """The term of an entry in one of ``states`` (their values its parameters); ``unindexed``:
    with SQLite's unary ``+``, which keeps its planner off the state indexes."""
    return f"{'+' if unindexed else ''}e.state IN ({', '.join('?' for _ in states)})"


def _dates(flt: EntryFilter, hint: str = "") -> tuple[str, list[Any]] | None:
    """The filter's date range as WHERE terms and values, on the (effective date key, uuid)
    indexes (``hint``: "+" keeps SQLite's planner off them); None without dates. An entry without
    a date has the key '', which no date range holds (a range with no start starts after '')."""
    if not (flt.date_from or flt.date_to):
        return None
    clauses = [f"{hint}{_DATE_KEY} {'>=' if flt.date_from else '>'} ?"]
    params = [flt.date_from or ""]
    if flt.date_to:
        clauses.append(f"{hint}{_DATE_KEY} <= ?")
        params.append(flt.date_to)
    return " AND ".join(clauses), params


def _from(flt: EntryFilter, words: _Words | None = None, *, counting: bool = False) -> str:
    # Only a text word compared with its cooperative's row reads the cooperatives: a count without
    # one reads the entries alone (an index), not 100,000 lookups in two other tables.
    text = fold(flt.text).split()
    joined = bool(text) and (words is None or words.compares_cooperatives(text, counting=counting))
    return " FROM entries e" + (_JOIN_COOPERATIVE if joined else "")


def keyset(
    columns: tuple[str, str], key: PageKey | None, walk_descending: bool
) -> tuple[str, list[Any], str]:
    """The condition that starts a page after ``key`` in the walking direction, and the ORDER BY."""
    direction = "DESC" if walk_descending else "ASC"
    order = f" ORDER BY {columns[0]} {direction}, {columns[1]} {direction}"
    if key is None:
        return "", [], order
    compare = "<" if walk_descending else ">"
    return f"({columns[0]}, {columns[1]}) {compare} (?, ?)", [key.value, key.uuid], order


Row = TypeVar("Row")


def keyset_batches(
    read: Callable[[PageKey | None], Sequence[Row]], key_of: Callable[[Row], PageKey], size: int
) -> Iterator[Sequence[Row]]:
    """``read``'s pages one after another, each starting after the last row of the one before,
    until a page shorter than ``size``: a whole list read ``size`` rows at a time, each batch
    one index range however far into the list it is."""
    key: PageKey | None = None
    while True:
        rows = read(key)
        if rows:
            yield rows
        if len(rows) < size:
            return
        key = key_of(rows[-1])


def _walk(
    descending: bool, after: PageKey | None, before: PageKey | None, from_end: bool
) -> tuple[PageKey | None, bool, bool]:
    """(start key, walk descending?, backwards?): a page before a key, or the last page, is
    read walking the other way from that key (or from the end) and turned round."""
    backwards = before is not None or from_end
    return (before if backwards else after), descending != backwards, backwards


def count_entries(store: Store, flt: EntryFilter) -> int:
    with _snapshot(store):
        return _count(store, flt, _words(store, flt))


#: A text's count is made with its list's first page when its looked-up word is in at most this
#: many rows of either trigram index: each entry found is compared with the other words, ≈ 5 µs.
COUNT_WITH_PAGE_UP_TO = 1000


def _states_only(flt: EntryFilter) -> bool:
    """Whether ``flt`` narrows the entries by their states alone (or not at all)."""
    return flt == EntryFilter(states=flt.states)


def quick_count(store: Store, flt: EntryFilter) -> int | None:
    """The filter's count, or None when counting would compare the text with many entries: a text
    box whose every word is common or too short to look up (:func:`rarest_word`), or whose word
    looked up is in more than :data:`COUNT_WITH_PAGE_UP_TO` rows.

    At 100,000 entries such counts took ≈ 220 ms ("kooperatif", in every entry) and ≈ 3 ms
    ("ortak 123", "123" in 1,171 cooperatives' titles), their first pages ≈ 3 and ≈ 5 ms: a list
    reads its first page then, and counts after it (``ui.models.entries``)."""
    with _snapshot(store):
        words = _words(store, flt)
        if fold(flt.text).split() and (
            words is None or not words.looked_up or words.found > COUNT_WITH_PAGE_UP_TO
        ):
            return None
        return _count(store, flt, words)


def _count(store: Store, flt: EntryFilter, words: _Words | None) -> int:
    if _states_only(flt):
        # A queue of whole states (Tüm kayıtlar, Onay bekleyenler): the counts the file keeps.
        kept = counts.entries_in(store, [state.value for state in flt.states])
        if kept is not None:
            return kept
    where, params = _where(flt, words=words, counting=True)
    source = _from(flt, words, counting=True)
    row = store.query_one(f"SELECT COUNT(*){source}{' WHERE ' + where if where else ''}", params)
    return int(row[0]) if row else 0


def entry_rows(
    store: Store,
    flt: EntryFilter,
    *,
    limit: int,
    sort: str,
    descending: bool,
    offset: int = 0,
    after: PageKey | None = None,
    before: PageKey | None = None,
    from_end: bool = False,
    order: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """One page of list rows: uuid, type, cooperative, its title, state, author, approver,
    effective date, updated at, receipt, comment, issues (JSON), number, revision (what the
    list showed: a bulk approval approves that one only), and the row's sort value (with
    the uuid, the :class:`PageKey` of the next page).

    ``after``: the rows that follow that row; ``before``: the ``limit`` rows just before it;
    ``from_end``: the last ``limit`` rows. Pages come in list order either way. ``offset``
    skips rows from where the page starts (kept for callers that count rows; it costs a
    scan of what it skips, the keys do not).

    A sort of :data:`BY_LABEL` (the change type, the state) orders the codes as ``order``
    names them — the caller's order of their labels, in the language shown; codes it does not
    name come after them, in code order.
    """
    with _snapshot(store):
        return _entry_rows(
            store,
            flt,
            limit=limit,
            sort=sort,
            descending=descending,
            offset=offset,
            after=after,
            before=before,
            from_end=from_end,
            order=order,
        )[0]


def first_entry_rows(
    store: Store, flt: EntryFilter, *, limit: int, sort: str, descending: bool, order: Sequence[str] = ()
) -> tuple[int | None, list[tuple[Any, ...]]]:
    """A list's first page (:func:`entry_rows`) and its count when that is quick
    (:func:`quick_count`; else None). The entries the text box's words find, read at once and
    sorted (``_Ranges.by_word``), are counted in the same read as their page, however many: "isik
    konut" (726 found at 100,000 entries) read them twice, ≈ 5 ms each; on bench/ui.py's file
    (665 found among 2,993 compared) its count came in a job of its own after the rows, 9.6 ms,
    where the shared read adds 0.3 ms to the page's 11."""
    with _snapshot(store):
        words = _words(store, flt)
        if words is not None and words.found_first:
            rows, read = _entry_rows(
                store, flt, limit=limit, sort=sort, descending=descending, order=order, counting=True
            )
            total = read.found.get(tuple(read.states))
            if total is not None:
                return total, rows
            return quick_count(store, flt), rows
        return quick_count(store, flt), entry_rows(
            store, flt, limit=limit, sort=sort, descending=descending, order=order
        )


def _entry_rows(
    store: Store,
    flt: EntryFilter,
    *,
    limit: int,
    sort: str,
    descending: bool,
    offset: int = 0,
    after: PageKey | None = None,
    before: PageKey | None = None,
    from_end: bool = False,
    order: Sequence[str] = (),
    counting: bool = False,
) -> tuple[list[tuple[Any, ...]], _Ranges]:
    """:func:`entry_rows`, with how they were read; ``counting``: the entries a looked-up word
    finds are counted as they are read (in the read's ``found``, by its states)."""
    expression = SORTABLE.get(sort, SORTABLE["updated_at"])
    key, walk_descending, backwards = _walk(descending, after, before, from_end)
    # A clerk's own list newest first (an author, maybe states) streams from migration 12's
    # (author, updated_at, uuid, state) index, whatever it finds: the planner takes that index.
    own_list = sort == "updated_at" and not _narrowing(replace(flt, author=None))
    by_count = store.dialect.name == "sqlite" and _narrowing(flt) and not own_list
    dates = _date_bound(flt, sort, walk_descending) if by_count else None
    words = _words(store, flt)
    read = _Ranges(
        store,
        "e.uuid, e.type, COALESCE(e.cooperative_id, e.cooperative_ref), e.cooperative_title, "
        "e.state, e.author, e.approver, e.effective_date, e.updated_at, e.receipt, "
        f"e.comment, e.issues, e.number, e.revision, {expression}",
        expression,
        _from(flt, words),
        _where(flt, states=False, words=words),
        [s.value for s in flt.states],
        walk_descending,
        _where(flt, states=False, walk=True) if by_count else None,
        dates,
        _counted_in_dates(flt, sort) if dates else None,
        words is not None and words.found_first,
        counting=counting,
    )
    if sort in BY_LABEL:
        rows = _by_codes(store, read, expression, order, limit + offset, key)[offset:]
    else:
        condition, key_params, _ = keyset((expression, "e.uuid"), key, walk_descending)
        rows = read(condition, key_params, limit, offset)
    if backwards:
        rows.reverse()
    return rows, read


@dataclass(frozen=True)
class _Ranges:
    """Reads a list's rows in its order: one range of an index in (sort value, uuid) order.

    A list of several states (Eşitleme: approved, sending, synced, rejected) is read one state
    at a time, each a range of the (state, sort value, uuid) index — the uuids and sort values
    alone, which that index holds — and the ranges merged; then the page's rows by uuid. One
    range over all the states would find every entry of them and sort them all (20–100 ms a
    page at 50,000 entries).

    ``walk_where``: the filter with SQLite's hints, given when it narrows a queue (a change
    type, an author, a cooperative, dates). Each state's range is then read the cheaper way
    for what the filter finds there (:data:`SORT_FOUND_UP_TO`). ``dates``: the filter's date
    range, given when it bounds the walk (:data:`BOUNDED_BY_DATES`): a walk goes only between
    the least and the greatest sort value of the state's entries in the range. ``by_word``: the
    text box's looked-up word finds the rows (at most about :data:`RARE_WORD` entries), of every
    state at once, and they are sorted: no index is walked.
    """

    store: Store
    columns: str  # SELECT's columns; the last is the sort value, the first the uuid
    sort_value: str  # the sort value's expression
    source: str  # FROM … (with its JOIN)
    where: tuple[str, list[Any]]  # the filter without its states
    states: list[str]
    walk_descending: bool
    walk_where: tuple[str, list[Any]] | None = None
    dates: tuple[str, list[Any]] | None = None
    counted_in_dates: tuple[str, list[Any]] | None = None
    by_word: bool = False  # the text's looked-up word finds the rows, which are then sorted
    counting: bool = False  # by_word: count the rows found as they are read (``found``)
    found: dict[tuple[str, ...], int] = field(default_factory=dict)  # entries the filter finds, by states
    bounds: dict[tuple[str, ...], tuple[str, list[Any]] | None] = field(default_factory=dict)  # by states

    def __call__(
        self, condition: str, params: list[Any], want: int, offset: int = 0
    ) -> list[tuple[Any, ...]]:
        if len(self.states) < 2 or self.by_word:
            return self._range(self.columns, self.states, condition, params, want, offset)
        want += offset
        keys = heapq.merge(
            *(
                self._range(f"e.uuid, {self.sort_value}", [state], condition, params, want)
                for state in self.states
            ),
            key=lambda row: (row[1], row[0]),
            reverse=self.walk_descending,
        )
        return self.rows([str(row[0]) for row in islice(keys, offset, want)])

    def rows(self, page: Sequence[str]) -> list[tuple[Any, ...]]:
        """The rows of the entries ``page`` names, in its order."""
        found: dict[str, tuple[Any, ...]] = {}
        for start in range(0, len(page), _UUIDS_AT_ONCE):
            chunk = page[start : start + _UUIDS_AT_ONCE]
            rows = self.store.query(
                f"SELECT {self.columns}{self.source} WHERE e.uuid IN ({', '.join('?' for _ in chunk)})", chunk
            )
            found.update((str(row[0]), row) for row in rows)
        # An entry that moved between the two reads (another PC) is left out, not shown twice.
        return [found[uuid] for uuid in page if uuid in found]

    def found_keys(self) -> list[tuple[Any, ...]]:
        """The uuid and sort value of every entry the filter finds (``by_word``: a few thousand at most)."""
        state_clause = _states_in(self.states, unindexed=True) if self.states else ""
        clauses = " AND ".join(c for c in (state_clause, self.where[0]) if c)
        return self.store.query(
            f"SELECT e.uuid, {self.sort_value}{self.source}{' WHERE ' + clauses if clauses else ''}",
            [*self.states, *self.where[1]],
        )

    def _range(
        self,
        columns: str,
        states: list[str],
        condition: str,
        params: list[Any],
        want: int,
        offset: int = 0,
    ) -> list[tuple[Any, ...]]:
        unindexed = "+" if self.by_word else ""
        state_clause = _states_in(states, unindexed=self.by_word) if states else ""
        where = self.where
        if self.walk_where is not None:
            if self._found(state_clause, states) <= SORT_FOUND_UP_TO:
                unindexed = "+"  # an order no index holds: the filter's index finds the rows, then a sort
                if columns != self.columns:
                    # A column no list index holds: every one holds the filter's columns, and the
                    # planner would rather read all of a state's sort index than look rows up.
                    columns += ", e.revision"
            else:
                where = self.walk_where  # the filter's terms off their indexes: the sort's index is walked
                if self.dates is not None and (bound := self._bound(state_clause, states)):
                    where = (f"{where[0]} AND {bound[0]}", [*where[1], *bound[1]])
        direction = "DESC" if self.walk_descending else "ASC"
        order_by = f" ORDER BY {unindexed}{self.sort_value} {direction}, {unindexed}e.uuid {direction}"
        clauses = " AND ".join(c for c in (state_clause, where[0], condition) if c)
        found = f"{self.source}{' WHERE ' + clauses if clauses else ''}{order_by} LIMIT ? OFFSET ?"
        if self.by_word and self.counting and not condition and not offset and self.walk_where is None:
            # The first page, and how many entries the filter finds: one read of them, kept for both.
            rows = self.store.query(
                f"WITH found AS MATERIALIZED (SELECT e.rowid AS found_rowid, {self.sort_value} AS sort_value,"
                f" e.uuid AS uuid{self.source}{' WHERE ' + clauses if clauses else ''})"
                f" SELECT {columns}, (SELECT COUNT(*) FROM found) FROM (SELECT found_rowid FROM found"
                f" ORDER BY sort_value {direction}, uuid {direction} LIMIT ?) page"
                f" CROSS JOIN entries e ON e.rowid = page.found_rowid"
                f" ORDER BY {self.sort_value} {direction}, e.uuid {direction}",
                [*states, *where[1], want],
            )
            self.found[tuple(states)] = int(rows[0][-1]) if rows else 0
            return [row[:-1] for row in rows]
        if self.by_word:
            # The found entries are sorted by their keys alone, then the page's rows read by rowid:
            # a sort of 1,656 whole rows ("ortak 123") took a third longer (4.5 ms against 3.5).
            return self.store.query(
                f"SELECT {columns} FROM (SELECT e.rowid AS found_rowid{found}) page"
                f" CROSS JOIN entries e ON e.rowid = page.found_rowid"
                f" ORDER BY {self.sort_value} {direction}, e.uuid {direction}",
                [*states, *where[1], *params, want, offset],
            )
        return self.store.query(f"SELECT {columns}{found}", [*states, *where[1], *params, want, offset])

    def _found(self, state_clause: str, states: list[str]) -> int:
        """How many entries of ``states`` the filter finds (an index's count, once per page).
        ``counted_in_dates``: in a range of at most :data:`BOUND_READ_UP_TO` entries, counted
        in the date index, with the least and greatest sort value of those it finds (the bound)."""
        key = tuple(states)
        if key not in self.found:
            if self.counted_in_dates is not None:
                # Counted here either way: the bound is this read's or, for a wide range, none.
                self.bounds[key] = None
                if self._narrow_range(state_clause, states):
                    clauses = " AND ".join(c for c in (state_clause, self.counted_in_dates[0]) if c)
                    row = self.store.query_one(
                        f"SELECT COUNT(*), MIN({self.sort_value}), MAX({self.sort_value}) "
                        f"FROM entries e WHERE {clauses}",
                        [*states, *self.counted_in_dates[1]],
                    )
                    found, least, greatest = row if row else (0, None, None)
                    self.found[key] = int(found)
                    self.bounds[key] = self._between(least, greatest)
                    return self.found[key]
            clauses = " AND ".join(c for c in (state_clause, self.where[0]) if c)
            row = self.store.query_one(
                f"SELECT COUNT(*){self.source} WHERE {clauses}", [*states, *self.where[1]]
            )
            self.found[key] = int(row[0]) if row else 0
        return self.found[key]

    def _bound(self, state_clause: str, states: list[str]) -> tuple[str, list[Any]] | None:
        """Where a walk narrowed by dates starts and stops: the least and greatest sort value of
        the entries of ``states`` in the range, which hold every entry the filter finds there
        (read once per page); None when the range holds more than :data:`BOUND_READ_UP_TO`.
        The effective date's order: the range itself."""
        assert self.dates is not None
        if self.sort_value == _DATE_KEY:
            return self.dates
        key = tuple(states)
        found = self._found(state_clause, states)  # with a filter counted in the dates, the bound too
        if key not in self.bounds:
            # Dates alone: the filter finds the range's entries. With a cooperative or a text it
            # finds some of them: the entry a step past the limit tells whether the range is wider.
            wide = found > BOUND_READ_UP_TO or (
                self.where[0] != self.dates[0] and not self._narrow_range(state_clause, states)
            )
            clauses = " AND ".join(c for c in (state_clause, self.dates[0]) if c)
            row = (
                None
                if wide
                else self.store.query_one(
                    f"SELECT MIN({self.sort_value}), MAX({self.sort_value}) FROM entries e WHERE {clauses}",
                    [*states, *self.dates[1]],
                )
            )
            self.bounds[key] = None if row is None else self._between(*row)
        return self.bounds[key]

    def _narrow_range(self, state_clause: str, states: list[str]) -> bool:
        """Whether the date range holds at most :data:`BOUND_READ_UP_TO` entries of ``states``."""
        assert self.dates is not None
        clauses = " AND ".join(c for c in (state_clause, self.dates[0]) if c)
        return not self.store.query_one(
            f"SELECT 1 FROM entries e WHERE {clauses} LIMIT 1 OFFSET ?",
            [*states, *self.dates[1], BOUND_READ_UP_TO],
        )

    def _between(self, least: Any, greatest: Any) -> tuple[str, list[Any]]:
        # Nothing found: NULL bounds, which hold nothing either.
        return f"{self.sort_value} >= ? AND {self.sort_value} <= ?", [least, greatest]


_UUIDS_AT_ONCE = 500  # a page's rows by uuid, this many per statement


def _codes(store: Store, column: str) -> list[str]:
    """Every code ``column`` holds, in code order: one seek of its (code, uuid) index each."""
    found: list[str] = []
    while True:
        after = " WHERE " + column + " > ?" if found else ""
        row = store.query_one(f"SELECT MIN({column}) FROM entries e{after}", found[-1:])
        if row is None or row[0] is None:
            return found
        found.append(str(row[0]))


def _by_codes(
    store: Store, read: _Ranges, column: str, order: Sequence[str], want: int, key: PageKey | None
) -> list[tuple[Any, ...]]:
    """Up to ``want`` rows of a list sorted by label: code by code — those of ``order`` in its
    order, then the others in code order — each code's rows one range of the (code, uuid)
    index, from ``key``'s code (its rows after the key) until the page is full. Codes the
    table does not hold are not asked for."""
    held = _codes(store, column)
    if key is not None and key.value not in held:
        held = sorted([*held, str(key.value)])  # its last row went since the page before
    named = [code for code in dict.fromkeys(order) if code in held]
    codes = named + [code for code in held if code not in named]
    if read.by_word:
        return _found_by_codes(read, codes, want, key)
    if read.walk_descending:
        codes.reverse()
    if key is not None:
        codes = codes[codes.index(str(key.value)) :]
    rows: list[tuple[Any, ...]] = []
    after = "<" if read.walk_descending else ">"
    for n, code in enumerate(codes):
        # Within a code the uuid alone goes on from the key: a row value (code, uuid) beside
        # the code's equality has SQLite sort what follows the key again.
        resume = n == 0 and key is not None
        condition = f"{column} = ?" + (f" AND e.uuid {after} ?" if resume else "")
        params = [code, key.uuid] if resume and key is not None else [code]
        rows += read(condition, params, want - len(rows))
        if len(rows) >= want:
            break
    return rows


def _found_by_codes(read: _Ranges, codes: list[str], want: int, key: PageKey | None) -> list[tuple[Any, ...]]:
    """:func:`_by_codes` for the entries a looked-up word finds (``_Ranges.by_word``): they are
    read once, with their codes, and sorted here — one statement, not one for each code, each
    gathering the word's entries again ("ortak 123" by change type at 100,000 entries: 18–19 ms
    a page when each code's index was walked, 21–38 ms a statement per code, ≈ 7 ms so)."""
    position = {code: n for n, code in enumerate(codes)}

    def sort_key(uuid: str, code: str) -> tuple[int, str, str]:
        return position.get(code, len(codes)), code, uuid

    found = sorted(
        (sort_key(str(uuid), str(code)) for uuid, code in read.found_keys()), reverse=read.walk_descending
    )
    if read.counting and key is None and read.walk_where is None:
        read.found[tuple(read.states)] = len(found)
    if key is not None:
        start = sort_key(key.uuid, str(key.value))
        found = [row for row in found if (row < start if read.walk_descending else row > start)]
    return read.rows([uuid for _, _, uuid in found[:want]])


def entry_types(store: Store, flt: EntryFilter) -> set[str]:
    """The change types of the entries the filter finds."""
    with _snapshot(store):
        words = _words(store, flt)
        where, params = _where(flt, words=words, counting=True)
        sql = f"SELECT DISTINCT e.type{_from(flt, words, counting=True)}{' WHERE ' + where if where else ''}"
        return {str(r[0]) for r in store.query(sql, params)}


def _audit_where(flt: AuditFilter, *, bounded: tuple[str, list[Any]] | None = None) -> tuple[str, list[Any]]:
    """The filter's WHERE terms and values. ``bounded``: the seq bounds of its dates
    (:func:`_audit_bound`), which then stand for their index: the dates are checked in the rows."""
    clauses: list[str] = []
    params: list[Any] = []
    hint = "+" if bounded else ""
    if flt.entry_uuid:
        clauses.append("entry_uuid = ?")
        params.append(flt.entry_uuid)
    if flt.actor:
        clauses.append("actor = ?")
        params.append(flt.actor)
    if dates := _audit_dates(flt, hint):
        clauses.append(dates[0])
        params.extend(dates[1])
    if flt.actions:
        clauses.append(f"action IN ({', '.join('?' for _ in flt.actions)})")
        params.extend(flt.actions)
    if bounded:
        clauses.append(bounded[0])
        params.extend(bounded[1])
    return " AND ".join(clauses), params


def _audit_dates(flt: AuditFilter, hint: str = "") -> tuple[str, list[Any]] | None:
    """The filter's dates as WHERE terms on the audit's ``at`` (``audit_at``, migration 19; ``hint``:
    "+" keeps SQLite's planner off it); None without dates."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.date_from:
        clauses.append(f"{hint}at >= ?")
        params.append(_local_day_starts(date.fromisoformat(flt.date_from[:10])))
    if flt.date_to:
        clauses.append(f"{hint}at < ?")
        params.append(_local_day_starts(date.fromisoformat(flt.date_to[:10]) + timedelta(days=1)))
    return (" AND ".join(clauses), params) if clauses else None


def _local_day_starts(day: date) -> str:
    """The moment ``day`` starts on this PC's clock, as the audit writes moments (UTC): in
    Türkiye 4 December starts at 3 December, 21:00 UTC."""
    return stamp(datetime.combine(day, time.min).astimezone())


def _audit_bound(store: Store, flt: AuditFilter) -> tuple[str, list[Any]] | None:
    """On SQLite, the rows of the filter's date range lie between its least and greatest seq:
    a page walks the primary key only between them, checking ``at`` (rows are written in seq
    order, their times as each PC's clock gives them). Found with ``audit_at`` when the range
    holds at most :data:`BOUND_READ_UP_TO` rows; None for a wider one, which is walked from
    the newest row as it is (it holds most of the trail), without dates, and for one entry's
    rows (few: their own index finds them). PostgreSQL's planner chooses with the table's
    statistics: given the bounds too, it read slower pages (14 ms against 6 at 100,000 rows),
    so there the index serves the counts alone."""
    dates = _audit_dates(flt)
    if dates is None or flt.entry_uuid or store.dialect.name != "sqlite":
        return None
    return _once(store, ("audit bound", dates[0], *dates[1]), lambda: _read_audit_bound(store, dates))


def _read_audit_bound(store: Store, dates: tuple[str, list[Any]]) -> tuple[str, list[Any]] | None:
    if store.query_one(
        f"SELECT 1 FROM audit WHERE {dates[0]} LIMIT 1 OFFSET ?", [*dates[1], BOUND_READ_UP_TO]
    ):
        return None
    row = store.query_one(f"SELECT MIN(seq), MAX(seq) FROM audit WHERE {dates[0]}", dates[1])
    # An empty range: NULL bounds, which hold nothing, as the range does.
    return "seq >= ? AND seq <= ?", list(row) if row else [None, None]


def audit_page(
    store: Store,
    flt: AuditFilter,
    *,
    limit: int,
    offset: int = 0,
    after_seq: int | None = None,
    before_seq: int | None = None,
    from_end: bool = False,
) -> list[tuple[Any, ...]]:
    """Audit rows, newest first: seq, at, actor, action, entry, from, to, comment, details (JSON).

    ``after_seq``: the rows older than that one; ``before_seq``: the ``limit`` rows just newer
    than it; ``from_end``: the oldest ``limit`` rows — each a range of the primary key.
    """
    backwards = before_seq is not None or from_end
    start = before_seq if backwards else after_seq
    # A page after (or before) a row of the list starts in the range already: no bound needed.
    where, params = _audit_where(flt, bounded=_audit_bound(store, flt) if start is None else None)
    clauses = [where] if where else []
    if start is not None:
        clauses.append("seq > ?" if backwards else "seq < ?")
        params.append(start)
    rows = store.query(
        "SELECT seq, at, actor, action, entry_uuid, from_state, to_state, comment, details FROM audit"
        f"{' WHERE ' + ' AND '.join(clauses) if clauses else ''}"
        f" ORDER BY seq {'ASC' if backwards else 'DESC'} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    if backwards:
        rows.reverse()
    return rows


def count_audit(store: Store, flt: AuditFilter, *, newer_than: int | None = None) -> int:
    """Audit rows the filter finds (only those after ``newer_than``: a page's position)."""
    # Dates alone are counted in their index; with a user or actions, between the bounds.
    where, params = _audit_where(flt, bounded=_audit_bound(store, flt) if flt.actor or flt.actions else None)
    clauses = [where] if where else []
    if newer_than is not None:
        clauses.append("seq > ?")
        params.append(newer_than)
    sql = f"SELECT COUNT(*) FROM audit{' WHERE ' + ' AND '.join(clauses) if clauses else ''}"
    row = store.query_one(sql, params)
    return int(row[0]) if row else 0


def audit_batches(store: Store, flt: AuditFilter, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """The filtered audit trail oldest first, with each row's hashes, ``batch`` rows at a time
    (a date range read between its bounds, in the primary key's order: no sort of its rows)."""
    where, params = _audit_where(flt, bounded=_audit_bound(store, flt))
    cursor = store.execute(
        "SELECT seq, at, actor, action, entry_uuid, from_state, to_state, comment, details, prev_hash, hash "
        f"FROM audit{' WHERE ' + where if where else ''} ORDER BY seq",
        params,
    )
    while rows := cursor.fetchmany(batch):
        yield rows


def cooperative_page(
    store: Store,
    *,
    limit: int,
    descending: bool = False,
    province: str | None = None,
    after: PageKey | None = None,
    before: PageKey | None = None,
    from_end: bool = False,
) -> list[tuple[Any, ...]]:
    """Snapshot cooperatives in Turkish title order: id, title, province, district, status,
    cooperative type, VKN, title key (with the id, the :class:`PageKey` of the next page)."""
    key, walk_descending, backwards = _walk(descending, after, before, from_end)
    condition, params, order = keyset(("title_key", "id"), key, walk_descending)
    clauses = [c for c in (condition,) if c]
    if province is not None:
        clauses.append("province_code = ?")
        params.append(province)
    rows = store.query(
        "SELECT id, title, province_code, district, status, cooperative_type, vkn, title_key FROM cooperatives"
        f"{' WHERE ' + ' AND '.join(clauses) if clauses else ''}{order} LIMIT ?",
        [*params, limit],
    )
    if backwards:
        rows.reverse()
    return rows


def receipt_page(
    store: Store,
    *,
    limit: int,
    after: PageKey | None = None,
    before: PageKey | None = None,
    from_end: bool = False,
) -> list[tuple[Any, ...]]:
    """Synced entries with a receipt, newest first: uuid, receipt, type, cooperative id,
    synced at, number (the synced-at stamp and uuid are the :class:`PageKey`)."""
    key, walk_descending, backwards = _walk(True, after, before, from_end)
    condition, params, order = keyset(("COALESCE(synced_at, '')", "uuid"), key, walk_descending)
    rows = store.query(
        "SELECT uuid, receipt, type, cooperative_id, synced_at, number FROM entries "
        f"WHERE state = 'synced' AND receipt IS NOT NULL{' AND ' + condition if condition else ''}"
        f"{order} LIMIT ?",
        [*params, limit],
    )
    if backwards:
        rows.reverse()
    return rows


def receipt_report_rows(
    store: Store, *, limit: int, after: PageKey | None = None, since: str | None = None
) -> list[tuple[Any, ...]]:
    """Synced entries with a receipt, oldest first, with what the receipts report prints of
    each: uuid, number, type, cooperative id, cooperative ref, receipt, synced at, outcome
    (JSON), the snapshot's title of the cooperative, the entry's payload (JSON, only when it
    names no registry cooperative: a registration's own title), the uuid of the local
    registration it refers to (None if there is none) and its payload (JSON, likewise only
    without a registry cooperative), and the sort value.

    ``after``: the rows that follow that row (its sort value and uuid); ``since``: only those
    synced at or after that stamp. One range of the receipts index, joined row by row.
    """
    condition, params, order = keyset(("COALESCE(e.synced_at, '')", "e.uuid"), after, False)
    clauses = ["e.state = 'synced'", "e.receipt IS NOT NULL"]
    if condition:
        clauses.append(condition)
    if since is not None:
        clauses.append("COALESCE(e.synced_at, '') >= ?")
        params.append(since)
    return store.query(
        "SELECT e.uuid, e.number, e.type, e.cooperative_id, e.cooperative_ref, e.receipt, e.synced_at, "
        "e.outcome, c.title, CASE WHEN e.cooperative_id IS NULL THEN e.payload END, r.uuid, "
        "CASE WHEN e.cooperative_id IS NULL THEN r.payload END, "
        "COALESCE(e.synced_at, '') FROM entries e"
        " LEFT JOIN cooperatives c ON c.id = e.cooperative_id"
        " LEFT JOIN entries r ON r.uuid = e.cooperative_ref"
        f" WHERE {' AND '.join(clauses)}{order} LIMIT ?",
        [*params, limit],
    )


def count_receipts(store: Store) -> int:
    row = store.query_one("SELECT COUNT(*) FROM entries WHERE state = 'synced' AND receipt IS NOT NULL")
    return int(row[0]) if row else 0


def cooperative_ids(store: Store, limit: int, *, province_code: str | None = None) -> list[str]:
    """The first ``limit`` cooperative ids of the snapshot (of one province), in id order."""
    where, params = (" WHERE province_code = ?", [province_code]) if province_code else ("", [])
    rows = store.query(f"SELECT id FROM cooperatives{where} ORDER BY id LIMIT ?", [*params, limit])
    return [str(r[0]) for r in rows]


__all__ = [
    "BY_LABEL",
    "SORTABLE",
    "AuditFilter",
    "EntryFilter",
    "PageKey",
    "audit_batches",
    "audit_page",
    "cooperative_ids",
    "cooperative_page",
    "count_audit",
    "count_entries",
    "count_receipts",
    "entry_rows",
    "entry_types",
    "keyset",
    "keyset_batches",
    "quick_count",
    "reading_once",
    "receipt_page",
    "receipt_report_rows",
]
