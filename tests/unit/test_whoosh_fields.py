"""The one-pass indexing of LeanText gives exactly what Whoosh's analyzer chain gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.formats import Positions

from archiveapp.core.search.whoosh_fields import LeanText

TEXTS = [
    "The minister said the U.S. economy grew 1.15% in 2024, and a rate of 3.5 is likely.",
    "A an of: I, o — elections, ELECTIONS and Élections électorales in São Paulo.",
    "“We will not go back,” said Dr. Ana Lund-Berg (the mayor’s aide) on Friday.",
    "",
    "the of and",
]


def whoosh_chain(field: LeanText, text: str) -> list[tuple[bytes, int, float, bytes]]:
    """What Whoosh's own TEXT.index would give: the analyzer chain and the format."""
    fmt: Positions = field.format
    values = fmt.word_values(text, field.analyzer, mode="index")
    return sorted((w.encode("utf-8"), freq, weight, value) for w, freq, weight, value in values)


@pytest.mark.parametrize("stop_words", [True, False])
@pytest.mark.parametrize("text", TEXTS)
def test_lean_indexing_equals_the_analyzer_chain(text: str, stop_words: bool) -> None:
    field = LeanText(stop_words=stop_words, field_boost=2.0)
    assert sorted(field.index(text)) == whoosh_chain(field, text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*"abcé. ,'’-1Z\n", "the", "of", " US ", "İ", "ß"])).map("".join),
    st.booleans(),
)
def test_lean_indexing_equals_the_chain_on_any_text(text: str, stop_words: bool) -> None:
    field = LeanText(stop_words=stop_words)
    assert sorted(field.index(text)) == whoosh_chain(field, text)
