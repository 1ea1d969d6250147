"""Both search engines give the same answers to the same queries on the same archive.

Every test runs once with Whoosh and once with Tantivy (skipped when tantivy is not
installed): a user who switches engine must not have to learn anything.
"""

from __future__ import annotations

import importlib
import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.cli import main
from archiveapp.core.errors import ArchiveError, QueryError
from archiveapp.core.model import Document
from archiveapp.core.search import IndexedQuote, SearchBackend, open_backend
from article_files import write_files
from engine_helpers import need_engine

ENGINES = ["whoosh", "tantivy"]

# Invented articles: an election, a dock strike, flood barriers, gold prices (a date known
# only to the month) and a ferry timetable (no quotes).
ARTICLES: dict[str, str] = {
    "council/election.md": (
        "---\ntitle: Coalition wins regional election\ndate: 2024-03-10\n"
        "author: Nadia Okafor\n---\n\n"
        "The Green coalition won the regional election on Sunday with a narrow majority.\n\n"
        "\u201cVoters asked for flood barriers and cleaner rivers,\u201d said Marta Quell, "
        "the coalition's leader.\n\n"
        "Turnout was the highest in twenty years.\n"
    ),
    "web/strike.html": (
        "<html><head><title>Dock strike closes the port</title>"
        '<meta property="og:site_name" content="Harwick Courier">'
        '<meta name="author" content="Lena Varga">'
        '<meta property="article:published_time" content="2024-06-20T08:00:00Z">'
        "</head><body><article><h1>Dock strike closes the port</h1>"
        "<p>Dock workers walked out on Monday and the port stood still for the whole day.</p>"
        "<p>\u201cWe will not unload a single ship until the contract is signed,\u201d said "
        "Ruth Amsel, the union leader.</p>"
        "<p>Ferry passengers were told to expect long delays at the terminal.</p>"
        "</article></body></html>"
    ),
    "river.txt": (
        "Barriers rise along the river\n\n"
        "By Pia Lund\n\n"
        "Eastport, 12 January 2025. Crews began building new flood barriers along the river "
        "on Monday.\n\n"
        "\u201cThe barriers will protect four hundred homes,\u201d said Marta Quell, who "
        "pushed for the project.\n\n"
        "Tomasz Reyes, a fisherman, worried about his mooring. \u201cEvery week of building "
        "is a week without a berth for my boat,\u201d Reyes said.\n"
    ),
    "gold.md": (
        "---\ntitle: Gold prices climb\ndate: 2025-03\n---\n\n"
        "Gold traders in Eastport reported record prices this week.\n\n"
        "\u201cGolden days are rare, so we enjoy them,\u201d said Omar Haddad, a jeweller.\n"
    ),
    "old.md": (
        "---\ntitle: Ferry timetable changes\ndate: 2023-11-05\n---\n\n"
        "The winter ferry timetable starts in November. Fewer crossings run on Sundays.\n"
    ),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_files(tmp_path / "articles", ARTICLES)


@pytest.fixture
def archive(engine: str, folder: Path, tmp_path: Path) -> Iterator[Archive]:
    """An archive of ARTICLES that a test may change."""
    with Archive.open(folder, data_dir=tmp_path / "data", engine=engine) as opened:
        assert opened.engine == engine
        opened.update()
        yield opened


@pytest.fixture(scope="module", params=ENGINES)
def indexed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    """An archive of ARTICLES per engine, shared by the tests that only read it."""
    engine = need_engine(request.param)
    root = tmp_path_factory.mktemp(f"shared-{engine}")
    folder = write_files(root / "articles", ARTICLES)
    with Archive.open(folder, data_dir=root / "data", engine=engine) as opened:
        opened.update()
        yield opened


def _paths(archive: Archive, query: str) -> set[str]:
    return {hit.path for hit in archive.search(query, limit=None)}


# -- the query language --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "paths"),
    [
        ("ferry", {"web/strike.html", "old.md"}),
        ("Ferry", {"web/strike.html", "old.md"}),
        # Stemming both ways: the query's plural finds the singular, and back.
        ("elections", {"council/election.md"}),
        ("barrier", {"river.txt", "council/election.md"}),
        ("flood AND barriers", {"river.txt", "council/election.md"}),
        ("flood barriers", {"river.txt", "council/election.md"}),
        ("ferry OR gold", {"web/strike.html", "old.md", "gold.md"}),
        ("barriers NOT election", {"river.txt"}),
        ("barriers AND NOT homes", {"council/election.md"}),
        ("ferry ANDNOT timetable", {"web/strike.html"}),
        ("NOT ferry", {"council/election.md", "river.txt", "gold.md"}),
        ("(ferry OR gold) AND prices", {"gold.md"}),
        # A minus leaves out, a plus requires.
        ("barriers -election", {"river.txt"}),
        ("-ferry barriers", {"river.txt", "council/election.md"}),
        ("+gold ferry", {"gold.md"}),
        # Phrases match in order.
        ('"flood barriers"', {"river.txt", "council/election.md"}),
        ('"barriers flood"', set()),
        ('"the port stood still"', {"web/strike.html"}),
        # Prefixes, after stemming as Whoosh stems them.
        ("gold*", {"gold.md"}),
        ("barri*", {"river.txt", "council/election.md"}),
        ("elections*", {"council/election.md"}),
        ("fer?y", {"web/strike.html", "old.md"}),
        # Fields.
        ("title:gold", {"gold.md"}),
        ("title:ferry", {"old.md"}),
        ('title:"dock strike"', {"web/strike.html"}),
        ("title:(gold OR ferry)", {"gold.md", "old.md"}),
        ("text:mooring", {"river.txt"}),
        ("body:timetable", {"old.md"}),
        ("author:Okafor", {"council/election.md"}),
        ('outlet:"Harwick Courier"', {"web/strike.html"}),
        ("outlet:harwick", {"web/strike.html"}),
        ("speaker:Reyes", {"river.txt"}),
        ("speaker:Quell", {"river.txt", "council/election.md"}),
        # Dates: whole years and months, ranges over dates known to the day or the month.
        ("date:2024", {"council/election.md", "web/strike.html"}),
        ("date:2024-06", {"web/strike.html"}),
        ("date:2025-03", {"gold.md"}),
        ("date:2024-03-10", {"council/election.md"}),
        ("date:[2024-01 TO 2024-06]", {"council/election.md", "web/strike.html"}),
        ("date:[2024-04 TO 2025-01]", {"web/strike.html", "river.txt"}),
        ("date:>2024", {"river.txt", "gold.md"}),
        ("date:<2024", {"old.md"}),
        ("date:>=2025-03", {"gold.md"}),
        ("ferry date:2024", {"web/strike.html"}),
        ("ferry NOT date:2024", {"old.md"}),
        ("*", set(ARTICLES)),
    ],
)
def test_queries_find_the_same_documents(indexed: Archive, query: str, paths: set[str]) -> None:
    assert _paths(indexed, query) == paths


def test_title_matches_rank_first(indexed: Archive) -> None:
    # Both mention a ferry; only the timetable has it in its title.
    assert [hit.path for hit in indexed.search("ferry")] == ["old.md", "web/strike.html"]
    hits = indexed.search("gold OR dock")
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))


def test_limit_keeps_the_best(indexed: Archive) -> None:
    everything = indexed.search("barriers OR ferry OR gold", limit=None)
    assert [hit.path for hit in indexed.search("barriers OR ferry OR gold", limit=2)] == [
        hit.path for hit in everything[:2]
    ]


@pytest.mark.parametrize(
    ("query", "speakers"),
    [
        ("berth", {"Tomasz Reyes"}),
        ("speaker:Reyes", {"Tomasz Reyes"}),
        ("speaker:Quell", {"Marta Quell"}),
        ("speaker:marta", {"Marta Quell"}),
        ("barriers", {"Marta Quell"}),
        ('"single ship"', {"Ruth Amsel"}),
        ("golden OR contract", {"Omar Haddad", "Ruth Amsel"}),
        ("speaker:Quell AND homes", {"Marta Quell"}),
        ("barriers NOT speaker:Quell", set()),
        ("date:2025", {"Marta Quell", "Tomasz Reyes", "Omar Haddad"}),
        ("author:Okafor", {"Marta Quell"}),
        ("outlet:Harwick", {"Ruth Amsel"}),
    ],
)
def test_quote_queries_find_the_same_quotes(
    indexed: Archive, query: str, speakers: set[str]
) -> None:
    assert {quote.speaker for quote in indexed.quotes(query=query)} == speakers


def test_quote_search_finds_each_quote_of_a_speaker(indexed: Archive) -> None:
    found = indexed.quotes(query="speaker:Quell")
    assert len(found) == 2 and {q.document for q in found} == {"river.txt", "council/election.md"}


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("barriers AND (flood", "closing )"),
        ('"flood barriers', 'closing " mark'),
        ("publisher:Courier", "unknown field"),
        ("date:[2024 TO", "closing ]"),
    ],
)
def test_an_unreadable_query_is_one_line(indexed: Archive, query: str, says: str) -> None:
    for search in (indexed.search, lambda q: indexed.quotes(query=q)):
        with pytest.raises(QueryError) as raised:
            search(query)
        message = str(raised.value)
        assert says in message and "\n" not in message


def test_a_query_of_stop_words_only_is_no_query(indexed: Archive) -> None:
    for query in ("the", "the AND of"):
        with pytest.raises(QueryError, match="no words to search for"):
            indexed.search(query)
    # Names keep every word ("The Times"): a quote search looks in speakers too.
    assert indexed.quotes(query="the") == []


def test_stop_words_are_left_out_of_a_query(indexed: Archive) -> None:
    assert _paths(indexed, "the barriers of") == _paths(indexed, "barriers")
    assert _paths(indexed, '"the barriers will protect"') == {"river.txt"}


# -- snippets --------------------------------------------------------------------------------


def test_snippets_mark_the_matched_words(indexed: Archive) -> None:
    hits = indexed.search("barriers")
    assert hits
    for hit in hits:
        marked = [hit.snippet[start:end].lower() for start, end in hit.highlights]
        assert marked and all(word.startswith("barrier") for word in marked)
        assert "  " not in hit.snippet and "\n" not in hit.snippet
        assert len(hit.snippet) <= 2 * 230


def test_snippets_mark_stems_prefixes_and_phrase_words(indexed: Archive) -> None:
    (election,) = indexed.search("elections")
    assert "election" in [election.snippet[s:e].lower() for s, e in election.highlights]
    (gold,) = indexed.search("gold*")
    marked = {gold.snippet[s:e].lower() for s, e in gold.highlights}
    assert {"gold", "golden"} <= marked
    (strike,) = indexed.search('"single ship"')
    assert {"single", "ship"} <= {strike.snippet[s:e].lower() for s, e in strike.highlights}


def test_a_title_only_match_shows_the_start_of_the_text(indexed: Archive) -> None:
    (hit,) = indexed.search("title:gold")
    assert hit.snippet.startswith("Gold prices climb") and hit.highlights == ()


def test_snippets_only_for_the_first_hits_when_asked(indexed: Archive) -> None:
    full = indexed.search("ferry OR gold OR barriers", limit=None)
    partial = indexed.search("ferry OR gold OR barriers", limit=None, snippet_limit=1)
    assert [h.path for h in full] == [h.path for h in partial] and len(full) >= 4
    assert partial[0].snippet == full[0].snippet
    assert all(h.snippet == "" and h.highlights == () for h in partial[1:])


def test_a_long_text_is_highlighted_from_its_start_only(engine: str, tmp_path: Path) -> None:
    # A book-length file must not cost a second a snippet.
    filler = "Nothing happened in the valley today. " * 2_000
    folder = write_files(tmp_path / "long", {"book.txt": f"A long day\n\n{filler}\n\nThe harbour."})
    with Archive.open(folder, data_dir=tmp_path / "data", engine=engine) as archive:
        archive.update()
        (hit,) = archive.search("harbour OR valley")
        assert hit.highlights and "valley" in hit.snippet.lower()
        assert "harbour" not in hit.snippet.lower()  # past the part highlighting reads


# -- changes -------------------------------------------------------------------------------


def _bump_mtime(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def test_removed_and_changed_files_leave_the_results(archive: Archive, folder: Path) -> None:
    (folder / "old.md").unlink()
    gold = folder / "gold.md"
    gold.write_text(
        "---\ntitle: Silver prices climb\ndate: 2025-03\n---\n\nSilver traders were glad.\n",
        encoding="utf-8",
    )
    _bump_mtime(gold)
    report = archive.update()
    assert report.removed == ("old.md",) and report.changed == ("gold.md",)
    assert _paths(archive, "ferry") == {"web/strike.html"}
    assert _paths(archive, "gold") == set() and _paths(archive, "silver") == {"gold.md"}
    assert archive.quotes(query="golden") == []
    assert _paths(archive, "*") == set(ARTICLES) - {"old.md"}


def test_a_new_file_is_found_after_the_update(archive: Archive, folder: Path) -> None:
    write_files(folder, {"new.txt": "Lighthouse reopens\n\nThe lighthouse reopened on Friday.\n"})
    assert _paths(archive, "lighthouse") == set()
    assert archive.update().added == ("new.txt",)
    assert _paths(archive, "lighthouse") == {"new.txt"}


def test_rebuilds_give_the_same_answers(archive: Archive) -> None:
    before = {query: _paths(archive, query) for query in ("ferry", "date:2024", "gold*")}
    assert archive.update(rebuild=True).rebuilt_index
    assert {query: _paths(archive, query) for query in before} == before
    archive._store.set_meta("index_schema", "0")  # an index of another version
    assert archive.update().rebuilt_index
    assert {query: _paths(archive, query) for query in before} == before


def test_a_deleted_index_folder_is_rebuilt_by_the_next_update(
    engine: str, archive: Archive
) -> None:
    archive.close()
    shutil.rmtree(archive.data_dir / ("index" if engine == "whoosh" else f"index-{engine}"))
    with Archive.open(archive.folder, data_dir=archive.data_dir) as reopened:
        assert reopened.engine == engine
        report = reopened.update()
        assert report.rebuilt_index and not report.added
        assert _paths(reopened, "ferry") == {"web/strike.html", "old.md"}
        assert reopened.update().nothing_changed


@pytest.mark.parametrize(("first", "second"), [("whoosh", "tantivy"), ("tantivy", "whoosh")])
def test_switching_engine_rebuilds_its_index(
    first: str, second: str, folder: Path, tmp_path: Path
) -> None:
    need_engine("tantivy")
    queries = ["ferry", "elections", '"flood barriers"', "speaker:Quell", "date:>2024", "gold*"]
    data = tmp_path / "data"
    with Archive.open(folder, data_dir=data, engine=first) as archive:
        archive.update()
        answers = {query: _paths(archive, query) for query in queries}
        quotes = sorted(q.id for q in archive.quotes(query="barriers"))
    with Archive.open(folder, data_dir=data, engine=second) as archive:
        assert archive.engine == second
        report = archive.update()
        assert report.rebuilt_index and not report.added and not report.changed
        assert {query: _paths(archive, query) for query in queries} == answers
        assert sorted(q.id for q in archive.quotes(query="barriers")) == quotes
    with Archive.open(folder, data_dir=data) as archive:  # remembered
        assert archive.engine == second and archive.update().nothing_changed


def test_the_cli_takes_an_engine(
    engine: str, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    assert main(["search", str(folder), "elections", "--engine", engine, "--data-dir", data]) == 0
    assert "council/election.md" in capsys.readouterr().out
    with Archive.open(folder, data_dir=data) as archive:
        assert archive.engine == engine


# -- the backends themselves ---------------------------------------------------------------


def _backend(engine: str, folder: Path) -> SearchBackend:
    return open_backend(folder, engine)


def _add(backend: SearchBackend, path: str, text: str, date: str | None = None) -> None:
    with backend.writing() as writer:
        writer.add_document(
            Document(path, path, text, date=date), [], [IndexedQuote(f"q-{path}", text, None)]
        )


DATES = {"a": "2024-05-02", "b": "2024-06-30", "c": "2025-01-15", "d": "2025-11-26", "e": "2025"}


@pytest.mark.parametrize(
    ("query", "paths"),
    [
        ("date:2025", {"c", "d", "e"}),
        ("date:2024-06", {"b"}),
        ("date:2025-01-15", {"c"}),
        ("date:[2024-06 TO 2025-01]", {"b", "c", "e"}),
        ("date:[2024-06 TO 2024-12]", {"b"}),
        ("date:{2024-06-30 TO 2025-01-15}", {"e"}),
        ("date:>2024", {"c", "d", "e"}),
        ("date:<2025", {"a", "b"}),
        ("date:>=2025-01", {"c", "d"}),
        ("harbour NOT date:2025", {"a", "b", "undated"}),
    ],
)
def test_date_queries(engine: str, tmp_path: Path, query: str, paths: set[str]) -> None:
    backend = _backend(engine, tmp_path / "index")
    with backend.writing() as writer:
        for path, date in DATES.items():
            writer.add_document(Document(path, path, "harbour", date=date), [], [])
        writer.add_document(Document("undated", "undated", "harbour"), [], [])
    assert {m.path for m in backend.search_documents(query, None, lambda _p: "")} == paths
    backend.close()


def test_a_failed_write_leaves_the_index_as_it_was(engine: str, tmp_path: Path) -> None:
    backend = _backend(engine, tmp_path / "index")
    _add(backend, "a.txt", "harbour wall")
    with pytest.raises(RuntimeError), backend.writing() as writer:
        writer.remove_document("a.txt")
        writer.add_document(Document("b.txt", "b.txt", "harbour ferry"), [], [])
        raise RuntimeError("a reader bug")
    assert [m.path for m in backend.search_documents("harbour", None, lambda _p: "")] == ["a.txt"]
    _add(backend, "c.txt", "harbour pier")  # the writer lock was let go
    assert len(backend.search_documents("harbour", None, lambda _p: "")) == 2
    backend.close()


def test_removing_a_document_removes_its_quotes(engine: str, tmp_path: Path) -> None:
    backend = _backend(engine, tmp_path / "index")
    _add(backend, "a.txt", "harbour wall")
    _add(backend, "b.txt", "harbour ferry")
    assert sorted(backend.search_quotes("harbour")) == ["q-a.txt", "q-b.txt"]
    with backend.writing() as writer:
        writer.remove_document("a.txt")
    assert backend.search_quotes("harbour") == ["q-b.txt"]
    assert not backend.is_empty()
    backend.reset()
    assert backend.is_empty() and backend.search_quotes("harbour") == []
    backend.close()


def test_a_reader_survives_a_rebuild_by_another_index_object(engine: str, tmp_path: Path) -> None:
    reader = _backend(engine, tmp_path / "index")
    writer = _backend(engine, tmp_path / "index")  # stands for the indexer process
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


def test_opening_where_there_is_no_index_yet_writes_nothing(engine: str, tmp_path: Path) -> None:
    # A reader (the window, a CLI search) opening while another process's rebuild has the
    # folder moved aside: had it created an index, it would have wiped the rebuild's files.
    folder = tmp_path / "index"
    reader = _backend(engine, folder)
    assert not folder.exists()
    assert reader.is_empty() and reader.search_quotes("harbour") == []
    writer = _backend(engine, folder)
    _add(writer, "a.txt", "harbour wall")
    assert [m.path for m in reader.search_documents("harbour", None, lambda _p: "")] == ["a.txt"]
    assert not reader.is_empty()
    reader.close()
    writer.close()


def test_a_reader_leaves_an_unfinished_tantivy_folder_alone(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    folder.mkdir()
    begun = folder / "meta.json"  # a writer's creation, before its finishing marker
    begun.write_text("{}", encoding="utf-8")
    reader = _backend(need_engine("tantivy"), folder)
    assert reader.is_empty() and begun.read_text(encoding="utf-8") == "{}"
    reader.close()


def test_a_second_writer_gets_a_clear_error_not_a_lock_traceback(
    engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = importlib.import_module(f"archiveapp.core.search.{engine}_index")
    monkeypatch.setattr(module, "_WRITER_TIMEOUT_S", 0.2)
    first = _backend(engine, tmp_path / "index")
    second = _backend(engine, tmp_path / "index")
    refused = pytest.raises(ArchiveError, match="another archiveapp is updating")
    with first.writing(), refused, second.writing():
        pass
    first.close()
    second.close()


def test_a_corrupt_tantivy_folder_is_started_again(tmp_path: Path) -> None:
    # The archive then finds the index empty while its store has documents, and rebuilds.
    folder = tmp_path / "index"
    backend = _backend(need_engine("tantivy"), folder)
    _add(backend, "a.txt", "harbour")
    backend.close()
    (folder / "meta.json").write_text("not an index", encoding="utf-8")
    reopened = _backend("tantivy", folder)
    assert reopened.damage is not None and "meta.json" in reopened.damage
    assert reopened.is_empty()
    reopened.reset()  # what the archive does, under its update lock
    assert reopened.damage is None
    _add(reopened, "b.txt", "harbour")
    assert [m.path for m in reopened.search_documents("harbour", None, lambda _p: "")] == ["b.txt"]
    reopened.close()
