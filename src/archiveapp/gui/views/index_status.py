"""The indexing status in the status bar: files done of total, the current file, Cancel;
and a button to the list of files that could not be read."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ...core.model import Progress


class IndexStatus(QWidget):
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("indexProgress")
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.label = QLabel(self)
        self.label.setMinimumWidth(260)
        self.label.setMaximumWidth(460)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel = QPushButton("Cancel", self)
        self.cancel.setToolTip("Stop after the current file; what is indexed so far is kept")
        self.cancel.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()

    def start(self, what: str, visible: bool = True) -> None:
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.label.setText(what)
        self.cancel.setEnabled(True)
        self.setVisible(visible)

    def update_progress(self, progress: Progress) -> None:
        if progress.total <= 0:
            if progress.path:  # before counting: why it has not begun (another update)
                self.label.setText(progress.path)
            return
        self.show()
        self.bar.setRange(0, progress.total)
        self.bar.setValue(progress.done)
        self.bar.setFormat(f"{progress.done} of {progress.total}")
        name = progress.path.rsplit("/", 1)[-1] if progress.path else ""
        self.label.setText(f"Indexing {name}" if name else "Indexing…")
        self.label.setToolTip(progress.path)

    def finish(self) -> None:
        self.hide()

    def _cancel(self) -> None:
        self.cancel.setEnabled(False)
        self.label.setText("Cancelling after the current file…")
        self.cancelRequested.emit()
