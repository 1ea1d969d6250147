"""Reader for saved web pages (.html, .htm): trafilatura finds the article among the
navigation, asides, scripts and footers, and gives its title, author and date."""

from __future__ import annotations

from pathlib import PurePosixPath

import trafilatura

from ..errors import ReadError
from ..model import Document
from .decode import decode_text
from .header import parse_date, read_header


def read_html(data: bytes, relpath: str) -> Document:
    raw, _encoding = decode_text(data)
    extracted = trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None or not (extracted.text or "").strip():
        raise ReadError("no article text found in this web page")
    # trafilatura puts one block per line; paragraphs need blank lines between them so
    # multi-paragraph quotes and datelines read as they do in the other formats.
    body = "\n\n".join(line.strip() for line in extracted.text.splitlines() if line.strip())
    title = (extracted.title or "").strip()
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    header = read_header(text, fallback_title=title or PurePosixPath(relpath).stem)
    return Document(
        path=relpath,
        title=title or header.title,
        text=text,
        author=(extracted.author or "").strip() or header.author,
        date=parse_date(extracted.date) or header.date,
        dateline_place=header.dateline_place,
        dateline_date=header.dateline_date,
        format="html",
    )
