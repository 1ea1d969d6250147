"""The Qt-free core of archiveapp: reading, extracting, storing, indexing, searching.

Nothing under this package imports PySide6 (tests/unit/test_core_has_no_qt.py checks it),
so scripts, notebooks and the command line use it without a GUI stack.
"""

from .archive import Archive
from .errors import ArchiveError, QueryError
from .model import Document, DocumentSummary, Progress, Quote, SearchHit, Speaker, UpdateReport

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
