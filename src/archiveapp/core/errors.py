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
