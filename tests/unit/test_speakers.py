"""The rules that make spellings one speaker, and the user's merges and splits over them."""

from __future__ import annotations

from archiveapp.core.speakers import Link, consolidate

SPELLINGS = [
    ("mykhailo fedorov", "Mykhailo Fedorov", "minister", 3),
    ("fedorov", "Fedorov", None, 2),
    ("m fedorov", "M. Fedorov", None, 1),
    ("olha stefanishyna", "Olha Stefanishyna", "deputy prime minister", 1),
]


def test_a_surname_joins_the_one_full_name_that_ends_with_it() -> None:
    speakers, aliases = consolidate([s for s in SPELLINGS if s[0] != "m fedorov"])
    assert aliases == {"fedorov": "mykhailo fedorov"}
    assert speakers["mykhailo fedorov"] == ("Mykhailo Fedorov", "minister")
    # Two names end with it ("M. Fedorov" might be someone else): only the user can tell.
    speakers, aliases = consolidate(SPELLINGS)
    assert aliases == {}
    assert {"fedorov", "m fedorov", "mykhailo fedorov"} <= set(speakers)


def test_the_users_merge_and_split_win_over_the_rules() -> None:
    merged = [Link("m fedorov", "mykhailo fedorov"), Link("fedorov", "mykhailo fedorov")]
    speakers, aliases = consolidate(SPELLINGS, merged)
    assert aliases == {"m fedorov": "mykhailo fedorov", "fedorov": "mykhailo fedorov"}
    assert set(speakers) == {"mykhailo fedorov", "olha stefanishyna"}
    alone = [Link("fedorov", None)]
    _speakers, aliases = consolidate([s for s in SPELLINGS if s[0] != "m fedorov"], alone)
    assert aliases == {}


def test_chains_are_followed_and_circles_and_dead_ends_dropped() -> None:
    chain = [Link("m fedorov", "fedorov"), Link("fedorov", "mykhailo fedorov")]
    _speakers, aliases = consolidate(SPELLINGS, chain)
    assert aliases["m fedorov"] == "mykhailo fedorov"
    circle = [Link("m fedorov", "olha stefanishyna"), Link("olha stefanishyna", "m fedorov")]
    speakers, aliases = consolidate(SPELLINGS, circle)
    assert "m fedorov" not in aliases and "olha stefanishyna" not in aliases
    assert {"m fedorov", "olha stefanishyna"} <= set(speakers)
    _speakers, aliases = consolidate(SPELLINGS, [Link("m fedorov", "nobody here")])
    assert "m fedorov" not in aliases


def test_a_merged_speakers_roles_count_for_the_person() -> None:
    spellings = [
        ("ann lee", "Ann Lee", "mayor", 1),
        ("a lee", "A. Lee", "former mayor", 4),
    ]
    speakers, _aliases = consolidate(spellings, [Link("a lee", "ann lee")])
    assert speakers == {"ann lee": ("Ann Lee", "former mayor")}
