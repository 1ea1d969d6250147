"""The Whoosh engine: pure Python, the default.

One Whoosh index holds two kinds of entries: a document (its text, title, date, author,
outlet and the names of its speakers) and a quote (its text and speaker, with its
document's title, date, author and outlet), told apart by ``kind``. Texts are not stored
in the index: the store has them, and snippets are highlighted from the text the store
hands back.
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import itertools
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, KEYWORD, STORED, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import TOC, EmptyIndexError, LockError
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.qparser import MultifieldParser
from whoosh.query import MultiTerm, NullQuery, Prefix, Query, Term, TermRange
from whoosh.searching import Results, Searcher
from whoosh.writing import IndexWriter, SegmentWriter

from ..errors import ArchiveError, QueryError, one_line
from ..model import Document
from .backend import DocumentMatch, IndexedQuote
from .integrity import (
    IndexDamagedError,
    check_manifest,
    forget_manifest,
    remove_folder,
    write_manifest,
)
from .snippets import snippet
from .syntax import PREFIX_TERMS, parse_with, query_parser, read_query, shown
from .whoosh_fields import LeanText, stem_of
from .whoosh_writer import LeanSegmentWriter

# Bump when the schema or analysis changes: a stored index of another version is rebuilt.
INDEX_SCHEMA_VERSION = 5
_WRITER_TIMEOUT_S = 30.0  # how long an update waits for another process's update
_INDEX_NAME = "MAIN"  # Whoosh's default: files MAIN_<segment>.* and _MAIN_<generation>.toc


def _schema() -> Schema:
    return Schema(
        # Ids are kept to be handed back, not searched: as indexed terms, one new word per
        # entry, they were a fifth of the words Whoosh writes out at a commit.
        kind=ID(),
        path=ID(stored=True),
        quote_id=STORED(),
        title=LeanText(field_boost=2.0),
        body=LeanText(),
        speaker=LeanText(stop_words=False),
        date=KEYWORD(lowercase=True),
        # Names, not prose: no stop words, so outlet:"The Times" keeps "the".
        author=LeanText(stop_words=False),
        outlet=LeanText(stop_words=False),
    )


# Opening looks again this often when another process changes the index meanwhile.
_OPEN_ATTEMPTS = 10
_OPEN_RETRY_S = 0.2


class WhooshIndex:
    """The Whoosh index of one archive. Reads may come from any thread; writes go through
    ``writing()``, which holds Whoosh's single writer lock."""

    def __init__(self, folder: Path) -> None:
        self.engine = "whoosh"
        self.schema_version = str(INDEX_SCHEMA_VERSION)
        self.folder = Path(folder)
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._kind_docs: dict[str, set[int]] = {}  # for the searcher in use
        # What is wrong with the index found in the folder (None: nothing). A damaged index
        # stays as it is, with an empty one in memory standing in, until ``reset``.
        self.damage: str | None = None
        # False while the folder holds no index yet (an empty one in memory stands in):
        # only a writer, under the archive's update lock, creates one on disk. A reader
        # that did would wipe the segments of a rebuild another process is writing, as
        # Whoosh's ``create_in`` deletes every file of the index's name it finds.
        self._on_disk = True
        self._ix = self._open()
        self._parsers = {
            "doc": self._parser(["title", "body"]),
            "quote": self._parser(["body", "speaker"]),
        }

    def _open(self) -> Any:
        """The folder's index, checked (see ``integrity``); a new one when there is none."""
        problem = None
        for _attempt in range(_OPEN_ATTEMPTS):
            root = _toc_name(self.folder)
            if root is None:
                if not _segment_files(self.folder):
                    self._on_disk = False
                    return RamStorage().create_index(_schema())
                problem = "its table of contents is missing"
            else:
                problem = self._check(root)
                if problem is None:
                    try:
                        return index.open_dir(str(self.folder))
                    except (OSError, EmptyIndexError):
                        # Emptied by another process between the check and the open.
                        time.sleep(_OPEN_RETRY_S)
                        continue
            if _toc_name(self.folder) == root:
                break  # no commit by another process in between: the damage is real
        self.damage = problem
        return RamStorage().create_index(_schema())

    def _on_disk_now(self, create: bool) -> None:
        """Leave the stand-in in memory for the index on disk: open the one a writer made
        since, or make it when ``create`` (the caller holds the archive's update lock)."""
        if self._on_disk:
            return
        if _toc_name(self.folder) is not None:
            opened = index.open_dir(str(self.folder))
        elif create:
            self.folder.mkdir(parents=True, exist_ok=True)
            opened = index.create_in(str(self.folder), _schema())
            self._record(opened)
        else:
            return
        if self._searcher is not None:  # a searcher of the stand-in
            self._searcher.close()
            self._searcher = None
        self._ix.close()
        self._ix = opened
        self._on_disk = True

    def _check(self, root: str) -> str | None:
        try:
            return check_manifest(self.folder, root)
        except LookupError:
            pass  # no manifest of this commit: open every segment instead
        # Whoosh leaves a file open when it fails on it; closed here, it is no warning.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                _probe(index.open_dir(str(self.folder)))
            except Exception as error:  # whatever a damaged file makes Whoosh raise
                problem = f"it cannot be read: {one_line(error)}"
            else:
                problem = None
            gc.collect()
        return problem

    def _record(self, ix: Any) -> None:
        """Write the manifest of the latest commit (best effort: without one, the next
        open checks by opening the segments)."""
        try:
            root = _toc_name(self.folder)
            if root is None:
                return
            files = [name for segment in ix._segments() for name in segment.list_files(ix.storage)]
            write_manifest(self.folder, root, files)
        except Exception:  # another commit removed a file meanwhile, a full disk, ...
            forget_manifest(self.folder)

    def is_empty(self) -> bool:
        """From the table of contents alone: opening a searcher on every segment, which
        a rescan with nothing to do would then not use, cost a large archive a second."""
        with self._lock:
            if self.damage is not None:
                return True  # the stand-in in memory is what searches see
            if not self._on_disk and _toc_name(self.folder) is None:
                return True
            try:
                return index.open_dir(str(self.folder)).doc_count_all() == 0
            except Exception:  # gone, or damaged since it was opened: empty, to be rebuilt
                return True

    def reset(self) -> None:
        """Empty the index in place (for a rebuild); searches meanwhile find nothing rather
        than fail on a closed index."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix.close()
            remove_folder(self.folder)
            self.folder.mkdir(parents=True, exist_ok=True)
            self._ix = index.create_in(str(self.folder), _schema())
            self._record(self._ix)
            self._on_disk = True
            self.damage = None

    def _parser(self, fields: list[str]) -> MultifieldParser:
        # Our own schema, not the index's: reading that means reading the table of
        # contents, which another process's rebuild may have just swept away.
        return query_parser(fields, _schema())

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix.close()

    # -- writing ---------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[IndexWriterSession]:
        if self.damage is not None:  # written to, the stand-in would lose what it was given
            raise IndexDamagedError(f"the search index in {self.folder} is damaged ({self.damage})")
        with self._lock:
            self._on_disk_now(create=True)
        try:
            writer = self._ix.writer(timeout=_WRITER_TIMEOUT_S, limitmb=128)
        except LockError as error:
            raise ArchiveError(
                f"another archiveapp is updating {self.folder.parent}; try again when it is done"
            ) from error
        session = IndexWriterSession(writer)
        try:
            yield session
        except BaseException:
            writer.cancel()
            raise
        if session.adopted:
            _commit_with_segments(writer, session.adopted)
        else:
            writer.commit()
        self._record(self._ix)

    def segment_spec(self) -> WhooshSegments:
        """What a worker process needs to write a segment of this index of its own."""
        return WhooshSegments(str(self.folder))

    # -- searching -------------------------------------------------------------------

    def check(self, text: str) -> None:
        self.parse(text, "doc")

    def parse(self, text: str, kind: str) -> Query:
        text = read_query(text)
        query = parse_with(self._parsers[kind], text)
        if isinstance(query, NullQuery.__class__) or query is NullQuery:
            raise QueryError(f"cannot read the query {shown(text)}: it has no words to search for")
        return query.accept(_whole_dates).accept(_bounded_prefixes)

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
        with self._lock, self._reading():
            results = self._search(query, "doc", limit)
            wanted = _body_terms(query, results.searcher.reader())
            matches = []
            for rank, hit in enumerate(results):
                passage, spans = "", ()
                if snippet_limit is None or rank < snippet_limit:
                    passage, spans = snippet(text_of(hit["path"]) or "", wanted)
                matches.append(DocumentMatch(hit["path"], float(hit.score or 0.0), passage, spans))
        return matches

    def search_quotes(self, text: str, limit: int | None = None) -> list[str]:
        """Ids of the quotes whose own text or speaker matches, best first."""
        query = self.parse(text, "quote")
        with self._lock, self._reading():
            return [hit["quote_id"] for hit in self._search(query, "quote", limit)]

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """A search that fails on the index's files (the query was read already) means
        the index is damaged: say so in one line, for the archive to rebuild it."""
        try:
            yield
        except (ArchiveError, MemoryError):
            raise
        except Exception as error:
            self.damage = f"a search failed: {one_line(error)}"
            raise IndexDamagedError(
                f"the search index in {self.folder} is damaged ({self.damage})"
            ) from error

    def _search(self, query: Query, kind: str, limit: int | None) -> Results:
        searcher = self._current_searcher()
        # The documents of one kind, found once per searcher: as a query, Whoosh would
        # collect them again on every search, a cost that grows with the archive.
        kinds = self._kind_docs
        if kind not in kinds:
            kinds[kind] = _docs_of_kind(searcher, kind)
        return searcher.search(query, limit=limit, filter=kinds[kind])

    def _current_searcher(self) -> Searcher:
        """A searcher on the latest commit. Another process (the GUI's indexer) may have
        rebuilt the index under us, deleting the files this one opened: then reopen it, and
        while the new index is still being created, search an empty one."""
        if not self._on_disk and self.damage is None:
            with contextlib.suppress(OSError, EmptyIndexError):  # still being made
                self._on_disk_now(create=False)
        try:
            if self._searcher is not None and self._searcher.up_to_date():
                return self._searcher
            self._kind_docs = {}
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
            self._on_disk = False  # looked for again at the next search
        self._searcher = self._ix.searcher()
        self._kind_docs = {}
        return self._searcher


def _probe(ix: Any) -> None:
    """Open every segment and read one posting list of each: what a search would do
    first. Raises whatever a damaged file makes Whoosh raise."""
    for segment in ix._segments():
        for name in segment.list_files(ix.storage):
            if ix.storage.file_length(name) == 0:
                raise OSError(f"{name} is empty")
    with ix.reader() as reader:
        for leaf, _offset in reader.leaf_readers():
            for fieldname, text in itertools.islice(leaf.all_terms(), 1):
                leaf.postings(fieldname, text).all_ids()


def _toc_name(folder: Path) -> str | None:
    """The file name of the latest table of contents, None when there is none."""
    generation = TOC._latest_generation(FileStorage(str(folder)), _INDEX_NAME)
    return None if generation < 0 else TOC._filename(_INDEX_NAME, generation)


def _segment_files(folder: Path) -> list[str]:
    try:
        return [p.name for p in folder.iterdir() if p.name.startswith(f"{_INDEX_NAME}_")]
    except OSError:
        return []


def _docs_of_kind(searcher: Searcher, kind: str) -> set[int]:
    return set(searcher.docs_for_query(Term("kind", kind)))


class IndexWriterSession:
    """Adds and removes the entries of one document at a time."""

    def __init__(self, writer: IndexWriter) -> None:
        self._writer = writer
        self.adopted: list[Any] = []  # finished segments of worker processes

    def adopt(self, segments: Sequence[Any]) -> None:
        """Add segments that worker processes wrote (``WhooshSegments``) at commit."""
        self.adopted.extend(segments)

    def remove_document(self, path: str) -> None:
        self._writer.delete_by_term("path", path)

    def add_document(
        self, document: Document, speakers: Sequence[str], quotes: Sequence[IndexedQuote]
    ) -> None:
        dates = _date_terms(document.date)
        self._writer.add_document(
            kind="doc",
            path=document.path,
            title=document.title,
            body=document.text,
            speaker=" ; ".join(speakers),
            date=dates,
            author=document.author or None,
            outlet=document.outlet or None,
        )
        for quote in quotes:
            names = [quote.speaker, *quote.speaker_aliases] if quote.speaker else []
            self._writer.add_document(
                kind="quote",
                path=document.path,
                quote_id=quote.id,
                title=document.title,
                body=quote.text,
                speaker=" ; ".join(names),
                date=dates,
                # A quote search for author: or outlet: finds the quotes of those articles.
                author=document.author or None,
                outlet=document.outlet or None,
            )


def _date_terms(iso: str | None) -> str | None:
    """The date as one ISO term ("2025-03-14", or "2025-03" when that is all that is known;
    such a partial date sorts at the start of its month or year). ``_whole_dates`` makes
    the queries on it cover whole years and months."""
    return iso or None


def _text(word: str | bytes) -> str:
    return word.decode("utf-8") if isinstance(word, bytes) else word


def _body_terms(query: Query, reader: Any) -> Callable[[set[str]], set[str]]:
    """Which words of a text the query matched in its body: the words whose stems are the
    query's body terms (prefixes expanded). Whoosh's own highlighter ran every word of
    every hit through its analyzer chain again: most of a search's time."""
    terms: set[str] = set()
    for leaf in query.leaves():
        if isinstance(leaf, MultiTerm):  # a prefix: the words it stands for
            if leaf.field() == "body":
                terms.update(_text(word) for word in leaf._btexts(reader))
        elif leaf.has_terms():
            terms.update(_text(word) for field, word in leaf.terms(phrases=True) if field == "body")

    def matching(words: set[str]) -> set[str]:
        return {word for word in words if stem_of(word) in terms} if terms else set()

    return matching


def _union_matcher(query: Any, searcher: Any) -> Any:
    """Every document holding any of the query's words, with one constant score: what
    Lucene does with prefixes and ranges. Whoosh's own way, an Or of one matcher per
    word, took most of a second for a hundred words."""
    reader = searcher.reader()
    docs: set[int] = set()
    for text in query._btexts(reader):
        docs.update(reader.postings(query.fieldname, text).all_ids())
    if not docs:
        return NullMatcher()
    return ListMatcher(sorted(docs), all_weights=query.boost)


class _BoundedPrefix(Prefix):
    """A prefix over at most PREFIX_TERMS words, the most frequent."""

    def _btexts(self, ixreader: Any) -> list[bytes]:
        # Asked again for every highlighted hit: the words are found once per reader.
        cached = getattr(self, "_expanded", None)
        if cached is not None and cached[0] is ixreader:
            return cached[1]
        found = [
            (info.doc_frequency(), text)
            for text, info in ixreader.iter_prefix(self.fieldname, self.text)
        ]
        if len(found) > PREFIX_TERMS:
            found = heapq.nlargest(PREFIX_TERMS, found)
        words = [text for _frequency, text in found]
        self._expanded = (ixreader, words)
        return words

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _union_matcher(self, searcher)


class _DatePrefix(Prefix):
    """Every day of a year or month (a few hundred words at most)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _union_matcher(self, searcher)


class _DateRange(TermRange):
    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _union_matcher(self, searcher)


def _bounded_prefixes(query: Query) -> Query:
    """A word prefix (``gov*``) stands for its most frequent words only; a date prefix
    (a whole year or month) keeps every day."""
    if type(query) is Prefix and query.fieldname != "date":
        return _BoundedPrefix(query.fieldname, query.text, boost=query.boost)
    return query


# Sorts after every digit and "-": "2025-01" + _LAST is past every day of January 2025.
_LAST = "\uffff"


def _whole_dates(query: Query) -> Query:
    """date:2025 means every day of 2025; a range's partial end includes that whole month
    or year; date:>2024 starts after the whole of 2024."""
    if isinstance(query, Term) and query.fieldname == "date":
        return _DatePrefix("date", query.text)
    if isinstance(query, TermRange) and query.fieldname == "date":
        start, end = query.start, query.end
        if start is not None and query.startexcl:
            start += _LAST
        if end is not None and not query.endexcl:
            end += _LAST
        return _DateRange("date", start, end, startexcl=False, endexcl=query.endexcl)
    return query


def _commit_with_segments(writer: SegmentWriter, segments: list[Any]) -> None:
    """Commit ``writer`` with the workers' segments added to the table of contents, as
    Whoosh's MpWriter does with ``multisegment=True``; nothing is merged or copied."""
    writer._check_state()
    final = writer._merge_segments(None, None, None)
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc([*final, *segments])
    writer._finish()


@dataclass(frozen=True)
class WhooshSegments:
    """Picklable: opens, in a worker process, writers of new segments of the index at
    ``folder``. The caller holds the index's lock; the segments join the index only when
    the caller's writer adopts them."""

    folder: str
    # A segment is closed and a new one begun when its postings take about this much
    # memory (the lean writer's estimate): Whoosh would otherwise spill them to disk and
    # merge them back, which pickled and unpickled every posting (a sixth of all indexing
    # time). Fewer, larger segments are faster to write and to search.
    segment_mb: int = 160

    def open(self) -> WorkerSegments:
        return WorkerSegments(self.folder, self.segment_mb)


class WorkerSegments:
    def __init__(self, folder: str, segment_mb: int) -> None:
        self._ix = index.open_dir(folder)
        self._limit = segment_mb * 1024 * 1024
        self._done: list[Any] = []
        self._writer = self._new_writer()
        self._session = IndexWriterSession(self._writer)

    def _new_writer(self) -> LeanSegmentWriter:
        # Never spilling (the limit is ours, checked in add); blocks left uncompressed:
        # zlib cost a twentieth of indexing time for a quarter of the index's size.
        # Not compound: assembling one file copied the whole segment again, and opening it
        # read each part into memory; separate files are mapped.
        return LeanSegmentWriter(self._ix, _lk=False, codec=W3Codec(compression=0), compound=False)

    def add(self, outcome: Any) -> None:
        """Index a ReadOutcome: its document, speakers and quotes."""
        self._session.add_document(outcome.document, *outcome.index_entries())
        if self._writer.postings_bytes >= self._limit:
            self._done.append(self._writer._finalize_segment())
            self._writer = self._new_writer()
            self._session = IndexWriterSession(self._writer)

    def finish(self) -> list[Any]:
        """The finished segments. Their temporary files stay for the caller's writer to
        remove at commit (other workers may still be using the folder)."""
        if self._writer._added:
            self._done.append(self._writer._finalize_segment())
        else:
            self._writer._close_segment()
        return self._done
