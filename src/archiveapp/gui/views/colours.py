"""Speaker colours that read well on light and dark palettes.

A speaker keeps one hue everywhere (viewer highlight, swatch in the panes); the lightness
follows the palette, so a highlight is a pale wash under dark text in a light theme and a
deep tint under light text in a dark theme. Hues step by the golden ratio so speakers next
to each other in an article rarely look alike.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

_GOLDEN = 0.6180339887


def is_dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


def _hue(speaker_id: int) -> float:
    return (speaker_id * _GOLDEN) % 1.0


def highlight_colour(speaker_id: int | None, dark: bool | None = None) -> QColor:
    """The background of a quote in the viewer."""
    dark = is_dark() if dark is None else dark
    if speaker_id is None:
        return QColor.fromHslF(0.0, 0.0, 0.30 if dark else 0.88)
    return QColor.fromHslF(_hue(speaker_id), 0.45 if dark else 0.75, 0.30 if dark else 0.86)


def accent_colour(speaker_id: int | None, dark: bool | None = None) -> QColor:
    """A stronger shade of the same hue: swatches and the selected quote's underline."""
    dark = is_dark() if dark is None else dark
    if speaker_id is None:
        return QColor.fromHslF(0.0, 0.0, 0.6 if dark else 0.55)
    return QColor.fromHslF(_hue(speaker_id), 0.65, 0.62 if dark else 0.45)


def speaker_swatch(speaker_id: int | None) -> QIcon:
    return _swatch(speaker_id, is_dark())


@lru_cache(maxsize=4096)
def _swatch(speaker_id: int | None, dark: bool) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(accent_colour(speaker_id, dark))
    return QIcon(pixmap)
