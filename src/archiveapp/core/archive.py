"""The public face of the core: one archive folder, its store and its index.

Everything a front end needs goes through ``Archive``; SQL and Whoosh stay behind it.
Reads are safe from any thread; ``update`` serialises writes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from . import names, speakers
from .annotations import settle
from .annotations.api import Annotations
from .annotations.changes import mark_unsettled
from .annotations.query import Term, split_query
from .annotations.store import AnnotationStore
from .errors import ArchiveError, FolderNotFoundError
from .extract import EXTRACTOR_VERSION
from .ingest import UNSUPPORTED, is_supported, scan_article_files
from .ingest.limits import is_transient
from .location import DataLocation, choose_data_location
from .lock import update_lock
from .model import (
    Annotation,
    Document,
    DocumentSummary,
    FileError,
    Progress,
    Quote,
    SearchHit,
    Speaker,
    UpdateReport,
)
from .parallel_read import (
    PARALLEL_MIN_FILES,
    PoolResult,
    read_in_parallel,
    worker_count,
)
from .reading import ReadOutcome, read_article
from .search import (
    DEFAULT_ENGINE,
    ENGINES,
    IndexedQuote,
    IndexWriting,
    engine_available,
    open_backend,
)
from .search.integrity import IndexDamagedError
from .store import FileState, Store

ProgressCallback = Callable[[Progress], None]
CancelCheck = Callable[[], bool]

_META_INDEX_SCHEMA = "index_schema"
_META_INDEX_DIRTY = "index_dirty"
_META_UPDATED = "last_update"
_META_EXTRACTOR = "extractor_version"
_META_ENGINE = "search_engine"
_META_UNNAMED = "unnamed_files"
# Files stored per commit during an update (fewer when the workers keep the caller waiting).
_STORE_BATCH = 32


@dataclass(frozen=True)
class QuoteFilter:
    """The quotes a search's ``tag:``/``note:`` terms keep: those in ``only`` (None: any)
    and not in ``excluded``."""

    only: frozenset[str] | None
    excluded: frozenset[str] = frozenset()

    def keeps(self, quote_id: str) -> bool:
        return (self.only is None or quote_id in self.only) and quote_id not in self.excluded


@dataclass(frozen=True)
class _Scan:
    new: list[str]
    changed: list[str]
    removed: list[str]
    unchanged: int
    states: dict[str, FileState]
    unnamed: tuple[FileError, ...] = ()  # files whose names cannot be stored


class Archive:
    """An archive folder opened for reading and updating."""

    def __init__(self, folder: Path, location: DataLocation, engine: str | None = None) -> None:
        self.folder = folder
        self.data_dir = location.path
        self.data_note = location.note
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._store = Store(self.data_dir / "archive.sqlite3")
        # The user's work, in a file of its own: nothing that rebuilds the archive touches it.
        try:
            self._notes = AnnotationStore(self.data_dir / "annotations.sqlite3")
        except ArchiveError:  # a damaged annotations database: refused, left as it is
            self._store.close()
            raise
        self.engine = self._choose_engine(engine)
        # Each engine keeps its own folder: switching back finds the old index still there.
        self._index = open_backend(self._index_folder(), self.engine)
        # One line for the user when the index was found damaged (shown by the CLI and the
        # window); the next update rebuilds it from the folder and the store.
        self.index_notice: str | None = None
        self._write_lock = threading.Lock()
        if self._index.damage is not None:
            self._index_damaged()
        self._annotated: set[str] = set()  # during an update: documents with annotations
        self._renamed_from: dict[str, str] = {}  # during an update: content hash -> old path
        self.annotations = Annotations(self)

    def _index_damaged(self) -> None:
        """Empty a damaged index and mark it for rebuilding. Only the index: the store is
        read again into it, and the annotations database is never touched."""
        damage = self._index.damage
        self.index_notice = (
            f"the search index in {self._index_folder()} was damaged ({damage}); "
            "it is rebuilt from the articles"
        )
        try:
            # Not under another process's update: it may be writing the index right now.
            with update_lock(self.data_dir / "update.lock", wait_s=2.0):
                self._index.reset()
                self._store.set_meta(_META_INDEX_DIRTY, "1")
        except ArchiveError:
            pass  # that update's end leaves it to the next one (update checks ``damage``)

    def _check_room_to_rebuild(self) -> None:
        """Refuse to empty the index for a rebuild the disk has no room for: a full disk
        would leave no index at all, where the old one still finds nearly everything."""
        folder = self._index_folder()
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        free = shutil.disk_usage(self.data_dir).free
        if size and free < size + _REBUILD_MARGIN_BYTES:
            raise ArchiveError(
                f"the disk holding {self.data_dir} is too full to rebuild the search index "
                f"(about {_mb(size + _REBUILD_MARGIN_BYTES)} MB needed, {_mb(free)} MB free); "
                "the index is kept as it was"
            )

    def _index_folder(self) -> Path:
        return self.data_dir / ("index" if self.engine == "whoosh" else f"index-{self.engine}")

    def _choose_engine(self, engine: str | None) -> str:
        """The engine asked for (remembered for next time), else the one this archive was
        last opened with, else Whoosh."""
        if engine is not None:
            if self._store.get_meta(_META_ENGINE) != engine:
                self._store.set_meta(_META_ENGINE, engine)
            return engine
        return self._store.get_meta(_META_ENGINE) or DEFAULT_ENGINE

    @classmethod
    def open(
        cls, folder: str | Path, data_dir: str | Path | None = None, engine: str | None = None
    ) -> Archive:
        """Open the archive of ``folder``; ``engine`` ("whoosh" or "tantivy") chooses its
        search engine and is remembered (None: the one it had)."""
        if engine is not None and engine not in ENGINES:
            raise ArchiveError(f"unknown search engine {engine!r}: use one of {', '.join(ENGINES)}")
        if engine is not None and not engine_available(engine):
            # Refused before it is remembered: the archive keeps the engine it had.
            raise ArchiveError(
                f"the {engine} engine is not installed: pip install 'archiveapp[{engine}]'"
            )
        path = Path(folder).expanduser()
        if not path.is_dir():
            what = "is a file, not a folder" if path.exists() else "does not exist"
            raise FolderNotFoundError(f"{path} {what}: give the folder that holds the articles")
        location = choose_data_location(path.resolve(), Path(data_dir) if data_dir else None)
        try:
            location.path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ArchiveError(
                f"cannot create the data folder {location.path}: {error.strerror}"
            ) from error
        archive = cls(path.resolve(), location, engine)
        if archive._notes.unsettled() != ([], False):
            # A program was killed between saving an annotation and applying it.
            archive._settle_unsettled()
            archive._write_pending_index(wait_s=0.0)
        return archive

    def close(self) -> None:
        self._index.close()
        self._store.close()
        self._notes.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- updating --------------------------------------------------------------------

    @property
    def is_indexed(self) -> bool:
        return self._store.get_meta(_META_UPDATED) is not None

    def update(
        self,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | threading.Event | None = None,
        rebuild: bool = False,
    ) -> UpdateReport:
        """Bring store and index in line with the folder: read new and changed files, drop
        deleted ones. ``cancel`` is polled before each file; work done so far is kept."""
        should_stop = cancel.is_set if isinstance(cancel, threading.Event) else (cancel or _never)
        report = progress or _ignore
        try:
            return self._update(report, should_stop, rebuild)
        except OSError as error:  # the index's files: a full disk, a read-only data folder
            # Whoosh's writer was cancelled and the store's last change rolled back: the
            # previous index stands, and the store asks the next update to finish the job.
            raise ArchiveError(
                f"cannot write the archive's data in {self.data_dir} "
                f"({error.strerror or error}); the previous state is kept"
            ) from error

    def _update(
        self, report: ProgressCallback, should_stop: CancelCheck, rebuild: bool
    ) -> UpdateReport:
        with self._write_lock, update_lock(self.data_dir / "update.lock"):
            outdated = self._extraction_outdated()
            rebuild = rebuild or outdated
            scan = self._scan(rebuild)
            self._remember_unnamed(scan.unnamed)
            index_stale = rebuild or self._index_is_stale() or self._index.damage is not None
            if index_stale:
                if self._index.damage is None:  # a sound index is kept unless it can be remade
                    self._check_room_to_rebuild()
                self._index.reset()
            if scan.new or scan.changed or scan.removed or index_stale:
                result = self._apply(scan, index_stale, report, should_stop)
            else:
                result = UpdateReport(unchanged=scan.unchanged)
            self._settle_unsettled()
            self._write_pending_index()
            read_now = {*scan.new, *scan.changed}
            failures = scan.unnamed + tuple(
                FileError(path, message)
                for path, (_state, message) in sorted(self._store.failure_states().items())
                if path in read_now
            )
            if not self.is_indexed:
                self._store.set_meta(_META_UPDATED, "1")
            if (outdated or self._store.get_meta(_META_EXTRACTOR) is None) and not result.cancelled:
                self._store.set_meta(_META_EXTRACTOR, str(EXTRACTOR_VERSION))
        return UpdateReport(
            added=result.added,
            changed=result.changed,
            removed=result.removed,
            failed=failures,
            unchanged=scan.unchanged,
            cancelled=result.cancelled,
            rebuilt_index=index_stale,
            reextracted=outdated,
        )

    @property
    def is_outdated(self) -> bool:
        """Indexed by another version of archiveapp (index schema or extractor), or left
        half-updated: searches would miss things until the next update."""
        return self._index_is_stale() or self._extraction_outdated()

    def _extraction_outdated(self) -> bool:
        """Documents extracted by another version of the extractor: read them again, so an
        upgrade of archiveapp improves archives indexed before it."""
        stored = self._store.get_meta(_META_EXTRACTOR)
        if stored is None:
            return False  # a new archive, or one from before versions were recorded
        return stored != str(EXTRACTOR_VERSION)

    def _index_is_stale(self) -> bool:
        return (
            self._store.get_meta(_META_INDEX_SCHEMA) != self._index.schema_version
            or self._store.get_meta(_META_INDEX_DIRTY) == "1"
            # The index folder was deleted (or lost) while the store still has documents.
            or (self._index.is_empty() and self._store.counts()[0] > 0)
        )

    def _scan(self, rebuild: bool) -> _Scan:
        known = self._store.file_states()
        failed = self._store.failure_states()
        on_disk: dict[str, FileState] = {}
        unnamed: list[FileError] = []
        skip = (self.data_dir,)
        for relpath, stat in scan_article_files(self.folder, skip=skip):
            if not _encodable(relpath):
                # The store and the index keep text; a name in no encoding cannot be kept.
                # Shown with its bad bytes written out ("caf\xe9.txt"), to find it by.
                raw = relpath.encode("utf-8", "surrogateescape")
                shown = raw.decode("utf-8", "backslashreplace")
                unnamed.append(
                    FileError(shown, "its name is not valid UTF-8: rename it to read it")
                )
                continue
            on_disk[relpath] = FileState(stat.st_size, stat.st_mtime_ns)
        new, changed, unchanged = [], [], 0
        for relpath, state in on_disk.items():
            old = known.get(relpath)
            if old is None:
                failure = failed.get(relpath)
                # A file that failed and has not changed since would only fail again,
                # unless it failed for want of a reader that this version has.
                if (
                    rebuild
                    or failure is None
                    or failure[0] != state
                    or (is_supported(Path(relpath)) and failure[1].startswith(UNSUPPORTED))
                    # No permission, vanished, changed while read: the moment's fault, and
                    # fixing a permission changes neither size nor date.
                    or is_transient(failure[1])
                ):
                    new.append(relpath)
                else:
                    unchanged += 1
            elif rebuild:
                changed.append(relpath)
            elif (old.size, old.mtime_ns) == (state.size, state.mtime_ns):
                unchanged += 1
            elif self._same_content(relpath, old):
                self._store.touch_document(relpath, state)  # touched, not edited
                unchanged += 1
            else:
                changed.append(relpath)
        removed = sorted((set(known) | set(failed)) - set(on_disk))
        return _Scan(new, changed, removed, unchanged, on_disk, tuple(unnamed))

    def _same_content(self, relpath: str, old: FileState) -> bool:
        try:
            return _sha256(self.folder / relpath) == old.sha256
        except OSError:
            return False

    def _apply(
        self, scan: _Scan, reindex_all: bool, report: ProgressCallback, should_stop: CancelCheck
    ) -> UpdateReport:
        to_read = scan.new + scan.changed
        # A set: looked up once per file read, a list made a cold index quadratic (at
        # 100,000 files, minutes of the main process's time).
        new = set(scan.new)
        added: list[str] = []
        changed: list[str] = []
        cancelled = False
        self._store.set_meta(_META_INDEX_DIRTY, "1")
        self._annotated = set(self._notes.documents_with_annotations())
        known = self._store.file_states()
        # A removed file whose content comes back under a new name was renamed: its
        # annotations follow it (matched by content hash when the new file is read).
        self._renamed_from = {
            known[p].sha256: p for p in scan.removed if p in self._annotated and p in known
        }
        with self._index.writing() as writer:
            for relpath in scan.removed:
                self._store.remove_document(relpath)
                writer.remove_document(relpath)
                if relpath in self._annotated:
                    self._notes.orphan_document(relpath)
            total = len(to_read)
            report(Progress(0, total, ""))
            attempted: set[str] = set()
            waiting: list[ReadOutcome] = []

            def store_waiting() -> None:
                """Store the files read so far in one commit, then report them: the
                store's write lock is never held across a callback or a wait."""
                with self._store.batched():
                    kept = [self._keep(outcome, writer) for outcome in waiting]
                for outcome, was_kept in zip(waiting, kept, strict=True):
                    attempted.add(outcome.relpath)
                    if was_kept:
                        (added if outcome.relpath in new else changed).append(outcome.relpath)
                    report(Progress(len(attempted), total, outcome.relpath))
                waiting.clear()

            for outcome in self._read(to_read, scan, writer, should_stop, store_waiting):
                waiting.append(outcome)
                if len(waiting) >= _STORE_BATCH:
                    store_waiting()
            store_waiting()
            cancelled = len(attempted) < total
            self._consolidate_speakers()
            whole = not reindex_all or self._index_from_store(
                writer, attempted, report, should_stop
            )
        self._settle_annotated_meanwhile(attempted)
        if not whole:  # cancelled while refilling the index: the next update finishes it
            return UpdateReport(
                added=tuple(added),
                changed=tuple(changed),
                removed=tuple(scan.removed),
                cancelled=True,
            )
        self._store.set_meta(_META_INDEX_SCHEMA, self._index.schema_version)
        self._store.set_meta(_META_INDEX_DIRTY, "0")
        return UpdateReport(
            added=tuple(added),
            changed=tuple(changed),
            removed=tuple(scan.removed),
            cancelled=cancelled,
        )

    def _index_from_store(
        self,
        writer: IndexWriting,
        done_already: set[str],
        report: ProgressCallback,
        should_stop: CancelCheck,
    ) -> bool:
        """Put every stored document the update did not read back into the emptied index
        (all of them, for a rebuild or a switch of engine), with progress; False when
        cancelled before the end. A cancel that stopped the reading does not stop this:
        the index is then filled up, so search finds what the store holds."""
        paths = [p for p in self._store.document_paths() if p not in done_already]
        stopped_reading = should_stop()
        if paths:
            report(Progress(0, len(paths), ""))
        for done, path in enumerate(paths, 1):
            if not stopped_reading and should_stop():
                return False
            document = self._store.document(path)
            if document is not None:
                speakers = self._store.speaker_names_in(path)
                writer.add_document(document, speakers, self._indexed_quotes(path))
            report(Progress(done, len(paths), path))
        return True

    def _read(
        self,
        relpaths: list[str],
        scan: _Scan,
        writer: IndexWriting,
        should_stop: CancelCheck,
        before_waiting: Callable[[], None],
    ) -> Iterator[ReadOutcome]:
        """Every file read, in the calling process or, for many files, in worker processes
        that also index what needs no settling (see parallel_read)."""
        for relpath in relpaths:
            writer.remove_document(relpath)  # its old entries, whatever the new read gives
        workers = worker_count()
        spec = self._index.segment_spec() if hasattr(self._index, "segment_spec") else None
        if workers < 2 or len(relpaths) < PARALLEL_MIN_FILES:
            for relpath in relpaths:
                before_waiting()  # a file may take its whole time budget
                if should_stop():
                    return
                yield read_article(self.folder, relpath, scan.states[relpath])
            return
        pool = PoolResult()
        files = [(relpath, scan.states[relpath]) for relpath in relpaths]
        may_index = _NeedsNoSettling(frozenset(self._annotated), frozenset(self._renamed_from))
        yield from read_in_parallel(
            self.folder,
            files,
            workers,
            spec,
            may_index,
            should_stop,
            pool,
            before_waiting=before_waiting,
        )
        if pool.segments:
            writer.adopt(pool.segments)
        for relpath in pool.lost:  # a worker died with its segment: index them here
            document = self._store.document(relpath)
            if document is not None:
                writer.add_document(
                    document, self._store.speaker_names_in(relpath), self._indexed_quotes(relpath)
                )

    def _keep(self, outcome: ReadOutcome, writer: IndexWriting) -> bool:
        """Store a file's outcome; index it unless a worker did. False when it failed."""
        relpath = outcome.relpath
        document = outcome.document
        if document is None:
            self._record_failure(relpath, outcome.state, outcome.error or "cannot be read")
            return False
        try:
            self._store.put_document(document, outcome.state, outcome.quotes)
        except sqlite3.IntegrityError as error:  # a bug here must cost one file, not the update
            self._record_failure(relpath, outcome.state, f"cannot store its quotes: {error}")
            return False
        digest = outcome.state.sha256
        old_path = self._renamed_from.pop(digest, None) if self._renamed_from else None
        if old_path is not None:
            self._notes.move_document(old_path, relpath)
            self._annotated.add(relpath)
        if relpath in self._annotated:
            # The user's corrections and added quotes go in before the index sees them.
            self._settle(relpath, indexed_next=True)
            writer.add_document(
                document, self._store.speaker_names_in(relpath), self._indexed_quotes(relpath)
            )
            return True
        if not outcome.indexed:
            writer.add_document(document, *outcome.index_entries())
        return True

    def _settle_annotated_meanwhile(self, read: set[str]) -> None:
        """Documents another process annotated for the first time while this update read
        the files: one read after that annotation was settled replaced its corrected quotes
        with the extractor's. Settled again here; the update's end indexes them."""
        late = set(self._notes.documents_with_annotations()) - self._annotated
        changed = [path for path in sorted(late & read) if self._settle(path)]
        if changed:
            self._consolidate_speakers()

    def _record_failure(self, relpath: str, state: FileState, message: str) -> None:
        """A file that cannot be read leaves the archive, and its quotes with it: their
        annotations are orphans (shown as such) until the file reads again."""
        self._store.record_failure(relpath, state, message)
        if relpath in self._annotated:
            self._notes.orphan_document(relpath)

    # -- the user's annotations over the extracted quotes ----------------------------------

    def _settle(self, path: str, indexed_next: bool = False) -> bool:
        """Place a document's annotations on its quotes as they are now and apply their
        corrections to the store; returns whether its quotes or speakers changed.
        ``indexed_next``: the caller (an update reading the file) indexes it right after."""
        with self._notes.held() as db:  # what is placed and applied is what is in the database
            changed = self._settle_held(path)
            if changed:
                # Noted before the annotations commit: a program killed before the index
                # and the speakers follow leaves that work to the next update.
                if not indexed_next:
                    self._store.mark_index_pending([path])
                mark_unsettled(db, (), speakers=True)
            self._notes.settled(path)
            return changed

    def _settle_unsettled(self) -> None:
        """Finish what a program killed half-way through an annotation left undone."""
        documents, speakers = self._notes.unsettled()
        # The kill may have come after the quotes were brought in line but before the
        # index was told (the two are separate files): a settle would then find nothing
        # to change. So every document being recovered is written to the index again.
        self._store.mark_index_pending(documents)
        for path in documents:
            self._settle(path)
        if documents or speakers:
            self._consolidate_speakers()

    def _settle_held(self, path: str) -> bool:
        annotations = self._notes.annotations(document=path)
        document = self._store.document(path)
        if document is None:
            if annotations:
                self._notes.orphan_document(path)
            return False
        planned = settle.plan(document.text, self._store.extracted_quotes(path), annotations)
        self._notes.place(path, planned.attached, planned.contexts)
        return self._store.apply_annotations(path, planned.overrides, planned.added)

    def _after_annotations(self, documents: Sequence[str], speakers: bool = False) -> None:
        """Bring quotes, speakers and index in line after the user changed annotations."""
        # With whatever the change noted as unsettled: an undo also touches the documents its
        # annotations stand in now, which its images do not know.
        unsettled, speakers_unsettled = self._notes.unsettled()
        documents = sorted({*documents, *unsettled})
        speakers = speakers or speakers_unsettled
        changed = [path for path in documents if self._settle(path)]
        if changed or speakers:
            self._consolidate_speakers()
        if changed:
            self._write_pending_index(wait_s=0.0)  # _settle marked them pending

    def _write_pending_index(self, wait_s: float | None = None) -> None:
        """Write documents whose index entries lag behind the store. Inside an update the
        update lock is held already; otherwise (``wait_s`` given) it is tried, and when
        another process is updating, the work waits for the end of that update."""
        pending = self._store.index_pending()
        if not pending:
            return
        try:
            if wait_s is None:
                self._reindex(pending)
            else:
                with update_lock(self.data_dir / "update.lock", wait_s=wait_s):
                    self._reindex(pending)
        except ArchiveError:
            return  # another process holds the index; its update writes these at its end

    def _reindex(self, paths: list[str]) -> None:
        # Under the annotations lock, where every document is settled and marked pending:
        # one settled elsewhere between reading it here and clearing its mark would lose
        # its change from the index. The update lock is held already: no update can be
        # waiting for this lock inside its own index writer.
        with self._notes.held():
            paths = sorted({*paths, *self._store.index_pending()})
            with self._index.writing() as writer:
                for path in paths:
                    writer.remove_document(path)
                    document = self._store.document(path)
                    if document is not None:
                        writer.add_document(
                            document,
                            self._store.speaker_names_in(path),
                            self._indexed_quotes(path),
                        )
            self._store.clear_index_pending(paths)

    def _indexed_quotes(self, path: str) -> list[IndexedQuote]:
        return [IndexedQuote(q.id, q.text, q.speaker) for q in self._store.quotes(paths=[path])]

    def _consolidate_speakers(self) -> None:
        """One speaker per person across the archive: spellings that share a key are one
        speaker; a bare surname joins the one full name in the archive that ends with it."""
        # Under the annotations lock, like _settle: a correction another program applies
        # between reading the counts and replacing the speakers would lose its speaker.
        with self._notes.held():
            self._consolidate_speakers_held()
            self._notes.settled(speakers=True)

    def _consolidate_speakers_held(self) -> None:
        links = [speakers.Link(link.key, link.target_key) for link in self._notes.speaker_links()]
        wanted, aliases = speakers.consolidate(self._store.speaker_name_counts(), links)
        self._store.replace_speakers(wanted, aliases)

    # -- reading -----------------------------------------------------------------------

    def search(
        self, query: str, limit: int | None = 20, snippet_limit: int | None = None
    ) -> list[SearchHit]:
        """Documents matching a Whoosh query (title:, speaker:, author:, outlet:, date:,
        text:), best first, each with a snippet of its text around the matched words — or
        only the first ``snippet_limit`` hits, the rest with an empty snippet (highlighting is
        the slow part of a search that lists thousands of documents). ``tag:`` and ``note:``
        keep the documents holding a quote with that tag or note."""
        split = split_query(query)
        wanted = self.annotation_filter(query)
        if not split.rest and wanted is not None:
            return self._documents_with_quotes(wanted, limit)
        with self._searching():
            matches = self._index.search_documents(
                split.rest, None if wanted else limit, self._text_of, snippet_limit
            )
        if wanted is not None:
            keep = {q.document for q in self._filtered_quotes(wanted)}
            matches = [m for m in matches if m.path in keep][:limit]
        summaries = {d.path: d for d in self._store.documents([m.path for m in matches])}
        return [
            SearchHit(
                m.path,
                summaries[m.path].title,
                m.score,
                m.snippet,
                summaries[m.path].date,
                m.highlights,
            )
            for m in matches
            if m.path in summaries
        ]

    @contextmanager
    def _searching(self) -> Iterator[None]:
        """A search that found the index damaged: empty it for the next update to rebuild,
        and tell the user in one line."""
        try:
            yield
        except IndexDamagedError:
            self._index_damaged()
            raise IndexDamagedError(
                f"{self.index_notice} by the next update (archiveapp index)"
            ) from None

    def annotation_filter(self, query: str) -> QuoteFilter | None:
        """What the ``tag:`` and ``note:`` terms of ``query`` keep (None: it has none)."""
        terms = split_query(query).terms
        if not terms:
            return None
        annotated = self._notes.by_quote()
        wanted = [t for t in terms if not t.negated]
        unwanted = [t for t in terms if t.negated]

        def matches(terms: list[Term], a: Annotation) -> list[bool]:
            return [t.matches(a.tags, a.note) for t in terms]

        excluded = frozenset(
            quote_id for quote_id, a in annotated.items() if any(matches(unwanted, a))
        )
        if not wanted:
            return QuoteFilter(None, excluded)
        only = frozenset(
            quote_id
            for quote_id, a in annotated.items()
            if all(matches(wanted, a)) and quote_id not in excluded
        )
        return QuoteFilter(only, excluded)

    def _filtered_quotes(self, wanted: QuoteFilter) -> list[Quote]:
        if wanted.only is not None:
            return self._store.quotes(ids=sorted(wanted.only))
        return [q for q in self._store.quotes() if q.id not in wanted.excluded]

    def _documents_with_quotes(self, wanted: QuoteFilter, limit: int | None) -> list[SearchHit]:
        first: dict[str, str] = {}
        for quote in self._filtered_quotes(wanted):
            first.setdefault(quote.document, " ".join(quote.text.split()))
        summaries = self._store.documents(sorted(first))[:limit]
        return [SearchHit(d.path, d.title, 0.0, first[d.path], d.date) for d in summaries]

    def _text_of(self, path: str) -> str | None:
        document = self._store.document(path)
        return document.text if document else None

    def quotes(
        self,
        speaker: str | int | None = None,
        document: str | Sequence[str] | None = None,
        query: str | None = None,
        tag: str | None = None,
        hidden: bool = False,
        limit: int | None = None,
    ) -> list[Quote]:
        """Quotes, narrowed by speaker (name, surname or id), document path(s), tag and a
        query on the quote's own text and speaker (``tag:`` and ``note:`` included); ranked
        by the query when one is given. ``hidden`` lists those marked "not a quote";
        ``limit`` keeps the first so many (the best, with a query)."""
        speaker_ids = None if speaker is None else self._speaker_ids(speaker)
        if speaker_ids == []:
            return []
        paths = None if document is None else self._paths(document)
        query = " ".join(part for part in (query, _tag_term(tag)) if part and part.strip())
        wanted = self.annotation_filter(query) if query else None
        rest = split_query(query).rest if query else ""
        ids = None if wanted is None or wanted.only is None else sorted(wanted.only)
        if not rest:
            found = self._store.quotes(speaker_ids=speaker_ids, paths=paths, ids=ids, hidden=hidden)
            if wanted is not None:
                found = [q for q in found if q.id not in wanted.excluded]
            return self._with_annotations(found[:limit])
        with self._searching():
            ranked = self._index.search_quotes(rest)
        if ids is not None:
            allowed = set(ids)
            ranked = [i for i in ranked if i in allowed]
        excluded = wanted.excluded if wanted is not None else frozenset()
        # Read the store in ranked slices and stop once ``limit`` are found: the best 20 of
        # a speaker's 2,000 quotes should not cost building all 2,000.
        step = len(ranked) if limit is None else max(4 * limit, 50)
        chosen: list[Quote] = []
        for start in range(0, len(ranked), max(step, 1)):
            part = ranked[start : start + step]
            found_by_id = {
                q.id: q
                for q in self._store.quotes(
                    speaker_ids=speaker_ids, paths=paths, ids=part, hidden=hidden
                )
            }
            chosen.extend(found_by_id[i] for i in part if i in found_by_id and i not in excluded)
            if limit is not None and len(chosen) >= limit:
                break
        return self._with_annotations(chosen[:limit])

    def quotes_by_id(self, ids: Sequence[str]) -> list[Quote]:
        """These quotes (those marked "not a quote" too), in the order given; ids the
        archive does not know are left out."""
        found = self._store.quotes(ids=ids) + self._store.quotes(ids=ids, hidden=True)
        by_id = {q.id: q for q in self._with_annotations(found)}
        return [by_id[i] for i in dict.fromkeys(ids) if i in by_id]

    def quote(self, quote_id: str) -> Quote | None:
        found = self._store.quotes(ids=[quote_id]) or self._store.quotes(
            ids=[quote_id], hidden=True
        )
        return self._with_annotations(found)[0] if found else None

    def _with_annotations(self, quotes: list[Quote]) -> list[Quote]:
        if not quotes:
            return quotes
        # A few quotes: their annotations by id; many: all annotations in one query (there
        # are fewer of them than quotes).
        ids = [q.id for q in quotes] if len(quotes) <= 500 else None
        annotated = self._notes.by_quote(ids)
        return [
            replace(q, tags=a.tags, note=a.note) if (a := annotated.get(q.id)) else q
            for q in quotes
        ]

    def speakers(self, document: str | Sequence[str] | None = None) -> list[Speaker]:
        """Every speaker with counts over the whole archive, most quoted first; ``document``
        keeps those who speak in that document (or any of those documents)."""
        paths = None if document is None else self._paths(document)
        return self._store.speakers(paths=paths)

    def speaker(self, speaker_id: int) -> Speaker | None:
        found = self._store.speakers(ids=[speaker_id])
        return found[0] if found else None

    def find_speakers(self, name: str) -> list[Speaker]:
        ids = self._speaker_ids(name)
        return self._store.speakers(ids=ids) if ids else []

    def counts(self) -> tuple[int, int, int]:
        """(documents, speakers, quotes) in the whole archive, without loading them."""
        return self._store.counts()

    def documents(self, paths: Sequence[str] | None = None) -> list[DocumentSummary]:
        return self._store.documents(paths)

    def document(self, path: str) -> Document:
        found = self._store.document(self._paths(path)[0])
        if found is None:
            raise ArchiveError(
                f"{path} is not in the archive (is it indexed? run: archiveapp index)"
            )
        return found

    def failures(self) -> list[FileError]:
        stored = [FileError(p, m) for p, (_s, m) in self._store.failure_states().items()]
        raw = self._store.get_meta(_META_UNNAMED)
        unnamed = [FileError(p, m) for p, m in json.loads(raw)] if raw else []
        return sorted([*stored, *unnamed], key=lambda failure: failure.path)

    def _remember_unnamed(self, unnamed: Sequence[FileError]) -> None:
        """Files whose names are not UTF-8 have no row of their own (a name is stored as
        text); their shown names and reasons are kept as one value, so failures() lists
        them in any process (the window reads what its indexing process found)."""
        value = json.dumps([[f.path, f.message] for f in unnamed]) if unnamed else ""
        if (self._store.get_meta(_META_UNNAMED) or "") != value:
            self._store.set_meta(_META_UNNAMED, value)

    def _speaker_ids(self, speaker: str | int) -> list[int]:
        if isinstance(speaker, int):
            return [speaker]
        key = names.speaker_key(speaker)
        exact = self._store.speaker_ids_by_key([key])
        if exact or not key:
            return exact
        # "Fedorov" or "Mykhailo" alone: every speaker whose name holds all the words given.
        wanted = set(key.split())
        return [
            s.id for s in self._store.speakers() if wanted <= set(names.speaker_key(s.name).split())
        ]

    def _paths(self, document: str | Sequence[str]) -> list[str]:
        items = [document] if isinstance(document, str) else list(document)
        return [self._relative(item) for item in items]

    def _relative(self, path: str) -> str:
        """A document path as the archive knows it: relative to the folder. An absolute path
        inside the folder is made relative; a relative one is taken as relative to the folder,
        never to the current directory."""
        candidate = Path(path).expanduser()
        if candidate.is_absolute():
            try:
                return candidate.resolve().relative_to(self.folder).as_posix()
            except ValueError:
                return candidate.as_posix()
        return candidate.as_posix()


# Beyond the old index's size, what a rebuild may need for its temporary files.
_REBUILD_MARGIN_BYTES = 8 * 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / 1_048_576:,.1f}"


def _tag_term(tag: str | None) -> str:
    if not tag or not tag.strip():
        return ""
    return f'tag:"{tag.strip()}"'


def _encodable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _never() -> bool:
    return False


def _ignore(_progress: Progress) -> None:
    return None


@dataclass(frozen=True)
class _NeedsNoSettling:
    """Picklable test a worker runs: may it index this file itself? Not when the file has
    annotations (or takes over a renamed file's): they are settled first, by the caller."""

    annotated: frozenset[str]
    renamed_hashes: frozenset[str]

    def __call__(self, outcome: ReadOutcome) -> bool:
        return (
            outcome.relpath not in self.annotated
            and outcome.state.sha256 not in self.renamed_hashes
        )
