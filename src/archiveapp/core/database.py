"""What every SQLite file of an archive shares: a connection per thread, explicit
transactions, and a schema version with ordered migrations.

Two files use it: the archive database (a cache of what was read from the folder) and the
annotations database (the user's work, which nothing can rebuild). Both back themselves up
before a migration and refuse a file written by a newer program rather than damage it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError


class Database:
    """A SQLite file with a schema version. ``migrations[i]`` moves version i to i + 1;
    append only, never edit a shipped one."""

    migrations: Sequence[str] = ()
    what = "archive database"  # how messages name the file
    synchronous = "NORMAL"  # WAL + NORMAL survives a killed process; FULL also a power cut

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._migrate()

    @property
    def schema_version(self) -> int:
        return len(self.migrations)

    # -- connections and transactions -------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._connect()
            self._local.connection = connection
        return connection

    def _connect(self) -> sqlite3.Connection:
        try:
            connection = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute(f"PRAGMA synchronous={self.synchronous}")
        except sqlite3.DatabaseError as error:
            folder_problem = _folder_problem(self.path.parent)
            if folder_problem:
                raise StoreError(f"cannot open {self.path}: {folder_problem}") from error
            raise StoreError(
                f"{self.path} is not an {self.what} or cannot be opened ({error}); "
                "move it aside and try again"
            ) from error
        # Autocommit mode: transactions are opened explicitly by transaction().
        connection.isolation_level = None
        with self._lock:
            self._connections.append(connection)
        return connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write, all or nothing. IMMEDIATE takes the write lock at once, so two
        processes never both read, decide, and then write over each other. Inside
        ``batched()`` it is a savepoint of the batch's transaction instead."""
        batch: _Batch | None = getattr(self._local, "batch", None)
        if batch is not None:
            with batch.savepoint() as db:
                yield db
            return
        db = self.db
        self._begin(db)
        try:
            yield db
        except BaseException as error:
            db.execute("ROLLBACK")
            if _storage_failed(error):
                # A full disk or a read-only folder met half-way: nothing was written.
                raise StoreError(self._cannot_write(error)) from error
            raise
        self._commit(db)

    @contextmanager
    def batched(self) -> Iterator[None]:
        """This thread's transactions inside the block, committed together at its end.

        A commit writes every page it touched to the write-ahead log: one commit per
        article cost a cold update a third of its main-process time. Each transaction
        stays all or nothing (a savepoint). The caller keeps the block short and never
        waits or calls back inside it: other processes wait for the write lock meanwhile."""
        if getattr(self._local, "batch", None) is not None:
            yield  # already batched further up
            return
        batch = _Batch(self)
        self._local.batch = batch
        try:
            yield
        finally:
            self._local.batch = None
            batch.close()

    def _begin(self, db: sqlite3.Connection) -> None:
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:  # busy past the timeout, disk full, ...
            raise StoreError(f"cannot write to {self.path}: {error}") from error

    def _commit(self, db: sqlite3.Connection) -> None:
        try:
            db.execute("COMMIT")
        except sqlite3.OperationalError as error:  # disk full at commit: nothing was written
            db.execute("ROLLBACK")
            raise StoreError(self._cannot_write(error)) from error

    def _cannot_write(self, error: sqlite3.Error) -> str:
        problem = _folder_problem(self.path.parent) or str(error)
        return f"cannot write to {self.path}: {problem}; nothing of this change was saved"

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()

    # -- schema ---------------------------------------------------------------------

    def _migrate(self) -> None:
        existed = self.path.exists() and self.path.stat().st_size > 0
        try:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path} is not an {self.what} ({error})") from error
        if version > self.schema_version:
            raise StoreError(
                f"{self.path} was written by a newer archiveapp (schema {version}, this "
                f"program knows {self.schema_version}); update archiveapp to open it"
            )
        if version == self.schema_version:
            return
        backup = self._backup(version) if existed and version > 0 else None
        for number in range(version, self.schema_version):
            try:
                with self.transaction() as db:
                    for statement in _statements(self.migrations[number]):
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {number + 1}")
            except sqlite3.DatabaseError as error:  # the transaction left the file as it was
                kept = f"; a copy from before is {backup}" if backup else ""
                raise StoreError(
                    f"cannot upgrade {self.path} to schema {number + 1} ({error}); it is "
                    f"unchanged{kept}"
                ) from error

    def _backup(self, version: int) -> Path:
        """A copy of the file as it was before migrating: if a migration goes wrong, the
        user's data is still there, in the file named in the message."""
        target = self.path.with_suffix(f".v{version}.bak")
        temporary = target.with_name(target.name + ".tmp")
        try:
            # SQLite's backup API: a consistent copy even while another program writes
            # (a file copy could catch a half-written WAL); renamed once it is whole.
            copy = sqlite3.connect(temporary)
            try:
                self.db.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
            os.replace(temporary, target)
        except (OSError, sqlite3.Error) as error:
            with contextlib.suppress(OSError):
                temporary.unlink()
            reason = getattr(error, "strerror", None) or str(error)
            raise StoreError(
                f"cannot back up {self.path} before upgrading it ({reason}); "
                "free some space and try again"
            ) from error
        return target


# SQLite's primary result codes for "the storage let us down": nothing of the change is
# written, and the user can act on it (free space, make the folder writable).
_STORAGE_CODES = {
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_CANTOPEN,
}


def _storage_failed(error: BaseException) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.Error) and code is not None and code & 0xFF in _STORAGE_CODES


def _folder_problem(folder: Path) -> str | None:
    """Why nothing can be written in ``folder`` (read-only, full), found by trying: the
    permission bits do not tell for root, nor for a read-only mount."""
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            # An empty file needs no room: a full disk shows only when bytes are written.
            probe.write(bytes(65536))
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as error:
        if error.errno == errno.ENOSPC:
            return f"the disk holding {folder} is full; free some space and try again"
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return (
                f"the data folder {folder} is read-only; make it writable or keep the "
                "archive's data elsewhere (--data-dir)"
            )
        return f"{folder} cannot be written ({error.strerror})"
    return None


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


class _Batch:
    """The open transaction of ``Database.batched``, begun at its first write."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._db = database.db
        self._open = False

    @contextmanager
    def savepoint(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        if not self._open:
            self._database._begin(db)
            self._open = True
        db.execute("SAVEPOINT one_write")
        try:
            yield db
        except BaseException as error:
            db.execute("ROLLBACK TO one_write")
            db.execute("RELEASE one_write")
            if _storage_failed(error):
                raise StoreError(self._database._cannot_write(error)) from error
            raise
        db.execute("RELEASE one_write")

    def close(self) -> None:
        if self._open:
            self._open = False
            self._database._commit(self._db)
