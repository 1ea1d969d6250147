"""The Whoosh engine: pure Python, the default.

One Whoosh index holds two kinds of entries: a document (its text, title, date, author,
outlet and the names of its speakers) and a quote (its text and speaker, with its
document's title, date, author and outlet), told apart by ``kind``. Texts are not stored
in the index: the store has them, and snippets are highlighted from the text the store
hands back.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from whoosh import highlight, index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.index import EmptyIndexError, LockError
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, QueryParserError
from whoosh.qparser.plugins import GtLtPlugin
from whoosh.query import NullQuery, Prefix, Query, Term, TermRange
from whoosh.searching import Results, Searcher
from whoosh.writing import IndexWriter

from ..errors import ArchiveError, QueryError
from ..model import Document
from .backend import DocumentMatch, IndexedQuote
from .syntax import FIELD_ALIASES, query_problem

# Bump when the schema or analysis changes: a stored index of another version is rebuilt.
INDEX_SCHEMA_VERSION = 3
_WRITER_TIMEOUT_S = 30.0  # how long an update waits for another process's update

_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"


def _schema() -> Schema:
    text = StemmingAnalyzer()
    return Schema(
        uid=ID(unique=True, stored=True),
        kind=ID(stored=True),
        path=ID(stored=True),
        quote_id=ID(stored=True),
        title=TEXT(analyzer=text, field_boost=2.0),
        body=TEXT(analyzer=text),
        speaker=TEXT(analyzer=StemmingAnalyzer(stoplist=None)),
        date=KEYWORD(lowercase=True),
        # Names, not prose: no stop words, so outlet:"The Times" keeps "the".
        author=TEXT(analyzer=StemmingAnalyzer(stoplist=None)),
        outlet=TEXT(analyzer=StemmingAnalyzer(stoplist=None)),
    )


class WhooshIndex:
    """The Whoosh index of one archive. Reads may come from any thread; writes go through
    ``writing()``, which holds Whoosh's single writer lock."""

    def __init__(self, folder: Path) -> None:
        self.engine = "whoosh"
        self.schema_version = str(INDEX_SCHEMA_VERSION)
        self.folder = Path(folder)
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self.folder.mkdir(parents=True, exist_ok=True)
        if index.exists_in(str(self.folder)):
            self._ix = index.open_dir(str(self.folder))
        else:
            self._ix = index.create_in(str(self.folder), _schema())
        self._parsers = {
            "doc": self._parser(["title", "body"]),
            "quote": self._parser(["body", "speaker"]),
        }

    def is_empty(self) -> bool:
        with self._lock:
            return self._current_searcher().doc_count() == 0

    def reset(self) -> None:
        """Empty the index in place (for a rebuild); searches meanwhile find nothing rather
        than fail on a closed index."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix.close()
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            self._ix = index.create_in(str(self.folder), _schema())

    def _parser(self, fields: list[str]) -> MultifieldParser:
        parser = MultifieldParser(fields, schema=self._ix.schema)
        parser.add_plugin(GtLtPlugin())
        parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
        return parser

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix.close()

    # -- writing ---------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[IndexWriterSession]:
        try:
            writer = self._ix.writer(timeout=_WRITER_TIMEOUT_S, limitmb=128)
        except LockError as error:
            raise ArchiveError(
                f"another archiveapp is updating {self.folder.parent}; try again when it is done"
            ) from error
        try:
            yield IndexWriterSession(writer)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    # -- searching -------------------------------------------------------------------

    def check(self, text: str) -> None:
        self.parse(text, "doc")

    def parse(self, text: str, kind: str) -> Query:
        problem = query_problem(text)
        if problem:
            raise QueryError(f"cannot read the query: {problem}")
        try:
            query = self._parsers[kind].parse(text)
        except QueryParserError as error:
            raise QueryError(f"cannot read the query {text!r}: {error}") from error
        if isinstance(query, NullQuery.__class__) or query is NullQuery:
            raise QueryError(f"cannot read the query {text!r}: it has no words to search for")
        return query.accept(_whole_dates)

    def search_documents(
        self,
        text: str,
        limit: int | None,
        text_of: Callable[[str], str | None],
        snippet_limit: int | None = None,
    ) -> list[DocumentMatch]:
        """Ranked document matches, the first ``snippet_limit`` (all when None) with a
        highlighted snippet; ``text_of(path)`` gives the document's text (the index does not
        store it). Highlighting costs about a millisecond a hit, so a caller listing
        thousands of hits asks for snippets of the first screenful only."""
        query = self.parse(text, "doc")
        with self._lock:
            results = self._search(query, "doc", limit)
            results.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=30)
            results.formatter = _MarkerFormatter()
            matches = []
            for rank, hit in enumerate(results):
                snippet, spans = "", ()
                if snippet_limit is None or rank < snippet_limit:
                    body = text_of(hit["path"]) or ""
                    snippet, spans = _unmark(hit.highlights("body", text=body, top=2) or body[:200])
                matches.append(DocumentMatch(hit["path"], float(hit.score or 0.0), snippet, spans))
        return matches

    def search_quotes(self, text: str, limit: int | None = None) -> list[str]:
        """Ids of the quotes whose own text or speaker matches, best first."""
        query = self.parse(text, "quote")
        with self._lock:
            return [hit["quote_id"] for hit in self._search(query, "quote", limit)]

    def _search(self, query: Query, kind: str, limit: int | None) -> Results:
        return self._current_searcher().search(query, limit=limit, filter=Term("kind", kind))

    def _current_searcher(self) -> Searcher:
        """A searcher on the latest commit. Another process (the GUI's indexer) may have
        rebuilt the index under us, deleting the files this one opened: then reopen it, and
        while the new index is still being created, search an empty one."""
        try:
            if self._searcher is not None and self._searcher.up_to_date():
                return self._searcher
            # Not Searcher.refresh(): it reuses segment readers, and after a rebuild by
            # another process it kept serving the deleted segments.
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._searcher = self._ix.searcher()
            return self._searcher
        except (OSError, EmptyIndexError):
            self._searcher = None
        try:
            self._ix = index.open_dir(str(self.folder))
        except (OSError, EmptyIndexError):
            self._ix = RamStorage().create_index(_schema())
        self._searcher = self._ix.searcher()
        return self._searcher


class IndexWriterSession:
    """Adds and removes the entries of one document at a time."""

    def __init__(self, writer: IndexWriter) -> None:
        self._writer = writer

    def remove_document(self, path: str) -> None:
        self._writer.delete_by_term("path", path)

    def add_document(
        self, document: Document, speakers: Sequence[str], quotes: Sequence[IndexedQuote]
    ) -> None:
        dates = _date_terms(document.date)
        self._writer.add_document(
            uid=f"d:{document.path}",
            kind="doc",
            path=document.path,
            title=document.title,
            body=document.text,
            speaker=" ; ".join(speakers),
            date=dates,
            author=document.author or "",
            outlet=document.outlet or "",
        )
        for quote in quotes:
            names = [quote.speaker, *quote.speaker_aliases] if quote.speaker else []
            self._writer.add_document(
                uid=f"q:{quote.id}",
                kind="quote",
                path=document.path,
                quote_id=quote.id,
                title=document.title,
                body=quote.text,
                speaker=" ; ".join(names),
                date=dates,
                # A quote search for author: or outlet: finds the quotes of those articles.
                author=document.author or "",
                outlet=document.outlet or "",
            )


def _date_terms(iso: str | None) -> str:
    """The date as one ISO term ("2025-03-14", or "2025-03" when that is all that is known;
    such a partial date sorts at the start of its month or year). ``_whole_dates`` makes
    the queries on it cover whole years and months."""
    return iso or ""


# Sorts after every digit and "-": "2025-01" + _LAST is past every day of January 2025.
_LAST = "\uffff"


def _whole_dates(query: Query) -> Query:
    """date:2025 means every day of 2025; a range's partial end includes that whole month
    or year; date:>2024 starts after the whole of 2024."""
    if isinstance(query, Term) and query.fieldname == "date":
        return Prefix("date", query.text)
    if isinstance(query, TermRange) and query.fieldname == "date":
        start, end = query.start, query.end
        if start is not None and query.startexcl:
            start += _LAST
        if end is not None and not query.endexcl:
            end += _LAST
        return TermRange("date", start, end, startexcl=False, endexcl=query.endexcl)
    return query


class _MarkerFormatter(highlight.Formatter):
    between = " … "

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"{_MARK_OPEN}{highlight.get_text(text, token, replace)}{_MARK_CLOSE}"


def _unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Snippet text with whitespace collapsed, and the spans that were marked."""
    flat = re.sub(r"\s+", " ", marked).strip()
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = None
    for char in flat:
        if char == _MARK_OPEN:
            start = length
        elif char == _MARK_CLOSE:
            if start is not None:
                spans.append((start, length))
            start = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), tuple(spans)
