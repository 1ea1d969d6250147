"""Undo and redo for every user action on annotations, as row images.

An action records each row it is about to touch (an annotation, a tag, the tags of an
annotation, a speaker link) before it touches it, and the same rows once it is done. Undo
writes the "before" images back; redo writes the "after" images.

Each row is written back only if it still looks as this action left it: if another window
or the command line changed it since, that change wins and is kept. An annotation is never
deleted by an undo while it still holds something (a tag another program added, say): its
content is cleared and it goes only if nothing is left, exactly as after any other action.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

Row = tuple[object, ...]
Images = dict[str, dict[object, Row | None]]

# The columns that hold the user's work; the rest (placement, context, times) are derived.
ANCHOR_CONTENT = ("document", "text", "added", "speaker", "role", "not_a_quote", "note")
# Of those, where the annotation stands: an update moves it (a renamed file, a reworded
# quote) without touching the user's work, so an undo neither takes that for another
# program's change nor puts the annotation back where it stood, unless the action moved it.
_PLACE = ("document", "text")
_WORK = tuple(c for c in ANCHOR_CONTENT if c not in _PLACE)
ANCHOR_COLUMNS = (
    "uid",
    *ANCHOR_CONTENT,
    "before",
    "after",
    "speaker_seen",
    "created",
    "modified",
)
_TABLES = ("anchors", "tags", "quote_tags", "speaker_links")
# Meta keys of work the archive still owes a change: settle a document, consolidate speakers.
UNSETTLED_DOCUMENT = "unsettled:document:"
UNSETTLED_SPEAKERS = "unsettled:speakers"


@dataclass(frozen=True)
class Change:
    """One user action, undoable. ``documents`` are those whose quotes it changes (their
    corrections must be applied again); ``speakers`` says whether speaker links changed."""

    label: str
    before: Images
    after: Images
    documents: tuple[str, ...] = ()
    speakers: bool = False
    created_uid: str | None = None  # the annotation an "add quote" made

    @property
    def empty(self) -> bool:
        return all(self.before.get(t, {}) == self.after.get(t, {}) for t in _TABLES)


@dataclass
class Recorder:
    """Collects "before" images as an action goes; ``finish`` reads the "after" ones."""

    db: sqlite3.Connection
    before: Images = field(default_factory=lambda: {t: {} for t in _TABLES})
    _anchors: set[str] = field(default_factory=set)
    _tags: set[int] = field(default_factory=set)

    def anchor(self, uid: str) -> None:
        if uid in self._anchors:
            return
        self._anchors.add(uid)
        self.before["anchors"][uid] = _anchor_row(self.db, uid)
        for key in _tag_links_of_anchor(self.db, uid):
            self.before["quote_tags"].setdefault(key, key)

    def tag(self, tag_id: int) -> None:
        if tag_id in self._tags:
            return
        self._tags.add(tag_id)
        self.before["tags"][tag_id] = _tag_row(self.db, tag_id)
        for key in _tag_links_of_tag(self.db, tag_id):
            self.before["quote_tags"].setdefault(key, key)

    def link(self, key: str) -> None:
        self.before["speaker_links"].setdefault(key, _link_row(self.db, key))

    def finish(self, label: str, documents: set[str], speakers: bool = False) -> Change:
        after: Images = {t: {} for t in _TABLES}
        for uid in self._anchors:
            after["anchors"][uid] = _anchor_row(self.db, uid)
            for key in _tag_links_of_anchor(self.db, uid):
                after["quote_tags"][key] = key
        for tag_id in self._tags:
            after["tags"][tag_id] = _tag_row(self.db, tag_id)
            for key in _tag_links_of_tag(self.db, tag_id):
                after["quote_tags"][key] = key
        for key in self.before["speaker_links"]:
            after["speaker_links"][key] = _link_row(self.db, key)
        for key in set(self.before["quote_tags"]) | set(after["quote_tags"]):
            self.before["quote_tags"].setdefault(key, None)
            after["quote_tags"].setdefault(key, None)
        mark_unsettled(self.db, documents, speakers)
        return Change(label, self.before, after, tuple(sorted(documents)), speakers)


def write_back(db: sqlite3.Connection, change: Change, undo: bool, now: str) -> int:
    """Undo (``undo=True``) or redo ``change`` inside the caller's transaction. Returns how
    many of its rows were left alone because someone else changed them since."""
    kept = 0
    target, expected = (change.before, change.after) if undo else (change.after, change.before)
    # Where the annotations stood then and where they stand now (an update may have moved
    # them since): both documents' quotes may change.
    rows = [*target["anchors"].values(), *(_anchor_row(db, str(uid)) for uid in target["anchors"])]
    touched = {str(row[1]) for row in rows if row is not None}
    mark_unsettled(db, touched | set(change.documents), change.speakers)
    # Rows that are inserted first, so the tag links can point at them; deleted last.
    for tag_id, want in target["tags"].items():
        current = _tag_row(db, tag_id)
        if not _same_tag(current, expected["tags"].get(tag_id)):
            kept += not _same_tag(current, want)
        elif want is not None:
            _put_tag(db, want, current is not None)
    for uid, want in target["anchors"].items():
        current = _anchor_row(db, uid)
        if not _same_anchor(current, expected["anchors"].get(uid)):
            kept += not _same_anchor(current, want)
        elif want is not None:
            moved = _moved(change.before["anchors"].get(uid), change.after["anchors"].get(uid))
            _put_anchor(db, want, current is not None, now, moved)
    for key, want in target["quote_tags"].items():
        current = _tag_link_exists(db, key)
        if current != (expected["quote_tags"].get(key) is not None):
            kept += current != (want is not None)
            continue  # changed by someone else since
        anchor, tag = key  # type: ignore[misc]
        if want is not None and not current:
            db.execute(
                "INSERT OR IGNORE INTO quote_tags(anchor, tag) SELECT ?, ? WHERE EXISTS "
                "(SELECT 1 FROM anchors WHERE uid = ?) "
                "AND EXISTS (SELECT 1 FROM tags WHERE id = ?)",
                (anchor, tag, anchor, tag),
            )
        elif want is None and current:
            db.execute("DELETE FROM quote_tags WHERE anchor = ? AND tag = ?", (anchor, tag))
    for key, want in target["speaker_links"].items():
        current = _link_row(db, str(key))
        if current != expected["speaker_links"].get(key):
            kept += current != want
            continue
        if want is None:
            db.execute("DELETE FROM speaker_links WHERE key = ?", (key,))
        else:
            db.execute(
                "INSERT OR REPLACE INTO speaker_links(key, name, target_key, target_name) "
                "VALUES (?, ?, ?, ?)",
                want,
            )
    for uid, want in target["anchors"].items():
        current = _anchor_row(db, uid)
        if (
            want is None
            and current is not None
            and _same_anchor(current, expected["anchors"].get(uid))
        ):
            _follow(change, uid, current)
            db.execute(
                "UPDATE anchors SET note = '', speaker = NULL, role = NULL, not_a_quote = 0, "
                "added = 0, modified = ? WHERE uid = ?",
                (now, uid),
            )
            prune(db, [uid])
    for tag_id, want in target["tags"].items():
        current = _tag_row(db, tag_id)
        if (
            want is None
            and current is not None
            and _same_tag(current, expected["tags"].get(tag_id))
        ):
            in_use = db.execute("SELECT 1 FROM quote_tags WHERE tag = ? LIMIT 1", (tag_id,))
            if in_use.fetchone() is None:  # a tag someone has used since stays
                db.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
    return kept


def mark_unsettled(db: sqlite3.Connection, documents: Iterable[str], speakers: bool) -> None:
    """Note, in the change's own transaction, that the archive must still bring these
    documents' quotes (and the speakers) in line with it. The archive clears the note once
    it has; a program killed before that leaves it for the next update to finish."""
    keys = [UNSETTLED_DOCUMENT + d for d in documents]
    if speakers:
        keys.append(UNSETTLED_SPEAKERS)
    db.executemany(
        "INSERT OR IGNORE INTO meta(key, value) VALUES (?, '1')", [(key,) for key in keys]
    )


def _follow(change: Change, uid: object, current: Row) -> None:
    """An annotation about to go: the change's images learn where it stands now, so that
    undoing this (a redo, say) brings it back there, not where it stood before an update
    moved it."""
    where = dict(zip(ANCHOR_COLUMNS, current, strict=True))
    for images in (change.before, change.after):
        row = images["anchors"].get(uid)
        if row is not None:
            values = dict(zip(ANCHOR_COLUMNS, row, strict=True))
            values.update({c: where[c] for c in (*_PLACE, "before", "after")})
            images["anchors"][uid] = tuple(values[c] for c in ANCHOR_COLUMNS)


def prune(db: sqlite3.Connection, uids: list[str]) -> None:
    """Drop annotations that hold nothing any more (their last tag removed, say)."""
    db.executemany(
        """DELETE FROM anchors WHERE uid = ? AND note = '' AND speaker IS NULL
           AND role IS NULL AND NOT not_a_quote AND NOT added
           AND NOT EXISTS (SELECT 1 FROM quote_tags WHERE anchor = anchors.uid)""",
        [(uid,) for uid in uids],
    )


# -- rows ------------------------------------------------------------------------------


def _anchor_row(db: sqlite3.Connection, uid: str) -> Row | None:
    row = db.execute(
        f"SELECT {', '.join(ANCHOR_COLUMNS)} FROM anchors WHERE uid = ?", (uid,)
    ).fetchone()
    return None if row is None else tuple(row)


def _columns(row: Row, names: tuple[str, ...]) -> tuple[object, ...]:
    values = dict(zip(ANCHOR_COLUMNS, row, strict=True))
    return tuple(values[name] for name in names)


def _same_anchor(current: Row | None, expected: Row | None) -> bool:
    if current is None or expected is None:
        return current is None and expected is None
    return _columns(current, _WORK) == _columns(expected, _WORK)


def _moved(before: Row | None, after: Row | None) -> bool:
    """Whether the action itself moved the annotation (a re-attached orphan)."""
    if before is None or after is None:
        return False
    return _columns(before, _PLACE) != _columns(after, _PLACE)


def _put_anchor(db: sqlite3.Connection, row: Row, exists: bool, now: str, moved: bool) -> None:
    values = dict(zip(ANCHOR_COLUMNS, row, strict=True))
    if exists:
        columns = ANCHOR_CONTENT if moved else _WORK
        sets = ", ".join(f"{c} = ?" for c in columns)
        db.execute(
            f"UPDATE anchors SET {sets}, modified = ? WHERE uid = ?",
            (*(values[c] for c in columns), now, values["uid"]),
        )
    else:  # placed again by the caller, which settles the document afterwards
        columns = ", ".join(ANCHOR_COLUMNS)
        marks = ", ".join("?" for _ in ANCHOR_COLUMNS)
        db.execute(f"INSERT INTO anchors({columns}) VALUES ({marks})", row)


def _tag_row(db: sqlite3.Connection, tag_id: int) -> Row | None:
    row = db.execute("SELECT id, name, colour, created FROM tags WHERE id = ?", (tag_id,))
    found = row.fetchone()
    return None if found is None else tuple(found)


def _same_tag(current: Row | None, expected: Row | None) -> bool:
    if current is None or expected is None:
        return current is None and expected is None
    return current[1:3] == expected[1:3]


def _put_tag(db: sqlite3.Connection, row: Row, exists: bool) -> None:
    clash = db.execute(
        "SELECT 1 FROM tags WHERE name = ? COLLATE NOCASE AND id != ?", (row[1], row[0])
    ).fetchone()
    if clash is not None:
        return  # another program made a tag of that name since: keep theirs
    if exists:
        db.execute("UPDATE tags SET name = ?, colour = ? WHERE id = ?", (row[1], row[2], row[0]))
    else:
        db.execute("INSERT INTO tags(id, name, colour, created) VALUES (?, ?, ?, ?)", row)


def _link_row(db: sqlite3.Connection, key: str) -> Row | None:
    row = db.execute(
        "SELECT key, name, target_key, target_name FROM speaker_links WHERE key = ?", (key,)
    ).fetchone()
    return None if row is None else tuple(row)


def _tag_links_of_anchor(db: sqlite3.Connection, uid: str) -> list[tuple[str, int]]:
    rows = db.execute("SELECT anchor, tag FROM quote_tags WHERE anchor = ?", (uid,))
    return [(r[0], r[1]) for r in rows]


def _tag_links_of_tag(db: sqlite3.Connection, tag_id: int) -> list[tuple[str, int]]:
    rows = db.execute("SELECT anchor, tag FROM quote_tags WHERE tag = ?", (tag_id,))
    return [(r[0], r[1]) for r in rows]


def _tag_link_exists(db: sqlite3.Connection, key: object) -> bool:
    anchor, tag = key  # type: ignore[misc]
    row = db.execute("SELECT 1 FROM quote_tags WHERE anchor = ? AND tag = ?", (anchor, tag))
    return row.fetchone() is not None
