"""Files shipped beside the code: the application icon (resources/icons)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from ..core.location import sample_archive_path


def resources_folder() -> Path:
    """resources/ of a checkout, or archiveapp/resources of an installed wheel: the same
    place the core finds the sample archive in."""
    return sample_archive_path().parent


def app_icon() -> QIcon:
    icons = resources_folder() / "icons"
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        png = icons / f"archiveapp-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    svg = icons / "archiveapp.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    return icon
