"""The annotations database: the user's tags, notes and corrections, in a file of its own.

It sits beside the archive database but apart from it: rebuilding the index, re-reading
every article or deleting the archive database never touches it. Writes are synchronous
(FULL), each action is one transaction, and every action returns a ``Change`` that undoes it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..database import Database
from ..errors import ArchiveError
from ..model import Annotation, Tag
from . import backups
from .changes import (
    UNSETTLED_DOCUMENT,
    UNSETTLED_SPEAKERS,
    Change,
    Recorder,
    mark_unsettled,
    prune,
    write_back,
)

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE anchors (
        uid TEXT PRIMARY KEY,
        document TEXT NOT NULL,
        text TEXT NOT NULL,
        before TEXT NOT NULL DEFAULT '',
        after TEXT NOT NULL DEFAULT '',
        quote_id TEXT,
        added INTEGER NOT NULL DEFAULT 0,
        speaker TEXT,
        role TEXT,
        not_a_quote INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        speaker_seen TEXT,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    CREATE INDEX anchors_by_document ON anchors(document);
    CREATE UNIQUE INDEX anchors_by_quote ON anchors(quote_id) WHERE quote_id IS NOT NULL;
    CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        colour TEXT,
        created TEXT NOT NULL
    );
    CREATE TABLE quote_tags (
        anchor TEXT NOT NULL REFERENCES anchors(uid) ON DELETE CASCADE,
        tag INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (anchor, tag)
    );
    CREATE INDEX quote_tags_by_tag ON quote_tags(tag);
    CREATE TABLE speaker_links (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        target_key TEXT,
        target_name TEXT
    );
    """,
)


@dataclass(frozen=True)
class QuoteRef:
    """What an annotation keeps of a quote when the user first annotates it."""

    quote_id: str
    document: str
    text: str
    before: str = ""
    after: str = ""
    speaker: str | None = None


@dataclass(frozen=True)
class SpeakerLink:
    """The user's word on one spelling: it is ``target`` (merged), or it stands alone
    (``target_key`` None: split from whoever the archive would have joined it to)."""

    key: str
    name: str
    target_key: str | None
    target_name: str | None


class AnnotationStore(Database):
    migrations = MIGRATIONS
    what = "annotations database"
    synchronous = "FULL"  # the user's work: on disk when the call returns, power cut or not
    own_revision = -1  # the revision this object's last write made

    def __init__(self, path: Path) -> None:
        # Looked at before anything opens it for writing: a damaged file is refused as it
        # is (never "repaired", never replaced by a new database), with the newest backup.
        backups.check(Path(path))
        super().__init__(path)
        backups.backup_if_due(self.path, self._held_rows())

    def _held_rows(self) -> int:
        """How many annotations, tags and speaker links the file holds (0: nothing of the
        user's to back up)."""
        row = self.db.execute(
            "SELECT (SELECT COUNT(*) FROM anchors) + (SELECT COUNT(*) FROM tags) "
            "+ (SELECT COUNT(*) FROM speaker_links)"
        ).fetchone()
        return int(row[0])

    def _backup(self, version: int) -> Path:
        """Before a migration: the copy beside the file (named in the migration's error
        message), and one among the rotated backups."""
        copy = super()._backup(version)
        with contextlib.suppress(OSError, sqlite3.Error):
            backups.make_backup(self.path, f"before-v{version + 1}")
        return copy

    # -- reading ----------------------------------------------------------------------

    def annotations(
        self,
        document: str | None = None,
        orphaned: bool | None = None,
        uids: Iterable[str] | None = None,
        quote_ids: Iterable[str] | None = None,
    ) -> list[Annotation]:
        clauses, params = [], []
        if document is not None:
            clauses.append("a.document = ?")
            params.append(document)
        if orphaned is not None:
            clauses.append("a.quote_id IS NULL" if orphaned else "a.quote_id IS NOT NULL")
        for column, values in (("a.uid", uids), ("a.quote_id", quote_ids)):
            if values is not None:
                clauses.append(f"{column} IN (SELECT value FROM json_each(?))")
                params.append(_json(values))
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.db.execute(
            f"""SELECT a.*, (SELECT json_group_array(t.name) FROM
                    (SELECT t.name FROM quote_tags qt JOIN tags t ON t.id = qt.tag
                     WHERE qt.anchor = a.uid ORDER BY t.name COLLATE NOCASE) t) AS tag_names
                FROM anchors a {where} ORDER BY a.document, a.created, a.uid""",
            params,
        )
        return [_annotation(r) for r in rows]

    def by_quote(self, quote_ids: Iterable[str] | None = None) -> dict[str, Annotation]:
        """Annotations attached to quotes, by quote id (all of them, or those of the ids)."""
        found = self.annotations(orphaned=False, quote_ids=quote_ids)
        return {a.quote_id: a for a in found if a.quote_id is not None}

    def tags(self) -> list[Tag]:
        rows = self.db.execute(
            """SELECT t.id, t.name, t.colour,
                      (SELECT COUNT(*) FROM quote_tags qt JOIN anchors a ON a.uid = qt.anchor
                       WHERE qt.tag = t.id AND a.quote_id IS NOT NULL AND NOT a.not_a_quote) AS n
               FROM tags t ORDER BY n DESC, t.name COLLATE NOCASE"""
        )
        return [Tag(r[0], r[1], r[2], r[3]) for r in rows]

    def tag_named(self, name: str) -> Tag | None:
        wanted = name.strip().casefold()
        return next((t for t in self.tags() if t.name.casefold() == wanted), None)

    def documents_with_annotations(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT document FROM anchors")]

    def speaker_links(self) -> list[SpeakerLink]:
        rows = self.db.execute(
            "SELECT key, name, target_key, target_name FROM speaker_links ORDER BY key"
        )
        return [SpeakerLink(*r) for r in rows]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Every write also counts up the revision, so that a window can tell whether
        someone else (another window, the command line) wrote since it last looked."""
        with super().transaction() as db:
            yield db
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('revision', '1') ON CONFLICT(key) "
                "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )
            self.own_revision = self._revision(db)

    def revision(self) -> int:
        return self._revision(self.db)

    @staticmethod
    def _revision(db: sqlite3.Connection) -> int:
        row = db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(row[0]) if row else 0

    def last_change(self) -> str:
        row = self.db.execute("SELECT MAX(modified) FROM anchors").fetchone()
        return row[0] or ""

    # -- placement (after a document was read again) ----------------------------------

    @contextmanager
    def held(self) -> Iterator[sqlite3.Connection]:
        """The write lock, held while the archive reads annotations and brings its quotes
        and speakers in line with them. Another program's action waits until that is done:
        placing from a read a moment old would orphan the annotation it had just written,
        and the archive would show the quote without its correction. Joins the transaction
        this thread has open already."""
        if self.db.in_transaction:
            yield self.db
            return
        with self.transaction() as db:
            yield db

    def place(
        self,
        document: str,
        attached: dict[str, str],
        contexts: dict[str, tuple[str, str, str]],
    ) -> None:
        """Attach the document's annotations to the quotes in ``attached`` (uid -> quote
        id) and orphan the others; ``contexts`` refreshes (text, before, after) of those
        placed, so the next edit of the article is measured from today's text."""
        with self.held() as db:
            db.execute("UPDATE anchors SET quote_id = NULL WHERE document = ?", (document,))
            db.executemany(
                "UPDATE anchors SET quote_id = ? WHERE uid = ? AND document = ?",
                [(quote_id, uid, document) for uid, quote_id in attached.items()],
            )
            db.executemany(
                "UPDATE anchors SET text = ?, before = ?, after = ? WHERE uid = ?",
                [(*ctx, uid) for uid, ctx in contexts.items()],
            )

    def orphan_document(self, document: str) -> None:
        with self.held() as db:
            db.execute("UPDATE anchors SET quote_id = NULL WHERE document = ?", (document,))

    def move_document(self, old: str, new: str) -> None:
        """A file renamed (same content under another name): its annotations follow."""
        with self.transaction() as db:
            db.execute("UPDATE anchors SET document = ? WHERE document = ?", (new, old))
            mark_unsettled(db, [new], speakers=False)

    def unsettled(self) -> tuple[list[str], bool]:
        """Documents whose quotes may not show their annotations yet, and whether the
        speakers may not (see ``changes.mark_unsettled``)."""
        keys = [r[0] for r in self.db.execute("SELECT key FROM meta WHERE key LIKE 'unsettled:%'")]
        documents = [k[len(UNSETTLED_DOCUMENT) :] for k in keys if k.startswith(UNSETTLED_DOCUMENT)]
        return sorted(documents), UNSETTLED_SPEAKERS in keys

    def settled(self, document: str | None = None, speakers: bool = False) -> None:
        with self.held() as db:
            if document is not None:
                db.execute("DELETE FROM meta WHERE key = ?", (UNSETTLED_DOCUMENT + document,))
            if speakers:
                db.execute("DELETE FROM meta WHERE key = ?", (UNSETTLED_SPEAKERS,))

    # -- the user's actions: each one transaction, each returns its Change ---------------

    def tag(self, refs: Sequence[QuoteRef], names: Sequence[str], colours: Sequence[str]) -> Change:
        """Give every quote every tag; a tag that does not exist yet is created with the
        next of ``colours``."""
        names = [_tag_name(n) for n in names]
        with self.transaction() as db:
            record = Recorder(db)
            tag_ids = [self._tag_id(db, record, name, colours) for name in names]
            for ref in refs:
                uid = self._anchor_for(db, record, ref)
                db.executemany(
                    "INSERT OR IGNORE INTO quote_tags(anchor, tag) VALUES (?, ?)",
                    [(uid, tag_id) for tag_id in tag_ids],
                )
                self._touch(db, uid)
            return record.finish(f"Tag {_count(refs)} with {', '.join(names)}", set())

    def untag(self, quote_ids: Sequence[str], names: Sequence[str]) -> Change:
        with self.transaction() as db:
            record = Recorder(db)
            wanted = [n.strip().casefold() for n in names]
            rows = db.execute(
                """SELECT a.uid, t.id FROM anchors a JOIN quote_tags qt ON qt.anchor = a.uid
                   JOIN tags t ON t.id = qt.tag
                   WHERE a.quote_id IN (SELECT value FROM json_each(?))
                   AND lower(t.name) IN (SELECT value FROM json_each(?))""",
                (_json(quote_ids), _json(wanted)),
            ).fetchall()
            for uid, tag_id in rows:
                record.anchor(uid)
                db.execute("DELETE FROM quote_tags WHERE anchor = ? AND tag = ?", (uid, tag_id))
                self._touch(db, uid)
            prune(db, [r[0] for r in rows])
            return record.finish(f"Remove {', '.join(names)} from {_count(quote_ids)}", set())

    def set_note(self, ref: QuoteRef, note: str) -> Change:
        note = note.strip()
        with self.transaction() as db:
            record = Recorder(db)
            existing = self._anchor_of(db, ref.quote_id)
            if existing is None and not note:
                return record.finish("Edit note", set())
            uid = existing or self._anchor_for(db, record, ref)
            record.anchor(uid)
            db.execute("UPDATE anchors SET note = ? WHERE uid = ?", (note, uid))
            self._touch(db, uid)
            prune(db, [uid])
            return record.finish("Edit note", set())

    def set_speaker(self, refs: Sequence[QuoteRef], name: str | None, role: str | None) -> Change:
        """Correct who spoke (``name`` None takes the correction back)."""
        name = (name or "").strip() or None
        role = (role or "").strip() or None
        with self.transaction() as db:
            record = Recorder(db)
            for ref in refs:
                uid = self._anchor_for(db, record, ref)
                db.execute(
                    "UPDATE anchors SET speaker = ?, role = ? WHERE uid = ?", (name, role, uid)
                )
                self._touch(db, uid)
                prune(db, [uid])
            label = f"Speaker of {_count(refs)}: {name}" if name else "Restore speaker"
            return record.finish(label, {r.document for r in refs})

    def set_not_a_quote(self, refs: Sequence[QuoteRef], flag: bool) -> Change:
        with self.transaction() as db:
            record = Recorder(db)
            for ref in refs:
                uid = self._anchor_for(db, record, ref)
                db.execute("UPDATE anchors SET not_a_quote = ? WHERE uid = ?", (int(flag), uid))
                self._touch(db, uid)
                prune(db, [uid])
            label = "Not a quote" if flag else "Restore as a quote"
            return record.finish(f"{label}: {_count(refs)}", {r.document for r in refs})

    def add_quote(self, ref: QuoteRef, speaker: str | None, role: str | None) -> Change:
        """A quote the extractor missed: ``ref.quote_id`` is ignored; the document is
        settled afterwards, which gives it its place and id."""
        with self.transaction() as db:
            record = Recorder(db)
            uid = _new_uid()
            record.anchor(uid)
            now = _now()
            db.execute(
                """INSERT INTO anchors(uid, document, text, before, after, added, speaker, role,
                       speaker_seen, created, modified) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""",
                (
                    uid,
                    ref.document,
                    ref.text,
                    ref.before,
                    ref.after,
                    (speaker or "").strip() or None,
                    (role or "").strip() or None,
                    speaker,
                    now,
                    now,
                ),
            )
            change = record.finish("Add quote", {ref.document})
            return Change(
                change.label, change.before, change.after, change.documents, created_uid=uid
            )

    def reattach(self, uid: str, ref: QuoteRef) -> Change:
        """Give an orphan a quote again; if that quote has an annotation already, the two
        become one (tags joined, notes kept both)."""
        with self.transaction() as db:
            record = Recorder(db)
            record.anchor(uid)
            old = db.execute("SELECT document FROM anchors WHERE uid = ?", (uid,)).fetchone()
            if old is None:
                raise ArchiveError("that annotation no longer exists")
            documents = {old[0], ref.document}
            other = self._anchor_of(db, ref.quote_id)
            if other is not None and other != uid:
                record.anchor(other)
                _merge_anchor_into(db, uid, other)
            else:
                db.execute(
                    """UPDATE anchors SET document = ?, text = ?, before = ?, after = ?,
                           quote_id = ?, added = 0 WHERE uid = ?""",
                    (ref.document, ref.text, ref.before, ref.after, ref.quote_id, uid),
                )
                self._touch(db, uid)
            return record.finish("Re-attach annotation", documents)

    def delete(self, uids: Sequence[str]) -> Change:
        with self.transaction() as db:
            record = Recorder(db)
            documents = set()
            for uid in uids:
                record.anchor(uid)
                row = db.execute("SELECT document FROM anchors WHERE uid = ?", (uid,)).fetchone()
                if row is not None:
                    documents.add(row[0])
                db.execute("DELETE FROM quote_tags WHERE anchor = ?", (uid,))
                db.execute("DELETE FROM anchors WHERE uid = ?", (uid,))
            return record.finish(f"Delete {len(uids)} annotation(s)", documents)

    # -- tags -------------------------------------------------------------------------

    def create_tag(self, name: str, colour: str | None) -> Change:
        name = _tag_name(name)
        with self.transaction() as db:
            record = Recorder(db)
            self._tag_id(db, record, name, [colour] if colour else [])
            return record.finish(f"New tag {name}", set())

    def rename_tag(self, tag_id: int, name: str) -> Change:
        name = _tag_name(name)
        with self.transaction() as db:
            clash = db.execute(
                "SELECT name FROM tags WHERE name = ? COLLATE NOCASE AND id != ?", (name, tag_id)
            ).fetchone()
            if clash is not None:
                raise ArchiveError(
                    f'a tag named "{clash[0]}" exists already; merge the two tags instead'
                )
            record = Recorder(db)
            record.tag(tag_id)
            db.execute("UPDATE tags SET name = ? WHERE id = ?", (name, tag_id))
            return record.finish(f"Rename tag to {name}", set())

    def set_tag_colour(self, tag_id: int, colour: str | None) -> Change:
        with self.transaction() as db:
            record = Recorder(db)
            record.tag(tag_id)
            db.execute("UPDATE tags SET colour = ? WHERE id = ?", (colour, tag_id))
            return record.finish("Tag colour", set())

    def merge_tags(self, sources: Sequence[int], target: int) -> Change:
        """Every quote tagged with one of ``sources`` gets ``target``; the sources go."""
        with self.transaction() as db:
            record = Recorder(db)
            record.tag(target)
            for source in sources:
                if source == target:
                    continue
                record.tag(source)
                for (uid,) in db.execute(
                    "SELECT anchor FROM quote_tags WHERE tag = ?", (source,)
                ).fetchall():
                    record.anchor(uid)
                db.execute(
                    "INSERT OR IGNORE INTO quote_tags(anchor, tag) "
                    "SELECT anchor, ? FROM quote_tags WHERE tag = ?",
                    (target, source),
                )
                db.execute("DELETE FROM tags WHERE id = ?", (source,))
            return record.finish("Merge tags", set())

    def delete_tag(self, tag_id: int) -> Change:
        with self.transaction() as db:
            record = Recorder(db)
            record.tag(tag_id)
            uids = [
                r[0] for r in db.execute("SELECT anchor FROM quote_tags WHERE tag = ?", (tag_id,))
            ]
            for uid in uids:
                record.anchor(uid)
            db.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
            prune(db, uids)
            return record.finish("Delete tag", set())

    # -- speakers -----------------------------------------------------------------------

    def link_speakers(self, aliases: Sequence[tuple[str, str]], target: tuple[str, str]) -> Change:
        """Spellings (key, name) that are the person ``target`` (key, name)."""
        with self.transaction() as db:
            record = Recorder(db)
            for key, name in aliases:
                if key == target[0]:
                    continue
                record.link(key)
                db.execute(
                    "INSERT OR REPLACE INTO speaker_links(key, name, target_key, target_name) "
                    "VALUES (?, ?, ?, ?)",
                    (key, name, *target),
                )
            record.link(target[0])  # the target itself stands as itself, not merged away
            db.execute("DELETE FROM speaker_links WHERE key = ?", (target[0],))
            return record.finish(f"Merge speakers into {target[1]}", set(), speakers=True)

    def separate_speakers(self, spellings: Sequence[tuple[str, str]]) -> Change:
        """Each spelling stands alone, whoever the archive (or the user) had joined it to."""
        with self.transaction() as db:
            record = Recorder(db)
            for key, name in spellings:
                record.link(key)
                db.execute(
                    "INSERT OR REPLACE INTO speaker_links(key, name, target_key, target_name) "
                    "VALUES (?, ?, NULL, NULL)",
                    (key, name),
                )
            return record.finish("Split speaker", set(), speakers=True)

    # -- undo ---------------------------------------------------------------------------

    def undo(self, change: Change) -> int:
        """Returns how many rows were kept as someone else left them (see write_back)."""
        with self.transaction() as db:
            return write_back(db, change, undo=True, now=_now())

    def redo(self, change: Change) -> int:
        with self.transaction() as db:
            return write_back(db, change, undo=False, now=_now())

    # -- helpers ------------------------------------------------------------------------

    def _anchor_of(self, db: sqlite3.Connection, quote_id: str) -> str | None:
        row = db.execute("SELECT uid FROM anchors WHERE quote_id = ?", (quote_id,)).fetchone()
        return None if row is None else row[0]

    def _anchor_for(self, db: sqlite3.Connection, record: Recorder, ref: QuoteRef) -> str:
        uid = self._anchor_of(db, ref.quote_id)
        if uid is not None:
            record.anchor(uid)
            return uid
        uid = _new_uid()
        record.anchor(uid)
        now = _now()
        db.execute(
            """INSERT INTO anchors(uid, document, text, before, after, quote_id, speaker_seen,
                   created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                uid,
                ref.document,
                ref.text,
                ref.before,
                ref.after,
                ref.quote_id,
                ref.speaker,
                now,
                now,
            ),
        )
        return uid

    def _tag_id(
        self, db: sqlite3.Connection, record: Recorder, name: str, colours: Sequence[str]
    ) -> int:
        row = db.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
        if row is not None:
            record.tag(row[0])
            return row[0]
        used = {r[0] for r in db.execute("SELECT colour FROM tags WHERE colour IS NOT NULL")}
        colour = next((c for c in colours if c not in used), colours[0] if colours else None)
        tag_id = db.execute(
            "INSERT INTO tags(name, colour, created) VALUES (?, ?, ?)", (name, colour, _now())
        ).lastrowid
        record.tag(tag_id)
        # Recorded after the insert, so its "before" must say it did not exist.
        record.before["tags"][tag_id] = None
        return tag_id

    def _touch(self, db: sqlite3.Connection, uid: str) -> None:
        db.execute("UPDATE anchors SET modified = ? WHERE uid = ?", (_now(), uid))


def _merge_anchor_into(db: sqlite3.Connection, source: str, target: str) -> None:
    src = db.execute("SELECT * FROM anchors WHERE uid = ?", (source,)).fetchone()
    dst = db.execute("SELECT * FROM anchors WHERE uid = ?", (target,)).fetchone()
    note = join_notes(dst["note"], src["note"])
    db.execute(
        """UPDATE anchors SET note = ?, speaker = COALESCE(speaker, ?), role = COALESCE(role, ?),
               not_a_quote = not_a_quote OR ?, modified = ? WHERE uid = ?""",
        (note, src["speaker"], src["role"], src["not_a_quote"], _now(), target),
    )
    db.execute(
        "INSERT OR IGNORE INTO quote_tags(anchor, tag) "
        "SELECT ?, tag FROM quote_tags WHERE anchor = ?",
        (target, source),
    )
    db.execute("DELETE FROM quote_tags WHERE anchor = ?", (source,))
    db.execute("DELETE FROM anchors WHERE uid = ?", (source,))


def join_notes(mine: str, theirs: str) -> str:
    """Two notes on one quote: both kept, never one over the other."""
    mine, theirs = mine.strip(), theirs.strip()
    if not theirs or theirs in mine:
        return mine
    if not mine or mine in theirs:
        return theirs
    return f"{mine}\n\n{theirs}"


def _annotation(row: sqlite3.Row) -> Annotation:
    return Annotation(
        uid=row["uid"],
        document=row["document"],
        text=row["text"],
        quote_id=row["quote_id"],
        tags=tuple(json.loads(row["tag_names"] or "[]")),
        note=row["note"],
        speaker=row["speaker"],
        role=row["role"],
        not_a_quote=bool(row["not_a_quote"]),
        added=bool(row["added"]),
        speaker_seen=row["speaker_seen"],
        before=row["before"],
        after=row["after"],
        modified=row["modified"],
    )


def _tag_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ArchiveError("a tag needs a name")
    if "," in cleaned:
        raise ArchiveError(f'a tag name cannot hold a comma: "{cleaned}"')
    return cleaned


def _count(items: Sequence[object]) -> str:
    return "1 quote" if len(items) == 1 else f"{len(items)} quotes"


def _json(values: Iterable[object]) -> str:
    return json.dumps(list(values))


def _new_uid() -> str:
    return uuid.uuid4().hex


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
