"""One open archive and the work done on it, all through the task runner.

The window asks ("open this folder", "load the panes for this focus", "index") and hears
back through signals; it never holds a database connection. Results of an archive that was
closed since, or of a pane load a newer one superseded, are dropped here.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.errors import one_line
from ..core.model import FileError, UpdateReport
from .indexer import index_in_child
from .loader import PANES, PaneData, ViewedDocument, load_document, load_panes
from .state import Focus
from .tasks import CancelFlag, TaskRunner

if TYPE_CHECKING:
    from ..core.archive import Archive  # loads on the write lane, after the first paint


class ArchiveSession(QObject):
    opened = Signal(object, bool)  # Archive, once open; whether it was ever indexed
    openFailed = Signal(str)
    indexingStarted = Signal()
    indexingFinished = Signal(object)  # UpdateReport
    indexingFailed = Signal(str)
    panesLoaded = Signal(object)  # PaneData
    paneLoadFailed = Signal(str)
    documentLoaded = Signal(object)  # ViewedDocument
    failuresLoaded = Signal(object)  # list[FileError]
    # The archive reopened with another search engine; the problem that kept it on the
    # engine it had ("" when the switch went through). Its index is rebuilt by index().
    engineSwitched = Signal(object, str)  # Archive, problem

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = TaskRunner(self)
        self.archive: Archive | None = None
        self._generation = 0  # bumped when another archive is opened
        self._pane_request = 0
        self._document_request = 0
        self._cancel: CancelFlag | None = None

    @property
    def indexing(self) -> bool:
        return self._cancel is not None

    # -- opening and closing ----------------------------------------------------------------

    def open(self, folder: Path, data_dir: Path | None = None) -> None:
        self.cancel_indexing()
        self._generation += 1
        generation = self._generation
        old, self.archive = self.archive, None

        def job() -> tuple[Archive, bool]:
            # Imported here, on the write lane: the archive brings SQLite, the search index
            # and every reader (a second or more), which the first paint does not wait for.
            from ..core.archive import Archive

            if old is not None:
                old.close()
            archive = Archive.open(folder, data_dir=data_dir)
            return archive, archive.is_indexed  # is_indexed reads the store: not on the GUI

        def done(result: tuple[Archive, bool]) -> None:
            archive, indexed = result
            if generation != self._generation:
                self.runner.run(archive.close, lane="write")
                return
            self.archive = archive
            self.opened.emit(archive, indexed)

        self.runner.run(
            job, done, lambda e: self._if_current(generation, self.openFailed, e), lane="write"
        )

    def switch_engine(self, engine: str) -> bool:
        """Reopen the open archive with the search engine ``engine``, which the archive
        remembers; ``engineSwitched`` follows. The new engine's index is then stale (each
        engine has its own folder, the store says which one was written last), so the
        next ``index()`` rebuilds it from the store. False when no archive is open."""
        old = self.archive
        if old is None:
            return False
        self.cancel_indexing()
        self._generation += 1
        generation = self._generation
        self.archive = None
        # Tags and notes asked for before the switch are written to the archive they were
        # asked of before it closes: the write lane waits for this marker on the other lane.
        annotations_written = self.runner.run(_nothing, lane="annotate")
        folder, data_dir, before = old.folder, old.data_dir, old.engine

        def job() -> tuple[Archive, str] | None:
            from ..core.archive import Archive

            annotations_written.result()
            old.close()
            try:
                archive, problem = Archive.open(folder, data_dir, engine=engine), ""
            except Exception as error:  # reopened with the engine it had, and said why
                archive, problem = Archive.open(folder, data_dir, engine=before), one_line(error)
            if generation != self._generation:  # closed or another folder opened meanwhile
                archive.close()
                return None
            return archive, problem

        def done(result: tuple[Archive, str] | None) -> None:
            if result is None or generation != self._generation:
                if result is not None:
                    self.runner.run(result[0].close, lane="write")
                return
            self.archive = result[0]
            self.engineSwitched.emit(*result)

        self.runner.run(
            job, done, lambda e: self._if_current(generation, self.openFailed, e), lane="write"
        )
        return True

    def close(self) -> None:
        """Stop the work (indexing stops at the next file) and close the archive."""
        self.cancel_indexing()
        archive, self.archive = self.archive, None
        self._generation += 1
        self.runner.shutdown(then=archive.close if archive else None)

    # -- indexing -------------------------------------------------------------------------

    def index(self, rebuild: bool = False) -> bool:
        archive = self.archive
        if archive is None or self.indexing:
            return False
        cancel = self._cancel = CancelFlag()
        generation = self._generation
        report = self.runner.progress_reporter()

        def done(result: UpdateReport) -> None:
            if cancel is self._cancel:
                self._cancel = None
            if generation == self._generation:
                self.indexingFinished.emit(result)

        def failed(error: BaseException) -> None:
            if cancel is self._cancel:
                self._cancel = None
            self._if_current(generation, self.indexingFailed, error)

        self.indexingStarted.emit()
        self.runner.run(
            lambda: index_in_child(archive.folder, archive.data_dir, report, cancel, rebuild),
            done,
            failed,
            lane="write",
        )
        return True

    def cancel_indexing(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    # -- reading --------------------------------------------------------------------------

    def load_panes(
        self, focus: Focus, panes: Collection[str] = PANES, totals: bool = False
    ) -> None:
        archive = self.archive
        if archive is None:
            return
        self._pane_request += 1
        request, generation = self._pane_request, self._generation

        def done(data: PaneData) -> None:
            if request == self._pane_request and generation == self._generation:
                self.panesLoaded.emit(data)

        self.runner.run(
            lambda: load_panes(archive, focus, frozenset(panes), totals, self.runner.side()),
            done,
            lambda e: self._if_current(generation, self.paneLoadFailed, e),
            still_wanted=lambda: request == self._pane_request,
        )

    def load_document(self, path: str) -> None:
        archive = self.archive
        if archive is None:
            return
        self._document_request += 1
        request, generation = self._document_request, self._generation

        def done(viewed: ViewedDocument) -> None:
            if request == self._document_request and generation == self._generation:
                self.documentLoaded.emit(viewed)

        self.runner.run(
            lambda: load_document(archive, path),
            done,
            lambda e: self._if_current(generation, self.paneLoadFailed, e),
            still_wanted=lambda: request == self._document_request,
        )

    def load_failures(self) -> None:
        archive = self.archive
        if archive is None:
            return
        generation = self._generation

        def done(failures: list[FileError]) -> None:
            if generation == self._generation:
                self.failuresLoaded.emit(failures)

        self.runner.run(archive.failures, done)

    def _if_current(self, generation: int, signal: Signal, error: BaseException) -> None:
        if generation == self._generation:
            signal.emit(one_line(error))


def _nothing() -> None:
    """A marker job: once it has run, every job queued before it on its lane has too."""
