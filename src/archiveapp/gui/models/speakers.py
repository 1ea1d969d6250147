"""The speakers pane: name, role, and how much they say across the archive."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ...core.model import Speaker
from .base import SPEAKER_ROLE, Column, RowModel

NAME, ROLE, QUOTES, DOCUMENTS = range(4)


def _tooltip(speaker: Speaker) -> str:
    lines = [speaker.name]
    if speaker.role:
        lines.append(speaker.role)
    if speaker.aliases:
        lines.append("also written: " + ", ".join(speaker.aliases))
    lines.append(f"{speaker.quotes} quotes in {speaker.documents} documents")
    return "\n".join(lines)


class SpeakersModel(RowModel[Speaker]):
    columns = (
        Column("Name", lambda s: s.name, lambda s: s.name.casefold(), tooltip=_tooltip),
        Column(
            "Role",
            lambda s: s.role or "",
            lambda s: s.role.casefold() if s.role else None,
            tooltip=lambda s: s.role or "",
        ),
        Column("Quotes", lambda s: str(s.quotes), lambda s: s.quotes, numeric=True),
        Column(
            "Docs",
            lambda s: str(s.documents),
            lambda s: s.documents,
            numeric=True,
            tooltip=lambda s: f"quoted in {s.documents} documents",
        ),
    )

    def row_id(self, row: Speaker) -> int:
        return row.id

    def extra_data(self, row: Speaker, column: int, role: int) -> Any:
        if role == SPEAKER_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            from ..views.colours import speaker_swatch  # views import Qt GUI; keep it lazy

            return speaker_swatch(row.id)
        return None
