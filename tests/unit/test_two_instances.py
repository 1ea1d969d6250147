"""Two archiveapps on one archive: the window and the command line, or two commands.

Real processes throughout. A helper process runs a real ``Archive.update`` and pauses it
half-way (in its progress callback) until the test lets it go, so "while the other one
writes" is a state the test holds, not a race it hopes to hit. What must hold: a second
update waits and says so in one line; reads answer meanwhile; annotations written
meanwhile are all there afterwards; never a traceback.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.core.errors import ArchiveError
from archiveapp.core.lock import LOCK_FILE, update_in_progress, update_lock
from conftest import write_articles

# Generous: each bound only proves that nothing hangs.
BOUND_S = 60

# Opens the archive and updates it, pausing after the first file until a line on stdin.
_PAUSED_UPDATE = r"""
import sys
from archiveapp import Archive

folder, data_dir, engine, rebuild = sys.argv[1:5]
paused = []

def progress(step):
    if step.done >= 1 and not paused:
        paused.append(step.path)
        print("paused", flush=True)
        sys.stdin.readline()

with Archive.open(folder, data_dir=data_dir, engine=engine) as archive:
    report = archive.update(progress=progress, rebuild=rebuild == "rebuild")
print("done", len(report.changed) + len(report.added), flush=True)
"""

# Holds the update lock, as an update does, until a line on stdin.
_HOLDER = r"""
import sys
from pathlib import Path
from archiveapp.core.lock import LOCK_FILE, update_lock

with update_lock(Path(sys.argv[1]) / LOCK_FILE):
    print("held", flush=True)
    sys.stdin.readline()
print("released", flush=True)
"""


class Child:
    """A subprocess whose output lines are read on threads, so a test can wait for one
    line with a time limit (a pipe read alone would block for ever)."""

    def __init__(self, args: list[str]) -> None:
        self.process = subprocess.Popen(
            args,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=os.environ.copy(),
        )
        self.lines: dict[str, queue.Queue[str]] = {"out": queue.Queue(), "err": queue.Queue()}
        self.seen: dict[str, list[str]] = {"out": [], "err": []}
        self._pumps = [
            threading.Thread(target=self._pump, args=(name, stream), daemon=True)
            for name, stream in (("out", self.process.stdout), ("err", self.process.stderr))
        ]
        for pump in self._pumps:
            pump.start()

    def _pump(self, name: str, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines[name].put(line)

    def wait_for(self, text: str, stream: str = "out") -> str:
        deadline = time.monotonic() + BOUND_S
        while time.monotonic() < deadline:
            try:
                line = self.lines[stream].get(timeout=0.2)
            except queue.Empty:
                assert self.process.poll() is None or not self.lines[stream].empty(), (
                    f"ended before {text!r}: {self.rest()}"
                )
                continue
            self.seen[stream].append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} within {BOUND_S} s: {self.seen}")

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def finish(self) -> tuple[int, str, str]:
        """Exit status, and everything it wrote."""
        code = self.process.wait(BOUND_S)
        for pump in self._pumps:  # their last lines
            pump.join(BOUND_S)
        return code, *self.rest()

    def rest(self) -> tuple[str, str]:
        for name in ("out", "err"):
            while not self.lines[name].empty():
                self.seen[name].append(self.lines[name].get())
        return "".join(self.seen["out"]), "".join(self.seen["err"])

    def close(self) -> None:
        """Killed if still running (a test that failed half-way), and its pipes closed."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(BOUND_S)
        for pump in self._pumps:  # they end at the pipes' end of file
            pump.join(BOUND_S)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "archiveapp", *args]


def _engine(name: str) -> str:
    if name == "tantivy":
        pytest.importorskip("tantivy")
    return name


@pytest.fixture(params=["whoosh", "tantivy"])
def indexed(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, Path, str]]:
    """(folder, data folder, engine) of an indexed archive of the shared test articles."""
    engine = _engine(request.param)
    folder = write_articles(tmp_path / "articles")
    data_dir = tmp_path / "data"
    with Archive.open(folder, data_dir=data_dir, engine=engine) as archive:
        archive.update()
    yield folder, data_dir, engine


@pytest.fixture
def children() -> Iterator[list[Child]]:
    """Every child a test starts, killed if the test fails half-way."""
    started: list[Child] = []
    yield started
    for child in started:
        child.close()


def _start(children: list[Child], args: list[str]) -> Child:
    child = Child(args)
    children.append(child)
    return child


def _quote_ids(folder: Path, data_dir: Path) -> list[str]:
    with Archive.open(folder, data_dir=data_dir) as archive:
        return [q.id for q in archive.quotes()]


def test_while_one_updates_commands_wait_with_a_line_and_annotations_written_meanwhile_stay(
    indexed: tuple[Path, Path, str], children: list[Child]
) -> None:
    folder, data_dir, engine = indexed
    first, second, third, *_ = _quote_ids(folder, data_dir)
    data = ["--data-dir", str(data_dir)]
    updating = _start(
        children,
        [sys.executable, "-c", _PAUSED_UPDATE, str(folder), str(data_dir), engine, "rebuild"],
    )
    updating.wait_for("paused")  # holding the update lock, its index half-rebuilt
    assert update_in_progress(data_dir)

    # Commands that need the archive up to date wait for it, and say so at once.
    waiting = {
        "index": _start(children, _cli("index", str(folder), *data)),
        "search": _start(children, _cli("search", str(folder), "harbour", *data)),
        "quotes": _start(children, _cli("quotes", str(folder), "--query", "harbour", *data)),
        "tag": _start(children, _cli("tag", str(folder), first, "from-the-cli", *data)),
        "note": _start(children, _cli("note", str(folder), second, "cli note", *data)),
    }
    for name, child in waiting.items():
        line = child.wait_for("another archiveapp is updating this archive; waiting", "err")
        assert line.startswith("archiveapp: "), name
        assert child.process.poll() is None, f"{name} did not wait"

    # The Python API reads while the other process writes, and annotates: these
    # annotations go into the annotations database at once; the index catches up when
    # the update ends.
    with Archive.open(folder, data_dir=data_dir) as archive:
        assert archive.quotes(), "the store is readable during the update"
        assert isinstance(archive.search("harbour"), list)
        archive.annotations.tag([first], ["meanwhile"])
        archive.annotations.set_note(third, "written during the update")
        archive.annotations.set_speaker([third], "Marta Quell")

    updating.release()
    code, out, err = updating.finish()
    assert code == 0 and "done" in out, err
    for name, child in waiting.items():
        code, out, err = child.finish()
        assert code == 0, f"{name}: {err}"
        assert "Traceback" not in err, f"{name}: {err}"

    with Archive.open(folder, data_dir=data_dir) as archive:
        tagged = archive.quote(first)
        noted = archive.quote(third)
        assert tagged is not None and {"meanwhile", "from-the-cli"} <= set(tagged.tags)
        assert archive.quote(second) is not None and archive.quote(second).note == "cli note"
        assert noted is not None and noted.note == "written during the update"
        # The correction reached the store and the search index, rebuilt meanwhile.
        assert noted.speaker == "Marta Quell"
        assert noted.document in {hit.path for hit in archive.search('speaker:"Marta Quell"')}
        assert {q.id for q in archive.quotes(query="tag:meanwhile")} == {first}


def test_reads_and_annotations_go_ahead_while_the_lock_is_held(
    indexed: tuple[Path, Path, str], children: list[Child]
) -> None:
    """An archive that is up to date is read at once, whoever holds the update lock; an
    annotation's index write is left to the holder's update."""
    folder, data_dir, _engine_name = indexed
    first, *_ = _quote_ids(folder, data_dir)
    data = ["--data-dir", str(data_dir)]
    holder = _start(children, [sys.executable, "-c", _HOLDER, str(data_dir)])
    holder.wait_for("held")
    for args in (
        ("search", str(folder), "harbour"),
        ("quotes", str(folder), "--speaker", "Reyes"),
        ("speakers", str(folder)),
        ("tag", str(folder), first, "while-held"),
    ):
        done = subprocess.run(
            _cli(*args, *data), capture_output=True, text=True, timeout=BOUND_S, check=False
        )
        assert done.returncode == 0, done.stderr
        assert "waiting" not in done.stderr and "Traceback" not in done.stderr
        assert done.stdout.strip()
    with Archive.open(folder, data_dir=data_dir) as archive:
        archive.annotations.set_speaker([first], "Omar Haddad")
    holder.release()
    assert holder.finish()[0] == 0
    done = subprocess.run(
        _cli("index", str(folder), *data), capture_output=True, text=True, timeout=BOUND_S
    )
    assert done.returncode == 0, done.stderr
    with Archive.open(folder, data_dir=data_dir) as archive:
        quote = archive.quote(first)
        assert quote is not None and "while-held" in quote.tags
        assert quote.speaker == "Omar Haddad"
        assert quote.document in {hit.path for hit in archive.search('speaker:"Omar Haddad"')}


def test_a_second_update_runs_once_the_first_is_done(
    indexed: tuple[Path, Path, str], children: list[Child]
) -> None:
    folder, data_dir, engine = indexed
    (folder / "late.txt").write_text(
        "Late news\n\n\u201cWe waited our turn,\u201d said Pia Lund.\n", encoding="utf-8"
    )
    updating = _start(
        children,
        [sys.executable, "-c", _PAUSED_UPDATE, str(folder), str(data_dir), engine, "update"],
    )
    updating.wait_for("paused")
    second = _start(children, _cli("index", str(folder), "--data-dir", str(data_dir)))
    second.wait_for("waiting", "err")
    updating.release()
    assert updating.finish()[0] == 0
    code, out, err = second.finish()
    assert code == 0 and "Traceback" not in err
    assert "Nothing changed" in out  # the first did the work; the second found it done
    with Archive.open(folder, data_dir=data_dir) as archive:
        assert "late.txt" in {hit.path for hit in archive.search("turn")}


def test_a_wait_that_lasts_too_long_ends_in_one_line(tmp_path: Path, children: list[Child]) -> None:
    holder = _start(children, [sys.executable, "-c", _HOLDER, str(tmp_path)])
    holder.wait_for("held")
    assert update_in_progress(tmp_path)
    started = time.monotonic()
    with pytest.raises(ArchiveError) as refused, update_lock(tmp_path / LOCK_FILE, wait_s=0.3):
        pass
    assert time.monotonic() - started < BOUND_S
    message = str(refused.value)
    assert "another archiveapp is updating this archive" in message and "\n" not in message
    holder.release()
    assert holder.finish()[0] == 0
    assert not update_in_progress(tmp_path)
    with update_lock(tmp_path / LOCK_FILE, wait_s=0.0):
        assert update_in_progress(tmp_path)  # this process's own hold counts too


def test_a_lock_left_by_a_killed_process_is_free(tmp_path: Path, children: list[Child]) -> None:
    holder = _start(children, [sys.executable, "-c", _HOLDER, str(tmp_path)])
    holder.wait_for("held")
    holder.process.kill()
    holder.process.wait(BOUND_S)
    assert not update_in_progress(tmp_path)
    with update_lock(tmp_path / LOCK_FILE, wait_s=0.0):
        pass
