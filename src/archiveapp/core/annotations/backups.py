"""Backups of the annotations database, and telling a damaged one from a sound one.

The annotations are the one part of an archive nothing can rebuild. So, as QualCoder and
MAXQDA do with their projects, copies are kept in ``DATA_DIR/backups/``: when the database
is opened and the newest copy is more than a day old, and before every migration. The
newest ``KEEP`` copies are kept. Each is written with SQLite's backup API (a consistent
copy even while another program writes) into a temporary file that is renamed when whole.

A damaged database is never repaired, rewritten or replaced by the program on its own: it
is refused with one line naming the newest backup, and ``archiveapp annotations restore``
puts a backup in its place, keeping the damaged file aside under another name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..errors import StoreError
from .changes import mark_unsettled

BACKUP_FOLDER = "backups"
KEEP = 10
DUE_AFTER = timedelta(days=1)
_PREFIX = "annotations-"
_SUFFIX = ".sqlite3"
_HEADER = b"SQLite format 3\x00"


class AnnotationsDamagedError(StoreError):
    """The annotations database cannot be read: left as it is, a backup is offered."""


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_FOLDER


def backups(database: Path) -> list[Path]:
    """The backups of ``database``, newest first."""
    folder = backup_folder(database)
    try:
        found = [p for p in folder.iterdir() if p.name.startswith(_PREFIX) and p.suffix == _SUFFIX]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def latest_backup(database: Path) -> Path | None:
    found = backups(database)
    return found[0] if found else None


def make_backup(database: Path, reason: str = "scheduled", now: datetime | None = None) -> Path:
    """A whole, consistent copy of ``database`` in the backup folder; the oldest copies
    beyond ``KEEP`` are removed. Raises OSError or sqlite3.Error when it cannot be written."""
    folder = backup_folder(database)
    folder.mkdir(exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{_PREFIX}{stamp}-{reason}{_SUFFIX}"
    temporary = target.with_name(target.name + ".tmp")
    copy_database(database, temporary)
    os.replace(temporary, target)
    for old in backups(database)[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def copy_database(source: Path, target: Path) -> None:
    """Copy with SQLite's backup API: pages written by another connection meanwhile are
    copied again, so the copy is one consistent state of the database."""
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    origin = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            origin.backup(copy)
            # A rollback journal, not WAL: the copy is one self-contained file.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    finally:
        origin.close()


def backup_if_due(database: Path, held: int, now: datetime | None = None) -> Path | None:
    """A scheduled backup when the newest is older than a day (or there is none) and the
    database holds something (``held`` rows of the user's). Never fails: a backup that
    cannot be written (a full disk, a read-only folder) waits for the next open."""
    if held <= 0:
        return None
    now = now or datetime.now(UTC)
    newest = latest_backup(database)
    if newest is not None:
        try:
            written = datetime.fromtimestamp(newest.stat().st_mtime, UTC)
        except OSError:
            written = None
        if written is not None and now - written < DUE_AFTER:
            return None
    try:
        return make_backup(database, "scheduled", now)
    except (OSError, sqlite3.Error):
        return None


def problem_with(database: Path) -> str | None:
    """What makes ``database`` unreadable (None: it reads). Looks only, never writes:
    the header, then SQLite's quick check on a read-only connection."""
    try:
        size = database.stat().st_size
    except FileNotFoundError:
        return None  # a new archive: the database is created
    except OSError as error:
        return f"it cannot be read ({error.strerror})"
    if size == 0:
        # What a first open killed before it wrote anything leaves, too: only damage
        # when there was something to lose.
        return "it is empty" if latest_backup(database) is not None else None
    try:
        with database.open("rb") as handle:
            header = handle.read(len(_HEADER))
    except OSError as error:
        return f"it cannot be read ({error.strerror})"
    if header != _HEADER:
        return "it is not a SQLite database"
    try:
        connection = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            found = [row[0] for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        if code not in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            # A full disk, a read-only folder, a lock: the storage, not the file. Opening
            # it for real says what it is.
            return None
        return f"it cannot be read ({error})"
    if found != ["ok"]:
        return f"SQLite finds it damaged ({found[0]})"
    return None


def damaged_message(database: Path, problem: str) -> str:
    newest = latest_backup(database)
    offer = (
        f"the newest backup is {newest}: restore it with 'archiveapp annotations restore "
        "FOLDER' (the damaged file is kept aside)"
        if newest is not None
        else "there is no backup of it; copy it somewhere safe before trying anything else"
    )
    return (
        f"the annotations database {database} is damaged ({problem}); it was left as it is; {offer}"
    )


def check(database: Path) -> None:
    """Raise AnnotationsDamagedError (one line) when ``database`` cannot be read."""
    problem = problem_with(database)
    if problem is not None:
        raise AnnotationsDamagedError(damaged_message(database, problem))


def restore(database: Path, source: Path | None = None) -> tuple[Path, Path | None]:
    """Put ``source`` (default: the newest backup) in place of ``database``. The file it
    replaces, damaged or not, is renamed aside, never deleted. Returns (the backup used,
    where the old file went, None when there was none)."""
    if source is None:
        source = latest_backup(database)
        if source is None:
            raise StoreError(f"there is no backup of {database} in {backup_folder(database)}")
    if not source.is_file():
        raise StoreError(f"{source} is not a file")
    problem = problem_with(source)
    if problem is not None or source.stat().st_size == 0:
        raise StoreError(f"{source} cannot be restored: {problem or 'it is empty'}")
    incoming = database.with_name(database.name + ".restoring")
    copy_database(source, incoming)
    aside = _set_aside(database)
    os.replace(incoming, database)
    return source, aside


def _set_aside(database: Path) -> Path | None:
    """Rename the database and its WAL files to ``NAME.damaged-STAMP`` (a rename, in the
    same folder: nothing is copied or lost)."""
    if not database.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = database.with_name(f"{database.name}.damaged-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = database.with_name(f"{database.name}.damaged-{stamp}-{number}")
    for extra in ("-wal", "-shm"):
        companion = database.with_name(database.name + extra)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + extra))
    database.rename(aside)
    return aside


def restore_archive_annotations(
    data_dir: Path, source: Path | None = None
) -> tuple[Path, Path | None]:
    """Restore the annotations of the archive whose data is in ``data_dir`` (see
    ``restore``), while no update runs, and mark every document to have its quotes
    brought in line with the restored annotations when the archive next opens: the
    archive still shows corrections made after the backup was taken."""
    from ..lock import update_lock

    database = data_dir / "annotations.sqlite3"
    with update_lock(data_dir / "update.lock", wait_s=10.0):
        used, aside = restore(database, source)
        documents = _archive_documents(data_dir / "archive.sqlite3")
        connection = sqlite3.connect(database)
        try:
            with connection:
                mark_unsettled(connection, documents, speakers=True)
        finally:
            connection.close()
    return used, aside


def _archive_documents(archive_database: Path) -> list[str]:
    if not archive_database.is_file():
        return []
    try:
        connection = sqlite3.connect(archive_database.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return [row[0] for row in connection.execute("SELECT path FROM documents")]
        finally:
            connection.close()
    except sqlite3.Error:
        return []  # a damaged archive database is rebuilt from the folder anyway
