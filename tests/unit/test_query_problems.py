from __future__ import annotations

import pytest

from archiveapp.core.search import query_problem


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("coalition AND (drone", "closing )"),
        ('"unclosed phrase', 'closing " mark'),
        ("title:", "needs a word"),
        ("publisher:smith", "unknown field publisher:"),
        ("date:[2024 TO", "closing ]"),
        ("drones OR", "OR needs a word"),
        ("   ", "type some words"),
        ("a) b", "no ( before"),
    ],
)
def test_malformed_queries_are_named(query: str, says: str) -> None:
    problem = query_problem(query)
    assert problem is not None and says in problem


@pytest.mark.parametrize(
    "query",
    [
        "coalition AND drone*",
        'speaker:Fedorov "two coalitions"',
        "date:[2024-01 TO 2025-06]",
        "title:(harbour OR river)",
        "NOT rain",
        "text:drones",
        'author:Okafor outlet:"Harwick Courier"',
        '"a phrase: with colon"',
    ],
)
def test_well_formed_queries_pass(query: str) -> None:
    assert query_problem(query) is None
