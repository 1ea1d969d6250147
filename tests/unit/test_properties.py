"""Properties that hold for every text, checked on texts Hypothesis makes up.

The extractor reads whatever a reader hands it (broken marks, NUL bytes, a book in one
paragraph) and must never raise; its quotes index the text it was given. An annotation
anchored by its words and context must find the same words again after any edit that
leaves them intact.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archiveapp.core.annotations import anchoring
from archiveapp.core.extract import extract_quotes

# Moderate: the whole file runs in well under 30 seconds on one core.
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKS = ['"', "“", "”", "„", "‟", "«", "»", "‹", "›", "'", "‘", "’", "‚", "「", "」", "''"]
VERBS = ["said", "says", "told reporters", "added", "asked", "sagte", "erklärte", "a déclaré"]
VERBS += ["dijo", "заявив", "said:", "according to", "wrote", "insisted"]
NAMES = ["Marta Quell", "Reyes", "Dr Ilse Marchetti", "Angela Merkel", "Олена Петренко"]
NAMES += ["he", "she", "sie", "The minister", "the union", "Jean-Luc Mélenchon", "BBC", "PENCE"]
GLUE = [" ", ", ", ". ", ": ", "\n", "\n\n", "\x00", " — ", "(", ")", "\t", "\u00a0", "…"]
WORDS = ["the harbour", "we will not", "Nobody", "voters asked", "Das ist", "c'est", "über"]
WORDS += ["ja", "No", "it's", "U.S.", "2024", "Mr.", "sir", "OK", "¿Qué?", "中文", "🙂"]


def _runs() -> st.SearchStrategy[str]:
    """A long run of one character: a hundred marks in a row, a line of dots."""
    return st.builds(
        lambda char, n: char * n,
        st.sampled_from(['"', "“", "”", "'", "a", " ", "\n", ".", "\x00", "«"]),
        st.integers(1, 400),
    )


def _well_formed() -> st.SearchStrategy[str]:
    """A quote the rules should find, so that attribution and names actually run."""
    return st.builds(
        lambda words, verb, name, opening: (
            f"{opening}{' '.join(words)},{'”' if opening == '“' else opening} {verb} {name}. "
        ),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
        st.sampled_from(VERBS),
        st.sampled_from(NAMES),
        st.sampled_from(['"', "“"]),
    )


PIECES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(MARKS),
    st.sampled_from(VERBS),
    st.sampled_from(NAMES),
    st.sampled_from(GLUE),
    st.sampled_from(WORDS),
    _runs(),
    _well_formed(),
)
TEXTS = st.lists(PIECES, max_size=40).map("".join)


# -- the extractor --------------------------------------------------------------------------


@SETTINGS
@given(TEXTS)
@example("")
@example('"' * 401)
@example("“\x00”, said \x00Reyes.")
@example("„Das ist gut“, sagte sie. «Oui», a déclaré Jean-Luc Mélenchon.")
@example("PENCE: “Well,” he said.\n\n“" + "word " * 300)
def test_the_extractor_takes_any_text(text: str) -> None:
    quotes = extract_quotes(text)
    # Sorted by start, as extract_quotes promises.
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for quote in quotes:
        # Offsets index the text itself; the quote's text is exactly what they cover
        # (marks included): ExtractedQuote's contract, which anchoring and the viewer's
        # highlighting rely on.
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.text.strip()
        for start, end in quote.speaker_spans:
            assert 0 <= start < end <= len(text)
        if quote.speaker is not None:
            assert isinstance(quote.speaker, str) and quote.speaker.strip()
            assert quote.speaker == quote.speaker.strip()
        if quote.speaker_role is not None:
            assert isinstance(quote.speaker_role, str) and quote.speaker_role.strip()


# -- anchoring --------------------------------------------------------------------------


QUOTE_WORDS = st.lists(
    st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8), min_size=1, max_size=6
)
# What an edit inserts: any text, quote marks and the quote's own words included (a repeat
# of the quote elsewhere is what the context is for).
INSERTED = st.text(max_size=60)


def _document(before: str, quote: str, after: str) -> tuple[str, int, int]:
    text = f"{before}\n\n“{quote},” she said.\n\n{after}"
    start = len(before) + 2
    return text, start, start + len(quote) + 3  # “ words , ”


def _anchor(text: str, start: int, end: int) -> anchoring.Anchor:
    """An annotation as the store keeps it (see settle.plan): the quote's normalised words
    and the normalised text around them."""
    before, after = anchoring.context(text, start, end)
    return anchoring.Anchor("a1", anchoring.normalised(text[start:end]), before, after)


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, int, int, str, int, int]:
    """A document with one quote, and the same document after edits outside the quote:
    (old text, old start, old end, new text, new start, new end)."""
    words = " ".join(draw(QUOTE_WORDS))
    before, after = draw(st.text(max_size=120)), draw(st.text(max_size=120))
    old, start, end = _document(before, words, after)
    # Edits: delete a stretch of the text before and after the quote, insert something at
    # a point before and after it.
    cut_a = sorted(draw(st.lists(st.integers(0, len(before)), min_size=2, max_size=2)))
    cut_b = sorted(draw(st.lists(st.integers(0, len(after)), min_size=2, max_size=2)))
    new_before = before[: cut_a[0]] + draw(INSERTED) + before[cut_a[1] :]
    new_after = after[: cut_b[0]] + draw(INSERTED) + after[cut_b[1] :]
    new, new_start, new_end = _document(new_before, words, new_after)
    return old, start, end, new, new_start, new_end


@SETTINGS
@given(_edited(), st.lists(st.text(min_size=1, max_size=40), max_size=4))
def test_an_annotation_follows_its_quote_through_edits_around_it(
    edit: tuple[str, int, int, str, int, int], others: list[str]
) -> None:
    old, start, end, new, new_start, new_end = edit
    anchor = _anchor(old, start, end)
    # The quote as the extractor finds it in the edited text, among other quotes (some
    # may repeat its words: then the context decides, and any repeat holds the same words).
    quote = anchoring.Candidate("q", new_start, new_end, new[new_start:new_end])
    elsewhere = [
        anchoring.Candidate(f"o{n}", 0, len(other), other) for n, other in enumerate(others)
    ]
    placement = anchoring.place(new, [*elsewhere, quote], [anchor])
    assert placement.orphaned == []
    attached = placement.attached["a1"]
    chosen = quote if attached == "q" else elsewhere[int(attached[1:])]
    assert anchoring.core_words(chosen.text) == anchoring.core_words(anchor.text)


@SETTINGS
@given(_edited())
def test_an_annotation_on_bare_words_finds_them_again(
    edit: tuple[str, int, int, str, int, int],
) -> None:
    """A quote the user marked by hand has no extracted quote to attach to: the anchor is
    placed on its words wherever they still stand."""
    old, start, end, new, new_start, new_end = edit
    anchor = _anchor(old, start, end)
    placement = anchoring.place(new, [], [anchor])
    assert placement.orphaned == [] and placement.attached == {}
    span_start, span_end = placement.spans["a1"]
    assert anchoring.normalised(new[span_start:span_end]) == anchor.text
    repeats = re.finditer(r"\s+".join(map(re.escape, anchor.text.split())), new)
    if len(list(repeats)) == 1:  # no repeat to choose from: exactly where it moved
        assert (span_start, span_end) == (new_start, new_end)


@SETTINGS
@given(
    QUOTE_WORDS,
    st.lists(TEXTS, min_size=2, max_size=2),
    st.lists(TEXTS, min_size=2, max_size=2),
)
def test_an_annotation_survives_edits_that_the_extractor_reads_again(
    words: list[str], around: list[str], edited: list[str]
) -> None:
    """The whole way: extract, annotate a quote, edit the paragraphs around it (with any
    marks and speakers in them), extract again, place the annotation."""
    quote_paragraph = f"\n\n“{' '.join(words)},” said Marta Quell.\n\n"
    old = around[0] + quote_paragraph + around[1]
    found = [
        q
        for q in extract_quotes(old)
        if anchoring.core_words(q.text) == anchoring.core_words(" ".join(words))
    ]
    if not found:
        return  # marks in the text around it paired up across the quote: nothing to annotate
    anchor = _anchor(old, found[0].start, found[0].end)
    new = edited[0] + quote_paragraph + edited[1]
    candidates = [
        anchoring.Candidate(f"q{n}", q.start, q.end, q.text)
        for n, q in enumerate(extract_quotes(new))
    ]
    placement = anchoring.place(new, candidates, [anchor])
    assert placement.orphaned == []  # its words are all still there
    same = {c.id for c in candidates if anchoring.core_words(c.text) == anchor_words(anchor)}
    if same:
        assert placement.attached["a1"] in same
    elif "a1" in placement.spans:
        start, end = placement.spans["a1"]
        assert anchoring.normalised(new[start:end]) == anchor.text


def anchor_words(anchor: anchoring.Anchor) -> str:
    return anchoring.core_words(anchor.text)
