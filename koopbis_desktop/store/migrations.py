"""Numbered schema migrations; the schema version lives in ``PRAGMA user_version``.

Each step runs in its own transaction together with the version bump, so a crash
mid-migration leaves the previous, consistent version. Steps are append-only:
never edit one that has shipped.

A new file is not built by replaying every step: it gets their result at once, the
statements of :mod:`koopbis_desktop.store.schema_baseline` (generated from a replay by
``scripts/schema_baseline.py``, held identical to one by ``tests/store/test_schema_baseline.py``).
A new step therefore comes with ``python scripts/schema_baseline.py --update``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from koopbis_desktop.store.db import Store


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run several statements inside the caller's transaction.

    ``executescript`` would COMMIT the open transaction first, which breaks the
    all-or-nothing promise of a migration step.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending!r}")


def _m1_core(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE users (
            username TEXT PRIMARY KEY,
            full_name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL,
            password_changed_at TEXT NOT NULL
        );

        CREATE TABLE entries (
            uuid TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            cooperative_id TEXT,
            cooperative_ref TEXT REFERENCES entries(uuid),
            effective_date TEXT,
            state TEXT NOT NULL,
            author TEXT NOT NULL REFERENCES users(username),
            approver TEXT REFERENCES users(username),
            revision INTEGER NOT NULL DEFAULT 1,
            payload TEXT NOT NULL,
            base TEXT NOT NULL DEFAULT '{}',
            issues TEXT NOT NULL DEFAULT '[]',
            comment TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            submitted_at TEXT,
            approved_at TEXT,
            receipt TEXT,
            server_version INTEGER,
            outcome TEXT,
            synced_at TEXT,
            search TEXT NOT NULL DEFAULT '',
            CHECK (cooperative_id IS NULL OR cooperative_ref IS NULL)
        );
        CREATE INDEX entries_state ON entries(state, updated_at);
        CREATE INDEX entries_cooperative ON entries(cooperative_id, effective_date);
        CREATE INDEX entries_ref ON entries(cooperative_ref);
        CREATE INDEX entries_author ON entries(author, state);

        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY,
            entry_uuid TEXT NOT NULL REFERENCES entries(uuid),
            revision INTEGER NOT NULL,
            payload TEXT NOT NULL,
            base TEXT NOT NULL,
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            note TEXT,
            UNIQUE (entry_uuid, revision)
        );

        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            entry_uuid TEXT,
            from_state TEXT,
            to_state TEXT,
            comment TEXT,
            details TEXT NOT NULL DEFAULT '{}',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        );
        CREATE INDEX audit_entry ON audit(entry_uuid);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;

        CREATE TABLE attachments (
            sha256 TEXT PRIMARY KEY,
            filename TEXT NOT NULL,
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            data BLOB NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE TABLE entry_attachments (
            entry_uuid TEXT NOT NULL REFERENCES entries(uuid),
            sha256 TEXT NOT NULL REFERENCES attachments(sha256),
            PRIMARY KEY (entry_uuid, sha256)
        );

        CREATE TABLE cooperatives (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            cooperative_type TEXT,
            province_code TEXT,
            district TEXT,
            address TEXT,
            phone TEXT,
            vkn TEXT,
            mersis_no TEXT,
            trade_registry_no TEXT,
            status TEXT NOT NULL DEFAULT 'active',
            founded_on TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            articles TEXT NOT NULL DEFAULT '[]',
            unions TEXT NOT NULL DEFAULT '[]',
            search TEXT NOT NULL DEFAULT '',
            imported_at TEXT
        );
        CREATE INDEX cooperatives_vkn ON cooperatives(vkn);
        CREATE INDEX cooperatives_search ON cooperatives(search);
        CREATE TABLE members (
            cooperative_id TEXT NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
            member_id TEXT NOT NULL,
            full_name TEXT NOT NULL,
            shares INTEGER,
            joined_on TEXT,
            PRIMARY KEY (cooperative_id, member_id)
        );
        CREATE INDEX members_member ON members(member_id);
        CREATE TABLE board_members (
            cooperative_id TEXT NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            id_no TEXT NOT NULL,
            full_name TEXT NOT NULL,
            role TEXT,
            term_years INTEGER,
            PRIMARY KEY (cooperative_id, position)
        );
        CREATE TABLE auditors (
            cooperative_id TEXT NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            id_no TEXT NOT NULL,
            full_name TEXT NOT NULL,
            term_years INTEGER,
            PRIMARY KEY (cooperative_id, position)
        );
        CREATE TABLE assemblies (
            cooperative_id TEXT NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            kind TEXT,
            fiscal_year INTEGER,
            place TEXT,
            result TEXT,
            PRIMARY KEY (cooperative_id, date)
        );
        """,
    )


_SEARCH_INDEX_SQL = """
CREATE VIRTUAL TABLE cooperatives_fts USING fts5(
    search,
    content='cooperatives',
    content_rowid='rowid',
    tokenize='unicode61',
    prefix='2 3'
);
CREATE TRIGGER cooperatives_fts_insert AFTER INSERT ON cooperatives BEGIN
    INSERT INTO cooperatives_fts(rowid, search) VALUES (new.rowid, new.search);
END;
CREATE TRIGGER cooperatives_fts_delete AFTER DELETE ON cooperatives BEGIN
    INSERT INTO cooperatives_fts(cooperatives_fts, rowid, search)
        VALUES ('delete', old.rowid, old.search);
END;
CREATE TRIGGER cooperatives_fts_update AFTER UPDATE OF search ON cooperatives BEGIN
    INSERT INTO cooperatives_fts(cooperatives_fts, rowid, search)
        VALUES ('delete', old.rowid, old.search);
    INSERT INTO cooperatives_fts(rowid, search) VALUES (new.rowid, new.search);
END;
INSERT INTO cooperatives_fts(cooperatives_fts) VALUES ('rebuild');
"""


def _m2_search_index(conn: sqlite3.Connection) -> None:
    """Schema step 2: an FTS5 index over ``cooperatives.search``, kept current by triggers.

    External content: the folded text is stored once, in ``cooperatives``. The
    index is keyed by the cooperatives' rowid; triggers keep it in step with
    every insert, delete and change of ``search``, whoever writes.
    """
    run_script(conn, _SEARCH_INDEX_SQL)


def _m3_autosave(conn: sqlite3.Connection) -> None:
    # Scratch copies of open forms, written as the clerk types, so a crash loses at
    # most the field being typed. Not entries: no revision, no audit row, until saved.
    run_script(
        conn,
        """
        CREATE TABLE autosave (
            form_id TEXT PRIMARY KEY,
            username TEXT NOT NULL REFERENCES users(username),
            type TEXT NOT NULL,
            cooperative TEXT,
            entry_uuid TEXT REFERENCES entries(uuid),
            payload TEXT NOT NULL,
            attachments TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL
        );
        CREATE INDEX autosave_user ON autosave(username, updated_at);
        """,
    )


def _m4_sync(conn: sqlite3.Connection) -> None:
    # Sync bookkeeping (sync/): per-entry retry state shown to the supervisor, the
    # server id each local registration received, one lock row so only one sync
    # runs per database across processes, and a log of runs for "sync status".
    run_script(
        conn,
        """
        CREATE TABLE sync_attempts (
            entry_uuid TEXT PRIMARY KEY REFERENCES entries(uuid),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_attempt_at TEXT,
            next_attempt_at TEXT,
            last_error TEXT
        );
        CREATE TABLE sync_registrations (
            entry_uuid TEXT PRIMARY KEY REFERENCES entries(uuid),
            cooperative_id TEXT NOT NULL,
            receipt TEXT NOT NULL,
            mapped_at TEXT NOT NULL
        );
        CREATE TABLE sync_lock (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            owner TEXT NOT NULL,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            acquired_at TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL
        );
        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE sync_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    )


def _m5_queue_sort_indexes(conn: sqlite3.Connection) -> None:
    # The queue lists page through entries sorted by last change or effective date, with the
    # uuid as tie-breaker. Without an index in that order SQLite sorted every matching row
    # again for each page of 200 (≈ 260 ms per page at the end of 50,000 entries); with one
    # it walks the index and stops after the page.
    run_script(
        conn,
        """
        CREATE INDEX IF NOT EXISTS entries_updated ON entries(updated_at, uuid);
        CREATE INDEX IF NOT EXISTS entries_effective ON entries(effective_date, uuid);
        CREATE INDEX IF NOT EXISTS entries_state_updated ON entries(state, updated_at, uuid);
        """,
    )


def _m6_registry_facts(conn: sqlite3.Connection) -> None:
    # Share value, capital and the dates of the last board/auditor elections: optional
    # facts of a record (domain.records.OPTIONAL_KEYS), kept together as one JSON object.
    conn.execute("ALTER TABLE cooperatives ADD COLUMN facts TEXT NOT NULL DEFAULT '{}'")


def _m7_audit_vouches_for_state(conn: sqlite3.Connection) -> None:
    # Each audit row now carries the state it led to (store/audit.py). Rows already
    # written keep their hashes untouched; one anchoring row per existing entry and
    # account, appended to the chain, vouches for the state they are in today, so
    # ``verify`` has a newest row with a state for every one of them.
    from koopbis_desktop.store import audit

    conn.execute("ALTER TABLE audit ADD COLUMN state TEXT")
    entry_rows = conn.execute("SELECT uuid FROM entries ORDER BY created_at, uuid").fetchall()
    user_rows = conn.execute("SELECT username FROM users ORDER BY username").fetchall()
    audit.append_many(
        conn,
        [
            *(audit.Record("system", "state_anchor", entry_uuid=str(uuid)) for (uuid,) in entry_rows),
            *(
                audit.Record("system", "user_state_anchor", details={"username": str(name)})
                for (name,) in user_rows
            ),
        ],
    )


def _m8_entry_numbers(conn: sqlite3.Connection) -> None:
    # People name an entry by its number, "2015/000123": per office (one database is one
    # office) and year of first save. The UUID stays the idempotency key. The trigger numbers
    # every new row inside its own insert transaction, so two writers never share a number
    # (SQLite serialises writers) and both insert paths (one form, a batch) are covered.
    run_script(
        conn,
        """
        ALTER TABLE entries ADD COLUMN number TEXT;
        UPDATE entries SET number = (
            SELECT substr(ranked.created_at, 1, 4) || '/' || printf('%06d', ranked.n)
            FROM (
                SELECT uuid, created_at,
                       ROW_NUMBER() OVER (PARTITION BY substr(created_at, 1, 4) ORDER BY created_at, rowid) AS n
                FROM entries
            ) AS ranked
            WHERE ranked.uuid = entries.uuid
        );
        CREATE UNIQUE INDEX entries_number ON entries(number);
        CREATE TRIGGER entries_number_on_insert AFTER INSERT ON entries WHEN NEW.number IS NULL
        BEGIN
            UPDATE entries SET number = substr(NEW.created_at, 1, 4) || '/' || printf('%06d', 1 + COALESCE((
                SELECT CAST(substr(MAX(number), 6) AS INTEGER) FROM entries
                WHERE number >= substr(NEW.created_at, 1, 4) || '/' AND number < substr(NEW.created_at, 1, 4) || '0'
            ), 0))
            WHERE uuid = NEW.uuid;
        END;
        """,
    )


def collation_key_sql(expr: str, *, composed: bool = True) -> str:
    """SQL computing ``domain.text.collation_key`` of ``expr``: nested replace() around lower().

    Built from the same tables as the Python function, so both give the same key (a test
    compares them). Standard SQL functions only: PostgreSQL runs it unchanged (compare
    the column with ``COLLATE "C"`` there). ``composed=False``: the key as step 9 made it,
    without making decomposed Turkish letters whole first (step 15 added that).
    """
    from koopbis_desktop.domain.text import COLLATION_CAPITALS, COLLATION_COMPOSED, COLLATION_LETTERS

    out = expr
    if composed:
        # Made whole in a subquery of its own: one expression nesting every replace() would
        # overflow SQLite's parser stack (about 28 calls deep).
        for decomposed, whole in COLLATION_COMPOSED:
            out = f"replace({out}, '{decomposed}', '{whole}')"
        return f"(SELECT {collation_key_sql('whole_.t', composed=False)} FROM (SELECT {out} AS t) AS whole_)"
    for capital, small in COLLATION_CAPITALS:
        out = f"replace({out}, '{capital}', '{small}')"
    out = f"lower({out})"
    for letter, key in COLLATION_LETTERS:
        out = f"replace({out}, '{letter}', '{key}')"
    return out


_collation_key_sql = collation_key_sql

# The title an entry's list row shows (store.listing): the snapshot's, else the title of
# the registration it refers to, else its own (a registration). ``entries`` is the row.
ENTRY_TITLE_SQL = (
    "COALESCE((SELECT c.title FROM cooperatives c WHERE c.id = entries.cooperative_id), "
    "(SELECT json_extract(r.payload, '$.title') FROM entries r WHERE r.uuid = entries.cooperative_ref), "
    "json_extract(entries.payload, '$.title'), '')"
)


def _sort_key_triggers_sqlite(*, composed: bool) -> str:
    """Triggers that keep the sort keys right whoever writes (SQLite syntax; PostgreSQL
    needs the same four events as trigger functions). ``composed``: see :func:`collation_key_sql`."""

    def collation_key_sql(expr: str) -> str:
        return _collation_key_sql(expr, composed=composed)

    title = f"cooperative_title = {ENTRY_TITLE_SQL}, title_key = {collation_key_sql(ENTRY_TITLE_SQL)}"
    author_key = collation_key_sql("entries.author")
    return f"""
        CREATE TRIGGER entries_sort_keys_on_insert AFTER INSERT ON entries BEGIN
            UPDATE entries SET {title}, author_key = {author_key} WHERE uuid = NEW.uuid;
        END;
        CREATE TRIGGER entries_sort_keys_on_update
        AFTER UPDATE OF author, payload, cooperative_id, cooperative_ref ON entries BEGIN
            UPDATE entries SET {title}, author_key = {author_key} WHERE uuid = NEW.uuid;
            UPDATE entries SET {title} WHERE cooperative_ref = NEW.uuid;
        END;
        CREATE TRIGGER cooperatives_sort_key_on_insert AFTER INSERT ON cooperatives BEGIN
            UPDATE cooperatives SET title_key = {collation_key_sql("NEW.title")} WHERE id = NEW.id;
            UPDATE entries SET {title} WHERE cooperative_id = NEW.id;
        END;
        CREATE TRIGGER cooperatives_sort_key_on_update AFTER UPDATE OF title ON cooperatives BEGIN
            UPDATE cooperatives SET title_key = {collation_key_sql("NEW.title")} WHERE id = NEW.id;
            UPDATE entries SET {title} WHERE cooperative_id = NEW.id;
        END;
        CREATE TRIGGER cooperatives_sort_key_on_delete AFTER DELETE ON cooperatives BEGIN
            UPDATE entries SET {title} WHERE cooperative_id = OLD.id;
        END;
    """


# The word index again with prefix indexes for one to six letters: a prefix without
# one ("s", "koop") merged every matching term's postings, 2–15 ms at 90,000
# cooperatives; with one it is a single term's, 0.2 ms.
_WORD_INDEX_SQL = """
DROP TRIGGER cooperatives_fts_insert;
DROP TRIGGER cooperatives_fts_delete;
DROP TRIGGER cooperatives_fts_update;
DROP TABLE cooperatives_fts;
""" + _SEARCH_INDEX_SQL.replace("prefix='2 3'", "prefix='1 2 3 4 5 6'")

_TRIGRAM_INDEX_SQL = """
CREATE VIRTUAL TABLE cooperatives_trigram USING fts5(
    search,
    content='cooperatives',
    content_rowid='rowid',
    tokenize='trigram'
);
CREATE TRIGGER cooperatives_trigram_insert AFTER INSERT ON cooperatives BEGIN
    INSERT INTO cooperatives_trigram(rowid, search) VALUES (new.rowid, new.search);
END;
CREATE TRIGGER cooperatives_trigram_delete AFTER DELETE ON cooperatives BEGIN
    INSERT INTO cooperatives_trigram(cooperatives_trigram, rowid, search)
        VALUES ('delete', old.rowid, old.search);
END;
CREATE TRIGGER cooperatives_trigram_update AFTER UPDATE OF search ON cooperatives BEGIN
    INSERT INTO cooperatives_trigram(cooperatives_trigram, rowid, search)
        VALUES ('delete', old.rowid, old.search);
    INSERT INTO cooperatives_trigram(rowid, search) VALUES (new.rowid, new.search);
END;
INSERT INTO cooperatives_trigram(cooperatives_trigram) VALUES ('rebuild');
"""


def _m9_list_keys(conn: sqlite3.Connection) -> None:
    # Every list pages by keyset (sort value, uuid) instead of OFFSET, so each sort needs an
    # index in exactly that order, over a value that is never NULL. Text sorts use a stored
    # Turkish key (domain.text.collation_key) compared byte by byte instead of a Python
    # collation called for every comparison (2 s for the first page at 100,000 entries).
    # The title a list row shows is stored with its key: a page reads the entries alone,
    # not 200 cooperatives scattered over the file (≈ 10 ms at 90,000).
    # Infix search ("operatif" in "kooperatifi") gets a trigram index beside the word index.
    def _step9_key(expr: str) -> str:
        return collation_key_sql(expr, composed=False)

    run_script(
        conn,
        f"""
        ALTER TABLE entries ADD COLUMN cooperative_title TEXT NOT NULL DEFAULT '';
        ALTER TABLE entries ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE entries ADD COLUMN author_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE cooperatives ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
        UPDATE cooperatives SET title_key = {_step9_key("title")};
        UPDATE entries SET cooperative_title = {ENTRY_TITLE_SQL}, title_key = {_step9_key(ENTRY_TITLE_SQL)},
            author_key = {_step9_key("author")};
        DROP INDEX IF EXISTS entries_effective;
        CREATE INDEX entries_effective ON entries(COALESCE(effective_date, ''), uuid);
        CREATE INDEX entries_title_key ON entries(title_key, uuid);
        CREATE INDEX entries_author_key ON entries(author_key, uuid);
        CREATE INDEX entries_type_uuid ON entries(type, uuid);
        CREATE INDEX entries_state_uuid ON entries(state, uuid);
        CREATE INDEX entries_cooperative_key ON entries(COALESCE(cooperative_id, cooperative_ref, ''), uuid);
        CREATE INDEX entries_number_key ON entries(COALESCE(number, ''), uuid);
        CREATE INDEX entries_receipts ON entries(state, COALESCE(synced_at, ''), uuid) WHERE receipt IS NOT NULL;
        CREATE INDEX cooperatives_title_key ON cooperatives(title_key, id);
        CREATE INDEX audit_actor ON audit(actor, seq);
        {_sort_key_triggers_sqlite(composed=False)}
        {_WORD_INDEX_SQL}
        {_TRIGRAM_INDEX_SQL}
        """,
    )


def _m10_edit_presence(conn: sqlite3.Connection) -> None:
    # Who has which entry open in an editor, on which PC (store/presence.py). A claim
    # without a heartbeat for a while is stale: the PC crashed or lost the network.
    # No foreign key: the rows are ephemeral and outlive nothing they point at.
    run_script(
        conn,
        """
        CREATE TABLE edit_presence (
            entry_uuid TEXT PRIMARY KEY,
            username TEXT NOT NULL,
            host TEXT NOT NULL,
            since TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL
        );
        """,
    )


# The same statement on both engines (pg_schema's step 11).
ENTRY_CREATED_INDEX_SQL = "CREATE INDEX entries_created ON entries(created_at, COALESCE(number, uuid));"


def _m11_entry_created_order(conn: sqlite3.Connection) -> None:
    # ``koopbis entry list`` and every full listing (entries.iter_entries) read the entries in
    # batches by (created_at, number): without an index in that order each batch sorted the
    # whole table again — 7.3 s to list 100,000 entries instead of 1.2 s, 30 ms to the first
    # batch instead of 5 ms.
    run_script(conn, ENTRY_CREATED_INDEX_SQL)


# The same statement on both engines (pg_schema's step 12).
OWN_LIST_INDEX_SQL = "CREATE INDEX entries_author_updated ON entries(author, updated_at, uuid, state);"


def _m12_own_list_order(conn: sqlite3.Connection) -> None:
    # A clerk's own lists (Taslaklarım: drafts and returned, newest first) filter by author and
    # state and sort by the last change: the (author, state) index found every matching entry and
    # sorted them all — 20–40 ms at 10,000 drafts on every sign-in. In this order the page is a
    # walk of the author's newest entries, the state read from the index: about 1 ms.
    run_script(conn, OWN_LIST_INDEX_SQL)


# The same statements on both engines (pg_schema's step 13, its text compared byte by byte).
AUTOSAVE_HOLD_SQL = """
ALTER TABLE autosave ADD COLUMN host TEXT;
ALTER TABLE autosave ADD COLUMN held_at TEXT;
"""


def _m13_autosave_hold(conn: sqlite3.Connection) -> None:
    # Which PC's open form keeps a scratch copy alive (store/drafts.py): on the office database
    # a clerk signing in on another PC is offered only the forms no PC has open any more, not
    # the one still open on the first (restored twice, both copies would be saved). Rows of
    # older versions have neither: they are offered, as before.
    run_script(conn, AUTOSAVE_HOLD_SQL)


# Step 15 (both engines): every stored Turkish key computed again by the key that makes
# decomposed Turkish letters whole first.
RECOMPUTE_KEYS_SQL = f"""
UPDATE cooperatives SET title_key = {collation_key_sql("title")};
UPDATE entries SET title_key = {collation_key_sql("cooperative_title")}, author_key = {collation_key_sql("author")};
"""


def recompute_entry_search(conn: Any) -> None:
    """Every entry's ``search`` text again, by ``domain.changetypes.search_text`` (both engines).

    Runs in Python: the folding (``domain.text.fold``) has no SQL twin. An entry of a type
    this version does not know keeps the text it has.
    """
    from koopbis_desktop.domain.changetypes import known_type, search_text

    rows = conn.execute(
        "SELECT e.uuid, e.type, e.cooperative_id, e.cooperative_ref, e.payload, r.payload "
        "FROM entries e LEFT JOIN entries r ON r.uuid = e.cooperative_ref"
    ).fetchall()
    updates = []
    for uuid, type_id, cooperative_id, cooperative_ref, payload, registration in rows:
        if not known_type(str(type_id)):
            continue
        title = json.loads(registration).get("title") if registration else None
        text = search_text(
            str(type_id),
            cooperative_id or cooperative_ref,
            json.loads(payload),
            str(title) if title else None,
        )
        updates.append((text, uuid))
    conn.executemany("UPDATE entries SET search = ? WHERE uuid = ?", updates)


def _m14_entry_search_text(conn: sqlite3.Connection) -> None:
    # The queue's text filter finds an entry by its type's label in both interface languages
    # (it held the label of the language it was saved in: "admission of a member" was not
    # found by "ortaklığa giriş") and an entry on a local registration by that registration's
    # title (the filter looked at the snapshot cooperative's text only).
    recompute_entry_search(conn)


def _m15_composed_keys(conn: sqlite3.Connection) -> None:
    # A title or name written decomposed (NFD: "S" and a combining cedilla, as a Mac writes a
    # CSV) sorted out of Turkish order: "İzmir" before "İnci", "Şükrü" before "Şahin". The key
    # now makes the decomposed Turkish letters whole first (domain.text.COLLATION_COMPOSED); the
    # triggers compute it so from now on and the stored keys are computed again.
    run_script(
        conn,
        f"""
        DROP TRIGGER entries_sort_keys_on_insert;
        DROP TRIGGER entries_sort_keys_on_update;
        DROP TRIGGER cooperatives_sort_key_on_insert;
        DROP TRIGGER cooperatives_sort_key_on_update;
        DROP TRIGGER cooperatives_sort_key_on_delete;
        {RECOMPUTE_KEYS_SQL}
        {_sort_key_triggers_sqlite(composed=True)}
        """,
    )


# The same statements on both engines (pg_schema's step 16).
QUEUE_ORDER_INDEX_SQL = """
CREATE INDEX IF NOT EXISTS entries_state_effective ON entries(state, COALESCE(effective_date, ''), uuid);
CREATE INDEX IF NOT EXISTS entries_state_type ON entries(state, type, uuid);
CREATE INDEX IF NOT EXISTS entries_state_author_key ON entries(state, author_key, uuid);
CREATE INDEX IF NOT EXISTS entries_state_title_key ON entries(state, title_key, uuid);
CREATE INDEX IF NOT EXISTS entries_state_cooperative_key ON entries(state, COALESCE(cooperative_id, cooperative_ref, ''), uuid);
CREATE INDEX IF NOT EXISTS entries_state_number_key ON entries(state, COALESCE(number, ''), uuid);
"""


def _m16_queue_order(conn: sqlite3.Connection) -> None:
    # A queue lists some states (Eşitleme: approved, sending, synced, rejected) in the order a
    # column header asks for. Migration 9's (sort value, uuid) indexes walk every state, so a
    # queue's page found all entries of its states and sorted them: 20–30 ms a page at 10,000,
    # ≈ 200 ms at 100,000 synced entries. With the state first each state of the queue is one
    # range in that order (listing reads them one by one and merges): about 2 ms. Updated-at
    # (entries_state_updated) and state (entries_state_uuid) had theirs.
    run_script(conn, QUEUE_ORDER_INDEX_SQL)


# Words inside an entry's folded text ("123" in "ortak 123", "yilmaz" in a member's name): the
# queue's text box. LIKE '%…%' read every entry and its cooperative (≈ 300 ms a count at 100,000
# entries); with this index and the cooperatives' (migration 9) a word of three letters or more
# is looked up (``listing._where``). PostgreSQL's baseline has its pg_trgm index on the column.
# Written to run again over itself, as step 16 is (a file whose version was set back).
ENTRY_TRIGRAM_INDEX_SQL = """
CREATE VIRTUAL TABLE IF NOT EXISTS entries_trigram USING fts5(
    search,
    content='entries',
    content_rowid='rowid',
    tokenize='trigram'
);
CREATE TRIGGER IF NOT EXISTS entries_trigram_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_trigram(rowid, search) VALUES (new.rowid, new.search);
END;
CREATE TRIGGER IF NOT EXISTS entries_trigram_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_trigram(entries_trigram, rowid, search) VALUES ('delete', old.rowid, old.search);
END;
CREATE TRIGGER IF NOT EXISTS entries_trigram_update AFTER UPDATE OF search ON entries BEGIN
    INSERT INTO entries_trigram(entries_trigram, rowid, search) VALUES ('delete', old.rowid, old.search);
    INSERT INTO entries_trigram(rowid, search) VALUES (new.rowid, new.search);
END;
INSERT INTO entries_trigram(entries_trigram) VALUES ('rebuild');
"""


def _m17_entry_text_index(conn: sqlite3.Connection) -> None:
    run_script(conn, ENTRY_TRIGRAM_INDEX_SQL)


# A queue narrowed by a change type, an author or dates is read on SQLite by walking the list's
# own (sort value, uuid) index and keeping the entries the filter finds (listing._Ranges), or by
# the filter's index and a sort when it finds few. The walk looked up every entry it passed in the
# table to read the filter's columns: at 100,000 entries a date range newest first passed ≈ 60,000
# of them (28 ms a page; entries are edited near their effective dates). With the filter's
# columns at the end of each list index, an entry is checked in the index and only a kept one is
# read (7 ms; 2.5 ms for one state). Each index is made again with the same name: the step runs
# again over itself (a file whose version was set back). PostgreSQL's step 18 adds nothing: it
# reads a narrowed queue as its planner chooses, with the table's statistics.
_LIST_INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("entries_updated", ("updated_at", "uuid")),
    ("entries_state_updated", ("state", "updated_at", "uuid")),
    ("entries_effective", ("COALESCE(effective_date, '')", "uuid")),
    ("entries_state_effective", ("state", "COALESCE(effective_date, '')", "uuid")),
    ("entries_title_key", ("title_key", "uuid")),
    ("entries_state_title_key", ("state", "title_key", "uuid")),
    ("entries_author_key", ("author_key", "uuid")),
    ("entries_state_author_key", ("state", "author_key", "uuid")),
    ("entries_type_uuid", ("type", "uuid")),
    ("entries_state_type", ("state", "type", "uuid")),
    ("entries_state_uuid", ("state", "uuid")),
    ("entries_cooperative_key", ("COALESCE(cooperative_id, cooperative_ref, '')", "uuid")),
    ("entries_state_cooperative_key", ("state", "COALESCE(cooperative_id, cooperative_ref, '')", "uuid")),
    ("entries_number_key", ("COALESCE(number, '')", "uuid")),
    ("entries_state_number_key", ("state", "COALESCE(number, '')", "uuid")),
)
#: The columns the filter bar narrows a queue by, which listing checks in a list index (a
#: cooperative is not among them: it finds few entries, which are read by its own index).
FILTER_COLUMNS = ("type", "author", "effective_date")


def list_index_columns(key: tuple[str, ...]) -> tuple[str, ...]:
    """A list index's columns: its key, then the filter's columns and those its key's expressions
    read, as plain columns (an SQLite before 3.41 reads a sort value such as
    ``COALESCE(number, '')`` from the index only when the index holds ``number`` itself)."""
    read = [column for part in key if not part.isidentifier() for column in re.findall(r"\b[a-z_]+\b", part)]
    held = [column for column in dict.fromkeys([*FILTER_COLUMNS, *read]) if column not in key]
    return (*key, *held)


LIST_INDEX_FILTER_SQL = "".join(
    f"DROP INDEX IF EXISTS {name};\nCREATE INDEX {name} ON entries({', '.join(list_index_columns(key))});\n"
    for name, key in _LIST_INDEXES
)


def _m18_list_index_filters(conn: sqlite3.Connection) -> None:
    run_script(conn, LIST_INDEX_FILTER_SQL)


# A queue narrowed by dates and walked in the order of the last change (or the number) started at
# the newest entry and passed every one changed after the range: entries are changed near their
# effective dates, so a range a year back passed 39,000 of 100,000 (5–8 ms a page). The date
# indexes now hold those sort values too: listing reads their least and greatest in the range
# (a range of the index) and walks only between them. The audit page's date range had no index:
# its count read the whole trail and its pages walked it from the newest row; ``audit_at`` finds
# the range (its rows' seq with it: listing bounds the walk of the primary key by them). Both
# steps run again over themselves (a file whose version was set back).
DATE_INDEXES = ("entries_effective", "entries_state_effective")
DATE_BOUND_COLUMNS = ("updated_at", "number")
DATE_BOUND_INDEX_SQL = "".join(
    f"DROP INDEX IF EXISTS {name};\n"
    f"CREATE INDEX {name} ON entries({', '.join((*list_index_columns(key), *DATE_BOUND_COLUMNS))});\n"
    for name, key in _LIST_INDEXES
    if name in DATE_INDEXES
)
AUDIT_DATE_INDEX_SQL = "CREATE INDEX IF NOT EXISTS audit_at ON audit(at, seq);\n"


def _m19_date_bounds(conn: sqlite3.Connection) -> None:
    run_script(conn, DATE_BOUND_INDEX_SQL + AUDIT_DATE_INDEX_SQL)


# How many cooperatives the file holds and how many entries are in each state, kept by triggers
# as rows are written: the status bar's counts (after every save) and the Kooperatifler list's
# count (at every start) read one small table instead of an index of every row (at 90,000
# cooperatives and 50,000 entries 10–20 ms each in a new process, 2–3 ms warm; more again on an
# encrypted file, whose pages are decrypted as they are read). A count that no row holds is absent
# (a new file has no rows here) or 0. Only SQLite keeps them: on the office server several PCs
# write at once, and two moves between the same two states in opposite directions would wait for
# each other's counter rows (PostgreSQL's step 20 adds nothing; it counts with its indexes).
# Written to run again over itself (a file whose version was set back): the counts are made again
# from the rows.
#: The key of the cooperatives' count in ``row_counts``; an entry state's is ``ENTRIES_IN + state``.
COOPERATIVES_COUNTED = "cooperatives"
ENTRIES_IN = "entries:"

ROW_COUNTS_SQL = f"""
CREATE TABLE IF NOT EXISTS row_counts (
    counted TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
DROP TRIGGER IF EXISTS cooperatives_counted_insert;
DROP TRIGGER IF EXISTS cooperatives_counted_delete;
DROP TRIGGER IF EXISTS entries_counted_insert;
DROP TRIGGER IF EXISTS entries_counted_delete;
DROP TRIGGER IF EXISTS entries_counted_state;
CREATE TRIGGER cooperatives_counted_insert AFTER INSERT ON cooperatives BEGIN
    INSERT INTO row_counts(counted, n) VALUES ('{COOPERATIVES_COUNTED}', 1)
        ON CONFLICT(counted) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER cooperatives_counted_delete AFTER DELETE ON cooperatives BEGIN
    UPDATE row_counts SET n = n - 1 WHERE counted = '{COOPERATIVES_COUNTED}';
END;
CREATE TRIGGER entries_counted_insert AFTER INSERT ON entries BEGIN
    INSERT INTO row_counts(counted, n) VALUES ('{ENTRIES_IN}' || NEW.state, 1)
        ON CONFLICT(counted) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER entries_counted_delete AFTER DELETE ON entries BEGIN
    UPDATE row_counts SET n = n - 1 WHERE counted = '{ENTRIES_IN}' || OLD.state;
END;
CREATE TRIGGER entries_counted_state AFTER UPDATE OF state ON entries WHEN NEW.state IS NOT OLD.state BEGIN
    UPDATE row_counts SET n = n - 1 WHERE counted = '{ENTRIES_IN}' || OLD.state;
    INSERT INTO row_counts(counted, n) VALUES ('{ENTRIES_IN}' || NEW.state, 1)
        ON CONFLICT(counted) DO UPDATE SET n = n + 1;
END;
DELETE FROM row_counts;
INSERT INTO row_counts(counted, n)
    SELECT '{COOPERATIVES_COUNTED}', COUNT(*) FROM cooperatives HAVING COUNT(*) > 0;
INSERT INTO row_counts(counted, n)
    SELECT '{ENTRIES_IN}' || state, COUNT(*) FROM entries GROUP BY state;
"""


def _m20_row_counts(conn: sqlite3.Connection) -> None:
    run_script(conn, ROW_COUNTS_SQL)


Migration = Callable[[sqlite3.Connection], None]

# Append only. MIGRATIONS[i] takes the schema from version i to i + 1.
MIGRATIONS: list[Migration] = [
    _m1_core,
    _m2_search_index,
    _m3_autosave,
    _m4_sync,
    _m5_queue_sort_indexes,
    _m6_registry_facts,
    _m7_audit_vouches_for_state,
    _m8_entry_numbers,
    _m9_list_keys,
    _m10_edit_presence,
    _m11_entry_created_order,
    _m12_own_list_order,
    _m13_autosave_hold,
    _m14_entry_search_text,
    _m15_composed_keys,
    _m16_queue_order,
    _m17_entry_text_index,
    _m18_list_index_filters,
    _m19_date_bounds,
    _m20_row_counts,
]
LATEST = len(MIGRATIONS)
_SHIPPED = MIGRATIONS


def migrate(store: Store) -> None:
    """Bring the schema to :data:`LATEST`, one transaction per step.

    A new file (version 0) is built in one transaction: one durable commit instead of
    one per step, and a half-built new file holds nothing to keep. It is built from the
    baseline (:func:`baseline_statements`) when that is the shipped steps' result.
    """
    conn = store.conn
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    baseline = baseline_statements() if current == 0 else None
    if baseline is not None:
        # ≈ 60 statements instead of the steps' ≈ 100 and their Python: half the time of a
        # new file's creation, which a first start's window waits for.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in baseline:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {LATEST}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return
    steps = [range(0, LATEST)] if current == 0 else [range(i, i + 1) for i in range(current, LATEST)]
    for step in steps:
        if not step:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for index in step:
                MIGRATIONS[index](conn)
            conn.execute(f"PRAGMA user_version = {step[-1] + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def baseline_statements() -> tuple[str, ...] | None:
    """The statements that build a new file at :data:`LATEST`, or None to replay the steps.

    None when the baseline is of another version than the steps (a step added without
    ``scripts/schema_baseline.py --update``: its test fails too) or the steps are not the
    shipped ones (tests that add or break one).
    """
    from koopbis_desktop.store import schema_baseline

    if schema_baseline.VERSION != LATEST or MIGRATIONS is not _SHIPPED:
        return None
    return schema_baseline.STATEMENTS


def schema_statements(conn: sqlite3.Connection) -> list[str]:
    """The statements that make ``conn``'s schema again on an empty file, in the order it was made.

    Every table, index, view and trigger as SQLite keeps it (``sqlite_master``), without
    what SQLite makes itself: its own tables and a virtual table's shadow tables. Then each
    full-text index over a table is rebuilt from it, as the steps did (an empty index's
    first record then reads as the rebuild writes it). Other rows are not included: the
    schema test holds that a replay of the steps leaves none.
    """
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    ).fetchall()
    virtual = [str(name) for kind, name, sql in rows if str(sql).upper().startswith("CREATE VIRTUAL TABLE")]
    statements = [
        str(sql)
        for kind, name, sql in rows
        if not str(name).startswith("sqlite_")
        and not (kind == "table" and any(str(name).startswith(f"{v}_") for v in virtual))
    ]
    for _kind, name, sql in rows:
        if str(name) in virtual and re.search(
            r"USING\s+fts5\b.*\bcontent\s*=\s*'[^']+'", str(sql), re.I | re.S
        ):
            statements.append(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
    return statements


def file_contents(
    conn: sqlite3.Connection,
) -> tuple[list[tuple[object, ...]], dict[str, list[tuple[object, ...]]], int]:
    """What a new file holds, to compare two builds of one: every object SQLite keeps (its own
    and shadow tables too), every table's rows (in a fixed order), the schema version."""
    objects = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    tables = [str(name) for kind, name, _, sql in objects if kind == "table" and sql and "VIRTUAL" not in sql]
    rows = {table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}
    return objects, rows, int(conn.execute("PRAGMA user_version").fetchone()[0])


def replayed_schema() -> list[str]:
    """:func:`schema_statements` of a new in-memory database built by replaying every step."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for step in MIGRATIONS:
            step(conn)
        conn.execute("COMMIT")
        return schema_statements(conn)
    finally:
        conn.close()
