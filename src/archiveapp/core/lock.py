"""One update of an archive at a time, across processes (the window's indexer, a CLI run).

Whoosh's writer lock comes too late for this: an update decides whether to rebuild the
index, and empties it, before it asks for a writer. So ``Archive.update`` holds this lock,
an OS file lock on ``DATA_DIR/update.lock``, for its whole run; the OS drops it when the
process dies, so a crash never leaves the archive locked.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ArchiveError

if os.name == "nt":
    import msvcrt

    def _try_lock(handle: int) -> bool:
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: int) -> None:
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)


# The file in an archive's data folder that Archive.update locks.
LOCK_FILE = "update.lock"
WAITING = "another archiveapp is updating this archive; waiting…"


def update_in_progress(data_dir: Path) -> bool:
    """Whether another update (another process, or another handle in this one) holds the
    archive's lock now: for a front end to say it is waiting before it waits. It may be
    gone a moment later; the lock itself, not this answer, keeps updates apart."""
    path = Path(data_dir) / LOCK_FILE
    if not path.exists():
        return False
    try:
        handle = os.open(path, os.O_RDWR)
    except OSError:
        return False  # unreadable: the update itself will say why
    try:
        if not _try_lock(handle):
            return True
        _unlock(handle)
        return False
    finally:
        os.close(handle)


@contextmanager
def update_lock(path: Path, wait_s: float = 60.0) -> Iterator[None]:
    """Hold the lock file ``path``; wait up to ``wait_s`` for another holder to finish."""
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                raise ArchiveError(
                    f"another archiveapp is updating this archive ({path.parent}); "
                    "try again when it is done"
                )
            time.sleep(0.1)
        try:
            yield
        finally:
            _unlock(handle)
    finally:
        os.close(handle)
