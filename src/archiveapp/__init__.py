"""archiveapp: an offline archive of news articles, their direct quotes and who said them.

from archiveapp import Archive
archive = Archive.open("~/articles")
archive.update()
archive.quotes(speaker="Fedorov")
"""

from .core import (
    Archive,
    ArchiveError,
    Document,
    DocumentSummary,
    Progress,
    QueryError,
    Quote,
    SearchHit,
    Speaker,
    UpdateReport,
)

__version__ = "0.1.0"

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
    "__version__",
]
