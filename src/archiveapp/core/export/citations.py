"""Source lines for quotes from news articles, in the styles researchers cite them in.

- ``author-date`` after APA 7 (newspaper article): Osei, D. (2025, November 26). Title.
  Outlet. URL or file.
- ``notes`` after Chicago 17 notes–bibliography (a footnote): Daniel Osei, “Title,”
  Outlet, November 26, 2025, URL or file.
- ``mla`` after MLA 9: Osei, Daniel. “Title.” Outlet, 26 Nov. 2025, URL or file.

What an article does not give (no author, no date) is left out the way each style says
(a title-first entry, "n.d."); nothing is invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Source

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MLA_MONTHS = "Jan. Feb. Mar. Apr. May June July Aug. Sept. Oct. Nov. Dec.".split()


def _date_parts(date: str | None) -> tuple[int | None, int | None, int | None]:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date or "")
    if not match:
        return None, None, None
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        month, day = None, None
    return year, month, day


def _authors(author: str | None) -> list[str]:
    if not author:
        return []
    parts = re.split(r"\s*(?:,|\band\b|&|\bund\b)\s*", author)
    return [p.strip() for p in parts if p.strip()]


def _inverted(name: str, initials: bool) -> str:
    words = name.split()
    if len(words) < 2:
        return name
    given = words[:-1]
    given_text = " ".join(f"{w[0]}." for w in given if w) if initials else " ".join(given)
    return f"{words[-1]}, {given_text}"


def _where(source: Source, with_path: bool) -> str:
    if source.url:
        return source.url
    return source.path if with_path else ""


def _container(source: Source, when: str | None, with_path: bool) -> list[str]:
    """What closes a notes or MLA entry, in order, leaving out what is not known: the
    outlet, the date (as the style writes it) and where the article is found."""
    return [part for part in (source.outlet, when, _where(source, with_path)) if part]


def _sentence(text: str) -> str:
    """A title or name ending a citation element: one final full stop, not two."""
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def author_date(source: Source, with_path: bool = True) -> str:
    year, month, day = _date_parts(source.date)
    if year is None:
        when = "(n.d.)."
    elif month is None:
        when = f"({year})."
    else:
        when = f"({year}, {_MONTHS[month - 1]}{f' {day}' if day else ''})."
    names = [_inverted(n, initials=True) for n in _authors(source.author)]
    if len(names) > 1:
        names_text = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        names_text = names[0] if names else ""
    title = _sentence(source.title)
    parts = [names_text, when, title] if names_text else [title, when]
    if source.outlet:
        parts.append(_sentence(source.outlet))
    where = _where(source, with_path)
    if where:
        parts.append(where)
    return " ".join(p for p in parts if p)


def notes(source: Source, with_path: bool = True) -> str:
    year, month, day = _date_parts(source.date)
    authors = _authors(source.author)
    names_text = " and ".join(authors) if len(authors) <= 2 else f"{authors[0]} et al."
    title = source.title.rstrip(".")
    elements: list[str | None] = [names_text] if names_text else []
    elements.append(None)  # the title: punctuation goes inside its quotation marks
    when = None
    if year is not None:
        when = (
            str(year)
            if month is None
            else f"{_MONTHS[month - 1]}{f' {day},' if day else ''} {year}"
        )
    elements.extend(_container(source, when, with_path))
    pieces = []
    for n, element in enumerate(elements):
        mark = "." if n == len(elements) - 1 else ","
        if element is None:
            ends_itself = title.endswith(("?", "!", "…"))
            pieces.append(f"\u201c{title}{'' if ends_itself else mark}\u201d")
        else:
            pieces.append(element + mark)
    return " ".join(pieces)


def mla(source: Source, with_path: bool = True) -> str:
    year, month, day = _date_parts(source.date)
    authors = _authors(source.author)
    if len(authors) == 1:
        names_text = _sentence(_inverted(authors[0], initials=False))
    elif len(authors) == 2:
        names_text = f"{_inverted(authors[0], initials=False)}, and {authors[1]}."
    elif authors:
        names_text = f"{_inverted(authors[0], initials=False)}, et al."
    else:
        names_text = ""
    parts = [names_text] if names_text else []
    parts.append(f"\u201c{_sentence(source.title)}\u201d")
    when = None
    if year is not None:
        when = (
            str(year)
            if month is None
            else f"{f'{day} ' if day else ''}{_MLA_MONTHS[month - 1]} {year}"
        )
    tail = _container(source, when, with_path)
    if tail:
        parts.append(_sentence(", ".join(tail)))
    return " ".join(parts)


STYLES: dict[str, tuple[str, Callable[[Source, bool], str]]] = {
    "author-date": ("Author–date (APA)", author_date),
    "notes": ("Notes (Chicago)", notes),
    "mla": ("MLA", mla),
}


def cite(source: Source, style: str, with_path: bool = True) -> str:
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}: use one of {', '.join(STYLES)}")
    return STYLES[style][1](source, with_path)
