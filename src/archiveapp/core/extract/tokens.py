"""Words with offsets, and the capitalised runs ("Sen. Ted Cruz") that may be names.

Everything downstream works on these tokens, so the text is tokenised once per document
with a single regular expression (linear time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .lexicon import (
    DEMONYMS,
    FEMALE_NAMES,
    GROUP_NOUNS,
    MALE_NAMES,
    NOT_NAMES,
    ROLE_WORDS,
    TITLES,
    is_title_word,
    words,
)

# Uppercase letters of Latin-1 and Latin Extended-A/B, so "Łukasz" and "Ödön" are names.
_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_ABBREV = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Del|Gov|Gen|Col|Capt|Lt|Sgt|Rev|Prof|St|Jr|Sr|Adm|Maj|Pres|Sec)\."
)
TOKEN_RE = re.compile(
    rf"{_ABBREV}|(?:[{_UPPER}]\.){{1,3}}(?=[ \u00a0]*[{_UPPER}])|[^\W_](?:[\w’'\-]*\w)?|[,;:()]"
)
# Particles allowed inside a name between capitalised words ("Ludwig van Beethoven").
_PARTICLES = words(
    """
    de van von der den da di del della la le bin al ibn dos du ten
    """
)
# Verb forms that open sentences ("Said Ellis: ...") but are never names.
_CAPITAL_VERBS = words("Said Says Added Asked Told Wrote Explained Noted Replied Sagte Erklärte")
_FIRST_NAMES = FEMALE_NAMES | MALE_NAMES
_PEERS = words("lord lady baroness")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


class Token(NamedTuple):
    """A word or punctuation mark with its offsets: a named tuple, because a long article
    has hundreds of thousands and a tuple is the cheapest object Python builds."""

    text: str
    start: int
    end: int

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def lower(self) -> str:
        return self.text.lower().rstrip(".")


def tokenize(text: str) -> list[Token]:
    # tuple.__new__ skips the named tuple's Python-level constructor: half the time.
    new = tuple.__new__
    return [new(Token, (m.group(), m.start(), m.end())) for m in TOKEN_RE.finditer(text)]


@dataclass(frozen=True)
class Run:
    """A name-like run of capitalised tokens, split into its title part and its name part."""

    start: int  # offsets of the name part (titles excluded)
    end: int
    words: tuple[str, ...]  # the name, possessive removed
    title_role: str | None  # a role implied by a stripped title ("Senator")
    titles: tuple[str, ...] = ()  # the stripped title words as written

    @property
    def name(self) -> str:
        return " ".join(self.words)


def _joined(text: str, a: Token, b: Token) -> bool:
    """Only spaces between two tokens (no punctuation, no line break)."""
    gap = text[a.end : b.start]
    return 0 < len(gap) <= 2 and all(c in " \u00a0" for c in gap)


def _joins_run(text: str, toks: list[Token], i: int, prev: Token) -> bool:
    tok = toks[i]
    if not _joined(text, prev, tok) or (_POSSESSIVE.search(prev.text) and prev.text[-2:] != "s'"):
        return False
    if tok.is_cap:
        return not _after_paper_name(toks, i)
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or not nxt.is_cap or not _joined(text, tok, nxt):
        return False
    # "Secretary of State John Kerry": "of" continues a run only right after a title.
    return (
        tok.text in _PARTICLES
        or (tok.text == "of" and (prev.lower in TITLES or prev.lower in ROLE_WORDS))
        or (tok.text in ("of", "for") and prev.text in _ORG_HEADS)
    )


# "the Washington Post Trump said": a newspaper's name ends at its last word, where a
# person's name may follow with no comma between.
_PAPER_HEADS = words("Post Times Journal Tribune Herald Gazette Telegraph Guardian Chronicle")
_PAPER_SUFFIXES = words("Magazine Company Co Group Editorial Office Square Building Book Review")


def _after_paper_name(toks: list[Token], i: int) -> bool:
    return (
        i >= 2
        and toks[i - 1].text in _PAPER_HEADS
        and toks[i - 2].is_cap
        and toks[i].text not in _PAPER_SUFFIXES
    )


# "Bank of Japan", "Department for Transport", "Muslim Council of Britain": one name.
_ORG_HEADS = words(
    """
    Bank Department Ministry Council Chambers Chamber University Institute Association
    Federation Commission Confederation Society Office Board Court College School Museum
    Academy Union Organisation Organization League Church Federation Fund
    """
)


def capitalised_runs(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of tokens forming capitalised runs."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        first = toks[i].text[:1]  # not .is_cap: this loop sees every token of the text
        if not (first.isupper() and first.isalpha()):
            i += 1
            continue
        j = i + 1
        while j < n and _joins_run(text, toks, j, toks[j - 1]):
            j += 1
        runs.append((i, j))
        i = j
    return runs


def make_run(toks: list[Token], i: int, j: int) -> Run | None:
    """Strip sentence-initial function words and titles from tokens[i:j]; None if no name."""
    # Sentence-initial words are capitalised too: "The", "Said Ellis:", "Then Smith".
    while i < j and (toks[i].text in NOT_NAMES or toks[i].text in _CAPITAL_VERBS):
        i += 1
    last_title = -1
    for k in range(i, j):
        low = toks[k].lower
        if is_title_word(low) or low == "of" or (k > i and toks[k - 1].text == "of" and k < j - 1):
            last_title = k
    if last_title == j - 1 and j - 2 >= i and toks[j - 2].text in _FIRST_NAMES:
        last_title -= 2  # "Charlie King", "Anne Marshal": a title word as a surname
    name_start = last_title + 1 if last_title >= 0 else i
    if name_start >= j or (name_start > i and toks[name_start - 1].text == "of"):
        return None  # "the Archbishop of Canterbury" is a description, not a name
    if name_start > i and toks[name_start].text in ("der", "die", "das", "des", "den", "dem"):
        return None  # "Sprecherin der Polizei": a German description, not a name
    if name_start > i and name_start == j - 1 and toks[name_start - 1].lower in _PEERS:
        name_start -= 1  # "Lord Falconer": a peer's title is part of the name
    words = [t.text for t in toks[name_start:j]]
    words[-1] = _POSSESSIVE.sub("", words[-1])
    while words and words[-1].lower().rstrip(".") in ("jr", "sr", "ii", "iii"):
        words.pop()
    if not words or all(w in NOT_NAMES for w in words):
        return None
    titles = titles_of(toks, i, name_start)
    return Run(toks[name_start].start, toks[j - 1].end, tuple(words), _title_role(titles), titles)


def is_description_word(run: Run) -> bool:
    """A lone nationality or group word ("the Russian added", "Critics said"): a
    description, unless the document also uses it as a surname ("Mark Cuban")."""
    return (
        len(run.words) == 1
        and not run.titles
        and (
            run.words[0] in DEMONYMS
            or run.words[0] in GROUP_NOUNS
            or run.words[0].endswith(_COMPOUND_ADJECTIVES)
        )
    )


# "UK-based", "Newport-born", "Labour-led": adjectives, never names.
_COMPOUND_ADJECTIVES = ("-based", "-born", "-led", "-backed", "-owned", "-run", "-style")


def titles_of(toks: list[Token], i: int, name_start: int) -> tuple[str, ...]:
    return tuple(t.text for t in toks[i:name_start])


def _title_role(titles: tuple[str, ...]) -> str | None:
    """ "MEP" -> "Member of the European Parliament"; "Italian Prime Minister" kept as written."""
    if not titles:
        return None
    if len(titles) == 1:
        low = titles[0].lower().rstrip(".")
        return TITLES[low] if low in TITLES else titles[0]
    if all(
        TITLES.get(t.lower().rstrip(".")) is None and t.lower().rstrip(".") in TITLES
        for t in titles
    ):
        return None
    return " ".join(titles)
