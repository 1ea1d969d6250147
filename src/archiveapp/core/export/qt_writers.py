"""ODT and PDF, laid out by Qt from the export's HTML: QTextDocumentWriter writes
OpenDocument text, QPdfWriter prints the same document to PDF pages.

The only part of the core that uses Qt (QtGui, never widgets), imported only when one of
these formats is asked for. Without a running Qt application (the command line) one is
started on the offscreen platform: fonts need an application, a screen does not.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ArchiveError
from . import html
from .model import ExportDocument

_app = None  # the application started here, kept alive for later exports


def _text_document(document: ExportDocument):  # type: ignore[no-untyped-def]
    _ensure_application()
    from PySide6.QtGui import QFont, QTextDocument

    text = QTextDocument()
    font = QFont()
    font.setFamilies(["Noto Serif", "DejaVu Serif", "Liberation Serif", "serif"])
    font.setPointSizeF(11)
    text.setDefaultFont(font)
    text.setHtml(html.render(document))
    text.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, document.title)
    return text


def write_odt(document: ExportDocument, target: Path) -> None:
    from PySide6.QtGui import QTextDocumentWriter

    text = _text_document(document)
    writer = QTextDocumentWriter(str(target), b"ODF")
    if not writer.write(text):
        raise ArchiveError(f"cannot write {target}: {writer.device().errorString() or 'Qt failed'}")


def write_pdf(document: ExportDocument, target: Path) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    text = _text_document(document)
    writer = QPdfWriter(str(target))
    writer.setTitle(document.title)
    writer.setCreator("archiveapp")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    text.print_(writer)
    del writer  # the file is finished when the writer goes
    if not target.exists() or target.stat().st_size == 0:
        raise ArchiveError(f"cannot write {target}: Qt wrote no PDF")


def _ensure_application() -> None:
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["archiveapp", "-platform", "offscreen"])
