"""The archive database: one SQLite file per archive.

Holds what was read from the folder (documents, quotes, speakers, file states) — a cache
that ``Archive.update`` can always refill — and, from later schema versions on, the user's
annotations, which are not a cache. Hence: a schema version with ordered migrations, a
backup before migrating, refusal of a database newer than this code, WAL, and every write
inside a transaction.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError
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


class Store:
    """Thread-safe access to one archive database: a connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._migrate()

    # -- connections and transactions -------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._connect()
            self._local.connection = connection
        return connection

    def _connect(self) -> sqlite3.Connection:
        try:
            connection = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{self.path} is not an archive database or cannot be opened ({error}); "
                "move it aside and index the folder again"
            ) from error
        # Autocommit mode: transactions are opened explicitly by transaction().
        connection.isolation_level = None
        with self._lock:
            self._connections.append(connection)
        return connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:  # busy past the timeout, disk full, ...
            raise StoreError(f"cannot write to {self.path}: {error}") from error
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()

    # -- schema ---------------------------------------------------------------------

    def _migrate(self) -> None:
        existed = self.path.exists() and self.path.stat().st_size > 0
        try:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path} is not an archive database ({error})") from error
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer archiveapp (schema {version}, this "
                f"program knows {SCHEMA_VERSION}); update archiveapp to open it"
            )
        if version == SCHEMA_VERSION:
            return
        if existed and version > 0:
            # Annotations live here from later versions on: keep a copy before touching it.
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copy2(self.path, self.path.with_suffix(f".v{version}.bak"))
        for number in range(version, SCHEMA_VERSION):
            with self.transaction() as db:
                for statement in _statements(MIGRATIONS[number]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")

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
                       dateline_date, format, size, mtime_ns, sha256)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(path) DO UPDATE SET title = excluded.title,
                       text = excluded.text, author = excluded.author, date = excluded.date,
                       dateline_place = excluded.dateline_place,
                       dateline_date = excluded.dateline_date, format = excluded.format,
                       size = excluded.size, mtime_ns = excluded.mtime_ns,
                       sha256 = excluded.sha256""",
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
                ),
            )
            document_id = db.execute(
                "SELECT id FROM documents WHERE path = ?", (document.path,)
            ).fetchone()[0]
            db.execute("DELETE FROM quotes WHERE document_id = ?", (document_id,))
            db.executemany(
                """INSERT INTO quotes(id, document_id, start, end, text, speaker_name,
                       speaker_key, speaker_role, speaker_id, mention_start, mention_end)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?,
                           (SELECT id FROM speakers WHERE key = ?), ?, ?)""",
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

    # -- speakers ---------------------------------------------------------------------

    def speaker_name_counts(self) -> list[tuple[str, str, str | None, int]]:
        """(key, name as written, role, number of quotes) for every spelling in use."""
        rows = self.db.execute(
            """SELECT speaker_key, speaker_name, speaker_role, COUNT(*) AS n FROM quotes
               WHERE speaker_key IS NOT NULL AND speaker_key != ''
               GROUP BY speaker_key, speaker_name, speaker_role"""
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def replace_speakers(
        self, speakers: dict[str, tuple[str, str | None]], aliases: dict[str, str]
    ) -> None:
        """Make the speakers table hold exactly ``speakers`` (key -> (name, role)), keeping the
        ids of keys that already exist, and point each quote at its speaker; a quote whose key
        is in ``aliases`` goes to the aliased speaker."""
        with self.transaction() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (key TEXT PRIMARY KEY, name, role)")
            db.execute("DELETE FROM wanted")
            db.executemany(
                "INSERT INTO wanted(key, name, role) VALUES (?, ?, ?)",
                [(key, name, role) for key, (name, role) in speakers.items()],
            )
            db.execute("DELETE FROM speakers WHERE key NOT IN (SELECT key FROM wanted)")
            db.execute(
                """INSERT INTO speakers(key, name, role)
                   SELECT key, name, role FROM wanted WHERE true
                   ON CONFLICT(key) DO UPDATE SET name = excluded.name, role = excluded.role"""
            )
            db.execute("CREATE TEMP TABLE IF NOT EXISTS alias (key TEXT PRIMARY KEY, target TEXT)")
            db.execute("DELETE FROM alias")
            db.executemany("INSERT INTO alias(key, target) VALUES (?, ?)", aliases.items())
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
                      (SELECT COUNT(DISTINCT speaker_id) FROM quotes),
                      (SELECT COUNT(*) FROM quotes)"""
        ).fetchone()
        return row[0], row[1], row[2]

    def documents(self, paths: Iterable[str] | None = None) -> list[DocumentSummary]:
        sql = """SELECT d.path, d.title, d.date, d.author,
                        (SELECT COUNT(*) FROM quotes q WHERE q.document_id = d.id) AS n
                 FROM documents d"""
        rows = self._rows_for(sql, "d.path", paths, order="d.path")
        return [
            DocumentSummary(r["path"], r["title"], r["date"], r["n"], r["author"]) for r in rows
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
        )

    def iter_documents(self) -> Iterator[tuple[Document, list[str]]]:
        """Every document with the names of its speakers (for rebuilding the index)."""
        for (path,) in self.db.execute("SELECT path FROM documents ORDER BY path").fetchall():
            document = self.document(path)
            if document is not None:
                yield document, self.speaker_names_in(path)

    def speaker_names_in(self, path: str) -> list[str]:
        rows = self.db.execute(
            """SELECT DISTINCT COALESCE(s.name, q.speaker_name) FROM quotes q
               JOIN documents d ON d.id = q.document_id
               LEFT JOIN speakers s ON s.id = q.speaker_id
               WHERE d.path = ? AND q.speaker_name IS NOT NULL""",
            (path,),
        )
        return [r[0] for r in rows]

    def quotes(
        self,
        speaker_ids: Iterable[int] | None = None,
        paths: Iterable[str] | None = None,
        ids: Iterable[str] | None = None,
    ) -> list[Quote]:
        clauses, params = [], []
        for column, values in (("q.speaker_id", speaker_ids), ("d.path", paths), ("q.id", ids)):
            if values is not None:
                values = list(values)
                clauses.append(f"{column} IN (SELECT value FROM json_each(?))")
                params.append(_json_list(values))
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
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
        clauses, params = [], []
        if ids is not None:
            clauses.append("s.id IN (SELECT value FROM json_each(?))")
            params.append(_json_list(list(ids)))
        if paths is not None:
            clauses.append(
                """s.id IN (SELECT q2.speaker_id FROM quotes q2 JOIN documents d2
                   ON d2.id = q2.document_id WHERE d2.path IN (SELECT value FROM json_each(?)))"""
            )
            params.append(_json_list(list(paths)))
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
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

    def speaker_ids_by_key(self, keys: Iterable[str]) -> list[int]:
        rows = self.db.execute(
            """SELECT DISTINCT id FROM speakers WHERE key IN (SELECT value FROM json_each(?))
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


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


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
    )


def _quote_from_row(row: sqlite3.Row) -> Quote:
    return Quote(
        id=row["id"],
        document=row["path"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        speaker=row["speaker_display"] or row["speaker_name"],
        speaker_role=row["speaker_role"] or row["speaker_display_role"],
        speaker_id=row["speaker_id"],
        mention_start=row["mention_start"],
        mention_end=row["mention_end"],
        document_title=row["document_title"],
        document_date=row["document_date"],
    )
