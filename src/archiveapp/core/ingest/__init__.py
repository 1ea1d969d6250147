"""Readers: one per file format, each ``(file bytes, relpath) -> Document``, chosen by suffix.

A new format is one module and one line in ``READERS``; ``kinds.py`` says which other
files are left out silently and what to tell about the rest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ReadError, UnsupportedFormatError
from ..model import Document
from .docx import read_docx
from .epub import read_epub
from .html import read_html
from .kinds import UNSUPPORTED, is_ignored_name, unsupported_reason
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
        document = reader(path.read_bytes() if data is None else data, relpath)
    except ReadError:
        raise
    except UnicodeError as error:
        raise ReadError(f"cannot decode the text: {error}") from error
    except OSError as error:
        raise ReadError(error.strerror or str(error)) from error
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
                if entry.is_dir(follow_symlinks=False):
                    saved_page = name.endswith(_SAVED_PAGE_FOLDER) and (
                        name[: -len(_SAVED_PAGE_FOLDER)] in pages
                    )
                    if not saved_page and os.path.realpath(entry.path) not in skipped:
                        pending.append((entry.path, f"{prefix}{name}/"))
                # is_file(): a FIFO or socket would block the read forever; a dangling
                # link is gone.
                elif not is_ignored_name(name) and entry.is_file():
                    found.append((prefix + name, entry.stat()))
            except OSError:
                continue  # vanished or unreadable while listed
    found.sort(key=lambda item: item[0])
    return found


__all__ = [
    "READERS",
    "UNSUPPORTED",
    "is_supported",
    "iter_article_files",
    "read_document",
    "scan_article_files",
]
