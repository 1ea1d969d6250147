"""Writing a folder of articles for a test: one helper the fixtures and tests share."""

from __future__ import annotations

from pathlib import Path


def write_files(folder: Path, files: dict[str, str]) -> Path:
    """Write each text under its relative name in ``folder`` (made as needed)."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
