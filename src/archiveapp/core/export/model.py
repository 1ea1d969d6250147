"""What an export is made of, before any format: options, entries with their citations,
and groups. Every writer turns one ``ExportDocument`` into a file; the window's preview is
the HTML writer's output."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Quote

FORMATS = ("docx", "odt", "pdf", "html", "md", "csv", "json")
GROUPINGS = ("none", "speaker", "document", "tag")
ORDERS = ("document", "date", "speaker")  # document = the quote's position in its document
FORMAT_NAMES = {
    "docx": "Word (.docx)",
    "odt": "OpenDocument text (.odt)",
    "pdf": "PDF (.pdf)",
    "html": "Web page (.html)",
    "md": "Markdown (.md)",
    "csv": "Spreadsheet (.csv)",
    "json": "JSON (.json)",
}
SUFFIXES = {"docx": ".docx", "odt": ".odt", "pdf": ".pdf", "html": ".html", "md": ".md",
            "csv": ".csv", "json": ".json"}  # fmt: skip


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text without the characters XML cannot hold (control characters, lone surrogates):
    a stray form feed or control byte from an old article must neither stop a DOCX export
    (python-docx refuses it) nor print as a box in a PDF."""
    return _NOT_XML.sub("", text)


def right_to_left(text: str) -> bool:
    """Whether a text is mostly Hebrew or Arabic: it is then set right to left as a whole.

    Counting letters rather than looking at the first one: a Hebrew quote often opens with
    an English quotation mark or a Latin name, and an English one may quote a Hebrew word."""
    rtl = ltr = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            rtl += 1
        elif kind == "L":
            ltr += 1
    return rtl > ltr


@dataclass(frozen=True)
class ExportOptions:
    format: str = "docx"
    title: str = "Quotes"
    group_by: str = "none"
    order: str = "document"
    style: str = "author-date"  # a key of citations.STYLES
    role: bool = True  # the speaker's role after the name
    source: bool = True  # the citation line
    path: bool = True  # the file path in the citation
    tags: bool = True
    note: bool = True
    context: bool = False  # the sentence before and after the quote


@dataclass(frozen=True)
class Source:
    """The document a quote comes from, as a citation needs it."""

    path: str
    title: str
    author: str | None = None
    date: str | None = None  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Entry:
    quote: Quote
    source: Source
    citation: str  # the source line in the chosen style, plain text
    context_before: str = ""
    context_after: str = ""

    @property
    def text(self) -> str:
        """The quote's words on one line (line breaks of the article dropped)."""
        return " ".join(self.quote.text.split())

    @property
    def speaker_line(self) -> str:
        return self.quote.speaker or "Speaker unknown"

    @property
    def right_to_left(self) -> bool:
        return right_to_left(self.quote.text)


@dataclass(frozen=True)
class Group:
    heading: str | None  # None: the export is not grouped
    entries: tuple[Entry, ...]
    subheading: str | None = None  # a speaker's role, a document's date


@dataclass(frozen=True)
class ExportDocument:
    title: str
    options: ExportOptions
    groups: tuple[Group, ...]
    description: str = ""  # "12 quotes from 3 documents, archive X, exported 25 November 2026"
    archive: str = ""
    exported: str = ""  # ISO date
    quote_count: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        """Every entry once, in order (a quote under two tags counts once)."""
        seen: set[str] = set()
        found = []
        for group in self.groups:
            for entry in group.entries:
                if entry.quote.id not in seen:
                    seen.add(entry.quote.id)
                    found.append(entry)
        return found
