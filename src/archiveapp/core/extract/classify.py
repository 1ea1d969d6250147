"""Is a quoted region a quotation, or a title, a name or a scare quote?

Titles of events and books, organisation names and scare quotes are short, often title-cased,
and follow words like "the conference" or "called"; quotations are sentence-like and sit in
a speech frame. A wrong quote costs as much as a missed one, so short quoted strings need a
frame to count.
"""

from __future__ import annotations

import re

from .lexicon import SPEECH_VERBS_DE, TITLE_CUES, words
from .marks import Region

_WORD_RE = re.compile(r"[^\W_][\w’'\-]*")
_VERB_AFTER_COMMA = re.compile(r"[ \u00a0]*,[ \u00a0]*(\w+)")
_SMALL = words(
    """
    a an the of and or for in on at to with from by de der die das und
    am für da
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
    if words and words[-1] == "so" and before.rstrip().endswith(":"):
        return False  # "sagte es so: „...“": "so" introduces the quotation
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
# “Meet the Press,”", "author of “Going Viral,”", "in an interview with “Fox News Sunday.”",
# "she told “Fox and Friends,”"
_TITLE_LEAD = re.compile(
    r"(?:\b(?:[Oo]n|[Ww]ith|[Oo]f|[Ii]n|to|[Ff]rom|told)|[A-Z][\w.&\-]*['’]s)[ \u00a0]*$"
)
# Possessives that open a clause ("It’s “...”"), not an owner's name before a title.
_CLAUSE_POSSESSIVES = ("it", "that", "there", "here", "what", "who", "he", "she", "let")


# "“Met accused of whitewashing,” by Post's Kathianne Boniello": a headline and its writer.
_BYLINE_AFTER = re.compile(r"[ \u00a0]*,?[ \u00a0]*by[ \u00a0]+(?:the[ \u00a0]+)?[A-Z]")
# "“Met accused ...,” by Post's Kathianne Boniello: “A Manhattan man is suing ...”": the
# excerpt after the byline is the article's text, which nobody in the story says.
_BYLINE_BEFORE = re.compile(
    r"[”\"'’][ \u00a0]*,?[ \u00a0]*by[ \u00a0]+(?:[Tt]he[ \u00a0]+)?"
    r"[A-Z][^\n”\"“]{0,60}:[ \u00a0]*$"
)


def _titled_by_lead(text: str, region: Region, words: list[str]) -> bool:
    """A short title-cased quote after "on"/"with"/"of" or a possessive name ("CNN’s
    “New Day,”"): a programme, book or organisation named, not words spoken. The comma or
    full stop inside it is American punctuation, so it does not make it a sentence.
    One capitalised word is a title only after an owner ("Fox’s “Hannity,”") or with "The"
    ("with “The View,”"): after "with" alone it may be an answer ("replied with “No.”")."""
    if len(words) > 10:
        return False
    if re.search(r"[!?][”\"’']*$", text[region.start : region.end]):
        return False  # "“Marco! Marco!”": chanted, not a title
    lead = _TITLE_LEAD.search(text, max(0, region.start - 40), region.start)
    if lead is None:
        return False
    owner = lead.group().strip().lower()
    possessive = owner.endswith(("'s", "’s"))
    if possessive and owner[:-2] in _CLAUSE_POSSESSIVES:
        return False
    if _title_cased(words):
        return True
    content = [w for w in words if w.lower() not in _SMALL]
    return len(content) == 1 and content[0][0].isupper() and (possessive or words[0] == "The")


# A determiner, an owner or "the term" right before a short quote puts it inside a noun
# phrase: "calls him a “sociopath,”", "Iowa’s “silver standard,”", "the term “radical
# Islam,”" are words borrowed or named, not something said. ("her" may be an object: "told
# her “No.”")
_NOUN_PHRASE_LEAD = re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he|[Hh]is|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|[Yy]our|term|phrase"
    r"|pseudonym|moniker)|\b([A-Za-z][\w.\-]*)['’]s),?[ \u00a0]*$"
)
# "starred in “Parks and Recreation” and “Guardians of the Galaxy,”": a title-cased quote
# joined by "and"/"or" to the quote before it names one more item of a list of works.
_LISTED_AFTER_QUOTE = re.compile(r"[^.!?][”\"],?[ \u00a0]+(?:and|or)[ \u00a0]+$")


def _listed_title(text: str, region: Region, words: list[str]) -> bool:
    """Both quotes of "“A” and “B”" title-cased: B is one more title, not words spoken
    ("“We lost,” and “Never Give Up,” she added" stays a quote)."""
    if len(words) > 10 or not _title_cased(words):
        return False
    joined = _LISTED_AFTER_QUOTE.search(text, max(0, region.start - 12), region.start)
    if joined is None:
        return False
    close = joined.start() + 1
    opening = max(text.rfind(mark, max(0, close - 120), close) for mark in '“"')
    before = _WORD_RE.findall(text, opening + 1, close) if opening >= 0 else []
    content = [w for w in before if w.lower() not in _SMALL]
    return 0 < len(content) <= 8 and all(w[0].isupper() or w[0].isdigit() for w in content)


# A year in brackets right after it dates a title, poster or slogan: "“Yes to the Ban” (2009)".
_YEAR_AFTER = re.compile(r"[ \u00a0]*\((?:\w+[ \u00a0]+)?(?:1[89]|20)\d\d\)")
# An HTML attribute's value (`<tweet date="March 7, 2016">`), left in scraped text.
_ATTRIBUTE_BEFORE = re.compile(r"=[ \u00a0]*$")


def _in_noun_phrase(text: str, start: int, n: int) -> bool:
    if n > 3 or text.startswith("„", start):  # German "an „den Westen“" is no article
        return False
    lead = _NOUN_PHRASE_LEAD.search(text, max(0, start - 40), start)
    return lead is not None and (lead.group(1) or "").lower() not in _CLAUSE_POSSESSIVES


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
    if _ATTRIBUTE_BEFORE.search(text, max(0, region.start - 5), region.start):
        return False
    if _in_noun_phrase(text, region.start, n):
        return False
    if _cue_before(text, region.start) and not (framed and n >= 6):
        return False
    if _titled_by_lead(text, region, words) or _BYLINE_AFTER.match(text, region.end):
        return False
    if _BYLINE_BEFORE.search(text, max(0, region.start - 90), region.start):
        return False
    if _YEAR_AFTER.match(text, region.end):
        return False
    if _listed_title(text, region, words):
        return False
    sentence = _sentence_like(text, region)
    # German puts the comma outside the marks: „Vielfalt ist Programm“, erklärte X. There
    # every noun is capitalised, so a quote before a comma and a speech verb is no title.
    after = _VERB_AFTER_COMMA.match(text, region.end)
    framed_clause = framed and after is not None and after.group(1) in SPEECH_VERBS_DE
    if _title_cased(words) and not sentence and n <= 15 and not framed_clause:
        return False
    if framed:
        return n >= 3 or sentence or naming
    if attributed:
        return n >= 6 or (sentence and n >= 2)
    return n >= 8 or (sentence and n >= 5)
