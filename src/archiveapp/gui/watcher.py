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
* **An event is only a hint.** Qt's ``directoryChanged`` does not say which entry changed,
  so each event only (re)starts the debounce; when it fires, the folder is walked with the
  indexer's own rules (hidden files and folders, the data folder, a saved page's
  ``_files`` folder and ignored kinds, which include temporary files such as ``.part``,
  ``.swp``, ``~`` and ``~$`` left out) and the result compared with the last walk (inode,
  size and mtime of each file). Only a real difference emits ``changed()``. That is what
  keeps the app's own writes (the data folder, even one inside the archive) and an
  editor's temporary files from starting updates.

Debounce: after the first event, ``changed()`` waits for ``quiet_ms`` without events,
but never longer than ``max_wait_ms`` in all, so a thousand files copied in give one
update (or two, if the copy outlasts ``max_wait_ms``), not a thousand.

The walk runs on the GUI thread: one ``os.scandir`` pass, tens of milliseconds for ten
thousand files on a local disk, once per burst rather than once per event.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ..core.ingest.kinds import is_ignored

# Past this many files, only folders are watched (see the module docstring).
FILE_WATCH_LIMIT = 2_000
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
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:  # removed or unreadable since its parent was listed
            continue
        pages = {os.path.splitext(e.name)[0] for e in entries if e.name.lower().endswith(_PAGES)}
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=True):
                    if entry.path in skipped or (
                        entry.name.endswith(_SAVED_PAGE_FOLDER)
                        and entry.name[: -len(_SAVED_PAGE_FOLDER)] in pages
                    ):
                        continue
                    pending.append(entry.path)
                elif entry.is_file(follow_symlinks=True) and not is_ignored(Path(entry.name)):
                    stat = entry.stat(follow_symlinks=True)
                    result.files[entry.path] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
            except OSError:  # gone between the listing and the stat: the next walk tells
                continue
    return result


class FolderWatcher(QObject):
    """Emits ``changed()`` once per burst of changes to the articles under a folder."""

    changed = Signal()

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
        self._watcher.directoryChanged.connect(self._on_event)
        self._watcher.fileChanged.connect(self._on_event)
        self._last = snapshot(self.root, self._skip)
        self._sync_watches(Snapshot(), self._last)

    def stop(self) -> None:
        self._timer.stop()
        self._first_event = None
        self.root = None
        self._last = Snapshot()
        self.unwatched = 0
        if self._watcher is not None:
            self._watcher.directoryChanged.disconnect(self._on_event)
            self._watcher.fileChanged.disconnect(self._on_event)
            self._watcher.deleteLater()
            self._watcher = None

    def _on_event(self, _path: str) -> None:
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
        current = snapshot(self.root, self._skip)
        previous, self._last = self._last, current
        self._sync_watches(previous, current)
        if current != previous:
            self.changed.emit()

    def _sync_watches(self, previous: Snapshot, current: Snapshot) -> None:
        """Bring the watched paths in line with ``current``. A file whose inode changed
        (saved by renaming a new file over it) is watched afresh: the old watch followed
        the old inode."""
        watcher = self._watcher
        if watcher is None:
            return
        watched_files = set(watcher.files())
        watched_folders = set(watcher.directories())
        wanted_files = set(sorted(current.files)[: self.file_limit])
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
            refused = watcher.addPaths(new)
            self.unwatched = len([p for p in refused if os.path.exists(p)])
