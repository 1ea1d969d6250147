"""Reader for OpenDocument text articles (.odt): ``content.xml`` for the body (headings,
paragraphs, lists and tables in order; footnotes after the body) and ``meta.xml`` for
title, author and creation date, both parsed with defusedxml from a zip checked for bombs.

No ODF library at run time: odfpy would add a dependency to walk the same two files, and
its parser does not refuse entity declarations."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ..errors import ReadError
from ..model import Document
from .compose import compose, join_paragraphs
from .packaged import local, open_package, parse_xml, read_member, text_of

_KIND = "OpenDocument (.odt)"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_PARAGRAPHS = {"p", "h"}
_SKIPPED = {"tracked-changes", "sequence-decls", "variable-decls", "table-of-content"}


def read_odt(data: bytes, relpath: str) -> Document:
    package = open_package(data, _KIND)
    names = package.namelist()
    if "content.xml" not in names:
        raise ReadError(f"not a valid {_KIND} file: content.xml is missing")
    # A password-protected ODT keeps its parts encrypted; only the manifest says so.
    manifest = "META-INF/manifest.xml"
    if manifest in names and b"encryption-data" in read_member(package, manifest, _KIND):
        raise ReadError("encrypted: the document needs a password; save a copy without one")
    content = parse_xml(read_member(package, "content.xml", _KIND), "the document's content")
    text_body = content.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    if text_body is None:
        raise ReadError(f"not a text document: {relpath} has no office:text body")
    blocks: list[str] = []
    notes: list[str] = []
    _walk(text_body, blocks, notes)
    meta: dict[str, str | None] = {}
    if "meta.xml" in names:
        root = parse_xml(read_member(package, "meta.xml", _KIND), "the document's metadata")
        meta = {
            "title": text_of(root.find(f".//{{{_DC}}}title")),
            "author": text_of(root.find(f".//{{{_META}}}initial-creator"))
            or text_of(root.find(f".//{{{_DC}}}creator")),
            "created": text_of(root.find(f".//{{{_META}}}creation-date")),
        }
    return compose(
        join_paragraphs(blocks + notes),
        relpath,
        "odt",
        title=meta.get("title"),
        author=meta.get("author"),
        file_date=meta.get("created"),
    )


def _walk(element: Element, blocks: list[str], notes: list[str]) -> None:
    """Paragraphs and headings anywhere under ``element`` (lists, sections, table cells)
    in document order."""
    for child in element:
        name = local(child.tag)
        if name in _PARAGRAPHS and child.tag.startswith(f"{{{_TEXT}}}"):
            blocks.append(_inline(child, notes))
        elif name not in _SKIPPED:
            _walk(child, blocks, notes)


def _inline(element: Element, notes: list[str]) -> str:
    """A paragraph's text as shown: spaces, tabs and line breaks as written; a footnote's
    body goes to ``notes`` and only its mark stays."""
    parts = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name == "s":
            count = next((v for k, v in child.attrib.items() if local(k) == "c"), "1")
            # Capped: a crafted count must not make a gigabyte of spaces.
            parts.append(" " * min(int(count), 100) if count.isdigit() else " ")
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        elif name == "note":
            body = child.find(f"{{{_TEXT}}}note-body")
            if body is not None:
                _walk(body, notes, notes)
        elif name not in ("annotation", "bookmark", "bookmark-start", "bookmark-end"):
            parts.append(_inline(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)
