"""What the top of a plain article tells: boilerplate lines, title, byline, dateline, date.

Shared by the plain-text and Markdown readers; works on text, not on files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lines that page-saving tools and CMS exports leave around an article. Matched whole,
# case-insensitively, only in the first and last few lines, so a sentence in the body that
# happens to read "back to top" is never touched.
_BOILERPLATE = re.compile(
    r"^\s*(top of page|bottom of page|back to top|skip to (main )?content|"
    r"advertisement|share this article|print this page|click here to print|"
    r"subscribe|sign in|log in|menu)\s*$",
    re.IGNORECASE,
)
_EDGE_LINES = 6
_MAX_TITLE = 200

_BYLINE = re.compile(r"^\s*(?:[Bb]y|[Vv]on)\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "januar"),
            ("february", "feb", "februar"),
            ("march", "mar", "märz"),
            ("april", "apr"),
            ("may", "mai"),
            ("june", "jun", "juni"),
            ("july", "jul", "juli"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct", "oktober", "okt"),
            ("november", "nov"),
            ("december", "dec", "dezember", "dez"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_WRITTEN = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\.?\s+{_MONTH}(?:\s+\d{{4}})?)"
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:published|date|updated|posted)\s*:?\s*)?"
    rf"(\d{{4}}-\d{{2}}-\d{{2}}|{_DATE_WRITTEN})\s*$",
    re.IGNORECASE,
)
# "Kyiv, December 13." / "HARWICK, March 3 (Harwick Courier) -" / "Harwick, 3 March 2025 —"
_DATELINE = re.compile(
    rf"^(?P<place>[A-ZÀ-Þ][\w'’.-]*(?:[ -][A-ZÀ-Þ][\w'’.-]*){{0,3}}),\s+"
    rf"(?P<date>{_DATE_WRITTEN})(?:\s*\([^)]{{1,40}}\))?\s*(?:[.—–-]|:)\s",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Header:
    title: str
    author: str | None
    date: str | None
    dateline_place: str | None
    dateline_date: str | None


def strip_boilerplate(text: str) -> str:
    """Drop boilerplate lines at the head and tail of ``text`` and the blank lines around them."""
    lines = text.splitlines()
    head = 0
    while head < len(lines) and head < _EDGE_LINES and _is_skippable(lines[head]):
        head += 1
    tail = len(lines)
    while tail > head and len(lines) - tail < _EDGE_LINES and _is_skippable(lines[tail - 1]):
        tail -= 1
    return "\n".join(lines[head:tail]).strip("\n").rstrip()


def _is_skippable(line: str) -> bool:
    return not line.strip() or bool(_BOILERPLATE.match(line))


def read_header(text: str, fallback_title: str) -> Header:
    """Title from the first line, byline and date from the lines just below, dateline from
    the first paragraph of the body."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    title = fallback_title
    author = date = None
    if paragraphs and len(paragraphs[0]) <= _MAX_TITLE and "\n" not in paragraphs[0]:
        title = paragraphs.pop(0)
    for paragraph in paragraphs[:3]:
        for line in paragraph.splitlines():
            if author is None and (byline := _BYLINE.match(line)):
                author = byline.group(1)
            elif date is None and (dated := _DATE_LINE.match(line)):
                date = parse_date(dated.group(1))
    place = when = None
    for paragraph in paragraphs[:4]:
        if dateline := _DATELINE.match(paragraph):
            place = (
                dateline.group("place").title()
                if dateline.group("place").isupper()
                else (dateline.group("place"))
            )
            when = dateline.group("date")
            date = date or parse_date(when)
            break
    return Header(title, author, date, place, when)


def parse_date(value: str | None) -> str | None:
    """ISO 8601 for a date written as 2025-03-14, March 14, 2025, 14 March 2025 or a YAML
    date; None when it cannot be read or lacks a year (a dateline's "December 13")."""
    if value is None:
        return None
    value = str(value).strip()
    if iso := re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value):
        return "-".join(part for part in iso.groups() if part)
    words = re.findall(r"[^\W\d_]+|\d+", value.lower())
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if n > 31]
    days = [n for n in numbers if 1 <= n <= 31]
    if not years or month is None:
        return None
    if days:
        return f"{years[0]:04d}-{month:02d}-{days[0]:02d}"
    return f"{years[0]:04d}-{month:02d}"
