"""The objects the archive is made of: plain frozen dataclasses, no behaviour beyond naming.

Offsets (``start``, ``end``) are Python ``str`` indices into ``Document.text`` — the text the
extractor saw and the viewer shows — never into the raw file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One article as read from a file: clean text plus the metadata the file gave."""

    path: str  # relative to the archive folder, POSIX separators
    title: str
    text: str  # the article as shown: title first, then the body, boilerplate removed
    author: str | None = None
    date: str | None = None  # ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD) when known
    dateline_place: str | None = None
    dateline_date: str | None = None  # as written in the dateline ("December 13")
    format: str = "txt"
    outlet: str | None = None  # the publication: "Harwick Courier"
    url: str | None = None  # where the article was published, for citations


@dataclass(frozen=True)
class ExtractedQuote:
    """A direct quote found in a string by the extractor.

    ``start``/``end`` cover the quote including its quotation marks (a missing opening mark
    simply is not there); ``speaker_spans`` are the offsets of the mention the quote was
    attributed through ("Fedorov", "she"), and ``speaker`` is the fullest name the text gives
    for that mention ("Mykhailo Fedorov").
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_spans: tuple[tuple[int, int], ...] = ()
    speaker_role: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_spans": [list(span) for span in self.speaker_spans],
            "speaker_role": self.speaker_role,
        }


@dataclass(frozen=True)
class Quote:
    """A quote as the archive knows it: stable id, its document and its speaker."""

    id: str
    document: str  # Document.path
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_role: str | None
    speaker_id: int | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    document_title: str = ""
    document_date: str | None = None
    # The user's work on it (see Annotation): tags, note, and how it was corrected.
    tags: tuple[str, ...] = ()
    note: str = ""
    speaker_corrected: bool = False  # the user chose its speaker
    added: bool = False  # the user marked it: the extractor had missed it
    hidden: bool = False  # the user said it is not a quote

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "tags": list(self.tags),
            "note": self.note,
            "speaker_corrected": self.speaker_corrected,
            "added": self.added,
            "not_a_quote": self.hidden,
        }


@dataclass(frozen=True)
class Speaker:
    """One person (or organisation) across the whole archive."""

    id: int
    name: str
    role: str | None
    quotes: int
    documents: int
    aliases: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": self.role,
            "quotes": self.quotes,
            "documents": self.documents,
        }


@dataclass(frozen=True)
class Tag:
    """A label the user gives quotes; ``quotes`` counts the quotes (not orphans) carrying it."""

    id: int
    name: str
    colour: str | None = None  # "#rrggbb"
    quotes: int = 0

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "colour": self.colour, "quotes": self.quotes}


@dataclass(frozen=True)
class Annotation:
    """The user's work on one quote, kept apart from what the extractor found.

    It is anchored by the document and the quote's own words with a little context on each
    side, never by offsets, so edits around the quote keep it in place. ``quote_id`` is the
    quote it is attached to now; None means orphaned: its words are no longer in the
    document (or the document is gone), and it waits for the user to re-attach or delete it.
    """

    uid: str
    document: str
    text: str  # the quote's words, whitespace collapsed
    quote_id: str | None
    tags: tuple[str, ...] = ()
    note: str = ""
    speaker: str | None = None  # the speaker the user chose; None keeps the extractor's
    role: str | None = None
    not_a_quote: bool = False
    added: bool = False  # a quote the user marked by hand
    speaker_seen: str | None = None  # who the archive said spoke it, when it was annotated
    before: str = ""
    after: str = ""
    modified: str = ""  # ISO 8601, UTC

    @property
    def orphaned(self) -> bool:
        return self.quote_id is None

    def as_json(self) -> dict[str, object]:
        """As ``annotations export`` writes it (and ``annotations list --json`` prints)."""
        return {
            "id": self.uid,
            "document": self.document,
            "quote": self.text,
            "quote_id": self.quote_id,
            "context_before": self.before,
            "context_after": self.after,
            "tags": list(self.tags),
            "note": self.note,
            "speaker": self.speaker,
            "role": self.role,
            "not_a_quote": self.not_a_quote,
            "added": self.added,
            "orphaned": self.orphaned,
            "speaker_seen": self.speaker_seen,
            "modified": self.modified,
        }


@dataclass(frozen=True)
class DocumentSummary:
    """A row of the documents list: what a pane needs without the full text."""

    path: str
    title: str
    date: str | None
    quotes: int
    author: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SearchHit:
    path: str
    title: str
    score: float
    snippet: str  # plain text, whitespace collapsed
    date: str | None = None
    highlights: tuple[tuple[int, int], ...] = field(default=())  # matched words in snippet

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "date": self.date,
        }


@dataclass(frozen=True)
class FileError:
    path: str
    message: str


@dataclass(frozen=True)
class UpdateReport:
    """What one ``Archive.update`` did."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    failed: tuple[FileError, ...] = ()
    unchanged: int = 0
    cancelled: bool = False
    rebuilt_index: bool = False
    reextracted: bool = False  # every file re-read because the extractor changed

    @property
    def nothing_changed(self) -> bool:
        return not (self.added or self.changed or self.removed or self.failed)

    def as_json(self) -> dict[str, object]:
        return {
            "added": list(self.added),
            "changed": list(self.changed),
            "removed": list(self.removed),
            "failed": [{"path": f.path, "error": f.message} for f in self.failed],
            "unchanged": self.unchanged,
            "cancelled": self.cancelled,
        }


@dataclass(frozen=True)
class Progress:
    """Reported by ``Archive.update`` after each file."""

    done: int
    total: int
    path: str
