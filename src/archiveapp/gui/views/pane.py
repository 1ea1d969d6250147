"""A pane: a heading that says what the pane lists and what narrows it, over a table."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class PaneView(QTableView):
    """A read-only, single-selection, sortable table with compact fixed-height rows (fixed
    heights let Qt lay out thousands of rows without asking for each one's size)."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)  # Tab moves to the next pane, arrows move in this one
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicatorClearable(True)  # a third click returns to rank/archive order
        header.setStretchLastSection(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Overridden only to hold the GIL for the whole paint. Painting asks the Python
        # model for a dozen roles per visible cell; without this, each of those calls
        # takes the GIL afresh and, while the read lane is busy in Python, waits up to the
        # interpreter's switch interval (5 ms) for it: 100+ ms per paint during a search.
        super().paintEvent(event)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)

    def set_column_widths(self, widths: dict[int, int], stretch: tuple[int, ...]) -> None:
        header = self.horizontalHeader()
        for column, chars in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().horizontalAdvance("0") * chars + 16)
        for column in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


class Pane(QWidget):
    def __init__(self, title: str, view: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.heading = QLabel(f"<b>{title}</b>", self)
        self.heading.setObjectName(f"{view.objectName()}Heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setBuddy(view)
        # A long heading ("in <a long title>") must not widen the pane: it is clipped, and
        # its tooltip has it all.
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.heading.setMinimumWidth(0)
        self.view = view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.heading)
        layout.addWidget(view, 1)

    def set_heading(self, counts: str, narrowed_by: str = "") -> None:
        """``Quotes  1 of 62 · speaker Kateryna Chernogorenko``"""
        text = f"<b>{self.title}</b>&nbsp;&nbsp;<span>{escape(counts)}</span>"
        if narrowed_by:
            text += f"&nbsp;&nbsp;<i>· {escape(narrowed_by)}</i>"
        self.heading.setText(text)
        self.heading.setToolTip(" · ".join(p for p in (counts, narrowed_by) if p))
