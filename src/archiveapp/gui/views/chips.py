"""The bar that says what narrows the panes: one removable chip per filter, and an action
that clears them all."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


@dataclass(frozen=True)
class Chip:
    kind: str  # "search", "document", "speaker"
    label: str  # "speaker: Kateryna Chernogorenko"
    narrows: str  # which panes, for the tooltip


class ChipsBar(QWidget):
    removeRequested = Signal(str)  # the chip's kind
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chipsBar")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(6, 2, 6, 2)
        self._layout.setSpacing(6)
        self._empty = QLabel("Showing the whole archive", self)
        self._empty.setEnabled(False)
        self._clear = QToolButton(self)
        self._clear.setText("Clear all")
        self._clear.setAutoRaise(True)
        self._clear.clicked.connect(self.clearRequested)
        self._chips: list[QToolButton] = []
        self._layout.addWidget(self._empty)
        self._layout.addStretch(1)
        self._layout.addWidget(self._clear)
        self.set_chips([])

    def chips(self) -> list[str]:
        return [button.text().removesuffix("  ✕") for button in self._chips]

    def set_chips(self, chips: list[Chip]) -> None:
        for button in self._chips:
            self._layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self._chips = []
        for n, chip in enumerate(chips):
            button = QToolButton(self)
            button.setObjectName(f"chip_{chip.kind}")
            button.setText(f"{chip.label}  ✕")
            button.setToolTip(f"Narrows {chip.narrows}. Click to remove.")
            button.setStyleSheet(
                "QToolButton { border: 1px solid palette(mid); border-radius: 9px;"
                " padding: 1px 8px; background: palette(alternate-base); }"
                "QToolButton:hover { background: palette(midlight); }"
            )
            button.clicked.connect(
                lambda _checked=False, kind=chip.kind: self.removeRequested.emit(kind)
            )
            self._layout.insertWidget(1 + n, button)
            self._chips.append(button)
        self._empty.setVisible(not chips)
        self._clear.setVisible(bool(chips))
