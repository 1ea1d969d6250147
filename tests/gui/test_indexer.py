"""Indexing in a child process: progress, cancel and errors come back; no Qt needed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from archiveapp.core.archive import Archive
from archiveapp.core.errors import ArchiveError
from archiveapp.core.model import Progress
from archiveapp.gui.indexer import index_in_child

from .test_indexing import many_articles


def test_the_child_indexes_and_reports(articles: Path, tmp_path: Path) -> None:
    seen: list[Progress] = []
    report = index_in_child(articles, tmp_path / "data", seen.append, threading.Event())
    assert sorted(report.added) == ["council/budget.md", "harbour.txt", "web/storm.html"]
    assert seen[-1] == Progress(3, 3, seen[-1].path)
    with Archive.open(articles, data_dir=tmp_path / "data") as archive:
        assert archive.is_indexed
        assert len(archive.search("ferry")) == 1


def test_cancel_reaches_the_child(tmp_path: Path) -> None:
    folder = many_articles(tmp_path / "many", 400)
    cancel = threading.Event()

    def progress(step: Progress) -> None:
        if step.done >= 1:
            cancel.set()

    report = index_in_child(folder, tmp_path / "data", progress, cancel)
    assert report.cancelled
    assert 0 < len(report.added) < 400


def test_an_error_in_the_child_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="does not exist"):
        index_in_child(tmp_path / "nowhere", tmp_path / "data", lambda _p: None, threading.Event())


def test_a_child_stuck_in_a_huge_file_is_stopped_after_the_grace_period(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archiveapp.gui import indexer

    monkeypatch.setattr(indexer, "CANCEL_GRACE_S", 0.5)
    folder = tmp_path / "huge"
    folder.mkdir()
    paragraph = "\u201cThe harbour will reopen in May,\u201d said Ada Reyes, the port director.\n\n"
    (folder / "transcript.txt").write_text("Transcript\n\n" + paragraph * 120_000, encoding="utf-8")
    cancel = threading.Event()
    started = time.monotonic()
    timer = threading.Timer(1.0, cancel.set)
    timer.start()
    report = index_in_child(folder, tmp_path / "data", lambda _p: None, cancel)
    timer.cancel()
    assert report.cancelled
    assert time.monotonic() - started < 6.0  # extracting the whole file takes far longer


def test_the_child_says_it_waits_for_another_update(articles: Path, tmp_path: Path) -> None:
    from archiveapp.core.lock import LOCK_FILE, WAITING, update_lock

    data = tmp_path / "data"
    Archive.open(articles, data_dir=data).close()
    waiting = threading.Event()
    reports = []

    def progress(step: Progress) -> None:
        if step.path == WAITING and step.total == 0:
            waiting.set()

    def run() -> None:
        reports.append(index_in_child(articles, data, progress, threading.Event()))

    child = threading.Thread(target=run)
    with update_lock(data / LOCK_FILE):  # another update holds the archive
        child.start()
        assert waiting.wait(30), "the child never said it was waiting"
        assert not reports  # and it did wait
    child.join(60)
    assert reports and len(reports[0].added) == 3
