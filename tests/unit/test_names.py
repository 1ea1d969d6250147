from __future__ import annotations

import pytest

from archiveapp.core.names import person_key, speaker_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Dr. José  Núñez", "jose nunez"),
        ("Jose Nunez", "jose nunez"),
        ("MEP Michal Dworczyk", "michal dworczyk"),
        ("Mayor Lindqvist", "lindqvist"),
        ("Jean-Luc O'Neill", "jean-luc o'neill"),
        ("Dr", "dr"),
    ],
)
def test_speaker_key(name: str, key: str) -> None:
    assert speaker_key(name) == key


def test_descriptions_are_not_people() -> None:
    assert person_key("a spokesman") is None
    assert person_key("officials") is None
    assert person_key(None) is None
    assert person_key("BBC News") == "bbc news"
