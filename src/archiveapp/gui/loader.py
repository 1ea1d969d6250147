"""The queries behind the panes: given a focus, what each pane lists.

Runs on the task runner's read lane, never on the GUI thread, and only through the
archive's public API. Plain Python (no Qt), so it is tested without a window. A pane gets
a ``Listing`` (listing.py): a short list whole, a long one as ids with its first page, its
other rows read a page at a time when the view shows them (on the rows lane); the quotes
of the whole archive are streamed in behind their first slice (on this lane).
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.errors import QueryError
from ..core.model import Annotation, Document, DocumentSummary, Quote, SearchHit, Speaker, Tag
from .listing import PAGE, WHOLE_LIMIT, Listing, in_order
from .state import Focus

if TYPE_CHECKING:
    from ..core.archive import Archive  # the archive and its readers load off the GUI thread


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
    documents: Listing[DocumentRow] | None = None
    speakers: Listing[Speaker] | None = None
    quotes: Listing[Quote] | None = None
    query_error: str | None = None
    totals: Totals | None = None


@dataclass(frozen=True)
class ViewedDocument:
    document: Document
    quotes: list[Quote] = field(default_factory=list)


PANES = frozenset({"documents", "speakers", "quotes"})
# Hits that get a highlighted snippet; the rest show none (see Archive.search).
SNIPPETS = 200
# The quotes of the whole archive are read this many documents at a time: a first slice
# small enough to fill the pane at once, then larger ones streamed behind it.
FIRST_SLICE = 100
SLICE = 1_000
# Speakers are small (11 MB for the 38,000 of 100,000 articles) and read by id one at a
# time: a list of them stays whole, sorted at once, up to this many.
SPEAKERS_WHOLE_LIMIT = 100_000


def load_panes(
    archive: Archive,
    focus: Focus,
    panes: Collection[str] = PANES,
    totals: bool = False,
    side: Executor | None = None,
) -> PaneData:
    """Rows for the panes named in ``panes`` under ``focus``. A malformed query gives
    ``query_error`` (the core's one-line hint) and no rows: the panes keep what they show.
    With ``side``, the speakers pane is read there, beside the others (a second core)."""
    query = focus.search_query
    try:
        search = _Search(archive, query) if query else None
    except QueryError as error:
        return PaneData(focus, query_error=str(error))
    every = _EveryDocument(archive)
    speakers_later: Future[Listing[Speaker]] | None = None
    if "speakers" in panes and side is not None and len(panes) > 1:
        speakers_later = side.submit(_speakers, archive, focus, search)
    try:
        documents = _documents(archive, focus, search, every) if "documents" in panes else None
        quotes = _quotes(archive, focus, search, every) if "quotes" in panes else None
    finally:
        speakers = speakers_later.result() if speakers_later is not None else None
    if speakers_later is None and "speakers" in panes:
        speakers = _speakers(archive, focus, search)
    return PaneData(
        focus,
        documents=documents,
        speakers=speakers,
        quotes=quotes,
        totals=_totals(archive, focus, every, speakers) if totals else None,
    )


def count_all(archive: Archive) -> Totals:
    return Totals(*archive.counts())


def _totals(
    archive: Archive, focus: Focus, every: _EveryDocument, speakers: Listing[Speaker] | None
) -> Totals:
    """The archive's counts, from the lists just read when they are the whole archive's
    (opening, clearing the filters): counting again scans every quote (a second at
    100,000 articles)."""
    summaries = every.read
    if summaries is None or speakers is None or focus.document or focus.search_query:
        return count_all(archive)
    return Totals(len(summaries), len(speakers), sum(s.quotes for s in summaries))


def load_document(archive: Archive, path: str) -> ViewedDocument:
    return ViewedDocument(archive.document(path), archive.quotes(document=path))


class _EveryDocument:
    """``archive.documents()`` read once per reload, for the panes that list them all."""

    def __init__(self, archive: Archive) -> None:
        self._archive = archive
        self._summaries: list[DocumentSummary] | None = None

    def summaries(self) -> list[DocumentSummary]:
        if self._summaries is None:
            self._summaries = self._archive.documents()
        return self._summaries

    @property
    def read(self) -> list[DocumentSummary] | None:
        """The summaries, if a pane asked for them."""
        return self._summaries


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


def _documents(
    archive: Archive, focus: Focus, search: _Search | None, every: _EveryDocument
) -> Listing[DocumentRow]:
    allowed: set[str] | None = None
    if focus.speaker is not None:
        allowed = {q.document for q in archive.quotes(speaker=focus.speaker)}
    keep = [focus.document] if focus.document else []
    if search is None:
        summaries = every.summaries() if allowed is None else archive.documents(sorted(allowed))
        return Listing.of(
            summaries,
            _path_of_summary,
            lambda paths: _document_rows(archive, paths),
            keep,
            lambda _n, summary: DocumentRow(summary),  # no search: no rank
        )
    hits = [h for h in search.hits if allowed is None or h.path in allowed]
    ranked = {h.path: (n, h) for n, h in enumerate(hits)}

    def rows_for(paths: Sequence[Hashable]) -> list[DocumentRow]:
        summaries = {s.path: s for s in archive.documents([str(p) for p in paths])}
        rows = []
        for path in paths:
            if path in summaries and path in ranked:
                rank, hit = ranked[path]
                rows.append(DocumentRow(summaries[path], hit.snippet, hit.highlights, rank))
        return rows

    if len(hits) <= WHOLE_LIMIT:
        return Listing.whole(rows_for([h.path for h in hits]), _path)
    held = [h.path for h in hits[:PAGE]] + [p for p in keep if p in ranked]
    return Listing([h.path for h in hits], {r.path: r for r in rows_for(held)}, rows_for)


def _document_rows(archive: Archive, paths: Sequence[Hashable]) -> list[DocumentRow]:
    found = archive.documents([str(p) for p in paths])
    return [DocumentRow(s) for s in in_order(paths, found, _path_of_summary)]


def _speakers(archive: Archive, focus: Focus, search: _Search | None) -> Listing[Speaker]:
    speakers = archive.speakers(document=focus.document) if focus.document else archive.speakers()
    if search is not None:
        wanted = search.speaker_ids()
        speakers = [s for s in speakers if s.id in wanted]
    keep = [focus.speaker] if focus.speaker is not None else []
    return Listing.of(
        speakers,
        _speaker_id,
        lambda ids: _speakers_by_id(archive, ids),
        keep,
        whole_limit=SPEAKERS_WHOLE_LIMIT,
    )


def _speakers_by_id(archive: Archive, ids: Sequence[Hashable]) -> list[Speaker]:
    # One query a speaker (the core reads several by id only by name); a page is fine.
    return [s for i in ids if isinstance(i, int) and (s := archive.speaker(i)) is not None]


def _quotes(
    archive: Archive, focus: Focus, search: _Search | None, every: _EveryDocument
) -> Listing[Quote]:
    hidden = focus.rejected
    keep = [focus.quote] if focus.quote else []
    narrowed = focus.quotes_speaker is not None or focus.quotes_document is not None
    if not narrowed and not hidden and (search is None or search.annotations is None):
        return _every_quote(archive, search, every, keep)
    if focus.quotes_speaker is not None:
        quotes = archive.quotes(speaker=focus.quotes_speaker, hidden=hidden)
    elif focus.quotes_document is not None:
        quotes = archive.quotes(document=focus.quotes_document, hidden=hidden)
    else:
        quotes = archive.quotes(hidden=hidden)
    if search is not None:
        kept = [q for q in quotes if search.keeps(q)]
        # Quotes whose own words match come first, best first; the rest keep archive order.
        last = len(search.quote_ranks)
        quotes = sorted(kept, key=lambda q: search.quote_ranks.get(q.id, last))
    return Listing.of(quotes, _quote_id, lambda ids: _quotes_by_id(archive, ids), keep)


def _every_quote(
    archive: Archive, search: _Search | None, every: _EveryDocument, keep: list[str]
) -> Listing[Quote]:
    """The quotes of the whole archive (or of every document a search found): those whose
    own words match first, best first, then the quotes of the documents in archive order,
    read a slice of documents at a time. Until the core can list quote ids on their own,
    this is what keeps a pane of 300,000 quotes from reading them all before it shows any:
    the first slices are read here, the rest is streamed into the pane."""
    # How many to read before streaming the rest: all of a short list (it comes whole),
    # else the first slice. Without a search the documents' counts tell which it is.
    enough = WHOLE_LIMIT
    if search is None:
        head: list[Quote] = []
        summaries = every.summaries()
        paths = [s.path for s in summaries]
        if sum(s.quotes for s in summaries) > WHOLE_LIMIT:
            enough = 0
    else:
        head = list(search.matching_quotes)
        paths = sorted(search.paths)
    listed = {q.id for q in head}

    def slices() -> Iterator[list[Quote]]:
        start, size = 0, FIRST_SLICE
        while start < len(paths):
            part = paths[start : start + size]
            start, size = start + size, SLICE
            yield [q for q in archive.quotes(document=part) if q.id not in listed]

    rows = list(head)
    stream = slices()
    for part in stream:
        rows.extend(part)
        if len(rows) > enough:
            break
    else:
        return Listing.whole(rows, _quote_id)
    wanted = set(keep)
    held = {q.id: q for n, q in enumerate(rows) if n < PAGE or q.id in wanted}
    more = ([q.id for q in part] for part in stream)
    return Listing([q.id for q in rows], held, lambda ids: _quotes_by_id(archive, ids), more)


def _quotes_by_id(archive: Archive, ids: Sequence[Hashable]) -> list[Quote]:
    return archive.quotes_by_id([str(i) for i in ids])


def _path(row: DocumentRow) -> str:
    return row.path


def _path_of_summary(summary: DocumentSummary) -> str:
    return summary.path


def _speaker_id(speaker: Speaker) -> int:
    return speaker.id


def _quote_id(quote: Quote) -> str:
    return quote.id


@dataclass(frozen=True)
class AnnotationOverview:
    """What the window shows of the annotations beside the panes."""

    tags: list[Tag]
    orphans: list[Annotation]
    speakers: list[tuple[str, str | None]]  # every speaker's (name, role), for choosers
    speaker_ids: dict[str, int]  # name -> id


def load_annotation_overview(
    archive: Archive, speakers: Sequence[Speaker] | None = None
) -> AnnotationOverview:
    """``speakers``: every speaker, if the caller has them (the speakers pane unfiltered)."""
    speakers = archive.speakers() if speakers is None else speakers
    return AnnotationOverview(
        archive.annotations.tags(),
        archive.annotations.orphans(),
        [(s.name, s.role) for s in speakers],
        {s.name: s.id for s in speakers},
    )
