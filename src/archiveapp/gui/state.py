"""What the user has chosen: the search, the document and speaker that narrow the panes,
the selected quote, and the history of those choices for Back/Forward.

Plain Python (no Qt) so the linking rules can be read and tested on their own. Each pane is
narrowed by every choice except the one made in that pane, so clicking a row never changes
the list the user just clicked in:

- documents pane: the search and the speaker;
- speakers pane:  the search and the document;
- quotes pane:    the search and whichever of document / speaker was chosen last (a speaker
  shows their quotes across the whole archive, a document shows its own quotes).

A tag chosen in the tags pane narrows all three, like a ``tag:`` term in the search; the
quotes marked "not a quote" are a list of their own, shown instead of the others.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Pivot = Literal["document", "speaker"]


@dataclass(frozen=True)
class Focus:
    query: str = ""
    document: str | None = None  # path of the document that narrows speakers and quotes
    speaker: int | None = None  # id of the speaker that narrows documents and quotes
    pivot: Pivot | None = None  # which of the two narrows the quotes pane
    quote: str | None = None  # selected quote: opens its document in the viewer
    quote_document: str | None = None  # the document of the selected quote
    tag: str | None = None  # name of the tag that narrows every pane
    rejected: bool = False  # the quotes pane lists those marked "not a quote"

    # -- the intents -------------------------------------------------------------------

    def with_query(self, query: str) -> Focus:
        return replace(self, query=query.strip())

    def with_document(self, path: str | None) -> Focus:
        pivot: Pivot | None = (
            "document" if path else ("speaker" if self.speaker is not None else None)
        )
        keep_quote = self.quote is not None and self.quote_document == path
        return replace(
            self,
            document=path,
            pivot=pivot,
            quote=self.quote if keep_quote else None,
            quote_document=self.quote_document if keep_quote else None,
        )

    def with_speaker(self, speaker_id: int | None) -> Focus:
        pivot: Pivot | None = (
            "speaker" if speaker_id is not None else ("document" if self.document else None)
        )
        return replace(self, speaker=speaker_id, pivot=pivot, quote=None, quote_document=None)

    def with_quote(self, quote_id: str | None, document: str | None) -> Focus:
        return replace(self, quote=quote_id, quote_document=document if quote_id else None)

    def with_tag(self, name: str | None) -> Focus:
        return replace(self, tag=name, quote=None, quote_document=None)

    def with_rejected(self, rejected: bool) -> Focus:
        return replace(self, rejected=rejected, quote=None, quote_document=None)

    @property
    def search_query(self) -> str:
        """The search as the archive runs it: the typed query and the chosen tag."""
        if self.tag is None:
            return self.query
        term = 'tag:"' + self.tag.replace('"', "") + '"'
        return f"{self.query} {term}" if self.query else term

    def cleared(self) -> Focus:
        return Focus()

    # -- what each pane and the viewer show ---------------------------------------------

    @property
    def viewed_document(self) -> str | None:
        """The document in the viewer: the selected quote's, else the selected document."""
        return self.quote_document or self.document

    @property
    def quotes_speaker(self) -> int | None:
        return self.speaker if self.pivot == "speaker" else None

    @property
    def quotes_document(self) -> str | None:
        return self.document if self.pivot == "document" else None

    def documents_key(self) -> tuple[object, ...]:
        return (self.search_query, self.speaker)

    def speakers_key(self) -> tuple[object, ...]:
        return (self.search_query, self.document)

    def quotes_key(self) -> tuple[object, ...]:
        return (self.search_query, self.quotes_speaker, self.quotes_document, self.rejected)


class History:
    """Back/forward over focus states. Consecutive changes of the search alone replace the
    newest entry, so typing a word is one step back, not one per keystroke."""

    def __init__(self, limit: int = 200) -> None:
        self._states: list[Focus] = [Focus()]
        self._at = 0
        self._limit = limit

    @property
    def current(self) -> Focus:
        return self._states[self._at]

    def push(self, focus: Focus) -> None:
        if focus == self.current:
            return
        del self._states[self._at + 1 :]
        if (
            _only_query_differs(self.current, focus)
            and self._at > 0
            and _only_query_differs(self._states[self._at - 1], self.current)
        ):
            self._states[self._at] = focus
            return
        self._states.append(focus)
        if len(self._states) > self._limit:
            del self._states[0]
        self._at = len(self._states) - 1

    def reset(self, focus: Focus | None = None) -> None:
        self._states = [focus or Focus()]
        self._at = 0

    def can_go_back(self) -> bool:
        return self._at > 0

    def can_go_forward(self) -> bool:
        return self._at < len(self._states) - 1

    def back(self) -> Focus:
        if self.can_go_back():
            self._at -= 1
        return self.current

    def forward(self) -> Focus:
        if self.can_go_forward():
            self._at += 1
        return self.current


def _only_query_differs(a: Focus, b: Focus) -> bool:
    return a.query != b.query and replace(a, query="") == replace(b, query="")
