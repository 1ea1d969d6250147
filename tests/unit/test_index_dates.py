"""date: queries cover whole years and months, and ranges compare dates, not strings.

A document known only by its year ("e", 2025) sorts at the start of that year."""

from __future__ import annotations

import pytest

from archiveapp.core.model import Document
from archiveapp.core.search.whoosh_index import WhooshIndex as SearchIndex

DATES = {"a": "2024-05-02", "b": "2024-06-30", "c": "2025-01-15", "d": "2025-11-26", "e": "2025"}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    built = SearchIndex(tmp_path_factory.mktemp("dates") / "index")
    with built.writing() as writer:
        for path, date in DATES.items():
            writer.add_document(Document(path, path, "harbour", date=date), [], [])
        writer.add_document(Document("undated", "undated", "harbour"), [], [])
    return built


@pytest.mark.parametrize(
    ("query", "paths"),
    [
        ("date:2025", {"c", "d", "e"}),
        ("date:2024-06", {"b"}),
        ("date:2025-01-15", {"c"}),
        ("date:[2024-06 TO 2025-01]", {"b", "c", "e"}),
        ("date:[2024-06 TO 2024-12]", {"b"}),
        ("date:>2024", {"c", "d", "e"}),
        ("date:<2025", {"a", "b"}),
        ("date:>=2025-01", {"c", "d"}),
        ("harbour NOT date:2025", {"a", "b", "undated"}),
    ],
)
def test_date_queries(index: SearchIndex, query: str, paths: set[str]) -> None:
    found = {m.path for m in index.search_documents(query, None, lambda _p: "")}
    assert found == paths
