"""The one task runner: every read and write of the archive runs here, off the GUI thread.

Six single-thread lanes, in the spirit of Anki's ``taskman`` (``ThreadPoolExecutor(max_
workers=1)``): the *write* lane opens, indexes and closes archives one job after another,
so there is never more than one writer (Whoosh allows one; SQLite prefers one); the *read*
lane answers the panes' queries, so the window stays usable while a re-index runs (the
store is WAL, reads never wait for the writer); the *rows* lane reads the page of rows a
pane model is about to show (milliseconds each), so scrolling never waits behind a long
search on the read lane; the *side* lane is a second reader the pane queries hand part of
their work to (the speakers pane is read beside the documents and the quotes, on the other
core); the *annotate* lane writes the user's tags,
notes and corrections one after another, so tagging never waits behind a long re-index;
the *export* lane builds and writes exports of quotes, so a long export never holds up a
pane load or an annotation. Results come back to the GUI thread through a queued signal,
and a reader job that a newer one has superseded is skipped before it runs.

Progress from ``Archive.update`` (or an export) arrives often from the worker thread; it is
throttled here to a few signals a second so the GUI thread is never flooded.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QEventLoop, QObject, Signal, SignalInstance

from ..core.model import Progress

Lane = Literal["read", "rows", "side", "write", "annotate", "export"]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]

# At most this often a progress signal reaches the GUI thread (plus the first and last).
PROGRESS_INTERVAL_S = 0.1


@dataclass(frozen=True)
class _Outcome:
    on_done: Done | None
    on_error: Failed | None
    result: Any = None
    error: BaseException | None = None


class TaskRunner(QObject):
    """Runs callables on its lanes and calls back on the GUI thread."""

    # Emitted from worker threads; Qt queues it to the thread this object lives in.
    _finished = Signal(object)
    progress = Signal(object)  # Progress, throttled
    busyChanged = Signal(bool)  # the write lane started / ran out of work

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes: dict[Lane, ThreadPoolExecutor] = {
            "read": ThreadPoolExecutor(max_workers=1, thread_name_prefix="archiveapp-read"),
            "rows": ThreadPoolExecutor(max_workers=1, thread_name_prefix="archiveapp-rows"),
            "side": ThreadPoolExecutor(max_workers=1, thread_name_prefix="archiveapp-side"),
            "write": ThreadPoolExecutor(max_workers=1, thread_name_prefix="archiveapp-write"),
            "annotate": ThreadPoolExecutor(max_workers=1, thread_name_prefix="archiveapp-annotate"),
            "export": ThreadPoolExecutor(
                max_workers=1,
                thread_name_prefix="archiveapp-export",
                initializer=_give_event_dispatcher,
            ),
        }
        self._writes_pending = 0
        self._closed = False
        # Set on shutdown: a long job (an export) polls it and stops, leaving nothing behind.
        self.stopping = threading.Event()
        self._finished.connect(self._deliver)

    def run(
        self,
        job: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        lane: Lane = "read",
        still_wanted: Callable[[], bool] | None = None,
    ) -> Future[Any]:
        """Run ``job`` on ``lane``; ``on_done(result)`` or ``on_error(exception)`` is then
        called on the GUI thread. ``still_wanted`` is asked (from the worker) just before
        the job starts: a job nobody waits for any more is skipped."""
        if self._closed:
            raise RuntimeError("the task runner is shut down")
        if lane == "write":
            self._writes_pending += 1
            if self._writes_pending == 1:
                self.busyChanged.emit(True)

        def work() -> None:
            if still_wanted is not None and not still_wanted():
                outcome = _Outcome(None, None)
            else:
                try:
                    outcome = _Outcome(on_done, on_error, result=job())
                except BaseException as error:  # delivered to on_error, never lost
                    outcome = _Outcome(on_done, on_error, error=error)
            self._finished.emit((lane, outcome))

        return self._lanes[lane].submit(work)

    def side(self) -> Executor:
        """The side lane, for a job on another lane to run part of its work beside it
        (waiting for it there, never on the GUI thread)."""
        return self._lanes["side"]

    def progress_reporter(self, signal: SignalInstance | None = None) -> Callable[[Progress], None]:
        """A callback for ``Archive.update`` that forwards throttled progress signals, on
        ``signal`` if given (an export's progress must not look like indexing) or else on
        ``progress``."""
        last = [0.0]
        target = self.progress if signal is None else signal

        def report(progress: Progress) -> None:
            now = time.monotonic()
            if progress.done in (0, progress.total) or now - last[0] >= PROGRESS_INTERVAL_S:
                last[0] = now
                target.emit(progress)

        return report

    def _deliver(self, payload: tuple[Lane, _Outcome]) -> None:
        lane, outcome = payload
        if lane == "write":
            self._writes_pending -= 1
            if self._writes_pending == 0:
                self.busyChanged.emit(False)
        if self._closed:
            return
        if outcome.error is not None:
            if outcome.on_error is not None:
                outcome.on_error(outcome.error)
            else:
                traceback.print_exception(outcome.error)
        elif outcome.on_done is not None:
            outcome.on_done(outcome.result)

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def writing(self) -> bool:
        return self._writes_pending > 0

    def shutdown(self, wait: bool = True, then: Callable[[], Any] | None = None) -> None:
        """Stop delivering results and drop queued reads and exports; let the running jobs
        end (a cancelled update stops at the next file, an export at its next progress
        report, or, if it is writing already, once its file is whole), then run ``then`` on
        the write lane (closing the archive) before the lanes stop."""
        self._closed = True
        self.stopping.set()
        self._lanes["read"].shutdown(wait=wait, cancel_futures=True)
        self._lanes["rows"].shutdown(wait=wait, cancel_futures=True)
        self._lanes["side"].shutdown(wait=wait, cancel_futures=True)
        self._lanes["export"].shutdown(wait=wait, cancel_futures=True)
        # The user's actions already asked for are written before the archive closes.
        self._lanes["annotate"].shutdown(wait=wait)
        if then is not None:
            self._lanes["write"].submit(then)
        self._lanes["write"].shutdown(wait=wait)


def _give_event_dispatcher() -> None:
    """Qt lays out ODT and PDF exports with QTextDocument, which starts timers in the thread
    that lays out a long text; a Python thread has no event dispatcher for them (Qt warns
    once per paragraph) until a QEventLoop is made in it. The dispatcher stays with the
    thread; the loop itself is never run."""
    QEventLoop()


class CancelFlag(threading.Event):
    """What ``Archive.update(cancel=...)`` polls before each file."""
