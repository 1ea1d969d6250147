"""The GUI reads the index while its indexer process rebuilds it: reads must not fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiveapp.core.errors import ArchiveError
from archiveapp.core.model import Document
from archiveapp.core.search import IndexedQuote
from archiveapp.core.search.whoosh_index import WhooshIndex as SearchIndex


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


def test_a_second_writer_gets_a_clear_error_not_a_lock_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from archiveapp.core.search import whoosh_index as index_module

    monkeypatch.setattr(index_module, "_WRITER_TIMEOUT_S", 0.2)
    first = SearchIndex(tmp_path / "index")
    second = SearchIndex(tmp_path / "index")
    refused = pytest.raises(ArchiveError, match="another archiveapp is updating")
    with first.writing(), refused, second.writing():
        pass
    first.close()
    second.close()
