"""ODT and PDF, laid out by Qt from the export's HTML: QTextDocumentWriter writes
OpenDocument text, QPdfWriter prints the same document to PDF pages.

The only part of the core that uses Qt (QtGui, never widgets), imported only when one of
these formats is asked for. Without a running Qt application (the command line) one is
started on the offscreen platform: fonts need an application, a screen does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ArchiveError
from . import html, odf_finish
from .model import ExportDocument

if TYPE_CHECKING:
    from PySide6.QtCore import QRectF, QSizeF
    from PySide6.QtGui import QImage, QPainter, QTextDocument

_app = None  # the application started here, kept alive for later exports
_canvas: QImage | None = None  # what print layouts measure text on

_DPI = 300  # the PDF's
_LAYOUT_DPI = 96  # the text's: CSS pixels
# Page margins in millimetres (left, top, right, bottom). The footer with the page numbers
# sits inside the bottom of the printable area, below the text.
_MARGINS_MM = (22.0, 18.0, 22.0, 12.0)
_FOOTER_MM = 10.0
_SERIF = ["Noto Serif", "DejaVu Serif", "Liberation Serif", "serif"]
_SANS = ["Noto Sans", "DejaVu Sans", "Liberation Sans", "sans-serif"]


def _text_document(document: ExportDocument, page: QSizeF | None = None) -> QTextDocument:
    """The export laid out by Qt; for print when given the size of a page's text (in CSS
    pixels). The layout is made once, when everything is in place: each change to a laid
    out text lays all that follows out again, minutes for a thousand pages."""
    _ensure_application()
    from PySide6.QtGui import QFont, QTextDocument

    text = QTextDocument()
    text.setUndoRedoEnabled(False)
    font = QFont()
    font.setFamilies(_SERIF)
    font.setPointSizeF(11)
    # No ligatures: a PDF reader copying "ﬁ" as one glyph breaks searching and quoting
    # words such as "figure" or "battlefield" out of the file.
    for feature in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(feature), 0)
    text.setDefaultFont(font)
    text.setHtml(html.render(document, page=False))
    text.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, document.title)
    if page is not None:
        _for_print(text, page)
    return text


def write_odt(document: ExportDocument, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocumentWriter

    text = _text_document(document)
    writer = QTextDocumentWriter(str(target), b"ODF")
    if not writer.write(text):
        raise ArchiveError(f"cannot write {target}: {writer.device().errorString() or 'Qt failed'}")
    del writer  # closes the file
    headings, right_to_left = {}, set()
    block = text.begin()
    while block.isValid():
        layout = block.blockFormat()
        if layout.headingLevel():
            headings[block.blockFormatIndex()] = layout.headingLevel()
        if layout.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            right_to_left.add(block.blockFormatIndex())
        block = block.next()
    odf_finish.finish(target, document.title, document.description, headings, right_to_left)


def write_pdf(document: ExportDocument, target: Path) -> None:
    """Pages painted one by one rather than with ``QTextDocument.print_``: that adds its own
    2 cm margin inside the page's and numbers pages without their total."""
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(target))
    writer.setTitle(document.title)
    writer.setCreator("archiveapp")
    writer.setResolution(_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(*_MARGINS_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    area = writer.pageLayout().paintRectPixels(_DPI)
    scale = _DPI / _LAYOUT_DPI
    body = QSizeF(area.width(), area.height() - _pixels(_FOOTER_MM))
    text = _text_document(document, QSizeF(body.width() / scale, body.height() / scale))
    page_width, page_height = text.pageSize().width(), text.pageSize().height()
    pages = text.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise ArchiveError(f"cannot write {target}: Qt could not start a PDF")
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(0, -page * page_height)
            text.drawContents(painter, QRectF(0, page * page_height, page_width, page_height))
            painter.restore()
            footer = QRectF(0, body.height(), body.width(), area.height() - body.height())
            _footer(painter, footer, document.title, page + 1, pages)
    finally:
        painter.end()
    del writer  # the file is finished when the writer goes
    if not target.exists() or target.stat().st_size == 0:
        raise ArchiveError(f"cannot write {target}: Qt wrote no PDF")


def _for_print(text: QTextDocument, page: QSizeF) -> None:
    """Laid out on a paint device of exactly 96 dots per inch, to be scaled to the PDF's as
    a whole: Qt scales some lengths of a layout to its paint device and not others (fonts
    and vertical margins, but not indents). Glyphs are placed by their design widths, not
    rounded to 96 dpi pixels, as the page is printed far finer; and the page's margins are
    the only ones around the text."""
    global _canvas
    from PySide6.QtGui import QImage

    if _canvas is None:  # kept for good: a layout does not own its paint device
        _canvas = QImage(1, 1, QImage.Format.Format_RGB32)
        _canvas.setDotsPerMeterX(round(_LAYOUT_DPI / 0.0254))
        _canvas.setDotsPerMeterY(round(_LAYOUT_DPI / 0.0254))
    text.documentLayout().setPaintDevice(_canvas)
    option = text.defaultTextOption()
    option.setUseDesignMetrics(True)
    text.setDefaultTextOption(option)
    text.setDocumentMargin(0)
    text.setPageSize(page)


def _footer(painter: QPainter, area: QRectF, title: str, page: int, pages: int) -> None:
    """A hairline, the export's title on the left and "page N of M" on the right."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

    painter.save()
    font = QFont()
    font.setFamilies(_SANS)
    font.setPointSizeF(8)
    painter.setFont(font)
    painter.setPen(QPen(QColor("#c8c8c8"), _pixels(0.2)))
    rule = area.top() + _pixels(3)
    painter.drawLine(QPointF(area.left(), rule), QPointF(area.right(), rule))
    painter.setPen(QColor("#6b6b6b"))
    numbers = f"page {page} of {pages}"
    metrics = QFontMetricsF(font, painter.device())
    line = QRectF(area.left(), rule + _pixels(1.5), area.width(), metrics.height())
    room = area.width() - metrics.horizontalAdvance(numbers) - _pixels(8)
    shown = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(line, int(left), shown)
    painter.drawText(line, int(right), numbers)
    painter.restore()


def _pixels(millimetres: float) -> float:
    return millimetres / 25.4 * _DPI


def _ensure_application() -> None:
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["archiveapp", "-platform", "offscreen"])
