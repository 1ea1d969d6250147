"""Where an annotation goes in a document that changed: pure placement, no database.

The examples pin the four outcomes (same words, nearly the same words, bare words, orphan);
the properties below them check that no text can make placement fail, and that an anchor
follows its quote through any edit that leaves the quote's words and some context alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiveapp.core.annotations.anchoring import (
    CONTEXT_CHARS,
    Anchor,
    Candidate,
    Placement,
    context,
    core_words,
    normalised,
    place,
)


def _runs(examples: int) -> settings:
    """No example database left in the working tree (each run draws afresh), and no
    deadline: a slow shared CI machine must not turn into a failure."""
    return settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


def _candidates(text: str, *quotes: str) -> list[Candidate]:
    """Every occurrence of each quote in ``text``, as the extractor would report it."""
    found = []
    for quote in quotes:
        start = text.find(quote)
        assert start >= 0, quote
        while start >= 0:
            found.append(Candidate(f"q{len(found)}", start, start + len(quote), quote))
            start = text.find(quote, start + 1)
    return found


def _anchor(uid: str, text: str, start: int, end: int) -> Anchor:
    """What the archive keeps when the user annotates ``text[start:end]``."""
    return Anchor(uid, normalised(text[start:end]), *context(text, start, end))


def _anchor_on(uid: str, text: str, quote: str, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(quote, start + 1)
    assert start >= 0
    return _anchor(uid, text, start, start + len(quote))


def _by_id(candidates: list[Candidate]) -> dict[str, Candidate]:
    return {c.id: c for c in candidates}


# -- the four outcomes -----------------------------------------------------------------------

REPEATED = (
    "Opening day at the market.\n\n"
    "The mayor cut the ribbon. “We are open for business,” she said to the crowd.\n\n"
    "Stall holders were cautious. “We are open for business,” said Ann Lee, who sells fish, "
    "“but the rent is too high.”\n"
)


def test_repeats_of_one_quote_are_told_apart_by_their_context() -> None:
    quote = "“We are open for business,”"
    first, second = _anchor_on("a1", REPEATED, quote), _anchor_on("a2", REPEATED, quote, 1)
    edited = "Late update: the market opens at nine.\n\n" + REPEATED
    candidates = _candidates(edited, quote, "“but the rent is too high.”")
    placement = place(edited, candidates, [second, first])  # order must not matter
    by_id = _by_id(candidates)
    assert by_id[placement.attached["a1"]].start < by_id[placement.attached["a2"]].start
    assert "said Ann Lee" in edited[by_id[placement.attached["a2"]].end :][:20]
    assert not placement.orphaned and not placement.spans


def test_one_candidate_is_never_given_to_two_anchors() -> None:
    quote = "“We are open for business,”"
    anchors = [_anchor_on("a1", REPEATED, quote), _anchor_on("a2", REPEATED, quote, 1)]
    only_first = REPEATED.replace("said Ann Lee", "said Ann Lee (repeating the mayor)")
    # The extractor reports one occurrence only: the other anchor keeps its bare words.
    candidates = _candidates(only_first, quote)[:1]
    placement = place(only_first, candidates, anchors)
    assert list(placement.attached.values()) == ["q0"]
    assert placement.attached == {"a1": "q0"}
    (start, end) = placement.spans["a2"]
    assert only_first[start:end] == quote and start > candidates[0].end


def test_reflowed_lines_and_other_quotation_marks_are_the_same_quote() -> None:
    text = "Lead.\n\n“We found cracks deep inside the stone,” said Ilse Marchetti.\n"
    anchor = _anchor_on("a", text, "“We found cracks deep inside the stone,”")
    reflowed = 'Lead.\n\n"We found cracks\ndeep inside   the stone," said Ilse\nMarchetti.\n'
    candidates = _candidates(reflowed, '"We found cracks\ndeep inside   the stone,"')
    assert place(reflowed, candidates, [anchor]).attached == {"a": "q0"}


def test_a_quote_with_a_typo_fixed_is_a_near_match() -> None:
    text = "“The repairs will take the whole sumer and most of the autumn,” she said."
    anchor = _anchor_on(
        "a", text, "“The repairs will take the whole sumer and most of the autumn,”"
    )
    fixed = text.replace("sumer", "summer")
    candidates = _candidates(
        fixed, "“The repairs will take the whole summer and most of the autumn,”"
    )
    placement = place(fixed, candidates, [anchor])
    assert placement.attached == {"a": "q0"}


def test_a_quote_that_took_one_more_word_is_a_near_match() -> None:
    text = "He said “the barrier is ready for the winter storms” on Monday."
    anchor = _anchor_on("a", text, "the barrier is ready for the winter storms")
    longer = "He said “the barrier is ready for the winter storms now” on Monday."
    candidates = _candidates(longer, "“the barrier is ready for the winter storms now”")
    assert place(longer, candidates, [anchor]).attached == {"a": "q0"}


def test_a_different_quote_of_similar_length_is_not_a_near_match() -> None:
    text = "“The repairs will take the whole summer,” she said."
    anchor = _anchor_on("a", text, "“The repairs will take the whole summer,”")
    other = "“The ferry will stop for the whole winter,” she said."
    candidates = _candidates(other, "“The ferry will stop for the whole winter,”")
    placement = place(other, candidates, [anchor])
    assert placement.orphaned == ["a"] and not placement.attached


def test_bare_words_the_extractor_no_longer_finds_are_kept_in_place() -> None:
    text = "Intro.\n\nAnn Lee called it “a scandal in plain sight” and left.\n"
    anchor = _anchor_on("a", text, "“a scandal in plain sight”")
    edited = "New lead paragraph.\n\n" + text.replace("plain sight", "plain\nsight")
    placement = place(edited, [], [anchor])
    (start, end) = placement.spans["a"]
    assert normalised(edited[start:end]) == anchor.text
    assert not placement.attached and not placement.orphaned


def test_bare_words_that_the_extractor_covers_after_all_attach_to_its_quote() -> None:
    text = "Ann Lee said the plan will cost the town far too much money, and more, on Friday."
    anchor = _anchor_on("a", text, "plan will cost the town far too much money")
    # The extractor now takes a few more words than the user marked: too many for a near
    # match, but its quote covers the user's words and little else.
    candidates = _candidates(text, "plan will cost the town far too much money, and more")
    assert place(text, candidates, [anchor]).attached == {"a": "q0"}


def test_words_gone_from_the_text_are_an_orphan() -> None:
    text = "“The wall will hold,” said the engineer. “The pier will not,” she added."
    anchors = [
        _anchor_on("a", text, "“The wall will hold,”"),
        _anchor_on("b", text, "“The pier will not,”"),
    ]
    edited = "“The pier will not,” she added."
    placement = place(edited, _candidates(edited, "“The pier will not,”"), anchors)
    assert placement.orphaned == ["a"]
    assert placement.attached == {"b": "q0"}


def test_an_anchor_with_no_words_is_an_orphan_not_an_error() -> None:
    placement = place("Some text.", [Candidate("q", 0, 4, "Some")], [Anchor("a", "  \n ")])
    assert placement.orphaned == ["a"]


def test_core_words_drop_marks_and_whitespace_only() -> None:
    assert core_words(" «Nous  gagnerons\nla bataille»,  ") == "Nous gagnerons la bataille"
    assert core_words("„Wir schaffen das“") == "Wir schaffen das"


def test_context_is_normalised_and_bounded() -> None:
    text = "a " * 200 + "“Quote here.”" + "\n b" * 200
    start = text.find("“")
    before, after = context(text, start, start + len("“Quote here.”"))
    assert len(before) <= CONTEXT_CHARS and len(after) <= CONTEXT_CHARS
    assert before.endswith("a a") and after.startswith("b b") and "\n" not in after


# -- properties ------------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.sampled_from(list("ab c\n\t“”\"'.,-é")) | st.characters(codec="utf-8"),
    max_size=200,
)


@st.composite
def _scene(draw: st.DrawFn) -> tuple[str, list[Candidate], list[Anchor]]:
    text = draw(_TEXT)
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted), max_size=6))
    candidates = [Candidate(f"q{i}", s, e, text[s:e]) for i, (s, e) in enumerate(spans)]
    anchors = [
        Anchor(f"a{i}", words, before, after)
        for i, (words, before, after) in enumerate(
            draw(st.lists(st.tuples(_TEXT, _TEXT, _TEXT), max_size=5))
        )
    ]
    return text, candidates, anchors


def _check_consistent(
    placement: Placement, text: str, candidates: list[Candidate], anchors: list[Anchor]
) -> None:
    uids = [a.uid for a in anchors]
    outcomes = [*placement.attached, *placement.spans, *placement.orphaned]
    assert sorted(outcomes) == sorted(uids)  # each anchor goes exactly one way
    ids = list(placement.attached.values())
    assert len(ids) == len(set(ids)) and set(ids) <= {c.id for c in candidates}
    for start, end in placement.spans.values():
        assert 0 <= start < end <= len(text)


@_runs(300)
@given(_scene())
def test_placing_never_raises_and_sends_each_anchor_one_way(
    scene: tuple[str, list[Candidate], list[Anchor]],
) -> None:
    text, candidates, anchors = scene
    _check_consistent(place(text, candidates, anchors), text, candidates, anchors)


# A small world of words: filler from one vocabulary, quotes from another, so a quote's
# words occur nowhere else unless the test puts them there.
_FILLER = st.sampled_from(
    "the council river harbour said on monday week town water plan vote last year".split()
)
_QUOTED = st.sampled_from("we will never give up this fight for our homes again now".split())


def _sentence(words: st.SearchStrategy[str], low: int, high: int) -> st.SearchStrategy[str]:
    return st.lists(words, min_size=low, max_size=high).map(" ".join)


@dataclass(frozen=True)
class _Unit:
    """A paragraph holding the quote: words before it, the quote, words after it."""

    intro: str
    quote: str
    outro: str

    def render(self) -> str:
        return f"{self.intro} {self.quote} {self.outro}"


def _reflow(text: str, breaks: list[bool]) -> str:
    """Re-wrap: some single spaces become line breaks or runs of spaces."""
    parts = text.split(" ")
    out = [parts[0]]
    for n, part in enumerate(parts[1:]):
        out.append(("\n" if breaks[n % len(breaks)] else "  ") if breaks else " ")
        out.append(part)
    return "".join(out)


def _document(paragraphs: list[str], breaks: list[bool]) -> str:
    return "\n\n".join(_reflow(p, breaks) for p in paragraphs) + "\n"


@st.composite
def _edit_scenario(draw: st.DrawFn) -> dict[str, object]:
    quote = "“" + draw(_sentence(_QUOTED, 3, 8)) + ",”"
    intros = draw(st.lists(_sentence(_FILLER, 1, 12), min_size=2, max_size=2))
    outros = draw(st.lists(_sentence(_FILLER, 1, 12), min_size=2, max_size=2))
    # What tells the two occurrences apart: the words next to the quote differ.
    intros[1] += " said ann"
    intros[0] += " said bo"
    outros[1] = "today " + outros[1]
    outros[0] = "yesterday " + outros[0]
    units = [_Unit(intros[i], quote, outros[i]) for i in range(2)]
    filler = draw(st.lists(_sentence(_FILLER, 1, 15), min_size=0, max_size=4))
    before = [*filler[:2], units[0].render(), *filler[2:], units[1].render()]
    inserted = draw(st.lists(_sentence(_FILLER, 1, 15), min_size=0, max_size=3))
    positions = draw(st.lists(st.integers(0, 10), min_size=len(inserted), max_size=len(inserted)))
    after = [p for p in before if p not in filler or draw(st.booleans())]  # some filler deleted
    for paragraph, position in zip(inserted, positions, strict=True):
        after.insert(position % (len(after) + 1), paragraph)
    return {
        "quote": quote,
        "units": units,
        "before": _document(before, []),
        "after": _document(after, draw(st.lists(st.booleans(), max_size=6))),
        "which": draw(st.integers(0, 1)),
        "extracted": draw(st.booleans()),
    }


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """Where ``quote`` stands in a re-wrapped ``text``: its words with any whitespace."""
    import re

    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    return [m.span() for m in re.finditer(pattern, text)]


@_runs(200)
@given(_edit_scenario())
def test_an_anchor_follows_its_quote_through_edits_around_it(scenario: dict[str, object]) -> None:
    quote, which = str(scenario["quote"]), int(scenario["which"])  # type: ignore[call-overload]
    before, after = str(scenario["before"]), str(scenario["after"])
    old_spans = _occurrences(before, quote)
    assert len(old_spans) == 2
    anchor = _anchor("a", before, *old_spans[which])
    new_spans = _occurrences(after, quote)
    assert len(new_spans) == 2  # the edit left both occurrences (and their units) alone
    if scenario["extracted"]:
        candidates = [Candidate(f"q{n}", s, e, after[s:e]) for n, (s, e) in enumerate(new_spans)]
        placement = place(after, candidates, [anchor])
        assert placement.attached == {"a": f"q{which}"}
    else:  # a quote the user marked by hand: kept on its bare words, the right ones
        placement = place(after, [], [anchor])
        assert placement.spans == {"a": new_spans[which]}


@_runs(100)
@given(_edit_scenario())
def test_an_anchor_whose_words_are_gone_is_an_orphan(scenario: dict[str, object]) -> None:
    quote, before = str(scenario["quote"]), str(scenario["before"])
    anchor = _anchor("a", before, *_occurrences(before, quote)[0])
    # Both occurrences lose the quote; the rest of the article stays.
    gutted = str(scenario["after"])
    for start, end in reversed(_occurrences(gutted, quote)):
        gutted = gutted[:start] + "no comment" + gutted[end:]
    placement = place(gutted, [], [anchor])
    assert placement.orphaned == ["a"]


@pytest.mark.parametrize("edge", ["", "“", "” ", ".", " \n "])
def test_quote_marks_alone_do_not_make_a_match(edge: str) -> None:
    text = "Some words here, nothing quoted."
    placement = place(text, _candidates(text, "words"), [Anchor("a", edge)])
    assert "a" not in placement.attached
