"""German speech frames and descriptions, on invented sentences."""

from __future__ import annotations

import pytest
from extract_helpers import mention, only

from archiveapp.core.extract import extract_quotes

# A German lead paragraph, so that short test sentences read as German text.
LEAD = "Die Stadt und der Kreis haben sich auf den Plan geeinigt, der auch die Brücke umfasst.\n\n"


# -- frames --------------------------------------------------------------------------


def test_heisst_es_after_the_quote_names_the_document() -> None:
    text = (
        LEAD + "„Der Radweg wird bis zum Sommer fertig sein“, heißt es in der Mitteilung des Amts."
    )
    q = only(text)
    assert mention(text, q) == "der Mitteilung des Amts"


def test_heisst_es_before_the_quote_with_the_source_in_front() -> None:
    text = LEAD + "In dem Schreiben der Anwohner heißt es wörtlich: „Wir fordern einen Baustopp.“"
    q = only(text)
    assert mention(text, q) == "dem Schreiben der Anwohner"


def test_heisst_es_with_a_comma_is_indirect_speech_and_gives_no_source() -> None:
    text = LEAD + "Im Bericht heißt es, im Bereich „Wasser und Abwasser“ fehle Geld."
    assert all(not q.speaker for q in extract_quotes(text))


def test_zufolge_before_the_quote() -> None:
    text = LEAD + "Dem Bericht des Umweltamts zufolge ist „die Belastung des Flusses gesunken“."
    q = only(text)
    assert mention(text, q) == "Dem Bericht des Umweltamts"


def test_zufolge_after_the_quote() -> None:
    text = LEAD + "„Die Belastung des Flusses ist deutlich gesunken“, dem Bericht des Amts zufolge."
    assert mention(text, only(text)) == "dem Bericht des Amts"


@pytest.mark.parametrize(
    "lead",
    [
        "Laut Polizeisprecherin Jana Lorenz",
        "Laut Jana Lorenz, der Sprecherin,",
        "Nach Angaben von Polizeisprecherin Jana Lorenz",
    ],
)
def test_leading_source_phrase(lead: str) -> None:
    text = LEAD + f"{lead} „gab es keine Verletzten bei dem Brand in der Halle“."
    q = only(text)
    assert q.speaker == "Jana Lorenz"


def test_title_inside_a_laut_phrase_gets_no_speaker_from_it() -> None:
    text = LEAD + "Laut einem Test des Magazins „Auto und Motor“ sind die Werte zu hoch."
    assert all(q.speaker is None for q in extract_quotes(text))


def test_so_x_weiter_before_a_colon() -> None:
    text = LEAD + (
        "Ralf Kegel leitet das Werk seit Jahren. Die Lage sei ernst, so Kegel weiter: "
        "„Wir brauchen neue Aufträge, sonst schließen wir.“"
    )
    q = only(text)
    assert q.speaker == "Ralf Kegel"
    assert mention(text, q) == "Kegel"


@pytest.mark.parametrize(
    "sentence",
    [
        "„Die Brücke wird im Mai wieder geöffnet“, teilte Bürgermeisterin Petra Vogt mit.",
        "Nach der Sitzung teilte Bürgermeisterin Petra Vogt mit: „Die Brücke öffnet im Mai.“",
        "„Die Brücke wird im Mai wieder geöffnet“, betonte Bürgermeisterin Petra Vogt.",
        "„Die Brücke wird im Mai wieder geöffnet“, fügte Bürgermeisterin Petra Vogt hinzu.",
        "Bürgermeisterin Petra Vogt ergänzte: „Die Brücke wird im Mai wieder geöffnet.“",
        "„Die Brücke wird im Mai wieder geöffnet“, ergänzte Bürgermeisterin Petra Vogt.",
        "Wie Bürgermeisterin Petra Vogt sagte, „wird die Brücke im Mai wieder geöffnet“.",
        "Bürgermeisterin Petra Vogt sagte, man werde „die Brücke im Mai wieder öffnen“.",
        "Petra Vogt sagte, die Brücke sei sicher, und fügte hinzu: „Sie öffnet im Mai.“",
        "Im Gespräch mit der Zeitung sagte Bürgermeisterin Petra Vogt: „Sie öffnet im Mai.“",
    ],
)
def test_speech_verb_frames_name_the_speaker(sentence: str) -> None:
    text = LEAD + sentence
    assert only(text).speaker == "Petra Vogt"


def test_adverbial_before_the_verb_is_not_the_speaker() -> None:
    text = LEAD + "Gegenüber dem Lokalradio erklärte sie: „Die Schule bleibt bis Freitag zu.“"
    assert mention(text, only(text)) == "sie"


def test_subject_after_a_non_speech_verb_in_a_colon_sentence() -> None:
    text = LEAD + "Dazu gab das Umweltministerium am Montag bekannt: „Die Werte sind normal.“"
    assert mention(text, only(text)) == "das Umweltministerium"


def test_noun_phrase_subject_of_a_colon_sentence() -> None:
    text = LEAD + "Die Bewohner des Viertels sehen das gelassen: „Das Wasser geht wieder.“"
    assert mention(text, only(text)) == "Die Bewohner des Viertels"


# -- descriptions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("intro", "description", "speaker"),
    [
        ("Innenministerin Karla Wendt besuchte das Lager.", "die Ministerin", "Karla Wendt"),
        ("Bundeskanzlerin Anke Roth reiste nach Rom.", "die Kanzlerin", "Anke Roth"),
        ("Der 45-jährige Tobias Reiter wurde freigesprochen.", "der 45-Jährige", "Tobias Reiter"),
        ("Tobias Reiter (45) wurde am Montag freigesprochen.", "der 45-Jährige", "Tobias Reiter"),
        ("Polizeisprecherin Lea Sommer bestätigte den Einsatz.", "die Sprecherin", "Lea Sommer"),
    ],
)
def test_german_description_resolves_to_the_person_introduced(
    intro: str, description: str, speaker: str
) -> None:
    text = LEAD + f"{intro}\n\n„Wir helfen, wo wir können, und das bleibt so“, sagte {description}."
    q = only(text)
    assert q.speaker == speaker
    assert mention(text, q) == description


def test_description_of_the_other_gender_does_not_resolve() -> None:
    text = LEAD + (
        "Innenministerin Karla Wendt besuchte das Lager.\n\n"
        "„Wir helfen, wo wir können, und das bleibt so“, sagte der Minister."
    )
    assert only(text).speaker == "der Minister"


def test_description_without_an_introduction_is_kept_as_written() -> None:
    text = LEAD + "„Die Straße bleibt noch bis morgen Abend gesperrt“, sagte der Sprecher."
    assert only(text).speaker == "der Sprecher"
