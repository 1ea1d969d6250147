"""Reader for RTF articles (.rtf): striprtf for the text (it drops the font and colour
tables, page headers and the info group), and the info group's title, author and
creation time read here, since striprtf leaves them out."""

from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

from ..errors import ReadError
from ..model import Document
from .compose import compose


def read_rtf(data: bytes, relpath: str) -> Document:
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ReadError("not an RTF file: it does not start with {\\rtf")
    # RTF is 7-bit: 8-bit characters come as \'xx in the code page \ansicpg names.
    source = data.decode("latin-1")
    encoding = _encoding(source)
    text = rtf_to_text(source, encoding=encoding, errors="replace")
    # Every \par is a paragraph; the other readers separate paragraphs by blank lines.
    body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    created = re.search(r"\\creatim\s*\\yr(\d{4})\s*\\mo(\d{1,2})\s*\\dy(\d{1,2})", source)
    return compose(
        body,
        relpath,
        "rtf",
        title=_info(source, "title", encoding),
        author=_info(source, "author", encoding),
        file_date=(
            f"{created.group(1)}-{int(created.group(2)):02d}-{int(created.group(3)):02d}"
            if created
            else None
        ),
    )


def _encoding(source: str) -> str:
    found = re.search(r"\\ansicpg(\d+)", source[:2000])
    if found:
        try:
            return codecs.lookup(f"cp{found.group(1)}").name
        except LookupError:
            pass
    return "cp1252"


def _info(source: str, field: str, encoding: str) -> str | None:
    found = re.search(rf"\{{\\{field}\s+([^{{}}]*)\}}", source)
    if found is None:
        return None
    # The value may hold escapes (\'e9, \u8217?): let striprtf decode them.
    return rtf_to_text(f"{{\\rtf1 {found.group(1)}}}", encoding=encoding, errors="replace")
