"""What one file may cost before it is read, and how it is read within that: a size budget
per kind of file, a bounded read that notices a file changing under it, links that leave
the archive folder, and one-line reasons for what the operating system refuses.

The budgets, each overridable by an environment variable (for a user with a special
archive, and for tests):

- text-like files (.txt, .md, .html, .eml, .rtf, ...): 20 MB, as Recoll's default for
  text files (``ARCHIVEAPP_MAX_TEXT_MB``). News articles are kilobytes; a 2 GB log or a
  50 MB single line is refused before a byte of it is read.
- packaged documents (.pdf, .docx, .odt, .epub): 100 MB (``ARCHIVEAPP_MAX_DOCUMENT_MB``).
  A larger one is a scan or a book of pictures, with no text worth the memory.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..errors import ReadError

MB = 1024 * 1024
TEXT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".mhtml", ".mht", ".eml", ".rtf"}
)
_TEXT_ENV = "ARCHIVEAPP_MAX_TEXT_MB"
_DOCUMENT_ENV = "ARCHIVEAPP_MAX_DOCUMENT_MB"
_TEXT_DEFAULT_MB = 20
_DOCUMENT_DEFAULT_MB = 100


def _megabytes(variable: str, default: float) -> float:
    try:
        value = float(os.environ.get(variable, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def max_bytes(path: Path) -> int:
    """The size budget of this file's kind, in bytes."""
    if path.suffix.lower() in TEXT_SUFFIXES:
        return int(_megabytes(_TEXT_ENV, _TEXT_DEFAULT_MB) * MB)
    return int(_megabytes(_DOCUMENT_ENV, _DOCUMENT_DEFAULT_MB) * MB)


def size_refusal(path: Path, size: int) -> str | None:
    """Why a file of ``size`` bytes is not read (None: it is within its budget)."""
    limit = max_bytes(path)
    if size <= limit:
        return None
    kind = "text files" if path.suffix.lower() in TEXT_SUFFIXES else "documents"
    return f"too large to read: {human_size(size)}, over the {human_size(limit)} limit for {kind}"


def human_size(size: int) -> str:
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.1f} GB"
    if size >= MB:
        return f"{size / MB:.0f} MB"
    return f"{max(size // 1024, 1)} KB"


def read_limited(path: Path, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The whole file and the state it was read in, never more than ``limit`` bytes (the
    budget of its kind when None). A file that changes while it is read is read once more;
    if it is still changing (a download in progress) it is refused for now: the next update
    sees its new size or date and reads it again."""
    limit = max_bytes(path) if limit is None else limit
    for _attempt in range(2):
        with open(path, "rb") as handle:
            before = os.fstat(handle.fileno())
            if before.st_size > limit:
                raise ReadError(size_refusal(path, before.st_size) or "too large to read")
            # One byte more than it should hold tells that it grew while read; asking for
            # no more than that keeps the buffer the file's size, not the budget's.
            data = handle.read(before.st_size + 1)
            after = os.fstat(handle.fileno())
        if len(data) == before.st_size and _same(before, after):
            return data, after
    raise ReadError("it changed while it was being read; it is read again at the next update")


def _same(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)


def link_refusal(folder: Path, path: Path) -> str | None:
    """Why the symbolic link ``path`` is not followed (None: it is not a link, or it points
    to a file inside ``folder``). A link leaving the folder would put files into the archive
    that the user never put into its folder, and the archive could not watch them."""
    try:
        if not path.is_symlink():
            return None
    except OSError:
        return None  # the read that follows says what is wrong
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as error:
        if error.errno == errno.ELOOP:
            return _REASONS[errno.ELOOP]
        return f"a broken link: its target {_link_text(path)} is gone"
    root = Path(os.path.realpath(folder))
    if target != root and root not in target.parents:
        what = "folder" if target.is_dir() else "file"
        return f"a link to a {what} outside the archive folder ({target}): not followed"
    if target.is_dir():
        return "a link to a folder inside the archive: its files are read where they are"
    return None


def _link_text(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "(unknown)"


_REASONS = {
    errno.EACCES: "no permission to read it (check the file's permissions)",
    errno.EPERM: "no permission to read it (check the file's permissions)",
    errno.ENOENT: "it vanished before it could be read",
    errno.ELOOP: "a symbolic link loop: the link leads back to itself",
    errno.EISDIR: "a folder, not a file",
    errno.EIO: "the disk reported an error while reading it",
    errno.ENXIO: "not a regular file (a device or socket)",
}


def os_reason(error: OSError) -> str:
    """One line for what the system refused, without the errno and the full path."""
    reason = _REASONS.get(error.errno or 0)
    if reason is not None:
        return reason
    return (error.strerror or str(error) or type(error).__name__).strip().splitlines()[0]


# Failures that come from the moment rather than from the file's content: tried again at
# every update even when the file's size and date did not change (restoring a permission
# changes neither).
TRANSIENT_REASONS = (
    _REASONS[errno.EACCES],
    _REASONS[errno.ENOENT],
    _REASONS[errno.EIO],
    "it changed while it was being read",
)


def is_transient(reason: str) -> bool:
    return reason.startswith(TRANSIENT_REASONS)
