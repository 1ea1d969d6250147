"""The note on the current quote, edited in place and handed on without a Save button: when
the user pauses, leaves the field, or moves to another quote."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

PAUSE_MS = 700
PLACEHOLDER = "Note on this quote…"
NO_QUOTE = "Select a quote to write a note on it"


class NoteEditor(QPlainTextEdit):
    noteEdited = Signal(str, str)  # quote id, the note (trailing whitespace stripped)

    def __init__(self, parent: QWidget | None = None, pause_ms: int = PAUSE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setTabChangesFocus(True)  # Tab leaves the note, as in a form
        self._quote_id: str | None = None
        self._saved = ""  # the note as last set or emitted, trailing whitespace stripped
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self.flush)
        self._setting = False
        self.textChanged.connect(self._on_text_changed)
        self.set_quote(None, "")

    @property
    def quote_id(self) -> str | None:
        return self._quote_id

    def set_quote(self, quote_id: str | None, note: str) -> None:
        """Show the note of ``quote_id`` (None: no quote, the field is disabled). A pending
        edit of the quote shown before is emitted first."""
        note = note.rstrip()
        if quote_id is not None and quote_id == self._quote_id and self._edited():
            # The same quote again (its row was refreshed, perhaps by our own save) while
            # the user is still typing: keep their words and let the timer hand them on.
            self._saved = note
            return
        self.flush()
        self._quote_id = quote_id
        self._saved = note
        if self.toPlainText().rstrip() != note:
            self._setting = True  # text set by code is not an edit
            try:
                self.setPlainText(note)
            finally:
                self._setting = False
            self.moveCursor(QTextCursor.MoveOperation.End)  # ready to add to the note
        self.setEnabled(quote_id is not None)
        self.setPlaceholderText(PLACEHOLDER if quote_id is not None else NO_QUOTE)

    def flush(self) -> None:
        """Emit the note now if the user changed it (the window calls this before it closes
        or reloads)."""
        self._timer.stop()
        if self._quote_id is None or not self._edited():
            return
        self._saved = self.toPlainText().rstrip()
        self.noteEdited.emit(self._quote_id, self._saved)

    def _on_text_changed(self) -> None:
        if not self._setting:
            self._timer.start()  # restarts: the note goes out once typing pauses

    def _edited(self) -> bool:
        return self.toPlainText().rstrip() != self._saved

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.flush()
