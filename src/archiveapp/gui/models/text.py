"""Small text helpers the pane models share (pure functions, no Qt)."""

from __future__ import annotations

import re

Spans = tuple[tuple[int, int], ...]


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plural(count: int, noun: str) -> str:
    """``1 quote``, ``2,048 quotes``."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def date_key(date: str | None) -> str | None:
    """ISO dates sort as strings; undated rows go last (see RowModel._sorted)."""
    return date or None


def shorten_around(snippet: str, spans: Spans, before: int = 24) -> tuple[str, Spans]:
    """The snippet starting a few words before its first highlight, so a narrow column
    shows a matched word rather than the start of the fragment."""
    if not spans or spans[0][0] <= before:
        return snippet, spans
    cut = snippet.rfind(" ", 0, spans[0][0] - before)
    if cut <= 0:
        return snippet, spans
    cut += 1
    prefix = "… "
    shift = cut - len(prefix)
    return prefix + snippet[cut:], tuple((s - shift, e - shift) for s, e in spans if s >= cut)
