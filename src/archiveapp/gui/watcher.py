"""Watching an archive folder while it is open: one ``changed()`` per burst of changes.

How it watches (``QFileSystemWatcher``, inotify on Linux):

* **Every folder** the indexer would walk is watched: ``directoryChanged`` is what fires
  when a file is added, removed or renamed in it (inotify's create, delete and move
  events), and a folder copied in is added to the watch at the next flush.
* **Files too, up to** ``FILE_WATCH_LIMIT``: a folder watch does not see a file rewritten
  in place (``echo >> a.txt``; inotify's modify event is only reported on a file watch).
  Most editors save by writing a new file and renaming it over the old one, which the
  folder watch sees, so the per-file watches only cover in-place writes. They are capped
  because inotify watches are a per-user budget shared with every other program (8,192 on
  older kernels); past the cap, an in-place edit of an unwatched file is picked up by the
  next update anything else starts (or F5). No periodic polling: it would stat the whole
  archive on the GUI thread every few seconds for a rare case.
* **An event is only a hint.** Qt's ``directoryChanged`` says which folder changed but
  not which entry, so each event notes its folder and (re)starts the debounce; when it
  fires, those folders are listed again (a new subfolder walked whole) with the indexer's
  own rules (hidden files and folders, the data folder, a saved page's
  ``_files`` folder and ignored kinds, which include temporary files such as ``.part``,
  ``.swp``, ``~`` and ``~$`` left out) and the result compared with the last walk (inode,
  size and mtime of each file). Only a real difference emits ``changed()``. That is what
  keeps the app's own writes (the data folder, even one inside the archive) and an
  editor's temporary files from starting updates.

Debounce: after the first event, ``changed()`` waits for ``quiet_ms`` without events,
but never longer than ``max_wait_ms`` in all, so a thousand files copied in give one
update (or two, if the copy outlasts ``max_wait_ms``), not a thousand.

Walks run on a thread of their own, never on the GUI thread: a whole walk (the first one,
and each one while some paths could not be watched) is tens of milliseconds for ten
thousand files but seconds for a hundred thousand; listing again only the folders that
had events is milliseconds at any size. The comparison with the last walk runs there too;
only adding and removing watches (Qt calls) is left to the GUI thread. A burst that ends
while a walk runs gets one more walk after it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

# Past this many files, only folders are watched (see the module docstring).
FILE_WATCH_LIMIT = 2_000
# Watches added at a time, one batch an event-loop turn: a thousand folders and two
# thousand files at once would hold the GUI thread for 50 ms and more.
ADD_BATCH = 250
QUIET_MS = 1_000
MAX_WAIT_MS = 3_000

# A saved web page's assets folder ("page_files" beside "page.html"), which the indexer
# does not read either.
_SAVED_PAGE_FOLDER = "_files"
_PAGES = (".html", ".htm")

FileState = tuple[int, int, int]  # inode, size, mtime in ns


@dataclass
class Snapshot:
    """What the indexer would see: its folders, and the state of each file it would read."""

    folders: set[str] = field(default_factory=set)
    files: dict[str, FileState] = field(default_factory=dict)


def snapshot(root: Path, skip: tuple[Path, ...] = ()) -> Snapshot:
    """Walk ``root`` with the rules of ``core.ingest.iter_article_files``."""
    skipped = {str(p) for p in skip}
    result = Snapshot()
    pending = [str(root)]
    while pending:
        folder = pending.pop()
        result.folders.add(folder)
        listed = _list_folder(folder, skipped)
        if listed is not None:
            pending.extend(listed[0])
            result.files.update(listed[1])
    return result


def rewalk(previous: Snapshot, skip: tuple[Path, ...], dirty: Collection[str]) -> Snapshot:
    """``previous`` brought up to date by listing again only the folders in ``dirty`` (those
    the system reported a change in): their files are looked at again, a subfolder new in
    them is walked whole, and one gone from them is dropped with all it held. At a hundred
    thousand files that is milliseconds where a whole walk takes seconds."""
    skipped = {str(p) for p in skip}
    folders, files = set(previous.folders), dict(previous.files)
    files_in: dict[str, list[str]] = {}
    for path in files:
        files_in.setdefault(os.path.dirname(path), []).append(path)
    folders_in: dict[str, set[str]] = {}
    for path in folders:
        folders_in.setdefault(os.path.dirname(path), set()).add(path)
    for folder in sorted(dirty):
        if folder not in folders:
            continue  # dropped with its parent just now, or new: its parent's listing walks it
        for path in files_in.pop(folder, ()):
            files.pop(path, None)
        listed = _list_folder(folder, skipped)
        subfolders, found = listed if listed is not None else ([], {})
        files.update(found)
        had = folders_in.get(folder, set())
        for gone in had - set(subfolders):
            _drop(folders, files, gone)
        for new in set(subfolders) - had:
            walked = snapshot(Path(new), skip)
            folders |= walked.folders
            files.update(walked.files)
    return Snapshot(folders, files)


def _drop(folders: set[str], files: dict[str, FileState], gone: str) -> None:
    inside = gone + os.sep
    folders.difference_update([f for f in folders if f == gone or f.startswith(inside)])
    for path in [p for p in files if p.startswith(inside)]:
        del files[path]


def _list_folder(folder: str, skipped: set[str]) -> tuple[list[str], dict[str, FileState]] | None:
    """The subfolders and the readable files directly in ``folder`` (None: it is gone)."""
    # Here, not at the top: importing core.ingest loads every reader (a second or more),
    # which the window's first paint must not wait for.
    from ..core.ingest.kinds import is_ignored_name

    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:  # removed or unreadable since its parent was listed
        return None
    subfolders: list[str] = []
    files: dict[str, FileState] = {}
    pages = {os.path.splitext(e.name)[0] for e in entries if e.name.lower().endswith(_PAGES)}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            # Links are not walked as folders (as in core.ingest): one leading back up
            # would make the walk go round until the path is too long.
            if entry.is_dir(follow_symlinks=False):
                if entry.path in skipped or (
                    entry.name.endswith(_SAVED_PAGE_FOLDER)
                    and entry.name[: -len(_SAVED_PAGE_FOLDER)] in pages
                ):
                    continue
                subfolders.append(entry.path)
            elif entry.is_file(follow_symlinks=True) and not is_ignored_name(entry.name):
                stat = entry.stat(follow_symlinks=True)
                files[entry.path] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        except OSError:  # gone between the listing and the stat: the next walk tells
            continue
    return subfolders, files


@dataclass(frozen=True)
class _Walk:
    """What a walk found, worked out on its thread."""

    generation: int
    current: Snapshot
    wanted_files: set[str]  # the files to watch (the first ``file_limit``)
    changed: bool  # differs from the walk before


class FolderWatcher(QObject):
    """Emits ``changed()`` once per burst of changes to the articles under a folder, and
    ``partial(count)`` when the system refused to watch ``count`` folders or files."""

    changed = Signal()
    partial = Signal(int)
    _walked = Signal(object)  # _Walk, from the walk's thread (queued to this one)

    def __init__(
        self,
        parent: QObject | None = None,
        quiet_ms: int = QUIET_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        file_limit: int = FILE_WATCH_LIMIT,
    ) -> None:
        super().__init__(parent)
        self.quiet_ms = quiet_ms  # tests shorten both
        self.max_wait_ms = max_wait_ms
        self.file_limit = file_limit
        self.root: Path | None = None
        self._skip: tuple[Path, ...] = ()
        self._last = Snapshot()
        self._first_event: float | None = None  # monotonic time the current burst began
        self._watcher: QFileSystemWatcher | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        # Paths the system refused to watch (inotify's limit reached): the watch is partial.
        self.unwatched = 0
        self._generation = 0  # bumped by start and stop: a walk of before is dropped
        self._walking = False
        self._again = False  # a burst ended while walking: walk once more after
        self._dirty: set[str] = set()  # folders with events since the last walk began
        self._to_add: list[str] = []  # paths to watch, added a batch at a time
        self._refused = 0
        self._walked.connect(self._on_walked)

    @property
    def watching(self) -> bool:
        return self.root is not None

    def start(self, root: Path, skip: tuple[Path, ...] = ()) -> None:
        """Watch ``root`` (all of its folders) but nothing under the folders in ``skip``."""
        self.stop()
        self.root = root.resolve()
        self._skip = tuple(p.resolve() for p in skip)
        # A fresh watcher rather than removing every path from the old one: cheaper, and
        # events still queued for the previous folder die with it.
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_folder_event)
        self._watcher.fileChanged.connect(self._on_file_event)
        self._last = Snapshot()
        self._walk()

    def stop(self) -> None:
        self._generation += 1
        self._walking = self._again = False
        self._timer.stop()
        self._first_event = None
        self.root = None
        self._last = Snapshot()
        self._dirty = set()
        self._to_add = []
        self.unwatched = 0
        if self._watcher is not None:
            self._watcher.directoryChanged.disconnect(self._on_folder_event)
            self._watcher.fileChanged.disconnect(self._on_file_event)
            self._watcher.deleteLater()
            self._watcher = None

    def _on_folder_event(self, folder: str) -> None:
        self._dirty.add(folder)
        self._on_event()

    def _on_file_event(self, path: str) -> None:
        self._dirty.add(os.path.dirname(path))  # written in place: its folder is listed again
        self._on_event()

    def _on_event(self) -> None:
        if self.root is None:
            return
        now = time.monotonic()
        if self._first_event is None:
            self._first_event = now
        left_ms = self.max_wait_ms - (now - self._first_event) * 1000
        self._timer.start(max(0, int(min(self.quiet_ms, left_ms))))

    def _flush(self) -> None:
        self._first_event = None
        if self.root is None:
            return
        if not self.root.is_dir():
            # Unmounted or moved away: an update now would drop every document from the
            # archive. Keep the last walk; the folder coming back is no change then.
            return
        if self._walking:
            self._again = True
            return
        self._walk()

    def _walk(self) -> None:
        """Walk the folder on a thread of its own; ``_on_walked`` gets the result. The
        first walk (and any while some paths could not be watched, whose events never
        come) covers every folder; the others only the folders that had events."""
        root, skip, previous = self.root, self._skip, self._last
        generation, limit, first = self._generation, self.file_limit, not self._last.folders
        if root is None:
            return
        self._walking = True
        dirty, self._dirty = self._dirty, set()
        whole = first or self.unwatched > 0

        def walk() -> None:
            current = snapshot(root, skip) if whole else rewalk(previous, skip, dirty)
            wanted = set(sorted(current.files)[:limit])
            # The first walk is the baseline, not a change.
            self._walked.emit(_Walk(generation, current, wanted, not first and current != previous))

        threading.Thread(target=walk, name="archiveapp-walk", daemon=True).start()

    def _on_walked(self, walk: _Walk) -> None:
        if walk.generation != self._generation:
            return
        self._walking = False
        previous, self._last = self._last, walk.current
        self._sync_watches(previous, walk.current, walk.wanted_files)
        if walk.changed:
            self.changed.emit()
        if self._again:
            self._again = False
            self._flush()

    def _sync_watches(self, previous: Snapshot, current: Snapshot, wanted_files: set[str]) -> None:
        """Bring the watched paths in line with ``current``. A file whose inode changed
        (saved by renaming a new file over it) is watched afresh: the old watch followed
        the old inode."""
        watcher = self._watcher
        if watcher is None:
            return
        while self._to_add:  # the last sync's batches, before comparing with what is watched
            self._add_batch()
        watched_files = set(watcher.files())
        watched_folders = set(watcher.directories())
        replaced = {
            path
            for path in wanted_files & watched_files
            if previous.files.get(path, (None,))[0] != current.files[path][0]
        }
        gone = sorted((watched_files - wanted_files) | replaced) + sorted(
            watched_folders - current.folders
        )
        if gone:  # Qt warns about an empty list
            watcher.removePaths(gone)
        new = sorted(current.folders - watched_folders) + sorted(
            (wanted_files - watched_files) | replaced
        )
        if new:
            self._to_add, self._refused = new, 0
            self._add_batch()

    def _add_batch(self) -> None:
        batch, self._to_add = self._to_add[:ADD_BATCH], self._to_add[ADD_BATCH:]
        if self._watcher is None or not batch:
            return
        refused = self._watcher.addPaths(batch)
        self._refused += len([p for p in refused if os.path.exists(p)])
        if self._to_add:
            QTimer.singleShot(0, self, self._add_batch)
            return
        self.unwatched = self._refused
        if self.unwatched:
            self.partial.emit(self.unwatched)
