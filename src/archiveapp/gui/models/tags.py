"""The tags pane: each tag the user made, with its colour and how many quotes carry it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ...core.model import Tag
from .base import Column, RowModel

NAME, QUOTES = range(2)


def _count(tag: Tag) -> str:
    return f"{tag.quotes} quote" if tag.quotes == 1 else f"{tag.quotes} quotes"


class TagsModel(RowModel[Tag]):
    columns = (
        Column(
            "Name",
            lambda t: t.name,
            lambda t: t.name.casefold(),
            tooltip=lambda t: f"{t.name}\n{_count(t)}",
        ),
        Column("Quotes", lambda t: str(t.quotes), lambda t: t.quotes, tooltip=_count, numeric=True),
    )

    def row_id(self, row: Tag) -> int:
        return row.id

    def extra_data(self, row: Tag, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            from ..views.colours import tag_swatch  # views import Qt GUI; keep it lazy

            return tag_swatch(row.colour)
        return None
