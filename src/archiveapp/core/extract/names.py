"""Who is who in one document: names, their fullest form, gender and role.

A surname mention ("Fedorov") resolves to the fullest name the document gives that ends
with it ("Mykhailo Fedorov"), preferring the closest earlier mention so two Clintons stay
apart; a pronoun resolves to the most recent person of compatible gender.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .language import detect_language
from .lexicon import FEMALE_NAMES, MALE_NAMES, NOMINAL_HEADS, SPEECH_VERBS, words
from .roles import apposition_role, is_role_head, premodifier_role, title_role
from .tokens import Run, Token, capitalised_runs, is_description_word, make_run, tokenize

# How far (in characters) a name or a description looks for the mention that completes
# it: about a long article. It keeps book-length texts linear.
_REACH = 30_000

_FEMALE_TITLES = frozenset(
    {
        "mrs",
        "ms",
        "miss",
        "frau",
        "dame",
        "lady",
        "baroness",
        "congresswoman",
        "spokeswoman",
        "chairwoman",
        "queen",
        "princess",
    }
)
_MALE_TITLES = frozenset(
    {"mr", "herr", "sir", "lord", "congressman", "spokesman", "chairman", "king", "prince"}
)


@dataclass
class Person:
    """One named entity of the document (a person or an organisation)."""

    words: tuple[str, ...]
    gender: str | None = None
    org: bool = False  # named like an organisation or a place: never "he" or "she"
    # The role is the first that one of the person's mentions gives, in the order they
    # were met. Worked out when asked for: most people of an article are never quoted,
    # and reading a role at each of their mentions was a sixth of extraction time.
    _role: str | None = None
    _unread: list[Run] = field(default_factory=list)
    _role_at: Callable[[Run], str | None] | None = None

    @property
    def name(self) -> str:
        return " ".join(self.words)

    @property
    def role(self) -> str | None:
        while self._role is None and self._unread and self._role_at is not None:
            self._role = self._role_at(self._unread.pop(0))
        if self._role is not None:
            self._unread.clear()
        return self._role

    def mentioned(self, run: Run) -> None:
        if self._role is None:
            self._unread.append(run)


def _title_gender(run: Run) -> str | None:
    """The gender a title before the name states ("Mr.", "Mrs", "Sen." states none)."""
    titles = {t.lower().rstrip(".") for t in run.titles}
    if titles & _FEMALE_TITLES:
        return "f"
    if titles & _MALE_TITLES:
        return "m"
    return None


def _gender_of(run: Run) -> str | None:
    titles = {t.lower().rstrip(".") for t in run.titles}
    if len(run.words) > 1:  # "Lord Falconer", "Baroness Scotland": the title is the name
        titles.add(run.words[0].lower())
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
                self.runs.append(_with_number(text, self.tokens, i, run))
        surnames = {r.words[-1] for r in self.runs if len(r.words) > 1}
        self.runs = [r for r in self.runs if r.name in surnames or not is_description_word(r)]
        # The language picks the quotation habits and frames (language.py).
        self.language = detect_language(text)
        self.german = self.language == "de"
        if self.german:
            self.runs = [r for r in self.runs if r.name in surnames or not _german_noun(r)]
        self._run_starts = [r.start for r in self.runs]
        self._by_surname: dict[str, list[Run]] = {}
        for run in self.runs:
            self._by_surname.setdefault(run.words[-1].casefold(), []).append(run)
        self.persons: dict[tuple[str, ...], Person] = {}
        self._mentions: list[tuple[int, Person]] = []  # (offset, person), in text order
        self._sentences: list[int] = []  # offsets where sentences end
        self.pronouns: dict[int, Person] = {}  # he/she offset -> the person it stands for
        self._acronyms: dict[str, tuple[str, ...]] | None = None  # built on first use

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
        same = self._by_surname.get(run.words[-1].casefold(), [])
        # Only runs within one article's reach: in a book-length text a surname may be
        # mentioned thousands of times, and comparing each with all would be quadratic.
        lo = bisect.bisect_left(same, run.start - _REACH, key=lambda c: c.start)
        hi = bisect.bisect_right(same, run.start + _REACH, key=lambda c: c.start)
        # Case-blind, so a transcript's "PENCE:" finds "Mike Pence".
        mine = {w.casefold() for w in run.words}
        cands = [
            c
            for c in same[lo:hi]
            if len(c.words) > len(run.words) and mine <= {w.casefold() for w in c.words}
        ]
        gender = _title_gender(run)
        if gender is not None:  # "Mr. Obama" is not "Michelle Obama"
            cands = [c for c in cands if _gender_of(c) in (None, gender)]
        if not cands:
            return run.words
        earlier = [c for c in cands if c.start < run.start]
        if not earlier:
            return min(cands, key=lambda c: c.start).words
        # A bare surname means the person the article keeps naming in full ("Ted Cruz"), not a
        # relative named once in passing ("a photo of Heidi Cruz"); a tie goes to the nearest.
        counts: dict[tuple[str, ...], int] = {}
        for c in cands:
            counts[c.words] = counts.get(c.words, 0) + 1
        return max(earlier, key=lambda c: (counts[c.words], c.start)).words

    def person_for(self, run: Run) -> Person:
        """The Person a run names (created on first use), with this mention recorded."""
        words = self.fullest(run)
        if len(words) == 1 and (expanded := self._expansion(words[0])) is not None:
            words = expanded  # "IMF" -> "International Monetary Fund"
        person = self.persons.get(words)
        if person is None:
            person = Person(words, _gender_of(run), _role_at=self.role_at)
            person.org = _org_like(Run(0, 0, words, None, run.titles))
            self.persons[words] = person
        if person.gender is None:
            person.gender = _gender_of(run) or _gender_of(Run(0, 0, words, None))
        person.mentioned(run)
        return person

    def _expansion(self, word: str) -> tuple[str, ...] | None:
        """The spelled-out name an acronym stands for, when the text gives it."""
        if not (2 <= len(word) <= 6 and word.isupper() and word.isalpha()):
            return None
        if self._acronyms is None:
            self._acronyms = {}
            for r in self.runs:
                caps = [w for w in r.words if w not in _ACRONYM_SKIP]
                if len(caps) >= 2 and all(w[:1].isupper() for w in caps):
                    self._acronyms.setdefault("".join(w[0] for w in caps), r.words)
        return self._acronyms.get(word)

    def described_org(self, pos: int, description: str) -> Person | None:
        """ "the commission" -> the "Commission on Presidential Debates" named before: the
        description's noun is a word of an organisation's name."""
        head = description.split()[-1]
        if not head.isalpha() or len(description.split()) > 3:
            return None
        head = head[:1].upper() + head[1:].lower()
        k = bisect.bisect_left(self._run_starts, pos) - 1
        while k >= 0 and pos - self.runs[k].start < _REACH:
            run = self.runs[k]
            k -= 1
            # An organisation's name is short: a longer run is a headline ("Website Shows
            # Bias When It Comes To Jobs"), which no description stands for.
            if 1 < len(run.words) <= 6 and head in run.words and _org_like(run):
                return self.person_for(run)
        return None

    def role_at(self, run: Run) -> str | None:
        """The role this mention gives: apposition, words before it, or its titles."""
        k = self.token_index(run.start) - len(run.titles)
        start = self.tokens[k].start if 0 <= k < len(self.tokens) else run.start
        return (
            apposition_role(self.text, run.end, self._postverbal(start))
            or premodifier_role(self.text, self.tokens, k - 1, start, run.titles)
            or title_role(run.titles, run.title_role)
        )

    def _postverbal(self, start: int) -> bool:
        """Does the name at ``start`` follow its verb ("said Jo Hale", "according to X")?"""
        window = self.text[max(0, start - 80) : start]
        if not window[-1:].isspace():
            return False
        for chunk in reversed(window.split()[-6:]):
            if chunk.endswith(_CLOSING_MARKS) or (
                (last := _LAST_WORD.search(chunk)) is not None and last.group() in _VERBAL_LEADS
            ):
                return True
            if not _PLAIN_WORD.fullmatch(chunk):
                return False
        return False

    def build_mentions(self, quoted: list[tuple[int, int]], speakers: set[str]) -> None:
        """Record the name mentions outside quotes, then resolve he/she in text order.

        Mentions inside quotations are not antecedents ("“... under Obama,” he said").
        Each resolved pronoun becomes a mention itself, so "Ham ... He ... he said" chains.
        """
        inside = _SpanSet(quoted)
        bylines = _SpanSet([m.span() for m in _BYLINE_RE.finditer(self.text)])
        multi = {r.words[-1].casefold() for r in self.runs if len(r.words) > 1}
        for run in self.runs:
            key = run.words[-1].casefold()
            if inside.contains(run.start) or bylines.contains(run.start):
                continue  # a byline names the writer, never a speaker
            if self._modifies_role(run):
                continue  # "Scottish Conservative leader X": not a he/she antecedent
            if len(run.words) > 1 or run.titles or key in multi or run.name in speakers:
                person = self.person_for(run)
                if person_like(run) or run.name in speakers or person.gender:
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

    def _modifies_role(self, run: Run) -> bool:
        """ "Clinton communication director Jennifer Palmieri": the run only says whose
        director; up to three lowercase words may stand before the role noun."""
        k = self.token_index(run.end)
        prev_end = run.end
        for tok in self.tokens[k : k + 3]:
            if self.text[prev_end : tok.start] != " " or not tok.text.islower():
                return False
            if is_role_head(tok.text) or tok.text in NOMINAL_HEADS:
                return True
            prev_end = tok.end
        return False

    def described(self, pos: int, description: str) -> Person | None:
        """The person a definite description at ``pos`` stands for: "the mayor" / "der
        Bürgermeister" -> the most recent person mentioned before with that role or title."""
        wanted = _content_words(description)
        if not wanted:
            return None
        age = _AGE_WORD.search(description)
        article = description.split()[0].lower()
        gender = {"der": "m", "die": "f"}.get(article) if self.german else None
        k = bisect.bisect_left(self._mentions, pos, key=lambda m: m[0]) - 1
        while k >= 0 and pos - self._mentions[k][0] < _REACH:
            mpos, person = self._mentions[k]
            k -= 1
            if person.org or (gender and person.gender and person.gender != gender):
                continue
            if age is not None:
                if self._age_at(mpos) == age.group(1):
                    return person  # "der 45-Jährige" -> "der 45-jährige Tobias Reiter"
                continue
            if person.role and (
                wanted <= _content_words(person.role)
                or (self.german and _german_role_match(description, person.role))
            ):
                return person
        return None

    def _age_at(self, pos: int) -> str | None:
        """The age the text gives with the name at ``pos``: "der 45-jährige X", "X (45)",
        "X, 45,"."""
        before = _AGE_BEFORE.search(self.text, max(0, pos - 60), pos)
        if before:
            return before.group(1)
        after = _AGE_AFTER.match(self.text, pos)
        return after.group(1) if after else None

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
            if gender is not None and person.org and person.gender is None:
                continue  # "she added" never means "Harwick City Council"
            exact = gender is None or person.gender == gender
            if not exact and person.gender is not None:
                continue
            if best is None or (sent == sentence and (exact or not best_exact)):
                best, best_exact, sentence = person, exact, sent
        return best


def _german_noun(run: Run) -> bool:
    """In German every noun is capitalised: a lone capitalised word ("Interview", "Brief")
    is a name only when it is a known first name, an acronym ("SPD") or carries a title
    ("Kanzlerin Merkel"); a surname the text gives in full elsewhere is kept by the caller."""
    if run.titles or len(run.words) > 1:
        return False
    word = run.words[0]
    if word in FEMALE_NAMES or word in MALE_NAMES:
        return False
    return not (word.isupper() or any(c.isupper() for c in word[1:]) or word[:1].isdigit())


_NUMBER_NAME = re.compile(r"\d{1,3}")
# Words after which a number counts something ("about 50 Democrats", "the 3 Tenors").
_COUNTING = words(
    """
    the a an of to in on at by about some over under than from with for and or nearly
    almost around only just at least more less top
    """
)


def _with_number(text: str, toks: list[Token], i: int, run: Run) -> Run:
    """ "50 Cent said": a short number right before a one-word name is part of it."""
    if i == 0 or run.titles or len(run.words) != 1 or run.start != toks[i].start:
        return run
    num = toks[i - 1]
    if not _NUMBER_NAME.fullmatch(num.text) or text[num.end : run.start] != " ":
        return run
    if run.words[0].endswith("s") or (i > 1 and toks[i - 2].text.lower() in _COUNTING):
        return run
    return Run(num.start, run.end, (num.text, *run.words), None, ())


class _SpanSet:
    """Membership in a sorted list of non-overlapping spans, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]

    def contains(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self._spans[k][1]


# "By Sam Kettering" / "Von Jörg Albrecht ·" alone on a line: the writer of the article.
_BYLINE_RE = re.compile(
    r"(?m)^[ \t]*(?:By|Von|Par|Door)[ \t]+[A-ZÄÖÜ][\w.'’\-]*"
    r"(?:[ \t]+(?:[A-ZÄÖÜ][\w.'’\-]*|and|und|&|de|van|von|der))*[ \t]*[,·|–—-]?[ \t]*$"
)
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
    Cup League Tour Prize Games Olympics Open Championship Championships
    Fox CNN NBC ABC CBS MSNBC BBC Reuters AP Google Facebook Twitter
    Dems Democrats Tories Conservatives Labour Liberals Nationalists Greens Ltd Plc plc
    Holdings Securities Capital Partners Research Motors Airways Airlines Systems Watch
    Bollywood Hollywood Canterbury FC Rovers Verein Stadt Rathaus Gemeinde
    """
)
_PLACE_FIRST = words("New South North East West Los Las San Santa Saint St Fort United Great")


def person_like(run: Run) -> bool:
    """Could this run name a person (as an antecedent for he/she)?"""
    if run.titles or run.words[0] in FEMALE_NAMES or run.words[0] in MALE_NAMES:
        return True
    if run.words[-1] in _NOT_PERSON_LAST or run.words[0] in _PLACE_FIRST:
        return False
    return 2 <= len(run.words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in run.words)


# A name right after its verb, possibly behind a few pre-modifiers: "said chief executive X",
# "according to X", "“...,” X".
# What puts a name after its verb: a speech verb, "to" or "by" ("according to", "a
# statement by"), or a quote's closing mark (“...,” Smith said), with at most five plain
# words between it and the name. Checked word by word: a regular expression with every verb
# cost a fifth of the extractor's time.
_VERBAL_LEADS = SPEECH_VERBS | {"to", "by"}
_CLOSING_MARKS = tuple(m + c for m in '”"’»«' for c in ("", ","))
_LAST_WORD = re.compile(r"\w+$")
_PLAIN_WORD = re.compile(r"[\w’'\-.&]+")


def _org_like(run: Run) -> bool:
    """Named like an organisation or a place ("Harwick City Council", "BBC", "Lib Dems").
    A lone capitalised word ("Melanie", "Clinton") may well be a person: not org-like."""
    if run.titles or run.words[0] in FEMALE_NAMES or run.words[0] in MALE_NAMES:
        return False
    if run.words[-1] in _NOT_PERSON_LAST or run.words[0] in _PLACE_FIRST:
        return True
    if len(run.words) == 1:
        return run.words[0].isupper() and len(run.words[0]) > 1
    return not person_like(run)


# Words an acronym skips ("Bank of England" -> "BoE" is rare; "NRA", "IMF" are the rule).
_ACRONYM_SKIP = words("of and the for on in de")
_DESCRIPTION_FILLERS = words("the a an der die das des dem den of von")
_AGE_WORD = re.compile(r"\b(\d{1,3})-[Jj]ährige[rn]?\b")
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-jährige[rn]?\s+(?:[\w\-]+\s+){0,3}$")
_AGE_AFTER = re.compile(r"[\w\-]+(?:[ \u00a0][\w\-]+){0,3}?(?:\s*\((\d{1,3})\)|,\s*(?=\d+,))")


def _german_role_match(description: str, role: str) -> bool:
    """ "die Ministerin" names a "Bundesinnenministerin", "der Sprecher" a "Sprecher der
    Polizei": the description's noun ends the role's head noun (German compounds), and the
    ending -in keeps women and men apart."""
    head = description.split()[-1].casefold()
    if len(head) < 4 or not description.split()[-1][:1].isupper():
        return False
    role_head = next((w for w in role.split() if w[:1].isupper()), "").casefold()
    return role_head.endswith(head)


@lru_cache(maxsize=4096)
def _content_words(phrase: str) -> frozenset[str]:
    """Lower-cased words of a role or description, articles and possessive 's removed."""
    return frozenset(
        re.sub(r"['’]s$", "", w).casefold()
        for w in re.findall(r"[\w'’\-]+", phrase)
        if w.lower() not in _DESCRIPTION_FILLERS
    )
