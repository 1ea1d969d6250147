"""Reader for plain-text articles (.txt)."""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from .decode import decode_text
from .header import read_header, strip_boilerplate


def read_plain(path: Path, relpath: str) -> Document:
    raw, _encoding = decode_text(path.read_bytes())
    text = strip_boilerplate(raw.replace("\r\n", "\n").replace("\r", "\n"))
    header = read_header(text, fallback_title=path.stem)
    return Document(
        path=relpath,
        title=header.title,
        text=text,
        author=header.author,
        date=header.date,
        dateline_place=header.dateline_place,
        dateline_date=header.dateline_date,
        format="txt",
    )
