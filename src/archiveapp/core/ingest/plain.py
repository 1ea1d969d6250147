"""Reader for plain-text articles (.txt): everything comes from the text itself."""

from __future__ import annotations

from ..model import Document
from .compose import compose
from .decode import decode_text


def read_plain(data: bytes, relpath: str) -> Document:
    raw, _encoding = decode_text(data)
    return compose(raw, relpath, "txt")
