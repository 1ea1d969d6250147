"""The archive database: one SQLite file per archive.

Holds what was read from the folder (documents, quotes, speakers, file states) — a cache
that ``Archive.update`` can always refill — and, from later schema versions on, the user's
annotations, which are not a cache. Hence: a schema version with ordered migrations, a
backup before migrating, refusal of a database newer than this code, WAL, and every write
inside a transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from .database import Database
from .model import Document, DocumentSummary, ExtractedQuote, Quote, Speaker

# Each entry moves the schema from version i to i + 1. Append only; never edit a shipped one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        author TEXT,
        date TEXT,
        dateline_place TEXT,
        dateline_date TEXT,
        format TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha256 TEXT NOT NULL
    );
    CREATE TABLE speakers (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        role TEXT
    );
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        speaker_name TEXT,
        speaker_key TEXT,
        speaker_role TEXT,
        speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
        mention_start INTEGER,
        mention_end INTEGER
    );
    CREATE INDEX quotes_by_document ON quotes(document_id, start);
    CREATE INDEX quotes_by_speaker ON quotes(speaker_id);
    CREATE INDEX quotes_by_speaker_key ON quotes(speaker_key);
    CREATE TABLE failures (
        path TEXT PRIMARY KEY,
        message TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL
    );
    """,
    # 2: the user's corrections are applied over the extractor's results. The speaker
    # columns hold what the archive shows; extracted_* keep what the extractor said, so a
    # correction can be taken back without reading the file again.
    """
    ALTER TABLE quotes ADD COLUMN origin TEXT NOT NULL DEFAULT 'extracted';
    ALTER TABLE quotes ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE quotes ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE quotes ADD COLUMN extracted_name TEXT;
    ALTER TABLE quotes ADD COLUMN extracted_key TEXT;
    ALTER TABLE quotes ADD COLUMN extracted_role TEXT;
    UPDATE quotes SET extracted_name = speaker_name, extracted_key = speaker_key,
        extracted_role = speaker_role;
    CREATE TABLE index_pending (path TEXT PRIMARY KEY);
    """,
    # 3: citation metadata the readers find in a file's own fields (HTML meta, PDF info,
    # e-mail headers): the publication and the address of the article.
    """
    ALTER TABLE documents ADD COLUMN outlet TEXT;
    ALTER TABLE documents ADD COLUMN url TEXT;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class FileState:
    size: int
    mtime_ns: int
    sha256: str = ""


@dataclass(frozen=True)
class StoredQuote:
    """A quote ready to be written: the extractor's result plus its stable id and key."""

    id: str
    quote: ExtractedQuote
    speaker_key: str | None


@dataclass(frozen=True)
class ExtractedRow:
    """A quote of one document as the extractor left it (for anchoring annotations)."""

    id: str
    start: int
    end: int
    text: str
    speaker: str | None


@dataclass(frozen=True)
class Override:
    """What the user's annotation changes in one quote's row."""

    speaker: str | None = None  # None keeps the extractor's speaker
    speaker_key: str | None = None
    role: str | None = None
    hidden: bool = False


@dataclass(frozen=True)
class AddedRow:
    """A quote that exists because the user marked it (or kept it when the extractor
    stopped finding it)."""

    id: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_key: str | None
    role: str | None


class Store(Database):
    """Thread-safe access to one archive database: a connection per thread."""

    migrations = MIGRATIONS
    what = "archive database"

    # -- meta -----------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- file states ------------------------------------------------------------------

    def file_states(self) -> dict[str, FileState]:
        rows = self.db.execute("SELECT path, size, mtime_ns, sha256 FROM documents")
        return {r["path"]: FileState(r["size"], r["mtime_ns"], r["sha256"]) for r in rows}

    def failure_states(self) -> dict[str, tuple[FileState, str]]:
        rows = self.db.execute("SELECT path, size, mtime_ns, message FROM failures")
        return {r["path"]: (FileState(r["size"], r["mtime_ns"]), r["message"]) for r in rows}

    def touch_document(self, path: str, state: FileState) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE documents SET size = ?, mtime_ns = ? WHERE path = ?",
                (state.size, state.mtime_ns, path),
            )

    # -- writing documents -------------------------------------------------------------

    def put_document(
        self, document: Document, state: FileState, quotes: Iterable[StoredQuote]
    ) -> None:
        """Insert or replace one document and all its quotes, atomically."""
        with self.transaction() as db:
            db.execute("DELETE FROM failures WHERE path = ?", (document.path,))
            db.execute(
                """INSERT INTO documents(path, title, text, author, date, dateline_place,
                       dateline_date, format, size, mtime_ns, sha256, outlet, url)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(path) DO UPDATE SET title = excluded.title,
                       text = excluded.text, author = excluded.author, date = excluded.date,
                       dateline_place = excluded.dateline_place,
                       dateline_date = excluded.dateline_date, format = excluded.format,
                       size = excluded.size, mtime_ns = excluded.mtime_ns,
                       sha256 = excluded.sha256, outlet = excluded.outlet,
                       url = excluded.url""",
                (
                    document.path,
                    document.title,
                    document.text,
                    document.author,
                    document.date,
                    document.dateline_place,
                    document.dateline_date,
                    document.format,
                    state.size,
                    state.mtime_ns,
                    state.sha256,
                    document.outlet,
                    document.url,
                ),
            )
            document_id = db.execute(
                "SELECT id FROM documents WHERE path = ?", (document.path,)
            ).fetchone()[0]
            db.execute("DELETE FROM quotes WHERE document_id = ?", (document_id,))
            db.executemany(
                """INSERT INTO quotes(id, document_id, start, end, text, speaker_name,
                       speaker_key, speaker_role, speaker_id, mention_start, mention_end,
                       extracted_name, extracted_key, extracted_role)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?,
                           (SELECT id FROM speakers WHERE key = ?), ?, ?, ?, ?, ?)""",
                [_quote_row(document_id, q) for q in quotes],
            )

    def remove_document(self, path: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE path = ?", (path,))
            db.execute("DELETE FROM failures WHERE path = ?", (path,))

    def record_failure(self, path: str, state: FileState, message: str) -> None:
        """Remember a file that could not be read, so an unchanged one is not retried."""
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE path = ?", (path,))
            db.execute(
                "INSERT OR REPLACE INTO failures(path, message, size, mtime_ns) "
                "VALUES (?, ?, ?, ?)",
                (path, message, state.size, state.mtime_ns),
            )

    def forget_failure(self, path: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM failures WHERE path = ?", (path,))

    # -- the user's annotations, applied over the extractor's results ------------------

    def extracted_quotes(self, path: str) -> list[ExtractedRow]:
        rows = self.db.execute(
            """SELECT q.id, q.start, q.end, q.text, q.extracted_name FROM quotes q
               JOIN documents d ON d.id = q.document_id
               WHERE d.path = ? AND q.origin = 'extracted' ORDER BY q.start""",
            (path,),
        )
        return [ExtractedRow(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def apply_annotations(
        self, path: str, overrides: dict[str, Override], added: Iterable[AddedRow]
    ) -> bool:
        """Make one document's quotes the extractor's plus the user's: reset every row to
        what was extracted, then apply ``overrides`` (by quote id) and add ``added``.
        Idempotent. Returns whether any speaker changed (speakers must be consolidated)."""
        with self.transaction() as db:
            found = db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
            if found is None:
                return False
            document_id = found[0]
            before = _speaker_state(db, document_id)
            db.execute(
                "DELETE FROM quotes WHERE document_id = ? AND origin = 'added'", (document_id,)
            )
            db.execute(
                """UPDATE quotes SET speaker_name = extracted_name, speaker_key = extracted_key,
                       speaker_role = extracted_role, hidden = 0, corrected = 0
                   WHERE document_id = ? AND (hidden OR corrected)""",
                (document_id,),
            )
            db.executemany(
                """INSERT INTO quotes(id, document_id, start, end, text, speaker_name,
                       speaker_key, speaker_role, speaker_id, origin, corrected,
                       extracted_name, extracted_key, extracted_role)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM speakers WHERE key = ?),
                           'added', 1, ?, ?, ?)
                   ON CONFLICT(id) DO NOTHING""",
                [
                    (
                        a.id,
                        document_id,
                        a.start,
                        a.end,
                        a.text,
                        a.speaker,
                        a.speaker_key,
                        a.role,
                        a.speaker_key,
                        a.speaker,
                        a.speaker_key,
                        a.role,
                    )
                    for a in added
                ],
            )
            for quote_id, override in overrides.items():
                if override.speaker is not None:
                    db.execute(
                        """UPDATE quotes SET speaker_name = ?, speaker_key = ?,
                               speaker_role = COALESCE(?, CASE WHEN ? = extracted_key
                                   THEN extracted_role END),
                               speaker_id = (SELECT id FROM speakers WHERE key = ?),
                               corrected = 1
                           WHERE id = ? AND document_id = ?""",
                        (
                            override.speaker,
                            override.speaker_key,
                            override.role,
                            override.speaker_key,
                            override.speaker_key,
                            quote_id,
                            document_id,
                        ),
                    )
                elif override.role is not None:
                    db.execute(
                        "UPDATE quotes SET speaker_role = ?, corrected = 1 "
                        "WHERE id = ? AND document_id = ?",
                        (override.role, quote_id, document_id),
                    )
                if override.hidden:
                    db.execute(
                        "UPDATE quotes SET hidden = 1 WHERE id = ? AND document_id = ?",
                        (quote_id, document_id),
                    )
            return _speaker_state(db, document_id) != before

    def mark_index_pending(self, paths: Iterable[str]) -> None:
        """Documents whose index entries lag behind the store (an annotation changed them
        while another process held the index): the next update writes them."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO index_pending(path) VALUES (?)", [(p,) for p in paths]
            )

    def index_pending(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT path FROM index_pending ORDER BY path")]

    def clear_index_pending(self, paths: Iterable[str]) -> None:
        with self.transaction() as db:
            db.executemany("DELETE FROM index_pending WHERE path = ?", [(p,) for p in paths])

    # -- speakers ---------------------------------------------------------------------

    def speaker_name_counts(self) -> list[tuple[str, str, str | None, int]]:
        """(key, name as written, role, number of quotes) for every spelling in use."""
        rows = self.db.execute(
            """SELECT speaker_key, speaker_name, speaker_role, COUNT(*) AS n FROM quotes
               WHERE speaker_key IS NOT NULL AND speaker_key != '' AND NOT hidden
               GROUP BY speaker_key, speaker_name, speaker_role"""
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def replace_speakers(
        self, speakers: dict[str, tuple[str, str | None]], aliases: dict[str, str]
    ) -> None:
        """Make the speakers table hold exactly ``speakers`` (key -> (name, role)), keeping the
        ids of keys that already exist, and point each quote at its speaker; a quote whose key
        is in ``aliases`` goes to the aliased speaker.

        The row of a key that became an alias is kept (it has no quotes, so no listing shows
        it): when a merge is undone, that speaker comes back with the id it had, and the
        window's history and selections still find it."""
        with self.transaction() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (key TEXT PRIMARY KEY, name, role)")
            db.execute("DELETE FROM wanted")
            db.executemany(
                "INSERT INTO wanted(key, name, role) VALUES (?, ?, ?)",
                [(key, name, role) for key, (name, role) in speakers.items()],
            )
            db.execute("CREATE TEMP TABLE IF NOT EXISTS alias (key TEXT PRIMARY KEY, target TEXT)")
            db.execute("DELETE FROM alias")
            db.executemany("INSERT INTO alias(key, target) VALUES (?, ?)", aliases.items())
            db.execute(
                "DELETE FROM speakers WHERE key NOT IN (SELECT key FROM wanted) "
                "AND key NOT IN (SELECT key FROM alias)"
            )
            db.execute(
                """INSERT INTO speakers(key, name, role)
                   SELECT key, name, role FROM wanted WHERE true
                   ON CONFLICT(key) DO UPDATE SET name = excluded.name, role = excluded.role"""
            )
            db.execute(
                """UPDATE quotes SET speaker_id = (SELECT id FROM speakers WHERE key =
                       COALESCE((SELECT target FROM alias WHERE alias.key = quotes.speaker_key),
                                quotes.speaker_key))"""
            )

    # -- reading ----------------------------------------------------------------------

    def counts(self) -> tuple[int, int, int]:
        """Documents, speakers with at least one quote, quotes."""
        row = self.db.execute(
            """SELECT (SELECT COUNT(*) FROM documents),
                      (SELECT COUNT(DISTINCT speaker_id) FROM quotes WHERE NOT hidden),
                      (SELECT COUNT(*) FROM quotes WHERE NOT hidden)"""
        ).fetchone()
        return row[0], row[1], row[2]

    def documents(self, paths: Iterable[str] | None = None) -> list[DocumentSummary]:
        sql = """SELECT d.path, d.title, d.date, d.author, d.outlet, d.url,
                        (SELECT COUNT(*) FROM quotes q
                         WHERE q.document_id = d.id AND NOT q.hidden) AS n
                 FROM documents d"""
        rows = self._rows_for(sql, "d.path", paths, order="d.path")
        return [
            DocumentSummary(
                r["path"], r["title"], r["date"], r["n"], r["author"], r["outlet"], r["url"]
            )
            for r in rows
        ]

    def document(self, path: str) -> Document | None:
        row = self.db.execute("SELECT * FROM documents WHERE path = ?", (path,)).fetchone()
        if row is None:
            return None
        return Document(
            path=row["path"],
            title=row["title"],
            text=row["text"],
            author=row["author"],
            date=row["date"],
            dateline_place=row["dateline_place"],
            dateline_date=row["dateline_date"],
            format=row["format"],
            outlet=row["outlet"],
            url=row["url"],
        )

    def document_paths(self) -> list[str]:
        return [path for (path,) in self.db.execute("SELECT path FROM documents ORDER BY path")]

    def speaker_names_in(self, path: str) -> list[str]:
        rows = self.db.execute(
            """SELECT DISTINCT COALESCE(s.name, q.speaker_name) FROM quotes q
               JOIN documents d ON d.id = q.document_id
               LEFT JOIN speakers s ON s.id = q.speaker_id
               WHERE d.path = ? AND q.speaker_name IS NOT NULL AND NOT q.hidden""",
            (path,),
        )
        return [r[0] for r in rows]

    def quotes(
        self,
        speaker_ids: Iterable[int] | None = None,
        paths: Iterable[str] | None = None,
        ids: Iterable[str] | None = None,
        hidden: bool = False,
    ) -> list[Quote]:
        """Quotes narrowed by speaker, document and id; ``hidden`` gives the ones the user
        marked "not a quote" instead of the others."""
        clauses, params = ["q.hidden" if hidden else "NOT q.hidden"], []
        for column, values in (("q.speaker_id", speaker_ids), ("d.path", paths), ("q.id", ids)):
            if values is not None:
                values = list(values)
                clauses.append(f"{column} IN (SELECT value FROM json_each(?))")
                params.append(_json_list(values))
        where = "WHERE " + " AND ".join(clauses)
        rows = self.db.execute(
            f"""SELECT q.*, d.path, d.title AS document_title, d.date AS document_date,
                       s.name AS speaker_display, s.role AS speaker_display_role
                FROM quotes q JOIN documents d ON d.id = q.document_id
                LEFT JOIN speakers s ON s.id = q.speaker_id
                {where} ORDER BY d.path, q.start""",
            params,
        )
        return [_quote_from_row(r) for r in rows]

    def speakers(
        self, ids: Iterable[int] | None = None, paths: Iterable[str] | None = None
    ) -> list[Speaker]:
        """Speakers with their quote and document counts across the whole archive;
        ``paths`` keeps only those who speak in one of these documents."""
        clauses, params = ["NOT q.hidden"], []
        if ids is not None:
            clauses.append("s.id IN (SELECT value FROM json_each(?))")
            params.append(_json_list(list(ids)))
        if paths is not None:
            clauses.append(
                """s.id IN (SELECT q2.speaker_id FROM quotes q2 JOIN documents d2
                   ON d2.id = q2.document_id WHERE NOT q2.hidden
                   AND d2.path IN (SELECT value FROM json_each(?)))"""
            )
            params.append(_json_list(list(paths)))
        where = "WHERE " + " AND ".join(clauses)
        rows = self.db.execute(
            f"""SELECT s.id, s.name, s.role, COUNT(q.id) AS quotes,
                       COUNT(DISTINCT q.document_id) AS documents,
                       GROUP_CONCAT(DISTINCT q.speaker_name) AS aliases
                FROM speakers s JOIN quotes q ON q.speaker_id = s.id
                {where} GROUP BY s.id ORDER BY quotes DESC, s.name""",
            params,
        )
        return [
            Speaker(
                r["id"],
                r["name"],
                r["role"],
                r["quotes"],
                r["documents"],
                tuple(sorted(a for a in (r["aliases"] or "").split(",") if a and a != r["name"])),
            )
            for r in rows
        ]

    def spellings_of(self, speaker_id: int) -> list[tuple[str, str]]:
        """(key, name as written) of every spelling that is this speaker."""
        rows = self.db.execute(
            """SELECT DISTINCT speaker_key, speaker_name FROM quotes
               WHERE speaker_id = ? AND speaker_key IS NOT NULL AND NOT hidden
               UNION SELECT key, name FROM speakers WHERE id = ?""",
            (speaker_id, speaker_id),
        )
        return sorted({(r[0], r[1]) for r in rows})

    def speaker_key_of(self, speaker_id: int) -> str:
        row = self.db.execute("SELECT key FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
        return "" if row is None else row[0]

    def speaker_ids_by_key(self, keys: Iterable[str]) -> list[int]:
        rows = self.db.execute(
            """SELECT DISTINCT id FROM speakers WHERE key IN (SELECT value FROM json_each(?))
                   AND EXISTS (SELECT 1 FROM quotes WHERE quotes.speaker_id = speakers.id)
               UNION SELECT DISTINCT speaker_id FROM quotes
               WHERE speaker_key IN (SELECT value FROM json_each(?)) AND speaker_id IS NOT NULL""",
            (_json_list(list(keys)), _json_list(list(keys))),
        )
        return [r[0] for r in rows]

    def _rows_for(
        self, sql: str, column: str, values: Iterable[str] | None, order: str
    ) -> list[sqlite3.Row]:
        if values is None:
            return self.db.execute(f"{sql} ORDER BY {order}").fetchall()
        return self.db.execute(
            f"{sql} WHERE {column} IN (SELECT value FROM json_each(?)) ORDER BY {order}",
            (_json_list(list(values)),),
        ).fetchall()


def _json_list(values: list[object]) -> str:
    """Lists go to SQLite as one JSON parameter read with json_each: no limit on their length
    and no SQL built from values."""
    return json.dumps(values)


def _quote_row(document_id: int, stored: StoredQuote) -> tuple[object, ...]:
    q = stored.quote
    mention = q.speaker_spans[0] if q.speaker_spans else (None, None)
    return (
        stored.id,
        document_id,
        q.start,
        q.end,
        q.text,
        q.speaker,
        stored.speaker_key,
        q.speaker_role,
        stored.speaker_key,
        mention[0],
        mention[1],
        q.speaker,
        stored.speaker_key,
        q.speaker_role,
    )


def _quote_from_row(row: sqlite3.Row) -> Quote:
    corrected = bool(row["corrected"])
    return Quote(
        id=row["id"],
        document=row["path"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        speaker=row["speaker_display"] or row["speaker_name"],
        speaker_role=row["speaker_role"] or row["speaker_display_role"],
        speaker_id=row["speaker_id"],
        # The mention the extractor attributed through is not the user's speaker.
        mention_start=None if corrected else row["mention_start"],
        mention_end=None if corrected else row["mention_end"],
        document_title=row["document_title"],
        document_date=row["document_date"],
        speaker_corrected=corrected and row["origin"] == "extracted",
        added=row["origin"] == "added",
        hidden=bool(row["hidden"]),
    )


def _speaker_state(db: sqlite3.Connection, document_id: int) -> list[tuple[object, ...]]:
    return db.execute(
        "SELECT id, speaker_key, hidden FROM quotes WHERE document_id = ? ORDER BY id",
        (document_id,),
    ).fetchall()
