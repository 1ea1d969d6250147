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
