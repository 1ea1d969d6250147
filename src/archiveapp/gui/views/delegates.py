"""Delegates that paint a cell their own way: a search snippet with its matched words
highlighted, and a quote's tags as coloured chips."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..models.base import HIGHLIGHTS_ROLE
from ..models.quotes import TAGS_ROLE
from .colours import tag_colour, text_on_tag


class SnippetDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        spans = index.data(HIGHLIGHTS_ROLE) or []
        if not spans:
            super().paint(painter, option, index)
            return
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        opt, style = _empty_cell(self, painter, option, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        normal = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.save()
        rect: QRect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        painter.setClipRect(rect)
        bold = QFont(opt.font)
        bold.setBold(True)
        x = rect.left() + 2
        right = rect.right()
        at = 0
        for start, end in [*spans, (len(text), len(text))]:
            for piece, font in ((text[at:start], opt.font), (text[start:end], bold)):
                if not piece or x > right:
                    continue
                painter.setFont(font)
                width = painter.fontMetrics().horizontalAdvance(piece)
                box = QRect(x, rect.top(), width, rect.height())
                if font is bold and not selected:
                    painter.fillRect(
                        box.adjusted(-1, 2, 1, -2),
                        opt.palette.color(QPalette.ColorRole.Highlight).lighter(170)
                        if opt.palette.color(QPalette.ColorRole.Base).lightness() >= 128
                        else opt.palette.color(QPalette.ColorRole.Highlight).darker(160),
                    )
                painter.setPen(normal)
                painter.drawText(
                    box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), piece
                )
                x += width
            at = end
        painter.restore()


class TagChipsDelegate(QStyledItemDelegate):
    """Paints a quote's tags as small rounded chips in their tags' colours."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.colours: dict[str, str | None] = {}  # tag name, casefolded -> colour

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        tags = index.data(TAGS_ROLE) or ()
        opt, _style = _empty_cell(self, painter, option, index)
        if not tags:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(opt.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        rect = opt.rect.adjusted(3, 3, -3, -3)
        painter.setClipRect(opt.rect)
        x = rect.left()
        for name in tags:
            width = metrics.horizontalAdvance(name) + 12
            if x + width > rect.right() and x > rect.left():
                painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
                painter.drawText(
                    QRect(x, rect.top(), 20, rect.height()), Qt.AlignmentFlag.AlignVCenter, "…"
                )
                break
            colour = self.colours.get(name.casefold())
            chip = QRect(x, rect.top(), width, rect.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tag_colour(colour))
            painter.drawRoundedRect(chip, 6, 6)
            painter.setPen(text_on_tag(colour))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, name)
            x += width + 4
        painter.restore()


def _empty_cell(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> tuple[QStyleOptionViewItem, QStyle]:
    """The cell's background, selection and focus drawn as Qt would, without its text:
    the caller paints the text its own way on top."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    style = opt.widget.style() if opt.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
    return opt, style
