"""Speaker names as keys: how two spellings of one person become one speaker."""

from __future__ import annotations

import re
import unicodedata

# Honorifics and office titles that precede a name but are not part of it.
_TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady herr frau
    president mayor senator sen rep gov governor gen general col capt lt sgt rev
    mep mp minister chancellor judge justice
    bürgermeister bürgermeisterin kapitän trainer trainerin pfarrer""".split()
)


def speaker_key(name: str) -> str:
    """Casefolded, accent-free, title-free tokens joined by spaces: "Dr. José  Núñez" and
    "Jose Nunez" share the key "jose nunez"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"['’]s\b", "", plain)
    tokens = re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", plain)
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens.pop(0)
    return " ".join(tokens)


def person_key(speaker: str | None) -> str | None:
    """The key that makes a quote's speaker a speaker of the archive, or None for a
    description ("a spokesman", "officials"): two articles' spokesmen are not one person."""
    if not speaker or not speaker[:1].isupper():
        return None
    return speaker_key(speaker) or None


def surname(key: str) -> str:
    return key.rsplit(" ", 1)[-1]
