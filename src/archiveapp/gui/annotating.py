"""The user's actions on annotations, with undo and redo.

Each action runs on the task runner's annotate lane (the archive writes one transaction and
hands back a ``Change``); when it is done, the change goes on a ``QUndoStack`` and
``changed`` tells the window to reload what it shows. Undo and redo send the change back to
the archive on the same lane, so they are ordered with the actions around them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.annotations.changes import Change
from ..core.errors import one_line
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..core.archive import Archive  # loads on the write lane, after the first paint

# How often the window asks whether another window or the command line wrote annotations.
POLL_INTERVAL_MS = 2000

Action = Callable[["Archive"], Change]


class _ChangeCommand(QUndoCommand):
    """A done action on the undo stack. Qt calls redo() when it is pushed; the archive
    has done the work already by then, so that first call does nothing."""

    def __init__(self, controller: AnnotationController, change: Change) -> None:
        super().__init__(change.label)
        self.controller = controller
        self.change = change
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.controller._send(lambda archive: archive.annotations.redo(self.change), self.change)

    def undo(self) -> None:
        self.controller._send(lambda archive: archive.annotations.undo(self.change), self.change)


class AnnotationController(QObject):
    changed = Signal(object)  # the Change done, undone or redone
    failed = Signal(str)  # one line for the status bar
    notice = Signal(str)  # something the user should know, for the status bar
    changedElsewhere = Signal()  # another program wrote annotations of this archive

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.archive: Archive | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self._pending = 0
        self._polling = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self._check_elsewhere)

    def set_archive(self, archive: Archive | None) -> None:
        """Another archive: the undo history belonged to the one before."""
        self.archive = archive
        self.undo_stack.clear()
        if archive is None:
            self._poll.stop()
        else:
            self._poll.start()

    def catch_up(self) -> None:
        """Take what has been written so far as seen (after the window's own indexer ran,
        whose placing of annotations is not someone else's change)."""
        archive = self.archive
        if archive is not None and not self.runner.closed:
            self.runner.run(archive.annotations.changed_elsewhere, lane="annotate")

    def stop_polling(self) -> None:
        self._poll.stop()

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(self, action: Action) -> None:
        """Do ``action`` on the archive; once done it can be undone."""
        archive = self.archive
        if archive is None or self.runner.closed:
            self.failed.emit("No archive is open")
            return

        def done(change: Change) -> None:
            self._pending -= 1
            if archive is not self.archive:
                return
            if not change.empty:
                self.undo_stack.push(_ChangeCommand(self, change))
            self.changed.emit(change)

        self._pending += 1
        self.runner.run(lambda: action(archive), done, self._on_error, lane="annotate")

    def _send(self, job: Callable[[Archive], int], change: Change) -> None:
        archive = self.archive
        if archive is None or self.runner.closed:
            return

        def done(kept: int) -> None:
            self._pending -= 1
            if archive is not self.archive:
                return
            if kept:
                self.notice.emit(
                    f"{change.label}: {kept} part(s) were changed since in another window or "
                    "the command line; that change was kept"
                )
            self.changed.emit(change)

        self._pending += 1
        self.runner.run(lambda: job(archive), done, self._on_error, lane="annotate")

    def _on_error(self, error: BaseException) -> None:
        self._pending -= 1
        self.failed.emit(one_line(error))

    def _check_elsewhere(self) -> None:
        archive = self.archive
        if archive is None or self._polling or self.runner.closed:
            return
        self._polling = True

        def done(changed: bool) -> None:
            self._polling = False
            if changed and archive is self.archive:
                self.changedElsewhere.emit()

        def failed(_error: BaseException) -> None:
            self._polling = False

        # On the annotate lane, in order with this window's own writes.
        self.runner.run(archive.annotations.changed_elsewhere, done, failed, lane="annotate")
