"""Roles: the noun phrase that says what a speaker is ("chief executive of X", "Tory leader").

A role is found in one of three places -- an apposition after the name ("Jo Hale, professor
of hydrology, said"), words before it ("Wales coach Mike Ruddock"), or titles stripped from
the name ("Senator") -- and every candidate passes one check, ``clean_role``: a role is a
noun phrase, never a clause ("whose party opposes ...", "though", "the Law Lords have ruled").
The speakers pane shows roles to researchers first, so a doubtful role is dropped, not kept.
"""

from __future__ import annotations

import re

from .lexicon import NOMINAL_HEADS, ROLE_WORDS, SPEECH_VERBS_EN, TITLES, is_title_word, words

# Words a role never starts with: conjunctions, adverbs, relative words, verbs, prepositions
# that open an adverbial ("in his ruling", "through her attorney", "with chairman").
_LEAD_REJECT = words(
    """
    and or but nor yet so though although however whose who whom which that where when
    while whereas because since if unless as also too then now even still meanwhile
    instead indeed perhaps speaking according having being despite after before during
    until like unlike through throughout with without by in on into onto to under over
    said says told tells added adds he she it they we i you his himself herself itself
    this these those there here not never only just almost is are was were has have had
    will would can could should may might must do does did some each both neither either
    starring describing accepting reacting looking sitting ignoring forcing representing
    touring alongside ahead along out up down off far why how what whether nicknamed
    dubbed named known sold chosen seen given taken made playing no much soon very
    der die das den dem des ein eine einer und aber oder sagte sagt erklärte so laut
    """
)
# Finite verbs: a role containing one is a clause ("the Law Lords have ruled").
_PAST = {v for v in SPEECH_VERBS_EN if v.endswith("ed")} | {"said", "told", "wrote", "began"}
_FINITE = _PAST | words(
    """
    is are was were am be has have had do does did will would can could shall should may
    might must says tells adds warns insists argues believes believe thinks think thought
    knows knew feels felt wants wanted ruled rules became becomes goes went takes took
    makes made gives gave opposes oppose remains remained seems seemed appears appeared
    hopes hoped expects expected plans planned faces faced sees saw got gets came comes
    bought won lost paid spent left joined
    ist sind war waren hat haben hatte hatten wird werden wurde wurden leitet leitete
    koordiniert sagte sagt erklärte
    """
)
# "developed his", "downloaded the": a past form followed by an object is a verb.
_PAST_WITH_OBJECT = re.compile(
    r"\b[a-z]{3,}ed\s+(?:his|her|their|its|the|a|an|that|it|them|him|us|our|my)\b"
)
# Honorifics left at the end of a title run ("Commissioner Sir", "Attorney General Lord").
_HONORIFICS = words("mr mrs ms miss mx dr sir dame lord lady herr frau baroness")
_DASH_SPLIT = re.compile(r"\s+[-–—]\s+|\s+[-–—]$|\s*\(")
_RELATIVE = re.compile(r",?\s+(?:who|whom|which|whose|where|that)\b")
_NOT_ROLES = frozenset({"for example", "for instance", "in particular", "of course"})
_CLAUSE_JOIN = re.compile(r",\s+(?:and|or|but)\s+")
# Nouns that can head a role before a name ("economy minister Heizo Takenaka").
ROLE_HEADS = (
    NOMINAL_HEADS
    | ROLE_WORDS
    | words(
        """
        chief head founder co-founder editor correspondent economist professor secretary
        chair boss coach captain skipper striker midfielder defender winger goalkeeper
        keeper player champion medallist singer actor actress star presenter producer
        writer novelist comedian mp mep msp commissioner campaigner director executive
        chancellor governor mayor general counsel trader broker partner dean lecturer
        researcher scientist agent owner designer developer planner engineer officer
        """
    )
) - words(
    """
    statement report reports poll source sources campaign group committee organization
    organisation agency department ministry police people person man woman regierung
    ministerium behörde polizei voter voters supporter supporters resident residents
    """
)
# Function words a role may not consist of alone.
_FUNCTION = words(
    """
    the a an of and or but in on at to for with from by as his her their its our my this
    that who which der die das des den dem von und
    """
)
_MAX_WORDS = 24


def _words(role: str) -> list[str]:
    return role.split()


def _strip_honorifics(role: str, leading: bool = False) -> str:
    parts = _words(role)
    while parts and parts[-1].lower().rstrip(".") in _HONORIFICS:
        parts.pop()
    while leading and len(parts) > 1 and parts[0].lower().rstrip(".") in _HONORIFICS:
        parts.pop(0)
    return " ".join(parts)


def _first_verb(role: str) -> int:
    """Offset of the first finite verb in ``role``, or -1."""
    for m in re.finditer(r"[^\W\d_][\w’'\-]*", role):
        if m.group() in _FINITE:
            return m.start()
    m = _PAST_WITH_OBJECT.search(role)
    return m.start() if m else -1


def _german_relative(role: str) -> bool:
    """ "die in der Stadt den Hochwasserschutz leitet": article + verb-final clause."""
    parts = _words(role)
    return (
        parts[0].lower() in ("der", "die", "das", "den", "dem")
        and len(parts) > 2
        and parts[-1][:1].islower()
        and parts[1][:1].islower()
    )


def clean_role(role: str | None) -> str | None:
    """``role`` trimmed to a noun phrase, or None when it is a clause or debris."""
    if not role:
        return None
    role = _DASH_SPLIT.split(role, maxsplit=1)[0]
    role = _RELATIVE.split(role, maxsplit=1)[0]
    role = _strip_honorifics(role.strip(" ,;:-–—"))
    if not role:
        return None
    verb = _first_verb(role)
    if verb >= 0:
        # "the 2000 silver medallist, and X were suspended": keep what precedes ", and".
        joins = [m.start() for m in _CLAUSE_JOIN.finditer(role, 0, verb)]
        if not joins:
            return None
        role = role[: joins[-1]]
        if _first_verb(role) >= 0:
            return None
    parts = _words(role)
    if not parts or len(parts) > _MAX_WORDS or role.lower() in _NOT_ROLES:
        return None
    first = parts[0].lower()
    if first[0].isdigit() or (first.endswith("ing") and first not in _ING_MODIFIERS):
        return None
    if first.rstrip(".") in _HONORIFICS and len(parts) > 1 and parts[1][:1].isupper():
        return None  # "Dr Rowan Williams": a name, not a role
    if parts[0].lower() in _LEAD_REJECT and not _german_article_noun(parts):
        return None
    if all(p.lower() in _FUNCTION for p in parts):
        return None
    if parts[-1].endswith("ed") and parts[-1].islower():  # "Jackson's defence questioned"
        return None
    if _german_relative(role):
        return None
    if role.count("“") != role.count("”") or role.count('"') % 2:
        return None
    return role


def _german_article_noun(parts: list[str]) -> bool:
    """ "der Bürgermeister von Obernfeld" is a role; "die in der ..." is not."""
    return parts[0].lower() in ("der", "die", "das") and len(parts) > 1 and parts[1][:1].isupper()


def title_role(titles: tuple[str, ...], implied: str | None) -> str | None:
    """The role a stripped title run gives: "New Metropolitan Police Commissioner Sir" ->
    "New Metropolitan Police Commissioner"; "Neither Mr" and "BBC Mr" give none."""
    if not titles or implied is None:
        return None
    if len(titles) == 1:
        return implied
    role = _strip_honorifics(" ".join(titles), leading=True)  # "Mr Justice" -> "Justice"
    parts = _words(role)
    if not parts or not is_title_word(parts[-1]):
        return None
    low = parts[-1].lower().rstrip(".")
    if len(parts) == 1:
        return TITLES.get(low, parts[0]) if low in TITLES else parts[0]
    return clean_role(role)


def is_role_head(word: str) -> bool:
    low = word.lower()
    return low in ROLE_HEADS or is_title_word(low)


# -- where roles are found --------------------------------------------------------------
# An apposition ends at a comma before a lowercase word that cannot continue a role
# (", met the crews", ",downloaded the ...") -- ", and Minister of ..." continues it -- or at
# the end of the sentence.
_APPOSITION_STOP = re.compile(
    r"(,)\s*(?!(?:and|or|the|a|an|of|for|in|on|at|to|with|from|by|und|von|des|der)\b)"
    r"[a-zäöüß]|[.;:!?\n](?:\s|$)|\s+(?:who|which)\s+(?:has|had|is|was|said|says|will)\b"
)
_APPOSITION_START = re.compile(r"(?:[A-ZÄÖÜ][\w\-]*['’]s\b|[^\W\d_][\w\-]*)")


# Words that open an aside between commas rather than a description of the person.
_ASIDE_OPENERS = frozenset(
    "for in on at by with however though meanwhile too also instead speaking "
    "asked when who which whose where while after before".split()
)


def apposition_role(text: str, end: int, postverbal: bool) -> str | None:
    """ "Kateryna X, Ukraine's Deputy Minister of ..., highlighted" -> the middle part.

    The apposition must be closed by a comma; only a name standing after its verb ("said
    Jo Hale, professor of hydrology.") may end the role at the end of the sentence.
    """
    after = text[end : end + 300]
    if not after.startswith(","):
        return None
    body = after[1:].lstrip(" \u00a0")
    m = _APPOSITION_START.match(body)
    if not m:
        return None
    first = m.group()
    if first[0].isupper() and not re.match(r".+['’]s$", first) and not is_role_head(first):
        return None
    if first.lower() in _ASIDE_OPENERS:
        return None  # "Blair, for his part, said": an aside, not what he is
    stop = _APPOSITION_STOP.search(body)
    if stop is None or (stop.group(1) is None and not postverbal):
        return None
    role = body[: stop.start()].strip()
    if (
        not role
        or len(role) > 220
        or (role[0].isupper() and " " not in role and not is_role_head(role))
    ):
        return None
    return clean_role(role)


# Words a role before a name never contains: they end the noun phrase going leftwards.
PREMOD_STOP = (
    _LEAD_REJECT
    | _FINITE
    | SPEECH_VERBS_EN
    | words(
        """
    of at for from than about against between among across via per is being
    """
    )
)
_DETERMINERS = words("the a an his her their its our my der die das")
_MAX_PREMOD = 5


def premodifier_role(
    text: str, toks: list, k: int, start: int, titles: tuple[str, ...]
) -> str | None:
    """ "the party's spokesman John Doe" / "Tory shadow home secretary David Davis".

    ``toks[k]`` is the token just before ``start``, where the name's first title (or the
    name) begins; words are
    taken leftwards while they can modify a role noun, stopping at verbs, function words,
    punctuation and the start of the sentence.
    """
    while k >= 0 and toks[k].text.lower().rstrip(".") in _HONORIFICS:
        start, k = toks[k].start, k - 1  # "Mr" left unstripped before the name
    got: list = []
    nxt_start = start
    while k >= 0 and len(got) < _MAX_PREMOD + 1:
        tok = toks[k]
        gap = text[tok.end : nxt_start]
        if not (0 < len(gap) <= 2 and gap.strip(" \u00a0") == ""):
            break
        low = tok.text.lower()
        if not tok.text[0].isalnum() or low in PREMOD_STOP:
            break
        if low.endswith("ing") and tok.text.islower() and low not in _ING_MODIFIERS:
            break
        if tok.text[0].isupper() and tok.text in _CAPITAL_STOP:
            break
        got.insert(0, tok)
        nxt_start = tok.start
        if low in _DETERMINERS:
            break
        k -= 1
    if not got or (k >= 0 and toks[k].end == got[0].start and toks[k].text not in "(,;:"):
        return None  # "R&B star", "5,000m champion": the phrase starts inside a word
    first = got[0].start
    if first > 0 and not (text[first - 1].isspace() or text[first - 1] in "(“\"‘'„«»—–"):
        return None
    while got and (got[0].text.lower() in _POSSESSIVE_PRONOUNS or _verb_like(got[0].text)):
        got = got[1:]  # "her attorney X" -> "attorney"; "to impress coach X" -> "coach"
    if not got or (got[0].text.lower() in _DETERMINERS and len(got) == 1):
        return None
    head = got[-1].text
    if not is_role_head(head):
        return None
    role = " ".join(t.text for t in got)
    if titles:
        role = f"{role} {' '.join(titles)}"
    return clean_role(role)


_POSSESSIVE_PRONOUNS = words("his her their its our my")
_PARTICIPLE_ADJECTIVES = words(
    """
    retired elected appointed designated qualified acclaimed renowned celebrated disgraced
    jailed sacked injured detained exiled embattled beleaguered veteran united limited
    """
)


def _verb_like(word: str) -> bool:
    """A lowercase verb form opening the phrase: "(to) impress", "signed", "see"."""
    low = word.lower()
    if not word.islower():
        return False
    if low.endswith("ed"):
        return low not in _PARTICIPLE_ADJECTIVES
    return low in _BARE_VERBS


_BARE_VERBS = words(
    """
    see meet sign impress depict portray watch hear join beat face back replace follow
    succeed appoint name hire sack ask tell thank praise blame criticise criticize
    """
)
_CAPITAL_STOP = words(
    """
    The A An This That These Those It Its He She They We I You In On At For From With By
    Of To And But Or So If When While After Before Since As Because Although Though
    However Meanwhile Still Also Then There Here Yesterday Today Speaking According
    Neither Nor Both Der Die Das Ein Eine Und Aber Auch Im Am Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Christmas Last Next Earlier Later
    """
)
# "-ing" words that name a job or a field before a role noun ("managing director"); any
# other "-ing" word before a name is a verb ("playing soul star X").
_ING_MODIFIERS = words(
    """
    managing acting founding outgoing leading visiting governing ruling reigning presiding
    marketing banking publishing engineering consulting accounting training racing boxing
    sporting broadcasting recording building housing polling trading shipping mining
    spending planning operating ranking serving touring supervising standing
    """
)
