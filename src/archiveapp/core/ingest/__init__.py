"""Readers: one per file format, each ``(file bytes, relpath) -> Document``, chosen by suffix.

A later format (PDF, DOCX, ...) is one module and one line in ``READERS``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ReadError, UnsupportedFormatError
from ..model import Document
from .html import read_html
from .markdown import read_markdown
from .plain import read_plain

Reader = Callable[[bytes, str], Document]

READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}


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
        raise UnsupportedFormatError(f"{path.name}: unsupported file type {path.suffix!r}")
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
    """Every readable article under ``root``, recursively, sorted by relative path; hidden
    files and folders (``.git``, ``.archiveapp``) and the folders in ``skip`` are left out."""
    skipped = {p.resolve() for p in skip}
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        base = Path(folder)
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and (base / name).resolve() not in skipped
        ]
        # is_file(): a FIFO or socket would block the read forever; a dangling link is gone.
        found.extend(
            base / name
            for name in files
            if not name.startswith(".") and is_supported(base / name) and (base / name).is_file()
        )
    yield from sorted(found, key=lambda p: p.relative_to(root).as_posix())


__all__ = ["READERS", "is_supported", "iter_article_files", "read_document"]
