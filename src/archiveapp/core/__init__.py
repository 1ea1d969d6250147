"""The Qt-free core of archiveapp: reading, extracting, storing, indexing, searching.

Nothing under this package imports PySide6 (tests/unit/test_core_has_no_qt.py checks it),
so scripts, notebooks and the command line use it without a GUI stack.
"""

from typing import TYPE_CHECKING

from .errors import ArchiveError, QueryError
from .model import Document, DocumentSummary, Progress, Quote, SearchHit, Speaker, UpdateReport

if TYPE_CHECKING:
    from .archive import Archive


def __getattr__(name: str) -> object:
    # Archive brings Whoosh, SQLite and every reader (trafilatura, pdfminer, ...): imported
    # when first asked for, so `archiveapp extract` starts in a fraction of the time.
    if name == "Archive":
        from .archive import Archive

        return Archive
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Archive",
    "ArchiveError",
    "Document",
    "DocumentSummary",
    "Progress",
    "QueryError",
    "Quote",
    "SearchHit",
    "Speaker",
    "UpdateReport",
]
