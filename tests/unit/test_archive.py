"""Archive end to end on real files, a real SQLite store and a real Whoosh index."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.core.errors import FolderNotFoundError, QueryError
from archiveapp.core.location import sample_archive_path
from archiveapp.core.lock import update_lock
from archiveapp.core.model import Progress


@pytest.fixture
def archive(articles: Path):
    with Archive.open(articles) as opened:
        opened.update()
        yield opened


def _bump_mtime(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def test_first_update_reads_everything_and_second_touches_nothing(articles: Path) -> None:
    seen: list[Progress] = []
    with Archive.open(articles) as archive:
        first = archive.update(progress=seen.append)
        assert sorted(first.added) == ["council/budget.md", "harbour.txt", "web/storm.html"]
        assert seen[-1] == Progress(3, 3, seen[-1].path) and seen[0].done == 0
        second = archive.update()
    assert second.nothing_changed and second.unchanged == 3
    assert (articles / ".archiveapp" / "archive.sqlite3").is_file()


def test_touched_but_unedited_file_counts_as_unchanged(archive: Archive, articles: Path) -> None:
    _bump_mtime(articles / "harbour.txt")
    assert archive.update().nothing_changed


def test_edited_file_is_reread_and_unedited_quotes_keep_their_ids(
    archive: Archive, articles: Path
) -> None:
    before = {q.text: q.id for q in archive.quotes(document="harbour.txt")}
    path = articles / "harbour.txt"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n\u201cWe will rebuild the pier next spring,\u201d said Marchetti.\n",
        encoding="utf-8",
    )
    _bump_mtime(path)
    report = archive.update()
    assert report.changed == ("harbour.txt",) and not report.added
    after = {q.text: q.id for q in archive.quotes(document="harbour.txt")}
    assert len(after) == len(before) + 1
    assert all(after[text] == quote_id for text, quote_id in before.items())
    assert archive.quotes(query="pier spring")


def test_deleted_file_leaves_store_and_index(archive: Archive, articles: Path) -> None:
    assert archive.search("ferry")
    (articles / "web/storm.html").unlink()
    assert archive.update().removed == ("web/storm.html",)
    assert archive.search("ferry") == []
    assert all(q.document != "web/storm.html" for q in archive.quotes())


def test_unreadable_file_is_listed_once_and_retried_when_fixed(
    archive: Archive, articles: Path
) -> None:
    bad = articles / "broken.md"
    bad.write_text("---\ntitle: [oops\n---\nBody.\n", encoding="utf-8")
    report = archive.update()
    assert [f.path for f in report.failed] == ["broken.md"]
    assert "\n" not in report.failed[0].message
    assert archive.update().nothing_changed  # an unchanged broken file is not read again
    assert [f.path for f in archive.failures()] == ["broken.md"]
    bad.write_text("---\ntitle: Fixed\n---\n\nBody text.\n", encoding="utf-8")
    _bump_mtime(bad)
    assert archive.update().added == ("broken.md",)
    assert archive.failures() == []


def test_one_speaker_per_person_across_documents(archive: Archive) -> None:
    marchetti = archive.find_speakers("Ilse Marchetti")
    assert [s.name for s in marchetti] == ["Ilse Marchetti"]
    assert marchetti[0].documents == 3  # full name, surname only, and "Dr Marchetti"
    assert marchetti[0].role and "engineer" in marchetti[0].role
    reyes = archive.find_speakers("Reyes")[0]
    assert (reyes.name, reyes.documents, reyes.quotes) == ("Tomasz Reyes", 2, 2)
    assert len({s.name for s in archive.speakers()}) == len(archive.speakers())


def test_quotes_narrowed_by_speaker_document_and_query(archive: Archive) -> None:
    by_surname = archive.quotes(speaker="Marchetti")
    assert by_surname and {q.speaker for q in by_surname} == {"Ilse Marchetti"}
    assert {q.document for q in by_surname} == {
        "harbour.txt",
        "council/budget.md",
        "web/storm.html",
    }
    in_budget = archive.quotes(document="council/budget.md")
    assert {q.document for q in in_budget} == {"council/budget.md"} and len(in_budget) == 2
    berth = archive.quotes(query="berth")
    assert [q.speaker for q in berth] == ["Tomasz Reyes"]
    assert archive.quotes(speaker="Nobody Atall") == []
    for quote in archive.quotes():
        text = archive.document(quote.document).text
        assert text[quote.start : quote.end] == quote.text


def test_search_ranks_documents_with_highlighted_snippets(archive: Archive) -> None:
    hits = archive.search("harbour wall")
    assert hits and hits[0].path == "harbour.txt"
    first = hits[0]
    marked = [first.snippet[s:e].lower() for s, e in first.highlights]
    assert "harbour" in marked and "wall" in marked
    assert {h.path for h in archive.search("speaker:Reyes")} == {"harbour.txt", "council/budget.md"}
    assert [h.path for h in archive.search("date:2025-06")] == ["council/budget.md"]
    assert [h.path for h in archive.search('title:"ferry line"')] == ["web/storm.html"]
    assert {h.path for h in archive.search("barrier*")} == {"council/budget.md"}
    with pytest.raises(QueryError):
        archive.search("harbour AND (wall")


def test_index_of_another_schema_version_is_rebuilt_from_the_store(archive: Archive) -> None:
    archive._store.set_meta("index_schema", "0")
    report = archive.update()
    assert report.rebuilt_index and not report.added and not report.changed
    assert [h.path for h in archive.search("ferry")] == ["web/storm.html"]
    assert archive.quotes(query="berth")


def test_interrupted_update_leaves_an_index_that_is_rebuilt(archive: Archive) -> None:
    archive._store.set_meta("index_dirty", "1")
    assert archive.update().rebuilt_index
    assert archive.search("ferry")


def test_cancel_keeps_what_was_done_and_the_next_update_finishes(articles: Path) -> None:
    stop = threading.Event()

    def cancel_after_first(progress: Progress) -> None:
        if progress.done >= 1:
            stop.set()

    with Archive.open(articles) as archive:
        report = archive.update(progress=cancel_after_first, cancel=stop)
        assert report.cancelled and len(report.added) == 1
        assert len(archive.documents()) == 1
        rest = archive.update()
        assert len(rest.added) == 2 and not rest.cancelled
        assert len(archive.search("*", limit=None)) == 3


def test_rebuild_rereads_every_file_and_keeps_quote_ids(archive: Archive) -> None:
    ids = sorted(q.id for q in archive.quotes())
    report = archive.update(rebuild=True)
    assert len(report.changed) == 3
    assert sorted(q.id for q in archive.quotes()) == ids


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FolderNotFoundError, match="does not exist"):
        Archive.open(tmp_path / "nope")


def test_read_only_folder_keeps_its_data_in_the_user_folder(
    articles: Path, _private_home: Path
) -> None:
    for folder in [articles, *[p for p in articles.rglob("*") if p.is_dir()]]:
        folder.chmod(0o555)
    try:
        with Archive.open(articles) as archive:
            assert archive.data_note and "not writable" in archive.data_note
            assert _private_home in archive.data_dir.parents
            assert len(archive.update().added) == 3
        assert not (articles / ".archiveapp").exists()
    finally:
        for folder in [articles, *[p for p in articles.rglob("*") if p.is_dir()]]:
            folder.chmod(0o755)


def test_explicit_data_dir_inside_the_folder_is_not_indexed(articles: Path) -> None:
    with Archive.open(articles, data_dir=articles / "data") as archive:
        archive.update()
        assert (articles / "data" / "archive.sqlite3").is_file()
        assert len(archive.documents()) == 3


def test_sample_archive_is_never_written_into(_private_home: Path) -> None:
    sample = sample_archive_path()
    before = sorted(p.relative_to(sample) for p in sample.rglob("*"))
    with Archive.open(sample) as archive:
        assert _private_home in archive.data_dir.parents
        report = archive.update()
    assert len(report.added) >= 12 and not report.failed
    assert sorted(p.relative_to(sample) for p in sample.rglob("*")) == before


def test_an_unchanged_second_update_writes_nothing(archive: Archive) -> None:
    database = archive.data_dir / "archive.sqlite3"
    index_files = sorted((archive.data_dir / "index").iterdir())
    changes_before = archive._store.db.total_changes
    assert archive.update().nothing_changed
    assert archive._store.db.total_changes == changes_before
    assert sorted((archive.data_dir / "index").iterdir()) == index_files
    assert database.is_file()


def test_relative_document_paths_are_read_against_the_folder_not_the_cwd(
    archive: Archive, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "web").mkdir(parents=True)
    (elsewhere / "web/storm.html").write_text("<p>not this one</p>", encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    assert archive.document("web/storm.html").title == "Storm closes ferry line"
    assert archive.document(str(articles / "web/storm.html")).title == "Storm closes ferry line"


def test_search_can_leave_snippets_after_the_first_hits(archive: Archive) -> None:
    full = archive.search("harbour OR ferry OR flood", limit=None)
    partial = archive.search("harbour OR ferry OR flood", limit=None, snippet_limit=1)
    assert len(full) == len(partial) >= 2
    assert [h.path for h in full] == [h.path for h in partial]
    assert partial[0].snippet == full[0].snippet and all(h.snippet == "" for h in partial[1:])


def test_archive_from_an_older_extractor_is_read_again(archive: Archive) -> None:
    ids = sorted(q.id for q in archive.quotes())
    archive._store.set_meta("extractor_version", "0")
    report = archive.update()
    assert report.reextracted and len(report.changed) == 3
    assert sorted(q.id for q in archive.quotes()) == ids
    assert archive.update().nothing_changed


def test_a_bug_on_one_file_is_listed_and_the_rest_is_indexed(
    articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archiveapp.core import ingest

    real = ingest.READERS[".md"]

    def broken(data: bytes, relpath: str):  # stands for a reader bug on one odd file
        if relpath == "council/budget.md":
            raise ValueError("unexpected table layout\nsecond line")
        return real(data, relpath)

    monkeypatch.setitem(ingest.READERS, ".md", broken)
    with Archive.open(articles) as archive:
        report = archive.update()
        assert sorted(report.added) == ["harbour.txt", "web/storm.html"]
        assert [(f.path, f.message) for f in report.failed] == [
            ("council/budget.md", "ValueError: unexpected table layout")
        ]


def test_a_cancelled_rebuild_still_leaves_every_document_searchable(archive: Archive) -> None:
    stop = threading.Event()

    def cancel_after_first(progress: Progress) -> None:
        if progress.done >= 1:
            stop.set()

    report = archive.update(progress=cancel_after_first, cancel=stop, rebuild=True)
    assert report.cancelled and len(report.changed) == 1
    assert len(archive.search("*", limit=None)) == 3
    assert archive.quotes(query="berth") and archive.search("ferry")


def test_counts_agree_with_the_listings(archive: Archive) -> None:
    assert archive.counts() == (
        len(archive.documents()),
        len(archive.speakers()),
        len(archive.quotes()),
    )


def test_a_quote_repeated_with_other_line_breaks_gets_its_own_id(tmp_path: Path) -> None:
    folder = tmp_path / "repeat"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Council vote\n\n\u201cWe will win this vote,\u201d said Ann Holm, the mayor.\n\n"
        "Later she said it again. \u201cWe will  win this vote,\u201d said Ann Holm.\n",
        encoding="utf-8",
    )
    with Archive.open(folder) as archive:
        report = archive.update()
        assert report.added == ("a.txt",) and not report.failed
        ids = [q.id for q in archive.quotes()]
        assert len(ids) == 2 and len(set(ids)) == 2


def test_fifos_and_undecodable_names_do_not_stop_the_others(articles: Path) -> None:
    os.mkfifo(articles / "pipe.txt")  # reading it would block forever
    bad_name = os.fsdecode(b"caf\xe9-notes.txt")  # Latin-1 bytes in a UTF-8 file system
    (articles / bad_name).write_text("Title\n\nText.", encoding="utf-8")
    with Archive.open(articles) as archive:
        report = archive.update()
        assert len(report.added) == 3
        (failure,) = report.failed
        assert "not valid UTF-8" in failure.message and failure.path.startswith("caf")


def test_a_deleted_index_folder_is_rebuilt_by_the_next_update(archive: Archive) -> None:
    import shutil as _shutil

    archive.close()
    _shutil.rmtree(archive.data_dir / "index")
    with Archive.open(archive.folder) as reopened:
        report = reopened.update()
        assert report.rebuilt_index and not report.added
        assert [h.path for h in reopened.search("ferry")] == ["web/storm.html"]
        assert reopened.update().nothing_changed


_SECOND_PROCESS = """
import sys
from pathlib import Path
from archiveapp.core.errors import ArchiveError
from archiveapp.core.lock import update_lock
try:
    with update_lock(Path(sys.argv[1]), wait_s=0.3):
        pass
except ArchiveError as error:
    print(error)
    sys.exit(3)
"""


def test_an_update_in_another_process_waits_for_the_lock(archive: Archive) -> None:
    lock = archive.data_dir / "update.lock"
    with update_lock(lock):
        result = subprocess.run(
            [sys.executable, "-c", _SECOND_PROCESS, str(lock)], capture_output=True, text=True
        )
    assert result.returncode == 3 and "another archiveapp is updating" in result.stdout
    assert archive.update().nothing_changed  # released: the next update goes through


def test_quotes_limit_keeps_the_best_of_many_even_when_some_are_hidden(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):
        (folder / f"pier-{n:02d}.txt").write_text(
            f"Harbour notes {n}\n\n"
            f"\u201cThe pier needs {n} new planks before the tide turns,\u201d said Ana Ruiz, "
            "the harbour master.\n",
            encoding="utf-8",
        )
    with Archive.open(folder, data_dir=tmp_path / "data") as archive:
        archive.update()
        everything = archive.quotes(query='speaker:"Ana Ruiz"')
        assert len(everything) == 60
        best = archive.quotes(query='speaker:"Ana Ruiz"', limit=20)
        assert [q.id for q in best] == [q.id for q in everything[:20]]
        archive.annotations.set_not_a_quote([q.id for q in everything[:30]])
        after = archive.quotes(query='speaker:"Ana Ruiz"', limit=20)
        assert [q.id for q in after] == [q.id for q in everything[30:50]]
        # The first slice read from the store (50 of them) is all hidden: the next one
        # gives the five.
        archive.annotations.set_not_a_quote([q.id for q in everything[30:55]])
        last = archive.quotes(query='speaker:"Ana Ruiz"', limit=5)
        assert [q.id for q in last] == [q.id for q in everything[55:]]
        assert len(archive.quotes(limit=3)) == 3


def test_refilling_the_index_from_the_store_reports_progress_and_stops_when_cancelled(
    archive: Archive, articles: Path
) -> None:
    # A new engine's index is filled from the store without reading a file.
    data = archive.data_dir
    archive.close()
    seen: list[Progress] = []
    with Archive.open(articles, data_dir=data, engine="tantivy") as switched:
        stop = threading.Event()

        def cancel_after_first(progress: Progress) -> None:
            seen.append(progress)
            if progress.done == 1:
                stop.set()

        assert switched.update(progress=cancel_after_first, cancel=stop).cancelled
        assert [(p.done, p.total) for p in seen] == [(0, 0), (0, 3), (1, 3)]
        assert len(switched.search("*", limit=None)) == 1
        # Unfinished: the next update fills it up.
        assert switched.update().nothing_changed
        assert len(switched.search("*", limit=None)) == 3
