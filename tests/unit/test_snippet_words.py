"""The snippet maker's word list (found with one findall and str.find) is the one a match
object per word gives: the places its highlights are drawn at."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archiveapp.core.search.snippets import WORD, _Words

PIECES = [*"ab .,-'’\n1_", "U.S.", "the", "İstanbul", "ß", "é", "..", "a.b", "\u00a0", "日本"]


def _by_match(text: str) -> tuple[list[int], list[int], list[str]]:
    matches = list(WORD.finditer(text))
    return (
        [m.start() for m in matches],
        [m.end() for m in matches],
        [m.group().lower() for m in matches],
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_words_are_found_where_a_match_finds_them(text: str) -> None:
    words = _Words(text)
    assert (words.starts, words.ends, words.lowered) == _by_match(text)
    for start, end, word in zip(words.starts, words.ends, words.lowered, strict=True):
        assert text[start:end].lower() == word
