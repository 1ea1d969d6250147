"""The files that could not be read, for the error list dialog."""

from __future__ import annotations

from ...core.model import FileError
from .base import Column, RowModel

PATH, MESSAGE = range(2)


class FailuresModel(RowModel[FileError]):
    columns = (
        Column("File", lambda f: f.path, lambda f: f.path.casefold(), tooltip=lambda f: f.path),
        Column(
            "Problem",
            lambda f: f.message,
            lambda f: f.message.casefold(),
            tooltip=lambda f: f.message,
        ),
    )

    def row_id(self, row: FileError) -> str:
        return row.path
