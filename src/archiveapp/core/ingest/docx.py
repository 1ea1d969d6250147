"""Reader for Word articles (.docx), through python-docx: body paragraphs and tables in
document order, then the footnotes (which python-docx does not read; they come from
``word/footnotes.xml``). Page headers and footers are left out: they repeat the outlet's
name and page numbers on every page rather than hold article text.

python-docx parses the package's XML with lxml and ``resolve_entities=False``; the
footnotes go through defusedxml. The zip is checked for bombs before either looks."""

from __future__ import annotations

import io
from datetime import datetime
from xml.etree.ElementTree import Element
from zipfile import ZipFile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..errors import ReadError
from ..model import Document
from .compose import compose, join_paragraphs
from .packaged import local, open_package, parse_xml, read_member, refuse_doctype

_KIND = "Word (.docx)"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The date python-docx's own template carries: a file written with it and never given a
# date of its own says 2013-12-23, which would be garbage in a citation.
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15).date()


def read_docx(data: bytes, relpath: str) -> Document:
    if data.startswith(_OLE_MAGIC):
        # A password-protected .docx is stored in an OLE container, as old .doc files are.
        raise ReadError("encrypted or old-style Word file: save it as .docx without a password")
    package = open_package(data, _KIND)
    if "word/document.xml" in package.namelist():
        # python-docx does not expand entities, but a document that declares any is
        # crafted (Word never writes a DTD): refused, as the other parts are by defusedxml.
        refuse_doctype(read_member(package, "word/document.xml", _KIND), f"{_KIND} file")
    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx names a broken part with any error type
        raise ReadError(f"not a valid Word (.docx) file ({type(error).__name__})") from error
    blocks = [_block_text(block) for block in word.iter_inner_content()]
    blocks.extend(_footnotes(package))
    # Without a core-properties part python-docx makes up one ("Word Document", created
    # now): made-up values are no metadata.
    has_properties = "docProps/core.xml" in package.namelist()
    properties = word.core_properties
    created = properties.created if has_properties else None
    return compose(
        join_paragraphs(blocks),
        relpath,
        "docx",
        title=properties.title if has_properties else None,
        author=properties.author if has_properties else None,
        file_date=(
            created.date().isoformat()
            if created is not None and created.date() != _TEMPLATE_CREATED
            else None
        ),
    )


def _block_text(block: Paragraph | Table) -> str:
    if isinstance(block, Paragraph):
        return block.text
    rows: list[str] = []
    for row in block.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            # A merged cell comes back once per grid column it spans.
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells) if len(cells) > 1 else cells[0])
    return "\n\n".join(rows)


def _footnotes(package: ZipFile) -> list[str]:
    if "word/footnotes.xml" not in package.namelist():
        return []
    root = parse_xml(read_member(package, "word/footnotes.xml", "Word (.docx)"), "the footnotes")
    notes: list[str] = []
    for note in root:
        if local(note.tag) != "footnote" or _is_separator(note):
            continue
        for paragraph in note.iter():
            if local(paragraph.tag) == "p":
                text = "".join(
                    node.text or "" for node in paragraph.iter() if local(node.tag) == "t"
                ).strip()
                if text:
                    notes.append(text)
    return notes


def _is_separator(note: Element) -> bool:
    kind = next((v for k, v in note.attrib.items() if local(k) == "type"), "")
    return kind in ("separator", "continuationSeparator", "continuationNotice")
