"""The annotations database is backed up on a schedule and before migrations, and a
damaged one is refused as it is, never overwritten, with the newest backup offered and a
command to restore it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.core.annotations import backups
from archiveapp.core.annotations.store import MIGRATIONS, AnnotationStore
from archiveapp.core.errors import ArchiveError, StoreError


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tagged(archive: Archive, tag: str) -> list[str]:
    return sorted(q.id for q in archive.quotes(tag=tag))


@pytest.fixture
def annotated(articles: Path, tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """An indexed archive with two tagged quotes and a note; returns (folder, data dir,
    the tagged quote ids)."""
    data_dir = tmp_path / "data"
    with Archive.open(articles, data_dir=data_dir) as archive:
        archive.update()
        ids = sorted(q.id for q in archive.quotes())[:2]
        archive.annotations.tag(ids, ["evidence"])
        archive.annotations.set_note(ids[0], "check the source")
    return articles, data_dir, ids


def _age(path: Path, days: float) -> None:
    then = (datetime.now(UTC) - timedelta(days=days)).timestamp()
    os.utime(path, (then, then))


# -- backups ------------------------------------------------------------------------


def test_opening_makes_a_backup_once_a_day(annotated: tuple[Path, Path, list[str]]) -> None:
    folder, data_dir, ids = annotated
    database = data_dir / "annotations.sqlite3"
    with Archive.open(folder, data_dir=data_dir):
        pass
    first = backups.backups(database)
    assert len(first) == 1, "the first open with annotations makes one"
    with Archive.open(folder, data_dir=data_dir):
        pass
    assert backups.backups(database) == first, "not again on the same day"
    _age(first[0], 1.5)
    with Archive.open(folder, data_dir=data_dir):
        pass
    assert len(backups.backups(database)) == 2
    # A backup is a whole database with the annotations in it, not a WAL-dependent copy.
    with sqlite3.connect(backups.latest_backup(database)) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tagged = copy.execute("SELECT quote_id FROM anchors WHERE quote_id IS NOT NULL")
        assert sorted(r[0] for r in tagged) == ids
    assert not list(backups.backup_folder(database).glob("*.tmp"))


def test_an_empty_database_is_not_backed_up(articles: Path, tmp_path: Path) -> None:
    with Archive.open(articles, data_dir=tmp_path / "data") as archive:
        archive.update()
    assert backups.backups(tmp_path / "data" / "annotations.sqlite3") == []


def test_backups_are_rotated(tmp_path: Path) -> None:
    database = tmp_path / "annotations.sqlite3"
    store = AnnotationStore(database)
    store.create_tag("one", None)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    made = [backups.make_backup(database, now=start + timedelta(days=n)) for n in range(14)]
    store.close()
    kept = backups.backups(database)
    assert kept == list(reversed(made))[: backups.KEEP]
    assert all(p.is_file() for p in kept) and not any(p.exists() for p in made[:4])


def test_a_backup_is_made_before_every_migration(tmp_path: Path) -> None:
    database = tmp_path / "annotations.sqlite3"
    store = AnnotationStore(database)
    store.create_tag("structure", None)
    store.close()

    class NextVersion(AnnotationStore):
        migrations = (*MIGRATIONS, "ALTER TABLE tags ADD COLUMN description TEXT")

    NextVersion(database).close()
    before = [p for p in backups.backups(database) if f"before-v{len(MIGRATIONS) + 1}" in p.name]
    assert len(before) == 1
    with sqlite3.connect(before[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert copy.execute("SELECT name FROM tags").fetchall() == [("structure",)]


# -- a damaged database ------------------------------------------------------------------


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _zero_length(path: Path) -> None:
    path.write_bytes(b"")


def _not_a_database(path: Path) -> None:
    path.write_text("tags: evidence\n", encoding="utf-8")


def _garbled_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:8192] = os.urandom(4096)  # the second page, header intact
    path.write_bytes(bytes(data))


DAMAGES = [_garbage, _truncated, _zero_length, _not_a_database, _garbled_pages]


def _grow(archive: Archive, ids: list[str]) -> None:
    """Enough notes that the file has pages beyond the first few to damage."""
    for n in range(40):
        archive.annotations.set_note(ids[1], f"note {n} " + "words " * 200)


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__.strip("_"))
def test_a_damaged_database_is_refused_kept_and_restored(
    annotated: tuple[Path, Path, list[str]], damage: Callable[[Path], None]
) -> None:
    folder, data_dir, ids = annotated
    database = data_dir / "annotations.sqlite3"
    with Archive.open(folder, data_dir=data_dir) as archive:  # makes the day's backup
        _grow(archive, ids)
    newest = backups.latest_backup(database)
    assert newest is not None
    damage(database)
    damaged = _digest(database)
    with pytest.raises(ArchiveError) as raised:
        Archive.open(folder, data_dir=data_dir)
    message = str(raised.value)
    assert "\n" not in message
    assert str(database) in message and "damaged" in message and str(newest) in message
    assert "archiveapp annotations restore" in message
    assert _digest(database) == damaged, "the damaged file was changed"
    with pytest.raises(ArchiveError):  # and again: it is never "repaired" by an open
        Archive.open(folder, data_dir=data_dir)
    assert _digest(database) == damaged

    used, aside = backups.restore_archive_annotations(data_dir)
    assert used == newest
    assert aside is not None and _digest(aside) == damaged, "the damaged file is kept aside"
    with Archive.open(folder, data_dir=data_dir) as archive:
        assert _tagged(archive, "evidence") == ids
        assert archive.quote(ids[0]).note == "check the source"


def test_without_a_backup_the_message_says_so(articles: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database = data_dir / "annotations.sqlite3"
    _not_a_database(database)
    with pytest.raises(StoreError, match="there is no backup of it") as raised:
        Archive.open(articles, data_dir=data_dir)
    assert "\n" not in str(raised.value)
    assert database.read_text(encoding="utf-8") == "tags: evidence\n"


def test_an_empty_file_without_backups_is_a_new_database(articles: Path, tmp_path: Path) -> None:
    """What a first open killed before it wrote anything leaves: nothing was there to lose."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "annotations.sqlite3").write_bytes(b"")
    with Archive.open(articles, data_dir=data_dir) as archive:
        assert archive.annotations.all() == []


def test_corrections_made_after_the_backup_leave_the_archive_when_it_is_restored(
    annotated: tuple[Path, Path, list[str]],
) -> None:
    """The archive shows what the restored annotations say, not what the lost ones did."""
    folder, data_dir, ids = annotated
    with Archive.open(folder, data_dir=data_dir) as archive:
        original = archive.quote(ids[1]).speaker
        archive.annotations.set_speaker([ids[1]], "Someone Later")
        assert archive.quote(ids[1]).speaker == "Someone Later"
    backup = backups.latest_backup(data_dir / "annotations.sqlite3")
    assert backup is not None  # taken at the first open, before the correction
    _garbage(data_dir / "annotations.sqlite3")
    backups.restore_archive_annotations(data_dir, backup)
    with Archive.open(folder, data_dir=data_dir) as archive:
        assert archive.quote(ids[1]).speaker == original
        assert archive.search('speaker:"Someone Later"') == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archiveapp", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=os.environ.copy(),
    )


def test_the_command_line_refuses_then_restores(annotated: tuple[Path, Path, list[str]]) -> None:
    folder, data_dir, _ids = annotated
    database = data_dir / "annotations.sqlite3"
    with Archive.open(folder, data_dir=data_dir):
        pass
    _garbage(database)
    refused = _cli("tags", str(folder), "--data-dir", str(data_dir))
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "annotations restore" in refused.stderr

    restored = _cli("annotations", "restore", str(folder), "--data-dir", str(data_dir))
    assert restored.returncode == 0, restored.stderr
    assert "kept as" in restored.stdout
    assert len(list(data_dir.glob("annotations.sqlite3.damaged-*"))) == 1
    listed = _cli("tags", str(folder), "--data-dir", str(data_dir))
    assert listed.returncode == 0 and "evidence" in listed.stdout


def test_restoring_from_a_file_that_is_no_backup_changes_nothing(
    annotated: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    folder, data_dir, _ids = annotated
    database = data_dir / "annotations.sqlite3"
    before = _digest(database)
    bogus = tmp_path / "bogus.sqlite3"
    _not_a_database(bogus)
    run = _cli(
        "annotations", "restore", str(folder), "--data-dir", str(data_dir), "--from", str(bogus)
    )
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "cannot be restored" in run.stderr
    assert _digest(database) == before
    assert not list(data_dir.glob("annotations.sqlite3.damaged-*"))
