"""The queries behind the panes: given a focus, what each pane lists.

Runs on the task runner's read lane, never on the GUI thread, and only through the
archive's public API. Plain Python (no Qt), so it is tested without a window.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from ..core.archive import Archive
from ..core.errors import QueryError
from ..core.model import Annotation, Document, DocumentSummary, Quote, SearchHit, Speaker, Tag
from .state import Focus


@dataclass(frozen=True)
class DocumentRow:
    """A documents-pane row: the summary plus, while a search is active, its hit."""

    summary: DocumentSummary
    snippet: str = ""
    highlights: tuple[tuple[int, int], ...] = ()
    rank: int = 0

    @property
    def path(self) -> str:
        return self.summary.path


@dataclass(frozen=True)
class Totals:
    documents: int = 0
    speakers: int = 0
    quotes: int = 0


@dataclass(frozen=True)
class PaneData:
    """What a reload produced; a pane left as None was not asked for (its filters did not
    change) and keeps what it shows."""

    focus: Focus
    documents: list[DocumentRow] | None = None
    speakers: list[Speaker] | None = None
    quotes: list[Quote] | None = None
    query_error: str | None = None
    totals: Totals | None = None


@dataclass(frozen=True)
class ViewedDocument:
    document: Document
    quotes: list[Quote] = field(default_factory=list)


PANES = frozenset({"documents", "speakers", "quotes"})
# Hits that get a highlighted snippet; the rest show none (see Archive.search).
SNIPPETS = 200


def load_panes(
    archive: Archive, focus: Focus, panes: Collection[str] = PANES, totals: bool = False
) -> PaneData:
    """Rows for the panes named in ``panes`` under ``focus``. A malformed query gives
    ``query_error`` (the core's one-line hint) and no rows: the panes keep what they show."""
    query = focus.search_query
    try:
        search = _Search(archive, query) if query else None
    except QueryError as error:
        return PaneData(focus, query_error=str(error))
    return PaneData(
        focus,
        documents=_documents(archive, focus, search) if "documents" in panes else None,
        speakers=_speakers(archive, focus, search) if "speakers" in panes else None,
        quotes=_quotes(archive, focus, search) if "quotes" in panes else None,
        totals=count_all(archive) if totals else None,
    )


def count_all(archive: Archive) -> Totals:
    return Totals(*archive.counts())


def load_document(archive: Archive, path: str) -> ViewedDocument:
    return ViewedDocument(archive.document(path), archive.quotes(document=path))


class _Search:
    """One query run once against documents and quotes, shared by the three panes."""

    def __init__(self, archive: Archive, query: str) -> None:
        # Snippets for the first screenfuls only: highlighting costs about 1 ms a hit.
        self.hits: list[SearchHit] = archive.search(query, limit=None, snippet_limit=SNIPPETS)
        self.paths = {hit.path for hit in self.hits}
        # Quotes whose own text (or speaker) matches, best first.
        self.matching_quotes = archive.quotes(query=query)
        self.quote_ranks = {q.id: n for n, q in enumerate(self.matching_quotes)}
        # tag: and note: terms keep only the quotes carrying them, in every pane.
        self.annotations = archive.annotation_filter(query)
        self._archive = archive
        self._speaker_ids: set[int] | None = None

    def speaker_ids(self) -> set[int]:
        """Speakers of the matching documents and of the matching quotes."""
        if self._speaker_ids is None and self.annotations is not None:
            kept = [q for q in self._archive.quotes() if self.keeps(q)]
            self._speaker_ids = {q.speaker_id for q in kept if q.speaker_id is not None}
        if self._speaker_ids is None:
            in_documents = self._archive.speakers(document=sorted(self.paths)) if self.paths else []
            by_quote = {q.speaker_id for q in self.matching_quotes if q.speaker_id is not None}
            self._speaker_ids = {s.id for s in in_documents} | by_quote
        return self._speaker_ids

    def keeps(self, quote: Quote) -> bool:
        if self.annotations is not None and not self.annotations.keeps(quote.id):
            return False
        return quote.document in self.paths or quote.id in self.quote_ranks


def _documents(archive: Archive, focus: Focus, search: _Search | None) -> list[DocumentRow]:
    allowed: set[str] | None = None
    if focus.speaker is not None:
        allowed = {q.document for q in archive.quotes(speaker=focus.speaker)}
    if search is None:
        summaries = archive.documents(sorted(allowed) if allowed is not None else None)
        return [DocumentRow(s, rank=n) for n, s in enumerate(summaries)]
    hits = [h for h in search.hits if allowed is None or h.path in allowed]
    summaries = {s.path: s for s in archive.documents([h.path for h in hits])}
    return [
        DocumentRow(summaries[h.path], h.snippet, h.highlights, rank=n)
        for n, h in enumerate(hits)
        if h.path in summaries
    ]


def _speakers(archive: Archive, focus: Focus, search: _Search | None) -> list[Speaker]:
    speakers = archive.speakers(document=focus.document) if focus.document else archive.speakers()
    if search is None:
        return speakers
    wanted = search.speaker_ids()
    return [s for s in speakers if s.id in wanted]


def _quotes(archive: Archive, focus: Focus, search: _Search | None) -> list[Quote]:
    hidden = focus.rejected
    if focus.quotes_speaker is not None:
        quotes = archive.quotes(speaker=focus.quotes_speaker, hidden=hidden)
    elif focus.quotes_document is not None:
        quotes = archive.quotes(document=focus.quotes_document, hidden=hidden)
    else:
        quotes = archive.quotes(hidden=hidden)
    if search is None:
        return quotes
    kept = [q for q in quotes if search.keeps(q)]
    # Quotes whose own words match come first, best first; the rest keep archive order.
    last = len(search.quote_ranks)
    return sorted(kept, key=lambda q: search.quote_ranks.get(q.id, last))


@dataclass(frozen=True)
class AnnotationOverview:
    """What the window shows of the annotations beside the panes."""

    tags: list[Tag]
    orphans: list[Annotation]
    speakers: list[tuple[str, str | None]]  # every speaker's (name, role), for choosers
    speaker_ids: dict[str, int]  # name -> id


def load_annotation_overview(archive: Archive) -> AnnotationOverview:
    speakers = archive.speakers()
    return AnnotationOverview(
        archive.annotations.tags(),
        archive.annotations.orphans(),
        [(s.name, s.role) for s in speakers],
        {s.name: s.id for s in speakers},
    )
