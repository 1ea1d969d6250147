"""benchmarks/make_corpus.py, the generator of the scale benchmarks' archives: the same seed
gives the same files, and what it writes is an archive our readers and extractor take for
real articles (a title, a date, quotes with speakers)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from archiveapp.core.extract import extract_quotes
from archiveapp.core.ingest import iter_article_files, read_document
from benchmark_modules import load_benchmark

pytestmark = pytest.mark.shared

ROOT = Path(__file__).resolve().parents[2]
BBC = ROOT.parent / "shared" / "corpus" / "bbc-news"
ARTICLES = 60


@pytest.fixture(scope="module")
def make_corpus() -> ModuleType:
    return load_benchmark("make_corpus")


@pytest.fixture(scope="module")
def source(make_corpus: ModuleType):
    if not BBC.is_dir():
        pytest.skip("../shared is not present (only in the developers' checkout and CI)")
    return make_corpus.load_source(BBC)


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in iter_article_files(folder)}


def test_the_same_seed_writes_the_same_files_and_another_seed_others(
    make_corpus: ModuleType, source, tmp_path: Path
) -> None:
    first = make_corpus.generate(tmp_path / "a", ARTICLES, seed=3, source=source)
    again = make_corpus.generate(tmp_path / "b", ARTICLES, seed=3, source=source)
    other = make_corpus.generate(tmp_path / "c", ARTICLES, seed=4, source=source)
    a, b, c = (_contents(tmp_path / name) for name in "abc")
    assert len(a) == ARTICLES and first.articles == ARTICLES
    assert a == b
    assert first.vocabulary == again.vocabulary > 1000
    assert sum(a.get(path) != text for path, text in c.items()) > ARTICLES // 2
    assert other.seed == 4


def test_generated_articles_read_with_a_title_a_date_and_quotes(
    make_corpus: ModuleType, source, tmp_path: Path
) -> None:
    folder = tmp_path / "archive"
    make_corpus.generate(folder, ARTICLES, seed=1, source=source)
    files = list(iter_article_files(folder))
    assert len(files) == ARTICLES  # the hidden marker file is not an article
    documents = [read_document(path, folder) for path in files]
    for path, document in zip(files, documents, strict=True):
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert document.title == first_line != ""
        assert document.date is not None and "2000" <= document.date[:4] <= "2005"
    assert any(d.author for d in documents)
    quotes = [extract_quotes(d.text) for d in documents]
    assert sum(bool(found) for found in quotes) >= ARTICLES // 2
    assert len({q.speaker for found in quotes for q in found if q.speaker}) >= 20


def test_a_folder_it_did_not_make_is_never_emptied(
    make_corpus: ModuleType, source, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit):
        make_corpus.generate(tmp_path, 5, source=source)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
