"""Indexing survives being killed at any moment.

``archiveapp index`` runs as a real process (with its worker processes) and is killed with
SIGKILL after a random delay, trial after trial, while the folder changes between trials
(files added, edited, removed). A last run then finishes the job, and the archive must agree
with the folder exactly: every article once, each article's own phrase found in that one
article only, each quote once, and the same quotes as a fresh index of the same folder.

The default run makes a few trials per engine; ARCHIVEAPP_CRASH_TRIALS=50 makes more.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.core.search import ENGINES
from engine_helpers import need_engine

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

TRIALS = int(os.environ.get("ARCHIVEAPP_CRASH_TRIALS", "3"))
ARTICLES = 240  # above the worker threshold (48 files), so worker segments are adopted too
# Consonants only: no stemmer cuts a suffix off these words, so each stays one term.
_LETTERS = "bcdfghjkmnpqrtvwxz"
_FILLER = (
    "The council met again on Tuesday to discuss the budget for the coming year.",
    "Residents wrote letters about the state of the roads near the harbour.",
    "Officials said further talks were planned before the end of the month.",
    "The weather stayed dry for most of the week, which helped the works.",
    "A report on the matter is expected to be published in the spring.",
)


def _code(number: int) -> str:
    letters = []
    for _ in range(4):
        number, rest = divmod(number, len(_LETTERS))
        letters.append(_LETTERS[rest])
    return "".join(letters)


def phrase(code: str) -> str:
    """Two words found in one article only, one after the other."""
    return f"brn{code} trk{code}"


def quote_word(code: str) -> str:
    """A word found in one quote only."""
    return f"vlk{code}"


def article(code: str, rng: random.Random) -> str:
    filler = " ".join(rng.sample(_FILLER, 3))
    return (
        f"Plan {code} under review\n\n"
        f"{filler}\n\n"
        f"The committee looked at the {phrase(code)} proposal on Monday.\n\n"
        f"\u201cWe will finish the {quote_word(code)} project this year,\u201d said Anna "
        f"Berg, the director of works.\n\n"
        f"{rng.choice(_FILLER)}\n"
    )


@dataclass
class Corpus:
    """A folder of generated articles, and which code each file holds now."""

    folder: Path
    rng: random.Random
    codes: dict[str, str] = field(default_factory=dict)
    retired: set[str] = field(default_factory=set)  # codes no file holds any more
    counter: int = 0

    def write(self, name: str) -> None:
        if name in self.codes:
            self.retired.add(self.codes[name])
        code = _code(self.counter)
        self.counter += 1
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(code, self.rng), encoding="utf-8")
        self.codes[name] = code

    def remove(self, name: str) -> None:
        (self.folder / name).unlink()
        self.retired.add(self.codes.pop(name))

    def change(self) -> None:
        """Edit, add and remove files: sometimes enough to start the worker processes."""
        names = sorted(self.codes)
        for name in self.rng.sample(names, self.rng.choice((0, 5, 60))):
            self.write(name)
        for name in self.rng.sample(names, self.rng.randint(0, 4)):
            if name in self.codes:
                self.remove(name)
        for _ in range(self.rng.randint(0, 6)):
            self.write(f"new/{self.counter}.txt")


def make_corpus(folder: Path, count: int, seed: int) -> Corpus:
    corpus = Corpus(folder, random.Random(seed))
    for number in range(count):
        corpus.write(f"{number // 50:02d}/article-{number}.txt")
    return corpus


def index_command(folder: Path, data_dir: Path, engine: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "archiveapp",
        "index",
        str(folder),
        "--data-dir",
        str(data_dir),
        "--engine",
        engine,
    ]


@contextlib.contextmanager
def process_groups() -> Iterator[list[int]]:
    """Process groups started by a test: whatever a killed run left running (its worker
    processes) is ended when the test is done."""
    groups: list[int] = []
    try:
        yield groups
    finally:
        for group in groups:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)


def kill_at_random(command: list[str], delay_s: float, groups: list[int]) -> int | None:
    """Run ``command``; SIGKILL its main process (only: its workers are orphaned as they
    would be) after ``delay_s``. Returns its exit code when it finished first."""
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=os.environ.copy(),
    )
    groups.append(proc.pid)
    try:
        proc.wait(timeout=delay_s)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    errors = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    assert "Traceback" not in errors, errors
    return None if proc.returncode == -signal.SIGKILL else proc.returncode


def finish(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr


def quote_ids(archive: Archive) -> list[str]:
    return sorted(q.id for q in archive.quotes()) + sorted(
        q.id for q in archive.quotes(hidden=True)
    )


def assert_agrees_with_folder(archive: Archive, corpus: Corpus, fresh: Archive) -> None:
    """The archive holds exactly the folder: nothing twice, nothing missing, nothing old."""
    paths = [d.path for d in archive.documents()]
    assert sorted(paths) == sorted(corpus.codes), "documents differ from the folder"
    assert archive.counts() == fresh.counts()
    assert quote_ids(archive) == quote_ids(fresh), "quotes differ from a fresh index"
    for name, code in corpus.codes.items():
        hits = archive.search(f'"{phrase(code)}"', limit=None)
        assert [h.path for h in hits] == [name], f"{phrase(code)!r} in {name}"
        found = archive.quotes(query=quote_word(code))
        assert [q.document for q in found] == [name], f"quote {quote_word(code)!r} in {name}"
    for code in corpus.retired:
        assert archive.search(f'"{phrase(code)}"', limit=None) == [], f"stale {code}"
        assert archive.quotes(query=quote_word(code)) == [], f"stale quote {code}"


def crash_trials(
    corpus: Corpus, data_dir: Path, engine: str, trials: int, seed: int, longest_s: float
) -> None:
    """Kill ``trials`` runs of ``archiveapp index`` at random moments up to ``longest_s``,
    changing the folder before each, then let one run finish."""
    rng = random.Random(seed)
    command = index_command(corpus.folder, data_dir, engine)
    with process_groups() as groups:
        for trial in range(trials):
            if trial:
                corpus.change()
            code = kill_at_random(command, rng.uniform(0.05, longest_s), groups)
            assert code in (None, 0), f"trial {trial}: exit code {code}"
        finish(command)


@pytest.mark.parametrize("engine", ENGINES)
def test_killed_indexing_is_finished_by_the_next_run(engine: str, tmp_path: Path) -> None:
    need_engine(engine)
    corpus = make_corpus(tmp_path / "articles", ARTICLES, seed=9)
    data_dir = tmp_path / "data"
    started = time.monotonic()
    crash_trials(corpus, data_dir, engine, TRIALS, seed=90 + len(engine), longest_s=6.0)
    fresh_dir = tmp_path / "fresh"
    finish(index_command(corpus.folder, fresh_dir, engine))
    with (
        Archive.open(corpus.folder, data_dir=data_dir) as archive,
        Archive.open(corpus.folder, data_dir=fresh_dir) as fresh,
    ):
        assert archive.engine == engine
        assert not archive.is_outdated
        assert_agrees_with_folder(archive, corpus, fresh)
    print(f"{engine}: {TRIALS} kills in {time.monotonic() - started:.1f} s")


@pytest.mark.shared
@pytest.mark.parametrize("engine", ENGINES)
def test_killed_indexing_of_the_bbc_corpus(engine: str, shared: Path, tmp_path: Path) -> None:
    """The BBC corpus (2,225 articles), killed a few times (ARCHIVEAPP_CRASH_TRIALS for
    more), then finished: every article once, and each article's first sentence found in
    that article."""
    need_engine(engine)
    folder = shared / "corpus" / "bbc-news"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/bbc-news is not present")
    data_dir = tmp_path / "data"
    rng = random.Random(2225)
    command = index_command(folder, data_dir, engine)
    with process_groups() as groups:
        for _trial in range(max(1, TRIALS // 2)):
            assert kill_at_random(command, rng.uniform(0.5, 20.0), groups) in (None, 0)
        finish(command)
    with Archive.open(folder, data_dir=data_dir) as archive:
        paths = [d.path for d in archive.documents()]
        assert len(paths) == len(set(paths)) == 2225
        assert archive.counts()[0] == 2225
        assert len(set(quote_ids(archive))) == len(quote_ids(archive))
        # Each article's text searched by a phrase of its own: found, and only once.
        for path in rng.sample(sorted(paths), 150):
            words = archive.document(path).text.split()
            sentence = " ".join(w.strip('"“”.,:;!?()') for w in words[8:16])
            found = [h.path for h in archive.search(f'"{sentence}"', limit=None)]
            assert found.count(path) == 1, (path, sentence)
