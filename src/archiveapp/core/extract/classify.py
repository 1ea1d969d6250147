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
    """A naming word just before the opening mark: "the conference “...”", "dubbed “...”".

    Only within the quote's own sentence: "... the Democracy Program. “When judges ...”"
    opens a new sentence, and "Program" names nothing in it."""
    before = _SENTENCE_BREAK.split(text[max(0, start - 40) : start])[-1].lower()
    words = _WORD_RE.findall(before)[-3:]
    return bool(words) and (
        words[-1] in TITLE_CUES
        or (
            len(words) > 1
            and words[-2] in TITLE_CUES
            and words[-1] in ("the", "a", "an", "as", "of")
        )
    )


_SENTENCE_BREAK = re.compile(r"[.!?…][”\"’)]?\s+|\n")
# Words before a title-cased quote that make it the name of a show, book or group: "on
# “Meet the Press,”", "author of “Going Viral,”", "in an interview with “Fox News Sunday.”"
_TITLE_LEAD = re.compile(
    r"(?:\b(?:[Oo]n|[Ww]ith|[Oo]f|[Ii]n|to|[Ff]rom)|[A-Z][\w.&\-]*['’]s)[ \u00a0]*$"
)
# Possessives that open a clause ("It’s “...”"), not an owner's name before a title.
_CLAUSE_POSSESSIVES = ("it", "that", "there", "here", "what", "who", "he", "she", "let")


# "“Met accused of whitewashing,” by Post's Kathianne Boniello": a headline and its writer.
_BYLINE_AFTER = re.compile(r"[ \u00a0]*,?[ \u00a0]*by[ \u00a0]+(?:the[ \u00a0]+)?[A-Z]")


def _titled_by_lead(text: str, region: Region, words: list[str]) -> bool:
    """A short title-cased quote after "on"/"with"/"of" or a possessive name ("CNN’s
    “New Day,”"): a programme, book or organisation named, not words spoken. The comma or
    full stop inside it is American punctuation, so it does not make it a sentence."""
    if len(words) > 10 or not _title_cased(words):
        return False
    if re.search(r"[!?][”\"’']*$", text[region.start : region.end]):
        return False  # "“Marco! Marco!”": chanted, not a title
    lead = _TITLE_LEAD.search(text, max(0, region.start - 40), region.start)
    if lead is None:
        return False
    owner = lead.group().strip().lower()
    return not owner.endswith(("'s", "’s")) or owner[:-2] not in _CLAUSE_POSSESSIVES


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
    if _titled_by_lead(text, region, words) or _BYLINE_AFTER.match(text, region.end):
        return False
    sentence = _sentence_like(text, region)
    if _title_cased(words) and not sentence and n <= 15:
        return False
    if framed:
        return n >= 3 or sentence or naming
    if attributed:
        return n >= 6 or (sentence and n >= 2)
    return n >= 8 or (sentence and n >= 5)
