"""Annotations as a plain JSON file, to share with colleagues, merge, and keep in git.

The file is sorted and indented so that two exports diff line by line. Import merges: an
annotation the archive already has (same id, or same words in the same document) gains the
file's tags; two different notes are both kept; where the file and the archive disagree on
a speaker, the archive's stays and the disagreement is reported. Nothing is overwritten
silently, and the whole import is one transaction.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import names
from ..errors import ArchiveError
from .anchoring import core_words
from .changes import mark_unsettled
from .store import AnnotationStore, join_notes

FORMAT = "archiveapp-annotations"
VERSION = 1


@dataclass
class ImportReport:
    added: int = 0  # annotations new to this archive
    merged: int = 0  # annotations this archive had, given what the file added
    unchanged: int = 0
    tags_created: int = 0
    conflicts: list[str] = field(default_factory=list)  # one line each
    documents: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "added": self.added,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "tags_created": self.tags_created,
            "conflicts": self.conflicts,
        }


def export_annotations(notes: AnnotationStore, path: Path, archive_name: str) -> int:
    annotations = notes.annotations()
    data = {
        "format": FORMAT,
        "version": VERSION,
        "archive": archive_name,
        "tags": [
            {"name": t.name, "colour": t.colour}
            for t in sorted(notes.tags(), key=lambda t: t.name.casefold())
        ],
        "speakers": [
            {"spelling": link.name, "same_as": link.target_name} for link in notes.speaker_links()
        ],
        "annotations": [
            a.as_json() for a in sorted(annotations, key=lambda a: (a.document, a.text, a.uid))
        ],
    }
    _write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(annotations)


def import_annotations(notes: AnnotationStore, path: Path) -> ImportReport:
    data = _read(path)
    report = ImportReport()
    documents: set[str] = set()
    with notes.transaction() as db:
        for tag in data.get("tags", []):
            _tag_id(db, _text(tag, "name", path), tag.get("colour"), report)
        for link in data.get("speakers", []):
            _import_link(db, link, path, report)
        for number, item in enumerate(data.get("annotations", []), start=1):
            if not isinstance(item, dict):
                raise ArchiveError(f"{path}: annotation {number} is not an object")
            documents.add(_text(item, "document", path))
            _import_annotation(db, item, path, report)
        mark_unsettled(db, documents, speakers=True)
    report.documents = tuple(sorted(documents))
    return report


# -- reading the file ----------------------------------------------------------------------


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ArchiveError(f"cannot read {path}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise ArchiveError(f"{path} is not UTF-8 text: not an annotations file") from error
    except json.JSONDecodeError as error:
        raise ArchiveError(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ArchiveError(f"{path} is not an archiveapp annotations file")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ArchiveError(
            f"{path} was written by a newer archiveapp (format {version}); update to import it"
        )
    return data


def _text(item: dict[str, Any], key: str, path: Path) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ArchiveError(f"{path}: an entry has no {key!r}")
    return value


def _optional(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    return value.strip() or None if isinstance(value, str) else None


# -- merging -------------------------------------------------------------------------------


def _tag_id(db: sqlite3.Connection, name: str, colour: object, report: ImportReport) -> int:
    name = " ".join(name.split()).replace(",", " ")
    row = db.execute("SELECT id, colour FROM tags WHERE name = ? COLLATE NOCASE", (name,))
    found = row.fetchone()
    colour = colour if isinstance(colour, str) else None
    if found is not None:
        if found[1] is None and colour:
            db.execute("UPDATE tags SET colour = ? WHERE id = ?", (colour, found[0]))
        return found[0]
    report.tags_created += 1
    cursor = db.execute(
        "INSERT INTO tags(name, colour, created) VALUES (?, ?, ?)", (name, colour, _now())
    )
    return int(cursor.lastrowid or 0)


def _import_link(
    db: sqlite3.Connection, link: dict[str, Any], path: Path, report: ImportReport
) -> None:
    spelling = _text(link, "spelling", path)
    same_as = _optional(link, "same_as")
    key = names.speaker_key(spelling)
    target_key = names.speaker_key(same_as) if same_as else None
    row = db.execute("SELECT target_key FROM speaker_links WHERE key = ?", (key,)).fetchone()
    if row is None:
        db.execute(
            "INSERT INTO speaker_links(key, name, target_key, target_name) VALUES (?, ?, ?, ?)",
            (key, spelling, target_key, same_as),
        )
    elif row[0] != target_key:
        report.conflicts.append(
            f"speaker {spelling!r}: the file says {same_as or 'a speaker of its own'}, "
            "this archive's choice is kept"
        )


def _import_annotation(
    db: sqlite3.Connection, item: dict[str, Any], path: Path, report: ImportReport
) -> None:
    document = _text(item, "document", path)
    text = _text(item, "quote", path)
    uid = item.get("id") if isinstance(item.get("id"), str) else None
    existing = _matching_anchor(db, uid, document, text, item)
    tags = [t for t in item.get("tags", []) if isinstance(t, str) and t.strip()]
    note = item.get("note") if isinstance(item.get("note"), str) else ""
    if existing is None:
        uid = uid if uid and not _uid_taken(db, uid) else os.urandom(16).hex()
        now = _now()
        db.execute(
            """INSERT INTO anchors(uid, document, text, before, after, added, speaker, role,
                   not_a_quote, note, speaker_seen, created, modified)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                uid,
                document,
                text,
                item.get("context_before") or "",
                item.get("context_after") or "",
                int(bool(item.get("added"))),
                _optional(item, "speaker"),
                _optional(item, "role"),
                int(bool(item.get("not_a_quote"))),
                note.strip(),
                _optional(item, "speaker_seen"),
                now,
                item.get("modified") or now,
            ),
        )
        _link_tags(db, uid, tags, report)
        report.added += 1
        return
    changed = _link_tags(db, existing["uid"], tags, report)
    merged_note = join_notes(existing["note"], note)
    if merged_note != existing["note"]:
        if existing["note"].strip():
            report.conflicts.append(f"{document}: two notes on one quote, both kept")
        changed = True
    speaker, role = existing["speaker"], existing["role"]
    theirs = _optional(item, "speaker")
    if theirs and speaker and names.speaker_key(theirs) != names.speaker_key(speaker):
        report.conflicts.append(
            f"{document}: the file says {theirs!r} spoke {_short(text)}, "
            f"this archive says {speaker!r}; kept {speaker!r}"
        )
    elif theirs and not speaker:
        speaker, role, changed = theirs, _optional(item, "role") or role, True
    hidden = bool(existing["not_a_quote"]) or bool(item.get("not_a_quote"))
    changed = changed or hidden != bool(existing["not_a_quote"])
    if changed:
        db.execute(
            """UPDATE anchors SET note = ?, speaker = ?, role = ?, not_a_quote = ?,
                   modified = ? WHERE uid = ?""",
            (merged_note, speaker, role, int(hidden), _now(), existing["uid"]),
        )
        report.merged += 1
    else:
        report.unchanged += 1


def _matching_anchor(
    db: sqlite3.Connection, uid: str | None, document: str, text: str, item: dict[str, Any]
) -> sqlite3.Row | None:
    if uid:
        row = db.execute("SELECT * FROM anchors WHERE uid = ?", (uid,)).fetchone()
        if row is not None:
            return row
    words = core_words(text)
    same = [
        row
        for row in db.execute("SELECT * FROM anchors WHERE document = ?", (document,))
        if core_words(row["text"]) == words
    ]
    if len(same) <= 1:
        return same[0] if same else None
    # Repeated words in one article: the one whose context agrees.
    before = item.get("context_before") or ""
    return max(
        same, key=lambda row: (row["before"] == before, row["after"] == item.get("context_after"))
    )


def _link_tags(db: sqlite3.Connection, uid: str, tags: list[str], report: ImportReport) -> bool:
    added = False
    for name in tags:
        tag_id = _tag_id(db, name, None, report)
        cursor = db.execute(
            "INSERT OR IGNORE INTO quote_tags(anchor, tag) VALUES (?, ?)", (uid, tag_id)
        )
        added = added or cursor.rowcount > 0
    return added


def _uid_taken(db: sqlite3.Connection, uid: str) -> bool:
    return db.execute("SELECT 1 FROM anchors WHERE uid = ?", (uid,)).fetchone() is not None


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _write_atomically(path: Path, text: str) -> None:
    """Temporary file, flushed to disk, then renamed over the target: a crash leaves the old
    file or the new one, never half of one."""
    path = path.expanduser()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    except OSError as error:
        raise ArchiveError(f"cannot write {path}: {error.strerror}") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ArchiveError(f"cannot write {path}: {error.strerror}") from error


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
