"""How the Tantivy engine turns text into terms: its schema and its two analyzers.

They copy Whoosh's ``StemmingAnalyzer`` as far as Tantivy allows, so that a word finds the
same documents in both engines: Whoosh's token pattern, lower case, Whoosh's stop words
(and, like its ``minsize=2``, single letters and digits) on prose, none on names, then an
English stemmer (Snowball's, where Whoosh has Porter's: they differ on a few rare words).
Tantivy keeps a gap where a stop word was; Whoosh closes it up.
"""

from __future__ import annotations

import string
import threading
from collections.abc import Iterable

import tantivy
from whoosh.analysis import STOP_WORDS

from .snippets import WORD

# Bump when the schema or the analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = "tantivy-1"

PROSE = "archiveapp_prose"  # title, body: stop words go
NAMES = "archiveapp_names"  # speaker, author, outlet: every word counts ("The Times")

# The same words as the Whoosh engine and the snippets (see snippets.WORD).
TOKEN_PATTERN = WORD.pattern
# Whoosh drops words shorter than two characters from prose, as it drops stop words.
PROSE_STOP_WORDS = frozenset(STOP_WORDS) | frozenset(string.ascii_lowercase + string.digits)

FIELD_ANALYZER = {
    "title": PROSE,
    "body": PROSE,
    "speaker": NAMES,
    "author": NAMES,
    "outlet": NAMES,
}
RAW_FIELDS = ("uid", "kind", "path", "quote_id", "date")
STORED_FIELDS = ("uid", "kind", "path", "quote_id")


def build_schema() -> tantivy.Schema:
    """Ids raw and stored (the store keeps every text), texts analyzed and not stored."""
    builder = tantivy.SchemaBuilder()
    for name in RAW_FIELDS:
        builder.add_text_field(
            name, stored=name in STORED_FIELDS, tokenizer_name="raw", index_option="basic"
        )
    for name, analyzer in FIELD_ANALYZER.items():
        # Positions for phrases on every text field: outlet:"Harwick Courier" is one.
        builder.add_text_field(name, tokenizer_name=analyzer, index_option="position")
    return builder.build()


def _analyzer(stop_words: Iterable[str] | None) -> tantivy.TextAnalyzer:
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(TOKEN_PATTERN)).filter(
        tantivy.Filter.lowercase()
    )
    if stop_words is not None:
        builder = builder.filter(tantivy.Filter.custom_stopword(sorted(stop_words)))
    return builder.filter(tantivy.Filter.stemmer("english")).build()


ANALYZERS = {PROSE: _analyzer(PROSE_STOP_WORDS), NAMES: _analyzer(None)}


def register_analyzers(index: tantivy.Index) -> None:
    """Tantivy keeps analyzers by name in memory only: every opened index needs them."""
    for name, analyzer in ANALYZERS.items():
        index.register_tokenizer(name, analyzer)


def analyze(field: str, text: str) -> list[str]:
    """The terms ``text`` becomes in ``field``, as the index made them."""
    return ANALYZERS[FIELD_ANALYZER[field]].analyze(text)


_WHOLE = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw())
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.stemmer("english"))
    .build()
)


def stem_whole(text: str) -> str:
    """``text`` lower-cased and stemmed as one word, as Whoosh treats the text of a prefix
    or a wildcard ("elections*" looks for "elect…", "fer?y" for "fer?i")."""
    return next(iter(_WHOLE.analyze(text)), text.lower())


# -- stems of many words, for highlighting -------------------------------------------------

_STEM_CACHE_SIZE = 50_000
_stems: dict[str, str] = {}
_stems_lock = threading.Lock()


def stems(words: Iterable[str]) -> dict[str, str]:
    """The stem of each (lower-case) word, stop words included; cached, since the same
    few thousand words come back in every snippet."""
    wanted = set(words)
    with _stems_lock:
        cached = _stems.get
        found = {word: stem for word in wanted if (stem := cached(word)) is not None}
    missing = sorted(wanted - found.keys())
    if missing:
        fresh = _stem_all(missing)
        with _stems_lock:
            if len(_stems) + len(fresh) > _STEM_CACHE_SIZE:
                _stems.clear()
            _stems.update(fresh)
        found.update(fresh)
    return found


def _stem_all(words: list[str]) -> dict[str, str]:
    # One call for all the words (a call costs more than a word); word by word only when
    # Rust's \w and Python's split some word differently and the counts no longer agree.
    analyzer = ANALYZERS[NAMES]
    together = analyzer.analyze(" ".join(words))
    if len(together) == len(words):
        return dict(zip(words, together, strict=True))
    return {word: next(iter(analyzer.analyze(word)), word) for word in words}
