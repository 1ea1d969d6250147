"""Full-text search over documents and quotes, behind one small interface.

Two engines stand behind it: Whoosh (the default, pure Python, what the client asked for)
and Tantivy (``pip install 'archiveapp[tantivy]'``, a Rust engine for archives of a
hundred thousand articles). The archive picks one per archive; both speak the same query
language (``query_problem`` and the Whoosh query parser define it) and give the same
answers to the same tests.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ArchiveError
from .backend import DocumentMatch, IndexedQuote, IndexWriting, SearchBackend
from .syntax import SEARCH_FIELDS, query_problem

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "SEARCH_FIELDS",
    "DocumentMatch",
    "IndexWriting",
    "IndexedQuote",
    "SearchBackend",
    "engine_available",
    "open_backend",
    "query_problem",
]

DEFAULT_ENGINE = "whoosh"
ENGINES = ("whoosh", "tantivy")


def engine_available(engine: str) -> bool:
    if engine == "whoosh":
        return True
    if engine == "tantivy":
        try:
            import tantivy  # noqa: F401
        except ImportError:
            return False
        return True
    return False


def open_backend(folder: Path, engine: str = DEFAULT_ENGINE) -> SearchBackend:
    """The index in ``folder`` (created when missing) for ``engine``."""
    if engine == "whoosh":
        from .whoosh_index import WhooshIndex

        return WhooshIndex(folder)
    if engine == "tantivy":
        if not engine_available("tantivy"):
            raise ArchiveError(
                "the tantivy engine is not installed: pip install 'archiveapp[tantivy]'"
            )
        from .tantivy_index import TantivyIndex

        return TantivyIndex(folder)
    raise ArchiveError(f"unknown search engine {engine!r}: use one of {', '.join(ENGINES)}")
