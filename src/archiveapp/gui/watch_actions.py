"""The window's side of watching the open folder: File ▸ Watch Folder for Changes, and
an update through the session (the same incremental ``Archive.update`` as F5 and
``archiveapp index``) whenever the ``FolderWatcher`` reports a change.

Mixed into MainWindow, which calls ``start_watching`` once an archive is open and
``stop_watching`` when another is opened or the window closes. A watch-triggered update
looks like the check for changes on opening: nothing shows until it reads files, then the
status bar's progress, then a one-line summary. When a change arrives while an update
runs, one more update is run after it, so nothing that changed during it is missed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ..core.model import UpdateReport
from .watcher import FolderWatcher

if TYPE_CHECKING:
    from ..core.archive import Archive  # loads on the write lane, after the first paint

WATCH_SETTING = "archive/watchFolder"


class WatchActions:
    """Mixed into MainWindow (which provides the session, settings and the File menu)."""

    def setup_watching(self) -> None:
        self.folder_watcher = FolderWatcher(self)
        self.folder_watcher.changed.connect(self._on_folder_changed)
        self.folder_watcher.partial.connect(self._on_watch_partial)
        self._update_wanted = False  # a change arrived while an update was running
        self.watch_action = QAction("&Watch Folder for Changes", self)
        self.watch_action.setCheckable(True)
        self.watch_action.setChecked(_as_bool(self.settings.value(WATCH_SETTING, True)))
        tip = "Read files added, changed, renamed or removed in the folder as they happen"
        self.watch_action.setStatusTip(tip)
        self.watch_action.setToolTip(tip)
        self.watch_action.toggled.connect(self._on_watch_toggled)
        file = next(a.menu() for a in self.menuBar().actions() if a.text() == "&File")
        file.insertAction(self.cancel_action, self.watch_action)
        self.session.indexingFinished.connect(self._after_update)
        self.session.indexingFailed.connect(lambda _message: self._after_update(None))

    def start_watching(self, archive: Archive) -> None:
        if not self.watch_action.isChecked():
            return
        self.folder_watcher.start(archive.folder, skip=(archive.data_dir,))

    def _on_watch_partial(self, unwatched: int) -> None:
        self.statusBar().showMessage(
            f"{unwatched} folders or files could not be watched "
            "(the system's limit on watches): press F5 after changing them",
            10000,
        )

    def stop_watching(self) -> None:
        self.folder_watcher.stop()
        self._update_wanted = False

    def _on_folder_changed(self) -> None:
        if self.session.archive is None:
            return
        if self.session.indexing or not self.session.index():
            self._update_wanted = True  # run once the current update is done

    def _after_update(self, report: UpdateReport | None) -> None:
        if report is not None and report.cancelled:
            # The user stopped indexing: starting it again at once would overrule them.
            self._update_wanted = False
        if self._update_wanted and self.folder_watcher.watching:
            self._update_wanted = False
            self.session.index()

    def _on_watch_toggled(self, on: bool) -> None:
        if self.remember:
            self.settings.setValue(WATCH_SETTING, on)
        archive = self.session.archive
        if not on:
            self.stop_watching()
        elif archive is not None and not self.folder_watcher.watching:
            self.start_watching(archive)
            self._on_folder_changed()  # what changed while it was off


def _as_bool(value: object) -> bool:
    # The INI format gives back "true" / "false" as strings.
    return value if isinstance(value, bool) else str(value).lower() not in ("false", "0", "")
