"""archiveapp: an offline archive of news articles, their direct quotes and who said them.

from archiveapp import Archive
archive = Archive.open("~/articles")
archive.update()
archive.quotes(speaker="Fedorov")
"""

from typing import TYPE_CHECKING

from .core import (
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

if TYPE_CHECKING:
    from .core.archive import Archive


def __getattr__(name: str) -> object:
    if name == "Archive":  # on first use: see archiveapp.core
        from .core.archive import Archive

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
    "__version__",
]
