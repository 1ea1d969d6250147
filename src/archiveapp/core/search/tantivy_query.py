"""The query language, answered by Tantivy: Whoosh's parser reads the user's text (so both
engines read it alike), and its query tree is rebuilt out of Tantivy queries.

The parser here analyses nothing beyond lower case; each word is then analysed the way the
Tantivy index analysed its field, so "elections" looks for the stem "elect" there.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, ClassVar

import tantivy
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import KEYWORD, TEXT, Schema
from whoosh.qparser import MultifieldParser

from ..errors import QueryError
from .syntax import PREFIX_TERMS, parse_with, query_parser, read_query, shown
from .tantivy_analysis import FIELD_ANALYZER, analyze, stem_whole, stems

# A word prefix ("gov*") stands for its most frequent words only, as many as in Whoosh, so
# both engines answer alike; a date prefix (a whole year or month) keeps every day.

# What one document kind searches when a word names no field.
DEFAULT_FIELDS = {"doc": ["title", "body"], "quote": ["body", "speaker"]}
# Whoosh weighs a title match twice (field_boost=2.0 on its title field).
FIELD_BOOST = {"title": 2.0}
HIGHLIGHTED_FIELD = "body"


def _parsing_schema() -> Schema:
    """The archive's fields as the parser sees them: words lower-cased, nothing removed or
    stemmed (the Tantivy analysers do that afterwards), dates as one term."""
    words = RegexTokenizer() | LowercaseFilter()
    return Schema(
        title=TEXT(analyzer=words),
        body=TEXT(analyzer=words),
        speaker=TEXT(analyzer=words),
        author=TEXT(analyzer=words),
        outlet=TEXT(analyzer=words),
        date=KEYWORD(lowercase=True),
    )


def _parser(fields: list[str]) -> MultifieldParser:
    return query_parser(fields, _parsing_schema())


_PARSERS = {kind: _parser(fields) for kind, fields in DEFAULT_FIELDS.items()}


def parse(text: str, kind: str) -> wq.Query:
    """The query tree of ``text``; QueryError with a one-line reason when it is no
    query."""
    return parse_with(_PARSERS[kind], read_query(text))


@dataclass
class Highlight:
    """What a snippet marks in a document's body: the stems a query looked for there."""

    terms: set[str] = field(default_factory=set)  # prefixes expanded
    patterns: list[re.Pattern[str]] = field(default_factory=list)  # wildcards

    def matching(self, words: set[str]) -> Collection[str]:
        """Which of these lower-case words of a text the query matched."""
        if not (self.terms or self.patterns):
            return ()
        stem_of = stems(words)
        if not self.patterns:  # the usual query: one set look-up a word
            terms = self.terms
            return {word for word, stem in stem_of.items() if stem in terms}
        return {word for word, stem in stem_of.items() if self._matches(stem)}

    def _matches(self, stem: str) -> bool:
        return stem in self.terms or any(pattern.fullmatch(stem) for pattern in self.patterns)


class Translator:
    """Rebuilds one parsed query out of Tantivy queries, against one searcher (prefixes and
    ranges expand to the terms that searcher's index holds)."""

    def __init__(self, schema: tantivy.Schema, searcher: tantivy.Searcher) -> None:
        self._schema = schema
        self._searcher = searcher
        self.highlight = Highlight()

    def translate(self, query: wq.Query, text: str) -> tantivy.Query:
        """The whole query (parsed from ``text``); QueryError when nothing of it is left
        to search for (it was all stop words)."""
        translated = self._node(query, negated=False)
        if translated is None:
            raise QueryError(f"cannot read the query {shown(text)}: it has no words to search for")
        return translated

    # None below means "no words here" (stop words): the parent leaves that part out, as
    # Whoosh's parser does. A query that finds nothing is Query.empty_query() instead.

    def _node(self, query: wq.Query, negated: bool) -> tantivy.Query | None:
        handler = self._HANDLERS.get(type(query))
        if handler is None:
            if query is wq.NullQuery:
                return None
            raise QueryError(f"cannot read the query: {type(query).__name__} is not supported")
        translated = handler(self, query, negated)
        boost = getattr(query, "boost", 1.0)
        if translated is not None and boost != 1.0:
            translated = tantivy.Query.boost_query(translated, float(boost))
        return translated

    def _and(self, query: wq.And, negated: bool) -> tantivy.Query | None:
        required: list[tantivy.Query] = []
        excluded: list[tantivy.Query] = []
        for sub in query.subqueries:
            if isinstance(sub, wq.Not):
                part = self._node(sub.query, not negated)
                if part is not None:
                    excluded.append(part)
            elif (part := self._node(sub, negated)) is not None:
                required.append(part)
        if not required and not excluded:
            return None
        if len(required) == 1 and not excluded:
            return required[0]
        return _boolean(required or [_everything()], excluded=excluded)

    def _or(self, query: wq.Or, negated: bool) -> tantivy.Query | None:
        parts = [part for sub in query.subqueries if (part := self._node(sub, negated)) is not None]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, part) for part in parts])

    def _not(self, query: wq.Not, negated: bool) -> tantivy.Query | None:
        # Tantivy finds nothing with only a MustNot: say "everything, except".
        part = self._node(query.query, not negated)
        return None if part is None else _boolean([_everything()], excluded=[part])

    def _and_not(self, query: wq.AndNot, negated: bool) -> tantivy.Query | None:
        wanted = self._node(query.a, negated)
        unwanted = self._node(query.b, not negated)
        if wanted is None or unwanted is None:
            return wanted
        return _boolean([wanted], excluded=[unwanted])

    def _and_maybe(self, query: wq.AndMaybe, negated: bool) -> tantivy.Query | None:
        wanted = self._node(query.a, negated)
        maybe = self._node(query.b, negated)
        if wanted is None or maybe is None:
            return wanted
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, wanted), (tantivy.Occur.Should, maybe)]
        )

    def _term(self, query: wq.Term, negated: bool) -> tantivy.Query | None:
        if query.fieldname == "date":
            # date:2025 means every day of 2025 (and "2025" itself), date:2025-03 all March.
            return self._any_of("date", [term for term, _n in self._terms("date", query.text)])
        if query.fieldname not in FIELD_ANALYZER:
            return tantivy.Query.term_query(self._schema, query.fieldname, query.text)
        terms = analyze(query.fieldname, query.text)
        if not terms:
            return None
        self._highlight_terms(query.fieldname, terms, negated)
        if len(terms) == 1:
            return self._field_query(query.fieldname, self._word(query.fieldname, terms[0]))
        # Rust's \w and Python's differ on a few characters: keep the pieces in order.
        return self._field_query(
            query.fieldname,
            tantivy.Query.phrase_query(self._schema, query.fieldname, list(enumerate(terms))),
        )

    def _phrase(self, query: wq.Phrase, negated: bool) -> tantivy.Query | None:
        name = query.fieldname
        if name not in FIELD_ANALYZER:
            return tantivy.Query.empty_query()  # dates have no positions
        # Each word keeps its place, stop words leaving the gap the index left for them.
        placed: list[tuple[int, str]] = []
        for offset, word in enumerate(query.words):
            placed += [(offset, term) for term in analyze(name, word)[:1]]
        if not placed:
            return None
        self._highlight_terms(name, [term for _offset, term in placed], negated)
        if len(placed) == 1:
            return self._field_query(name, self._word(name, placed[0][1]))
        # Whoosh's slop 1 is an exact phrase; Tantivy's is 0.
        slop = max(0, int(query.slop) - 1)
        return self._field_query(
            name, tantivy.Query.phrase_query(self._schema, name, placed, slop=slop)
        )

    def _prefix(self, query: wq.Prefix, negated: bool) -> tantivy.Query | None:
        name = query.fieldname
        prefix = query.text
        if name not in FIELD_ANALYZER:  # a date: every day of the year or month
            return self._any_of(name, [term for term, _count in self._terms(name, prefix)])
        found = self._terms(name, stem_whole(prefix))  # stop words too: "the*" is "the…"
        # The most frequent, ties broken as Whoosh breaks them (the later word first).
        frequent = heapq.nlargest(PREFIX_TERMS, ((count, term) for term, count in found))
        terms = [term for _count, term in frequent]
        self._highlight_terms(name, terms, negated)
        return self._field_query(name, self._any_of(name, terms))

    def _wildcard(self, query: wq.Wildcard, negated: bool) -> tantivy.Query | None:
        text = query.text
        pattern = _wildcard_pattern(stem_whole(text) if query.fieldname in FIELD_ANALYZER else text)
        if query.fieldname == HIGHLIGHTED_FIELD and not negated:
            self.highlight.patterns.append(re.compile(pattern))
        try:
            matcher = tantivy.Query.regex_query(self._schema, query.fieldname, pattern)
        except ValueError as error:
            # Rust's regex refuses automata over a thousand states: a long word with wildcards.
            raise QueryError(
                f"cannot read the wildcard {shown(query.text)}: it is too long for the "
                "tantivy engine; use fewer letters or fewer * and ?"
            ) from error
        return self._field_query(query.fieldname, matcher)

    def _term_range(self, query: wq.TermRange, _negated: bool) -> tantivy.Query | None:
        # Ranges compare terms as Whoosh does (as strings), over the terms the index holds:
        # dates are a few thousand at most.
        start, end = query.start, query.end
        startexcl, endexcl = query.startexcl, query.endexcl
        if query.fieldname == "date":
            start, end, startexcl = _whole_dates(start, end, startexcl, endexcl)
        common = _common_prefix(start, end) if start is not None and end is not None else ""
        terms = [
            term
            for term, _count in self._terms(query.fieldname, common)
            if _in_range(term, start, end, startexcl, endexcl)
        ]
        return self._any_of(query.fieldname, terms)

    def _every(self, query: wq.Every, _negated: bool) -> tantivy.Query | None:
        if query.fieldname in (None, "*", *DEFAULT_FIELDS["doc"]):
            return tantivy.Query.all_query()  # every entry has a title or a text
        return tantivy.Query.regex_query(self._schema, query.fieldname, ".+")

    _HANDLERS: ClassVar[dict[type, Callable[[Translator, Any, bool], tantivy.Query | None]]] = {
        wq.And: _and,
        wq.Or: _or,
        wq.Not: _not,
        wq.AndNot: _and_not,
        wq.AndMaybe: _and_maybe,
        wq.Term: _term,
        wq.Phrase: _phrase,
        wq.Prefix: _prefix,
        wq.Wildcard: _wildcard,
        wq.TermRange: _term_range,
        wq.Every: _every,
    }

    # -- helpers -----------------------------------------------------------------------

    def _word(self, name: str, term: str) -> tantivy.Query:
        # Frequencies for BM25; positions only phrases need.
        return tantivy.Query.term_query(self._schema, name, term, index_option="freq")

    def _any_of(self, name: str, terms: list[str]) -> tantivy.Query:
        if not terms:
            return tantivy.Query.empty_query()
        # A constant score, as Whoosh gives prefixes and ranges.
        return tantivy.Query.term_set_query(self._schema, name, terms)

    def _terms(self, name: str, prefix: str) -> list[tuple[str, int]]:
        """Every term of ``name`` that starts with ``prefix``, with its document count:
        Rust walks the term dictionary, Python sees only the matches."""
        return self._searcher.terms_with_prefix(name, prefix)

    def _field_query(self, name: str, query: tantivy.Query) -> tantivy.Query:
        boost = FIELD_BOOST.get(name)
        return tantivy.Query.boost_query(query, boost) if boost else query

    def _highlight_terms(self, name: str, terms: list[str], negated: bool) -> None:
        if name == HIGHLIGHTED_FIELD and not negated:
            self.highlight.terms.update(terms)


def _everything() -> tantivy.Query:
    # Scores nothing: "NOT rain" ranks by nothing, "harbour NOT rain" by harbour alone.
    return tantivy.Query.const_score_query(tantivy.Query.all_query(), 0.0)


def _boolean(required: list[tantivy.Query], excluded: list[tantivy.Query]) -> tantivy.Query:
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, part) for part in required]
        + [(tantivy.Occur.MustNot, part) for part in excluded]
    )


# Characters Tantivy's regular expressions (Rust's regex syntax) treat as syntax.
_REGEX_SYNTAX = set("\\.+*?()|[]{}^$#&-~")


def _wildcard_pattern(text: str) -> str:
    """Whoosh's wildcards (* any run, ? one character) as a whole-term regular expression,
    in the syntax Rust's regex and Python's re share."""
    out = []
    for char in text:
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        else:
            out.append("\\" + char if char in _REGEX_SYNTAX else char)
    return "".join(out)


# Sorts after every digit and "-": "2025-01" + _LAST is past every day of January 2025.
_LAST = "\uffff"


def _whole_dates(
    start: str | None, end: str | None, startexcl: bool, endexcl: bool
) -> tuple[str | None, str | None, bool]:
    """A date range's bounds over whole months and years, as WhooshIndex reads them: an
    inclusive end of 2025-01 includes every day of January; date:>2024 starts after the
    whole of 2024. (A partial date such as "2025" sorts before all its days.)"""
    if start is not None and startexcl:
        start += _LAST
    if end is not None and not endexcl:
        end += _LAST
    return start, end, False


def _common_prefix(start: str, end: str) -> str:
    for length, (first, last) in enumerate(zip(start, end, strict=False)):
        if first != last:
            return start[:length]
    return start[: min(len(start), len(end))]


def _in_range(
    term: str, start: str | None, end: str | None, startexcl: bool, endexcl: bool
) -> bool:
    if start is not None and (term < start or (startexcl and term == start)):
        return False
    return not (end is not None and (term > end or (endexcl and term == end)))
