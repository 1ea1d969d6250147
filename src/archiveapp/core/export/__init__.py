"""Selected quotes as documents a researcher hands on: Word, OpenDocument, PDF, HTML,
Markdown, CSV and JSON, each with the quote, who said it and where, in a citation style.

``collect`` chooses and arranges the quotes (an ``ExportDocument``); ``write`` turns one
into a file of the format asked for, written to a temporary file and renamed, so a failed
export leaves nothing behind and an existing file is replaced only when asked to.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import ArchiveError, one_line
from .collect import build, choose_quotes
from .html import render as render_html
from .model import FORMAT_NAMES, FORMATS, SUFFIXES, ExportDocument, ExportOptions
from .plain import csv_text, json_text, markdown

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "SUFFIXES",
    "ExportDocument",
    "ExportOptions",
    "build",
    "choose_quotes",
    "format_for",
    "render_html",
    "write",
]


def format_for(path: str | Path) -> str | None:
    """The format a file name asks for (".docx" -> "docx"), or None."""
    suffix = Path(path).suffix.lower()
    aliases = {".htm": "html", ".markdown": "md"}
    return aliases.get(suffix) or next((f for f, s in SUFFIXES.items() if s == suffix), None)


def write(document: ExportDocument, target: str | Path, force: bool = False) -> Path:
    """Write ``document`` to ``target`` in ``document.options.format``."""
    target = Path(target).expanduser()
    fmt = document.options.format
    if fmt not in FORMATS:
        raise ArchiveError(f"cannot export to {fmt!r}: use one of {', '.join(FORMATS)}")
    if target.is_dir():
        raise ArchiveError(
            f"{target} is a folder: give a file name, e.g. {target}/quotes{SUFFIXES[fmt]}"
        )
    if target.exists() and not force:
        raise ArchiveError(f"{target} exists already: choose another name, or replace it (--force)")
    if not target.parent.is_dir():
        raise ArchiveError(f"cannot write {target}: the folder {target.parent} does not exist")
    _atomically(target, lambda partial: _WRITERS[fmt](document, partial))
    return target


def _atomically(target: Path, write_to: Callable[[Path], None]) -> None:
    partial = _partial_file(target)
    try:
        write_to(partial)
        with partial.open("rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(partial, target)
    except ArchiveError:
        partial.unlink(missing_ok=True)
        raise
    except Exception as error:  # a writer's failure must leave no half-written file
        partial.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ArchiveError(f"cannot write {target}: {error.strerror or error}") from error
        raise ArchiveError(f"cannot write {target}: {one_line(error)}") from error


def _partial_file(target: Path) -> Path:
    """A new, empty file beside ``target`` to write into. Made with the mode the user's
    umask gives any new file (``mkstemp`` would make it private to its owner), or the mode
    of the file it is to replace."""
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666
    for _attempt in range(100):
        partial = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.partial{target.suffix}")
        try:
            handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        except OSError as error:
            raise ArchiveError(f"cannot write in {target.parent}: {error.strerror}") from error
        os.close(handle)
        if target.exists():
            os.chmod(partial, mode)  # as it was, whatever the umask says
        return partial
    raise ArchiveError(f"cannot write in {target.parent}: no free name for a temporary file")


def _text_writer(render: Callable[[ExportDocument], str], encoding: str = "utf-8"):  # type: ignore[no-untyped-def]
    def write_text(document: ExportDocument, path: Path) -> None:
        # newline="" keeps the CSV module's CRLF rows as they are; the rest is \n.
        path.write_text(render(document), encoding=encoding, newline="")

    return write_text


def _docx(document: ExportDocument, path: Path) -> None:
    from .docx import write_docx

    write_docx(document, path)


def _odt(document: ExportDocument, path: Path) -> None:
    from .qt_writers import write_odt

    write_odt(document, path)


def _pdf(document: ExportDocument, path: Path) -> None:
    from .qt_writers import write_pdf

    write_pdf(document, path)


_WRITERS: dict[str, Callable[[ExportDocument, Path], None]] = {
    "docx": _docx,
    "odt": _odt,
    "pdf": _pdf,
    "html": _text_writer(render_html),
    "md": _text_writer(markdown),
    "csv": _text_writer(csv_text, encoding="utf-8-sig"),
    "json": _text_writer(json_text),
}
