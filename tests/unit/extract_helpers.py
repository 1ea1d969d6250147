"""Small assertions shared by the extractor's test modules."""

from __future__ import annotations

from archiveapp.core.extract import extract_quotes
from archiveapp.core.model import ExtractedQuote


def only(text: str) -> ExtractedQuote:
    """The one quote ``text`` holds; fails, listing them, when there are more or none."""
    quotes = extract_quotes(text)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def mention(text: str, quote: ExtractedQuote) -> str:
    """The words the quote was attributed through."""
    assert len(quote.speaker_spans) == 1
    start, end = quote.speaker_spans[0]
    return text[start:end]
