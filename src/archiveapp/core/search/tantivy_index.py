"""The Tantivy engine: a Rust index for archives too large for Whoosh's pure Python.

Like ``WhooshIndex`` it holds two kinds of entries, a document and a quote, told apart by
``kind``; it stores only their ids (the store keeps every text, and snippets are
highlighted from the text the store hands back); it reads the same query language, with
Whoosh's parser (see ``tantivy_query``). Install it with ``pip install 'archiveapp[tantivy]'``.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import tantivy

from ..errors import ArchiveError, one_line
from ..model import Document
from . import snippets
from .backend import DocumentMatch, IndexedQuote
from .integrity import (
    IndexDamagedError,
    check_manifest,
    forget_manifest,
    remove_folder,
    write_manifest,
)
from .tantivy_analysis import SCHEMA_VERSION, build_schema, register_analyzers
from .tantivy_query import Translator, parse

_WRITER_TIMEOUT_S = 30.0  # how long an update waits for another process's update
_WRITER_RETRY_S = 0.1
# Tantivy splits the heap between its threads, each writing a segment when its share is
# full: two threads of 64 MB keep segments few and memory modest beside the window (the
# 2,225 BBC articles index in under a second of the writer's time).
_WRITER_HEAP_BYTES = 128_000_000
_WRITER_THREADS = 2
# Which schema the folder's index was built with: another (or none) means build it anew.
_MARKER = "archiveapp-schema"

_MetaState = tuple[int, int, int]


class TantivyIndex:
    """The Tantivy index of one archive. Reads may come from any thread; writes go through
    ``writing()``, which holds Tantivy's single writer lock."""

    def __init__(self, folder: Path) -> None:
        self.engine = "tantivy"
        self.schema_version = SCHEMA_VERSION
        self.folder = Path(folder)
        self._schema = build_schema()
        self._lock = threading.RLock()
        # What is wrong with the index found in the folder (None: nothing). A damaged index
        # stays as it is, with an empty one in memory standing in, until ``reset``.
        self.damage: str | None = None
        # False while the folder holds no finished index or a damaged one (then an empty
        # index in memory stands in). Only a writer, under the archive's update lock,
        # creates one: a reader that did would remove a rebuild another process is writing.
        self._on_disk = False
        self._ix = self._open_or_create(create=False)
        self._closed = False
        self._seen: _MetaState | None = None  # the commit the searcher below reads
        self._searcher: tantivy.Searcher | None = None

    # -- opening -----------------------------------------------------------------------

    def _open_or_create(self, create: bool) -> tantivy.Index:
        """The folder's index, checked (see ``integrity``). A missing or other-schema one
        is replaced by an empty one when ``create`` (the archive then rebuilds it from its
        store), else stood in for in memory. A damaged one is left in place, with
        ``damage`` saying what is wrong."""
        if not self._marked():
            if create:
                self._on_disk = True
                return self._create()
            self._on_disk = False
            return _prepared(tantivy.Index(self._schema))
        problem = None
        for _attempt in range(3):
            before = self._meta_state()
            opened, problem = self._open_checked()
            if opened is not None:
                self.damage = None
                self._on_disk = True
                return opened
            if self._meta_state() == before:
                break  # no commit by another process in between: the damage is real
        self.damage = problem
        self._on_disk = False
        return _prepared(tantivy.Index(self._schema))

    def _marked(self) -> bool:
        """Whether the folder holds an index of this schema, finished (the marker is the
        last file ``_create`` writes)."""
        try:
            return (self.folder / _MARKER).read_text(encoding="utf-8").strip() == SCHEMA_VERSION
        except (OSError, ValueError):
            return False

    def _open_checked(self) -> tuple[tantivy.Index | None, str | None]:
        if not (self.folder / "meta.json").exists():
            return None, "its meta.json is missing"
        try:
            problem = check_manifest(self.folder, "meta.json")
        except LookupError:
            problem = None  # no manifest of this commit: open every segment instead
        if problem is not None:
            return None, problem
        try:
            opened = _prepared(tantivy.Index.open(str(self.folder)))
            opened.reload()
            opened.searcher()
        except ValueError as error:  # Tantivy's errors: "Data corrupted", "Failed to open"
            return None, f"it cannot be read: {one_line(error)}"
        return opened, None

    def _create(self) -> tantivy.Index:
        remove_folder(self.folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(self._schema, path=str(self.folder), reuse=False)
        marker = self.folder / f"{_MARKER}.tmp"
        marker.write_text(SCHEMA_VERSION + "\n", encoding="utf-8")
        os.replace(marker, self.folder / _MARKER)
        self._record()
        return _prepared(index)

    def _record(self) -> None:
        """Write the manifest of the latest commit (best effort: without one, the next
        open checks by opening the segments)."""
        try:
            meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
            prefixes = tuple(
                str(segment["segment_id"]).replace("-", "") + "."
                for segment in meta.get("segments", ())
            )
            files = [p.name for p in self.folder.iterdir() if p.name.startswith(prefixes)]
            write_manifest(self.folder, "meta.json", files)
        except (OSError, ValueError, KeyError, TypeError):
            forget_manifest(self.folder)

    def is_empty(self) -> bool:
        with self._lock:
            return self._current_searcher().num_docs == 0

    def reset(self) -> None:
        """Empty the index in place (for a rebuild): a reader in another process sees an
        empty index rather than a folder pulled from under it."""
        if self.damage is not None:
            with self._lock:  # its files are not worth a writer: a new index instead
                self._ix = self._create()
                self._on_disk = True
                self.damage = None
                self._searcher = None
            return
        writer = self._writer()  # not under the lock: searches go on while it waits
        try:
            writer.delete_all_documents()
            writer.commit()
        finally:
            writer.wait_merging_threads()
        self._record()
        with self._lock:
            self._searcher = None

    def close(self) -> None:
        """Let go of the folder's files; a search after this finds nothing."""
        with self._lock:
            self._searcher = None
            self._ix = _prepared(tantivy.Index(self._schema))
            self._on_disk = False
            self._closed = True

    # -- writing -----------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[TantivyWriterSession]:
        writer = self._writer()
        try:
            yield TantivyWriterSession(writer)
        except BaseException:
            writer.rollback()
            writer.wait_merging_threads()
            raise
        try:
            writer.commit()
        except ValueError as error:
            raise ArchiveError(
                f"cannot write the search index in {self.folder}: {error}"
            ) from error
        finally:
            # Merges finish and the writer lets go of its lock here.
            writer.wait_merging_threads()
        self._record()
        with self._lock:
            self._searcher = None

    def _writer(self) -> tantivy.IndexWriter:
        """Tantivy's one writer, once another process's has let go (30 s at most)."""
        with self._lock:
            if self._closed:
                raise ArchiveError(f"the search index in {self.folder} is closed")
            if not self._on_disk:
                self._ix = self._open_or_create(create=True)
                self._searcher = None
            if self.damage is not None:  # written to, it would lose what it was given
                raise IndexDamagedError(
                    f"the search index in {self.folder} is damaged ({self.damage})"
                )
        deadline = time.monotonic() + _WRITER_TIMEOUT_S
        while True:
            try:
                return self._ix.writer(_WRITER_HEAP_BYTES, _WRITER_THREADS)
            except ValueError as error:
                if "LockBusy" not in str(error):
                    raise ArchiveError(
                        f"cannot write the search index in {self.folder}: {error}"
                    ) from error
                if time.monotonic() >= deadline:
                    raise ArchiveError(
                        f"another archiveapp is updating {self.folder.parent}; "
                        "try again when it is done"
                    ) from error
            time.sleep(_WRITER_RETRY_S)

    # -- searching ---------------------------------------------------------------------

    def check(self, text: str) -> None:
        tree = parse(text, "doc")
        with self._lock:
            Translator(self._schema, self._current_searcher()).translate(tree, text)

    def search_documents(
        self,
        text: str,
        limit: int | None,
        text_of: Callable[[str], str | None],
        snippet_limit: int | None = None,
    ) -> list[DocumentMatch]:
        """Ranked document matches, the first ``snippet_limit`` (all when None) with a
        snippet highlighted from ``text_of(path)`` (the index does not store texts)."""
        tree = parse(text, "doc")
        with self._lock, self._reading():
            searcher = self._current_searcher()
            translator = Translator(self._schema, searcher)
            hits = self._search(searcher, translator.translate(tree, text), "doc", limit, "path")
        matches = []
        for rank, (score, path) in enumerate(hits):
            snippet: tuple[str, tuple[tuple[int, int], ...]] = ("", ())
            if snippet_limit is None or rank < snippet_limit:
                snippet = snippets.snippet(text_of(path) or "", translator.highlight.matching)
            matches.append(DocumentMatch(path, score, *snippet))
        return matches

    def search_quotes(self, text: str, limit: int | None = None) -> list[str]:
        """Ids of the quotes whose own text or speaker matches, best first."""
        tree = parse(text, "quote")
        with self._lock, self._reading():
            searcher = self._current_searcher()
            query = Translator(self._schema, searcher).translate(tree, text)
            return [
                quote_id
                for _score, quote_id in self._search(searcher, query, "quote", limit, "quote_id")
            ]

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """A search that fails on the index's files (Tantivy raises ValueError for those;
        the query was read already) means the index is damaged: say so in one line."""
        try:
            yield
        except ValueError as error:
            if isinstance(error, ArchiveError):  # QueryError: the query, not the index
                raise
            self.damage = f"a search failed: {one_line(error)}"
            raise IndexDamagedError(
                f"the search index in {self.folder} is damaged ({self.damage})"
            ) from error

    def _search(
        self,
        searcher: tantivy.Searcher,
        query: tantivy.Query,
        kind: str,
        limit: int | None,
        wanted: str,
    ) -> list[tuple[float, str]]:
        """(score, stored ``wanted`` id) of the best entries of ``kind``."""
        # All of them: as many as there are entries of that kind (deleted ones included).
        count = searcher.doc_freq("kind", kind) if limit is None else limit
        if count <= 0:
            return []
        of_kind = tantivy.Query.term_query(self._schema, "kind", kind, index_option="basic")
        filtered = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, query),
                # A filter, not a match: it adds nothing to the score.
                (tantivy.Occur.Must, tantivy.Query.const_score_query(of_kind, 0.0)),
            ]
        )
        result = searcher.search(filtered, count, count=False)
        return [
            (float(score), searcher.doc(address).get_first(wanted))
            for score, address in result.hits
        ]

    def _current_searcher(self) -> tantivy.Searcher:
        """The searcher of the latest commit, reused until another commit (by this object,
        another one, or another process) changes the index's meta.json."""
        state = self._meta_state()
        if state is None and self._on_disk:
            self._lost_folder()
        elif state is not None and not self._on_disk and not self._closed and not self.damage:
            self._ix = self._open_or_create(create=False)
            self._searcher = None
        if self._searcher is None or state != self._seen:
            if self._on_disk:
                self._ix.reload()
            self._seen = state
            self._searcher = self._ix.searcher()
        return self._searcher

    def _lost_folder(self) -> None:
        """The folder was deleted (by hand, or a rebuild in another process is creating it
        again): search an empty index until it is back."""
        self._ix = _prepared(tantivy.Index(self._schema))
        self._on_disk = False
        self._searcher = None

    def _meta_state(self) -> _MetaState | None:
        # Tantivy replaces meta.json on every commit: a new inode, a new time.
        try:
            stat = (self.folder / "meta.json").stat()
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _prepared(index: tantivy.Index) -> tantivy.Index:
    register_analyzers(index)
    # Reloaded by _current_searcher when meta.json changes, so a search right after a
    # commit, this process's or another's, sees it.
    index.config_reader(reload_policy="Manual")
    return index


class TantivyWriterSession:
    """Adds and removes the entries of one document at a time."""

    def __init__(self, writer: tantivy.IndexWriter) -> None:
        self._writer = writer

    def adopt(self, segments: Sequence[object]) -> None:
        """Tantivy offers no ``segment_spec()``: worker processes write none of its
        segments (its own writer threads index in parallel already)."""
        if segments:
            raise ValueError("the tantivy index takes no segments from worker processes")

    def remove_document(self, path: str) -> None:
        # ``path`` is a raw field: the term is the path itself, for the document and its
        # quotes alike.
        self._writer.delete_documents_by_term("path", path)

    def add_document(
        self, document: Document, speakers: Sequence[str], quotes: Sequence[IndexedQuote]
    ) -> None:
        shared = {
            "path": document.path,
            "title": document.title,
            # One raw term, lower case as Whoosh keeps it: "2025-03-14", or "2025-03".
            "date": (document.date or "").lower(),
            "author": document.author or "",
            "outlet": document.outlet or "",
        }
        self._writer.add_document(
            _entry(
                uid=f"d:{document.path}",
                kind="doc",
                body=document.text,
                speaker=" ; ".join(speakers),
                **shared,
            )
        )
        for quote in quotes:
            names = [quote.speaker, *quote.speaker_aliases] if quote.speaker else []
            self._writer.add_document(
                _entry(
                    uid=f"q:{quote.id}",
                    kind="quote",
                    quote_id=quote.id,
                    body=quote.text,
                    speaker=" ; ".join(names),
                    **shared,
                )
            )


def _entry(**fields: str) -> tantivy.Document:
    entry = tantivy.Document()
    for name, value in fields.items():
        if value:  # no empty date term, which every date:* would find
            entry.add_text(name, value)
    return entry
