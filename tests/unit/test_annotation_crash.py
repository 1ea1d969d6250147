"""The user's work survives a killed process and a second process writing at the same time.

A writer subprocess annotates quotes in a loop and prints each action once its call has
returned; the test kills it (SIGKILL) at a random moment, then checks that the annotations
database passes SQLite's integrity check and holds everything that was reported. The default
run makes a few trials; ARCHIVEAPP_KILL_TRIALS=50 makes more.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archiveapp import Archive

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

TRIALS = int(os.environ.get("ARCHIVEAPP_KILL_TRIALS", "4"))

# Reports "tag QUOTE NAME", "note QUOTE N" or "speaker QUOTE NAME" after each call returns.
_WRITER = r"""
import sys
from archiveapp import Archive

folder, first = sys.argv[1], int(sys.argv[2])
with Archive.open(folder) as archive:
    ids = [q.id for q in archive.quotes()]
    print("ready", flush=True)
    for n in range(first, first + 100_000):
        quote = ids[n % len(ids)]
        if n % 7 == 3:
            archive.annotations.set_speaker([quote], f"Person {n}")
            print("speaker", quote, f"Person {n}", flush=True)
        elif n % 2:
            archive.annotations.set_note(quote, f"note {n}")
            print("note", quote, n, flush=True)
        else:
            archive.annotations.tag([quote], [f"t{n}"])
            print("tag", quote, f"t{n}", flush=True)
"""


def _writer(folder: Path, first: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(folder), str(first)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


class _Reported:
    """What the writers said they had done: every tag, and each quote's latest note and
    speaker (a later call may have written a newer one before the kill)."""

    def __init__(self) -> None:
        self.tags: set[tuple[str, str]] = set()
        self.notes: dict[str, int] = {}
        self.speakers: dict[str, int] = {}
        self.count = 0

    def read(self, output: str) -> None:
        # A line the kill cut short was never reported whole: only finished lines count.
        for line in output.splitlines(keepends=True):
            if not line.endswith("\n"):
                break
            kind, *rest = line.rstrip("\n").split(" ", 2)
            if kind == "tag":
                self.tags.add((rest[0], rest[1]))
            elif kind == "note":
                self.notes[rest[0]] = max(int(rest[1]), self.notes.get(rest[0], -1))
            elif kind == "speaker":
                number = int(rest[1].removeprefix("Person "))
                self.speakers[rest[0]] = max(number, self.speakers.get(rest[0], -1))
            else:
                continue
            self.count += 1

    def check(self, archive: Archive) -> None:
        annotated = {a.quote_id: a for a in archive.annotations.all()}
        missing = [(q, t) for q, t in self.tags if t not in annotated[q].tags]
        assert not missing, f"tags reported but not stored: {missing[:5]}"
        for quote, number in self.notes.items():
            assert int(annotated[quote].note.removeprefix("note ")) >= number
        for quote, number in self.speakers.items():
            stored = annotated[quote].speaker or ""
            assert int(stored.removeprefix("Person ")) >= number
            # The archive shows the correction too (an update settles what a kill cut short),
            # and so does its search index.
            shown = archive.quote(quote)
            assert shown is not None and shown.speaker == stored
            hits = archive.search(f'speaker:"{stored}"')
            assert shown.document in {h.path for h in hits}


def test_killed_writers_never_lose_an_annotation_that_was_reported(articles: Path) -> None:
    with Archive.open(articles) as archive:
        archive.update()
        data_dir = archive.data_dir
    reported = _Reported()
    rng = random.Random()
    started = time.monotonic()
    for trial in range(TRIALS):
        writer = _writer(articles, trial * 100_000)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()  # type: ignore[union-attr]
        time.sleep(rng.uniform(0.0, 0.6))
        writer.send_signal(signal.SIGKILL)
        output, errors = writer.communicate(timeout=60)
        assert writer.returncode == -signal.SIGKILL, errors
        reported.read(output)
        assert _integrity(data_dir / "annotations.sqlite3") == "ok"
        assert _integrity(data_dir / "archive.sqlite3") == "ok"
        with Archive.open(articles) as archive:
            archive.update()
            reported.check(archive)
    per_trial = (time.monotonic() - started) / max(TRIALS, 1)
    assert reported.count > TRIALS, "the writers were killed before they wrote anything"
    print(f"{TRIALS} kill trials, {reported.count} reported actions, {per_trial:.2f} s a trial")


# Tags quotes (its name, "a" or "b", in each tag), corrects speakers and writes notes; prints
# each tag once its call returned. Starts when the file GO appears, so both run at once.
_PEER = r"""
import sys, time
from pathlib import Path
from archiveapp import Archive

folder, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
with Archive.open(folder) as archive:
    ids = [q.id for q in archive.quotes()]
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.01)
    for n in range(count):
        quote = ids[n % len(ids)]
        if n % 5 == 4:
            archive.annotations.set_speaker([quote], f"{name} speaker {n}")
        else:
            archive.annotations.tag([quote], [f"{name}{n}"])
        if n % 3 == 0:
            archive.annotations.set_note(quote, f"{name} {n}")
        print("tag", quote, f"{name}{n}", flush=True)
"""


def test_two_processes_writing_at_once_keep_each_others_annotations(
    articles: Path, tmp_path: Path
) -> None:
    with Archive.open(articles) as archive:
        archive.update()
    go = tmp_path / "go"
    peers = [
        subprocess.Popen(
            [sys.executable, "-c", _PEER, str(articles), name, "60", str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for name in ("a", "b")
    ]
    for peer in peers:
        assert peer.stdout is not None and peer.stdout.readline().strip() == "ready"
    go.touch()
    outputs = []
    for peer in peers:
        output, errors = peer.communicate(timeout=300)
        assert peer.returncode == 0, errors
        outputs.append(output)
    with Archive.open(articles) as archive:
        annotated = {a.quote_id: a for a in archive.annotations.all()}
        assert archive.annotations.orphans() == []
        for output in outputs:
            lines = [line.split() for line in output.splitlines()]
            assert len(lines) == 60
            for _tag, quote, name in lines:
                if int(name[1:]) % 5 != 4:
                    assert name in annotated[quote].tags
        # Both wrote notes and speakers on the same quotes: each is one of theirs, whole, and
        # the archive shows the speaker the annotations hold.
        for annotation in annotated.values():
            assert annotation.note == "" or annotation.note.split()[0] in {"a", "b"}
            if annotation.speaker:
                assert archive.quote(str(annotation.quote_id)).speaker == annotation.speaker
        archive.update()  # writes what one left for the index while the other held it
        for annotation in annotated.values():
            if annotation.speaker:
                hits = archive.search(f'speaker:"{annotation.speaker}"')
                assert annotation.document in {h.path for h in hits}
