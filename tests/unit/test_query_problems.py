"""Queries a user can type wrong: each either answers or is refused with one line that
says what to change, in both engines and on the command line; never a traceback."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from archiveapp import Archive
from archiveapp.cli import main
from archiveapp.core.annotations.query import split_query
from archiveapp.core.errors import QueryError
from archiveapp.core.search import query_problem
from archiveapp.core.search.syntax import MAX_QUERY_CHARS, clean_query


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("coalition AND (drone", "closing )"),
        ('"unclosed phrase', 'closing " mark'),
        ("title:", "needs a word"),
        ("speaker:", "needs a word"),
        ("publisher:smith", "unknown field publisher:"),
        ("foo:bar", "unknown field foo:"),
        ("date:[2024 TO", "closing ]"),
        ("drones OR", "OR needs a word"),
        ("   ", "type some words"),
        ("a) b", "no ( before"),
        # Dangling and doubled operators: Whoosh drops the first kind silently and raises
        # IndexError or AssertionError on the second.
        ("AND", "AND needs a word on each side"),
        ("a AND", "AND needs a word on each side"),
        ("AND a", "AND needs a word on each side"),
        ("a AND AND b", "AND needs a word on each side"),
        ("a ANDMAYBE ANDNOT b", "ANDMAYBE needs a word"),
        ("(a OR) b", "OR needs a word"),
        ("NOT", "NOT needs a word after it"),
        ("a NOT", "NOT needs a word after it"),
        ("NOT NOT a", "NOT needs a word after it"),
        ("NOT OR a", "NOT needs a word after it"),
        ("title:(NOT)", "NOT needs a word after it"),
        # Dates that no article's date could match.
        ("date:>abc", "date: takes a date, not '>abc'"),
        ("date:2024-6", "date: takes a date"),
        ("date:<", "date: takes a date"),
        ("date:[abc TO def]", "a date range takes dates"),
        ("date:[2024 2025]", "needs TO"),
        # What the parser or an engine cannot take at all.
        ("(" * 11 + "a" + ")" * 11, "at most 10 deep"),
        ("a?" * 11, "at most 10 wildcards"),
        ("x" * (MAX_QUERY_CHARS + 1), "the most is 1,000"),
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
        "date:[2024 TO]",
        "date:{TO 2024}",
        "date:>=2025-03",
        "date:2024*",
        "date:(2024 OR 2025)",
        "title:(harbour OR river)",
        "NOT rain",
        "flood AND NOT rain",
        "(ferry OR gold) AND prices",
        "text:drones",
        'author:Okafor outlet:"Harwick Courier"',
        '"a phrase: with colon"',
        '"AND NOT OR"',
        "*",
        "Lund-Berg",
        "Зеленський",
        "x" * MAX_QUERY_CHARS,
        "((((((((((a))))))))))",
    ],
)
def test_well_formed_queries_pass(query: str) -> None:
    assert query_problem(query) is None


def test_cleaning_turns_controls_into_spaces_and_field_names_to_lower_case() -> None:
    assert clean_query("flood\x00barrier\tgold\r\n") == "flood barrier gold  "
    assert clean_query("Title:Gold -SPEAKER:Reyes") == "title:Gold -speaker:Reyes"
    # Inside a phrase, and for names that are no field, nothing changes.
    assert clean_query('"Title: a" Lund-Berg:x') == '"Title: a" Lund-Berg:x'


def test_an_and_goes_with_the_annotation_term_it_joined_not_with_the_users_slip() -> None:
    assert split_query("harbour AND tag:x AND wall").rest == "harbour AND wall"
    assert split_query("tag:x AND wall").rest == "wall"
    # The user's own dangling AND stays, for the index's check to name it.
    assert split_query("harbour AND").rest == "harbour AND"


@pytest.mark.parametrize(
    ("query", "says"),
    [('note:"open', 'closing " mark'), ("tag:" + "x" * 2000, "the most is 1,000")],
)
def test_annotation_terms_are_checked_too(query: str, says: str) -> None:
    with pytest.raises(QueryError, match=says):
        split_query(query)


# -- through the archive, in both engines ---------------------------------------------------

ARTICLES = {
    "gold.md": (
        "---\ntitle: Gold prices climb\ndate: 2025-03\n---\n\n"
        "Gold traders in Eastport reported record prices this week.\n\n"
        "\u201cGolden days are rare, so we enjoy them,\u201d said Omar Haddad, a jeweller.\n"
    ),
    "ferry.md": (
        "---\ntitle: Ferry timetable changes\ndate: 2023-11-05\n---\n\n"
        "The winter ferry timetable starts in November. \u201cFewer crossings run on "
        "Sundays,\u201d said Pia Lund, who runs the line.\n"
    ),
}

# Queries from the issue and from an audit of both engines: each must answer or be
# refused with a QueryError, within a bound that proves it does not hang.
NASTY = [
    "*",
    "**",
    "?",
    "speaker:",
    "speaker:*",
    "foo:bar",
    '"unclosed',
    '""',
    "(ferry OR",
    "()",
    "ferry AND",
    "AND",
    "NOT",
    "NOT NOT ferry",  # IndexError in Whoosh's parser
    "ferry ANDMAYBE ANDNOT gold",  # AssertionError in Whoosh's parser
    "date:>abc",
    "date:[ TO ]",
    "Зеленський",
    "中文",
    "émigré",
    "🙂",
    "ferry\x00gold",
    "\x00",
    "\u200b",
    "\udcff ferry",  # a lone surrogate, as a broken paste gives
    "a^2",
    "ferry~2",
    '"ferry timetable"~3',
    "[ferry TO gold]",
    "%",
    "ferry && gold",
    "tag:",
    "tag:*",
    "(tag:x)",
    "Title:gold",
    "(" * 11 + "ferry" + ")" * 11,
    "(" * 2000 + "ferry" + ")" * 2000,  # RecursionError in Whoosh's parser
    "ferry?" * 11,
    "a*" * 60,  # over Tantivy's automaton limit
    "x" * 10_000,  # quadratic in Whoosh's parser: 0.6 s
    "ferry " * 2_000,
]


@pytest.fixture(scope="module", params=["whoosh", "tantivy"])
def archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    if request.param == "tantivy":
        pytest.importorskip("tantivy")
    root = tmp_path_factory.mktemp(f"queries-{request.param}")
    folder = root / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Archive.open(folder, data_dir=root / "data", engine=request.param) as opened:
        opened.update()
        yield opened


@pytest.mark.parametrize("query", NASTY, ids=lambda q: repr(q[:24]))
def test_every_query_answers_or_says_one_line(archive: Archive, query: str) -> None:
    for search in (lambda: archive.search(query), lambda: archive.quotes(query=query)):
        started = time.monotonic()
        try:
            found = search()
        except QueryError as error:
            message = str(error)
            assert message.startswith("cannot read the")
            assert "\n" not in message and len(message) < 200
        else:
            assert isinstance(found, list)
        assert time.monotonic() - started < 10  # refused or answered, never a long wait


def test_a_lone_star_finds_everything(archive: Archive) -> None:
    assert {hit.path for hit in archive.search("*")} == set(ARTICLES)


def test_field_names_in_any_case_search_their_field(archive: Archive) -> None:
    assert [hit.path for hit in archive.search("Title:gold")] == ["gold.md"]
    assert [hit.path for hit in archive.search("DATE:2023")] == ["ferry.md"]


def test_control_characters_separate_words(archive: Archive) -> None:
    assert [hit.path for hit in archive.search("timetable\x00ferry")] == ["ferry.md"]


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("NOT NOT ferry", "NOT needs a word after it"),
        ("(" * 2000 + "ferry" + ")" * 2000, "the most is 1,000"),
        ("ferry AND", "AND needs a word on each side"),
        ("date:>abc", "date: takes a date"),
        ("speaker:", "needs a word after it"),
    ],
)
def test_what_crashed_or_was_forgiven_is_named(archive: Archive, query: str, says: str) -> None:
    with pytest.raises(QueryError, match=says):
        archive.search(query)
    with pytest.raises(QueryError, match=says):
        archive.quotes(query=query)


def test_a_ten_thousand_character_query_is_refused_at_once(archive: Archive) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"10,000 characters long; the most is 1,000"):
        archive.search("x" * 10_000)
    # Parsing it took 0.6 s; refusing it takes no parsing at all.
    assert time.monotonic() - started < 0.5


def test_messages_quote_a_long_query_cut_short(archive: Archive) -> None:
    # Stop words only: the engine's own "no words" message quotes the query.
    with pytest.raises(QueryError) as caught:
        archive.search(" ".join(["the"] * 200))
    assert len(str(caught.value)) < 120 and "…" in str(caught.value)


@pytest.mark.parametrize(
    "query", ["NOT NOT ferry", '"unclosed', "foo:bar", "date:>abc", "x" * 10_000, "speaker:"]
)
def test_the_command_line_prints_one_line_and_fails(
    archive: Archive, query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["search", str(archive.folder), query, "--data-dir", str(archive.data_dir), "--json"]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("archiveapp: error: cannot read the query") and err.count("\n") == 1
    assert "Traceback" not in err


def test_the_command_line_answers_a_lone_star(
    archive: Archive, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, data = str(archive.folder), str(archive.data_dir)
    assert main(["search", folder, "*", "--data-dir", data, "--json"]) == 0
    out = capsys.readouterr().out
    assert all(path in out for path in ARTICLES)
