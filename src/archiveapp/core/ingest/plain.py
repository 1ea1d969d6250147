"""Reader for plain-text articles (.txt)."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..model import Document
from .decode import decode_text
from .header import read_header, strip_boilerplate


def read_plain(data: bytes, relpath: str) -> Document:
    raw, _encoding = decode_text(data)
    text = strip_boilerplate(raw.replace("\r\n", "\n").replace("\r", "\n"))
    header = read_header(text, fallback_title=PurePosixPath(relpath).stem)
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
