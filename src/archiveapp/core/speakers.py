"""Who is one person across the archive: pure rules over the spellings in use.

Spellings that share a key are one speaker; a bare surname joins the one full name in the
archive that ends with it; and the user's merges and splits win over both.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import names

Speakers = dict[str, tuple[str, str | None]]  # key -> (name shown, role)
Aliases = dict[str, str]  # key -> the key of the speaker it is


@dataclass(frozen=True)
class Link:
    """The user's word on one spelling's key: it is ``target`` (merged), or, with target
    None, it stands alone (split from whoever the rules would join it to)."""

    key: str
    target: str | None


def consolidate(
    spellings: Iterable[tuple[str, str, str | None, int]], links: Iterable[Link] = ()
) -> tuple[Speakers, Aliases]:
    """From (key, name as written, role, number of quotes) of every spelling in use, the
    speakers of the archive and the keys that are aliases of one of them."""
    names_of: dict[str, Counter[str]] = defaultdict(Counter)
    roles_of: dict[str, Counter[str]] = defaultdict(Counter)
    for key, name, role, count in spellings:
        names_of[key][name] += count
        if role:
            roles_of[key][role] += count
    full_by_surname: dict[str, list[str]] = defaultdict(list)
    for key in names_of:
        if " " in key:
            full_by_surname[names.surname(key)].append(key)
    aliases = {
        key: full_by_surname[key][0]
        for key in names_of
        if " " not in key and len(full_by_surname.get(key, ())) == 1
    }
    for link in links:
        if link.target is None:
            aliases.pop(link.key, None)
        elif link.key in names_of:
            aliases[link.key] = link.target
    aliases = _resolved(aliases, names_of)
    for alias, target in aliases.items():
        roles_of[target].update(roles_of.pop(alias, Counter()))
    speakers = {
        key: (_preferred_name(spellings), _most_common(roles_of.get(key)))
        for key, spellings in names_of.items()
        if key not in aliases
    }
    return speakers, aliases


def _resolved(aliases: Aliases, known: dict[str, Counter[str]]) -> Aliases:
    """Follow chains (A is B, B is C) to their end; drop links that lead to no speaker or
    round in a circle."""
    result = {}
    for key in aliases:
        target, seen = key, {key}
        while target in aliases:
            target = aliases[target]
            if target in seen:
                break
            seen.add(target)
        if target != key and target in known and target not in aliases:
            result[key] = target
    return result


def _preferred_name(spellings: Counter[str]) -> str:
    """The most used spelling; among equals, the longest (it carries accents, middle names)."""
    return max(spellings.items(), key=lambda item: (item[1], len(item[0]), item[0]))[0]


def _most_common(counter: Counter[str] | None) -> str | None:
    if not counter:
        return None
    return max(counter.items(), key=lambda item: (item[1], len(item[0])))[0]
