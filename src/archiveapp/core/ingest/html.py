"""Reader for saved web pages (.html, .htm): trafilatura finds the article among the
navigation, asides, scripts and footers, and gives its title, author, date, publication
(og:site_name, JSON-LD publisher) and address (canonical link, og:url).

The e-mail and MHTML readers hand their HTML parts to ``read_html_text``."""

from __future__ import annotations

import trafilatura

from ..errors import ReadError
from ..model import Document
from .compose import compose
from .decode import decode_text


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
    return compose(
        body,
        relpath,
        fmt,
        title=extracted.title,
        author=extracted.author,
        date=extracted.date,
        outlet=extracted.sitename,
        url=_web_address(extracted.url),
    )


def _web_address(url: str | None) -> str | None:
    """Only an http(s) address is worth citing; a saved page's file:// path is not."""
    url = (url or "").strip()
    return url if url.startswith(("http://", "https://")) else None
