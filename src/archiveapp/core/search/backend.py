"""What every search engine behind the archive offers: the archive calls nothing else."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from ..model import Document


@dataclass(frozen=True)
class IndexedQuote:
    id: str
    text: str
    speaker: str | None
    speaker_aliases: Sequence[str] = ()


@dataclass(frozen=True)
class DocumentMatch:
    path: str
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]


class IndexWriting(Protocol):
    """One batch of changes; committed when the ``writing()`` block ends without error,
    dropped when it raises."""

    def remove_document(self, path: str) -> None:
        """Remove the document at ``path`` and all its quotes."""

    def add_document(
        self, document: Document, speakers: Sequence[str], quotes: Sequence[IndexedQuote]
    ) -> None:
        """Add a document (its text, title, date, author, outlet and speakers' names) and
        each of its quotes (text and speaker, with the document's title, date, author and
        outlet)."""

    def adopt(self, segments: Sequence[object]) -> None:
        """Take in, at commit, segments written by worker processes from the backend's
        ``segment_spec()`` (only engines that offer one receive any)."""


class SearchBackend(Protocol):
    """The full-text index of one archive. Reads may come from any thread; one writer at
    a time (``writing()`` waits for another process's writer, then fails with a one-line
    ArchiveError)."""

    engine: str
    # Recorded by the archive after a complete write: another value means rebuild.
    schema_version: str
    # What is wrong with the index's files (None: nothing found), checked when it is opened
    # and set when a search fails on them; ``reset`` starts a new index.
    damage: str | None

    def is_empty(self) -> bool: ...

    def reset(self) -> None:
        """Empty the index in place, for a rebuild; searches meanwhile find nothing."""

    def close(self) -> None: ...

    def writing(self) -> AbstractContextManager[IndexWriting]: ...

    def check(self, text: str) -> None:
        """Raise QueryError with a one-line reason when ``text`` is no query."""

    def search_documents(
        self,
        text: str,
        limit: int | None,
        text_of: Callable[[str], str | None],
        snippet_limit: int | None = None,
    ) -> list[DocumentMatch]:
        """Ranked documents, the first ``snippet_limit`` (all when None) with a snippet
        highlighted from ``text_of(path)`` (indexes do not store texts)."""

    def search_quotes(self, text: str, limit: int | None = None) -> list[str]:
        """Ids of the quotes whose own text or speaker matches, best first."""
