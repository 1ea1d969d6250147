"""Where an annotation belongs in a document that may have changed: pure functions.

An annotation remembers its quote's words and a little text on each side, never offsets.
After a document is read again, each annotation is placed, in order of preference:

1. on an extracted quote with the same words (ignoring whitespace and the quotation marks
   around them), the context telling repeats apart;
2. on an extracted quote with nearly the same words (a typo fixed, the extractor now taking
   one more word);
3. on the words themselves, wherever they still stand in the text: a quote the user marked
   by hand, or one the extractor no longer finds, is kept as the user's own quote;
4. nowhere: orphaned, kept for the user to re-attach or delete.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

CONTEXT_CHARS = 48  # of text kept on each side of a quote to tell repeats apart
_NEAR_RATIO = 0.9  # how alike two quotes' words must be to count as one edited quote
_EDGES = " \t\r\n\"'“”„‟‘’‚‛«»‹›「」『』.,;:!?…-–—"


@dataclass(frozen=True)
class Candidate:
    """A quote found in the document now."""

    id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Anchor:
    uid: str
    text: str
    before: str = ""
    after: str = ""


@dataclass
class Placement:
    """Where each anchor went: ``attached`` maps anchor uid to a candidate's id; ``spans``
    gives the anchors kept on their bare words (uid -> (start, end)); the rest are orphans."""

    attached: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    orphaned: list[str] = field(default_factory=list)


def normalised(text: str) -> str:
    """Whitespace collapsed: line breaks and reflowed paragraphs do not change a quote."""
    return " ".join(text.split())


def core_words(text: str) -> str:
    """The words of a quote without the marks and punctuation around them."""
    return normalised(text).strip(_EDGES)


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The normalised text just before and just after ``text[start:end]``."""
    before = normalised(text[max(0, start - CONTEXT_CHARS * 3) : start])[-CONTEXT_CHARS:]
    after = normalised(text[end : end + CONTEXT_CHARS * 3])[:CONTEXT_CHARS]
    return before, after


def place(text: str, candidates: Sequence[Candidate], anchors: Sequence[Anchor]) -> Placement:
    placement = Placement()
    free = {c.id: c for c in candidates}
    waiting = list(anchors)

    # 1. Same words: among repeats, the best context wins.
    pairs = []
    for anchor in waiting:
        words = core_words(anchor.text)
        for candidate in candidates:
            if words and core_words(candidate.text) == words:
                score = _context_score(text, anchor, candidate.start, candidate.end)
                pairs.append((score, anchor.uid, candidate.id))
    _assign(sorted(pairs, key=lambda p: -p[0]), placement, free)
    waiting = [a for a in waiting if a.uid not in placement.attached]

    # 2. Nearly the same words.
    pairs = []
    for anchor in waiting:
        words = core_words(anchor.text)
        for candidate in free.values():
            other = core_words(candidate.text)
            if not words or not other or abs(len(words) - len(other)) > 0.2 * len(words):
                continue
            ratio = SequenceMatcher(None, words, other, autojunk=False).ratio()
            if ratio >= _NEAR_RATIO:
                pairs.append((ratio, anchor.uid, candidate.id))
    _assign(sorted(pairs, key=lambda p: -p[0]), placement, free)
    waiting = [a for a in waiting if a.uid not in placement.attached]

    # 3. The bare words, still in the text; 4. orphans.
    taken = [(c.start, c.end) for c in candidates if c.id not in free]
    for anchor in waiting:
        span = _locate(text, anchor, taken)
        if span is None:
            placement.orphaned.append(anchor.uid)
            continue
        overlapping = _overlapping_free(span, free)
        if overlapping is not None:  # the extractor found (part of) it after all
            placement.attached[anchor.uid] = overlapping.id
            del free[overlapping.id]
            taken.append((overlapping.start, overlapping.end))
        else:
            placement.spans[anchor.uid] = span
            taken.append(span)
    return placement


def _assign(
    pairs: list[tuple[float, str, str]], placement: Placement, free: dict[str, Candidate]
) -> None:
    for _score, uid, candidate_id in pairs:
        if uid in placement.attached or candidate_id not in free:
            continue
        placement.attached[uid] = candidate_id
        del free[candidate_id]


def _context_score(text: str, anchor: Anchor, start: int, end: int) -> int:
    before, after = context(text, start, end)
    return _common_suffix(before, anchor.before) + _common_prefix(after, anchor.after)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _locate(text: str, anchor: Anchor, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    words = normalised(anchor.text).split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    best: tuple[int, tuple[int, int]] | None = None
    for match in pattern.finditer(text):
        span = match.span()
        if any(_overlap(span, other) > 0 for other in taken):
            continue
        score = _context_score(text, anchor, *span)
        if best is None or score > best[0]:
            best = (score, span)
    return None if best is None else best[1]


def _overlapping_free(span: tuple[int, int], free: dict[str, Candidate]) -> Candidate | None:
    """A free candidate covering most of ``span`` (and mostly covered by it)."""
    length = span[1] - span[0]
    for candidate in free.values():
        shared = _overlap(span, (candidate.start, candidate.end))
        if shared >= 0.8 * length and shared >= 0.8 * (candidate.end - candidate.start):
            return candidate
    return None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
