"""The documents pane: title, date, number of quotes, and the search hit's snippet."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ..loader import DocumentRow
from .base import HIGHLIGHTS_ROLE, Column, RowModel
from .text import date_key, one_line, shorten_around

TITLE, DATE, QUOTES, MATCH = range(4)


class DocumentsModel(RowModel[DocumentRow]):
    columns = (
        Column(
            "Title",
            lambda r: r.summary.title,
            lambda r: r.summary.title.casefold(),
            tooltip=lambda r: _source_tooltip(r),
        ),
        Column("Date", lambda r: r.summary.date or "", lambda r: date_key(r.summary.date)),
        Column("Quotes", lambda r: str(r.summary.quotes), lambda r: r.summary.quotes, numeric=True),
        Column(
            "Match",
            lambda r: shorten_around(r.snippet, r.highlights)[0],
            lambda r: r.rank,
            tooltip=lambda r: one_line(r.snippet),
        ),
    )

    def row_id(self, row: DocumentRow) -> str:
        return row.path

    def extra_data(self, row: DocumentRow, column: int, role: int) -> Any:
        if role == HIGHLIGHTS_ROLE and column == MATCH:
            return list(shorten_around(row.snippet, row.highlights)[1])
        if role == Qt.ItemDataRole.ToolTipRole and column == QUOTES:
            return f"{row.summary.quotes} quotes in this document"
        return None


def _source_tooltip(row: DocumentRow) -> str:
    """Title, then who and where published it (as a citation would), then the file."""
    summary = row.summary
    byline = " · ".join(p for p in (summary.author, summary.outlet, summary.date) if p)
    return "\n".join(p for p in (summary.title, byline, summary.url, row.path) if p)
