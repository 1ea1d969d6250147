"""A damaged search index is found when the archive opens and rebuilt from the articles.

Real indexes on disk are damaged the ways a power cut, a full disk or a half-finished copy
leaves them: segment files cut short, emptied, garbled or gone, Whoosh's table of contents
gone or garbled, a segment half-written, Tantivy's meta.json full of garbage. The next
open says so in one line (``Archive.index_notice``, printed by the command line), the next
update rebuilds the index, every article is found again, and the annotations are all there.
"""

from __future__ import annotations

import os
import random
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_crash_index import Corpus, make_corpus, phrase, quote_word

from archiveapp import Archive
from archiveapp.core.errors import ArchiveError
from archiveapp.core.search.integrity import MANIFEST

ARTICLES = 60  # above the worker threshold: the index has the workers' segments


def index_folder(data_dir: Path, engine: str) -> Path:
    return data_dir / ("index" if engine == "whoosh" else f"index-{engine}")


@pytest.fixture
def built(engine: str, tmp_path: Path) -> tuple[Corpus, Path]:
    """An indexed archive with three annotated quotes."""
    corpus = make_corpus(tmp_path / "articles", ARTICLES, seed=4)
    data_dir = tmp_path / "data"
    with Archive.open(corpus.folder, data_dir=data_dir, engine=engine) as archive:
        archive.update()
        quotes = archive.quotes()[:3]
        archive.annotations.tag([q.id for q in quotes], ["kept"])
        archive.annotations.set_note(quotes[0].id, "my note")
    return corpus, data_dir


def annotations_of(archive: Archive) -> list[tuple[str | None, tuple[str, ...], str]]:
    return sorted((a.quote_id, a.tags, a.note) for a in archive.annotations.all())


def segment_files(folder: Path, engine: str) -> list[Path]:
    """The files of the index's segments, largest first."""
    if engine == "whoosh":
        found = [p for p in folder.glob("MAIN_*") if p.name != "MAIN_WRITELOCK"]
    else:
        found = [p for p in folder.iterdir() if len(p.stem) == 32 and p.suffix]
    return sorted(found, key=lambda p: (-p.stat().st_size, p.name))


def cut_short(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def emptied(path: Path) -> None:
    path.write_bytes(b"")


def garbled(path: Path) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(7)
    middle = len(data) // 2
    for i in range(middle, min(len(data), middle + 64)):
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))


def gone(path: Path) -> None:
    path.unlink()


def assert_rebuilt_whole(corpus: Corpus, data_dir: Path, before: list[object]) -> None:
    """What the next open and update leave: every article found, annotations all there."""
    with Archive.open(corpus.folder, data_dir=data_dir) as archive:
        assert archive.index_notice is None  # the rebuild left a sound index
        report = archive.update()
        assert not report.rebuilt_index
        for name, code in corpus.codes.items():
            assert [h.path for h in archive.search(f'"{phrase(code)}"')] == [name]
            assert [q.document for q in archive.quotes(query=quote_word(code))] == [name]
        assert annotations_of(archive) == before
        assert [q.document for q in archive.quotes(tag="kept")]
        assert archive.search("tag:kept")


def open_damaged(corpus: Corpus, data_dir: Path) -> tuple[str, list[object]]:
    """Open the damaged archive, check the notice, update; returns the notice."""
    with Archive.open(corpus.folder, data_dir=data_dir) as archive:
        notice = archive.index_notice
        assert notice is not None, "the damage was not noticed"
        assert "\n" not in notice and "damaged" in notice
        assert archive.is_outdated
        before = annotations_of(archive)
        report = archive.update()
        assert report.rebuilt_index
    return notice, before


@pytest.mark.parametrize("damage", [cut_short, emptied, garbled, gone], ids=lambda f: f.__name__)
@pytest.mark.parametrize("which", [0, -1], ids=["largest", "smallest"])
def test_a_damaged_segment_file_is_found_at_open_and_rebuilt(
    built: tuple[Corpus, Path],
    engine: str,
    damage: Callable[[Path], None],
    which: int,
) -> None:
    corpus, data_dir = built
    notes = data_dir / "annotations.sqlite3"
    inode = notes.stat().st_ino
    victim = segment_files(index_folder(data_dir, engine), engine)[which]
    damage(victim)
    notice, before = open_damaged(corpus, data_dir)
    assert str(index_folder(data_dir, engine)) in notice
    assert victim.name in notice
    assert len(before) == 3
    assert_rebuilt_whole(corpus, data_dir, before)
    assert notes.stat().st_ino == inode  # the same file, never replaced


@pytest.mark.parametrize("engine", ["whoosh"])
@pytest.mark.parametrize(
    "damage",
    [gone, garbled, emptied, cut_short],
    ids=lambda f: f.__name__,
)
def test_a_damaged_whoosh_table_of_contents_is_found(
    built: tuple[Corpus, Path], engine: str, damage: Callable[[Path], None]
) -> None:
    corpus, data_dir = built
    (toc,) = index_folder(data_dir, engine).glob("_MAIN_*.toc")
    damage(toc)
    _notice, before = open_damaged(corpus, data_dir)
    assert_rebuilt_whole(corpus, data_dir, before)


@pytest.mark.parametrize("engine", ["tantivy"])
@pytest.mark.parametrize(
    "content", [b"\x00\x01garbage{", b"", b'{"segments": [{"segment_id": 3}]}'], ids=repr
)
def test_garbage_in_tantivy_meta_json_is_found(
    built: tuple[Corpus, Path], engine: str, content: bytes
) -> None:
    corpus, data_dir = built
    (index_folder(data_dir, engine) / "meta.json").write_bytes(content)
    notice, before = open_damaged(corpus, data_dir)
    assert "meta.json" in notice
    assert_rebuilt_whole(corpus, data_dir, before)


@pytest.mark.parametrize("engine", ["whoosh"])
def test_a_half_written_whoosh_segment_is_no_damage(
    built: tuple[Corpus, Path], engine: str
) -> None:
    """A segment a killed writer left half-written, which no table of contents names yet:
    the index is sound, and the stray files go at the next commit."""
    corpus, data_dir = built
    folder = index_folder(data_dir, engine)
    for source in segment_files(folder, engine)[:3]:
        stray = folder / ("MAIN_halfwrittenxxxxxx" + source.name[len("MAIN_") + 16 :])
        stray.write_bytes(source.read_bytes()[:100])
    with Archive.open(corpus.folder, data_dir=data_dir) as archive:
        assert archive.index_notice is None
        assert not archive.is_outdated
        code = corpus.codes[sorted(corpus.codes)[0]]
        assert len(archive.search(f'"{phrase(code)}"')) == 1
    corpus.write(sorted(corpus.codes)[0])  # a change, and so a commit
    with Archive.open(corpus.folder, data_dir=data_dir) as archive:
        archive.update()
    assert not list(folder.glob("MAIN_halfwritten*"))


def test_an_index_without_a_manifest_is_checked_by_opening_it(
    built: tuple[Corpus, Path], engine: str
) -> None:
    """An index written before manifests existed (or by a process killed between its
    commit and its manifest) is checked by opening its segments."""
    corpus, data_dir = built
    folder = index_folder(data_dir, engine)
    (folder / MANIFEST).unlink()
    with Archive.open(corpus.folder, data_dir=data_dir) as archive:
        assert archive.index_notice is None  # sound: no false alarm
    (folder / MANIFEST).unlink(missing_ok=True)
    emptied(segment_files(folder, engine)[0])
    _notice, before = open_damaged(corpus, data_dir)
    assert_rebuilt_whole(corpus, data_dir, before)


def test_a_deleted_manifest_or_a_new_commit_is_no_false_alarm(
    built: tuple[Corpus, Path], engine: str
) -> None:
    corpus, data_dir = built
    for _ in range(2):
        corpus.write(sorted(corpus.codes)[1])
        with Archive.open(corpus.folder, data_dir=data_dir) as archive:
            assert archive.index_notice is None
            assert not archive.update().rebuilt_index


def test_a_search_that_meets_damage_says_so_and_the_next_update_rebuilds(
    built: tuple[Corpus, Path], engine: str
) -> None:
    """Damage the open-time check cannot see (no manifest, and the garbled file is one the
    engines read only for a hit: the stored ids) shows up in a search: one line, and the
    index is rebuilt next time."""
    corpus, data_dir = built
    folder = index_folder(data_dir, engine)
    (folder / MANIFEST).unlink()
    stored = "*_stored.col" if engine == "whoosh" else "*.store"
    for path in folder.glob(stored):
        if engine == "whoosh":  # every stored entry garbled, the ends of the file kept
            data = path.read_bytes()
            path.write_bytes(data[:16] + bytes(len(data) - 32) + data[-16:])
        else:  # a few bytes of a block: Tantivy checks its files' footers when it opens them
            data = bytearray(path.read_bytes())
            data[len(data) // 4 : len(data) // 4 + 64] = bytes(64)
            path.write_bytes(bytes(data))
    with Archive.open(corpus.folder, data_dir=data_dir) as archive:
        # Tantivy's segments differ from run to run (two writer threads): now and then the
        # zeroed bytes fall where its open reads, and the damage is found at open instead.
        if engine == "whoosh" or archive.index_notice is None:
            assert archive.index_notice is None  # opening it found nothing wrong
            with pytest.raises(ArchiveError, match="damaged") as raised:
                archive.search("committee", limit=None)
            assert "\n" not in str(raised.value)
        assert archive.index_notice is not None
        assert archive.is_outdated
        before = annotations_of(archive)
        assert archive.update().rebuilt_index
    assert_rebuilt_whole(corpus, data_dir, before)


def test_the_command_line_says_it_in_one_line_and_rebuilds(
    built: tuple[Corpus, Path], engine: str
) -> None:
    corpus, data_dir = built
    emptied(segment_files(index_folder(data_dir, engine), engine)[0])
    name, code = sorted(corpus.codes.items())[0]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "archiveapp",
            "search",
            str(corpus.folder),
            f'"{phrase(code)}"',
            "--data-dir",
            str(data_dir),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    damaged = [line for line in run.stderr.splitlines() if "damaged" in line]
    assert len(damaged) == 1 and damaged[0].startswith("archiveapp: the search index in")
    assert name in run.stdout
    tags = subprocess.run(
        [
            sys.executable,
            "-m",
            "archiveapp",
            "tags",
            str(corpus.folder),
            "--data-dir",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert tags.returncode == 0 and "kept" in tags.stdout


# -- a read-only data folder and a full disk ------------------------------------------------


def _namespaces_work() -> bool:
    """Whether this machine lets a user namespace mount (a tmpfs, a read-only bind)."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "true"],
        capture_output=True,
        timeout=30,
        check=False,
    )
    return probe.returncode == 0


def _in_namespace(script: str) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a mount namespace of its own: its mounts vanish with it."""
    return subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _cli_line(*args: str) -> str:
    return " ".join(shlex.quote(a) for a in [sys.executable, "-m", "archiveapp", *args])


def _one_error_line(output: str, says: str) -> None:
    assert "Traceback" not in output, output
    errors = [line for line in output.splitlines() if line.startswith("archiveapp: error:")]
    assert len(errors) == 1 and says in errors[0], output


@pytest.mark.parametrize("engine", ["whoosh"])
def test_a_read_only_data_folder_gives_one_line_and_keeps_everything(
    built: tuple[Corpus, Path], engine: str
) -> None:
    corpus, data_dir = built
    corpus.write("new/late.txt")
    index = _cli_line("index", str(corpus.folder), "--data-dir", str(data_dir))
    if os.geteuid() != 0:  # permission bits hold for everyone but root
        data_dir.chmod(0o555)
        try:
            run = subprocess.run(index, shell=True, capture_output=True, text=True, check=False)
        finally:
            data_dir.chmod(0o755)
        output, code = run.stderr, run.returncode
    else:  # root ignores them: a read-only mount instead
        if not _namespaces_work():
            pytest.skip("no user namespaces here to mount the data folder read-only")
        quoted = shlex.quote(str(data_dir))
        run = _in_namespace(
            f"mount --bind {quoted} {quoted} && mount -o remount,bind,ro {quoted} && "
            f"{index}; echo rc=$?"
        )
        output, code = run.stderr, int(run.stdout.strip().splitlines()[-1].removeprefix("rc="))
    assert code != 0
    _one_error_line(output, "read-only")
    del corpus.codes["new/late.txt"]  # not indexed: the archive is as it was
    with Archive.open(corpus.folder, data_dir=data_dir) as archive:
        assert [q.document for q in archive.quotes(tag="kept")]
        for name, code_ in corpus.codes.items():
            assert [h.path for h in archive.search(f'"{phrase(code_)}"')] == [name]


@pytest.mark.parametrize("engine", ["whoosh"])
def test_a_full_disk_gives_one_line_and_keeps_the_annotations(
    built: tuple[Corpus, Path], engine: str, tmp_path: Path
) -> None:
    """On a real full disk: a small tmpfs mounted in a user namespace, filled up."""
    if not _namespaces_work():
        pytest.skip("no user namespaces here to mount a small tmpfs")
    corpus, seed = built
    for n in range(60):  # enough to need the workers and a good deal of room
        corpus.write(f"new/{n}.txt")
    mount = tmp_path / "mnt"
    mount.mkdir()
    data = mount / "data"
    m, d = shlex.quote(str(mount)), shlex.quote(str(data))
    filler = shlex.quote(str(mount / "filler"))
    index = _cli_line("index", str(corpus.folder), "--data-dir", str(data))
    tags = _cli_line("tags", str(corpus.folder), "--data-dir", str(data))
    script = f"""
        mount -t tmpfs -o size=16m tmpfs {m} || exit 99
        cp -r {shlex.quote(str(seed))} {d}
        used=$(du -sk {m} | cut -f1)
        dd if=/dev/zero of={filler} bs=4k count=$(( (16384 - used - 256) / 4 )) 2>/dev/null
        {index}; echo "full=$?"
        before=$(ls {shlex.quote(str(data / "index"))} | wc -l)
        truncate -s -1M {filler}
        {index} 2>&1 | grep "too full" | sed 's/^/nearly full: /'
        echo "index files=$(ls {shlex.quote(str(data / "index"))} | wc -l) of $before"
        echo "--- tags" >&2
        {tags}
        rm {filler}
        {index} >/dev/null; echo "freed=$?"
        echo "--- tags again"
        {tags}
        {
        _cli_line(
            "search",
            str(corpus.folder),
            f'"{phrase(corpus.codes["new/0.txt"])}"',
            "--data-dir",
            str(data),
        )
    }
    """
    run = _in_namespace(script)
    assert "full=" in run.stdout, run.stderr
    results = dict(
        line.split("=", 1)
        for line in run.stdout.splitlines()
        if line.startswith(("full=", "freed="))
    )
    assert results["full"] != "0", run.stdout
    # With a megabyte free, the next update must not empty an index it has no room to
    # rebuild: it says so and keeps it.
    assert "nearly full: archiveapp: error: the disk holding" in run.stdout, run.stdout
    (kept,) = [line for line in run.stdout.splitlines() if line.startswith("index files=")]
    count, before = kept.removeprefix("index files=").split(" of ")
    assert count == before and int(count) > 2, run.stdout
    _one_error_line(run.stderr.split("--- tags")[0], "No space left")
    # With no room left at all, SQLite cannot even make its shared-memory file to read:
    # then it says so in one line. Once there is room, everything is there.
    on_full_disk = run.stderr.split("--- tags")[1]
    if "kept" not in run.stdout.split("--- tags again")[0]:
        _one_error_line(on_full_disk, "is full")
    assert "kept" in run.stdout.split("--- tags again")[1], "the annotations were lost"
    assert results["freed"] == "0", run.stderr
    assert "new/0.txt" in run.stdout, "the next run with room did not finish the job"
