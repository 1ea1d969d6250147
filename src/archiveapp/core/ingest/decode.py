"""Bytes to text for plain-text article files.

Order of trust: a byte-order mark, then strict UTF-8 (almost every modern file), then
charset-normalizer for legacy 8-bit files. charset-normalizer alone is not enough for news
text: a Latin-1 file with a single "£" scores as Shift-JIS with zero chaos (seen on
bbc-news/sport_199.txt), so where a Western single-byte code page explains the bytes about
as well as the best guess, the Western page wins.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
# How much more "chaos" (charset-normalizer's mess ratio) a Western reading may have than
# the best guess and still be preferred; one stray symbol in a short file costs about 0.08.
_WESTERN_CHAOS_MARGIN = 0.1


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises UnicodeError when no reading makes sense."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    matches = list(from_bytes(data))
    if not matches:
        raise UnicodeError("not a text file in any known encoding")
    best = matches[0]
    for match in matches:
        if any(name in match.could_be_from_charset for name in _WESTERN) and (
            match.chaos <= best.chaos + _WESTERN_CHAOS_MARGIN
        ):
            return _decode_western(data)
    return str(best), best.encoding


def _decode_western(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return data.decode("latin-1"), "latin-1"
