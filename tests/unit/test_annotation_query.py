"""``tag:`` and ``note:`` in a search: taken out of the query, answered from the annotations.

First the splitting on its own (pure), then the same terms through ``Archive.search`` and
``Archive.quotes`` on a real archive.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.core.annotations.query import Term, split_query
from archiveapp.core.errors import QueryError

# -- splitting -------------------------------------------------------------------------------


def _only_term(query: str) -> Term:
    (term,) = split_query(query).terms
    return term


def test_annotation_terms_are_taken_out_and_the_rest_goes_to_the_index() -> None:
    split = split_query("harbour tag:economy wall note:cracks")
    assert split.rest == "harbour wall"
    assert [(t.field, t.value) for t in split.terms] == [("tag", "economy"), ("note", "cracks")]


def test_a_query_of_annotation_terms_only_leaves_nothing_for_the_index() -> None:
    assert split_query("tag:economy note:cracks").rest == ""
    assert split_query("TAG:Economy").terms[0].value == "economy"  # field and value any case


def test_and_beside_an_annotation_term_is_dropped_with_it() -> None:
    assert split_query("harbour AND tag:economy").rest == "harbour"
    assert split_query("tag:economy AND harbour").rest == "harbour"
    assert split_query("harbour AND NOT tag:economy").rest == "harbour"


@pytest.mark.parametrize("query", ["NOT tag:economy", "-tag:economy", "flood NOT tag:economy"])
def test_not_and_minus_exclude(query: str) -> None:
    term = _only_term(query)
    assert term.negated and term.value == "economy"
    assert "NOT" not in split_query(query).rest


def test_prefix_phrase_and_any() -> None:
    prefix = _only_term("tag:eco*")
    assert (prefix.value, prefix.prefix, prefix.phrase) == ("eco", True, False)
    phrase = _only_term('note:"check the source"')
    assert (phrase.value, phrase.phrase, phrase.prefix) == ("check the source", True, False)
    spaced = split_query('tag:"city hall" harbour')
    assert spaced.rest == "harbour" and spaced.terms[0].value == "city hall"
    for field in ("tag", "note"):
        anything = _only_term(f"{field}:*")
        assert anything.any and anything.value == ""
    assert _only_term("-note:*").negated


def test_values_are_folded_for_case_and_accents() -> None:
    assert _only_term("tag:Économie").value == "economie"


@pytest.mark.parametrize(
    "query", ["speaker:tag:x", "hashtag:economy", '"tag:economy"', "title:notes"]
)
def test_words_that_only_look_like_annotation_terms_stay_in_the_query(query: str) -> None:
    split = split_query(query)
    assert split.terms == () and split.rest == query


# -- what a term matches ------------------------------------------------------------------


def test_tag_terms_match_whole_names_prefixes_or_any() -> None:
    tags = ["Economy", "City Hall"]
    assert _only_term("tag:economy").matches(tags, "")
    assert not _only_term("tag:econ").matches(tags, "")
    assert _only_term("tag:econ*").matches(tags, "")
    assert _only_term('tag:"city hall"').matches(tags, "")
    assert _only_term("tag:*").matches(tags, "") and not _only_term("tag:*").matches([], "")
    assert _only_term("tag:économy").matches(tags, "")


def test_note_terms_match_words_phrases_prefixes_or_any() -> None:
    note = "Vérifier la source: the mayor's office said otherwise."
    assert _only_term("note:verifier").matches([], note)
    assert _only_term("note:SOURCE").matches([], note)
    assert not _only_term("note:sour").matches([], note)  # words, not substrings
    assert _only_term("note:sour*").matches([], note)
    assert _only_term('note:"office said"').matches([], note)
    assert not _only_term('note:"said office"').matches([], note)
    assert _only_term("note:*").matches([], note)
    assert not _only_term("note:*").matches([], "   ")


# -- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("harbour OR tag:economy", "not OR"),
        ("tag:economy OR harbour", "not OR"),
        ("harbour NOT tag:economy OR wall", "not OR"),
        ("(tag:economy harbour)", "brackets"),
        ("(harbour OR note:cracks)", "brackets"),
        ("title:(harbour OR tag:economy)", "brackets"),
        ("-(tag:economy)", "brackets"),
        ("tag:", "needs a value"),
        ('note:""', "needs a value"),
    ],
)
def test_what_cannot_be_read_is_a_one_line_query_error(query: str, says: str) -> None:
    with pytest.raises(QueryError) as raised:
        split_query(query)
    message = str(raised.value)
    assert says in message and "\n" not in message and message.startswith("cannot read")


# -- through the archive ---------------------------------------------------------------------


@pytest.fixture
def archive(articles: Path):
    with Archive.open(articles) as opened:
        opened.update()
        yield opened


def _quote(archive: Archive, words: str) -> str:
    (found,) = [q for q in archive.quotes() if words in q.text]
    return found.id


def test_search_and_quotes_narrowed_by_tags_and_notes(archive: Archive) -> None:
    cracks = _quote(archive, "cracks deep inside")
    safety = _quote(archive, "ten years of safety")
    pier = _quote(archive, "old pier did not")
    archive.annotations.tag([cracks, safety], ["Infrastructure"])
    archive.annotations.tag([pier], ["Infra-followup"])
    archive.annotations.set_note(safety, "Check the figure with the council minutes.")

    assert {q.id for q in archive.quotes(query="tag:infrastructure")} == {cracks, safety}
    assert {q.id for q in archive.quotes(query="tag:infra*")} == {cracks, safety, pier}
    assert {q.id for q in archive.quotes(query="note:minutes")} == {safety}
    assert {q.id for q in archive.quotes(query="tag:infrastructure -note:*")} == {cracks}
    assert {q.id for q in archive.quotes(tag="infrastructure")} == {cracks, safety}
    every = {q.id for q in archive.quotes()}
    assert {q.id for q in archive.quotes(query="NOT tag:*")} == every - {cracks, safety, pier}

    # Documents: the tag narrows what the words found.
    assert [h.path for h in archive.search("tag:infrastructure wall")] == ["harbour.txt"]
    assert {h.path for h in archive.search("tag:*")} == {
        "harbour.txt",
        "council/budget.md",
        "web/storm.html",
    }
    hits = archive.search('note:"council minutes"')
    assert [h.path for h in hits] == ["council/budget.md"] and "safety" in hits[0].snippet


def test_quotes_query_combines_words_and_tags(archive: Archive) -> None:
    cracks = _quote(archive, "cracks deep inside")
    summer = _quote(archive, "whole summer")
    archive.annotations.tag([cracks, summer], ["wall"])
    assert [q.id for q in archive.quotes(query="stone tag:wall")] == [cracks]
    assert archive.quotes(query="stone -tag:wall") == []


@pytest.mark.parametrize("query", ["harbour OR tag:x", "(tag:x wall)"])
def test_refused_queries_reach_the_front_ends_as_query_errors(archive: Archive, query: str) -> None:
    with pytest.raises(QueryError):
        archive.search(query)
    with pytest.raises(QueryError):
        archive.quotes(query=query)


def test_a_group_in_brackets_after_tag_is_refused_not_misread() -> None:
    with pytest.raises(QueryError, match=r"tag: takes one tag") as raised:
        split_query("tag:(a OR b)")
    assert "\n" not in str(raised.value)
