"""Compare PDF text extractors on PDFs written by Qt: reading order, hyphenation, speed.

Run: python benchmarks/pdf_readers.py. Prints, per library and layout, whether the
article's sentences come out whole and in order, whether a word hyphenated at a line end
is joined, and the milliseconds per page; "archiveapp" is the PDF reader built on the
chosen library.
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QPageSize, QPainter, QPdfWriter

SENTENCES = [
    f"Sentence {n} of the article tells how the harbour commission met on Tuesday "
    f"and argued about the pier repairs for the {n}th time this year."
    for n in range(1, 41)
]
HYPHENATED = "The engineers said the reconstruc-\ntion would take two years."


def _write_interleaved(path: Path) -> None:
    """Two columns whose lines are drawn row by row, left and right alternating: the
    content stream is not in reading order, as in many typeset newspapers' PDFs."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15))
    painter = QPainter(writer)
    area = painter.viewport()
    half = len(SENTENCES) // 4
    left = textwrap.wrap(HYPHENATED.replace("\n", " ") + " " + " ".join(SENTENCES[:half]), 40)
    right = textwrap.wrap(" ".join(SENTENCES[half : 2 * half]), 40)
    step = painter.fontMetrics().height() * 1.2
    for row in range(max(len(left), len(right))):
        for column, lines in enumerate((left, right)):
            if row < len(lines):
                painter.drawText(int(column * area.width() / 2), int((row + 1) * step), lines[row])
    painter.end()


def _write(path: Path, columns: int, pages: int) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15))
    painter = QPainter(writer)
    area = painter.viewport()
    per_page = len(SENTENCES) // pages
    for page in range(pages):
        if page:
            writer.newPage()
        chunk = SENTENCES[page * per_page : (page + 1) * per_page]
        width = area.width() / columns
        per_column = len(chunk) // columns
        for column in range(columns):
            text = " ".join(chunk[column * per_column : (column + 1) * per_column])
            if page == 0 and column == 0:
                text = HYPHENATED + " " + text
            rect = QRectF(column * width + 20, 0, width - 40, area.height())
            painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), text)
    painter.end()


def _pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def _pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _pdfium(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()


def _archiveapp(data: bytes) -> str:
    """pdfminer.six as core/ingest/pdf.py uses it, with hyphenated words joined."""
    from archiveapp.core.ingest.pdf import read_pdf

    return read_pdf(data, "bench.pdf").text


def _score(text: str) -> tuple[int, bool, bool]:
    flat = re.sub(r"\s+", " ", text)
    expected = [s for s in SENTENCES if s.split()[1] in flat.split()]
    whole = sum(1 for s in expected if s in flat)
    positions = [flat.find(s) for s in expected if s in flat]
    in_order = positions == sorted(positions)
    joined = "reconstruction" in flat
    return whole, in_order, joined


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    print(f"{'layout':<16}{'library':<12}{'whole':>9}{'order':>7}{'hyphen':>8}{'ms/page':>9}")
    layouts = (("1 column, 4 pp", 1, 4), ("2 columns, 2 pp", 2, 2), ("2 col. by rows", 2, 1))
    for name, columns, pages in layouts:
        path = folder / f"{name[:1]}{pages}.pdf"
        if pages == 1:
            _write_interleaved(path)
        else:
            _write(path, columns, pages)
        data = path.read_bytes()
        for library, extract in (
            ("pdfminer", _pdfminer),
            ("pypdf", _pypdf),
            ("pdfium", _pdfium),
            ("archiveapp", _archiveapp),
        ):
            extract(data)  # warm up imports
            start = time.perf_counter()
            for _ in range(5):
                text = extract(data)
            ms = (time.perf_counter() - start) / 5 / pages * 1000
            whole, order, hyphen = _score(text)
            print(f"{name:<16}{library:<12}{whole:>9}{order!s:>7}{hyphen!s:>8}{ms:>9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
