"""Reading an archive in worker processes gives what reading it in one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.core import parallel_read
from archiveapp.core.model import Progress

NAMES = ["Ada Brun", "Tomas Berg", "Nora Vidal", "Ivo Marsh", "Lena Holm", "Omar Reyes"]
TOPICS = ["ferry", "harbour", "school", "budget", "bridge", "library", "market", "clinic"]


def _write_folder(folder: Path, count: int) -> Path:
    """``count`` short invented articles, each with one quote, in a few sub-folders."""
    for n in range(count):
        name = NAMES[n % len(NAMES)]
        topic = TOPICS[n % len(TOPICS)]
        path = folder / f"part{n % 3}" / f"article{n:03}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"The {topic} plan, part {n}\n\n"
            f"The council met on Monday to discuss the {topic} plan number {n}.\n\n"
            f"“We will finish the {topic} works before winter, whatever it costs,” "
            f"said {name}, the council’s {topic} officer.\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers even for a small folder, two of them."""
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_FILES", 4)
    monkeypatch.setenv("ARCHIVEAPP_WORKERS", "2")


def _summary(archive: Archive) -> tuple[object, ...]:
    quotes = sorted((q.id, q.document, q.speaker) for q in archive.quotes())
    found = sorted(h.path for h in archive.search("ferry", limit=None))
    phrase = sorted(h.path for h in archive.search('"school works"', limit=None))
    spoken = sorted(q.id for q in archive.quotes(query="speaker:vidal"))
    return archive.counts(), quotes, found, phrase, spoken


def test_workers_give_what_one_process_gives(
    tmp_path: Path, parallel: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _write_folder(tmp_path / "articles", 60)
    with Archive.open(folder, data_dir=tmp_path / "parallel") as archive:
        report = archive.update()
        in_workers = _summary(archive)
    monkeypatch.setenv("ARCHIVEAPP_WORKERS", "0")
    with Archive.open(folder, data_dir=tmp_path / "serial") as archive:
        archive.update()
        in_one = _summary(archive)
    assert len(report.added) == 60 and not report.failed
    assert in_workers == in_one
    assert in_workers[0] == (60, len(NAMES), 60)
    assert len(in_workers[2]) == 60 // len(TOPICS) + 1 and in_workers[3] and in_workers[4]


def test_a_cancelled_update_keeps_what_it_read_and_the_next_finishes(
    tmp_path: Path, parallel: None
) -> None:
    folder = _write_folder(tmp_path / "articles", 80)
    seen: list[Progress] = []

    def stop_early() -> bool:
        return len(seen) > 10

    with Archive.open(folder, data_dir=tmp_path / "data") as archive:
        first = archive.update(progress=seen.append, cancel=stop_early)
        assert first.cancelled and 10 <= len(first.added) < 80
        kept = archive.counts()[0]
        assert kept == len(first.added)
        assert len(archive.search("plan", limit=None)) == kept
        second = archive.update()
        assert len(second.added) == 80 - kept
        assert archive.counts()[0] == 80
        assert len(archive.search("plan", limit=None)) == 80


def test_workers_that_cannot_start_leave_the_reading_to_the_caller(
    tmp_path: Path, parallel: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _write_folder(tmp_path / "articles", 20)
    monkeypatch.setattr(parallel_read.sys, "executable", shutil.which("false") or "/bin/false")
    with Archive.open(folder, data_dir=tmp_path / "data") as archive:
        report = archive.update()
        assert len(report.added) == 20 and not report.cancelled
        assert len(archive.search("council", limit=None)) == 20


def test_a_tagged_quote_read_again_in_a_worker_keeps_its_tag_and_correction(
    tmp_path: Path, parallel: None
) -> None:
    folder = _write_folder(tmp_path / "articles", 30)
    with Archive.open(folder, data_dir=tmp_path / "data") as archive:
        archive.update()
        quote = archive.quotes(document="part0/article000.txt")[0]
        archive.annotations.tag([quote.id], ["works"])
        archive.annotations.set_speaker([quote.id], "Rita Calder")
        for path in folder.rglob("*.txt"):  # every file edited: all read again, in workers
            path.write_text(path.read_text(encoding="utf-8") + "\nA line added.\n", "utf-8")
        report = archive.update(rebuild=True)
        assert len(report.changed) == 30
        tagged = archive.quotes(tag="works")
        assert [q.id for q in tagged] == [quote.id]
        assert tagged[0].speaker == "Rita Calder"
        assert [q.id for q in archive.quotes(query="speaker:calder")] == [quote.id]
        # Indexed once, corrected: no entry under the extracted speaker is left behind.
        assert quote.id not in {q.id for q in archive.quotes(query="speaker:brun")}
