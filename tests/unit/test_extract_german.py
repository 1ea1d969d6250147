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


# -- word order ----------------------------------------------------------------------


def test_comma_after_the_closing_mark_looks_for_the_frame_after_the_quote() -> None:
    """German puts the comma outside the marks („…“, sagte X): the frame after the quote
    wins over a colon sentence before it."""
    text = LEAD + (
        "Trainer Jo Hahn war zufrieden: „Ein guter Start für die ganze Mannschaft“, sagte "
        "Kapitän Ole Brandt."
    )
    assert only(text).speaker == "Ole Brandt"


@pytest.mark.parametrize("verb", ["strich", "gab", "hob"])
def test_verb_first_frame_with_an_unlisted_verb(verb: str) -> None:
    particle = {"strich": "heraus", "gab": "bekannt", "hob": "hervor"}[verb]
    text = LEAD + f"„Die Brücke wird im Mai wieder geöffnet“, {verb} Petra Vogt {particle}."
    assert only(text).speaker == "Petra Vogt"


def test_title_followed_by_a_verb_without_comma_is_no_frame() -> None:
    """A guard for the verb-first rule: without the comma the verb opens a new clause."""
    text = LEAD + (
        "Eine Woche nach dem Erscheinen des Romans „Die Brücke am Fluss“ meldete der "
        "Verlag Nord, dass die erste Auflage verkauft sei."
    )
    assert all(q.speaker is None for q in extract_quotes(text))


def test_speech_verb_at_the_clause_end_belongs_to_the_prefield_subject() -> None:
    text = LEAD + (
        "Petra Vogt hatte vor allem die Rolle der Stadtwerke betont: "
        "„Die Entscheidungen fallen im Rat und nirgendwo sonst.“"
    )
    q = only(text)
    assert q.speaker == "Petra Vogt"


def test_speech_verb_at_the_clause_end_after_an_adverbial_prefield() -> None:
    text = LEAD + (
        "Im Dezember hatte Bürgermeisterin Petra Vogt in einer Rede verkündet: "
        "„Die Brücke wird im Mai wieder geöffnet.“"
    )
    assert only(text).speaker == "Petra Vogt"


def test_relative_clause_names_the_speaker_after_the_pronoun() -> None:
    text = LEAD + (
        "Die Zahl liegt unter der Marke, die Petra Vogt im Wahlkampf zum Ziel erklärt hatte: "
        "„Wir schaffen die Sanierung bis zum Jahr 2030.“"
    )
    assert only(text).speaker == "Petra Vogt"


def test_prepositional_prefield_hands_the_subject_to_the_words_after_the_verb() -> None:
    text = LEAD + (
        "Als Antwort auf den Brief sagte ein Sprecher der Stadtwerke: "
        "„Wir prüfen die Vorwürfe sorgfältig.“"
    )
    assert mention(text, only(text)) == "ein Sprecher der Stadtwerke"


def test_verb_right_after_a_subordinate_clause_takes_the_subject_after_it() -> None:
    text = LEAD + (
        "Ob es sich um einen Fehler gehandelt habe, erklärte die Universität so: "
        "„Die Prüfer gingen von der Einhaltung der Regeln aus.“"
    )
    assert mention(text, only(text)) == "die Universität"


def test_quote_after_als_is_the_clause_subjects_verdict() -> None:
    text = LEAD + "Bürgermeisterin Petra Vogt wies die Vorwürfe am Montag als „haltlos“ zurück."
    assert only(text).speaker == "Petra Vogt"


def test_quote_between_article_and_participle_is_a_name() -> None:
    """A guard: "das als „…“ bekannte Lager" names the camp; nobody says it."""
    text = LEAD + "Die Polizei räumte das als „Lager am Hafen“ bekannte Gelände am Morgen."
    assert all(q.speaker is None for q in extract_quotes(text))


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Leiter der Studie, Jonas Kranz, sieht die Schuld beim Land: „Es fehlt an Geld.“",
        "Jonas Kranz, Leiter der Studie, kritisierte das Land scharf: „Es fehlt an Geld.“",
        "Der Zeitung sagte Jonas Kranz: „Es fehlt dem Land an Geld und an Personal.“",
        "Ähnlich äußerte sich Professor Jonas Kranz: „Es fehlt dem Land an Geld.“",
        "Jonas Kranz vom Institut für Physik in Bonn erläutert die Lage: „Es fehlt an Geld.“",
    ],
)
def test_subject_found_past_appositions_datives_and_attributes(sentence: str) -> None:
    assert only(LEAD + sentence).speaker == "Jonas Kranz"


def test_verbless_lead_before_a_colon_is_the_speaker() -> None:
    text = LEAD + "Ein Sprecher der Feuerwehr nach dem Einsatz: „Das Feuer ist jetzt gelöscht.“"
    assert mention(text, only(text)) == "Ein Sprecher der Feuerwehr"


def test_quote_after_a_sentence_about_someone_is_theirs() -> None:
    text = LEAD + (
        "Petra Vogt will die Sanierung der Schulen beschleunigen. "
        "„Wir haben lange genug gewartet, jetzt wird gebaut.“"
    )
    assert only(text).speaker == "Petra Vogt"


def test_quote_in_parentheses_after_a_name() -> None:
    text = LEAD + (
        "Lob kam von Bürgermeisterin Petra Vogt („Ein guter Tag für die Stadt.“) und vom Kreis."
    )
    assert only(text).speaker == "Petra Vogt"


def test_fronted_object_with_a_comma_clause_before_the_verb() -> None:
    text = LEAD + (
        "Petra Vogt kennt das Angebot der Firma. Das Angebot, die Halle zu kaufen, lehnt "
        "sie jedoch ab: „Die Stadt braucht die Halle selbst.“"
    )
    q = only(text)
    assert mention(text, q) == "sie"
    assert q.speaker == "Petra Vogt"


def test_mit_diesen_worten_after_the_quote() -> None:
    text = LEAD + (
        "Ole Brandt kehrt zurück. „Guten Tag, da bin ich wieder“, mit diesen Worten meldete "
        "er sich bei der Mannschaft."
    )
    assert mention(text, only(text)) == "er"


def test_noun_phrase_with_als_before_the_verb_is_not_the_verb() -> None:
    text = LEAD + (
        "Ole Brandt sprach am Abend. Die Arbeit von Petra Vogt als Bürgermeisterin lobte er "
        "mit den Worten: „Sie hat die Stadt vorangebracht.“"
    )
    assert mention(text, only(text)) == "er"


def test_present_tense_verb_first_after_the_quote() -> None:
    text = (
        LEAD
        + "„Es war wie ein Güterzug vor der Tür“, beschreibt ein Reporter des Senders die Nacht."
    )
    assert mention(text, only(text)) == "ein Reporter des Senders"


def test_subject_first_clause_after_a_quote_is_a_new_sentence_not_its_frame() -> None:
    text = LEAD + (
        "Petra Vogt nannte den Plan „überzogen“, Bürgermeister Ole Brandt bezeichnete ihn "
        "dagegen als gelungen."
    )
    assert only(text).speaker == "Petra Vogt"


def test_main_clause_verb_after_a_leading_question_clause() -> None:
    text = LEAD + "Auf die Frage, ob die Brücke hält, entgegnete Petra Vogt ruhig: „Sie hält.“"
    assert only(text).speaker == "Petra Vogt"


def test_party_acronym_in_the_sentence_before_speaks() -> None:
    text = LEAD + "Die SPD will am Plan festhalten. „Wir stehen zu unserem Wort und zur Brücke.“"
    assert only(text).speaker == "SPD"


def test_so_before_a_colon_is_not_a_title_cue() -> None:
    text = LEAD + "Petra Vogt sagte es so: „Wir bauen.“"
    assert only(text).speaker == "Petra Vogt"


def test_newspaper_name_with_a_small_german_word_is_a_title() -> None:
    text = LEAD + "In der „Rundschau am Montag“ schreibt Petra Vogt über die Brücke."
    assert extract_quotes(text) == []


def test_magazine_name_in_lower_case_after_des_magazins_is_a_title() -> None:
    text = LEAD + "Laut einem Test des Magazins „rad und weg“ ist die Brücke gut befahrbar."
    assert extract_quotes(text) == []


def test_possessive_abstract_noun_stands_for_its_owner() -> None:
    text = LEAD + "Petra Vogt blieb gelassen. Ihre Antwort lautete: „Die Brücke wird halten.“"
    assert only(text).speaker == "Petra Vogt"


def test_possessive_with_a_role_noun_stays_a_description() -> None:
    text = LEAD + "Ole Brandt blieb gelassen. Seine Sprecherin sagte: „Die Brücke wird halten.“"
    assert only(text).speaker == "Seine Sprecherin"


def test_possessive_with_a_group_noun_stays_a_description() -> None:
    text = LEAD + "Ole Brandt blieb gelassen. Seine Partei erklärte: „Die Brücke wird halten.“"
    assert only(text).speaker == "Seine Partei"


def test_capitalised_nouns_in_a_framed_quote_before_a_comma_are_no_title() -> None:
    text = LEAD + "„Vielfalt ist Programm in der Stadt“, erklärte Ole Brandt bei der Vorstellung."
    assert only(text).speaker == "Ole Brandt"
