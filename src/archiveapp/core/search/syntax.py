"""The query language both engines read: Whoosh's syntax over a fixed set of fields, and
the slips it would silently forgive, caught first with a hint a user can act on."""

from __future__ import annotations

import re

from whoosh.fields import Schema
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.qparser.plugins import GtLtPlugin

# How many words a prefix stands for at most, in either engine: "a*" matches a fifth of an
# archive's vocabulary, and searching all of it took seconds. The most frequent are kept.
PREFIX_TERMS = 64

SEARCH_FIELDS = ("title", "speaker", "author", "outlet", "date", "text")
FIELD_ALIASES = {"body": ["text", "quote"]}
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def query_problem(text: str) -> str | None:
    """What is wrong with a query, in words a user can act on; None when it reads well.

    Whoosh's parser forgives almost anything (an unclosed bracket silently drops words), so
    the common slips are caught here first.
    """
    if not text.strip():
        return "type some words to search for"
    if text.count('"') % 2:
        return 'a phrase is missing its closing " mark'
    outside = re.sub(r'"[^"]*"', "phrase", text)
    depth = 0
    for char in outside:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "a ) has no ( before it"
    if depth:
        return "a ( is missing its closing )"
    if outside.count("[") != outside.count("]") or outside.count("{") != outside.count("}"):
        return "a range is missing its closing ] (write date:[2024-01 TO 2024-06])"
    for field in re.findall(r"(?:^|[\s(])([A-Za-z_]\w*):", outside):
        if field.lower() not in SEARCH_FIELDS and field.lower() not in ("body", "quote"):
            return (
                f"unknown field {field}: — use one of {', '.join(f + ':' for f in SEARCH_FIELDS)}"
            )
    if re.search(r"(?:^|[\s(])[A-Za-z_]\w*:(?:\s|$|\))", outside):
        return "a field name needs a word after it, as in speaker:Fedorov"
    words = outside.split()
    if words and (words[0] in _OPERATORS - {"NOT"} or words[-1] in _OPERATORS):
        return f"{words[-1] if words[-1] in _OPERATORS else words[0]} needs a word on each side"
    return None


def query_parser(fields: list[str], schema: Schema) -> MultifieldParser:
    """Whoosh's parser as both engines use it: ``date:>2024``, the field aliases, and
    ``-word`` / ``+word`` for without and with."""
    parser = MultifieldParser(fields, schema=schema)
    parser.add_plugin(GtLtPlugin())
    parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
    # Only at the start of a word: "date:2024-06" and "Lund-Berg" are no exclusions.
    parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    return parser
