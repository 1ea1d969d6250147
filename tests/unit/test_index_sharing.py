"""The GUI reads the index while its indexer process rebuilds it: reads must not fail."""

from __future__ import annotations

from pathlib import Path

from archiveapp.core.index import IndexedQuote, SearchIndex
from archiveapp.core.model import Document


def _add(index: SearchIndex, path: str, text: str) -> None:
    with index.writing() as writer:
        writer.add_document(Document(path, path, text), [], [IndexedQuote(f"q-{path}", text, None)])


def test_a_reader_survives_a_rebuild_by_another_index_object(tmp_path: Path) -> None:
    reader = SearchIndex(tmp_path / "index")
    writer = SearchIndex(tmp_path / "index")  # stands for the indexer process
    _add(writer, "a.txt", "harbour wall repairs")
    assert [m.path for m in reader.search_documents("harbour", None, lambda _p: "")] == ["a.txt"]
    writer.reset()
    assert reader.search_documents("harbour", None, lambda _p: "") == []
    _add(writer, "b.txt", "harbour ferry")
    found = reader.search_documents("harbour", None, lambda _p: "harbour ferry")
    assert [m.path for m in found] == ["b.txt"]
    assert reader.search_quotes("ferry") == ["q-b.txt"]
    reader.close()
    writer.close()
