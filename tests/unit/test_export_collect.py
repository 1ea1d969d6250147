"""Before any format: which quotes an export holds, in what order and groups, with which
citation and context. Run on the invented articles of ``conftest.ARTICLES``: Ilse Marchetti
(five quotes in three articles) and Tomasz Reyes (two)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from archiveapp import Archive
from archiveapp.core import export
from archiveapp.core.errors import ArchiveError
from archiveapp.core.export import citations
from archiveapp.core.export.collect import build, choose_quotes, context_around
from archiveapp.core.export.model import Entry, ExportOptions, Source, right_to_left
from archiveapp.core.model import Progress, Quote

BUDGET = Source("council/budget.md", "Council approves flood budget", "Omar Haddad", "2025-06-12")
UNDATED = Source("harbour.txt", "Harbour wall repairs begin")


@pytest.fixture
def archive(articles: Path, tmp_path: Path) -> Iterator[Archive]:
    opened = Archive.open(articles, data_dir=tmp_path / "data")
    opened.update()
    yield opened
    opened.close()


def texts(entries: list[Entry] | tuple[Entry, ...]) -> list[str]:
    return [e.quote.text for e in entries]


# Citations.


@pytest.mark.parametrize(
    ("style", "with_path", "expected"),
    [
        (
            "author-date",
            True,
            "Haddad, O. (2025, June 12). Council approves flood budget. council/budget.md",
        ),
        ("author-date", False, "Haddad, O. (2025, June 12). Council approves flood budget."),
        (
            "notes",
            True,
            "Omar Haddad, “Council approves flood budget,” June 12, 2025, council/budget.md.",
        ),
        ("notes", False, "Omar Haddad, “Council approves flood budget,” June 12, 2025."),
        (
            "mla",
            True,
            "Haddad, Omar. “Council approves flood budget.” 12 June 2025, council/budget.md.",
        ),
        ("mla", False, "Haddad, Omar. “Council approves flood budget.” 12 June 2025."),
    ],
)
def test_each_style_cites_an_article_with_author_and_date(
    style: str, with_path: bool, expected: str
) -> None:
    assert citations.cite(BUDGET, style, with_path) == expected


def test_what_an_article_does_not_give_is_left_out_not_invented() -> None:
    assert citations.author_date(UNDATED) == "Harbour wall repairs begin. (n.d.). harbour.txt"
    assert citations.notes(UNDATED) == "“Harbour wall repairs begin,” harbour.txt."
    assert citations.mla(UNDATED, with_path=False) == "“Harbour wall repairs begin.”"


def test_dates_authors_urls_and_titles_ending_in_a_question() -> None:
    source = Source(
        "a.md",
        "Who pays for the wall?",
        author="Pia Lund and Omar Haddad",
        date="2024-09",
        outlet="Eastport Herald",
        url="https://example.org/wall",
    )
    assert citations.author_date(source) == (
        "Lund, P., & Haddad, O. (2024, September). Who pays for the wall? Eastport Herald. "
        "https://example.org/wall"
    )
    assert citations.notes(source) == (
        "Pia Lund and Omar Haddad, “Who pays for the wall?” Eastport Herald, September 2024, "
        "https://example.org/wall."
    )
    assert citations.mla(replace_date(source, "2024-09-03")) == (
        "Lund, Pia, and Omar Haddad. “Who pays for the wall?” Eastport Herald, 3 Sept. 2024, "
        "https://example.org/wall."
    )


def replace_date(source: Source, when: str) -> Source:
    return Source(source.path, source.title, source.author, when, source.outlet, source.url)


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown citation style 'apa'"):
        citations.cite(BUDGET, "apa")


# Choosing quotes.


def test_quotes_are_chosen_by_ids_in_their_order_by_speaker_and_by_tag(archive: Archive) -> None:
    quotes = archive.quotes()
    ids = [quotes[3].id, quotes[0].id]
    assert [q.id for q in choose_quotes(archive, ids=ids)] == ids
    reyes = choose_quotes(archive, speaker="Tomasz Reyes")
    assert {q.speaker for q in reyes} == {"Tomasz Reyes"} and len(reyes) == 2
    archive.annotations.tag([reyes[0].id, quotes[2].id], ["fishing"])
    assert [q.id for q in choose_quotes(archive, speaker="Reyes", tag="fishing")] == [reyes[0].id]


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"ids": ["0123456789abcdef"]}, "no quote 0123456789abcdef in this archive"),
        ({"speaker": "Nobody Atall"}, "no speaker matches 'Nobody Atall'"),
        ({"tag": "never used"}, "no tag 'never used' in this archive"),
    ],
)
def test_a_choice_that_finds_nothing_is_a_one_line_error(
    archive: Archive, choice: dict[str, object], message: str
) -> None:
    with pytest.raises(ArchiveError, match=message) as error:
        choose_quotes(archive, **choice)  # type: ignore[arg-type]
    assert "\n" not in str(error.value)


# Order and groups.


def test_quotes_are_ordered_by_position_date_or_speaker(archive: Archive) -> None:
    quotes = archive.quotes()

    def order(how: str) -> list[tuple[str, int]]:
        document = build(archive, quotes, ExportOptions(order=how))
        return [(e.quote.document, e.quote.start) for e in document.entries]

    by_position = order("document")
    assert by_position == sorted(by_position)
    # Dated articles first, oldest first; the undated harbour article last.
    assert [path for path, _start in order("date")] == (
        ["council/budget.md"] * 2 + ["web/storm.html"] * 2 + ["harbour.txt"] * 3
    )
    by_speaker = build(archive, quotes, ExportOptions(order="speaker")).entries
    assert [e.quote.speaker for e in by_speaker] == ["Ilse Marchetti"] * 5 + ["Tomasz Reyes"] * 2


def test_groups_by_speaker_and_document_carry_a_subheading(archive: Archive) -> None:
    quotes = archive.quotes()
    by_speaker = build(archive, quotes, ExportOptions(group_by="speaker")).groups
    assert [(g.heading, g.subheading, len(g.entries)) for g in by_speaker] == [
        ("Ilse Marchetti", "the port authority's chief engineer", 5),
        ("Tomasz Reyes", "a fisherman", 2),
    ]
    by_document = build(archive, quotes, ExportOptions(group_by="document")).groups
    assert [(g.heading, g.subheading) for g in by_document] == [
        ("Council approves flood budget", "2025-06-12 · Omar Haddad"),
        ("Harbour wall repairs begin", "Pia Lund"),
        ("Storm closes ferry line", "2025-11-02 · Lena Varga"),
    ]


def test_a_quote_under_two_tags_shows_under_both_and_counts_once(archive: Archive) -> None:
    quotes = archive.quotes()
    archive.annotations.tag([quotes[0].id], ["safety", "flood"])
    archive.annotations.tag([quotes[1].id], ["flood"])
    document = build(
        archive, archive.quotes(), ExportOptions(group_by="tag"), today=date(2026, 1, 31)
    )
    assert [(g.heading, len(g.entries)) for g in document.groups] == [
        ("flood", 2),
        ("safety", 1),
        ("Untagged", 5),  # after the tags, whatever its name sorts as
    ]
    assert document.quote_count == len(document.entries) == 7
    assert document.description == (
        "7 quotes from 3 documents · archive articles · exported 2026-01-31"
    )


def test_build_reports_progress_and_refuses_unknown_options(archive: Archive) -> None:
    seen: list[Progress] = []
    build(archive, archive.quotes(), ExportOptions(), progress=seen.append)
    assert seen[-1].done == seen[-1].total == 7
    for options, message in [
        (ExportOptions(group_by="colour"), "cannot group by 'colour'"),
        (ExportOptions(order="length"), "cannot order by 'length'"),
        (ExportOptions(style="apa"), "unknown citation style 'apa'"),
    ]:
        with pytest.raises(ArchiveError, match=message):
            build(archive, archive.quotes(), options)


def test_each_entry_cites_its_article_in_the_chosen_style(archive: Archive) -> None:
    quotes = choose_quotes(archive, speaker="Tomasz Reyes")
    entries = build(archive, quotes, ExportOptions(style="mla", path=False)).entries
    budget = next(e for e in entries if e.quote.document == "council/budget.md")
    assert budget.citation == "Haddad, Omar. “Council approves flood budget.” 12 June 2025."
    assert budget.source.author == "Omar Haddad" and budget.source.date == "2025-06-12"


# Context and entries.


def test_context_is_the_sentence_before_with_its_lead_in_and_the_rest_after() -> None:
    text = (
        "The vote was close. Osei spoke last. She said: “We will build it.” Osei said. "
        "The vote passed. Then lunch."
    )
    start = text.index("“")
    end = text.index("”") + 1
    before, after = context_around(text, start, end)
    assert before == "Osei spoke last. She said:"
    assert after == "Osei said. The vote passed."


def test_context_after_a_quote_that_ends_its_paragraph_is_the_next_sentence() -> None:
    text = "The mayor spoke first.\n\n“It is done.”\n\nThe council met again.\nIt rained."
    start, end = text.index("“"), text.index("”") + 1
    before, after = context_around(text, start, end)
    assert before == "The mayor spoke first."
    assert after == "The council met again."  # the next sentence, and only that


def test_long_context_is_clipped_with_an_ellipsis() -> None:
    words = "word " * 300
    text = f"{words}“Short.” {words}"
    start, end = text.index("“"), text.index("”") + 1
    before, after = context_around(text, start, end)
    assert before.startswith("…") and len(before) == 401
    assert after.endswith("…") and len(after) == 401


def test_context_is_collected_only_when_asked_for(archive: Archive) -> None:
    quotes = choose_quotes(archive, speaker="Tomasz Reyes")
    plain = build(archive, quotes, ExportOptions()).entries
    assert all(e.context_before == e.context_after == "" for e in plain)
    harbour = next(
        e
        for e in build(archive, quotes, ExportOptions(context=True)).entries
        if e.quote.document == "harbour.txt"
    )
    assert harbour.context_before == (
        "Tomasz Reyes, a fisherman who has worked the harbour for thirty years, was less patient."
    )
    assert harbour.context_after == "Reyes said."


def test_an_entry_shows_its_words_on_one_line_and_names_a_missing_speaker() -> None:
    quote = Quote("q1", "a.txt", 0, 20, "“Two\nlines  here”", None, None)
    entry = Entry(quote, UNDATED, "citation")
    assert entry.text == "“Two lines here”"
    assert entry.speaker_line == "Speaker unknown"


@pytest.mark.parametrize(
    ("text", "rtl"),
    [
        ("“השוק הזה הוא הלב של העיר,”", True),
        ("«هذا السوق هو قلب المدينة»", True),
        ("“The word שוק means market,” she said.", False),
        ("“NATO אמר שהוא יגיע מחר בבוקר”", True),
        ("“…”", False),
    ],
)
def test_right_to_left_goes_by_most_letters(text: str, rtl: bool) -> None:
    assert right_to_left(text) is rtl


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.DOCX", "docx"),
        ("b.htm", "html"),
        ("c.markdown", "md"),
        ("d.csv", "csv"),
        ("e.txt", None),
    ],
)
def test_the_format_comes_from_the_file_name(name: str, fmt: str | None) -> None:
    assert export.format_for(name) == fmt
