"""Indexing in a child process, driven from the task runner's write lane.

Why a process and not just the worker thread: Python threads share one GIL, and a single
long C call in the indexer holds it throughout — Whoosh sorts all of a commit's postings
with one ``list.sort`` (about half a second for the 2,225 BBC articles), during which the
GUI thread could not run at all (benchmarks/gui_stall.py measured a 480 ms stall). In a
child process the indexer has a GIL of its own.

The child is ``python -m archiveapp.gui.indexer FOLDER DATA_DIR`` rather than a
multiprocessing "spawn" process, which would re-import the caller's ``__main__`` — any
script that calls ``create_main_window`` without an ``if __name__ == "__main__"`` guard
would run again inside it. It talks JSON lines on stdout (progress, then the report) and
stops at the next file when it reads ``cancel`` (or end of file) on stdin.

The write lane still runs one indexing at a time (one writer). No Qt here.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..core.errors import ArchiveError
from ..core.model import FileError, Progress, UpdateReport

# How often the child reports progress (the GUI side throttles again).
CHILD_PROGRESS_INTERVAL_S = 0.05
# The child's niceness: on a two-core laptop the indexer must not take the core the window
# needs to answer (it would still get any core the window leaves idle).
CHILD_NICENESS = 10


def index_in_child(
    folder: Path,
    data_dir: Path,
    report: Callable[[Progress], None],
    cancel: threading.Event,
    rebuild: bool = False,
) -> UpdateReport:
    """``Archive.update`` of ``folder`` run in a child process; ``cancel`` stops it at the
    next file, as it would in-process."""
    package_root = str(Path(__file__).resolve().parents[2])  # so the child imports this copy
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    command = [sys.executable, "-m", "archiveapp.gui.indexer", str(folder), str(data_dir)]
    child = subprocess.Popen(
        [*command, "--rebuild"] if rebuild else command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
        encoding="utf-8",
    )
    assert child.stdin is not None and child.stdout is not None
    watcher = threading.Thread(target=_pass_on_cancel, args=(cancel, child), daemon=True)
    watcher.start()
    result: UpdateReport | None = None
    error: str | None = None
    try:
        for line in child.stdout:
            message = json.loads(line)
            if "progress" in message:
                report(Progress(*message["progress"]))
            elif "waiting" in message:  # nothing counted yet, and why: shown as it is
                report(Progress(0, 0, message["waiting"]))
            elif "done" in message:
                result = _report_from_json(message["done"])
            elif "error" in message:
                error = message["error"]
    finally:
        code = child.wait()
        _close(child)
    if result is not None:
        return result
    if cancel.is_set():  # stopped after the grace period: what it committed is kept
        return UpdateReport(cancelled=True)
    raise ArchiveError(error or f"the indexing process ended unexpectedly (exit status {code})")


# How long a cancelled child may take to reach the end of its current file. Past it (a
# huge file, a slow disk) it is stopped: every file it finished is committed, and an index
# it leaves half-written is rebuilt from the store by the next update.
CANCEL_GRACE_S = 5.0


def _pass_on_cancel(cancel: threading.Event, child: subprocess.Popen[str]) -> None:
    while child.poll() is None:
        if cancel.wait(0.05):
            try:
                assert child.stdin is not None
                child.stdin.write("cancel\n")
                child.stdin.flush()
            except (OSError, ValueError):
                pass  # it has just finished
            try:
                child.wait(CANCEL_GRACE_S)
            except subprocess.TimeoutExpired:
                child.terminate()
            return


def _close(child: subprocess.Popen[str]) -> None:
    for stream in (child.stdin, child.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass


def _report_from_json(data: dict[str, object]) -> UpdateReport:
    failed = tuple(FileError(**f) for f in data.pop("failed"))  # type: ignore[arg-type, union-attr]
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return UpdateReport(failed=failed, **fields)  # type: ignore[arg-type]


# -- the child ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m archiveapp.gui.indexer")
    parser.add_argument("folder")
    parser.add_argument("data_dir")
    parser.add_argument("--rebuild", action="store_true")
    options = parser.parse_args(argv)
    _be_nice()
    stop = threading.Event()
    threading.Thread(target=_read_cancel, args=(stop,), daemon=True).start()
    out = sys.stdout
    last = [0.0]

    def send(message: dict[str, object]) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    def progress(step: Progress) -> None:
        now = time.monotonic()
        if step.done in (0, step.total) or now - last[0] >= CHILD_PROGRESS_INTERVAL_S:
            last[0] = now
            send({"progress": [step.done, step.total, step.path]})

    from ..core.archive import Archive  # the child only: the window never needs it here
    from ..core.lock import WAITING, update_in_progress

    if update_in_progress(Path(options.data_dir)):  # the CLI, or another window
        send({"waiting": WAITING})
    try:
        with Archive.open(options.folder, data_dir=options.data_dir) as archive:
            result = archive.update(progress=progress, cancel=stop, rebuild=options.rebuild)
        send({"done": dataclasses.asdict(result)})
    except Exception as error:  # the parent shows it in one line
        text = str(error).strip() or type(error).__name__
        send({"error": text.splitlines()[0]})
        return 1
    return 0


def _be_nice() -> None:
    # Not on this system, or not allowed: it runs as it is.
    with contextlib.suppress(AttributeError, OSError):
        os.nice(CHILD_NICENESS)


def _read_cancel(stop: threading.Event) -> None:
    """``cancel`` on stdin, or stdin closing (the app went away), stops the update."""
    for line in sys.stdin:
        if line.strip() == "cancel":
            break
    stop.set()


if __name__ == "__main__":
    sys.exit(main())
