"""Reading a risky file in a child process with a time and memory budget.

The parsers behind PDF, Word, OpenDocument, EPUB, HTML, e-mail and RTF files are large
and have had bugs that loop or eat memory on a hostile file (pypdf and pdfminer have had
several; a PDF whose forms draw each other twice over takes 2**depth steps in any
reader). Recoll runs its filters the same way, in processes it can stop. Here one child
process (``python -m archiveapp.core.sandbox``) reads such files one after another:

- **time**: the caller waits ``ARCHIVEAPP_READ_SECONDS`` (default 60) for each file, then
  kills the child; the file fails with "took longer than 60 s to read, stopped" and the
  next file gets a new child. The child also arms ``alarm()`` with the default action, so
  a child whose caller died cannot spin for ever.
- **memory**: the child's address space is capped with ``RLIMIT_AS`` at
  ``ARCHIVEAPP_READ_MEMORY_MB`` (default 1024 MB; the child itself needs about 80 MB). An
  allocation past it raises MemoryError (the file fails with "needed more than 1024 MB of
  memory to read, stopped") or, inside a C library, ends the child (the file fails with
  the signal that ended it); either way the caller's memory stays as it was.

Plain text and Markdown up to 1 MB are read in the caller's process: their readers are
bounded (a 1 MB article costs under two seconds) and the 2,225-file BBC corpus, all text,
pays nothing for the sandbox. ``ARCHIVEAPP_SANDBOX=0`` reads everything in-process.

The child lives as long as it is used: it is closed after ``IDLE_S`` seconds without work
(a window kept open does not keep it), when the caller exits, or when it ran out of
memory (its heap is not worth keeping). Resource limits exist on POSIX only; elsewhere
only the time budget applies.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .frames import read_frame, write_frame
from .ingest import HEAVY_FORMATS

try:
    import resource
except ImportError:  # Windows: no resource limits, the time budget still holds
    resource = None  # type: ignore[assignment]

IN_PROCESS_MAX_BYTES = 1024 * 1024
IDLE_S = 30.0
_ENABLED_ENV = "ARCHIVEAPP_SANDBOX"
_SECONDS_ENV = "ARCHIVEAPP_READ_SECONDS"
_MEMORY_ENV = "ARCHIVEAPP_READ_MEMORY_MB"
_DEFAULT_SECONDS = 60.0
_DEFAULT_MEMORY_MB = 1024
# After its own budget the child kills itself this much later, should the caller be gone.
_ALARM_GRACE_S = 5


@dataclass(frozen=True)
class Budget:
    """What reading one file may take: wall-clock seconds and megabytes of address space."""

    seconds: float = _DEFAULT_SECONDS
    memory_mb: int = _DEFAULT_MEMORY_MB

    @classmethod
    def from_environment(cls) -> Budget:
        return cls(
            _number(_SECONDS_ENV, _DEFAULT_SECONDS), int(_number(_MEMORY_ENV, _DEFAULT_MEMORY_MB))
        )

    def timeout_reason(self) -> str:
        return f"took longer than {self.seconds:g} s to read, stopped"

    def memory_reason(self) -> str:
        return f"needed more than {self.memory_mb} MB of memory to read, stopped"


def _number(variable: str, default: float) -> float:
    try:
        value = float(os.environ.get(variable, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def wanted(path: Path, size: int) -> bool:
    """Whether reading this file goes through the sandbox: a format with a parser that
    can loop or balloon (``ingest.HEAVY_FORMATS``), or any file over 1 MB."""
    if os.environ.get(_ENABLED_ENV, "").strip() == "0":
        return False
    return path.suffix.lower() in HEAVY_FORMATS or size > IN_PROCESS_MAX_BYTES


class _Child:
    """One running sandbox process and the thread that passes its answers on."""

    def __init__(self, budget: Budget) -> None:
        package_root = str(Path(__file__).resolve().parents[2])  # so it imports this copy
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "archiveapp.core.sandbox",
                str(budget.memory_mb),
                str(int(budget.seconds) + 1),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            # What a parser logs about a broken file (pdfminer warns a lot) is not for the
            # user's terminal: the reason of a failure comes back in the answer.
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.answers: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._reader = threading.Thread(target=self._receive, name="read-sandbox", daemon=True)
        self._reader.start()

    def _receive(self) -> None:
        assert self.proc.stdout is not None
        try:
            while (answer := read_frame(self.proc.stdout)) is not None:
                self.answers.put(("answer", answer))
        except Exception:  # a half-written answer from a child that was killed
            pass
        self.answers.put(("eof", None))

    def send(self, message: Any) -> bool:
        try:
            assert self.proc.stdin is not None
            write_frame(self.proc.stdin, message)
        except (OSError, ValueError):
            return False
        return True

    def stop(self, kill: bool = False) -> int | None:
        """End the process; its exit status (negative: the signal that ended it)."""
        if kill:
            with contextlib.suppress(OSError):
                self.proc.kill()
        with contextlib.suppress(OSError):
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        try:
            status = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = self.proc.wait()
        # The process is gone, so its reader meets the end of the pipe and ends.
        self._reader.join(timeout=5)
        if self.proc.stdout is not None and not self._reader.is_alive():
            self.proc.stdout.close()
        return status


class Sandbox:
    """Reads files in a child process, one at a time, within a budget. Thread-safe."""

    def __init__(self, budget: Budget | None = None) -> None:
        self.budget = budget or Budget.from_environment()
        self._child: _Child | None = None
        self._lock = threading.Lock()
        self._idle: threading.Timer | None = None

    def read(self, folder: Path, relpath: str, state: Any) -> Any:
        """The ReadOutcome of ``folder/relpath``; never raises."""
        from .reading import ReadOutcome, read_article_here

        with self._lock:
            if self._idle is not None:
                self._idle.cancel()
            try:
                answer = self._ask((folder, relpath, state))
            except OSError:
                # No process could be started (a system out of processes or memory): read
                # here rather than not at all.
                return read_article_here(folder, relpath, state)
            finally:
                self._idle = threading.Timer(IDLE_S, self._close_if_idle)
                self._idle.daemon = True
                self._idle.start()
            if isinstance(answer, str):
                return ReadOutcome(relpath, state, error=answer)
            return answer

    def _ask(self, request: tuple[Path, str, Any]) -> Any:
        """The child's answer to ``request``, or a one-line reason why there is none.
        A child that ended between two files (idle, or after running out of memory) is
        replaced, and the request sent again, once."""
        for attempt in range(2):
            child = self._running_child()
            if not child.send(request):
                self._drop(child)
                continue
            try:
                kind, answer = child.answers.get(timeout=self.budget.seconds)
            except queue.Empty:
                self._drop(child, kill=True)
                return self.budget.timeout_reason()
            if kind == "answer":
                return answer
            status = self._drop(child)
            if status == 0 and attempt == 0:
                continue  # it had ended by itself before it saw this file
            return self._ended_reason(status)
        return "the reading process could not be started"

    def _running_child(self) -> _Child:
        if self._child is not None and self._child.proc.poll() is not None:
            self._drop(self._child)
        if self._child is None:
            self._child = _Child(self.budget)
        return self._child

    def _drop(self, child: _Child, kill: bool = False) -> int | None:
        if self._child is child:
            self._child = None
        return child.stop(kill=kill)

    def _ended_reason(self, status: int | None) -> str:
        if status is not None and status < 0:
            try:
                name = signal.Signals(-status).name
            except ValueError:
                name = f"signal {-status}"
            if -status == getattr(signal, "SIGALRM", None):
                return self.budget.timeout_reason()
            return f"its reader crashed ({name}); over the {self.budget.memory_mb} MB memory limit?"
        return f"its reader stopped unexpectedly (exit status {status})"

    def _close_if_idle(self) -> None:
        with self._lock:
            # A read that began while this timer fired has started a timer of its own.
            if self._idle is threading.current_thread() and self._child is not None:
                self._drop(self._child)

    def close(self) -> None:
        with self._lock:
            if self._idle is not None:
                self._idle.cancel()
                self._idle = None
            if self._child is not None:
                self._drop(self._child)


_shared: Sandbox | None = None
_shared_lock = threading.Lock()


def read_isolated(folder: Path, relpath: str, state: Any) -> Any:
    """Read one file in this process's shared sandbox (made on first use, with the
    budget the environment gives then)."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.budget != Budget.from_environment():
            if _shared is not None:
                _shared.close()
            _shared = Sandbox()
            atexit.register(_shared.close)
        sandbox = _shared
    return sandbox.read(folder, relpath, state)


# -- the child --------------------------------------------------------------------------


def _limit_memory(megabytes: int) -> None:
    if resource is None or not hasattr(resource, "RLIMIT_AS"):
        return
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _serve(requests: IO[bytes], answers: IO[bytes], memory_mb: int, alarm_s: int) -> None:
    from .reading import ReadOutcome, read_article_here

    budget = Budget(memory_mb=memory_mb)
    arm = getattr(signal, "alarm", None)
    while (request := read_frame(requests)) is not None:
        folder, relpath, state = request
        if arm is not None:
            arm(alarm_s + _ALARM_GRACE_S)  # default action: the process ends
        try:
            outcome = read_article_here(folder, relpath, state)
        except MemoryError:
            outcome = None
        if arm is not None:
            arm(0)
        # An allocation refused inside a C extension comes back as whatever error that
        # code raises (SystemError, a parser's "no memory" error): a failure while the
        # address space was all but full is told as what it was.
        if outcome is None or (outcome.error is not None and _used_the_limit(memory_mb)):
            write_frame(answers, ReadOutcome(relpath, state, error=budget.memory_reason()))
            return  # a heap that ran out is not worth keeping: the caller starts a new child
        write_frame(answers, outcome)


def _used_the_limit(memory_mb: int) -> bool:
    """Whether this process's address space ever came within a tenth of its limit."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmPeak:"))
    except (OSError, StopIteration, ValueError, IndexError):
        if resource is None:
            return False
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    return peak_kb >= 0.9 * memory_mb * 1024


def _main() -> None:
    memory_mb, alarm_s = int(sys.argv[1]), int(sys.argv[2])
    # Answers get the real standard output to themselves; whatever a library prints goes
    # to standard error.
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    # Imported before the limit, so the limit is what reading a file may add.
    from . import reading  # noqa: F401

    _limit_memory(memory_mb)
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
        _serve(sys.stdin.buffer, answers, memory_mb, alarm_s)
    with contextlib.suppress(OSError):
        answers.flush()
    os._exit(0)


if __name__ == "__main__":
    _main()
