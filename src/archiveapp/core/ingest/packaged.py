"""Safe access to the zip packages that DOCX, ODT and EPUB files are: a broken file or a
zip bomb is a one-line ReadError, and XML is parsed without entity expansion or
external references (defusedxml), so a crafted file cannot blow up memory or reach out."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from ..errors import ReadError

# An article, even with pictures, unpacks to a few megabytes; these leave room for books
# (EPUB) while stopping a small file that unpacks to gigabytes.
MAX_UNPACKED = 512 * 1024 * 1024
MAX_RATIO = 200  # a member's unpacked size over its packed size; text packs about 5:1


def open_package(data: bytes, kind: str) -> zipfile.ZipFile:
    """The zip behind a DOCX/ODT/EPUB, after checking it is whole and not a bomb."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise ReadError(f"not a valid {kind} file (its zip package is broken)") from error
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNPACKED or (member.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise ReadError(f"{kind} file refused: it unpacks to far more than it holds")
    return package


def refuse_doctype(data: bytes, what: str) -> None:
    """Refuse XML that declares a document type (and so may declare entities) before its
    root element, for parts read by a parser other than defusedxml."""
    head = data[: 64 * 1024]
    root = re.search(rb"<[A-Za-z_]", head)
    prolog = head[: root.start()] if root else head
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise ReadError(f"{what} refused: it declares XML entities")


def read_member(package: zipfile.ZipFile, name: str, kind: str) -> bytes:
    try:
        return package.read(name)
    except KeyError as error:
        raise ReadError(f"not a valid {kind} file: {name} is missing") from error
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as error:
        raise ReadError(f"not a valid {kind} file: {name} is damaged") from error


def parse_xml(data: bytes, what: str) -> Element:
    try:
        return safe_xml.fromstring(data)
    except DefusedXmlException as error:
        raise ReadError(f"{what} refused: it declares XML entities") from error
    except safe_xml.ParseError as error:
        raise ReadError(f"{what} is not well-formed XML: {error}") from error


def local(tag: object) -> str:
    """An element's name without its namespace: '{urn:...}p' -> 'p'."""
    return str(tag).rsplit("}", 1)[-1]


def text_of(element: Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None
