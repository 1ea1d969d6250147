"""extract_quotes on short invented texts: one test per form the extractor must handle."""

from __future__ import annotations

import pytest
from extract_helpers import mention, only

from archiveapp.core.extract import extract_quotes
from archiveapp.core.model import ExtractedQuote


def assert_offsets(text: str, quotes: list[ExtractedQuote]) -> None:
    for q in quotes:
        assert text[q.start : q.end] == q.text
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


# -- quotation mark styles --------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("“", "”"), ('"', '"'), ("«", "»"), ("»", "«"), ("„", "“")],
)
def test_each_double_mark_style_gives_the_quote_with_its_marks(opening: str, closing: str) -> None:
    body = "The harbour will reopen before the winter storms arrive,"
    text = f"Port news.\n\n{opening}{body}{closing} said Tomas Breuer."
    q = only(text)
    assert q.text == f"{opening}{body}{closing}"
    assert q.speaker == "Tomas Breuer"


def test_single_curly_marks_count_where_they_are_the_primary_quotes() -> None:
    text = "‘The bridge is safe to cross again now,’ said engineer Ruth Calloway."
    q = only(text)
    assert q.text == "‘The bridge is safe to cross again now,’"
    assert q.speaker == "Ruth Calloway"


def test_apostrophes_inside_a_double_quote_do_not_split_it() -> None:
    text = "“It’s the council’s job, and we don’t shirk it,” said Mayor Ines Falk."
    q = only(text)
    assert q.end == text.index(" said")
    assert q.speaker == "Ines Falk"


def test_nested_single_quotes_stay_inside_the_double_quote() -> None:
    text = "“He told me, ‘Go home now,’ and then he left the building,” said Omar Reyes."
    q = only(text)
    assert q.start == 0 and q.text.endswith("building,”")


# -- frames before and after -----------------------------------------------------------


def test_frame_after_with_subject_first() -> None:
    text = "“We will appeal the ruling in the spring,” Lindqvist concluded."
    q = only(text)
    assert q.speaker == "Lindqvist"
    assert mention(text, q) == "Lindqvist"


def test_frame_before_with_colon() -> None:
    text = "Harald Jensen said: “The ferry timetable changes on Monday for everyone.”"
    q = only(text)
    assert q.speaker == "Harald Jensen"
    assert q.text.startswith("“The ferry")


def test_according_to_frame() -> None:
    text = "“Prices will fall by the summer, if the harvest holds,” according to Mira Okafor."
    assert only(text).speaker == "Mira Okafor"


def test_german_so_frame_and_verb_first() -> None:
    text = (
        "„Wir bauen die Brücke bis zum Herbst fertig“, so Bürgermeisterin Karla Wendt.\n\n"
        "„Die Kosten bleiben im Rahmen des Budgets“, sagte Wendt."
    )
    first, second = extract_quotes(text)
    assert first.speaker == "Karla Wendt"
    assert second.speaker == "Karla Wendt"
    assert mention(text, second) == "Wendt"


def test_colon_introduced_quote_paragraph_takes_the_sentence_subject() -> None:
    text = (
        "Petra Lindholm, the fleet's chief engineer, described the repairs, stating:\n\n"
        "“Every hull was inspected twice. We found no cracks in any of them.”"
    )
    q = only(text)
    assert q.speaker == "Petra Lindholm"
    assert q.speaker_role == "the fleet's chief engineer"


def test_second_quote_of_a_paragraph_shares_the_frame() -> None:
    text = "“The roof leaks,” said Anton Weller. “Nobody has fixed it in years.”"
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Anton Weller", "Anton Weller"]


# -- multi-paragraph, missing marks, odd endings --------------------------------------


def test_multi_paragraph_quote_is_one_quote_across_paragraphs() -> None:
    text = (
        "Nadia Sorensen spoke at length.\n\n"
        "“The first thing we did was count the boats in the harbour.\n\n"
        "“Then we counted the people who needed a seat on one of them,” she said."
    )
    q = only(text)
    assert q.start == text.index("“The first")
    assert q.end == text.index(" she said")
    assert q.speaker == "Nadia Sorensen"


def test_closing_mark_without_opener_starts_at_the_paragraph() -> None:
    text = (
        "Lena Marchetti, who chairs the trust, spoke last.\n\n"
        "We have restored the mill and we will open it to visitors next spring,” she added."
    )
    q = only(text)
    assert q.start == text.index("We have")
    assert q.text.endswith("spring,”")
    assert q.speaker == "Lena Marchetti"
    assert mention(text, q) == "she"


def test_unclosed_quote_at_the_end_of_the_text_does_not_crash() -> None:
    text = "Ola Brenner said: “We will never give up the fight for the valley"
    quotes = extract_quotes(text)
    assert_offsets(text, quotes)
    assert len(quotes) <= 1


@pytest.mark.parametrize("text", ["", "No quotation marks here at all.", "“", '"', "„“"])
def test_degenerate_texts(text: str) -> None:
    assert extract_quotes(text) == []


# -- not quotes ------------------------------------------------------------------------


def test_event_title_and_organisation_name_are_not_quotes() -> None:
    text = (
        "The forum “Northern Rivers: Flood Defence for Small Towns” took place on Friday. "
        "Ivo Sandberg, head of the charity “Dry Feet”, opened it.\n\n"
        "“We need stronger levees before the next flood season,” Sandberg said."
    )
    q = only(text)
    assert q.text.startswith("“We need")
    assert q.speaker == "Ivo Sandberg"
    assert q.speaker_role == "head of the charity “Dry Feet”"


def test_scare_quote_and_nickname_are_not_quotes() -> None:
    text = (
        "The mayor called the plan a “success” on Tuesday. Residents know the old pier as "
        "“the Needle” and avoid it after dark."
    )
    assert extract_quotes(text) == []


def test_book_title_after_a_naming_word_is_not_a_quote() -> None:
    text = "Her memoir, titled “Letters From the Lighthouse Keeper”, sold well in Norway."
    assert extract_quotes(text) == []


def test_quote_without_a_speaker_is_kept_with_no_speaker() -> None:
    text = "A sign on the gate read nothing. “Trespassers will be fined and their dogs too.”"
    q = only(text)
    assert q.speaker is None and q.speaker_spans == ()


# -- speakers: names, pronouns, titles, roles -----------------------------------------


def test_surname_resolves_to_the_full_name_given_earlier() -> None:
    text = (
        "Mirela Vasquez, the port's harbour master, met the crews.\n\n"
        "“Nobody sails until the fog lifts this afternoon,” said Vasquez."
    )
    q = only(text)
    assert q.speaker == "Mirela Vasquez"
    assert mention(text, q) == "Vasquez"
    assert q.speaker_role == "the port's harbour master"


def test_surname_resolves_to_a_full_name_given_later() -> None:
    text = (
        "“The tunnel will be finished by June, whatever the weather,” said Okonkwo.\n\n"
        "Engineer Chidi Okonkwo has led the project since 2019."
    )
    assert only(text).speaker == "Chidi Okonkwo"


def test_pronoun_resolves_to_the_most_recent_person_of_that_gender() -> None:
    text = (
        "Greta Holm chaired the meeting with Paul Decker. She opened with the budget.\n\n"
        "“We cannot pay for a new school and a new pool in the same year,” she said."
    )
    q = only(text)
    assert q.speaker == "Greta Holm"
    assert mention(text, q) == "she"
    assert q.speaker_spans == ((text.rindex("she"), text.rindex("she") + 3),)


def test_pronoun_gender_learnt_from_the_text_when_the_name_is_unknown() -> None:
    text = (
        "Ngozi Adebayo arrived late. She apologised to Tarik Osei.\n\n"
        "“The train stopped for an hour outside the city,” she said."
    )
    assert only(text).speaker == "Ngozi Adebayo"


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("MEP", "Member of the European Parliament"),
        ("Sen.", "Senator"),
        ("Mr", None),
    ],
)
def test_titles_are_stripped_from_the_name_and_kept_as_a_role(title: str, role: str | None) -> None:
    text = f"“The vote is next week and we have the numbers,” said {title} Arvid Kessler."
    q = only(text)
    assert q.speaker == "Arvid Kessler"
    assert q.speaker_role == role


def test_premodifier_role() -> None:
    text = "“We expect a full recovery,” the club's spokesman Dario Fenn told reporters."
    q = only(text)
    assert q.speaker == "Dario Fenn"
    assert q.speaker_role == "the club's spokesman"


def test_offsets_are_exact_in_a_longer_text() -> None:
    text = (
        "Headline about trams\n\n"
        "“Trams will run every six minutes from May,” said Jonas Pell, the transport chief.\n\n"
        "Pell added: “Night trams follow in the autumn, once the depot is ready.”\n\n"
        "Critics were unconvinced. “It is a promise we have heard three times before,” "
        "said Amara Quist, who leads the riders' union."
    )
    quotes = extract_quotes(text)
    assert_offsets(text, quotes)
    assert [q.speaker for q in quotes] == ["Jonas Pell", "Jonas Pell", "Amara Quist"]
    assert quotes[0].speaker_role == "the transport chief"
