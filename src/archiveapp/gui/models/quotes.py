"""The quotes pane: the quote, who said it, in which document, when."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ...core.model import Quote
from .base import SPEAKER_ROLE, Column, RowModel
from .text import date_key, one_line

TEXT, SPEAKER, DOCUMENT, DATE = range(4)
UNATTRIBUTED = "(unattributed)"


def _tooltip(quote: Quote) -> str:
    who = quote.speaker or UNATTRIBUTED
    if quote.speaker_role:
        who += f", {quote.speaker_role}"
    return f"{one_line(quote.text)}\n\n— {who}\n{quote.document_title}"


class QuotesModel(RowModel[Quote]):
    columns = (
        Column(
            "Quote",
            lambda q: one_line(q.text),
            lambda q: one_line(q.text).casefold().strip("“”\"'"),
            tooltip=_tooltip,
        ),
        Column(
            "Speaker",
            lambda q: q.speaker or UNATTRIBUTED,
            lambda q: q.speaker.casefold() if q.speaker else None,
            tooltip=lambda q: q.speaker_role or "",
        ),
        Column(
            "Document",
            lambda q: q.document_title or q.document,
            lambda q: (q.document_title or q.document).casefold(),
            tooltip=lambda q: f"{q.document_title}\n{q.document}",
        ),
        Column("Date", lambda q: q.document_date or "", lambda q: date_key(q.document_date)),
    )

    def row_id(self, row: Quote) -> str:
        return row.id

    def extra_data(self, row: Quote, column: int, role: int) -> Any:
        if role == SPEAKER_ROLE:
            return row.speaker_id
        if role == Qt.ItemDataRole.DecorationRole and column == SPEAKER:
            from ..views.colours import speaker_swatch

            return speaker_swatch(row.speaker_id)
        if role == Qt.ItemDataRole.ForegroundRole and column == SPEAKER and row.speaker is None:
            from PySide6.QtGui import QPalette
            from PySide6.QtWidgets import QApplication

            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None
