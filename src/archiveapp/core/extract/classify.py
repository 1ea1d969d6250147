"""Is a quoted region a quotation, or a title, a name or a scare quote?

Titles of events and books, organisation names and scare quotes are short, often title-cased,
and follow words like "the conference" or "called"; quotations are sentence-like and sit in
a speech frame. A wrong quote costs as much as a missed one, so short quoted strings need a
frame to count.
"""

from __future__ import annotations

import re

from .lexicon import TITLE_CUES, words
from .marks import Region

_WORD_RE = re.compile(r"[^\W_][\w’'\-]*")
_SMALL = words(
    """
    a an the of and or for in on at to with from by de der die das und
    """
)


def words_of(text: str, region: Region) -> list[str]:
    return _WORD_RE.findall(text, region.start, region.end)


def _title_cased(tokens: list[str]) -> bool:
    """Most content words capitalised, as in a title ("European Defense Industry: ...")."""
    content = [w for w in tokens if w.lower() not in _SMALL]
    if len(content) < 2:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= 0.75


def _cue_before(text: str, start: int) -> bool:
    """A naming word just before the opening mark: "the conference “...”", "dubbed “...”"."""
    before = text[max(0, start - 40) : start].lower()
    words = _WORD_RE.findall(before)[-3:]
    return bool(words) and (
        words[-1] in TITLE_CUES
        or (
            len(words) > 1
            and words[-2] in TITLE_CUES
            and words[-1] in ("the", "a", "an", "as", "of")
        )
    )


def _sentence_like(text: str, region: Region) -> bool:
    inner = text[region.start : region.end].strip("“”\"„«»‘’‚' \n")
    return bool(re.search(r"[.!?…,;:]$", inner)) or region.paragraphs > 1


def is_quote(
    text: str, region: Region, framed: bool, attributed: bool, naming: bool = False
) -> bool:
    """Decide from length, shape, cue words and whether a speech frame attributes it.

    ``framed``: a frame of its own; ``attributed``: a speaker, possibly borrowed from the
    quote next to it (“A,” she said. “B.”); ``naming``: a German naming verb frames it
    ("nannte den Plan „überzogen“"), so even one word is the speaker's.
    """
    words = words_of(text, region)
    n = len(words)
    if n == 0:
        return False
    if not region.opened:
        return framed and n >= 4
    if _cue_before(text, region.start) and not (framed and n >= 6):
        return False
    sentence = _sentence_like(text, region)
    if _title_cased(words) and not sentence and n <= 15:
        return False
    if framed:
        return n >= 3 or sentence or naming
    if attributed:
        return n >= 6 or (sentence and n >= 2)
    return n >= 8 or (sentence and n >= 5)
