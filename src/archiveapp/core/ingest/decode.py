"""Bytes to text for plain-text article files.

Order of trust: a byte-order mark; UTF-16 without one (told by its NUL bytes); binary data
refused (known file signatures, or many NUL and control bytes); strict UTF-8 (almost every
modern file); UTF-8 with stray bytes or with Windows-1252 passages pasted in (each bad
byte read as Windows-1252); then charset-normalizer for legacy 8-bit files.
charset-normalizer alone is not enough for news text: a Latin-1 file with a single "£"
scores as Shift-JIS with zero chaos (seen on bbc-news/sport_199.txt), so where a Western
single-byte code page explains the bytes about as well as the best guess, the Western page
wins.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import ReadError

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
    """Return (text, encoding name). Raises ReadError for binary data and UnicodeError
    when no reading makes sense."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace"), encoding
    # NULs padding the end: a file preallocated, or cut short by a crash while written.
    data = data.rstrip(b"\x00")
    if (utf16 := _utf16_without_bom(data)) is not None:
        return data[: len(data) // 2 * 2].decode(utf16, "replace"), utf16
    if (kind := binary_kind(data)) is not None:
        raise ReadError(kind)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", _CP1252_FALLBACK), "utf-8+cp1252"
    return _decode_legacy(data)


# What a file named .txt may really be, by the bytes it starts with.
_MAGIC = (
    (b"%PDF-", "a PDF file: rename it to .pdf to read it"),
    (b"PK\x03\x04", "a zip package (a .docx, .odt or .epub with the wrong name?)"),
    (b"{\\rtf", "an RTF file: rename it to .rtf to read it"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc): save it as .docx"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 file"),
)
_SAMPLE = 64 * 1024
# Control bytes other than tab, line feed, form feed, carriage return and escape.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27)) + b"\x7f"
_BINARY_SHARE = 0.1  # text has next to none; random or packed data about 10% and more


def binary_kind(data: bytes) -> str | None:
    """Why these bytes are not text (None: they may be). A few NULs in a text (a C
    program's output, a bad copy) are left for the readers to drop."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary data, not text: {what}"
    sample = data[:_SAMPLE]
    if not sample:
        return None
    nuls = sample.count(0)
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if nuls > _BINARY_SHARE * len(sample) or controls > _BINARY_SHARE * len(sample):
        return "binary data, not text"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by its NULs: in Latin-script text every
    other byte is zero (the odd ones in little-endian, the even ones in big-endian)."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


# A UTF-8 sequence of two to four bytes, or any other byte of 0x80 and above.
_UTF8_OR_HIGH = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}|[\x80-\xff]"
)
_CP1252_FALLBACK = "archiveapp-cp1252"


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with some bytes that are not: a UTF-8 file with a stray byte, or two files
    pasted together, one UTF-8 and one Windows-1252. A legacy file (Cyrillic, Chinese)
    holds UTF-8-looking pairs only by chance, a few for every twenty other high bytes."""
    valid = invalid = 0
    for match in _UTF8_OR_HIGH.finditer(data):
        if match.end() - match.start() > 1:
            valid += 1
        else:
            invalid += 1
    return valid >= 2 and valid * 8 >= invalid


def _cp1252_for_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 read as Windows-1252 (Latin-1 for
    the five it leaves undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_byte_cp1252(b) for b in bad), error.end


def _byte_cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


codecs.register_error(_CP1252_FALLBACK, _cp1252_for_bad_bytes)


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
