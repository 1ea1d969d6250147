"""The small questions the window asks while the user annotates: a name, a colour, a
speaker, a yes or no. Behind one object so the window's tests answer them in place of a
person (the dialogs themselves are tested on their own)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from .speaker_chooser import SpeakerChooser


class Asker:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def text(self, title: str, label: str, value: str = "") -> str | None:
        text, ok = QInputDialog.getText(self.parent, title, label, text=value)
        return text.strip() or None if ok else None

    def item(self, title: str, label: str, items: Sequence[str]) -> str | None:
        if not items:
            return None
        choice, ok = QInputDialog.getItem(self.parent, title, label, list(items), 0, False)
        return choice if ok else None

    def colour(self, title: str, current: str | None) -> str | None:
        colour = QColorDialog.getColor(QColor(current or "#888888"), self.parent, title)
        return colour.name() if colour.isValid() else None

    def save_path(self, title: str, suggested: str, filters: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        return path or None

    def open_path(self, title: str, start: str, filters: str) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(self.parent, title, start, filters)
        return path or None

    def tell(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def speaker(
        self,
        title: str,
        prompt: str,
        speakers: Sequence[tuple[str, str | None]],
        name: str = "",
        role: str | None = None,
    ) -> tuple[str, str | None] | None:
        dialog = SpeakerChooser(
            speakers, name, role, title=title, prompt=prompt, parent=self.parent
        )
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def spellings(self, speaker: str, spellings: Sequence[str]) -> list[str]:
        """Which spellings of a speaker are someone else."""
        dialog = QDialog(self.parent)
        dialog.setWindowTitle("Split speaker")
        label = QLabel(
            f"Tick the names that are <b>not</b> {speaker}: each becomes a speaker of its own.",
            dialog,
        )
        label.setWordWrap(True)
        listing = QListWidget(dialog)
        for spelling in spellings:
            item = QListWidgetItem(spelling, listing)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(label)
        layout.addWidget(listing)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [
            listing.item(n).text()
            for n in range(listing.count())
            if listing.item(n).checkState() == Qt.CheckState.Checked
        ]
