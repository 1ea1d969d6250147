"""Reader for saved web pages (.html, .htm): trafilatura finds the article among the
navigation, asides, scripts and footers, and gives its title, author, date, publication
(og:site_name, JSON-LD publisher) and address (canonical link, og:url).

The e-mail and MHTML readers hand their HTML parts to ``read_html_text``."""

from __future__ import annotations

from pathlib import PurePosixPath

import trafilatura

from ..errors import ReadError
from ..model import Document
from .decode import decode_text
from .header import parse_date, read_header


def read_html(data: bytes, relpath: str) -> Document:
    raw, _encoding = decode_text(data)
    return read_html_text(raw, relpath)


def read_html_text(raw: str, relpath: str, fmt: str = "html") -> Document:
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
        format=fmt,
        outlet=(extracted.sitename or "").strip() or None,
        url=_web_address(extracted.url),
    )


def _web_address(url: str | None) -> str | None:
    """Only an http(s) address is worth citing; a saved page's file:// path is not."""
    url = (url or "").strip()
    return url if url.startswith(("http://", "https://")) else None
