"""The query language both engines read: Whoosh's syntax over a fixed set of fields, and
the slips it would silently forgive (or crash on), caught first with a hint a user can
act on."""

from __future__ import annotations

import re

from whoosh.fields import Schema
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.qparser.plugins import GtLtPlugin
from whoosh.query import Query

from ..errors import QueryError

# How many words a prefix stands for at most, in either engine: "a*" matches a fifth of an
# archive's vocabulary, and searching all of it took seconds. The most frequent are kept.
PREFIX_TERMS = 64

SEARCH_FIELDS = ("title", "speaker", "author", "outlet", "date", "text")
FIELD_ALIASES = {"body": ["text", "quote"]}
_FIELD_NAMES = frozenset(SEARCH_FIELDS) | {"body", "quote"}
_BINARY = frozenset({"AND", "OR", "ANDNOT", "ANDMAYBE"})
_OPERATORS = _BINARY | {"NOT"}

# Whoosh's parser takes time quadratic in the length of a word (a 10,000-character query
# took 0.6 s in each engine, 20,000 about 2.3 s, on every keystroke of the window's search
# box) and recurses once per bracket (2,000 nested ones crashed it). A thousand characters
# is several paragraphs of search terms and parses in about 10 ms.
MAX_QUERY_CHARS = 1_000
# Brackets within brackets: each level costs a few frames of recursion in the parser and
# again in each engine's search.
MAX_DEPTH = 10
# ``*`` and ``?`` in one word: Tantivy compiles a wildcard into an automaton of at most a
# thousand states, which "a*" repeated 50 times exceeds; Whoosh would answer. The same
# limit in both keeps their answers alike.
MAX_WILDCARDS = 10

# Characters below the space (NUL, tabs, line breaks pasted with a query), DEL and the C1
# controls: the parser would take them for parts of a word.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_PHRASE = re.compile(r'"[^"]*"')
# A field name at the start of a term (after a space or a bracket, with or without a + or
# - sign): "Lund-Berg:" is no field.
_FIELD = re.compile(r"(?<![^\s(])([+-]?)([A-Za-z_]\w*):")
# A date: a year, a month or a day, or a prefix of one followed by "*" (or "*" alone).
_DATE = re.compile(r"\*|\d{4}(?:-\d{2}(?:-\d{2})?)?|[\d-]+\*")
_DATE_HINT = "write a year, month or day, as in date:2024, date:2024-06 or date:>2024-06-12"


def clean_query(text: str) -> str:
    """The query as the parsers should read it: control characters as spaces, and field
    names in lower case ("Title:gold" would otherwise search for the words "title" and
    "gold")."""
    text = _CONTROL.sub(" ", text)
    pieces = re.split(r'("[^"]*")', text)  # odd pieces are phrases: left as they are
    for n in range(0, len(pieces), 2):
        pieces[n] = _FIELD.sub(_lower_field, pieces[n])
    return "".join(pieces)


def _lower_field(match: re.Match[str]) -> str:
    sign, name = match.groups()
    return f"{sign}{name.lower()}:" if name.lower() in _FIELD_NAMES else match.group(0)


def read_query(text: str) -> str:
    """``text`` cleaned for the parsers; QueryError with a one-line hint when it is no
    query. Both engines call this before parsing."""
    cleaned = clean_query(text)
    problem = query_problem(cleaned)
    if problem:
        raise QueryError(f"cannot read the query: {problem}")
    return cleaned


def shown(text: str, width: int = 40) -> str:
    """A query as an error message quotes it: on one line, long ones cut short."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")


def query_problem(text: str) -> str | None:
    """What is wrong with a query, in words a user can act on; None when it reads well.

    Whoosh's parser forgives almost anything (an unclosed bracket silently drops words) and
    crashes on a few things ("NOT NOT x"), so the common slips are caught here first.
    """
    if not text.strip():
        return "type some words to search for"
    shape = shape_problem(text)
    if shape:
        return shape
    # Phrases stand for one word from here on: what is inside them is no syntax.
    outside = _PHRASE.sub('"_"', text)
    return (
        _bracket_problem(outside)
        or _field_problem(outside)
        or _date_problem(outside)
        or _wildcard_problem(outside)
        or _operator_problem(outside)
    )


def shape_problem(text: str) -> str | None:
    """What is wrong with a query as a whole, before it is read term by term: too long, or
    a phrase left open. (``tag:`` and ``note:`` terms are checked this far too.)"""
    if len(text) > MAX_QUERY_CHARS:
        return (
            f"the query is {len(text):,} characters long; the most is {MAX_QUERY_CHARS:,} "
            "(longer ones make every search slow): search for fewer words"
        )
    if text.count('"') % 2:
        return 'a phrase is missing its closing " mark'
    return None


def _bracket_problem(outside: str) -> str | None:
    depth = 0
    for char in outside:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "a ) has no ( before it"
        if depth > MAX_DEPTH:
            return f"brackets go at most {MAX_DEPTH} deep"
    if depth:
        return "a ( is missing its closing )"
    if outside.count("[") != outside.count("]") or outside.count("{") != outside.count("}"):
        return "a range is missing its closing ] (write date:[2024-01 TO 2024-06])"
    return None


def _field_problem(outside: str) -> str | None:
    for _sign, field in _FIELD.findall(outside):
        if field.lower() not in _FIELD_NAMES:
            return (
                f"unknown field {field}: — use one of {', '.join(f + ':' for f in SEARCH_FIELDS)}"
            )
    if re.search(r"(?<![^\s(])[+-]?[A-Za-z_]\w*:(?:\s|$|\))", outside):
        return "a field name needs a word after it, as in speaker:Fedorov"
    return None


def _date_problem(outside: str) -> str | None:
    """A date that no article's date could match: "date:>abc" would quietly find nothing
    (or everything), which reads as an answer."""
    for match in re.finditer(r"(?<![^\s(])[+-]?date:([\[{])([^\]}]*)[\]}]", outside, re.I):
        ends = re.split(r"\s+TO\s+|\s+TO$|^TO\s+|^TO$", match.group(2).strip())
        if len(ends) != 2:
            return "a date range needs TO between its ends: date:[2024-01 TO 2024-06]"
        if any(end and not _DATE.fullmatch(end) for end in ends):
            return f"a date range takes dates: {_DATE_HINT}"
    for match in re.finditer(r"(?<![^\s(])[+-]?date:(?![\[{(\"])(\S*)", outside, re.I):
        value = re.sub(r"^(?:>=|<=|=>|=<|>|<)", "", match.group(1))
        if not _DATE.fullmatch(value.rstrip(")")):
            return f"date: takes a date, not {match.group(1)!r}: {_DATE_HINT}"
    return None


def _wildcard_problem(outside: str) -> str | None:
    for word in outside.split():
        if word.count("*") + word.count("?") > MAX_WILDCARDS:
            return f"a word may hold at most {MAX_WILDCARDS} wildcards (* and ?)"
    return None


def _operator_problem(outside: str) -> str | None:
    """AND, OR, ANDNOT and ANDMAYBE need a word on each side, NOT one after it: Whoosh's
    parser drops a dangling one silently and raises IndexError on "NOT NOT x"."""
    words = re.findall(r"[()]|[^\s()]+", outside)
    for n, word in enumerate(words):
        before = words[n - 1] if n > 0 else "("
        after = words[n + 1] if n + 1 < len(words) else ")"
        if word in _BINARY and (before in _OPERATORS or before == "(" or after in _BINARY | {")"}):
            return f"{word} needs a word on each side, as in flood {word} barrier"
        if word == "NOT" and (after in _OPERATORS or after == ")"):
            return "NOT needs a word after it, as in flood NOT rain"
    return None


def parse_with(parser: MultifieldParser, text: str) -> Query:
    """``text`` (from ``read_query``) parsed, or QueryError. Whoosh's parser still has
    crashes no check above foresees (IndexError and AssertionError on operators in odd
    places, RecursionError on depth): a user's query must never end in a traceback."""
    try:
        return parser.parse(text)
    except Exception as error:  # whatever the parser raises, see above
        raise QueryError(
            f"cannot read the query {shown(text)}: check its AND, OR, NOT and brackets"
        ) from error


def query_parser(fields: list[str], schema: Schema) -> MultifieldParser:
    """Whoosh's parser as both engines use it: ``date:>2024``, the field aliases, and
    ``-word`` / ``+word`` for without and with."""
    parser = MultifieldParser(fields, schema=schema)
    parser.add_plugin(GtLtPlugin())
    parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
    # Only at the start of a word: "date:2024-06" and "Lund-Berg" are no exclusions.
    parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    return parser
