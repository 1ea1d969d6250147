"""Citation metadata (author, outlet, URL) from the readers through the store, the index
(author: and outlet: searches), export's sources and ``documents --json``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from archiveapp import Archive
from archiveapp.core.export.collect import source_of
from archiveapp.core.store import Store

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Pier vote</title>
<meta property="og:site_name" content="Harwick Courier">
<meta name="author" content="Maria Okafor">
<meta property="article:published_time" content="2025-03-14">
<link rel="canonical" href="https://courier.example/news/pier"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Pier vote</h1>
<p>The harbour board voted on Tuesday to rebuild the old pier after a long debate.</p>
<p>“The pier is the heart of this town,” said Ilse Marchetti, the chief engineer.</p>
</article><footer>© Harwick Courier</footer></body></html>"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "pier.html").write_text(PAGE, encoding="utf-8")
    word = docx.Document()
    word.core_properties.author = "Jonas Brandt"
    for paragraph in (
        "Budget row at the council",
        "HARWICK, June 2, 2024 — The council argued for hours about the budget.",
        "“We will not cut the libraries,” said Mayor Tomas Reyes.",
    ):
        word.add_paragraph(paragraph)
    word.save(str(root / "budget.docx"))
    return root


def test_metadata_reaches_store_index_and_export(folder: Path) -> None:
    with Archive.open(folder) as archive:
        report = archive.update()
        assert sorted(report.added) == ["budget.docx", "pier.html"], report.failed
        pier = archive.document("pier.html")
        assert (pier.author, pier.outlet, pier.url) == (
            "Maria Okafor",
            "Harwick Courier",
            "https://courier.example/news/pier",
        )
        summary = {d.path: d for d in archive.documents()}
        assert summary["pier.html"].outlet == "Harwick Courier"
        assert summary["budget.docx"].author == "Jonas Brandt"
        source = source_of(pier)
        assert (source.outlet, source.url) == (
            "Harwick Courier",
            "https://courier.example/news/pier",
        )

        def found(query: str) -> list[str]:
            return sorted(hit.path for hit in archive.search(query))

        assert found("author:Okafor") == ["pier.html"]
        assert found("author:brandt") == ["budget.docx"]
        assert found('outlet:"Harwick Courier"') == ["pier.html"]
        assert found("date:[2024-01-01 TO 2024-06-30]") == ["budget.docx"]
        assert found("author:Okafor date:2025") == ["pier.html"]
        # Quote searches know the article's fields too.
        assert [q.speaker for q in archive.quotes(query="outlet:courier")] == ["Ilse Marchetti"]


def test_documents_json_shows_the_citation_fields(folder: Path) -> None:
    def run(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "archiveapp", *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        ).stdout

    run("index", str(folder))
    listed = {d["path"]: d for d in json.loads(run("documents", str(folder), "--json"))}
    assert listed["pier.html"]["outlet"] == "Harwick Courier"
    assert listed["pier.html"]["url"] == "https://courier.example/news/pier"
    assert listed["budget.docx"]["author"] == "Jonas Brandt"


def test_an_index_of_the_previous_schema_is_rebuilt_with_the_new_fields(folder: Path) -> None:
    with Archive.open(folder) as archive:
        archive.update()
        data_dir = archive.data_dir
    store = Store(data_dir / "archive.sqlite3")
    store.set_meta("index_schema", "2")
    store.close()
    with Archive.open(folder) as archive:
        assert archive.is_outdated
        assert archive.update().rebuilt_index
        assert [h.path for h in archive.search("author:Okafor")] == ["pier.html"]
