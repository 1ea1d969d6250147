"""The article with its quotes highlighted, each in its speaker's colour.

The text is inserted as plain runs with character formats (not built from HTML), so a
position in the Qt document is the offset the core gives, converted from Python code points
to UTF-16 code units. A quote is an anchor ``quote:ID``: clicking it emits ``quoteClicked``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import (
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from ...core.model import Quote
from ..loader import ViewedDocument
from .colours import accent_colour, assign_for_document, highlight_colour, is_dark, text_on_accent

_SCHEME = "quote"
# Nothing in the viewer runs or loads: QTextBrowser has no script engine, links are not
# followed (setOpenLinks(False)), and InertDocument refuses every resource.
READING_FAMILIES = ["Noto Serif", "DejaVu Serif", "Georgia", "Liberation Serif", "serif"]


class DocumentViewer(QTextBrowser):
    quoteClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentViewer")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setPlaceholderText("Select a document or a quote to read it here.")
        font = QFont(self.font())
        font.setFamilies(READING_FAMILIES)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.15)
        self.setFont(font)
        self.setDocument(InertDocument(self))
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(self._on_anchor)
        self._viewed: ViewedDocument | None = None
        self._spans: dict[str, tuple[int, int]] = {}  # quote id -> Qt positions
        self._marked: str | None = None
        self._rendered_dark = False

    # -- what it shows -------------------------------------------------------------------

    @property
    def path(self) -> str | None:
        return self._viewed.document.path if self._viewed else None

    @property
    def marked_quote(self) -> str | None:
        return self._marked

    def show_document(self, viewed: ViewedDocument | None) -> None:
        self._viewed = viewed
        self._marked = None
        self._render()

    def mark_quote(self, quote_id: str | None) -> bool:
        """Select the quote's text and scroll it into view; False if it is not shown."""
        self._marked = quote_id
        span = self._spans.get(quote_id) if quote_id else None
        if span is None:
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            return False
        self._paint_selection_as(quote_id)
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[1])
        self.setTextCursor(cursor)
        self.ensureCursorVisible()  # bring the end into view, then the start
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._scroll_to(span[0])
        return True

    def _paint_selection_as(self, quote_id: str) -> None:
        """The marked quote is selected (so it can be copied and tests can read it) in a
        deep shade of its speaker's colour rather than the system selection blue."""
        speaker_id = next(
            (
                q.speaker_id
                for q in (self._viewed.quotes if self._viewed else ())
                if q.id == quote_id
            ),
            None,
        )
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, accent_colour(speaker_id))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, text_on_accent())
        self.setPalette(palette)

    def quote_at(self, position: int) -> str | None:
        for quote_id, (start, end) in self._spans.items():
            if start <= position < end:
                return quote_id
        return None

    def quote_span(self, quote_id: str) -> tuple[int, int] | None:
        return self._spans.get(quote_id)

    def text_offsets(self, start: int, end: int) -> tuple[int, int]:
        """Qt positions (UTF-16 code units) as offsets into the document's text."""
        text = self._viewed.document.text if self._viewed else ""
        encoded = text.encode("utf-16-le", "surrogatepass")

        def offset(units: int) -> int:
            return len(encoded[: units * 2].decode("utf-16-le", "ignore"))

        return offset(start), offset(end)

    # -- rendering -----------------------------------------------------------------------

    def _render(self) -> None:
        document = InertDocument(self)
        document.setDefaultFont(self.font())
        document.setDocumentMargin(18)
        self._spans = {}
        self._rendered_dark = is_dark()
        if self._viewed is not None:
            self._spans = _fill(document, self._viewed, self._rendered_dark)
        self.setDocument(document)
        if self._marked:
            self.mark_quote(self._marked)

    def _scroll_to(self, position: int) -> None:
        """Put the quote a little below the top edge, so the lines before it show too."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        top = self.cursorRect(cursor).top() + self.verticalScrollBar().value()
        self.verticalScrollBar().setValue(max(0, top - self.viewport().height() // 5))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Speaker colours follow the light/dark palette. Only a switch between the two
        # re-renders: marking a quote changes the selection colours of this palette too.
        if (
            event.type() == QEvent.Type.PaletteChange
            and self._viewed is not None
            and is_dark() != self._rendered_dark
        ):
            self._render()

    def loadResource(self, kind: int, name: QUrl) -> object:
        """Nothing is loaded (see InertDocument): not for the document, nor for a source
        set on the browser."""
        return None

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == _SCHEME and url.path():
            self.quoteClicked.emit(url.path())


class InertDocument(QTextDocument):
    """A text document that loads no resource. The article is inserted as plain text, so
    markup in a saved page shows as text and names none; but should HTML ever be set, an
    image or style sheet it names (a tracking pixel on a server, a file elsewhere on the
    disk) stays unloaded. QTextDocument's own loadResource reads a file: URL itself when
    the widget's gives nothing, so the refusal has to be here."""

    def loadResource(self, kind: int, name: QUrl) -> object:
        return None


def _fill(
    document: QTextDocument, viewed: ViewedDocument, dark: bool
) -> dict[str, tuple[int, int]]:
    """Insert the text with quote runs formatted; return each quote's Qt span."""
    text = viewed.document.text
    ordered = sorted(viewed.quotes, key=lambda q: q.start)
    assign_for_document([q.speaker_id for q in ordered if q.speaker_id is not None])
    cursor = QTextCursor(document)
    plain = QTextCharFormat()
    spans: dict[str, tuple[int, int]] = {}
    at = 0
    for quote in _non_overlapping(viewed.quotes, len(text)):
        if quote.start > at:
            cursor.insertText(text[at : quote.start], plain)
        start = cursor.position()
        cursor.insertText(text[quote.start : quote.end], _quote_format(quote, dark))
        spans[quote.id] = (start, cursor.position())
        at = quote.end
    cursor.insertText(text[at:], plain)
    _style_blocks(document)
    return spans


def _non_overlapping(quotes: list[Quote], length: int) -> list[Quote]:
    kept: list[Quote] = []
    end = 0
    for quote in sorted(quotes, key=lambda q: (q.start, -q.end)):
        if quote.start >= end and 0 <= quote.start < quote.end <= length:
            kept.append(quote)
            end = quote.end
    return kept


def _quote_format(quote: Quote, dark: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(highlight_colour(quote.speaker_id, dark))
    fmt.setAnchor(True)
    fmt.setAnchorHref(f"{_SCHEME}:{quote.id}")
    who = quote.speaker or "unattributed"
    fmt.setToolTip(f"{who}, {quote.speaker_role}" if quote.speaker_role else who)
    return fmt


def _style_blocks(document: QTextDocument) -> None:
    """Comfortable line height everywhere; the first line (the title) large and bold."""
    cursor = QTextCursor(document)
    cursor.select(QTextCursor.SelectionType.Document)
    block = QTextBlockFormat()
    block.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    cursor.mergeBlockFormat(block)
    # Paragraphs are separated by empty lines in the text; keep them (offsets depend on
    # them) but make them a third of a line high.
    gap = QTextBlockFormat()
    gap.setLineHeight(
        document.defaultFont().pointSizeF() * 0.45,
        QTextBlockFormat.LineHeightTypes.FixedHeight.value,
    )
    block = document.firstBlock()
    while block.isValid():
        if not block.text().strip():
            QTextCursor(block).mergeBlockFormat(gap)
        block = block.next()
    title = QTextCursor(document.firstBlock())
    title.select(QTextCursor.SelectionType.BlockUnderCursor)
    heading = QTextCharFormat()
    heading.setFontWeight(QFont.Weight.Bold)
    heading.setFontPointSize(document.defaultFont().pointSizeF() * 1.35)
    title.mergeCharFormat(heading)
