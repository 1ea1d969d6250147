"""Word documents, built with python-docx."""

from __future__ import annotations

from pathlib import Path

from .model import ExportDocument


def write_docx(document: ExportDocument, path: Path) -> None:
    raise NotImplementedError("the DOCX writer is being written")
