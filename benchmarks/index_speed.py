"""Indexing and search speed on the BBC corpus, each figure beside its baseline.

    python benchmarks/index_speed.py [--corpus ../shared/corpus/bbc-news]

Baselines, run side by side in the same process on the same copy of the corpus:
- reading: decode every file (the I/O and decoding floor) vs. our readers (header,
  boilerplate) vs. readers + quote extraction;
- indexing: a bare Whoosh index of the same texts with the default writer (what any
  Whoosh-based tool pays) vs. ``Archive.update`` (store, extraction, speakers, index);
- the second, unchanged pass vs. the first;
- search: a bare Whoosh searcher on the bare index vs. ``Archive.search`` with snippets.
Ratios, not seconds, are what carry from one machine to another.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import MultifieldParser

from archiveapp import Archive
from archiveapp.core.extract import extract_quotes
from archiveapp.core.ingest import iter_article_files, read_document
from archiveapp.core.ingest.decode import decode_text

QUERIES = [
    "election",
    "chelsea AND mutu",
    '"interest rates"',
    "gold*",
    "title:broadband",
    "film OR music",
]


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-news"
    parser.add_argument("--corpus", type=Path, default=default)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="archiveapp-bench-"))
    try:
        folder = work / "corpus"
        shutil.copytree(options.corpus, folder)
        files = list(iter_article_files(folder))
        rows = run(folder, files, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(files)} files from {options.corpus}\n")
    print(f"{'measure':<46}{'seconds':>10}{'baseline':>10}{'ratio':>8}")
    for name, value, baseline in rows:
        print(f"{name:<46}{value:>10.3f}{baseline:>10.3f}{value / baseline:>8.2f}")


def run(folder: Path, files: list[Path], work: Path) -> list[tuple[str, float, float]]:
    decode = timed(lambda: [decode_text(p.read_bytes()) for p in files])
    documents = []
    read = timed(lambda: documents.extend(read_document(p, folder) for p in files))
    extract = timed(lambda: [extract_quotes(d.text) for d in documents])

    schema = Schema(
        path=ID(stored=True, unique=True),
        title=TEXT(analyzer=StemmingAnalyzer()),
        body=TEXT(analyzer=StemmingAnalyzer()),
    )
    (work / "bare").mkdir()
    bare = whoosh_index.create_in(str(work / "bare"), schema)

    def bare_index() -> None:
        writer = bare.writer()
        for document in documents:
            writer.add_document(path=document.path, title=document.title, body=document.text)
        writer.commit()

    bare_seconds = timed(bare_index)
    archive = Archive.open(folder, data_dir=work / "data")
    first = timed(archive.update)
    second = timed(archive.update)

    parser = MultifieldParser(["title", "body"], schema=bare.schema)
    searcher = bare.searcher()
    bare_search = [
        timed(lambda q=q: list(searcher.search(parser.parse(q), limit=20))) for q in QUERIES * 5
    ]
    ours = [timed(lambda q=q: archive.search(q, limit=20)) for q in QUERIES * 5]
    searcher.close()
    archive.close()
    return [
        ("read files with our readers (vs decode only)", read, decode),
        ("quote extraction, all documents (vs read)", extract, read),
        ("Archive.update, first pass (vs bare Whoosh)", first, bare_seconds),
        ("Archive.update, nothing changed (vs first)", second, first),
        (
            "search + snippets, median (vs bare Whoosh)",
            statistics.median(ours),
            statistics.median(bare_search),
        ),
    ]


if __name__ == "__main__":
    main()
