"""Roles and speaker classes: invented sentences, one test per failure class fixed."""

from __future__ import annotations

import pytest

from archiveapp.core.extract import extract_quotes
from archiveapp.core.extract.roles import clean_role
from archiveapp.core.model import ExtractedQuote


def only(text: str) -> ExtractedQuote:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


@pytest.mark.parametrize(
    ("lead", "role"),
    [
        ("Tory leader", "Tory leader"),
        ("Dutch sports minister", "Dutch sports minister"),
        ("said council chief executive", "council chief executive"),
        ("said project manager", "project manager"),
    ],
)
def test_premodifier_role_keeps_its_first_letter(lead: str, role: str) -> None:
    text = f"“The ferry will run again in May,” {lead} Oskar Brandvold told reporters."
    if lead.startswith("said"):
        text = f"“The ferry will run again in May,” {lead} Oskar Brandvold."
    q = only(text)
    assert q.speaker == "Oskar Brandvold"
    assert q.speaker_role == role


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("The board was split, but chief executive", "chief executive"),
        ("The harbour master and deputy leader", "deputy leader"),
    ],
)
def test_premodifier_role_starts_after_a_conjunction(sentence: str, role: str) -> None:
    text = f"{sentence} Oskar Brandvold said: “The ferry will run again in May.”"
    q = only(text)
    assert q.speaker == "Oskar Brandvold"
    assert q.speaker_role == role


@pytest.mark.parametrize(
    "candidate",
    [
        "though",
        "however",
        "whose father was a miller",
        "some things have stayed the same in that decade",
        "through her attorney",
        "the harbour board have ruled",
        "a ferry pilot from Lerwick told the radio",
        "Neither Mr",
        "Dr Ingrid Salo",
        "for example",
        "writing in the Gazette",
    ],
)
def test_clause_fragments_and_debris_are_not_roles(candidate: str) -> None:
    assert clean_role(candidate) is None


@pytest.mark.parametrize(
    ("candidate", "role"),
    [
        ("chief market analyst at Brindle & Co", "chief market analyst at Brindle & Co"),
        ("the mayor of Harwick", "the mayor of Harwick"),
        ("head of the ferry trust, which runs three boats", "head of the ferry trust"),
        ("the 1998 rowing champion, and her coach were fined", "the 1998 rowing champion"),
        ("chief of Tollgate - a small ferry operator - believes it", "chief of Tollgate"),
        ("New Harbour Police Commissioner Sir", "New Harbour Police Commissioner"),
    ],
)
def test_roles_are_trimmed_to_the_noun_phrase(candidate: str, role: str) -> None:
    assert clean_role(candidate) == role


def test_apposition_that_runs_into_the_sentence_gives_no_role() -> None:
    text = (
        "Ruth Amberley, head of the ferry trust moved to calm the islanders on Monday.\n\n"
        "“Nobody will lose their crossing this winter,” Amberley said."
    )
    q = only(text)
    assert q.speaker == "Ruth Amberley"
    assert q.speaker_role is None


def test_closed_apposition_is_the_role() -> None:
    text = (
        "Ruth Amberley, head of the ferry trust, met the islanders on Monday.\n\n"
        "“Nobody will lose their crossing this winter,” Amberley said."
    )
    assert only(text).speaker_role == "head of the ferry trust"


def test_byline_is_never_an_antecedent() -> None:
    text = (
        "Harbour wall to be rebuilt\n\nBy Tomas Reyland\n\n"
        "Work on the harbour wall begins in March, Pavel Lindqvist told the council.\n\n"
        "“We will keep one berth open the whole time,” he added."
    )
    assert only(text).speaker == "Pavel Lindqvist"


def test_he_or_she_never_resolves_to_an_organisation() -> None:
    text = (
        "Dr Ines Marlow spoke after the vote. Brackwater Town Council said: “The budget is "
        "balanced for the first time in a decade.”\n\n"
        "“We still need a second pumping station,” she added."
    )
    quotes = extract_quotes(text)
    assert quotes[-1].speaker == "Ines Marlow"


def test_definite_description_resolves_to_the_person_introduced_with_it() -> None:
    text = (
        "Greta Solberg, the mayor of Harwick, opened the new bridge on Friday.\n\n"
        "“It took eleven years, but it is finally here,” said the mayor."
    )
    q = only(text)
    assert q.speaker == "Greta Solberg"
    assert q.speaker_role == "the mayor of Harwick"


def test_words_before_mr_are_no_role_unless_they_end_in_a_role_noun() -> None:
    text = "In the radio interview Mr Haldane said: “The port must stay public.”"
    q = only(text)
    assert q.speaker == "Haldane"
    assert q.speaker_role is None


def test_run_before_a_role_noun_is_not_the_speaker() -> None:
    text = "“We will appeal the fine,” said Brindle Ferries spokesman Arno Veit."
    q = only(text)
    assert q.speaker == "Arno Veit"
    assert q.speaker_role == "Brindle Ferries spokesman"


def test_name_in_apposition_after_a_description_is_the_speaker() -> None:
    text = (
        "But the chairman of Harbour Watch, Sir Edmund Vale, said the plan was "
        "“a waste of money and of everybody's time”."
    )
    q = only(text)
    assert q.speaker == "Edmund Vale"


def test_peer_keeps_the_title_as_the_name() -> None:
    text = "“The bill will return to the chamber in June,” Lord Brackley said."
    assert only(text).speaker == "Lord Brackley"


# -- German ----------------------------------------------------------------------------


def test_german_title_is_stripped_and_kept_as_the_role() -> None:
    text = "„Wir spielen nächste Saison in der Oberliga“, sagte Kapitän Lukas Brenner."
    q = only(text)
    assert q.speaker == "Lukas Brenner"
    assert q.speaker_role == "Kapitän"


def test_german_apposition_role() -> None:
    text = (
        "Jana Vogt, Trainerin des SV Hollstedt, hatte das Team im Winter übernommen.\n\n"
        "„Die Mannschaft hat jeden Tag gearbeitet“, sagte Vogt."
    )
    q = only(text)
    assert q.speaker == "Jana Vogt"
    assert q.speaker_role == "Trainerin des SV Hollstedt"


def test_german_relative_clause_is_not_a_role() -> None:
    text = (
        "Für Harwick unterschrieb Lea Anker, die in der Hafenstadt den Deichbau leitet.\n\n"
        "„Wir lernen voneinander“, sagte Anker."
    )
    assert only(text).speaker_role is None


def test_german_definite_description_and_sie() -> None:
    text = (
        "Bürgermeister Paul Hartwig und Ingenieurin Mira Sand stellten den Plan vor.\n\n"
        "„Das Geld ist gut angelegt“, erklärte der Bürgermeister.\n\n"
        "Sand zeigte die Pläne für den neuen Deich.\n\n"
        "„Wir bauen ab Mai“, sagte sie."
    )
    first, second = extract_quotes(text)
    assert first.speaker == "Paul Hartwig"
    assert first.speaker_role == "Bürgermeister"
    assert second.speaker == "Mira Sand"


def test_an_aside_between_commas_is_no_role() -> None:
    text = (
        "Nora Vidal chairs the board. Vidal, for her part, said: "
        "“We will not sell the ferry to anyone this year.”"
    )
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Nora Vidal"
    assert quote.speaker_role != "for her part"
