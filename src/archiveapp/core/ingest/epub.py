"""Reader for EPUB files (.epub): every chapter in spine order as one document, with the
OPF package's title, creator, date, publisher and source.

A small zip + XML reader rather than EbookLib: EbookLib parses with lxml without
refusing entity declarations, loads every item (images, fonts) into memory, and is
AGPL-licensed; reading an EPUB's text takes container.xml, the OPF and the chapters,
all parsed here with defusedxml from a zip checked for bombs."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote
from xml.etree.ElementTree import Element
from zipfile import ZipFile

from ..errors import ReadError
from ..model import Document
from .compose import compose, join_paragraphs
from .packaged import local, open_package, parse_xml, read_member, text_of

_KIND = "EPUB"
_CHAPTER_TYPES = {"application/xhtml+xml", "text/html", "application/x-dtbook+xml"}
_BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd",
    "td", "th", "caption", "figcaption", "address",
}  # fmt: skip
_SKIPPED = {"script", "style", "head", "nav", "aside"}
# XHTML without its DTD: expat knows only XML's five entities, so a chapter using
# &nbsp; or &mdash; (allowed by the XHTML DTD, and common) gets them spelled out here.
_HTML_ENTITIES = {"nbsp": "\u00a0", "mdash": "—", "ndash": "–", "hellip": "…", "rsquo": "’",
                  "lsquo": "‘", "rdquo": "”", "ldquo": "“", "shy": "\u00ad"}  # fmt: skip


def read_epub(data: bytes, relpath: str) -> Document:
    package = open_package(data, _KIND)
    if "META-INF/encryption.xml" in package.namelist():
        raise ReadError("encrypted (DRM-protected) EPUB: its chapters cannot be read")
    container = parse_xml(read_member(package, "META-INF/container.xml", _KIND), "container.xml")
    rootfile = next(
        (e.get("full-path") for e in container.iter() if local(e.tag) == "rootfile"), None
    )
    if not rootfile:
        raise ReadError("not a valid EPUB file: container.xml names no package file")
    opf = parse_xml(read_member(package, rootfile, _KIND), "the EPUB package file")
    chapters = [_chapter_text(package, path) for path in _spine(opf, posixpath.dirname(rootfile))]
    metadata = next((e for e in opf if local(e.tag) == "metadata"), None)

    def dc(name: str) -> str | None:
        if metadata is None:
            return None
        return text_of(next((e for e in metadata.iter() if local(e.tag) == name), None))

    source = dc("source") or dc("identifier")
    return compose(
        join_paragraphs(chapters),
        relpath,
        "epub",
        title=dc("title"),
        author=dc("creator"),
        date=dc("date"),
        outlet=dc("publisher"),
        url=source if source and source.startswith(("http://", "https://")) else None,
    )


def _spine(opf: Element, base: str) -> list[str]:
    """The chapters' paths inside the zip, in reading order."""
    manifest: dict[str, tuple[str, str]] = {}
    for item in opf.iter():
        if local(item.tag) == "item" and item.get("id") and item.get("href"):
            href = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
            manifest[item.get("id", "")] = (href, item.get("media-type", ""))
    order = [e.get("idref", "") for e in opf.iter() if local(e.tag) == "itemref"]
    chapters = [manifest[i][0] for i in order if i in manifest and manifest[i][1] in _CHAPTER_TYPES]
    if not chapters:
        raise ReadError("not a valid EPUB file: its spine lists no chapters")
    return chapters


def _chapter_text(package: ZipFile, path: str) -> str:
    raw = read_member(package, path, _KIND)
    raw = re.sub(
        rb"&(" + b"|".join(n.encode() for n in _HTML_ENTITIES) + rb");",
        lambda m: _HTML_ENTITIES[m.group(1).decode()].encode("utf-8"),
        raw,
    )
    root = parse_xml(raw, f"chapter {path}")
    body = next((e for e in root.iter() if local(e.tag) == "body"), root)
    blocks: list[str] = []
    _collect(body, blocks)
    return join_paragraphs(blocks)


def _collect(element: Element, blocks: list[str]) -> None:
    """The text of each block element (a paragraph, heading, list item) once; text lying
    loose in a container (a <div> with words in it) is a block of its own."""
    loose = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name in _BLOCKS:
            _flush(loose, blocks)
            blocks.append(" ".join("".join(child.itertext()).split()))
        elif name in _SKIPPED:
            pass
        elif name == "br":
            loose.append(" ")
        elif any(local(e.tag) in _BLOCKS for e in child.iter()):
            _flush(loose, blocks)
            _collect(child, blocks)
        else:
            loose.append("".join(child.itertext()))
        loose.append(child.tail or "")
    _flush(loose, blocks)


def _flush(loose: list[str], blocks: list[str]) -> None:
    text = " ".join("".join(loose).split())
    if text:
        blocks.append(text)
    loose.clear()
