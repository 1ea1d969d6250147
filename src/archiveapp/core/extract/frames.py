"""Speech frames around a quote: who is said to say it, and where that mention stands.

Frames after the quote (`,” said Fedorov` / `,” Kubrakov concluded` / `, so der Minister`)
and before it (`Ms Hewitt said: “` / `According to X, “` / a sentence ending in a colon).
Each rule returns the *mention* (offsets as written); names.py turns it into a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ARTICLES_OTHER,
    AUXILIARIES_OTHER,
    COLON_ONLY_VERBS_EN,
    FRAME_FILLERS,
    NOMINAL_HEADS,
    NOT_NAMES,
    PRONOUNS,
    SOURCE_CUES_OTHER,
    SPEECH_VERBS,
    SPEECH_VERBS_DE,
    SPEECH_VERBS_OTHER,
    words,
)
from .names import DocumentNames, person_like
from .roles import PREMOD_STOP, is_role_head
from .tokens import Run, Token

_DETERMINERS = words(
    """
    the a an his her their its our this one another some two three several many most
    other der die das ein eine einer dem den des einem einen eines dessen deren sein
    seine seiner ihr ihre ihrer dieser diese dieses jener jene
    """
)
_SENTENCE_END = re.compile(r"[.!?…][”\"’)]?\s+(?=[^\s,;a-z])|\n")
_NOT_SUBJECT = words(
    """
    that which who what when if as because while
    """
)
_FUNCTION_WORDS = words("and or but of to in on at for with from by the a an who that")
_LEAD_CONJUNCTIONS = words("as and but so while when if although because though yet or")
# Pronoun-like words that stand alone for a speaker ("Another tweeted", "Others said").
_LONE_NOMINALS = words("another others one some many both")
# Verbs and auxiliaries that never sit inside a speaker description.
_CLAUSE_WORDS = words(
    """
    is are was were be been has have had do does did not will would can could should may
    might must shall wo won't don't didn't doesn't isn't wasn't
    """
)
_OBJECT_AFTER_VERB = words("the a an his her their its our my this that these those it them him")
# Time words around a subject: "This week a judge", "X meanwhile", "X last year".
_TIME_NOUNS = words(
    "week weekend month year day night morning afternoon evening time summer winter"
)
_TIME_LEAD = words("this last next earlier later that")
_TIME_WORDS = words(
    """
    meanwhile yesterday today tonight however though too also now then later earlier
    recently previously subsequently afterwards
    """
)


_MAX_SUBJECT = 22  # tokens between a quote and its verb ("Smith, a spokesman for X, said")


@dataclass(frozen=True)
class Mention:
    """The words a quote is attributed through ("Fedorov", "she", "a spokesman")."""

    start: int
    end: int
    kind: str  # "name" | "pronoun" | "nominal"
    run: Run | None = None


def _is_verb(tok: Token) -> bool:
    return tok.text.lower() in SPEECH_VERBS


def _gap(doc: DocumentNames, a: Token, b: Token) -> str:
    return doc.text[a.end : b.start]


def _breaks(gap: str) -> bool:
    """Text between two tokens that ends the clause (sentence end, line break, quote)."""
    return bool(re.search(r"[.!?…]\s|\n|[“”\"„«»]", gap))


def clause_tokens_after(doc: DocumentNames, pos: int, limit: int = 30) -> list[Token]:
    """Tokens after ``pos`` up to the end of the clause (at most ``limit``)."""
    k = doc.token_index(pos)
    out: list[Token] = []
    if k < len(doc.tokens) and re.search(r"[.!?…]\s|\n", doc.text[pos : doc.tokens[k].start]):
        return out
    while k < len(doc.tokens) and len(out) < limit:
        tok = doc.tokens[k]
        if out and _breaks(_gap(doc, out[-1], tok)):
            break
        out.append(tok)
        k += 1
    return out


def clause_tokens_before(doc: DocumentNames, pos: int, floor: int, limit: int = 40) -> list[Token]:
    """Tokens of the sentence that ends at ``pos`` (not before ``floor``), in text order."""
    k = doc.token_index(pos) - 1
    out: list[Token] = []
    while k >= 0 and len(out) < limit:
        tok = doc.tokens[k]
        if tok.start < floor:
            break
        nxt_start = out[-1].start if out else pos
        gap = doc.text[tok.end : nxt_start]
        if out and _breaks(gap):
            break
        if not out and re.search(r"[.!?…]\s|\n", gap) and tok.text != ":":
            break
        out.append(tok)
        k -= 1
    out.reverse()
    return out


def _pronoun(tok: Token) -> Mention | None:
    if tok.text.lower() in PRONOUNS:
        return Mention(tok.start, tok.end, "pronoun")
    return None


def mention_from(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """The speaker mention in a subject phrase: first segment before an apposition comma."""
    if not toks:
        return None
    seg = toks
    for k, tok in enumerate(toks):
        if tok.text == ",":
            seg = toks[:k]
            if (named := _named_apposition(doc, seg, toks[k + 1 :])) is not None:
                return named
            break
    if not seg or any(t.text.lower() in _NOT_SUBJECT for t in seg):
        return None
    if len(seg) == 1 and (p := _pronoun(seg[0])):
        return p
    run = _last_run(doc, seg)
    if run is not None:
        return Mention(run.start, run.end, "name", run)
    return _nominal(seg)


def _named_apposition(doc: DocumentNames, head: list[Token], rest: list[Token]) -> Mention | None:
    """ "the chairman of Migration Watch UK, Sir Andrew Green, said": a description, then
    the person's name between commas -- the name is the speaker."""
    while head and head[0].text.lower() in ("but", "and", "yet", "so", "also"):
        head = head[1:]
    if not head or not (head[0].text.lower() in _DETERMINERS or is_role_head(head[-1].text)):
        return None
    seg: list[Token] = []
    for tok in rest:
        if tok.text == ",":
            break
        seg.append(tok)
    if not seg or len(seg) == len(rest):
        return None
    run = doc.run_starting_at(seg[0].start)
    if run is None or run.end != seg[-1].end or not (run.titles or len(run.words) > 1):
        return None
    return Mention(run.start, run.end, "name", run)


def _last_run(doc: DocumentNames, seg: list[Token]) -> Run | None:
    seg = _trim_time(seg)
    if not seg:
        return None
    for k in range(len(seg) - 1, -1, -1):
        run = doc.run_ending_at(_strip_possessive_end(seg[k]))
        if run is not None and run.start >= seg[0].start and not _premodifying(doc, run):
            return _person_before_of(doc, seg, run) or run
    return None


def _person_before_of(doc: DocumentNames, seg: list[Token], run: Run) -> Run | None:
    """ "Lord Nicholls of Birkenhead", "Cara Diemont of IT firm X": the person named before
    "of"/"at"/"from" is the speaker, not the place or firm after it."""
    for k, tok in enumerate(seg[:-1]):
        if tok.start >= run.start:
            break
        if seg[k + 1].text not in ("of", "at", "from"):
            continue
        first = doc.run_ending_at(_strip_possessive_end(tok))
        if first is not None and first.start >= seg[0].start and person_like(first):
            return first
    return None


def _premodifying(doc: DocumentNames, run: Run) -> bool:
    """ "England captain", "William Hill spokesman Rupert Adams": the run only modifies
    the role noun after it, so it is not the speaker."""
    k = doc.token_index(run.end)
    prev_end = run.end
    for tok in doc.tokens[k : k + 5]:
        gap = doc.text[prev_end : tok.start]
        if not (0 < len(gap) <= 2 and gap.strip(" \u00a0") == ""):
            return False
        if not tok.text.islower() or tok.text in PREMOD_STOP:
            return False
        if is_role_head(tok.text):
            return True
        prev_end = tok.end
    return False


def _strip_possessive_end(tok: Token) -> int:
    if tok.text.endswith(("’s", "'s")):
        return tok.end - 2
    return tok.end


def _nominal(seg: list[Token]) -> Mention | None:
    """ "the retired neurosurgeon", "a campaign spokesman", "one of those advisers".

    A description is a noun phrase: one holding a verb ("The two firms did not", "The games
    industry welcomed the report") is a clause fragment and gives no speaker."""
    seg = _trim_time(seg)
    while seg and seg[0].text.lower() in _LEAD_CONJUNCTIONS:
        seg = seg[1:]  # "As Mr Kok's report noted"
    if not seg or len(seg) > 8 or _has_verb(seg):
        return None
    lone = len(seg) == 1 and seg[0].text.lower() not in NOMINAL_HEADS | _LONE_NOMINALS
    if lone or seg[-1].text.lower() in _FUNCTION_WORDS:
        return None
    determined = seg[0].text.lower() in _DETERMINERS or (
        len(seg) > 1 and seg[0].is_cap and seg[0].text.endswith(("’s", "'s"))
    )  # "Powell’s office said": an owner's name determines the noun like "the"
    if not determined and not any(t.text.lower() in NOMINAL_HEADS for t in seg):
        return None
    return Mention(seg[0].start, seg[-1].end, "nominal")


def _object_mention(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """The speaker after an inverted verb: "said Sen. Ted Cruz, R-Texas" / "said pollster
    Frank Luntz" / "said one former aide"."""
    if not toks:
        return None
    if p := _pronoun(toks[0]):
        return p
    seg: list[Token] = []
    for tok in toks[:10]:
        if tok.text in (",", ";", ":", "(") or tok.text.lower() in _NOT_SUBJECT:
            break
        seg.append(tok)
    if not seg:
        return None
    runs = [r for tok in seg[:8] if (r := doc.run_starting_at(tok.start)) is not None]
    for k, run in enumerate(runs):
        if _premodifying(doc, run) or _determined_modifier(doc, run):
            continue
        if k + 1 < len(runs) and (
            _modifies_noun(doc, run, runs[k + 1]) or _possessive_before(doc, run, runs[k + 1])
        ):
            continue
        return Mention(run.start, run.end, "name", run)
    if (named := _name_after_role(doc, seg, toks[len(seg) :])) is not None:
        return named
    if doc.german and (lone := _lone_name(doc, seg)) is not None:
        return lone
    return _nominal(seg) or _short_noun_phrase(seg)


def _short_noun_phrase(seg: list[Token]) -> Mention | None:
    """ "begründet das Gericht seine Entscheidung": article, adjectives, then the first
    capitalised noun ("das russische Außenministerium")."""
    if len(seg) < 2 or seg[0].text.lower() not in _DETERMINERS:
        return None
    for k in range(1, min(len(seg), 4)):
        if seg[k].is_cap:
            return Mention(seg[0].start, seg[k].end, "nominal")
        if not seg[k].text.isalpha():
            break
    return None


def _possessive_before(doc: DocumentNames, run: Run, nxt: Run) -> bool:
    """ "said Yahoo's Yonca Brunini": the firm owns the speaker, it is not the speaker."""
    return doc.text[run.start : run.end].endswith(("'s", "’s")) and nxt.start - run.end <= 4


def _determined_modifier(doc: DocumentNames, run: Run) -> bool:
    """ "said the Sale full-back", "the Commons education committee": a one-word run after
    an article and before a lowercase noun modifies that noun."""
    if len(run.words) != 1 or run.titles:
        return False
    k = doc.token_index(run.start)
    if k == 0 or doc.tokens[k - 1].text.lower() not in ("the", "a", "an"):
        return False
    nxt = doc.tokens[k + 1] if k + 1 < len(doc.tokens) else None
    return (
        nxt is not None
        and doc.text[run.end : nxt.start] == " "
        and nxt.text.islower()
        and nxt.text not in _NOT_NOUNS
    )


def _modifies_noun(doc: DocumentNames, run: Run, nxt: Run) -> bool:
    """ "said Ulster man Humphreys", "said Spanish teenager Nadal": the first run only
    modifies the lowercase noun(s) between it and the name that follows."""
    k = doc.token_index(run.end)
    between = [t for t in doc.tokens[k : k + 4] if t.end <= nxt.start - len(" ".join(nxt.titles))]
    if not between or len(between) > 2:
        return False
    text = doc.text[run.end : between[-1].end]
    return (
        bool(re.fullmatch(r"(?: [a-z][a-z\-]*)+", text))
        and doc.text[between[-1].end : between[-1].end + 1] == " "
        and not any(t.text in _NOT_NOUNS for t in between)
    )


# Lowercase words that are not nouns: after a name they mean the name is the subject or
# object ("said Merkel zur Zeitung", "said Smith on Monday").
_NOT_NOUNS = (
    _FUNCTION_WORDS
    | _TIME_WORDS
    | SPEECH_VERBS
    | FRAME_FILLERS
    | words(
        """
        der die das zu zur zum gegenüber laut nach bei am im vom von auf aus an mit vor
        über unter für
        gegen ohne um durch seit während den dem des ein eine einer einem einen und oder
        sowie sein seine seinen seiner seinem ihr ihre ihren ihrer ihrem
        """
    )
)


def _name_after_role(doc: DocumentNames, seg: list[Token], rest: list[Token]) -> Mention | None:
    """ "said Opera spokeswoman, Berit Hanson." -- a role, a comma, then the person."""
    if not any(is_role_head(t.text) for t in seg) or len(rest) < 2 or rest[0].text != ",":
        return None
    run = doc.run_starting_at(rest[1].start)
    if run is None:
        return None
    k = doc.token_index(run.end)
    nxt = doc.tokens[k] if k < len(doc.tokens) else None
    if (
        nxt is not None
        and nxt.text not in (",", ";", ":")
        and not _breaks(doc.text[run.end : nxt.start])
    ):
        return None
    return Mention(run.start, run.end, "name", run)


def _looks_like_verb(tok: Token, lenient: bool) -> bool:
    """A speech verb; with ``lenient`` (the quote ends in , ? !) any past tense will do:
    "“This is fantastic!” beamed Donald Hartley"."""
    low = tok.text.lower()
    if low in SPEECH_VERBS:
        return True
    return lenient and tok.text.islower() and low.endswith("ed") and len(low) > 4


def _drop_parentheses(toks: list[Token]) -> list[Token]:
    """Remove "(R-Texas)" style asides so they do not hide the subject."""
    out: list[Token] = []
    depth = 0
    for tok in toks:
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(tok)
    return out


# The dash may stand a blank line below the quote (a pull quote: "“...” ¶ ¶ - Jo Hale").
_DASH_NAME = re.compile(r"[ \u00a0]*(?:\n[ \u00a0]*){0,2}[―—–-][ \u00a0]*(?=\S)")


def frame_after(doc: DocumentNames, end: int, lenient: bool = False) -> Mention | None:
    """`,” said X` / `,” X said` / `,” according to X` / `, so X` right after a quote."""
    dash = _DASH_NAME.match(doc.text, end)
    if dash and (run := doc.run_starting_at(dash.end())) is not None:
        return Mention(run.start, run.end, "name", run)  # “...” ― Martha Aguilar
    toks = _drop_parentheses(clause_tokens_after(doc, end))
    while toks and toks[0].text in (",", ";"):
        toks = toks[1:]
    if not toks:
        return None
    low = toks[0].text.lower()
    if doc.german and (found := _german_frame_after(doc, toks)) is not None:
        return found
    if doc.language in SPEECH_VERBS_OTHER:
        return other_frame_after(doc, toks)
    if _looks_like_verb(toks[0], lenient) or (low in ("so", "laut") and toks[0].text != "So"):
        return _object_mention(doc, toks[1:])
    if doc.german and not _german_subject_first_frame(toks):
        return None  # "„…“, Trainer X bezeichnete ...": a new main clause, not a frame
    if low == "according" and len(toks) > 2 and toks[1].text == "to":
        return _object_mention(doc, toks[2:])
    for k, tok in enumerate(toks[: _MAX_SUBJECT + 1]):
        # "the report stated": a verb form right after a determiner is a noun
        after_det = k > 0 and toks[k - 1].text.lower() in _DETERMINERS
        if k > 0 and _looks_like_verb(tok, lenient) and not after_det:
            subj = toks[:k]
            while subj and subj[-1].text.lower() in FRAME_FILLERS:
                subj = subj[:-1]
            if subj and subj[-1].text == ",":
                subj = subj[:-1]
            found = mention_from(doc, subj)
            if found is not None:
                return found
        if tok.text.lower() in ("that", "but", "dass"):
            break
    return None


def frame_before(doc: DocumentNames, start: int, floor: int) -> Mention | None:
    """`X said: “` / `X told CNN, “` / `According to X, “` / a colon-ended sentence."""
    toks = _drop_parentheses(clause_tokens_before(doc, start, floor))
    if not toks:
        return None
    colon = toks[-1].text == ":"
    if doc.german and (source := _german_source_before(doc, toks)) is not None:
        return source
    if doc.language in SPEECH_VERBS_OTHER:
        return other_frame_before(doc, toks)
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k]
        low = tok.text.lower()
        if low == "according" and k + 1 < len(toks) and toks[k + 1].text == "to":
            return _object_mention(doc, toks[k + 2 :])
        if not (low in SPEECH_VERBS or (colon and low in COLON_ONLY_VERBS_EN)):
            continue
        if k > 0 and tok.is_cap and toks[k - 1].text not in (",", ";", ":"):
            continue  # "of Counter Jihad": a capitalised verb form inside a clause is a name
        if k > 0 and toks[k - 1].text.lower() in _NOUN_MAKERS:
            continue  # "made the following comment:": a noun here, not the verb
        if low.endswith("ing") and k > 0 and toks[k - 1].text.lower() in _TIME_CONJUNCTIONS:
            continue  # "when reading how the paper rated ...": an adverbial clause
        if k + 1 < len(toks) and toks[k + 1].text == "to" and low in _LEADING_VERBS:
            continue  # "The bias begins to show ...": another verb is the clause's
        if low.endswith("ing"):  # "..., saying:" -- the subject is the clause's
            return _participle_subject(doc, toks[:k])
        subj = toks[:k]
        while subj and subj[-1].text.lower() in FRAME_FILLERS:
            subj = subj[:-1]
        if doc.german and (found := _german_subject(doc, toks, k, subj)) is not None:
            return found
        found = _subject_before(doc, subj)
        if found is not None:
            return found
        # "sagte Merkel:" / "said Smith:": inverted only where the verb opens the clause
        # (English), not "plans to open a plant in Mexico “...”".
        inverted = doc.german or k == 0 or toks[k - 1].text in (",", ";")
        if inverted and k + 1 < len(toks) and (obj := _object_mention(doc, toks[k + 1 :])):
            return obj
        break
    if doc.german and (found := _german_laut_before(doc, toks)) is not None:
        return found
    if colon:
        if doc.german and (found := german_clause_subject(doc, toks)) is not None:
            return found
        return _words_by(doc, toks) or _sentence_subject(doc, toks)
    return None


# Words before a speech noun that make it a noun: "the following comment", "his statement".
_NOUN_MAKERS = words("the a an this that his her their its following")
_TIME_CONJUNCTIONS = words("when while after before since")
# Speech verbs that also lead another verb: "begins to show", "continued to rise".
_LEADING_VERBS = words("begin begins began beginning continue continues continued continuing")
# Nouns for something said, owned by the name after "by": "this statement by Trump:".
_SAID_NOUNS = words(
    "statement statements comment comments remark remarks words tweet tweets post speech answer"
)


def _words_by(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """The name in "... how the website rated this statement by Trump on June 11:": the
    words quoted next are the named person's, whoever the sentence is about."""
    for k in range(len(toks) - 2):
        if toks[k].text.lower() in _SAID_NOUNS and toks[k + 1].text == "by":
            run = doc.run_starting_at(toks[k + 2].start)
            if run is not None:
                return Mention(run.start, run.end, "name", run)
    return None


def _participle_subject(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """ "And although he thanked them, he sounded a note, saying" -> "he"."""
    starts = [0] + [i + 1 for i, t in enumerate(toks) if t.text == ","]
    for i in reversed(starts):
        if i < len(toks):
            found = _sentence_subject(doc, toks[i:])
            if found is not None:
                return found
    return None


def _subject_before(doc: DocumentNames, subj: list[Token]) -> Mention | None:
    """The noun phrase right before a verb, skipping an apposition between commas."""
    if not subj:
        return None
    if subj[-1].text == ",":
        commas = [i for i, t in enumerate(subj[:-1]) if t.text == ","]
        if not commas:
            return None
        named = _named_apposition(doc, subj[: commas[-1]], subj[commas[-1] + 1 :])
        if named is not None:
            return named
        if len(commas) > 1 and (first := _lone_subject(doc, subj[: commas[0]])) is not None:
            return first  # "Clinton, during a meeting in Columbus, Ohio, said"
        subj = subj[: commas[-1]]
    if not subj:
        return None
    if p := _pronoun(subj[-1]):
        return p
    run = doc.run_ending_at(_strip_possessive_end(subj[-1]))
    if run is not None:
        run = _person_before_of(doc, subj, run) or run
        return Mention(run.start, run.end, "name", run)
    tail: list[Token] = []
    for tok in reversed(subj[-6:]):
        if tok.text in (",", ";", ":", "(", ")"):
            break
        tail.insert(0, tok)
        if tok.text.lower() in _DETERMINERS:
            break
    cut = len(subj) - len(tail) - 1
    if (head := _head_before_participle(subj, cut)) is not None:
        return _subject_before(doc, head)
    if tail and is_role_head(tail[-1].text) and cut > 0 and subj[cut].text == ",":
        run = doc.run_ending_at(_strip_possessive_end(subj[cut - 1]))
        if run is not None and (run.titles or len(run.words) > 1):
            return Mention(run.start, run.end, "name", run)  # "X, the party's spokesman said"
    return _nominal(tail)


# Prepositions that end a participle phrase after the subject: "Protesters marching
# through the streets chanted", "people living in the area said".
_PLACE_PREPOSITIONS = words("through in at on from across outside near around into along")


def _head_before_participle(subj: list[Token], cut: int) -> list[Token] | None:
    """The words before "marching through" or "crossing" when the noun phrase found last
    ("the streets", "the bridge") belongs to a participle phrase: the subject is what the
    participle describes."""
    if cut >= 1 and subj[cut].text.lower() in _PLACE_PREPOSITIONS:
        cut -= 1
    if cut < 1:
        return None
    verb = subj[cut]
    if not (verb.text.islower() and verb.text.endswith("ing") and len(verb.text) > 5):
        return None
    head = subj[:cut]
    return head if head[-1].text not in (",", ";", ":") else None


def _lone_subject(doc: DocumentNames, seg: list[Token]) -> Mention | None:
    """A segment that is exactly a name or a pronoun: the subject before an aside."""
    while seg and seg[0].text.lower() in _LEAD_CONJUNCTIONS:
        seg = seg[1:]
    if len(seg) == 1 and (p := _pronoun(seg[0])):
        return p
    if not seg:
        return None
    run = doc.run_ending_at(seg[-1].end)
    if run is None or run.start - len(" ".join(run.titles)) > seg[0].start + 1:
        return None
    return Mention(run.start, run.end, "name", run)


def _has_verb(seg: list[Token]) -> bool:
    for k, tok in enumerate(seg):
        low = tok.text.lower()
        if low in _CLAUSE_WORDS:
            return True
        if (
            tok.text.islower()
            and low.endswith("ed")
            and k + 1 < len(seg)
            and seg[k + 1].text.lower() in _OBJECT_AFTER_VERB
        ):
            return True  # "welcomed the report"
    return False


def _trim_time(seg: list[Token]) -> list[Token]:
    """Drop time adverbials at either end of a subject phrase."""
    while len(seg) > 2 and seg[0].text.lower() in _TIME_LEAD and seg[1].lower in _TIME_NOUNS:
        seg = seg[2:]
    while seg and seg[-1].text.lower() in _TIME_WORDS:
        seg = seg[:-1]
    while len(seg) > 2 and seg[-2].text.lower() in _TIME_LEAD and seg[-1].lower in _TIME_NOUNS:
        seg = seg[:-2]
    return seg


_PREPOSITIONS = words("in on at after before during since with without for from by as when while")


def _sentence_subject(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """For "She emphasized ..., stating:" the subject opens the sentence; an opening
    adverbial ("In response to the attack, Senator X said:") is skipped."""
    starts = [0] + [i + 1 for i, t in enumerate(toks) if t.text == ","]
    for i in starts:
        seg = toks[i:]
        while seg and seg[0].text.lower() in ("but", "and", "then", "so", "yet", "also"):
            seg = seg[1:]
        if not seg or seg[0].text.lower() in _PREPOSITIONS or seg[0].text.isdigit():
            continue  # "On July 6, 2015, Sanders made ...": the year ends the adverbial
        if p := _pronoun(seg[0]):
            return p
        for j, tok in enumerate(seg[:8]):
            if tok.text == "," or (j and _verb_like_after_subject(tok)):
                break  # "the band leader called Democratic bigwigs": past the verb
            run = doc.run_starting_at(tok.start)
            if run is not None and not _premodifying(doc, run):
                return Mention(run.start, run.end, "name", run)
        if doc.language == "en" and seg[0].text.lower() in _DETERMINERS:
            # "The Republican candidate appeared to ..., saying:": the description up to
            # its verb is the speaker.
            k = next((i for i, t in enumerate(seg) if i and _verb_like_after_subject(t)), 0)
            if k and all(t.text != "," for t in seg[:k]):  # not an apposition "a nurse, said"
                return _nominal(seg[:k])
            return None
        return None
    return None


# Lowercase words that may follow a subject before (or as) its verb: "Trump then accused",
# "she has long called", "Moore thanked".
_VERB_LEAD = words(
    """
    also then later again once has had have was were is are will would could did does do
    quickly immediately repeatedly publicly previously recently often went took made gave
    kept got shot fired hit put set found began
    """
)
_SUBJECT_PRONOUNS = words("he she they")


def embedding_subject(doc: DocumentNames, start: int, floor: int) -> Mention | None:
    """The subject of the sentence a quote stands in when no speech verb frames it:
    "Trump called the system “rigged”", "Later on Sunday, Carson shared a syllabus, writing
    “...”". In news prose whoever does something with quoted words is the one who said
    them; the caller counts this as weaker than a speech frame."""
    if doc.language != "en":
        return None  # English word order only
    toks = _drop_parentheses(clause_tokens_before(doc, start, floor))
    if len(toks) < 2 or toks[-1].text == ":":
        return None  # a colon-ended lead is frame_before's business
    seg = toks
    while seg and seg[0].text.lower() in _LEAD_CONJUNCTIONS:
        seg = seg[1:]
    lead = seg[0].text if seg else ""
    adverb = lead.endswith("ly") and lead.lower() not in _SUBJECT_PRONOUNS  # "Immediately, X"
    if (
        lead.lower() in _PREPOSITIONS
        or adverb
        or (lead in NOT_NAMES and lead.lower() not in _SUBJECT_PRONOUNS)
    ):
        comma = next((i for i, t in enumerate(seg) if t.text == ","), -1)
        seg = seg[comma + 1 :] if 0 <= comma < 8 else []
    if len(seg) < 2 or any(t.text.lower() in ("that", "whether") for t in seg[:2]):
        return None
    if seg[0].text.lower() in _SUBJECT_PRONOUNS:
        subject, after = Mention(seg[0].start, seg[0].end, "pronoun"), seg[1]
    else:
        lead = 1 if seg[0].text.lower() == "the" else 0
        run = doc.run_starting_at(seg[lead].start)
        if run is None or _premodifying(doc, run):
            return None
        k = next((i for i, t in enumerate(seg) if t.start >= run.end), len(seg))
        if k >= len(seg):
            return None
        subject, after = Mention(run.start, run.end, "name", run), seg[k]
    return subject if _verb_like_after_subject(after) else None


def _verb_like_after_subject(tok: Token) -> bool:
    """A lowercase word that can be (or lead to) the verb right after a subject."""
    low = tok.text.lower()
    if not tok.text.islower():
        return False
    return (
        low in _VERB_LEAD
        or low in SPEECH_VERBS
        or low in COLON_ONLY_VERBS_EN
        or (low.endswith("ed") and len(low) > 3)
        or (low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3)
    )


# -- German clauses ----------------------------------------------------------------------
# A German main clause puts its finite verb second: what stands before it (the prefield) is
# the subject only when it is a noun phrase or a pronoun. "Nach der Sitzung sagte X:" and
# "Dazu gab das Ministerium bekannt:" have an adverbial there, and the subject follows the
# verb. The rules below find the verb by shape (capitalised nouns, articles, prepositions
# and attributive adjectives make up the prefield), so no German verb list is needed.
_DE_PREPOSITIONS = words(
    """
    in im nach bei beim vor gegenüber auf aus an am mit von vom zu zum zur über unter für
    während seit laut neben hinter ab außer trotz wegen anlässlich angesichts
    """
)
_DE_ARTICLES = words(
    """
    der die das den dem des ein eine einer einem einen eines dessen deren sein seine seiner
    seinem seinen seines ihr ihre ihrer ihrem ihren ihres dieser diese dieses diesem diesen
    jener jene
    """
)
# Adverbs that fill the prefield on their own ("Dazu erklärte er:", "Hier sparte er ...").
_DE_ADVERBS = words(
    """
    dazu hier dann später daraufhin zudem außerdem dabei darauf danach anschließend zuvor
    damals heute gestern jetzt nun bereits zuletzt inzwischen abschließend ebenfalls dort
    deshalb daher aktuell ursprünglich besorgt zufrieden erleichtert weiter ferner ebenso
    gleichzeitig kürzlich morgens abends wörtlich schließlich erneut zunächst hierzu
    hierbei hierauf darüber zugleich indes derweil bislang
    """
)
_DE_CONJUNCTIONS = words("und aber doch denn sondern oder")
# Words between a verb and its subject ("zeigte sich der Trainer", "sagte auch er").
_DE_MIDFIELD = words(
    """
    sich auch dazu jedoch allerdings nun dann weiter zudem bereits noch ebenfalls
    daraufhin damals schon später außerdem
    """
)
# Prepositions that name the source of a "heißt es" ("heißt es in dem Schreiben").
_SOURCE_PREPS = words("in im bei beim vom von aus auf seitens")
_HEISST = words("heißt hieß heisst hiess")
_NP_STOP = words("dass ob wörtlich weiter zufolge zudem und sowie es wie")


def _lone_name(doc: DocumentNames, seg: list[Token]) -> Mention | None:
    """ "so Elshorst weiter", "Barth meint": a lone capitalised word (German nouns are
    dropped from the names) standing alone where the speaker belongs."""
    if not seg or not seg[0].is_cap or not seg[0].text.isalpha():
        return None
    if seg[0].text in NOT_NAMES or is_role_head(seg[0].text):
        return None
    nxt = seg[1].text.lower() if len(seg) > 1 else ""
    if nxt and nxt not in FRAME_FILLERS | _DE_MIDFIELD | _DE_PREPOSITIONS | _DE_ADVERBS:
        return None  # "warnte Kluncker vor ...", "hatte sich Pieper während ..." are fine
    tok = seg[0]
    return Mention(tok.start, tok.end, "name", Run(tok.start, tok.end, (tok.text,), None))


_NP_JOINERS = words("und oder sowie bzw als wie")
# Auxiliaries and modals: finite verbs that the adjective test below would misread.
_DE_FINITE = words(
    """
    hat habe hatte hatten haben ist war waren sind sei seien wird wurde wurden werden
    will wollte wollten soll sollte sollten kann konnte konnten muss musste mussten darf
    durfte möchte
    """
)


def _verb_index(seg: list[Token]) -> int:
    """Index of the finite verb of a German main clause, or -1 when the shape is unclear."""
    if not seg:
        return -1
    first = seg[0].text.lower()
    if first in PRONOUNS or first in _DE_ADVERBS:
        return 1 if len(seg) > 1 else -1
    prev_noun = False
    for k, tok in enumerate(seg):
        low = tok.text.lower()
        if tok.text in (",", ";", ":", "(", ")"):
            return -1
        if k == 0 or low in _DE_PREPOSITIONS or low in _DE_ARTICLES:
            prev_noun = k == 0 and tok.is_cap and low not in _DE_PREPOSITIONS | _DE_ARTICLES
            continue
        if low in _NP_JOINERS:
            continue  # "X und Y", "Merkel als Kanzlerin": still the noun phrase
        if tok.is_cap or tok.text[0].isdigit():
            prev_noun = tok.is_cap
            continue
        if low in _DE_FINITE:
            return k  # "2005 hatte Merkel": an auxiliary, never an adjective
        nxt = seg[k + 1] if k + 1 < len(seg) else None
        adjective = (
            not prev_noun
            and low not in SPEECH_VERBS
            and low.endswith(("e", "en", "er", "es", "em"))
            and nxt is not None
            and (nxt.is_cap or nxt.text.lower().endswith(("e", "en", "er", "es", "em")))
        )
        if not adjective:
            return k
    return -1


def _adverbial(prefield: list[Token]) -> bool:
    """A prefield that is no subject: a prepositional phrase or an adverb."""
    while prefield and prefield[0].text.lower() in _DE_CONJUNCTIONS:
        prefield = prefield[1:]
    if not prefield:
        return False
    first = prefield[0].text.lower()
    return first in _DE_PREPOSITIONS or (len(prefield) <= 2 and first in _DE_ADVERBS)


def _german_subject_after(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """The subject right after the verb: "sagte sie", "zeigte sich der Trainer zufrieden"."""
    while toks and toks[0].text.lower() in _DE_MIDFIELD:
        toks = toks[1:]
    if not toks:
        return None
    if p := _pronoun(toks[0]):
        return p
    if toks[0].text.lower() not in _DE_ARTICLES and not toks[0].is_cap:
        return None
    return _german_np(doc, toks) or _object_mention(doc, toks)


def _german_np(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """ "das russische Außenministerium", "der Trainer der Gäste", "der Trainer Jo Hahn": an
    article, adjectives, a noun and a genitive after it; a name right after it is the
    speaker."""
    if not toks or toks[0].text.lower() not in _DE_ARTICLES:
        return None
    end = -1
    k = 1
    while k < len(toks) and k < 8:
        tok = toks[k]
        if tok.is_cap:
            run = doc.run_starting_at(tok.start)
            if run is not None and person_like(run):
                return Mention(run.start, run.end, "name", run)
            end = k
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None or nxt.text.lower() not in ("des", "der"):
                break
            k += 2  # a genitive: "der Trainer der Gäste"
            continue
        if end >= 0 or not (tok.text.islower() or tok.text[0].isdigit()):
            break
        k += 1
    if end < 0:
        return None
    return Mention(toks[0].start, toks[end].end, "nominal")


def german_clause_subject(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """The subject of a German main clause: its prefield, or after the verb when the
    prefield is adverbial ("In der Halle zeigte sich der Trainer zufrieden:")."""
    seg = toks
    while seg and (seg[0].text.lower() in _DE_CONJUNCTIONS or seg[0].text in ",;"):
        seg = seg[1:]  # "(„…“), und der Ministerpräsident X:" follows a quote
    if seg and seg[0].text.lower() in _SUBORDINATORS and (main := _main_after_clause(seg)):
        return _german_subject_after(doc, main)  # "Als X eilte, biss der Randalierer:"
    v = _verb_index(seg)
    if v < 0 and (found := _apposition_subject(doc, seg)) is not None:
        return found
    if v < 0 and (found := _subject_after_last_clause(doc, seg)) is not None:
        return found
    if v < 0 and seg and seg[-1].text == ":" and seg[0].text.lower() in _DE_ARTICLES:
        return _german_np(doc, seg)  # a verbless lead: "Ein Kommissar nach der Festnahme:"
    if v <= 0:
        return None
    prefield = seg[:v]
    if len(prefield) == 1 and (p := _pronoun(prefield[0])):
        return p
    after = _german_subject_after(doc, seg[v + 1 :])
    if not _subject_prefield(doc, prefield) and after is not None:
        return after
    run = doc.run_ending_at(_strip_possessive_end(prefield[-1]))
    if run is not None and run.start >= prefield[0].start:
        named = Mention(run.start, run.end, "name", run)
        if _personal(doc, after) and not _personal(doc, named):
            return after  # "Jegliche Schuld im Bezirk Weser-Ems weist Hartmann von sich:"
        return named
    if len(prefield) == 1:
        return _lone_name(doc, prefield)
    described = _nominal(prefield) or _short_noun_phrase(prefield)
    if after is not None and _personal(doc, after) and not _personal(doc, described):
        return after  # "Die Anwendung der Regel stellte der Vorsitzende X in Frage:"
    return described


def _subject_after_last_clause(doc: DocumentNames, seg: list[Token]) -> Mention | None:
    """ "Auf die Frage, ob ... unterscheide, entgegnete Suttner empört:": after the last
    comma a lowercase verb opens the main clause, and a person right after it speaks."""
    for j in range(len(seg) - 2, -1, -1):
        if seg[j].text != ",":
            continue
        verb = seg[j + 1].text
        closed = _DE_ARTICLES | _DE_PREPOSITIONS | _DE_CONJUNCTIONS | _SUBORDINATORS
        if verb.isalpha() and verb.islower() and verb not in closed:
            after = _german_subject_after(doc, seg[j + 2 :])
            return after if _personal(doc, after) else None
    return None


def _main_after_clause(seg: list[Token]) -> list[Token]:
    """After a leading subordinate clause the main clause opens with its verb ("Als ...
    eilte, biss der Mann ..."): the tokens after that verb, or [] when the shape differs."""
    for i, tok in enumerate(seg):
        if tok.text != ",":
            continue
        verb = seg[i + 1].text if i + 1 < len(seg) else ""
        closed = _DE_ARTICLES | _DE_PREPOSITIONS | _DE_CONJUNCTIONS
        if verb.isalpha() and verb.islower() and verb not in closed:
            return seg[i + 2 :]
    return []


def _apposition_subject(doc: DocumentNames, seg: list[Token]) -> Mention | None:
    """ "Der Leiter der Studie, Paulo Pinheiro, sieht ...", "Der 84-jährige Küng, der als
    Kritiker gilt, hofft ...": a subject, an apposition or relative clause between commas,
    then the finite verb. The name in the subject, else the name the apposition gives,
    else the description."""
    commas = [i for i, t in enumerate(seg) if t.text == ","]
    if not commas or commas[0] == 0 or not _subject_prefield(doc, seg[: commas[0]]):
        return None
    first = seg[: commas[0]]
    for j in commas[1:]:
        nxt = seg[j + 1] if j + 1 < len(seg) else None
        if nxt is None or not nxt.text.isalpha() or not nxt.text.islower():
            continue
        low = nxt.text
        if low in _DE_ARTICLES or low in _DE_PREPOSITIONS or low in _DE_CONJUNCTIONS:
            continue
        if low in _DE_NOT_FRAME:
            continue
        after = _german_subject_after(doc, seg[j + 2 :])
        if after is not None and _personal(doc, after):
            return after  # "Das Angebot, ... zu lassen, lehnt er ab:": the object came first
        run = doc.run_ending_at(_strip_possessive_end(first[-1]))
        if run is not None and run.start >= first[0].start:
            return Mention(run.start, run.end, "name", run)
        middle = seg[commas[0] + 1 : j]
        named = doc.run_starting_at(middle[0].start) if middle else None
        if named is not None and named.end == middle[-1].end and person_like(named):
            return Mention(named.start, named.end, "name", named)
        return _german_np(doc, first) or _nominal(first)
    return None


def _personal(doc: DocumentNames, mention: Mention | None) -> bool:
    """A mention that can name a speaker: a pronoun, a person's name, or a description
    headed by a role or speaker noun ("der SPD-Vorsitzende", "ein Sprecher")."""
    if mention is None:
        return False
    if mention.kind != "nominal":
        run = mention.run
        if run is None:
            return mention.kind == "pronoun"
        if any(w in NOT_NAMES for w in run.words):
            return False  # "Anfang November": German nouns and a month, no person
        return person_like(Run(run.start, run.end, doc.fullest(run), None, run.titles))
    words_ = doc.text[mention.start : mention.end].split()
    return any(is_role_head(w) or w.lower() in NOMINAL_HEADS for w in words_[1:3])


def _german_subject(
    doc: DocumentNames, toks: list[Token], k: int, subj: list[Token]
) -> Mention | None:
    """The subject of the speech verb ``toks[k]`` where German word order moves it: after
    the verb ("Gegenüber dem Sender erklärte sie:"), or, for a second verb joined by "und",
    the subject of the whole sentence ("Er sagte, ... und fügte hinzu:"); a verb at the
    clause's end ("Stoiber hatte ... betont:") belongs to the subject of the finite verb."""
    if subj and subj[-1].text.lower() == "und":
        return german_clause_subject(doc, subj[:-1])
    if subj and subj[0].text.lower() in _SUBORDINATORS - {"als", "wie"}:
        return _german_subject_after(doc, toks[k + 1 :])  # "Nachdem ... war sagte er:"
    if subj and subj[-1].text == ",":
        # "X, Vorsitzender von Y, nennt ..." has its subject before the commas; "Ob ...,
        # erklärte die Universität:" after the verb.
        found = _apposition_subject(doc, [*subj, toks[k]])
        return found or _german_subject_after(doc, toks[k + 1 :])
    commas = [i for i, t in enumerate(subj) if t.text == ","]
    if subj and subj[-1].text.lower() == "zu":  # "X hat keine Hemmungen, ... zu zeigen:"
        return german_clause_subject(doc, subj[: commas[0]] if commas else subj)
    tail = subj[commas[-1] + 1 :] if commas else subj
    if _verb_index(tail) > 0:
        return german_clause_subject(doc, tail)
    if (relative := _relative_subject(doc, tail)) is not None:
        return relative
    after = _german_subject_after(doc, toks[k + 1 :])
    if not _subject_prefield(doc, subj):  # "Als Antwort auf den Brief sagte ein Sprecher:"
        return after
    if (head := _prefield_head(doc, subj)) is not None:
        return head  # "Sascha Kempf vom Institut für Physik erläutert:"
    if _personal(doc, after) and not _personal_prefield(doc, subj):
        return after  # "Der Zeitung sagte Jo Hahn:", "Ähnlich äußerte sich der Präsident:"
    if len(subj) == 1 and not _pronoun(subj[0]) and doc.run_ending_at(subj[0].end) is None:
        return _lone_name(doc, subj)
    return None


_NOMINATIVE_ARTICLES = words("der die das ein eine kein keine dieser diese dieses")
# Conjunctions that open a subordinate clause: a prefield opened by one is no subject.
_SUBORDINATORS = words("ob wenn weil dass nachdem obwohl bevor sobald falls da seit als wie")


def _prefield_head(doc: DocumentNames, prefield: list[Token]) -> Mention | None:
    """A person named at the start of a longer prefield, the rest being attributes ("Jo
    Hahn vom Institut für Physik in Bonn")."""
    if len(prefield) < 3:
        return None
    run = doc.run_starting_at(prefield[0].start)
    if run is None or run.end >= prefield[-1].end or not person_like(run):
        return None
    k = doc.token_index(run.end)
    nxt = doc.tokens[k] if k < len(doc.tokens) else None
    if nxt is None or nxt.text.lower() not in _DE_PREPOSITIONS:
        return None
    return Mention(run.start, run.end, "name", run)


def _personal_prefield(doc: DocumentNames, prefield: list[Token]) -> bool:
    """Does the prefield name a speaker: a pronoun, a person, or a role description?"""
    if len(prefield) == 1 and _pronoun(prefield[0]):
        return True
    run = doc.run_ending_at(_strip_possessive_end(prefield[-1]))
    if run is not None and run.start >= prefield[0].start:
        return True
    return _personal(doc, _german_np(doc, prefield) or _nominal(prefield))


def _subject_prefield(doc: DocumentNames, prefield: list[Token]) -> bool:
    """Can what stands before the finite verb be its subject? A pronoun, a name or a noun
    phrase opened by a nominative article can; a prepositional phrase, an adverb, "als"
    or a word followed by a preposition ("Passend zu den Gefahren") cannot."""
    while prefield and prefield[0].text.lower() in _DE_CONJUNCTIONS:
        prefield = prefield[1:]
    if not prefield or _adverbial(prefield):
        return False
    first = prefield[0].text.lower()
    if first in (_DE_ARTICLES - _NOMINATIVE_ARTICLES) or first in _SUBORDINATORS:
        return False  # "Den Unmut über X brachte ...": an object
    if len(prefield) == 1 and _pronoun(prefield[0]):
        return True
    if doc.run_ending_at(_strip_possessive_end(prefield[-1])) is not None:
        return True
    if first in _NOMINATIVE_ARTICLES:
        return True
    return not (len(prefield) > 1 and prefield[1].text in _DE_PREPOSITIONS)


def _relative_subject(doc: DocumentNames, tail: list[Token]) -> Mention | None:
    """ "..., die Gerhard Schröder ... erklärt hatte:": in a relative clause the person
    right after the relative pronoun is the speaker."""
    if len(tail) < 2 or tail[0].text not in ("der", "die", "das", "den", "dem"):
        return None
    if p := _pronoun(tail[1]):
        return p
    run = doc.run_starting_at(tail[1].start)
    if run is not None and person_like(run):
        return Mention(run.start, run.end, "name", run)
    return None


def _source_np(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """A source as a noun phrase ("dem Schreiben der Anwohner", "Polizeisprecherin Jana
    Lorenz"): a person named in it is the speaker, else the phrase as written."""
    seg: list[Token] = []
    for tok in toks[:9]:
        if not tok.text[0].isalnum() or tok.text.lower() in _NP_STOP:
            break
        seg.append(tok)
    if not seg:
        return None
    for tok in reversed(seg):
        run = doc.run_ending_at(_strip_possessive_end(tok))
        if run is not None and run.start >= seg[0].start and person_like(run):
            return Mention(run.start, run.end, "name", run)
    if len(seg) == 1 and (lone := _lone_name(doc, seg)) is not None:
        return lone
    if not any(t.is_cap for t in seg):
        return None
    return Mention(seg[0].start, seg[-1].end, "nominal")


def _heisst_source(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """After "heißt es": the source behind "in/bei/vom" ("heißt es dazu in der Mitteilung")."""
    for k, tok in enumerate(toks[:5]):
        low = tok.text.lower()
        if low in _SOURCE_PREPS:
            return _source_np(doc, toks[k + 1 :])
        if not (low in _DE_ADVERBS or low in _DE_MIDFIELD or low in ("unter", "anderem")):
            return None
    return None


def _german_frame_after(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """ "„…“, heißt es in der Mitteilung" / "„…“, dem Bericht zufolge"."""
    if len(toks) > 1 and toks[0].text.lower() in _HEISST and toks[1].text == "es":
        return _heisst_source(doc, toks[2:])
    for k, tok in enumerate(toks[:8]):
        if tok.text.lower() == "zufolge":
            return _source_np(doc, toks[:k])
        if not tok.text[0].isalnum():
            break
    k = doc.token_index(toks[0].start)
    after_comma = k > 0 and doc.tokens[k - 1].text == ","  # "„Titel“ meldete" is no frame
    if after_comma and [t.text.lower() for t in toks[:3]] == ["mit", "diesen", "worten"]:
        toks = toks[3:]  # "„…“, mit diesen Worten meldete er sich zurück"
    if after_comma and len(toks) > 1 and _german_finite_verb(toks[0]):
        return _german_subject_after(doc, toks[1:])  # "„…“, strich Romney heraus"
    return None


def _german_subject_first_frame(toks: list[Token]) -> bool:
    """ "„…“, Petra Vogt sagte." is rare but German: accept subject-first only when the
    speech verb ends the clause within a few words (no object after it)."""
    for k, tok in enumerate(toks[:6]):
        if tok.text.lower() in SPEECH_VERBS_DE:
            rest = toks[k + 1 : k + 2]
            return k > 0 and (not rest or rest[0].text.lower() in _DE_MIDFIELD | {"hinzu"})
    return False


# Strong (irregular) past forms that open a frame after a quote ("„…“, gab ein Sprecher
# bekannt", "ließ er verlauten"); weak verbs are recognised by their ending -te/-ten.
_DE_STRONG_PAST = words(
    """
    schrieb schrieben rief riefen gab gaben ließ ließen wies wiesen hob hoben strich
    strichen sprach sprachen fand fanden stellte hielt hielten trug nahm meint sagt
    """
)
# Lowercase words after „…“, that begin something other than a frame: a relative or
# subordinate clause, a coordination, a preposition.
_DE_NOT_FRAME = words("dass ob wenn als weil wie was wo sowie bzw wobei obwohl damit so laut")


def _german_finite_verb(tok: Token) -> bool:
    """A lowercase finite verb right after a quote: the verb-first frame „…“, sagte X."""
    low = tok.text
    if not low.isalpha() or not low.islower() or low in _DE_NOT_FRAME:
        return False
    if low in _DE_ARTICLES or low in _DE_PREPOSITIONS or low in _DE_CONJUNCTIONS:
        return False
    if low in SPEECH_VERBS or low in _DE_STRONG_PAST or low.endswith(("te", "ten")):
        return True
    return len(low) > 4 and low.endswith("t") and low not in _DE_ADVERBS  # "beschreibt"


def _german_source_before(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """ "In dem Schreiben heißt es:" / "So heißt es in der Meldung wörtlich:"."""
    for k in range(len(toks) - 1):
        if toks[k].text.lower() in _HEISST and toks[k + 1].text == "es":
            rest = toks[k + 2 :]
            if toks[-1].text != ":" and any(t.text == "," for t in rest):
                return None  # "heißt es, im Bereich „…“ seien ...": indirect speech
            prefield = toks[:k]
            while prefield and prefield[0].text.lower() in _DE_CONJUNCTIONS | {"so"}:
                prefield = prefield[1:]
            if prefield and prefield[0].text.lower() in _SOURCE_PREPS:
                return _source_np(doc, prefield[1:])
            return _heisst_source(doc, toks[k + 2 :])
    return None


# Words right before a quote that make it part of a noun phrase ("laut einem Test des
# Magazins „…“", "das als „…“ bekannte Lager"): a title or a name, not the source's words.
_INSIDE_PHRASE = _DE_ARTICLES | _DE_PREPOSITIONS | words("als wie namens von")


def _german_laut_before(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """A source in the clause before the quote: "Laut X", "Nach Angaben von X", "X zufolge",
    "..., so X weiter:"."""
    if not toks or toks[-1].text.lower() in _INSIDE_PHRASE:
        return None
    for k, tok in enumerate(toks):
        low = tok.text.lower()
        if low == "laut":
            return _source_np(doc, toks[k + 1 :])
        if low == "angaben" and k > 0 and toks[k - 1].text.lower() == "nach":
            rest = toks[k + 1 :]
            if rest and rest[0].text.lower() in ("von", "vom"):
                rest = rest[1:]
            return _source_np(doc, rest)
        if low == "zufolge":
            start = max(
                (i + 1 for i, t in enumerate(toks[:k]) if not t.text[0].isalnum()), default=0
            )
            return _source_np(doc, toks[start:k])
        if tok.text == "so" and k > 0 and toks[k - 1].text == ",":
            return _object_mention(doc, toks[k + 1 :])
    return None


# German verbs that frame a short quoted word or phrase as the speaker's verdict: "nannte
# den Plan „überzogen“", "sprach von einer „Katastrophe“", "als „Fehler“ bezeichnete".
_NAMING_VERBS_DE = words(
    """
    nannte nannten nennt bezeichnete bezeichneten bezeichnet sprach sprachen spricht
    würdigte würdigten würdigt lobte lobten lobt kritisierte kritisierten kritisiert
    verurteilte verurteilten verurteilt wies wiesen weist warnte warnten warnt beschrieb
    beschrieben beschreibt wertete werteten wertet bewertete bewertet beurteilte beurteilt
    betrachtete betrachtet sieht sah sahen forderte forderten fordert
    """
)
_REPUTATION = words("gilt galt gelten galten bekannt berühmt berüchtigt")
_NAMING_LEAD_DE = words("als von vor einer einem einen eine ein einen")


def naming_frame(doc: DocumentNames, start: int, end: int, floor: int) -> bool:
    """Does a German naming verb frame the short quote at ``start``..``end``?

    The verb stands in the clause before the quote ("nannte sie „fahrlässig“", "sprach von
    einer „…“") or right after it when the quote follows "als"/"von" ("Als „…“ bezeichnete").
    """
    before = clause_tokens_before(doc, start, floor, limit=24)
    after = clause_tokens_after(doc, end, limit=4)
    lead = [t.text.lower() for t in before[-3:]]
    if any(t.text.lower() in _NAMING_VERBS_DE for t in before[-8:]):
        return True
    if lead and lead[-1] == "als" and len(before) > 2 and lead[-2] not in _DE_ARTICLES:
        # "wies dies am Rande einer Tagung als „Unverschämtheit“ zurück": the verb may
        # stand far before "als", or after the quote ("zurückgewiesen"). "galt als „…“" and
        # "als „…“ bekannt" report a reputation, not anyone's words.
        if any(t.text.lower() in _REPUTATION for t in before + after[:1]):
            return False
        return any(t.text.lower() not in _DE_ARTICLES and t.text.islower() for t in before)
    return (
        bool(lead)
        and lead[-1] in _NAMING_LEAD_DE
        and any(t.text.lower() in _NAMING_VERBS_DE for t in after[:3])
    )


# -- French, Spanish, Ukrainian, Russian -------------------------------------------------
# Their news quote in «…» (French with spaces inside) and frame the quote much as English
# does, in the same subject-verb order or inverted after the quote: "« … », a déclaré X",
# "«…», dijo X", "«…», — сказав X", "Selon X, « … »", "По словам X, «…»". The word lists are
# per language (lexicon.SPEECH_VERBS_OTHER) and used only for a document in that language.


def _cue_end(doc: DocumentNames, toks: list[Token]) -> int:
    """Index just past an "according to" cue in ``toks`` ("selon", "по словам"), or -1."""
    cues = SOURCE_CUES_OTHER.get(doc.language, ())
    lows = [t.text.lower() for t in toks]
    for k in range(len(lows)):
        for cue in cues:
            if tuple(lows[k : k + len(cue)]) == cue:
                return k + len(cue)
    return -1


def _inverted_pronoun(doc: DocumentNames, tok: Token) -> Mention | None:
    """ "déclare-t-il", "a-t-elle": the pronoun glued to the verb by hyphens."""
    parts = tok.text.lower().split("-")
    if len(parts) > 1 and parts[-1] in PRONOUNS and parts[-1] not in ("es",):
        return Mention(tok.end - len(parts[-1]), tok.end, "pronoun")
    return None


def _other_speaker(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """The speaker after an inverted verb or a cue: a pronoun, a name, or a description
    opened by an article ("el portavoz del ministerio")."""
    if not toks:
        return None
    if (found := _object_mention(doc, toks)) is not None:
        return found
    seg: list[Token] = []
    for tok in toks[:5]:
        if not tok.text[0].isalnum():
            break
        seg.append(tok)
    if len(seg) > 1 and seg[0].text.lower() in ARTICLES_OTHER:
        return Mention(seg[0].start, seg[min(len(seg), 3) - 1].end, "nominal")
    return None


def other_frame_after(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """ "« … », a déclaré X" / "«…», dijo X" / "«…», — сказав він" / "«…», según X"."""
    verbs = SPEECH_VERBS_OTHER[doc.language]
    first = toks[0]
    if (pronoun := _inverted_pronoun(doc, first)) is not None:
        return pronoun if first.text.lower().split("-")[0] in verbs | AUXILIARIES_OTHER else None
    i = 1 if first.text.lower() in AUXILIARIES_OTHER and len(toks) > 1 else 0
    if (pronoun := _inverted_pronoun(doc, toks[i])) is not None:
        return pronoun  # "« … », a-t-il déclaré"
    if toks[i].text.lower() in verbs:
        return _other_speaker(doc, toks[i + 1 :])
    if _cue_end(doc, toks[:3]) >= 0:
        return _other_speaker(doc, toks[_cue_end(doc, toks[:3]) :])
    for k, tok in enumerate(toks[1 : _MAX_SUBJECT + 1], start=1):
        if tok.text.lower() in verbs:  # "« … », le ministre a déclaré"
            subj = toks[:k]
            while subj and subj[-1].text.lower() in AUXILIARIES_OTHER:
                subj = subj[:-1]
            return _subject_before(doc, subj) or _other_nominal(subj)
    return None


def other_frame_before(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """ "Le ministre a déclaré : « … »" / "Según X, «…»" / "Президент заявив: «…»"."""
    verbs = SPEECH_VERBS_OTHER[doc.language]
    if (end := _cue_end(doc, toks)) >= 0:
        return _other_speaker(doc, toks[end:])
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].text.lower() not in verbs:
            continue
        subj = toks[:k]
        while subj and subj[-1].text.lower() in AUXILIARIES_OTHER:
            subj = subj[:-1]
        found = _subject_before(doc, subj) or _other_nominal(subj)
        return found or _other_speaker(doc, toks[k + 1 :])
    if toks and toks[-1].text == ":":
        return _sentence_subject(doc, toks)
    return None


def _other_nominal(subj: list[Token]) -> Mention | None:
    """ "le porte-parole du ministère", "el portavoz": a described subject."""
    for k in range(len(subj) - 1, max(-1, len(subj) - 6), -1):
        if subj[k].text.lower() in ARTICLES_OTHER:
            return Mention(subj[k].start, subj[-1].end, "nominal")
        if not subj[k].text[0].isalnum():
            break
    return None


# -- German naming frames ----------------------------------------------------------------
# "Der Minister wies die Vorwürfe als „haltlos“ zurück", "X würdigte Y als „großen
# Österreicher“", "X sprach von einer „Katastrophe“": a short quote the subject of the
# clause applies to something. No speech verb frames it, but the words are the subject's.
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")


def german_naming_subject(doc: DocumentNames, start: int, end: int, floor: int) -> Mention | None:
    """The clause subject of a quote that follows "als" or a naming verb, else None."""
    before = _drop_parentheses(clause_tokens_before(doc, start, floor))
    if len(before) < 3:
        return None
    lead = before[-1].text.lower()
    if lead == "als" and not naming_frame(doc, start, end, floor):
        return None  # "galt als „…“": a reputation
    if lead == "als":
        if before[-2].text.lower() in _DE_ARTICLES:
            return None  # "das als „Dschungel“ bekannte Lager": a name, not a verdict
        after = clause_tokens_after(doc, end, limit=1)
        nxt = after[0].text if after else ""
        if nxt.islower() and nxt.endswith(_ADJECTIVE_ENDINGS) and nxt not in _NAMING_VERBS_DE:
            return None  # "als „…“ bekannte", "als „…“ eingestufte"
    elif not naming_frame(doc, start, end, floor):
        return None
    commas = [i for i, t in enumerate(before) if t.text == ","]
    seg = before[commas[0] + 1 :] if commas and commas[0] < 2 else before
    if commas and seg is before:
        seg = before[: commas[0]] if _verb_index(before[: commas[0]]) > 0 else before
    return german_clause_subject(doc, seg)


def german_previous_subject(doc: DocumentNames, start: int, floor: int) -> Mention | None:
    """A quote that opens a sentence with no frame of its own, right after a sentence about
    someone ("Oettinger will die Fächer straffen. „Nicht jede Formel ist nötig.“"): in
    German news the words are that sentence's subject's. Only a person, a pronoun or a role
    counts, so that "Die Lage ist ernst. „…“" gives no speaker."""
    k = doc.token_index(start) - 1
    if k < 0 or doc.tokens[k].end < floor:
        return None
    last = doc.tokens[k]
    gap = doc.text[last.end : start]
    if "\n" in gap:
        return None
    if last.text == "(" and k > 0:  # "Petra Vogt („…“)": look past the bracket
        gap = doc.text[doc.tokens[k - 1].end : start]
        last = doc.tokens[k - 1]
    run = doc.run_ending_at(last.end)
    if gap.strip() == "(" and run is not None and _personal(doc, Mention(0, 0, "name", run)):
        return Mention(run.start, run.end, "name", run)  # "Mohammed ElBaradei („…“)"
    if re.fullmatch(r"[.!?…)]+\s+", gap):
        toks = clause_tokens_before(doc, last.end, floor)
    else:  # the quote inside its sentence: "Ursprünglich wollte er „ein Konzept vorlegen“"
        toks = clause_tokens_before(doc, start, floor)
        if toks and toks[-1].text == ":":
            return None  # a colon lead is frame_before's business
    toks = _drop_parentheses(toks)
    subject = german_clause_subject(doc, toks) if len(toks) > 2 else None
    if subject is not None and subject.run is not None and subject.run.name.isupper():
        return subject  # an acronym: "Die SPD will ... festhalten. „…“"
    return subject if _personal(doc, subject) else None
