"""Telling a damaged index from a sound one when it is opened.

Neither engine checks its files when it opens them: Whoosh never calls fsync and reads its
files lazily, and Tantivy only looks at a file's footer when a searcher first needs it. A
power cut, a full disk or a copy that stopped half-way can leave a table of contents that
names files which are missing, empty or cut short, and the first sign would be a search
that fails (or, worse, answers wrongly) long after the archive was opened.

So after every commit the engine writes a manifest beside its files: for the commit's root
file (Whoosh's table of contents, Tantivy's meta.json) and every file it refers to, the
size and a digest of the file's first and last 64 KiB (all of a small file). Opening the
index compares them: a few milliseconds even for a large archive. When the manifest is of
another commit (a process was killed between its commit and the manifest, or the index is
older than manifests), the engine opens its readers instead, which catches what they catch.
The index is only a cache: a damaged one is rebuilt from the archive, never repaired.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path

from ..errors import ArchiveError

MANIFEST = "archiveapp-manifest.json"
_EDGE = 64 * 1024  # bytes read at each end of a large file


class IndexDamagedError(ArchiveError):
    """The index's files cannot be read (missing, cut short, garbled): rebuild it."""


def fingerprint(path: Path) -> list[int | str]:
    """[size, digest of the first and last 64 KiB] of one file."""
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        digest.update(handle.read(_EDGE))
        if size > 2 * _EDGE:
            handle.seek(size - _EDGE)
        digest.update(handle.read(_EDGE))
    return [size, digest.hexdigest()]


def write_manifest(folder: Path, root: str, files: Iterable[str]) -> None:
    """Record the commit whose root file is ``root``, with the files it refers to. Written
    to a temporary file and renamed: a reader sees the old manifest or the new one."""
    marks = {name: fingerprint(folder / name) for name in sorted({root, *files})}
    temporary = folder / f"{MANIFEST}.tmp"
    temporary.write_text(json.dumps({"root": root, "files": marks}), encoding="utf-8")
    os.replace(temporary, folder / MANIFEST)


def check_manifest(folder: Path, root: str) -> str | None:
    """What is wrong with the files of the commit ``root`` (None: nothing found). Raises
    LookupError when no manifest describes that commit: the caller checks another way."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files: dict[str, list[int | str]] = manifest["files"]
        if manifest["root"] != root:
            raise LookupError(root)
        recorded_root = files[root]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise LookupError(root) from error
    try:
        if fingerprint(folder / root) != recorded_root:
            # The root file was replaced since: another commit, not yet in a manifest.
            raise LookupError(root)
    except OSError as error:
        raise LookupError(root) from error
    for name, mark in files.items():
        problem = _differs(folder / name, mark)
        if problem:
            return f"{name} {problem}"
    return None


def _differs(path: Path, mark: list[int | str]) -> str | None:
    try:
        found = fingerprint(path)
    except FileNotFoundError:
        return "is missing"
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if found[0] != mark[0]:
        return f"has {found[0]} bytes instead of {mark[0]}"
    if found[1] != mark[1]:
        return "was changed after it was written"
    return None


def remove_folder(folder: Path) -> None:
    """Delete an index folder: first renamed aside (one step), so that a process killed
    half-way leaves no index with some of its files gone, only a folder to sweep away."""
    for leftover in folder.parent.glob(f"{folder.name}.removed-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    if not folder.exists():
        return
    aside = folder.with_name(f"{folder.name}.removed-{uuid.uuid4().hex[:8]}")
    try:
        folder.rename(aside)
    except OSError:
        aside = folder
    shutil.rmtree(aside, ignore_errors=True)


def forget_manifest(folder: Path) -> None:
    with contextlib.suppress(OSError):
        (folder / MANIFEST).unlink()
