"""Reader for saved web pages (.html, .htm): trafilatura finds the article among the
navigation, asides, scripts and footers, and gives its title, author, date, publication
(og:site_name, JSON-LD publisher) and address (canonical link, og:url).

The e-mail and MHTML readers hand their HTML parts to ``read_html_text``."""

from __future__ import annotations

from html.parser import HTMLParser

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
        return _read_flat(raw, relpath, fmt)
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


# libxml2, under trafilatura, stops parsing at this depth of nested elements: the text of
# a page nested deeper (a broken page builder, or a hostile page) is lost to it.
_PARSER_DEPTH = 256


def _read_flat(raw: str, relpath: str, fmt: str) -> Document:
    """A page trafilatura found nothing in: if it is nested too deeply for lxml, its text
    is read with the standard library's tokenizer, which keeps no tree and has no depth
    limit; otherwise there is no article in it."""
    page = _FlatText()
    page.feed(raw)
    page.close()
    body = "\n\n".join(page.blocks)
    if page.deepest < _PARSER_DEPTH or not body.strip():
        raise ReadError("no article text found in this web page")
    return compose(body, relpath, fmt, title=page.title or None)


class _FlatText(HTMLParser):
    """The visible text of a page, one block per paragraph-like element, without a tree."""

    _BLOCKS = frozenset(
        "p div h1 h2 h3 h4 h5 h6 li blockquote pre article section td th br tr dd dt".split()
    )
    _HIDDEN = frozenset("script style noscript template title head iframe object svg".split())
    _EMPTY = frozenset("br hr img input meta link area base col embed source track wbr".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.title = ""
        self.deepest = 0
        self._depth = 0
        self._hidden: str | None = None  # the element whose text is not shown
        self._in_title = False
        self._words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._EMPTY:
            self._depth += 1
            self.deepest = max(self.deepest, self._depth)
        if tag == "title":
            self._in_title = True
        if tag in self._HIDDEN and self._hidden is None:
            self._hidden = tag
        if tag in self._BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._EMPTY:
            self._depth = max(self._depth - 1, 0)
        if tag == "title":
            self._in_title = False
        if tag == self._hidden:
            self._hidden = None
        if tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif self._hidden is None:
            self._words.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._words).split())
        if text:
            self.blocks.append(text)
        self._words.clear()
