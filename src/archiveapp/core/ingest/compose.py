"""From a reader's text and the metadata its format gave to a ``Document``: the title goes
first in the text, and what the format left out (title, byline, date) is looked for at
the top of the text with the same rules as plain-text articles."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..model import Document
from .header import parse_date, read_header, strip_boilerplate

# Names that writing libraries and templates put in a file's own fields by themselves:
# they say who made the file, not who wrote the article.
_TOOL_AUTHORS = frozenset({"python-docx", "unknown", "administrator", "admin", "user"})


def compose(
    body: str,
    relpath: str,
    fmt: str,
    *,
    title: str | None = None,
    author: str | None = None,
    date: str | None = None,
    file_date: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Document:
    """``date`` is a publication date the format states (EPUB's dc:date, an e-mail's Date)
    and wins over the text; ``file_date`` is when the file was made (a PDF's CreationDate,
    a Word file's "created"), a weaker guess used only when the text gives no date."""
    body = strip_boilerplate(printable(body).replace("\r\n", "\n").replace("\r", "\n"))
    title = clean(title)
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    header = read_header(text, fallback_title=title or PurePosixPath(relpath).stem)
    return Document(
        path=relpath,
        title=title or header.title,
        text=text,
        author=_person(author) or header.author,
        date=parse_date(clean(date)) or header.date or parse_date(clean(file_date)),
        dateline_place=header.dateline_place,
        dateline_date=header.dateline_date,
        format=fmt,
        outlet=clean(outlet),
        url=clean(url),
    )


def clean(value: str | None) -> str | None:
    """Whitespace collapsed; None for nothing."""
    if value is None:
        return None
    value = re.sub(r"\s+", " ", printable(str(value))).strip()
    return value or None


# Control characters other than whitespace (a NUL in a text file, an escape sequence
# copied from a terminal) are no text; a lone surrogate (half of a broken UTF-16 pair in a
# PDF string) is not even storable: SQLite takes only valid UTF-8.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]+")
_CONTROL_CHARS = "".join(map(chr, [*range(0, 9), *range(14, 32), 127]))
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def printable(text: str) -> str:
    # Looked for before any regex runs: almost every text has none, and 28 substring
    # searches cost a twentieth of one regex pass over a news article.
    if any(c in text for c in _CONTROL_CHARS):
        text = _CONTROLS.sub("", text)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = _SURROGATES.sub("\ufffd", text)
    return text


def _person(value: str | None) -> str | None:
    value = clean(value)
    return None if value is None or value.casefold() in _TOOL_AUTHORS else value


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs with blank lines between them, as every reader's text has them."""
    return "\n\n".join(p.strip() for p in paragraphs if p and p.strip())
