"""Speech frames around a quote: who is said to say it, and where that mention stands.

Frames after the quote (`,” said Fedorov` / `,” Kubrakov concluded` / `, so der Minister`)
and before it (`Ms Hewitt said: “` / `According to X, “` / a sentence ending in a colon).
Each rule returns the *mention* (offsets as written); names.py turns it into a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    COLON_ONLY_VERBS_EN,
    FRAME_FILLERS,
    NOMINAL_HEADS,
    PRONOUNS,
    SPEECH_VERBS,
    words,
)
from .names import DocumentNames
from .roles import PREMOD_STOP, is_role_head
from .tokens import Run, Token

_DETERMINERS = words(
    """
    the a an his her their its our this one another some two three several many most
    other der die das ein eine einer
    """
)
_SENTENCE_END = re.compile(r"[.!?…][”\"’)]?\s+(?=[^\s,;a-z])|\n")
_NOT_SUBJECT = words(
    """
    that which who what when if as because while
    """
)
_MAX_SUBJECT = 14  # tokens between a quote and its verb ("Smith, a spokesman for X, said")


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
    if not head or head[0].text.lower() not in _DETERMINERS:
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
    for tok in reversed(seg):
        run = doc.run_ending_at(_strip_possessive_end(tok))
        if run is not None and run.start >= seg[0].start and not _premodifying(doc, run):
            return run
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
    """ "the retired neurosurgeon", "a campaign spokesman", "one of those advisers"."""
    if not seg or len(seg) > 8:
        return None
    lone = len(seg) == 1 and seg[0].text.lower() not in NOMINAL_HEADS
    if lone or seg[-1].text.lower() in _FUNCTION_WORDS:
        return None
    determined = seg[0].text.lower() in _DETERMINERS
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
    for tok in seg[:8]:
        run = doc.run_starting_at(tok.start)
        if run is not None and not _premodifying(doc, run):
            return Mention(run.start, run.end, "name", run)
    return _nominal(seg)


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


_DASH_NAME = re.compile(r"[ \u00a0]*\n?[ \u00a0]*[―—–-][ \u00a0]*(?=\S)")


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
    if _looks_like_verb(toks[0], lenient) or (low in ("so", "laut") and toks[0].text != "So"):
        return _object_mention(doc, toks[1:])
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
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k]
        low = tok.text.lower()
        if low == "according" and k + 1 < len(toks) and toks[k + 1].text == "to":
            return _object_mention(doc, toks[k + 2 :])
        if not (low in SPEECH_VERBS or (colon and low in COLON_ONLY_VERBS_EN)):
            continue
        if low.endswith("ing"):  # "..., saying:" -- the subject is the clause's
            return _participle_subject(doc, toks[:k])
        subj = toks[:k]
        while subj and subj[-1].text.lower() in FRAME_FILLERS:
            subj = subj[:-1]
        found = _subject_before(doc, subj)
        if found is not None:
            return found
        if k + 1 < len(toks) and (obj := _object_mention(doc, toks[k + 1 :])):
            return obj  # "sagte Merkel:" / "said Smith:"
        break
    if colon:
        return _sentence_subject(doc, toks)
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
        subj = subj[: commas[-1]]
    if not subj:
        return None
    if p := _pronoun(subj[-1]):
        return p
    run = doc.run_ending_at(_strip_possessive_end(subj[-1]))
    if run is not None:
        return Mention(run.start, run.end, "name", run)
    tail: list[Token] = []
    for tok in reversed(subj[-6:]):
        if tok.text in (",", ";", ":", "(", ")"):
            break
        tail.insert(0, tok)
        if tok.text.lower() in _DETERMINERS:
            break
    return _nominal(tail)


_FUNCTION_WORDS = words("and or but of to in on at for with from by the a an who that")
_PREPOSITIONS = words("in on at after before during since with without for from by as when while")


def _sentence_subject(doc: DocumentNames, toks: list[Token]) -> Mention | None:
    """For "She emphasized ..., stating:" the subject opens the sentence; an opening
    adverbial ("In response to the attack, Senator X said:") is skipped."""
    starts = [0] + [i + 1 for i, t in enumerate(toks) if t.text == ","]
    for i in starts:
        seg = toks[i:]
        while seg and seg[0].text.lower() in ("but", "and", "then", "so", "yet", "also"):
            seg = seg[1:]
        if not seg or seg[0].text.lower() in _PREPOSITIONS:
            continue
        if p := _pronoun(seg[0]):
            return p
        for tok in seg[:8]:
            if tok.text == ",":
                break
            run = doc.run_starting_at(tok.start)
            if run is not None and not _premodifying(doc, run):
                return Mention(run.start, run.end, "name", run)
        return None
    return None
