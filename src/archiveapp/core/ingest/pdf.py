"""Reader for PDF articles (.pdf), through pdfminer.six's layout analysis.

Why pdfminer.six: it is the one of the three well-kept libraries that puts text back in
reading order when the page's content stream is not (columns drawn line by line across
the page, as typeset newspapers do). Measured with ``benchmarks/pdf_readers.py`` on PDFs
written by Qt's QPdfWriter (Python 3.11, 2 cores; sentences that come out whole, of all
on the page, and milliseconds per page, which vary by about a third between runs):

    layout                    pdfminer.six     pypdf 7.1      pypdfium2 5.15
    one column, 4 pages       40/40,  75 ms    40/40,  39 ms   40/40,   2 ms
    two columns, 2 pages      40/40, 160 ms    40/40,  87 ms   40/40,   3 ms
    two columns drawn by row  20/20, 150 ms     0/20,  84 ms    0/20,   3 ms

pypdf and pypdfium2 follow the content stream, so the last layout comes out as the left
and right columns' lines interleaved and every quote in it is cut up. pdfminer is about
50 times slower than PDFium (some 0.1 s a page, so a 3-page article in 0.3 s, once: the
archive re-reads only changed files), pure Python (no binary wheel to miss on a
platform), and also gives the info dictionary, the XMP stream and clear exceptions for
encrypted files. None of the three joins words hyphenated at a line end: done here, for
some 5% more time than pdfminer alone.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Iterator
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextBox, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1, stream_value
from pdfminer.psparser import PSException, PSLiteral
from pdfminer.utils import decode_text

from ..errors import ReadError
from ..model import Document
from .compose import clean, compose
from .packaged import local, parse_xml

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)
# Titles that PDF producers write by themselves ("Microsoft Word - draft.docx").
_TOOL_TITLE = re.compile(r"^(microsoft \w+ - |untitled)|\.(docx?|odt|rtf|txt|pdf|html?)$", re.I)
# Typeset text often uses ligature glyphs; a search for "afford" must find "aﬀord".
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"}
)
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)]$")


_DAMAGED = (
    PSException,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    ZeroDivisionError,
    AssertionError,
    struct.error,
    zlib.error,
)


def read_pdf(data: bytes, relpath: str) -> Document:
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        info = _info(document)
        xmp = _xmp(document)
        paragraphs, images = _paragraphs(document)
    except PDFEncryptionError as error:
        raise ReadError("encrypted: the PDF needs a password; save a copy without one") from error
    except _DAMAGED as error:
        # pdfminer's parser reports a damaged file with whatever error the bytes led to.
        raise ReadError(
            f"not a readable PDF file: damaged or cut short ({type(error).__name__})"
        ) from error
    if not paragraphs:
        if images:
            raise ReadError("no text layer: the PDF holds only images (a scan?); run OCR on it")
        raise ReadError("no text layer: the PDF holds no text")
    title = xmp.get("title") or info.get("Title")
    return compose(
        "\n\n".join(paragraphs),
        relpath,
        "pdf",
        title=None if title is None or _TOOL_TITLE.search(title) else title,
        author=xmp.get("creator") or info.get("Author"),
        date=xmp.get("date"),
        file_date=xmp.get("created") or info.get("CreationDate"),
    )


def _paragraphs(document: PDFDocument) -> tuple[list[str], int]:
    """The text boxes of every page in pdfminer's reading order, one paragraph each, and
    how many images the pages hold (to tell a scan from an empty file)."""
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    paragraphs: list[str] = []
    images = 0
    # create_pages, not get_pages: the latter warns about a "no copying" flag, and an
    # archive of one's own reading is what the flag's exceptions are for.
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        for item in device.get_result():
            if isinstance(item, LTTextBox):
                text = _joined(line.get_text() for line in item if isinstance(line, LTTextLine))
                if text and not _PAGE_NUMBER.match(text):
                    _add_paragraph(paragraphs, text)
            elif isinstance(item, (LTFigure, LTImage)):
                images += 1
    return paragraphs, images


def _joined(lines: Iterator[str]) -> str:
    """A box's lines as one paragraph, words hyphenated at a line end joined again."""
    text = ""
    for raw in lines:
        line = " ".join(raw.translate(_LIGATURES).split())
        if not line:
            continue
        if re.search(r"[^\W\d_]-$", text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


def _add_paragraph(paragraphs: list[str], text: str) -> None:
    """A paragraph cut by a column or page break (the previous box ends mid-sentence and
    this one goes on in lower case) is put back together."""
    if paragraphs and not _SENTENCE_END.search(paragraphs[-1]) and text[:1].islower():
        previous = paragraphs[-1]
        paragraphs[-1] = previous[:-1] + text if previous.endswith("-") else f"{previous} {text}"
    else:
        paragraphs.append(text)


def _info(document: PDFDocument) -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in document.info:
        for key in ("Title", "Author", "CreationDate"):
            value = _string(resolve1(entry.get(key)))
            if value and key not in found:
                found[key] = value
    if "CreationDate" in found:
        found["CreationDate"] = _pdf_date(found["CreationDate"]) or ""
    return {k: v for k, v in found.items() if v}


def _xmp(document: PDFDocument) -> dict[str, str]:
    """title, creator, date (dc:date, a publication date) and created (xmp:CreateDate)
    from the XMP packet, which newer producers fill instead of the info dictionary."""
    reference = document.catalog.get("Metadata")
    if reference is None:
        return {}
    try:
        root = parse_xml(stream_value(reference).get_data(), "the PDF's XMP metadata")
    except ReadError:
        return {}  # bad metadata must not cost the text
    found: dict[str, str] = {}
    for element in root.iter():
        name = local(element.tag)
        key = {"title": "title", "creator": "creator", "date": "date", "CreateDate": "created"}
        if name in key and key[name] not in found:
            value = clean(" ".join(element.itertext())) or clean(element.text)
            if value:
                found[key[name]] = value
    return found


def _string(value: Any) -> str | None:
    if isinstance(value, bytes):
        return clean(decode_text(value))
    if isinstance(value, PSLiteral):
        return clean(str(value.name))
    if isinstance(value, str):
        return clean(value)
    return None


def _pdf_date(value: str) -> str | None:
    """'D:20250314093000+01'00'' -> '2025-03-14'."""
    if found := re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", value):
        return "-".join(part for part in found.groups() if part)
    return None
