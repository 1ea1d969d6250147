"""Speaker hygiene and German frames: invented sentences, one test per class fixed."""

from __future__ import annotations

import pytest

from archiveapp.core.extract import extract_quotes
from archiveapp.core.model import ExtractedQuote


def only(text: str) -> ExtractedQuote:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


# -- English: what is not a name ---------------------------------------------------------


def test_sentence_adverb_is_never_a_speaker() -> None:
    text = (
        "Tilda Marsh runs the ferry.\n\n"
        "“Tickets will cost less next year, and the boats will be faster,” she said. "
        "Earlier, she told the harbour board: “We need two more crews by the spring.”"
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Tilda Marsh", "Tilda Marsh"]


def test_nationality_word_is_a_description_not_a_name() -> None:
    text = "The Norwegian added: “My knee is fine and I will play on Sunday afternoon.”"
    q = only(text)
    assert q.speaker == "the Norwegian"


def test_surname_that_is_also_a_nationality_stays_a_name() -> None:
    text = (
        "Lena Dutch chairs the board.\n\n"
        "“The accounts are in order and the audit is finished,” said Dutch."
    )
    assert only(text).speaker == "Lena Dutch"


def test_descriptions_are_lower_case_so_they_are_not_listed_as_people() -> None:
    text = "The company said: “Profits will rise in every region this year.”"
    assert only(text).speaker == "the company"


def test_clause_fragment_is_no_speaker() -> None:
    text = (
        "The two firms did not say when the merger would close. "
        "“It is a good day for the harbour and for everyone who works here.”"
    )
    q = only(text)
    assert q.speaker is None


def test_modifier_before_a_noun_gives_way_to_the_name() -> None:
    text = "“We were unlucky in the second half,” said Donegal man Fintan Roe."
    assert only(text).speaker == "Fintan Roe"


def test_name_after_a_role_and_a_comma() -> None:
    text = "“Our fares stay the same,” said Brightline spokeswoman, Oona Vale. “Always.”"
    assert extract_quotes(text)[0].speaker == "Oona Vale"


def test_firm_possessive_before_a_name_is_not_the_speaker() -> None:
    text = "“Search will become personal,” said Lumio's Dara Quill."
    assert only(text).speaker == "Dara Quill"


def test_person_of_a_place_is_the_person() -> None:
    text = "Lord Pellow of Harwick, in his ruling, said: “The law is plain on this point.”"
    assert only(text).speaker == "Lord Pellow"


def test_number_in_a_stage_name_is_kept() -> None:
    text = "“We came to give back to the city that raised us,” 40 Lantern said."
    assert only(text).speaker == "40 Lantern"


def test_time_words_around_a_subject_are_dropped() -> None:
    text = "Party chair Ivo Grint meanwhile said: “The plan is a bonfire of promises, no more.”"
    q = only(text)
    assert q.speaker == "Ivo Grint"


# -- German ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Die Ministerin Karla Weiß nannte den Entwurf „überzogen“ und ging.",
        "Von einer „gezielten Täuschung“ sprach Ministerin Karla Weiß am Montag.",
        "Als „großen Fehler“ bezeichnete Karla Weiß die Entscheidung des Rates.",
    ],
)
def test_german_naming_frames_keep_short_quotes(text: str) -> None:
    q = only(text)
    assert q.speaker == "Karla Weiß"


def test_german_common_noun_is_no_speaker() -> None:
    text = (
        "Im Interview mit der Zeitung äußerte sich der Trainer zur Lage.\n\n"
        "„Wir müssen in der Abwehr wieder konzentrierter spielen“, sagte der Trainer "
        "im Interview."
    )
    q = only(text)
    assert q.speaker is not None and q.speaker.startswith("der Trainer")


def test_german_first_name_gives_the_gender_for_sie() -> None:
    text = (
        "Hannelore Brink leitet das Bauamt seit zwei Jahren.\n\n"
        "„Die Straße wird im Herbst fertig, wenn das Wetter hält“, sagte sie."
    )
    assert only(text).speaker == "Hannelore Brink"
