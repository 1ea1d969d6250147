"""Reading many files on every core: worker processes read, extract and (for engines that
allow it) index into segments of their own, while the caller stores what they send back.

Whoosh is pure Python: its analysis and posting writes hold one core. Run in the workers,
next to reading and extraction, they use all of them; the caller's single writer then only
adds the workers' finished segments to the index (the way Whoosh's own multi-process
writer does with ``multisegment=True``).

A worker is ``python -m archiveapp.core.parallel_read``, talking length-prefixed pickles
on its standard input and output, rather than a multiprocessing process: "fork" is unsafe
in the GUI's process (it has threads), and "spawn" or "forkserver" import the caller's
``__main__`` again in every worker, so a user's script calling ``Archive.update`` at its
top level would run once more in each.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from .frames import read_frame as _read_frame
from .frames import write_frame as _write_frame
from .reading import ReadOutcome, read_article
from .store import FileState

# Below this many files the start of the workers (about half a second: each imports the
# extractor and Whoosh) costs more than it saves.
PARALLEL_MIN_FILES = 48
_CHUNK = 8  # files per task: small enough for a prompt cancel, large enough to amortise
_POLL_S = 0.5


class SegmentSink(Protocol):
    def add(self, outcome: ReadOutcome) -> None: ...

    def finish(self) -> list[Any]: ...


class SegmentSpec(Protocol):
    """Picklable: tells a worker how to open its own segment of the index."""

    def open(self) -> SegmentSink: ...


def worker_count() -> int:
    """Processes to read with: ``ARCHIVEAPP_WORKERS`` when set (0 or 1: read in the calling
    process), else one per core, at most four."""
    wanted = os.environ.get("ARCHIVEAPP_WORKERS")
    if wanted is not None and wanted.strip().isdigit():
        return int(wanted)
    return min(os.cpu_count() or 1, 4)


@dataclass
class PoolResult:
    """What the workers left for the caller once every outcome was delivered."""

    segments: list[Any] = field(default_factory=list)
    # Files a worker indexed into a segment that never arrived (the worker died): the caller
    # must index them itself.
    lost: list[str] = field(default_factory=list)


def read_in_parallel(
    folder: Path,
    files: Sequence[tuple[str, FileState]],
    workers: int,
    spec: SegmentSpec | None,
    may_index: Callable[[ReadOutcome], bool] | None,
    should_stop: Callable[[], bool],
    result: PoolResult,
    before_waiting: Callable[[], None] = lambda: None,
) -> Iterator[ReadOutcome]:
    """Yield the outcome of every file, in the order they finish. When ``should_stop``
    turns true no more files are handed out; those already handed out still come back.
    ``may_index`` runs in the workers (it must be picklable): files it refuses are left
    for the caller to index. ``result`` is filled at the end. ``before_waiting`` is
    called whenever no outcome is ready and the caller would wait for the workers."""
    inbox: queue.Queue[tuple[str, int, Any]] = queue.Queue()
    procs = [_start_worker(number, folder, spec, may_index, inbox) for number in range(workers)]
    chunks = [list(files[i : i + _CHUNK]) for i in range(0, len(files), _CHUNK)]
    handed = 0
    in_flight = [0] * workers
    stopping = False
    finished: set[int] = set()
    indexed_by: dict[int, list[str]] = {n: [] for n in range(workers)}
    returned: set[str] = set()
    try:
        while len(finished) < workers:
            if inbox.empty():
                before_waiting()
            for number, proc in enumerate(procs):
                while not stopping and in_flight[number] < 2 and handed < len(chunks):
                    if number in finished or not _send(proc, chunks[handed]):
                        break
                    handed += 1
                    in_flight[number] += 1
            if not stopping and (handed == len(chunks) or should_stop()):
                stopping = True
                for proc in procs:
                    _send(proc, None)
            try:
                kind, number, payload = inbox.get(timeout=_POLL_S)
            except queue.Empty:
                continue
            if kind == "chunk":
                in_flight[number] -= 1
                for outcome in payload:
                    if outcome.indexed:
                        indexed_by[number].append(outcome.relpath)
                    returned.add(outcome.relpath)
                    yield outcome
            elif kind == "done":  # the worker's finished segments
                finished.add(number)
                result.segments.extend(payload or ())
            elif number not in finished:  # "eof": the worker died or never started
                finished.add(number)
                result.lost.extend(indexed_by[number])
    finally:
        for proc in procs:
            _stop(proc)
    # Files handed to a worker that died (or failed to start) are read here, one by one.
    for relpath, state in files:
        if relpath not in returned:
            before_waiting()
            if should_stop():
                return
            yield read_article(folder, relpath, state)


def _start_worker(
    number: int,
    folder: Path,
    spec: SegmentSpec | None,
    may_index: Callable[[ReadOutcome], bool] | None,
    inbox: queue.Queue[tuple[str, int, Any]],
) -> subprocess.Popen[bytes]:
    package_root = str(Path(__file__).resolve().parents[2])  # so the worker imports this copy
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    proc = subprocess.Popen(
        [sys.executable, "-m", "archiveapp.core.parallel_read"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    _send(proc, (folder, spec, may_index))
    reader = threading.Thread(
        target=_receive, args=(proc, number, inbox), name=f"read-worker-{number}", daemon=True
    )
    reader.start()
    return proc


def _send(proc: subprocess.Popen[bytes], message: Any) -> bool:
    """Write one message; False when the worker is gone."""
    try:
        assert proc.stdin is not None
        _write_frame(proc.stdin, message)
    except (BrokenPipeError, OSError, ValueError):
        return False
    return True


def _receive(proc: subprocess.Popen[bytes], number: int, inbox: queue.Queue[Any]) -> None:
    """Pass every message of one worker to the caller's inbox, then "eof"."""
    assert proc.stdout is not None
    try:
        while (message := _read_frame(proc.stdout)) is not None:
            kind, payload = message
            inbox.put((kind, number, payload))
            if kind == "done":
                return
    except (OSError, EOFError, ValueError, pickle.UnpicklingError):  # ValueError: closed by _stop
        pass
    inbox.put(("eof", number, None))


def _stop(proc: subprocess.Popen[bytes]) -> None:
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class _CallerGone(Exception):
    """The caller's end of the pipe closed without the final None: it was killed."""


def _work(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """A worker's life: read the files of each task, index what it may, and at the end
    send its finished segments."""
    start = _read_frame(stdin)
    if start is None:
        return
    folder, spec, may_index = start
    sink = spec.open() if spec is not None else None
    # The caller sends None when there is no more work. The end of the stream without it
    # means the caller was killed: no segment is finished for an index nobody will adopt.
    while (chunk := _read_frame(stdin, at_end=_CallerGone)) is not None:
        if chunk is _CallerGone:
            raise _CallerGone
        outcomes = []
        for relpath, state in chunk:
            outcome = read_article(folder, relpath, state)
            wanted = may_index is None or may_index(outcome)
            if sink is not None and outcome.document is not None and wanted:
                try:
                    sink.add(outcome)
                    outcome.indexed = True
                except Exception:  # a bug on one odd file: the caller indexes it instead
                    outcome.indexed = False
            outcomes.append(outcome)
        _write_frame(stdout, ("chunk", outcomes))
    _write_frame(stdout, ("done", sink.finish() if sink is not None else []))


def _main() -> None:
    # The messages get the real standard output to themselves; anything a library prints
    # goes to standard error instead of into the middle of a message.
    messages = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        _work(sys.stdin.buffer, messages)
        messages.flush()
    except (_CallerGone, BrokenPipeError):
        # The caller was killed: end quietly, without a traceback on the user's terminal.
        os._exit(1)


if __name__ == "__main__":
    _main()
