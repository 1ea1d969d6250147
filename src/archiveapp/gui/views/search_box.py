"""The search field: results as you type (debounced), and an inline hint under it when a
query cannot be read, never a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

DEBOUNCE_MS = 250
PLACEHOLDER = 'Search: words, "a phrase", drone*, speaker:Fedorov, title:budget, date:2025-03'


class SearchLine(QLineEdit):
    """The line edit; Down moves on to the first pane, as in a browser's address bar."""

    leaveDown = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.leaveDown.emit()
            return
        super().keyPressEvent(event)


class SearchBox(QWidget):
    queryChanged = Signal(str)  # after the user paused typing, or pressed Enter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = SearchLine(self)
        self.line.setObjectName("searchBox")
        self.line.setPlaceholderText(PLACEHOLDER)
        self.line.setClearButtonEnabled(True)
        self.line.setToolTip(
            'Whoosh query syntax: AND, OR, NOT, "phrases", prefix*, and the fields\n'
            "speaker:, title:, author:, outlet:, date: (date:2025, date:[2025-01 TO 2025-06])"
        )
        self.hint = QLabel(self)
        self.hint.setObjectName("searchHint")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.hint)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._commit)
        self.line.returnPressed.connect(self._commit)
        # textChanged, not textEdited: text put in by a script, an accessibility tool or
        # the clear button searches too; set_text() marks its own text as done already.
        self.line.textChanged.connect(self._on_text_changed)
        self._committed = ""

    @property
    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        """Show ``text`` without emitting (Back/Forward, a removed chip)."""
        self._timer.stop()
        self._committed = text.strip()
        if self.line.text() != text:
            self.line.setText(text)

    def show_hint(self, message: str | None) -> None:
        if message:
            self.hint.setText(f"⚠ {message}")
            self.hint.setStyleSheet("color: palette(link);")
            self.hint.show()
        else:
            self.hint.hide()

    def _on_text_changed(self, text: str) -> None:
        if not text and self._committed:
            self._commit()  # cleared: show everything again at once
        else:
            self._timer.start()

    def _commit(self) -> None:
        self._timer.stop()
        text = self.line.text().strip()
        if text != self._committed:
            self._committed = text
            self.queryChanged.emit(text)
