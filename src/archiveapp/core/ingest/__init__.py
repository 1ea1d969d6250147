"""Readers: one per file format, each ``(file bytes, relpath) -> Document``, chosen by suffix.

A new format is one module and one line in ``READERS`` (and one in ``HEAVY_FORMATS`` if
its parser is a large one); ``kinds.py`` says which other files are left out silently and
what to tell about the rest; ``limits.py`` what a file may cost.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ReadError, UnsupportedFormatError
from ..model import Document
from .docx import read_docx
from .epub import read_epub
from .html import read_html
from .kinds import UNSUPPORTED, is_ignored_name, unsupported_reason
from .limits import os_reason, read_limited
from .mail import read_eml, read_mhtml
from .markdown import read_markdown
from .odt import read_odt
from .pdf import read_pdf
from .plain import read_plain
from .rtf import read_rtf

Reader = Callable[[bytes, str], Document]

READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".mhtml": read_mhtml,
    ".mht": read_mhtml,
    ".eml": read_eml,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".odt": read_odt,
    ".rtf": read_rtf,
    ".epub": read_epub,
}
# Formats whose parsers are large (lxml, pdfminer, python-docx, the e-mail package,
# striprtf's regular expressions) and can loop or balloon on a hostile file: read in the
# sandbox, with a time and memory budget (core/sandbox.py). Plain text and Markdown are
# bounded (Markdown's front matter refuses YAML aliases) and read in-process up to 1 MB.
# A new format with a parser of that kind belongs here too.
HEAVY_FORMATS = frozenset(
    {".html", ".htm", ".mhtml", ".mht", ".eml", ".pdf", ".docx", ".odt", ".rtf", ".epub"}
)
# A saved web page's pictures, scripts and styles live in "<page>_files" beside it.
_SAVED_PAGE_FOLDER = "_files"
_PAGES = (".html", ".htm")


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_document(path: Path, root: Path | None = None, data: bytes | None = None) -> Document:
    """Read one article file. ``root`` makes ``Document.path`` relative to the archive folder;
    ``data`` is the file's content when the caller has read it already (to hash it, say).

    Raises ReadError (one line, says what is wrong) for anything that is not a readable article.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnsupportedFormatError(unsupported_reason(path))
    relpath = path.relative_to(root).as_posix() if root is not None else path.name
    try:
        if data is None:
            data, _state = read_limited(path)
        document = reader(data, relpath)
    except ReadError:
        raise
    except UnicodeError as error:
        raise ReadError(f"cannot decode the text: {error}") from error
    except OSError as error:
        raise ReadError(os_reason(error)) from error
    except RecursionError as error:
        raise ReadError("its structure is nested too deeply to read") from error
    if not document.text.strip():
        raise ReadError("the file holds no text")
    return document


def iter_article_files(root: Path, skip: tuple[Path, ...] = ()) -> Iterator[Path]:
    """Every file under ``root`` that is an article or may be taken for one, recursively,
    sorted by relative path (see ``scan_article_files`` for what is left out)."""
    for relpath, _stat in scan_article_files(root, skip):
        yield root / relpath


def scan_article_files(root: Path, skip: tuple[Path, ...] = ()) -> list[tuple[str, os.stat_result]]:
    """(relative path, stat) of every file under ``root`` that is an article or may be
    taken for one, sorted by relative path. Left out: hidden files and folders (``.git``,
    ``.archiveapp``), the folders in ``skip``, a saved page's ``_files`` folder, and the
    media, archives and programs of ``kinds.IGNORED``. A file without a reader is still
    given, so the update lists it as a failure with its reason (``read_document`` raises
    UnsupportedFormatError for it).

    Plain ``os.scandir`` and strings, one stat a file: with ``pathlib`` the walk of 100,000
    files took most of the rescan's five-second budget."""
    skipped = {os.path.realpath(p) for p in skip}
    real_root = os.path.realpath(root)
    found: list[tuple[str, os.stat_result]] = []
    pending = [(os.fspath(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # unreadable or gone: its files are simply not there
        pages = {
            name[: -len(suffix)]
            for entry in entries
            for name in (entry.name,)
            for suffix in _PAGES
            if name.lower().endswith(suffix)
        }
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_symlink():
                    if (link := _scan_link(entry, prefix + name, real_root, skipped)) is not None:
                        found.append(link)
                elif entry.is_dir(follow_symlinks=False):
                    saved_page = name.endswith(_SAVED_PAGE_FOLDER) and (
                        name[: -len(_SAVED_PAGE_FOLDER)] in pages
                    )
                    if not saved_page and os.path.realpath(entry.path) not in skipped:
                        pending.append((entry.path, f"{prefix}{name}/"))
                # A FIFO or socket would block the read forever: regular files only.
                elif not is_ignored_name(name) and entry.is_file(follow_symlinks=False):
                    found.append((prefix + name, entry.stat(follow_symlinks=False)))
            except OSError:
                continue  # vanished or unreadable while listed
    found.sort(key=lambda item: item[0])
    return found


def _scan_link(
    entry: os.DirEntry[str], relpath: str, real_root: str, skipped: set[str]
) -> tuple[str, os.stat_result] | None:
    """A symbolic link as the walk takes it: never followed. A link to a file or folder
    inside the archive is left out silently: what it points to is read where it is (once,
    not once more per link; and a link back up cannot make the walk go round). A loop, a
    broken link and a link leaving the folder are given, with the link's own state, so the
    update lists them with the reason ``limits.link_refusal`` gives; that state changes
    when the link is made again, and a repaired link is left out as any other."""
    try:
        target = os.path.realpath(entry.path, strict=True)
        state = os.stat(target)
    except OSError:
        return None if is_ignored_name(entry.name) else (relpath, entry.stat(follow_symlinks=False))
    inside = target == real_root or target.startswith(real_root + os.sep)
    if inside or target in skipped:
        return None
    if stat.S_ISREG(state.st_mode) and is_ignored_name(entry.name):
        return None  # a picture or program elsewhere: as silent as one inside
    if not (stat.S_ISDIR(state.st_mode) or stat.S_ISREG(state.st_mode)):
        return None  # a device or pipe elsewhere: not a document
    return (relpath, entry.stat(follow_symlinks=False))


__all__ = [
    "HEAVY_FORMATS",
    "READERS",
    "UNSUPPORTED",
    "is_supported",
    "iter_article_files",
    "read_document",
    "scan_article_files",
]
