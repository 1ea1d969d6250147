"""The quotes pane: the quote, who said it, in which document, when."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ...core.model import Quote
from .base import SPEAKER_ROLE, Column, RowModel
from .text import date_key, one_line

TEXT, SPEAKER, DOCUMENT, DATE, TAGS = range(5)
UNATTRIBUTED = "(unattributed)"
TAGS_ROLE = Qt.ItemDataRole.UserRole + 10  # the quote's tag names, for the chips delegate


def _tooltip(quote: Quote) -> str:
    who = quote.speaker or UNATTRIBUTED
    if quote.speaker_role:
        who += f", {quote.speaker_role}"
    text = f"{one_line(quote.text)}\n\n— {who}\n{quote.document_title}"
    if quote.added:
        text += "\n\nMarked as a quote by you"
    if quote.hidden:
        text += '\n\nMarked "not a quote" by you'
    if quote.note:
        text += f"\n\nNote: {quote.note}"
    return text


def _speaker_tooltip(quote: Quote) -> str:
    parts = [quote.speaker_role or ""]
    if quote.speaker_corrected:
        parts.append("Speaker chosen by you")
    return "\n".join(p for p in parts if p)


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
            tooltip=_speaker_tooltip,
        ),
        Column(
            "Document",
            lambda q: q.document_title or q.document,
            lambda q: (q.document_title or q.document).casefold(),
            tooltip=lambda q: f"{q.document_title}\n{q.document}",
        ),
        Column("Date", lambda q: q.document_date or "", lambda q: date_key(q.document_date)),
        Column(
            "Tags",
            lambda q: ", ".join(q.tags),
            lambda q: ", ".join(q.tags).casefold() or None,
            tooltip=lambda q: ", ".join(q.tags),
        ),
    )

    def row_id(self, row: Quote) -> str:
        return row.id

    def extra_data(self, row: Quote, column: int, role: int) -> Any:
        if role == SPEAKER_ROLE:
            return row.speaker_id
        if role == TAGS_ROLE:
            return row.tags
        if role == Qt.ItemDataRole.DecorationRole and column == TEXT and row.note:
            from ..views.colours import note_icon

            return note_icon()
        if role == Qt.ItemDataRole.FontRole and (
            row.hidden or (column == SPEAKER and row.speaker_corrected) or row.added
        ):
            from PySide6.QtGui import QFont

            font = QFont()
            font.setStrikeOut(row.hidden)
            font.setItalic(row.added or (column == SPEAKER and row.speaker_corrected))
            return font
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
