"""``archive.annotations``: what a front end can do with the user's work on quotes.

Every action takes quote ids (or tag and speaker ids), writes one transaction to the
annotations database, brings the archive's quotes, speakers and index in line with it, and
returns a ``Change`` that ``undo`` and ``redo`` accept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import names
from ..errors import ArchiveError
from ..model import Annotation, Quote, Tag
from .anchoring import context, normalised
from .changes import Change
from .exchange import ImportReport, export_annotations, import_annotations
from .palette import TAG_COLOURS, next_tag_colour
from .store import QuoteRef

if TYPE_CHECKING:
    from ..archive import Archive


class Annotations:
    def __init__(self, archive: Archive) -> None:
        self._archive = archive
        self._notes = archive._notes
        self._store = archive._store
        self._seen_revision = self._notes.revision()

    # -- reading ------------------------------------------------------------------------

    def tags(self) -> list[Tag]:
        return self._notes.tags()

    def all(self) -> list[Annotation]:
        return self._notes.annotations()

    def orphans(self) -> list[Annotation]:
        return self._notes.annotations(orphaned=True)

    def of_quote(self, quote_id: str) -> Annotation | None:
        return self._notes.by_quote([quote_id]).get(quote_id)

    def changed_elsewhere(self) -> bool:
        """Whether another window or the command line wrote annotations since the last
        call (cheap: meant to be polled)."""
        revision = self._notes.revision()
        changed = revision not in (self._seen_revision, self._notes.own_revision)
        self._seen_revision = revision
        return changed

    # -- tags and notes --------------------------------------------------------------------

    def tag(self, quote_ids: Sequence[str], tags: Sequence[str]) -> Change:
        return self._notes.tag(self._refs(quote_ids), tags, TAG_COLOURS)

    def untag(self, quote_ids: Sequence[str], tags: Sequence[str]) -> Change:
        self._refs(quote_ids)  # unknown ids are an error here too
        return self._notes.untag(quote_ids, tags)

    def set_note(self, quote_id: str, note: str) -> Change:
        (ref,) = self._refs([quote_id])
        return self._notes.set_note(ref, note)

    def create_tag(self, name: str, colour: str | None = None) -> Change:
        return self._notes.create_tag(name, colour or self._free_colour())

    def rename_tag(self, tag_id: int, name: str) -> Change:
        return self._notes.rename_tag(tag_id, name)

    def set_tag_colour(self, tag_id: int, colour: str | None) -> Change:
        return self._notes.set_tag_colour(tag_id, colour)

    def merge_tags(self, sources: Sequence[int], target: int) -> Change:
        return self._notes.merge_tags(sources, target)

    def delete_tag(self, tag_id: int) -> Change:
        return self._notes.delete_tag(tag_id)

    # -- corrections -----------------------------------------------------------------------

    def set_speaker(
        self, quote_ids: Sequence[str], name: str | None, role: str | None = None
    ) -> Change:
        """Who said these quotes (``name`` None gives them back to the extractor)."""
        return self._apply(self._notes.set_speaker(self._refs(quote_ids), name, role))

    def set_not_a_quote(self, quote_ids: Sequence[str], flag: bool = True) -> Change:
        refs = self._refs(quote_ids, hidden=not flag)
        return self._apply(self._notes.set_not_a_quote(refs, flag))

    def add_quote(
        self, document: str, start: int, end: int, speaker: str | None, role: str | None = None
    ) -> Change:
        """Mark ``text[start:end]`` of a document as a quote the extractor missed."""
        found = self._archive.document(document)
        if not (0 <= start < end <= len(found.text)) or not found.text[start:end].strip():
            raise ArchiveError("select the words of the quote in the article first")
        before, after = context(found.text, start, end)
        ref = QuoteRef("", found.path, normalised(found.text[start:end]), before, after)
        return self._apply(self._notes.add_quote(ref, speaker, role))

    def merge_speakers(self, speaker_ids: Sequence[int], into: int) -> Change:
        """The speakers are one person: ``into``. Undo or ``split_speaker`` part them."""
        target = self._archive.speaker(into)
        if target is None:
            raise ArchiveError(f"there is no speaker #{into}")
        aliases = [s for i in speaker_ids if i != into for s in self._store.spellings_of(i)]
        target_key = self._store.speaker_key_of(into)
        return self._apply(self._notes.link_speakers(aliases, (target_key, target.name)))

    def split_speaker(self, speaker_id: int, spellings: Sequence[str]) -> Change:
        """The spellings (as the speakers pane lists them) stand alone again."""
        known = dict((name, key) for key, name in self._store.spellings_of(speaker_id))
        unknown = [s for s in spellings if s not in known]
        if unknown:
            raise ArchiveError(f"speaker #{speaker_id} is never written {unknown[0]!r}")
        return self._apply(self._notes.separate_speakers([(known[s], s) for s in spellings]))

    # -- orphans -------------------------------------------------------------------------

    def reattach(self, uid: str, quote_id: str) -> Change:
        (ref,) = self._refs([quote_id])
        return self._apply(self._notes.reattach(uid, ref))

    def delete(self, uids: Sequence[str]) -> Change:
        return self._apply(self._notes.delete(uids))

    # -- undo ----------------------------------------------------------------------------

    def undo(self, change: Change) -> int:
        """Take ``change`` back; returns how many of its rows were left as another window
        or the command line changed them since (their change wins)."""
        kept = self._notes.undo(change)
        self._archive._after_annotations(_documents_of(change), change.speakers)
        return kept

    def redo(self, change: Change) -> int:
        kept = self._notes.redo(change)
        self._archive._after_annotations(_documents_of(change), change.speakers)
        return kept

    # -- sharing -------------------------------------------------------------------------

    def export(self, path: str | Path) -> int:
        """Write every annotation, orphans included, to a JSON file; returns how many."""
        return export_annotations(self._notes, Path(path), self._archive.folder.name)

    def import_(self, path: str | Path) -> ImportReport:
        """Merge a file written by ``export`` (here or by a colleague) into this archive."""
        report = import_annotations(self._notes, Path(path))
        self._archive._after_annotations(report.documents, speakers=True)
        return report

    # -- helpers -------------------------------------------------------------------------

    def _apply(self, change: Change) -> Change:
        self._archive._after_annotations(change.documents, change.speakers)
        return change

    def _refs(self, quote_ids: Sequence[str], hidden: bool | None = None) -> list[QuoteRef]:
        if not quote_ids:
            raise ArchiveError("choose at least one quote")
        quotes = {q.id: q for q in self._store.quotes(ids=quote_ids, hidden=False)}
        if hidden is not False:  # marked "not a quote" can still be annotated and restored
            quotes.update({q.id: q for q in self._store.quotes(ids=quote_ids, hidden=True)})
        missing = [i for i in quote_ids if i not in quotes]
        if missing:
            raise ArchiveError(
                f"no quote {missing[0]} in this archive (list them with: archiveapp quotes)"
            )
        texts: dict[str, str] = {}
        refs = []
        for quote_id in quote_ids:
            quote = quotes[quote_id]
            if quote.document not in texts:
                texts[quote.document] = self._archive.document(quote.document).text
            refs.append(_ref(quote, texts[quote.document]))
        return refs

    def _free_colour(self) -> str:
        return next_tag_colour([t.colour for t in self._notes.tags()])


def _ref(quote: Quote, text: str) -> QuoteRef:
    before, after = context(text, quote.start, quote.end)
    return QuoteRef(quote.id, quote.document, normalised(quote.text), before, after, quote.speaker)


def _documents_of(change: Change) -> tuple[str, ...]:
    """Every document an undo or redo may have touched: an annotation written back (say,
    one an untag had removed) must be placed on its quote again."""
    touched = set(change.documents)
    for images in (change.before, change.after):
        touched.update(str(row[1]) for row in images["anchors"].values() if row is not None)
    return tuple(sorted(touched))


def speaker_key_for(name: str | None) -> str | None:
    """A name the user typed is a speaker whatever its case ("the mayor" included)."""
    return (names.speaker_key(name) or None) if name else None
