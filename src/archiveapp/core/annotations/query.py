"""``tag:`` and ``note:`` in a search: the user's annotations live in SQLite, not in the
full-text index, so these terms are taken out of the query before Whoosh sees it and
answered from the annotations.

They combine with the rest of the query by AND (``NOT tag:x`` and ``-tag:x`` exclude);
inside brackets or beside OR they would need the two engines to share one boolean
evaluation, so there they are refused with a one-line hint instead of being misread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import QueryError
from ..search.syntax import clean_query, shape_problem

_FIELD = re.compile(r"^(-?)(tag|note):(.*)$", re.IGNORECASE | re.DOTALL)
_INSIDE = re.compile(r"(?<![\w:])(tag|note):", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    field: str  # "tag" or "note"
    value: str  # casefolded, without quotes and a trailing "*"; "" with any=True
    negated: bool = False
    prefix: bool = False  # written with a trailing "*"
    phrase: bool = False  # written in double quotes
    any: bool = False  # "tag:*": any tag at all, "note:*": any note

    def matches(self, tags: Iterable[str], note: str) -> bool:
        if self.field == "tag":
            names = [_fold(t) for t in tags]
            if self.any:
                return bool(names)
            if self.prefix:
                return any(n.startswith(self.value) for n in names)
            return self.value in names
        folded = _fold(note)
        if self.any:
            return bool(folded.strip())
        if self.phrase:
            return f" {' '.join(_words(self.value))} " in f" {' '.join(_words(folded))} "
        words = _words(folded)
        if self.prefix:
            return any(w.startswith(self.value) for w in words)
        wanted = _words(self.value)
        return all(w in words for w in wanted) if wanted else False


@dataclass(frozen=True)
class SplitQuery:
    rest: str  # what goes to the full-text index ("" when nothing is left)
    terms: tuple[Term, ...] = ()


def split_query(query: str) -> SplitQuery:
    """The ``tag:`` and ``note:`` terms of ``query`` and the rest, for the index; QueryError
    when the query is too long or leaves a phrase open (checked here, on the whole query,
    since the terms taken out never reach the index's own checks)."""
    problem = shape_problem(query)
    if problem:
        raise QueryError(f"cannot read the query: {problem}")
    tokens = _tokens(clean_query(query))
    terms: list[Term] = []
    rest: list[str | None] = []  # None where a term was taken out
    skip_next = False
    for n, token in enumerate(tokens):
        if skip_next:
            skip_next = False
            continue
        negated = False
        candidate = token
        if token.upper() == "NOT" and n + 1 < len(tokens) and _FIELD.match(tokens[n + 1]):
            negated, candidate = True, tokens[n + 1]
            skip_next = True
        match = _FIELD.match(candidate)
        if match is None:
            # A bracket anywhere in the token: "title:(a OR tag:x)" and "-(tag:x)" too.
            if "(" in token and _INSIDE.search(token):
                raise QueryError(
                    "cannot read the query: tag: and note: cannot go inside brackets; write "
                    "them beside the rest of the search (they narrow it, like AND)"
                )
            rest.append(token)
            continue
        neighbours = {tokens[i].upper() for i in (n - 1, n + 1 + skip_next) if 0 <= i < len(tokens)}
        if "OR" in neighbours:
            raise QueryError(
                "cannot read the query: tag: and note: combine with the rest by AND only, "
                "not OR; search twice, or give the quotes one tag for both"
            )
        terms.append(_term(match, negated))
        rest.append(None)
    return SplitQuery(" ".join(_without_their_and(rest)), tuple(terms))


def _without_their_and(tokens: list[str | None]) -> list[str]:
    """The tokens with the terms taken out (None), each with the AND that joined it to the
    rest ("harbour AND tag:x" leaves "harbour"). An operator the user left dangling stays,
    for the index's checks to name ("harbour AND" is a slip, not a search for harbour)."""
    kept = list(tokens)
    for n, token in enumerate(tokens):
        if token is not None:
            continue
        if n > 0 and _is_and(kept[n - 1]):
            kept[n - 1] = None
        elif n + 1 < len(kept) and _is_and(kept[n + 1]):
            kept[n + 1] = None
    return [token for token in kept if token is not None]


def _is_and(token: str | None) -> bool:
    return token is not None and token == "AND"


def _term(match: re.Match[str], negated: bool) -> Term:
    minus, field, raw = match.groups()
    field = field.lower()
    value = raw.strip()
    phrase = len(value) >= 2 and value[0] == value[-1] == '"'
    if phrase:
        value = value[1:-1].strip()
    if not value:
        raise QueryError(
            f"cannot read the query: {field}: needs a value, as in {field}:economy "
            f"(or {field}:* for any {field})"
        )
    if value.startswith("(") and not phrase:
        raise QueryError(
            f"cannot read the query: {field}: takes one {field}, not a group in brackets; "
            f"write {field}:a {field}:b for both"
        )
    if value == "*":
        return Term(field, "", negated=negated or bool(minus), any=True)
    prefix = value.endswith("*") and not phrase
    return Term(
        field,
        _fold(value.rstrip("*") if prefix else value),
        negated=negated or bool(minus),
        prefix=prefix,
        phrase=phrase,
    )


def _tokens(query: str) -> list[str]:
    """Split at spaces outside double quotes and brackets."""
    tokens: list[str] = []
    current: list[str] = []
    depth = 0
    quoted = False
    for char in query:
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth = max(0, depth - 1)
        if char.isspace() and not quoted and depth == 0:
            if current:
                tokens.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        tokens.append("".join(current))
    return tokens


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)
