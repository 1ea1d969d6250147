"""Errors the core raises on purpose. Each message is one line a user can act on."""

from __future__ import annotations


class ArchiveError(Exception):
    """Base of every error the CLI and GUI show as a one-line message."""


class FolderNotFoundError(ArchiveError):
    pass


class QueryError(ArchiveError, ValueError):
    """A search query Whoosh cannot parse."""


class ReadError(ArchiveError):
    """One file could not be read as an article."""


class UnsupportedFormatError(ReadError):
    pass


class StoreError(ArchiveError):
    """The archive database is unusable (newer than this program, corrupt, locked)."""


def one_line(error: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none): how every
    error reaches a user, in a status bar, a failure list or on stderr."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
