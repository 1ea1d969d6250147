"""Reading one article file into what the store and the index need: pure, so it runs in
a worker process as well as in the caller's."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import names, sandbox
from .errors import ReadError, one_line
from .extract import extract_quotes
from .ingest import is_supported, read_document
from .ingest.limits import link_refusal, os_reason, read_limited, size_refusal
from .model import Document
from .search.backend import IndexedQuote
from .store import FileState, StoredQuote


@dataclass
class ReadOutcome:
    """One file read: its document and quotes, or why it could not be read."""

    relpath: str
    state: FileState  # with the content hash when the file was read
    document: Document | None = None
    quotes: list[StoredQuote] = field(default_factory=list)
    error: str | None = None
    indexed: bool = False  # already added to a worker's index segment

    def index_entries(self) -> tuple[list[str], list[IndexedQuote]]:
        """What the index takes of this file besides its document: the names of its
        speakers and its quotes as the extractor found them."""
        speakers = sorted({s.quote.speaker for s in self.quotes if s.quote.speaker})
        quotes = [IndexedQuote(s.id, s.quote.text, s.quote.speaker) for s in self.quotes]
        return speakers, quotes


def read_article(folder: Path, relpath: str, state: FileState) -> ReadOutcome:
    """Read, extract and identify the quotes of ``folder/relpath``; never raises. What the
    file may cost is checked first (a link leaving the folder, a size over its budget:
    refused unread); files whose parsers can loop or balloon are read in the sandbox, with
    a time and memory budget (see ``sandbox``)."""
    path = folder / relpath
    refusal = link_refusal(folder, path) or (
        size_refusal(path, state.size) if is_supported(path) else None
    )
    if refusal is not None:
        return ReadOutcome(relpath, state, error=refusal)
    if is_supported(path) and sandbox.wanted(path, state.size):
        outcome: ReadOutcome = sandbox.read_isolated(folder, relpath, state)
        return outcome
    return read_article_here(folder, relpath, state)


def read_article_here(folder: Path, relpath: str, state: FileState) -> ReadOutcome:
    """``read_article`` in this process, without a budget but the size one. Never raises,
    except MemoryError (the sandbox turns that into its reason)."""
    path = folder / relpath
    try:
        # A file without a reader fails on its name; its bytes (a 4 GB disk image,
        # say) are not worth reading for that.
        data, read_state = read_limited(path) if is_supported(path) else (b"", None)
        document = read_document(path, folder, data=data)
        quotes = extract_quotes(document.text)
    except ReadError as error:
        return ReadOutcome(relpath, state, error=one_line(error))
    except OSError as error:
        return ReadOutcome(relpath, state, error=os_reason(error))
    except MemoryError:
        raise
    except RecursionError:
        return ReadOutcome(relpath, state, error="its text is nested too deeply to read")
    except Exception as error:  # a bug on one odd file must not stop the other files
        return ReadOutcome(relpath, state, error=f"{type(error).__name__}: {one_line(error)}")
    stored = [
        StoredQuote(quote_id(relpath, q.text, n), q, names.person_key(q.speaker))
        for q, n in zip(quotes, _occurrences([_normalised(q.text) for q in quotes]), strict=True)
    ]
    digest = hashlib.sha256(data).hexdigest()
    # The state the bytes were read in, which may be newer than the scan's: the next
    # update then finds the file as it was stored.
    if read_state is not None:
        state = FileState(read_state.st_size, read_state.st_mtime_ns)
    return ReadOutcome(relpath, FileState(state.size, state.mtime_ns, digest), document, stored)


def quote_id(relpath: str, text: str, occurrence: int) -> str:
    """Stable across re-indexing: the same words in the same file keep their id even when
    other paragraphs are edited around them; ``occurrence`` tells repeats apart."""
    key = f"{relpath}\0{_normalised(text)}\0{occurrence}"
    return hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def _normalised(text: str) -> str:
    """Quote text with its whitespace collapsed: line breaks do not make another quote."""
    return " ".join(text.split())


def _occurrences(texts: list[str]) -> list[int]:
    seen: Counter[str] = Counter()
    result = []
    for text in texts:
        result.append(seen[text])
        seen[text] += 1
    return result
