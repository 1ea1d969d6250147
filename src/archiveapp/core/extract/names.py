"""Who is who in one document: names, their fullest form, gender and role.

A surname mention ("Fedorov") resolves to the fullest name the document gives that ends
with it ("Mykhailo Fedorov"), preferring the closest earlier mention so two Clintons stay
apart; a pronoun resolves to the most recent person of compatible gender.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import FEMALE_NAMES, MALE_NAMES, NOMINAL_HEADS, SPEECH_VERBS, TITLES, words
from .tokens import Run, Token, capitalised_runs, make_run, tokenize

_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "frau", "dame", "lady", "congresswoman",
                            "spokeswoman", "chairwoman", "queen", "princess"})
_MALE_TITLES = frozenset({"mr", "herr", "sir", "lord", "congressman", "spokesman",
                          "chairman", "king", "prince"})
# An apposition ends at a comma before a lowercase word that cannot continue a role
# (", met the crews", ", who moderated") -- ", and Minister of ..." continues it.
_ROLE_STOP = re.compile(
    r",\s+(?!(?:and|or|the|a|an|of|for|in|on|at|to|with|from|by)\b)[a-z]"
    r"|[.;:!?\n]\s|\s+(?:who|which)\s+(?:has|had|is|was|said|says|will)\b"
)
_ROLE_START = re.compile(r"(?:the|a|an|[a-z][\w\-]*|[A-Z][\w\-]*['’]s|[A-Z][\w\-]*)\b")


@dataclass
class Person:
    """One named entity of the document (a person or an organisation)."""

    words: tuple[str, ...]
    gender: str | None = None
    role: str | None = None

    @property
    def name(self) -> str:
        return " ".join(self.words)


def _gender_of(run: Run) -> str | None:
    titles = {t.lower().rstrip(".") for t in run.titles}
    if titles & _FEMALE_TITLES:
        return "f"
    if titles & _MALE_TITLES:
        return "m"
    first = run.words[0]
    if len(run.words) > 1 and first in FEMALE_NAMES:
        return "f"
    if len(run.words) > 1 and first in MALE_NAMES:
        return "m"
    return None


class DocumentNames:
    """The names of one text, with the lookups the attribution rules need."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = tokenize(text)
        self._starts = [t.start for t in self.tokens]
        self.runs: list[Run] = []
        for i, j in capitalised_runs(text, self.tokens):
            run = make_run(self.tokens, i, j)
            if run is not None:
                self.runs.append(run)
        self._run_starts = [r.start for r in self.runs]
        self._by_surname: dict[str, list[Run]] = {}
        for run in self.runs:
            self._by_surname.setdefault(run.words[-1].casefold(), []).append(run)
        self.persons: dict[tuple[str, ...], Person] = {}
        self._mentions: list[tuple[int, Person]] = []  # (offset, person), in text order
        self._sentences: list[int] = []  # offsets where sentences end
        self.pronouns: dict[int, Person] = {}  # he/she offset -> the person it stands for

    # -- tokens -------------------------------------------------------------------------
    def token_index(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self._starts, pos)

    def run_ending_at(self, end: int) -> Run | None:
        k = bisect.bisect_right(self._run_starts, end) - 1
        if k >= 0 and self.runs[k].end == end:
            return self.runs[k]
        return None

    def run_starting_at(self, start: int) -> Run | None:
        """The run whose name or stripped titles begin at ``start``."""
        k = bisect.bisect_left(self._run_starts, start)
        for cand in self.runs[max(0, k - 1) : k + 1]:
            lead = self.text[start : cand.start].split()
            if cand.start == start or (cand.start > start and len(lead) == len(cand.titles)):
                return cand
        return None

    # -- resolution ---------------------------------------------------------------------
    def fullest(self, run: Run) -> tuple[str, ...]:
        """The fullest form of ``run``'s name: nearest earlier longer variant, else later."""
        cands = [c for c in self._by_surname.get(run.words[-1].casefold(), ())
                 if len(c.words) > len(run.words) and set(run.words) <= set(c.words)]
        if not cands:
            return run.words
        earlier = [c for c in cands if c.start < run.start]
        if earlier:
            return max(earlier, key=lambda c: c.start).words
        return min(cands, key=lambda c: c.start).words

    def person_for(self, run: Run) -> Person:
        """The Person a run names (created on first use), with this mention recorded."""
        words = self.fullest(run)
        person = self.persons.get(words)
        if person is None:
            person = Person(words, _gender_of(run))
            self.persons[words] = person
        if person.gender is None:
            person.gender = _gender_of(run) or _gender_of(Run(0, 0, words, None))
        if person.role is None:
            person.role = self.apposition_role(run) or self.premodifier_role(run) or run.title_role
        return person

    def apposition_role(self, run: Run) -> str | None:
        """"Kateryna X, Ukraine's Deputy Minister of ..., highlighted" -> the middle part."""
        after = self.text[run.end : run.end + 300]
        if not after.startswith(", "):
            return None
        body = after[2:]
        m = _ROLE_START.match(body)
        if not m or m.group().lower() in SPEECH_VERBS or m.group() in ("and", "who", "which"):
            return None
        stop = _ROLE_STOP.search(body)
        role = body[: stop.start()] if stop else ""
        role = role.strip().rstrip(",").strip()
        if not role or len(role) > 220 or (role[0].isupper() and " " not in role):
            return None
        if role[0].isupper() and not re.match(r"[A-Z][\w\-]*['’]s\b", role) and \
                role.split()[0].lower() not in TITLES:
            return None
        return role

    def premodifier_role(self, run: Run) -> str | None:
        """"the party's spokesman John Doe" / "campaign manager Corey Lewandowski"."""
        before = self.text[max(0, run.start - 80) : run.start - len(" ".join(run.titles))]
        m = re.search(r"((?:\b(?:the|a|an)\s+)?(?:\b[\w\-]+['’]s\s+)?(?:[a-z][\w\-]*\s+){0,2}"
                      r"([a-z][\w\-]*))\s*$", before)
        if not m or (m.group(2) not in NOMINAL_HEADS and m.group(2) not in _ROLE_NOUNS):
            return None
        role = m.group(1).strip()
        if run.titles:
            role = f"{role} {' '.join(run.titles)}"
        return role

    def build_mentions(self, quoted: list[tuple[int, int]], speakers: set[str]) -> None:
        """Record the name mentions outside quotes, then resolve he/she in text order.

        Mentions inside quotations are not antecedents ("“... under Obama,” he said").
        Each resolved pronoun becomes a mention itself, so "Ham ... He ... he said" chains.
        """
        inside = _SpanSet(quoted)
        multi = {r.words[-1].casefold() for r in self.runs if len(r.words) > 1}
        for run in self.runs:
            key = run.words[-1].casefold()
            if inside.contains(run.start):
                continue
            if len(run.words) > 1 or run.titles or key in multi or run.name in speakers:
                person = self.person_for(run)
                if _person_like(run) or run.name in speakers or person.gender:
                    self._mentions.append((run.start, person))
        self._mentions.sort(key=lambda m: m[0])
        self._sentences = [m.end() for m in _SENTENCE_RE.finditer(self.text)]
        for m in _HE_SHE_RE.finditer(self.text):
            if inside.contains(m.start()):
                continue
            gender = "f" if m.group().lower() == "she" else "m"
            person = self.antecedent(m.start(), gender)
            if person is not None:
                person.gender = person.gender or gender
                self.pronouns[m.start()] = person
                bisect.insort(self._mentions, (m.start(), person), key=lambda x: x[0])

    def _sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self._sentences, pos)

    def antecedent(self, pos: int, gender: str | None) -> Person | None:
        """The person a he/she at ``pos`` refers to: the most recent sentence with a
        compatible person, and in it the first one (the subject, usually)."""
        if pos in self.pronouns:
            return self.pronouns[pos]
        k = bisect.bisect_left(self._mentions, pos, key=lambda m: m[0]) - 1
        best: Person | None = None
        best_exact = False
        sentence = -1
        while k >= 0 and pos - self._mentions[k][0] < 2500:
            mpos, person = self._mentions[k]
            k -= 1
            sent = self._sentence_of(mpos)
            if best is not None and sent != sentence:
                break
            exact = gender is None or person.gender == gender
            if not exact and person.gender is not None:
                continue
            if best is None or (sent == sentence and (exact or not best_exact)):
                best, best_exact, sentence = person, exact, sent
        return best


class _SpanSet:
    """Membership in a sorted list of non-overlapping spans, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]

    def contains(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._spans[k][1]


_SENTENCE_RE = re.compile(r"[.!?][”\"’)]?\s+|\n+")
_HE_SHE_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ee]r)\b")
# Last words that make a capitalised run an organisation or a place, not a person.
_NOT_PERSON_LAST = words(
    """
    House Post Times Party Department Committee University News Street Foundation
    Council Court Company Inc Corp Group Campaign States State City County Center Centre
    Institute Association Union Bank Fund Agency Office Ministry Club Network Magazine
    Journal Press Senate Congress Republic Kingdom Administration Service Review Report
    Daily Channel Airport Hall Square Avenue Road Island Islands River Valley Bay Beach
    Park School College Hospital Church Forces Army Navy Corps Guard Police Assembly
    Parliament Commission Authority Alliance Coalition Movement Initiative Project
    Program Programme Act Bill Law Caucus Conference Summit Festival Award Awards
    Cup League Tour Prize Fox CNN NBC ABC CBS MSNBC BBC Reuters AP Google Facebook Twitter
    """
)
_PLACE_FIRST = words("New South North East West Los Las San Santa Saint St Fort United Great")


def _person_like(run: Run) -> bool:
    """Could this run name a person (as an antecedent for he/she)?"""
    if run.titles or run.words[0] in FEMALE_NAMES or run.words[0] in MALE_NAMES:
        return True
    if run.words[-1] in _NOT_PERSON_LAST or run.words[0] in _PLACE_FIRST:
        return False
    return 2 <= len(run.words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in run.words)


_ROLE_NOUNS = words(
    """
    manager chief head founder co-founder editor correspondent economist professor
    secretary chair chairman chairwoman director spokesman spokeswoman spokesperson
    adviser advisor aide strategist pollster lawyer attorney analyst ambassador
    """
)
