"""Language detection and the quote frames of French, Spanish, Ukrainian and Russian news,
on short texts written for these tests."""

from __future__ import annotations

import time

import pytest
from extract_helpers import mention, only

from archiveapp.core.extract.language import detect_language

# One lead sentence per language, so that each short test text reads as that language.
LEADS = {
    "en": "The council has agreed on the budget for the city, which is up by a tenth this year.",
    "de": "Die Stadt und der Kreis haben sich auf den Plan geeinigt, der auch die Brücke umfasst.",
    "fr": "Le conseil a voté le budget de la ville pour l'année prochaine, qui est en hausse.",
    "es": "El ayuntamiento aprobó el presupuesto de la ciudad para el año que viene, que sube.",
    "uk": "Міська рада ухвалила бюджет міста на наступний рік, і він зростає на десять відсотків.",
    "ru": "Городской совет принял бюджет города на следующий год, и он вырос на десять процентов.",
}


# -- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(LEADS))
def test_each_language_is_detected_from_one_sentence(lang: str) -> None:
    assert detect_language(LEADS[lang]) == lang


def test_a_few_foreign_words_leave_an_english_text_english() -> None:
    text = LEADS["en"] + " The mayor said the plan was, in his words, a fait accompli de la ville."
    assert detect_language(text) == "en"


def test_ukrainian_and_russian_are_told_apart_by_their_letters() -> None:
    assert detect_language("Це було ще влітку, і всі її друзі прийшли.") == "uk"
    assert detect_language("Это было ещё летом, и все её друзья пришли.") == "ru"


def test_empty_text_is_english() -> None:
    assert detect_language("") == "en"


def test_detection_reads_only_the_opening_of_a_long_text() -> None:
    """Cost per document is bounded: a book-length text costs what its first page costs."""
    page = LEADS["de"] + "\n"
    short, long = page * 40, page * 40_000
    t0 = time.perf_counter()
    for _ in range(20):
        detect_language(short)
    spent_short = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(20):
        detect_language(long)
    spent_long = time.perf_counter() - t0
    assert detect_language(long) == "de"
    assert spent_long < 5 * spent_short + 0.05


# -- frames ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("fr", "« Nous rénoverons toutes les écoles du quartier », a déclaré Paul Girard."),
        (
            "fr",
            "« Nous rénoverons toutes les écoles du quartier », a déclaré le maire Paul Girard.",
        ),
        ("fr", "« Nous rénoverons toutes les écoles du quartier », dit Paul Girard."),
        ("fr", "Selon Paul Girard, « les écoles du quartier seront toutes rénovées »."),
        ("fr", "Le maire Paul Girard a déclaré : « Nous rénoverons toutes les écoles. »"),
        ("es", "«Vamos a renovar todas las escuelas del barrio», dijo Pablo Ortega."),
        ("es", "«Vamos a renovar todas las escuelas del barrio», afirmó el alcalde Pablo Ortega."),
        ("es", "Según Pablo Ortega, «todas las escuelas del barrio serán renovadas»."),
        ("es", "El alcalde Pablo Ortega dijo: «Vamos a renovar todas las escuelas.»"),
        ("uk", "«Ми відремонтуємо всі школи району», — сказав Олег Коваленко."),
        ("uk", "«Ми відремонтуємо всі школи району», — заявив мер Олег Коваленко."),
        ("uk", "За словами Олег Коваленко, «всі школи району буде відремонтовано»."),
        ("uk", "Мер Олег Коваленко заявив: «Ми відремонтуємо всі школи району»."),
        ("ru", "«Мы отремонтируем все школы района», — сказал Олег Смирнов."),
        ("ru", "«Мы отремонтируем все школы района», — заявил мэр Олег Смирнов."),
        ("ru", "По словам Олег Смирнов, «все школы района будут отремонтированы»."),
        ("ru", "Мэр Олег Смирнов заявил: «Мы отремонтируем все школы района»."),
    ],
)
def test_said_frames_name_the_speaker(lang: str, sentence: str) -> None:
    text = LEADS[lang] + "\n\n" + sentence
    q = only(text)
    name = {"fr": "Paul Girard", "es": "Pablo Ortega", "uk": "Олег Коваленко"}
    assert q.speaker == name.get(lang, "Олег Смирнов")
    assert mention(text, q) == q.speaker
    assert q.text.startswith("«") and q.text.endswith("»")


@pytest.mark.parametrize(
    ("lang", "sentence", "source"),
    [
        (
            "uk",
            "За словами мера Олега Коваленка, «всі школи району буде відремонтовано».",
            "Олега Коваленка",
        ),
        (
            "ru",
            "По словам мэра Олега Смирнова, «все школы района будут отремонтированы».",
            "Олега Смирнова",
        ),
    ],
)
def test_according_to_in_ukrainian_and_russian(lang: str, sentence: str, source: str) -> None:
    """The source stands in the genitive after "за словами" / "по словам", as written."""
    text = LEADS[lang] + "\n\n" + sentence
    assert mention(text, only(text)) == source


@pytest.mark.parametrize(
    ("lang", "intro", "sentence", "pronoun", "speaker"),
    [
        (
            "fr",
            "Claire Dubois a présenté le projet mardi.",
            "« Les travaux commenceront au printemps », a-t-elle ajouté.",
            "elle",
            "Claire Dubois",
        ),
        (
            "es",
            "Lucía Romero presentó el proyecto el martes.",
            "«Las obras empezarán en primavera», dijo ella.",
            "ella",
            "Lucía Romero",
        ),
        (
            "ru",
            "Олег Смирнов представил проект во вторник.",
            "«Работы начнутся весной», — сказал он.",
            "он",
            "Олег Смирнов",
        ),
        (
            "uk",
            "Олег Коваленко представив проєкт у вівторок.",
            "«Роботи почнуться навесні», — сказав він.",
            "він",
            "Олег Коваленко",
        ),
    ],
)
def test_pronoun_after_the_verb_resolves_to_the_person_before(
    lang: str, intro: str, sentence: str, pronoun: str, speaker: str
) -> None:
    text = LEADS[lang] + "\n\n" + intro + " " + sentence
    q = only(text)
    assert mention(text, q) == pronoun
    assert q.speaker == speaker


def test_described_spanish_speaker_is_kept_as_written() -> None:
    text = (
        LEADS["es"] + "\n\n«Las obras empezarán en primavera y durarán dos años», dijo el portavoz."
    )
    q = only(text)
    assert mention(text, q) == "el portavoz"


def test_french_guillemets_with_no_break_spaces() -> None:
    text = (
        LEADS["fr"] + "\n\n«\u00a0Nous rénoverons toutes les écoles\u00a0», a déclaré Paul Girard."
    )
    q = only(text)
    assert q.speaker == "Paul Girard"
    assert q.text == "«\u00a0Nous rénoverons toutes les écoles\u00a0»"


def test_russian_nested_marks_and_a_dash_without_comma() -> None:
    text = LEADS["ru"] + (
        "\n\n«Мы назвали проект „Новая школа“ и отремонтируем все школы» — сказал Олег Смирнов."
    )
    q = only(text)
    assert q.speaker == "Олег Смирнов"
    assert q.text.endswith("школы»")
