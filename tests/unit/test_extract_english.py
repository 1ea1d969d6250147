"""English constructions the extractor handles (issue 6), one short invented text each."""

from __future__ import annotations

from extract_helpers import mention, only

from archiveapp.core.extract import extract_quotes

# -- what is not a quote ----------------------------------------------------------------


def test_a_programme_named_after_its_network_is_no_quote() -> None:
    text = "Speaking Sunday on DBC’s “Morning Harbour,” Senator Ruth Alder said little."
    assert extract_quotes(text) == []


def test_a_programme_the_speaker_told_is_no_quote() -> None:
    text = "“The council has had its chance,” Ada Brun told “Harbour Morning Live,” on Friday."
    q = only(text)
    assert q.text == "“The council has had its chance,”"


def test_a_headline_followed_by_its_byline_is_no_quote() -> None:
    text = "FAREWELL—“The old theatre on Dock Street will close in May,” by Post's Ivo Marsh."
    assert extract_quotes(text) == []


def test_the_excerpt_after_a_byline_is_no_quote() -> None:
    text = (
        "CURTAIN—“Dock Street theatre to close,” by Post's Ivo Marsh: “The small theatre, "
        "which opened in 1921 and survived two fires, will stage its last play in May.”"
    )
    assert extract_quotes(text) == []


def test_a_title_word_in_the_previous_sentence_does_not_make_a_title() -> None:
    text = (
        "“I agree with it,” said Alma Reyes, counsel at the Dale Democracy Program. "
        "“When judges look like politicians in robes, the public may wonder.”"
    )
    quotes = extract_quotes(text)
    assert len(quotes) == 2
    assert quotes[1].speaker == "Alma Reyes"


def test_a_short_quote_inside_a_noun_phrase_is_no_quote() -> None:
    text = (
        "Vera Holm, who calls the mayor a “weathervane,” said she would run. "
        "Later the harbour board blamed the delay on Kestrel’s “paper trail,” "
        "and Holm avoided the term “green tax,” in her speech."
    )
    assert extract_quotes(text) == []


def test_a_short_quote_opening_its_sentence_keeps_its_frame() -> None:
    text = "Asked about a second term, Vera Holm shook her head. “Never,” she said."
    q = only(text)
    assert mention(text, q) == "she"


def test_one_capitalised_word_after_a_network_or_the_is_a_title() -> None:
    text = (
        "Appearing Monday on Harbour Channel’s “Crossfire,” Ned Alvarez said little, "
        "then repeated it in an interview with “The Ledger,” on Tuesday."
    )
    assert extract_quotes(text) == []


def test_an_answer_after_with_is_still_a_quote() -> None:
    text = "Asked whether he would resign, Ned Alvarez replied with “No.”"
    assert only(text).speaker == "Ned Alvarez"


def test_a_title_listed_after_another_title_is_no_quote() -> None:
    text = (
        "Lena Ortiz, who starred in “Harbour Lights” and “The Long Tide of Winter,” "
        "thanked the crew."
    )
    assert extract_quotes(text) == []


def test_a_title_cased_chant_after_a_spoken_quote_stays_a_quote() -> None:
    text = "“We lost,” said Lena Ortiz. “But we will be back,” and “Never Give Up,” she added."
    assert len(extract_quotes(text)) == 3


def test_a_slogan_dated_by_a_year_in_brackets_is_no_quote() -> None:
    text = (
        "The party’s best-known posters were “Keep our valley green and our schools open!” "
        "(2004) and “No more tolls on the old bridge for our workers” (2009)."
    )
    assert extract_quotes(text) == []


def test_an_html_attribute_value_is_no_quote() -> None:
    text = '<post author="@harbourdesk" date="March 7, 2016">The ferry runs again.</post>'
    assert extract_quotes(text) == []


# -- speakers without a speech verb -----------------------------------------------------


def test_the_subject_of_the_sentence_speaks_an_embedded_quote() -> None:
    text = "Later on Sunday, Orton thanked the crowd for “standing up when the council would not.”"
    q = only(text)
    assert mention(text, q) == "Orton"


def test_a_pronoun_subject_speaks_after_a_long_clause() -> None:
    text = (
        "She then urges her brother to leave the car and repeatedly says, "
        "“Don’t you do it,” until the doors open."
    )
    q = only(text)
    assert mention(text, q) == "She"


def test_a_place_after_a_non_inverted_verb_is_not_the_speaker() -> None:
    text = (
        "In April, Dana Pruitt called Fordham’s plans to open a plant in Mexico "
        "“an absolute disgrace for our workers,” and left."
    )
    q = only(text)
    assert q.speaker == "Dana Pruitt"


def test_a_quote_ending_its_sentence_does_not_take_the_next_sentence_as_frame() -> None:
    text = (
        "Iris Calder said the sale was over. “We tried everything we could.” "
        "The dealer then recalled an evening at a crowded auction house in Leeds last year."
    )
    q = only(text)
    assert q.speaker is None  # not "the dealer"


def test_the_subject_before_an_aside_with_several_commas_speaks() -> None:
    text = "Mara Velez, during a meeting in Columbus, Ohio, said, “We will rebuild the bridge.”"
    q = only(text)
    assert mention(text, q) == "Mara Velez"


# -- quotes that continue a frame -------------------------------------------------------


def test_a_quote_after_a_multi_paragraph_quote_takes_its_speaker() -> None:
    text = (
        "Tom Garret was blunt about it.\n\n"
        "“We legislate here, and the rules are clear.\n\n"
        "“That is what we do,” Garret said. “We do not debate notions.”"
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Tom Garret", "Tom Garret"]


def test_a_dash_attribution_below_a_blank_line() -> None:
    text = "“Workers are worried about the future of their kids.”\n\n- Bernd Salo.\n"
    q = only(text)
    assert q.speaker == "Bernd Salo"


# -- resolving names --------------------------------------------------------------------


def test_a_title_keeps_the_surname_to_a_person_of_that_gender() -> None:
    text = (
        "Tom Keller spoke after Anna Keller had left the hall. "
        "“We will win this state,” Mr. Keller said."
    )
    assert only(text).speaker == "Tom Keller"


def test_a_bare_surname_means_the_person_the_article_keeps_naming() -> None:
    text = (
        "Ted Varga won the vote. Ted Varga thanked his staff. "
        "Rivals shared a photo of Heidi Varga.\n\n"
        "“I am not in the habit of forgiving that,” Varga said."
    )
    assert only(text).speaker == "Ted Varga"


def test_an_acronym_resolves_to_the_name_it_abbreviates() -> None:
    text = (
        "The International Monetary Fund cut its forecast. "
        "“Growth will slow this year,” the IMF said."
    )
    assert only(text).speaker == "International Monetary Fund"


# -- resolving pronouns -----------------------------------------------------------------


def test_a_common_first_name_gives_the_gender_for_he() -> None:
    text = "Don Pratt spoke after Tom Lind. “We are ready for the vote,” he said."
    assert only(text).speaker == "Don Pratt"


def test_a_name_that_only_says_whose_director_is_no_antecedent() -> None:
    text = (
        "Hillary Vance leads the race. "
        "Vance communication director Julia Perez spoke on Monday.\n\n"
        "“He cannot defend his own record,” she said."
    )
    assert only(text).speaker == "Julia Perez"


def test_single_marks_inside_typed_double_apostrophes_are_nested_not_quotes() -> None:
    text = "''He told me, 'Go home now, the meeting is over,' and left,'' said Omar Reyes."
    assert all("Go home" not in q.text for q in extract_quotes(text))


def test_an_owner_and_a_noun_are_a_nominal_speaker() -> None:
    text = "“At the time there was no better system in the department,” Dorn’s office said."
    q = only(text)
    assert mention(text, q) == "Dorn’s office"


def test_a_description_opening_the_sentence_speaks_by_participle() -> None:
    text = (
        "The Republican candidate appeared to assert his plans by saying, "
        "“I am trying to save lives and prevent the next attack.”"
    )
    q = only(text)
    assert mention(text, q) == "The Republican candidate"


def test_a_capitalised_verb_form_inside_a_name_is_no_frame() -> None:
    text = "According to Paul Sperry of Counter Jihad, “The firm has been moving vans at night.”"
    assert only(text).speaker == "Paul Sperry"


def test_an_opening_adverb_is_skipped_to_find_the_subject() -> None:
    text = "Immediately after the attacks, Orton issued a statement, “Our city was attacked.”"
    q = only(text)
    assert mention(text, q) == "Orton"


def test_a_crowd_chanting_short_words_is_quoted() -> None:
    text = "Marchers crossing the harbour bridge chanted “Whose streets?” until midnight."
    q = only(text)
    assert q.text == "“Whose streets?”"
    assert mention(text, q) == "Marchers"


def test_a_singer_named_in_the_clause_sings_the_words() -> None:
    text = "At the fair, the choir leader waved Harbour councillors up, singing “We Are Home.”"
    q = only(text)
    assert mention(text, q) == "the choir leader"


def test_a_speech_noun_after_the_following_is_no_verb() -> None:
    text = "On May 3, 2015, Tomas Berg made the following comment:\n\n“Rents rose by a third.”"
    assert only(text).speaker == "Tomas Berg"


def test_a_statement_by_someone_quotes_that_person() -> None:
    text = (
        "Harbour Paper Rates Ferry Claims Unfairly.\n\n"
        "The unfairness begins to show when reading how the paper rated this statement "
        "by Nadia Holm on June 2:\n\n“The ferry loses money on every crossing, every day.”"
    )
    assert only(text).speaker == "Nadia Holm"


def test_a_commentary_title_is_no_quote() -> None:
    text = "Ivo Marsh' commentary, “Lena, tell us your story,” was moving. Ada Brun stated it."
    assert extract_quotes(text) == []


def test_a_speaker_with_two_appositions_before_the_verb() -> None:
    text = (
        "“It is an intrusion into the county’s own affairs,” Nora Vidal, the Democratic "
        "county attorney of Marlow, one of the counties suing the agency, said on Monday."
    )
    q = only(text)
    assert q.speaker == "Nora Vidal"
    assert q.speaker_role == "the Democratic county attorney of Marlow"


def test_a_title_word_after_a_first_name_is_a_surname() -> None:
    text = "“Turnout decides this race, nothing else,” said Charlie King, a Marlow organiser."
    assert only(text).speaker == "Charlie King"


def test_a_transcript_label_names_the_speaker_of_its_turn() -> None:
    text = (
        "Ruth Alder joined Tom Baxter on the evening show.\n\n"
        '"BAXTER: Let us begin with the ferry contract. Who signed it, and when?"\n\n'
        '"ALDER: Well, the question really is why the council kept it quiet."'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Tom Baxter", "Ruth Alder"]


def test_a_newspaper_name_ends_before_the_person_after_it() -> None:
    text = (
        "Meeting the editors of the Marlow Post Ada Brun said little. "
        "“We cannot pay for the ferry any longer,” Brun said."
    )
    assert only(text).speaker == "Ada Brun"
