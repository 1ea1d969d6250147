"""Snippets: a short passage of a text around the words a query matched, with their spans.

Pure Python and engine-neutral, for engines that do not highlight texts they did not store
(Tantivy's snippet generator needs the text stored in its index). The output has the shape
of Whoosh's highlights in ``WhooshIndex``: up to two passages of about 200 characters in
reading order, " … " between them, whitespace collapsed, and the (start, end) of each
matched word within the snippet.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection

Span = tuple[int, int]

CHAR_LIMIT = 50_000  # a snippet comes from the start of a text: a book's tail costs too much
MAX_CHARS = 220  # one passage
SURROUND = 30  # context kept before the first and after the last matched word of a passage
TOP = 2  # passages in a snippet
PLAIN_CHARS = 200  # the start of a text where no word matched (a title-only match)
BETWEEN = " … "

# The words every engine indexes and every snippet marks: Whoosh's default token pattern
# (\w+(\.?\w+)*) without its "*", which only its query parser needs, in an equivalent
# form (the optional dot adds nothing after a greedy \w+) that backtracks less in
# Python and runs a third faster in Tantivy. Words, and dotted ones such as "u.s".
WORD = re.compile(r"\w+(?:\.\w+)*")
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"


def snippet(
    text: str, matching: Callable[[set[str]], Collection[str]]
) -> tuple[str, tuple[Span, ...]]:
    """The best passages of ``text`` and the spans of the matched words in them.

    ``matching`` gets the distinct lower-case words of the text and answers which of them
    the query matched: the engine knows its stems, prefixes and wildcards, this does not.
    """
    head = text[:CHAR_LIMIT].replace(_MARK_OPEN, " ").replace(_MARK_CLOSE, " ")
    words = _Words(head)
    hits = matching(set(words.lowered))
    matched = [i for i, word in enumerate(words.lowered) if word in hits]
    if not matched:
        return _unmark(head[:PLAIN_CHARS])
    passages = _passages(words, matched)
    best = sorted(passages, key=lambda passage: _score(words, passage), reverse=True)[:TOP]
    best.sort()  # in reading order
    return _unmark(BETWEEN.join(_marked(head, words, passage) for passage in best))


class _Words:
    """The words of a text: where each starts and ends, and its lower-case form."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        lowered = text.lower()
        if len(lowered) != len(text):  # "İ" lower-cased is two characters: word by word
            self.lowered = []
            for match in WORD.finditer(text):
                self.starts.append(match.start())
                self.ends.append(match.end())
                self.lowered.append(match.group().lower())
            return
        # The words in one call, then their places found in order: a word cannot start in
        # the gap before the next word (no word character there), so find() lands on it.
        # A third faster than a match object a word: every search highlights 20 texts.
        self.lowered = WORD.findall(lowered)
        find, at = lowered.find, 0
        for word in self.lowered:
            start = find(word, at)
            at = start + len(word)
            self.starts.append(start)
            self.ends.append(at)


def _passages(words: _Words, matched: list[int]) -> list[list[int]]:
    """Matched words (by index) grouped while each follows the last within SURROUND
    characters and the passage stays within MAX_CHARS."""
    passages = [[matched[0]]]
    for i in matched[1:]:
        current = passages[-1]
        near = words.starts[i] - words.ends[current[-1]] <= SURROUND
        if near and words.ends[i] - words.starts[current[0]] <= MAX_CHARS - SURROUND:
            current.append(i)
        else:
            passages.append([i])
    return passages


def _score(words: _Words, passage: list[int]) -> int:
    # As Whoosh's BasicFragmentScorer: matches, times a premium for distinct words.
    return len(passage) * len({words.lowered[i] for i in passage}) * 100


def _marked(text: str, words: _Words, passage: list[int]) -> str:
    """The passage with SURROUND characters of whole words around it and its matched
    words between marks."""
    first, last = passage[0], passage[-1]
    # From the first word that starts within SURROUND before the passage to the last that
    # ends within SURROUND after it (the passage's own words at least).
    start = words.starts[bisect_left(words.starts, words.starts[first] - SURROUND)]
    end = words.ends[bisect_right(words.ends, words.ends[last] + SURROUND) - 1]
    pieces: list[str] = []
    at = start
    for i in passage:
        word_start, word_end = words.starts[i], words.ends[i]
        pieces += [text[at:word_start], _MARK_OPEN, text[word_start:word_end], _MARK_CLOSE]
        at = word_end
    pieces.append(text[at:end])
    return "".join(pieces)


def _unmark(marked: str) -> tuple[str, tuple[Span, ...]]:
    """Text with whitespace collapsed, and the spans that were marked."""
    flat = re.sub(r"\s+", " ", marked).strip()
    plain: list[str] = []
    spans: list[Span] = []
    length = 0
    opened: int | None = None
    for char in flat:
        if char == _MARK_OPEN:
            opened = length
        elif char == _MARK_CLOSE:
            if opened is not None:
                spans.append((opened, length))
            opened = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), tuple(spans)
