"""One model per pane: ids plus a row cache, column constants, custom roles."""

from .base import HIGHLIGHTS_ROLE, ID_ROLE, ROW_ROLE, SPEAKER_ROLE, RowModel
from .documents import DocumentsModel
from .failures import FailuresModel
from .quotes import QuotesModel
from .speakers import SpeakersModel
from .tags import TagsModel

__all__ = [
    "HIGHLIGHTS_ROLE",
    "ID_ROLE",
    "ROW_ROLE",
    "SPEAKER_ROLE",
    "DocumentsModel",
    "FailuresModel",
    "QuotesModel",
    "RowModel",
    "SpeakersModel",
    "TagsModel",
]
