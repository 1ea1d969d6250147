"""Archives of any size for the scale benchmarks, built from the 2,225 real BBC articles.

    python benchmarks/make_corpus.py                           # 10,000 and 100,000 articles
    python benchmarks/make_corpus.py --size 10000 --out DIR    # one archive, in DIR
    python benchmarks/make_corpus.py --size 1000 --size 5000 --seed 7 --out DIR

What is generated, and why it is not just the BBC corpus copied 45 times (a copy would make
every index look better than a real archive: the same 30,000 words over and over):

- **Articles**: each new article takes the title and lead paragraph of a real one and fills
  its body with paragraphs of that article and of other articles of the same category
  (business, politics, ...). Paragraphs are the unit, so a quote and its attribution ("...,"
  Mr Parsons said.) always stay together, and a paragraph that opens a quote it does not
  close travels with the paragraphs that close it.
- **People**: the corpus's own person names (capitalised pairs whose surname is also seen
  with "Mr"/"said"/...) are swapped, consistently inside one article, for other first names
  and surnames from the same pools or for made-up surnames; the number of variants of each
  person grows with the archive, so the speaker vocabulary grows as real archives' does
  while the best-known people still recur across articles.
- **Dates**: every article gets a date line the plain-text reader recognises (2004-03-15,
  15 March 2004, March 15, 2004, "Published: ..."), or a dateline ("London, 15 March 2004 -
  ...") opening its lead; dates lie between 2000-01-01 and 2005-12-31. Half have a byline.
- **New words**: names of places, firms and products in the body are replaced by made-up,
  pronounceable words (recombined syllables) at the rate Heaps' law gives, V = V0 *
  ((n + N0) / N0) ** beta (N0 = 2,225 source articles, V0 their vocabulary, beta = 0.5 by
  default), and made-up words already used come back in later articles (Zipf-like reuse).
  The vocabulary each archive reaches is printed; real news archives have beta of 0.4-0.6.

Files are UTF-8 ``.txt`` (first line the title), 100 to a folder, ``part-NN/NN/`` nested.
The output is deterministic for a seed. Generated data never belongs in the repository:
the default output is a new temporary directory (printed), or ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpus" / "bbc-news"
MARKER = ".make_corpus.json"  # hidden: archiveapp's scan leaves it out
FILES_PER_FOLDER = 100
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2005, 12, 31)

_WORD = re.compile(r"[^\W\d_]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_NAME = r"(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_PAIR = re.compile(rf"\b([A-Z][a-z]+) ({_NAME})\b")
_SURNAME_CUES = (
    re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady) ({_NAME})\b"),
    re.compile(rf"\b({_NAME})(?:'s)? (?:said|says|told|added|argued|insisted|explained)\b"),
    re.compile(rf"\b(?:said|says|added) ({_NAME})\b"),
)
# A capitalised word in the middle of a sentence: a place, a firm, a product, a team.
_PROPER = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b")
_NOT_NAMES = frozenset(
    """Mr Mrs Ms Miss Dr Sir Lord Lady Prof Professor President Prime Minister Chancellor
    Secretary General Judge Mayor Chief Chairman Director Captain Coach Manager King Queen
    Prince Princess Saint Pope Bishop The But And If In On At For With From Under After When
    While This That These Those There Their They Its His Her Our Your New North South East
    West Great Old United Royal National British English Scottish Welsh Irish American
    European French German Italian Spanish Labour Tory Tories Conservative Liberal
    Democrat Democrats Republican Republicans Sunday Monday Tuesday Wednesday Thursday Friday
    Saturday January February March April May June July August September October November
    December Christmas Easter""".split()
)
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_PLACES = ("London", "Edinburgh", "Cardiff", "Belfast", "Brussels", "Washington", "Paris")

# Syllables of made-up words: onset + vowel + coda, English-looking.
_ONSETS = (
    "b bl br c ch cl cr d dr f fl fr g gl gr h j k l m n p pl pr r s sh sk st t th tr v w z".split()
)
_VOWELS = "a e i o u a e i o a e ai ea ou".split()
_CODAS = ["", "", "", "", "n", "r", "s", "l", "m", "nd", "rt", "st"]
_SUFFIXES = ["", "", "", "", "ton", "ford", "ia", "ex", "ica", "berg", "ville", "ham", "corp"]


@dataclass
class Source:
    """The BBC corpus cut into reusable pieces: templates whose people and proper nouns are
    placeholders. A template is a list of strings, literal text at even positions and a
    placeholder key at odd ones: "P<n>" a person's full name, "S<n>" a surname alone, "O<n>"
    a place or firm."""

    folder: Path
    articles: list[tuple[str, int, list[int]]]  # (category, title block, body block ids)
    blocks: list[list[str]]
    block_orgs: list[tuple[str, ...]]  # the "O<n>" keys of each block, in order, unique
    by_category: dict[str, list[int]]  # category -> body blocks (leads left out)
    person_first: list[str]  # person id -> first name
    person_surname: list[int]  # person id -> surname id
    surnames: list[str]
    orgs: list[str]
    first_pool: list[str]
    surname_pool: list[str]
    vocabulary: set[str]  # lower-cased words of the whole source corpus
    _block_words: dict[int, frozenset[str]] = field(default_factory=dict)

    def words_of(self, block: int) -> frozenset[str]:
        found = self._block_words.get(block)
        if found is None:
            literal = " ".join(self.blocks[block][0::2]).lower()
            found = self._block_words[block] = frozenset(_WORD.findall(literal))
        return found


@dataclass(frozen=True)
class CorpusStats:
    folder: Path
    articles: int
    megabytes: float
    seconds: float
    vocabulary: int  # distinct lower-cased words in the generated archive
    source_vocabulary: int
    heaps: tuple[tuple[int, int], ...]  # (articles, vocabulary) along the way
    coined: int  # made-up words used
    first_day: str
    last_day: str
    seed: int

    @property
    def beta(self) -> float | None:
        """Heaps' exponent between the last two measured points."""
        if len(self.heaps) < 2:
            return None
        (n1, v1), (n2, v2) = self.heaps[-2], self.heaps[-1]
        return math.log(v2 / v1) / math.log(n2 / n1) if n2 > n1 and v2 > v1 else None


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def category_of(path: Path, root: Path) -> str:
    """The subfolder an article is in, or the prefix of its name (business_001.txt)."""
    relative = path.relative_to(root)
    if len(relative.parts) > 1:
        return relative.parts[0]
    return relative.stem.split("_")[0] if "_" in relative.stem else "news"


def load_source(folder: Path = DEFAULT_SOURCE) -> Source:
    """Read the source corpus and cut it into templates (about two seconds for the BBC)."""
    paths = sorted(folder.rglob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt articles in {folder}")
    texts = [read_text(p).replace("\r\n", "\n").strip() for p in paths]
    builder = _Builder(folder, texts)
    for path, text, people in zip(paths, texts, builder.people_of, strict=True):
        builder.add_article(category_of(path, folder), text, people)
    return builder.source


class _Builder:
    """Fills a Source article by article; ids of people, surnames and places are given in
    the order they are first met (sorted within an article: the same on every run)."""

    def __init__(self, folder: Path, texts: list[str]) -> None:
        self.lower_counts = Counter(w for t in texts for w in _WORD.findall(t) if w.islower())
        self.people_of = [self._people(text) for text in texts]
        firsts = sorted({f for people in self.people_of for f, _ in people})
        lasts = sorted({s for people in self.people_of for _, s in people})
        self.names = set(firsts) | set(lasts)
        self.ids: dict[str, int] = {}
        self.source = Source(
            folder=folder,
            articles=[],
            blocks=[],
            block_orgs=[],
            by_category={},
            person_first=[],
            person_surname=[],
            surnames=[],
            orgs=[],
            first_pool=firsts,
            surname_pool=lasts,
            vocabulary={w.lower() for t in texts for w in _WORD.findall(t)},
        )

    def _common(self, word: str) -> bool:
        return word in _NOT_NAMES or self.lower_counts[word.lower()] >= 2

    def _people(self, text: str) -> list[tuple[str, str]]:
        """Capitalised pairs whose surname the article also uses with Mr, said, ..."""
        cued = {m.group(1) for cue in _SURNAME_CUES for m in cue.finditer(text)}
        return sorted(
            {
                (first, last)
                for first, last in _PAIR.findall(text)
                if last in cued and not self._common(first) and not self._common(last)
            }
        )

    def _key(self, kind: str, value: str, table: list[str]) -> str:
        name = f"{kind}:{value}"
        if name not in self.ids:
            self.ids[name] = len(table)
            table.append(value)
        return f"{kind}{self.ids[name]}"

    def _person(self, first: str, last: str) -> str:
        name = f"P:{first} {last}"
        if name not in self.ids:
            self.ids[name] = len(self.source.person_first)
            self.source.person_first.append(first)
            self.source.person_surname.append(int(self._key("S", last, self.source.surnames)[1:]))
        return f"P{self.ids[name]}"

    def add_article(self, category: str, text: str, people: list[tuple[str, str]]) -> None:
        source = self.source
        keys = {f"{f} {s}": self._person(f, s) for f, s in people}
        keys.update((s, self._key("S", s, source.surnames)) for _, s in people)
        templated = _placeholders(text, keys)
        # Every mention of a place or firm, the one opening a sentence too.
        proper = {w for w in _PROPER.findall(templated) if w not in self.names}
        places = {w: self._key("O", w, source.orgs) for w in sorted(proper) if not self._common(w)}
        templated = _placeholders(templated, places)
        paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(templated) if p.strip()]
        if len(paragraphs) < 2:
            return
        own: list[int] = []
        for unit in _units(paragraphs[1:]):
            parts = unit.split("\x00")
            own.append(len(source.blocks))
            source.blocks.append(parts)
            source.block_orgs.append(tuple(dict.fromkeys(p for p in parts[1::2] if p[0] == "O")))
        title = len(source.blocks)
        source.blocks.append(paragraphs[0].split("\x00"))
        source.block_orgs.append(())
        source.articles.append((category, title, own))
        source.by_category.setdefault(category, []).extend(own[1:] or own)


def _placeholders(text: str, keys: dict[str, str]) -> str:
    """Each whole-word mention of a key of ``keys`` replaced by its placeholder, the
    longest first (a full name before its surname)."""
    if not keys:
        return text
    pattern = "|".join(re.escape(w) for w in sorted(keys, key=len, reverse=True))
    return re.sub(rf"\b(?:{pattern})\b", lambda m: f"\x00{keys[m.group(0)]}\x00", text)


def _units(paragraphs: list[str]) -> list[str]:
    """Paragraphs joined where they must stay together: a quote opened and not closed
    travels with the paragraphs up to its close (at most four in all)."""
    units: list[str] = []
    pending: list[str] = []
    for paragraph in paragraphs:
        pending.append(paragraph)
        joined = "\n\n".join(pending)
        balanced = joined.count('"') % 2 == 0 and joined.count("“") == joined.count("”")
        if balanced or len(pending) >= 4:
            units.append(joined)
            pending = []
    if pending:
        units.append("\n\n".join(pending))
    return units


def coin(rng: random.Random, taken: set[str]) -> str:
    """A new pronounceable word no one has used yet."""
    while True:
        syllables = rng.choice((2, 2, 2, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        word = (word + rng.choice(_SUFFIXES)).capitalize()
        if word.lower() not in taken:
            taken.add(word.lower())
            return word


class Generator:
    """Writes articles one after another; all randomness comes from one seeded stream."""

    def __init__(self, source: Source, seed: int, beta: float) -> None:
        self.source = source
        self.seed = seed
        self.beta = beta
        self.rng = random.Random(seed)
        self.order: list[int] = []
        self.coined: list[str] = []
        self.taken = set(source.vocabulary)
        self.used_blocks: set[int] = set()
        self.added_words: set[str] = set()  # names, coined words, date and byline words
        self.span_days = (LAST_DAY - FIRST_DAY).days + 1
        self._surname_cache: dict[tuple[int, int], str] = {}
        self._first_cache: dict[tuple[int, int], str] = {}

    def _hash(self, *parts: object) -> int:
        return zlib.crc32(f"{self.seed}:{':'.join(map(str, parts))}".encode())

    def surname(self, sid: int, variant: int) -> str:
        if variant == 0:
            return self.source.surnames[sid]
        cached = self._surname_cache.get((sid, variant))
        if cached is None:
            h = self._hash("s", sid, variant)
            if h % 4 == 0:  # a made-up surname, the same every time for this variant
                cached = coin(random.Random(h), self.taken)
            else:
                cached = self.source.surname_pool[h % len(self.source.surname_pool)]
            self._surname_cache[(sid, variant)] = cached
        return cached

    def first_name(self, pid: int, variant: int) -> str:
        if variant == 0:
            return self.source.person_first[pid]
        cached = self._first_cache.get((pid, variant))
        if cached is None:
            pool = self.source.first_pool
            cached = pool[self._hash("f", pid, variant) % len(pool)]
            self._first_cache[(pid, variant)] = cached
        return cached

    def article(self, index: int) -> tuple[str, str]:
        """(category, text) of article ``index``."""
        rng = self.rng
        source = self.source
        if not self.order:
            self.order = list(range(len(source.articles)))
            rng.shuffle(self.order)
        category, title, own = source.articles[self.order.pop()]
        pool = source.by_category[category]
        chosen = [own[0]] + [b if rng.random() < 0.5 else rng.choice(pool) for b in own[1:]]
        roll = rng.random()
        if roll < 0.2 and len(chosen) > 2:
            del chosen[rng.randrange(1, len(chosen))]
        elif roll < 0.4:
            chosen.insert(rng.randrange(1, len(chosen) + 1), rng.choice(pool))
        self.used_blocks.update(chosen)
        self.used_blocks.add(title)

        n = index + 1
        variants = 1 + int(math.sqrt(n / 20))  # people's variants grow with the archive
        variant_of: dict[int, int] = {}
        replaced = self._coinages(rng, chosen, n)

        def fill(key: str) -> str:
            kind, number = key[0], int(key[1:])
            if kind == "O":
                word = replaced.get(key) or source.orgs[number]
                self.added_words.add(word)
                return word
            sid = number if kind == "S" else source.person_surname[number]
            variant = variant_of.get(sid)
            if variant is None:
                variant = variant_of[sid] = 0 if rng.random() < 0.4 else rng.randint(1, variants)
            last = self.surname(sid, variant)
            name = last if kind == "S" else f"{self.first_name(number, variant)} {last}"
            self.added_words.add(name)
            return name

        def render(block: int) -> str:
            parts = source.blocks[block][:]
            for i in range(1, len(parts), 2):
                parts[i] = fill(parts[i])
            return "".join(parts)

        head = render(title)
        body = [render(b) for b in chosen]
        lines, dateline = self._byline_and_date(rng)
        if dateline:
            body[0] = f"{dateline} - {body[0]}"
        header = f"{head}\n\n" + ("\n".join(lines) + "\n\n" if lines else "")
        return category, header + "\n\n".join(body) + "\n"

    def _byline_and_date(self, rng: random.Random) -> tuple[list[str], str | None]:
        """The lines under the title (a byline for half the articles, a date line written
        one of five ways), or for one in ten a dateline to open the lead with instead."""
        source = self.source
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(self.span_days))
        lines = []
        if rng.random() < 0.5:
            pid = rng.randrange(len(source.person_first))
            writer = f"By {self.first_name(pid, 1)} {self.surname(source.person_surname[pid], 1)}"
            self.added_words.add(writer)
            lines.append(writer)
        style = rng.randrange(10)
        month = _MONTH_NAMES[day.month - 1]
        written = f"{day.day} {month} {day.year}"
        if style == 9:
            return lines, f"{rng.choice(_PLACES)}, {written}"
        iso = day.isoformat()
        formats = (iso, written, f"{month} {day.day}, {day.year}", f"Published: {written}")
        lines.append((*formats, f"Date: {iso}")[style % 5])
        return lines, None

    def _coinages(self, rng: random.Random, chosen: list[int], n: int) -> dict[str, str]:
        """Which of this article's places and firms get made-up names: enough new words to
        keep the vocabulary on its Heaps curve, plus made-up words used before."""
        orgs = list(dict.fromkeys(k for b in chosen for k in self.source.block_orgs[b]))
        if not orgs:
            return {}
        n0 = len(self.source.articles)
        target = int(len(self.source.vocabulary) * (((n + n0) / n0) ** self.beta - 1))
        new = min(len(orgs), max(0, target - len(self.coined)))
        replaced: dict[str, str] = {}
        for key in rng.sample(orgs, new):
            word = coin(rng, self.taken)
            self.coined.append(word)
            replaced[key] = word
        if self.coined:
            for key in orgs:
                if key not in replaced and rng.random() < 0.08:
                    replaced[key] = self.coined[int(len(self.coined) * rng.random() ** 2)]
        self.added_words.update(replaced.values())
        return replaced

    def vocabulary(self) -> int:
        """Distinct lower-cased words written so far (exact: the words of the templates used
        plus every name and made-up word put into them, plus the date lines' words)."""
        words: set[str] = set()
        for block in self.used_blocks:
            words |= self.source.words_of(block)
        for added in self.added_words:
            words.update(_WORD.findall(added.lower()))
        words.update(m.lower() for m in _MONTH_NAMES)
        words.update(("by", "published", "date"))
        words.update(p.lower() for p in _PLACES)
        return len(words)


def generate(
    out: Path,
    size: int,
    seed: int = 0,
    source: Source | Path = DEFAULT_SOURCE,
    beta: float = 0.5,
) -> CorpusStats:
    """Write ``size`` articles into ``out`` (emptied first if an earlier run made it)."""
    started = time.perf_counter()
    if not isinstance(source, Source):
        source = load_source(Path(source))
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise SystemExit(f"{out} is not empty and was not made by make_corpus.py")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    generator = Generator(source, seed, beta)
    checkpoints = {10**k for k in range(2, 9)} | {size}
    heaps: list[tuple[int, int]] = []
    written = 0
    folder = out
    for index in range(size):
        if index % FILES_PER_FOLDER == 0:
            folder = out / f"part-{index // 10_000:02d}" / f"{index // FILES_PER_FOLDER % 100:02d}"
            folder.mkdir(parents=True, exist_ok=True)
        category, text = generator.article(index)
        data = text.encode("utf-8")
        (folder / f"{category}-{index:06d}.txt").write_bytes(data)
        written += len(data)
        if index + 1 in checkpoints:
            heaps.append((index + 1, generator.vocabulary()))
    stats = CorpusStats(
        folder=out,
        articles=size,
        megabytes=written / 1e6,
        seconds=time.perf_counter() - started,
        vocabulary=heaps[-1][1] if heaps else 0,
        source_vocabulary=len(source.vocabulary),
        heaps=tuple(heaps),
        coined=len(generator.coined),
        first_day=FIRST_DAY.isoformat(),
        last_day=LAST_DAY.isoformat(),
        seed=seed,
    )
    marker = {k: v for k, v in stats.__dict__.items() if k != "folder"}
    marker["source"] = str(source.folder)
    (out / MARKER).write_text(json.dumps(marker, indent=1) + "\n", encoding="utf-8")
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--size", type=int, action="append", help="articles (repeatable; default 10000, 100000)"
    )
    parser.add_argument("--out", type=Path, help="output folder (default: a new temporary one)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the BBC corpus")
    parser.add_argument("--beta", type=float, default=0.5, help="Heaps' exponent to follow")
    options = parser.parse_args()
    sizes = options.size or [10_000, 100_000]
    if not options.source.is_dir():
        print(f"no source corpus at {options.source}", file=sys.stderr)
        return 2
    out = options.out or Path(tempfile.mkdtemp(prefix="archiveapp-corpus-"))
    started = time.perf_counter()
    source = load_source(options.source)
    print(
        f"source: {len(source.articles)} articles from {options.source}, "
        f"{len(source.vocabulary):,} words, {len(source.person_first):,} people, "
        f"{len(source.orgs):,} places/firms ({time.perf_counter() - started:.1f} s to load)\n"
    )
    print(f"{'articles':>10}{'MB':>9}{'seconds':>9}{'vocabulary':>12}{'made-up':>9}  folder")
    for size in sizes:
        folder = out if len(sizes) == 1 else out / f"articles-{size}"
        stats = generate(folder, size, options.seed, source, options.beta)
        print(
            f"{stats.articles:>10,}{stats.megabytes:>9.1f}{stats.seconds:>9.1f}"
            f"{stats.vocabulary:>12,}{stats.coined:>9,}  {folder}"
        )
        curve = ", ".join(f"{n:,}: {v:,}" for n, v in stats.heaps)
        beta = f"; beta {stats.beta:.2f} over the last step" if stats.beta else ""
        print(f"{'':>10}Heaps: vocabulary at {curve}{beta}")
    print(f"\nremove with: rm -rf {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
