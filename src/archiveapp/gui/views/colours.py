"""Speaker colours that read well on light and dark palettes.

A speaker keeps one hue everywhere (viewer highlight, swatch in the panes); the lightness
follows the palette, so a highlight is a pale wash under dark text in a light theme and a
deep tint under light text in a dark theme. Twelve hues 30 degrees apart, taken in an order
that puts far-apart hues next to each other: speakers with neighbouring ids (the people of
one article usually are) never share a hue and rarely look alike. When two speakers of the
article being read still fall on one hue, ``assign_for_document`` moves the later one to a
free hue, and the panes' swatches follow (that small table is the only state here).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

# One palette for tags, in the core (the command line colours new tags too).
from ...core.annotations.palette import TAG_COLOURS as TAG_COLOURS
from ...core.annotations.palette import next_tag_colour as next_tag_colour

# Steps of 30 degrees, ordered so consecutive entries are 150 or more degrees apart.
_HUES = (0, 5, 10, 3, 8, 1, 6, 11, 4, 9, 2, 7)


def is_dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


_moved: dict[int, int] = {}  # speaker id -> slot, for the article in the viewer


def _slot(speaker_id: int) -> int:
    return _moved.get(speaker_id, speaker_id % len(_HUES))


def _hue(speaker_id: int) -> float:
    return _slot_hue(_slot(speaker_id))


def _slot_hue(slot: int) -> float:
    return _HUES[slot] / len(_HUES)


def assign_for_document(speaker_ids: list[int]) -> None:
    """Give the speakers of one article (in order of appearance) distinct hues while there
    are hues to spare."""
    _moved.clear()
    used: set[int] = set()
    for speaker_id in dict.fromkeys(speaker_ids):
        slot = speaker_id % len(_HUES)
        if slot in used and len(used) < len(_HUES):
            slot = next(s for s in range(len(_HUES)) if s not in used)
            _moved[speaker_id] = slot
        used.add(slot)


def highlight_colour(speaker_id: int | None, dark: bool | None = None) -> QColor:
    """The background of a quote in the viewer."""
    dark = is_dark() if dark is None else dark
    if speaker_id is None:
        return QColor.fromHslF(0.0, 0.0, 0.30 if dark else 0.88)
    return QColor.fromHslF(_hue(speaker_id), 0.45 if dark else 0.75, 0.30 if dark else 0.86)


def accent_colour(speaker_id: int | None, dark: bool | None = None) -> QColor:
    """A stronger shade of the same hue: swatches and the selected quote."""
    dark = is_dark() if dark is None else dark
    return _accent(None if speaker_id is None else _slot(speaker_id), dark)


def _accent(slot: int | None, dark: bool) -> QColor:
    if slot is None:
        return QColor.fromHslF(0.0, 0.0, 0.6 if dark else 0.55)
    return QColor.fromHslF(_slot_hue(slot), 0.65, 0.62 if dark else 0.45)


def text_on_accent(dark: bool | None = None) -> QColor:
    """Text that reads on ``accent_colour``: light on the deep light-theme shade, dark on the
    bright dark-theme one."""
    dark = is_dark() if dark is None else dark
    return QColor(20, 20, 20) if dark else QColor(255, 255, 255)


def speaker_swatch(speaker_id: int | None) -> QIcon:
    slot = None if speaker_id is None else _slot(speaker_id)
    return _swatch(slot, is_dark())


@lru_cache(maxsize=64)
def _swatch(slot: int | None, dark: bool) -> QIcon:
    """One icon per hue and palette, shared by every speaker on that hue."""
    pixmap = QPixmap(10, 10)
    pixmap.fill(_accent(slot, dark))
    return QIcon(pixmap)


# -- tag colours ---------------------------------------------------------------------------

# Paul Tol's "bright" scheme first: seven colours that stay apart under the common
# colour-vision deficiencies and in greyscale print. Then five tones from his "light"
# scheme, which keep clear of the first seven. Each reaches 4.5:1 contrast with black or
# white text (``text_on_tag``), so any of them can be a chip's background; on white, the
# pale ones are held by the darker rim of their swatch.
_NO_TAG_COLOUR = "#9a9a9a"


def tag_colour(colour: str | None) -> QColor:
    """A tag's colour; a tag without one (or with an unreadable one) is neutral grey."""
    qcolour = QColor(colour) if colour else QColor()
    return qcolour if qcolour.isValid() else QColor(_NO_TAG_COLOUR)


def text_on_tag(colour: str | None) -> QColor:
    """Black or white, whichever contrasts more with the tag's colour (WCAG 2 contrast);
    every palette colour reaches 4.5:1 with one of them."""
    c = tag_colour(colour)

    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())
    on_black = (luminance + 0.05) / 0.05
    on_white = 1.05 / (luminance + 0.05)
    return QColor(0, 0, 0) if on_black >= on_white else QColor(255, 255, 255)


@lru_cache(maxsize=128)
def tag_swatch(colour: str | None) -> QIcon:
    """A dot of the tag's colour with a darker rim, so pale tags still show on white. Round,
    not square like the speakers' swatches, so a tag never passes for a speaker (nor, in
    the tag picker, for a check box)."""
    fill = tag_colour(colour)
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(fill.darker(150))
    painter.setBrush(fill)
    painter.drawEllipse(QRectF(0.5, 0.5, 11, 11))
    painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)  # the true colour on a selected row, not tinted
    return icon


@lru_cache(maxsize=1)
def note_icon() -> QIcon:
    """A small folded-corner sheet: this quote has a note."""
    size = 14
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#7a6a20"))
    painter.setBrush(QColor("#f6e27a"))
    painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 2, 2)
    painter.setPen(QColor("#7a6a20"))
    for y in (5.5, 8.5):
        painter.drawLine(4, int(y), size - 4, int(y))
    painter.end()
    return QIcon(pixmap)
